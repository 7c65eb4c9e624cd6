"""``processanalysis compare`` and ``processanalysis improve``: to-be variants on the command line.

* ``compare AS_IS TO_BE [--json]`` — semantic diff and KPI comparison (exit 1 when a file
  cannot be read);
* ``improve IN --apply OPERATION_OR_FINDING_ID... -o OUT`` — apply improvement
  operations (``remove_step:Task_3``) or the operations a finding carries (its id from
  ``analyse``) and write the variant atomically; without ``--apply`` it lists the
  operations and the findings of IN that carry one. An unknown operation or finding id
  is a usage error (exit 2); an operation that does not fit the model exits 1 and
  writes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from processanalysis.analysis.runner import analyse
from processanalysis.bpmn.exporter import write_bpmn
from processanalysis.bpmn.importer import import_file
from processanalysis.bpmn.model import Definitions
from processanalysis.cli.files import UsageError
from processanalysis.errors import BpmnImportError
from processanalysis.variants import (
    OPERATIONS,
    AppliedOperation,
    OperationError,
    apply_operation,
    compare_models,
    parse_operation,
)

__all__ = ["add_parser", "compare", "improve"]

_TEXT = {
    "de": {
        "added": "hinzugefügt",
        "removed": "entfernt",
        "changed": "geändert",
        "unchanged": "unverändert",
        "kpi": "Kennzahl",
        "written": "geschrieben",
        "operations": "Operationen",
        "suggestions": "Befunde mit Verbesserungsvorschlag",
        "none": "keine",
    },
    "en": {
        "added": "added",
        "removed": "removed",
        "changed": "changed",
        "unchanged": "unchanged",
        "kpi": "KPI",
        "written": "written",
        "operations": "operations",
        "suggestions": "findings with a suggested improvement",
        "none": "none",
    },
}
_KPIS = (
    ("activities", "Aktivitäten", "activities"),
    ("media_breaks", "Medienbrüche", "media breaks"),
    ("handoffs", "Übergaben", "hand-offs"),
    ("handoffs_per_case", "Übergaben je Fall", "hand-offs per case"),
    ("units", "Organisationseinheiten", "units"),
    ("digital_share", "Digitalanteil", "digital share"),
    ("manual_share", "Anteil manuell", "manual share"),
    ("findings", "Befunde", "findings"),
    # from the analytical effort model, present only when both models carry parameters
    ("effort_hours_per_case", "Aufwand je Fall (h)", "effort per case (h)"),
    ("effort_hours_per_year", "Aufwand je Jahr (h)", "effort per year (h)"),
    ("lead_time_hours", "Durchlaufzeit (h)", "lead time (h)"),
    ("cost_per_year", "Kosten je Jahr (€)", "cost per year (€)"),
)


def add_parser(sub: argparse._SubParsersAction, lang_parent: argparse.ArgumentParser) -> None:
    compare_parser = sub.add_parser(
        "compare",
        parents=[lang_parent],
        help="Ist und Soll vergleichen: Diff und Kennzahlen / compare as-is and to-be",
    )
    compare_parser.add_argument("as_is", metavar="AS_IS")
    compare_parser.add_argument("to_be", metavar="TO_BE")
    compare_parser.add_argument("--json", action="store_true", help="one JSON object")
    compare_parser.set_defaults(run=compare)

    improve_parser = sub.add_parser(
        "improve",
        parents=[lang_parent],
        help="Verbesserungen anwenden / apply improvement operations",
    )
    improve_parser.add_argument("input", metavar="IN")
    improve_parser.add_argument(
        "--apply", nargs="+", default=[], metavar="OPERATION_OR_FINDING_ID",
        help="e.g. remove_step:Activity_1 or a finding id from `analyse --json`",
    )
    improve_parser.add_argument("-o", "--output", metavar="OUT", help="the variant to write")
    improve_parser.add_argument("--json", action="store_true", help="applied operations as JSON")
    improve_parser.set_defaults(run=improve)


def _read(raw: str, lang: str) -> Definitions | None:
    path = Path(raw)
    if not path.is_file():
        raise UsageError(f"{raw}: Datei nicht gefunden / no such file")
    try:
        return import_file(path)
    except BpmnImportError as error:
        print(f"✗ {path}: [{error.code}] {error.message(lang)}", file=sys.stderr)
        return None


def _fmt(key: str, value: Any, lang: str) -> str:
    if isinstance(value, float) and key.endswith("share"):
        text = f"{value * 100:.0f} %"
    elif isinstance(value, float) and key.endswith("per_year"):
        text = f"{value:.0f}"
    elif isinstance(value, float):
        text = f"{value:.2f}"
    else:
        text = str(value)
    return text.replace(".", ",") if lang == "de" else text


def compare(args: argparse.Namespace) -> int:
    """Print the diff and KPI comparison of two models."""
    before = _read(args.as_is, args.lang)
    after = _read(args.to_be, args.lang)
    if before is None or after is None:
        return 1
    comparison = compare_models(before, after, lang=args.lang)
    if args.json:
        print(json.dumps(comparison.to_dict(args.lang), ensure_ascii=False))
        return 0
    text = _TEXT[args.lang]
    diff = comparison.diff
    print(f"■ {args.as_is} → {args.to_be}")
    print(f"  {comparison.summary(args.lang)}")
    print()
    kpis = comparison.kpis
    header = f"  {text['kpi']:<26} {'Ist' if args.lang == 'de' else 'as-is':>10} "
    header += f"{'Soll' if args.lang == 'de' else 'to-be':>10} {'Δ':>10}"
    print(header)
    for key, de, en in _KPIS:
        if key not in kpis["as_is"]:
            continue
        label = de if args.lang == "de" else en
        a, b, d = kpis["as_is"].get(key), kpis["to_be"].get(key), kpis["delta"].get(key)
        sign = "+" if isinstance(d, (int, float)) and d > 0 else ""
        print(f"  {label:<26} {_fmt(key, a, args.lang):>10} {_fmt(key, b, args.lang):>10} "
              f"{sign + _fmt(key, d, args.lang):>10}")
    print()
    for key in ("removed", "added"):
        ids = getattr(diff, key)
        print(f"  {text[key]} ({len(ids)}): {', '.join(ids) or text['none']}")
    print(f"  {text['changed']} ({len(diff.changed)}):")
    for change in diff.changed:
        target = f" → {change.to_be_id}" if change.to_be_id != change.id else ""
        print(f"    {change.id}{target}: {', '.join(change.fields)}")
    print(f"  {text['unchanged']}: {len(diff.unchanged)}")
    return 0


def _resolve(model: Definitions, items: list[str], lang: str) -> list[tuple[str, str | None]]:
    """Each ``--apply`` item as (operation text, finding id or None); usage error if unknown."""
    resolved: list[tuple[str, str | None]] = []
    findings = None
    for item in items:
        name = item.partition(":")[0]
        if name in OPERATIONS:
            try:
                parse_operation(item)
            except OperationError as error:
                raise UsageError(error.text(lang)) from error
            resolved.append((item, None))
            continue
        if findings is None:
            findings = {f.id: f for f in analyse(model, lang=lang).findings}
        finding = findings.get(item)
        if finding is None:
            known = ", ".join(OPERATIONS)
            raise UsageError(
                f"„{item}“ ist weder eine Operation ({known}) noch die ID eines Befunds dieses "
                "Modells (siehe `processanalysis analyse --json`)"
                if lang == "de"
                else f"'{item}' is neither an operation ({known}) nor the id of a finding of "
                "this model (see `processanalysis analyse --json`)"
            )
        if not finding.operations:
            raise UsageError(
                f"Befund „{item}“ hat keine automatische Verbesserung"
                if lang == "de"
                else f"finding '{item}' carries no automatic improvement"
            )
        resolved.extend((operation, finding.id) for operation in finding.operations)
    return resolved


def _list(model: Definitions, lang: str) -> int:
    text = _TEXT[lang]
    print(f"{text['operations']}:")
    for name, spec in OPERATIONS.items():
        print(f"  {name}:{','.join(spec.params)} — {spec[lang]}")
    print(f"{text['suggestions']}:")
    shown = 0
    for finding in analyse(model, lang=lang).findings:
        if finding.operations:
            shown += 1
            print(f"  {finding.id}: {' '.join(finding.operations)}")
            print(f"      {finding.text(lang)}")
    if not shown:
        print(f"  ({text['none']})")
    return 0


def improve(args: argparse.Namespace) -> int:
    """Apply operations or findings' suggestions to IN and write OUT (all or nothing)."""
    model = _read(args.input, args.lang)
    if model is None:
        return 1
    if not args.apply:
        return _list(model, args.lang)
    if not args.output:
        raise UsageError("-o OUT fehlt / -o OUT is missing")
    target = Path(args.output)
    if not target.parent.exists():
        raise UsageError(f"{target.parent}: Ordner nicht gefunden / no such folder")
    steps = _resolve(model, args.apply, args.lang)
    applied: list[AppliedOperation] = []
    current = model
    for operation, finding in steps:
        name, params = parse_operation(operation)
        try:
            current, record = apply_operation(current, name, **params)
        except OperationError as error:
            print(f"✗ {operation}: {error.text(args.lang)}", file=sys.stderr)
            return 1
        record.finding = finding
        applied.append(record)
    write_bpmn(current, target)
    if args.json:
        print(json.dumps(
            {"output": str(target), "applied": [a.to_dict(args.lang) for a in applied]},
            ensure_ascii=False,
        ))
        return 0
    for record in applied:
        print(f"✓ {record.spec}: {record.text(args.lang)}")
    print(f"✓ {target} {_TEXT[args.lang]['written']}")
    return 0
