"""In a real browser: model a to-be variant, keep the draft, compare, apply a suggestion.

Runs Debian's Chromium through Playwright (tests/browser.py) against the app served by
`make run`, here on a database of its own (a temporary SQLite file, seeded with the
sample processes on first start like a fresh installation), so the tests neither see
nor change ``data/workbench.db``. Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from models.db import engine_for, session_for
from models.store import get_version
from processanalysis import read_bpmn
from processanalysis.analysis.media import PA_MEDIUM
from processanalysis.analysis.runner import analyse
from tests.browser import ARTIFACTS
from tests.server import serve_app

pytestmark = pytest.mark.slow

HOST = "[data-testid=stBidiComponentIsolated]"
NEW_TASK = "Antrag online prüfen"
DRAFT_TASK = "Entwurf: Rückfrage per E-Mail"

#: The modeller's state: element count, the id and label of the selected element, status.
MODELER_STATE = """() => {
  const host = [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')]
    .find(h => (h.shadowRoot || h).querySelector('.pa-modeler'));
  const root = host && (host.shadowRoot || host);
  const modeler = root && root.querySelector('.pa-modeler').paModeler;
  if (!modeler || !modeler.bpmn) return null;
  const registry = modeler.bpmn.get('elementRegistry');
  return {
    shapes: root.querySelectorAll('.djs-element.djs-shape').length,
    palette: root.querySelectorAll('.djs-palette .entry').length,
    status: root.querySelector('.pa-status').textContent,
    task: (registry.filter(e => /^bpmn:(User|Manual|Service)?Task$/.test(e.type))
      .sort((a, b) => b.x - a.x)[0] || {}).id,
    named: registry.filter(e => e.businessObject && e.businessObject.name && !e.labelTarget)
      .map(e => ({id: e.id, name: e.businessObject.name, type: e.type,
                  medium: e.businessObject.get('pa:medium')})),
  };
}"""


#: Which elements each diagram of the compare page colours, by diff kind.
COMPARE_STATE = """() => {
  const hosts = [...document.querySelectorAll('[data-testid=stBidiComponentIsolated]')];
  return hosts.map(h => {
    const root = h.shadowRoot || h;
    const ids = (kind) => [...root.querySelectorAll(`.djs-element.pa-diff-${kind}`)]
      .map(e => e.dataset.elementId);
    return {added: ids('added'), removed: ids('removed'), changed: ids('changed'),
            focus: [...root.querySelectorAll('.djs-element.pa-focus, .djs-element.pa-focus-frame')]
              .map(e => e.dataset.elementId),
            labels: [...root.querySelectorAll('.djs-element.pa-diff-added text')]
              .map(t => t.textContent).join(' ')};
  });
}"""


@pytest.fixture(scope="module")
def server_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of the served app's database (a fresh SQLite file)."""
    return f"sqlite:///{tmp_path_factory.mktemp('modeler-db') / 'workbench.db'}"


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory, server_db: str) -> Iterator[str]:
    """`make run` on a free port with its own, fresh database; always stopped.

    The file watcher is off: a source file saved while the tests run must not make the
    server re-import its modules half-way through a test.
    """
    settings = {"DATABASE_URL": server_db, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    with serve_app(tmp_path_factory.mktemp("modeler-server"), settings) as base:
        yield base


def stored_xml(url: str, version_id: int) -> str:
    """The stored to-be variant's XML (its parent recorded), read from the app's database."""
    engine = engine_for(url)
    try:
        with session_for(engine) as session:
            version = get_version(session, version_id)
            assert version is not None and version.role == "to_be"
            assert version.parent_version_id is not None
            return version.bpmn_xml
    finally:
        engine.dispose()


def state(page) -> dict:
    return page.evaluate(MODELER_STATE)


def named(page, name: str) -> list[dict]:
    """The modeller's elements called ``name``: ``{"id", "name", "medium"}`` each."""
    return [element for element in state(page)["named"] if element["name"] == name]


def wait_named(page, name: str, count: int) -> None:
    page.wait_for_function(
        f"() => ({MODELER_STATE})().named.filter(e => e.name === {name!r}).length === {count}",
        timeout=10_000,
    )


def open_modeler(page) -> dict:
    page.goto(page.base_url + "/modeler")
    page.wait_for_function(
        f"() => {{ const s = ({MODELER_STATE})(); return s && s.shapes > 10 && s.palette > 5; }}",
        timeout=60_000,
    )
    return state(page)


def add_named_task(page, after: str, name: str = NEW_TASK) -> None:
    """Click a task, append a task from its context pad, type its name (direct editing)."""
    count = len(named(page, name))
    page.locator(f'{HOST} .djs-element[data-element-id="{after}"]').click()
    page.locator(f'{HOST} .djs-context-pad .entry[data-action="append.append-task"]').click()
    page.locator(f"{HOST} .djs-direct-editing-parent").wait_for()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    wait_named(page, name, count + 1)


def test_model_a_variant_save_it_and_see_the_comparison(page, server_db: str) -> None:
    before = open_modeler(page)
    assert before["task"], "the opened version has tasks"
    add_named_task(page, before["task"])
    # The panel shows the new task (still selected): set its medium.
    panel = page.locator(f"{HOST} .pa-properties")
    assert NEW_TASK in panel.inner_text()
    page.locator(f'{HOST} select[data-field="medium"]').select_option("online_service")
    page.wait_for_function(
        f"() => ({MODELER_STATE})().named.some(e => e.medium === 'online_service')",
        timeout=10_000,
    )
    # Undo and redo come back to the same model.
    page.locator(f'{HOST} button[data-action="undo"]').click()
    assert [e["medium"] for e in named(page, NEW_TASK)] == [None]
    page.locator(f'{HOST} button[data-action="redo"]').click()
    assert [e["medium"] for e in named(page, NEW_TASK)] == ["online_service"]
    # The panel's task type goes through bpmn-js's replace: name and medium stay.
    page.locator(f'{HOST} select[data-field="task_type"]').select_option("bpmn:UserTask")
    page.wait_for_function(
        f"() => ({MODELER_STATE})().named.some(e => e.type === 'bpmn:UserTask' "
        f"&& e.name === {NEW_TASK!r} && e.medium === 'online_service')",
        timeout=10_000,
    )
    # bpmn-js's own keyboard shortcuts work inside the component (canvas focused).
    page.locator(f"{HOST} .pa-canvas svg").first.focus()
    page.keyboard.press("Control+z")
    page.wait_for_function(
        f"() => ({MODELER_STATE})().named.some(e => e.type === 'bpmn:Task' "
        f"&& e.name === {NEW_TASK!r})",
        timeout=10_000,
    )
    page.keyboard.press("Control+y")
    page.wait_for_function(
        f"() => ({MODELER_STATE})().named.some(e => e.type === 'bpmn:UserTask' "
        f"&& e.name === {NEW_TASK!r})",
        timeout=10_000,
    )
    page.locator(f"{HOST} .pa-variant-name").fill("Online-Antrag")
    page.locator(f"{HOST} .pa-save").click()
    saved = page.get_by_text("Variante „Online-Antrag“ gespeichert (Version")
    saved.first.wait_for(timeout=60_000)
    version_id = int(saved.first.inner_text().rsplit("Version ", 1)[1].rstrip(").").strip())
    page.screenshot(path=str(ARTIFACTS / "modeler_saved.png"), full_page=True)
    # What the browser saved is what our importer and analysis read.
    model = read_bpmn(stored_xml(server_db, version_id).encode("utf-8"))
    (task,) = [e for e in model.iter_elements() if e.label == NEW_TASK]
    assert task.attributes[PA_MEDIUM] == "online_service"
    assert analyse(model).media[task.id]["medium"] == "online_service"
    # The draft was dropped after the confirmed save.
    page.wait_for_function(f"() => ({MODELER_STATE})().status === 'Gespeichert.'")
    # On to the comparison: the new variant is preselected, the new task is green.
    page.get_by_text("Mit dem Ist-Prozess vergleichen").first.click()
    page.get_by_text("Unterschiede").first.wait_for(timeout=60_000)
    page.wait_for_function(
        f"() => ({COMPARE_STATE})().some(d => d.added.includes({task.id!r}))", timeout=60_000
    )
    diagrams = page.evaluate(COMPARE_STATE)
    assert len(diagrams) == 2
    as_is, to_be = diagrams
    assert task.id in to_be["added"] and not as_is["added"]
    assert NEW_TASK.split()[0] in to_be["labels"]
    page.get_by_text(NEW_TASK).first.wait_for(state="attached")  # the diff table
    page.locator(HOST).first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "compare_variant.png"), full_page=False)
    assert "Traceback" not in page.content()


