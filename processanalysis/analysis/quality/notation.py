"""Labels and notation: activities without a name, decisions without a question, and
splits or merges hidden in an activity instead of drawn as a gateway.

Rules ``quality-unlabelled-activity``, ``quality-unlabelled-gateway`` and
``quality-implicit-gateway``; ``docs/analysis/quality.md`` has a page for each.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from processanalysis.analysis.finding import Evidence, Finding
from processanalysis.analysis.quality.views import process_views
from processanalysis.analysis.quality.wording import KIND, finding, node_name, structure, type_word
from processanalysis.analysis.registry import rule
from processanalysis.bpmn.model import Activity

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = ["implicit_gateway", "unlabelled_activity", "unlabelled_gateway"]


@rule("quality-unlabelled-activity", kind=KIND)
def unlabelled_activity(ctx: AnalysisContext) -> Iterator[Finding]:
    """An activity without a name."""
    rule_id = "quality-unlabelled-activity"
    for view in process_views(ctx):
        for node_id, node in view.flow.nodes.items():
            if not isinstance(node, Activity) or node.label:
                continue
            yield finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"{type_word(node, 'de')} {node_id} hat keine Bezeichnung: niemand "
                    "kann erkennen, was hier getan wird.",
                    f"The {type_word(node, 'en')} {node_id} has no label: nobody can tell what "
                    "is done here.",
                ),
                (
                    "Benennen Sie die Aktivität nach dem Muster „Objekt + Verb“, z. B. "
                    "„Antrag prüfen“.",
                    "Name the activity as 'verb + object', e.g. 'Check application'.",
                ),
                [structure(f"{node_id}: {node.type} without name")],
                {"process": view.key, "type": node.type},
            )


_DECISIONS = frozenset({"exclusiveGateway", "inclusiveGateway", "complexGateway"})


@rule("quality-unlabelled-gateway", kind=KIND)
def unlabelled_gateway(ctx: AnalysisContext) -> Iterator[Finding]:
    """A diverging decision gateway without a question (joins may stay unlabelled)."""
    rule_id = "quality-unlabelled-gateway"
    for view in process_views(ctx):
        for node_id, node in view.flow.nodes.items():
            if node.type not in _DECISIONS or node.label or not view.flow.is_split(node_id):
                continue
            answers = [f.label for f in view.flow.outgoing[node_id] if f.label]
            evidence = [
                structure(
                    f"{node_id}: {node.type}, {view.flow.out_degree(node_id)} "
                    "outgoing flows, no name"
                )
            ]
            if answers:
                evidence.append(
                    Evidence("label", "outgoing: " + ", ".join(f'"{a}"' for a in answers))
                )
            yield finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"Das Gateway {node_id} verzweigt in "
                    f"{view.flow.out_degree(node_id)} Wege, nennt aber nicht die Frage, nach "
                    "der entschieden wird.",
                    f"The gateway {node_id} splits into "
                    f"{view.flow.out_degree(node_id)} paths but does not state the question "
                    "that decides between them.",
                ),
                (
                    "Schreiben Sie die Frage an das Gateway (z. B. „Antrag vollständig?“) und "
                    "die Antworten an die ausgehenden Flüsse.",
                    "Write the question on the gateway (e.g. 'Application complete?') and the "
                    "answers on the outgoing flows.",
                ),
                evidence,
                {"process": view.key, "type": node.type, "answers": answers},
            )


@rule("quality-implicit-gateway", kind=KIND)
def implicit_gateway(ctx: AnalysisContext) -> Iterator[Finding]:
    """An activity with several outgoing or incoming flows instead of a gateway."""
    rule_id = "quality-implicit-gateway"
    for view in process_views(ctx):
        for node_id, node in view.flow.nodes.items():
            if not isinstance(node, Activity):
                continue
            outgoing = view.flow.outgoing.get(node_id, [])
            incoming = view.flow.incoming.get(node_id, [])
            split, join = len(outgoing) > 1, len(incoming) > 1
            if not (split or join):
                continue
            parts_de, parts_en, evidence = [], [], []
            if split:
                conditional = any(f.condition is not None for f in outgoing)
                parts_de.append(
                    f"{len(outgoing)} ausgehende Flüsse (eine versteckte "
                    f"{'bedingte ' if conditional else 'parallele '}Verzweigung: "
                    f"{'jeder Fluss, dessen Bedingung gilt' if conditional else 'alle Flüsse'}"
                    " werden durchlaufen)"
                )
                parts_en.append(
                    f"{len(outgoing)} outgoing flows (a hidden "
                    f"{'conditional' if conditional else 'parallel'} split: "
                    f"{'every flow whose condition holds is' if conditional else 'all flows are'}"
                    " taken)"
                )
                evidence.append(
                    structure(f"{node_id} outgoing: {', '.join(f.id or '?' for f in outgoing)}")
                )
            if join:
                parts_de.append(
                    f"{len(incoming)} eingehende Flüsse (eine versteckte Zusammenführung, die "
                    "nicht wartet: die Aktivität läuft je ankommendem Weg einmal)"
                )
                parts_en.append(
                    f"{len(incoming)} incoming flows (a hidden merge that does not wait: the "
                    "activity runs once per arriving path)"
                )
                evidence.append(
                    structure(f"{node_id} incoming: {', '.join(f.id or '?' for f in incoming)}")
                )
            yield finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"{node_name(node, 'de')} hat {' und '.join(parts_de)}.",
                    f"{node_name(node, 'en')} has {' and '.join(parts_en)}.",
                ),
                (
                    "Zeichnen Sie die Verzweigung bzw. Zusammenführung als Gateway, damit jeder "
                    "sieht, ob entschieden oder parallel gearbeitet wird.",
                    "Draw the split or merge as a gateway so everyone sees whether it is a "
                    "decision or parallel work.",
                ),
                evidence,
                {
                    "process": view.key,
                    "split": split,
                    "join": join,
                    "outgoing": [f.id for f in outgoing],
                    "incoming": [f.id for f in incoming],
                },
            )
