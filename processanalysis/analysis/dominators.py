"""Immediate dominators on plain adjacency dicts (shared by the bottleneck and quality rules)."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from typing import TypeVar

__all__ = ["immediate_dominators"]

_N = TypeVar("_N", bound=Hashable)


def immediate_dominators(
    successors: Mapping[_N, Collection[_N]], start: _N
) -> dict[_N, _N]:
    """Immediate dominator of every node reachable from ``start`` (``start`` itself left
    out), by the iterative algorithm of Cooper, Harvey and Kennedy (2001), as networkx
    uses it, on plain dicts and integers.

    >>> graph = {"s": {"a", "b"}, "a": {"c"}, "b": {"c"}, "c": {"d"}, "d": set()}
    >>> sorted(immediate_dominators(graph, "s").items())
    [('a', 's'), ('b', 's'), ('c', 's'), ('d', 'c')]
    """
    postorder: list[_N] = []
    seen = {start}
    stack = [(start, iter(successors.get(start, ())))]
    while stack:
        node, targets = stack[-1]
        for target in targets:
            if target not in seen:
                seen.add(target)
                stack.append((target, iter(successors.get(target, ()))))
                break
        else:
            stack.pop()
            postorder.append(node)
    number = {node: i for i, node in enumerate(postorder)}
    predecessors: list[list[int]] = [[] for _ in postorder]
    for node in postorder:
        for target in successors.get(node, ()):
            predecessors[number[target]].append(number[node])
    root = number[start]
    idom: list[int | None] = [None] * len(postorder)
    idom[root] = root
    changed = True
    while changed:
        changed = False
        for b in reversed(range(len(postorder))):  # reverse postorder
            if b == root:
                continue
            new: int | None = None
            for p in predecessors[b]:
                if idom[p] is None:
                    continue
                if new is None:
                    new = p
                    continue
                a = p
                while a != new:  # the nearest common dominator of a and new
                    while a < new:
                        a = idom[a]  # type: ignore[assignment]
                    while new < a:
                        new = idom[new]  # type: ignore[assignment]
            if idom[b] != new:
                idom[b] = new
                changed = True
    return {postorder[b]: postorder[d] for b, d in enumerate(idom) if b != root}  # type: ignore[index]
