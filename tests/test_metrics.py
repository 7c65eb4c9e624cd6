"""Size and complexity metrics, checked against values computed by hand."""

from __future__ import annotations

import math

import pytest

from processanalysis import read_bpmn
from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.metrics import (
    METRIC_KEYS,
    arcs,
    coefficient_of_connectivity,
    control_flow,
    control_flow_complexity,
    density,
    depth,
    gateway_heterogeneity,
    gateway_mismatch,
    gateway_types,
    metrics_for,
    model_metrics,
    nesting,
    size,
)
from processanalysis.analysis.profile import load_profile
from processanalysis.bpmn.model import FlowNode, Process
from tests.builders import chain
from tests.conftest import bpmn, corpus_files


def one_process(body: str) -> Process:
    return read_bpmn(bpmn(f'<bpmn:process id="P">{body}</bpmn:process>')).processes[0]


#: s → XOR x1 → (AND p1 → c | d → AND p2) | b → XOR x2 → OR o1 → f | g | h → XOR x3 → e
KNOWN = one_process(
    '<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="x1"/><bpmn:parallelGateway id="p1"/>'
    '<bpmn:task id="c"/><bpmn:task id="d"/><bpmn:parallelGateway id="p2"/><bpmn:task id="b"/>'
    '<bpmn:exclusiveGateway id="x2"/><bpmn:inclusiveGateway id="o1"/><bpmn:task id="f"/>'
    '<bpmn:task id="g"/><bpmn:task id="h"/><bpmn:exclusiveGateway id="x3"/>'
    '<bpmn:endEvent id="e"/>'
    + chain("s", "x1", "p1", "c", "p2", "x2", "o1", "f", "x3", "e")
    + chain("p1", "d", "p2")
    + chain("x1", "b", "x2")
    + chain("o1", "g", "x3")
    + chain("o1", "h", "x3")
)


def test_size_and_arcs_of_the_known_model() -> None:
    """14 flow nodes and 17 sequence flows, counted on the diagram."""
    assert size(KNOWN) == 14
    assert arcs(KNOWN) == 17


def test_density_and_connectivity_of_the_known_model() -> None:
    """Density 17 / (14 · 13), CNC 17 / 14."""
    assert density(KNOWN) == pytest.approx(17 / 182)
    assert coefficient_of_connectivity(KNOWN) == pytest.approx(17 / 14)


def test_control_flow_complexity_of_the_known_model() -> None:
    """XOR split with 2 branches: 2; AND split: 1; OR split with 3 branches: 2³ − 1 = 7."""
    assert control_flow_complexity(KNOWN) == 2 + 1 + 7


def test_gateway_mismatch_of_the_known_model() -> None:
    """XOR: |2 − (2 + 3)| = 3; AND: |2 − 2| = 0; OR: |3 − 0| = 3."""
    assert gateway_mismatch(KNOWN) == 6


def test_gateway_heterogeneity_of_the_known_model() -> None:
    """Three XOR, two AND, one OR gateway: entropy with base 3 of (1/2, 1/3, 1/6)."""
    shares = (3 / 6, 2 / 6, 1 / 6)
    expected = -sum(p * math.log(p, 3) for p in shares)
    assert gateway_heterogeneity(KNOWN) == pytest.approx(expected)
    assert gateway_heterogeneity(KNOWN) == pytest.approx(0.9206, abs=1e-4)
    assert gateway_types(KNOWN) == 3


def test_depth_of_the_known_model() -> None:
    """The AND block inside the XOR block nests c and d two levels deep."""
    assert depth(KNOWN) == 2


def test_metrics_for_returns_every_key_as_float() -> None:
    """The dictionary for KPI tiles: all keys, floats, ratios rounded."""
    result = metrics_for(KNOWN)
    assert tuple(result) == METRIC_KEYS
    assert all(isinstance(v, float) for v in result.values())
    assert result["size"] == 14.0 and result["activities"] == 6.0 and result["gateways"] == 6.0
    assert result["events"] == 2.0 and result["cfc"] == 10.0 and result["density"] == 0.0934
    assert result["cnc"] == 1.2143 and result["depth"] == 2.0 and result["nesting"] == 0.0


