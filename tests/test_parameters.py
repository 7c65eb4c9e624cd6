"""Process parameters from every source: pa attributes, BPSim, QBP, ADONIS, Prosimos JSON
and the spreadsheet template; their precedence; writing them back."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest
from lxml import etree

from processanalysis import export_bpmn, import_file, read_bpmn
from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.model import Definitions
from processanalysis.simulation.parameters import (
    Distribution,
    ProcessParameters,
    distribution_problem,
    format_distribution,
    parse_distribution,
)
from processanalysis.simulation.params_io import (
    TemplateError,
    check_template,
    load_parameters,
    merge_layers,
    read_template,
    write_bpsim,
    write_parameters,
    write_template,
)
from processanalysis.simulation.sources.adonis import (
    adonis_attributes,
    parse_adonis_time,
    read_adonis,
)
from processanalysis.simulation.sources.bpsim import read_bpsim
from processanalysis.simulation.sources.pa import PA_ATTRIBUTES, read_pa
from processanalysis.simulation.sources.prosimos import ProsimosError, read_prosimos
from processanalysis.simulation.sources.qbp import read_qbp
from processanalysis.simulation.sources.template import COLUMNS, SHEETS
from tests.conftest import ROOT, SAMPLES, bpmn, require_shared

FIXTURES = ROOT / "tests" / "fixtures" / "params"
SAMPLE_FILES = sorted(SAMPLES.glob("*.bpmn"))
PA = "{%s}" % ns.PA


def fixture(name: str) -> Definitions:
    return import_file(FIXTURES / name)


def values(params: ProcessParameters) -> dict[str, object]:
    """The parameter values without the bookkeeping (sources, notes, per-value origin)."""
    return {
        "activities": {
            k: (a.processing, a.waiting, a.fixed_cost, a.resource_id)
            for k, a in params.activities.items()
        },
        "probabilities": params.probabilities,
        "resources": {
            k: (r.name, r.staff, r.cost_per_hour, r.calendar) for k, r in params.resources.items()
        },
        "arrivals": (params.arrivals.cases_per_year, params.arrivals.interarrival),
    }


def close(distribution: Distribution | None, kind: str, **params: float) -> bool:
    return (
        distribution is not None
        and distribution.kind == kind
        and set(distribution.params) == set(params)
        and all(math.isclose(distribution.params[k], v, rel_tol=1e-9) for k, v in params.items())
    )


# -- the distribution notation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "constant(10)",
        "uniform(5, 15)",
        "triangular(5, 10, 20)",
        "exponential(12.5)",
        "normal(10, 2)",
        "lognormal(10, 3)",
        "gamma(10, 3)",
        "empirical(5, 10, 20)",
        "empirical(5:1, 10:3)",
    ],
)
def test_distribution_notation_round_trips(text: str) -> None:
    """Every kind reads and is written back in the same notation."""
    assert format_distribution(parse_distribution(text)) == text


@pytest.mark.parametrize(
    ("text", "kind", "mean"),
    [
        ("dreieck(2,5; 5; 10)", "triangular", 17.5 / 3),
        ("exponentiell(12)", "exponential", 12.0),
        ("konstant(7,5)", "constant", 7.5),
        ("Gleichverteilt(10; 20)", "uniform", 15.0),
        ("expon(4)", "exponential", 4.0),
        ("12,5", "constant", 12.5),
    ],
)
def test_distribution_notation_accepts_german_names_and_decimal_commas(
    text: str, kind: str, mean: float
) -> None:
    """Analysts may type German names and, with ';' between arguments, decimal commas."""
    distribution = parse_distribution(text)
    assert distribution.kind == kind
    assert math.isclose(distribution.mean, mean)


@pytest.mark.parametrize("text", ["weibull(1, 2)", "normal(10)", "triangular(1,,3)", "abc"])
def test_distribution_notation_rejects_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ValueError):
        parse_distribution(text)


@pytest.mark.parametrize(
    ("distribution", "problem"),
    [
        (Distribution("uniform", {"low": 10, "high": 5}), "low > high"),
        (Distribution("triangular", {"low": 5, "mode": 2, "high": 10}), "mode"),
        (Distribution("normal", {"mean": -1, "sd": 1}), "negative"),
        (Distribution("gamma", {"mean": 0, "sd": 1}), "positive"),
        (Distribution("empirical", {}, [], []), "no values"),
    ],
)
def test_unusable_distributions_are_named(distribution: Distribution, problem: str) -> None:
    assert problem in (distribution_problem(distribution) or "")


def test_sound_distribution_has_no_problem() -> None:
    assert distribution_problem(parse_distribution("triangular(5, 10, 20)")) is None


# -- the workbench's own pa: attributes ------------------------------------------------------


def test_gewerbeanmeldung_parameters_come_from_pa_attributes() -> None:
    """Cases per year on the process, staff on the lanes, times on the activities."""
    params = load_parameters(import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn"))
    assert params.arrivals.cases_per_year == 1400
    assert params.arrivals.source == "pa"
    staff = {r.name: r.staff for r in params.resources.values()}
    assert staff == {"Poststelle": 0.3, "Sachbearbeitung Gewerbeamt": 2.5, "Stadtkasse": 0.4}
    assert {r.source for r in params.resources.values()} == {"pa"}
    assert set(params.sources) == {"pa"}
    assert sum(p for p in params.probabilities.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_every_sample_process_has_its_pa_parameters(path: Path) -> None:
    """Each sample's casesPerYear, lane staff and activity times are read."""
    model = import_file(path)
    params = load_parameters(model)
    expected_cases = next(
        float(p.attributes[PA + "casesPerYear"])
        for p in model.processes
        if PA + "casesPerYear" in p.attributes
    )
    assert params.arrivals.cases_per_year == expected_cases
    lanes = [lane for p in model.processes for lane in p.lanes() if PA + "staff" in lane.attributes]
    assert lanes
    for lane in lanes:
        assert params.resources[lane.id or ""].staff == float(lane.attributes[PA + "staff"])
    timed = [a for a in params.activities.values() if a.processing is not None and a.source == "pa"]
    assert len(timed) >= len(params.activities) // 2
    for activity in params.activities.values():
        assert activity.resource_id is not None  # its lane, or its pool


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_pa_attributes_round_trip_through_export(path: Path) -> None:
    """import → parameters → write → export → import → the same parameters."""
    model = import_file(path)
    params = load_parameters(model)
    again = read_bpmn(export_bpmn(write_parameters(model, params)))
    assert load_parameters(again) == params
    assert again == model  # unchanged parameters leave the model as it was


