"""The documentation keeps up with the code: every error code, rule and command is described."""

from __future__ import annotations

import json
import re

import pytest

from processanalysis import read_bpmn
from processanalysis.errors import MESSAGES
from tests.conftest import ROOT, bpmn

IMPORT_DOC = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_error_and_warning_code_is_documented(code: str) -> None:
    assert f"`{code}`" in IMPORT_DOC


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_both_languages_with_the_same_placeholders(code: str) -> None:
    de, en = MESSAGES[code]
    assert de and en and de != en
    assert set(re.findall(r"{(\w+)}", de)) == set(re.findall(r"{(\w+)}", en))


def test_documented_codes_exist() -> None:
    """No stale rows: each code in the table of docs/import.md is one the code raises."""
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", IMPORT_DOC, re.MULTILINE))
    assert documented and documented <= set(MESSAGES)


def test_file_without_process_or_collaboration_warns() -> None:
    model = read_bpmn(bpmn('<bpmn:message id="m" name="Antrag"/>'))
    assert [w.code for w in model.warnings] == ["no-process"]


def test_every_profile_rule_is_documented() -> None:
    profile = json.loads(
        (ROOT / "processanalysis" / "analysis" / "data" / "profile_default.json").read_text(
            encoding="utf-8"
        )
    )
    docs = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "analysis").glob("*.md")
    )
    missing = [rule for rule in profile["rules"] if rule not in docs]
    assert missing == []


@pytest.mark.parametrize(
    "command",
    ["inspect", "convert", "validate", "analyse", "simulate", "compare", "improve", "report"],
)
def test_readme_names_every_command(command: str) -> None:
    assert f"processanalysis {command}" in README


@pytest.mark.parametrize(
    "command",
    ["library add", "library list", "workspace seed", "workspace export", "workspace import",
     "portfolio import", "portfolio rank", "portfolio export", "report --portfolio"],
)
def test_readme_names_every_database_command(command: str) -> None:
    assert f"] {command}" in README or f"processanalysis {command}" in README


def test_every_registered_command_is_in_the_readme() -> None:
    from processanalysis.cli.main import build_parser

    parser = build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    # An alias (``analyze``) shares its parser with the command it stands for.
    commands = {id(sub): name for name, sub in reversed(list(choices.items()))}.values()
    assert {c for c in commands if f"processanalysis {c}" not in README
            and f"] {c}" not in README} == set()


def test_readme_quick_start_has_the_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert re.search(r"^make run\b", quick, re.MULTILINE)
    assert re.search(r"^make test\b", quick, re.MULTILINE)
