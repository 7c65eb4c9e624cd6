"""Analysis benchmark: ``analyse(model)`` on 1k/10k/100k-node models, and batch throughput.

Two measurements of issue #3 in one run:

* **Scaling.** For each size a synthetic model (cached in ``benchmarks/results/``, as the
  import benchmark does) is imported once; the import is timed for information only and
  is *not* part of the analysis figure. Then :func:`processanalysis.analysis.runner.analyse`
  runs ``--repeat`` times. Each run starts from a clean state: ``analyse`` builds a fresh
  :class:`~processanalysis.analysis.context.AnalysisContext` and vocabulary, the model's
  id index is dropped and every ``functools`` cache of the analysis modules is cleared,
  so no repeat profits from an earlier one. The median, µs per flow node and the log-log
  slope over the sizes (1.0 = linear) are reported.
* **Batch.** ``--batch`` small models (``--batch-size`` flow nodes each) are written into
  a folder (cached), and the command line ``python -m processanalysis analyse --json
  FOLDER`` is timed end to end as a subprocess, once with all cores and once with
  ``PROCESSANALYSIS_WORKERS=1``. Both must print one ``ok`` JSON line per file, and the
  same lines.

Usage::

    python -m benchmarks.analysis [--sizes 1000,10000,100000] [--repeat 3] [--json OUT]
                                  [--batch 1000] [--batch-size 60] [--profile]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, add_model_options, machine_meta, progress, write_json
from benchmarks.run import (
    GOAL_SLOPE,
    _limits_for,
    _model_path,
    _reset_peak,
    _status_bytes,
    scaling,
)
from benchmarks.synthetic import GENERATOR_VERSION, write_synthetic_model

__all__ = ["main"]

#: The goals of the issue.
GOAL_SIZE = 10_000  # flow nodes ...
GOAL_SECONDS = 1.0  # ... analysed within this time
GOAL_EFFICIENCY = 0.7  # batch speed-up with all cores / number of cores

WORKERS_ENV = "PROCESSANALYSIS_WORKERS"


# -- one size -------------------------------------------------------------------------------
def _clear_analysis_caches(model: Any) -> None:
    """Forget everything an earlier analysis left behind for the next one to reuse."""
    model.invalidate_index()
    for name, module in list(sys.modules.items()):
        if not name.startswith("processanalysis.analysis") or module is None:
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and hasattr(value, "cache_info"):
                clear()


def _warm_up() -> None:
    """Import the rule modules and run each rule once on a small model, untimed."""
    from processanalysis.analysis.runner import analyse
    from processanalysis.bpmn.importer import read_bpmn

    analyse(
        read_bpmn(
            b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
            b'<process id="p"><startEvent id="s"/><task id="t" name="Antrag pruefen"/>'
            b'<endEvent id="e"/><sequenceFlow id="f1" sourceRef="s" targetRef="t"/>'
            b'<sequenceFlow id="f2" sourceRef="t" targetRef="e"/></process></definitions>'
        )
    )


def reference_pass(model: Any) -> int:
    """A plainly linear walk over the model, as a yardstick for the machine: every
    element into a dict by id, the sequence flows into successor lists, and a
    breadth-first search over them. Its µs per node shows what the memory hierarchy
    alone does to a linear algorithm as models grow."""
    from processanalysis.bpmn.model import SequenceFlow

    by_id = {e.id: (e.type, e.label) for e in model.iter_elements() if e.id}
    successors: dict[str, list[str]] = {}
    for element in model.iter_elements():
        if isinstance(element, SequenceFlow) and element.source and element.target:
            successors.setdefault(element.source, []).append(element.target)
    seen: set[str] = set()
    for root in by_id:
        if root in seen:
            continue
        seen.add(root)
        queue = [root]
        for node in queue:
            for target in successors.get(node, ()):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    return len(seen)


def _fingerprint(result: Any) -> tuple[int, str]:
    """Number of findings and a digest of their ids, to check repeats agree."""
    import hashlib

    ids = "\n".join(f.id for f in result.findings)
    return len(result.findings), hashlib.sha256(ids.encode()).hexdigest()[:16]


def measure(path: Path, nodes: int, repeat: int) -> dict[str, Any]:
    """Import once (timed for information), then time ``analyse`` ``repeat`` times."""
    import processanalysis
    from processanalysis.analysis.runner import analyse

    label = f"[{nodes:>7}]"
    gc.collect()
    start = time.perf_counter()
    model = processanalysis.import_file(path, limits=_limits_for(path.stat().st_size))
    import_s = time.perf_counter() - start
    progress(f"{label} import (not part of the analysis): {import_s:.2f} s")
    counts = processanalysis.element_counts(model)
    wall: list[float] = []
    cpu: list[float] = []
    peaks: list[int] = []
    fingerprints = set()
    result = None
    for run in range(repeat):
        result = None
        _clear_analysis_caches(model)
        gc.collect()
        before = _status_bytes("VmRSS") if _reset_peak() else None
        start, start_cpu = time.perf_counter(), time.process_time()
        result = analyse(model)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        peak = _status_bytes("VmHWM")
        if before is not None and peak is not None:
            peaks.append(max(0, peak - before))
        fingerprints.add(_fingerprint(result))
        progress(f"{label} analyse run {run + 1}/{repeat}: {wall[-1]:.3f} s")
    assert result is not None
    reference: list[float] = []
    for _ in range(max(3, repeat)):
        gc.collect()
        start = time.perf_counter()
        reference_pass(model)
        reference.append(time.perf_counter() - start)
    median = statistics.median(wall)
    return {
        "nodes": nodes,
        "file_bytes": path.stat().st_size,
        "counts": counts,
        "import_s": import_s,
        "analyse_s": wall,
        "analyse_cpu_s": cpu,
        "analyse_median_s": median,
        "analyse_best_s": min(wall),
        "analyse_cpu_median_s": statistics.median(cpu),
        "us_per_node": median / nodes * 1e6,
        "reference_median_s": statistics.median(reference),
        "reference_us_per_node": statistics.median(reference) / nodes * 1e6,
        # Highest resident set during an analysis over the set before it (Linux only).
        "peak_bytes": max(peaks) if peaks else None,
        "findings": len(result.findings),
        "findings_by_kind": result.kpis.get("findings_by_kind", {}),
        "rule_errors": sum(1 for f in result.findings if f.rule == "rule-error"),
        "repeats_agree": len(fingerprints) == 1,
    }


def rule_breakdown(path: Path, repeat: int = 3) -> str:
    """CPU time of each shared view and each rule of one analysis, best of ``repeat``.

    The views every rule shares (graphs, visits, hand-offs, media) are computed first, in
    a fixed order, so each rule's figure is its own work; ``post`` is what ``analyse``
    does after the rules (sorting, KPIs, media table).
    """
    import processanalysis
    from processanalysis.analysis import handoffs, kpis, runner, visits
    from processanalysis.analysis.context import AnalysisContext
    from processanalysis.analysis.finding import severity_rank
    from processanalysis.analysis.profile import load_profile
    from processanalysis.analysis.registry import RULES

    model = processanalysis.import_file(path, limits=_limits_for(path.stat().st_size))
    runner._load_rules()
    views: list[tuple[str, Any]] = [
        ("view: process graphs", lambda c: c.process_graphs),
        ("view: units", lambda c: c.units),
        ("view: branch probabilities", lambda c: c.probabilities),
        ("view: media classification", lambda c: c.media),
        ("view: control edges", visits.control_successors),
        ("view: expected visits", visits.visit_analysis),
        ("view: flow order", visits.flow_order),
        ("view: hand-off step graph", handoffs.handoffs),
        ("view: cycles", visits.control_components),
    ]
    rules = [(f"rule: {rid}", spec.function) for rid, spec in RULES.items()]
    best: dict[str, float] = {}

    def timed(name: str, step: Any, *args: Any) -> Any:
        start = time.process_time()
        value = step(*args)
        best[name] = min(best.get(name, float("inf")), time.process_time() - start)
        return value

    def post(ctx: Any, findings: list[Any]) -> None:
        findings.sort(key=lambda f: (severity_rank(f.severity), f.kind, f.rule, f.id))
        kpis.compute_kpis(ctx, findings)
        {k: a.to_dict(ctx.lang) for k, a in ctx.media.items()}

    for _ in range(repeat):
        _clear_analysis_caches(model)
        gc.collect()
        ctx = AnalysisContext(model, load_profile())
        findings: list[Any] = []
        with runner.gc_paused():
            for name, view in views:
                timed(name, view, ctx)
            for name, function in rules:
                findings += timed(name, lambda f, c: list(f(c)), function, ctx)
            timed("post: sort, KPIs, media table", post, ctx, findings)
    total = sum(best.values())
    lines = [f"{'part':<44} {'cpu s':>7} {'share':>6}"]
    for name, seconds in sorted(best.items(), key=lambda item: -item[1]):
        if seconds >= 0.001 or seconds / total >= 0.005:
            lines.append(f"{name:<44} {seconds:7.3f} {seconds / total:6.1%}")
    lines.append(f"{'total':<44} {total:7.3f}")
    return "\n".join(lines)


def profile_analysis(path: Path, top: int = 15) -> str:
    """cProfile of one analysis: the ``top`` functions by own and by cumulative time."""
    import processanalysis
    from processanalysis.analysis.runner import analyse

    model = processanalysis.import_file(path, limits=_limits_for(path.stat().st_size))
    _clear_analysis_caches(model)
    profiler = cProfile.Profile()
    profiler.enable()
    analyse(model)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats("processanalysis", top)
    return out.getvalue()


# -- batch ------------------------------------------------------------------------------------
def _batch_folder(count: int, nodes: int, lanes: int, seed: int, cache: Path) -> Path:
    """A folder of ``count`` synthetic models (seeds ``seed`` ... ``seed + count - 1``),
    generated once and cached; an interrupted generation never counts as complete."""
    cache.mkdir(parents=True, exist_ok=True)
    name = f"batch-{count}x{nodes}-lanes{lanes}-seed{seed}-v{GENERATOR_VERSION}"
    folder = cache / name
    if folder.is_dir():
        return folder
    partial = cache / (name + ".part")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    progress(f"[batch] generating {count} models of {nodes} flow nodes in {name}/ ...")
    for i in range(count):
        write_synthetic_model(partial / f"model-{i:04d}.bpmn", nodes, lanes=lanes, seed=seed + i)
    partial.replace(folder)
    return folder


def _run_cli(folder: Path, workers: int | None) -> dict[str, Any]:
    """``python -m processanalysis analyse --json FOLDER`` as a subprocess, timed."""
    env = dict(os.environ)
    env.pop(WORKERS_ENV, None)
    if workers is not None:
        env[WORKERS_ENV] = str(workers)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "processanalysis", "analyse", "--json", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [line for line in completed.stdout.splitlines() if line.strip()]
    ok = 0
    for line in lines:
        with contextlib.suppress(json.JSONDecodeError):
            ok += bool(json.loads(line).get("ok"))
    return {
        "workers": workers or os.cpu_count(),
        "workers_env": None if workers is None else str(workers),
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "exit_status": completed.returncode,
        "lines": len(lines),
        "ok": ok,
        "stderr_tail": completed.stderr[-2000:],
        "_stdout": completed.stdout,
    }


def measure_batch(folder: Path, count: int, repeat: int) -> dict[str, Any]:
    """Time the CLI over ``folder`` with all cores and with one worker, ``repeat`` times
    each (alternating), and check that both print ``count`` identical ok lines."""
    runs: dict[str, list[dict[str, Any]]] = {"all": [], "one": []}
    for round_number in range(repeat):
        order = ("all", "one") if round_number % 2 == 0 else ("one", "all")
        for which in order:
            run = _run_cli(folder, None if which == "all" else 1)
            runs[which].append(run)
            progress(
                f"[batch] {which:>3} worker(s) run {round_number + 1}/{repeat}: "
                f"{run['seconds']:.1f} s, {run['lines']} lines, {run['ok']} ok, "
                f"exit {run['exit_status']}"
            )
    all_median = statistics.median(r["seconds"] for r in runs["all"])
    one_median = statistics.median(r["seconds"] for r in runs["one"])
    outputs = {r["_stdout"] for rs in runs.values() for r in rs}
    checks = {
        "lines": all(r["lines"] == count for rs in runs.values() for r in rs),
        "all_ok": all(r["ok"] == count for rs in runs.values() for r in rs),
        "exit_0": all(r["exit_status"] == 0 for rs in runs.values() for r in rs),
        "same_output": len(outputs) == 1,
    }
    for rs in runs.values():
        for r in rs:
            del r["_stdout"]
    cores = os.cpu_count() or 1
    return {
        "files": count,
        "folder": folder.name,
        "cores": cores,
        "all_cores": runs["all"],
        "one_worker": runs["one"],
        "all_cores_median_s": all_median,
        "one_worker_median_s": one_median,
        "files_per_s_all_cores": count / all_median,
        "files_per_s_one_worker": count / one_median,
        "speed_up": one_median / all_median,
        "efficiency": one_median / all_median / min(cores, count),
        "checks": checks,
    }


# -- report -----------------------------------------------------------------------------------
def evaluate(results: list[dict[str, Any]], batch: dict[str, Any] | None) -> dict[str, Any]:
    goals: dict[str, tuple[bool | None, str]] = {}
    at_goal = [r for r in results if r["nodes"] == GOAL_SIZE]
    if at_goal:
        seconds = at_goal[0]["analyse_median_s"]
        goals[f"{GOAL_SIZE // 1000}k under {GOAL_SECONDS:g} s"] = (
            seconds < GOAL_SECONDS,
            f"median {seconds:.3f} s",
        )
    else:
        goals[f"{GOAL_SIZE // 1000}k under {GOAL_SECONDS:g} s"] = (None, "size not measured")
    slope = scaling(results, "analyse_median_s")
    goals["linear"] = (
        None if slope is None else slope <= GOAL_SLOPE,
        "one size only" if slope is None else f"slope {slope:.2f} (<= {GOAL_SLOPE})",
    )
    if batch is not None:
        cores = min(batch["cores"], batch["files"])
        goals["batch uses all cores"] = (
            batch["efficiency"] >= GOAL_EFFICIENCY and all(batch["checks"].values()),
            f"speed-up {batch['speed_up']:.2f} on {cores} cores "
            f"(efficiency {batch['efficiency']:.0%}, goal {GOAL_EFFICIENCY:.0%}); checks "
            + ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in batch["checks"].items()),
        )
    return goals


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value / 1_048_576:.0f}"


def _cpu(runs: list[dict[str, Any]]) -> float:
    return statistics.median(r["cpu_seconds"] for r in runs)


def _load() -> float | None:
    """The 1-minute load average: how busy the machine was besides this benchmark."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def format_report(
    results: list[dict[str, Any]], batch: dict[str, Any] | None, meta: dict[str, Any]
) -> str:
    head = (
        f"{'nodes':>8} {'elements':>9} {'import s':>9} {'analyse s':>10} {'best s':>7} "
        f"{'cpu s':>7} {'µs/node':>8} {'peak MB':>8} {'findings':>9}"
    )
    lines = [
        f"Analysis benchmark — {meta['date']}, {meta['machine']}, Python {meta['python']}, "
        f"1-min load average before/after {meta['load_before']} / {meta['load_after']}",
        f"analyse(model): median of {meta['repeat']} runs, caches cleared before each; "
        "import timed once, not included; peak = highest RSS during an analysis minus RSS "
        "before it",
        "",
        head,
        "-" * len(head),
    ]
    for r in results:
        lines.append(
            f"{r['nodes']:>8} {sum(r['counts'].values()):>9} {r['import_s']:>9.2f} "
            f"{r['analyse_median_s']:>10.3f} {r['analyse_best_s']:>7.3f} "
            f"{r['analyse_cpu_median_s']:>7.3f} {r['us_per_node']:>8.1f} "
            f"{_mb(r['peak_bytes']):>8} {r['findings']:>9}"
        )
        if r["rule_errors"] or not r["repeats_agree"]:
            lines.append(
                f"{'':>8} ! rule errors {r['rule_errors']}, repeats agree {r['repeats_agree']}"
            )
    slope = meta["scaling"]
    reference = meta["reference_scaling"]
    lines.append("")
    lines.append(
        "scaling (log-log slope, 1.0 = linear): "
        + ("-" if slope is None else f"analyse {slope:.2f}")
        + ("" if reference is None else f"; reference linear pass {reference:.2f} (µs/node "
           + ", ".join(f"{r['reference_us_per_node']:.2f}" for r in results) + ")")
    )
    if batch is not None:
        lines += [
            "",
            f"batch: {batch['files']} models of {meta['batch_size']} flow nodes "
            f"({batch['folder']}), `python -m processanalysis analyse --json FOLDER`, "
            f"median of {meta['batch_repeat']}",
            f"  {'all cores (%d)' % batch['cores']:<26} "
            f"{batch['all_cores_median_s']:7.1f} s "
            f"{batch['files_per_s_all_cores']:7.1f} files/s  "
            f"(cpu {_cpu(batch['all_cores']):.1f} s)",
            f"  {WORKERS_ENV + '=1':<26} {batch['one_worker_median_s']:7.1f} s "
            f"{batch['files_per_s_one_worker']:7.1f} files/s  "
            f"(cpu {_cpu(batch['one_worker']):.1f} s)",
            f"  speed-up {batch['speed_up']:.2f}; cpu = user + system time of the command and "
            "its workers",
        ]
    lines.append("")
    for name, (met, detail) in meta["goals"].items():
        verdict = "-" if met is None else ("MET" if met else "NOT MET")
        lines.append(f"goal {name:<22} {verdict:<8} {detail}")
    return "\n".join(lines)


