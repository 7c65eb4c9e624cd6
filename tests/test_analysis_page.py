"""The analysis page: KPI tiles, diagram component, findings table, charts; and their data."""

from __future__ import annotations

import doctest
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# `streamlit run` puts app.py's folder on sys.path; AppTest runs in this process, so do the same.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import app_pages.analysis_charts  # noqa: E402
import app_pages.analysis_data  # noqa: E402
import app_pages.bpmn_viewer  # noqa: E402
import app_pages.loading  # noqa: E402
from app_pages.analysis_charts import (  # noqa: E402
    findings_per_unit_figure,
    handoff_heatmap_figure,
    media_break_sankey_figure,
)
from app_pages.analysis_data import (  # noqa: E402
    NO_UNIT,
    analysis_record,
    element_markers,
    filter_findings,
    filter_options,
    finding_rows,
    findings_for_element,
    findings_per_unit,
    handoff_heatmap,
    media_break_sankey,
)
from app_pages.analysis_views import ELEMENT_KEY, FILTER_KEYS, FINDING_KEY  # noqa: E402
from app_pages.bpmn_viewer import ViewerAssetsMissingError, viewer_assets  # noqa: E402
from app_pages.i18n import STRINGS  # noqa: E402
from processanalysis import BpmnImportError, import_file, read_bpmn  # noqa: E402
from processanalysis.analysis.finding import KINDS, SEVERITIES  # noqa: E402
from processanalysis.analysis.runner import analyse  # noqa: E402
from tests.apptest import fresh_cache, metrics, open_app, unescape, use_samples  # noqa: E402, F401

PAGE = "app_pages/analysis_page.py"
SAMPLES = sorted((ROOT / "sample_processes").glob("*.bpmn"))
#: Two samples with lanes, pools, data objects and every kind of finding.
PARKING = ROOT / "sample_processes" / "anwohnerparkausweis_ist.bpmn"
BUILDING = ROOT / "sample_processes" / "bauantrag_ist.bpmn"

#: Two lanes, no diagram interchange: analysable, but nothing to draw.
NO_DI = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <process id="p">
    <laneSet><lane id="A" name="Poststelle"><flowNodeRef>s</flowNodeRef>
      <flowNodeRef>t1</flowNodeRef></lane>
      <lane id="B" name="Sachbearbeitung"><flowNodeRef>t2</flowNodeRef>
      <flowNodeRef>e</flowNodeRef></lane></laneSet>
    <startEvent id="s"/><task id="t1" name="Papierantrag scannen"/>
    <userTask id="t2" name="Antrag im Fachverfahren erfassen"/><endEvent id="e"/>
    <sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>
    <sequenceFlow id="f2" sourceRef="t1" targetRef="t2"/>
    <sequenceFlow id="f3" sourceRef="t2" targetRef="e"/>
  </process>
</definitions>
"""


# -- fixtures and helpers --------------------------------------------------------------


@pytest.fixture
def samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A sample folder with two real samples, whatever else ``sample_processes/`` holds."""
    return use_samples(tmp_path, monkeypatch, PARKING, BUILDING)


def open_page(lang: str | None = None) -> AppTest:
    """The app on the analysis page, after its first run (in English when asked)."""
    return open_app(PAGE, lang)


@pytest.fixture
def page(samples: Path) -> AppTest:
    """The analysis page in German, showing the first sample (the parking permit)."""
    return open_page()


def table_rows(at: AppTest) -> int:
    return len(at.dataframe[0].value)


def viewer_data(at: AppTest) -> dict[str, Any]:
    """What the page handed to the bpmn-js component on its last run."""
    (element,) = at.get("bidi_component")
    proto = element.proto
    assert proto.component_name == app_pages.bpmn_viewer.COMPONENT_NAME
    return json.loads(proto.json if proto.WhichOneof("data") == "json" else proto.mixed.json)


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="analysis.upload").set_value((name, data, "application/xml"))
    return at.run()


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, Any]]:
    """The analysis record of every shipped sample, by file name."""
    return {path.name: analysis_record(path.read_bytes(), path.name) for path in SAMPLES}


# -- the page in the browser (AppTest) -------------------------------------------------


def test_page_renders_in_german_by_default(page: AppTest) -> None:
    """Without a language choice, title, tiles and table headers are German."""
    assert page.title[0].value == "Analyse"
    assert page.sidebar.radio[0].value == "de"
    assert {"Aktivitäten", "Medienbrüche", "Übergaben je Fall", "Digitalanteil"} <= set(
        metrics(page)
    )
    assert "Schweregrad" in page.dataframe[0].value.columns
    assert viewer_data(page)["labels"]["fit"] == "Einpassen"
    assert not page.error


