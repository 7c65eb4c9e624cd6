"""Shaping the quantitative analysis for the simulation page: plain records and rows.

Nothing here imports Streamlit, so every function runs (and is tested) without a
browser. A model is read once (:func:`model_record`), its parameters come from the file
and an optional parameter file (:func:`load_model_parameters`), the analyst's edits in
the parameter tables are laid over them (:func:`parameter_tables`,
:func:`apply_edits`), and the library's results become plain records
(:func:`analytical_record`, :func:`simulation_record`) that ``st.cache_data`` can keep
and the charts and tables read. Times are in minutes, money in euros.

How replications are run and pooled is :mod:`app_pages.simulation_replications`.

Examples
--------
>>> record = model_record(b"not xml at all")
>>> record["ok"], record["error"]["de"]["code"]
(False, 'xml-syntax')
>>> format_duration(4320, "de"), format_duration(90, "en"), format_percent(0.912, "de")
('3,0 Tage', '1.5 h', '91 %')
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import math
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from processanalysis import BpmnImportError, Definitions, export_bpmn, read_bpmn
from processanalysis.bpmn.model import Activity, Gateway
from processanalysis.simulation.analytical import analytical_model
from processanalysis.simulation.binding import DECISIONS, INCLUSIVE, bind_parameters
from processanalysis.simulation.engine import SimulationResult
from processanalysis.simulation.formatting import (
    format_duration,
    format_money,
    format_number,
    format_percent,
)
from processanalysis.simulation.parameters import (
    ActivityParameters,
    Arrivals,
    Distribution,
    ProcessParameters,
    Resource,
)
from processanalysis.simulation.params_io import TemplateError, load_parameters, write_template
from processanalysis.simulation.results import CAPACITY_THRESHOLD

__all__ = [
    "CAPACITY_LINE",
    "LANGUAGES",
    "PARAMETER_SUFFIXES",
    "RELEVANT_WAITING",
    "ParameterFileError",
    "activity_times",
    "analytical_record",
    "apply_edits",
    "bottleneck_markers",
    "bottleneck_rows",
    "comparison_rows",
    "count_edits",
    "format_duration",
    "format_money",
    "format_number",
    "format_percent",
    "load_model_parameters",
    "model_record",
    "parameter_tables",
    "params_digest",
    "queue_series",
    "short_window",
    "simulation_record",
    "template_bytes",
    "unique_assumptions",
    "utilisation_rows",
]

#: The UI languages a record carries its texts in (the same as ``app_pages.i18n``).
LANGUAGES: tuple[str, ...] = ("de", "en")
#: Utilisation above which a unit is overloaded (the engine's "capacity" reason).
CAPACITY_LINE = CAPACITY_THRESHOLD
#: Queue minutes per case below which an activity is not worth calling a bottleneck.
RELEVANT_WAITING = 1.0
#: Parameter files the page reads: the spreadsheet template and Prosimos JSON.
PARAMETER_SUFFIXES: tuple[str, ...] = (".xlsx", ".csv", ".json")
#: Where values entered on the page came from (``source`` of parameters and resources).
UI_SOURCE = "ui"

_FILE_WORDS = {
    "de": {
        "suffix": "{name}: erwartet eine Vorlage (.xlsx, .csv) oder Prosimos-JSON (.json)",
        "unusable": "{name}: Die Parameterdatei ist nicht verwendbar: {detail}",
    },
    "en": {
        "suffix": "{name}: expected a template (.xlsx, .csv) or a Prosimos JSON (.json)",
        "unusable": "{name}: the parameter file cannot be used: {detail}",
    },
}


# -- reading ---------------------------------------------------------------------------------


def model_record(data: bytes, name: str | None = None) -> dict[str, Any]:
    """Read ``data``: what the page draws of it, or why it cannot be read (every language).

    A :class:`BpmnImportError` becomes a record with ``ok`` false; other exceptions
    propagate (they are bugs and must not be cached).
    """
    try:
        model = read_bpmn(data, source=name)
    except BpmnImportError as error:
        return {"ok": False, "error": {lang: error.to_dict(lang) for lang in LANGUAGES}}
    return {
        "ok": True,
        "error": None,
        "xml": export_bpmn(model).decode("utf-8"),
        "has_diagram": bool(model.diagrams),
        "labels": element_labels(model),
        "activities": sum(isinstance(e, Activity) for e in model.iter_elements()),
    }


def element_labels(model: Definitions) -> dict[str, str]:
    """Element id -> the name a reader knows it by (only named elements)."""
    return {e.id: e.label for e in model.iter_elements() if e.id is not None and e.label}


class ParameterFileError(ValueError):
    """A parameter file that cannot be applied; ``problems`` per language, one per line
    (for a template: sheet, row, column and what is wrong)."""

    def __init__(self, problems: Mapping[str, list[str]]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(self.problems.get("en", [])))


def load_model_parameters(
    model: Definitions, extra: tuple[str, bytes] | None = None
) -> ProcessParameters:
    """The model's own parameters, overridden by a parameter file ``(name, content)``.

    Raises
    ------
    ParameterFileError
        The file is no template or Prosimos JSON, or a template row is invalid (nothing
        of it is applied then).
    """
    if extra is None:
        return load_parameters(model)
    name, content = extra
    suffix = Path(name).suffix.lower()
    if suffix not in PARAMETER_SUFFIXES:
        raise ParameterFileError(
            {lang: [_FILE_WORDS[lang]["suffix"].format(name=name)] for lang in LANGUAGES}
        )
    # The readers take a path whose suffix says the format.
    with tempfile.TemporaryDirectory(prefix="pa-params-") as folder:
        path = Path(folder) / f"parameters{suffix}"
        path.write_bytes(content)
        try:
            return load_parameters(model, extra=path)
        except TemplateError as error:
            raise ParameterFileError(
                {lang: [i.located(lang) for i in error.issues] for lang in LANGUAGES}
            ) from error
        except (OSError, ValueError) as error:  # e.g. a JSON that is no Prosimos file
            detail = str(error).replace(str(path), name)
            raise ParameterFileError(
                {
                    lang: [_FILE_WORDS[lang]["unusable"].format(name=name, detail=detail)]
                    for lang in LANGUAGES
                }
            ) from error


def template_bytes(model: Definitions, params: ProcessParameters, lang: str = "de") -> bytes:
    """The pre-filled XLSX template of ``model`` with ``params``, as a download."""
    with tempfile.TemporaryDirectory(prefix="pa-template-") as folder:
        path = write_template(model, params, Path(folder) / "parameter.xlsx", lang=lang)
        return path.read_bytes()


def params_digest(params: ProcessParameters) -> str:
    """A stable fingerprint of every value in ``params`` (the cache key of results).

    >>> params_digest(ProcessParameters()) == params_digest(ProcessParameters())
    True
    """
    text = json.dumps(dataclasses.asdict(params), sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


# -- the parameter tables --------------------------------------------------------------------


def parameter_tables(model: Definitions, params: ProcessParameters) -> dict[str, Any]:
    """The values in effect, as the page's editable tables show them.

    ``activities``: id, name, unit, processing minutes (``None`` where none is given),
    waiting minutes and fixed cost (0 where none is given); ``units``: id, name, staff
    (FTE), cost per hour (the default rate where none is given); ``branches``: split,
    flow id, target, probability (the rest shared equally where the model gives none);
    ``cases_per_year``.
    """
    binding = bind_parameters(model, params)
    labels = element_labels(model)
    activities = []
    for node_id, node in binding.flow_nodes.items():
        if not isinstance(node, Activity):
            continue
        entry = params.activities.get(node_id)
        resource = binding.resources.get(binding.resource_of.get(node_id) or "")
        activities.append(
            {
                "id": node_id,
                "name": labels.get(node_id, node_id),
                "unit": resource.name if resource is not None else "",
                "processing": _mean(entry.processing if entry else None),
                # No lay time and no fixed cost mean 0; no processing time means
                # "none given" (the activity needs no clerk), so it stays empty.
                "waiting": _mean(entry.waiting if entry else None) or 0.0,
                "fixed_cost": (entry.fixed_cost if entry else None) or 0.0,
            }
        )
    units = [
        {
            "id": rid,
            "name": resource.name,
            "staff": resource.staff,
            "cost_per_hour": binding.cost_per_hour(rid),
        }
        for rid, resource in binding.resources.items()
    ]
    branches = []
    for node_id, node in binding.flow_nodes.items():
        flows = binding.outgoing.get(node_id, [])
        if not isinstance(node, Gateway) or node.type not in DECISIONS | INCLUSIVE:
            continue
        if len(flows) < 2:
            continue
        for flow_id in flows:
            flow = binding.flows[flow_id]
            target = labels.get(flow.target or "", flow.target or "")
            branches.append(
                {
                    "id": flow_id,
                    "split": labels.get(node_id, node_id),
                    "target": f"{flow.label} → {target}" if flow.label else target,
                    "probability": binding.probabilities.get(flow_id),
                }
            )
    return {
        "cases_per_year": params.arrivals.cases_per_year or binding.cases_per_year(),
        "activities": activities,
        "units": units,
        "branches": branches,
    }


def _mean(distribution: Distribution | None) -> float | None:
    return None if distribution is None else distribution.mean


def _value(raw: object) -> float | None:
    """A cell of an edited table as a number; empty (``None``, NaN, "") is ``None``."""
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _changed(old: float | None, new: float | None) -> bool:
    if old is None or new is None:
        return old is not new
    return not math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-12)


def _rescaled(base: Distribution | None, value: float) -> Distribution:
    """``base`` stretched to the mean ``value`` (its shape kept), else a constant."""
    if base is None or value <= 0 or base.mean <= 0:
        return Distribution.constant(value)
    return base.scaled(value / base.mean)


def apply_edits(
    params: ProcessParameters,
    base: Mapping[str, Any],
    edited: Mapping[str, Any],
) -> ProcessParameters:
    """``params`` with the cells that differ between ``base`` and ``edited`` (both shaped
    as :func:`parameter_tables`) changed; ``params`` itself is left alone.

    Only changed values are written, so an untouched table changes nothing (not even the
    stated assumptions). A new mean keeps the shape of a time's distribution (it is
    stretched); a cleared time is removed. Values entered here have the source ``"ui"``.

    >>> base = {"cases_per_year": 100.0, "activities": [], "units": [], "branches": []}
    >>> apply_edits(ProcessParameters(), base, {**base, "cases_per_year": 250}).arrivals
    Arrivals(cases_per_year=250.0, interarrival=None, source='ui', calendar=None)
    """
    result = copy.deepcopy(params)
    cases = _value(edited.get("cases_per_year"))
    if _changed(_value(base.get("cases_per_year")), cases) and cases is not None and cases > 0:
        # A volume replaces a given inter-arrival time (arrivals are one group).
        result.arrivals = Arrivals(
            cases_per_year=cases, source=UI_SOURCE, calendar=params.arrivals.calendar
        )
    old_rows = {row["id"]: row for row in base.get("activities", [])}
    for row in edited.get("activities", []):
        old = old_rows.get(row["id"])
        if old is None:
            continue
        entry = result.activities.get(row["id"])
        if entry is None:
            entry = result.activities[row["id"]] = ActivityParameters(row["id"])
        touched = False
        for key in ("processing", "waiting"):
            new = _value(row.get(key))
            if not _changed(_value(old.get(key)), new):
                continue
            value = None if new is None else _rescaled(getattr(entry, key), max(0.0, new))
            setattr(entry, key, value)
            touched = True
        cost = _value(row.get("fixed_cost"))
        if _changed(_value(old.get("fixed_cost")), cost):
            entry.fixed_cost = None if cost is None else max(0.0, cost)
            touched = True
        if touched:
            entry.source = UI_SOURCE
    old_units = {row["id"]: row for row in base.get("units", [])}
    for row in edited.get("units", []):
        old = old_units.get(row["id"])
        if old is None:
            continue
        staff, rate = _value(row.get("staff")), _value(row.get("cost_per_hour"))
        new_staff = _changed(_value(old.get("staff")), staff) and staff is not None and staff > 0
        new_rate = _changed(_value(old.get("cost_per_hour")), rate) and rate is not None
        if not (new_staff or new_rate):
            continue
        resource = result.resources.get(row["id"])
        if resource is None:
            resource = result.resources[row["id"]] = Resource(row["id"], row.get("name") or "")
        if new_staff:
            resource.staff = float(staff)  # type: ignore[arg-type]
        if new_rate:
            resource.cost_per_hour = max(0.0, float(rate))  # type: ignore[arg-type]
        resource.source = UI_SOURCE
    old_branches = {row["id"]: row for row in base.get("branches", [])}
    for row in edited.get("branches", []):
        old = old_branches.get(row["id"])
        new = _value(row.get("probability"))
        if old is not None and new is not None and _changed(_value(old.get("probability")), new):
            result.probabilities[row["id"]] = min(1.0, max(0.0, new))
    return result


def count_edits(base: Mapping[str, Any], edited: Mapping[str, Any]) -> int:
    """How many cells of ``edited`` differ from ``base`` (tables of :func:`parameter_tables`).

    >>> base = {"cases_per_year": 100.0, "activities": [{"id": "a", "processing": 5.0}]}
    >>> count_edits(base, {"cases_per_year": 100, "activities": [{"id": "a", "processing": 7}]})
    1
    """
    count = int(_changed(_value(base.get("cases_per_year")), _value(edited.get("cases_per_year"))))
    columns = {
        "activities": ("processing", "waiting", "fixed_cost"),
        "units": ("staff", "cost_per_hour"),
        "branches": ("probability",),
    }
    for table, keys in columns.items():
        old_rows = {row["id"]: row for row in base.get(table, [])}
        for row in edited.get(table, []):
            old = old_rows.get(row["id"])
            if old is not None:
                count += sum(_changed(_value(old.get(k)), _value(row.get(k))) for k in keys)
    return count


# -- analytical figures ------------------------------------------------------------------------


def analytical_record(model: Definitions, params: ProcessParameters) -> dict[str, Any]:
    """The analytical model's expectations as plain data (``None`` for infinite values):
    :meth:`AnalyticalResult.to_dict` plus ``assumptions`` with their texts per language."""
    result = analytical_model(model, params)
    record = result.to_dict()
    record["assumptions"] = [_assumption(a) for a in result.assumptions]
    return record


def _assumption(assumption: Any) -> dict[str, Any]:
    value = assumption.value
    return {
        "code": assumption.code,
        "message": {lang: assumption.message.get(lang, "") for lang in LANGUAGES},
        "value": value if not isinstance(value, float) or math.isfinite(value) else None,
        "elements": list(assumption.elements),
    }


def unique_assumptions(*groups: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The assumptions of several results, each code once (first wins)."""
    seen: dict[str, Mapping[str, Any]] = {}
    for group in groups:
        for assumption in group:
            seen.setdefault(assumption["code"], assumption)
    return list(seen.values())


