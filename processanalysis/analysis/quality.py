"""Model quality: soundness of the control flow, labels, and the seven modelling guidelines.

Rules (``docs/analysis/quality.md`` has a page for each, with a wrong and a right example):

* soundness, per process on the flattened control flow: ``quality-no-start``,
  ``quality-no-end``, ``quality-unreachable``, ``quality-dead-end``,
  ``quality-xor-and-mismatch``, ``quality-and-xor-mismatch``;
* labels and notation: ``quality-unlabelled-activity``, ``quality-unlabelled-gateway``,
  ``quality-implicit-gateway``;
* the seven process modelling guidelines (7PMG, Mendling, Reijers, van der Aalst 2010):
  ``pmg-size`` (G1), ``pmg-routing-paths`` (G2), ``pmg-start-end`` (G3),
  ``pmg-structured`` (G4), ``pmg-or-routing`` (G5), ``pmg-label-style`` (G6),
  ``pmg-decompose`` (G7).

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
>>> label_style("Antrag prüfen").ok, label_style("Prüfung des Antrags").reason
(True, 'nominalised')
>>> label_style("Check application").ok, label_style("Ist der Antrag vollständig?").reason
(True, 'question')
"""

from __future__ import annotations

import re
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import networkx as nx

from processanalysis.analysis.finding import Evidence, Finding
from processanalysis.analysis.metrics import ControlFlow, control_flow, gateway_class, size
from processanalysis.analysis.registry import rule
from processanalysis.bpmn.model import (
    Activity,
    CallActivity,
    Event,
    FlowNode,
    Gateway,
    Process,
    SubProcess,
)

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = [
    "DE_VERBS",
    "EN_VERBS",
    "LabelStyle",
    "ProcessView",
    "Scope",
    "dead_ends",
    "label_style",
    "matching_joins",
    "post_dominators",
    "process_views",
    "reachable",
]

KIND = "quality"


def _word_list(text: str) -> list[str]:
    return text.split()


# -- vocabulary of the label-style heuristic (data, not logic) ------------------------------

