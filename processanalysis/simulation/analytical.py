"""The analytical model: expected effort, cost, utilisation and lead time of a process.

No randomness: every figure is an expectation that follows from the branch
probabilities and the mean times of :class:`~processanalysis.simulation.parameters.
ProcessParameters`, in time linear in the model's size. The simulation
(:mod:`processanalysis.simulation.engine`) reads the parameters through the same
:func:`bind_parameters`, so both agree on what the parameters mean.

* **Visits** per element come from :func:`processanalysis.analysis.visits.visit_analysis`
  (an absorbing Markov chain) with the binding's probabilities. An inclusive split
  activates branch ``i`` with ``p_i`` (plus, for its fallback flow, the chance that no
  branch is chosen), and its join fires once per split (the join's inflow is divided by
  the expected number of activated branches). A boundary timer with a duration fires
  with the probability that lay plus processing time exceed it (estimated from their
  distributions, queueing left out); an interrupting one cuts the activity's time to
  ``E[min(lay + processing, timer)]``.
* **Effort** per case: ``sum(visits(a) * E[processing(a)])``; per year times the cases
  per year. **Cost**: effort in hours times the unit's cost per hour (or the default)
  plus the fixed cost per visit.
* **Utilisation** of a unit: its yearly workload divided by its capacity
  ``staff * productive hours per FTE and year``.
* **Lead time** along the critical path: a backward pass over the control flow
  computes the expected remaining time of every node, ``R(n) = D(n) + ...``, where
  ``D(n)`` is the mean waiting (lay) plus processing time of a visit; exclusive splits
  weight their branches by probability, parallel splits take the longest branch (which
  includes the common tail after the join), inclusive splits the expected longest of the
  activated ones; loops are solved exactly as linear systems (so a loop's time counts
  with its expected repetitions). ``lead_time_with_queueing`` adds an M/M/c estimate of
  the queue in front of each unit.

Examples
--------
>>> from processanalysis.bpmn.importer import read_bpmn
>>> from processanalysis.simulation.parameters import (
...     ActivityParameters, Arrivals, Distribution, ProcessParameters)
>>> model = read_bpmn(b'''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
...   <process id="p"><startEvent id="s"/><task id="check"/><exclusiveGateway id="ok"/>
...   <endEvent id="e"/><sequenceFlow id="f1" sourceRef="s" targetRef="check"/>
...   <sequenceFlow id="f2" sourceRef="check" targetRef="ok"/>
...   <sequenceFlow id="back" sourceRef="ok" targetRef="check"/>
...   <sequenceFlow id="done" sourceRef="ok" targetRef="e"/></process></definitions>''')
>>> params = ProcessParameters(
...     activities={"check": ActivityParameters("check", Distribution.constant(30))},
...     probabilities={"back": 0.25}, arrivals=Arrivals(cases_per_year=1000))
>>> result = analytical_model(model, params)
>>> result.visits["check"], result.effort_per_case, result.lead_time
(1.3333333333333333, 40.0, 40.0)
>>> round(result.units["p"].utilisation, 4)  # 1000 * 40 min / (1 FTE * 1600 h * 60)
0.4167
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from processanalysis.analysis.handoffs import handoffs_per_case
from processanalysis.analysis.visits import (
    ControlEdge,
    solve_m_matrix,
    start_nodes,
    strongly_connected_components,
    visit_analysis,
)
from processanalysis.bpmn.model import (
    Activity,
    CallActivity,
    Definitions,
    Event,
    Gateway,
    SubProcess,
)
from processanalysis.simulation.binding import (
    DECISIONS,
    INCLUSIVE,
    Assumption,
    Binding,
    bind_parameters,
    servers,
)
from processanalysis.simulation.parameters import ProcessParameters
from processanalysis.simulation.queueing import QueueFigures, mmc

__all__ = [
    "ActivityFigures",
    "AnalyticalResult",
    "UnitFigures",
    "analytical_model",
]


@dataclass(slots=True)
class ActivityFigures:
    """Expected figures of one activity (times in minutes, money in euros)."""

    element_id: str
    name: str
    resource: str | None
    visits: float
    waiting_mean: float  # lay time per visit
    processing_mean: float  # per visit (work done, cut by interrupting timers)
    effort_per_case: float
    effort_per_year: float | None
    cost_per_case: float
    cost_per_year: float | None


@dataclass(slots=True)
class UnitFigures:
    """Workload, capacity and utilisation of one unit (resource)."""

    id: str
    name: str
    staff: float
    cost_per_hour: float
    effort_per_case: float  # minutes
    workload_per_year: float | None  # minutes
    capacity_per_year: float  # minutes: staff * productive hours * 60
    utilisation: float | None  # workload / capacity
    queue: QueueFigures | None  # M/M/c estimate with servers(staff) servers


@dataclass(slots=True)
class AnalyticalResult:
    """Expected figures of one case and of a year; see the module for the formulas."""

    visits: dict[str, float]
    activities: dict[str, ActivityFigures]
    units: dict[str, UnitFigures]
    effort_per_case: float
    effort_per_year: float | None
    cost_per_case: float
    cost_per_year: float | None
    handoffs_per_case: float
    lead_time: float
    lead_time_with_queueing: float | None
    critical_path: list[str]
    cases_per_year: float | None
    assumptions: list[Assumption] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (``inf`` becomes ``None``)."""
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