# -- simulation records ----------------------------------------------------------------------


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def simulation_record(result: SimulationResult) -> dict[str, Any]:
    """Everything the page shows of a simulation, as plain data (``None`` for infinite
    or undefined values); ``contract`` is the JSON of ``processanalysis simulate``."""
    cases = result.cases
    return {
        "contract": result.to_dict(),
        "cases": cases,
        "replications": result.replications,
        "seed": result.seed,
        "lead_time": {
            "mean": _finite(result.lead_time_mean),
            "p50": _finite(result.lead_time_p50),
            "p90": _finite(result.lead_time_p90),
            "ci95": _finite(result.lead_time_ci95),
        },
        "lead_times": [t for t in result.lead_times if math.isfinite(t)],
        "effort_mean": _finite(result.effort_mean),
        "cost_mean": _finite(result.cost_mean),
        "cost_ci95": _finite(result.cost_ci95),
        "activities": {
            a.element_id: {
                "name": a.name,
                "resource": a.resource,
                "count": a.count,
                "per_case": a.count / cases if cases else 0.0,
                "lay_mean": a.lay_mean,
                "queue_mean": a.queue_mean,
                "processing_mean": a.processing_mean,
                "waiting_mean": a.waiting_mean,
            }
            for a in result.activities.values()
        },
        "resources": {
            r.id: {
                "name": r.name,
                "servers": r.servers,
                "utilisation": _finite(r.utilisation),
                "utilisation_ci95": _finite(r.utilisation_ci95),
                "queue_mean": _finite(r.queue_mean),
                "queue_max": r.queue_max,
                "series": [list(point) for point in r.series],
            }
            for r in result.resources.values()
        },
        "bottlenecks": [
            {
                "element_id": b.element_id,
                "resource": b.resource,
                "waiting_per_case": b.waiting_per_case,
                "utilisation": b.utilisation,
                "outside_hours": b.outside_hours,
                "reason": b.reason,
            }
            for b in result.bottlenecks
        ],
        "assumptions": [_assumption(a) for a in result.assumptions],
        "warnings": list(result.warnings),
    }


