"""Improvement operations: pure, valid, sound, and exactly the changes they report.

Every operation runs on the sample processes; its result must import without warnings,
validate against the OMG XSD, keep the control flow sound, and the semantic diff against
the input must show exactly the elements the operation recorded — and for the explicit
cases below, exactly the fields one expects. Every suggestion a finding of a sample
carries is applied as well ("apply suggestion" in the UI). A hypothesis property checks
the same promises on generated models: an operation either works consistently or
refuses with :class:`OperationError`, never with another exception.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.media import PA_IT_SYSTEM, PA_MEDIUM
from processanalysis.analysis.profile import load_profile
from processanalysis.analysis.registry import RULES
from processanalysis.analysis.runner import analyse
from processanalysis.bpmn.diagram import Edge as DiagramEdge
from processanalysis.bpmn.diagram import Shape
from processanalysis.bpmn.exporter import export_bpmn
from processanalysis.bpmn.importer import import_file, read_bpmn
from processanalysis.bpmn.model import (
    TASK_TYPES,
    Activity,
    Definitions,
    Event,
    FlowNode,
    Gateway,
    SequenceFlow,
)
from processanalysis.variants import (
    OPERATIONS,
    OperationError,
    apply_operation,
    apply_suggestion,
    compare_models,
    diff_models,
    parse_operation,
)
from processanalysis.variants.operations import format_operation
from tests.conftest import SAMPLES, bpmn
from tests.strategies import generated_models

CI = os.environ.get("CI", "").lower() == "true"
SOUNDNESS = (
    "quality-no-start",
    "quality-no-end",
    "quality-unreachable",
    "quality-dead-end",
    "quality-xor-and-mismatch",
    "quality-and-xor-mismatch",
)

GEWERBE = SAMPLES / "gewerbeanmeldung_ist.bpmn"
WOHNGELD = SAMPLES / "wohngeldantrag_ist.bpmn"


def _load(path: Path) -> Definitions:
    return import_file(path)


def soundness_findings(model: Definitions) -> set[tuple[str, tuple[str, ...]]]:
    """The findings of the soundness rules (rule, elements)."""
    analyse(model)  # registers the rules
    ctx = AnalysisContext(model, load_profile())
    return {
        (f.rule, tuple(f.elements)) for rule in SOUNDNESS for f in RULES[rule].function(ctx)
    }


def check_variant(before: Definitions, after: Definitions, record, schema) -> Definitions:
    """The promises every operation keeps; returns the re-imported variant."""
    data = export_bpmn(after)
    back = read_bpmn(data)
    assert [w.code for w in back.warnings] == []
    root = etree.fromstring(data)
    assert schema.validate(root), schema.error_log.filter_from_errors()[:3]
    assert soundness_findings(back) <= soundness_findings(before)
    diff = diff_models(before, back)
    assert sorted(diff.added) == sorted(record.added)
    assert sorted(diff.removed) == sorted(record.removed)
    assert sorted(c.id for c in diff.changed) == sorted(record.changed)
    return back


def fields(before: Definitions, after: Definitions) -> dict[str, list[str]]:
    return {c.id: c.fields for c in diff_models(before, after).changed}


# -- explicit cases with the exact expected changes ------------------------------------------

CASES = [
    pytest.param(
        GEWERBE, "digitise_input", {"element": "Activity_0tjj52y"}, [], [],
        {"Activity_0tjj52y": ["name", "type", "medium", "system"],
         "DataObjectReference_0rogwit": ["medium"]},
        id="digitise_input-task",
    ),
    pytest.param(
        GEWERBE, "digitise_input", {"element": "Event_1vl1rij"}, [], [],
        {"Event_1vl1rij": ["medium"], "Flow_11zpepd": ["medium"]},
        id="digitise_input-start-event",
    ),
    pytest.param(
        GEWERBE, "automate_step", {"element": "Activity_1zdjpwl", "system": "E-Akte"}, [], [],
        {"Activity_1zdjpwl": ["type", "medium", "system"]},
        id="automate_step",
    ),
    pytest.param(
        GEWERBE, "add_interface", {"element": "Activity_1rxtqtd"}, [], [],
        {"Activity_1rxtqtd": ["name", "type", "medium", "system"]},
        id="add_interface",
    ),
    pytest.param(
        GEWERBE, "remove_step", {"element": "Activity_1zdjpwl"}, [],
        ["Activity_1zdjpwl", "Flow_16wdvrp"],
        {"Flow_1p0foq4": ["target"], "Activity_1rxtqtd": ["flows"],
         "Event_1hfop8l": ["flows"]},
        id="remove_step",
    ),
    pytest.param(
        GEWERBE, "merge_steps", {"first": "Activity_1s0l9w3", "second": "Activity_0afq4ol"}, [],
        ["Activity_0afq4ol", "Flow_068oyo9"],
        {"Activity_1s0l9w3": ["name", "parameters", "flows"], "Gateway_0ye32tr": ["flows"],
         "Flow_1l1pdtd": ["source"]},
        id="merge_steps",
    ),
    pytest.param(
        GEWERBE, "move_step", {"element": "Activity_1rxtqtd", "lane": "Sachbearbeitung Gewerbeamt"},
        [], [], {"Activity_1rxtqtd": ["unit"]},
        id="move_step",
    ),
    pytest.param(
        GEWERBE, "parallelise", {"steps": ["Activity_1w66iat", "Activity_1jpchev"]},
        ["Gateway_pa1", "Gateway_pa2", "Flow_pa3", "Flow_pa4", "Flow_pa5", "Flow_pa6"],
        ["Flow_18zrcmn"],
        {"Gateway_1hdwotn": ["flows"], "Activity_1w66iat": ["flows"],
         "Activity_1jpchev": ["flows"], "Gateway_1pfk6w3": ["flows"],
         "Flow_0hcijq1": ["target"], "Flow_0d3y10z": ["source"]},
        id="parallelise",
    ),
]


@pytest.mark.parametrize(("path", "name", "params", "added", "removed", "changed"), CASES)
def test_operation_on_sample(
    path: Path, name: str, params: dict, added: list, removed: list, changed: dict, omg_schema
) -> None:
    before = _load(path)
    pristine = export_bpmn(before)
    after, record = apply_operation(before, name, **params)
    assert export_bpmn(before) == pristine, "the input model must stay untouched"
    assert after is not before
    back = check_variant(before, after, record, omg_schema)
    diff = diff_models(before, back)
    assert sorted(diff.added) == sorted(added)
    assert sorted(diff.removed) == sorted(removed)
    assert {c.id: c.fields for c in diff.changed} == changed
    assert record.description["de"] and record.description["en"]
    assert record.name == name


def test_automated_step_is_read_back_by_the_media_analysis() -> None:
    before = _load(GEWERBE)
    after, _ = apply_operation(before, "automate_step", element="Activity_1zdjpwl",
                               system="E-Akte")
    back = read_bpmn(export_bpmn(after))
    node = back.get("Activity_1zdjpwl")
    assert node is not None and node.type == "serviceTask"
    assert node.attributes[PA_MEDIUM] == "it_system"
    assert node.attributes[PA_IT_SYSTEM] == "E-Akte"
    media = analyse(back).media["Activity_1zdjpwl"]
    assert (media["medium"], media["system"], media["automated"]) == ("it_system", "E-Akte", True)


def test_digitised_input_removes_the_re_keying_break() -> None:
    before = _load(GEWERBE)
    breaks = {f.id for f in analyse(before).findings if f.kind == "media_break"}
    assert "media-break:DataObjectReference_0rogwit>Activity_0tjj52y" in breaks
    after, _ = apply_operation(before, "digitise_input", element="Activity_0tjj52y")
    left = {f.id for f in analyse(after).findings if f.kind == "media_break"}
    assert not any(b.endswith(">Activity_0tjj52y") for b in left)
    assert len(left) < len(breaks)


def test_moved_step_is_drawn_inside_its_new_lane() -> None:
    before = _load(GEWERBE)
    after, _ = apply_operation(before, "move_step", element="Activity_1rxtqtd",
                               lane="Lane_0lmo81t")
    shapes = {s.bpmn_element: s.bounds for s in after.diagrams[0].plane.shapes}
    lane, task = shapes["Lane_0lmo81t"], shapes["Activity_1rxtqtd"]
    assert lane.y <= task.y and task.y + task.height <= lane.y + lane.height
    handoffs = analyse(after).kpis["handoffs"]
    assert handoffs < analyse(before).kpis["handoffs"]


def test_parallel_branches_are_laid_out_without_overlap() -> None:
    before = _load(GEWERBE)
    after, record = apply_operation(before, "parallelise",
                                    steps=["Activity_1w66iat", "Activity_1jpchev"])
    shapes = {s.bpmn_element: s.bounds for s in after.diagrams[0].plane.shapes}
    a, b = shapes["Activity_1w66iat"], shapes["Activity_1jpchev"]
    assert a.y + a.height <= b.y or b.y + b.height <= a.y, "stacked, not overlapping"
    split, join = (shapes[i] for i in record.added[:2])
    assert split.x + split.width <= min(a.x, b.x)
    assert join.x >= max(a.x + a.width, b.x + b.width)
    lane = shapes["Lane_0lmo81t"]
    for box in (a, b, split, join):
        assert lane.y <= box.y and box.y + box.height <= lane.y + lane.height
    for gateway_id in record.added[:2]:
        gateway = after.get(gateway_id)
        assert isinstance(gateway, Gateway) and gateway.type == "parallelGateway"


# -- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "params", "fragment"),
    [
        ("remove_step", {"element": "Event_1vl1rij"}, "keine Aktivität"),
        ("remove_step", {"element": "nope"}, "gibt es im Modell nicht"),
        ("merge_steps", {"first": "Activity_1s0l9w3", "second": "Activity_152xpsx"},
         "nicht direkt aufeinander"),
        ("move_step", {"element": "Activity_1rxtqtd", "lane": "Mondbehörde"}, "Keine"),
        ("parallelise", {"steps": ["Activity_1hewmcr", "Activity_1rxtqtd"]}, "nicht unabhängig"),
        ("parallelise", {"steps": ["Activity_1s0l9w3", "Activity_1zdjpwl"]},
         "keine ununterbrochene"),
        ("remove_step", {"element": "Activity_004yszn"}, "angeheftete Ereignisse"),
    ],
)
def test_operation_refuses_with_a_precise_message(name: str, params: dict, fragment: str) -> None:
    before = _load(GEWERBE)
    pristine = export_bpmn(before)
    with pytest.raises(OperationError) as caught:
        apply_operation(before, name, **params)
    assert fragment in caught.value.text("de")
    assert caught.value.text("en") and caught.value.text("en") != caught.value.text("de")
    assert export_bpmn(before) == pristine


def test_unknown_operation_and_missing_parameter_are_refused() -> None:
    model = _load(GEWERBE)
    with pytest.raises(OperationError, match="Unbekannte Operation"):
        apply_operation(model, "teleport_step", element="Activity_1zdjpwl")
    with pytest.raises(OperationError, match="es fehlt element"):
        apply_operation(model, "remove_step")


def test_operation_texts_round_trip() -> None:
    assert set(OPERATIONS) == {
        "digitise_input", "automate_step", "add_interface", "remove_step", "merge_steps",
        "move_step", "parallelise",
    }
    for spec in OPERATIONS.values():
        assert spec["de"] and spec["en"] and spec["de"] != spec["en"]
    for text in ("move_step:A,L", "parallelise:A,B,C", "automate_step:A,system=SAP",
                 "merge_steps:A,B,name=Neu"):
        name, params = parse_operation(text)
        assert format_operation(name, params) == text


# -- every suggestion of every sample ---------------------------------------------------------

SUGGESTIONS = [
    pytest.param(path, finding.id, id=f"{path.stem}:{finding.id}")
    for path in sorted(SAMPLES.glob("*_ist.bpmn"))
    for finding in analyse(import_file(path)).findings
    if finding.operations
]


def test_samples_carry_suggestions_for_media_breaks_and_ping_pong() -> None:
    rules = {p.values[1].split(":")[0] for p in SUGGESTIONS}
    assert {"media-break", "handoff-ping-pong"} <= rules
    assert len(SUGGESTIONS) >= 40


@pytest.mark.parametrize(("path", "finding_id"), SUGGESTIONS)
def test_every_suggestion_gives_a_valid_sound_variant(path: Path, finding_id: str,
                                                      omg_schema) -> None:
    before = import_file(path)
    finding = next(f for f in analyse(before).findings if f.id == finding_id)
    after, records = apply_suggestion(before, finding)
    assert records and all(r.finding == finding_id for r in records)
    # Several operations in a row: check the whole against the input.
    current = before
    for record in records:
        name, params = parse_operation(record.spec)
        current, again = apply_operation(current, name, **params)
        assert (again.added, again.removed, again.changed) == (
            record.added, record.removed, record.changed
        )
    assert export_bpmn(current) == export_bpmn(after)
    if len(records) == 1:
        check_variant(before, after, records[0], omg_schema)
    else:
        back = read_bpmn(export_bpmn(after))
        assert back.warnings == []
        assert omg_schema.validate(etree.fromstring(export_bpmn(after)))
        assert soundness_findings(back) <= soundness_findings(before)
    if finding.kind == "media_break":
        left = {f.id for f in analyse(after).findings}
        assert finding_id not in left, "the suggestion resolves its own finding"


#: The one suggestion on the samples that still brings a break of its own, and why: the
#: paper form GewA 1 becomes an online application for the step that re-keyed it, but
#: "Papierantrag auf Vollständigkeit prüfen" still reads it on paper (digitise that step
#: too, or remove the Poststelle path, as gewerbeanmeldung_soll does).
KNOWN_NEW_BREAKS = {
    f"gewerbeanmeldung_ist:{finding}": ["media-break:DataObjectReference_0rogwit>Activity_152xpsx"]
    for finding in ("media-break:Activity_152xpsx>Activity_0tjj52y",
                    "media-break:DataObjectReference_0rogwit>Activity_0tjj52y")
}


@pytest.mark.parametrize(("path", "finding_id"), SUGGESTIONS)
def test_every_suggestion_resolves_its_finding_without_a_new_break(path: Path,
                                                                   finding_id: str) -> None:
    """Strict: the finding is gone, and every media break of the variant was there
    before (the same, or what is left of a chain, or moved one step along) — none is
    new, in particular no system → system break from the interface's own system."""
    before = import_file(path)
    finding = next(f for f in analyse(before).findings if f.id == finding_id)
    after, _records = apply_suggestion(before, finding)
    comparison = compare_models(before, after)
    breaks = comparison.media_breaks
    assert finding_id not in {f.id for f in comparison.to_be.findings}
    if finding.kind == "media_break":
        assert finding_id in breaks["resolved"] + breaks["shifted"], breaks
    assert breaks["new"] == KNOWN_NEW_BREAKS.get(f"{path.stem}:{finding_id}", []), [
        f.text("en") for f in comparison.to_be.findings if f.id in breaks["new"]
    ]
    assert comparison.kpis["delta"]["media_breaks"] <= 0
    if finding_id in breaks["resolved"] and not breaks["new"]:
        assert comparison.kpis["delta"]["media_breaks"] < 0


