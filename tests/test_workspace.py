"""The process library in a database: migrations, adding files, listing, optimistic locking,
and the ``library``/``workspace`` commands, each on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, inspect
from sqlmodel import Session, select

from models import AnalysisResult, AuditEntry, FindingReview, MeasureRow, Process, ProcessVersion
from models.db import engine_for, migrate, session_for
from models.errors import StaleEditError
from models.portfolio_store import create_measure
from models.reviews import set_review, store_analysis
from models.store import (
    ConcurrentEditError,
    UnknownProcessError,
    add_file,
    add_variant,
    delete_process,
    get_version,
    list_processes,
    rename_process,
    versions_of,
)
from processanalysis.cli.main import main
from processanalysis.errors import BpmnImportError
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "gewerbeanmeldung_ist.bpmn"
TABLES = {
    "process", "process_version", "analysis_result", "finding_review", "audit_entry",
    "field_of_action", "programme", "project", "measure", "prioritisation_scheme",
    "status_update", "app_user",
}


def _rows(session: Session, table: type) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def test_migrations_create_every_table_and_can_run_again(engine: Engine) -> None:
    """Migrating is idempotent: the app and the CLI migrate on every start."""
    migrate(engine)
    assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() \
            == "0002_portfolio"


def test_the_portfolio_migration_downgrades_and_upgrades_again(engine: Engine) -> None:
    from alembic import command

    from models.db import alembic_config

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert set(inspect(engine).get_table_names()) == {
        "process", "process_version", "analysis_result", "finding_review", "audit_entry",
        "alembic_version"}
    migrate(engine)
    assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}


def test_migrations_match_the_tables(engine: Engine) -> None:
    """The revisions in migrations/ create exactly what the SQLModel tables declare."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    engine = engine_for(f"sqlite:///{tmp_path / 'sub' / 'w.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    engine.dispose()


def test_database_url_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert str(engine_for(None).url) == url


def test_adding_a_file_twice_stores_it_once(session: Session) -> None:
    process, version, created = add_file(session, SAMPLE, unit="Ordnungsamt")
    assert created and process.name == "Gewerbeanmeldung – Ist-Prozess"
    assert version.role == "as_is" and version.file_name == SAMPLE.name
    assert version.bpmn_xml == SAMPLE.read_text(encoding="utf-8")
    again, same, created_again = add_file(session, SAMPLE, unit="Ordnungsamt")
    assert not created_again and (again.id, same.id) == (process.id, version.id)
    assert _rows(session, Process) == 1 and _rows(session, ProcessVersion) == 1


def test_a_changed_file_becomes_the_next_version(session: Session, tmp_path: Path) -> None:
    """Same process name and unit, other bytes: a second version with the first as parent."""
    _, first, _ = add_file(session, SAMPLE)
    changed = tmp_path / "gewerbeanmeldung_v2.bpmn"
    changed.write_bytes(SAMPLE.read_bytes() + b"\n<!-- revised -->\n")
    _, second, created = add_file(session, changed)
    assert created and second.parent_version_id == first.id
    assert list_processes(session)[0]["versions"] == 2


def test_list_processes_contract(session: Session) -> None:
    add_file(session, SAMPLE, unit="Ordnungsamt")
    add_file(session, SAMPLES / "bauantrag_ist.bpmn")
    listed = list_processes(session)
    assert [set(item) for item in listed] == [{"id", "name", "unit", "versions", "latest_hash"}] * 2
    assert [item["name"][:10] for item in listed] == ["Bauantrag ", "Gewerbeanm"]
    gewerbe = listed[1]
    assert gewerbe["unit"] == "Ordnungsamt" and gewerbe["versions"] == 1
    assert len(gewerbe["latest_hash"]) == 64
    json.dumps(listed)


