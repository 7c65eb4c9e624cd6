"""Replications one at a time, and pooling them: how the simulation page runs a simulation.

``engine.simulate`` takes no progress callback, so the page runs replication ``r`` as
``simulate(..., seed=replication_seed(seed, r), replications=1)`` (the seed itself for
the first, so one replication equals ``processanalysis simulate``), caches each, moves
its progress bar, and pools them with :func:`merge_replications` the way the engine
pools its own replications: every observed case counts once, means are weighted by
what they are means of, confidence intervals come from the replication means.

No Streamlit here.

Examples
--------
>>> replication_seed(7, 0)
7
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections.abc import Sequence

from processanalysis import Definitions
from processanalysis.simulation.engine import (
    ActivityStats,
    ResourceStats,
    SimulationResult,
    confidence_interval,
    simulate,
)
from processanalysis.simulation.parameters import ProcessParameters
from processanalysis.simulation.results import rank_bottlenecks

__all__ = ["merge_replications", "replication_seed", "run_replication"]


def replication_seed(seed: int, replication: int) -> int:
    """The seed of replication ``replication`` of a run started with ``seed``: the seed
    itself for the first (so one replication equals ``processanalysis simulate``),
    derived by hashing for the others.

    >>> replication_seed(7, 0), replication_seed(7, 1) == replication_seed(7, 1)
    (7, True)
    """
    if replication == 0:
        return seed
    digest = hashlib.sha256(f"{seed}:{replication}".encode()).hexdigest()
    return int(digest[:15], 16)


def run_replication(
    model: Definitions,
    params: ProcessParameters,
    *,
    cases: int,
    seed: int,
    replication: int,
    warmup: int = 0,
) -> SimulationResult:
    """One replication of a run (see :func:`replication_seed`)."""
    return simulate(
        model,
        params,
        cases=cases,
        seed=replication_seed(seed, replication),
        replications=1,
        warmup=warmup,
    )


def merge_replications(results: Sequence[SimulationResult], seed: int) -> SimulationResult:
    """Pool replications as the engine pools its own: every observed case counts once,
    means are weighted by what they are means of, confidence intervals come from the
    replication means (a single result is returned as it is)."""
    if not results:
        raise ValueError("no replications to merge")
    if len(results) == 1:
        return results[0]
    lead_times = [t for r in results for t in r.lead_times]
    ordered = sorted(lead_times)
    count = len(lead_times)
    activities = {
        node_id: _merge_activity([r.activities[node_id] for r in results])
        for node_id in results[0].activities
    }
    resources = {
        rid: _merge_resource([r.resources[rid] for r in results]) for rid in results[0].resources
    }
    horizons = [r.horizon for r in results]
    summaries = [s for r in results for s in getattr(r, "per_replication", [])]
    merged = dataclasses.replace(
        results[0],
        cases=count,
        replications=len(results),
        seed=seed,
        lead_time_mean=_weighted([(r.lead_time_mean, r.cases) for r in results]),
        lead_time_p50=_quantile(ordered, 0.5),
        lead_time_p90=_quantile(ordered, 0.9),
        lead_time_ci95=confidence_interval([r.lead_time_mean for r in results]),
        lead_times=lead_times,
        effort_mean=_weighted([(r.effort_mean, r.cases) for r in results]),
        cost_mean=_weighted([(r.cost_mean, r.cases) for r in results]),
        cost_ci95=confidence_interval([r.cost_mean for r in results]),
        activities=activities,
        resources=resources,
        bottlenecks=rank_bottlenecks(activities, resources, count),
        wip_mean=_weighted([(r.wip_mean, h) for r, h in zip(results, horizons, strict=True)]),
        arrival_rate=_weighted(
            [(r.arrival_rate, h) for r, h in zip(results, horizons, strict=True)]
        ),
        horizon=results[-1].horizon,
        warnings=[w for r in results for w in r.warnings],
    )
    if hasattr(merged, "per_replication"):
        merged.per_replication = summaries
    return merged


def _weighted(pairs: Sequence[tuple[float, float]]) -> float:
    pairs = [(v, w) for v, w in pairs if w > 0 and not math.isnan(v)]
    total = math.fsum(w for _v, w in pairs)
    return math.fsum(v * w for v, w in pairs) / total if total > 0 else math.nan


def _quantile(ordered: list[float], q: float) -> float:
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _merge_activity(parts: list[ActivityStats]) -> ActivityStats:
    count = sum(p.count for p in parts)

    def per(attribute: str) -> float:
        return math.fsum(getattr(p, attribute) * p.count for p in parts) / count if count else 0.0

    queue = math.fsum(p.queue_mean * p.count for p in parts)
    outside = math.fsum(p.queue_outside_hours * p.queue_mean * p.count for p in parts)
    waiting = [p.waiting_mean for p in parts if p.count]
    return dataclasses.replace(
        parts[0],
        count=count,
        cancelled=sum(p.cancelled for p in parts),
        waiting_mean=per("waiting_mean"),
        queue_mean=per("queue_mean"),
        lay_mean=per("lay_mean"),
        processing_mean=per("processing_mean"),
        queue_outside_hours=outside / queue if queue > 0 else 0.0,
        waiting_ci95=confidence_interval(waiting) if len(waiting) == len(parts) else None,
    )


def _merge_resource(parts: list[ResourceStats]) -> ResourceStats:
    utilisations = [p.utilisation for p in parts]
    return dataclasses.replace(
        parts[0],
        utilisation=math.fsum(utilisations) / len(utilisations),
        utilisation_ci95=confidence_interval(utilisations),
        load=math.fsum(p.load for p in parts) / len(parts),
        queue_mean=math.fsum(p.queue_mean for p in parts) / len(parts),
        queue_max=max(p.queue_max for p in parts),
    )