def test_most_media_break_suggestions_remove_their_break_entirely() -> None:
    """A ratchet on the share of suggestions that remove their break rather than shift it
    (see docs/variants.md: a chain that still prints, a print step made digital whose
    successor now prints)."""
    outcomes: dict[str, int] = {"resolved": 0, "shifted": 0}
    for path in sorted(SAMPLES.glob("*_ist.bpmn")):
        model = import_file(path)
        for finding in analyse(model).findings:
            if finding.kind != "media_break" or not finding.operations:
                continue
            breaks = compare_models(model, apply_suggestion(model, finding)[0]).media_breaks
            outcomes["resolved" if finding.id in breaks["resolved"] else "shifted"] += 1
    assert outcomes["resolved"] >= 19, outcomes
    assert outcomes["resolved"] + outcomes["shifted"] == 45


def test_interface_runs_on_the_system_that_uses_the_data_next() -> None:
    """The bug behind "one fixed, one new": the interface task got the made-up system
    "IT-System", which differs from the Fachverfahren after it — a new system → system
    break. Now it delivers into the downstream system (PARK.FV), and the print that
    preceded the re-keying is reported as what is left of the chain, not as new."""
    path = SAMPLES / "anwohnerparkausweis_ist.bpmn"
    before = import_file(path)
    finding = next(f for f in analyse(before).findings
                   if f.operations == ["add_interface:sid-7A808940-9AD0-4BE8-8729-FC60C90CCF51"])
    after, _records = apply_suggestion(before, finding)
    task = after.get("sid-7A808940-9AD0-4BE8-8729-FC60C90CCF51")
    assert task.type == "serviceTask"
    assert task.attributes[PA_IT_SYSTEM] == "PARK.FV Bewohnerparken"
    assert task.name == "Schnittstelle EWO – Einwohnermeldeverfahren → PARK.FV Bewohnerparken"
    comparison = compare_models(before, after)
    assert comparison.kpis["as_is"]["media_breaks"] == 6
    assert comparison.kpis["to_be"]["media_breaks"] == 5
    assert not any(f.data.get("break_type") == "system_to_system"
                   for f in comparison.to_be.findings if f.kind == "media_break")
    assert comparison.media_breaks["new"] == []
    assert finding.id in comparison.media_breaks["shifted"]  # the e-mail is still printed
    assert comparison.break_status()[finding.id] == "shifted"
    assert comparison.summary("de").startswith("1 von 6 Medienbrüchen beseitigt (1 verlagert)")


