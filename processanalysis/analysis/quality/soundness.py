"""Soundness of the control flow: can every case start, reach every step and end?

Rules, per process on the views of :mod:`~processanalysis.analysis.quality.views`:
``quality-no-start``, ``quality-no-end``, ``quality-unreachable``, ``quality-dead-end``,
``quality-xor-and-mismatch`` (a parallel join waits forever for an exclusive split's
branches) and ``quality-and-xor-mismatch`` (what follows an exclusive merge of parallel
branches runs twice). ``docs/analysis/quality.md`` has a page for each, with a wrong and a
right example.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import networkx as nx

from processanalysis.analysis.finding import Finding
from processanalysis.analysis.quality.joins import is_and_xor, is_xor_and, split_joins
from processanalysis.analysis.quality.views import (
    ProcessView,
    Scope,
    dead_ends,
    entered_by_scope,
    is_link,
    process_views,
    reachable,
)
from processanalysis.analysis.quality.wording import (
    KIND,
    branch_evidence,
    finding,
    node_name,
    node_names,
    ref,
    scope_shape,
    scope_words,
    structure,
)
from processanalysis.analysis.registry import rule
from processanalysis.bpmn.model import Gateway

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = [
    "and_xor_mismatch",
    "dead_end",
    "no_end",
    "no_start",
    "unreachable",
    "xor_and_mismatch",
]


def _checked_scopes(view: ProcessView) -> Iterator[Scope]:
    """Scopes that need a start and an end event: the process and every (event)
    sub-process with content; ad-hoc sub-processes have no order to start or end."""
    for scope in view.scopes.values():
        if scope.nodes and scope.kind != "adhoc":
            yield scope


@rule("quality-no-start", kind=KIND)
def no_start(ctx: AnalysisContext) -> Iterator[Finding]:
    """A process or sub-process with flow nodes but no start event."""
    rule_id = "quality-no-start"
    for view in process_views(ctx):
        for scope in _checked_scopes(view):
            nodes = [view.flow.nodes[n] for n in scope.nodes]
            if any(n.type == "startEvent" for n in nodes):
                continue
            entries = [n for n in view.entries[scope.id] if n in scope.nodes]
            implicit = [view.flow.nodes[n] for n in entries if not _entered_by(view, n)]
            elements = (
                [scope_shape(view, scope)]
                if scope.id is not None or not implicit
                else [n.id for n in implicit if n.id]
            )
            de, en = scope_words(view, scope, ctx)
            if scope.kind == "event":
                detail = (
                    "wird nie ausgelöst: ihm fehlt das Startereignis, das den Auslöser nennt",
                    "is never triggered: it lacks the start event that names its trigger",
                )
            elif implicit:
                detail = (
                    f"hat kein Startereignis; der Ablauf beginnt unausgesprochen bei "
                    f"{node_names(implicit, 'de')}",
                    "has no start event; the flow implicitly begins at "
                    f"{node_names(implicit, 'en')}",
                )
            else:
                detail = ("hat kein Startereignis", "has no start event")
            yield finding(
                ctx,
                rule_id,
                elements,
                (f"{de} {detail[0]}.", f"{en} {detail[1]}."),
                (
                    "Setzen Sie ein Startereignis an den Anfang und benennen Sie den Auslöser "
                    "(z. B. „Antrag eingegangen“).",
                    "Add a start event at the beginning and name what triggers the process "
                    "(e.g. 'Application received').",
                ),
                [structure(f"{scope.kind} {scope.id or view.key}: 0 startEvent")],
                {
                    "process": view.key,
                    "scope": scope.id,
                    "implicit_starts": [n.id for n in implicit],
                },
            )


def _entered_by(view: ProcessView, node: str) -> bool:
    return entered_by_scope(view.flow.nodes[node])


@rule("quality-no-end", kind=KIND)
def no_end(ctx: AnalysisContext) -> Iterator[Finding]:
    """A process or sub-process with flow nodes but no end event."""
    rule_id = "quality-no-end"
    for view in process_views(ctx):
        for scope in _checked_scopes(view):
            nodes = [view.flow.nodes[n] for n in scope.nodes]
            if any(n.type == "endEvent" for n in nodes):
                continue
            implicit = [
                n
                for n in nodes
                if n.id in view.terminals and n.type != "boundaryEvent" and not entered_by_scope(n)
            ]
            elements = (
                [scope_shape(view, scope)]
                if scope.id is not None or not implicit
                else [n.id for n in implicit if n.id]
            )
            de, en = scope_words(view, scope, ctx)
            if implicit:
                detail = (
                    f"hat kein Endereignis; der Ablauf endet unausgesprochen bei "
                    f"{node_names(implicit, 'de')}",
                    f"has no end event; the flow implicitly ends at {node_names(implicit, 'en')}",
                )
            else:
                detail = ("hat kein Endereignis", "has no end event")
            yield finding(
                ctx,
                rule_id,
                elements,
                (f"{de} {detail[0]}.", f"{en} {detail[1]}."),
                (
                    "Schließen Sie jeden Pfad mit einem Endereignis ab und benennen Sie das "
                    "Ergebnis (z. B. „Bescheid versandt“).",
                    "End every path with an end event that names the outcome "
                    "(e.g. 'Decision sent').",
                ),
                [structure(f"{scope.kind} {scope.id or view.key}: 0 endEvent")],
                {"process": view.key, "scope": scope.id, "implicit_ends": [n.id for n in implicit]},
            )


def _fragments(view: ProcessView, nodes: set[str]) -> list[list[str]]:
    """``nodes`` grouped into connected fragments (flows, boundary, containment), each in
    document order; the content of a sub-process that is itself in ``nodes`` is left out."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for node in nodes:
        for succ in view.successors[node]:
            if succ in nodes:
                graph.add_edge(node, succ)
    order = view.flow.position
    groups = []
    for component in nx.connected_components(graph):
        members = [n for n in component if view.flow.parent[n] not in nodes]
        if members:
            groups.append(sorted(members, key=order.__getitem__))
    return sorted(groups, key=lambda g: order[g[0]])


