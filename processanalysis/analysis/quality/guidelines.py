"""The seven process modelling guidelines (7PMG, Mendling, Reijers, van der Aalst 2010).

Rules ``pmg-size`` (G1), ``pmg-routing-paths`` (G2), ``pmg-start-end`` (G3),
``pmg-structured`` (G4), ``pmg-or-routing`` (G5), ``pmg-label-style`` (G6) and
``pmg-decompose`` (G7). Guidelines are advice, not errors: the thresholds come from the
profile, and a split/join pair that deadlocks is left to the soundness rules.
``docs/analysis/quality.md`` has a page for each, with a wrong and a right example.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from processanalysis.analysis.finding import Evidence, Finding
from processanalysis.analysis.metrics import gateway_class, size
from processanalysis.analysis.quality.joins import (
    first_merges,
    is_and_xor,
    is_xor_and,
    split_joins,
)
from processanalysis.analysis.quality.labels import label_style
from processanalysis.analysis.quality.views import ProcessView, process_views
from processanalysis.analysis.quality.wording import (
    KIND,
    branch_evidence,
    finding,
    node_name,
    node_names,
    process_name,
    ref,
    scope_shape,
    scope_words,
    structure,
)
from processanalysis.analysis.registry import rule
from processanalysis.bpmn.model import Activity, CallActivity, FlowNode, Gateway, SubProcess

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = [
    "pmg_decompose",
    "pmg_label_style",
    "pmg_or_routing",
    "pmg_routing_paths",
    "pmg_size",
    "pmg_start_end",
    "pmg_structured",
]


@rule("pmg-size", kind=KIND)
def pmg_size(ctx: AnalysisContext) -> Iterator[Finding]:
    """7PMG G1: a process with more flow nodes than the threshold (sub-processes included)."""
    rule_id = "pmg-size"
    limit = ctx.threshold(rule_id, default=50)
    for view in process_views(ctx):
        count = size(view.flow)
        if count <= limit:
            continue
        by_type = _count_types(view.flow.nodes.values())
        yield finding(
            ctx,
            rule_id,
            [view.shape],
            (
                f"Der Prozess {process_name(view, ctx, 'de')} hat {count} Elemente "
                f"(Richtwert: höchstens {limit:g}). Große Modelle sind schwer zu lesen und "
                "enthalten nachweislich mehr Fehler.",
                f"The process {process_name(view, ctx, 'en')} has {count} elements "
                f"(guideline: at most {limit:g}). Large models are hard to read and are known "
                "to contain more errors.",
            ),
            (
                "Lassen Sie weg, was keine Entscheidung, Übergabe oder Arbeit zeigt (Zwischen"
                "ereignisse ohne Bedeutung, doppelte Gateways), und fassen Sie Schrittfolgen "
                "zusammen.",
                "Leave out what shows no decision, hand-off or work (meaningless intermediate "
                "events, duplicate gateways) and merge sequences of steps.",
            ),
            [structure(f"{count} flow nodes: {by_type}")],
            {"process": view.key, "size": count, "threshold": limit},
        )


def _count_types(nodes: Iterable[FlowNode]) -> str:
    counts = {"activities": 0, "gateways": 0, "events": 0}
    for node in nodes:
        key = (
            "activities"
            if isinstance(node, Activity)
            else "gateways"
            if isinstance(node, Gateway)
            else "events"
        )
        counts[key] += 1
    return ", ".join(f"{v} {k}" for k, v in counts.items())


_ROUTING_NODES = (Activity, Gateway)


@rule("pmg-routing-paths", kind=KIND)
def pmg_routing_paths(ctx: AnalysisContext) -> Iterator[Finding]:
    """7PMG G2: an activity or gateway with more incoming or outgoing flows than the threshold."""
    rule_id = "pmg-routing-paths"
    limit = ctx.threshold(rule_id, default=3)
    for view in process_views(ctx):
        for node_id, node in view.flow.nodes.items():
            if not isinstance(node, _ROUTING_NODES):
                continue
            n_in, n_out = view.flow.in_degree(node_id), view.flow.out_degree(node_id)
            if max(n_in, n_out) <= limit:
                continue
            yield finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"{node_name(node, 'de')} hat {_flows(n_in, 'eingehend')} und "
                    f"{_flows(n_out, 'ausgehend')} "
                    f"(Richtwert: höchstens {limit:g}). Viele Wege an einem Punkt sind schwer "
                    "nachzuvollziehen.",
                    f"{node_name(node, 'en')} has {n_in} incoming and {n_out} outgoing "
                    f"flow{'s' if n_out != 1 else ''} "
                    f"(guideline: at most {limit:g}). Many paths at one point are hard to "
                    "follow.",
                ),
                (
                    "Teilen Sie die Entscheidung in mehrere Fragen nacheinander auf oder "
                    "führen Sie Wege vorher in einem eigenen Gateway zusammen.",
                    "Split the decision into several questions in a row, or merge paths "
                    "earlier in a gateway of their own.",
                ),
                [structure(f"{node_id}: in {n_in}, out {n_out}")],
                {"process": view.key, "in": n_in, "out": n_out, "threshold": limit},
            )


def _flows(count: int, direction: str) -> str:
    """German accusative: "einen eingehenden Fluss", "2 eingehende Flüsse"."""
    return f"einen {direction}en Fluss" if count == 1 else f"{count} {direction}e Flüsse"


@rule("pmg-start-end", kind=KIND)
def pmg_start_end(ctx: AnalysisContext) -> Iterator[Finding]:
    """7PMG G3: more start or end events than the threshold at a process's top level."""
    rule_id = "pmg-start-end"
    limit = ctx.threshold(rule_id, default=1)
    for view in process_views(ctx):
        top = [view.flow.nodes[n] for n in view.scopes[None].nodes]
        for kind, de, en in (
            ("startEvent", "Startereignisse", "start events"),
            ("endEvent", "Endereignisse", "end events"),
        ):
            events = [n for n in top if n.type == kind]
            if len(events) <= limit:
                continue
            yield finding(
                ctx,
                rule_id,
                [str(n.id) for n in events],
                (
                    f"Der Prozess {process_name(view, ctx, 'de')} hat {len(events)} {de} "
                    f"({node_names(events, 'de')}; Richtwert: höchstens {limit:g}). Mehrere "
                    "Anfänge und Enden machen es schwer zu sehen, wann ein Fall beginnt und "
                    "wann er abgeschlossen ist.",
                    f"The process {process_name(view, ctx, 'en')} has {len(events)} {en} "
                    f"({node_names(events, 'en')}; guideline: at most {limit:g}). Several starts "
                    "and ends make it hard to see when a case begins and when it is done.",
                ),
                (
                    "Führen Sie die Wege vor einem gemeinsamen Endereignis zusammen (bzw. "
                    "beginnen Sie mit einem Startereignis und verzweigen Sie danach).",
                    "Merge the paths before one common end event (or begin with one start "
                    "event and split afterwards).",
                ),
                [structure(f"{len(events)} {kind}: {', '.join(str(n.id) for n in events)}")],
                {"process": view.key, "event_type": kind, "count": len(events), "threshold": limit},
            )


