"""The command line: inspect, convert and validate, as a module and as the console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from processanalysis import (
    COUNT_KEYS,
    element_counts,
    import_file,
    read_bpmn,
    resolved_flow_count,
)

QUIRKS = Path(__file__).parent / "fixtures" / "quirks"
GOOD = QUIRKS / "camunda_bpmn_prefix.bpmn"
NO_DI = QUIRKS / "visio_itp_missing_di.bpmn"
RECORD_KEYS = {"file", "ok", "counts", "warnings", "error"}
COUNTS_KEYS = [*COUNT_KEYS, "resolved_flows"]
EXPECTED_COUNT_KEYS = {
    "participant",
    "process",
    "lane",
    "task",
    "subProcess",
    "callActivity",
    "event",
    "gateway",
    "sequenceFlow",
    "messageFlow",
    "dataObjectReference",
    "dataStoreReference",
    "textAnnotation",
    "shape",
    "edge",
    "resolved_flows",
}
XSD_INVALID = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"
    targetNamespace="urn:x">
  <bpmn:process id="P">
    <bpmn:task id="A"><bpmn:outgoing>F</bpmn:outgoing></bpmn:task>
    <bpmn:task id="B" isForCompensation="vielleicht"><bpmn:incoming>F</bpmn:incoming></bpmn:task>
    <bpmn:sequenceFlow id="F" sourceRef="A" targetRef="B"/>
  </bpmn:process>
</bpmn:definitions>
"""


def console_script() -> str:
    """The installed ``processanalysis`` entry point of this interpreter's environment."""
    found = Path(sys.prefix) / "bin" / "processanalysis"
    if not found.exists():
        which = shutil.which("processanalysis", path=str(Path(sys.executable).parent))
        assert which is not None, "console script processanalysis is not installed"
        found = Path(which)
    return str(found)


