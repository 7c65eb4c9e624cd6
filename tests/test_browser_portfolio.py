"""In a real browser: accept a finding, create a measure from it, link the measure to a
project and see the project climb in the portfolio ranking.

The app runs as `make run` runs it, but on its own empty SQLite file (``DATABASE_URL``), so
its first start seeds the sample processes and the Musterstadt portfolio and the test
changes nobody's data. Screenshots of each step land in ``test-artifacts/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlmodel import select

from models import Process, ProcessVersion
from models.db import engine_for
from models.portfolio import MeasureRow, ProjectRow
from models.portfolio_store import rank_json, update_project
from tests.browser import ARTIFACTS
from tests.server import serve_app
from tests.workspace_app import open_session

pytestmark = pytest.mark.slow

HOURS = 50_000  # large enough to lift any seeded project under the default scheme


@pytest.fixture(scope="module")
def workspace_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """``make run`` on a free port with its own database; yields (base URL, database URL)."""
    folder = tmp_path_factory.mktemp("browser-workspace")
    url = f"sqlite:///{folder / 'workbench.db'}"
    with serve_app(folder, {"DATABASE_URL": url}) as base:
        yield base, url


@pytest.fixture
def tab(
    browser: object, workspace_server: tuple[str, str], request: pytest.FixtureRequest
) -> Iterator[object]:
    """A fresh German page; its last state is kept as a screenshot, also when a step fails."""
    context = browser.new_context(viewport={"width": 1600, "height": 1100}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        yield page
    finally:
        try:
            shot(page, f"last_{request.node.name}")
        finally:
            context.close()


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"portfolio_{name}.png"), full_page=True)


def keyed(key_prefix: str) -> str:
    """CSS selector of a widget whose key starts with ``key_prefix`` (Streamlit's st-key class,
    where the dots of a key become dashes)."""
    return f'[class*="st-key-{key_prefix.replace(".", "-")}"]'


def choose(page: object, key_prefix: str, text: str) -> None:
    """Pick the option containing ``text`` in the selectbox keyed ``key_prefix``."""
    page.locator(f"{keyed(key_prefix)} [role=combobox]").first.click()
    page.get_by_role("option").filter(has_text=text).first.click()


def displayed_rank(page: object, name: str) -> int:
    """The rank of project ``name`` as the ranking chart's axis shows it ("3. Name")."""
    page.goto(page.base_url + "/portfolio")  # type: ignore[attr-defined]
    ticks = page.locator(".js-plotly-plot .ytick text")
    ticks.first.wait_for()
    for label in ticks.evaluate_all("els => els.map(e => e.textContent)"):
        match = re.match(r"(\d+)\. (.*)", label)
        if match and match.group(2) == name:
            return int(match.group(1))
    raise AssertionError(f"{name!r} not on the ranking axis")


