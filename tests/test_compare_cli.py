"""``processanalysis compare`` and ``processanalysis improve``: output contract and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from processanalysis.analysis.runner import analyse
from processanalysis.bpmn.importer import import_file
from processanalysis.bpmn.validation import validate_bytes
from processanalysis.variants import diff_models
from tests.conftest import SAMPLES

AS_IS = SAMPLES / "gewerbeanmeldung_ist.bpmn"
TO_BE = SAMPLES / "gewerbeanmeldung_soll.bpmn"
KPI_KEYS = {
    "activities", "media_breaks", "media_breaks_by_type", "handoffs", "handoffs_per_case",
    "units", "unit_names", "external_parties", "external_party_names", "digital_share",
    "analogue_share", "manual_share", "classified_share", "findings", "findings_by_kind",
    "findings_by_severity",
}
QUANTITATIVE_KEYS = {"effort_hours_per_case", "effort_hours_per_year", "lead_time_hours",
                     "cost_per_year"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "processanalysis", *args],
        capture_output=True, text=True, timeout=300, check=False,
    )


def test_compare_json_contract() -> None:
    result = run("compare", "--json", str(AS_IS), str(TO_BE))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"added", "removed", "changed", "matched", "kpis"} <= set(data)
    assert all({"id", "fields"} <= set(c) for c in data["changed"])
    assert all(isinstance(pair, list) and len(pair) == 2 for pair in data["matched"])
    assert set(data["kpis"]) == {"as_is", "to_be", "delta"}
    analysed = json.loads(run("analyse", "--json", str(AS_IS)).stdout)
    # The KPI keys of `analyse`, plus the analytical figures (both samples carry pa: times).
    assert set(analysed["kpis"]) == KPI_KEYS
    for side in ("as_is", "to_be", "delta"):
        assert set(data["kpis"][side]) == KPI_KEYS | QUANTITATIVE_KEYS, side
    assert {k: data["kpis"]["as_is"][k] for k in KPI_KEYS} == analysed["kpis"]
    assert data["kpis"]["as_is"]["effort_hours_per_case"] > data["kpis"]["to_be"][
        "effort_hours_per_case"] > 0
    assert data["kpis"]["delta"]["lead_time_hours"] < 0
    assert data["kpis"]["delta"]["cost_per_year"] < 0
    assert "Aufwand je Fall von 1,0 h auf 0,2 h" in data["summary"]
    assert data["kpis"]["delta"]["media_breaks"] == -5
    assert set(data["media_breaks"]) == {"resolved", "remaining", "shifted", "new"}
    assert len(data["media_breaks"]["resolved"]) == 5
    assert ["Lane_0lmo81t", "Lane_0lpe65p"] in data["matched"]
    assert "Lane_1u36ty2" in data["removed"]  # the Poststelle lane
    assert data["summary"].startswith("5 von 5 Medienbrüchen beseitigt")


def test_compare_text_in_both_languages() -> None:
    german = run("compare", str(AS_IS), str(TO_BE))
    assert german.returncode == 0
    assert "Medienbrüche" in german.stdout and "Übergaben je Fall" in german.stdout
    assert "entfernt (" in german.stdout
    assert re.search(r"Kosten je Jahr \(€\) +84933 +18200 +-66733", german.stdout)
    english = run("compare", "--lang", "en", str(AS_IS), str(TO_BE))
    assert english.returncode == 0
    assert "media breaks" in english.stdout and "removed (" in english.stdout
    assert re.search(r"lead time \(h\) +216\.91 +17\.11 +-199\.8\d", english.stdout)


def test_compare_exit_codes(tmp_path: Path) -> None:
    missing = run("compare", str(AS_IS), str(tmp_path / "nope.bpmn"))
    assert missing.returncode == 2 and "nope.bpmn" in missing.stderr
    broken = tmp_path / "broken.bpmn"
    broken.write_text("<definitions", encoding="utf-8")
    unreadable = run("compare", str(AS_IS), str(broken))
    assert unreadable.returncode == 1 and "broken.bpmn" in unreadable.stderr
    assert unreadable.stdout == ""


def test_improve_applies_operations_and_writes_a_valid_variant(tmp_path: Path) -> None:
    out = tmp_path / "soll.bpmn"
    result = run("improve", str(AS_IS), "--apply", "remove_step:Activity_1zdjpwl",
                 "move_step:Activity_1rxtqtd,Lane_0lmo81t", "-o", str(out), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [a["operation"] for a in report["applied"]] == ["remove_step", "move_step"]
    assert validate_bytes(out.read_bytes()) == []
    variant = import_file(out)
    assert variant.warnings == []
    diff = diff_models(import_file(AS_IS), variant)
    assert sorted(diff.removed) == ["Activity_1zdjpwl", "Flow_16wdvrp"]
    assert diff.change("Activity_1rxtqtd").fields == ["unit", "flows"]  # type: ignore[union-attr]


def test_improve_applies_a_findings_suggestion(tmp_path: Path) -> None:
    finding = next(
        f for f in analyse(import_file(AS_IS)).findings if f.rule == "handoff-ping-pong"
    )
    out = tmp_path / "soll.bpmn"
    result = run("improve", str(AS_IS), "--apply", finding.id, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "move_step:Activity_1rxtqtd,Lane_0lmo81t" in result.stdout
    rules = {f.rule for f in analyse(import_file(out)).findings}
    assert "handoff-ping-pong" not in rules


def test_improve_lists_operations_and_suggestions() -> None:
    result = run("improve", str(AS_IS), "--lang", "en")
    assert result.returncode == 0
    assert "parallelise:steps" in result.stdout
    assert "digitise_input:Activity_0tjj52y" in result.stdout


def test_improve_errors_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "soll.bpmn"
    unknown = run("improve", str(AS_IS), "--apply", "teleport:Activity_1", "-o", str(out))
    assert unknown.returncode == 2
    assert "teleport:Activity_1" in unknown.stderr and "remove_step" in unknown.stderr
    refused = run("improve", str(AS_IS), "--apply", "remove_step:Activity_1zdjpwl",
                  "remove_step:Event_1vl1rij", "-o", str(out))
    assert refused.returncode == 1
    assert "Event_1vl1rij" in refused.stderr and "keine Aktivität" in refused.stderr
    no_output = run("improve", str(AS_IS), "--apply", "remove_step:Activity_1zdjpwl")
    assert no_output.returncode == 2 and "-o" in no_output.stderr
    assert not out.exists()
    no_ops = run("improve", str(AS_IS), "--apply", "pmg-size:x", "-o", str(out))
    assert no_ops.returncode == 2
    assert not out.exists()