def test_written_parameters_survive_export_and_reimport() -> None:
    """Changed times, distributions, costs, probabilities and staff are all written."""
    model = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    params = load_parameters(model)
    activity_id = next(iter(params.activities))
    params.activities[activity_id].processing = parse_distribution("triangular(4, 6, 14)")
    params.activities[activity_id].waiting = Distribution("exponential", {"mean": 300})
    params.activities[activity_id].fixed_cost = 1.25
    flows = sorted(params.probabilities)
    params.probabilities[flows[0]], params.probabilities[flows[1]] = 0.4, 0.6
    lane_id = next(iter(params.resources))
    params.resources[lane_id].staff = 3.25
    params.resources[lane_id].cost_per_hour = 58.5
    params.arrivals.cases_per_year = 2000
    written = write_parameters(model, params)
    element = written.get(activity_id)
    assert element is not None
    assert element.attributes[PA + "processingTime"] == "8"
    assert element.attributes[PA + "processingDistribution"] == "triangular(4, 6, 14)"
    again = load_parameters(read_bpmn(export_bpmn(written)))
    assert values(again) == values(params)
    assert model.get(activity_id).attributes.get(PA + "fixedCost") is None  # original untouched


def test_writing_removes_parameters_the_parameters_no_longer_give() -> None:
    model = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    params = load_parameters(model)
    for activity in params.activities.values():
        activity.processing = activity.waiting = None
    params.probabilities.clear()
    written = write_parameters(model, params)
    left = {
        key
        for element in written.iter_elements()
        for key in element.attributes
        if key in (PA + "processingTime", PA + "waitingTime", PA + "probability")
    }
    assert left == set()
    assert read_pa(written).staff  # staff was not touched


def test_invalid_pa_values_are_ignored_with_a_note() -> None:
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P" pa:casesPerYear="viele" xmlns:pa="urn:processanalysis:bpmn:1.0">'
            '<bpmn:task id="T" pa:processingTime="-5" pa:waitingTime="30"'
            ' pa:processingDistribution="weibull(1, 2)"/>'
            "</bpmn:process>"
        )
    )
    layer = read_pa(model)
    assert layer.cases_per_year is None
    assert "T" not in layer.processing
    assert layer.waiting["T"] == Distribution.constant(30)
    assert len(layer.notes) == 3


def test_pa_attribute_list_is_documented() -> None:
    doc = (ROOT / "docs" / "simulation" / "parameters.md").read_text(encoding="utf-8")
    for key in PA_ATTRIBUTES:
        assert f"pa:{key.split('}')[1]}" in doc