@rule("pmg-structured", kind=KIND)
def pmg_structured(ctx: AnalysisContext) -> Iterator[Finding]:
    """7PMG G4: splits closed by a join of another type, and joins that close no split."""
    rule_id = "pmg-structured"
    for view in process_views(ctx):
        for split, join, pairs in split_joins(ctx, view):
            s, j = view.flow.nodes[split], view.flow.nodes[join]
            split_class, join_class = gateway_class(s), _join_class(j)
            if join_class is None or join_class == split_class:
                continue
            if is_xor_and(view, split, join) or is_and_xor(view, split, join):
                continue  # reported as errors by the quality-…-mismatch rules
            if isinstance(j, Gateway):
                by_de = f"vom Gateway {ref(j, 'de')} ({join_class.upper()})"
                by_en = f"by the gateway {ref(j, 'en')} ({join_class.upper()})"
            else:
                by_de = f"von der Aktivität {ref(j, 'de')} (mehrere eingehende Flüsse, wie XOR)"
                by_en = f"by the activity {ref(j, 'en')} (several incoming flows, like XOR)"
            yield finding(
                ctx,
                rule_id,
                [split, join],
                (
                    f"Die Verzweigung {ref(s, 'de')} ({split_class.upper()}) wird "
                    f"{by_de} zusammengeführt: Verzweigung und Zusammenführung sind "
                    "verschiedener Art.",
                    f"The split {ref(s, 'en')} ({split_class.upper()}) is closed {by_en}: "
                    "split and join are of different kinds.",
                ),
                (
                    "Schließen Sie jede Verzweigung mit einem Gateway derselben Art, sodass "
                    "Blöcke mit einem Eingang und einem Ausgang entstehen.",
                    "Close every split with a gateway of the same type, so that blocks with one "
                    "entry and one exit result.",
                ),
                [
                    structure(f"{split}: {s.type} split → {join}: {j.type} join"),
                    branch_evidence(view, join, pairs),
                ],
                {
                    "process": view.key,
                    "split": split,
                    "join": join,
                    "split_type": s.type,
                    "join_type": j.type,
                },
            )
        closed = _closed_joins(ctx, view)
        for node_id, node in view.flow.nodes.items():
            if (
                not isinstance(node, Gateway)
                or gateway_class(node) not in {"and", "or"}
                or not view.flow.is_join(node_id)
                or node_id in closed
            ):
                continue
            yield finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"Das Gateway {ref(node, 'de')} wartet auf Wege, die an keiner gemeinsamen "
                    "Verzweigung beginnen: ob und wann alle ankommen, ist aus dem Modell nicht "
                    "zu erkennen.",
                    f"The gateway {ref(node, 'en')} waits for paths that do not start at a "
                    "common split: "
                    "whether and when all of them arrive cannot be seen from the model.",
                ),
                (
                    "Setzen Sie vor die Wege eine passende Verzweigung (gleicher Gateway-Typ) "
                    "oder führen Sie sie mit einem exklusiven Gateway zusammen.",
                    "Put a matching split (same gateway type) before the paths, or merge them "
                    "with an exclusive gateway.",
                ),
                [
                    structure(
                        f"{node_id}: {node.type} join, "
                        f"{view.flow.in_degree(node_id)} incoming, no matching split"
                    )
                ],
                {"process": view.key, "join": node_id, "join_type": node.type},
            )


