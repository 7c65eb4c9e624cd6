"""What a simulation measured: result types, statistics over replications, bottlenecks.

Figures are pooled over all replications (every observed case counts once); confidence
intervals come from the replication means (Student's t), or from ten batch means when
there is one replication.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from processanalysis.bpmn.model import Activity
from processanalysis.simulation.binding import Assumption, Binding, servers

if TYPE_CHECKING:
    from processanalysis.simulation.engine import Run

__all__ = [
    "CAPACITY_THRESHOLD",
    "ActivityStats",
    "Bottleneck",
    "ReplicationSummary",
    "ResourceStats",
    "SimulationResult",
    "confidence_interval",
    "rank_bottlenecks",
    "summarise",
]

#: Utilisation above which a bottleneck's reason is "capacity".
CAPACITY_THRESHOLD = 0.85


@dataclass(slots=True)
class ActivityStats:
    """Per activity over all observed cases (times in minutes)."""

    element_id: str
    name: str
    resource: str | None
    count: int  # executions (cancelled ones included)
    cancelled: int
    waiting_mean: float  # lay time + queue per execution
    queue_mean: float  # time in the resource's queue per execution
    lay_mean: float
    processing_mean: float
    queue_outside_hours: float  # share of the queue time outside the resource's hours
    waiting_ci95: float | None = None


@dataclass(slots=True)
class ResourceStats:
    """Per resource (unit): servers, utilisation and its queue over time."""

    id: str
    name: str
    servers: int
    utilisation: float  # share of the servers' working time busy: min(1, load)
    utilisation_ci95: float | None
    queue_mean: float  # time-average number waiting (Little: queue minutes / window)
    queue_max: int
    #: ``(time, waiting, busy servers)`` sampled at equal steps (first replication)
    series: list[tuple[float, int, int]] = field(default_factory=list)
    #: offered load: the work the window's arrivals demand over the servers' working
    #: time in the window; above 1 the unit is overloaded and its queue grows
    load: float = 0.0


@dataclass(frozen=True, slots=True)
class Bottleneck:
    """An activity whose queue produces waiting, and why."""

    element_id: str
    resource: str | None
    waiting_per_case: float  # queue minutes this activity adds to a case on average
    utilisation: float
    outside_hours: float  # share of the queue time outside the working hours
    reason: str  # "capacity" | "calendar" | "arrival peaks"


@dataclass(frozen=True, slots=True)
class ReplicationSummary:
    """The means of one replication (for confidence intervals and checks per run)."""

    seed: str
    cases: int
    lead_time_mean: float
    effort_mean: float
    cost_mean: float
    wip_mean: float  # time-average observed cases in the system
    arrival_rate: float  # observed cases per minute of the run
    waiting_mean: dict[str, float]  # activity id -> lay time + queue per execution
    queue_mean: dict[str, float]  # activity id -> queue per execution
    utilisation: dict[str, float]  # resource id -> utilisation, min(1, load)
    load: dict[str, float] = field(default_factory=dict)  # resource id -> offered load
    resource_queue: dict[str, float] = field(default_factory=dict)  # id -> mean queue length


@dataclass(slots=True)
class SimulationResult:
    """What a simulation run (all replications) measured; see :meth:`to_dict`."""

    cases: int  # observed cases, all replications
    replications: int
    seed: int
    lead_time_mean: float
    lead_time_p50: float
    lead_time_p90: float
    lead_time_ci95: float | None
    lead_times: list[float]  # every observed case, for a histogram
    effort_mean: float  # processing minutes per case
    cost_mean: float  # euros per case
    cost_ci95: float | None
    activities: dict[str, ActivityStats]
    resources: dict[str, ResourceStats]
    bottlenecks: list[Bottleneck]
    wip_mean: float  # time-average cases in the system (Little's L)
    arrival_rate: float  # observed cases per minute (Little's lambda)
    horizon: float  # simulated minutes (the last replication)
    per_replication: list[ReplicationSummary] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: ``{"cases", "lead_time": {"mean", "p50", "p90"},
        "activities": {id: {"count", "waiting_mean", "processing_mean"}},
        "resources": {name: {"utilisation"}}, "bottlenecks": [id, ...]}`` (minutes)."""
        return {
            "cases": self.cases,
            "lead_time": {
                "mean": _finite(self.lead_time_mean),
                "p50": _finite(self.lead_time_p50),
                "p90": _finite(self.lead_time_p90),
            },
            "activities": {
                a.element_id: {
                    "count": a.count,
                    "waiting_mean": a.waiting_mean,
                    "processing_mean": a.processing_mean,
                }
                for a in self.activities.values()
            },
            "resources": {
                _unique_name(r, self.resources): {"utilisation": r.utilisation}
                for r in self.resources.values()
            },
            "bottlenecks": [b.element_id for b in self.bottlenecks],
        }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _unique_name(resource: ResourceStats, resources: dict[str, ResourceStats]) -> str:
    clash = sum(1 for r in resources.values() if r.name == resource.name) > 1
    return f"{resource.name} ({resource.id})" if clash else resource.name