# -- BPSim ---------------------------------------------------------------------------------


def test_bpsim_from_jbpm_relationship() -> None:
    """BPSim 1.0 in a bpmn2:relationship: distributions, durations, costs, resources."""
    params = load_parameters(fixture("bpsim_jbpm.bpmn"))
    a = params.activities
    assert close(a["_Erfassen"].processing, "normal", mean=10, sd=2)
    assert a["_Erfassen"].waiting == Distribution.constant(60)  # PT1H
    assert a["_Erfassen"].fixed_cost == 3.5
    assert close(a["_Pruefen"].processing, "triangular", low=5, mode=10, high=30)
    assert close(a["_Bescheid"].processing, "gamma", mean=10, sd=5)  # shape 4, scale 2.5
    assert close(a["_Nachfordern"].processing, "uniform", low=3, high=7)
    assert params.probabilities == {"_F_Ja": 0.8, "_F_Nein": 0.2}
    assert params.resources["_Lane_Service"].staff == 1.5
    assert params.resources["_Lane_Service"].cost_per_hour == pytest.approx(54)  # 0.9 €/min
    assert params.resources["_Lane_SB"].staff == 2  # quantity on an activity: its lane
    assert close(params.arrivals.interarrival, "exponential", mean=120)
    assert params.arrivals.cases_per_year == pytest.approx(525600 / 120)
    assert params.sources == {"bpsim": 12}


def test_bpsim_2_in_extension_elements_with_inherited_scenario() -> None:
    """BPSim 2.0: minutes by default, per-value time units, inheritance, added times."""
    layer = read_bpsim(fixture("bpsim_2_0.bpmn"))
    assert close(layer.processing["Activity_Pruefen"], "uniform", low=20, high=40)  # inherited
    assert close(layer.processing["Activity_Erfassen"], "lognormal", mean=15, sd=6)  # hours
    assert layer.waiting["Activity_Erfassen"] == Distribution.constant(300)  # 240 + 60
    bescheid = layer.processing["Activity_Bescheid"]
    assert (bescheid.kind, bescheid.values, bescheid.weights) == ("empirical", [10, 20], [0.5, 0.5])
    assert close(layer.processing["Activity_Archiv"], "gamma", mean=6, sd=6)  # Weibull, k=1
    assert layer.cases_per_year == pytest.approx(300 * 365 / 30)
    assert any("Weibull" in n for n in layer.notes)
    assert any("added up" in n for n in layer.notes)


def test_bpsim_1_without_base_time_unit_means_milliseconds() -> None:
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P"><bpmn:task id="T"/></bpmn:process>'
            '<bpmn:relationship type="BPSimData"><bpmn:extensionElements>'
            '<bpsim:BPSimData xmlns:bpsim="http://www.bpsim.org/schemas/1.0">'
            '<bpsim:Scenario id="s"><bpsim:ScenarioParameters/>'
            '<bpsim:ElementParameters elementRef="T"><bpsim:TimeParameters><bpsim:ProcessingTime>'
            '<bpsim:NumericParameter value="90000"/>'
            "</bpsim:ProcessingTime></bpsim:TimeParameters></bpsim:ElementParameters>"
            "</bpsim:Scenario></bpsim:BPSimData></bpmn:extensionElements>"
            "<bpmn:source>P</bpmn:source><bpmn:target>P</bpmn:target></bpmn:relationship>"
        )
    )
    assert read_bpsim(model).processing["T"] == Distribution.constant(1.5)


def test_bpsim_written_back_round_trips_and_validates(omg_schema: etree.XMLSchema) -> None:
    """Parameters → BPSim 1.0 scenario → export (XSD-valid) → import → same parameters."""
    model = fixture("bpsim_jbpm.bpmn")
    params = load_parameters(model)
    params.activities["_Bescheid"].processing = parse_distribution("empirical(5:0.25, 10:0.75)")
    params.activities["_Pruefen"].waiting = parse_distribution("exponential(90)")
    params.activities["_Nachfordern"].processing = parse_distribution("lognormal(5, 2)")
    written = write_bpsim(model, params)
    data = export_bpmn(written)
    assert omg_schema.validate(etree.fromstring(data)), omg_schema.error_log
    again = read_bpmn(data)
    assert again == written
    assert data.count(b"<bpsim:BPSimData") == 1  # the old scenario was replaced
    reread = merge_layers(again, [read_bpsim(again)])
    assert values(reread) == values(params)


