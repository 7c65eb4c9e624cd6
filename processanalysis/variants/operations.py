"""Improvement operations: pure functions that turn a model into an improved variant.

Each operation takes a model and named parameters and returns a **new** model (the input
is deep-copied, never changed) plus an :class:`AppliedOperation` that records what it
did: a description in German and English and the ids it added, removed and changed.
Diagram interchange is updated (see :mod:`processanalysis.variants.editing`), medium and
IT system are written as the workbench's own ``pa:medium`` / ``pa:itSystem`` attributes,
which the importer keeps and the media analysis reads first.

A finding's ``operations`` entries and the ``improve --apply`` arguments use one text
form, ``name:arg,arg,key=value`` — positional arguments fill the operation's parameters
in order, a list parameter (``parallelise``' ``steps``) takes the rest:

>>> parse_operation("move_step:Task_3,Lane_SB")
('move_step', {'element': 'Task_3', 'lane': 'Lane_SB'})
>>> parse_operation("parallelise:A,B,C")
('parallelise', {'steps': ['A', 'B', 'C']})
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from processanalysis.bpmn.model import Definitions
from processanalysis.variants.editing import Editor, OperationError

if TYPE_CHECKING:
    from processanalysis.analysis.finding import Finding

__all__ = [
    "OPERATIONS",
    "AppliedOperation",
    "OperationError",
    "OperationSpec",
    "apply_operation",
    "apply_suggestion",
    "format_operation",
    "parse_operation",
]


@dataclass(frozen=True, slots=True)
class OperationSpec:
    """An operation's name, parameters and descriptions (``description["de"|"en"]``)."""

    name: str
    params: tuple[str, ...]
    description: dict[str, str]
    function: Callable[..., dict[str, str]]
    #: The parameter that takes a list (the remaining positional arguments), if any.
    list_param: str | None = None
    optional: tuple[str, ...] = ()

    def __getitem__(self, lang: str) -> str:
        """``OPERATIONS[name]["de"]``: the description, as in a plain name → text mapping."""
        return self.description[lang]


@dataclass(slots=True)
class AppliedOperation:
    """What one operation did: parameters, a description, and the element ids touched."""

    name: str
    params: dict[str, Any]
    description: dict[str, str]
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    finding: str | None = None

    @property
    def spec(self) -> str:
        """The text form that re-applies this operation (``name:arg,...``)."""
        return format_operation(self.name, self.params)

    def text(self, lang: str = "de") -> str:
        return self.description.get(lang) or self.description["de"]

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "operation": self.name,
            "params": self.params,
            "spec": self.spec,
            "finding": self.finding,
            "description": self.text(lang),
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": list(self.changed),
        }


OPERATIONS: dict[str, OperationSpec] = {}


def _register(
    name: str,
    params: tuple[str, ...],
    de: str,
    en: str,
    *,
    list_param: str | None = None,
    optional: tuple[str, ...] = (),
) -> Callable[[Callable[..., dict[str, str]]], Callable[..., dict[str, str]]]:
    def decorate(function: Callable[..., dict[str, str]]) -> Callable[..., dict[str, str]]:
        OPERATIONS[name] = OperationSpec(
            name, params, {"de": de, "en": en}, function, list_param, optional
        )
        return function

    return decorate


def parse_operation(text: str) -> tuple[str, dict[str, Any]]:
    """``"name:a,b,key=value"`` → ``(name, {param: value})``; raises :class:`OperationError`."""
    name, _, rest = text.strip().partition(":")
    spec = OPERATIONS.get(name)
    if spec is None:
        known = ", ".join(OPERATIONS)
        raise OperationError(
            f"Unbekannte Operation „{name}“; bekannt sind: {known}.",
            f"Unknown operation '{name}'; known operations: {known}.",
        )
    params: dict[str, Any] = {}
    positional: list[str] = []
    for part in (p.strip() for p in rest.split(",")) if rest else ():
        if not part:
            continue
        key, eq, value = part.partition("=")
        if eq:
            params[key.strip()] = value.strip()
        else:
            positional.append(part)
    names = list(spec.params)
    if spec.list_param is not None:
        params[spec.list_param] = positional + list(params.get(spec.list_param, []) or [])
    else:
        if len(positional) > len(names):
            raise OperationError(
                f"Zu viele Angaben für „{name}“: erwartet {', '.join(names)}.",
                f"Too many arguments for '{name}': expected {', '.join(names)}.",
            )
        for key, value in zip(names, positional, strict=False):
            params[key] = value
    return name, params


def format_operation(name: str, params: dict[str, Any]) -> str:
    """The inverse of :func:`parse_operation`."""
    spec = OPERATIONS[name]
    parts: list[str] = []
    for key in spec.params:
        value = params.get(key)
        if value is None:
            continue
        if isinstance(value, list):
            parts.extend(str(v) for v in value)
        elif key in spec.optional:
            parts.append(f"{key}={value}")
        else:
            parts.append(str(value))
    return f"{name}:{','.join(parts)}" if parts else name


def apply_operation(
    model: Definitions, name: str, **params: Any
) -> tuple[Definitions, AppliedOperation]:
    """Apply one operation to a copy of ``model``; raises :class:`OperationError`."""
    spec = OPERATIONS.get(name)
    if spec is None:
        name, parsed = parse_operation(name)  # raises for unknown names
        spec = OPERATIONS[name]
        params = {**parsed, **params}
    required = [p for p in spec.params if p not in spec.optional]
    missing = [p for p in required if params.get(p) in (None, "", [])]
    unknown = [p for p in params if p not in spec.params]
    if missing or unknown:
        raise OperationError(
            f"„{name}“ braucht {', '.join(spec.params)}"
            + (f"; es fehlt {', '.join(missing)}" if missing else "")
            + (f"; unbekannt: {', '.join(unknown)}" if unknown else "") + ".",
            f"'{name}' takes {', '.join(spec.params)}"
            + (f"; missing {', '.join(missing)}" if missing else "")
            + (f"; unknown: {', '.join(unknown)}" if unknown else "") + ".",
        )
    editor = Editor(model)
    description = spec.function(editor, **params)
    added, removed, changed = editor.result_ids()
    editor.model.invalidate_index()
    applied = AppliedOperation(
        name=name,
        params=dict(params),
        description=description,
        added=added,
        removed=removed,
        changed=changed,
    )
    return editor.model, applied


def apply_suggestion(
    model: Definitions, finding: Finding
) -> tuple[Definitions, list[AppliedOperation]]:
    """Apply every operation a finding carries, in order, to a copy of ``model``."""
    if not finding.operations:
        raise OperationError(
            f"Zum Befund „{finding.id}“ gibt es keine automatische Verbesserung; bitte im "
            "Modellierer von Hand ändern.",
            f"The finding '{finding.id}' carries no automatic improvement; change the model "
            "by hand in the modeller.",
        )
    current = model
    applied: list[AppliedOperation] = []
    for text in finding.operations:
        name, params = parse_operation(text)
        current, record = apply_operation(current, name, **params)
        record.finding = finding.id
        applied.append(record)
    return current, applied


# The operations register themselves on import.
from processanalysis.variants import ops_media, ops_structure  # noqa: E402, F401