def _inner(view: ProcessView, containers: Iterable[str]) -> list[str]:
    """Every node inside the given sub-processes, at any depth, in document order."""
    found: list[str] = []
    stack = [c for c in containers if c in view.scopes]
    while stack:
        for node in view.scopes[stack.pop()].nodes:
            found.append(node)
            if node in view.scopes:
                stack.append(node)
    return sorted(found, key=view.flow.position.__getitem__)


@rule("quality-unreachable", kind=KIND)
def unreachable(ctx: AnalysisContext) -> Iterator[Finding]:
    """Flow nodes that no path from a start event reaches."""
    rule_id = "quality-unreachable"
    for view in process_views(ctx):
        missing = set(view.flow.nodes) - reachable(view)
        for group in _fragments(view, missing):
            nodes = [view.flow.nodes[n] for n in group]
            no_incoming = [n for n in nodes if view.flow.in_degree(str(n.id)) == 0]
            inside = _inner(view, group)
            yield finding(
                ctx,
                rule_id,
                group,
                (
                    f"{node_names(nodes, 'de')} {'ist' if len(nodes) == 1 else 'sind'} von keinem "
                    "Startereignis aus erreichbar: dieser Teil des Ablaufs wird nie ausgeführt.",
                    f"{node_names(nodes, 'en')} cannot be reached from any start event: this part "
                    "of the flow never runs.",
                ),
                (
                    "Verbinden Sie den Teil mit einem Sequenzfluss mit dem übrigen Ablauf oder "
                    "löschen Sie ihn, wenn er nicht mehr gebraucht wird.",
                    "Connect this part to the rest of the flow with a sequence flow, or delete "
                    "it if it is no longer needed.",
                ),
                [structure(f"{n.id}: no incoming sequence flow") for n in no_incoming[:5]]
                or [structure(f"{group[0]}: only reached from unreachable nodes")],
                {
                    "process": view.key,
                    "no_incoming": [n.id for n in no_incoming],
                    "contained": inside,
                },
            )


@rule("quality-dead-end", kind=KIND)
def dead_end(ctx: AnalysisContext) -> Iterator[Finding]:
    """Reachable nodes from which no end is reachable: stuck in a loop or a gateway."""
    rule_id = "quality-dead-end"
    for view in process_views(ctx):
        dead = dead_ends(view)
        for group in _fragments(view, dead):
            members = set(group) | set(_inner(view, group))
            traps = _stuck(view, members & dead)
            stuck = [n for trap in traps for n in trap]
            nodes = [view.flow.nodes[n] for n in group]
            why = _why_stuck(view, traps)
            yield finding(
                ctx,
                rule_id,
                group,
                (
                    f"Von {node_names(nodes, 'de')} aus erreicht der Ablauf kein Ende: "
                    f"er {why[0]}.",
                    f"From {node_names(nodes, 'en')} the flow reaches no end: it {why[1]}.",
                ),
                (
                    "Führen Sie den Ablauf weiter zu einem Endereignis, z. B. mit einem "
                    "Ausgang aus der Schleife oder einem Fluss aus dem Gateway.",
                    "Lead the flow on to an end event, e.g. with an exit from the loop or a flow "
                    "out of the gateway.",
                ),
                [structure(f"{n}: no path to an end event") for n in stuck[:5]],
                {"process": view.key, "stuck_at": stuck},
            )


