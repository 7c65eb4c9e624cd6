"""Structural comparison of two models, for round-trip checks and readable test failures.

Examples
--------
>>> from processanalysis.bpmn.model import Task
>>> first_difference(Task(id="a", name="x"), Task(id="a", name="y"))
".name: 'x' != 'y'"
"""

from __future__ import annotations

import dataclasses

__all__ = ["first_difference"]


def first_difference(a: object, b: object, path: str = "") -> str | None:
    """The path and values of the first place where ``a`` and ``b`` differ, else ``None``.

    Fields declared with ``compare=False`` (source lines) and the import findings of
    :class:`~processanalysis.bpmn.model.Definitions` are ignored, as in ``==``.
    """
    if type(a) is not type(b):
        return f"{path}: type {type(a).__name__} != {type(b).__name__}"
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            if not f.compare or f.name in _IGNORED:
                continue
            found = first_difference(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
            if found:
                return found
        return None
    if isinstance(a, (list, tuple)):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        return None
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{path}[{key!r}]: only in {'second' if key not in a else 'first'}"
            found = first_difference(a[key], b[key], f"{path}[{key!r}]")
            if found:
                return found
        return None
    if a != b:
        return f"{path}: {a!r} != {b!r}"
    return None


_IGNORED = frozenset({"warnings", "fidelity", "source", "_index", "namespaces"})