# -- the model --------------------------------------------------------------------------------


def analytical_model(model: Definitions, params: ProcessParameters) -> AnalyticalResult:
    """Expected visits, effort, cost, hand-offs, utilisation and lead time of ``model``.

    Parameters
    ----------
    model
        The imported model.
    params
        Its parameters (see :mod:`processanalysis.simulation.parameters`); what they
        leave open is filled with stated defaults, listed in ``assumptions``.

    Returns
    -------
    AnalyticalResult
        Times in minutes, money in euros, per case and (with cases per year) per year.
    """
    binding = bind_parameters(model, params)
    return _analyse(binding)


def _analyse(binding: Binding) -> AnalyticalResult:
    analysis = visit_analysis(binding.ctx)
    visits = analysis.visits
    cases = binding.cases_per_year()
    activities: dict[str, ActivityFigures] = {}
    no_time: list[str] = []
    default_cost: set[str] = set()
    per_visit_duration: dict[str, float] = {}
    truncated_timers = _interrupting_timers(binding)
    for node in binding.flow_nodes.values():
        if node.id is None:
            continue
        lay = binding.waiting(node.id)
        lay_mean = lay.sampled_mean() if lay is not None else 0.0
        if not isinstance(node, Activity):
            per_visit_duration[node.id] = lay_mean
            continue
        processing = binding.processing(node.id)
        work = processing.sampled_mean() if processing is not None else 0.0
        duration = lay_mean + work
        if node.id in truncated_timers:
            tau = truncated_timers[node.id]
            survival = binding.duration_survival(node.id)
            if survival is not None:
                duration = _integral(survival, tau)
                lay_survival = lay.survival if lay is not None else (lambda x: 0.0)
                work = max(0.0, duration - _integral(lay_survival, tau))
        if processing is None and not isinstance(node, SubProcess) and lay is None:
            no_time.append(node.id)
        per_visit_duration[node.id] = duration
        resource = binding.resource_of.get(node.id)
        rate = binding.cost_per_hour(resource)
        if processing is not None:
            known = binding.resources.get(resource or "")
            if known is None or known.cost_per_hour is None:
                default_cost.add(resource or node.id)
        v = visits.get(node.id, 0.0)
        cost = v * (work / 60.0 * rate + binding.fixed_cost(node.id))
        activities[node.id] = ActivityFigures(
            element_id=node.id,
            name=node.label,
            resource=resource,
            visits=v,
            waiting_mean=lay_mean,
            processing_mean=work,
            effort_per_case=v * work,
            effort_per_year=v * work * cases if cases is not None else None,
            cost_per_case=cost,
            cost_per_year=cost * cases if cases is not None else None,
        )
    units = _units(binding, activities, cases)
    effort = math.fsum(a.effort_per_case for a in activities.values())
    cost = math.fsum(a.cost_per_case for a in activities.values())
    lead, path = _lead_time(binding, per_visit_duration)
    with_queueing: float | None = None
    if cases is not None:
        queued = dict(per_visit_duration)
        for figures in activities.values():
            unit = units.get(figures.resource or "")
            if unit is not None and unit.queue is not None and figures.processing_mean > 0:
                queued[figures.element_id] += unit.queue.waiting_mean
        with_queueing = _lead_time(binding, queued)[0]
    _state_assumptions(binding, analysis.unbounded, no_time, default_cost, cases)
    return AnalyticalResult(
        visits=dict(visits),
        activities=activities,
        units=units,
        effort_per_case=effort,
        effort_per_year=effort * cases if cases is not None else None,
        cost_per_case=cost,
        cost_per_year=cost * cases if cases is not None else None,
        handoffs_per_case=handoffs_per_case(binding.ctx),
        lead_time=lead,
        lead_time_with_queueing=with_queueing,
        critical_path=path,
        cases_per_year=cases,
        assumptions=list(binding.assumptions),
    )