def test_model_metrics_are_keyed_by_process_id() -> None:
    """One entry per process, under the keys of ``ctx.process_graphs``."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="A"><bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>'
            + chain("s", "e")
            + '</bpmn:process><bpmn:process id="B"/>'
        )
    )
    ctx = AnalysisContext(model, load_profile())
    result = model_metrics(ctx)
    assert list(result) == list(ctx.process_graphs) == ["A", "B"]
    assert result["A"]["arcs"] == 1.0 and result["A"]["density"] == 0.5
    assert result["B"] == dict.fromkeys(METRIC_KEYS, 0.0)


def test_loop_body_counts_as_one_level() -> None:
    """s → XOR join j → a → XOR split g → e, g → j: the loop is a block of depth 1."""
    loop = one_process(
        '<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="j"/><bpmn:task id="a"/>'
        '<bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e"/>'
        + chain("s", "j", "a", "g", "e")
        + chain("g", "j")
    )
    assert depth(loop) == 1
    assert control_flow_complexity(loop) == 2
    assert gateway_mismatch(loop) == 0


def test_branches_that_never_rejoin_are_not_nested() -> None:
    """An XOR split into two end events opens no block."""
    split = one_process(
        '<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g"/><bpmn:task id="a"/>'
        '<bpmn:task id="b"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>'
        + chain("s", "g", "a", "e1")
        + chain("g", "b", "e2")
    )
    assert depth(split) == 0
    assert gateway_mismatch(split) == 2


def test_unstructured_cycles_terminate() -> None:
    """Crossing loops and a self-loop still give a finite depth."""
    tangled = one_process(
        '<bpmn:startEvent id="s"/><bpmn:task id="a"/><bpmn:task id="b"/><bpmn:task id="c"/>'
        '<bpmn:endEvent id="e"/>'
        + chain("s", "a", "b", "c", "e")
        + chain("c", "a")
        + chain("b", "a")
        + '<bpmn:sequenceFlow id="self" sourceRef="b" targetRef="b"/>'
    )
    assert depth(tangled) in {0, 1, 2}


def test_implicit_splits_count_in_cfc() -> None:
    """A task with two outgoing flows is an AND split (1), with a condition an OR split (3)."""
    plain = one_process(
        '<bpmn:startEvent id="s"/><bpmn:task id="a"/><bpmn:task id="b"/><bpmn:task id="c"/>'
        + chain("s", "a", "b")
        + chain("a", "c")
    )
    assert control_flow_complexity(plain) == 1
    conditional = one_process(
        '<bpmn:startEvent id="s"/><bpmn:task id="a"/><bpmn:task id="b"/><bpmn:task id="c"/>'
        + chain("s", "a", "b")
        + '<bpmn:sequenceFlow id="fc" sourceRef="a" targetRef="c"><bpmn:conditionExpression>'
        "x &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>"
    )
    assert control_flow_complexity(conditional) == 3


def test_sub_process_content_and_boundary_events_are_counted() -> None:
    """Size counts nested content and boundary events; nesting counts sub-process levels;
    a dangling flow is not an arc."""
    nested = one_process(
        '<bpmn:startEvent id="s"/><bpmn:subProcess id="outer"><bpmn:startEvent id="os"/>'
        '<bpmn:subProcess id="inner"><bpmn:task id="t"/></bpmn:subProcess>'
        + chain("os", "inner")
        + '</bpmn:subProcess><bpmn:boundaryEvent id="b" attachedToRef="outer"/>'
        '<bpmn:endEvent id="e"/>'
        + chain("s", "outer", "e")
        + '<bpmn:sequenceFlow id="dangling" sourceRef="e" targetRef="nowhere"/>'
    )
    flow = control_flow(nested)
    assert size(flow) == 7
    assert arcs(flow) == 3
    assert nesting(flow) == 2
    assert flow.parent["t"] == "inner" and flow.boundary == {"outer": ["b"]}


def test_empty_process_has_zero_metrics() -> None:
    """No nodes: every metric is 0, nothing divides by zero."""
    assert metrics_for(Process(id="x")) == dict.fromkeys(METRIC_KEYS, 0.0)


CORPUS = corpus_files()


@pytest.mark.skipif(not CORPUS, reason="../shared test corpus not present")
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_metrics_of_reference_models_are_finite(path) -> None:
    """Every reference model yields finite metrics; size equals the model's flow nodes."""
    model = read_bpmn(path.read_bytes())
    for process in model.processes:
        result = metrics_for(process)
        assert all(math.isfinite(v) and v >= 0 for v in result.values())
        assert result["size"] == sum(isinstance(e, FlowNode) for e in process.walk())
        assert 0 <= result["gateway_heterogeneity"] <= 1
