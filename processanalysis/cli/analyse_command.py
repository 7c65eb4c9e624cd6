"""``processanalysis analyse``: findings and KPIs per file, as a table or JSON lines."""

from __future__ import annotations

import argparse
import json
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.profile import Profile, ProfileError, load_profile
from processanalysis.analysis.runner import analyse
from processanalysis.analysis.vocabulary import Vocabulary, VocabularyError, load_vocabulary
from processanalysis.bpmn.importer import import_file
from processanalysis.cli.files import UsageError, collect_files, parallel_map
from processanalysis.errors import BpmnImportError

__all__ = ["add_parser", "run"]

_SEVERITY = {"high": "HOCH/HIGH", "medium": "MITTEL/MED", "low": "NIEDRIG/LOW"}
_KPI_LABELS = {
    "de": {
        "activities": "Aktivitäten",
        "media_breaks": "Medienbrüche",
        "handoffs": "Übergaben",
        "handoffs_per_case": "Übergaben je Fall",
        "units": "Organisationseinheiten",
        "external_parties": "Externe Beteiligte",
        "digital_share": "Digitalanteil",
        "manual_share": "Anteil manuell",
    },
    "en": {
        "activities": "activities",
        "media_breaks": "media breaks",
        "handoffs": "hand-offs",
        "handoffs_per_case": "hand-offs per case",
        "units": "units",
        "external_parties": "external parties",
        "digital_share": "digital share",
        "manual_share": "manual share",
    },
}


def add_parser(sub: argparse._SubParsersAction, lang_parent: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "analyse",
        aliases=["analyze"],
        parents=[lang_parent],
        help="Medienbrüche, Übergaben, Engpässe, Modellqualität / analyse models",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument("--json", action="store_true", help="one JSON object per line and file")
    parser.add_argument("--profile", metavar="FILE", help="rule profile (JSON)")
    parser.add_argument(
        "--vocabulary", metavar="FILE", action="append", default=[],
        help="additional media vocabulary (JSON), may be repeated",
    )
    parser.set_defaults(run=run)


@lru_cache(maxsize=4)
def _vocabulary(files: tuple[str, ...]) -> Vocabulary:
    """Loaded once per worker process, not once per file."""
    return load_vocabulary(*files)


def _analyse_one(path: Path, lang: str, profile: Profile, vocabulary_files: list[str]) -> dict:
    record: dict[str, Any] = {"file": str(path), "ok": False, "error": None, "kpis": {},
                              "handoffs": [], "findings": []}
    try:
        model = import_file(path)
    except BpmnImportError as error:
        record["error"] = error.to_dict(lang)
        return record
    vocabulary = _vocabulary(tuple(vocabulary_files))
    ctx = AnalysisContext(model, profile, vocabulary=vocabulary, lang=lang)
    result = analyse(model, profile, lang=lang, context=ctx)
    record.update(result.to_dict(lang))
    record["ok"] = True
    return record


def _print_table(record: dict[str, Any], lang: str) -> None:
    if not record["ok"]:
        error = record["error"]
        print(f"✗ {record['file']}: [{error['code']}] {error['message']}")
        return
    kpis = record["kpis"]
    labels = _KPI_LABELS[lang]
    figures = []
    for key, label in labels.items():
        value = kpis.get(key)
        if key.endswith("share"):
            figures.append(f"{label} {value * 100:.0f} %")
        else:
            figures.append(f"{label} {value}")
    print(f"■ {record['file']}")
    print("  " + " · ".join(figures))
    if not record["findings"]:
        print("  (keine Befunde / no findings)")
    for finding in record["findings"]:
        elements = ", ".join(finding["elements"])
        print(f"  [{_SEVERITY.get(finding['severity'], finding['severity'])}] "
              f"{finding['kind']}/{finding['rule']} ({elements})")
        print(f"      {finding['message']}")
        if finding["suggestion"]:
            print(f"      → {finding['suggestion']}")
    print()


def run(args: argparse.Namespace) -> int:
    try:
        profile = load_profile(args.profile)
        load_vocabulary(*args.vocabulary)  # fail early, in the parent process
    except (ProfileError, VocabularyError) as error:
        raise UsageError(str(error)) from error
    files = collect_files(args.paths)
    if not files:
        raise UsageError("keine BPMN-Dateien gefunden / no BPMN files found")
    work = partial(_analyse_one, lang=args.lang, profile=profile,
                   vocabulary_files=list(args.vocabulary))
    failed = 0
    for record in parallel_map(work, files, description="analyse"):
        failed += not record["ok"]
        if args.json:
            print(json.dumps(record, ensure_ascii=False), flush=True)
        else:
            _print_table(record, args.lang)
    return 1 if failed else 0