# Quantiles of Student's t for 1..30 degrees of freedom: 97.5 % and 99.5 % (two-sided 95
# and 99 % intervals); beyond 30 the normal quantiles.
_T = {
    0.95: (
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ),
    0.99: (
        63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.250, 3.169,
        3.106, 3.055, 3.012, 2.977, 2.947, 2.921, 2.898, 2.878, 2.861, 2.845,
        2.831, 2.819, 2.807, 2.797, 2.787, 2.779, 2.771, 2.763, 2.756, 2.750,
    ),
}  # fmt: skip
_Z = {0.95: 1.960, 0.99: 2.576}


def confidence_interval(values: list[float], level: float = 0.95) -> float | None:
    """Half-width of the confidence interval (``level`` 0.95 or 0.99) of the mean of
    independent ``values`` (Student's t); ``None`` for fewer than two values.

    >>> round(confidence_interval([9.0, 10.0, 11.0]), 3)
    2.484
    """
    if level not in _T:
        raise ValueError("level must be 0.95 or 0.99")
    n = len(values)
    if n < 2 or not all(math.isfinite(v) for v in values):
        return None
    mean = math.fsum(values) / n
    variance = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    table = _T[level]
    t = table[n - 2] if n - 1 <= len(table) else _Z[level]
    return t * math.sqrt(variance / n)


def _quantile(ordered: list[float], q: float) -> float:
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _batch_ci(values: list[float], batches: int = 10) -> float | None:
    """Batch means: the CI of the mean of one long run from ``batches`` equal parts."""
    size = len(values) // batches
    if size < 10:
        return None
    means = [math.fsum(values[i * size : (i + 1) * size]) / size for i in range(batches)]
    return confidence_interval(means)


def summarise(binding: Binding, runs: list[Run], seed: int) -> SimulationResult:
    """Pool the measurements of ``runs`` (replications) into one result."""
    lead_times = [t for run in runs for t in run.lead_times]
    efforts = [e for run in runs for e in run.efforts]
    costs = [c for run in runs for c in run.costs]
    count = len(lead_times)
    summaries = [_summary(binding, run) for run in runs]

    def ci(values: Callable[[Run], list[float]], of: Callable[[ReplicationSummary], float]):
        if len(runs) > 1:
            return confidence_interval([of(s) for s in summaries])
        return _batch_ci(values(runs[0]))

    activities = _activity_stats(binding, runs, summaries)
    resources = _resource_stats(runs, summaries)
    span = sum(run.end - (run.window_start or 0.0) for run in runs)
    warnings = [
        f"deadlock: {n} case(s) left tokens waiting at join {node}"
        for run in runs
        for node, n in sorted(run.deadlocks.items())
    ]
    _simulation_assumptions(binding)
    ordered = sorted(lead_times)
    return SimulationResult(
        cases=count,
        replications=len(runs),
        seed=seed,
        lead_time_mean=_mean(lead_times),
        lead_time_p50=_quantile(ordered, 0.5),
        lead_time_p90=_quantile(ordered, 0.9),
        lead_time_ci95=ci(lambda run: run.lead_times, lambda s: s.lead_time_mean),
        lead_times=lead_times,
        effort_mean=_mean(efforts),
        cost_mean=_mean(costs),
        cost_ci95=ci(lambda run: run.costs, lambda s: s.cost_mean),
        activities=activities,
        resources=resources,
        bottlenecks=rank_bottlenecks(activities, resources, count),
        wip_mean=sum(run.wip_area for run in runs) / span if span > 0 else 0.0,
        arrival_rate=sum(run.arrived_observed for run in runs) / span if span > 0 else 0.0,
        horizon=runs[-1].end,
        per_replication=summaries,
        assumptions=list(binding.assumptions),
        warnings=warnings,
    )


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values) if values else math.nan


