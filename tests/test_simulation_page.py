"""The simulation page (Streamlit AppTest) and its plain data and chart functions."""

from __future__ import annotations

import csv
import doctest
import io
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# `streamlit run` puts app.py's folder on sys.path; AppTest runs in this process, so do the same.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import app_pages.bpmn_viewer  # noqa: E402
import app_pages.loading  # noqa: E402
import app_pages.simulation_charts  # noqa: E402
import app_pages.simulation_data  # noqa: E402
import app_pages.simulation_replications  # noqa: E402
from app_pages import SECTIONS  # noqa: E402
from app_pages.i18n import STRINGS  # noqa: E402
from app_pages.simulation_charts import (  # noqa: E402
    lead_time_figure,
    queue_figure,
    utilisation_figure,
    waiting_processing_figure,
)
from app_pages.simulation_data import (  # noqa: E402
    ParameterFileError,
    activity_times,
    analytical_record,
    apply_edits,
    bottleneck_markers,
    bottleneck_rows,
    comparison_rows,
    count_edits,
    format_duration,
    format_money,
    format_number,
    format_percent,
    load_model_parameters,
    model_record,
    parameter_tables,
    params_digest,
    queue_series,
    short_window,
    simulation_record,
    template_bytes,
    utilisation_rows,
)
from app_pages.simulation_replications import (  # noqa: E402
    merge_replications,
    replication_seed,
    run_replication,
)
from app_pages.simulation_views import RUN_KEY  # noqa: E402
from processanalysis import import_file  # noqa: E402
from processanalysis.simulation.analytical import analytical_model  # noqa: E402
from processanalysis.simulation.engine import simulate  # noqa: E402
from processanalysis.simulation.params_io import load_parameters, write_template  # noqa: E402
from tests.apptest import fresh_cache, metrics, open_app, unescape, use_samples  # noqa: E402, F401

PAGE = "app_pages/simulation_page.py"
SAMPLES = ROOT / "sample_processes"
BUILDING = SAMPLES / "bauantrag_ist.bpmn"
TRADE = SAMPLES / "gewerbeanmeldung_ist.bpmn"
TRADE_TO_BE = SAMPLES / "gewerbeanmeldung_soll.bpmn"
#: "Papierantrag auf Vollständigkeit prüfen" in the trade registration: 10 minutes.
CHECK = "Activity_152xpsx"


# -- fixtures and helpers --------------------------------------------------------------


@pytest.fixture
def samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A sample folder with the building permit (first) and the trade pair."""
    return use_samples(tmp_path, monkeypatch, BUILDING, TRADE, TRADE_TO_BE)


def open_page(lang: str | None = None) -> AppTest:
    """The app on the simulation page after its first run (in English when asked)."""
    return open_app(PAGE, lang, timeout=90)


@pytest.fixture
def page(samples: Path) -> AppTest:
    """The page in German, showing the first sample (the building permit)."""
    return open_page()


def choose(at: AppTest, path: Path) -> AppTest:
    box = at.selectbox(key="simulation.sample")
    box.select_index(box.options.index(path.stem)).run()
    assert not at.exception
    return at


def start(at: AppTest, cases: int = 300, replications: int = 1) -> AppTest:
    at.number_input(key="simulation.cases").set_value(cases)
    at.number_input(key="simulation.replications").set_value(replications)
    at.button(key="simulation.start").click().run()
    assert not at.exception
    return at


def editor_key(at: AppTest, table: str) -> str:
    state = at.session_state._state._state.filtered_state
    (key,) = [k for k in state if k.startswith(f"simulation.editor.{table}.")]
    return key


def table_with(at: AppTest, column: str) -> Any:
    """The first table (as a DataFrame) that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def viewer_data(at: AppTest) -> dict[str, Any]:
    (element,) = at.get("bidi_component")
    proto = element.proto
    assert proto.component_name == app_pages.bpmn_viewer.COMPONENT_NAME
    return json.loads(proto.json if proto.WhichOneof("data") == "json" else proto.mixed.json)