def test_bpsim_written_from_pa_parameters_reads_back_the_same_values() -> None:
    model = import_file(SAMPLES / "wohngeldantrag_ist.bpmn")
    params = load_parameters(model)
    again = read_bpmn(export_bpmn(write_bpsim(model, params)))
    reread = merge_layers(again, [read_bpsim(again)])
    assert values(reread)["activities"] == values(params)["activities"]
    assert reread.probabilities == params.probabilities
    assert reread.arrivals.cases_per_year == pytest.approx(params.arrivals.cases_per_year)


# -- QBP -----------------------------------------------------------------------------------


def test_qbp_from_bimp_appended_to_definitions() -> None:
    """Seconds become minutes; resources named like lanes are those lanes."""
    params = load_parameters(fixture("qbp_bimp.bpmn"))
    a = params.activities
    assert a["Task_Sichten"].processing == Distribution.constant(2)
    assert close(a["Task_Suchen"].processing, "normal", mean=5, sd=1)
    assert close(a["Task_Nachfordern"].processing, "triangular", low=5, mode=10, high=20)
    assert close(a["Task_Drucken"].processing, "gamma", mean=4, sd=1)  # variance 3600 s²
    assert a["Task_Suchen"].resource_id == "Lane_Back"
    assert a["Task_Drucken"].resource_id == "QBP_RES_DRUCK"
    assert params.resources["Lane_Back"].staff == 3
    assert params.resources["Lane_Front"].cost_per_hour == 48
    assert params.resources["QBP_RES_DRUCK"].name == "Druckstraße"
    assert params.resources["QBP_RES_DRUCK"].calendar.weekdays == (0, 1, 2, 3, 4, 5, 6)
    assert params.probabilities == {"Flow_Ja": 0.85, "Flow_Nein": 0.15}
    assert close(params.arrivals.interarrival, "exponential", mean=30)  # arg1 = 1800 s
    weekly_minutes = 5 * 8 * 60
    assert params.arrivals.cases_per_year == pytest.approx(weekly_minutes * 365 / 7 / 30)
    assert params.arrivals.calendar.start_hour == 8


def test_qbp_from_apromore_inside_the_process() -> None:
    layer = read_qbp(fixture("qbp_apromore.bpmn"))
    assert close(layer.processing["Activity_Erfassen"], "exponential", mean=8)
    assert close(layer.processing["Activity_Bescheid"], "lognormal", mean=5, sd=2)
    assert close(layer.interarrival, "uniform", low=10, high=30)
    assert layer.resource_of == {"Activity_Erfassen": "Lane_SB", "Activity_Bescheid": "Lane_SB"}
    assert layer.calendars["Lane_SB"].start_hour == 7.5
    assert any("merged" in n for n in layer.notes)


# -- ADONIS --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("00:000:00:30:00", 30.0),
        ("00:001:02:00:00", 1560.0),
        ("01:000:00:00:00", 525600.0),
        ("00:000:00:00:30", 0.5),
        ("1800", 30.0),
        ("0", 0.0),
        ("", None),
        ("unbekannt", None),
    ],
)
def test_adonis_time_values(text: str, minutes: float | None) -> None:
    assert parse_adonis_time(text) == minutes


def test_adonis_times_costs_and_volume() -> None:
    """Execution → processing; waiting + resting + transport → waiting; costs; quantity."""
    layer = read_adonis(fixture("adonis_times.bpmn"))
    pruefen = "_a1f0c3d2-0002-4b5c-8d7e-9f0a1b2c3d4e"
    drucken = "_a1f0c3d2-0003-4b5c-8d7e-9f0a1b2c3d4e"
    assert layer.processing == {
        pruefen: Distribution.constant(12.5),
        drucken: Distribution.constant(5),
    }
    assert layer.waiting == {
        pruefen: Distribution.constant(1440 + 120),
        drucken: Distribution.constant(30),
    }
    assert layer.fixed_cost == {pruefen: 2.5}  # zero costs are "not maintained"
    assert layer.cases_per_year == 200 * 12


def test_adonis_vendor_sample() -> None:
    """The real ADONIS export: every task carries the simulation attributes, all zero."""
    model = import_file(require_shared("testdata", "vendor-samples", "adonis__C.1.0-export.bpmn"))
    params = load_parameters(model)
    assert len(params.activities) == 9
    for activity_id in params.activities:
        attributes = adonis_attributes(model.get(activity_id))
        for name in ("A_EXECUTION_TIME", "A_WAITING_TIME", "A_RESTING_TIME", "COSTS"):
            assert attributes[name][1] == "0"
        assert attributes["A_EXECUTION_TIME"][0] == "UTC"
    assert len(read_adonis(model)) == 0  # ADONIS writes 0 for what nobody maintained
    names = {r.name for r in params.resources.values()}
    assert {"Approver", "Team Assistant", "Accountant"} <= names
    assert params.sources == {}


