"""Where the branches of a split meet again: first merges, post-dominators, split/join pairs.

The rules on gateway pairs (``quality-xor-and-mismatch``, ``quality-and-xor-mismatch``,
``pmg-structured``) compare every split with the nodes where its branches first meet;
this module finds those nodes, linear in the size of a structured model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from processanalysis.analysis.dominators import immediate_dominators
from processanalysis.analysis.metrics import ControlFlow, gateway_class
from processanalysis.analysis.quality.views import ProcessView, cached
from processanalysis.bpmn.model import Activity, Event, Gateway

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = [
    "first_merges",
    "is_and_xor",
    "is_xor_and",
    "matching_joins",
    "post_dominators",
    "split_joins",
]


def matching_joins(
    flow: ControlFlow,
    split: str,
    *,
    boundary: bool = False,
    until: str | None = None,
    following: dict[str, list[str]] | None = None,
) -> dict[str, list[tuple[str, str]]]:
    """Where the branches leaving ``split`` first meet again: merge node → branch pairs.

    Every outgoing sequence flow (and, with ``boundary``, every boundary event of the node)
    starts a branch; breadth-first walks follow the branches level by level (boundary
    events included, never back through ``split``, so a loop back to the split ends there,
    and never beyond ``until``). For each pair of branches the merge is the node both reach
    with the smallest sum of distances — their nearest common successor; on an acyclic
    graph it is where the two paths first join. End events are no merges: branches that
    meet only there have ended, each on its own. Branches are named by flow id (``#i``
    without one) or boundary event id; merges are in document order.

    The walks stop as soon as no pair can find a nearer merge: a pair is settled once its
    best sum is within the levels walked, or when one branch has ended and no flow from
    outside leads into the nodes it covered. ``until`` is meant for the split's immediate
    post-dominator (every path from the split to an end passes it; on an acyclic graph no
    pair meets only beyond it): with it, checking every split of a structured model costs
    linear time. See :func:`post_dominators`. ``following`` is :func:`_following` of
    ``flow`` when the caller has it already.

    Examples
    --------
    >>> from processanalysis.analysis.metrics import _demo, control_flow
    >>> matching_joins(control_flow(_demo()), "x1")
    {'x2': [('f1', 'f2')]}
    """
    starts: list[tuple[str, str]] = [
        (f.id or f"#{i}", str(f.target)) for i, f in enumerate(flow.outgoing.get(split, ()))
    ]
    if boundary:
        starts += [(event, event) for event in flow.boundary.get(split, ())]
    starts = [(name, start) for name, start in starts if start != split]
    walk = _BranchWalk(flow, split, until, len(starts), following or _Following(flow))
    for i, (_name, start) in enumerate(starts):
        walk.visit(i, start, 1)
    walk.run()
    result: dict[str, list[tuple[str, str]]] = {}
    for (i, j), nodes in sorted(walk.merges.items()):
        for node in nodes:
            result.setdefault(node, []).append((starts[i][0], starts[j][0]))
    return dict(sorted(result.items(), key=lambda item: flow.position[item[0]]))


class _BranchWalk:
    """The level-by-level walk of :func:`matching_joins` (branches are numbered)."""

    def __init__(
        self,
        flow: ControlFlow,
        split: str,
        until: str | None,
        count: int,
        following: dict[str, list[str]],
    ) -> None:
        self.flow, self.split, self.until, self.count = flow, split, until, count
        self.following = following
        self.reached: dict[str, dict[int, int]] = {}
        self.covered: list[set[str]] = [set() for _ in range(count)]
        self.frontier: list[list[str]] = [[] for _ in range(count)]
        self.best: dict[tuple[int, int], int] = {}
        self.merges: dict[tuple[int, int], list[str]] = {}
        self.ended: set[int] = set()
        self.closed: set[int] = set()  # ended branches nothing from outside leads into

    def visit(self, branch: int, node: str, distance: int) -> None:
        if node == self.split or node in self.covered[branch]:
            return
        if self.flow.nodes[node].type == "endEvent":
            return
        self.covered[branch].add(node)
        seen = self.reached.setdefault(node, {})
        for other, other_distance in seen.items():
            pair = (min(branch, other), max(branch, other))
            total = distance + other_distance
            if total < self.best.get(pair, total + 1):
                self.best[pair], self.merges[pair] = total, [node]
            elif total == self.best[pair]:
                self.merges[pair].append(node)
        seen[branch] = distance
        if node != self.until:
            self.frontier[branch].append(node)

    def run(self) -> None:
        level = 1
        while True:
            for branch in range(self.count):
                if not self.frontier[branch] and branch not in self.ended:
                    self.ended.add(branch)  # its covered nodes no longer change
                    if not self._entered_from_outside(branch):
                        self.closed.add(branch)
            active = {b for pair in self._open_pairs(level) for b in pair if self.frontier[b]}
            if not active:
                return
            level += 1
            for branch in sorted(active):
                nodes, self.frontier[branch] = self.frontier[branch], []
                for node in nodes:
                    for succ in self.following[node]:
                        self.visit(branch, succ, level)

    def _open_pairs(self, level: int) -> Iterator[tuple[int, int]]:
        for i in range(self.count):
            for j in range(i + 1, self.count):
                if self.best.get((i, j), level + 2) <= level + 1:
                    continue  # every later meeting is at least level + 2 away
                if not self.frontier[i] and not self.frontier[j]:
                    continue
                if (i in self.closed and (i, j) not in self.best) or (
                    j in self.closed and (i, j) not in self.best
                ):
                    continue
                yield i, j

    def _entered_from_outside(self, branch: int) -> bool:
        """Whether a flow from outside the nodes an ended branch covered leads into them."""
        covered = self.covered[branch]
        for node in covered:
            element = self.flow.nodes[node]
            host = element.attached_to if isinstance(element, Event) else None
            if host in self.flow.nodes and host not in covered and host != self.split:
                return True
            for flow in self.flow.incoming.get(node, ()):
                if flow.source not in covered and flow.source != self.split:
                    return True
        return False


_SINK = object()


def _following(flow: ControlFlow) -> dict[str, list[str]]:
    """Node → the targets of its sequence flows (once per flow), then its boundary events."""
    outgoing, boundary = flow.outgoing, flow.boundary
    return {
        node: [*(f.target for f in outgoing.get(node, ())), *boundary.get(node, ())]  # type: ignore[misc]
        for node in flow.nodes
    }


class _Following(dict[str, list[str]]):
    """:func:`_following` filled in on demand (one walk need not see the whole flow)."""

    def __init__(self, flow: ControlFlow) -> None:
        super().__init__()
        self.flow = flow

    def __missing__(self, node: str) -> list[str]:
        outgoing = self.flow.outgoing.get(node, ())
        targets = [*(f.target for f in outgoing), *self.flow.boundary.get(node, ())]
        self[node] = targets  # type: ignore[assignment]
        return targets  # type: ignore[return-value]


def post_dominators(
    flow: ControlFlow, following: dict[str, list[str]] | None = None
) -> dict[str, str]:
    """The immediate post-dominator of every node that has one: the nearest node that
    every path from it to an end passes (sequence flows and boundary events; nodes
    without a way on are the ends). Nodes stuck in a loop have none.

    >>> from processanalysis.analysis.metrics import _demo, control_flow
    >>> pdom = post_dominators(control_flow(_demo()))
    >>> pdom["x1"], pdom["p1"], "e" in pdom
    ('x2', 'p2', False)
    """
    ends: list[str] = []
    reverse: dict[Any, list[str]] = {_SINK: ends}
    for node, targets in (following or _following(flow)).items():
        for succ in targets:
            row = reverse.get(succ)
            if row is None:
                reverse[succ] = [node]
            else:
                row.append(node)
        if not targets:
            ends.append(node)
    idom = immediate_dominators(reverse, _SINK)
    return {n: d for n, d in idom.items() if n is not _SINK and d is not _SINK and d != n}


def _splits(view: ProcessView, classes: set[str]) -> Iterator[tuple[str, Gateway]]:
    for node_id, node in view.flow.nodes.items():
        if (
            isinstance(node, Gateway)
            and gateway_class(node) in classes
            and view.flow.is_split(node_id)
        ):
            yield node_id, node


def first_merges(ctx: AnalysisContext, view: ProcessView) -> dict[str, dict[str, list[Any]]]:
    """First merges of every node with several ways out (flows and boundary events)."""

    def compute() -> dict[str, dict[str, list[Any]]]:
        flow = view.flow
        following = _following(flow)
        pdom = post_dominators(flow, following)
        return {
            node: matching_joins(
                flow, node, boundary=True, until=pdom.get(node), following=following
            )
            for node, targets in following.items()
            if len(targets) >= 2
        }

    return cached(ctx, f"merges:{view.key}", compute)


def split_joins(
    ctx: AnalysisContext, view: ProcessView
) -> Iterator[tuple[str, str, list[tuple[str, str]]]]:
    """(split, join, branch pairs) for every split gateway and each of its first merges."""
    merges = first_merges(ctx, view)
    for split, _node in _splits(view, {"xor", "and", "or"}):
        for join, pairs in merges.get(split, {}).items():
            yield split, join, pairs


def is_xor_and(view: ProcessView, split: str, join: str) -> bool:
    """An exclusive split closed by a parallel join (the join waits forever)."""
    return (
        gateway_class(view.flow.nodes[split]) == "xor"
        and view.flow.nodes[join].type == "parallelGateway"
    )


def is_and_xor(view: ProcessView, split: str, join: str) -> bool:
    """A parallel split closed by an exclusive merge or an activity (runs twice)."""
    node = view.flow.nodes[join]
    return view.flow.nodes[split].type == "parallelGateway" and (
        node.type == "exclusiveGateway" or isinstance(node, Activity)
    )
