"""Rendering benchmark: ``render_svg`` and ``auto_layout`` on 1k/10k-node diagrams.

The synthetic models of the import benchmark (``benchmarks.synthetic``, cached in
``benchmarks/results/``: one pool, 8 lanes, tasks, gateways, events, data objects and
full DI) are imported once; then, ``--repeat`` times each:

* ``render_svg(model)`` — the SVG of the model's own diagram interchange (the issue's
  goal: a 10k-element diagram in under 1 s);
* ``auto_layout(model)`` — a complete new layout, as for a model without DI;
* ``render_svg`` of the laid-out model.

Wall-clock median and best, and the CPU time of the process (less disturbed by other
work on a shared machine) are reported, with the 1-minute load average.

Usage::

    python -m benchmarks.render [--sizes 1000,10000] [--repeat 3] [--json OUT]
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

from benchmarks.common import add_model_options, machine_meta, progress, write_json
from benchmarks.run import _limits_for, _model_path, scaling

__all__ = ["main"]

GOAL_SIZE = 10_000  # flow nodes ...
GOAL_SECONDS = 1.0  # ... rendered within this time


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _time(action: Callable[[], object], repeat: int) -> tuple[list[float], list[float], object]:
    """Wall and CPU seconds of ``repeat`` calls; the last result."""
    walls: list[float] = []
    cpus: list[float] = []
    result: object = None
    for _ in range(repeat):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return walls, cpus, result


def measure(path: Path, nodes: int, repeat: int) -> dict[str, Any]:
    """Import once, then time rendering, layout and rendering of the layout."""
    from processanalysis.bpmn import import_file
    from processanalysis.render import auto_layout, render_svg

    progress(f"[{nodes:>7}] importing {path.name} ...")
    model = import_file(path, limits=_limits_for(path.stat().st_size))
    elements = sum(len(d.plane.elements) for d in model.diagrams if d.plane is not None)
    progress(f"[{nodes:>7}] render_svg x{repeat} ...")
    render_wall, render_cpu, svg = _time(lambda: render_svg(model), repeat)
    progress(f"[{nodes:>7}] auto_layout x{repeat} ...")
    layout_wall, layout_cpu, laid = _time(lambda: auto_layout(model), repeat)
    progress(f"[{nodes:>7}] render_svg(laid out) x{repeat} ...")
    laid_wall, laid_cpu, laid_svg = _time(lambda: render_svg(laid), repeat)  # type: ignore[arg-type]
    assert isinstance(svg, str) and isinstance(laid_svg, str)
    return {
        "nodes": nodes,
        "di_elements": elements,
        "svg_mb": round(len(svg.encode("utf-8")) / 1e6, 2),
        "render_median_s": statistics.median(render_wall),
        "render_best_s": min(render_wall),
        "render_cpu_median_s": statistics.median(render_cpu),
        "layout_median_s": statistics.median(layout_wall),
        "layout_cpu_median_s": statistics.median(layout_cpu),
        "laid_render_median_s": statistics.median(laid_wall),
        "laid_render_cpu_median_s": statistics.median(laid_cpu),
        "laid_svg_mb": round(len(laid_svg.encode("utf-8")) / 1e6, 2),
    }


def evaluate(results: list[dict[str, Any]]) -> dict[str, tuple[bool | None, str]]:
    goal = next((r for r in results if r["nodes"] >= GOAL_SIZE), None)
    if goal is None:
        return {"render 10k < 1 s": (None, f"no size >= {GOAL_SIZE} measured")}
    wall, cpu = goal["render_median_s"], goal["render_cpu_median_s"]
    return {
        "render 10k < 1 s": (
            wall < GOAL_SECONDS,
            f"{goal['di_elements']} DI elements: median {wall:.3f} s wall, {cpu:.3f} s CPU",
        )
    }


def format_report(results: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    head = (
        f"{'nodes':>8} {'DI elems':>9} {'SVG MB':>7} {'render s':>9} {'best s':>7} "
        f"{'cpu s':>6} {'layout s':>9} {'cpu s':>6} {'render(laid) s':>15}"
    )
    lines = [
        f"Rendering benchmark — {meta['date']}, {meta['machine']}, Python {meta['python']}, "
        f"1-min load average before/after {meta['load_before']} / {meta['load_after']}",
        f"median of {meta['repeat']} runs; synthetic bpmn.io-style models with "
        f"{meta['lanes']} lanes and full DI",
        "",
        head,
        "-" * len(head),
    ]
    for r in results:
        lines.append(
            f"{r['nodes']:>8} {r['di_elements']:>9} {r['svg_mb']:>7.2f} "
            f"{r['render_median_s']:>9.3f} {r['render_best_s']:>7.3f} "
            f"{r['render_cpu_median_s']:>6.3f} {r['layout_median_s']:>9.3f} "
            f"{r['layout_cpu_median_s']:>6.3f} {r['laid_render_median_s']:>15.3f}"
        )
    slope = meta["scaling"]
    lines += [
        "",
        "scaling of render_svg (log-log slope, 1.0 = linear): "
        + ("-" if slope is None else f"{slope:.2f}"),
        "",
    ]
    for name, (met, detail) in meta["goals"].items():
        verdict = "-" if met is None else ("MET" if met else "NOT MET")
        lines.append(f"goal {name:<18} {verdict:<8} {detail}")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.render", description=__doc__)
    add_model_options(parser)
    parser.set_defaults(sizes=[1000, 10000])
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    load_before = _load()
    results = []
    for nodes in args.sizes:
        path, _ = _model_path(nodes, args.lanes, args.seed, args.cache)
        results.append(measure(path, nodes, args.repeat))
    meta: dict[str, Any] = {
        **machine_meta(),
        "repeat": args.repeat,
        "lanes": args.lanes,
        "seed": args.seed,
        "scaling": scaling(results, "render_median_s"),
        "load_before": load_before,
        "load_after": _load(),
    }
    meta["goals"] = evaluate(results)
    print(format_report(results, meta))
    if args.json:
        write_json(args.json, {"meta": meta, "results": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
