"""The sub-commands: each collects files, calls the library, prints, returns an exit status."""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial
from pathlib import Path
from typing import Any

from processanalysis.bpmn.counts import COUNT_KEYS
from processanalysis.bpmn.exporter import write_bpmn
from processanalysis.bpmn.importer import import_file
from processanalysis.bpmn.validation import validate_bytes
from processanalysis.cli.files import UsageError, collect_files, parallel_map
from processanalysis.errors import BpmnImportError
from processanalysis.inspection import inspect_path, summarise

__all__ = ["convert", "inspect", "validate"]

_LABELS = {
    "de": {
        "warnings": "Hinweise",
        "error": "Fehler",
        "ok": "gelesen",
        "failed": "nicht lesbar",
        "valid": "XSD-gültig",
        "invalid": "nicht XSD-gültig",
        "line": "Zeile",
        "written": "geschrieben",
        "none": "keine BPMN-Dateien gefunden",
    },
    "en": {
        "warnings": "warnings",
        "error": "error",
        "ok": "read",
        "failed": "unreadable",
        "valid": "XSD-valid",
        "invalid": "not XSD-valid",
        "line": "line",
        "written": "written",
        "none": "no BPMN files found",
    },
}


def _files(paths: list[str], lang: str) -> list[Path]:
    files = collect_files(paths)
    if not files:
        raise UsageError(_LABELS[lang]["none"])
    return files


def _inspect_one(path: Path, lang: str, fidelity: bool) -> dict[str, Any]:
    if not fidelity:
        return inspect_path(path, lang=lang)
    try:
        model = import_file(path)
    except BpmnImportError:
        return inspect_path(path, lang=lang)
    record = summarise(model, str(path), lang)
    record["fidelity"] = model.fidelity.to_dict(lang) if model.fidelity else None
    return record


def _at(line: object, lang: str) -> str:
    return f" ({_LABELS[lang]['line']} {line})" if line else ""


def inspect(args: argparse.Namespace) -> int:
    """Import each file and print its counts, warnings or error."""
    files = _files(args.paths, args.lang)
    labels = _LABELS[args.lang]
    failed = 0
    work = partial(_inspect_one, lang=args.lang, fidelity=args.fidelity)
    for record in parallel_map(work, files, description="inspect"):
        failed += not record["ok"]
        if args.json:
            print(json.dumps(record, ensure_ascii=False), flush=True)
            continue
        if not record["ok"]:
            error = record["error"]
            print(f"✗ {record['file']}: {labels['failed']} [{error['code']}]")
            print(f"    {error['message']}")
            continue
        counts = record["counts"]
        summary = ", ".join(f"{k}={counts[k]}" for k in COUNT_KEYS if counts[k])
        print(f"✓ {record['file']}: {summary}, resolved_flows={counts['resolved_flows']}")
        for warning in record["warnings"]:
            print(
                f"    ! [{warning['code']}] {warning['message']}{_at(warning['line'], args.lang)}"
            )
        for kind in ("converted", "dropped"):
            for note in (record.get("fidelity") or {}).get(kind, []):
                print(f"    ~ {kind}: {note}")
    return 1 if failed else 0


def convert(args: argparse.Namespace) -> int:
    """Import IN and write it as normalised BPMN 2.0 with DI to OUT."""
    source = Path(args.input)
    if not source.is_file():
        raise UsageError(f"{args.input}: Datei nicht gefunden / no such file")
    labels = _LABELS[args.lang]
    try:
        model = import_file(source)
    except BpmnImportError as error:
        print(f"✗ {source}: [{error.code}] {error.message(args.lang)}", file=sys.stderr)
        return 1
    for warning in model.warnings:
        print(
            f"! [{warning.code}] {warning.message(args.lang)}{_at(warning.line, args.lang)}",
            file=sys.stderr,
        )
    target = Path(args.output)
    if not target.parent.exists():
        raise UsageError(f"{target.parent}: Ordner nicht gefunden / no such folder")
    write_bpmn(model, target)
    print(f"✓ {target} {labels['written']}")
    return 0


def _validate_one(path: Path, lang: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "file": str(path),
        "ok": False,
        "valid": False,
        "schema_errors": [],
        "warnings": [],
        "error": None,
    }
    try:
        model = import_file(path)
    except BpmnImportError as error:
        record["error"] = error.to_dict(lang)
        return record
    record["warnings"] = [w.to_dict(lang) for w in model.warnings]
    record["ok"] = True
    issues = validate_bytes(path.read_bytes())
    record["schema_errors"] = [i.to_dict() for i in issues]
    record["valid"] = not issues
    return record


def validate(args: argparse.Namespace) -> int:
    """XSD validity plus the importer's warnings, readable or as JSON lines."""
    files = _files(args.paths, args.lang)
    labels = _LABELS[args.lang]
    bad = 0
    for record in parallel_map(
        partial(_validate_one, lang=args.lang), files, description="validate"
    ):
        bad += not (record["ok"] and record["valid"])
        if args.json:
            print(json.dumps(record, ensure_ascii=False), flush=True)
            continue
        if not record["ok"]:
            error = record["error"]
            print(f"✗ {record['file']}: {labels['failed']} [{error['code']}] {error['message']}")
            continue
        mark = "✓" if record["valid"] else "✗"
        state = labels["valid"] if record["valid"] else labels["invalid"]
        print(f"{mark} {record['file']}: {state}")
        for issue in record["schema_errors"][:50]:
            print(f"    XSD{_at(issue['line'], args.lang)}: {issue['message']}")
        for warning in record["warnings"]:
            print(
                f"    ! [{warning['code']}] {warning['message']}{_at(warning['line'], args.lang)}"
            )
    return 1 if bad else 0
