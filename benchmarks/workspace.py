"""Workspace benchmark: library list, portfolio ranking and folder import against a database.

Three measurements of issue #4 in one run, each on a fresh database (a temporary SQLite
file unless ``--db`` names an empty database, e.g. PostgreSQL):

* **Library list.** ``--processes`` processes (default 1,000), each with two versions of a
  small BPMN document, are bulk-inserted; :func:`models.store.list_processes` is timed
  ``--repeat`` times in a new session each (goal: median under 1 s).
* **Ranking.** ``--projects`` projects (default 500) with two measures each are inserted;
  :func:`models.portfolio_store.rank_projects` (load from the database, roll up, score) is
  timed with the default scheme and with the WiBe-like one (goal: median under 100 ms).
  The pure scoring of the loaded portfolio is reported beside it.
* **Folder import.** A folder of ``--files`` synthetic models (default 1,000 of 60 flow
  nodes, cached in ``benchmarks/results/`` as the analysis benchmark does) is imported file
  by file with :func:`models.store.add_file`, as ``processanalysis library add`` does
  (one commit per file); reported as files per second, then again for the second pass,
  where every file is recognised by its hash and nothing is written.

Usage::

    python -m benchmarks.workspace [--processes 1000] [--projects 500] [--files 1000]
                                   [--repeat 5] [--db URL] [--json OUT]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS, machine_meta, progress, write_json

__all__ = ["main"]

GOAL_LIST_S = 1.0
GOAL_RANK_S = 0.1

_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'id="D{n}" targetNamespace="http://example.org">'
    '<bpmn:process id="P{n}" name="Prozess {n}"><bpmn:startEvent id="S"/>'
    '<bpmn:task id="T" name="Antrag prüfen"/><bpmn:endEvent id="E"/>'
    '<bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/>'
    '<bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/></bpmn:process>'
    "</bpmn:definitions>{suffix}"
)


def _timed(function: Callable[[], Any], repeat: int) -> tuple[list[float], list[float], Any]:
    """Wall-clock and CPU seconds of ``repeat`` calls. CPU time is reported beside the wall
    time because a shared machine's load stretches the wall time, not the work done."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return times, cpu, result


def _fresh_engine(url: str | None, folder: Path, name: str) -> Any:
    from models.backup import row_counts
    from models.db import engine_for, migrate, session_for

    engine = engine_for(url or f"sqlite:///{folder / name}.db")
    migrate(engine)
    with session_for(engine) as session:
        if any(row_counts(session).values()):
            raise SystemExit(f"{engine.url}: the benchmark needs an empty database")
    return engine


def _clear(engine: Any) -> None:
    """Empty every table (for ``--db``: one database serves all three measurements)."""
    from sqlmodel import SQLModel

    with engine.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(table.delete())


def measure_list(engine: Any, processes: int, repeat: int) -> dict[str, Any]:
    """Bulk-insert ``processes`` processes with two versions each; time ``list_processes``."""
    from models import Process, ProcessVersion
    from models.db import session_for
    from models.library import utc_now
    from models.store import list_processes

    progress(f"[list] inserting {processes} processes with 2 versions each ...")
    now = utc_now()
    process_rows = [{"id": i, "name": f"Prozess {i:05d}", "owning_unit": f"Amt {i % 40}",
                     "tags": [], "version": 1, "created_at": now, "updated_at": now}
                    for i in range(1, processes + 1)]
    version_rows = []
    for i in range(1, processes + 1):
        for v in (0, 1):
            xml = _XML.format(n=i, suffix=f"<!-- {v} -->")
            version_rows.append({
                "id": 2 * i - 1 + v, "process_id": i, "bpmn_xml": xml,
                "content_hash": hashlib.sha256(xml.encode()).hexdigest(),
                "file_name": f"p{i}.bpmn", "role": "as_is", "parent_version_id": None,
                "variant_name": None, "created_by": None, "created_at": now})
    with engine.begin() as connection:
        connection.execute(Process.__table__.insert(), process_rows)  # type: ignore[attr-defined]
        connection.execute(ProcessVersion.__table__.insert(), version_rows)  # type: ignore[attr-defined]
    _fix_sequences(engine)

    def run() -> int:
        with session_for(engine) as session:
            return len(list_processes(session))

    run()  # warm-up: connection pool, statement cache
    times, cpu, listed = _timed(run, repeat)
    assert listed == processes, listed
    return {"processes": processes, "versions": len(version_rows),
            "median_s": statistics.median(times), "max_s": max(times),
            "cpu_median_s": statistics.median(cpu)}