def _join_class(node: FlowNode) -> str | None:
    """Routing class of a merge: a gateway's class; an activity merges like XOR."""
    if isinstance(node, Gateway):
        return gateway_class(node)
    return "xor" if isinstance(node, Activity) else None


def _closed_joins(ctx: AnalysisContext, view: ProcessView) -> set[str]:
    """Every node where the branches of some split (any node with several ways out,
    boundary events included) first meet."""
    return {join for merges in first_merges(ctx, view).values() for join in merges}


@rule("pmg-or-routing", kind=KIND)
def pmg_or_routing(ctx: AnalysisContext) -> Iterator[Finding]:
    """7PMG G5: an inclusive (OR) gateway."""
    rule_id = "pmg-or-routing"
    for view in process_views(ctx):
        for node_id, node in view.flow.nodes.items():
            if node.type != "inclusiveGateway":
                continue
            role = "split" if view.flow.is_split(node_id) else "join"
            yield finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"Das Gateway {ref(node, 'de')} ist inklusiv (ODER): welche und wie "
                    "viele Wege gelten, ist schwer zu lesen, und die Zusammenführung muss "
                    "wissen, auf welche Wege sie noch wartet.",
                    f"The gateway {ref(node, 'en')} is inclusive (OR): which and how many "
                    "paths apply is hard to read, and the merge has to know which paths it "
                    "still waits for.",
                ),
                (
                    "Ersetzen Sie es durch exklusive und parallele Gateways, z. B. je Option "
                    "eine Ja/Nein-Frage oder eine parallele Verzweigung mit Prüfungen.",
                    "Replace it with exclusive and parallel gateways, e.g. one yes/no question "
                    "per option, or a parallel split with checks.",
                ),
                [structure(f"{node_id}: inclusiveGateway {role}")],
                {"process": view.key, "role": role},
            )


_STYLE_PROBLEMS = {
    "question": (
        "ist als Frage formuliert — das ist die Aufgabe eines Gateways",
        "is phrased as a question — that is a gateway's job",
    ),
    "single_word": (
        "besteht aus einem Wort und nennt nicht Gegenstand und Tätigkeit",
        "is a single word and does not name both object and action",
    ),
    "nominalised": (
        "ist ein Hauptwort statt einer Tätigkeit (Nominalisierung)",
        "is a noun instead of an action (nominalisation)",
    ),
    "verb_position": ("hat das Verb nicht am Ende", "does not end with the verb"),
    "no_verb": ("enthält kein Verb", "contains no verb"),
}


