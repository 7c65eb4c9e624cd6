"""Import benchmark: synthetic models against a bare ``lxml.etree.parse`` in one run.

For each size the model is generated once (cached in ``benchmarks/results/``), then
the bare parse and :func:`processanalysis.import_file` are timed alternately in the
same process, so machine noise hits both alike; the ratio of their medians is the
headline figure. Peak memory is measured in a fresh subprocess per operation, export
time once for information, and scaling as time per flow node across sizes.

Usage::

    python -m benchmarks.run [--sizes 1000,10000,100000] [--repeat 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import ctypes
import gc
import json
import math
import os
import pstats
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from lxml import etree

from benchmarks.common import (
    ROOT,
    add_model_options,
    machine_meta,
    progress,
    write_json,
)
from benchmarks.synthetic import GENERATOR_VERSION, write_synthetic_model

__all__ = ["main"]

#: The goals of the issue.
GOAL_RATIO = 2.0  # import time / bare parse time
GOAL_MEMORY = 10.0  # peak memory / file size
GOAL_SLOPE = 1.1  # log-log slope of time over size; 1.0 is linear


# -- helpers --------------------------------------------------------------------------
def _limits_for(size: int) -> Any:
    """The default limits, widened only where the file would exceed them."""
    from processanalysis import DEFAULT_LIMITS, Limits

    if size <= DEFAULT_LIMITS.max_bytes:
        return DEFAULT_LIMITS
    # Every element takes well over 16 bytes of XML, so this never bites.
    return Limits(max_bytes=2 * size, max_elements=max(DEFAULT_LIMITS.max_elements, size // 16))


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _model_path(nodes: int, lanes: int, seed: int, cache: Path) -> tuple[Path, float | None]:
    """The cached synthetic model, generated if missing; and the generation time."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"synthetic-{nodes}-lanes{lanes}-seed{seed}-v{GENERATOR_VERSION}.bpmn"
    if path.exists():
        return path, None
    progress(f"[{nodes:>7}] generating {path.name} ...")
    partial = path.with_suffix(".part")
    start = time.perf_counter()
    write_synthetic_model(partial, nodes, lanes=lanes, seed=seed)
    elapsed = time.perf_counter() - start
    partial.replace(path)
    return path, elapsed


