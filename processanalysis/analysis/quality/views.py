"""How tokens move through a process: the views of its control flow the quality rules share.

A :class:`ProcessView` is one process's flattened control flow (:mod:`~processanalysis.
analysis.metrics`) together with its scopes and where tokens go next; :func:`reachable`
and :func:`dead_ends` walk it. The views are built once per analysis context.

How tokens move (the basis of reachability and dead ends): along sequence flows; from an
activity to its boundary events; from a link throw event to the catch events of the same
name; from a sub-process into its content (its start events, else every inner node without
incoming flow, every node of an ad-hoc sub-process) and from the content's ends back to the
sub-process. Event sub-processes and compensation activities are not connected by sequence
flows: they are entered whenever their scope is active. An end event ends a path, and so
does — as BPMN allows — any activity or event without outgoing flow (an implicit end); a
gateway without outgoing flow does not.

Examples
--------
>>> from processanalysis.analysis.context import AnalysisContext
>>> from processanalysis.analysis.metrics import _demo
>>> from processanalysis.analysis.profile import load_profile
>>> from processanalysis.bpmn.model import Definitions
>>> ctx = AnalysisContext(Definitions(root_elements=[_demo()]), load_profile())
>>> [view] = process_views(ctx)
>>> view.entries[None], sorted(view.terminals), len(reachable(view)), dead_ends(view)
(['s'], ['e'], 10, set())
"""

from __future__ import annotations

import weakref
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from processanalysis.analysis.metrics import ControlFlow, control_flow
from processanalysis.bpmn.model import Activity, Event, FlowNode, Gateway, Process, SubProcess

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = [
    "ProcessView",
    "Scope",
    "cached",
    "dead_ends",
    "entered_by_scope",
    "is_link",
    "process_views",
    "reachable",
]

_T = TypeVar("_T")
_CACHE: weakref.WeakKeyDictionary[AnalysisContext, dict[str, Any]] = weakref.WeakKeyDictionary()


def cached(ctx: AnalysisContext, key: str, compute: Callable[[], _T]) -> _T:
    """``compute()`` once per analysis context and ``key``; later calls return it again."""
    # The context has no slot for analysis-specific views; they are computed once here.
    store = _CACHE.setdefault(ctx, {})
    if key not in store:
        store[key] = compute()
    return store[key]


@dataclass(slots=True)
class Scope:
    """A fragment that starts and ends on its own: a process's top level or the content of
    a sub-process. ``kind`` is ``process``, ``subprocess``, ``event`` (event
    sub-process) or ``adhoc``; ``nodes`` are its direct flow nodes in document order."""

    id: str | None
    kind: str
    element: FlowNode | None
    nodes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ProcessView:
    """One process with its flattened control flow, its scopes and how tokens move.

    ``key`` is the process's key in ``ctx.process_graphs``; ``shape`` the id that locates
    the whole process on the diagram (its pool, else the process id). ``successors``
    holds sequence flows, boundary attachments and link jumps; ``entries`` the nodes
    where each scope begins; ``exits`` maps an end of a sub-process's content to the
    sub-process; ``terminals`` are all end events and implicit ends; ``reached`` holds
    :func:`reachable` once computed.
    """

    key: str
    process: Process
    shape: str
    flow: ControlFlow
    scopes: dict[str | None, Scope]
    successors: dict[str, list[str]]
    entries: dict[str | None, list[str]]
    exits: dict[str, str]
    terminals: set[str]
    reached: set[str] | None = field(default=None, repr=False, compare=False)


def process_views(ctx: AnalysisContext) -> list[ProcessView]:
    """A :class:`ProcessView` of every process of the model (computed once per context)."""
    return cached(ctx, "process_views", lambda: list(_build_views(ctx)))