# -- Prosimos ------------------------------------------------------------------------------


def test_prosimos_json() -> None:
    """Pools become resources (a pool named like a lane is the lane); seconds → minutes."""
    model = fixture("prosimos_model.bpmn")
    params = load_parameters(model, extra=FIXTURES / "prosimos.json")
    a = params.activities
    assert close(a["sid-TASK-ERFASSEN"].processing, "normal", mean=15, sd=2)
    assert close(a["sid-TASK-BERECHNEN"].processing, "lognormal", mean=30, sd=10)
    assert close(a["sid-TASK-NACHFORDERN"].processing, "uniform", low=5, high=15)
    assert a["sid-TASK-FREIGEBEN"].processing == Distribution.constant(3)
    assert a["sid-TASK-ERFASSEN"].resource_id == "sid-LANE-SB"
    assert a["sid-TASK-FREIGEBEN"].resource_id == "pool-leitung"
    lane = params.resources["sid-LANE-SB"]
    assert (lane.staff, lane.cost_per_hour) == (3, 52)  # 2 × 50 and 1 × 56
    assert lane.calendar.start_hour == 7.5
    assert params.resources["pool-leitung"].name == "Leitung"
    assert params.probabilities == {"sid-F-JA": 0.55, "sid-F-NEIN": 0.45}
    assert close(params.arrivals.interarrival, "exponential", mean=40)
    assert params.arrivals.source == "prosimos"
    assert params.arrivals.cases_per_year == pytest.approx(5 * 8 * 60 * 365 / 7 / 40)


def test_prosimos_legacy_json() -> None:
    """The older dict form with scipy parameters (loc, scale) is read as well."""
    layer = read_prosimos(FIXTURES / "prosimos_legacy.json", fixture("prosimos_model.bpmn"))
    assert close(layer.processing["sid-TASK-ERFASSEN"], "normal", mean=10, sd=2)
    assert close(layer.processing["sid-TASK-BERECHNEN"], "triangular", low=10, mode=20, high=50)
    assert close(layer.processing["sid-TASK-FREIGEBEN"], "exponential", mean=4)
    assert layer.processing["sid-TASK-NACHFORDERN"] == Distribution.constant(5)
    assert layer.probabilities == {"sid-F-JA": 0.7, "sid-F-NEIN": 0.3}
    assert layer.resource_of["sid-TASK-FREIGEBEN"] == "SGL_1"
    assert close(layer.interarrival, "exponential", mean=30)


def test_a_json_that_is_no_prosimos_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"rules": {}}', encoding="utf-8")
    with pytest.raises(ProsimosError):
        load_parameters(fixture("prosimos_model.bpmn"), extra=path)


# -- the spreadsheet template --------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_template_round_trip(tmp_path: Path, suffix: str, lang: str) -> None:
    """write → read gives the same values, in both formats and both languages."""
    model = import_file(SAMPLES / "bauantrag_ist.bpmn")
    params = load_parameters(model)
    path = write_template(model, params, tmp_path / f"parameter{suffix}", lang=lang)
    read = read_template(path, model)
    assert values(read) == values(params)
    assert set(read.sources) == {"template"}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_template_round_trip_with_distributions_and_named_resources(
    tmp_path: Path, suffix: str
) -> None:
    """Distributions, fixed costs, costs per hour and a resource that is no lane survive."""
    model = fixture("qbp_bimp.bpmn")
    params = load_parameters(model)
    params.activities["Task_Sichten"].fixed_cost = 0.85
    params.activities["Task_Sichten"].waiting = parse_distribution("empirical(60:1, 120:1)")
    path = write_template(model, params, tmp_path / f"p{suffix}")
    read = read_template(path, model)
    expected = values(params)
    expected["resources"] = {
        k: (name, staff, cost, None) for k, (name, staff, cost, _) in expected["resources"].items()
    }  # calendars are not part of the template
    expected["arrivals"] = (params.arrivals.cases_per_year, None)
    assert read.arrivals.cases_per_year == pytest.approx(params.arrivals.cases_per_year)
    read.arrivals.cases_per_year = params.arrivals.cases_per_year
    assert values(read) == expected


