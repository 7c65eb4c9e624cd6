"""Hand-offs: where responsibility for a case changes unit (lane) or organisation (pool).

A *lane hand-off* joins two consecutive **steps** in different units. Steps are the
nodes that carry work or a medium: activities (tasks, sub-processes, call activities)
and message events. Gateways and the other events (none, timer, link, terminate ...)
only route the flow; modellers place them wherever there is room, so they are
transparent: the walk passes through them and compares the units of the nearest steps
on either side. "Antrag prüfen" (Sachbearbeitung) → gateway (Sachgebietsleitung) →
"Bescheid erstellen" (Sachbearbeitung) is therefore no hand-off at all, and a gateway
in a third lane never turns one hand-off into two. A sub-process is a step of its own
lane that hands the case to its first inner steps.

A *pool hand-off* is every message flow between two different pools (the citizen,
another authority, a black-box participant).

Hand-offs per case weight each hand-off by how often it happens (:mod:`visits`):
a lane hand-off ``s → t`` counts the expected tokens that leave ``s`` and reach ``t``
through transparent nodes (visits(s) × the branch probabilities on the way), a message
flow counts the visits of its sending node (its receiving node when a black-box pool
sends, once per case between two black boxes).

Examples
--------
>>> from processanalysis.bpmn.importer import read_bpmn
>>> from processanalysis.analysis.context import AnalysisContext
>>> from processanalysis.analysis.profile import load_profile
>>> model = read_bpmn('''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
...   <process id="p"><laneSet><lane id="A" name="Poststelle"><flowNodeRef>t1</flowNodeRef>
...   </lane><lane id="B" name="Sachbearbeitung"><flowNodeRef>t2</flowNodeRef></lane></laneSet>
...   <startEvent id="s"/><task id="t1" name="Post öffnen"/><task id="t2" name="Antrag prüfen"/>
...   <sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>
...   <sequenceFlow id="f2" sourceRef="t1" targetRef="t2"/></process></definitions>'''.encode())
>>> ctx = AnalysisContext(model, load_profile())
>>> handoff_matrix(ctx), handoffs_per_case(ctx)
({'Poststelle': {'Sachbearbeitung': 1.0}}, 1.0)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from processanalysis.analysis.context import Unit
from processanalysis.analysis.finding import Evidence, Finding
from processanalysis.analysis.registry import rule
from processanalysis.analysis.visits import (
    ControlEdge,
    cached,
    control_components,
    control_edges,
    control_successors,
    flow_order,
    visit_analysis,
)
from processanalysis.analysis.vocabulary import normalise
from processanalysis.bpmn.model import Activity, Event, FlowNode, SubProcess

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext

__all__ = [
    "EXTERNAL_PARTY_WORDS",
    "Handoff",
    "authority_pools",
    "external_parties",
    "handoff_matrix",
    "handoff_rows",
    "handoffs",
    "handoffs_per_case",
    "is_handoff_step",
    "responsible_units",
    "step_graph",
    "unit_labels",
    "units_involved",
]

#: Vocabulary: pool names that mark an external party (citizen, company, applicant) even
#: when the pool has lanes. Matched inside words after folding case and umlauts.
EXTERNAL_PARTY_WORDS: tuple[str, ...] = (
    "buerger",
    "einwohner",
    "antragstell",
    "kunde",
    "unternehm",
    "firma",
    "gewerbetreib",
    "bauherr",
    "extern",
    "citizen",
    "applicant",
    "customer",
    "company",
)

#: Words that mark the administration itself; they win over EXTERNAL_PARTY_WORDS
#: ("Stadt Musterstadt – Bürgerbüro" is the authority, not a citizen).
AUTHORITY_WORDS: tuple[str, ...] = (
    "stadt",
    "gemeinde",
    "landkreis",
    "kreisverwaltung",
    "verwaltung",
    "behoerde",
    "rathaus",
    "buergerbuero",
    "buergeramt",
    "buergerservice",
    "ministerium",
    "municipality",
    "city of",
    "council",
    "authority",
)

ALL_EDGES = frozenset({"sequence", "boundary", "enter", "link"})


@dataclass(slots=True)
class Handoff:
    """One hand-off: the two elements, their units (ids), lane or pool, how often."""

    from_element: str
    to_element: str
    from_unit: str
    to_unit: str
    type: str  # "lane" | "pool"
    flows: list[str] = field(default_factory=list)
    per_case: float = 0.0


# -- the step graph ------------------------------------------------------------------------


def is_handoff_step(ctx: AnalysisContext, node: str) -> bool:
    """Activities and message events carry responsibility; the rest only routes."""
    element = ctx.flow_nodes.get(node)
    if isinstance(element, Activity):
        return True
    return isinstance(element, Event) and "message" in _event_kinds(ctx, element)


def _event_kinds(ctx: AnalysisContext, event: Event) -> set[str]:
    kinds = {d.kind for d in event.definitions}
    for ref in event.definition_refs:
        target = ctx.model.get(ref)
        if target is not None:
            kinds.add(target.type.removesuffix("EventDefinition"))
    return kinds


def step_graph(
    ctx: AnalysisContext,
    is_step: Callable[[str], bool],
    *,
    kinds: frozenset[str] = ALL_EDGES,
) -> nx.DiGraph:
    """Steps joined when one follows the other through non-step (transparent) nodes.

    Edge attributes: ``weight``, the expected tokens per case that leave the first step
    and reach the second (branch probabilities on the way, see :mod:`visits`), and
    ``flows``, the sequence flow ids on the way. Only control edges of ``kinds`` are
    followed; each transparent node is passed once per source step, so a cycle of
    gateways cannot hang the walk.
    """
    visits = visit_analysis(ctx).visits
    order = flow_order(ctx)
    outgoing: dict[str, list[ControlEdge]] = {}
    for edge in control_edges(ctx):
        if edge.kind in kinds:
            outgoing.setdefault(edge.source, []).append(edge)
    graph = nx.DiGraph()
    # Ask ``is_step`` once per node; the walks below test membership many times.
    step_set = {n for n in ctx.flow_nodes if is_step(n)}
    for edge in control_edges(ctx):
        if edge.target not in ctx.flow_nodes and is_step(edge.target):
            step_set.add(edge.target)
    steps = sorted((n for n in ctx.flow_nodes if n in step_set), key=order.__getitem__)
    graph.add_nodes_from(steps)
    graph.add_edges_from(
        (source, target, {"weight": weight, "flows": flows})
        for source in steps
        for target, weight, flows in _reach(source, outgoing, visits, step_set, order)
    )
    return graph


def _reach(
    source: str,
    outgoing: dict[str, list[ControlEdge]],
    visits: dict[str, float],
    step_set: set[str],
    order: dict[str, int],
) -> Iterator[tuple[str, float, list[str]]]:
    # The transparent region after ``source``, then the token mass pushed through it in
    # topological order (a region with a cycle is finished in reading order).
    region: set[str] = set()
    stack = [source]
    while stack:
        node = stack.pop()
        for edge in outgoing.get(node, ()):
            target = edge.target
            if target not in region and target not in step_set:
                region.add(target)
                stack.append(target)
    if not region:  # the common case: steps follow each other directly
        yield from _direct(source, outgoing, visits.get(source, 0.0), order)
        return
    pending = {n: 0 for n in region}
    for node in region:
        for edge in outgoing.get(node, []):
            if edge.target in region:
                pending[edge.target] += 1
    mass: dict[str, float] = {n: 0.0 for n in region}
    flows_to: dict[str, list[str]] = {n: [] for n in region}
    found: dict[str, tuple[float, list[str]]] = {}

    def push(node: str, amount: float, flows: list[str]) -> list[str]:
        ready = []
        for edge in outgoing.get(node, []):
            share = amount * edge.probability
            carried = [*flows, edge.flow] if edge.flow else list(flows)
            if edge.target in step_set:
                weight, known = found.get(edge.target, (0.0, []))
                found[edge.target] = (weight + share, _merge(known, carried))
            elif edge.target in region:
                mass[edge.target] += share
                flows_to[edge.target] = _merge(flows_to[edge.target], carried)
                if node in region:
                    pending[edge.target] -= 1
                if pending[edge.target] == 0:
                    ready.append(edge.target)
        return ready

    queue = deque(sorted((n for n in region if pending[n] == 0), key=order.__getitem__))
    queue.extend(push(source, visits.get(source, 0.0), []))
    done: set[str] = set()
    while len(done) < len(region):
        if not queue:  # a cycle of transparent nodes: continue at its first node
            queue.append(min(region - done, key=order.__getitem__))
        node = queue.popleft()
        if node in done:
            continue
        done.add(node)
        # Tokens from one source cannot pass a node more often than the node is visited
        # (two empty branches of a parallel split meet in one join firing).
        amount = min(mass[node], visits.get(node, 0.0))
        queue.extend(push(node, amount, flows_to[node]))
    for target in sorted(found, key=order.__getitem__):
        weight, flows = found[target]
        yield target, weight, flows


def _direct(
    source: str, outgoing: dict[str, list[ControlEdge]], amount: float, order: dict[str, int]
) -> Iterator[tuple[str, float, list[str]]]:
    """What :func:`_reach` finds when every edge out of ``source`` leads to a step."""
    found: dict[str, tuple[float, list[str]]] = {}
    for edge in outgoing.get(source, ()):
        share = amount * edge.probability
        carried = [edge.flow] if edge.flow else []
        known = found.get(edge.target)
        if known is None:
            found[edge.target] = (0.0 + share, carried)
        else:
            found[edge.target] = (known[0] + share, _merge(known[1], carried))
    targets = sorted(found, key=order.__getitem__) if len(found) > 1 else found
    for target in targets:
        weight, flows = found[target]
        yield target, weight, flows


def _merge(first: list[str], second: list[str]) -> list[str]:
    """``first``, then the items of ``second`` that are not in ``first``."""
    known = set(first)
    return first + [f for f in second if f not in known]


# -- units and parties ---------------------------------------------------------------------


def responsible_units(ctx: AnalysisContext) -> dict[str, Unit]:
    """:attr:`AnalysisContext.units`, completed where tools leave nodes out of the lanes:
    a boundary event without a lane belongs to its activity's unit, a node inside a
    sub-process without a lane to the sub-process's unit (many tools list only the
    top-level nodes of a lane)."""

    def build() -> dict[str, Unit]:
        units = dict(ctx.units)
        parents = {
            n: parent
            for graph in ctx.process_graphs.values()
            for n, parent in graph.nodes(data="parent")
        }

        def resolve(node: str, depth: int = 0) -> Unit:
            unit = units[node]
            if unit.lane is not None or depth > 50:
                return unit
            element = ctx.flow_nodes.get(node)
            owner = element.attached_to if isinstance(element, Event) else None
            owner = owner or parents.get(node)
            if owner in units:
                inherited = resolve(owner, depth + 1)
                if inherited.lane is not None:
                    units[node] = inherited
                    return inherited
            return unit

        for node in list(units):
            resolve(node)
        return units

    return cached(ctx, "responsible_units", build)


def unit_labels(ctx: AnalysisContext) -> dict[str, str]:
    """Display name of every unit id and pool id; a lane name used in two pools gets the
    pool's name in brackets so the matrix keeps them apart."""

    def build() -> dict[str, str]:
        units = {u.id: u for u in ctx.units.values()}
        names: dict[str, set[str]] = {}
        for unit in units.values():
            names.setdefault(unit.name, set()).add(unit.id)
        labels = dict(ctx.pool_names)
        for unit in units.values():
            ambiguous = len(names[unit.name]) > 1 and unit.lane is not None
            labels[unit.id] = f"{unit.name} ({unit.pool_name})" if ambiguous else unit.name
        return labels

    return cached(ctx, "unit_labels", build)


