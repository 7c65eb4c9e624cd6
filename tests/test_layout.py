"""Automatic layout: complete bounds, lanes respected, no overlaps, left to right, exportable."""

from __future__ import annotations

import dataclasses
from itertools import pairwise
from pathlib import Path

import pytest
from lxml import etree

from processanalysis.bpmn import export_bpmn, import_file, read_bpmn
from processanalysis.bpmn.diagram import Bounds, Shape
from processanalysis.bpmn.model import (
    Definitions,
    Event,
    FlowNode,
    Lane,
    Participant,
    SequenceFlow,
    SubProcess,
)
from processanalysis.bpmn.xmlsafe import safe_parser
from processanalysis.render import auto_layout, render_svg
from tests.conftest import SAMPLES, SHARED, bpmn, require_shared

MIWG = sorted((SHARED / "testdata" / "miwg-reference").glob("*.bpmn"))
FILES = MIWG + sorted(SAMPLES.glob("*.bpmn"))


def stripped(path: Path) -> Definitions:
    """The model of ``path`` without any diagram interchange."""
    return dataclasses.replace(import_file(path), diagrams=[], _index=None)


def shapes_by_element(model: Definitions) -> dict[str, Shape]:
    return {s.bpmn_element: s for d in model.diagrams for s in d.plane.shapes if s.bpmn_element}


def overlaps(a: Bounds, b: Bounds) -> bool:
    return (
        a.x < b.x + b.width
        and b.x < a.x + a.width
        and a.y < b.y + b.height
        and b.y < a.y + a.height
    )