def test_a_broken_file_raises_the_typed_error_and_writes_nothing(
    session: Session, tmp_path: Path
) -> None:
    broken = tmp_path / "kaputt.bpmn"
    broken.write_text("<bpmn:definitions", encoding="utf-8")
    with pytest.raises(BpmnImportError) as raised:
        add_file(session, broken)
    assert raised.value.code == "xml-truncated"
    assert [_rows(session, t) for t in (Process, ProcessVersion, AuditEntry)] == [0, 0, 0]


def test_rename_with_a_stale_version_fails_and_keeps_the_stored_name(
    engine: Engine, session: Session
) -> None:
    """Two editors read version 1; the second rename is refused."""
    process, _, _ = add_file(session, SAMPLE)
    with session_for(engine) as other:
        renamed = rename_process(other, process.id, "Gewerbeanzeige", expected_version=1)
    assert renamed.version == 2
    with pytest.raises(ConcurrentEditError) as raised:
        rename_process(session, process.id, "Gewerbe anmelden", expected_version=1)
    assert isinstance(raised.value, StaleEditError)
    assert raised.value.stored == {"name": "Gewerbeanzeige"}
    assert (raised.value.expected_version, raised.value.stored_version) == (1, 2)
    assert "version 1" in str(raised.value) and "version is 2" in str(raised.value)
    assert "'Gewerbeanzeige'" in str(raised.value) and "'Gewerbe anmelden'" in str(raised.value)
    with session_for(engine) as fresh:
        assert fresh.get(Process, process.id).name == "Gewerbeanzeige"
        assert _rows(fresh, AuditEntry) == 3  # process, version, one rename


def test_cli_library_add_and_list(db_url: str, tmp_path: Path, capsys) -> None:
    broken = tmp_path / "kaputt.bpmn"
    broken.write_text("kein XML", encoding="utf-8")
    assert main(["--db", db_url, "library", "add", str(SAMPLE)]) == 0
    assert main(["--db", db_url, "library", "add", str(SAMPLE), str(broken)]) == 1
    captured = capsys.readouterr()
    assert "neu/added" in captured.out and "already in library" in captured.out
    assert "kaputt.bpmn" in captured.err
    assert main(["--db", db_url, "library", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["name"], p["versions"]) for p in listed] == [("Gewerbeanmeldung – Ist-Prozess", 1)]