def test_english_switch_changes_the_page(samples: Path) -> None:
    """The sidebar switch turns title, tiles, table and the diagram's toolbar English."""
    at = open_page("en")
    assert at.title[0].value == "Analysis"
    assert {"Activities", "Media breaks", "Hand-offs per case", "Digital share"} <= set(
        metrics(at)
    )
    table = at.dataframe[0].value
    assert "Severity" in table.columns
    assert set(table["Kind"]) <= {"Media break", "Hand-off", "Bottleneck", "Model quality"}
    assert viewer_data(at)["labels"]["fit"] == "Fit"


def test_kpi_tiles_show_the_numbers_of_analyse(page: AppTest) -> None:
    """Picking a sample shows its KPIs exactly as ``analyse`` computes them."""
    choice = page.selectbox(key="analysis.sample")
    choice.select_index(choice.options.index(BUILDING.stem)).run()
    assert not page.exception
    kpis = analyse(import_file(BUILDING)).kpis
    shown = metrics(page)
    assert shown["Aktivitäten"] == str(kpis["activities"])
    assert shown["Medienbrüche"] == str(kpis["media_breaks"])
    assert shown["Übergaben"] == str(kpis["handoffs"])
    assert shown["Übergaben je Fall"] == f"{kpis['handoffs_per_case']:.1f}".replace(".", ",")
    assert shown["Organisationseinheiten"] == str(kpis["units"])
    assert shown["Digitalanteil"] == f"{round(100 * kpis['digital_share'])} %"
    assert shown["Manueller Anteil"] == f"{round(100 * kpis['manual_share'])} %"
    assert shown["Befunde"] == str(kpis["findings"]) == str(table_rows(page))
    assert BUILDING.stem in unescape(page.caption[0].value)


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "media_break"), ("severity", "high"), ("kind", "handoff")],
)
def test_filters_reduce_the_table_and_the_markers(page: AppTest, field: str, value: str) -> None:
    """A filter keeps exactly the findings of that kind or severity, in table and diagram."""
    findings = analysis_record(PARKING.read_bytes())["findings"]
    expected = [f for f in findings if f[field] == value]
    assert 0 < len(expected) < len(findings)
    page.multiselect(key=FILTER_KEYS[field]).set_value([value]).run()
    assert not page.exception
    assert table_rows(page) == len(expected)
    marked = {m["element_id"] for m in viewer_data(page)["markers"]}
    assert marked == {e for f in expected for e in f["elements"]}


def test_unit_filter_keeps_the_findings_of_that_unit(page: AppTest) -> None:
    """Filtering by a unit shows every finding touching it and no other."""
    findings = analysis_record(PARKING.read_bytes())["findings"]
    unit = "Stadtkasse"
    expected = [f for f in findings if unit in f["units"]]
    assert 0 < len(expected) < len(findings)
    page.multiselect(key=FILTER_KEYS["unit"]).set_value([unit]).run()
    table = page.dataframe[0].value
    assert len(table) == len(expected)
    assert table["Organisationseinheiten"].str.contains(unit).all()


def test_a_clicked_element_shows_its_findings(samples: Path) -> None:
    """After a diagram click (the element in session state) the table shows its findings."""
    findings = analysis_record(PARKING.read_bytes())["findings"]
    elements = sorted({e for f in findings for e in f["elements"]})
    element = max(elements, key=lambda e: len(findings_for_element(findings, e)))
    own = findings_for_element(findings, element)
    assert 1 < len(own) < len(findings)
    at = open_page()
    at.session_state[ELEMENT_KEY] = element
    at.session_state[FINDING_KEY] = own[0]["id"]
    at.run()
    assert not at.exception
    assert table_rows(at) == len(own)
    assert "Gezeigt werden die Befunde zu" in at.info[0].value
    assert any(own[0]["message"]["de"][:40] in unescape(md.value) for md in at.markdown)

    clear = next(b for b in at.button if b.label == "Alle Befunde zeigen")
    clear.click().run()
    assert table_rows(at) == len(findings)


def test_selected_finding_is_focused_in_the_diagram(samples: Path) -> None:
    """A focus in session state (set by the table's callback) reaches the component."""
    findings = analysis_record(PARKING.read_bytes())["findings"]
    finding = findings[0]
    at = open_page()
    at.session_state["analysis.focus"] = {"ids": finding["elements"], "token": "t:1"}
    at.session_state[FINDING_KEY] = finding["id"]
    at.run()
    assert viewer_data(at)["focus"] == {"ids": finding["elements"], "token": "t:1"}
    assert any(finding["rule"] in md.value for md in at.markdown)  # the details