def upload_params(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="simulation.params_file").set_value((name, data, "text/csv"))
    return at.run()


def template_csv(path: Path, tmp_path: Path, edit: tuple[str, str, str] | None = None) -> bytes:
    """The English CSV template of ``path``; ``edit`` sets (element id, column, value)."""
    model = import_file(path)
    target = write_template(model, None, tmp_path / "parameter.csv", lang="en")
    text = target.read_text(encoding="utf-8-sig")
    if edit is not None:
        element_id, column, value = edit
        lines = text.splitlines()
        header = next(i for i, line in enumerate(lines) if line == "[Activities]") + 1
        names = lines[header].split(",")
        row = next(i for i, line in enumerate(lines) if line.startswith(element_id + ","))
        cells = next(csv.reader([lines[row]]))
        cells[names.index(column)] = value
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(cells)
        lines[row] = buffer.getvalue()
        text = "\n".join(lines) + "\n"
    return text.encode("utf-8")


@pytest.fixture(scope="module")
def building() -> dict[str, Any]:
    """The building permit's model, parameters and analytical result."""
    model = import_file(BUILDING)
    params = load_parameters(model)
    return {"model": model, "params": params, "expected": analytical_model(model, params)}


# -- the page (AppTest) ----------------------------------------------------------------------


def test_page_is_registered_after_the_analysis_page() -> None:
    """The router lists the simulation page right after the analysis page."""
    scripts = [spec.script for specs in SECTIONS.values() for spec in specs]
    assert scripts[scripts.index("analysis_page.py") + 1] == "simulation_page.py"


def test_page_renders_in_german_by_default(page: AppTest) -> None:
    """Title, tiles, editor tabs and the start button in German; no run yet."""
    assert page.title[0].value == "Simulation"
    assert {"Aufwand je Fall", "Kosten je Jahr", "Durchlaufzeit (erwartet)"} <= set(metrics(page))
    assert [tab.label for tab in page.tabs][:3] == [
        "Aktivitäten",
        "Organisationseinheiten",
        "Verzweigungen",
    ]
    assert page.button(key="simulation.start").label == "Simulation starten"
    assert "Noch keine Simulation" in page.info[0].value
    assert not page.error


def test_english_switch_changes_the_page(samples: Path) -> None:
    """The sidebar switch turns title, tiles and button English."""
    at = open_page("en")
    assert {"Effort per case", "Cost per year", "Lead time (expected)"} <= set(metrics(at))
    assert at.button(key="simulation.start").label == "Start simulation"
    assert [tab.label for tab in at.tabs][:3] == ["Activities", "Organisational units", "Branches"]


def test_analytical_tiles_match_the_library(page: AppTest, building: dict[str, Any]) -> None:
    """The tiles show analytical_model()'s figures for the sample, formatted in German."""
    expected = building["expected"]
    shown = metrics(page)
    assert shown["Durchlaufzeit (erwartet)"] == format_duration(expected.lead_time, "de")
    assert shown["… mit Warteschlangen"] == format_duration(expected.lead_time_with_queueing, "de")
    assert shown["Kosten je Fall"] == format_money(expected.cost_per_case, "de", 2)
    assert shown["Kosten je Jahr"] == format_money(expected.cost_per_year, "de")
    assert shown["Aufwand je Jahr"] == f"{format_number(expected.effort_per_year / 60)} h"
    assert shown["Fälle pro Jahr"] == format_number(expected.cases_per_year) == "650"
    busiest = max(u.utilisation for u in expected.units.values())
    assert shown["Höchste Auslastung"] == format_percent(busiest, "de")
    units = table_with(page, "Auslastung (erwartet)")
    assert len(units) == len(expected.units)


def test_picking_a_sample_shows_its_figures(page: AppTest) -> None:
    """Another sample: the tiles follow the library's figures of that sample."""
    choose(page, TRADE)
    model = import_file(TRADE)
    expected = analytical_model(model, load_parameters(model))
    assert metrics(page)["Durchlaufzeit (erwartet)"] == format_duration(expected.lead_time, "de")
    assert "gewerbeanmeldung_ist" in unescape(page.caption[0].value)


