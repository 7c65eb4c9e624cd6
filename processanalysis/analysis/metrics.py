"""Size and complexity metrics of a process model, as pure functions returning numbers.

Each metric takes a process (or a sub-process, or its :class:`ControlFlow`) and counts
the flattened control flow: the flow nodes of the process and of every sub-process
inside it, and the sequence flows whose two ends are such nodes (dangling flows, which
the importer has warned about, are left out). Boundary attachments are not arcs.

A *split* is a node with two or more outgoing sequence flows and a *join* one with two or
more incoming flows. Besides gateways this includes activities and events with several
flows (implicit gateways: in BPMN an activity with two outgoing flows starts both, one
with two incoming flows runs once per arriving token).

The formulas and their sources are in ``docs/analysis/quality.md``; in short:

========================  ==================================================================
``size``                  number of flow nodes ``|N|``
``arcs``                  number of sequence flows ``|A|``
``cfc``                   Cardoso's control-flow complexity: Σ over splits of
                          fan-out (XOR), ``2^fan-out − 1`` (OR), 1 (AND)
``density``               ``|A| / (|N| · (|N| − 1))``
``cnc``                   coefficient of network connectivity ``|A| / |N|``
``gateway_mismatch``      Mendling's MM: Σ over gateway classes of
                          ``|Σ fan-out of splits − Σ fan-in of joins|``
``gateway_heterogeneity`` Mendling's connector heterogeneity, entropy ``−Σ p·log₃ p``
                          over the classes XOR, AND, OR
``gateway_types``         number of different gateway types used
``depth``                 maximum nesting of split/join blocks (Mendling's depth)
``nesting``               maximum nesting of sub-processes
========================  ==================================================================

Examples
--------
The demonstration process is ``start → XOR split → a | b → XOR join → AND split →
c | d → AND join → end``:

>>> flow = control_flow(_demo())
>>> size(flow), arcs(flow), control_flow_complexity(flow), depth(flow)
(10, 11, 3, 1)
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from processanalysis.bpmn.model import (
    Activity,
    Container,
    Event,
    FlowNode,
    Gateway,
    Process,
    SequenceFlow,
    SubProcess,
)

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = [
    "METRIC_KEYS",
    "ControlFlow",
    "arcs",
    "coefficient_of_connectivity",
    "control_flow",
    "control_flow_complexity",
    "density",
    "depth",
    "gateway_class",
    "gateway_heterogeneity",
    "gateway_mismatch",
    "gateway_types",
    "metrics_for",
    "model_metrics",
    "nesting",
    "size",
]

#: The keys of :func:`metrics_for`, in the order the quality appendix shows them.
METRIC_KEYS: tuple[str, ...] = (
    "size",
    "activities",
    "gateways",
    "events",
    "arcs",
    "cfc",
    "density",
    "cnc",
    "gateway_mismatch",
    "gateway_heterogeneity",
    "gateway_types",
    "depth",
    "nesting",
)

# Gateway types grouped into the connector classes of the literature (EPC terms):
# an event-based gateway chooses exclusively, a complex gateway is OR-like.
_CLASSES = {
    "exclusiveGateway": "xor",
    "eventBasedGateway": "xor",
    "parallelGateway": "and",
    "inclusiveGateway": "or",
    "complexGateway": "or",
}


@dataclass(slots=True)
class ControlFlow:
    """The flattened control flow of a process: nodes in document order, sequence flows.

    ``parent`` maps every node id to the id of the sub-process containing it (``None``
    at the top level); ``boundary`` maps an activity id to its boundary event ids;
    ``position`` gives each node's index in document order (to sort results stably).
    """

    nodes: dict[str, FlowNode] = field(default_factory=dict)
    parent: dict[str, str | None] = field(default_factory=dict)
    flows: list[SequenceFlow] = field(default_factory=list)
    outgoing: dict[str, list[SequenceFlow]] = field(default_factory=dict)
    incoming: dict[str, list[SequenceFlow]] = field(default_factory=dict)
    boundary: dict[str, list[str]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)

    def out_degree(self, node: str) -> int:
        return len(self.outgoing.get(node, ()))

    def in_degree(self, node: str) -> int:
        return len(self.incoming.get(node, ()))

    def successors(self, node: str) -> Iterator[str]:
        """Targets of the node's sequence flows, once per flow."""
        for flow in self.outgoing.get(node, ()):
            yield flow.target  # type: ignore[misc]

    def is_split(self, node: str) -> bool:
        return self.out_degree(node) >= 2

    def is_join(self, node: str) -> bool:
        return self.in_degree(node) >= 2