def short_window(
    record: Mapping[str, Any], expected: Mapping[str, Any], cases: int, warmup: int = 0
) -> bool:
    """Whether the simulated arrivals span less than twice the expected lead time.

    Utilisation and waiting are estimated from the work the observed cases cause; when
    the arrivals span little more than one lead time, those estimates rest on few cases
    per unit and vary from run to run. More cases or replications help.
    """
    lead = expected.get("lead_time")
    per_year = expected.get("cases_per_year")
    if not lead or not per_year or not record.get("cases"):
        return False
    # The engine spreads a year's cases over the productive hours of one FTE.
    hours = 1600.0
    for assumption in expected.get("assumptions", []):
        if assumption["code"] == "productive-hours" and assumption.get("value"):
            hours = float(assumption["value"])
    span = (cases - warmup) * hours * 60 / per_year
    return warmup == 0 and span < 2 * lead


# -- rows for tables and charts ----------------------------------------------------------------


def bottleneck_rows(
    record: Mapping[str, Any],
    labels: Mapping[str, str],
    expected: Mapping[str, Any] | None = None,
    *,
    relevant: float = RELEVANT_WAITING,
) -> list[dict[str, Any]]:
    """The ranked bottlenecks whose queue adds at least ``relevant`` minutes per case,
    with the activity's name, its unit's name, both utilisations and the reason code.

    The reason is the engine's, except that a unit whose *expected* utilisation is above
    the capacity line counts as a capacity bottleneck too: the engine measures
    utilisation while cases arrive, including the first days in which the cases are
    still on their way to the unit, so a short run reports too little of it.
    """
    resources = record["resources"]
    units = (expected or {}).get("units", {})
    rows = []
    for item in record["bottlenecks"]:
        if item["waiting_per_case"] < relevant:
            continue
        resource = resources.get(item["resource"] or "", {})
        analytical = units.get(item["resource"] or "", {}).get("utilisation")
        reason = item["reason"]
        if reason != "capacity" and analytical is not None and analytical > CAPACITY_LINE:
            reason = "capacity"
        rows.append(
            {
                "rank": len(rows) + 1,
                "element_id": item["element_id"],
                "name": labels.get(item["element_id"], item["element_id"]),
                "unit": resource.get("name", item["resource"] or ""),
                "waiting_per_case": item["waiting_per_case"],
                "utilisation": item["utilisation"],
                "expected_utilisation": analytical,
                "outside_hours": item["outside_hours"],
                "reason": reason,
            }
        )
    return rows