def _summary(binding: Binding, run: Run) -> ReplicationSummary:
    span = run.end - (run.window_start or 0.0)
    waiting: dict[str, float] = {}
    queue: dict[str, float] = {}
    for node_id, node in run.net.nodes.items():
        if node.count and isinstance(binding.flow_nodes.get(node_id), Activity):
            waiting[node_id] = (node.queue_sum + node.lay_sum) / node.count
            queue[node_id] = node.queue_sum / node.count
    load, resource_queue = _resource_load(run)
    utilisation = {rid: min(1.0, value) for rid, value in load.items()}
    return ReplicationSummary(
        seed=run.seed,
        cases=len(run.lead_times),
        lead_time_mean=_mean(run.lead_times),
        effort_mean=_mean(run.efforts),
        cost_mean=_mean(run.costs),
        wip_mean=run.wip_area / span if span > 0 else 0.0,
        arrival_rate=run.arrived_observed / span if span > 0 else 0.0,
        waiting_mean=waiting,
        queue_mean=queue,
        utilisation=utilisation,
        load=load,
        resource_queue=resource_queue,
    )


def _resource_load(run: Run) -> tuple[dict[str, float], dict[str, float]]:
    """Per resource the offered load and the mean queue length over the arrival window.

    The window runs from the last warm-up arrival (the start without warm-up) to the last
    arrival; it holds one inter-arrival gap per observed case and is the same for every
    resource. The work counted is what the observed cases demanded of the resource,
    whenever it was done (also after the window, behind the lay times of a long process),
    over the servers' working minutes in the window (the resource's calendar). That is
    the indirect estimator ``λ E[S] / c`` of steady-state utilisation; the queue length
    is ``λ W_q`` (Little's law) over the same window.
    """
    start, end = run.arrival_from, run.arrival_to
    queue_minutes: dict[str, float] = {}
    for node in run.net.nodes.values():
        if node.resource is not None:
            rid = node.resource.id
            queue_minutes[rid] = queue_minutes.get(rid, 0.0) + node.queue_sum
    load, queue = {}, {}
    for rid, resource in run.net.resources.items():
        calendar = resource.calendar
        available = (end - start) if calendar is None else calendar.work_between(start, end)
        capacity = resource.servers * available
        load[rid] = resource.work / capacity if capacity > 0 else 0.0
        queue[rid] = queue_minutes.get(rid, 0.0) / (end - start) if end > start else 0.0
    return load, queue


def _activity_stats(
    binding: Binding, runs: list[Run], summaries: list[ReplicationSummary]
) -> dict[str, ActivityStats]:
    result = {}
    for node_id, element in binding.flow_nodes.items():
        if not isinstance(element, Activity):
            continue
        nodes = [run.net.nodes[node_id] for run in runs]
        count = sum(n.count for n in nodes)
        queue = sum(n.queue_sum for n in nodes)
        lay = sum(n.lay_sum for n in nodes)

        def per(value: float, count: int = count) -> float:
            return value / count if count else 0.0

        per_run = [s.waiting_mean[node_id] for s in summaries if node_id in s.waiting_mean]
        result[node_id] = ActivityStats(
            element_id=node_id,
            name=element.label,
            resource=binding.resource_of.get(node_id),
            count=count,
            cancelled=sum(n.cancelled for n in nodes),
            waiting_mean=per(queue + lay),
            queue_mean=per(queue),
            lay_mean=per(lay),
            processing_mean=per(sum(n.proc_sum for n in nodes)),
            queue_outside_hours=sum(n.closed_sum for n in nodes) / queue if queue > 0 else 0.0,
            waiting_ci95=confidence_interval(per_run) if len(per_run) == len(runs) else None,
        )
    return result


