"""Expected visits per flow node and traversals per sequence flow, per case.

A case is a token walk through the control flow. With the branch probabilities of
:attr:`AnalysisContext.probabilities` the expected number of visits of every node
solves one linear system (an absorbing Markov chain, generalised to parallel splits):

.. math::

    v = s + W P^{\\mathsf T} v, \\qquad \\text{traversals}(f) = v(\\text{source}(f))\\,p(f)

``s`` is the start vector: the start events of each process share one visit
(``pa:probability`` on a start event sets its share; equal split otherwise), a
process without start events starts every node that has no incoming flow. ``P`` holds
the probability of every control edge: a sequence flow's branch probability (1.0 out
of activities and parallel splits, so a parallel split sends a token on every branch),
a boundary event's ``pa:probability`` (0 by default: exceptions are not taken unless
the analyst says how often they occur; an interrupting one withdraws that share from
the activity's normal outgoing flows), 1.0 from a sub-process into its start events
and from a link throw event to its catch event. ``W`` divides by the number of
incoming flows of a parallel join, which fires once per token on *each* branch.
Event sub-processes are triggered by events and get no visits.

The solution follows the strongly connected components of the positive-probability
graph in topological order: a node outside any cycle is one sum (so an acyclic model
costs linear time), a cycle is solved exactly by sparse Gaussian elimination of
``(I - M) v = b``. ``I - M`` is a Z-matrix, so elimination needs no pivoting: every
pivot is positive exactly when the loop is left with positive probability
(``I - M`` a non-singular M-matrix). A pivot that is not positive marks a loop the case
never leaves (probability 1 of repeating, or parallel tokens multiplying): its nodes
get :data:`MAX_VISITS` and are listed in :attr:`VisitAnalysis.unbounded`, as are the
nodes of a loop left so rarely that they exceed that cap (their exits still count the
exact solution, so the case still ends once).

Examples
--------
A check that sends one application in four back for rework is visited
``1 / (1 - 0.25)`` times:

>>> from processanalysis.bpmn.importer import read_bpmn
>>> from processanalysis.analysis.context import AnalysisContext
>>> from processanalysis.analysis.profile import load_profile
>>> model = read_bpmn(b'''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
...   xmlns:pa="urn:processanalysis:bpmn:1.0"><process id="p">
...   <startEvent id="s"/><task id="check" name="Antrag pruefen"/>
...   <exclusiveGateway id="ok"/><endEvent id="e"/>
...   <sequenceFlow id="f1" sourceRef="s" targetRef="check"/>
...   <sequenceFlow id="f2" sourceRef="check" targetRef="ok"/>
...   <sequenceFlow id="back" sourceRef="ok" targetRef="check" pa:probability="0.25"/>
...   <sequenceFlow id="done" sourceRef="ok" targetRef="e"/></process></definitions>''')
>>> ctx = AnalysisContext(model, load_profile())
>>> round(expected_visits(ctx)["check"], 6), round(flow_traversals(ctx)["back"], 6)
(1.333333, 0.333333)
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import networkx as nx

from processanalysis.analysis.context import PA_PROBABILITY
from processanalysis.bpmn.model import Activity, Event, FlowNode, Gateway, SubProcess

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = [
    "MAX_VISITS",
    "ControlEdge",
    "VisitAnalysis",
    "cached",
    "control_components",
    "control_edges",
    "control_graph",
    "control_nodes",
    "control_successors",
    "expected_visits",
    "flow_order",
    "flow_traversals",
    "solve_m_matrix",
    "start_nodes",
    "strongly_connected_components",
    "visit_analysis",
]

#: Visits given to the nodes of a loop that a case never leaves (and the cap of all).
MAX_VISITS = 1000.0
_PIVOT_EPS = 1e-12


@dataclass(frozen=True, slots=True)
class ControlEdge:
    """One way a token moves: a sequence flow, a boundary attachment, the entry of a
    sub-process into its start events, or a link throw event to its catch event.

    ``probability`` is the share of the source's visits that travel the edge.
    """

    source: str
    target: str
    kind: str  # "sequence" | "boundary" | "enter" | "link"
    flow: str | None
    probability: float


@dataclass(slots=True)
class VisitAnalysis:
    """Expected visits per node, traversals per sequence flow, and what was capped."""

    visits: dict[str, float] = field(default_factory=dict)
    traversals: dict[str, float] = field(default_factory=dict)
    unbounded: frozenset[str] = frozenset()
    starts: dict[str, float] = field(default_factory=dict)


_CACHE: weakref.WeakKeyDictionary[AnalysisContext, dict[str, Any]] = weakref.WeakKeyDictionary()
_T = TypeVar("_T")


def cached(ctx: AnalysisContext, key: str, compute: Callable[[], _T]) -> _T:
    """``compute()`` once per context and key (the context is shared by all rules; the
    core ``AnalysisContext`` has no slot for analysis-specific views, so they live here)."""
    store = _CACHE.setdefault(ctx, {})
    if key not in store:
        store[key] = compute()
    return store[key]


def expected_visits(ctx: AnalysisContext) -> dict[str, float]:
    """Expected number of visits of every flow node id per case (see the module)."""
    return visit_analysis(ctx).visits


def flow_traversals(ctx: AnalysisContext) -> dict[str, float]:
    """Expected traversals of every sequence flow id per case: visits(source) x p(flow)."""
    return visit_analysis(ctx).traversals


def visit_analysis(ctx: AnalysisContext) -> VisitAnalysis:
    """Visits, traversals and unbounded loops of ``ctx``'s model, computed once."""
    return cached(ctx, "visits", lambda: _solve(ctx))