def control_flow(process: Container | ControlFlow) -> ControlFlow:
    """The flattened control flow of a process or sub-process (a ``ControlFlow`` as is).

    Examples
    --------
    >>> flow = control_flow(_demo())
    >>> list(flow.nodes)[:3], flow.out_degree("x1"), flow.parent["a"]
    (['s', 'x1', 'a'], 2, None)
    """
    if isinstance(process, ControlFlow):
        return process
    result = ControlFlow()
    flows: list[SequenceFlow] = []

    def visit(container: Container, parent: str | None) -> None:
        for element in container.flow_elements:
            if isinstance(element, FlowNode) and element.id is not None:
                if element.id not in result.nodes:  # first occurrence wins, as in the index
                    result.nodes[element.id] = element
                    result.parent[element.id] = parent
                if isinstance(element, SubProcess):
                    visit(element, element.id)
            elif isinstance(element, SequenceFlow):
                flows.append(element)

    visit(process, None)
    result.position = {node_id: i for i, node_id in enumerate(result.nodes)}
    for flow in flows:
        if flow.source in result.nodes and flow.target in result.nodes:
            result.flows.append(flow)
            result.outgoing.setdefault(flow.source, []).append(flow)  # type: ignore[arg-type]
            result.incoming.setdefault(flow.target, []).append(flow)  # type: ignore[arg-type]
    for node_id, node in result.nodes.items():
        if isinstance(node, Event) and node.attached_to in result.nodes:
            result.boundary.setdefault(node.attached_to, []).append(node_id)  # type: ignore[arg-type]
    return result


def gateway_class(node: FlowNode) -> str | None:
    """``"xor"``, ``"and"`` or ``"or"`` for a gateway (event-based counts as XOR, complex
    as OR), ``None`` for anything else.

    >>> gateway_class(Gateway(type="eventBasedGateway")), gateway_class(Activity(type="task"))
    ('xor', None)
    """
    return _CLASSES.get(node.type) if isinstance(node, Gateway) else None


def size(process: Container | ControlFlow) -> int:
    """Number of flow nodes ``|N|``: activities, events, gateways, sub-process content
    included (7PMG G1, Mendling et al. 2010).

    >>> size(_demo())
    10
    """
    return len(control_flow(process).nodes)


def arcs(process: Container | ControlFlow) -> int:
    """Number of sequence flows ``|A|`` (both ends known; boundary attachments excluded).

    >>> arcs(_demo())
    11
    """
    return len(control_flow(process).flows)


def density(process: Container | ControlFlow) -> float:
    """Density ``|A| / (|N| · (|N| − 1))``: the share of possible arcs that exist
    (Mendling 2008); 0 for fewer than two nodes.

    >>> round(density(_demo()), 4)  # 11 / (10 · 9)
    0.1222
    """
    flow = control_flow(process)
    n = len(flow.nodes)
    return len(flow.flows) / (n * (n - 1)) if n > 1 else 0.0


def coefficient_of_connectivity(process: Container | ControlFlow) -> float:
    """Coefficient of network connectivity CNC ``= |A| / |N|`` (Latva-Koivisto 2001);
    0 for an empty process.

    >>> coefficient_of_connectivity(_demo())  # 11 / 10
    1.1
    """
    flow = control_flow(process)
    return len(flow.flows) / len(flow.nodes) if flow.nodes else 0.0


def control_flow_complexity(process: Container | ControlFlow) -> int:
    """Cardoso's control-flow complexity: the number of states a split can lead to, summed.

    ``CFC = Σ_XOR-splits fan-out + Σ_OR-splits (2^fan-out − 1) + Σ_AND-splits 1``
    (Cardoso 2005). Event-based gateways are XOR splits, complex gateways OR splits. An
    activity or event with several outgoing flows is an implicit AND split, or an OR
    split when one of its flows carries a condition.

    >>> control_flow_complexity(_demo())  # XOR split: 2, AND split: 1
    3
    """
    flow = control_flow(process)
    total = 0
    for node_id, node in flow.nodes.items():
        fan_out = flow.out_degree(node_id)
        if fan_out < 2:
            continue
        kind = gateway_class(node)
        if kind is None and not isinstance(node, Gateway):
            conditional = any(f.condition is not None for f in flow.outgoing[node_id])
            kind = "or" if conditional else "and"
        if kind == "xor":
            total += fan_out
        elif kind == "or":
            total += 2**fan_out - 1
        else:
            total += 1
    return total