@rule("pmg-label-style", kind=KIND)
def pmg_label_style(ctx: AnalysisContext) -> Iterator[Finding]:
    """7PMG G6: an activity label that is not in verb-object style."""
    rule_id = "pmg-label-style"
    for view in process_views(ctx):
        for node_id, node in view.flow.nodes.items():
            if not isinstance(node, Activity) or not node.label:
                continue
            verdict = label_style(node.label)
            if verdict.ok:
                continue
            de, en = _STYLE_PROBLEMS[verdict.reason]
            example_de = (
                "„Unterlagen vollständig?“ an ein Gateway, die Aktivität davor „Unterlagen prüfen“"
                if verdict.reason == "question"
                else "„Antrag prüfen“ statt "
                "„Prüfung des Antrags“, „Bescheid versenden“ statt „Versand“"
            )
            example_en = (
                "'Documents complete?' on a gateway, the activity before it 'Check documents'"
                if verdict.reason == "question"
                else "'Check application' instead of 'Application check'"
            )
            if isinstance(node, (CallActivity, SubProcess)):
                example_de += "; ein Teilprozess ebenso („Widerspruch bearbeiten“)"
                example_en += "; a sub-process likewise ('Handle objection')"
            yield finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"Die Bezeichnung {node_name(node, 'de')} {de}. Üblich ist „Objekt + Verb im "
                    "Infinitiv“, damit jeder sofort sieht, was getan wird.",
                    f"The label {node_name(node, 'en')} {en}. The convention is 'verb + object' "
                    "('Objekt + Verb' in German) so everyone sees at once what is done.",
                ),
                (
                    f"Benennen Sie die Aktivität um, z. B. {example_de}.",
                    f"Rename the activity, e.g. {example_en}.",
                ),
                [Evidence("label", f'"{node.label}"')]
                + (
                    [Evidence("label", f'{verdict.reason}: "{verdict.word}"')]
                    if verdict.word and verdict.word != node.label
                    else []
                ),
                {
                    "process": view.key,
                    "label": node.label,
                    "reason": verdict.reason,
                    "word": verdict.word,
                },
            )


@rule("pmg-decompose", kind=KIND)
def pmg_decompose(ctx: AnalysisContext) -> Iterator[Finding]:
    """7PMG G7: one level of a process (or sub-process) with more elements than the threshold."""
    rule_id = "pmg-decompose"
    limit = ctx.threshold(rule_id, default=50)
    for view in process_views(ctx):
        for scope in view.scopes.values():
            if len(scope.nodes) <= limit:
                continue
            lanes: dict[str, int] = {}
            for node in scope.nodes:
                unit = ctx.units.get(node)
                if unit is not None and unit.lane is not None:
                    lanes[unit.name] = lanes.get(unit.name, 0) + 1
            de, en = scope_words(view, scope, ctx)
            per_lane = ", ".join(
                f"{name}: {n}" for name, n in sorted(lanes.items(), key=lambda item: -item[1])
            )
            hint_de = f" (je Bahn: {per_lane})" if len(lanes) > 1 else ""
            hint_en = f" (per lane: {per_lane})" if len(lanes) > 1 else ""
            yield finding(
                ctx,
                rule_id,
                [scope_shape(view, scope)],
                (
                    f"{de} zeigt {len(scope.nodes)} Elemente auf einer Ebene (Richtwert: "
                    f"höchstens {limit:g}).",
                    f"{en} shows {len(scope.nodes)} elements on one level (guideline: at most "
                    f"{limit:g}).",
                ),
                (
                    "Gliedern Sie das Modell in Teilprozesse, z. B. je Phase (Eingang, Prüfung, "
                    f"Entscheidung, Versand) oder je Organisationseinheit{hint_de}, und zeigen "
                    "Sie auf der obersten Ebene nur deren Abfolge.",
                    "Break the model into sub-processes, e.g. per phase (intake, review, "
                    f"decision, dispatch) or per organisational unit{hint_en}, and show only "
                    "their sequence on the top level.",
                ),
                [structure(f"{scope.id or view.key}: {len(scope.nodes)} flow nodes on one level")],
                {
                    "process": view.key,
                    "scope": scope.id,
                    "size": len(scope.nodes),
                    "threshold": limit,
                    "lanes": lanes,
                },
            )
