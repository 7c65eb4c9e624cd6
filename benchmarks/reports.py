"""Report benchmark: the optimisation report of a 300-element process as PDF (goal < 5 s).

The synthetic model of the import benchmark (``benchmarks.synthetic``, cached in
``benchmarks/results/``: one pool, 8 lanes, tasks, gateways, events, data objects, full
DI) is imported once. Then, ``--repeat`` times, each step is timed apart:

* ``build`` — :func:`processanalysis.reports.build_process_report`: the analysis, the
  as-is diagram with numbered findings (``render_svg``) and the charts (matplotlib);
* ``pdf`` — :func:`processanalysis.reports.render_report` to PDF (WeasyPrint layout,
  fonts subset and embedded);
* ``html``, ``docx``, ``xlsx`` of the same report, for comparison.

The goal is build + PDF. Wall-clock median and best, the process's CPU time (less
disturbed by other work on a shared machine), pages, file sizes and the 1-minute load
average are reported. ``--profile OUT`` also runs the PDF step of the goal model once
under cProfile and writes the statistics to ``OUT`` (read them with ``python -m pstats
OUT``); the top of the cumulative list is printed. The first repeat is preceded by an
untimed warm-up on a small sample (imports of WeasyPrint, matplotlib and python-docx,
font discovery), as a running app has done it before its first report.

Usage::

    python -m benchmarks.reports [--sizes 300] [--repeat 3] [--json OUT] [--profile OUT]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, add_model_options, machine_meta, progress, write_json
from benchmarks.run import _limits_for, _model_path

__all__ = ["main"]

GOAL_SIZE = 300  # flow nodes ...
GOAL_SECONDS = 5.0  # ... reported as PDF within this time
FORMATS = ("html", "docx", "xlsx")
SAMPLE = ROOT / "sample_processes" / "bauantrag_ist.bpmn"


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _timed(action: Callable[[], Any]) -> tuple[float, float, Any]:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _warm_up() -> None:
    from processanalysis import import_file
    from processanalysis.reports import build_process_report, render_report

    report = build_process_report(import_file(ROOT / "sample_processes" /
                                              "hundesteuer_anmeldung_ist.bpmn"))
    for fmt in ("pdf", *FORMATS):
        render_report(report, fmt)


def _pages(pdf: bytes) -> int | None:
    """Pages of the PDF by poppler's ``pdfinfo`` (``None`` where it is missing)."""
    import re
    import subprocess

    try:
        out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    match = re.search(rb"Pages:\s+(\d+)", out)
    return int(match.group(1)) if match else None


def measure(nodes: int, args: argparse.Namespace, sample: Path | None = None) -> dict[str, Any]:
    """Time the report of the synthetic model with ``nodes`` flow nodes (or of ``sample``)."""
    from processanalysis import import_file
    from processanalysis.reports import build_process_report, render_report

    if sample is not None:
        path = sample
    else:
        path, _ = _model_path(nodes, args.lanes, args.seed, args.cache)
    model = import_file(path, limits=_limits_for(path.stat().st_size))
    if sample is not None:
        from processanalysis.bpmn.model import FlowNode

        nodes = sum(1 for e in model.iter_elements() if isinstance(e, FlowNode))
    rows: dict[str, list[tuple[float, float]]] = {k: [] for k in ("build", "pdf", *FORMATS)}
    sizes: dict[str, int] = {}
    pages = 0
    findings = 0
    for run in range(args.repeat):
        progress(f"[{nodes:>5}] run {run + 1}/{args.repeat} ...")
        model.invalidate_index()
        wall, cpu, report = _timed(lambda: build_process_report(model))
        rows["build"].append((wall, cpu))
        findings = sum(len(t.rows) for t in report.tables() if t.name == "findings")
        wall, cpu, pdf = _timed(lambda r=report: render_report(r, "pdf"))
        rows["pdf"].append((wall, cpu))
        sizes["pdf"], pages = len(pdf), _pages(pdf)
        for fmt in FORMATS:
            wall, cpu, data = _timed(lambda r=report, f=fmt: render_report(r, f))
            rows[fmt].append((wall, cpu))
            sizes[fmt] = len(data)
    totals = [b[0] + p[0] for b, p in zip(rows["build"], rows["pdf"], strict=True)]
    cpu_totals = [b[1] + p[1] for b, p in zip(rows["build"], rows["pdf"], strict=True)]
    return {
        "model": path.name if sample is not None else f"synthetic {nodes}",
        "nodes": nodes,
        "elements": sum(1 for _ in model.iter_elements()),
        "findings": findings,
        "pages": pages,
        "bytes": sizes,
        "median_s": {k: round(statistics.median(w for w, _ in v), 3) for k, v in rows.items()},
        "best_s": {k: round(min(w for w, _ in v), 3) for k, v in rows.items()},
        "cpu_median_s": {k: round(statistics.median(c for _, c in v), 3)
                         for k, v in rows.items()},
        "pdf_total_median_s": round(statistics.median(totals), 3),
        "pdf_total_best_s": round(min(totals), 3),
        "pdf_total_cpu_median_s": round(statistics.median(cpu_totals), 3),
        "load_1min": _load(),
    }