def _stuck(view: ProcessView, dead: set[str]) -> list[list[str]]:
    """The sink components of the dead nodes, each in document order: where a token finally
    gets stuck (a loop without exit, or a node that leads nowhere)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(dead)
    for node in dead:
        for succ in [*view.successors[node], *view.entries.get(node, [])]:
            if succ in dead:
                graph.add_edge(node, succ)
        if node in view.exits and view.exits[node] in dead:
            graph.add_edge(node, view.exits[node])
    condensed = nx.condensation(graph)
    order = view.flow.position
    sinks = [
        sorted(condensed.nodes[c]["members"], key=order.__getitem__)
        for c in condensed
        if condensed.out_degree(c) == 0
    ]
    return sorted(sinks, key=lambda members: order[members[0]])


def _why_stuck(view: ProcessView, traps: list[list[str]]) -> tuple[str, str]:
    """(de, en) completing "the flow reaches no end: it …"."""
    loops = [[view.flow.nodes[n] for n in t] for t in traps if len(t) > 1]
    ends = [view.flow.nodes[t[0]] for t in traps if len(t) == 1]
    parts_de: list[str] = []
    parts_en: list[str] = []
    for loop in loops:
        parts_de.append(f"dreht sich in einer Schleife ohne Ausgang ({node_names(loop, 'de')})")
        parts_en.append(f"circles in a loop without exit ({node_names(loop, 'en')})")
    for node in ends:
        if is_link(node, "throw"):
            parts_de.append(
                f"springt beim Link-Ereignis {node_name(node, 'de')} ins Leere (kein "
                "Link-Zwischenereignis gleichen Namens fängt ihn auf)"
            )
            parts_en.append(
                f"jumps into nowhere at the link event {node_name(node, 'en')} (no catching "
                "link event has its name)"
            )
        elif isinstance(node, Gateway):
            parts_de.append(f"endet im Gateway {ref(node, 'de')}, das keinen Ausgang hat")
            parts_en.append(f"ends in the gateway {ref(node, 'en')}, which has no way out")
        else:
            parts_de.append(f"bleibt bei {node_name(node, 'de')} stehen")
            parts_en.append(f"stops at {node_name(node, 'en')}")
    return " oder ".join(parts_de), " or ".join(parts_en)


@rule("quality-xor-and-mismatch", kind=KIND)
def xor_and_mismatch(ctx: AnalysisContext) -> Iterator[Finding]:
    """An exclusive split whose branches a parallel join closes: the join waits forever."""
    rule_id = "quality-xor-and-mismatch"
    for view in process_views(ctx):
        for split, join, pairs in split_joins(ctx, view):
            if not is_xor_and(view, split, join):
                continue
            s, j = view.flow.nodes[split], view.flow.nodes[join]
            yield finding(
                ctx,
                rule_id,
                [split, join],
                (
                    f"Am Gateway {ref(s, 'de')} wird nur einer der Wege gewählt, das parallele "
                    f"Gateway {ref(j, 'de')} wartet aber auf alle: der Fall bleibt dort "
                    "für immer stehen (Verklemmung).",
                    f"At the gateway {ref(s, 'en')} only one path is taken, but the parallel "
                    f"gateway {ref(j, 'en')} waits for all of them: the case is stuck there "
                    "forever (deadlock).",
                ),
                (
                    "Führen Sie die Wege mit einem exklusiven Gateway (XOR) zusammen, dem "
                    "Gegenstück der Verzweigung.",
                    "Merge the paths with an exclusive gateway (XOR), the counterpart of the "
                    "split.",
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
                    "branches": pairs,
                },
            )


@rule("quality-and-xor-mismatch", kind=KIND)
def and_xor_mismatch(ctx: AnalysisContext) -> Iterator[Finding]:
    """A parallel split whose branches an exclusive merge closes: what follows runs twice."""
    rule_id = "quality-and-xor-mismatch"
    for view in process_views(ctx):
        for split, join, pairs in split_joins(ctx, view):
            if not is_and_xor(view, split, join):
                continue
            s, j = view.flow.nodes[split], view.flow.nodes[join]
            merge_de = (
                f"das exklusive Gateway {ref(j, 'de')}"
                if isinstance(j, Gateway)
                else f"die Aktivität {ref(j, 'de')} (mehrere eingehende Flüsse ohne Gateway)"
            )
            merge_en = (
                f"the exclusive gateway {ref(j, 'en')}"
                if isinstance(j, Gateway)
                else f"the activity {ref(j, 'en')} (several incoming flows, no gateway)"
            )
            yield finding(
                ctx,
                rule_id,
                [split, join],
                (
                    f"Das parallele Gateway {ref(s, 'de')} startet alle Wege gleichzeitig, "
                    f"{merge_de} wartet aber "
                    "nicht auf sie: alles danach läuft einmal je Weg, also mehrfach.",
                    f"The parallel gateway {ref(s, 'en')} starts all paths at once, but "
                    f"{merge_en} does not "
                    "wait for them: everything after it runs once per path, i.e. several "
                    "times.",
                ),
                (
                    "Führen Sie die parallelen Wege mit einem parallelen Gateway (AND) zusammen, "
                    "das auf alle wartet.",
                    "Merge the parallel paths with a parallel gateway (AND) that waits for all "
                    "of them.",
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
                    "branches": pairs,
                },
            )