def test_cases_per_year_edit_feeds_the_figures(page: AppTest) -> None:
    """Doubling the case volume doubles the yearly cost; the change is counted."""
    before = metrics(page)["Kosten je Jahr"]
    page.number_input(key=editor_key(page, "cases")).set_value(1300.0).run()
    assert not page.exception
    shown = metrics(page)
    assert shown["Fälle pro Jahr"] == "1.300"
    cost = float(before.replace(".", "").replace(" €", ""))
    assert float(shown["Kosten je Jahr"].replace(".", "").replace(" €", "")) == pytest.approx(
        2 * cost, rel=0.001
    )
    assert any("1 Wert(e) geändert" in caption.value for caption in page.caption)


def test_table_edit_feeds_the_figures(samples: Path) -> None:
    """An edited processing time (the editor's state) changes the effort per case."""
    at = choose(open_page(), TRADE)
    before = metrics(at)["Aufwand je Fall"]
    key = editor_key(at, "activities")
    rows = parameter_tables(import_file(TRADE), load_parameters(import_file(TRADE)))
    index = [row["id"] for row in rows["activities"]].index(CHECK)
    at.session_state[key] = {
        "edited_rows": {index: {"processing": 110.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    assert metrics(at)["Aufwand je Fall"] != before


def test_run_shows_results_charts_and_the_marked_bottleneck(page: AppTest) -> None:
    """A small run: result tiles, the bottleneck table, four charts, the top bottleneck
    marked (high) and focused in the diagram."""
    start(page)
    shown = metrics(page)
    assert {"Durchlaufzeit (Mittel)", "Median", "90-%-Quantil"} <= set(shown)
    assert any("300 Fälle aus 1 Replikation" in caption.value for caption in page.caption)
    table = table_with(page, "Rang")
    assert list(table["Rang"])[:3] == [1, 2, 3]
    keys = {chart.key for chart in page.get("plotly_chart")}
    assert {
        "simulation.chart_lead_time",
        "simulation.chart_times",
        "simulation.chart_utilisation",
        "simulation.chart_queues",
    } <= keys
    data = viewer_data(page)
    top = data["markers"][0]
    assert top["severity"] == "high" and len(top["finding_ids"]) == 1
    assert data["focus"]["ids"] == [top["element_id"]]
    label = model_record(BUILDING.read_bytes())["labels"][top["element_id"]]
    assert table["Aktivität"].iloc[0] == label
    assert "Größter Engpass" in page.warning[-1].value or any(
        "Größter Engpass" in w.value for w in page.warning
    )


def test_one_replication_equals_the_command_line(page: AppTest, building: dict[str, Any]) -> None:
    """With one replication the page shows what `processanalysis simulate` computes."""
    start(page, cases=200)
    result = simulate(building["model"], building["params"], cases=200, seed=0)
    assert metrics(page)["Durchlaufzeit (Mittel)"] == format_duration(result.lead_time_mean)


def test_results_go_stale_when_parameters_change(page: AppTest) -> None:
    """After a run, another case volume hides the old results and asks for a new run."""
    start(page)
    assert page.get("plotly_chart")
    page.number_input(key=editor_key(page, "cases")).set_value(900.0).run()
    assert "haben sich seit dem letzten Lauf geändert" in page.info[0].value
    assert not [c for c in page.get("plotly_chart") if c.key == "simulation.chart_lead_time"]
    assert page.session_state[RUN_KEY]["cases"] == 300


def test_replications_are_pooled(page: AppTest) -> None:
    """Three replications of 100 cases: 300 observed cases and a confidence interval."""
    start(page, cases=100, replications=3)
    assert any("300 Fälle aus 3 Replikation" in caption.value for caption in page.caption)
    mean = next(m for m in page.metric if m.label == "Durchlaufzeit (Mittel)")
    assert "Konfidenzintervall" in mean.help


def test_invalid_parameter_file_shows_a_plain_error(page: AppTest, tmp_path: Path) -> None:
    """A template with a bad cell: sheet, row and column in plain words, the model's values
    stay in effect, no traceback."""
    before = metrics(page)
    data = template_csv(BUILDING, tmp_path, ("Activity_1gesgo0", "Processing time (min)", "x"))
    upload_params(page, "werte.csv", data)
    assert not page.exception
    (error,) = page.error
    text = unescape(error.value)
    assert "wurde nicht übernommen" in text
    assert re.search(r"Activities, Zeile \d+, Spalte „Processing time \(min\)“", text)
    assert metrics(page) == before


def test_parameter_file_of_another_kind_is_refused(page: AppTest) -> None:
    """A JSON that is no Prosimos file is refused with the reason."""
    page.file_uploader(key="simulation.params_file").set_value(
        ("werte.json", b'{"x": 1}', "application/json")
    )
    page.run()
    assert not page.exception
    assert "nicht verwendbar" in unescape(page.error[0].value)


def test_valid_parameter_file_is_applied(page: AppTest, tmp_path: Path) -> None:
    """A template with a longer processing time is applied and raises the effort."""
    before = metrics(page)["Aufwand je Fall"]
    data = template_csv(BUILDING, tmp_path, ("Activity_1gesgo0", "Processing time (min)", "200"))
    upload_params(page, "werte.csv", data)
    assert not page.error
    assert any("ist angewendet" in s.value for s in page.success)
    assert metrics(page)["Aufwand je Fall"] != before
    assert any("Parametervorlage" in c.value for c in page.caption)


def test_unreadable_model_upload_shows_a_plain_error(page: AppTest) -> None:
    """An upload that is not BPMN shows the importer's message and nothing else."""
    page.file_uploader(key="simulation.upload").set_value(
        ("kaputt.bpmn", b"not xml at all", "application/xml")
    )
    page.run()
    assert not page.exception
    assert len(page.error) == 1 and "Fehlercode xml-syntax" in unescape(page.error[0].value)
    assert not page.metric


def test_model_without_activities_says_so(page: AppTest) -> None:
    """A readable model with nothing to simulate gets a plain warning."""
    page.file_uploader(key="simulation.upload").set_value(
        ("leer.bpmn", b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>', "")
    )
    page.run()
    assert not page.exception
    assert "keine Aktivitäten" in page.warning[0].value
    assert not page.metric


def test_as_is_and_to_be_side_by_side(samples: Path) -> None:
    """Choosing the to-be variant compares the expected figures, after a run the simulated
    lead times too."""
    at = choose(open_page(), TRADE)
    box = at.selectbox(key="simulation.compare")
    assert box.value is None and box.placeholder == "– kein Vergleich –"
    box.select_index(box.options.index(TRADE_TO_BE.stem)).run()
    assert not at.exception
    table = table_with(at, "Kennzahl")
    assert list(table.columns) == ["Kennzahl", "Ist", "Soll", "Veränderung"]
    model = import_file(TRADE_TO_BE)
    to_be = analytical_model(model, load_parameters(model))
    row = table[table["Kennzahl"] == "Durchlaufzeit (erwartet)"].iloc[0]
    assert row["Soll"] == format_duration(to_be.lead_time, "de")
    assert "simulation.chart_comparison" in {c.key for c in at.get("plotly_chart")}
    start(at, cases=200)
    table = table_with(at, "Kennzahl")
    assert "Durchlaufzeit simuliert (Mittelwert)" in set(table["Kennzahl"])


# -- the plain data --------------------------------------------------------------------------


def test_model_record_of_a_sample() -> None:
    record = model_record(BUILDING.read_bytes(), BUILDING.name)
    assert record["ok"] and record["has_diagram"] and record["activities"] > 20
    assert "<" in record["xml"] and record["labels"]["Activity_1gesgo0"]


def test_parameter_tables_show_the_values_in_effect(building: dict[str, Any]) -> None:
    """Activities with their unit and minutes, units with staff, splits with probabilities."""
    tables = parameter_tables(building["model"], building["params"])
    assert tables["cases_per_year"] == 650
    activities = {row["id"]: row for row in tables["activities"]}
    assert activities["Activity_1gesgo0"]["processing"] == 20
    assert activities["Activity_1gesgo0"]["unit"] == "Sachbearbeitung Bauordnung"
    staff = {row["name"]: row["staff"] for row in tables["units"]}
    assert staff["Sachbearbeitung Bauordnung"] == 4
    splits: dict[str, float] = {}
    for row in tables["branches"]:
        splits[row["split"]] = splits.get(row["split"], 0.0) + row["probability"]
    assert splits and all(total == pytest.approx(1.0) for total in splits.values())


def test_untouched_tables_change_nothing(building: dict[str, Any]) -> None:
    tables = parameter_tables(building["model"], building["params"])
    assert count_edits(tables, tables) == 0
    same = apply_edits(building["params"], tables, tables)
    assert params_digest(same) == params_digest(building["params"])


def edited(tables: dict[str, Any], table: str, element_id: str, **values: Any) -> dict[str, Any]:
    rows = [dict(row, **values) if row["id"] == element_id else row for row in tables[table]]
    return {**tables, table: rows}


def test_edits_keep_the_shape_of_a_distribution() -> None:
    """A new mean stretches a triangular time; the original parameters stay untouched."""
    from processanalysis.simulation.parameters import ActivityParameters, Distribution

    model = import_file(TRADE)
    params = load_parameters(model)
    params.activities[CHECK] = ActivityParameters(
        CHECK, Distribution("triangular", {"low": 5, "mode": 10, "high": 15})
    )
    tables = parameter_tables(model, params)
    changed = apply_edits(params, tables, edited(tables, "activities", CHECK, processing=20.0))
    assert changed.activities[CHECK].processing.params == {"low": 10, "mode": 20, "high": 30}
    assert changed.activities[CHECK].source == "ui"
    assert params.activities[CHECK].processing.params["mode"] == 10
    cleared = apply_edits(params, tables, edited(tables, "activities", CHECK, processing=None))
    assert cleared.activities[CHECK].processing is None


def test_edits_of_units_splits_and_volume(building: dict[str, Any]) -> None:
    tables = parameter_tables(building["model"], building["params"])
    unit = tables["units"][0]
    flow = tables["branches"][0]
    changes = edited(tables, "units", unit["id"], staff=9.0, cost_per_hour=75.0)
    changes = edited(changes, "branches", flow["id"], probability=0.5)
    changes["cases_per_year"] = 1000.0
    assert count_edits(tables, changes) == 4
    result = apply_edits(building["params"], tables, changes)
    assert result.resources[unit["id"]].staff == 9.0
    assert result.resources[unit["id"]].cost_per_hour == 75.0
    assert result.probabilities[flow["id"]] == 0.5
    assert result.arrivals.cases_per_year == 1000.0 and result.arrivals.source == "ui"
    assert params_digest(result) != params_digest(building["params"])
    expected = analytical_record(building["model"], result)
    assert expected["cases_per_year"] == 1000.0


def test_parameter_file_errors_name_row_and_column_in_both_languages(tmp_path: Path) -> None:
    model = import_file(BUILDING)
    data = template_csv(BUILDING, tmp_path, ("Activity_1gesgo0", "Processing time (min)", "-"))
    with pytest.raises(ParameterFileError) as raised:
        load_model_parameters(model, ("werte.csv", data))
    assert re.search(r"Zeile \d+, Spalte", raised.value.problems["de"][0])
    assert re.search(r"row \d+, column", raised.value.problems["en"][0])
    with pytest.raises(ParameterFileError) as raised:
        load_model_parameters(model, ("werte.txt", b"x"))
    assert ".xlsx" in raised.value.problems["de"][0]


def test_template_download_reads_back(building: dict[str, Any], tmp_path: Path) -> None:
    """The downloaded workbook is the template, pre-filled with the values in effect."""
    data = template_bytes(building["model"], building["params"], "de")
    assert data[:2] == b"PK"  # a ZIP container: XLSX
    params = load_model_parameters(building["model"], ("vorlage.xlsx", data))
    assert params.arrivals.cases_per_year == 650


@pytest.fixture(scope="module")
def run_record(building: dict[str, Any]) -> dict[str, Any]:
    result = simulate(building["model"], building["params"], cases=300, seed=1)
    return simulation_record(result)


def test_simulation_record_is_plain_json(run_record: dict[str, Any]) -> None:
    text = json.dumps(run_record, allow_nan=False)
    assert json.loads(text)["cases"] == 300
    assert set(run_record["contract"]) >= {"cases", "lead_time", "activities", "bottlenecks"}


def test_replication_seeds() -> None:
    """The first replication keeps the seed; the others get distinct derived seeds."""
    seeds = [replication_seed(5, r) for r in range(5)]
    assert seeds[0] == 5 and len(set(seeds)) == 5
    assert seeds == [replication_seed(5, r) for r in range(5)]


def test_merging_replications(building: dict[str, Any]) -> None:
    """Pooled replications: cases add up, means are weighted, a confidence interval."""
    parts = [
        run_replication(building["model"], building["params"], cases=100, seed=3, replication=r)
        for r in range(3)
    ]
    assert merge_replications(parts[:1], 3) is parts[0]
    merged = merge_replications(parts, 3)
    assert merged.cases == 300 and merged.replications == 3 and merged.seed == 3
    assert merged.lead_time_mean == pytest.approx(sum(p.lead_time_mean for p in parts) / 3)
    assert merged.lead_time_ci95 is not None and merged.lead_time_ci95 > 0
    some = next(iter(merged.activities))
    assert merged.activities[some].count == sum(p.activities[some].count for p in parts)
    utilisation = [p.resources[r].utilisation for p in parts for r in [next(iter(p.resources))]]
    first = next(iter(merged.resources))
    assert merged.resources[first].utilisation == pytest.approx(sum(utilisation) / 3)
    ranked = [b.waiting_per_case for b in merged.bottlenecks]
    assert ranked == sorted(ranked, reverse=True)


def test_bottleneck_rows_rank_relevant_queues(
    run_record: dict[str, Any], building: dict[str, Any]
) -> None:
    """Queues under a minute per case are left out; ranks start at 1; an overloaded unit
    (by the analytical figure) is a capacity bottleneck."""
    expected = analytical_record(building["model"], building["params"])
    rows = bottleneck_rows(run_record, {}, expected)
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    assert all(row["waiting_per_case"] >= 1.0 for row in rows)
    overloaded = {
        rid for rid, unit in expected["units"].items() if (unit["utilisation"] or 0) > 0.85
    }
    assert overloaded
    names = {expected["units"][rid]["name"] for rid in overloaded}
    assert all(row["reason"] == "capacity" for row in rows if row["unit"] in names)
    everything = bottleneck_rows(run_record, {}, relevant=0.0)
    assert len(everything) == len(run_record["bottlenecks"])


def test_bottleneck_markers_carry_the_rank() -> None:
    rows = [{"element_id": f"t{n}", "rank": n} for n in range(1, 8)]
    markers = bottleneck_markers(rows)
    assert [m["element_id"] for m in markers] == ["t1", "t2", "t3", "t4", "t5"]
    assert [len(m["finding_ids"]) for m in markers] == [1, 2, 3, 4, 5]


def test_activity_times_add_up_per_case(run_record: dict[str, Any]) -> None:
    rows = activity_times(run_record, {}, top=100)
    totals = [row["total"] for row in rows]
    assert totals == sorted(totals, reverse=True)
    for row in rows:
        assert row["total"] == pytest.approx(row["lay"] + row["queue"] + row["processing"])


def test_utilisation_rows_and_queue_series(
    run_record: dict[str, Any], building: dict[str, Any]
) -> None:
    expected = analytical_record(building["model"], building["params"])
    rows = utilisation_rows(run_record, expected)
    assert {row["name"] for row in rows} == {u["name"] for u in expected["units"].values()}
    assert all(row["simulated"] is not None for row in rows)
    assert all(row["simulated"] is None for row in utilisation_rows(None, expected))
    for points in queue_series(run_record).values():
        assert len(points["days"]) == len(points["waiting"]) and max(points["waiting"]) > 0


def test_comparison_rows_treat_an_endless_queue_as_infinite() -> None:
    base = {
        "lead_time": 100.0,
        "lead_time_with_queueing": None,
        "effort_per_case": 50.0,
        "effort_per_year": 5000.0,
        "cost_per_year": 100.0,
        "cases_per_year": 100.0,
        "units": {"a": {"utilisation": 1.2}},
    }
    better = {**base, "lead_time": 50.0, "lead_time_with_queueing": 60.0}
    rows = {row["key"]: row for row in comparison_rows(base, better)}
    assert rows["lead_time"]["change"] == pytest.approx(-0.5)
    assert math.isinf(rows["lead_time_with_queueing"]["as_is"])
    assert rows["lead_time_with_queueing"]["change"] is None
    assert rows["utilisation_max"]["as_is"] == 1.2
    assert "simulated_mean" not in rows


def test_short_window_warns_for_long_lead_times(
    run_record: dict[str, Any], building: dict[str, Any]
) -> None:
    """300 building permits arrive in 31 days; the lead time is 65 days."""
    expected = analytical_record(building["model"], building["params"])
    assert short_window(run_record, expected, 300)
    assert not short_window(run_record, expected, 100_000)
    assert not short_window(run_record, expected, 300, warmup=100)


@pytest.mark.parametrize(
    ("minutes", "lang", "shown"),
    [(None, "de", "–"), (0.2, "de", "< 1 min"), (45, "de", "45 min"), (150, "de", "2,5 h"),
     (4320, "de", "3,0 Tage"), (4320, "en", "3.0 days"), (math.inf, "en", "∞")],
)  # fmt: skip
def test_durations_in_words(minutes: float | None, lang: str, shown: str) -> None:
    assert format_duration(minutes, lang) == shown


# -- charts ------------------------------------------------------------------------------------


def test_charts_show_the_data(run_record: dict[str, Any], building: dict[str, Any]) -> None:
    expected = analytical_record(building["model"], building["params"])
    figure = lead_time_figure(run_record["lead_times"], {"axis": "Tage", "count": "Fälle"})
    assert len(figure.data[0].x) == run_record["cases"]
    words = {"lay": "L", "queue": "Q", "processing": "P", "axis": "je Fall ({unit})",
             "days": "Tage", "hours": "h", "minutes": "min"}  # fmt: skip
    figure = waiting_processing_figure(activity_times(run_record, {}), words)
    assert [trace.name for trace in figure.data] == ["L", "Q", "P"]
    assert figure.layout.barmode == "stack"
    words = {"simulated": "S", "analytical": "A", "axis": "%", "line": "85 %"}
    figure = utilisation_figure(utilisation_rows(run_record, expected), words)
    assert [trace.name for trace in figure.data] == ["S", "A"]
    assert figure.layout.shapes[0].y0 == pytest.approx(85)
    figure = queue_figure(queue_series(run_record), {"x": "Tage", "y": "wartend"})
    assert {trace.name for trace in figure.data} == set(queue_series(run_record))


# -- strings and docs --------------------------------------------------------------------------


def test_every_reason_has_words() -> None:
    for lang in ("de", "en"):
        for reason in ("capacity", "calendar", "arrival peaks"):
            assert f"sim.reason.{reason}" in STRINGS[lang]


@pytest.mark.parametrize(
    "module",
    [app_pages.simulation_data, app_pages.simulation_charts, app_pages.simulation_replications],
)
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