def gateway_mismatch(process: Container | ControlFlow) -> int:
    """Mendling's gateway mismatch ``MM = Σ_l |Σ_{splits of l} fan-out − Σ_{joins of l} fan-in|``
    over the gateway classes ``l`` ∈ {XOR, AND, OR} (Mendling 2008).

    0 when every split's branches are closed by as many incoming flows of joins of its
    class; a gateway that both joins and splits counts on both sides. Implicit gateways
    are not counted (the literature counts connectors only).

    >>> gateway_mismatch(_demo())  # XOR: |2 − 2|, AND: |2 − 2|
    0
    """
    flow = control_flow(process)
    balance: dict[str, int] = {}
    for node_id, node in flow.nodes.items():
        kind = gateway_class(node)
        if kind is None:
            continue
        if flow.is_split(node_id):
            balance[kind] = balance.get(kind, 0) + flow.out_degree(node_id)
        if flow.is_join(node_id):
            balance[kind] = balance.get(kind, 0) - flow.in_degree(node_id)
    return sum(abs(value) for value in balance.values())


def gateway_heterogeneity(process: Container | ControlFlow) -> float:
    """Connector heterogeneity ``CH = −Σ_l p(l) · log₃ p(l)`` (Mendling 2008): the entropy
    of the gateway classes XOR, AND, OR, where ``p(l)`` is the share of gateways of class
    ``l``. 0 when all gateways are of one class (or there are none), 1 when the three
    classes are used equally often. See :func:`gateway_types` for the plain count.

    >>> round(gateway_heterogeneity(_demo()), 4)  # two XOR, two AND: log₃ 2
    0.6309
    """
    flow = control_flow(process)
    counts: dict[str, int] = {}
    for node in flow.nodes.values():
        kind = gateway_class(node)
        if kind is not None:
            counts[kind] = counts.get(kind, 0) + 1
    total = sum(counts.values())
    if not total:
        return 0.0
    entropy = -sum(c / total * math.log(c / total, 3) for c in counts.values())
    return max(0.0, entropy)


def gateway_types(process: Container | ControlFlow) -> int:
    """Number of different BPMN gateway types used (exclusive, parallel, inclusive,
    event-based, complex: 0 to 5).

    >>> gateway_types(_demo())
    2
    """
    flow = control_flow(process)
    return len({n.type for n in flow.nodes.values() if isinstance(n, Gateway)})


def depth(process: Container | ControlFlow) -> int:
    """Maximum nesting depth of split/join blocks (Mendling's depth, made robust for loops
    and unstructured models).

    The depth of a node is ``min(in-depth, out-depth)``; the process's depth is the
    maximum over its nodes. In-depth counts, along the worst path from a source, the
    splits passed minus the joins entered, out-depth the same backwards towards a sink:

    ``in(v) = max(0, max_{u→v} (in(u) + split(u)) − join(v))``,
    ``out(u) = max(0, max_{u→v} (out(v) + join(v)) − split(u))``.

    Mendling defines both over all paths, which cycles make infinite. Here a depth-first
    search from the nodes without incoming flow marks the back edges of loops and turns
    them round, so a loop reads as a block from its entry (a split backwards) to its exit
    (a join backwards) and the graph becomes acyclic; ``split``/``join`` are then the out-
    and in-degrees ≥ 2 of that acyclic graph. A structured model gets its nesting depth; a
    branch that never re-joins is not nested (its out-depth is 0). Sub-process content
    has no sequence flow to its container, so each scope counts separately (see
    :func:`nesting` for sub-process nesting).

    >>> depth(_demo())  # two blocks one after the other
    1
    """
    flow = control_flow(process)
    order, edges = _acyclic(flow)
    out_edges: dict[str, list[str]] = {n: [] for n in order}
    in_edges: dict[str, list[str]] = {n: [] for n in order}
    for u, v in edges:
        out_edges[u].append(v)
        in_edges[v].append(u)
    split = {n: int(len(out_edges[n]) >= 2) for n in order}
    join = {n: int(len(in_edges[n]) >= 2) for n in order}
    in_depth: dict[str, int] = {}
    for v in order:
        best = max((in_depth[u] + split[u] for u in in_edges[v]), default=0)
        in_depth[v] = max(0, best - join[v])
    out_depth: dict[str, int] = {}
    for u in reversed(order):
        best = max((out_depth[v] + join[v] for v in out_edges[u]), default=0)
        out_depth[u] = max(0, best - split[u])
    return max((min(in_depth[n], out_depth[n]) for n in order), default=0)


