"""Semantic diff and KPI comparison: matching, changed fields, the sample to-be variants.

The strongest matching test renames every id of a sample (as if the department had
modelled the same process again in another tool): the diff must still pair every element
with its renamed twin, by label and by structure, and find nothing added or removed.
The sample to-be variants are compared with their as-is with the deltas written down in
sample_processes/README.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from processanalysis.bpmn.exporter import export_bpmn
from processanalysis.bpmn.importer import import_file, read_bpmn
from processanalysis.bpmn.model import Definitions
from processanalysis.variants import ElementChange, ModelDiff, compare_models, diff_models
from processanalysis.variants.comparison import kpi_delta
from tests.builders import chain, lanes, process
from tests.conftest import SAMPLES, bpmn

SAMPLE_FILES = sorted(SAMPLES.glob("*.bpmn"))


def _renamed(model: Definitions) -> tuple[Definitions, dict[str, str]]:
    """The same model with every id replaced (another tool, another modeller)."""
    xml = export_bpmn(model).decode("utf-8")
    ids = sorted(set(re.findall(r'\bid="([^"]+)"', xml)), key=len, reverse=True)
    mapping = {old: f"N{i:04d}x" for i, old in enumerate(ids)}
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, ids)) + r")(?![\w.-])")
    renamed = pattern.sub(lambda m: mapping[m.group(1)], xml)
    return read_bpmn(renamed.encode("utf-8")), mapping


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_a_model_equals_itself(path: Path) -> None:
    model = import_file(path)
    diff = diff_models(model, import_file(path))
    assert diff.is_empty()
    assert len(diff.unchanged) == len(diff.matched) > 20
    assert all(a == b for a, b in diff.matched)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_independently_modelled_copy_matches_by_label_and_structure(path: Path) -> None:
    model = import_file(path)
    renamed, mapping = _renamed(model)
    diff = diff_models(model, renamed)
    assert diff.added == [] and diff.removed == []
    assert [(a, b) for a, b in diff.matched if mapping[a] != b] == []
    assert diff.changed == []
    assert len(diff.matched) == len(model.index) - _unmatched_kinds(model)


def _unmatched_kinds(model: Definitions) -> int:
    """Elements the diff does not compare: processes, collaborations, data objects (no
    shape), lane sets, event definitions, data associations."""
    kinds = ("process", "collaboration", "dataObject", "laneSet", "dataInputAssociation",
             "dataOutputAssociation")
    return sum(
        1 for e in model.index.values()
        if e.type in kinds or e.type.endswith("EventDefinition") or e.type in _ROOTS
    )


_ROOTS = {"message", "signal", "error", "escalation", "itemDefinition", "dataStore",
          "category", "categoryValue"}


def _model(body: str) -> Definitions:
    return read_bpmn(bpmn(process(body)))


BASE = (
    lanes(Post="s a", SB="b c e")
    + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Post öffnen"/>'
    '<bpmn:userTask id="b" name="Antrag im Fachverfahren erfassen"/>'
    '<bpmn:task id="c" name="Bescheid versenden" pa:medium="paper"/>'
    '<bpmn:endEvent id="e"/>' + chain("s", "a", "b", "c", "e")
)


def _changes(diff: ModelDiff) -> dict[str, list[str]]:
    return {c.id: c.fields for c in diff.changed}


def test_each_field_is_reported() -> None:
    before = _model(BASE)
    after = _model(
        BASE.replace('name="Post öffnen"', 'name="Post öffnen und scannen"')
        .replace('<bpmn:userTask id="b"', '<bpmn:serviceTask id="b"')
        .replace("</bpmn:userTask>", "</bpmn:serviceTask>")
        .replace('pa:medium="paper"', 'pa:medium="online_service" pa:itSystem="Postfach"')
    )
    assert _changes(diff_models(before, after)) == {
        "a": ["name"],
        "b": ["type"],
        "c": ["medium", "system"],
    }
    moved = _model(BASE.replace(lanes(Post="s a", SB="b c e"), lanes(Post="s a b", SB="c e")))
    assert _changes(diff_models(before, moved)) == {"b": ["unit"]}


def test_rewired_flow_changes_flows_of_its_ends() -> None:
    before = _model(BASE)
    after = _model(BASE.replace(chain("s", "a", "b", "c", "e"),
                                chain("s", "a", "b") + '<bpmn:sequenceFlow id="f_b_c" '
                                'sourceRef="b" targetRef="e"/>'
                                + chain("c", "e").replace("f_c_e", "f_c_e")))
    diff = diff_models(before, after)
    changes = _changes(diff)
    assert changes["f_b_c"] == ["target"]
    assert changes["b"] == ["flows"] and changes["c"] == ["flows"]


def test_labels_match_across_types_and_ids_with_neighbour_help() -> None:
    before = _model(BASE)
    after = _model(
        lanes(Post="s0 a0", SB="b0 c0 e0")
        + '<bpmn:startEvent id="s0"/><bpmn:task id="a0" name="Post oeffnen"/>'
        '<bpmn:serviceTask id="b0" name="Antragsdaten ins Fachverfahren übernehmen"/>'
        '<bpmn:sendTask id="c0" name="Bescheid ins Postfach versenden"/>'
        '<bpmn:endEvent id="e0"/>' + chain("s0", "a0", "b0", "c0", "e0")
    )
    diff = diff_models(before, after)
    assert dict(diff.matched)["b"] == "b0"
    assert dict(diff.matched)["c"] == "c0"
    assert dict(diff.matched)["s"] == "s0" and dict(diff.matched)["e"] == "e0"
    assert "type" in diff.change("b").fields  # type: ignore[union-attr]
    assert diff.added == [] and diff.removed == []


def test_unrelated_steps_do_not_match() -> None:
    before = _model(BASE)
    after = _model(
        lanes(SB="s9 z e9")
        + '<bpmn:startEvent id="s9"/><bpmn:task id="z" name="Hund zur Steuer anmelden"/>'
        '<bpmn:endEvent id="e9"/>' + chain("s9", "z", "e9")
    )
    diff = diff_models(before, after)
    assert "z" in diff.added
    assert {"a", "b", "c"} <= set(diff.removed)


def test_to_dict_is_the_cli_shape() -> None:
    diff = ModelDiff(added=["x"], removed=["y"], changed=[ElementChange("a", "b", ["name"])],
                     unchanged=["c"], matched=[("a", "b"), ("c", "c")])
    assert diff.to_dict() == {
        "added": ["x"], "removed": ["y"],
        "changed": [{"id": "a", "to_be_id": "b", "fields": ["name"]}],
        "unchanged": ["c"], "matched": [["a", "b"], ["c", "c"]],
    }


def test_kpi_delta_by_kind() -> None:
    delta = kpi_delta(
        {"a": 3, "s": 0.5, "t": {"x": 1}, "n": ["P", "Q"]},
        {"a": 1, "s": 0.75, "t": {"x": 1, "y": 2}, "n": ["Q", "R"]},
    )
    assert delta == {"a": -2, "n": {"added": ["R"], "removed": ["P"]}, "s": 0.25,
                     "t": {"x": 0, "y": 2}}


# -- the sample to-be variants (sample_processes/README.md) -------------------------------------

#: name: (lane hand-offs per case as-is, to-be; units removed; ping-pong to-be; activities Δ)
EXPECTED = {
    "gewerbeanmeldung": (3.0, 2.0, ["Poststelle"], 1, -4),
    "wohngeldantrag": (3.6, 0.6, ["Poststelle"], 1, -3),
    "eingangsrechnung": (4.0, 3.0, ["Zentrale Poststelle", "Stadtkasse – Kreditorenbuchhaltung"],
                         0, -9),
}


def _lane_handoffs(result) -> float:
    return round(sum(h["per_case"] for h in result.handoffs if h["type"] == "lane"), 3)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_to_be_against_as_is(name: str) -> None:
    lane_before, lane_after, units_removed, ping_pong, activities = EXPECTED[name]
    comparison = compare_models(import_file(SAMPLES / f"{name}_ist.bpmn"),
                                import_file(SAMPLES / f"{name}_soll.bpmn"))
    kpis = comparison.kpis
    # "keine Medienbrüche" / "keine analogen Medienbrüche mehr": every as-is break resolved.
    assert kpis["as_is"]["media_breaks"] > 0
    assert kpis["to_be"]["media_breaks"] == 0
    assert kpis["delta"]["media_breaks"] == -kpis["as_is"]["media_breaks"]
    assert comparison.media_breaks["remaining"] == [] and comparison.media_breaks["new"] == []
    assert comparison.media_breaks["shifted"] == []
    assert len(comparison.media_breaks["resolved"]) == kpis["as_is"]["media_breaks"]
    # "Lane-Übergaben je Fall 2 statt 3" (Gewerbe), "0,3 + 0,3" (Wohngeld), "3 statt 4".
    assert _lane_handoffs(comparison.as_is) == lane_before
    assert _lane_handoffs(comparison.to_be) == lane_after
    assert kpis["delta"]["handoffs_per_case"] < 0
    # "Poststelle … entfällt".
    assert kpis["delta"]["unit_names"]["removed"] == units_removed
    assert kpis["delta"]["units"] == -1
    pings = [f for f in comparison.to_be.findings if f.rule == "handoff-ping-pong"]
    assert len(pings) == ping_pong
    assert kpis["delta"]["activities"] == activities
    assert kpis["to_be"]["analogue_share"] == 0.0
    assert kpis["delta"]["digital_share"] > 0.4
    assert set(kpis["as_is"]) == set(kpis["to_be"])
    # An independently modelled to-be still matches its lanes, pools and the kept steps.
    assert len(comparison.diff.matched) >= 14
    summary = comparison.summary("de")
    total = kpis["as_is"]["media_breaks"]
    assert summary.startswith(f"{total} von {total} Medienbrüchen beseitigt")
    assert "Übergaben je Fall von " in summary
    assert comparison.summary("en").startswith(f"{total} of {total} media breaks removed")


def test_summary_numbers_use_german_decimal_comma() -> None:
    comparison = compare_models(import_file(SAMPLES / "wohngeldantrag_ist.bpmn"),
                                import_file(SAMPLES / "wohngeldantrag_soll.bpmn"))
    assert "Übergaben je Fall von 7,4 auf 4,0" in comparison.summary("de")
    assert "hand-offs per case from 7.4 to 4.0" in comparison.summary("en")


def test_comparison_leaves_models_untouched() -> None:
    before = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    after = import_file(SAMPLES / "gewerbeanmeldung_soll.bpmn")
    pristine = (export_bpmn(before), export_bpmn(after))
    compare_models(before, after)
    assert (export_bpmn(before), export_bpmn(after)) == pristine


# -- effort, lead time and cost from the models' parameters (analytical model) -----------------

QUANTITATIVE = ("effort_hours_per_case", "effort_hours_per_year", "lead_time_hours",
                "cost_per_year")

#: name: (effort h/case, lead time h, cost €/year) as-is → to-be, from the samples' pa:
#: attributes. Every to-be needs less effort, is faster and cheaper (the README's story:
#: no Poststelle, no re-keying, no waiting for the post).
EXPECTED_FIGURES = {
    "gewerbeanmeldung": ((1.012, 0.217), (216.91, 17.11), (84_933.33, 18_200.00)),
    "wohngeldantrag": ((2.145, 0.830), (435.98, 66.22), (411_927.27, 159_314.29)),
    "eingangsrechnung": ((0.648, 0.107), (358.47, 57.37), (932_727.27, 154_105.26)),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_FIGURES))
def test_sample_to_be_needs_less_effort_time_and_money(name: str) -> None:
    (effort_a, effort_b), (lead_a, lead_b), (cost_a, cost_b) = EXPECTED_FIGURES[name]
    comparison = compare_models(import_file(SAMPLES / f"{name}_ist.bpmn"),
                                import_file(SAMPLES / f"{name}_soll.bpmn"))
    before, after, delta = (comparison.kpis[k] for k in ("as_is", "to_be", "delta"))
    assert set(QUANTITATIVE) <= set(before) and set(QUANTITATIVE) <= set(after)
    assert before["effort_hours_per_case"] == pytest.approx(effort_a, abs=0.002)
    assert after["effort_hours_per_case"] == pytest.approx(effort_b, abs=0.002)
    assert before["lead_time_hours"] == pytest.approx(lead_a, abs=0.02)
    assert after["lead_time_hours"] == pytest.approx(lead_b, abs=0.02)
    assert before["cost_per_year"] == pytest.approx(cost_a, abs=1)
    assert after["cost_per_year"] == pytest.approx(cost_b, abs=1)
    for key in QUANTITATIVE:  # the direction: every figure goes down
        assert delta[key] < 0, key
        assert delta[key] == pytest.approx(after[key] - before[key], abs=0.01)
    summary = comparison.summary("de")
    assert "Aufwand je Fall von " in summary and "Durchlaufzeit von " in summary
    assert "Kosten je Jahr von " in summary and " €" in summary
    assert "effort per case from " in comparison.summary("en")


def test_removing_a_step_saves_exactly_its_effort() -> None:
    from processanalysis.simulation.analytical import analytical_model
    from processanalysis.simulation.params_io import load_parameters
    from processanalysis.variants import apply_operation

    before = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    step = "Activity_1zdjpwl"
    after, _record = apply_operation(before, "remove_step", element=step)
    figures = analytical_model(before, load_parameters(before)).activities[step]
    assert figures.effort_per_case > 0
    comparison = compare_models(before, after)
    assert comparison.kpis["delta"]["effort_hours_per_case"] == pytest.approx(
        -figures.effort_per_case / 60, abs=0.002)
    assert comparison.kpis["delta"]["cost_per_year"] == pytest.approx(
        -figures.cost_per_year, abs=0.02)


def test_figures_are_absent_unless_both_models_carry_parameters() -> None:
    bare = _model(BASE)  # no times at all
    sample = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    for as_is, to_be in ((bare, bare), (sample, bare), (bare, sample)):
        comparison = compare_models(as_is, to_be)
        for side in ("as_is", "to_be", "delta"):
            assert not set(QUANTITATIVE) & set(comparison.kpis[side]), side
        assert "Aufwand" not in comparison.summary("de")
        assert "effort" not in comparison.summary("en")
    # With parameters on both sides but no case volume: per-case figures only.
    timed = _model(BASE.replace('id="b" ', 'id="b" pa:processingTime="30" '))
    kpis = compare_models(timed, timed).kpis
    assert kpis["as_is"]["effort_hours_per_case"] == 0.5
    assert kpis["delta"]["effort_hours_per_case"] == 0
    assert "effort_hours_per_year" not in kpis["as_is"] and "cost_per_year" not in kpis["as_is"]
