"""The plain-dict graph algorithms of the analysis agree with networkx, and the analysis
leaves the garbage collector and the vocabulary as it found them."""

from __future__ import annotations

import gc
import random

import networkx as nx
import pytest

from processanalysis import import_file
from processanalysis.analysis.bottlenecks import _immediate_dominators
from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.media_breaks import _sequence_edges
from processanalysis.analysis.profile import load_profile
from processanalysis.analysis.runner import analyse, gc_paused
from processanalysis.analysis.visits import strongly_connected_components
from processanalysis.analysis.vocabulary import load_vocabulary
from processanalysis.bpmn.importer import read_bpmn
from tests.conftest import SAMPLES


def _random_graphs(seed: int, count: int = 400) -> list[tuple[list[str], dict[str, list[str]]]]:
    rng = random.Random(seed)
    graphs = []
    for _ in range(count):
        nodes = [f"n{i}" for i in range(rng.randint(1, 25))]
        successors: dict[str, list[str]] = {n: [] for n in nodes}
        for _edge in range(rng.randint(0, 3 * len(nodes))):
            successors[rng.choice(nodes)].append(rng.choice(nodes))
        graphs.append((nodes, successors))
    return graphs


def _nx(nodes: list[str], successors: dict[str, list[str]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((u, v) for u, targets in successors.items() for v in targets)
    return graph


def test_strongly_connected_components_match_networkx_sinks_first() -> None:
    for nodes, successors in _random_graphs(1):
        components = strongly_connected_components(nodes, successors.__getitem__)
        expected = nx.strongly_connected_components(_nx(nodes, successors))
        assert sorted(map(sorted, components)) == sorted(map(sorted, expected))
        position = {n: i for i, component in enumerate(components) for n in component}
        for u, targets in successors.items():
            assert all(position[u] >= position[v] for v in targets)


def test_immediate_dominators_match_networkx() -> None:
    for nodes, successors in _random_graphs(2):
        start = nodes[0]
        expected = nx.immediate_dominators(_nx(nodes, successors), start)
        expected.pop(start, None)
        sets = {n: set(targets) for n, targets in successors.items()}
        assert _immediate_dominators(sets, start) == expected


def test_sequence_edges_follow_the_collaboration_graph_even_with_repeated_ids() -> None:
    model = read_bpmn(
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
        b'<process id="p"><task id="a"/><task id="b"/><task id="c"/><task id="x"/>'
        b'<sequenceFlow id="f1" sourceRef="a" targetRef="b"/>'
        b'<sequenceFlow id="f2" sourceRef="a" targetRef="c"/></process>'
        b'<process id="p"><task id="x"/><task id="a"/><task id="b"/><task id="d"/>'
        b'<sequenceFlow id="g1" sourceRef="a" targetRef="d"/>'
        b'<sequenceFlow id="g2" sourceRef="a" targetRef="b"/>'
        b'<sequenceFlow id="g3" sourceRef="x" targetRef="a"/></process></definitions>'
    )
    for m in [model, *(import_file(p) for p in sorted(SAMPLES.glob("*.bpmn")))]:
        ctx = AnalysisContext(m, load_profile())
        expected = [(u, v) for u, v, k in ctx.graph.edges(data="kind") if k == "sequence"]
        assert list(_sequence_edges(ctx)) == expected


@pytest.mark.parametrize("enabled", [True, False])
def test_analysis_restores_the_garbage_collector(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        model = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
        with gc_paused():
            assert not gc.isenabled()
            analyse(model)  # nested pause
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_vocabulary_lookups_are_remembered_but_results_are_fresh_lists() -> None:
    vocabulary = load_vocabulary()
    first = vocabulary.find("Papierantrag im Fachverfahren erfassen")
    first.clear()
    again = vocabulary.find("Papierantrag im Fachverfahren erfassen")
    assert [m.medium for m in again] == ["paper", "it_system", "it_system"]