def _pools(ctx: AnalysisContext) -> list[tuple[str, str]]:
    """Every pool as (id, name): participants, and processes outside any collaboration."""
    pools = [(p.id, p.label or p.id) for p in ctx.model.participants if p.id]
    referenced = {p.process_ref for p in ctx.model.participants}
    for i, process in enumerate(ctx.model.processes):
        if process.id not in referenced and any(True for _ in process.walk()):
            pool_id = process.id or f"process-{i}"
            pools.append((pool_id, process.label or pool_id))
    return pools


def authority_pools(ctx: AnalysisContext) -> list[str]:
    """Pool ids of the analysed organisation: the pools with lanes, else those with the
    most activities; a pool named like a citizen, company or applicant never counts."""

    def build() -> list[str]:
        pools = _pools(ctx)
        with_lanes = {u.pool for u in ctx.units.values() if u.lane is not None}
        activities: dict[str, int] = {}
        for node in ctx.activities:
            unit = ctx.units.get(node.id or "")
            if unit is not None and unit.pool is not None:
                activities[unit.pool] = activities.get(unit.pool, 0) + 1
        inside = [p for p, name in pools if not _is_external_name(name)] or [p for p, _ in pools]
        chosen = [p for p in inside if p in with_lanes]
        if not chosen:
            most = max((activities.get(p, 0) for p in inside), default=0)
            chosen = [p for p in inside if most > 0 and activities.get(p, 0) == most]
        return chosen

    return cached(ctx, "authority_pools", build)


