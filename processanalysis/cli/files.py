"""Finding the BPMN files a command should work on, and running work over all cores."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

__all__ = ["BPMN_SUFFIXES", "UsageError", "collect_files", "parallel_map"]

BPMN_SUFFIXES = (".bpmn", ".xml", ".bpmn2")
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


def parallel_map(
    function: Callable[[T], R],
    items: Sequence[T],
    *,
    progress: bool | None = None,
    description: str = "",
) -> Iterator[R]:
    """``map`` over all cores, results in input order, a progress bar on a terminal."""
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress and len(items) > 1:
        from tqdm import tqdm

        bar = tqdm(total=len(items), desc=description, unit="file", file=sys.stderr)
    workers = min(os.cpu_count() or 1, len(items))
    try:
        if workers <= 1:
            results: Iterable[R] = map(function, items)
            for result in results:
                if bar is not None:
                    bar.update(1)
                yield result
        else:
            chunk = max(1, min(16, len(items) // (workers * 8)))
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for result in pool.map(function, items, chunksize=chunk):
                    if bar is not None:
                        bar.update(1)
                    yield result
    finally:
        if bar is not None:
            bar.close()
