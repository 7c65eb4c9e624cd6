"""Our exports read in bpmn-moddle (the parser of bpmn-js) as well as the originals do.

bpmn-moddle is what the browser modeller will load our files with, so an export must not
give it anything new to complain about, and it must see the same elements in it. The
Node side is ``frontend/scripts/moddle_check.mjs``; it needs ``npm ci`` in ``frontend/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from processanalysis import export_bpmn, import_file
from tests.conftest import ROOT, SAMPLES, corpus_files

FRONTEND = ROOT / "frontend"
SCRIPT = FRONTEND / "scripts" / "moddle_check.mjs"
MODDLE = FRONTEND / "node_modules" / "bpmn-moddle"
#: Files per ``node`` call: one call reads them all, but argv stays far below its limit.
BATCH = 200

FILES = [*corpus_files(), *sorted(SAMPLES.glob("*.bpmn"))]
IDS = [f"{p.parent.name}/{p.name}" for p in FILES]

# bpmn-moddle puts the position into "unparsable content" warnings; positions differ
# between a file and its export, the finding does not.
_POSITION = re.compile(r"\n\s*line: \d+\n\s*column: \d+")


def require_moddle() -> None:
    """Skip without ``node`` or the installed bpmn-moddle; under CI=true, fail instead."""
    missing = None
    if shutil.which("node") is None:
        missing = "node is not on PATH"
    elif not MODDLE.is_dir():
        missing = f"{MODDLE} is missing: run `npm ci --prefix frontend`"
    if missing is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{missing} (CI=true: the install step must have run)")
    pytest.skip(missing)


def moddle_check(files: list[Path]) -> dict[Path, dict]:
    """bpmn-moddle's reading of each file: ok, warnings, counts (one node call per batch)."""
    results: dict[Path, dict] = {}
    for start in range(0, len(files), BATCH):
        batch = files[start : start + BATCH]
        done = subprocess.run(
            ["node", str(SCRIPT), *map(str, batch)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        lines = done.stdout.splitlines()
        assert len(lines) == len(batch), f"moddle_check.mjs failed: {done.stderr[-2000:]}"
        for path, line in zip(batch, lines, strict=True):
            results[path] = json.loads(line)
    return results


def warning_kinds(result: dict) -> set[str]:
    """The warnings as a set, without the positions that differ between files."""
    return {_POSITION.sub("", message) for message in result["warnings"]}


@pytest.fixture(scope="module")
def moddle_readings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict, dict]]:
    """For each file id: bpmn-moddle's reading of the original and of our export."""
    require_moddle()
    out = tmp_path_factory.mktemp("moddle")
    pairs: dict[str, tuple[Path, Path]] = {}
    for file_id, path in zip(IDS, FILES, strict=True):
        exported = out / file_id.replace("/", "__")
        exported.write_bytes(export_bpmn(import_file(path)))
        pairs[file_id] = (path, exported)
    results = moddle_check([p for pair in pairs.values() for p in pair])
    return {
        file_id: (results[original], results[exported])
        for file_id, (original, exported) in pairs.items()
    }


@pytest.mark.parametrize("file_id", IDS)
def test_export_reads_in_bpmn_moddle_like_the_original(
    file_id: str, moddle_readings: dict[str, tuple[dict, dict]]
) -> None:
    """bpmn-moddle reads our export without new warnings and sees the same elements."""
    original, exported = moddle_readings[file_id]
    assert exported["ok"], exported.get("error")
    new = warning_kinds(exported) - warning_kinds(original)
    assert not new, f"warnings only in our export: {sorted(new)}"
    assert exported["counts"] == original["counts"]


def test_moddle_check_reports_unreadable_files(tmp_path: Path) -> None:
    """A file that is not BPMN is reported as not ok, with an error, not a crash."""
    require_moddle()
    broken = tmp_path / "broken.bpmn"
    broken.write_text("<definitions", encoding="utf-8")
    (result,) = moddle_check([broken]).values()
    assert result["ok"] is False
    assert result["error"]
    assert set(result["counts"].values()) == {0}