def test_unreadable_upload_shows_a_plain_error(page: AppTest) -> None:
    """An upload that is not BPMN shows the importer's message, no traceback, no tiles."""
    with pytest.raises(BpmnImportError) as raised:
        read_bpmn(b"not xml at all")
    upload(page, "kaputt.bpmn", b"not xml at all")
    assert not page.exception
    assert len(page.error) == 1
    assert raised.value.message("de") in unescape(page.error[0].value)
    assert not page.metric
    assert not page.get("bidi_component")


def test_upload_is_analysed_instead_of_the_sample(page: AppTest) -> None:
    """While a file is uploaded, its analysis replaces the sample's."""
    upload(page, "ohne_diagramm.bpmn", NO_DI)
    assert not page.exception
    assert "„ohne_diagramm.bpmn“" in unescape(page.caption[0].value)
    assert metrics(page)["Aktivitäten"] == "2"
    # No diagram interchange: the page says so instead of drawing an empty canvas.
    assert any("keine Diagramminformationen" in info.value for info in page.info)
    assert not page.get("bidi_component")


def test_unexpected_error_is_shown_plainly(
    page: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in the analysis shows an error naming the exception, not a traceback."""

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app_pages.analysis_data, "analyse", explode)
    upload(page, "model.bpmn", NO_DI)
    assert not page.exception
    assert "RuntimeError" in page.error[0].value


def test_missing_bpmn_js_leaves_the_rest_of_the_page(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``make install``'s npm step the page warns and still shows tiles and table."""

    def missing() -> None:
        raise ViewerAssetsMissingError("frontend/node_modules is missing")

    app_pages.bpmn_viewer._component.cache_clear()
    monkeypatch.setattr(app_pages.bpmn_viewer, "viewer_assets", missing)
    try:
        at = open_page()
        assert any("bpmn-js fehlt" in warning.value for warning in at.warning)
        assert at.metric and table_rows(at) > 0
    finally:
        app_pages.bpmn_viewer._component.cache_clear()


def test_charts_are_drawn(page: AppTest) -> None:
    """The three charts appear in their tabs."""
    assert [tab.label for tab in page.tabs] == [
        "Übergabematrix",
        "Medienbrüche",
        "Befunde je Einheit",
    ]
    keys = {element.key for element in page.get("plotly_chart")}
    assert keys == {"analysis.chart_handoffs", "analysis.chart_media", "analysis.chart_units"}


# -- the diagram component's assets -----------------------------------------------------

#: A resource the browser would fetch from the internet: script/img/link sources, CSS
#: imports and url(), ES imports. (Namespace URIs such as xmlns="http://www.w3.org/...",
#: and a plain <a href> link like the bpmn.io watermark, load nothing.)
REMOTE_RESOURCE = re.compile(
    r"""<(?:script|img|iframe|source)\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//"""
    r"""|@import\s+(?:url\()?\s*["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|\bimport\s*\(?\s*["'](?:https?:)?//"""
    r"""|\bfrom\s+["'](?:https?:)?//"""
    r"""|\.src\s*=\s*["'](?:https?:)?//"""
    r"""|fetch\(\s*["'](?:https?:)?//""",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://unpkg.com/bpmn-js@18/dist/bpmn-viewer.js"></script>',
        '<link rel="stylesheet" href="https://unpkg.com/bpmn-js/dist/assets/bpmn-js.css">',
        "@import url('https://fonts.googleapis.com/css?family=Arial');",
        "src: url(//cdn.example.org/font.woff2);",
        'import BpmnJS from "https://esm.sh/bpmn-js";',
        "const m = await import('https://cdn.jsdelivr.net/npm/bpmn-js');",
    ],
)
def test_remote_resource_pattern_catches_cdn_loads(snippet: str) -> None:
    """The offline check below would notice a CDN reference (it is no empty check)."""
    assert REMOTE_RESOURCE.search(snippet)


