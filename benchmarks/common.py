"""What the benchmarks share: paths, progress lines, the machine, model options, JSON output."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "RESULTS",
    "ROOT",
    "add_model_options",
    "machine",
    "machine_meta",
    "progress",
    "sizes",
    "write_json",
]

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def progress(message: str) -> None:
    """A progress line on stderr, so the report on stdout stays clean."""
    print(message, file=sys.stderr, flush=True)


def machine() -> str:
    """Architecture, cores and operating system, e.g. ``x86_64, 8 cores, Linux``."""
    return f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}"


def machine_meta() -> dict[str, Any]:
    """Date (UTC, to the minute), machine and Python version for a report's ``meta``."""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "python": platform.python_version(),
    }


def sizes(text: str) -> list[int]:
    """``--sizes``: comma-separated flow node counts, each at least 2 (``_`` allowed)."""
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a list of integers: {text!r}") from exc
    if not values or min(values) < 2:
        raise argparse.ArgumentTypeError("sizes must be integers >= 2")
    return values


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """The options of a run over synthetic models: sizes, repeats, JSON, lanes, seed, cache."""
    parser.add_argument(
        "--sizes",
        type=sizes,
        default=[1000, 10000, 100000],
        help="flow nodes per model, comma-separated (default 1000,10000,100000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size (default 3)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write results as JSON")
    parser.add_argument("--lanes", type=int, default=8, help="lanes per model (default 8)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=RESULTS,
        help="where generated models are kept (default benchmarks/results)",
    )


def write_json(path: Path, payload: dict[str, Any]) -> None:
    """``payload`` as indented UTF-8 JSON at ``path``, with a progress line."""
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    progress(f"results written to {path}")