def test_no_made_up_system_is_written() -> None:
    """Without a system of its own, its data stores' or its neighbours', a new service
    task carries pa:medium only: a placeholder name would count as a second system."""
    model = read_bpmn(bpmn(
        '<bpmn:process id="p"><bpmn:startEvent id="s"/>'
        '<bpmn:task id="a" name="Bescheid ausdrucken"/><bpmn:endEvent id="e"/>'
        '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a"/>'
        '<bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="e"/></bpmn:process>'))
    for name in ("automate_step", "add_interface", "digitise_input"):
        after, record = apply_operation(model, name, element="a")
        task = after.get("a")
        assert task.type == "serviceTask" and task.attributes[PA_MEDIUM] == "it_system"
        assert PA_IT_SYSTEM not in task.attributes, name
        assert "IT-System" in record.text("de")  # named in the description only


def _sweep(model: Definitions) -> list[tuple[str, dict]]:
    """Every operation on every step (moves: to one other lane; merge and parallelise:
    with the step's successor)."""
    steps = [e for p in model.processes for e in p.walk() if isinstance(e, Activity)]
    lanes = [lane.id for p in model.processes for lane in p.lanes() if lane.id]
    attempts: list[tuple[str, dict]] = []
    for step in steps:
        attempts += [("remove_step", {"element": step.id}),
                     ("automate_step", {"element": step.id}),
                     ("digitise_input", {"element": step.id}),
                     ("add_interface", {"element": step.id})]
        attempts += [("move_step", {"element": step.id, "lane": lane}) for lane in lanes[-1:]]
        for flow_id in step.outgoing:
            target = getattr(model.get(flow_id), "target", None)
            if target:
                attempts += [("merge_steps", {"first": step.id, "second": target}),
                             ("parallelise", {"steps": [step.id, target]})]
    return attempts


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.bpmn")), ids=lambda p: p.stem)
def test_every_operation_on_every_step_of_a_sample(path: Path, omg_schema) -> None:
    model = import_file(path)
    applied: set[str] = set()
    for name, params in _sweep(model):
        try:
            after, record = apply_operation(model, name, **params)
        except OperationError as error:
            assert error.text("de") != error.text("en")
            continue
        applied.add(name)
        check_variant(model, after, record, omg_schema)
    assert {"remove_step", "automate_step", "digitise_input", "add_interface"} <= applied