def test_component_loads_nothing_from_the_internet() -> None:
    """HTML, CSS and JS of the component (bpmn-js included) reference no remote resource."""
    assets = viewer_assets()
    for part in (assets.html, assets.css, assets.js):
        found = REMOTE_RESOURCE.search(part)
        assert found is None, part[max(0, found.start() - 80) : found.end() + 80]
    # The bundle is the one npm installed from the lock file, shipped inline.
    lock = json.loads((ROOT / "frontend" / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/bpmn-js"]["version"]
    assert f"bpmn-navigated-viewer v{version}" in assets.js


def test_our_viewer_sources_name_no_url_at_all() -> None:
    """Our own files hold no http(s) address whatsoever (bpmn-js's namespaces aside)."""
    for path in app_pages.bpmn_viewer.VIEWER_SOURCES.iterdir():
        assert not re.search(r"https?://", path.read_text(encoding="utf-8")), path.name


@pytest.mark.skipif(
    shutil.which("node") is None and os.environ.get("CI", "").lower() != "true",
    reason="node is not installed (under CI=true this fails instead)",
)
def test_component_module_is_valid_javascript(tmp_path: Path) -> None:
    """The assembled ES module parses (node --check), so the browser can load it."""
    module = tmp_path / "viewer.mjs"
    module.write_text(viewer_assets().js, encoding="utf-8")
    result = subprocess.run(
        ["node", "--check", str(module)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_component_reports_clicks_as_select_events() -> None:
    """The JS sends the trigger the Python wrapper reads (``select``), and only that."""
    js = (app_pages.bpmn_viewer.VIEWER_SOURCES / "bpmn_viewer.js").read_text(encoding="utf-8")
    assert set(re.findall(r"setTriggerValue\(\"(\w+)\"", js)) == {"select"}


# -- data shaping ------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sankey_links_add_up_to_the_media_breaks(
    path: Path, records: dict[str, dict[str, Any]]
) -> None:
    """Every media break is one unit of link width, from its medium to its medium."""
    record = records[path.name]
    sankey = media_break_sankey(record["findings"])
    assert sum(link["value"] for link in sankey["links"]) == record["kpis"]["media_breaks"]
    for link in sankey["links"]:
        pair = (sankey["sources"][link["source"]], sankey["targets"][link["target"]])
        count = sum(
            1
            for f in record["findings"]
            if f["kind"] == "media_break" and (f["from_medium"], f["to_medium"]) == pair
        )
        assert link["value"] == count


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_heatmap_matrix_matches_the_handoffs(
    path: Path, records: dict[str, dict[str, Any]]
) -> None:
    """Each cell is the sum of the expected hand-offs per case between those two units."""
    record = records[path.name]
    units, z = handoff_heatmap(record)
    assert len(units) == len(set(units)) == len(z)
    expected: dict[tuple[str, str], float] = {}
    for row in record["handoffs"]:
        key = (row["from_unit"], row["to_unit"])
        expected[key] = expected.get(key, 0.0) + row["per_case"]
    for i, source in enumerate(units):
        for j, target in enumerate(units):
            assert z[i][j] == pytest.approx(expected.get((source, target), 0.0), abs=1e-3)
    assert sum(map(sum, z)) == pytest.approx(record["kpis"]["handoffs_per_case"], abs=1e-2)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_marker_has_a_shape_to_sit_on(
    path: Path, records: dict[str, dict[str, Any]]
) -> None:
    """The ids the findings name are the ids of the XML bpmn-js draws (shapes or edges)."""
    record = records[path.name]
    drawn = set(re.findall(r'bpmnElement="([^"]+)"', record["xml"]))
    markers = element_markers(record["findings"])
    assert markers
    assert {m["element_id"] for m in markers} <= drawn


def test_markers_carry_the_worst_severity_and_every_finding() -> None:
    """One marker per element: all its finding ids, coloured by its most severe finding."""
    findings = analysis_record(BUILDING.read_bytes())["findings"]
    markers = {m["element_id"]: m for m in element_markers(findings)}
    assert set(markers) == {e for f in findings for e in f["elements"]}
    for element, marker in markers.items():
        own = [f for f in findings if element in f["elements"]]
        assert sorted(marker["finding_ids"]) == sorted(f["id"] for f in own)
        worst = min(SEVERITIES.index(f["severity"]) for f in own)
        assert marker["severity"] == SEVERITIES[worst]


def test_findings_per_unit_counts_each_finding_once_per_unit() -> None:
    """A finding touching two units counts for both; per unit, kinds add up to its findings."""
    findings = analysis_record(BUILDING.read_bytes())["findings"]
    counts = findings_per_unit(findings)
    for unit, per_kind in counts.items():
        assert sum(per_kind.values()) == sum(1 for f in findings if unit in f["units"])
    assert sum(map(len, (f["units"] for f in findings))) == sum(
        sum(per_kind.values()) for per_kind in counts.values()
    )
    assert any(len(f["units"]) > 1 for f in findings if f["kind"] == "handoff")


def test_filters_combine_and_empty_filters_pass_everything() -> None:
    """Kind, severity and unit filters intersect; an empty filter filters nothing."""
    findings = analysis_record(BUILDING.read_bytes())["findings"]
    assert filter_findings(findings) == list(findings)
    both = filter_findings(findings, kinds=["media_break"], severities=["high"])
    assert both == [f for f in findings if f["kind"] == "media_break" and f["severity"] == "high"]
    assert 0 < len(both) < len(filter_findings(findings, kinds=["media_break"]))
    options = filter_options(findings)
    assert options["kind"] == [k for k in KINDS if any(f["kind"] == k for f in findings)]
    assert NO_UNIT not in options["unit"]


def test_table_rows_name_elements_by_label() -> None:
    """The table shows element names, not ids, where the model names them."""
    record = analysis_record(BUILDING.read_bytes())
    rows = finding_rows(record["findings"], record["labels"], "de")
    first = record["findings"][0]
    assert rows[0]["elements"].split(", ")[0] == record["labels"][first["elements"][0]]
    assert rows[0]["message"] == first["message"]["de"]
    assert finding_rows(record["findings"], record["labels"], "en")[0]["message"] == (
        first["message"]["en"]
    )


@pytest.mark.parametrize(
    "data",
    [b"not xml at all", b"<html><body>Hallo</body></html>", b"PK\x03\x04zipzipzip"],
    ids=["not-xml", "not-bpmn", "binary"],
)
def test_unreadable_file_is_an_error_record(data: bytes) -> None:
    """An unreadable file gives ``ok`` false and the importer's error in both languages."""
    record = analysis_record(data)
    assert record["ok"] is False
    with pytest.raises(BpmnImportError) as raised:
        read_bpmn(data)
    assert record["error"]["en"]["code"] == raised.value.code
    assert record["error"]["de"]["message"] == raised.value.message("de")


def test_record_is_plain_data_for_the_cache() -> None:
    """``st.cache_data`` pickles the record: it must survive a round trip unchanged."""
    record = analysis_record(PARKING.read_bytes())
    assert pickle.loads(pickle.dumps(record)) == record


# -- charts --------------------------------------------------------------------------------


def test_heatmap_figure_shows_the_matrix_with_german_decimals() -> None:
    """The heatmap holds the matrix; German cells use a decimal comma."""
    record = analysis_record(BUILDING.read_bytes())
    units, z = handoff_heatmap(record)
    words = {"x": "an", "y": "von", "value": "Übergaben je Fall"}
    figure = handoff_heatmap_figure(units, z, words, decimal_comma=True)
    trace = figure.data[0]
    assert list(trace.x) == list(trace.y) == units
    assert [list(row) for row in trace.z] == z
    texts = [cell for row in trace.text for cell in row if cell]
    assert "2,22" in texts and not any("." in cell for cell in texts)
    assert figure.layout.separators == ",."


def test_sankey_figure_links_sum_to_the_breaks() -> None:
    """Sankey nodes are producing media left, consuming media right, in German words."""
    record = analysis_record(BUILDING.read_bytes())
    sankey = media_break_sankey(record["findings"])
    names = {"paper": "Papier", "it_system": "IT-System"}
    figure = media_break_sankey_figure(sankey, lambda m: names.get(m, m))
    trace = figure.data[0]
    assert sum(trace.link.value) == record["kpis"]["media_breaks"]
    assert "Papier →" in trace.node.label and "→ IT-System" in trace.node.label
    assert min(trace.link.target) >= len(sankey["sources"])  # targets are the right column


def test_findings_per_unit_figure_stacks_kinds() -> None:
    """One stacked bar per kind that occurs; bar lengths are the counts per unit."""
    record = analysis_record(BUILDING.read_bytes())
    counts = findings_per_unit(record["findings"])
    figure = findings_per_unit_figure(counts, KINDS, str, str, "Anzahl")
    assert figure.layout.barmode == "stack"
    assert {trace.name for trace in figure.data} == {
        kind for per_kind in counts.values() for kind in per_kind
    }
    for trace in figure.data:
        for unit, value in zip(trace.y, trace.x, strict=True):
            assert counts[unit].get(trace.name, 0) == value


# -- strings and docs ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_kind_and_severity_has_a_label(lang: str) -> None:
    """Table, filters and legend never fall back to a code."""
    for kind in KINDS:
        assert f"kind.{kind}" in STRINGS[lang]
    for severity in SEVERITIES:
        assert f"severity.{severity}" in STRINGS[lang]


@pytest.mark.parametrize(
    "module",
    [app_pages.analysis_data, app_pages.analysis_charts, app_pages.bpmn_viewer],
    ids=lambda m: m.__name__,
)
def test_docstring_examples(module: object) -> None:
    """The examples in the modules' docstrings run (pytest collects only the library)."""
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0
