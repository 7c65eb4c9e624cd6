"""Variants benchmark: semantic diff and KPI comparison of two large models.

For each size a synthetic as-is model (the import benchmark's generator, cached in
``benchmarks/results/``) is imported and two to-be variants are made from it:

* **derived** — what the browser modeller or an operation produces: the same ids, every
  tenth task automated (``serviceTask`` with ``pa:itSystem``), every twentieth renamed;
* **independent** — the derived variant with *every* id replaced, as if the department had
  modelled the process again in another tool; only labels and structure can match it.

Timed (median of ``--repeat``, after one untimed warm-up): :func:`diff_models` of the
as-is against each variant, and :func:`compare_models` (two analyses plus the diff). The
quality of the independent matching is reported as the share of elements paired with
their true twin. The issue's goal: diff and comparison of two 1,000-element models in
under 1 s.

Usage::

    python -m benchmarks.variants [--sizes 1000,10000] [--repeat 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import copy
import gc
import os
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import add_model_options, machine_meta, progress, write_json
from benchmarks.run import _limits_for, _model_path, scaling

__all__ = ["main"]

GOAL_SECONDS = 1.0
_TOKEN = re.compile(r"[A-Za-z_][\w.-]*")


def _variants(model: Any) -> tuple[Any, Any, dict[str, str]]:
    """(derived, independent, as-is id → independent id)."""
    from processanalysis.bpmn.exporter import export_bpmn
    from processanalysis.bpmn.importer import read_bpmn
    from processanalysis.bpmn.model import Task
    from processanalysis.variants.editing import PA_IT_SYSTEM, PA_MEDIUM

    derived = copy.deepcopy(model)
    tasks = [e for p in derived.processes for e in p.walk() if isinstance(e, Task)]
    for i, task in enumerate(tasks):
        if i % 10 == 0:
            task.type = "serviceTask"
            task.attributes[PA_MEDIUM] = "it_system"
            task.attributes[PA_IT_SYSTEM] = "Fachverfahren"
        if i % 20 == 5:
            task.name = f"{task.label} (neu)"
    derived.invalidate_index()
    xml = export_bpmn(derived).decode("utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', xml))
    mapping = {old: f"Y{i:06d}" for i, old in enumerate(sorted(ids))}
    renamed = _TOKEN.sub(lambda m: mapping.get(m.group(0), m.group(0)), xml)
    independent = read_bpmn(renamed.encode("utf-8"), limits=_limits_for(len(renamed)))
    return derived, independent, mapping


def _timed(function: Any, repeat: int) -> tuple[list[float], Any]:
    function()  # warm-up, untimed
    times: list[float] = []
    result = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return times, result


def measure(path: Path, nodes: int, repeat: int) -> dict[str, Any]:
    import processanalysis
    from processanalysis.variants import compare_models, diff_models
    from processanalysis.variants.diff import _collect

    label = f"[{nodes:>7}]"
    model = processanalysis.import_file(path, limits=_limits_for(path.stat().st_size))
    derived, independent, mapping = _variants(model)
    elements = len(_collect(model))
    progress(f"{label} {elements} diffable elements; timing ...")
    result: dict[str, Any] = {"nodes": nodes, "elements": elements}
    for name, other in (("derived", derived), ("independent", independent)):
        times, diff = _timed(lambda other=other: diff_models(model, other), repeat)
        result[f"diff_{name}_s"] = statistics.median(times)
        result[f"diff_{name}"] = {
            "added": len(diff.added), "removed": len(diff.removed),
            "changed": len(diff.changed), "matched": len(diff.matched),
        }
        if name == "independent":
            right = sum(1 for a, b in diff.matched if mapping.get(a) == b)
            result["independent_correct_share"] = right / elements
        times, _comparison = _timed(lambda other=other: compare_models(model, other), repeat)
        result[f"compare_{name}_s"] = statistics.median(times)
        progress(f"{label} {name}: diff {result[f'diff_{name}_s']:.3f} s, "
                 f"compare {result[f'compare_{name}_s']:.3f} s")
    return result


def format_report(results: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    head = (f"{'nodes':>7} {'elements':>9} {'diff derived s':>15} {'diff indep. s':>14} "
            f"{'compare derived s':>18} {'compare indep. s':>17} {'indep. correct':>15}")
    lines = [
        f"Variants benchmark — {meta['date']}, {meta['machine']}, Python {meta['python']}, "
        f"1-min load average before/after {meta['load_before']} / {meta['load_after']}",
        f"median of {meta['repeat']} runs after one warm-up; compare = analyse both + diff",
        "",
        head,
        "-" * len(head),
    ]
    for r in results:
        lines.append(
            f"{r['nodes']:>7} {r['elements']:>9} {r['diff_derived_s']:>15.3f} "
            f"{r['diff_independent_s']:>14.3f} {r['compare_derived_s']:>18.3f} "
            f"{r['compare_independent_s']:>17.3f} {r['independent_correct_share']:>15.1%}"
        )
    slope = meta["scaling"]
    lines.append("")
    lines.append("scaling of the independent diff (log-log slope, 1.0 = linear): "
                 + ("-" if slope is None else f"{slope:.2f}"))
    smallest = min(results, key=lambda r: r["nodes"])
    worst = max(smallest["compare_derived_s"], smallest["compare_independent_s"])
    verdict = "MET" if worst < GOAL_SECONDS else "NOT MET"
    lines.append(f"goal diff + comparison of two {smallest['elements']}-element models "
                 f"under {GOAL_SECONDS:g} s: {verdict} (worst {worst:.3f} s)")
    return "\n".join(lines)


def _load() -> float | None:
    """The 1-minute load average: how busy the shared machine was besides this run."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.variants",
        description="Time the semantic diff and KPI comparison of large models.",
    )
    add_model_options(parser)
    parser.set_defaults(sizes=[1000, 10000])
    args = parser.parse_args(argv)
    load_before = _load()
    results = []
    for nodes in args.sizes:
        path, _ = _model_path(nodes, args.lanes, args.seed, args.cache)
        results.append(measure(path, nodes, args.repeat))
    meta: dict[str, Any] = {**machine_meta(), "repeat": args.repeat,
                            "scaling": scaling(results, "diff_independent_s"),
                            "load_before": load_before, "load_after": _load()}
    print(format_report(results, meta))
    if args.json:
        write_json(args.json, {"meta": meta, "results": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