# -- removed and merged steps leave no gap ---------------------------------------------------


def _boxes(model: Definitions) -> dict[str, object]:
    """Bounds of every shape except pools, lanes and boundary events (drawn on a host)."""
    boxes = {}
    for diagram in model.diagrams:
        for element in diagram.plane.elements:
            if not isinstance(element, Shape) or element.bounds is None:
                continue
            node = model.get(element.bpmn_element or "")
            if node is None or node.type in ("participant", "lane") or (
                isinstance(node, Event) and node.attached_to
            ):
                continue
            boxes[element.bpmn_element] = element.bounds
    return boxes


def _overlaps(model: Definitions) -> set[tuple[str, str]]:
    boxes = sorted(_boxes(model).items())
    return {
        (i, j) for (i, p), (j, q) in itertools.combinations(boxes, 2)
        if p.x < q.x + q.width and q.x < p.x + p.width and p.y < q.y + q.height
        and q.y < p.y + p.height
    }


def _loose_flows(model: Definitions) -> set[str]:
    """Sequence flows whose first or last waypoint is off their source's or target's shape."""
    boxes = {
        e.bpmn_element: e.bounds for d in model.diagrams for e in d.plane.elements
        if isinstance(e, Shape) and e.bounds is not None
    }
    loose: set[str] = set()
    for diagram in model.diagrams:
        for edge in diagram.plane.elements:
            flow = model.get(getattr(edge, "bpmn_element", None) or "")
            if not isinstance(edge, DiagramEdge) or not edge.waypoints or not isinstance(
                flow, SequenceFlow
            ):
                continue
            for point, end in ((edge.waypoints[0], flow.source), (edge.waypoints[-1], flow.target)):
                b = boxes.get(end)
                if b is not None and not (b.x - 3 <= point.x <= b.x + b.width + 3
                                          and b.y - 3 <= point.y <= b.y + b.height + 3):
                    loose.add(flow.id or "")
    return loose