def test_template_has_german_sheets_and_headers_by_default(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    model = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    path = write_template(model, None, tmp_path / "vorlage.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Hinweise", *(names[0] for names in SHEETS.values())]
    sheet = workbook["Aktivitäten"]
    assert [c.value for c in sheet[1]] == [col[1] for col in COLUMNS["activities"]]
    ids = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert ids == set(load_parameters(model).activities)
    units = workbook["Organisationseinheiten"]
    staff = {row[1]: row[3] for row in units.iter_rows(min_row=2, values_only=True)}
    assert staff == {"Poststelle": 0.3, "Sachbearbeitung Gewerbeamt": 2.5, "Stadtkasse": 0.4}
    assert workbook["Prozess"]["C2"].value == 1400


def _csv_rows(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    return [next(csv.reader([line], delimiter=";")) if line else [] for line in text.splitlines()]


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    for row in rows:
        writer.writerow(row)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def _edit(path: Path, sheet: str, row_id: str | None, column: str, value: str) -> int:
    """Set one cell of the German CSV template; returns its line number."""
    rows = _csv_rows(path)
    section, header = None, None
    for number, row in enumerate(rows, start=1):
        if row and row[0].startswith("["):
            section, header = row[0].strip("[]"), None
            continue
        if section != sheet or not row:
            continue
        if header is None:
            header = row
            continue
        if row_id is None or row_id in row:
            row[header.index(column)] = value
            _write_csv(path, rows)
            return number
    raise AssertionError(f"{sheet}/{row_id} not found")


@pytest.fixture
def template(tmp_path: Path) -> tuple[Definitions, Path]:
    """The Gewerbeanmeldung and its German CSV template."""
    model = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    return model, write_template(model, None, tmp_path / "vorlage.csv")


def test_template_values_override_the_model(template: tuple[Definitions, Path]) -> None:
    """Decimal commas, percentages and a moved activity are applied as the explicit source."""
    model, path = template
    params = load_parameters(model)
    activity_id = next(iter(params.activities))
    _edit(path, "Aktivitäten", activity_id, "Bearbeitungszeit (min)", "12,5")
    _edit(path, "Aktivitäten", activity_id, "Organisationseinheit", "Stadtkasse")
    flows = [f for f in params.probabilities]
    _edit(path, "Verzweigungen", flows[0], "Wahrscheinlichkeit", "40 %")
    _edit(path, "Verzweigungen", flows[1], "Wahrscheinlichkeit", "0,6")
    _edit(path, "Prozess", None, "Fälle pro Jahr", "1.600")
    merged = load_parameters(model, extra=path)
    assert merged.activities[activity_id].processing == Distribution.constant(12.5)
    stadtkasse = next(r.id for r in merged.resources.values() if r.name == "Stadtkasse")
    assert merged.activities[activity_id].resource_id == stadtkasse
    assert merged.activities[activity_id].source == "template"
    assert merged.probabilities[flows[0]] == pytest.approx(0.4)
    assert merged.arrivals.cases_per_year == 1600  # German thousands separator
    assert merged.sources["template"] > 0


@pytest.mark.parametrize(
    ("sheet", "column", "value", "code"),
    [
        ("Aktivitäten", "Bearbeitungszeit (min)", "-5", "negative"),
        ("Aktivitäten", "Liegezeit davor (min)", "zwei Tage", "not-a-number"),
        ("Aktivitäten", "ID", "Activity_gibtsnicht", "unknown-id"),
        ("Aktivitäten", "Verteilung Bearbeitungszeit", "weibull(2, 3)", "bad-distribution"),
        (
            "Aktivitäten",
            "Verteilung Bearbeitungszeit",
            "triangular(100, 200, 300)",
            "distribution-mismatch",
        ),
        ("Aktivitäten", "Organisationseinheit", "Bauhof", "unknown-unit"),
        ("Verzweigungen", "Wahrscheinlichkeit", "0,9", "probability-sum"),
        ("Verzweigungen", "Wahrscheinlichkeit", "", "probability-incomplete"),
        ("Verzweigungen", "Wahrscheinlichkeit", "1,5", "probability-range"),
        ("Verzweigungen", "Fluss-ID", "Flow_gibtsnicht", "unknown-id"),
        ("Organisationseinheiten", "Personal (VZÄ)", "-1", "negative"),
        ("Organisationseinheiten", "ID", "Lane_gibtsnicht", "unknown-id"),
        ("Prozess", "ID", "Process_gibtsnicht", "unknown-id"),
    ],
)
def test_template_rows_are_validated_and_nothing_is_applied(
    template: tuple[Definitions, Path], sheet: str, column: str, value: str, code: str
) -> None:
    """One bad cell: the report names sheet, row and column, and no value is applied."""
    model, path = template
    rows = _csv_rows(path)
    first_id = rows[[r[0] if r else "" for r in rows].index(f"[{sheet}]") + 2][0]
    line = _edit(path, sheet, first_id, column, value)
    issues = check_template(path, model)
    if code == "distribution-mismatch":  # reported at the minutes it contradicts
        column = "Bearbeitungszeit (min)"
    assert [(i.code, i.sheet, i.row, i.column) for i in issues] == [(code, sheet, line, column)]
    assert issues[0].message("de") and issues[0].message("en")
    with pytest.raises(TemplateError) as error:
        load_parameters(model, extra=path)
    assert error.value.issues == issues


def test_template_with_several_errors_reports_each_row(template: tuple[Definitions, Path]) -> None:
    model, path = template
    ids = list(load_parameters(model).activities)
    lines = [
        _edit(path, "Aktivitäten", ids[0], "Bearbeitungszeit (min)", "-1"),
        _edit(path, "Aktivitäten", ids[1], "Sachkosten je Ausführung (€)", "teuer"),
    ]
    assert [i.row for i in check_template(path, model)] == lines


def test_template_without_id_column_is_reported(template: tuple[Definitions, Path]) -> None:
    model, path = template
    text = path.read_text(encoding="utf-8-sig").replace("ID;Aktivität;", "Kennung;Aktivität;")
    path.write_text(text, encoding="utf-8-sig")
    assert [i.code for i in check_template(path, model)] == ["missing-column"]


def test_unreadable_template_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(b"not a workbook")
    issues = check_template(path, import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn"))
    assert [i.code for i in issues] == ["unreadable"]


def test_template_cases_per_year_must_agree(tmp_path: Path) -> None:
    """A model with two processes: both rows may carry the volume, but the same one."""
    model = import_file(SAMPLES / "wohngeldantrag_ist.bpmn")
    path = write_template(model, None, tmp_path / "vorlage.csv")
    rows = _csv_rows(path)
    start = [r[0] if r else "" for r in rows].index("[Prozess]") + 2
    assert rows[start + 1]  # two process rows
    for offset, value in ((0, "3200"), (1, "3000")):
        rows[start + offset][2] = value
    _write_csv(path, rows)
    assert [i.code for i in check_template(path, model)] == ["cases-conflict"]


def test_template_columns_are_documented() -> None:
    doc = (ROOT / "docs" / "simulation" / "parameters.md").read_text(encoding="utf-8")
    for sheet, columns in COLUMNS.items():
        assert SHEETS[sheet][0] in doc and SHEETS[sheet][1] in doc
        for _key, de, en, _read in columns:
            assert de in doc and en in doc


# -- precedence ----------------------------------------------------------------------------

_ADONIS = (
    '<bpmn:extensionElements><adonis:instance xmlns:adonis="http://www.boc-group.com">'
    '<adonis:attribute name="A_EXECUTION_TIME" type="UTC"><adonis:value>00:000:00:04:00'
    "</adonis:value></adonis:attribute></adonis:instance></bpmn:extensionElements>"
)
_QBP = (
    '<qbp:processSimulationInfo xmlns:qbp="http://www.qbp-simulator.com/Schema201212" id="q">'
    '<qbp:elements><qbp:element elementId="T"><qbp:durationDistribution type="FIXED" mean="300"'
    ' arg1="0" arg2="0"/></qbp:element></qbp:elements></qbp:processSimulationInfo>'
)
_BPSIM = (
    '<bpmn:relationship type="BPSimData"><bpmn:extensionElements>'
    '<bpsim:BPSimData xmlns:bpsim="http://www.bpsim.org/schemas/1.0"><bpsim:Scenario id="s">'
    '<bpsim:ScenarioParameters baseTimeUnit="min"/><bpsim:ElementParameters elementRef="T">'
    '<bpsim:TimeParameters><bpsim:ProcessingTime><bpsim:NumericParameter value="6"/>'
    "</bpsim:ProcessingTime></bpsim:TimeParameters></bpsim:ElementParameters>"
    '<bpsim:ElementParameters elementRef="S"><bpsim:ControlParameters><bpsim:InterTriggerTimer>'
    '<bpsim:NumericParameter value="60"/></bpsim:InterTriggerTimer></bpsim:ControlParameters>'
    "</bpsim:ElementParameters></bpsim:Scenario></bpsim:BPSimData></bpmn:extensionElements>"
    "<bpmn:source>P</bpmn:source><bpmn:target>P</bpmn:target></bpmn:relationship>"
)


def _disagreeing(*sources: str) -> Definitions:
    """One task whose processing time each source gives differently (ADONIS 4, QBP 5,
    BPSim 6, pa 7 minutes); the process volume from pa (1000) and BPSim (every hour)."""
    pa = ' pa:processingTime="7"' if "pa" in sources else ""
    cases = ' pa:casesPerYear="1000"' if "pa" in sources else ""
    body = (
        f'<bpmn:process id="P"{cases}><bpmn:startEvent id="S"/>'
        f'<bpmn:task id="T"{pa}>{_ADONIS if "adonis" in sources else ""}</bpmn:task>'
        '<bpmn:sequenceFlow id="F" sourceRef="S" targetRef="T"/></bpmn:process>'
        + (_QBP if "qbp" in sources else "")
        + (_BPSIM if "bpsim" in sources else "")
    )
    head = (
        bpmn("")
        .decode()
        .replace("<bpmn:definitions ", '<bpmn:definitions xmlns:pa="urn:processanalysis:bpmn:1.0" ')
    )
    return read_bpmn(bpmn(body, head=head.removesuffix("</bpmn:definitions>")))


@pytest.mark.parametrize(
    ("sources", "minutes", "winner"),
    [
        (("adonis",), 4, "adonis"),
        (("adonis", "qbp"), 5, "qbp"),
        (("adonis", "qbp", "bpsim"), 6, "bpsim"),
        (("adonis", "qbp", "bpsim", "pa"), 7, "pa"),
        (("qbp", "pa"), 7, "pa"),
        (("adonis", "bpsim"), 6, "bpsim"),
    ],
)
def test_stronger_source_wins_when_two_disagree(
    sources: tuple[str, ...], minutes: float, winner: str
) -> None:
    """defaults ← ADONIS ← QBP ← BPSim ← pa attributes."""
    params = load_parameters(_disagreeing(*sources))
    assert params.activities["T"].processing == Distribution.constant(minutes)
    assert params.activities["T"].source == winner
    assert params.sources[winner] >= 1


def test_explicit_file_beats_every_source_in_the_model(tmp_path: Path) -> None:
    model = _disagreeing("adonis", "qbp", "bpsim", "pa")
    path = write_template(model, None, tmp_path / "v.csv")
    _edit(path, "Aktivitäten", "T", "Bearbeitungszeit (min)", "8")
    params = load_parameters(model, extra=path)
    assert params.activities["T"].processing == Distribution.constant(8)
    assert params.activities["T"].source == "template"


def test_arrivals_come_whole_from_the_strongest_source() -> None:
    """pa's cases per year replace BPSim's inter-arrival time instead of mixing with it."""
    bpsim_only = load_parameters(_disagreeing("bpsim"))
    assert bpsim_only.arrivals.cases_per_year == pytest.approx(525600 / 60)
    both = load_parameters(_disagreeing("bpsim", "pa"))
    assert (both.arrivals.cases_per_year, both.arrivals.interarrival) == (1000, None)
    assert both.arrivals.source == "pa"


def test_without_any_source_activities_default_to_their_lane() -> None:
    model = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    params = merge_layers(model, [])
    assert params.sources == {}
    assert all(a.processing is None and a.source == "default" for a in params.activities.values())
    lanes = {lane.id for p in model.processes for lane in p.lanes()}
    assert {a.resource_id for a in params.activities.values()} <= lanes
    assert all(r.staff == 1.0 and r.source == "default" for r in params.resources.values())


def test_values_for_unknown_elements_are_left_out_with_a_note() -> None:
    model = fixture("prosimos_model.bpmn")
    data = {
        "task_resource_distribution": [
            {
                "task_id": "sid-UNBEKANNT",
                "resources": [
                    {
                        "resource_id": "R",
                        "distribution_name": "fix",
                        "distribution_params": [{"value": 60}],
                    }
                ],
            }
        ],
        "gateway_branching_probabilities": [
            {"gateway_id": "G", "probabilities": [{"path_id": "sid-X", "value": 1}]}
        ],
    }
    params = merge_layers(model, [read_prosimos(data, model)])
    assert "sid-UNBEKANNT" not in params.activities and params.probabilities == {}
    assert any("sid-UNBEKANNT" in n for n in params.notes)
    assert any("sid-X" in n for n in params.notes)