def control_graph(ctx: AnalysisContext) -> nx.MultiDiGraph:
    """All flow nodes and :func:`control_edges` (edge attribute ``edge``), every process."""

    def build() -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(ctx.flow_nodes)
        for edge in control_edges(ctx):
            graph.add_edge(edge.source, edge.target, edge=edge)
        return graph

    return cached(ctx, "control_graph", build)


def control_edges(ctx: AnalysisContext) -> list[ControlEdge]:
    """Every control edge of every process, in document order, with its probability."""
    return cached(ctx, "control_edges", lambda: list(_build_edges(ctx)))


def control_successors(ctx: AnalysisContext) -> dict[str, dict[str, list[ControlEdge]]]:
    """Source → target → its control edges: the adjacency of :func:`control_graph` as plain
    dicts, in the same order (targets by first edge, then edges in document order), and
    without the cost of building a networkx graph. Nodes without outgoing edges are left
    out. Read only."""

    def build() -> dict[str, dict[str, list[ControlEdge]]]:
        successors: dict[str, dict[str, list[ControlEdge]]] = {}
        for edge in control_edges(ctx):
            row = successors.get(edge.source)
            if row is None:
                row = successors[edge.source] = {}
            parallel = row.get(edge.target)
            if parallel is None:
                row[edge.target] = [edge]
            else:
                parallel.append(edge)
        return successors

    return cached(ctx, "control_successors", build)


def control_components(ctx: AnalysisContext) -> list[list[str]]:
    """The strongly connected components of :func:`control_graph`, sinks first (see
    :func:`strongly_connected_components`). Computed once per context."""

    def build() -> list[list[str]]:
        successors = control_successors(ctx)
        return strongly_connected_components(control_nodes(ctx), lambda n: successors.get(n, {}))

    return cached(ctx, "control_components", build)


def control_nodes(ctx: AnalysisContext) -> list[str]:
    """The nodes of :func:`control_graph` in its order: flow nodes, then edge ends."""
    nodes = dict.fromkeys(ctx.flow_nodes)
    for edge in control_edges(ctx):
        nodes.setdefault(edge.source)
        nodes.setdefault(edge.target)
    return list(nodes)