def test_draft_survives_a_reload_and_can_be_discarded(page) -> None:
    before = open_modeler(page)
    add_named_task(page, before["task"], DRAFT_TASK)
    page.wait_for_function(
        f"() => ({MODELER_STATE})().status.includes('Entwurf in diesem Browser gesichert')",
        timeout=10_000,
    )
    page.reload()
    restored = open_modeler(page)
    assert "wiederhergestellt" in restored["status"]
    assert len(named(page, DRAFT_TASK)) == 1
    page.locator(f"{HOST} .pa-discard").click()
    wait_named(page, DRAFT_TASK, 0)
    page.reload()
    open_modeler(page)
    assert named(page, DRAFT_TASK) == []


def test_apply_a_suggestion_as_a_new_variant(page) -> None:
    page.goto(page.base_url + "/compare")
    apply = page.get_by_role("button", name="Als neue Variante anwenden")
    apply.wait_for(timeout=60_000)
    apply.scroll_into_view_if_needed()
    apply.click()
    page.get_by_text("Neue Variante gespeichert (Version").first.wait_for(timeout=60_000)
    # The new variant is the one compared now: its name is in the variant box.
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid=stSelectbox] input')]
          .some(input => input.value.startsWith('Soll: Vorschlag: '))""",
        timeout=30_000,
    )
    page.wait_for_function(
        f"() => ({COMPARE_STATE})().some(d => d.added.length + d.changed.length > 0)",
        timeout=60_000,
    )
    page.screenshot(path=str(ARTIFACTS / "compare_suggestion.png"), full_page=False)
    # A finding chosen in "Befunde im Vergleich" is shown on the diagram (discussed in place).
    findings = page.locator("[data-testid=stDataFrame]").nth(1)
    # The suggestion's own break is resolved, or shifted when it lives on in another form.
    findings.get_by_text(re.compile("behoben|verlagert")).first.wait_for(state="attached")
    findings.scroll_into_view_if_needed()
    focused = f"() => ({COMPARE_STATE})().some(d => d.focus.length > 0)"
    for _ in range(3):  # the grid may still be laying out when the first click lands
        # Charts below may still be drawing and move the table: bring it back each time.
        findings.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        box = findings.bounding_box()
        page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # first row's selection cell
        try:
            page.wait_for_function(focused, timeout=10_000)
            break
        except PlaywrightTimeoutError:
            continue
    assert page.evaluate(focused)
    # Workshop mode: large type for the projector, one diagram at a time when toggled.
    title_size = "() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)"
    normal = page.evaluate(title_size)
    page.get_by_text("Workshop-Modus").first.click()
    page.wait_for_function(f"() => ({title_size})() > {normal} * 1.3", timeout=30_000)
    page.get_by_text("Umschalten", exact=True).first.click()
    page.wait_for_function(
        f"() => ({COMPARE_STATE})().length === 1 && "
        f"({COMPARE_STATE})()[0].added.length + ({COMPARE_STATE})()[0].changed.length > 0",
        timeout=30_000,
    )
    page.locator(HOST).first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "compare_workshop.png"), full_page=False)
    assert "Traceback" not in page.content()
