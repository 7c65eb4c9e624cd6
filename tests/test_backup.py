"""Workspace backup: export to a ZIP, restore into an empty database unchanged (every table,
row by row, ids included), refusal on a non-empty database, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel

from models.backup import (
    BackupFormatError,
    WorkspaceNotEmptyError,
    export_workspace,
    import_workspace,
    row_counts,
    table_rows,
)
from models.db import engine_for, migrate, session_for
from models.portfolio_store import add_status_update, create_project, link_measure
from models.reviews import set_review
from models.seed import seed_workspace
from models.store import add_variant, versions_of
from models.users import upsert_user
from processanalysis.cli.main import main
from processanalysis.portfolio import Project


@pytest.fixture
def other_url(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A second empty database of the same kind as ``db_url``."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'restored.db'}"
    return request.getfixturevalue("postgres").new_database()


def _fill(session: Session) -> None:
    """The seeded workspace plus one of every kind of user edit."""
    seed_workspace(session)
    first = versions_of(session, 1)[0]
    add_variant(session, first.process_id, first.bpmn_xml.replace("</bpmn:definitions>",
                "<!-- Soll --></bpmn:definitions>"), parent_version_id=first.id,
                variant_name="Soll-Variante A", actor="anna")
    set_review(session, first.id, "some-finding", "accepted", "Ümläute & <Zeichen>",
               expected_version=None, actor="anna")
    add_status_update(session, "P-02", "in_progress", 10, "Start", expected_version=1,
                      on=date(2026, 11, 2), actor="ben")
    link_measure(session, "M-0012", None, expected_version=1, actor="anna")
    upsert_user(session, "sub-123", email="anna@musterstadt.example", role="analyst")


def _all_rows(session: Session) -> dict[str, list[dict]]:
    return {t.name: table_rows(session, t.name) for t in SQLModel.metadata.sorted_tables}


def test_export_then_import_restores_every_row(
    session: Session, other_url: str, tmp_path: Path
) -> None:
    _fill(session)
    original = _all_rows(session)
    assert all(original[name] for name in ("process", "project", "measure", "status_update",
                                           "finding_review", "app_user", "audit_entry"))
    backup = export_workspace(session, tmp_path / "sicherung.zip")
    with zipfile.ZipFile(backup) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["format"] == "processanalysis-workspace"
        assert manifest["tables"]["process_version"] == len(original["process_version"])
        assert archive.read("bpmn/1.bpmn").decode() == original["process_version"][0]["bpmn_xml"]
    engine = engine_for(other_url)
    try:
        migrate(engine)
        with session_for(engine) as restored:
            counts = import_workspace(restored, backup)
            assert counts == {name: len(rows) for name, rows in original.items()}
            assert _all_rows(restored) == original
            # The id sequences continue after the restored ids (PostgreSQL).
            row = create_project(restored, Project("P-99", "Nach der Wiederherstellung"))
            assert row.id == max(r["id"] for r in original["project"]) + 1
    finally:
        engine.dispose()


def test_import_refuses_a_non_empty_database(
    session: Session, engine: Engine, tmp_path: Path
) -> None:
    _fill(session)
    backup = export_workspace(session, tmp_path / "b.zip")
    before = row_counts(session)
    with pytest.raises(WorkspaceNotEmptyError, match=r"not empty .*project: 12"):
        import_workspace(session, backup)
    assert row_counts(session) == before


def test_import_rejects_what_is_no_backup(session: Session, tmp_path: Path) -> None:
    not_zip = tmp_path / "x.zip"
    not_zip.write_text("kein zip", encoding="utf-8")
    with pytest.raises(BackupFormatError, match="not a ZIP file"):
        import_workspace(session, not_zip)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(BackupFormatError, match=r"manifest\.json is missing"):
        import_workspace(session, other)
    with pytest.raises(BackupFormatError, match="more than the"):
        import_workspace(session, other, max_uncompressed=1)
    assert sum(row_counts(session).values()) == 0


def test_cli_workspace_export_and_import(
    db_url: str, other_url: str, tmp_path: Path, capsys
) -> None:
    backup = tmp_path / "ws.zip"
    assert main(["--db", db_url, "workspace", "seed"]) == 0
    assert main(["--db", db_url, "workspace", "export", str(backup)]) == 0
    assert main(["--db", other_url, "workspace", "import", str(backup)]) == 0
    assert main(["--db", db_url, "workspace", "import", str(backup)]) == 1
    captured = capsys.readouterr()
    assert "wiederhergestellt/restored" in captured.out
    assert "Datenbank nicht leer" in captured.err and "project: 12" in captured.err
    assert main(["--db", other_url, "portfolio", "rank", "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "portfolio", "rank", "--json"]) == 0
    original = capsys.readouterr().out
    assert main(["--db", other_url, "portfolio", "rank", "--json"]) == 0
    assert capsys.readouterr().out == original