def _is_external_name(name: str) -> bool:
    folded = normalise(name)
    if any(word in folded for word in AUTHORITY_WORDS):
        return False
    return any(word in folded for word in EXTERNAL_PARTY_WORDS)


def units_involved(ctx: AnalysisContext) -> list[str]:
    """Names of the authority's units (its lanes holding flow nodes), in document order."""
    authority = set(authority_pools(ctx))
    labels = unit_labels(ctx)
    used = {u.id for u in responsible_units(ctx).values() if u.pool in authority}
    names: list[str] = []
    seen: set[str] = set()
    candidates = [lane.id for process in ctx.model.processes for lane in process.lanes()]
    candidates += [p for p, _name in _pools(ctx)]
    for unit_id in candidates:
        if unit_id in used and unit_id not in seen:
            seen.add(unit_id)
            names.append(labels[unit_id])
    return names


def external_parties(ctx: AnalysisContext) -> list[str]:
    """Names of the other pools: citizens, companies, other authorities, black boxes."""
    authority = set(authority_pools(ctx))
    return [name for pool, name in _pools(ctx) if pool not in authority]


# -- hand-offs -----------------------------------------------------------------------------


def handoffs(ctx: AnalysisContext) -> list[Handoff]:
    """Every lane hand-off in flow order, then every message flow between pools."""
    return cached(ctx, "handoffs", lambda: list(_find_handoffs(ctx)))