def _fix_sequences(engine: Any) -> None:
    from models.backup import _reset_sequences
    from models.db import session_for

    with session_for(engine) as session:
        _reset_sequences(session)
        session.commit()


def measure_rank(engine: Any, projects: int, repeat: int) -> dict[str, Any]:
    """Insert ``projects`` projects with two measures each; time ``rank_projects``."""
    from models import MeasureRow, ProjectRow, SchemeRow
    from models.db import session_for
    from models.library import utc_now
    from models.portfolio_store import load_portfolio, rank_projects
    from processanalysis.portfolio import load_scheme, score

    progress(f"[rank] inserting {projects} projects with 2 measures each ...")
    rng = random.Random(4)
    now = utc_now()
    statuses = ("idea", "planned", "in_progress", "done", "stopped")
    project_rows = []
    for i in range(1, projects + 1):
        start = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 700))
        project_rows.append({
            "id": i, "key": f"P-{i:04d}", "name": f"Vorhaben {i}", "owner_unit": f"Amt {i % 30}",
            "status": statuses[i % 5], "start": start,
            "end": start + timedelta(days=rng.randrange(90, 900)),
            "budget": float(rng.randrange(10_000, 2_000_000, 1000)),
            "effort": float(rng.randrange(10, 2000)), "risk": rng.randint(1, 5),
            "strategic_fit": rng.randint(1, 5),
            "legal_obligation": "OZG" if rng.random() < 0.2 else None,
            "ozg_maturity_target": rng.randint(0, 4),
            "leika_keys": [f"99{rng.randrange(10**11, 10**12)}0"], "affected_services": [],
            "programme_id": None, "replaces_legacy": rng.random() < 0.1,
            "citizens_affected": rng.randrange(0, 50_000), "version": 1,
            "created_at": now, "updated_at": now})
    measure_rows = [{
        "id": m, "key": f"M-{m:05d}", "name": f"Maßnahme {m}", "description": None,
        "process_version_id": None, "finding_ids": ["f"], "hours_saved_per_year":
        float(rng.randrange(0, 3000)), "media_breaks_removed": rng.randrange(0, 5),
        "handoffs_removed": rng.randrange(0, 5), "citizens_affected": rng.randrange(0, 20_000),
        "cost": float(rng.randrange(0, 50_000)), "project_id": (m + 1) // 2, "version": 1,
        "created_by": None, "created_at": now} for m in range(1, 2 * projects + 1)]
    schemes = [{"id": 1, "name": "simple", "is_default": True, "version": 1,
                "definition": _shipped("simple")},
               {"id": 2, "name": "wibe", "is_default": False, "version": 1,
                "definition": _shipped("wibe")}]
    with engine.begin() as connection:
        connection.execute(ProjectRow.__table__.insert(), project_rows)  # type: ignore[attr-defined]
        connection.execute(MeasureRow.__table__.insert(), measure_rows)  # type: ignore[attr-defined]
        connection.execute(SchemeRow.__table__.insert(), schemes)  # type: ignore[attr-defined]
    _fix_sequences(engine)
    result: dict[str, Any] = {"projects": projects, "measures": len(measure_rows)}
    with session_for(engine) as session:
        for name in (None, "wibe"):
            rank_projects(session, name)  # warm-up
            times, cpu, ranked = _timed(lambda n=name: rank_projects(session, n), repeat)
            assert len(ranked) == projects
            result[f"{name or 'default'}_median_s"] = statistics.median(times)
            result[f"{name or 'default'}_cpu_median_s"] = statistics.median(cpu)
        portfolio = load_portfolio(session)
    scheme = load_scheme("simple")
    times, cpu, _ = _timed(lambda: score(portfolio, scheme), repeat)
    result["score_only_median_s"] = statistics.median(times)
    result["score_only_cpu_median_s"] = statistics.median(cpu)
    return result


def _shipped(name: str) -> dict[str, Any]:
    import json
    from importlib import resources

    return json.loads((resources.files("processanalysis.portfolio") / "data" /
                       f"scheme_{name}.json").read_text("utf-8"))