def bottleneck_markers(rows: Sequence[Mapping[str, Any]], top: int = 5) -> list[dict[str, Any]]:
    """Diagram markers for the ``top`` bottlenecks: the first high, the next two medium,
    the rest low (the viewer's colours for findings). The viewer's badge shows how many
    ``finding_ids`` a marker has, so each gets one per rank step: the badge reads the rank.

    >>> markers = bottleneck_markers([{"element_id": i, "rank": n + 1}
    ...     for n, i in enumerate("abcde")])
    >>> [m["severity"] for m in markers], [len(m["finding_ids"]) for m in markers]
    (['high', 'medium', 'medium', 'low', 'low'], [1, 2, 3, 4, 5])
    """
    markers = []
    for row in rows[:top]:
        rank = row["rank"]
        severity = "high" if rank == 1 else "medium" if rank <= 3 else "low"
        markers.append(
            {
                "element_id": row["element_id"],
                "severity": severity,
                "finding_ids": [f"bottleneck-{rank}-{step}" for step in range(1, rank + 1)],
            }
        )
    return markers


def activity_times(
    record: Mapping[str, Any], labels: Mapping[str, str], top: int = 15
) -> list[dict[str, Any]]:
    """Per activity the minutes it adds to an average case: lay time, queue and
    processing (mean per execution times executions per case), the ``top`` longest."""
    rows = []
    for element_id, stats in record["activities"].items():
        per_case = stats["per_case"]
        row = {
            "element_id": element_id,
            "name": labels.get(element_id, stats["name"] or element_id),
            "lay": stats["lay_mean"] * per_case,
            "queue": stats["queue_mean"] * per_case,
            "processing": stats["processing_mean"] * per_case,
        }
        row["total"] = row["lay"] + row["queue"] + row["processing"]
        if row["total"] > 0:
            rows.append(row)
    rows.sort(key=lambda row: (-row["total"], row["name"]))
    return rows[:top]