def test_removed_step_leaves_no_gap_in_its_lane() -> None:
    model = _load(GEWERBE)
    before = _boxes(model)
    assert (before["Activity_1zdjpwl"].x, before["Event_1hfop8l"].x) == (2330.0, 2522.0)
    after, _record = apply_operation(model, "remove_step", element="Activity_1zdjpwl")
    boxes = _boxes(after)
    # The end event takes the removed step's place; the other lanes stay where they were.
    assert boxes["Event_1hfop8l"].x == 2330.0
    assert boxes["Activity_1rxtqtd"] == before["Activity_1rxtqtd"]
    flow = next(e for d in after.diagrams for e in d.plane.elements
                if getattr(e, "bpmn_element", None) == "Flow_1p0foq4")
    assert flow.waypoints[-1].x == 2330.0


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.bpmn")), ids=lambda p: p.stem)
def test_remove_and_merge_compact_without_overlaps(path: Path, omg_schema) -> None:
    """Every removal and merge on every sample: the shapes right of the gap in its lane move
    left, no two shapes overlap that did not before, every sequence flow still starts and
    ends on its shapes, and the file validates against the XSD."""
    model = import_file(path)
    overlaps, loose, boxes = _overlaps(model), _loose_flows(model), _boxes(model)
    compacted = 0
    for name, params in _sweep(model):
        if name not in ("remove_step", "merge_steps"):
            continue
        try:
            after, _record = apply_operation(model, name, **params)
        except OperationError:
            continue
        assert omg_schema.validate(etree.fromstring(export_bpmn(after)))
        assert _overlaps(after) <= overlaps, (name, params, _overlaps(after) - overlaps)
        assert _loose_flows(after) <= loose, (name, params)
        moved = {k: b.x - boxes[k].x for k, b in _boxes(after).items() if b.x != boxes[k].x}
        assert all(dx < 0 for dx in moved.values()), moved  # only ever to the left
        assert len(set(moved.values())) <= 1  # all by the same amount: the order is kept
        compacted += bool(moved)
    assert compacted > 0