def _build_views(ctx: AnalysisContext) -> Iterator[ProcessView]:
    pools = {p.process_ref: p.id for p in ctx.model.participants if p.process_ref and p.id}
    for i, process in enumerate(ctx.model.processes):
        key = process.id or f"process-{i}"
        flow = control_flow(process)
        scopes: dict[str | None, Scope] = {None: Scope(None, "process", None)}
        for node_id, node in flow.nodes.items():
            if isinstance(node, SubProcess):
                kind = (
                    "event"
                    if node.is_event_subprocess
                    else "adhoc"
                    if node.type == "adHocSubProcess"
                    else "subprocess"
                )
                scopes[node_id] = Scope(node_id, kind, node)
        for node_id in flow.nodes:
            scopes[flow.parent[node_id]].nodes.append(node_id)
        successors = {n: [str(f.target) for f in flow.outgoing.get(n, ())] for n in flow.nodes}
        for link_from, link_to in _links(flow):
            successors[link_from].append(link_to)
        terminals = {
            n
            for n, node in flow.nodes.items()
            if node.type == "endEvent"
            or (not isinstance(node, Gateway) and not successors[n] and not is_link(node, "throw"))
        }
        for host, events in flow.boundary.items():
            successors[host].extend(events)
        entries = {s: _entries(flow, scope) for s, scope in scopes.items()}
        exits: dict[str, str] = {}
        for scope_id, scope in scopes.items():
            if scope_id is None:
                continue
            for node_id in scope.nodes:
                if scope.kind == "adhoc" or node_id in terminals:
                    exits[node_id] = scope_id
        yield ProcessView(
            key=key,
            process=process,
            shape=pools.get(process.id) or key,
            flow=flow,
            scopes=scopes,
            successors=successors,
            entries=entries,
            exits=exits,
            terminals=terminals,
        )


_LINK_TYPES = {"throw": "intermediateThrowEvent", "catch": "intermediateCatchEvent"}


def is_link(node: FlowNode, direction: str) -> bool:
    """Whether ``node`` is a link event that throws or catches (``direction``)."""
    return (
        isinstance(node, Event)
        and node.type == (_LINK_TYPES.get(direction) or f"intermediate{direction.title()}Event")
        and any(d.kind == "link" for d in node.definitions)
    )


def _link_name(node: Event) -> str:
    for definition in node.definitions:
        if definition.kind == "link" and definition.name:
            return definition.name
    return node.label


def _links(flow: ControlFlow) -> Iterator[tuple[str, str]]:
    """Link throw event → the catch events of the same name in the same scope."""
    catches: dict[tuple[str | None, str], list[str]] = {}
    for node_id, node in flow.nodes.items():
        if is_link(node, "catch"):
            catches.setdefault((flow.parent[node_id], _link_name(node)), []).append(node_id)  # type: ignore[arg-type]
    for node_id, node in flow.nodes.items():
        if is_link(node, "throw"):
            for target in catches.get((flow.parent[node_id], _link_name(node)), []):  # type: ignore[arg-type]
                yield node_id, target


def entered_by_scope(node: FlowNode) -> bool:
    """Nodes that no sequence flow reaches by design: active while their scope is."""
    return (isinstance(node, SubProcess) and node.is_event_subprocess) or (
        isinstance(node, Activity) and bool(node.is_for_compensation)
    )


def _entries(flow: ControlFlow, scope: Scope) -> list[str]:
    if scope.kind == "adhoc":
        return list(scope.nodes)
    nodes = [flow.nodes[n] for n in scope.nodes]
    starts = [n.id for n in nodes if n.type == "startEvent"]
    if not starts:  # BPMN: without start events every node without incoming flow starts
        starts = [
            n.id
            for n in nodes
            if flow.in_degree(n.id) == 0  # type: ignore[arg-type]
            and n.type != "boundaryEvent"
            and not is_link(n, "catch")
            and not entered_by_scope(n)
        ]
    starts += [n.id for n in nodes if entered_by_scope(n)]
    return [s for s in starts if s is not None]


def reachable(view: ProcessView) -> set[str]:
    """The nodes a token can reach from the process's start (see the module docstring).
    Computed once per view; read only."""
    if view.reached is not None:
        return view.reached
    seen: set[str] = set()
    queue = deque(view.entries[None])
    seen.update(queue)
    while queue:
        node = queue.popleft()
        following = list(view.successors[node])
        if node in view.scopes:
            following += view.entries[node]
        for succ in following:
            if succ not in seen:
                seen.add(succ)
                queue.append(succ)
    view.reached = seen
    return seen


def _can_end(view: ProcessView) -> set[str]:
    """The nodes from which an end (explicit or implicit) of the process is reachable."""
    backwards: dict[str, list[str]] = {n: [] for n in view.flow.nodes}
    for node, following in view.successors.items():
        for succ in following:
            backwards[succ].append(node)
    for inner, container in view.exits.items():
        backwards[container].append(inner)
    seen = {n for n in view.terminals if view.flow.parent[n] is None}
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        for pred in backwards[node]:
            if pred not in seen:
                seen.add(pred)
                queue.append(pred)
    return seen


def dead_ends(view: ProcessView) -> set[str]:
    """Reachable nodes from which no end is reachable (stuck in a loop or a gateway)."""
    return reachable(view) - _can_end(view)
