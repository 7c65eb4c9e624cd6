"""How quality findings are worded: names of elements and scopes, and the finding itself.

Every quality rule builds its German and English message with these helpers, so an
element is named the same way in every finding: by its label in quotes, else by its type
and id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from processanalysis.analysis.finding import Evidence, Finding
from processanalysis.analysis.quality.views import ProcessView, Scope
from processanalysis.bpmn.model import Activity, FlowNode, Gateway

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = [
    "KIND",
    "branch_evidence",
    "finding",
    "node_name",
    "node_names",
    "process_name",
    "ref",
    "scope_shape",
    "scope_words",
    "structure",
    "type_word",
]

#: The finding kind of every quality rule.
KIND = "quality"


_NOUNS = {
    "startEvent": ("Startereignis", "start event"),
    "endEvent": ("Endereignis", "end event"),
    "intermediateCatchEvent": ("Zwischenereignis", "intermediate event"),
    "intermediateThrowEvent": ("Zwischenereignis", "intermediate event"),
    "boundaryEvent": ("Zwischenereignis", "boundary event"),
    "subProcess": ("Teilprozess", "sub-process"),
    "transaction": ("Transaktion", "transaction"),
    "adHocSubProcess": ("Ad-hoc-Teilprozess", "ad-hoc sub-process"),
    "callActivity": ("Aufruf-Aktivität", "call activity"),
}


def type_word(node: FlowNode, lang: str) -> str:
    """A plain noun for the node's type (no adjective, so it fits any German sentence)."""
    if isinstance(node, Gateway):
        de, en = "Gateway", "gateway"
    elif node.type in _NOUNS:
        de, en = _NOUNS[node.type]
    elif isinstance(node, Activity):
        de, en = "Aufgabe", "task"
    else:
        de, en = "Element", "element"
    return en if lang == "en" else de


def ref(node: FlowNode, lang: str) -> str:
    """The node's label in quotes, else its id."""
    if node.label:
        return f"„{node.label}“" if lang == "de" else f"'{node.label}'"
    return str(node.id)


def node_name(node: FlowNode, lang: str) -> str:
    """How a message names a node: its label, else its type and id."""
    if node.label:
        return ref(node, lang)
    return f"{type_word(node, lang)} {node.id}"


def node_names(nodes: Iterable[FlowNode], lang: str, limit: int = 4) -> str:
    """The first ``limit`` nodes by :func:`node_name`, then how many more there are."""
    items = list(nodes)
    text = ", ".join(node_name(n, lang) for n in items[:limit])
    if len(items) > limit:
        more = len(items) - limit
        text += f" und {more} weitere" if lang == "de" else f" and {more} more"
    return text


def process_name(view: ProcessView, ctx: AnalysisContext, lang: str) -> str:
    """The process in quotes: its pool's name, else its own name, else its key."""
    pool = ctx.pool_names.get(view.shape)
    label = pool or view.process.label or view.key
    return f"„{label}“" if lang == "de" else f"'{label}'"


def scope_words(view: ProcessView, scope: Scope, ctx: AnalysisContext) -> tuple[str, str]:
    """(de, en) naming a scope: "Der Prozess „X“" / "Der Teilprozess „Y“"."""
    if scope.element is None:
        return (
            f"Der Prozess {process_name(view, ctx, 'de')}",
            f"The process {process_name(view, ctx, 'en')}",
        )
    kind = "Ereignis-Teilprozess" if scope.kind == "event" else "Teilprozess"
    event = "event " if scope.kind == "event" else ""
    return (
        f"Der {kind} {node_name(scope.element, 'de')}",
        f"The {event}sub-process {node_name(scope.element, 'en')}",
    )


def scope_shape(view: ProcessView, scope: Scope) -> str:
    """The id that locates a scope on the diagram: the sub-process, else the process."""
    return scope.id if scope.id is not None else view.shape


def finding(
    ctx: AnalysisContext,
    rule_id: str,
    elements: list[str],
    message: tuple[str, str],
    suggestion: tuple[str, str],
    evidence: Iterable[Evidence] = (),
    data: dict[str, Any] | None = None,
) -> Finding:
    """A quality finding of ``rule_id`` with the profile's severity; ``message`` and
    ``suggestion`` are (de, en)."""
    return Finding(
        rule=rule_id,
        kind=KIND,
        severity=ctx.severity(rule_id),
        elements=elements,
        message={"de": _capital(message[0]), "en": _capital(message[1])},
        evidence=list(evidence),
        suggestion={"de": suggestion[0], "en": suggestion[1]},
        data=data or {},
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def structure(text: str) -> Evidence:
    """Evidence read from the structure of the model."""
    return Evidence("structure", text)


def branch_evidence(view: ProcessView, join: str, pairs: list[tuple[str, str]]) -> Evidence:
    """Evidence naming the branches that meet at ``join`` and the flows into it."""
    branches = sorted({b for pair in pairs for b in pair})
    incoming = ", ".join(f.id or "?" for f in view.flow.incoming.get(join, ()))
    return structure(f"branches {', '.join(branches)} → {join} (incoming: {incoming})")