def run(*args: str | Path, script: bool = False, cwd: Path | None = None):
    """Run the CLI as ``python -m processanalysis`` (or the console script)."""
    command = [console_script()] if script else [sys.executable, "-m", "processanalysis"]
    return subprocess.run(
        [*command, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def json_lines(stdout: str) -> list[dict]:
    lines = [line for line in stdout.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder with good, warning and broken files at several depths, plus non-BPMN files."""
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(GOOD, tmp_path / "good.bpmn")
    shutil.copy(NO_DI, tmp_path / "sub" / "no_di.xml")
    (tmp_path / "sub" / "deeper" / "broken.bpmn").write_bytes(GOOD.read_bytes()[:900])
    (tmp_path / "sub" / "notes.txt").write_text("<not a model>", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return tmp_path


def test_console_script_is_installed() -> None:
    """The environment provides the processanalysis console script, and it runs."""
    done = run("--version", script=True)
    assert done.returncode == 0
    assert "processanalysis" in done.stdout


@pytest.mark.parametrize("script", [False, True], ids=["module", "console-script"])
def test_inspect_json_record_per_file(tree: Path, script: bool) -> None:
    """inspect --json prints one object per file with exactly the documented keys."""
    done = run("inspect", "--json", tree, script=script)
    records = json_lines(done.stdout)
    assert [Path(r["file"]).relative_to(tree).as_posix() for r in records] == [
        "good.bpmn",
        "sub/deeper/broken.bpmn",
        "sub/no_di.xml",
    ]
    for record in records:
        assert set(record) == RECORD_KEYS
        assert isinstance(record["ok"], bool)
        assert isinstance(record["warnings"], list)
        for warning in record["warnings"]:
            assert set(warning) == {"code", "message", "line"}
            assert warning["message"]
        if record["ok"]:
            assert record["error"] is None
            assert set(record["counts"]) == EXPECTED_COUNT_KEYS
            assert list(record["counts"]) == COUNTS_KEYS
            assert all(isinstance(v, int) for v in record["counts"].values())
        else:
            assert set(record["error"]) == {"code", "message", "line"}
    good, broken, no_di = records
    assert good["ok"] and good["warnings"] == []
    assert good["counts"]["task"] == 3
    assert good["counts"]["resolved_flows"] == 6
    assert good["counts"]["shape"] == 6
    assert no_di["ok"]
    assert [w["code"] for w in no_di["warnings"]] == ["missing-di"]
    assert no_di["warnings"][0]["line"] is None
    assert not broken["ok"]
    assert broken["error"]["code"] == "xml-truncated"
    assert isinstance(broken["error"]["line"], int)
    assert done.returncode == 1


def test_inspect_counts_match_the_library(tree: Path) -> None:
    """The counts the CLI prints are the library's counts of the same file."""
    record = json_lines(run("inspect", "--json", tree / "good.bpmn").stdout)[0]
    model = import_file(tree / "good.bpmn")
    assert record["counts"] == {
        **element_counts(model),
        "resolved_flows": resolved_flow_count(model),
    }


def test_inspect_exit_status_zero_when_all_import(tree: Path) -> None:
    """inspect exits 0 when every file was imported, warnings or not."""
    done = run("inspect", "--json", tree / "good.bpmn", tree / "sub" / "no_di.xml")
    assert done.returncode == 0, done.stderr
    assert [r["ok"] for r in json_lines(done.stdout)] == [True, True]


def test_inspect_readable_output(tree: Path) -> None:
    """Without --json, inspect prints a line per file, the codes of warnings and errors."""
    done = run("inspect", "--lang", "en", tree)
    assert done.returncode == 1
    assert "good.bpmn" in done.stdout
    assert "[missing-di]" in done.stdout
    assert "[xml-truncated]" in done.stdout
    assert "resolved_flows=6" in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["inspect", "--bogus", "x.bpmn"],
        ["inspect"],
        ["inspect", "does-not-exist.bpmn"],
        ["frobnicate"],
        [],
        ["convert", "only-one-argument.bpmn"],
        ["convert", "does-not-exist.bpmn", "out.bpmn"],
        ["validate"],
        ["inspect", "--lang", "fr", "x.bpmn"],
    ],
    ids=[
        "unknown-option",
        "no-path",
        "missing-path",
        "unknown-command",
        "no-command",
        "convert-one-arg",
        "convert-missing-input",
        "validate-no-path",
        "bad-language",
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    """Unknown options, missing or nonexistent paths are usage errors with exit status 2."""
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip()
    assert done.stdout.strip() == ""


def test_folder_without_bpmn_files_is_a_usage_error(tmp_path: Path) -> None:
    """A folder that holds no *.bpmn or *.xml file is a usage error."""
    (tmp_path / "readme.txt").write_text("nichts", encoding="utf-8")
    done = run("inspect", tmp_path)
    assert done.returncode == 2


def test_lang_switches_messages(tree: Path) -> None:
    """--lang en gives English messages, the default German; the codes stay the same."""
    german = json_lines(run("inspect", "--json", tree).stdout)
    english = json_lines(run("inspect", "--json", "--lang", "en", tree).stdout)
    assert [r["file"] for r in german] == [r["file"] for r in english]
    de_error, en_error = german[1]["error"], english[1]["error"]
    assert de_error["code"] == en_error["code"] == "xml-truncated"
    assert de_error["message"] != en_error["message"]
    assert de_error["line"] == en_error["line"]
    de_warning, en_warning = german[2]["warnings"][0], english[2]["warnings"][0]
    assert de_warning["code"] == en_warning["code"]
    assert de_warning["message"] != en_warning["message"]
    assert en_warning["message"] == import_file(NO_DI).warnings[0].message("en")
    assert de_warning["message"] == import_file(NO_DI).warnings[0].message("de")


def test_convert_writes_a_file_that_reimports_equal(tmp_path: Path) -> None:
    """convert IN OUT writes BPMN that re-imports to a model equal to IN's."""
    out = tmp_path / "normalised.bpmn"
    done = run("convert", QUIRKS / "signavio_default_namespace.bpmn", out)
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    assert read_bpmn(out.read_bytes()) == import_file(QUIRKS / "signavio_default_namespace.bpmn")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["normalised.bpmn"]


def test_convert_repairs_encoding_and_reports_warnings(tmp_path: Path) -> None:
    """convert of a mis-declared file writes clean UTF-8 and lists the warning on stderr."""
    out = tmp_path / "fixed.bpmn"
    done = run("convert", "--lang", "en", QUIRKS / "notepad_utf8_declared_cp1252.bpmn", out)
    assert done.returncode == 0, done.stderr
    assert "[encoding-mismatch]" in done.stderr
    text = out.read_bytes().decode("utf-8")
    assert "Rechnung klären" in text
    assert [w.code for w in read_bpmn(out.read_bytes()).warnings] == ["missing-di"]


@pytest.mark.parametrize("existing", [False, True], ids=["new-output", "existing-output"])
def test_convert_of_broken_input_leaves_no_partial_file(tmp_path: Path, existing: bool) -> None:
    """A broken input makes convert fail (exit 1) without creating or touching OUT."""
    broken = tmp_path / "broken.bpmn"
    broken.write_bytes(GOOD.read_bytes()[:1200])
    out = tmp_path / "out.bpmn"
    if existing:
        out.write_bytes(b"previous content")
    done = run("convert", broken, out)
    assert done.returncode == 1
    assert "[xml-truncated]" in done.stderr
    if existing:
        assert out.read_bytes() == b"previous content"
    else:
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["broken.bpmn"] + (["out.bpmn"] if existing else [])
    )


def test_convert_into_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    """An output folder that does not exist is a usage error; nothing is written."""
    done = run("convert", GOOD, tmp_path / "nope" / "out.bpmn")
    assert done.returncode == 2
    assert not (tmp_path / "nope").exists()


def test_validate_valid_file_exits_0() -> None:
    """validate exits 0 for an XSD-valid file."""
    done = run("validate", GOOD)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "✓" in done.stdout


def test_validate_invalid_file_exits_1_and_prints_the_line(tmp_path: Path) -> None:
    """validate exits 1 for an XSD-invalid file and names the offending line."""
    path = tmp_path / "invalid.bpmn"
    path.write_text(XSD_INVALID, encoding="utf-8")
    done = run("validate", "--lang", "en", path)
    assert done.returncode == 1
    assert "not XSD-valid" in done.stdout
    assert "(line 6)" in done.stdout
    assert "isForCompensation" in done.stdout


def test_validate_json(tmp_path: Path) -> None:
    """validate --json reports schema errors with lines and the importer's warnings."""
    path = tmp_path / "invalid.bpmn"
    path.write_text(XSD_INVALID, encoding="utf-8")
    done = run("validate", "--json", path, GOOD)
    assert done.returncode == 1
    invalid, valid = json_lines(done.stdout)
    assert invalid["ok"] is True and invalid["valid"] is False
    assert [e["line"] for e in invalid["schema_errors"]] == [6]
    assert "invalid-value" in [w["code"] for w in invalid["warnings"]]
    assert valid["valid"] is True and valid["schema_errors"] == []


def test_validate_unreadable_file_exits_1(tmp_path: Path) -> None:
    """validate reports a file that cannot be imported with its error code."""
    path = tmp_path / "empty.bpmn"
    path.write_bytes(b"")
    done = run("validate", "--json", path)
    assert done.returncode == 1
    record = json_lines(done.stdout)[0]
    assert record["ok"] is False
    assert record["error"]["code"] == "empty-file"


def test_closed_pipe_ends_quietly() -> None:
    """`processanalysis analyse DIR | head -1`: no traceback when the reader goes away."""
    samples = Path(__file__).resolve().parents[1] / "sample_processes"
    process = subprocess.Popen(
        [sys.executable, "-m", "processanalysis", "analyse", str(samples)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.wait(timeout=120)
    assert first.strip()
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
