"""In a real browser: pick a sample, start a small simulation, see the charts and the top
bottleneck marked in the diagram.

Runs Debian's Chromium through Playwright against the app started by `make run`
(fixtures in tests/browser.py and tests/server.py); screenshots land in test-artifacts/.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from app_pages.simulation_data import bottleneck_rows, simulation_record
from app_pages.simulation_replications import run_replication
from processanalysis import import_file
from processanalysis.simulation.params_io import load_parameters
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow

HOST = "[data-testid=stBidiComponentIsolated]"
SAMPLE = SAMPLES / "bauantrag_ist.bpmn"
CASES = 300

BADGES = """() => {
  const host = document.querySelector('[data-testid=stBidiComponentIsolated]');
  const root = host && (host.shadowRoot || host);
  if (!root) return null;
  const badges = [...root.querySelectorAll('.pa-badge')];
  return badges.map(b => ({id: b.dataset.elementId, text: b.textContent,
                           high: b.classList.contains('pa-sev-high')}));
}"""


def expected_top_bottleneck() -> str:
    """The library's largest bottleneck of the run the page starts (seed 0, one replication)."""
    model = import_file(SAMPLE)
    result = run_replication(model, load_parameters(model), cases=CASES, seed=0, replication=0)
    return bottleneck_rows(simulation_record(result), {})[0]["element_id"]


def run_simulation(page) -> None:
    page.goto(page.base_url + "/simulation")
    page.get_by_text("Erwartete Werte (analytisch)").first.wait_for()
    page.locator("[data-testid=stSelectbox]").first.click()
    page.get_by_role("option", name=SAMPLE.stem, exact=True).click()
    page.get_by_text(f"Gerechnet wird der Beispielprozess „{SAMPLE.stem}“").first.wait_for()
    cases = page.get_by_role("spinbutton", name="Fälle je Replikation")
    cases.fill(str(CASES))
    cases.press("Enter")
    page.wait_for_timeout(500)  # the rerun that takes the new number
    page.get_by_role("button", name="Simulation starten").click()
    page.get_by_text(f"{CASES} Fälle aus 1 Replikation(en)").first.wait_for(timeout=60_000)


def test_simulation_shows_histogram_and_marks_the_bottleneck(page) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    run_simulation(page)
    # The lead-time histogram (first tab) has bars.
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stPlotlyChart] .barlayer .point')"
        ".length > 3",
        timeout=20_000,
    )
    # The largest bottleneck carries the red badge "1" in the diagram.
    page.wait_for_function(
        f"() => {{ const b = ({BADGES})(); return b && b.some(x => x.high); }}", timeout=30_000
    )
    badges = page.evaluate(BADGES)
    top = [badge for badge in badges if badge["high"]]
    assert top == [{"id": expected_top_bottleneck(), "text": "1", "high": True}]
    assert len(badges) == 5
    page.locator(HOST).scroll_into_view_if_needed()
    assert "Traceback" not in page.content()
    base = urlparse(page.base_url)
    foreign = [
        url
        for url in requests
        if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != base.netloc
    ]
    assert foreign == []


def test_utilisation_chart_has_the_85_percent_line(page) -> None:
    run_simulation(page)
    page.get_by_role("tab", name="Auslastung", exact=True).click()
    chart = page.locator("[data-testid=stPlotlyChart]").filter(has_text="85-%-Grenze")
    chart.first.wait_for(timeout=20_000)
    chart.first.scroll_into_view_if_needed()
    names = chart.first.locator(".legendtext").evaluate_all("els => els.map(e => e.textContent)")
    assert names == ["Simulation", "erwartet (analytisch)"]
    bars = chart.first.locator(".barlayer .point").count()
    assert bars >= 2 * 6  # six units, simulated and expected