def strongly_connected_components(
    nodes: Iterable[str], successors: Callable[[str], Iterable[str]]
) -> list[list[str]]:
    """The strongly connected components of a directed graph, sinks first (every
    component comes after all components it reaches; reversed, a topological order).

    Tarjan's algorithm without recursion, linear in nodes and edges. ``successors`` may
    name nodes that are not in ``nodes``; they are included.

    >>> succ = {"a": ["b"], "b": ["a", "c"], "c": []}
    >>> strongly_connected_components("abc", succ.__getitem__)
    [['c'], ['b', 'a']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors(root)))]
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(successors(target))))
                    break
                if target in on_stack and index[target] < low[node]:
                    low[node] = index[target]
            else:
                work.pop()
                node_low = low[node]
                if work and node_low < low[work[-1][0]]:
                    low[work[-1][0]] = node_low
                if node_low == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def start_nodes(ctx: AnalysisContext) -> dict[str, float]:
    """Where cases begin: node id -> share of the one case of its process."""
    return cached(ctx, "start_nodes", lambda: _start_nodes(ctx))


def _start_nodes(ctx: AnalysisContext) -> dict[str, float]:
    result: dict[str, float] = {}
    for graph in ctx.process_graphs.values():
        top = [n for n in graph if graph.nodes[n].get("parent") is None]
        explicit = [n for n in top if _is_start_event(graph.nodes[n]["element"])]
        if explicit:
            result.update(_start_shares([graph.nodes[n]["element"] for n in explicit]))
        else:
            # BPMN: without start events every node without incoming flow starts.
            result.update({n: 1.0 for n in _implicit_starts(graph, top)})
    return result


# -- building the edges --------------------------------------------------------------------


def _build_edges(ctx: AnalysisContext) -> Iterable[ControlEdge]:
    for graph in ctx.process_graphs.values():
        withdrawn = _interrupting_shares(graph)
        outgoing_count: dict[str, int] = {}
        for u, _v, data in graph.edges(data=True):
            if data.get("kind") == "sequence":
                outgoing_count[u] = outgoing_count.get(u, 0) + 1
        elements = dict(graph.nodes(data="element"))
        probabilities = ctx.probabilities
        for u, v, data in graph.edges(data=True):
            kind = data.get("kind")
            if kind == "sequence":
                flow_id = data.get("id")
                probability = probabilities.get(flow_id) if flow_id else None
                if probability is None:  # a flow without id: equal split at decisions
                    element = elements[u]
                    decision = isinstance(element, Gateway) and element.type != "parallelGateway"
                    probability = 1.0 / outgoing_count[u] if decision else 1.0
                yield ControlEdge(
                    u, v, "sequence", flow_id, probability * (1.0 - withdrawn.get(u, 0.0))
                )
            elif kind == "boundary":
                target = elements[v]
                yield ControlEdge(u, v, "boundary", None, _own_probability(target, 0.0))
        yield from _enter_edges(graph)
        yield from _link_edges(graph)


def _interrupting_shares(graph: nx.DiGraph) -> dict[str, float]:
    shares: dict[str, float] = {}
    for u, v, data in graph.edges(data=True):
        if data.get("kind") == "boundary":
            event = graph.nodes[v]["element"]
            if isinstance(event, Event) and event.interrupting:
                shares[u] = min(1.0, shares.get(u, 0.0) + _own_probability(event, 0.0))
    return shares


def _enter_edges(graph: nx.DiGraph) -> Iterable[ControlEdge]:
    children: dict[str, list[str]] = {}
    for node, parent in graph.nodes(data="parent"):
        if parent is not None:
            children.setdefault(parent, []).append(node)
    for parent, inner in children.items():
        element = graph.nodes[parent]["element"] if parent in graph else None
        if not isinstance(element, SubProcess) or element.is_event_subprocess:
            continue
        explicit = [n for n in inner if _is_start_event(graph.nodes[n]["element"])]
        if explicit:
            for node, share in _start_shares([graph.nodes[n]["element"] for n in explicit]).items():
                yield ControlEdge(parent, node, "enter", None, share)
        else:
            for node in _implicit_starts(graph, inner):
                yield ControlEdge(parent, node, "enter", None, 1.0)


def _link_edges(graph: nx.DiGraph) -> Iterable[ControlEdge]:
    catches: dict[tuple[str | None, str], list[str]] = {}
    throws: list[tuple[str | None, str, str]] = []
    for node, data in graph.nodes(data=True):
        element = data["element"]
        name = _link_name(element)
        if name is None:
            continue
        if element.type == "intermediateCatchEvent":
            catches.setdefault((data.get("parent"), name), []).append(node)
        elif element.type == "intermediateThrowEvent":
            throws.append((data.get("parent"), name, node))
    for parent, name, node in throws:
        for target in catches.get((parent, name), []):
            yield ControlEdge(node, target, "link", None, 1.0)


def _link_name(element: FlowNode) -> str | None:
    if not isinstance(element, Event):
        return None
    for definition in element.definitions:
        if definition.kind == "link":
            return definition.name or element.label or ""
    return None


def _is_start_event(element: FlowNode) -> bool:
    return element.type == "startEvent"


def _implicit_starts(graph: nx.DiGraph, nodes: list[str]) -> list[str]:
    result = []
    for node in nodes:
        element = graph.nodes[node]["element"]
        if element.type == "boundaryEvent":
            continue
        if isinstance(element, SubProcess) and element.is_event_subprocess:
            continue
        if isinstance(element, Activity) and element.is_for_compensation:
            continue
        if any(d.get("kind") == "sequence" for _u, _v, d in graph.in_edges(node, data=True)):
            continue
        result.append(node)
    return result


def _start_shares(events: list[FlowNode]) -> dict[str, float]:
    """Alternative start events share the case: given ``pa:probability``, the rest equally."""
    given = {e.id: _own_probability(e, None) for e in events if e.id is not None}
    known = {k: v for k, v in given.items() if v is not None}
    rest = [k for k, v in given.items() if v is None]
    remaining = max(0.0, 1.0 - sum(known.values()))
    shares = {k: float(v) for k, v in known.items()}
    shares.update({k: remaining / len(rest) for k in rest})
    return shares


def _own_probability(element: FlowNode, default: float | None) -> float | None:
    raw = element.attributes.get(PA_PROBABILITY)
    try:
        value = float(raw) if raw is not None else None
    except ValueError:
        value = None
    return value if value is not None and 0.0 <= value <= 1.0 else default


# -- solving -------------------------------------------------------------------------------


def _solve(ctx: AnalysisContext) -> VisitAnalysis:
    edges = control_edges(ctx)
    starts = start_nodes(ctx)
    nodes = list(ctx.flow_nodes)
    order = {n: i for i, n in enumerate(nodes)}
    join_factor = _parallel_join_factors(ctx, edges)
    incoming: dict[str, list[ControlEdge]] = {n: [] for n in nodes}
    # The graph of edges with positive probability, as successor sets.
    positive: dict[str, dict[str, None]] = {n: {} for n in nodes}
    for edge in edges:
        incoming.setdefault(edge.target, []).append(edge)
        if edge.probability > 0:
            positive.setdefault(edge.source, {})[edge.target] = None
            positive.setdefault(edge.target, {})
    # ``raw`` feeds the next components (a long but finite loop still ends once);
    # the reported visits are capped at MAX_VISITS. Components are solved in topological
    # order; any such order gives the same values.
    raw: dict[str, float] = {}
    unbounded: set[str] = set()
    components = strongly_connected_components(positive, positive.__getitem__)
    for component in reversed(components):
        if len(component) == 1 and component[0] not in positive[component[0]]:
            node = component[0]
            inflow = sum(raw.get(e.source, 0.0) * e.probability for e in incoming[node])
            raw[node] = starts.get(node, 0.0) + join_factor(node) * inflow
            continue
        members: list[str] = sorted(component, key=order.__getitem__)
        solved = _solve_cycle(members, incoming, raw, starts, join_factor)
        if solved is None:
            unbounded.update(members)
            raw.update({n: MAX_VISITS for n in members})
        else:
            unbounded.update(n for n, value in solved.items() if value > MAX_VISITS)
            raw.update(solved)
    visits = {n: min(MAX_VISITS, raw.get(n, 0.0)) for n in nodes}
    traversals = {
        e.flow: min(MAX_VISITS, raw.get(e.source, 0.0) * e.probability)
        for e in edges
        if e.kind == "sequence" and e.flow is not None
    }
    return VisitAnalysis(visits, traversals, frozenset(unbounded), starts)


def _parallel_join_factors(
    ctx: AnalysisContext, edges: list[ControlEdge]
) -> Callable[[str], float]:
    counts: dict[str, int] = {}
    for edge in edges:
        if edge.kind == "sequence":
            counts[edge.target] = counts.get(edge.target, 0) + 1

    factors = {
        node: 1.0 / count
        for node, count in counts.items()
        if count > 1
        and (element := ctx.flow_nodes.get(node)) is not None
        and element.type == "parallelGateway"
    }

    def factor(node: str) -> float:
        return factors.get(node, 1.0)

    return factor


def _solve_cycle(
    members: list[str],
    incoming: dict[str, list[ControlEdge]],
    visits: dict[str, float],
    starts: dict[str, float],
    join_factor: Callable[[str], float],
) -> dict[str, float] | None:
    """Solve ``(I - M) v = b`` on one strongly connected component; None if unbounded."""
    index = {n: i for i, n in enumerate(members)}
    rows: list[dict[int, float]] = [{i: 1.0} for i in range(len(members))]
    rhs = [starts.get(n, 0.0) for n in members]
    for i, node in enumerate(members):
        factor = join_factor(node)
        for edge in incoming[node]:
            j = index.get(edge.source)
            if j is None:
                rhs[i] += factor * visits.get(edge.source, 0.0) * edge.probability
            else:
                rows[i][j] = rows[i].get(j, 0.0) - factor * edge.probability
    if not any(value > 0 for value in rhs):
        return {n: 0.0 for n in members}  # never entered: even an endless loop costs nothing
    solution = solve_m_matrix(rows, rhs)
    if solution is None:
        return None
    return {n: max(0.0, solution[index[n]]) for n in members}


def solve_m_matrix(rows: list[dict[int, float]], rhs: list[float]) -> list[float] | None:
    """Solve a sparse Z-matrix system by elimination without pivoting.

    ``rows[i]`` maps column to coefficient. Returns ``None`` when a pivot is not
    positive, i.e. the matrix is not a non-singular M-matrix (the loop is not left).

    >>> solve_m_matrix([{0: 1.0, 1: -0.5}, {0: -1.0, 1: 1.0}], [1.0, 0.0])
    [2.0, 2.0]
    >>> solve_m_matrix([{0: 1.0, 1: -1.0}, {0: -1.0, 1: 1.0}], [1.0, 0.0]) is None
    True
    """
    size = len(rows)
    rows = [dict(row) for row in rows]
    rhs = list(rhs)
    column_rows: list[set[int]] = [set() for _ in range(size)]
    for r, row in enumerate(rows):
        for c in row:
            column_rows[c].add(r)
    for i in range(size):
        pivot = rows[i].get(i, 0.0)
        if pivot <= _PIVOT_EPS:
            return None
        for r in sorted(x for x in column_rows[i] if x > i):
            coefficient = rows[r].pop(i, 0.0)
            if coefficient == 0.0:
                continue
            ratio = coefficient / pivot
            for c, value in rows[i].items():
                if c != i:
                    rows[r][c] = rows[r].get(c, 0.0) - ratio * value
                    column_rows[c].add(r)
            rhs[r] -= ratio * rhs[i]
    solution = [0.0] * size
    for i in reversed(range(size)):
        total = rhs[i] - sum(v * solution[c] for c, v in rows[i].items() if c > i)
        solution[i] = total / rows[i][i]
    return solution


def flow_order(ctx: AnalysisContext) -> dict[str, int]:
    """A reading order of the flow nodes: breadth first from the starts along the control
    flow, then the nodes no start reaches, in document order. Sorts finding elements.
    Computed once per context."""
    return cached(ctx, "flow_order", lambda: _flow_order(ctx))


def _flow_order(ctx: AnalysisContext) -> dict[str, int]:
    successors = control_successors(ctx)
    known = set(ctx.flow_nodes)
    for edge in control_edges(ctx):
        known.update((edge.source, edge.target))
    order: dict[str, int] = {}
    queue = [n for n in start_nodes(ctx) if n in known]
    for node in queue:
        order.setdefault(node, len(order))
    position = 0
    while position < len(queue):
        node = queue[position]
        position += 1
        for target in successors.get(node, {}):
            if target not in order:
                order[target] = len(order)
                queue.append(target)
    for node in ctx.flow_nodes:
        order.setdefault(node, len(order))
    return order