def test_finding_without_operations_is_refused() -> None:
    model = _load(GEWERBE)
    finding = next(f for f in analyse(model).findings if not f.operations)
    with pytest.raises(OperationError, match="keine automatische Verbesserung"):
        apply_suggestion(model, finding)


# -- property over generated models -------------------------------------------------------------

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    **({"derandomize": True, "database": None} if CI else {}),
)


def _attempts(model: Definitions) -> list[tuple[str, dict]]:
    """Every operation on the model's flow nodes (refusals are part of the property)."""
    nodes = [
        e for p in model.processes for e in p.walk() if isinstance(e, FlowNode) and e.id
    ]
    tasks = [n for n in nodes if isinstance(n, Activity) and n.type in TASK_TYPES]
    lanes = [lane.id for p in model.processes for lane in p.lanes() if lane.id]
    attempts: list[tuple[str, dict]] = []
    for node in nodes[:6]:
        attempts.append(("digitise_input", {"element": node.id}))
        attempts.append(("remove_step", {"element": node.id}))
    for task in tasks[:4]:
        attempts.append(("remove_step", {"element": task.id}))
        attempts.append(("automate_step", {"element": task.id}))
        attempts.append(("add_interface", {"element": task.id, "source": "A", "target": "B"}))
        for lane in lanes[:2]:
            attempts.append(("move_step", {"element": task.id, "lane": lane}))
        for flow_target in task.outgoing[:1]:
            flow = model.get(flow_target)
            target = getattr(flow, "target", None)
            if target:
                attempts.append(("merge_steps", {"first": task.id, "second": target}))
                attempts.append(("parallelise", {"steps": [task.id, target]}))
    return attempts