def reaches(succ: dict[str, list[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in succ.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def is_boundary(element: object) -> bool:
    return isinstance(element, Event) and element.type == "boundaryEvent"


def test_corpus_present() -> None:
    require_shared("testdata", "miwg-reference")
    assert len(MIWG) >= 21


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_layout_of_model_without_di(path: Path) -> None:
    model = stripped(path)
    laid = auto_layout(model)
    shapes = shapes_by_element(laid)

    # 1. every flow node (sub-process contents included) has bounds
    nodes = [e for p in model.processes for e in p.walk() if isinstance(e, FlowNode)]
    assert nodes
    for node in nodes:
        assert node.id in shapes, f"{node.id} ({node.type}) has no shape"
        bounds = shapes[node.id].bounds
        assert bounds is not None and bounds.width > 0 and bounds.height > 0

    for diagram in laid.diagrams:
        plane_shapes = [s for s in diagram.plane.shapes if s.bounds is not None]
        # 2. no two shapes overlap, except a boundary event on its host and containers
        solid = [
            s
            for s in plane_shapes
            if not isinstance(laid.get(s.bpmn_element), Lane | Participant)
            and not is_boundary(laid.get(s.bpmn_element))
        ]
        for i, a in enumerate(solid):
            for b in solid[i + 1 :]:
                assert not overlaps(a.bounds, b.bounds), (
                    f"{a.bpmn_element} overlaps {b.bpmn_element}"
                )
        # 3. each node lies inside the lane that lists it
        for process in model.processes:
            for lane in process.lanes():
                if lane.child_lane_set is not None or lane.id not in shapes:
                    continue
                box = shapes[lane.id].bounds
                for ref in lane.flow_node_refs:
                    shape = next((s for s in plane_shapes if s.bpmn_element == ref), None)
                    if shape is None or is_boundary(laid.get(ref)):
                        continue
                    cx, cy = shape.bounds.center
                    assert box.x <= cx <= box.x + box.width and box.y <= cy <= box.y + box.height

    # 4. sequence flows run left to right unless they close a cycle
    for container in [
        *model.processes,
        *(e for p in model.processes for e in p.walk() if isinstance(e, SubProcess)),
    ]:
        flows = [f for f in container.flow_elements if isinstance(f, SequenceFlow)]
        succ: dict[str, list[str]] = {}
        for flow in flows:
            succ.setdefault(flow.source, []).append(flow.target)
        for flow in flows:
            source, target = shapes.get(flow.source), shapes.get(flow.target)
            if source is None or target is None or is_boundary(laid.get(flow.source)):
                continue
            if reaches(succ, flow.target, flow.source):
                continue  # a loop goes back
            assert source.bounds.center[0] < target.bounds.center[0], flow.id


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_layout_exports_valid_di_and_renders(path: Path, omg_schema: etree.XMLSchema) -> None:
    laid = auto_layout(stripped(path))
    data = export_bpmn(laid)
    back = read_bpmn(data)
    assert [len(d.plane.elements) for d in back.diagrams] == [
        len(d.plane.elements) for d in laid.diagrams
    ]
    if omg_schema.validate(etree.parse(str(path))):
        assert omg_schema.validate(etree.fromstring(data, parser=safe_parser())), str(
            omg_schema.error_log
        )[:1000]
    svg = render_svg(laid)
    drawn = {
        el.get("data-element-id")
        for el in etree.fromstring(svg.encode(), parser=safe_parser()).iter()
        if el.get("data-element-id")
    }
    assert {e.bpmn_element for e in laid.diagrams[0].plane.elements} <= drawn


def test_partial_di_is_completed_and_deterministic() -> None:
    model = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    plane = model.diagrams[0].plane
    plane.elements = plane.elements[: len(plane.elements) // 2]
    first, second = auto_layout(model), auto_layout(model)
    assert first.diagrams == second.diagrams
    shapes = shapes_by_element(first)
    assert all(
        n.id in shapes for p in model.processes for n in p.flow_elements if isinstance(n, FlowNode)
    )
    assert model.diagrams[0].plane is plane  # the input keeps its own diagrams


def test_lanes_keep_their_order_and_pools_stack() -> None:
    xml = bpmn(
        '<bpmn:collaboration id="C"><bpmn:participant id="A" name="Bürger"/>'
        '<bpmn:participant id="B" name="Amt" processRef="P"/>'
        '<bpmn:messageFlow id="M" sourceRef="A" targetRef="S"/></bpmn:collaboration>'
        '<bpmn:process id="P"><bpmn:laneSet id="LS">'
        '<bpmn:lane id="L1"><bpmn:flowNodeRef>S</bpmn:flowNodeRef></bpmn:lane>'
        '<bpmn:lane id="L2"><bpmn:flowNodeRef>T</bpmn:flowNodeRef></bpmn:lane>'
        '<bpmn:lane id="L3"><bpmn:flowNodeRef>E</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>'
        '<bpmn:startEvent id="S"/><bpmn:task id="T"/><bpmn:endEvent id="E"/>'
        '<bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/>'
        '<bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/></bpmn:process>'
    )
    laid = auto_layout(read_bpmn(xml))
    shapes = shapes_by_element(laid)
    assert shapes["A"].bounds.y + shapes["A"].bounds.height <= shapes["B"].bounds.y
    assert shapes["L1"].bounds.y < shapes["L2"].bounds.y < shapes["L3"].bounds.y
    assert (
        shapes["S"].bounds.center[0] < shapes["T"].bounds.center[0] < shapes["E"].bounds.center[0]
    )
    edges = {e.bpmn_element: e for e in laid.diagrams[0].plane.edges}
    assert {"F1", "F2", "M"} <= set(edges)
    # the message flow leaves the black-box pool downwards and ends on the start event
    assert edges["M"].waypoints[0].y == shapes["A"].bounds.y + shapes["A"].bounds.height
    assert edges["M"].waypoints[-1].y == shapes["S"].bounds.y


def crossings(model: Definitions) -> int:
    """Proper crossings between segments of different sequence flows on the main diagram."""
    segments = []
    for edge in model.diagrams[0].plane.edges:
        if not isinstance(model.get(edge.bpmn_element), SequenceFlow):
            continue
        points = [(p.x, p.y) for p in edge.waypoints]
        segments += [(edge.bpmn_element, a, b) for a, b in pairwise(points)]

    Point2 = tuple[float, float]

    def orient(p: Point2, q: Point2, r: Point2) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    count = 0
    for i, (f1, a, b) in enumerate(segments):
        for f2, c, d in segments[i + 1 :]:
            if f1 == f2:
                continue
            d1, d2 = orient(c, d, a), orient(c, d, b)
            d3, d4 = orient(a, b, c), orient(a, b, d)
            if d1 * d2 < 0 and d3 * d4 < 0:
                count += 1
    return count


def test_node_order_avoids_crossings() -> None:
    # X is declared before Y, so document order alone would cross A->Y with B->X
    xml = bpmn(
        '<bpmn:process id="P"><bpmn:startEvent id="S"/><bpmn:parallelGateway id="G"/>'
        '<bpmn:task id="A"/><bpmn:task id="B"/><bpmn:task id="X"/><bpmn:task id="Y"/>'
        '<bpmn:parallelGateway id="J"/><bpmn:endEvent id="E"/>'
        '<bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="G"/>'
        '<bpmn:sequenceFlow id="f2" sourceRef="G" targetRef="A"/>'
        '<bpmn:sequenceFlow id="f3" sourceRef="G" targetRef="B"/>'
        '<bpmn:sequenceFlow id="f4" sourceRef="A" targetRef="Y"/>'
        '<bpmn:sequenceFlow id="f5" sourceRef="B" targetRef="X"/>'
        '<bpmn:sequenceFlow id="f6" sourceRef="X" targetRef="J"/>'
        '<bpmn:sequenceFlow id="f7" sourceRef="Y" targetRef="J"/>'
        '<bpmn:sequenceFlow id="f8" sourceRef="J" targetRef="E"/></bpmn:process>'
    )
    laid = auto_layout(read_bpmn(xml))
    shapes = shapes_by_element(laid)
    assert shapes["Y"].bounds.y < shapes["X"].bounds.y  # Y follows A, which is on top
    assert crossings(laid) == 0


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*_ist.bpmn")), ids=lambda p: p.stem)
def test_sample_layouts_have_few_crossings(path: Path) -> None:
    laid = auto_layout(stripped(path))
    flows = sum(isinstance(e, SequenceFlow) for p in laid.processes for e in p.flow_elements)
    assert crossings(laid) <= flows // 4, crossings(laid)