def _interrupting_timers(binding: Binding) -> dict[str, float]:
    """Activity id -> the shortest mean duration of its interrupting boundary timers."""
    result: dict[str, float] = {}
    for event_id, duration in binding.timers.items():
        event = binding.flow_nodes[event_id]
        if isinstance(event, Event) and event.interrupting and event.attached_to:
            tau = duration.sampled_mean()
            result[event.attached_to] = min(tau, result.get(event.attached_to, math.inf))
    return result


def _integral(survival: Callable[[float], float], upper: float, steps: int = 512) -> float:
    """E[min(X, upper)] = integral of P(X > x) from 0 to ``upper`` (Simpson's rule)."""
    if upper <= 0:
        return 0.0
    h = upper / steps
    total = survival(0.0) + survival(upper)
    for i in range(1, steps):
        total += (4 if i % 2 else 2) * survival(i * h)
    return total * h / 3


def _units(
    binding: Binding, activities: dict[str, ActivityFigures], cases: float | None
) -> dict[str, UnitFigures]:
    defaults = binding.params.defaults
    minutes_per_fte = defaults.productive_hours_per_fte_year * 60
    interarrival, _origin = binding.interarrival()
    arrival_rate = 1.0 / interarrival.mean if interarrival.mean > 0 else 0.0
    effort: dict[str, float] = {}
    visits: dict[str, float] = {}
    for figures in activities.values():
        if figures.resource is None or figures.processing_mean <= 0:
            continue
        effort[figures.resource] = effort.get(figures.resource, 0.0) + figures.effort_per_case
        visits[figures.resource] = visits.get(figures.resource, 0.0) + figures.visits
    result: dict[str, UnitFigures] = {}
    for rid, resource in binding.resources.items():
        per_case = effort.get(rid, 0.0)
        capacity = resource.staff * minutes_per_fte
        workload = per_case * cases if cases is not None else None
        utilisation = workload / capacity if workload is not None and capacity > 0 else None
        queue = None
        if visits.get(rid, 0.0) > 0 and cases is not None:
            count = servers(resource.staff)
            service = per_case / visits[rid]
            queue = mmc(arrival_rate * visits[rid], service, count)
        result[rid] = UnitFigures(
            id=rid,
            name=resource.name,
            staff=resource.staff,
            cost_per_hour=binding.cost_per_hour(rid),
            effort_per_case=per_case,
            workload_per_year=workload,
            capacity_per_year=capacity,
            utilisation=utilisation,
            queue=queue,
        )
    return result


def _state_assumptions(
    binding: Binding,
    unbounded: frozenset[str],
    no_time: list[str],
    default_cost: set[str],
    cases: float | None,
) -> None:
    defaults = binding.params.defaults
    if binding.timer_fires:
        binding.note(
            "timer-estimated",
            "Wie oft ein Zeitgeber-Randereignis auslöst, ist aus Liege- und "
            "Bearbeitungszeit geschätzt (ohne Warteschlange).",
            "How often a boundary timer fires is estimated from lay and processing "
            "time (queueing left out).",
            None,
            binding.timer_fires,
        )
    binding.note(
        "productive-hours",
        f"Kapazität: {defaults.productive_hours_per_fte_year:g} produktive Stunden je VZÄ "
        "und Jahr.",
        f"Capacity: {defaults.productive_hours_per_fte_year:g} productive hours per FTE and year.",
        defaults.productive_hours_per_fte_year,
    )
    if default_cost:
        binding.note(
            "cost-per-hour",
            f"Einheiten ohne Stundensatz: {defaults.cost_per_hour:g} € je Stunde.",
            f"Units without a cost rate: {defaults.cost_per_hour:g} € per hour.",
            defaults.cost_per_hour,
            default_cost,
        )
    if no_time:
        binding.note(
            "no-processing-time",
            "Aktivitäten ohne Bearbeitungs- und Liegezeit zählen mit 0 Minuten.",
            "Activities without processing and lay time count as 0 minutes.",
            0.0,
            no_time,
        )
    if cases is None:
        binding.note(
            "no-cases-per-year",
            "Keine Fallzahl: Jahreswerte und Auslastung fehlen.",
            "No case volume: yearly figures and utilisation are missing.",
        )
    elif binding.params.arrivals.cases_per_year is None:
        binding.note(
            "cases-from-interarrival",
            "Fallzahl aus der Zwischenankunftszeit (rund um die Uhr bzw. im Ankunftskalender).",
            "Cases per year from the inter-arrival time (around the clock or within the "
            "arrival calendar).",
            cases,
        )
    binding.note(
        "queueing-mmc",
        "Wartezeit in der Warteschlange geschätzt als M/M/c-System je Einheit "
        "(c = gerundete VZÄ, mindestens 1); Kalender bleiben unberücksichtigt.",
        "Queue waiting estimated as an M/M/c system per unit (c = rounded FTE, at least "
        "1); calendars are not taken into account.",
    )
    if unbounded:
        binding.note(
            "unbounded-loop",
            "Schleifen, die (fast) nie verlassen werden: Besuche begrenzt, Durchlaufzeit "
            "unendlich.",
            "Loops that are (almost) never left: visits capped, lead time infinite.",
            None,
            unbounded,
        )
    markers = [
        n.id or ""
        for n in binding.flow_nodes.values()
        if isinstance(n, Activity) and n.loop is not None
    ]
    if markers:
        binding.note(
            "loop-marker",
            "Schleifen- und Mehrfachinstanz-Markierungen: eine Ausführung je Besuch.",
            "Loop and multi-instance markers: one execution per visit.",
            None,
            markers,
        )
    calls = [n.id or "" for n in binding.flow_nodes.values() if isinstance(n, CallActivity)]
    if calls:
        binding.note(
            "call-activity",
            "Aufrufaktivitäten zählen wie Aufgaben (der gerufene Prozess wird nicht eingerechnet).",
            "Call activities count as tasks (the called process is not expanded).",
            None,
            calls,
        )