@st.composite
def chains(draw: st.DrawFn) -> bytes:
    """A drawn process as bpmn.io writes it: start, 2–7 tasks in 1–3 lanes, some guarded by
    an exclusive split/merge, end; full DI. Here operations mostly apply (the general
    models above mostly exercise the refusals)."""
    count = draw(st.integers(2, 7))
    lanes = draw(st.integers(1, 3))
    types = st.sampled_from(sorted(TASK_TYPES))
    words = st.sampled_from(["Antrag", "prüfen", "Bescheid", "erfassen", "Akte", "senden",
                             "Gebühr", "buchen", "Papier", "Fachverfahren", "Ä&<ß>"])
    nodes = [("s", "startEvent", "Eingang", 0)]
    for i in range(count):
        name = " ".join(draw(st.lists(words, min_size=1, max_size=4)))
        nodes.append((f"t{i}", draw(types), name, draw(st.integers(0, lanes - 1))))
    nodes.append(("e", "endEvent", "Ende", nodes[-1][3]))
    guarded = draw(st.sets(st.integers(1, count), max_size=2))
    body, flows, shapes, edges = [], [], [], []
    sizes = {"startEvent": (36, 36), "endEvent": (36, 36), "exclusiveGateway": (50, 50)}
    place: dict[str, tuple[float, float, float, float]] = {}
    x = 60.0
    sequence: list[tuple[str, str, int]] = []
    for node_id, kind, _name, lane in nodes:
        if int(node_id[1:] or 0) + 1 in guarded and node_id.startswith("t"):
            sequence.append((f"x{node_id}", "exclusiveGateway", lane))
            sequence.append((node_id, kind, lane))
            sequence.append((f"m{node_id}", "exclusiveGateway", lane))
        else:
            sequence.append((node_id, kind, lane))
    names = {n[0]: n[2] for n in nodes}
    for node_id, kind, lane in sequence:
        width, height = sizes.get(kind, (100, 80))
        y = 40 + lane * 150 + (150 - height) / 2
        place[node_id] = (x, y, width, height)
        x += width + 50
    lane_nodes: dict[int, list[str]] = {}
    for node_id, _kind, lane in sequence:
        lane_nodes.setdefault(lane, []).append(node_id)
    links = [(a[0], b[0]) for a, b in itertools.pairwise(sequence)]
    for node_id, _kind, _lane in sequence:
        if node_id.startswith("x"):
            links.append((node_id, "m" + node_id[1:]))
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for i, (a, b) in enumerate(links):
        fid = f"f{i}"
        outgoing.setdefault(a, []).append(fid)
        incoming.setdefault(b, []).append(fid)
        flows.append(f'<bpmn:sequenceFlow id="{fid}" sourceRef="{a}" targetRef="{b}"/>')
        (ax, ay, aw, ah), (bx, by, bw, bh) = place[a], place[b]
        points = [(ax + aw, ay + ah / 2), (bx, by + bh / 2)]
        if a.startswith("x"):
            points = [(ax + aw / 2, ay), (ax + aw / 2, ay - 30), (bx + bw / 2, ay - 30),
                      (bx + bw / 2, by)]
        edges.append(
            f'<bpmndi:BPMNEdge id="{fid}_di" bpmnElement="{fid}">'
            + "".join(f'<di:waypoint x="{px}" y="{py}"/>' for px, py in points)
            + "</bpmndi:BPMNEdge>"
        )
    for node_id, kind, _lane in sequence:
        refs = "".join(f"<bpmn:incoming>{f}</bpmn:incoming>" for f in incoming.get(node_id, []))
        refs += "".join(f"<bpmn:outgoing>{f}</bpmn:outgoing>" for f in outgoing.get(node_id, []))
        label = names.get(node_id, "")
        escaped = label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        body.append(f'<bpmn:{kind} id="{node_id}" name="{escaped}">{refs}</bpmn:{kind}>')
        nx, ny, nw, nh = place[node_id]
        shapes.append(
            f'<bpmndi:BPMNShape id="{node_id}_di" bpmnElement="{node_id}">'
            f'<dc:Bounds x="{nx}" y="{ny}" width="{nw}" height="{nh}"/></bpmndi:BPMNShape>'
        )
    lane_xml = "".join(
        f'<bpmn:lane id="L{i}" name="Einheit {i}">'
        + "".join(f"<bpmn:flowNodeRef>{n}</bpmn:flowNodeRef>" for n in lane_nodes.get(i, []))
        + "</bpmn:lane>"
        for i in range(lanes)
    )
    lane_shapes = "".join(
        f'<bpmndi:BPMNShape id="L{i}_di" bpmnElement="L{i}" isHorizontal="true">'
        f'<dc:Bounds x="30" y="{40 + i * 150}" width="{x}" height="150"/></bpmndi:BPMNShape>'
        for i in range(lanes)
    )
    pool = (
        '<bpmndi:BPMNShape id="Pool_di" bpmnElement="Pool" isHorizontal="true">'
        f'<dc:Bounds x="0" y="40" width="{x + 30}" height="{lanes * 150}"/></bpmndi:BPMNShape>'
    )
    return bpmn(
        '<bpmn:collaboration id="C"><bpmn:participant id="Pool" name="Amt" processRef="P"/>'
        '</bpmn:collaboration>'
        f'<bpmn:process id="P"><bpmn:laneSet id="LS">{lane_xml}</bpmn:laneSet>'
        + "".join(body) + "".join(flows) + "</bpmn:process>"
        '<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="DP" bpmnElement="C">'
        + pool + lane_shapes + "".join(shapes) + "".join(edges)
        + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )


