"""Finding the BPMN files a command should work on, and running work over all cores.

Commands that handle many files (``analyse``, ``validate``, ``inspect``) spread them over
one worker process per CPU core. The environment variable ``PROCESSANALYSIS_WORKERS``
sets another number of workers: ``1`` works in the command's own process without a pool
(useful on a shared machine, for debugging, or to measure the gain of the pool, see
``benchmarks/README.md``); a larger number may exceed the number of cores. Unset or empty
means all cores; anything but a positive integer is a usage error (exit status 2).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

__all__ = ["BPMN_SUFFIXES", "WORKERS_ENV", "UsageError", "collect_files", "parallel_map", "workers"]

BPMN_SUFFIXES = (".bpmn", ".xml", ".bpmn2")
#: Environment variable with the number of worker processes (default: all cores).
WORKERS_ENV = "PROCESSANALYSIS_WORKERS"
T = TypeVar("T")
R = TypeVar("R")


class UsageError(Exception):
    """The command line names something that cannot be used (exit status 2)."""


def collect_files(paths: Iterable[str]) -> list[Path]:
    """Files given directly, plus ``*.bpmn``/``*.xml`` found recursively in folders."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in BPMN_SUFFIXES
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{raw}: Datei oder Ordner nicht gefunden / no such file or folder")
    return found


def workers(items: int) -> int:
    """Worker processes for ``items`` files: ``PROCESSANALYSIS_WORKERS`` if set, else the
    number of cores; never more than ``items`` and at least 1."""
    raw = os.environ.get(WORKERS_ENV, "").strip()
    if raw:
        try:
            wanted = int(raw)
        except ValueError:
            wanted = 0
        if wanted < 1:
            raise UsageError(
                f"{WORKERS_ENV}={raw!r}: erwartet eine positive ganze Zahl / "
                "expected a positive integer"
            )
    else:
        wanted = os.cpu_count() or 1
    return max(1, min(wanted, items))


def parallel_map(
    function: Callable[[T], R],
    items: Sequence[T],
    *,
    progress: bool | None = None,
    description: str = "",
) -> Iterator[R]:
    """``map`` over all cores (see :func:`workers`), results in input order, a progress
    bar on a terminal."""
    count = workers(len(items))
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress and len(items) > 1:
        from tqdm import tqdm

        bar = tqdm(total=len(items), desc=description, unit="file", file=sys.stderr)
    try:
        if count <= 1:
            results: Iterable[R] = map(function, items)
            for result in results:
                if bar is not None:
                    bar.update(1)
                yield result
        else:
            chunk = max(1, min(16, len(items) // (count * 8)))
            with ProcessPoolExecutor(max_workers=count) as pool:
                for result in pool.map(function, items, chunksize=chunk):
                    if bar is not None:
                        bar.update(1)
                    yield result
    finally:
        if bar is not None:
            bar.close()
