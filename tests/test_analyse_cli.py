"""``processanalysis analyse``: the JSON-lines contract, the table, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLES

KPI_KEYS = {
    "activities",
    "media_breaks",
    "handoffs",
    "handoffs_per_case",
    "units",
    "digital_share",
    "manual_share",
}
FINDING_KEYS = {
    "id",
    "operations",
    "kind",
    "rule",
    "severity",
    "elements",
    "message",
    "evidence",
    "suggestion",
    "from_medium",
    "to_medium",
}
HANDOFF_KEYS = {"from_element", "to_element", "from_unit", "to_unit", "type"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "processanalysis", "analyse", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_json_lines_follow_the_contract() -> None:
    done = run("--json", str(SAMPLES))
    assert done.returncode == 0, done.stderr
    lines = records(done.stdout)
    assert len(lines) == len(list(SAMPLES.glob("*.bpmn")))
    for record in lines:
        assert {"file", "ok", "error", "kpis", "handoffs", "findings"} <= set(record)
        assert record["ok"] is True and record["error"] is None
        assert set(record["kpis"]) >= KPI_KEYS
        assert 0 <= record["kpis"]["digital_share"] <= 1
        for handoff in record["handoffs"]:
            assert set(handoff) >= HANDOFF_KEYS
            assert handoff["type"] in ("lane", "pool")
        ids = [f["id"] for f in record["findings"]]
        assert len(ids) == len(set(ids))
        for finding in record["findings"]:
            assert set(finding) >= FINDING_KEYS
            assert finding["kind"] in ("media_break", "handoff", "bottleneck", "quality")
            assert finding["severity"] in ("high", "medium", "low")
            assert finding["elements"] and all(isinstance(e, str) for e in finding["elements"])
            assert finding["message"] and finding["suggestion"]
            if finding["kind"] == "media_break":
                assert len(finding["elements"]) == 2
                assert finding["from_medium"] != finding["to_medium"] or finding["evidence"]
        assert record["kpis"]["media_breaks"] == sum(
            f["kind"] == "media_break" for f in record["findings"]
        )
        assert record["kpis"]["handoffs"] == len(record["handoffs"])


def test_language_switch_changes_messages() -> None:
    path = str(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    de = records(run("--json", path).stdout)[0]
    en = records(run("--json", "--lang", "en", path).stdout)[0]
    assert [f["id"] for f in de["findings"]] == [f["id"] for f in en["findings"]]
    assert any("Medienbruch" in f["message"] for f in de["findings"])
    assert any("Media break" in f["message"] for f in en["findings"])


def test_broken_file_is_reported_and_the_rest_analysed(tmp_path: Path) -> None:
    (tmp_path / "kaputt.bpmn").write_text("<definitions>", encoding="utf-8")
    good = tmp_path / "gut.bpmn"
    good.write_bytes((SAMPLES / "meldebescheinigung_ist.bpmn").read_bytes())
    done = run("--json", str(tmp_path))
    assert done.returncode == 1
    by_name = {Path(r["file"]).name: r for r in records(done.stdout)}
    assert by_name["gut.bpmn"]["ok"] is True
    broken = by_name["kaputt.bpmn"]
    assert broken["ok"] is False
    assert broken["error"]["code"] and broken["error"]["message"]
    assert "Traceback" not in done.stderr


def test_table_output_names_kpis_and_findings() -> None:
    done = run(str(SAMPLES / "gewerbeanmeldung_ist.bpmn"))
    assert done.returncode == 0, done.stderr
    assert "Medienbrüche" in done.stdout and "Übergaben je Fall" in done.stdout
    assert "[HOCH/HIGH] media_break/media-break" in done.stdout


def test_usage_errors_exit_with_2(tmp_path: Path) -> None:
    assert run(str(tmp_path)).returncode == 2  # no BPMN files
    bad_profile = tmp_path / "profile.json"
    bad_profile.write_text("{", encoding="utf-8")
    done = run("--profile", str(bad_profile), str(SAMPLES))
    assert done.returncode == 2
    assert "profile.json" in done.stderr