def _check_generated(model: Definitions, pick, schema=None) -> int:
    """Apply up to eight drawn operations; the number that applied."""
    pristine = export_bpmn(model)
    attempts = _attempts(model)
    pick.shuffle(attempts)
    applied = 0
    for name, params in attempts[:8]:
        try:
            after, record = apply_operation(model, name, **params)
        except OperationError as error:
            assert error.text("de") and error.text("en")
            continue
        applied += 1
        assert export_bpmn(model) == pristine
        back = read_bpmn(export_bpmn(after))
        new_warnings = [w.message("en") for w in back.warnings
                        if w.code not in {v.code for v in model.warnings}]
        assert new_warnings == [], (name, params, new_warnings)
        diff = diff_models(model, back)
        what = (name, params, record, diff)
        assert sorted(diff.added) == sorted(record.added), what
        assert sorted(diff.removed) == sorted(record.removed), what
        assert sorted(c.id for c in diff.changed) == sorted(record.changed), what
        if schema is not None:  # a sound, valid input stays sound and valid
            assert soundness_findings(back) == set()
            assert schema.validate(etree.fromstring(export_bpmn(after)))
    return applied


@PROPERTY
@given(xml=chains(), pick=st.randoms(use_true_random=False))
def test_operations_on_drawn_processes_stay_sound_and_exact(xml: bytes, pick, omg_schema) -> None:
    model = read_bpmn(xml)
    assert model.warnings == [] and omg_schema.validate(etree.fromstring(xml))
    assert soundness_findings(model) == set()
    _check_generated(model, pick, omg_schema)


@PROPERTY
@given(generated=generated_models(), pick=st.randoms(use_true_random=False))
def test_operations_on_generated_models_are_pure_and_report_exactly_their_changes(
    generated, pick
) -> None:
    model = read_bpmn(export_bpmn(generated.model))  # as a user's import gives it
    _check_generated(model, pick)