def _handoff_steps(ctx: AnalysisContext) -> nx.DiGraph:
    return cached(
        ctx, "handoff_steps", lambda: step_graph(ctx, lambda n: is_handoff_step(ctx, n))
    )


def _find_handoffs(ctx: AnalysisContext) -> Iterator[Handoff]:
    steps = _handoff_steps(ctx)
    units = responsible_units(ctx)
    for source, target, data in steps.edges(data=True):
        a, b = units.get(source), units.get(target)
        if a is None or b is None or a.id == b.id:
            continue
        yield Handoff(source, target, a.id, b.id, "lane", list(data["flows"]), data["weight"])
    visits = visit_analysis(ctx).visits
    pools = {p.id for p in ctx.model.participants if p.id}
    for flow in ctx.model.message_flows:
        if flow.source is None or flow.target is None:
            continue
        ends = [_message_end(ctx, end, pools) for end in (flow.source, flow.target)]
        if ends[0] is None or ends[1] is None or ends[0][1] == ends[1][1]:
            continue  # an unresolved end, or a message inside one pool (not a hand-off)
        if flow.source in ctx.flow_nodes:
            per_case = visits.get(flow.source, 0.0)
        elif flow.target in ctx.flow_nodes:
            per_case = visits.get(flow.target, 0.0)
        else:
            per_case = 1.0
        yield Handoff(
            flow.source,
            flow.target,
            ends[0][0],
            ends[1][0],
            "pool",
            [flow.id] if flow.id else [],
            per_case,
        )


def _message_end(ctx: AnalysisContext, end: str, pools: set[str]) -> tuple[str, str] | None:
    """(unit id, pool id) of a message flow end: a flow node or a pool."""
    unit = responsible_units(ctx).get(end)
    if unit is not None:
        return unit.id, unit.pool or unit.id
    if end in pools:
        return end, end
    return None


def handoff_rows(ctx: AnalysisContext) -> list[dict[str, Any]]:
    """The hand-off table: elements, unit names, lane/pool, flow ids, expected per case."""
    labels = unit_labels(ctx)
    return [
        {
            "from_element": h.from_element,
            "to_element": h.to_element,
            "from_unit": labels.get(h.from_unit, h.from_unit),
            "to_unit": labels.get(h.to_unit, h.to_unit),
            "type": h.type,
            "flows": list(h.flows),
            "per_case": h.per_case,
        }
        for h in handoffs(ctx)
    ]


