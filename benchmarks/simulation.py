"""Simulation benchmark: cases per second of :func:`processanalysis.simulation.engine.simulate`.

The model is the synthetic generator's with 42 flow nodes, i.e. 30 activities in 4 lanes
(exclusive splits, rework loops), with generated parameters: exponential processing times
of 5 to 15 minutes, exponential inter-arrival times, and per lane the staff that puts it
at about 75 % utilisation. Three comparisons run in the same invocation:

* **engine choice**: the same toy system (30 steps round-robin over 4 units with 2
  servers each, 10,000 cases) on a bare :mod:`heapq` loop and on SimPy, the two designs
  the engine could have taken. SimPy is not a project dependency; give an interpreter
  that has it with ``--simpy-python`` (the current one is used when it can import simpy).
* **this engine** on the synthetic model for each ``--cases`` size.
* **Prosimos** (``pip install prosimos`` in a separate environment, given with
  ``--prosimos-python``) on the same BPMN file with the same parameters exported to its
  JSON format; its mean cycle time is compared with ours.

Usage::

    python -m benchmarks.simulation [--cases 10000,100000] [--repeat 3] [--json OUT]
        [--simpy-python PYTHON] [--prosimos-python PYTHON]
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS, ROOT, machine, progress

__all__ = ["main", "toy_heapq", "toy_simpy"]

NODES, LANES, SEED = 42, 4, 0  # 42 flow nodes give 30 activities
MEAN_INTERARRIVAL = 20.0  # minutes
TARGET_UTILISATION = 0.75

# -- the engine-choice toy (stdlib only, so it also runs in an interpreter with simpy) --------
TOY_STEPS, TOY_UNITS, TOY_SERVERS, TOY_SERVICE = 30, 4, 2, 1.0
TOY_INTERARRIVAL = TOY_STEPS / TOY_UNITS * TOY_SERVICE / (TOY_SERVERS * 0.7)


def toy_heapq(cases: int, seed: int = 0) -> float:
    """The toy on a bare heapq event loop, written as the engine is; mean lead time."""
    rng = random.Random(seed)
    expovariate = rng.expovariate
    heap: list[tuple[float, int, Any, Any]] = []
    order = itertools.count()
    free = [TOY_SERVERS] * TOY_UNITS
    queues: list[deque[list[float]]] = [deque() for _ in range(TOY_UNITS)]
    leads: list[float] = []
    now = 0.0

    def serve(case: list[float]) -> None:
        heapq.heappush(heap, (now + expovariate(1 / TOY_SERVICE), next(order), finish, case))

    def request(case: list[float]) -> None:
        unit = int(case[1]) % TOY_UNITS
        if free[unit]:
            free[unit] -= 1
            serve(case)
        else:
            queues[unit].append(case)

    def finish(case: list[float]) -> None:
        unit = int(case[1]) % TOY_UNITS
        if queues[unit]:
            serve(queues[unit].popleft())
        else:
            free[unit] += 1
        case[1] += 1
        if case[1] < TOY_STEPS:
            request(case)
        else:
            leads.append(now - case[0])

    def arrive(index: int) -> None:
        request([now, 0.0])
        if index + 1 < cases:
            gap = expovariate(1 / TOY_INTERARRIVAL)
            heapq.heappush(heap, (now + gap, next(order), arrive, index + 1))

    heapq.heappush(heap, (expovariate(1 / TOY_INTERARRIVAL), next(order), arrive, 0))
    while heap:
        now, _order, action, arg = heapq.heappop(heap)
        action(arg)
    return sum(leads) / len(leads)


def toy_simpy(cases: int, seed: int = 0) -> float:
    """The same toy as SimPy processes and resources; mean lead time."""
    import simpy

    rng = random.Random(seed)
    expovariate = rng.expovariate
    env = simpy.Environment()
    units = [simpy.Resource(env, capacity=TOY_SERVERS) for _ in range(TOY_UNITS)]
    leads: list[float] = []

    def case(env: Any) -> Any:
        start = env.now
        for step in range(TOY_STEPS):
            with units[step % TOY_UNITS].request() as request:
                yield request
                yield env.timeout(expovariate(1 / TOY_SERVICE))
        leads.append(env.now - start)

    def source(env: Any) -> Any:
        for _ in range(cases):
            yield env.timeout(expovariate(1 / TOY_INTERARRIVAL))
            env.process(case(env))

    env.process(source(env))
    env.run()
    return sum(leads) / len(leads)


def _toy_main(which: str, cases: int) -> None:
    run = toy_heapq if which == "heapq" else toy_simpy
    start = time.perf_counter()
    lead = run(cases)
    seconds = time.perf_counter() - start
    print(json.dumps({"engine": which, "cases": cases, "seconds": seconds, "lead": lead}))


# -- helpers ------------------------------------------------------------------------------------
def _toy_in(python: str, which: str, cases: int) -> dict[str, Any]:
    code = f"import benchmarks.simulation as b; b._toy_main({which!r}, {cases})"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _simpy_python(given: str | None) -> str | None:
    if given:
        return given
    try:
        import simpy  # noqa: F401
    except ImportError:
        return None
    return sys.executable


def engine_choice(simpy_python: str | None, cases: int = 10_000) -> dict[str, Any]:
    """Cases per second of the toy on heapq (this interpreter) and on SimPy."""
    heap = _toy_in(sys.executable, "heapq", cases)
    result: dict[str, Any] = {"heapq_cases_per_s": cases / heap["seconds"], "simpy": None}
    if simpy_python is not None:
        simpy = _toy_in(simpy_python, "simpy", cases)
        result["simpy"] = {"cases_per_s": cases / simpy["seconds"], "lead": simpy["lead"]}
        result["ratio"] = result["heapq_cases_per_s"] / result["simpy"]["cases_per_s"]
    result["heapq_lead"] = heap["lead"]
    return result


def benchmark_model() -> tuple[Path, Any, Any]:
    """The synthetic model (cached, tasks made plain ``task`` elements) and its
    generated parameters."""
    from benchmarks.synthetic import GENERATOR_VERSION, write_synthetic_model
    from processanalysis import import_file
    from processanalysis.bpmn.model import Activity
    from processanalysis.simulation.analytical import analytical_model
    from processanalysis.simulation.parameters import (
        ActivityParameters,
        Arrivals,
        Distribution,
        ProcessParameters,
        Resource,
    )

    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"simulation-{NODES}-lanes{LANES}-seed{SEED}-v{GENERATOR_VERSION}-plain.bpmn"
    path = RESULTS / name
    if not path.exists():
        write_synthetic_model(path, NODES, lanes=LANES, seed=SEED)
        _plain_tasks(path)
    model = import_file(path)
    activities = [e for p in model.processes for e in p.walk() if isinstance(e, Activity)]
    params = ProcessParameters(
        activities={
            a.id: ActivityParameters(
                a.id, Distribution("exponential", {"mean": 5.0 + (7 * i) % 11})
            )
            for i, a in enumerate(activities)
            if a.id
        },
        arrivals=Arrivals(interarrival=Distribution("exponential", {"mean": MEAN_INTERARRIVAL})),
    )
    analytical = analytical_model(model, params)
    for unit in analytical.units.values():
        load = unit.effort_per_case / MEAN_INTERARRIVAL  # busy servers on average
        staff = max(1, round(load / TARGET_UTILISATION))
        params.resources[unit.id] = Resource(unit.id, unit.name, staff=staff, source="benchmark")
    return path, model, params


def _plain_tasks(path: Path) -> None:
    """Prosimos reads only ``task`` elements: make every user, manual, service ... task a
    plain ``task`` (same ids). Both engines simulate this file."""
    from lxml import etree

    from processanalysis.bpmn.namespaces import BPMN
    from processanalysis.bpmn.xmlsafe import safe_parser

    tree = etree.parse(str(path), safe_parser())
    for element in tree.iter(f"{{{BPMN}}}*"):
        local = etree.QName(element).localname
        if local.endswith("Task") and local != "task":
            element.tag = f"{{{BPMN}}}task"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def prosimos_json(model: Any, params: Any) -> dict[str, Any]:
    """The parameters in Prosimos' JSON format (seconds; 24/7 calendars)."""
    from processanalysis.bpmn.model import Gateway
    from processanalysis.simulation.binding import bind_parameters, servers

    binding = bind_parameters(model, params)
    always = [
        {"from": "MONDAY", "to": "SUNDAY", "beginTime": "00:00:00", "endTime": "23:59:59.999"}
    ]

    def expon(mean_minutes: float) -> dict[str, Any]:
        mean = mean_minutes * 60
        return {
            "distribution_name": "expon",
            "distribution_params": [{"value": mean}, {"value": 0}, {"value": mean * 100}],
        }

    pools, tasks = [], []
    for rid, resource in binding.resources.items():
        assigned = [a for a, r in binding.resource_of.items() if r == rid]
        pools.append(
            {
                "id": rid,
                "name": resource.name,
                "resource_list": [
                    {
                        "id": f"{rid}_clerk",
                        "name": resource.name,
                        "amount": servers(resource.staff),
                        "cost_per_hour": binding.cost_per_hour(rid),
                        "calendar": "always",
                        "assignedTasks": assigned,
                    }
                ],
            }
        )
        for activity in assigned:
            processing = binding.processing(activity)
            mean = processing.mean if processing is not None else 0.0
            tasks.append(
                {
                    "task_id": activity,
                    "resources": [{"resource_id": f"{rid}_clerk", **expon(mean)}],
                }
            )
    gateways = []
    for node_id, node in binding.flow_nodes.items():
        outgoing = binding.outgoing.get(node_id, [])
        if isinstance(node, Gateway) and len(outgoing) > 1:
            gateways.append(
                {
                    "gateway_id": node_id,
                    "probabilities": [
                        {"path_id": f, "value": binding.probabilities.get(f, 0.0)} for f in outgoing
                    ],
                }
            )
    interarrival = params.arrivals.interarrival.mean
    return {
        "resource_profiles": pools,
        "arrival_time_distribution": expon(interarrival),
        "arrival_time_calendar": always,
        "gateway_branching_probabilities": gateways,
        "task_resource_distribution": tasks,
        "resource_calendars": [{"id": "always", "name": "always", "time_periods": always}],
        "event_distribution": [],
    }


