"""In a real browser: upload a sample, see the bpmn-js diagram with markers, click findings.

Runs Debian's Chromium through Playwright against the app started by `make run`
(fixtures in tests/browser.py and tests/server.py); screenshots land in test-artifacts/.
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

import processanalysis
from processanalysis.analysis.runner import analyse
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow

HOST = "[data-testid=stBidiComponentIsolated]"
SAMPLE = SAMPLES / "gewerbeanmeldung_ist.bpmn"

DIAGRAM_STATE = """() => {
  const host = document.querySelector('[data-testid=stBidiComponentIsolated]');
  const root = host && (host.shadowRoot || host);
  if (!root) return null;
  const ids = (selector) => [...root.querySelectorAll(selector)].map(e => e.dataset.elementId);
  return {
    shapes: root.querySelectorAll('.djs-element.djs-shape').length,
    badges: ids('.pa-badge'),
    high: ids('.pa-badge.pa-sev-high'),
    focus: ids('.djs-element.pa-focus, .djs-element.pa-focus-frame'),
  };
}"""


def expected_marked_elements() -> set[str]:
    """Elements with findings according to the library (the page must mark the same)."""
    result = analyse(processanalysis.import_file(SAMPLE))
    return {element for f in result.findings for element in f.elements}


def open_with_upload(page) -> None:
    page.goto(page.base_url + "/analysis")
    page.get_by_text("Beispielprozess").first.wait_for()
    page.locator("input[type=file]").first.set_input_files(str(SAMPLE))
    page.get_by_text("Analysiert wird die hochgeladene Datei").first.wait_for()
    page.wait_for_function(
        f"() => {{ const s = ({DIAGRAM_STATE})(); return s && s.badges.length > 0; }}",
        timeout=60_000,
    )


def test_uploaded_sample_is_drawn_with_markers_and_table(page) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_with_upload(page)
    state = page.evaluate(DIAGRAM_STATE)
    assert state["shapes"] > 30  # pools, lanes, tasks, events, data objects
    marked = set(state["badges"])
    expected = expected_marked_elements()
    assert marked and marked <= expected
    assert len(marked) >= len(expected) * 0.8  # elements without a shape cannot carry a badge
    assert state["high"], "the paper form re-keyed into the Fachverfahren is a high finding"
    # The findings table is filled (canvas grid; its cells exist in the DOM for a11y).
    page.get_by_text("Anmeldung im Fachverfahren Gewerbe erfassen").first.wait_for(
        state="attached"
    )
    # Everything came from the app itself: no CDN, no font service.
    base = urlparse(page.base_url)
    foreign = [
        url
        for url in requests
        if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != base.netloc
    ]
    assert foreign == []


def test_clicking_a_marker_selects_its_findings(page) -> None:
    open_with_upload(page)
    badge = page.locator(f"{HOST} .pa-badge.pa-sev-high").first
    element_id = badge.get_attribute("data-element-id")
    model = processanalysis.import_file(SAMPLE)
    label = model.get(element_id).label
    badge.click()
    page.get_by_text(f"Gezeigt werden die Befunde zu „{label}“").first.wait_for()
    page.get_by_role("button", name="Alle Befunde zeigen").first.wait_for()
    assert "Traceback" not in page.content()


def test_selecting_a_table_row_focuses_its_elements(page) -> None:
    open_with_upload(page)
    table = page.locator("[data-testid=stDataFrame]").first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    # First data row, the row-selection column at the left edge.
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)
    page.wait_for_function(
        f"() => {{ const s = ({DIAGRAM_STATE})(); return s && s.focus.length > 0; }}",
        timeout=30_000,
    )
    state = page.evaluate(DIAGRAM_STATE)
    assert set(state["focus"]) <= expected_marked_elements()
    page.locator(HOST).scroll_into_view_if_needed()


def test_search_finds_elements_by_label(page) -> None:
    open_with_upload(page)
    search = page.locator(f"{HOST} .pa-search")
    search.fill("Stadtkasse")
    page.wait_for_function(
        """() => {
          const host = document.querySelector('[data-testid=stBidiComponentIsolated]');
          const root = host.shadowRoot || host;
          return root.querySelectorAll('.djs-element.pa-hit').length > 0;
        }""",
        timeout=10_000,
    )
    count = page.locator(f"{HOST} .pa-search-count").inner_text()
    assert json.dumps(count) and any(ch.isdigit() for ch in count)
