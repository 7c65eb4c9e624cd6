"""``processanalysis simulate`` and ``processanalysis params template``: quantitative
bottlenecks of one process on the command line.

``simulate`` reads a model and its parameters (from the file itself, plus an optional
spreadsheet template or Prosimos JSON), computes the analytical expectations, simulates
the cases, and prints a summary (lead time, bottlenecks with their reason, utilisation
per unit, the assumptions used) or, with ``--json``, one JSON object::

    {"cases", "lead_time": {"mean", "p50", "p90"},
     "activities": {element_id: {"count", "waiting_mean", "processing_mean"}},
     "resources": {name: {"utilisation"}}, "bottlenecks": [element_id, ...], ...}

(times in minutes). ``params template`` writes the pre-filled spreadsheet template an
analyst fills in and passes back with ``--params``.

Exit status: 0 on success, 1 when the model, the parameter file or the simulation
fails (a plain message on stderr), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from processanalysis.bpmn.importer import import_file
from processanalysis.bpmn.model import Activity, Definitions
from processanalysis.cli.files import UsageError
from processanalysis.errors import BpmnImportError
from processanalysis.simulation.analytical import AnalyticalResult, analytical_model
from processanalysis.simulation.engine import SimulationError, SimulationResult, simulate
from processanalysis.simulation.formatting import format_duration as duration
from processanalysis.simulation.formatting import format_money
from processanalysis.simulation.formatting import format_number as _number
from processanalysis.simulation.formatting import format_percent as _percent
from processanalysis.simulation.parameters import ProcessParameters
from processanalysis.simulation.params_io import TemplateError, load_parameters, write_template

__all__ = ["CAPACITY_LINE", "add_parser", "run_simulate", "run_template", "simulation_json"]

#: Utilisation above which a unit is flagged (the engine's "capacity" threshold).
CAPACITY_LINE = 0.85
_PARAM_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".json")
_TEMPLATE_SUFFIXES = (".xlsx", ".csv")

_WORDS: dict[str, dict[str, str]] = {
    "de": {
        "title": "Simulation: {file}",
        "run": "{cases} Fälle · {replications} Replikation(en) · Startwert {seed}",
        "lead_time": "Durchlaufzeit",
        "mean": "Mittelwert",
        "median": "Median",
        "p90": "90-%-Quantil",
        "ci": "95-%-Konfidenz ± {value}",
        "expected": "analytisch erwartet {value}, mit Warteschlangen {queued}",
        "effort": "Aufwand je Fall {effort} · Kosten je Fall {cost}",
        "bottlenecks": "Engpässe (Wartezeit in der Warteschlange je Fall)",
        "no_bottleneck": "keine Warteschlangen – kein Engpass",
        "per_case": "{value} je Fall",
        "utilisation": "Auslastung je Organisationseinheit (Simulation / analytisch)",
        "over": "über {line}",
        "assumptions": "Annahmen",
        "warnings": "Hinweise",
        "capacity": "Kapazität: Auslastung {utilisation} über {line}",
        "calendar": "Arbeitszeit: {share} der Wartezeit außerhalb der Dienstzeit",
        "arrival peaks": "Ankunftsspitzen: Fälle kommen ungleichmäßig (Auslastung {utilisation})",
        "written": "Vorlage geschrieben: {path}",
        "params_missing": "{path}: Parameterdatei nicht gefunden",
        "params_suffix": "{path}: erwartet .xlsx, .csv (Vorlage) oder .json (Prosimos)",
        "template_suffix": "{path}: erwartet .xlsx oder .csv",
        "template_errors": "{path}: {count} Fehler in der Parametervorlage, nichts übernommen:",
        "params_error": "{path}: Parameterdatei nicht verwendbar: {detail}",
        "simulation_error": "Simulation nicht möglich: {detail}",
        "no_activities": "{path}: Das Modell enthält keine Aktivitäten, es gibt nichts zu "
        "simulieren.",
        "write_error": "{path}: kann nicht geschrieben werden: {detail}",
        "unexpected": "Unerwarteter Fehler ({kind}: {detail}). Bitte die Dateien an das "
        "Entwicklungsteam weitergeben.",
    },
    "en": {
        "title": "Simulation: {file}",
        "run": "{cases} cases · {replications} replication(s) · seed {seed}",
        "lead_time": "Lead time",
        "mean": "mean",
        "median": "median",
        "p90": "90th percentile",
        "ci": "95 % confidence ± {value}",
        "expected": "analytically expected {value}, with queues {queued}",
        "effort": "Effort per case {effort} · cost per case {cost}",
        "bottlenecks": "Bottlenecks (queue waiting per case)",
        "no_bottleneck": "no queues – no bottleneck",
        "per_case": "{value} per case",
        "utilisation": "Utilisation per unit (simulation / analytical)",
        "over": "above {line}",
        "assumptions": "Assumptions",
        "warnings": "Warnings",
        "capacity": "capacity: utilisation {utilisation} above {line}",
        "calendar": "working hours: {share} of the waiting falls outside working hours",
        "arrival peaks": "arrival peaks: cases arrive unevenly (utilisation {utilisation})",
        "written": "template written: {path}",
        "params_missing": "{path}: parameter file not found",
        "params_suffix": "{path}: expected .xlsx, .csv (template) or .json (Prosimos)",
        "template_suffix": "{path}: expected .xlsx or .csv",
        "template_errors": "{path}: {count} error(s) in the parameter template, nothing applied:",
        "params_error": "{path}: parameter file cannot be used: {detail}",
        "simulation_error": "cannot simulate: {detail}",
        "no_activities": "{path}: the model holds no activities, there is nothing to simulate.",
        "write_error": "{path}: cannot be written: {detail}",
        "unexpected": "Unexpected error ({kind}: {detail}). Please pass the files on to the "
        "development team.",
    },
}


class _Failure(Exception):
    """A plain message for stderr; the command exits with status 1."""


# -- the parser ----------------------------------------------------------------------------


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: positive ganze Zahl / positive integer")
    return value


def _not_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: ganze Zahl ≥ 0 / integer ≥ 0")
    return value


def add_parser(sub: argparse._SubParsersAction, lang_parent: argparse.ArgumentParser) -> None:
    """Register ``simulate`` and ``params template`` on the main parser's sub-commands."""
    parser = sub.add_parser(
        "simulate",
        parents=[lang_parent],
        help="Durchlaufzeit, Auslastung, Engpässe simulieren / simulate lead time and bottlenecks",
    )
    parser.add_argument("file", metavar="FILE", help="BPMN model")
    parser.add_argument(
        "--params", metavar="FILE", help="parameter template (.xlsx/.csv) or Prosimos JSON"
    )
    parser.add_argument("--cases", type=_positive, default=1000, help="cases per replication")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same result)")
    parser.add_argument("--replications", type=_positive, default=1, help="independent runs")
    parser.add_argument(
        "--warmup", type=_not_negative, default=0, help="cases simulated first and not counted"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.set_defaults(run=run_simulate)

    # ``--lang`` belongs to the action: a default on both levels would let the inner
    # one overwrite a choice made on the outer.
    params = sub.add_parser("params", help="Prozessparameter / process parameters")
    actions = params.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    template = actions.add_parser(
        "template",
        parents=[lang_parent],
        help="vorbefüllte Parametervorlage schreiben / write the pre-filled template",
    )
    template.add_argument("file", metavar="FILE", help="BPMN model")
    template.add_argument("-o", "--output", metavar="OUT", required=True, help=".xlsx or .csv")
    template.add_argument(
        "--params", metavar="FILE", help="parameters to pre-fill beside the model's own"
    )
    template.set_defaults(run=run_template)


# -- shared steps --------------------------------------------------------------------------


def _words(lang: str) -> Mapping[str, str]:
    return _WORDS.get(lang, _WORDS["de"])


def _read_model(path: str, lang: str) -> Definitions:
    try:
        return import_file(path)
    except BpmnImportError as error:
        raise _Failure(f"{path}: [{error.code}] {error.message(lang)}") from error


def _parameter_file(raw: str | None, lang: str) -> Path | None:
    if raw is None:
        return None
    path = Path(raw)
    words = _words(lang)
    if path.suffix.lower() not in _PARAM_SUFFIXES:
        raise UsageError(words["params_suffix"].format(path=raw))
    if not path.is_file():
        raise _Failure(words["params_missing"].format(path=raw))
    return path


def _load_parameters(model: Definitions, extra: Path | None, lang: str) -> ProcessParameters:
    words = _words(lang)
    try:
        return load_parameters(model, extra=extra)
    except TemplateError as error:
        lines = [words["template_errors"].format(path=extra, count=len(error.issues))]
        lines += [f"  {issue.located(lang)}" for issue in error.issues]
        raise _Failure("\n".join(lines)) from error
    except (OSError, ValueError) as error:  # a Prosimos file that is no such JSON, ...
        raise _Failure(words["params_error"].format(path=extra, detail=error)) from error


def _guarded(work: Any, args: argparse.Namespace) -> int:
    """Run ``work(args)``; a failure becomes a plain message on stderr and status 1."""
    try:
        return int(work(args))
    except (UsageError, KeyboardInterrupt):
        raise
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except _Failure as failure:
        print(f"processanalysis: {failure}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug: plain words, never a traceback
        message = _words(args.lang)["unexpected"].format(kind=type(error).__name__, detail=error)
        print(f"processanalysis: {message}", file=sys.stderr)
        return 1


# -- simulate ------------------------------------------------------------------------------


def run_simulate(args: argparse.Namespace) -> int:
    """``processanalysis simulate``: print the summary or the JSON object; 0 on success."""
    return _guarded(_simulate, args)


def _simulate(args: argparse.Namespace) -> int:
    lang = args.lang
    extra = _parameter_file(args.params, lang)
    model = _read_model(args.file, lang)
    if not any(isinstance(element, Activity) for element in model.iter_elements()):
        raise _Failure(_words(lang)["no_activities"].format(path=args.file))
    params = _load_parameters(model, extra, lang)
    expected = analytical_model(model, params)
    try:
        result = simulate(
            model,
            params,
            cases=args.cases,
            seed=args.seed,
            replications=args.replications,
            warmup=args.warmup,
        )
    except (SimulationError, ValueError) as error:
        raise _Failure(_words(lang)["simulation_error"].format(detail=error)) from error
    record = simulation_json(result, expected, model, lang)
    record = {"file": args.file, **record}
    if args.json:
        print(json.dumps(record, ensure_ascii=False, allow_nan=False))
    else:
        print(_summary(record, lang))
    return 0


def _finite(value: Any) -> Any:
    """JSON-ready: non-finite floats become ``None``, containers are copied."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def simulation_json(
    result: SimulationResult, expected: AnalyticalResult, model: Definitions, lang: str = "de"
) -> dict[str, Any]:
    """The ``--json`` object: the engine's contract (:meth:`SimulationResult.to_dict`) plus
    ``seed``, ``replications``, ``effort_mean``, ``cost_mean``, ``confidence``,
    ``bottleneck_details``, ``analytical``, ``assumptions`` and ``warnings``.

    A bottleneck's ``reason`` is the engine's, or ``capacity`` when its unit's expected
    (analytical) utilisation is above :data:`CAPACITY_LINE`."""
    labels = {e.id: e.label for e in model.iter_elements() if e.id and e.label}
    names = {rid: r.name for rid, r in result.resources.items()}
    units = expected.units
    record: dict[str, Any] = result.to_dict()
    record.update(
        {
            "seed": result.seed,
            "replications": result.replications,
            "effort_mean": result.effort_mean,
            "cost_mean": result.cost_mean,
            "confidence": {
                "level": 0.95,
                "lead_time_mean": result.lead_time_ci95,
                "cost_mean": result.cost_ci95,
            },
            "bottleneck_details": [
                {
                    "element_id": b.element_id,
                    "name": labels.get(b.element_id, b.element_id),
                    "resource": b.resource,
                    "unit": names.get(b.resource or "", b.resource),
                    "waiting_per_case": b.waiting_per_case,
                    "utilisation": b.utilisation,
                    "expected_utilisation": _expected(units, b.resource),
                    "outside_hours": b.outside_hours,
                    "reason": _reason_code(b.reason, _expected(units, b.resource)),
                }
                for b in result.bottlenecks
            ],
            "analytical": {
                "lead_time": expected.lead_time,
                "lead_time_with_queueing": expected.lead_time_with_queueing,
                "effort_per_case": expected.effort_per_case,
                "effort_per_year": expected.effort_per_year,
                "cost_per_case": expected.cost_per_case,
                "cost_per_year": expected.cost_per_year,
                "cases_per_year": expected.cases_per_year,
                "utilisation": {u.name: u.utilisation for u in units.values()},
            },
            "assumptions": [
                {
                    "code": a.code,
                    "message": a.message.get(lang, a.message.get("de", "")),
                    "value": a.value,
                    "elements": list(a.elements),
                }
                for a in _unique_assumptions([*expected.assumptions, *result.assumptions])
            ],
            "warnings": list(result.warnings),
        }
    )
    return _finite(record)


def _expected(units: Mapping[str, Any], resource: str | None) -> float | None:
    unit = units.get(resource or "")
    return unit.utilisation if unit is not None else None


def _reason_code(reason: str, expected: float | None) -> str:
    """The engine's reason, except that a unit whose expected utilisation is above the
    capacity line is a capacity bottleneck: the engine measures utilisation while cases
    arrive, including the first days in which they are still on their way to the unit,
    so a short run reports too little of it (the browser page does the same)."""
    if reason != "capacity" and expected is not None and expected > CAPACITY_LINE:
        return "capacity"
    return reason


def _unique_assumptions(assumptions: Sequence[Any]) -> list[Any]:
    """Each assumption once (the analytical model and the simulation state some alike)."""
    seen: dict[str, Any] = {}
    for assumption in assumptions:
        seen.setdefault(assumption.code, assumption)
    return list(seen.values())


# -- the readable summary -------------------------------------------------------------------


def _money(value: float | None, lang: str) -> str:
    """Euros with cents; the other figures read as :mod:`processanalysis.simulation.formatting`.

    >>> _money(1234.5, "de"), duration(45, "de"), duration(150, "en"), _percent(0.5, "en")
    ('1.234,50 €', '45 min', '2.5 h', '50 %')
    """
    return format_money(value, lang, 2)


def _reason(detail: Mapping[str, Any], lang: str) -> str:
    words = _words(lang)
    template = words.get(detail["reason"], detail["reason"])
    utilisation = detail["utilisation"]
    if detail["reason"] == "capacity":  # the higher of the simulated and the expected
        utilisation = max(utilisation, detail.get("expected_utilisation") or 0.0)
    return template.format(
        utilisation=_percent(utilisation, lang),
        share=_percent(detail["outside_hours"], lang),
        line=_percent(CAPACITY_LINE, lang),
    )


def _summary(record: Mapping[str, Any], lang: str) -> str:
    words = _words(lang)
    lead = record["lead_time"]
    expected = record["analytical"]
    lines = [
        words["title"].format(file=record["file"]),
        words["run"].format(
            cases=_number(record["cases"], 0, lang),
            replications=record["replications"],
            seed=record["seed"],
        ),
        "",
        words["lead_time"],
    ]
    ci = record["confidence"]["lead_time_mean"]
    mean = duration(lead["mean"], lang)
    if ci is not None:
        mean += f" ({words['ci'].format(value=duration(ci, lang))})"
    width = max(len(words[key]) for key in ("mean", "median", "p90"))
    lines += [
        f"  {words['mean']:<{width}}  {mean}",
        f"  {words['median']:<{width}}  {duration(lead['p50'], lang)}",
        f"  {words['p90']:<{width}}  {duration(lead['p90'], lang)}",
        "  "
        + words["expected"].format(
            value=duration(expected["lead_time"], lang),
            queued=duration(expected["lead_time_with_queueing"], lang),
        ),
        "",
        words["effort"].format(
            effort=duration(record["effort_mean"], lang), cost=_money(record["cost_mean"], lang)
        ),
        "",
        words["bottlenecks"],
    ]
    details = record["bottleneck_details"][:5]
    if not details:
        lines.append(f"  {words['no_bottleneck']}")
    for rank, detail in enumerate(details, start=1):
        per_case = words["per_case"].format(value=duration(detail["waiting_per_case"], lang))
        lines.append(
            f"  {rank}. {detail['name']} [{detail['element_id']}] – {detail['unit']}: {per_case}"
        )
        lines.append(f"     {_reason(detail, lang)}")
    lines += ["", words["utilisation"]]
    simulated = record["resources"]
    names = list(dict.fromkeys([*simulated, *expected["utilisation"]]))
    width = max((len(name) for name in names), default=0)
    for name in names:
        own = (simulated.get(name) or {}).get("utilisation")
        analytic = expected["utilisation"].get(name)
        flag = ""
        if max(own or 0.0, analytic or 0.0) > CAPACITY_LINE:
            flag = f"  ! {words['over'].format(line=_percent(CAPACITY_LINE, lang))}"
        lines.append(
            f"  {name:<{width}}  {_percent(own, lang):>6} / {_percent(analytic, lang):>6}{flag}"
        )
    lines += ["", words["assumptions"]]
    lines += [f"  - {a['message']}" for a in record["assumptions"]]
    if record["warnings"]:
        lines += ["", words["warnings"]]
        lines += [f"  - {warning}" for warning in record["warnings"]]
    return "\n".join(lines)


# -- params template -------------------------------------------------------------------------


def run_template(args: argparse.Namespace) -> int:
    """``processanalysis params template``: write the pre-filled template; 0 on success."""
    return _guarded(_template, args)


def _template(args: argparse.Namespace) -> int:
    lang = args.lang
    words = _words(lang)
    output = Path(args.output)
    if output.suffix.lower() not in _TEMPLATE_SUFFIXES:
        raise UsageError(words["template_suffix"].format(path=args.output))
    extra = _parameter_file(args.params, lang)
    model = _read_model(args.file, lang)
    params = _load_parameters(model, extra, lang)
    try:
        write_template(model, params, output, lang=lang)
    except OSError as error:
        detail = error.strerror or error
        raise _Failure(words["write_error"].format(path=args.output, detail=detail)) from error
    print(words["written"].format(path=output), file=sys.stderr)
    return 0
