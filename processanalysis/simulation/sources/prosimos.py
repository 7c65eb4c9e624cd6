"""Prosimos simulation parameters (JSON), as Simod and the Prosimos web UI write them.

Times are **seconds**. Read:

==================================  ===================================================
Prosimos key                        parameter
==================================  ===================================================
``arrival_time_distribution``       time between cases
``arrival_time_calendar``           arrival calendar (cases per year are derived)
``gateway_branching_probabilities`` branch probabilities (list or legacy dict form)
``resource_profiles``               one resource per pool: staff = sum of ``amount``,
                                    cost per hour = their mean ``cost_per_hour``,
                                    calendar of its first resource; a pool named like a
                                    lane is that lane
``resource_calendars``              the resources' calendars
``task_resource_distribution``      processing time (of the task's first resource) and
                                    the pool that holds most of the task's resources
==================================  ===================================================

``distribution_params`` are read in the current form (a list of ``{"value": x}``, as
pix-framework writes it: ``fix`` [value], ``expon`` [mean, min, max], ``uniform`` [min,
max], ``norm`` [mean, sd, min, max], ``lognorm``/``gamma`` [mean, variance, min, max])
and in the legacy scipy form (bare numbers, or a count that does not fit the current
form: ``expon`` [loc, scale, ...], ``uniform`` [loc, scale], ``lognorm`` [s, loc,
scale], ``gamma`` [a, loc, scale], ``triang`` [c, loc, scale], ``exponnorm`` [K, loc,
scale]). ``histogram_sampling`` becomes an empirical distribution.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from processanalysis.bpmn.model import Definitions
from processanalysis.simulation.parameters import Calendar, Distribution
from processanalysis.simulation.sources._common import ModelView, calendar_from_periods, finite
from processanalysis.simulation.sources.layer import Layer

__all__ = ["ProsimosError", "prosimos_distribution", "read_prosimos"]

#: Parameter counts of the current (pix-framework) form.
_CURRENT = {"fix": 1, "expon": 3, "uniform": 2, "norm": 4, "lognorm": 4, "gamma": 4}


class ProsimosError(ValueError):
    """A file that is not a Prosimos parameter JSON."""


def _numbers(raw: object) -> tuple[list[float], bool]:
    """The parameters as numbers, and whether they came as ``{"value": x}`` (current form)."""
    if not isinstance(raw, list):
        return [], False
    wrapped = bool(raw) and all(isinstance(item, dict) for item in raw)
    values = [finite(item.get("value") if isinstance(item, dict) else item) for item in raw]
    return [v for v in values if v is not None], wrapped


def prosimos_distribution(spec: dict[str, Any]) -> tuple[Distribution | None, str | None]:
    """A Prosimos distribution (seconds) in minutes, and a note if it was approximated.

    >>> d, _ = prosimos_distribution(
    ...     {"distribution_name": "norm", "distribution_params": [{"value": 600}, {"value": 60},
    ...      {"value": 0}, {"value": 900}]})
    >>> d.kind, d.params
    ('normal', {'mean': 10.0, 'sd': 1.0})
    """
    name = str(spec.get("distribution_name", "")).lower()
    p, wrapped = _numbers(spec.get("distribution_params"))
    current = wrapped and _CURRENT.get(name) == len(p)
    d: Distribution | None = None
    note: str | None = None
    if name in ("fix", "fixed") and p:
        d = Distribution.constant(p[0])
    elif name in ("norm", "normal") and len(p) >= 2:
        d = Distribution("normal", {"mean": p[0], "sd": p[1]})
    elif name in ("expon", "exponential") and p:
        if current:
            d = Distribution("exponential", {"mean": p[0]})
        elif len(p) >= 2:
            d = Distribution("exponential", {"mean": p[0] + p[1]})
            if p[0]:
                note = "shifted exponential read as exponential with the same mean"
    elif name == "uniform" and len(p) >= 2:
        low, high = (p[0], p[1]) if current else (p[0], p[0] + p[1])
        d = Distribution("uniform", {"low": low, "high": high})
    elif name in ("lognorm", "gamma") and len(p) >= 2:
        kind = "lognormal" if name == "lognorm" else "gamma"
        if current:
            d = Distribution(kind, {"mean": p[0], "sd": math.sqrt(max(p[1], 0.0))})
        elif len(p) >= 3:
            shape, loc, scale = p[0], p[1], p[2]
            if kind == "lognormal":
                mean = loc + scale * math.exp(shape**2 / 2)
                var = scale**2 * math.exp(shape**2) * (math.exp(shape**2) - 1)
            else:
                mean, var = loc + shape * scale, shape * scale**2
            d = Distribution(kind, {"mean": mean, "sd": math.sqrt(var)})
    elif name in ("triang", "triangular") and len(p) >= 3:
        c, loc, scale = p[0], p[1], p[2]
        d = Distribution("triangular", {"low": loc, "mode": loc + c * scale, "high": loc + scale})
    elif name == "exponnorm" and len(p) >= 3:
        k, loc, scale = p[0], p[1], p[2]
        mean, sd = loc + k * scale, scale * math.sqrt(1 + k**2)
        d = Distribution("gamma", {"mean": mean, "sd": sd})
        note = "exponnorm read as gamma with the same mean and deviation"
    elif name == "histogram_sampling":
        samples = spec.get("histogram_data", {})
        values = samples.get("cdf") if isinstance(samples, dict) else None
        raw = p or [v for v in (finite(x) for x in values or []) if v is not None]
        if raw:
            d = Distribution("empirical", {}, list(raw), [])
    if d is None:
        return None, f"distribution {name!r} not read"
    return d.scaled(1 / 60), note


def _load(source: str | Path | bytes | dict[str, Any]) -> dict[str, Any]:
    if isinstance(source, dict):
        return source
    try:
        text = source if isinstance(source, bytes) else Path(source).read_bytes()
        data = json.loads(text)
    except (OSError, ValueError) as exc:
        raise ProsimosError(f"not readable as JSON: {exc}") from exc
    if not isinstance(data, dict) or not any(
        k in data for k in ("task_resource_distribution", "arrival_time_distribution")
    ):
        raise ProsimosError("no Prosimos keys (task_resource_distribution, arrival_time_...)")
    return data


def _periods(items: object) -> list[tuple[str, str, str, str]]:
    if not isinstance(items, list):
        return []
    return [
        (
            str(i.get("from", "")),
            str(i.get("to", "")),
            str(i.get("beginTime", "")),
            str(i.get("endTime", "")),
        )
        for i in items
        if isinstance(i, dict)
    ]


def read_prosimos(source: str | Path | bytes | dict[str, Any], model: Definitions) -> Layer:
    """The parameters of a Prosimos JSON for ``model`` (its ids are BPMN element ids).

    Raises :class:`ProsimosError` for a file that is not a Prosimos parameter JSON.
    """
    data = _load(source)
    layer = Layer("prosimos")
    view = ModelView(model)

    calendars: dict[str, Calendar] = {}
    raw_calendars = data.get("resource_calendars", [])
    if isinstance(raw_calendars, dict):  # legacy: resource id -> periods
        raw_calendars = [{"id": k, "time_periods": v} for k, v in raw_calendars.items()]
    for entry in raw_calendars if isinstance(raw_calendars, list) else []:
        if isinstance(entry, dict):
            calendar, simplified = calendar_from_periods(_periods(entry.get("time_periods")))
            if calendar is not None:
                calendars[str(entry.get("id", ""))] = calendar
                if simplified:
                    layer.note(f"calendar {entry.get('id')}: periods merged into one window")

    arrival = data.get("arrival_time_distribution")
    if isinstance(arrival, dict):
        d, note = prosimos_distribution(arrival)
        if d is not None:
            layer.interarrival = d
            layer.arrival_calendar, _ = calendar_from_periods(
                _periods(data.get("arrival_time_calendar"))
            )
        if note:
            layer.note(f"arrival_time_distribution: {note}")

    branching = data.get("gateway_branching_probabilities", [])
    if isinstance(branching, dict):  # legacy: gateway -> {flow: probability}
        branching = [
            {
                "gateway_id": g,
                "probabilities": [{"path_id": f, "value": v} for f, v in flows.items()],
            }
            for g, flows in branching.items()
            if isinstance(flows, dict)
        ]
    for gateway in branching if isinstance(branching, list) else []:
        for item in gateway.get("probabilities", []) if isinstance(gateway, dict) else []:
            value = finite(item.get("value")) if isinstance(item, dict) else None
            if value is not None and 0 <= value <= 1:
                layer.probabilities[str(item.get("path_id", ""))] = value

    pool_of: dict[str, list[str]] = {}  # resource -> pools holding it
    pools = data.get("resource_profiles", [])
    if isinstance(pools, dict):  # legacy: pool id -> {name, resource_list}
        pools = [{"id": k, **v} for k, v in pools.items() if isinstance(v, dict)]
    for pool in pools if isinstance(pools, list) else []:
        if not isinstance(pool, dict):
            continue
        pool_id = str(pool.get("id", ""))
        name = str(pool.get("name") or pool_id)
        resource_id = view.unit_id_for_name(name) or view.unit_id_for_name(pool_id) or pool_id
        if resource_id == pool_id:
            layer.resource_names[resource_id] = name
        members = [r for r in pool.get("resource_list", []) if isinstance(r, dict)]
        amounts = [finite(r.get("amount")) or 1.0 for r in members]
        costs = [finite(r.get("cost_per_hour")) for r in members]
        if members:
            layer.staff[resource_id] = sum(amounts)
            known = [(c, a) for c, a in zip(costs, amounts, strict=True) if c is not None]
            if known and sum(a for _, a in known) > 0:
                layer.cost_per_hour[resource_id] = sum(c * a for c, a in known) / sum(
                    a for _, a in known
                )
            calendar = calendars.get(str(members[0].get("calendar", "")))
            if calendar is not None:
                layer.calendars[resource_id] = calendar
        for member in members:
            pool_of.setdefault(str(member.get("id", "")), []).append(resource_id)
    shared = [r for r, p in pool_of.items() if len(p) > 1]
    if shared:
        layer.note(f"resources in several pools count in each: {', '.join(sorted(shared))}")

    tasks = data.get("task_resource_distribution", [])
    if isinstance(tasks, dict):  # legacy: task -> {resource: distribution}
        tasks = [
            {"task_id": t, "resources": [{"resource_id": r, **d} for r, d in res.items()]}
            for t, res in tasks.items()
            if isinstance(res, dict)
        ]
    for task in tasks if isinstance(tasks, list) else []:
        if not isinstance(task, dict):
            continue
        task_id = str(task.get("task_id", ""))
        resources = [r for r in task.get("resources", []) if isinstance(r, dict)]
        if not resources:
            continue
        d, note = prosimos_distribution(resources[0])
        if d is not None:
            layer.processing[task_id] = d
        if note:
            layer.note(f"{task_id}: {note}")
        if len(resources) > 1:
            layer.note(f"{task_id}: duration of the first of {len(resources)} resources used")
        votes: dict[str, int] = {}
        for entry in resources:
            for pool_id in pool_of.get(str(entry.get("resource_id", "")), []):
                votes[pool_id] = votes.get(pool_id, 0) + 1
        if votes:
            layer.resource_of[task_id] = max(votes, key=lambda k: votes[k])
        elif not pool_of:  # no pools at all: the resource itself
            resource_id = str(resources[0].get("resource_id", ""))
            layer.resource_of[task_id] = resource_id
            layer.resource_names.setdefault(resource_id, resource_id)
            if resource_id in calendars:
                layer.calendars[resource_id] = calendars[resource_id]
    return layer
