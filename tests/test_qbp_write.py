"""Writing parameters as QBP (``qbp:processSimulationInfo``, BIMP) and reading them back."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from lxml import etree

from processanalysis import export_bpmn, import_file, read_bpmn
from processanalysis.simulation.parameters import Distribution, parse_distribution
from processanalysis.simulation.params_io import load_parameters, merge_layers, write_qbp
from processanalysis.simulation.sources.qbp import QBP, read_qbp
from tests.conftest import ROOT, SAMPLES

FIXTURES = ROOT / "tests" / "fixtures" / "params"
SAMPLE_FILES = sorted(SAMPLES.glob("*.bpmn"))
Q = "{%s}" % QBP


def same(a: Distribution | None, b: Distribution | None) -> bool:
    """Equal kind and parameters (up to the rounding of seconds and back)."""
    if a is None or b is None:
        return a is b
    return (
        a.kind == b.kind
        and set(a.params) == set(b.params)
        and all(math.isclose(a.params[k], b.params[k], rel_tol=1e-9) for k in a.params)
    )


def infos(data: bytes) -> list[etree._Element]:
    return list(etree.fromstring(data).iter(Q + "processSimulationInfo"))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: Path(p).stem)
def test_sample_written_as_qbp_round_trips(path: Path, omg_schema: etree.XMLSchema) -> None:
    """pa: parameters → QBP → export (XSD-valid) → import → QBP alone gives them back."""
    model = import_file(path)
    params = load_parameters(model)
    written = write_qbp(model, params)
    assert read_qbp(model).processing == {}  # the samples carry no QBP of their own

    data = export_bpmn(written)
    assert omg_schema.validate(etree.fromstring(data)), omg_schema.error_log
    (info,) = infos(data)
    assert info.getparent().getparent().tag.endswith("}process")
    again = read_bpmn(data)
    assert again == written

    layer = read_qbp(again)  # QBP alone, not the pa: attributes the copy still has
    for activity_id, activity in params.activities.items():
        assert same(layer.processing.get(activity_id), activity.processing), activity_id
        if activity.resource_id is not None:
            assert layer.resource_of[activity_id] == activity.resource_id
    assert layer.probabilities == pytest.approx(params.probabilities)
    assert layer.staff == {r.id: math.ceil(r.staff) for r in params.resources.values()}
    for resource in params.resources.values():
        if resource.cost_per_hour is not None:
            assert layer.cost_per_hour[resource.id] == resource.cost_per_hour

    reread = merge_layers(again, [layer])
    assert reread.arrivals.cases_per_year == pytest.approx(params.arrivals.cases_per_year)
    assert int(info.get("processInstances")) == round(params.arrivals.cases_per_year)


def test_qbp_fixture_round_trips_every_kind(omg_schema: etree.XMLSchema) -> None:
    """BIMP's own file → parameters (+ the kinds it lacks) → QBP → the same values."""
    model = import_file(FIXTURES / "qbp_bimp.bpmn")
    params = load_parameters(model)
    activities = list(params.activities.values())
    extra = ["uniform(2, 6)", "exponential(7.5)", "lognormal(5, 2)", "constant(0.5)"]
    for activity, text in zip(activities, extra, strict=False):
        activity.processing = parse_distribution(text)
    written = write_qbp(model, params)
    data = export_bpmn(written)
    assert omg_schema.validate(etree.fromstring(data)), omg_schema.error_log
    assert len(infos(data)) == 1  # BIMP's element was replaced, not added to

    again = read_bpmn(data)
    reread = merge_layers(again, [read_qbp(again)])
    for activity_id, activity in params.activities.items():
        assert same(reread.activities[activity_id].processing, activity.processing)
        assert reread.activities[activity_id].resource_id == activity.resource_id
    assert reread.probabilities == pytest.approx(params.probabilities)
    for resource_id, resource in params.resources.items():
        back = reread.resources[resource_id]
        assert (back.name, back.staff, back.cost_per_hour, back.calendar) == (
            resource.name,
            math.ceil(resource.staff),
            resource.cost_per_hour,
            resource.calendar,
        )
    assert same(reread.arrivals.interarrival, params.arrivals.interarrival)
    assert reread.arrivals.calendar == params.arrivals.calendar
    assert reread.arrivals.cases_per_year == pytest.approx(params.arrivals.cases_per_year)


def test_qbp_distribution_types_in_seconds() -> None:
    model = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    params = load_parameters(model)
    kinds = {
        "constant(2)": ("FIXED", "120.0", "0.0", "0.0"),
        "normal(5, 1)": ("NORMAL", "300.0", "60.0", "NaN"),
        "exponential(30)": ("EXPONENTIAL", "NaN", "1800.0", "NaN"),
        "uniform(1, 3)": ("UNIFORM", "NaN", "60.0", "180.0"),
        "triangular(5, 10, 20)": ("TRIANGULAR", "600.0", "300.0", "1200.0"),
        "lognormal(4, 1)": ("LOGNORMAL", "240.0", "3600.0", "NaN"),
        "gamma(4, 1)": ("GAMMA", "240.0", "3600.0", "NaN"),
        "empirical(5:0.25, 10:0.75)": ("FIXED", "525.0", "0.0", "0.0"),  # its mean
    }
    activity = next(iter(params.activities.values()))
    for text, expected in kinds.items():
        activity.processing = parse_distribution(text)
        data = export_bpmn(write_qbp(model, params))
        (info,) = infos(data)
        element = next(
            e for e in info.iter(Q + "element") if e.get("elementId") == activity.element_id
        )
        d = element.find(Q + "durationDistribution")
        assert (d.get("type"), d.get("mean"), d.get("arg1"), d.get("arg2")) == expected, text


def test_qbp_written_in_the_process_extension_elements(omg_schema: etree.XMLSchema) -> None:
    """BIMP appends the element to the definitions, which the XSD does not allow (and
    ``tDefinitions`` has no extensionElements); the copy holds it in the process's
    extensionElements, Apromore's place, which the reader also reads."""
    model = import_file(SAMPLES / "urlaubsantrag_ist.bpmn")
    data = export_bpmn(write_qbp(model, load_parameters(model)))
    root = etree.fromstring(data)
    (info,) = infos(data)
    assert info.getparent().tag == "{http://www.omg.org/spec/BPMN/20100524/MODEL}extensionElements"
    assert info.getparent().getparent().tag == "{http://www.omg.org/spec/BPMN/20100524/MODEL}process"
    # BIMP's own placement, appended to the definitions, is not XSD-valid
    appended = etree.fromstring(data)
    moved = next(appended.iter(Q + "processSimulationInfo"))
    appended.append(moved)
    assert not omg_schema.validate(appended)
    assert root.nsmap.get("qbp") == QBP
    timetables = {t.get("id"): t for t in info.iter(Q + "timetable")}
    rule = timetables["QBP_DEFAULT_TIMETABLE"].find(f"{Q}rules/{Q}rule")
    assert (rule.get("fromWeekDay"), rule.get("toWeekDay"), rule.get("fromTime")) == (
        "MONDAY",
        "FRIDAY",
        "08:00:00.000+00:00",
    )
    assert all(r.get("timetableId") in timetables for r in info.iter(Q + "resource"))