# -- command line ---------------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.analysis",
        description="Time processanalysis' analysis per model size and over a folder.",
    )
    add_model_options(parser)
    parser.add_argument(
        "--batch",
        type=int,
        default=1000,
        metavar="N",
        help="models in the batch folder (default 1000; 0 skips the batch)",
    )
    parser.add_argument(
        "--batch-size", type=int, default=60, help="flow nodes per batch model (default 60)"
    )
    parser.add_argument(
        "--batch-lanes", type=int, default=4, help="lanes per batch model (default 4)"
    )
    parser.add_argument(
        "--batch-repeat",
        type=int,
        default=1,
        help="timed CLI runs per worker setting (default 1)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print cProfile's top functions of one analysis of the middle size",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.batch_repeat < 1:
        parser.error("--repeat and --batch-repeat must be at least 1")
    if args.batch < 0 or args.batch_size < 2:
        parser.error("--batch must be >= 0 and --batch-size >= 2")
    started = time.perf_counter()
    load_before = _load()
    _warm_up()
    results = []
    for nodes in args.sizes:
        path, generated = _model_path(nodes, args.lanes, args.seed, args.cache)
        result = measure(path, nodes, args.repeat)
        result["generate_s"] = generated
        results.append(result)
        gc.collect()
    batch = None
    if args.batch:
        folder = _batch_folder(
            args.batch, args.batch_size, args.batch_lanes, args.seed, args.cache
        )
        batch = measure_batch(folder, args.batch, args.batch_repeat)
    meta: dict[str, Any] = {
        **machine_meta(),
        "repeat": args.repeat,
        "lanes": args.lanes,
        "seed": args.seed,
        "batch_size": args.batch_size,
        "batch_lanes": args.batch_lanes,
        "batch_repeat": args.batch_repeat,
        "scaling": scaling(results, "analyse_median_s"),
        "reference_scaling": scaling(results, "reference_median_s"),
        "load_before": load_before,
        "load_after": _load(),
    }
    meta["goals"] = evaluate(results, batch)
    print(format_report(results, batch, meta))
    if args.profile:
        middle = sorted(args.sizes)[len(args.sizes) // 2]
        path, _ = _model_path(middle, args.lanes, args.seed, args.cache)
        print(f"\nCPU time per shared view and rule on {middle} nodes (best of 3):")
        print(rule_breakdown(path))
        print(f"\ncProfile of analyse on {middle} nodes:")
        print(profile_analysis(path))
    if args.json:
        write_json(args.json, {"meta": meta, "results": results, "batch": batch})
    progress(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