def handoff_matrix(ctx: AnalysisContext) -> dict[str, dict[str, float]]:
    """From unit name → to unit name → expected hand-offs per case."""
    matrix: dict[str, dict[str, float]] = {}
    for row in handoff_rows(ctx):
        targets = matrix.setdefault(row["from_unit"], {})
        targets[row["to_unit"]] = targets.get(row["to_unit"], 0.0) + row["per_case"]
    return matrix


def handoffs_per_case(ctx: AnalysisContext) -> float:
    """Expected lane and pool hand-offs of one case (branch probabilities, equal split
    where the model has none)."""
    return sum(h.per_case for h in handoffs(ctx))


# -- rules ---------------------------------------------------------------------------------


def _label(ctx: AnalysisContext, element_id: str) -> str:
    element = ctx.model.get(element_id)
    if isinstance(element, FlowNode) and element.label:
        return element.label
    return ctx.pool_names.get(element_id) or element_id


def _num(value: float, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "de" else text


@rule("handoff-lane", kind="handoff")
def handoff_lane(ctx: AnalysisContext) -> Iterable[Finding]:
    """A change of lane (organisational unit) between two consecutive steps."""
    labels = unit_labels(ctx)
    for h in handoffs(ctx):
        if h.type != "lane":
            continue
        a, b = labels[h.from_unit], labels[h.to_unit]
        s, t = _label(ctx, h.from_element), _label(ctx, h.to_element)
        yield Finding(
            rule="handoff-lane",
            kind="handoff",
            severity=ctx.severity("handoff-lane"),
            elements=[h.from_element, h.to_element],
            message={
                "de": f"Übergabe von „{a}“ an „{b}“ nach „{s}“",
                "en": f"Hand-off from '{a}' to '{b}' after '{s}'",
            },
            evidence=[
                Evidence("structure", f"„{s}“ ({a}) → „{t}“ ({b})"),
                Evidence("flow", ", ".join(h.flows) or "–"),
            ],
            suggestion={
                "de": f"Zuständigkeit bündeln: Schritte „{s}“ und „{t}“ in einer "
                "Organisationseinheit bearbeiten, oder die Übergabe über E-Akte bzw. "
                "Fachverfahren ohne Liegezeit organisieren.",
                "en": f"Bundle responsibility: handle '{s}' and '{t}' in one unit, or pass "
                "the case through the e-file or line-of-business system without waiting time.",
            },
            data={
                "from_unit": a,
                "to_unit": b,
                "flows": list(h.flows),
                "per_case": h.per_case,
            },
        )


@rule("handoff-pool", kind="handoff")
def handoff_pool(ctx: AnalysisContext) -> Iterable[Finding]:
    """A message flow between two pools (organisations)."""
    labels = unit_labels(ctx)
    for h in handoffs(ctx):
        if h.type != "pool":
            continue
        a, b = labels.get(h.from_unit, h.from_unit), labels.get(h.to_unit, h.to_unit)
        flow = ctx.model.get(h.flows[0]) if h.flows else None
        name = flow.label if flow is not None and flow.label else ""
        what_de = f" (Nachricht „{name}“)" if name else ""
        what_en = f" (message '{name}')" if name else ""
        yield Finding(
            rule="handoff-pool",
            kind="handoff",
            severity=ctx.severity("handoff-pool"),
            elements=[h.from_element, h.to_element],
            message={
                "de": f"Übergabe von „{a}“ an „{b}“{what_de}",
                "en": f"Hand-off from '{a}' to '{b}'{what_en}",
            },
            evidence=[
                Evidence(
                    "flow",
                    f"{', '.join(h.flows) or '–'}: „{_label(ctx, h.from_element)}“ → "
                    f"„{_label(ctx, h.to_element)}“",
                )
            ],
            suggestion={
                "de": "Schnittstelle digitalisieren: Nachricht über Online-Dienst, Nutzerkonto "
                "(Postkorb) oder XÖV-Schnittstelle austauschen; Daten, die andere Stellen "
                "bereits haben, aus Registern abrufen (Once-Only).",
                "en": "Digitise the interface: exchange the message through the online "
                "service, the citizen account or an XÖV interface; retrieve data other "
                "bodies already hold from registers (once-only).",
            },
            data={
                "from_unit": a,
                "to_unit": b,
                "flow": h.flows[0] if h.flows else None,
                "per_case": h.per_case,
            },
        )


@rule("handoff-ping-pong", kind="handoff")
def handoff_ping_pong(ctx: AnalysisContext) -> Iterable[Finding]:
    """A case that goes from unit A to unit B and straight back to A."""
    steps = _handoff_steps(ctx)
    labels = unit_labels(ctx)
    order = flow_order(ctx)
    units = responsible_units(ctx)
    unit = {n: units[n].id for n in steps if n in units}
    for h in handoffs(ctx):
        if h.type != "lane":
            continue
        a, b = h.from_unit, h.to_unit
        # Follow the case while it stays in B; a step of B that hands the case back to A
        # closes a ping-pong (one finding per such step, its first return target shown).
        stretch, stack = [h.to_element], [h.to_element]
        in_stretch = {h.to_element}
        returns: dict[str, list[str]] = {}
        while stack:
            node = stack.pop()
            for nxt in sorted(steps.successors(node), key=order.__getitem__):
                if unit.get(nxt) == b and nxt not in in_stretch:
                    stretch.append(nxt)
                    in_stretch.add(nxt)
                    stack.append(nxt)
                elif unit.get(nxt) == a:
                    returns.setdefault(node, []).append(nxt)
        for node in sorted(returns, key=order.__getitem__):
            targets = returns[node]
            back = sum(steps.edges[node, t]["weight"] for t in targets)
            yield _ping_pong(ctx, h, node, targets, stretch, back, labels)


def _ping_pong(
    ctx: AnalysisContext,
    h: Handoff,
    last_in_b: str,
    targets: list[str],
    stretch: list[str],
    per_case: float,
    labels: dict[str, str],
) -> Finding:
    a, b = labels[h.from_unit], labels[h.to_unit]
    back = targets[0]
    x, y, z = (_label(ctx, n) for n in (h.from_element, h.to_element, back))
    return Finding(
        rule="handoff-ping-pong",
        kind="handoff",
        severity=ctx.severity("handoff-ping-pong"),
        elements=[h.from_element, h.to_element, back],
        message={
            "de": f"Ping-Pong: „{a}“ → „{b}“ → „{a}“ („{x}“, „{y}“, „{z}“)",
            "en": f"Ping-pong: '{a}' → '{b}' → '{a}' ('{x}', '{y}', '{z}')",
        },
        evidence=[
            Evidence("structure", f"„{x}“ ({a}) → „{y}“ ({b}) → „{z}“ ({a})"),
            Evidence("flow", ", ".join(h.flows) or "–"),
        ],
        suggestion={
            "de": f"Zuständigkeit bündeln: die Arbeit von „{b}“ an dieser Stelle in „{a}“ "
            "erledigen (z. B. Zeichnungsbefugnis delegieren) oder die Schritte so ordnen, "
            "dass der Fall nur einmal wechselt.",
            "en": f"Bundle responsibility: do the work of '{b}' here within '{a}' (e.g. "
            "delegate the signing authority) or order the steps so the case changes once.",
        },
        data={
            "units": [a, b, a],
            "steps_in_between": list(stretch),
            "last_in_between": last_in_b,
            "returns_to": list(targets),
            "per_case": per_case,
        },
        operations=_bundle_operations(ctx, h.from_element, stretch),
    )


def _bundle_operations(ctx: AnalysisContext, home: str, stretch: list[str]) -> list[str]:
    """Move the steps done in between into the lane of the unit the case returns to
    (``move_step``, processanalysis.variants); empty when that unit is no lane."""
    unit = responsible_units(ctx).get(home)
    if unit is None or unit.lane is None:
        return []
    steps = [
        n for n in stretch
        if isinstance(ctx.flow_nodes.get(n), Activity)
        and not isinstance(ctx.flow_nodes.get(n), SubProcess)
    ]
    if len(steps) != len(stretch):
        return []
    return [f"move_step:{step},{unit.lane}" for step in steps]


def _cyclic_nodes(ctx: AnalysisContext) -> dict[str, int]:
    """Node id → number of its cycle (strongly connected component with a loop)."""

    def build() -> dict[str, int]:
        successors = control_successors(ctx)
        result: dict[str, int] = {}
        for number, component in enumerate(control_components(ctx)):
            node = component[0]
            if len(component) > 1 or node in successors.get(node, {}):
                result.update({n: number for n in component})
        return result

    return cached(ctx, "cyclic_nodes", build)


@rule("handoff-in-loop", kind="handoff")
def handoff_in_loop(ctx: AnalysisContext) -> Iterable[Finding]:
    """A hand-off on a cycle of the control flow: it recurs with every iteration."""
    cycles = _cyclic_nodes(ctx)
    labels = unit_labels(ctx)
    for h in handoffs(ctx):
        if h.type == "lane":
            on_cycle = h.from_element in cycles and cycles[h.from_element] == cycles.get(
                h.to_element
            )
        else:
            on_cycle = h.from_element in cycles or h.to_element in cycles
        if not on_cycle:
            continue
        a, b = labels.get(h.from_unit, h.from_unit), labels.get(h.to_unit, h.to_unit)
        s, t = _label(ctx, h.from_element), _label(ctx, h.to_element)
        yield Finding(
            rule="handoff-in-loop",
            kind="handoff",
            severity=ctx.severity("handoff-in-loop"),
            elements=[h.from_element, h.to_element],
            message={
                "de": f"Übergabe von „{a}“ an „{b}“ liegt in einer Schleife und wiederholt "
                f"sich bei jedem Durchlauf (erwartet {_num(h.per_case, 'de')}-mal je Fall)",
                "en": f"Hand-off from '{a}' to '{b}' lies on a loop and recurs with every "
                f"iteration (expected {_num(h.per_case, 'en')} times per case)",
            },
            evidence=[
                Evidence("structure", f"„{s}“ ({a}) → „{t}“ ({b})"),
                Evidence("flow", ", ".join(h.flows) or "–"),
            ],
            suggestion={
                "de": "Rückfragen vermeiden: vollständige Unterlagen durch Online-Antrag mit "
                "Pflichtfeldern sicherstellen; Nacharbeit in der Einheit erledigen, die sie "
                "auslöst.",
                "en": "Avoid queries: ensure complete documents through an online application "
                "with mandatory fields; let the unit that triggers rework do it.",
            },
            data={
                "type": h.type,
                "from_unit": a,
                "to_unit": b,
                "flows": list(h.flows),
                "per_case": h.per_case,
            },
        )


@rule("handoff-many-units", kind="handoff")
def handoff_many_units(ctx: AnalysisContext) -> Iterable[Finding]:
    """A process whose case passes through more units than the profile's threshold."""
    threshold = ctx.threshold("handoff-many-units", default=4)
    order = flow_order(ctx)
    labels = unit_labels(ctx)
    steps = _handoff_steps(ctx)
    units = responsible_units(ctx)
    for process_id, graph in ctx.process_graphs.items():
        first: dict[str, str] = {}
        for node in sorted((n for n in graph if n in steps), key=order.__getitem__):
            unit = units.get(node)
            if unit is not None:
                first.setdefault(unit.id, node)
        if len(first) <= threshold:
            continue
        names = [labels[u] for u in first]
        listed = ", ".join(f"„{n}“" for n in names)
        yield Finding(
            rule="handoff-many-units",
            kind="handoff",
            severity=ctx.severity("handoff-many-units"),
            elements=list(first.values()),
            message={
                "de": f"Der Fall durchläuft {len(first)} Organisationseinheiten "
                f"(Schwelle {threshold:g}): {listed}",
                "en": f"The case passes through {len(first)} units "
                f"(threshold {threshold:g}): {listed}",
            },
            evidence=[
                Evidence("structure", f"„{labels[u]}“: „{_label(ctx, n)}“")
                for u, n in first.items()
            ],
            suggestion={
                "de": "Zuständigkeiten bündeln: eine Einheit führt den Fall (Fallverantwortung), "
                "andere Einheiten werden parallel beteiligt statt nacheinander.",
                "en": "Bundle responsibility: one unit owns the case, other units contribute "
                "in parallel instead of one after the other.",
            },
            data={"process": process_id, "units": names, "count": len(first)},
        )
