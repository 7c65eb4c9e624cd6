"""Shared fixtures: the ``../shared`` test corpus, the XSD, small model builders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from tests.browser import browser, page  # noqa: F401  (Playwright fixtures)
from tests.db import db_url, engine, postgres, session  # noqa: F401  (SQLite + PostgreSQL)
from tests.server import app_server  # noqa: F401  (session fixture: `make run` on a free port)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PROCESSANALYSIS_SHARED", ROOT.parent / "shared"))
SAMPLES = ROOT / "sample_processes"


@pytest.fixture(autouse=True, scope="session")
def _isolated_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Pages under test that open the workspace database get a throw-away SQLite file,
    never the developer's ``data/workbench.db`` (tests may set their own)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('workspace') / 'workbench.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        yield


def require_shared(*parts: str) -> Path:
    """A path below ``../shared``; skip where it is absent (a user's clone), never in CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} not found: the shared test corpus lies beside the project in CI only"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: must not skip)")
        pytest.skip(message)
    return path


def corpus_files() -> list[Path]:
    """MIWG reference models and vendor exports, or empty when ../shared is absent."""
    files: list[Path] = []
    for folder in ("miwg-reference", "vendor-samples"):
        files.extend(sorted((SHARED / "testdata" / folder).glob("*.bpmn")))
    return files


@pytest.fixture(scope="session")
def omg_schema() -> etree.XMLSchema:
    """The OMG BPMN 2.0 schema from ../shared (the reference the issue names)."""
    path = require_shared("schemas", "bpmn20", "BPMN20.xsd")
    return etree.XMLSchema(etree.parse(str(path)))


BPMN_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
    'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
    'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
    'id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">\n'
)


def bpmn(body: str, *, head: str = BPMN_HEAD, tail: str = "</bpmn:definitions>") -> bytes:
    """A small BPMN document in bpmn.io style around ``body``."""
    return (head + body + tail).encode("utf-8")