def _profile(nodes: int, args: argparse.Namespace, out: Path) -> None:
    """Profile one PDF rendering of the synthetic model (cProfile, stats written to ``out``)."""
    import cProfile
    import pstats

    from processanalysis import import_file
    from processanalysis.reports import build_process_report, render_report

    path, _ = _model_path(nodes, args.lanes, args.seed, args.cache)
    report = build_process_report(import_file(path, limits=_limits_for(path.stat().st_size)))
    profiler = cProfile.Profile()
    profiler.runcall(render_report, report, "pdf")
    profiler.dump_stats(out)
    progress(f"profile of the PDF step written to {out}")
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(15)


def _table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| model | flow nodes | elements | findings | PDF pages | build s | PDF s "
        "| build+PDF s (best) | CPU s | HTML s | DOCX s | XLSX s | PDF kB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        m = r["median_s"]
        lines.append(
            f"| {r['model']} | {r['nodes']:,} | {r['elements']:,} | {r['findings']:,} "
            f"| {r['pages']} "
            f"| {m['build']:.2f} | {m['pdf']:.2f} | {r['pdf_total_median_s']:.2f} "
            f"({r['pdf_total_best_s']:.2f}) | {r['pdf_total_cpu_median_s']:.2f} "
            f"| {m['html']:.2f} | {m['docx']:.2f} | {m['xlsx']:.2f} "
            f"| {r['bytes']['pdf'] / 1024:,.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reports", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_model_options(parser)
    parser.set_defaults(sizes=[GOAL_SIZE])
    parser.add_argument("--sample", default=str(SAMPLE),
                        help="also time a real process (default: the largest sample, "
                        "Bauantrag); pass '' to skip")
    parser.add_argument("--profile", type=Path, metavar="OUT",
                        help="also profile one PDF of the goal model, statistics to OUT")
    args = parser.parse_args(argv)
    progress("warming up (imports, fonts) ...")
    _warm_up()
    results = [measure(n, args) for n in args.sizes]
    if args.sample:
        results.append(measure(0, args, sample=Path(args.sample)))
    print(_table(results))
    goal = next((r for r in results if r["nodes"] == GOAL_SIZE), None)
    if goal is not None:
        met = goal["pdf_total_median_s"] < GOAL_SECONDS
        print(f"\nGoal: PDF report of a {GOAL_SIZE}-node process in under {GOAL_SECONDS:.0f} s "
              f"— {'met' if met else 'NOT met'} ({goal['pdf_total_median_s']:.2f} s median, "
              f"load {goal['load_1min']})")
    if args.json:
        write_json(args.json, {"meta": machine_meta(), "results": results})
    if args.profile:
        _profile(args.sizes[0], args, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