def measure_import(engine: Any, files: int) -> dict[str, Any]:
    """Import a cached folder of ``files`` synthetic models, twice; files per second."""
    from benchmarks.analysis import _batch_folder
    from models.db import session_for
    from models.store import add_file
    from processanalysis.cli.files import collect_files

    # The analysis benchmark's folder of 1,000 models serves any smaller count.
    folder = _batch_folder(max(files, 1000), 60, 4, 0, RESULTS)
    paths = collect_files([str(folder)])[:files]
    size = sum(p.stat().st_size for p in paths)
    result: dict[str, Any] = {"files": len(paths), "bytes": size}
    for label in ("first", "again"):
        progress(f"[import] {label} pass over {len(paths)} files ...")
        created = 0
        start, start_cpu = time.perf_counter(), time.process_time()
        with session_for(engine) as session:
            for path in paths:
                created += add_file(session, path)[2]
        elapsed = time.perf_counter() - start
        result[f"{label}_s"] = elapsed
        result[f"{label}_cpu_s"] = time.process_time() - start_cpu
        result[f"{label}_files_per_s"] = len(paths) / elapsed
        result[f"{label}_created"] = created
    assert result["again_created"] == 0
    return result


def _load() -> str:
    """The 1-minute load average: other work on a shared machine stretches wall times."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "n/a"


def format_report(results: dict[str, Any], meta: dict[str, Any]) -> str:
    listing, rank, imp = results["list"], results["rank"], results["import"]
    ok = {True: "ok", False: "MISSED"}
    lines = [
        f"Workspace benchmark — {meta['date']}, {meta['machine']}, Python {meta['python']}, "
        f"database {meta['database']}, load average {meta['load_before']} before",
        f"library list: {listing['processes']} processes / {listing['versions']} versions: "
        f"median {listing['median_s'] * 1000:.1f} ms wall, {listing['cpu_median_s'] * 1000:.1f} "
        f"ms CPU (max {listing['max_s'] * 1000:.1f} ms); goal < {GOAL_LIST_S:.0f} s: "
        f"{ok[listing['median_s'] < GOAL_LIST_S]}",
        f"ranking: {rank['projects']} projects / {rank['measures']} measures: default scheme "
        f"median {rank['default_median_s'] * 1000:.1f} ms wall / "
        f"{rank['default_cpu_median_s'] * 1000:.1f} ms CPU, wibe "
        f"{rank['wibe_median_s'] * 1000:.1f} / {rank['wibe_cpu_median_s'] * 1000:.1f} ms "
        f"(scoring alone {rank['score_only_median_s'] * 1000:.1f} / "
        f"{rank['score_only_cpu_median_s'] * 1000:.1f} ms); goal < {GOAL_RANK_S * 1000:.0f} ms "
        f"(wall): {ok[max(rank['default_median_s'], rank['wibe_median_s']) < GOAL_RANK_S]}",
        f"folder import: {imp['files']} files ({imp['bytes'] / 1e6:.1f} MB): "
        f"{imp['first_files_per_s']:.0f} files/s ({imp['first_s']:.1f} s wall, "
        f"{imp['first_cpu_s']:.1f} s CPU, {imp['first_created']} added); again "
        f"{imp['again_files_per_s']:.0f} files/s (all recognised by hash, "
        f"{imp['again_created']} added)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.workspace",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=1000)
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", metavar="URL",
                        help="an empty database to use (default: temporary SQLite files)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write results as JSON")
    args = parser.parse_args(argv)
    if min(args.processes, args.projects, args.files, args.repeat) < 1:
        parser.error("all counts must be at least 1")
    results: dict[str, Any] = {}
    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="pa-bench-ws-") as tmp:
        folder = Path(tmp)
        for name, run in (
            ("list", lambda e: measure_list(e, args.processes, args.repeat)),
            ("rank", lambda e: measure_rank(e, args.projects, args.repeat)),
            ("import", lambda e: measure_import(e, args.files)),
        ):
            engine = _fresh_engine(args.db, folder, name)
            try:
                results[name] = run(engine)
                if args.db:
                    _clear(engine)
            finally:
                engine.dispose()
        database = engine.dialect.name
    meta = {**machine_meta(), "database": database, "repeat": args.repeat,
            "load_before": load_before, "load_after": _load()}
    meta["goals"] = {
        "list_under_1_s": results["list"]["median_s"] < GOAL_LIST_S,
        "rank_under_100_ms": max(results["rank"]["default_median_s"],
                                 results["rank"]["wibe_median_s"]) < GOAL_RANK_S,
    }
    print(format_report(results, meta))
    if args.json:
        write_json(args.json, {"meta": meta, "results": results})
    # Goals are reported, not enforced: wall times on a shared machine vary with its load.
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
