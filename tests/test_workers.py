"""``PROCESSANALYSIS_WORKERS``: the number of worker processes of the batch commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from processanalysis.cli.files import WORKERS_ENV, UsageError, workers
from tests.conftest import SAMPLES


def test_workers_default_to_all_cores_and_never_exceed_the_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(WORKERS_ENV, raising=False)
    assert workers(10_000) == (os.cpu_count() or 1)
    assert workers(1) == 1
    monkeypatch.setenv(WORKERS_ENV, "")
    assert workers(10_000) == (os.cpu_count() or 1)


def test_workers_follow_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORKERS_ENV, "1")
    assert workers(100) == 1
    monkeypatch.setenv(WORKERS_ENV, " 3 ")
    assert workers(100) == 3
    assert workers(2) == 2


@pytest.mark.parametrize("value", ["0", "-2", "zwei", "1.5"])
def test_a_bad_worker_count_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(WORKERS_ENV, value)
    with pytest.raises(UsageError, match=WORKERS_ENV):
        workers(10)


def _analyse(*paths: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "processanalysis", "analyse", "--json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **env},
    )


def test_one_worker_gives_the_same_lines_as_all_cores_whatever_the_hash_seed() -> None:
    # Different string hashing (PYTHONHASHSEED) must not change a single finding: the
    # media-break chains once depended on the iteration order of a set.
    pooled = _analyse(SAMPLES, env={"PYTHONHASHSEED": "0"})
    single = _analyse(SAMPLES, env={"PYTHONHASHSEED": "3", WORKERS_ENV: "1"})
    assert pooled.returncode == 0, pooled.stderr
    assert single.returncode == 0, single.stderr
    lines = single.stdout.splitlines()
    assert len(lines) == len(list(SAMPLES.glob("*.bpmn")))
    assert single.stdout == pooled.stdout


def test_a_bad_worker_count_exits_with_2() -> None:
    done = _analyse(SAMPLES / "gewerbeanmeldung_ist.bpmn", env={WORKERS_ENV: "null"})
    assert done.returncode == 2
    assert WORKERS_ENV in done.stderr
    assert "Traceback" not in done.stderr