# -- lead time -------------------------------------------------------------------------------

Linear = tuple[float, dict[str, float]]


def _lead_time(binding: Binding, duration: dict[str, float]) -> tuple[float, list[str]]:
    """Expected lead time of a case and its critical path (a backward pass)."""
    outgoing: dict[str, list[ControlEdge]] = {}
    for edge in binding.edges:
        outgoing.setdefault(edge.source, []).append(edge)
    nodes = list(dict.fromkeys([*binding.flow_nodes, *outgoing]))
    remaining: dict[str, float] = {}
    linear: dict[str, Linear] = {}

    def lin(node: str) -> Linear:
        return _linearise(binding, node, outgoing.get(node, []), duration, remaining)

    components = strongly_connected_components(
        nodes, lambda n: [e.target for e in outgoing.get(n, [])]
    )
    for component in components:  # sinks first: every successor is known
        node = component[0]
        if len(component) == 1 and all(e.target != node for e in outgoing.get(node, [])):
            linear[node] = lin(node)
            constant, weights = linear[node]
            remaining[node] = constant + math.fsum(
                w * remaining.get(t, 0.0) for t, w in weights.items()
            )
            continue
        _solve_component(component, lin, remaining, linear)
    lead = 0.0
    starts = start_nodes(binding.ctx)
    for group in _start_groups(binding, starts):
        explicit = all(binding.flow_nodes[n].type == "startEvent" for n in group)
        values = [remaining.get(n, 0.0) for n in group]
        if explicit:
            total = sum(starts[n] for n in group) or 1.0
            value = math.fsum(starts[n] * r for n, r in zip(group, values, strict=True)) / total
        else:
            value = max(values, default=0.0)
        lead = max(lead, value)
    first = max(
        (n for g in _start_groups(binding, starts) for n in g),
        key=lambda n: remaining.get(n, 0.0),
        default=None,
    )
    path = _critical_path(binding, first, linear, remaining) if first is not None else []
    return lead, path


def _start_groups(binding: Binding, starts: dict[str, float]) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for node in starts:
        for i, graph in enumerate(binding.ctx.process_graph_list):
            if node in graph:
                groups.setdefault(i, []).append(node)
                break
    return list(groups.values())


def _solve_component(
    component: list[str],
    lin: Callable[[str], Linear],
    remaining: dict[str, float],
    linear: dict[str, Linear],
) -> None:
    """Remaining times in a loop: policy iteration over the linear forms (a parallel
    split's longest branch may change as the values settle)."""
    members = sorted(component)
    index = {n: i for i, n in enumerate(members)}
    for n in members:
        remaining[n] = 0.0
    previous = None
    for _ in range(20):
        forms = {n: lin(n) for n in members}
        signature = {n: tuple(sorted(w)) for n, (_c, w) in forms.items()}
        if signature == previous:
            break
        rows: list[dict[int, float]] = []
        rhs: list[float] = []
        for n in members:
            constant, weights = forms[n]
            row = {index[n]: 1.0}
            value = constant
            for target, weight in weights.items():
                j = index.get(target)
                if j is None:
                    value += weight * remaining.get(target, 0.0)
                else:
                    row[j] = row.get(j, 0.0) - weight
            rows.append(row)
            rhs.append(value)
        solution = solve_m_matrix(rows, rhs)
        if solution is None:
            for n in members:
                remaining[n] = math.inf
            linear.update(forms)
            return
        for n in members:
            remaining[n] = solution[index[n]]
        linear.update(forms)
        previous = signature