def _resource_stats(
    runs: list[Run], summaries: list[ReplicationSummary]
) -> dict[str, ResourceStats]:
    result = {}
    for rid, first in runs[0].net.resources.items():
        utilisations = [s.utilisation[rid] for s in summaries]
        queue_means = [s.resource_queue[rid] for s in summaries]
        result[rid] = ResourceStats(
            id=rid,
            name=first.name,
            servers=first.servers,
            utilisation=_mean(utilisations),
            utilisation_ci95=confidence_interval(utilisations),
            queue_mean=_mean(queue_means),
            queue_max=max(run.net.resources[rid].queue_max for run in runs),
            series=list(first.series),
            load=_mean([s.load[rid] for s in summaries]),
        )
    return result


def rank_bottlenecks(
    activities: Mapping[str, ActivityStats], resources: Mapping[str, ResourceStats], cases: int
) -> list[Bottleneck]:
    """Activities ranked by queue minutes per case; the reason from utilisation (above
    the capacity line), then working hours (most queue time outside them)."""
    result = []
    for stats in activities.values():
        if stats.queue_mean <= 0 or not cases:
            continue
        resource = resources.get(stats.resource or "")
        utilisation = resource.utilisation if resource is not None else 0.0
        if utilisation > CAPACITY_THRESHOLD:
            reason = "capacity"
        elif stats.queue_outside_hours > 0.5:
            reason = "calendar"
        else:
            reason = "arrival peaks"
        result.append(
            Bottleneck(
                element_id=stats.element_id,
                resource=stats.resource,
                waiting_per_case=stats.queue_mean * stats.count / cases,
                utilisation=utilisation,
                outside_hours=stats.queue_outside_hours,
                reason=reason,
            )
        )
    result.sort(key=lambda b: (-b.waiting_per_case, b.element_id))
    return result


def _simulation_assumptions(binding: Binding) -> None:
    codes = {a.code for a in binding.assumptions}
    _interarrival, origin = binding.interarrival()
    if origin == "cases_per_year" and "arrivals-working-time" not in codes:
        minutes = binding.working_minutes_per_year()
        binding.note(
            "arrivals-working-time",
            f"Fälle kommen exponentialverteilt über {minutes:g} Arbeitsminuten im Jahr.",
            f"Cases arrive exponentially over {minutes:g} working minutes a year.",
            minutes,
        )
    elif origin == "default" and "arrivals-default" not in codes:
        binding.note(
            "arrivals-default",
            "Keine Fallzahl: ein Fall je Stunde (exponentialverteilt) angenommen.",
            "No case volume: one case per hour (exponential) assumed.",
            60.0,
        )
    working = {r for a, r in binding.resource_of.items() if binding.processing(a) is not None}
    default_cost = [
        rid for rid in working if rid is not None and binding.resources[rid].cost_per_hour is None
    ]
    if default_cost and "cost-per-hour" not in codes:
        rate = binding.params.defaults.cost_per_hour
        binding.note(
            "cost-per-hour",
            f"Einheiten ohne Stundensatz: {rate:g} € je Stunde.",
            f"Units without a cost rate: {rate:g} € per hour.",
            rate,
            default_cost,
        )
    fractional = [r.id for r in binding.resources.values() if servers(r.staff) != r.staff]
    if fractional and "servers-rounded" not in codes:
        binding.note(
            "servers-rounded",
            "Simulierte Bearbeiter je Einheit: gerundete VZÄ, mindestens 1.",
            "Simulated servers per unit: rounded FTE, at least 1.",
            None,
            fractional,
        )