#: Common verbs of administrative processes, infinitive. Only needed where the form alone
#: does not tell: a capitalised last word ("Antrag Prüfen"), a verb before an "ob" clause.
DE_VERBS: frozenset[str] = frozenset(
    _word_list(
        """abfragen ablegen ablehnen abschließen abstimmen abzeichnen anfordern anhören anlegen
        annehmen anordnen anpassen anschreiben ausdrucken ausfertigen ausfüllen aushändigen
        auszahlen beantragen beantworten bearbeiten beauftragen bedienen begutachten
        beglaubigen benachrichtigen beraten berechnen berichtigen beschaffen bescheiden
        besprechen bestätigen bestellen beteiligen bewerten bewilligen bezahlen buchen drucken
        eingeben einholen einreichen einscannen eintragen empfangen entscheiden entwerfen
        erfassen ergänzen erheben erinnern erstellen erteilen festsetzen freigeben genehmigen
        hinterlegen informieren kontrollieren korrigieren kopieren löschen mahnen melden
        nachfordern prüfen registrieren scannen senden sichten speichern übermitteln
        übernehmen überprüfen überweisen unterschreiben veranlassen verbuchen vereinbaren
        verfassen vermerken veröffentlichen versenden verschicken vervollständigen verwerfen
        vorbereiten vorlegen weiterleiten widersprechen zahlen zeichnen zurücksenden zusenden
        zustellen zustimmen ändern"""
    )
)
#: Lower-case words ending in -en that are no infinitive: function words, adjectives and
#: participles that end a label describing a state ("Antrag eingegangen").
DE_NOT_VERBS: frozenset[str] = frozenset(
    _word_list(
        """allen anderen beiden besonderen den denen dessen diesen einen eben einzelnen
        entsprechenden erforderlichen gegen gegeben genommen geschrieben ihnen jeden keinen
        meinen morgen neben oben offen seinen sonstigen unten unvollständigen verschieden
        vollständigen vorhanden weiteren wegen zwischen abgeschlossen eingegangen entschieden
        geschlossen verloren"""
    )
)
#: Common verbs of process labels in English, base form (an English label starts with one).
EN_VERBS: frozenset[str] = frozenset(
    _word_list(
        """accelerate accept access acknowledge acquire activate add adjust administer advise
        agree alert allocate allow amend analyse analyze announce answer apply appoint
        appraise approve archive arrange ask assemble assess assign attach attend audit
        authenticate authorise authorize back bill block book bring browse build buy calculate
        call cancel capture carry change charge check checkout choose claim clarify classify
        clean clear close collect combine communicate compare compile complete comply compute
        conduct configure confirm connect consider consolidate consult contact continue
        convert coordinate copy correct cover create deactivate deal debit decide declare
        decline define delegate delete deliver deny deploy design determine develop discuss
        dispatch distribute do document download draft edit email enable end enroll enrol
        ensure enter escalate establish estimate evaluate examine exchange execute explain
        export extend extract fetch file fill finalise finalize find fix follow forward
        gather generate get give grant greet hand handle hire identify implement import
        include inform initiate input inspect install instruct interview introduce investigate
        invite invoice issue keep launch link list load lock log look maintain make manage
        map mark match measure meet merge migrate modify monitor move negotiate note notify
        obtain offer onboard open order organise organize pack pass pay perform pick place plan post
        prepare present print prioritise prioritize process procure produce propose protect
        prove provide publish purchase put raise rate reach read reassign receive recommend
        reconcile record recruit redirect refer refund register reimburse reject release
        remind remove renew repair replace reply report request require reschedule research
        reserve reset resolve respond restart retrieve return review revise revoke route run
        save scan schedule screen search select sell send set settle share ship show sign
        solve sort specify start stop store submit suggest supply support suspend take tell
        terminate test track train transfer translate transmit update upgrade upload use
        validate verify visit wait withdraw write""",
    )
)
_QUESTION_WORDS = frozenset(
    _word_list(
        """ist sind liegt liegen gibt wurde wurden hat haben kann können muss müssen soll sollen
        darf gilt besteht bestehen erfolgt wer wie welche welcher welches wann wo ob is are was
        were has have does do did can could should will would who what which when where how
        whether"""
    )
)
_CLAUSE_WORDS = frozenset({"ob", "dass", "whether", "if", "that"})
_NOMINAL_ENDINGS = ("ung", "ungen", "tion", "tionen", "nahme", "gabe", "erei")
_NUMBERING = re.compile(r"^(?:[A-Za-z]?\d+(?:[.\d]*\d)?[.:)]?|[a-z][.)])\s+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SEPARATORS = re.compile(r"[\s,;/+&]+")
_PUNCTUATION = ".:!?\"'„“”‚‘’»«-–"

_T = TypeVar("_T")
_CACHE: weakref.WeakKeyDictionary[AnalysisContext, dict[str, Any]] = weakref.WeakKeyDictionary()


def _cached(ctx: AnalysisContext, key: str, compute: Callable[[], _T]) -> _T:
    # The context has no slot for analysis-specific views; they are computed once here.
    store = _CACHE.setdefault(ctx, {})
    if key not in store:
        store[key] = compute()
    return store[key]


# -- views of a process -----------------------------------------------------------------------


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
    sub-process; ``terminals`` are all end events and implicit ends.
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


def process_views(ctx: AnalysisContext) -> list[ProcessView]:
    """A :class:`ProcessView` of every process of the model (computed once per context)."""
    return _cached(ctx, "process_views", lambda: list(_build_views(ctx)))


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
            or (not isinstance(node, Gateway) and not successors[n] and not _is_link(node, "throw"))
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


def _is_link(node: FlowNode, direction: str) -> bool:
    return (
        isinstance(node, Event)
        and node.type == f"intermediate{direction.title()}Event"
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
        if _is_link(node, "catch"):
            catches.setdefault((flow.parent[node_id], _link_name(node)), []).append(node_id)  # type: ignore[arg-type]
    for node_id, node in flow.nodes.items():
        if _is_link(node, "throw"):
            for target in catches.get((flow.parent[node_id], _link_name(node)), []):  # type: ignore[arg-type]
                yield node_id, target


def _entered_by_scope(node: FlowNode) -> bool:
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
            and not _is_link(n, "catch")
            and not _entered_by_scope(n)
        ]
    starts += [n.id for n in nodes if _entered_by_scope(n)]
    return [s for s in starts if s is not None]


def reachable(view: ProcessView) -> set[str]:
    """The nodes a token can reach from the process's start (see the module docstring)."""
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


def matching_joins(
    flow: ControlFlow, split: str, *, boundary: bool = False, until: str | None = None
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
    linear time. See :func:`post_dominators`.

    Examples
    --------
    >>> from processanalysis.analysis.metrics import _demo
    >>> matching_joins(control_flow(_demo()), "x1")
    {'x2': [('f1', 'f2')]}
    """
    starts: list[tuple[str, str]] = [
        (f.id or f"#{i}", str(f.target)) for i, f in enumerate(flow.outgoing.get(split, ()))
    ]
    if boundary:
        starts += [(event, event) for event in flow.boundary.get(split, ())]
    starts = [(name, start) for name, start in starts if start != split]
    walk = _BranchWalk(flow, split, until, len(starts))
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

    def __init__(self, flow: ControlFlow, split: str, until: str | None, count: int) -> None:
        self.flow, self.split, self.until, self.count = flow, split, until, count
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
                    for succ in [*self.flow.successors(node), *self.flow.boundary.get(node, ())]:
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


def post_dominators(flow: ControlFlow) -> dict[str, str]:
    """The immediate post-dominator of every node that has one: the nearest node that
    every path from it to an end passes (sequence flows and boundary events; nodes
    without a way on are the ends). Nodes stuck in a loop have none.

    >>> from processanalysis.analysis.metrics import _demo
    >>> pdom = post_dominators(control_flow(_demo()))
    >>> pdom["x1"], pdom["p1"], "e" in pdom
    ('x2', 'p2', False)
    """
    reverse = nx.DiGraph()
    reverse.add_node(_SINK)
    reverse.add_nodes_from(flow.nodes)
    for node in flow.nodes:
        following = [*flow.successors(node), *flow.boundary.get(node, ())]
        for succ in following:
            reverse.add_edge(succ, node)
        if not following:
            reverse.add_edge(_SINK, node)
    idom = nx.immediate_dominators(reverse, _SINK)
    return {n: d for n, d in idom.items() if n is not _SINK and d is not _SINK and d != n}


# -- wording ----------------------------------------------------------------------------------

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


def _type_word(node: FlowNode, lang: str) -> str:
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


def _ref(node: FlowNode, lang: str) -> str:
    """The node's label in quotes, else its id."""
    if node.label:
        return f"„{node.label}“" if lang == "de" else f"'{node.label}'"
    return str(node.id)


def _name(node: FlowNode, lang: str) -> str:
    """How a message names a node: its label, else its type and id."""
    if node.label:
        return _ref(node, lang)
    return f"{_type_word(node, lang)} {node.id}"


def _flows(count: int, direction: str) -> str:
    """German accusative: "einen eingehenden Fluss", "2 eingehende Flüsse"."""
    return f"einen {direction}en Fluss" if count == 1 else f"{count} {direction}e Flüsse"


def _names(nodes: Iterable[FlowNode], lang: str, limit: int = 4) -> str:
    items = list(nodes)
    text = ", ".join(_name(n, lang) for n in items[:limit])
    if len(items) > limit:
        more = len(items) - limit
        text += f" und {more} weitere" if lang == "de" else f" and {more} more"
    return text


def _process_name(view: ProcessView, ctx: AnalysisContext, lang: str) -> str:
    pool = ctx.pool_names.get(view.shape)
    label = pool or view.process.label or view.key
    return f"„{label}“" if lang == "de" else f"'{label}'"


def _scope_words(view: ProcessView, scope: Scope, ctx: AnalysisContext) -> tuple[str, str]:
    """(de, en) naming a scope: "Der Prozess „X“" / "Der Teilprozess „Y“"."""
    if scope.element is None:
        return (
            f"Der Prozess {_process_name(view, ctx, 'de')}",
            f"The process {_process_name(view, ctx, 'en')}",
        )
    kind = "Ereignis-Teilprozess" if scope.kind == "event" else "Teilprozess"
    return (
        f"Der {kind} {_name(scope.element, 'de')}",
        f"The {'event ' if scope.kind == 'event' else ''}sub-process {_name(scope.element, 'en')}",
    )


def _scope_shape(view: ProcessView, scope: Scope) -> str:
    return scope.id if scope.id is not None else view.shape


def _finding(
    ctx: AnalysisContext,
    rule_id: str,
    elements: list[str],
    message: tuple[str, str],
    suggestion: tuple[str, str],
    evidence: Iterable[Evidence] = (),
    data: dict[str, Any] | None = None,
) -> Finding:
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


def _structure(text: str) -> Evidence:
    return Evidence("structure", text)


# -- soundness --------------------------------------------------------------------------------


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
                [_scope_shape(view, scope)]
                if scope.id is not None or not implicit
                else [n.id for n in implicit if n.id]
            )
            de, en = _scope_words(view, scope, ctx)
            if scope.kind == "event":
                detail = (
                    "wird nie ausgelöst: ihm fehlt das Startereignis, das den Auslöser nennt",
                    "is never triggered: it lacks the start event that names its trigger",
                )
            elif implicit:
                detail = (
                    f"hat kein Startereignis; der Ablauf beginnt unausgesprochen bei "
                    f"{_names(implicit, 'de')}",
                    f"has no start event; the flow implicitly begins at {_names(implicit, 'en')}",
                )
            else:
                detail = ("hat kein Startereignis", "has no start event")
            yield _finding(
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
                [_structure(f"{scope.kind} {scope.id or view.key}: 0 startEvent")],
                {
                    "process": view.key,
                    "scope": scope.id,
                    "implicit_starts": [n.id for n in implicit],
                },
            )


def _entered_by(view: ProcessView, node: str) -> bool:
    return _entered_by_scope(view.flow.nodes[node])


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
                if n.id in view.terminals and n.type != "boundaryEvent" and not _entered_by_scope(n)
            ]
            elements = (
                [_scope_shape(view, scope)]
                if scope.id is not None or not implicit
                else [n.id for n in implicit if n.id]
            )
            de, en = _scope_words(view, scope, ctx)
            if implicit:
                detail = (
                    f"hat kein Endereignis; der Ablauf endet unausgesprochen bei "
                    f"{_names(implicit, 'de')}",
                    f"has no end event; the flow implicitly ends at {_names(implicit, 'en')}",
                )
            else:
                detail = ("hat kein Endereignis", "has no end event")
            yield _finding(
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
                [_structure(f"{scope.kind} {scope.id or view.key}: 0 endEvent")],
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
            yield _finding(
                ctx,
                rule_id,
                group,
                (
                    f"{_names(nodes, 'de')} {'ist' if len(nodes) == 1 else 'sind'} von keinem "
                    "Startereignis aus erreichbar: dieser Teil des Ablaufs wird nie ausgeführt.",
                    f"{_names(nodes, 'en')} cannot be reached from any start event: this part "
                    "of the flow never runs.",
                ),
                (
                    "Verbinden Sie den Teil mit einem Sequenzfluss mit dem übrigen Ablauf oder "
                    "löschen Sie ihn, wenn er nicht mehr gebraucht wird.",
                    "Connect this part to the rest of the flow with a sequence flow, or delete "
                    "it if it is no longer needed.",
                ),
                [_structure(f"{n.id}: no incoming sequence flow") for n in no_incoming[:5]]
                or [_structure(f"{group[0]}: only reached from unreachable nodes")],
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
            yield _finding(
                ctx,
                rule_id,
                group,
                (
                    f"Von {_names(nodes, 'de')} aus erreicht der Ablauf kein Ende: er {why[0]}.",
                    f"From {_names(nodes, 'en')} the flow reaches no end: it {why[1]}.",
                ),
                (
                    "Führen Sie den Ablauf weiter zu einem Endereignis, z. B. mit einem "
                    "Ausgang aus der Schleife oder einem Fluss aus dem Gateway.",
                    "Lead the flow on to an end event, e.g. with an exit from the loop or a flow "
                    "out of the gateway.",
                ),
                [_structure(f"{n}: no path to an end event") for n in stuck[:5]],
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
        parts_de.append(f"dreht sich in einer Schleife ohne Ausgang ({_names(loop, 'de')})")
        parts_en.append(f"circles in a loop without exit ({_names(loop, 'en')})")
    for node in ends:
        if _is_link(node, "throw"):
            parts_de.append(
                f"springt beim Link-Ereignis {_name(node, 'de')} ins Leere (kein "
                "Link-Zwischenereignis gleichen Namens fängt ihn auf)"
            )
            parts_en.append(
                f"jumps into nowhere at the link event {_name(node, 'en')} (no catching "
                "link event has its name)"
            )
        elif isinstance(node, Gateway):
            parts_de.append(f"endet im Gateway {_ref(node, 'de')}, das keinen Ausgang hat")
            parts_en.append(f"ends in the gateway {_ref(node, 'en')}, which has no way out")
        else:
            parts_de.append(f"bleibt bei {_name(node, 'de')} stehen")
            parts_en.append(f"stops at {_name(node, 'en')}")
    return " oder ".join(parts_de), " or ".join(parts_en)


def _splits(view: ProcessView, classes: set[str]) -> Iterator[tuple[str, Gateway]]:
    for node_id, node in view.flow.nodes.items():
        if (
            isinstance(node, Gateway)
            and gateway_class(node) in classes
            and view.flow.is_split(node_id)
        ):
            yield node_id, node


def _join_class(node: FlowNode) -> str | None:
    """Routing class of a merge: a gateway's class; an activity merges like XOR."""
    if isinstance(node, Gateway):
        return gateway_class(node)
    return "xor" if isinstance(node, Activity) else None


def _merges(ctx: AnalysisContext, view: ProcessView) -> dict[str, dict[str, list[Any]]]:
    """First merges of every node with several ways out (flows and boundary events)."""

    def compute() -> dict[str, dict[str, list[Any]]]:
        flow = view.flow
        pdom = post_dominators(flow)
        return {
            node: matching_joins(flow, node, boundary=True, until=pdom.get(node))
            for node in flow.nodes
            if flow.out_degree(node) + len(flow.boundary.get(node, ())) >= 2
        }

    return _cached(ctx, f"merges:{view.key}", compute)


def _mismatches(
    ctx: AnalysisContext, view: ProcessView
) -> Iterator[tuple[str, str, list[tuple[str, str]]]]:
    """(split, join, branch pairs) for every split gateway and each of its first merges."""
    merges = _merges(ctx, view)
    for split, _node in _splits(view, {"xor", "and", "or"}):
        for join, pairs in merges.get(split, {}).items():
            yield split, join, pairs


def _is_xor_and(view: ProcessView, split: str, join: str) -> bool:
    return (
        gateway_class(view.flow.nodes[split]) == "xor"
        and view.flow.nodes[join].type == "parallelGateway"
    )


def _is_and_xor(view: ProcessView, split: str, join: str) -> bool:
    node = view.flow.nodes[join]
    return view.flow.nodes[split].type == "parallelGateway" and (
        node.type == "exclusiveGateway" or isinstance(node, Activity)
    )


def _branch_evidence(view: ProcessView, join: str, pairs: list[tuple[str, str]]) -> Evidence:
    branches = sorted({b for pair in pairs for b in pair})
    incoming = ", ".join(f.id or "?" for f in view.flow.incoming.get(join, ()))
    return _structure(f"branches {', '.join(branches)} → {join} (incoming: {incoming})")


@rule("quality-xor-and-mismatch", kind=KIND)
def xor_and_mismatch(ctx: AnalysisContext) -> Iterator[Finding]:
    """An exclusive split whose branches a parallel join closes: the join waits forever."""
    rule_id = "quality-xor-and-mismatch"
    for view in process_views(ctx):
        for split, join, pairs in _mismatches(ctx, view):
            if not _is_xor_and(view, split, join):
                continue
            s, j = view.flow.nodes[split], view.flow.nodes[join]
            yield _finding(
                ctx,
                rule_id,
                [split, join],
                (
                    f"Am Gateway {_ref(s, 'de')} wird nur einer der Wege gewählt, das parallele "
                    f"Gateway {_ref(j, 'de')} wartet aber auf alle: der Fall bleibt dort "
                    "für immer stehen (Verklemmung).",
                    f"At the gateway {_ref(s, 'en')} only one path is taken, but the parallel "
                    f"gateway {_ref(j, 'en')} waits for all of them: the case is stuck there "
                    "forever (deadlock).",
                ),
                (
                    "Führen Sie die Wege mit einem exklusiven Gateway (XOR) zusammen, dem "
                    "Gegenstück der Verzweigung.",
                    "Merge the paths with an exclusive gateway (XOR), the counterpart of the "
                    "split.",
                ),
                [
                    _structure(f"{split}: {s.type} split → {join}: {j.type} join"),
                    _branch_evidence(view, join, pairs),
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
        for split, join, pairs in _mismatches(ctx, view):
            if not _is_and_xor(view, split, join):
                continue
            s, j = view.flow.nodes[split], view.flow.nodes[join]
            merge_de = (
                f"das exklusive Gateway {_ref(j, 'de')}"
                if isinstance(j, Gateway)
                else f"die Aktivität {_ref(j, 'de')} (mehrere eingehende Flüsse ohne Gateway)"
            )
            merge_en = (
                f"the exclusive gateway {_ref(j, 'en')}"
                if isinstance(j, Gateway)
                else f"the activity {_ref(j, 'en')} (several incoming flows, no gateway)"
            )
            yield _finding(
                ctx,
                rule_id,
                [split, join],
                (
                    f"Das parallele Gateway {_ref(s, 'de')} startet alle Wege gleichzeitig, "
                    f"{merge_de} wartet aber "
                    "nicht auf sie: alles danach läuft einmal je Weg, also mehrfach.",
                    f"The parallel gateway {_ref(s, 'en')} starts all paths at once, but "
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
                    _structure(f"{split}: {s.type} split → {join}: {j.type} join"),
                    _branch_evidence(view, join, pairs),
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


# -- labels and notation ----------------------------------------------------------------------


@rule("quality-unlabelled-activity", kind=KIND)
def unlabelled_activity(ctx: AnalysisContext) -> Iterator[Finding]:
    """An activity without a name."""
    rule_id = "quality-unlabelled-activity"
    for view in process_views(ctx):
        for node_id, node in view.flow.nodes.items():
            if not isinstance(node, Activity) or node.label:
                continue
            yield _finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"{_type_word(node, 'de')} {node_id} hat keine Bezeichnung: niemand "
                    "kann erkennen, was hier getan wird.",
                    f"The {_type_word(node, 'en')} {node_id} has no label: nobody can tell what "
                    "is done here.",
                ),
                (
                    "Benennen Sie die Aktivität nach dem Muster „Objekt + Verb“, z. B. "
                    "„Antrag prüfen“.",
                    "Name the activity as 'verb + object', e.g. 'Check application'.",
                ),
                [_structure(f"{node_id}: {node.type} without name")],
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
                _structure(
                    f"{node_id}: {node.type}, {view.flow.out_degree(node_id)} "
                    "outgoing flows, no name"
                )
            ]
            if answers:
                evidence.append(
                    Evidence("label", "outgoing: " + ", ".join(f'"{a}"' for a in answers))
                )
            yield _finding(
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
                    _structure(f"{node_id} outgoing: {', '.join(f.id or '?' for f in outgoing)}")
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
                    _structure(f"{node_id} incoming: {', '.join(f.id or '?' for f in incoming)}")
                )
            yield _finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"{_name(node, 'de')} hat {' und '.join(parts_de)}.",
                    f"{_name(node, 'en')} has {' and '.join(parts_en)}.",
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


# -- the seven process modelling guidelines (7PMG) --------------------------------------------


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
        yield _finding(
            ctx,
            rule_id,
            [view.shape],
            (
                f"Der Prozess {_process_name(view, ctx, 'de')} hat {count} Elemente "
                f"(Richtwert: höchstens {limit:g}). Große Modelle sind schwer zu lesen und "
                "enthalten nachweislich mehr Fehler.",
                f"The process {_process_name(view, ctx, 'en')} has {count} elements "
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
            [_structure(f"{count} flow nodes: {by_type}")],
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
            yield _finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"{_name(node, 'de')} hat {_flows(n_in, 'eingehend')} und "
                    f"{_flows(n_out, 'ausgehend')} "
                    f"(Richtwert: höchstens {limit:g}). Viele Wege an einem Punkt sind schwer "
                    "nachzuvollziehen.",
                    f"{_name(node, 'en')} has {n_in} incoming and {n_out} outgoing "
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
                [_structure(f"{node_id}: in {n_in}, out {n_out}")],
                {"process": view.key, "in": n_in, "out": n_out, "threshold": limit},
            )


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
            yield _finding(
                ctx,
                rule_id,
                [str(n.id) for n in events],
                (
                    f"Der Prozess {_process_name(view, ctx, 'de')} hat {len(events)} {de} "
                    f"({_names(events, 'de')}; Richtwert: höchstens {limit:g}). Mehrere "
                    "Anfänge und Enden machen es schwer zu sehen, wann ein Fall beginnt und "
                    "wann er abgeschlossen ist.",
                    f"The process {_process_name(view, ctx, 'en')} has {len(events)} {en} "
                    f"({_names(events, 'en')}; guideline: at most {limit:g}). Several starts "
                    "and ends make it hard to see when a case begins and when it is done.",
                ),
                (
                    "Führen Sie die Wege vor einem gemeinsamen Endereignis zusammen (bzw. "
                    "beginnen Sie mit einem Startereignis und verzweigen Sie danach).",
                    "Merge the paths before one common end event (or begin with one start "
                    "event and split afterwards).",
                ),
                [_structure(f"{len(events)} {kind}: {', '.join(str(n.id) for n in events)}")],
                {"process": view.key, "event_type": kind, "count": len(events), "threshold": limit},
            )


@rule("pmg-structured", kind=KIND)
def pmg_structured(ctx: AnalysisContext) -> Iterator[Finding]:
    """7PMG G4: splits closed by a join of another type, and joins that close no split."""
    rule_id = "pmg-structured"
    for view in process_views(ctx):
        for split, join, pairs in _mismatches(ctx, view):
            s, j = view.flow.nodes[split], view.flow.nodes[join]
            split_class, join_class = gateway_class(s), _join_class(j)
            if join_class is None or join_class == split_class:
                continue
            if _is_xor_and(view, split, join) or _is_and_xor(view, split, join):
                continue  # reported as errors by the quality-…-mismatch rules
            if isinstance(j, Gateway):
                by_de = f"vom Gateway {_ref(j, 'de')} ({join_class.upper()})"
                by_en = f"by the gateway {_ref(j, 'en')} ({join_class.upper()})"
            else:
                by_de = f"von der Aktivität {_ref(j, 'de')} (mehrere eingehende Flüsse, wie XOR)"
                by_en = f"by the activity {_ref(j, 'en')} (several incoming flows, like XOR)"
            yield _finding(
                ctx,
                rule_id,
                [split, join],
                (
                    f"Die Verzweigung {_ref(s, 'de')} ({split_class.upper()}) wird "
                    f"{by_de} zusammengeführt: Verzweigung und Zusammenführung sind "
                    "verschiedener Art.",
                    f"The split {_ref(s, 'en')} ({split_class.upper()}) is closed {by_en}: "
                    "split and join are of different kinds.",
                ),
                (
                    "Schließen Sie jede Verzweigung mit einem Gateway derselben Art, sodass "
                    "Blöcke mit einem Eingang und einem Ausgang entstehen.",
                    "Close every split with a gateway of the same type, so that blocks with one "
                    "entry and one exit result.",
                ),
                [
                    _structure(f"{split}: {s.type} split → {join}: {j.type} join"),
                    _branch_evidence(view, join, pairs),
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
            yield _finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"Das Gateway {_ref(node, 'de')} wartet auf Wege, die an keiner gemeinsamen "
                    "Verzweigung beginnen: ob und wann alle ankommen, ist aus dem Modell nicht "
                    "zu erkennen.",
                    f"The gateway {_ref(node, 'en')} waits for paths that do not start at a "
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
                    _structure(
                        f"{node_id}: {node.type} join, "
                        f"{view.flow.in_degree(node_id)} incoming, no matching split"
                    )
                ],
                {"process": view.key, "join": node_id, "join_type": node.type},
            )


def _closed_joins(ctx: AnalysisContext, view: ProcessView) -> set[str]:
    """Every node where the branches of some split (any node with several ways out,
    boundary events included) first meet."""
    return {join for merges in _merges(ctx, view).values() for join in merges}


@rule("pmg-or-routing", kind=KIND)
def pmg_or_routing(ctx: AnalysisContext) -> Iterator[Finding]:
    """7PMG G5: an inclusive (OR) gateway."""
    rule_id = "pmg-or-routing"
    for view in process_views(ctx):
        for node_id, node in view.flow.nodes.items():
            if node.type != "inclusiveGateway":
                continue
            role = "split" if view.flow.is_split(node_id) else "join"
            yield _finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"Das Gateway {_ref(node, 'de')} ist inklusiv (ODER): welche und wie "
                    "viele Wege gelten, ist schwer zu lesen, und die Zusammenführung muss "
                    "wissen, auf welche Wege sie noch wartet.",
                    f"The gateway {_ref(node, 'en')} is inclusive (OR): which and how many "
                    "paths apply is hard to read, and the merge has to know which paths it "
                    "still waits for.",
                ),
                (
                    "Ersetzen Sie es durch exklusive und parallele Gateways, z. B. je Option "
                    "eine Ja/Nein-Frage oder eine parallele Verzweigung mit Prüfungen.",
                    "Replace it with exclusive and parallel gateways, e.g. one yes/no question "
                    "per option, or a parallel split with checks.",
                ),
                [_structure(f"{node_id}: inclusiveGateway {role}")],
                {"process": view.key, "role": role},
            )


@dataclass(frozen=True, slots=True)
class LabelStyle:
    """Verdict of the label heuristic: ``ok`` with ``reason`` ``object_verb`` (German),
    ``verb_object`` (English) or ``verb_clause`` ("Prüfen, ob …"), else one of
    ``question``, ``single_word``, ``nominalised``, ``verb_position``, ``no_verb``;
    ``word`` is the word the verdict rests on."""

    ok: bool
    reason: str
    word: str = ""


def _words(label: str) -> list[str]:
    text = _BRACKETS.sub(" ", " ".join(label.split()))
    text = _NUMBERING.sub("", text.strip())
    words = (token.strip(_PUNCTUATION) for token in _SEPARATORS.split(text))
    return [w for w in words if w and not w[0].isdigit()]


def _is_infinitive(word: str) -> bool:
    """German infinitive: ends in -en/-ern/-eln, written in lower case (a noun would be
    capitalised) or a known verb; not a known function word, adjective or participle."""
    last = word.split("-")[-1]
    lower = last.lower()
    if len(lower) < 4 or lower in DE_NOT_VERBS or lower[0].isdigit():
        return lower in {"tun", "sein"}
    if lower in DE_VERBS:
        return True
    return last[0].islower() and lower.endswith(("en", "ern", "eln"))


def _is_nominal(word: str) -> bool:
    lower = word.lower()
    return len(lower) >= 5 and lower.endswith(_NOMINAL_ENDINGS)


def label_style(label: str) -> LabelStyle:
    """Whether an activity label follows the verb-object style (7PMG G6).

    German: "Objekt + Verb im Infinitiv" — the last word is an infinitive ("Antrag prüfen",
    "Bescheid per Post versenden"), or an infinitive opens an "ob"/"dass" clause
    ("Prüfen, ob Unterlagen vollständig sind"). English: "verb + object" — the first word is
    a common verb ("Check application"). Leading numbering ("3.1") and bracketed notes are
    ignored. Anything else fails, with the reason: a question, a single word, a
    nominalisation (-ung, -tion, -nahme, -gabe), an infinitive in the wrong place, no verb.

    Examples
    --------
    >>> [label_style(x).ok for x in ("Antrag prüfen", "Gebühr berechnen", "Send notice")]
    [True, True, True]
    >>> label_style("Antragsprüfung durch SB")
    LabelStyle(ok=False, reason='nominalised', word='Antragsprüfung')
    >>> label_style("Prüfung").reason, label_style("Bescheid versenden per Post").reason
    ('single_word', 'verb_position')
    """
    words = _words(label)
    if not words:
        return LabelStyle(False, "no_verb")
    first = words[0].lower()
    clause = len(words) > 1 and words[1].lower() in _CLAUSE_WORDS
    if clause and (_is_infinitive(words[0]) or first in DE_VERBS or first in EN_VERBS):
        return LabelStyle(True, "verb_clause", words[0])
    if label.rstrip().endswith("?"):
        return LabelStyle(False, "question", "?")
    if first in _QUESTION_WORDS:
        return LabelStyle(False, "question", words[0])
    if len(words) == 1:
        return LabelStyle(False, "single_word", words[0])
    if _is_infinitive(words[-1]):
        return LabelStyle(True, "object_verb", words[-1])
    verb_at = 1 if first.endswith("ly") and len(words) > 2 else 0  # "Manually approve …"
    english = words[verb_at].lower()
    if english in EN_VERBS or (english.endswith(("ize", "ise", "ify")) and len(english) > 5):
        return LabelStyle(True, "verb_object", words[verb_at])
    nominal = next((w for w in words if _is_nominal(w)), None)
    if nominal is not None:
        return LabelStyle(False, "nominalised", nominal)
    verb = next((w for w in words if _is_infinitive(w)), None)
    if verb is not None:
        return LabelStyle(False, "verb_position", verb)
    return LabelStyle(False, "no_verb", words[-1])


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
            yield _finding(
                ctx,
                rule_id,
                [node_id],
                (
                    f"Die Bezeichnung {_name(node, 'de')} {de}. Üblich ist „Objekt + Verb im "
                    "Infinitiv“, damit jeder sofort sieht, was getan wird.",
                    f"The label {_name(node, 'en')} {en}. The convention is 'verb + object' "
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
            de, en = _scope_words(view, scope, ctx)
            per_lane = ", ".join(
                f"{name}: {n}" for name, n in sorted(lanes.items(), key=lambda item: -item[1])
            )
            hint_de = f" (je Bahn: {per_lane})" if len(lanes) > 1 else ""
            hint_en = f" (per lane: {per_lane})" if len(lanes) > 1 else ""
            yield _finding(
                ctx,
                rule_id,
                [_scope_shape(view, scope)],
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
                [_structure(f"{scope.id or view.key}: {len(scope.nodes)} flow nodes on one level")],
                {
                    "process": view.key,
                    "scope": scope.id,
                    "size": len(scope.nodes),
                    "threshold": limit,
                    "lanes": lanes,
                },
            )