def _linearise(
    binding: Binding,
    node: str,
    edges: list[ControlEdge],
    duration: dict[str, float],
    remaining: dict[str, float],
) -> Linear:
    """``R(node) = constant + sum(weight * R(target))`` at the current values of ``R``."""
    element = binding.flow_nodes.get(node)
    own = duration.get(node, 0.0)
    weights: dict[str, float] = {}

    def add(target: str, weight: float) -> None:
        if weight > 0:
            weights[target] = weights.get(target, 0.0) + weight

    def value(target: str) -> float:
        return remaining.get(target, 0.0)

    enter = [e for e in edges if e.kind == "enter"]
    if enter:  # a sub-process: its content runs before the flow continues
        explicit = all(binding.flow_nodes[e.target].type == "startEvent" for e in enter)
        if explicit:
            for e in enter:
                add(e.target, e.probability)
        else:
            add(max(enter, key=lambda e: value(e.target)).target, 1.0)
    for e in edges:
        if e.kind == "link":
            add(e.target, 1.0)
    sequence = [e for e in edges if e.kind == "sequence"]
    interrupting = 0.0
    boundaries = [e for e in edges if e.kind == "boundary" and e.probability > 0]
    for e in boundaries:
        event = binding.flow_nodes.get(e.target)
        if isinstance(event, Event) and event.interrupting:
            interrupting += e.probability
    share = max(0.0, 1.0 - interrupting)
    seq_weights: dict[str, float] = {}
    if sequence:
        kind = element.type if isinstance(element, Gateway) else ""
        if kind in DECISIONS:
            total = sum(e.probability for e in sequence) or 1.0
            for e in sequence:
                seq_weights[e.target] = seq_weights.get(e.target, 0.0) + e.probability / total
        elif kind in INCLUSIVE and len(sequence) > 1:
            seq_weights = _inclusive_weights(binding, node, sequence, value)
        else:
            longest = max(sequence, key=lambda e: value(e.target))
            seq_weights[longest.target] = 1.0
    seq_value = math.fsum(w * value(t) for t, w in seq_weights.items())
    constant = own
    for e in boundaries:
        event = binding.flow_nodes.get(e.target)
        q = e.probability
        if isinstance(event, Event) and event.interrupting:
            add(e.target, q)
            continue
        # Non-interrupting: a second token; the case waits for the longer of the two.
        start = binding.timers[e.target].sampled_mean() if e.target in binding.timers else own
        if start + value(e.target) > own + seq_value:
            constant += q * (start - own)
            add(e.target, q)
            share *= 1.0 - q
    for target, weight in seq_weights.items():
        add(target, share * weight)
    return constant, weights


def _inclusive_weights(
    binding: Binding, node: str, sequence: list[ControlEdge], value: Callable[[str], float]
) -> dict[str, float]:
    """Weights giving the expected longest activated branch of an inclusive split."""
    ranked = sorted(sequence, key=lambda e: -value(e.target))
    weights: dict[str, float] = {}
    none_before = 1.0
    for e in ranked:
        p = binding.probabilities.get(e.flow or "", 0.0)
        weights[e.target] = weights.get(e.target, 0.0) + p * none_before
        none_before *= 1.0 - p
    fallback = binding.fallback.get(node)
    target = binding.flows[fallback].target if fallback in binding.flows else None
    if target is not None and none_before > 0:
        weights[target] = weights.get(target, 0.0) + none_before
    return weights


def _critical_path(
    binding: Binding, first: str, linear: dict[str, Linear], remaining: dict[str, float]
) -> list[str]:
    """The most probable branch at decisions, the longest one elsewhere (parallel and
    inclusive splits, sub-processes), until the path ends or comes back."""
    path: list[str] = []
    seen: set[str] = set()
    node: str | None = first
    while node is not None and node not in seen:
        seen.add(node)
        path.append(node)
        _constant, weights = linear.get(node, (0.0, {}))
        candidates = [t for t in weights if t not in seen]
        if not candidates:
            break
        element = binding.flow_nodes.get(node)
        if isinstance(element, Gateway) and element.type in DECISIONS:
            node = max(candidates, key=lambda t: (weights[t], remaining.get(t, 0.0)))
        else:
            node = max(candidates, key=lambda t: (weights[t] * remaining.get(t, 0.0), weights[t]))
    return path