def utilisation_rows(
    record: Mapping[str, Any] | None, expected: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Per unit: name, simulated utilisation (``None`` before a run) and the analytical
    expectation, in the order the model lists the units."""
    simulated = (record or {}).get("resources", {})
    rows = []
    for rid, unit in expected["units"].items():
        own = simulated.get(rid, {})
        rows.append(
            {
                "id": rid,
                "name": unit["name"],
                "staff": unit["staff"],
                "servers": own.get("servers"),
                "simulated": own.get("utilisation"),
                "analytical": unit["utilisation"],
            }
        )
    return rows


def queue_series(record: Mapping[str, Any]) -> dict[str, dict[str, list[float]]]:
    """Unit name -> ``{"days", "waiting"}``: the queue length over simulated time (the
    first replication), for units that had a queue at all."""
    series = {}
    for resource in record["resources"].values():
        points = resource["series"]
        if not points or not any(point[1] for point in points):
            continue
        series[resource["name"]] = {
            "days": [point[0] / 1440 for point in points],
            "waiting": [point[1] for point in points],
        }
    return series


def comparison_rows(
    as_is: Mapping[str, Any],
    to_be: Mapping[str, Any],
    simulated: tuple[Mapping[str, Any] | None, Mapping[str, Any] | None] = (None, None),
) -> list[dict[str, Any]]:
    """Key figures of two variants side by side: ``key``, ``kind`` (``duration``,
    ``effort``, ``money``, ``percent``), both values and the change.

    Simulated lead times come in when both variants have been simulated; utilisation is
    the highest of any unit (the one that limits the process).
    """

    def highest(record: Mapping[str, Any]) -> float | None:
        values = [u["utilisation"] for u in record["units"].values() if u["utilisation"]]
        return max(values, default=None)

    def queued(record: Mapping[str, Any]) -> float | None:
        # Without a finite value but with a volume, a unit gets more work than it can do:
        # its queue, and the lead time with it, grows without end.
        value = record["lead_time_with_queueing"]
        return math.inf if value is None and record["cases_per_year"] is not None else value

    figures: list[tuple[str, str, Any, Any]] = [
        ("lead_time", "duration", as_is["lead_time"], to_be["lead_time"]),
        ("lead_time_with_queueing", "duration", queued(as_is), queued(to_be)),
        ("effort_per_case", "effort", as_is["effort_per_case"], to_be["effort_per_case"]),
        ("effort_per_year", "hours", as_is["effort_per_year"], to_be["effort_per_year"]),
        ("cost_per_year", "money", as_is["cost_per_year"], to_be["cost_per_year"]),
        ("utilisation_max", "percent", highest(as_is), highest(to_be)),
    ]
    first, second = simulated
    if first is not None and second is not None:
        figures += [
            ("simulated_mean", "duration", first["lead_time"]["mean"], second["lead_time"]["mean"]),
            ("simulated_p90", "duration", first["lead_time"]["p90"], second["lead_time"]["p90"]),
        ]
    rows = []
    for key, kind, before, after in figures:
        change = None
        if before is not None and after is not None and before and math.isfinite(before):
            change = (after - before) / before if math.isfinite(after) else math.inf
        rows.append({"key": key, "kind": kind, "as_is": before, "to_be": after, "change": change})
    return rows