def test_cli_workspace_seed_is_idempotent(db_url: str, capsys) -> None:
    samples = sorted(SAMPLES.glob("*.bpmn"))
    assert main(["--db", db_url, "workspace", "seed"]) == 0
    assert main(["--db", db_url, "workspace", "seed"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "library", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    # A to-be sample is the second version of its as-is process.
    to_be = {p.name.replace("_soll", "_ist") for p in samples if p.stem.endswith("_soll")}
    assert len(listed) == len(samples) - len(to_be)
    assert sorted(p["versions"] for p in listed) == sorted(
        2 if p.name in to_be else 1 for p in samples if not p.stem.endswith("_soll")
    )
    # Listed under the authority's process, not the modelled applicant's own process.
    names = {p["name"] for p in listed}
    assert "Wohngeldantrag – Ist-Prozess" in names
    assert not any("Sicht Antragsteller" in name for name in names)
    # The example portfolio came with it, once.
    assert main(["--db", db_url, "portfolio", "rank", "--json"]) == 0
    ranked = json.loads(capsys.readouterr().out)
    assert len(ranked) == 12 and len({r["project"] for r in ranked}) == 12


def test_a_variant_is_a_to_be_version_with_its_parent(session: Session) -> None:
    process, first, _ = add_file(session, SAMPLE)
    xml = first.bpmn_xml.replace("</bpmn:definitions>", "<!-- Soll A --></bpmn:definitions>")
    variant = add_variant(session, process.id, xml, parent_version_id=first.id,
                          variant_name="Soll A", actor="anna")
    assert (variant.role, variant.parent_version_id, variant.variant_name) == (
        "to_be", first.id, "Soll A")
    assert add_variant(session, process.id, xml, parent_version_id=first.id,
                       variant_name="Soll A").id == variant.id  # same document: stored once
    assert [v.id for v in versions_of(session, process.id)] == [first.id, variant.id]
    assert get_version(session, variant.id).bpmn_xml == xml
    assert get_version(session, 999) is None
    with pytest.raises(BpmnImportError):
        add_variant(session, process.id, "<bpmn:definitions", parent_version_id=first.id,
                    variant_name="kaputt")
    other, _, _ = add_file(session, SAMPLES / "bauantrag_ist.bpmn")
    with pytest.raises(ValueError, match="not a version of process"):
        add_variant(session, other.id, xml, parent_version_id=first.id, variant_name="x")
    with pytest.raises(UnknownProcessError):
        add_variant(session, 999, xml, parent_version_id=first.id, variant_name="x")
    assert _rows(session, ProcessVersion) == 3


def test_delete_process_keeps_measures_without_the_link(session: Session) -> None:
    process, first, _ = add_file(session, SAMPLE)
    other, _, _ = add_file(session, SAMPLES / "bauantrag_ist.bpmn")
    xml = first.bpmn_xml + "\n<!-- v2 -->"
    variant = add_variant(session, process.id, xml, parent_version_id=first.id,
                          variant_name="Soll")
    store_analysis(session, first.id, {"findings": []})
    set_review(session, variant.id, "f1", "accepted", None, expected_version=None)
    measure = create_measure(session, "Online-Antrag", process_version_id=first.id,
                             finding_ids=["f1"], hours_saved_per_year=100)
    delete_process(session, process.id, actor="anna")
    assert [p["id"] for p in list_processes(session)] == [other.id]
    assert [_rows(session, t) for t in (ProcessVersion, AnalysisResult, FindingReview)] == [
        1, 0, 0]
    kept = session.get(MeasureRow, measure.id, populate_existing=True)
    assert kept.process_version_id is None and kept.finding_ids == ["f1"]
    assert kept.hours_saved_per_year == 100
    deleted = session.exec(select(AuditEntry).where(AuditEntry.action == "delete")).one()
    assert (deleted.actor, deleted.record_id) == ("anna", process.id)
    with pytest.raises(UnknownProcessError):
        delete_process(session, process.id)


def test_re_adding_a_folder_adds_nothing_twice(db_url: str, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "export"
    (folder / "sub").mkdir(parents=True)
    for name in ("gewerbeanmeldung_ist.bpmn", "bauantrag_ist.bpmn"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    (folder / "sub" / "wohngeld.bpmn").write_bytes(
        (SAMPLES / "wohngeldantrag_ist.bpmn").read_bytes())
    assert main(["--db", db_url, "library", "add", str(folder)]) == 0
    first = capsys.readouterr().out
    assert first.count("neu/added") == 3
    assert main(["--db", db_url, "library", "add", str(folder)]) == 0
    second = capsys.readouterr().out
    assert second.count("vorhanden/already in library") == 3 and "neu/added" not in second
    assert main(["--db", db_url, "library", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 3 and {p["versions"] for p in listed} == {1}


def test_roles_from_the_claim_then_the_user_table_else_viewer(session: Session) -> None:
    from models.users import AppUser, role_for, upsert_user

    assert role_for(session, "sub-1", "a@x.example", {}) == "viewer"
    upsert_user(session, "sub-1", email="a@x.example", name="Anna", role="analyst")
    assert role_for(session, "sub-1", None, {}) == "analyst"
    assert role_for(session, "sub-1", None, {"roles": ["admin", "viewer"]}) == "admin"
    assert role_for(session, "sub-2", None, {"realm_access": {"roles": ["analyst"]}}) == "analyst"
    assert role_for(session, "sub-2", None, {"groups": "admin"}, claim_name="groups") == "admin"
    assert role_for(session, "sub-new", "a@x.example", {}) == "analyst"  # by e-mail
    again = upsert_user(session, "sub-1", role="viewer")
    assert (again.role, again.version, again.name) == ("viewer", 2, "Anna")
    with pytest.raises(ValueError, match="role must be one of"):
        upsert_user(session, "sub-1", role="boss")
    assert _rows(session, AppUser) == 1