def _acyclic(flow: ControlFlow) -> tuple[list[str], list[tuple[str, str]]]:
    """A topological order and the edges with every DFS back edge reversed.

    Reversing the back edges of a depth-first search leaves a DAG whose topological order
    is the reverse post-order (a back edge runs from a descendant to an ancestor).
    """
    roots = [n for n in flow.nodes if flow.in_degree(n) == 0]
    roots += [n for n in flow.nodes if flow.in_degree(n) != 0]
    state: dict[str, int] = {}  # 1 on the stack, 2 finished
    post: list[str] = []
    edges: list[tuple[str, str]] = []
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[str, Iterator[str]]] = [(root, flow.successors(root))]
        while stack:
            node, successors = stack[-1]
            for succ in successors:
                if succ == node:  # a self-loop nests nothing
                    continue
                if state.get(succ) == 1:
                    edges.append((succ, node))  # back edge: turned round
                    continue
                edges.append((node, succ))
                if succ not in state:
                    state[succ] = 1
                    stack.append((succ, flow.successors(succ)))
                    break
            else:
                stack.pop()
                state[node] = 2
                post.append(node)
    return post[::-1], edges


def nesting(process: Container | ControlFlow) -> int:
    """Maximum nesting of sub-processes: 0 for a flat process, 1 when a sub-process holds
    flow nodes, 2 when one of those is an expanded sub-process with content, and so on.

    >>> nesting(_demo())
    0
    """
    flow = control_flow(process)
    best = 0
    for node in flow.nodes:
        level, parent = 0, flow.parent.get(node)
        while parent is not None and level <= len(flow.nodes):
            level += 1
            parent = flow.parent.get(parent)
        best = max(best, level)
    return best


def metrics_for(process: Container | ControlFlow) -> dict[str, float]:
    """Every metric of one process, keyed as :data:`METRIC_KEYS` (all values floats;
    ratios rounded to four places).

    >>> m = metrics_for(_demo())
    >>> m["size"], m["cfc"], m["cnc"], m["gateway_mismatch"], m["depth"]
    (10.0, 3.0, 1.1, 0.0, 1.0)
    """
    flow = control_flow(process)
    nodes = flow.nodes.values()
    return {
        "size": float(size(flow)),
        "activities": float(sum(isinstance(n, Activity) for n in nodes)),
        "gateways": float(sum(isinstance(n, Gateway) for n in nodes)),
        "events": float(sum(isinstance(n, Event) for n in nodes)),
        "arcs": float(arcs(flow)),
        "cfc": float(control_flow_complexity(flow)),
        "density": round(density(flow), 4),
        "cnc": round(coefficient_of_connectivity(flow), 4),
        "gateway_mismatch": float(gateway_mismatch(flow)),
        "gateway_heterogeneity": round(gateway_heterogeneity(flow), 4),
        "gateway_types": float(gateway_types(flow)),
        "depth": float(depth(flow)),
        "nesting": float(nesting(flow)),
    }


def model_metrics(ctx: AnalysisContext) -> dict[str, dict[str, float]]:
    """:func:`metrics_for` of every process of the model, keyed like
    ``ctx.process_graphs`` (the process id, ``process-<i>`` for a process without id).

    >>> from processanalysis.analysis.context import AnalysisContext
    >>> from processanalysis.analysis.profile import load_profile
    >>> from processanalysis.bpmn.model import Definitions
    >>> ctx = AnalysisContext(Definitions(root_elements=[_demo()]), load_profile())
    >>> model_metrics(ctx)["demo"]["arcs"]
    11.0
    """
    return {p.id or f"process-{i}": metrics_for(p) for i, p in enumerate(ctx.model.processes)}


def _demo() -> Process:
    """The demonstration process of the doctests (see the module docstring)."""
    from processanalysis.bpmn.importer import read_bpmn

    edges = "s x1, x1 a, x1 b, a x2, b x2, x2 p1, p1 c, p1 d, c p2, d p2, p2 e"
    nodes = (
        '<startEvent id="s"/><exclusiveGateway id="x1"/><task id="a"/><task id="b"/>'
        '<exclusiveGateway id="x2"/><parallelGateway id="p1"/><task id="c"/><task id="d"/>'
        '<parallelGateway id="p2"/><endEvent id="e"/>'
    )
    flows = "".join(
        f'<sequenceFlow id="f{i}" sourceRef="{u}" targetRef="{v}"/>'
        for i, (u, v) in enumerate(pair.split() for pair in edges.split(", "))
    )
    xml = (
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
        f'<process id="demo">{nodes}{flows}</process></definitions>'
    )
    return read_bpmn(xml.encode()).processes[0]