# -- memory, in a fresh process -----------------------------------------------------------
def _status_bytes(field: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` figure of this process in bytes (Linux), else None."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def _reset_peak() -> bool:
    """Reset the peak RSS (VmHWM) to the current RSS; Linux >= 4.0 only."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return True


def _trim_heap() -> None:
    """Hand freed heap pages back to the system (glibc), so RSS shows what is still used."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _max_rss() -> int:
    """Peak resident set size of this process in bytes (ru_maxrss: KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _memory_child(mode: str, path: str) -> int:
    """Run one operation and print its peak and retained memory as JSON (child process).

    The peak is the high-water mark of the resident set during the operation minus
    the resident set just before it, both of this fresh process after its imports.
    On Linux the mark is ``VmHWM``, reset right before the operation; ``ru_maxrss`` is
    not used there because exec carries the parent's high-water mark over into it.
    """
    import processanalysis

    limits = _limits_for(os.path.getsize(path))
    gc.collect()
    precise = _reset_peak() and _status_bytes("VmHWM") is not None
    before = _status_bytes("VmRSS") if precise else _max_rss()
    assert before is not None
    if mode == "parse":
        kept: object = etree.parse(path)
    else:
        kept = processanalysis.import_file(path, limits=limits)
    peak = _status_bytes("VmHWM") if precise else _max_rss()
    assert peak is not None
    gc.collect()
    _trim_heap()
    after = _status_bytes("VmRSS")
    print(
        json.dumps(
            {
                "peak_bytes": max(0, peak - before),
                "retained_bytes": None if after is None else max(0, after - before),
                "baseline_bytes": before,
                "method": "VmHWM after reset" if precise else "ru_maxrss",
                "kept": type(kept).__name__,
            }
        )
    )
    return 0


def _measure_memory(mode: str, path: Path) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--memory-child", mode, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


# -- one size -------------------------------------------------------------------------------
def measure(path: Path, nodes: int, repeat: int, *, export: bool = True) -> dict[str, Any]:
    """Time parse and import interleaved, then export once; memory in subprocesses."""
    import processanalysis

    size = path.stat().st_size
    limits = _limits_for(size)
    label = f"[{nodes:>7}]"
    etree.parse(str(path))  # warm the page cache; not timed
    parse_times: list[float] = []
    import_times: list[float] = []
    model = None
    for round_number in range(repeat):
        # Alternate the order so neither side always runs right after a collection.
        first_parse = round_number % 2 == 0
        for which in ("parse", "import") if first_parse else ("import", "parse"):
            model = None
            if which == "parse":
                elapsed, _ = _timed(lambda: etree.parse(str(path)))
                parse_times.append(elapsed)
            else:
                elapsed, model = _timed(lambda: processanalysis.import_file(path, limits=limits))
                import_times.append(elapsed)
            progress(f"{label} {which:<6} run {round_number + 1}/{repeat}: {elapsed:.3f} s")
    if model is None:
        model = processanalysis.import_file(path, limits=limits)
    counts = processanalysis.element_counts(model)
    warnings = len(model.warnings)
    export_time = None
    if export:
        export_time, _ = _timed(partial(processanalysis.export_bpmn, model))
        progress(f"{label} export (once): {export_time:.3f} s")
    del model
    gc.collect()
    progress(f"{label} peak memory of parse and import in fresh subprocesses ...")
    memory_parse = _measure_memory("parse", path)
    memory_import = _measure_memory("import", path)
    parse_median = statistics.median(parse_times)
    import_median = statistics.median(import_times)
    return {
        "nodes": nodes,
        "file_bytes": size,
        "limits": {"max_bytes": limits.max_bytes, "max_elements": limits.max_elements},
        "counts": counts,
        "warnings": warnings,
        "parse_s": parse_times,
        "import_s": import_times,
        "parse_median_s": parse_median,
        "import_median_s": import_median,
        "ratio_median": import_median / parse_median,
        "ratio_best": min(import_times) / min(parse_times),
        "export_s": export_time,
        "parse_peak_bytes": memory_parse["peak_bytes"],
        "import_peak_bytes": memory_import["peak_bytes"],
        "import_retained_bytes": memory_import["retained_bytes"],
        "import_peak_per_file": memory_import["peak_bytes"] / size,
        "import_us_per_node": import_median / nodes * 1e6,
        "parse_us_per_node": parse_median / nodes * 1e6,
    }


def scaling(results: list[dict[str, Any]], key: str) -> float | None:
    """Log-log slope of ``key`` over nodes, smallest to largest size (1.0 = linear)."""
    points = sorted((r["nodes"], r[key]) for r in results if r.get(key))
    if len(points) < 2 or points[0][0] == points[-1][0]:
        return None
    (n0, t0), (n1, t1) = points[0], points[-1]
    return math.log(t1 / t0) / math.log(n1 / n0)


def profile_import(path: Path, top: int = 10) -> str:
    """The ``top`` functions of one import by own time (cProfile), as text."""
    import io

    import processanalysis

    limits = _limits_for(path.stat().st_size)
    profiler = cProfile.Profile()
    profiler.enable()
    processanalysis.import_file(path, limits=limits)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


# -- report -----------------------------------------------------------------------------------
def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value / 1_048_576:.1f}"


def format_report(results: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    head = (
        f"{'nodes':>8} {'file MB':>8} {'parse s':>8} {'import s':>9} {'ratio':>6} {'best':>5} "
        f"{'export s':>9} {'peak MB':>8} {'peak/file':>9} {'kept MB':>8} "
        f"{'µs/node':>8} {'warn':>5}"
    )
    lines = [
        f"BPMN import benchmark — {meta['date']}, {meta['machine']}",
        f"median of {meta['repeat']} interleaved runs; ratio = import / bare lxml.etree.parse "
        "(best = ratio of the fastest runs)",
        "",
        head,
        "-" * len(head),
    ]
    for r in results:
        export = "-" if r["export_s"] is None else f"{r['export_s']:.2f}"
        lines.append(
            f"{r['nodes']:>8} {_mb(r['file_bytes']):>8} {r['parse_median_s']:>8.3f} "
            f"{r['import_median_s']:>9.3f} {r['ratio_median']:>6.2f} {r['ratio_best']:>5.2f} "
            f"{export:>9} "
            f"{_mb(r['import_peak_bytes']):>8} {r['import_peak_per_file']:>9.2f} "
            f"{_mb(r['import_retained_bytes']):>8} {r['import_us_per_node']:>8.1f} "
            f"{r['warnings']:>5}"
        )
    lines.append("")
    lines.append("peak = max RSS during the import minus RSS before it (fresh subprocess);")
    lines.append("kept = RSS after the import with the model alive (heap trimmed);")
    lines.append("bare lxml.etree.parse peak: ")
    lines[-1] += ", ".join(f"{r['nodes']}: {_mb(r['parse_peak_bytes'])} MB" for r in results)
    slopes = meta["scaling"]
    lines.append(
        "scaling (log-log slope, 1.0 = linear): "
        + ", ".join(f"{k} {v:.2f}" for k, v in slopes.items() if v is not None)
    )
    goals = meta["goals"]
    lines.append("")
    for name, (met, detail) in goals.items():
        lines.append(f"goal {name:<22} {'MET' if met else 'NOT MET':<8} {detail}")
    return "\n".join(lines)


def evaluate(results: list[dict[str, Any]]) -> dict[str, tuple[bool, str]]:
    worst_ratio = max(r["ratio_median"] for r in results)
    worst_memory = max(r["import_peak_per_file"] for r in results)
    slope = scaling(results, "import_median_s")
    linear = slope is None or slope <= GOAL_SLOPE
    return {
        f"import <= {GOAL_RATIO:g}x parse": (
            worst_ratio <= GOAL_RATIO,
            f"worst ratio {worst_ratio:.2f}",
        ),
        "linear in size": (
            linear,
            "one size only" if slope is None else f"slope {slope:.2f} (<= {GOAL_SLOPE})",
        ),
        f"peak <= {GOAL_MEMORY:g}x file": (
            worst_memory <= GOAL_MEMORY,
            f"worst {worst_memory:.2f}x",
        ),
    }


# -- command line ---------------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Time processanalysis.import_file against a bare lxml parse.",
    )
    add_model_options(parser)
    parser.add_argument("--no-export", action="store_true", help="skip the export timing")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print the top 10 functions of one import of the middle size",
    )
    parser.add_argument("--memory-child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.memory_child:
        return _memory_child(*args.memory_child)
    if args.repeat < 1:
        _parser().error("--repeat must be at least 1")
    started = time.perf_counter()
    results = []
    for nodes in args.sizes:
        path, generated = _model_path(nodes, args.lanes, args.seed, args.cache)
        result = measure(path, nodes, args.repeat, export=not args.no_export)
        result["generate_s"] = generated
        results.append(result)
    meta: dict[str, Any] = {
        **machine_meta(),
        "lxml": ".".join(map(str, etree.LXML_VERSION)),
        "libxml2": ".".join(map(str, etree.LIBXML_VERSION)),
        "repeat": args.repeat,
        "lanes": args.lanes,
        "seed": args.seed,
        "scaling": {
            "parse": scaling(results, "parse_median_s"),
            "import": scaling(results, "import_median_s"),
            "export": scaling(results, "export_s"),
        },
    }
    meta["goals"] = evaluate(results)
    print(format_report(results, meta))
    if args.profile:
        middle = sorted(args.sizes)[len(args.sizes) // 2]
        path, _ = _model_path(middle, args.lanes, args.seed, args.cache)
        print(f"\ncProfile of import_file on {middle} nodes, top 10 by own time:")
        print(profile_import(path))
    if args.json:
        write_json(args.json, {"meta": meta, "results": results})
    progress(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