def test_measure_from_a_finding_lifts_its_project_in_the_ranking(tab, workspace_server) -> None:
    page = tab
    base, url = workspace_server
    page.base_url = base  # type: ignore[attr-defined]
    page.goto(base + "/portfolio")  # first start: the app seeds its database
    page.locator(".js-plotly-plot .ytick text").first.wait_for()  # seeded, ranked, drawn
    engine = engine_for(url)
    with open_session(engine) as session:
        before = rank_json(session)
        last = before[-1]["project"]
        project = session.exec(select(ProjectRow).where(ProjectRow.key == last)).one()
        version = session.exec(select(ProcessVersion).join(Process).where(
            Process.name.startswith("Gewerbeanmeldung – Ist"))).first()
    assert displayed_rank(page, project.name) == before[-1]["rank"]
    shot(page, "1_ranking_before")

    # The analysis of a library version, opened by its address (?version=ID).
    page.goto(f"{base}/analysis?version={version.id}")
    page.get_by_text("aus der Bibliothek").first.wait_for()
    # The diagram above the table draws last: wait for it, or the table moves under the click.
    page.locator("[data-testid=stBidiComponentIsolated]").first.wait_for()
    page.wait_for_function(
        """() => { const h = document.querySelector('[data-testid=stBidiComponentIsolated]');
                   const r = h && (h.shadowRoot || h);
                   return r && r.querySelectorAll('.pa-badge').length > 0; }""",
        timeout=60_000,
    )
    review = page.get_by_text("Prüfung im Workshop").first
    for _ in range(3):  # a click during a rerun can be lost: click the row again
        grid = page.locator("[data-testid=stDataFrame]").first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first finding's row
        try:
            review.wait_for(timeout=15_000)
            break
        except PlaywrightTimeout:
            continue
    review.wait_for()
    page.locator("[data-testid=stRadio] label").filter(has_text="angenommen").first.click()
    page.get_by_role("button", name="Prüfung speichern").click()
    page.get_by_text("Prüfung gespeichert").first.wait_for()
    shot(page, "2_finding_accepted")

    # A measure from the accepted finding (chosen already), with a large effect.
    name = page.locator(f"{keyed('analysis.measure_name.')} input")
    if not name.is_visible():  # the expander keeps the state it had before the acceptance
        page.get_by_text("Maßnahme aus Befunden anlegen").first.click()
    name.fill("Online-Antrag ohne Papier")
    hours = page.locator(f"{keyed('analysis.measure_hours.')} input")
    hours.fill(str(HOURS))
    page.get_by_role("button", name="Maßnahme anlegen").click()
    page.get_by_text(re.compile(r"Maßnahme M-\d+ .Online-Antrag ohne Papier. angelegt")).wait_for()
    with open_session(engine) as session:
        measure = session.exec(select(MeasureRow).where(
            MeasureRow.name == "Online-Antrag ohne Papier")).one()
    assert measure.project_id is None and measure.finding_ids
    assert measure.hours_saved_per_year == HOURS

    # Link it to the last-ranked project.
    choose(page, f"analysis.link.{version.id}.measure", measure.key)
    choose(page, f"analysis.link.{version.id}.project", last)
    page.get_by_role("button", name="Zuordnen").click()
    page.get_by_text(f"ist jetzt dem Projekt {last} zugeordnet").first.wait_for()
    shot(page, "3_measure_linked")
    with open_session(engine) as session:
        linked = session.get(MeasureRow, measure.id)
        after = {r["project"]: r["rank"] for r in rank_json(session)}
    assert linked.project_id == project.id
    assert after[last] < before[-1]["rank"]

    # The ranking page shows the project higher up.
    assert displayed_rank(page, project.name) == after[last]
    shot(page, "4_ranking_after")
    assert "Traceback" not in page.content()
    engine.dispose()


def edit_names(page: object, names: list[str]) -> None:
    """Type ``names`` into the name cells of the first rows (Enter opens a cell's editor,
    Enter again closes it)."""
    grid = page.locator("[data-testid=stDataFrame]").filter(visible=True).first
    editor = page.locator("textarea.gdg-input")
    for row, name in enumerate(names):
        for attempt in range(4):  # a click while the page still renders selects nothing
            if row == 0 or attempt:  # after an edit, Enter has moved to the row below
                box = grid.bounding_box()
                page.mouse.click(box["x"] + 150, box["y"] + 35 + 17 + 35 * row)
            page.keyboard.press("Enter")
            try:
                editor.wait_for(state="visible", timeout=5_000)
                break
            except PlaywrightTimeout:
                continue
        editor.fill(name)
        page.keyboard.press("Enter")
        editor.wait_for(state="detached")
        # The grid mirrors its cells in the DOM for screen readers: the new value is there.
        page.get_by_text(name, exact=True).first.wait_for(state="attached", timeout=15_000)


def test_project_table_refuses_a_row_changed_meanwhile(tab, workspace_server) -> None:
    """Two editors: the row someone else saved first is not overwritten; the other row is."""
    page = tab
    base, url = workspace_server
    page.goto(base + "/portfolio")
    page.get_by_role("tab", name="Projekte").click()
    save = page.get_by_role("button", name="Änderungen speichern")
    save.wait_for()
    edit_names(page, ["E-Akte Gewerbe (neu)", "Wohngeld online (neu)"])
    engine = engine_for(url)
    with open_session(engine) as session:  # a colleague saves P-02 first
        first, second = session.exec(select(ProjectRow).order_by(ProjectRow.key)).all()[:2]
        update_project(session, second.key, {"budget": 1.0}, second.version, actor="kollegin")
    save.click()
    page.get_by_text("inzwischen von jemand anderem geändert").first.wait_for()
    page.get_by_text(f"Gespeichert: {first.key}").first.wait_for()
    shot(page, "5_stale_row_refused")
    with open_session(engine) as session:
        saved = session.get(ProjectRow, first.id)
        kept = session.get(ProjectRow, second.id)
    assert saved.name == "E-Akte Gewerbe (neu)" and saved.version == first.version + 1
    assert (kept.name, kept.budget) == (second.name, 1.0)  # the colleague's save stands
    assert "Traceback" not in page.content()
    engine.dispose()
