"""Bottlenecks without data: structural signs of where cases queue up.

Five rules, each reporting facts of the control flow (see ``docs/analysis/bottlenecks.md``):

* ``bottleneck-chokepoint`` — an activity on *every* path from start to end (it dominates
  the process's end in the dominator tree), so one unit handles all cases there. Every
  step of a linear process passes that test, so only two kinds are reported: steps of a
  unit that is *not* where most of the process's work happens (the unit with the largest
  expected number of activity visits; ties count as main units), and sign-off steps
  (genehmigen, freigeben, zeichnen, unterschreiben, anordnen — not "prüfen", which is
  everyday case work) in any unit. Processes of external parties are skipped.
* ``bottleneck-approval-chain`` — consecutive approval steps (prüfen, genehmigen,
  freigeben, zeichnen ...), gateways and events in between not counted.
* ``bottleneck-rework-loop`` — a cycle of the control flow, one per back edge.
* ``bottleneck-many-branch-join`` — a parallel, inclusive or complex join that waits for
  many branches (an exclusive merge waits for none and is not reported).
* ``bottleneck-long-sequence`` — many activities in one lane one after the other, with
  no gateway in between.

Examples
--------
>>> is_approval("Bescheid schlusszeichnen"), is_approval("Aktenverzeichnis anlegen")
(True, False)
>>> is_approval("Antrag prüfen"), is_sign_off("Antrag prüfen")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import networkx as nx

from processanalysis.analysis.dominators import immediate_dominators as _immediate_dominators
from processanalysis.analysis.finding import Evidence, Finding
from processanalysis.analysis.handoffs import (
    authority_pools,
    responsible_units,
    unit_labels,
)
from processanalysis.analysis.registry import rule
from processanalysis.analysis.visits import (
    MAX_VISITS,
    ControlEdge,
    VisitAnalysis,
    control_components,
    control_edges,
    control_successors,
    flow_order,
    start_nodes,
    strongly_connected_components,
    visit_analysis,
)
from processanalysis.analysis.vocabulary import normalise
from processanalysis.bpmn.model import Activity, Event, Gateway

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = [
    "APPROVAL_STEMS",
    "NOT_APPROVAL",
    "REWORK_STEMS",
    "SIGN_OFF_STEMS",
    "is_approval",
    "is_sign_off",
]

# Vocabulary, not logic: word stems (case and umlauts folded, ä → ae, ß → ss) that mark
# an approval or sign-off step. A stem matches inside a word, so inflections ("geprüft",
# "genehmigt") and compounds ("Schlusszeichnung", "Vorprüfung") count too.
SIGN_OFF_STEMS: tuple[str, ...] = (
    "genehmig",  # genehmigen, Genehmigung
    "freigeb",  # freigeben
    "freigab",  # Freigabe
    "freigegeb",  # freigegeben
    "zeichn",  # zeichnen, abzeichnen, mitzeichnen, gegenzeichnen, Schlusszeichnung
    "unterschr",  # unterschreiben, Unterschrift
    "anordnen",  # anordnen (the verb; the document "Anordnung" is not a sign-off)
    "angeordnet",
    "approv",  # approve, approval
    "sign",  # sign, sign-off, countersign, signature
    "authoris",
    "authoriz",
)
APPROVAL_STEMS: tuple[str, ...] = (
    "pruef",  # prüfen, geprüft, Prüfung, Vorprüfung
    "review",
    "check",
    *SIGN_OFF_STEMS,
)
# Vocabulary: words that contain a stem above without meaning approval.
NOT_APPROVAL: tuple[str, ...] = (
    "verzeichn",
    "kennzeichn",
    "bezeichn",
    "aufzeichn",
    "auszeichn",
    "einzeichn",
    "bauzeichn",
    "zeichnungen",
    "pruefer",  # the person: "an Prüfer weiterleiten"
    "approver",
    "assign",
    "design",
    "signal",
    "checkliste",
    "checklist",
)
# Vocabulary: words on a loop that point to missing documents, i.e. avoidable rework.
REWORK_STEMS: tuple[str, ...] = (
    "nachford",
    "nachreich",
    "rueckfrag",
    "unvollstaendig",
    "vollstaendig",
    "fehlend",
    "nachbesser",
    "korrig",
    "ueberarbeit",
    "missing",
    "incomplete",
    "rework",
)

_WORD = re.compile(r"[a-z0-9]+")
_WAITING_JOINS = frozenset({"parallelGateway", "inclusiveGateway", "complexGateway"})


@lru_cache(maxsize=4096)
def _matches(text: str | None, stems: tuple[str, ...]) -> str | None:
    """The first word of ``text`` that contains one of ``stems`` (exceptions removed)."""
    for word in _WORD.findall(normalise(text or "")):
        cleaned = word
        for exception in NOT_APPROVAL:
            cleaned = cleaned.replace(exception, " ")
        if any(stem in cleaned for stem in stems):
            return word
    return None


def is_approval(label: str | None) -> bool:
    """Whether a label names an approval, review or sign-off step."""
    return _matches(label, APPROVAL_STEMS) is not None


def is_sign_off(label: str | None) -> bool:
    """Whether a label names a sign-off (approval by signature, not a review)."""
    return _matches(label, SIGN_OFF_STEMS) is not None


def _label(ctx: AnalysisContext, node: str) -> str:
    element = ctx.flow_nodes.get(node)
    return element.label if element is not None and element.label else node


def _num(value: float, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "de" else text


def _authority_processes(ctx: AnalysisContext) -> list[tuple[str, nx.DiGraph]]:
    """Process graphs of the analysed organisation (external parties' are skipped)."""
    authority = set(authority_pools(ctx))
    units = responsible_units(ctx)
    known = ctx.units
    result = []
    for process_id, graph in ctx.process_graphs.items():
        pools = {units[n].pool for n in graph if n in known}
        if not pools or pools & authority:
            result.append((process_id, graph))
    return result


def _containers(ctx: AnalysisContext) -> set[str]:
    """Sub-processes drawn with their content (their inner steps are analysed instead)."""
    return {e.source for e in control_edges(ctx) if e.kind == "enter"}


# -- chokepoints ---------------------------------------------------------------------------


def _path_successors(ctx: AnalysisContext, graph: nx.DiGraph) -> dict[str, set[str]]:
    """The process's control flow from a virtual source to a virtual sink, as successor
    sets; a sub-process with content continues from its inner end nodes, so its inner
    steps lie on the path."""
    nodes = set(graph)
    successors_of = control_successors(ctx)
    parent = dict(graph.nodes(data="parent"))
    paths: dict[str, set[str]] = {n: set() for n in nodes}
    containers: dict[str, list[str]] = {}  # sub-process with content -> its successors
    for node in nodes:
        row = successors_of.get(node)
        if not row:
            continue
        for target in row:
            if target not in paths:
                paths[target] = set()
        if any(e.kind == "enter" for edges in row.values() for e in edges):
            # The sequence flows of a container leave from its inner end nodes.
            containers[node] = [
                e.target for edges in row.values() for e in edges if e.kind == "sequence"
            ]
            paths[node].update(
                t for t, edges in row.items() if any(e.kind != "sequence" for e in edges)
            )
        else:
            paths[node].update(row)
    if containers:
        inner_ends: dict[str, list[str]] = {}
        for node in nodes:
            owner = parent.get(node)
            if owner in containers and not successors_of.get(node):
                inner_ends.setdefault(owner, []).append(node)
        for container, successors in containers.items():
            for end in inner_ends.get(container) or [container]:
                paths[end].update(successors)
    starts = [n for n in start_nodes(ctx) if n in nodes]
    if starts:
        paths["__start__"] = set(starts)
    ends = [n for n in nodes if parent.get(n) is None and not paths[n]]
    if ends:
        paths["__end__"] = set()
        for node in ends:
            paths[node].add("__end__")
    return paths


def _on_every_path(ctx: AnalysisContext, graph: nx.DiGraph) -> list[str]:
    """Nodes that dominate the virtual end: every path from a start to an end passes them."""
    paths = _path_successors(ctx, graph)
    if "__end__" not in paths or not paths.get("__start__"):
        return []
    idom = _immediate_dominators(paths, "__start__")
    if "__end__" not in idom:
        return []
    chain: list[str] = []
    seen: set[str] = set()
    node = idom["__end__"]
    while node != "__start__" and node not in seen:
        chain.append(node)
        seen.add(node)
        node = idom.get(node, "__start__")
    return list(reversed(chain))


def _main_units(ctx: AnalysisContext, graph: nx.DiGraph, containers: set[str]) -> set[str]:
    visits = visit_analysis(ctx).visits
    units = responsible_units(ctx)
    work: dict[str, float] = {}
    for node in graph:
        if isinstance(ctx.flow_nodes.get(node), Activity) and node not in containers:
            unit = units[node].id
            work[unit] = work.get(unit, 0.0) + visits.get(node, 0.0)
    most = max(work.values(), default=0.0)
    return {u for u, w in work.items() if most - w <= 1e-9}


@rule("bottleneck-chokepoint", kind="bottleneck")
def bottleneck_chokepoint(ctx: AnalysisContext) -> Iterable[Finding]:
    """An activity every case passes, performed by a single unit outside the main work."""
    labels = unit_labels(ctx)
    units = responsible_units(ctx)
    visits = visit_analysis(ctx).visits
    containers = _containers(ctx)
    for process_id, graph in _authority_processes(ctx):
        main = _main_units(ctx, graph, containers)
        main_names = {labels[u] for u in main}
        main_listed = ", ".join(f"„{labels[u]}“" for u in sorted(main))
        for node in _on_every_path(ctx, graph):
            element = ctx.flow_nodes.get(node)
            if not isinstance(element, Activity) or node in containers:
                continue
            unit = units[node]
            sign_word = _matches(element.label, SIGN_OFF_STEMS)
            if unit.id in main and sign_word is None:
                continue
            yield _chokepoint(
                ctx, process_id, node, labels[unit.id], sign_word, visits, main_names, main_listed
            )


def _chokepoint(
    ctx: AnalysisContext,
    process_id: str,
    node: str,
    unit: str,
    sign_word: str | None,
    visits: dict[str, float],
    main_names: set[str],
    main_listed: str,
) -> Finding:
    name = _label(ctx, node)
    evidence = [
        Evidence("structure", f"{process_id}: start → … → „{name}“ → … → end"),
        Evidence(
            "structure",
            f"„{unit}“ ≠ " + main_listed if unit not in main_names else f"„{unit}“",
        ),
    ]
    if sign_word:
        evidence.append(Evidence("label", sign_word))
        suggestion = {
            "de": f"Zeichnungsbefugnis delegieren: „{name}“ für Standardfälle in der "
            "Sachbearbeitung abschließen, Schlusszeichnung nur für Ausnahmen; elektronische "
            "Zeichnung im Fachverfahren bzw. in der E-Akte.",
            "en": f"Delegate signing authority: close '{name}' in case handling for standard "
            "cases, final sign-off only for exceptions; sign electronically in the system.",
        }
    else:
        suggestion = {
            "de": f"Kapazität absichern: „{name}“ auf mehrere Personen verteilen "
            f"(Vertretung) oder in die Hauptbearbeitung integrieren, damit „{unit}“ nicht "
            "jeden Fall aufhält.",
            "en": f"Secure capacity: spread '{name}' over several people (deputies) or move "
            f"it into the main case handling so '{unit}' does not hold up every case.",
        }
    return Finding(
        rule="bottleneck-chokepoint",
        kind="bottleneck",
        severity=ctx.severity("bottleneck-chokepoint"),
        elements=[node],
        message={
            "de": f"Engpass: jeder Fall durchläuft „{name}“ in „{unit}“",
            "en": f"Chokepoint: every case passes '{name}' in '{unit}'",
        },
        evidence=evidence,
        suggestion=suggestion,
        data={
            "process": process_id,
            "unit": unit,
            "sign_off": sign_word is not None,
            "visits": visits.get(node, 0.0),
        },
    )


# -- approval chains -----------------------------------------------------------------------


_APPROVAL_EDGES = frozenset({"sequence", "enter", "link"})


def _approval_components(ctx: AnalysisContext, order: dict[str, int]) -> list[set[str]]:
    """Groups of approval steps that follow one another, directly or through gateways and
    events (any routing in between): the weakly connected components of the approval
    steps in the step graph of all activities (:func:`~handoffs.step_graph`), in flow
    order of their first step. Only the walks that start at an approval step are made."""
    activities = {n for n, e in ctx.flow_nodes.items() if isinstance(e, Activity)}
    approvals = sorted(
        (n for n in activities if is_approval(ctx.flow_nodes[n].label)), key=order.__getitem__
    )
    approval_set = set(approvals)
    successors = control_successors(ctx)
    neighbours: dict[str, set[str]] = {n: set() for n in approvals}
    for source in approvals:
        seen: set[str] = set()
        stack = [source]
        while stack:
            node = stack.pop()
            for target, edges in successors.get(node, {}).items():
                if not any(e.kind in _APPROVAL_EDGES for e in edges):
                    continue
                if target in activities:
                    if target in approval_set and target != source:
                        neighbours[source].add(target)
                        neighbours[target].add(source)
                elif target not in seen:
                    seen.add(target)
                    stack.append(target)
    components: list[set[str]] = []
    placed: set[str] = set()
    for start in approvals:
        if start in placed:
            continue
        component = {start}
        stack = [start]
        while stack:
            for other in neighbours[stack.pop()]:
                if other not in component:
                    component.add(other)
                    stack.append(other)
        placed |= component
        components.append(component)
    return components


@rule("bottleneck-approval-chain", kind="bottleneck")
def bottleneck_approval_chain(ctx: AnalysisContext) -> Iterable[Finding]:
    """Several approval or sign-off steps one after the other."""
    threshold = ctx.threshold("bottleneck-approval-chain", default=2)
    order = flow_order(ctx)
    labels = unit_labels(ctx)
    for component in _approval_components(ctx, order):
        if len(component) < max(threshold, 2):
            continue
        chain = sorted(component, key=order.__getitem__)
        names = [_label(ctx, n) for n in chain]
        units = [labels[responsible_units(ctx)[n].id] for n in chain]
        listed = " → ".join(f"„{n}“" for n in names)
        yield Finding(
            rule="bottleneck-approval-chain",
            kind="bottleneck",
            severity=ctx.severity("bottleneck-approval-chain"),
            elements=chain,
            message={
                "de": f"Kette von {len(chain)} Prüf- und Zeichnungsschritten: {listed}",
                "en": f"Chain of {len(chain)} review and sign-off steps: {listed}",
            },
            evidence=[
                Evidence("label", f"{_matches(ctx.flow_nodes[n].label, APPROVAL_STEMS)} "
                         f"(„{name}“, {unit})")
                for n, name, unit in zip(chain, names, units, strict=True)
            ],
            suggestion={
                "de": "Zeichnungsstufen reduzieren: Mitzeichnungen parallel statt nacheinander "
                "einholen, Zeichnungsbefugnis delegieren, Vier-Augen-Prüfung auf Fälle "
                "oberhalb einer Wertgrenze beschränken.",
                "en": "Reduce sign-off levels: collect co-signatures in parallel, delegate "
                "signing authority, keep the four-eyes check for cases above a threshold.",
            },
            data={"count": len(chain), "units": units, "labels": names},
        )


# -- rework loops --------------------------------------------------------------------------


def _back_edges(
    nodes: Iterable[str],
    out_edges: Callable[[str], list[ControlEdge]],
    roots: list[str],
    order: dict[str, int],
) -> list[ControlEdge]:
    """Edges closing a cycle in a depth-first search from ``roots`` (then the rest)."""
    state: dict[str, int] = {}  # 1 on the stack, 2 finished
    back: list[ControlEdge] = []
    for root in [*roots, *sorted(nodes, key=order.__getitem__)]:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(out_edges(root)))]
        while stack:
            node, edges = stack[-1]
            for edge in edges:
                target = edge.target
                if state.get(target) == 1:
                    back.append(edge)
                elif target not in state:
                    state[target] = 1
                    stack.append((target, iter(out_edges(target))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return back


def _loop_body(
    predecessors: dict[str, list[str]], cycle: set[str], header: str, tail: str
) -> set[str]:
    """The natural loop of back edge ``tail → header``: the nodes of the header's cycle
    (strongly connected component) that reach the tail without passing the header."""
    body = {header, tail}
    stack = [tail] if tail != header else []
    while stack:
        node = stack.pop()
        for pred in predecessors.get(node, ()):
            if pred in cycle and pred not in body:
                body.add(pred)
                stack.append(pred)
    return body


@rule("bottleneck-rework-loop", kind="bottleneck")
def bottleneck_rework_loop(ctx: AnalysisContext) -> Iterable[Finding]:
    """A cycle in the control flow: work done again (Nachforderung, Rückfrage, Korrektur)."""
    analysis = visit_analysis(ctx)
    order = flow_order(ctx)
    successors = control_successors(ctx)
    # When no node id is shared by two processes, the cycles of each process are the
    # strongly connected components of the whole control flow; else one search each.
    shared: list[list[str]] | None = None
    if _processes_disjoint(ctx):
        shared = control_components(ctx)
        shared_index = {n: i for i, component in enumerate(shared) for n in component}
    for _process_id, process in ctx.process_graphs.items():
        # The control edges out of the process's nodes, grouped by target.
        def out_edges(node: str, process: nx.DiGraph = process) -> list[ControlEdge]:
            if node not in process:
                return []
            return [e for parallel in successors.get(node, {}).values() for e in parallel]

        def targets(node: str, process: nx.DiGraph = process) -> Iterable[str]:
            return successors.get(node, {}) if node in process else ()

        nodes = dict.fromkeys(process)
        predecessors: dict[str, list[str]] = {}
        for node in process:
            for target in targets(node):
                nodes.setdefault(target)
                predecessors.setdefault(target, []).append(node)
        roots = sorted((n for n in start_nodes(ctx) if n in process), key=order.__getitem__)
        if shared is None:
            components = strongly_connected_components(nodes, targets)
            index = {n: i for i, component in enumerate(components) for n in component}
        else:
            components, index = shared, shared_index
        cycles: dict[int, set[str]] = {}
        for back in _back_edges(nodes, out_edges, roots, order):
            number = index[back.target]
            if number not in cycles:
                cycles[number] = set(components[number])
            body = _loop_body(predecessors, cycles[number], back.target, back.source)
            yield _rework_loop(ctx, out_edges, back, body, analysis, order)


def _processes_disjoint(ctx: AnalysisContext) -> bool:
    """Whether no flow node id occurs in two of the analysed processes."""
    seen: set[str] = set()
    total = 0
    for graph in ctx.process_graphs.values():
        total += len(graph)
        seen.update(graph)
    return total == len(seen)


def _rework_loop(
    ctx: AnalysisContext,
    out_edges: Callable[[str], list[ControlEdge]],
    back: ControlEdge,
    body: set[str],
    analysis: VisitAnalysis,
    order: dict[str, int],
) -> Finding:
    nodes = sorted(body, key=lambda n: (n != back.target, order[n]))
    flow = ctx.sequence_flows.get(back.flow or "")
    back_text = back.flow or f"{back.source} → {back.target}"
    if flow is not None and (flow.label or flow.condition_text):
        back_text += f" „{flow.label or flow.condition_text}“"
    evidence = [Evidence("flow", f"{back_text}: „{_label(ctx, back.source)}“ → "
                                 f"„{_label(ctx, back.target)}“")]
    repeat = None
    decisions = []
    for node in nodes:
        element = ctx.flow_nodes.get(node)
        if not isinstance(element, Gateway):
            continue
        out = out_edges(node)
        staying = [e for e in out if e.target in body]
        if staying and len(staying) < len(out):
            decisions.append(node)
            for e in staying:
                sequence = ctx.sequence_flows.get(e.flow or "")
                condition = sequence.label or sequence.condition_text if sequence else None
                p = ctx.probabilities.get(e.flow or "", e.probability)
                repeat = p if repeat is None else repeat
                evidence.append(Evidence(
                    "structure",
                    f"„{_label(ctx, node)}“ → {e.flow or e.target}"
                    + (f" „{condition}“" if condition else "") + f" (p = {p:g})",
                ))
    words = [_label(ctx, n) for n in nodes]
    if flow is not None:
        words.append(flow.label or "")
    rework = next((w for w in words if _matches(w, REWORK_STEMS)), None)
    if rework:
        suggestion = {
            "de": "Rückfragen vermeiden: vollständige Unterlagen durch Online-Antrag mit "
            "Pflichtfeldern und Plausibilitätsprüfung sicherstellen; Nachweise aus Registern "
            "abrufen (Once-Only).",
            "en": "Avoid queries: ensure complete documents through an online application "
            "with mandatory fields and plausibility checks; retrieve evidence from registers "
            "(once-only).",
        }
    else:
        suggestion = {
            "de": "Ursachen der Nacharbeit beseitigen: Prüfkriterien vorab veröffentlichen, "
            "Fehler an der Quelle vermeiden, Schleifendurchläufe messen.",
            "en": "Remove the causes of rework: publish the criteria up front, prevent errors "
            "at the source, measure how often the loop runs.",
        }
    header_visits = analysis.visits.get(back.target, 0.0)
    unbounded = back.target in analysis.unbounded
    if unbounded:
        evidence.append(Evidence("structure", f"p(exit) = 0, visits ≥ {MAX_VISITS:g}"))
    return Finding(
        rule="bottleneck-rework-loop",
        kind="bottleneck",
        severity=ctx.severity("bottleneck-rework-loop"),
        elements=nodes,
        message={
            "de": f"Schleife zurück zu „{_label(ctx, back.target)}“ "
            f"(erwartet {_num(header_visits, 'de')} Durchläufe je Fall)",
            "en": f"Loop back to '{_label(ctx, back.target)}' "
            f"(expected {_num(header_visits, 'en')} passes per case)",
        },
        evidence=evidence,
        suggestion=suggestion,
        data={
            "back_edge": back.flow,
            "decisions": decisions,
            "repeat_probability": repeat,
            "expected_visits": header_visits,
            "unbounded": unbounded,
            "rework_vocabulary": rework,
        },
    )


# -- joins ---------------------------------------------------------------------------------


@rule("bottleneck-many-branch-join", kind="bottleneck")
def bottleneck_many_branch_join(ctx: AnalysisContext) -> Iterable[Finding]:
    """A join that waits for many branches: the slowest one sets the pace."""
    threshold = ctx.threshold("bottleneck-many-branch-join", default=3)
    incoming: dict[str, list[str]] = {}
    for edge in control_edges(ctx):
        if edge.kind == "sequence":
            incoming.setdefault(edge.target, []).append(edge.flow or edge.source)
    for gateway in ctx.gateways:
        flows = incoming.get(gateway.id or "", [])
        if gateway.type not in _WAITING_JOINS or len(flows) < max(threshold, 2):
            continue
        name = gateway.label or gateway.id or ""
        yield Finding(
            rule="bottleneck-many-branch-join",
            kind="bottleneck",
            severity=ctx.severity("bottleneck-many-branch-join"),
            elements=[gateway.id or ""],
            message={
                "de": f"Zusammenführung „{name}“ wartet auf {len(flows)} Zweige; der "
                "langsamste bestimmt die Durchlaufzeit",
                "en": f"Join '{name}' waits for {len(flows)} branches; the slowest one sets "
                "the lead time",
            },
            evidence=[
                Evidence("structure", f"{gateway.type} ← {len(flows)}"),
                Evidence("flow", ", ".join(flows)),
            ],
            suggestion={
                "de": "Beteiligungen entkoppeln: Stellungnahmen mit Frist einholen und nach "
                "Fristablauf weiterbearbeiten (Zustimmungsfiktion), Beteiligte über eine "
                "gemeinsame Plattform sternförmig statt einzeln einbinden.",
                "en": "Decouple contributions: request statements with a deadline and carry "
                "on when it expires (deemed consent), involve all parties through one shared "
                "platform.",
            },
            data={"gateway_type": gateway.type, "count": len(flows), "flows": flows},
        )


# -- long sequences ------------------------------------------------------------------------


def _linear_successors(ctx: AnalysisContext) -> dict[str, str]:
    """Activity → the one activity that follows it directly or through simple events,
    when neither side branches or merges and no gateway lies in between."""
    out: dict[str, list[ControlEdge]] = {}
    for edge in control_edges(ctx):
        if edge.kind in ("sequence", "link"):
            out.setdefault(edge.source, []).append(edge)
    incoming: dict[str, int] = {}
    for edge in control_edges(ctx):
        if edge.kind in ("sequence", "link"):
            incoming[edge.target] = incoming.get(edge.target, 0) + 1
    activity = {n for n, e in ctx.flow_nodes.items() if isinstance(e, Activity)}
    successor: dict[str, str] = {}
    predecessors: dict[str, int] = {}
    for node in activity:
        targets: list[str | None] = []
        for edge in out.get(node, []):
            target: str | None = edge.target
            seen = {node}
            while target is not None and target not in activity:
                element = ctx.flow_nodes.get(target)
                nxt = out.get(target, [])
                simple = isinstance(element, Event) and len(nxt) == 1
                if not simple or incoming.get(target, 0) != 1 or target in seen:
                    target = None
                else:
                    seen.add(target)
                    target = nxt[0].target
            targets.append(target)
        if len(targets) == 1 and targets[0] is not None:
            successor[node] = targets[0]
            predecessors[targets[0]] = predecessors.get(targets[0], 0) + 1
    units = responsible_units(ctx)
    return {
        a: b
        for a, b in successor.items()
        if predecessors[b] == 1 and incoming.get(b, 0) == 1 and units[a].id == units[b].id
    }


def _chains(successor: dict[str, str], order: dict[str, int]) -> Iterator[list[str]]:
    heads = set(successor) - set(successor.values())
    for head in sorted(heads, key=order.__getitem__):
        chain = [head]
        seen = {head}
        while chain[-1] in successor and successor[chain[-1]] not in seen:
            chain.append(successor[chain[-1]])
            seen.add(chain[-1])
        yield chain


@rule("bottleneck-long-sequence", kind="bottleneck")
def bottleneck_long_sequence(ctx: AnalysisContext) -> Iterable[Finding]:
    """Many activities of one lane in a row without a decision: merge or parallelise."""
    threshold = ctx.threshold("bottleneck-long-sequence", default=5)
    order = flow_order(ctx)
    labels = unit_labels(ctx)
    for chain in _chains(_linear_successors(ctx), order):
        if len(chain) < max(threshold, 2):
            continue
        unit = labels[responsible_units(ctx)[chain[0]].id]
        names = [_label(ctx, n) for n in chain]
        yield Finding(
            rule="bottleneck-long-sequence",
            kind="bottleneck",
            severity=ctx.severity("bottleneck-long-sequence"),
            elements=chain,
            message={
                "de": f"{len(chain)} Schritte nacheinander in „{unit}“ ohne Entscheidung: "
                f"„{names[0]}“ … „{names[-1]}“",
                "en": f"{len(chain)} steps in a row in '{unit}' without a decision: "
                f"'{names[0]}' … '{names[-1]}'",
            },
            evidence=[Evidence("structure", " → ".join(f"„{n}“" for n in names))],
            suggestion={
                "de": "Schritte zusammenfassen oder parallelisieren: prüfen, welche Schritte "
                "in einem Arbeitsgang oder automatisch im Fachverfahren erledigt werden können "
                "und welche nicht voneinander abhängen.",
                "en": "Merge or parallelise: check which steps can be done in one go or "
                "automatically in the line-of-business system, and which do not depend on "
                "each other.",
            },
            data={"unit": unit, "count": len(chain), "labels": names},
        )