_PROSIMOS_RUN = """
import json, sys, time
from prosimos.simulation_engine import run_simulation
bpmn, parameters, cases = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = time.perf_counter()
kpi, _log = run_simulation(bpmn, parameters, cases, starting_at="2026-01-05T00:00:00+00:00")
seconds = time.perf_counter() - start
process = kpi[0]
busy = [r.utilization for r in kpi[2].values()]
print(json.dumps({"seconds": seconds, "cycle_time_s": process.idle_cycle_time.avg,
                  "cases": process.idle_cycle_time.count}))
"""


def run_prosimos(python: str, bpmn: Path, parameters: dict[str, Any], cases: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        json_path = Path(tmp, "parameters.json")
        json_path.write_text(json.dumps(parameters), encoding="utf-8")
        out = subprocess.run(
            [python, "-c", _PROSIMOS_RUN, str(bpmn), str(json_path), str(cases)],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- the benchmark ------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--simpy-python")
    parser.add_argument("--prosimos-python")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.cases.split(",") if s.strip()]

    from processanalysis.simulation.analytical import analytical_model
    from processanalysis.simulation.engine import simulate

    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "python": platform.python_version(),
    }
    progress("engine choice: toy system on heapq and SimPy ...")
    report["engine_choice"] = engine_choice(_simpy_python(args.simpy_python))

    path, model, params = benchmark_model()
    start = time.perf_counter()
    analytical = analytical_model(model, params)
    report["analytical_s"] = time.perf_counter() - start
    report["model"] = {
        "file": path.name,
        "activities": len(analytical.activities),
        "units": {u.name: u.staff for u in analytical.units.values()},
        "analytical_utilisation": {
            u.name: u.effort_per_case / MEAN_INTERARRIVAL / u.staff
            for u in analytical.units.values()
        },
        "analytical_lead_time_with_queueing": analytical.lead_time_with_queueing,
    }
    rows = []
    prosimos_parameters = prosimos_json(model, params) if args.prosimos_python else None
    for cases in sizes:
        timings = []
        result = None
        for repeat in range(args.repeat):
            progress(f"engine: {cases} cases, run {repeat + 1}/{args.repeat} ...")
            start = time.perf_counter()
            result = simulate(model, params, cases=cases, seed=repeat)
            timings.append(time.perf_counter() - start)
        assert result is not None
        seconds = statistics.median(timings)
        row: dict[str, Any] = {
            "cases": cases,
            "seconds": seconds,
            "cases_per_s": cases / seconds,
            "lead_time_mean": result.lead_time_mean,
            "lead_time_ci95": result.lead_time_ci95,
            "utilisation": {r.name: r.utilisation for r in result.resources.values()},
        }
        if prosimos_parameters is not None:
            progress(f"prosimos: {cases} cases ...")
            other = run_prosimos(args.prosimos_python, path, prosimos_parameters, cases)
            row["prosimos"] = {
                "seconds": other["seconds"],
                "cases_per_s": cases / other["seconds"],
                "lead_time_mean": other["cycle_time_s"] / 60,
                "cases": other["cases"],
            }
            row["speed_ratio"] = row["cases_per_s"] / row["prosimos"]["cases_per_s"]
        rows.append(row)
    report["runs"] = rows

    choice = report["engine_choice"]
    print(
        f"engine choice (toy, 10,000 cases): heapq {choice['heapq_cases_per_s']:.0f} cases/s",
        end="",
    )
    if choice["simpy"]:
        simpy = choice["simpy"]["cases_per_s"]
        print(f", SimPy {simpy:.0f} cases/s, ratio {choice['ratio']:.1f}")
    else:
        print(", SimPy not available (--simpy-python)")
    print(f"analytical model: {report['analytical_s'] * 1000:.1f} ms")
    print(
        "| cases | s | cases/s | lead time (min) | Prosimos s | Prosimos cases/s | "
        "Prosimos lead time (min) | speed ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        other = row.get("prosimos")
        ci = row["lead_time_ci95"]
        lead = f"{row['lead_time_mean']:.1f}" + (f" ± {ci:.1f}" if ci else "")
        extra = (
            f"{other['seconds']:.1f} | {other['cases_per_s']:.0f} | "
            f"{other['lead_time_mean']:.1f} | {row['speed_ratio']:.1f}"
            if other
            else "– | – | – | –"
        )
        print(
            f"| {row['cases']:,} | {row['seconds']:.2f} | {row['cases_per_s']:.0f} | {lead} | "
            f"{extra} |"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
