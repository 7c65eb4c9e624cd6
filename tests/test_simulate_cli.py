"""``processanalysis simulate`` and ``params template``: the JSON contract, reproducibility,
parameter files written and edited like an analyst would, and plain errors."""

from __future__ import annotations

import csv
import doctest
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import processanalysis.cli.simulate_command
from processanalysis import import_file
from processanalysis.bpmn.model import Activity
from processanalysis.cli.main import main
from processanalysis.simulation.analytical import analytical_model
from processanalysis.simulation.params_io import load_parameters
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "gewerbeanmeldung_ist.bpmn"
#: "Papierantrag auf Vollständigkeit prüfen": 10 minutes, visited more than once per case.
CHECK = "Activity_152xpsx"
CONTRACT = {"cases", "lead_time", "activities", "resources", "bottlenecks"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command in this process: exit status, stdout, stderr."""
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def simulate_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    status, out, err = run(capsys, "simulate", "--json", *args)
    assert status == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def sample_units() -> set[str]:
    return {r.name for r in load_parameters(import_file(SAMPLE)).resources.values()}


# -- the JSON contract --------------------------------------------------------------------


def test_json_follows_the_contract(
    capsys: pytest.CaptureFixture[str], sample_units: set[str]
) -> None:
    """One object with cases, lead time, activities, resources and bottlenecks (minutes)."""
    record = simulate_json(capsys, "--cases", "200", str(SAMPLE))
    assert set(record) >= CONTRACT
    assert record["cases"] == 200 and isinstance(record["cases"], int)
    lead = record["lead_time"]
    assert set(lead) == {"mean", "p50", "p90"}
    assert all(isinstance(lead[key], float) for key in lead)
    assert 0 < lead["p50"] <= lead["p90"]
    model = import_file(SAMPLE)
    activities = {e.id for e in model.iter_elements() if isinstance(e, Activity)}
    assert set(record["activities"]) == activities
    for stats in record["activities"].values():
        assert set(stats) == {"count", "waiting_mean", "processing_mean"}
        assert isinstance(stats["count"], int) and stats["count"] >= 0
        assert stats["waiting_mean"] >= 0 and stats["processing_mean"] >= 0
    assert record["activities"][CHECK]["processing_mean"] == pytest.approx(10.0)
    assert set(record["resources"]) == sample_units
    for unit in record["resources"].values():
        assert set(unit) == {"utilisation"} and 0 <= unit["utilisation"] <= 1
    assert set(record["bottlenecks"]) <= activities


def test_json_carries_analytical_figures_and_assumptions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The extra keys: the analytical model's figures and the assumptions in the language."""
    record = simulate_json(capsys, "--cases", "100", "--lang", "en", str(SAMPLE))
    model = import_file(SAMPLE)
    expected = analytical_model(model, load_parameters(model))
    assert record["analytical"]["lead_time"] == pytest.approx(expected.lead_time)
    assert record["analytical"]["effort_per_case"] == pytest.approx(expected.effort_per_case)
    codes = [a["code"] for a in record["assumptions"]]
    assert "productive-hours" in codes and len(codes) == len(set(codes))
    hours = next(a for a in record["assumptions"] if a["code"] == "productive-hours")
    assert hours["message"].startswith("Capacity")
    assert [b["element_id"] for b in record["bottleneck_details"]] == record["bottlenecks"]
    assert record["seed"] == 0 and record["replications"] == 1


def test_same_seed_same_output_other_seed_other_output(capsys: pytest.CaptureFixture[str]) -> None:
    """A seed reproduces a run exactly; another seed draws other cases."""
    first = run(capsys, "simulate", "--json", "--cases", "150", "--seed", "7", str(SAMPLE))
    second = run(capsys, "simulate", "--json", "--cases", "150", "--seed", "7", str(SAMPLE))
    other = run(capsys, "simulate", "--json", "--cases", "150", "--seed", "8", str(SAMPLE))
    assert first == second
    assert json.loads(first[1])["lead_time"] != json.loads(other[1])["lead_time"]


def test_replications_add_up_and_give_a_confidence_interval(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Three replications of 100 cases observe 300 cases and bound the mean."""
    record = simulate_json(capsys, "--cases", "100", "--replications", "3", str(SAMPLE))
    assert record["cases"] == 300 and record["replications"] == 3
    assert record["confidence"]["lead_time_mean"] > 0


# -- the readable summary -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("de", ["Durchlaufzeit", "Median", "Engpässe", "Auslastung je Organisationseinheit",
                "Annahmen", "Tage"]),
        ("en", ["Lead time", "median", "Bottlenecks", "Utilisation per unit", "Assumptions",
                "days"]),
    ],
)  # fmt: skip
def test_summary_in_both_languages(
    capsys: pytest.CaptureFixture[str], lang: str, words: list[str], sample_units: set[str]
) -> None:
    """Lead time, bottlenecks, utilisation per unit and assumptions, in words."""
    status, out, err = run(capsys, "simulate", "--cases", "200", "--lang", lang, str(SAMPLE))
    assert status == 0, err
    for word in words:
        assert word in out
    assert all(unit in out for unit in sample_units)


def test_overloaded_unit_is_flagged(capsys: pytest.CaptureFixture[str]) -> None:
    """A unit above 85 % (here by the analytical figure) is marked in the summary."""
    building = SAMPLES / "bauantrag_ist.bpmn"
    status, out, _err = run(capsys, "simulate", "--cases", "100", str(building))
    assert status == 0
    flagged = [line for line in out.splitlines() if "! über 85 %" in line]
    assert any("Sachbearbeitung Bauordnung" in line for line in flagged)


def test_expected_overload_makes_a_capacity_bottleneck(capsys: pytest.CaptureFixture[str]) -> None:
    """A queue at a unit expected above 85 % is a capacity bottleneck, in JSON and text."""
    building = SAMPLES / "bauantrag_ist.bpmn"
    record = simulate_json(capsys, "--cases", "500", "--seed", "1", str(building))
    details = record["bottleneck_details"]
    assert details
    for detail in details:
        expected = detail["expected_utilisation"]
        assert expected == record["analytical"]["utilisation"][detail["unit"]]
        if expected > 0.85:
            assert detail["reason"] == "capacity"
    assert any(d["unit"] == "Sachbearbeitung Bauordnung" for d in details)
    status, out, _err = run(capsys, "simulate", "--cases", "500", "--seed", "1", str(building))
    assert status == 0
    # the higher of the simulated and the expected (91 %) utilisation
    shown = re.findall(r"Kapazität: Auslastung (\d+) % über 85 %", out)
    assert shown and all(85 < int(value) <= 100 for value in shown)
    assert max(int(value) for value in shown) >= 91


def test_documentation_names_both_commands() -> None:
    text = (SAMPLES.parent / "docs" / "simulation" / "ui.md").read_text(encoding="utf-8")
    assert "processanalysis simulate" in text and "processanalysis params template" in text


# -- parameter files ---------------------------------------------------------------------------


def write_template(capsys: pytest.CaptureFixture[str], path: Path, lang: str = "en") -> None:
    status, _out, err = run(
        capsys, "params", "template", str(SAMPLE), "-o", str(path), "--lang", lang
    )
    assert status == 0, err
    assert path.is_file()


def edit_csv(path: Path, element_id: str, column: str, value: str) -> int:
    """Set one cell of the activities table in an English template CSV; its line number."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    rows = list(csv.reader(lines))
    header: list[str] | None = None
    for number, row in enumerate(rows, start=1):
        if row and row[0].startswith("["):
            header = None
            section = row[0]
            continue
        if header is None and row:
            header = row
            continue
        if section == "[Activities]" and row and row[0] == element_id:
            row[header.index(column)] = value
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(rows)
            path.write_text(buffer.getvalue(), encoding="utf-8-sig")
            return number
    raise AssertionError(f"{element_id} not in the template")


def test_template_round_trip_changes_the_simulation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Doubling an activity's processing time in the template doubles its processing mean."""
    template = tmp_path / "parameter.csv"
    write_template(capsys, template)
    before = simulate_json(capsys, "--cases", "200", "--params", str(template), str(SAMPLE))
    edit_csv(template, CHECK, "Processing time (min)", "20")
    after = simulate_json(capsys, "--cases", "200", "--params", str(template), str(SAMPLE))
    old = before["activities"][CHECK]["processing_mean"]
    new = after["activities"][CHECK]["processing_mean"]
    assert new == pytest.approx(2 * old, rel=0.1)
    assert after["analytical"]["effort_per_case"] > before["analytical"]["effort_per_case"]


def test_xlsx_template_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The German workbook an analyst edits in a spreadsheet program is read back."""
    from openpyxl import load_workbook

    template = tmp_path / "parameter.xlsx"
    write_template(capsys, template, lang="de")
    workbook = load_workbook(template)
    sheet = workbook["Aktivitäten"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Bearbeitungszeit (min)") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == CHECK)
    sheet.cell(row, column).value = 30
    workbook.save(template)
    record = simulate_json(capsys, "--cases", "100", "--params", str(template), str(SAMPLE))
    assert record["activities"][CHECK]["processing_mean"] == pytest.approx(30.0)


def test_invalid_template_names_row_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A bad cell: exit 1, the row and column on stderr, nothing on stdout, no traceback."""
    template = tmp_path / "parameter.csv"
    write_template(capsys, template)
    line = edit_csv(template, CHECK, "Processing time (min)", "ten")
    status, out, err = run(
        capsys, "simulate", "--lang", "en", "--params", str(template), str(SAMPLE)
    )
    assert status == 1
    assert out == ""
    assert f"row {line}" in err and "column 'Processing time (min)'" in err
    assert "'ten' is not a number" in err
    assert "Traceback" not in err


def test_parameter_file_that_is_no_prosimos_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A JSON without Prosimos keys is reported plainly (exit 1)."""
    path = tmp_path / "parameter.json"
    path.write_text('{"cases": 3}', encoding="utf-8")
    status, _out, err = run(capsys, "simulate", "--params", str(path), str(SAMPLE))
    assert status == 1
    assert "Parameterdatei nicht verwendbar" in err and "Traceback" not in err


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"not xml at all", b"", b"<definitions/>"])
def test_unreadable_model_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> None:
    """A file that is no BPMN, or has nothing to simulate: exit 1 and the reason."""
    path = tmp_path / "kaputt.bpmn"
    path.write_bytes(content)
    status, out, err = run(capsys, "simulate", str(path))
    assert status == 1 and out == ""
    assert err.startswith(f"processanalysis: {path}: ")
    assert "Traceback" not in err


def test_missing_files_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A model or parameter file that is not there: exit 1, said plainly."""
    status, _out, err = run(capsys, "simulate", str(tmp_path / "fehlt.bpmn"))
    assert status == 1 and "file-not-found" in err
    status, _out, err = run(capsys, "simulate", "--params", str(tmp_path / "x.csv"), str(SAMPLE))
    assert status == 1 and "Parameterdatei nicht gefunden" in err


@pytest.mark.parametrize(
    "args",
    [
        ["simulate", "--cases", "0", str(SAMPLE)],
        ["simulate", "--replications", "-1", str(SAMPLE)],
        ["simulate", "--params", "werte.txt", str(SAMPLE)],
        ["params", "template", str(SAMPLE), "-o", "werte.txt"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    """Impossible settings and unknown file kinds are usage errors."""
    try:
        status = main(args)
    except SystemExit as exit_:  # argparse's own errors
        status = int(exit_.code or 0)
    assert status == 2
    assert "Traceback" not in capsys.readouterr().err


def test_console_script_prints_no_traceback(tmp_path: Path) -> None:
    """Through the installed entry point: exit 1 and one plain line for a broken file."""
    path = tmp_path / "kaputt.bpmn"
    path.write_bytes(b"\x89PNG\r\n")
    done = subprocess.run(
        [sys.executable, "-m", "processanalysis", "simulate", "--lang", "en", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_docstring_examples() -> None:
    result = doctest.testmod(processanalysis.cli.simulate_command)
    assert result.attempted > 0 and result.failed == 0
