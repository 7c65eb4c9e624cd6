"""The portfolio in the database, on SQLite and PostgreSQL: projects with optimistic locking,
findings review, measures, status updates, schemes, the ranking contract and project-list
imports that write nothing when rejected."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from models import AuditEntry, FindingReview, MeasureRow, ProjectRow, StatusUpdateRow
from models.db import session_for
from models.errors import StaleEditError, UnknownRecordError
from models.portfolio_store import (
    add_status_update,
    create_field_of_action,
    create_measure,
    create_programme,
    create_project,
    import_project_list,
    link_measure,
    list_project_rows,
    list_schemes,
    load_portfolio,
    measures_for_version,
    rank_json,
    rank_projects,
    save_scheme,
    status_history,
    update_project,
)
from models.reviews import latest_analysis, reviews_for, set_review, store_analysis
from models.store import add_file
from processanalysis.cli.main import main
from processanalysis.portfolio import Project, ProjectListError, load_scheme
from tests.conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "gewerbeanmeldung_ist.bpmn"


def _count(session: Session, table: type) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def _small_portfolio(session: Session) -> None:
    create_field_of_action(session, "HF-1", "Digitale Bürgerservices")
    create_programme(session, "PG-1", "OZG-Umsetzung", field_key="HF-1")
    create_project(session, Project("P-1", "Online-Gewerbeanmeldung", budget=100_000, effort=50,
                                    strategic_fit=5, programme_id="PG-1"))
    create_project(session, Project("P-2", "E-Akte", budget=400_000, effort=300, risk=4))


def test_projects_round_trip_to_the_dataclasses(session: Session) -> None:
    _small_portfolio(session)
    portfolio = load_portfolio(session)
    assert [p.id for p in portfolio.projects] == ["P-1", "P-2"]
    assert portfolio.project("P-1").programme_id == "PG-1"
    assert portfolio.programmes[0].field_id == "HF-1"
    assert [r.key for r in list_project_rows(session)] == ["P-1", "P-2"]
    with pytest.raises(ValueError, match="already exists"):
        create_project(session, Project("P-1", "doppelt"))
    with pytest.raises(UnknownRecordError, match="unknown programme 'PG-9'"):
        create_project(session, Project("P-3", "x", programme_id="PG-9"))
    assert _count(session, ProjectRow) == 2


def test_concurrent_edit_of_one_project_refuses_the_second_save(
    engine: Engine, session: Session
) -> None:
    """Two editors load version 1 of P-1; the slower one is refused and sees both values."""
    _small_portfolio(session)
    with session_for(engine) as other:
        saved = update_project(other, "P-1", {"budget": 120_000.0, "name": "Gewerbe online"},
                               expected_version=1, actor="anna")
    assert saved.version == 2
    with pytest.raises(StaleEditError) as raised:
        update_project(session, "P-1", {"budget": 90_000.0}, expected_version=1, actor="ben")
    error = raised.value
    assert (error.table, error.key, error.expected_version, error.stored_version) == (
        "project", "P-1", 1, 2)
    assert error.stored == {"budget": 120_000.0} and error.yours == {"budget": 90_000.0}
    assert "version 1" in str(error) and "stored version is 2" in str(error)
    assert "budget=120000.0" in str(error) and "budget=90000.0" in str(error)
    with session_for(engine) as fresh:
        row = fresh.exec(select(ProjectRow).where(ProjectRow.key == "P-1")).one()
        assert (row.budget, row.name, row.version) == (120_000.0, "Gewerbe online", 2)
        updates = fresh.exec(select(AuditEntry).where(AuditEntry.table_name == "project",
                                                      AuditEntry.action == "update")).all()
        assert [(u.actor, u.detail["budget"]) for u in updates] == [("anna", 120_000.0)]


def test_an_invalid_project_edit_writes_nothing(session: Session) -> None:
    _small_portfolio(session)
    with pytest.raises(ValueError, match="risk must be between 1 and 5"):
        update_project(session, "P-1", {"risk": 7}, expected_version=1)
    with pytest.raises(ValueError, match="cannot change"):
        update_project(session, "P-1", {"version": 9}, expected_version=1)
    with pytest.raises(UnknownRecordError):
        update_project(session, "P-1", {"programme_key": "nope"}, expected_version=1)
    with pytest.raises(ValueError, match="end 2026-01-01 is before start 2026-06-01"):
        update_project(session, "P-1", {"start": "2026-06-01", "end": "2026-01-01"},
                       expected_version=1)
    moved = update_project(session, "P-2", {"programme_key": "OZG-Umsetzung",
                                            "start": "2026-02-01"}, expected_version=1)
    assert moved.programme_id is not None and moved.version == 2
    assert moved.start == date(2026, 2, 1)
    row = session.exec(select(ProjectRow).where(ProjectRow.key == "P-1")).one()
    assert (row.risk, row.version) == (3, 1)


def test_review_set_and_stale(engine: Engine, session: Session) -> None:
    _, version, _ = add_file(session, SAMPLE)
    finding = "media-break:Activity_152xpsx>Activity_0tjj52y"
    first = set_review(session, version.id, finding, "accepted", "im Workshop bestätigt",
                       expected_version=None, actor="anna")
    assert (first.status, first.version) == ("accepted", 1)
    with session_for(engine) as other, pytest.raises(StaleEditError) as raised:
        set_review(other, version.id, finding, "rejected", "kein Bruch",
                   expected_version=None, actor="ben")
    assert raised.value.stored["status"] == "accepted"
    assert raised.value.yours["status"] == "rejected"
    second = set_review(session, version.id, finding, "rejected", "doch kein Bruch",
                        expected_version=1, actor="ben")
    assert second.version == 2
    with pytest.raises(StaleEditError) as stale:
        set_review(session, version.id, finding, "open", None, expected_version=1)
    assert stale.value.stored_version == 2
    reviews = reviews_for(session, version.id)
    assert set(reviews) == {finding}
    assert (reviews[finding].status, reviews[finding].comment) == ("rejected", "doch kein Bruch")
    with pytest.raises(ValueError, match="status must be one of"):
        set_review(session, version.id, finding, "maybe", None, expected_version=2)
    assert _count(session, FindingReview) == 1


def test_analysis_is_stored_and_the_latest_returned(session: Session) -> None:
    _, version, _ = add_file(session, SAMPLE)
    assert latest_analysis(session, version.id) is None
    store_analysis(session, version.id, {"findings": [{"id": "a"}]})
    store_analysis(session, version.id, {"findings": [{"id": "b"}]})
    assert latest_analysis(session, version.id) == {"findings": [{"id": "b"}]}


def test_measure_create_and_link(engine: Engine, session: Session) -> None:
    _small_portfolio(session)
    _, version, _ = add_file(session, SAMPLE)
    before = rank_json(session)
    measure = create_measure(
        session, "Online-Antrag statt Papier", finding_ids=["f1", "f2"],
        process_version_id=version.id, hours_saved_per_year=600, media_breaks_removed=2,
        actor="anna",
    )
    assert (measure.key, measure.project_id, measure.version) == ("M-0001", None, 1)
    assert [m.key for m in measures_for_version(session, version.id)] == ["M-0001"]
    assert create_measure(session, "Zweite").key == "M-0002"
    linked = link_measure(session, "M-0001", "P-2", expected_version=1, actor="anna")
    assert linked.version == 2
    with session_for(engine) as other, pytest.raises(StaleEditError):
        link_measure(other, "M-0001", "P-1", expected_version=1)
    after = rank_json(session)
    # The measure's hours and media breaks now count for P-2 and lift it over P-1.
    assert [r["project"] for r in before] == ["P-1", "P-2"]
    assert [r["project"] for r in after] == ["P-2", "P-1"]
    assert load_portfolio(session).measures_of("P-2")[0].finding_ids == ("f1", "f2")
    with pytest.raises(ValueError, match="must not be negative"):
        create_measure(session, "x", cost=-1)
    with pytest.raises(UnknownRecordError):
        create_measure(session, "x", project_key="P-9")
    assert _count(session, MeasureRow) == 2


def test_status_updates_set_the_project_status(session: Session) -> None:
    _small_portfolio(session)
    add_status_update(session, "P-1", "planned", 0, "Auftrag erteilt", expected_version=1,
                      on=date(2026, 1, 5))
    add_status_update(session, "P-1", "in_progress", 40, "Pilot läuft", expected_version=2,
                      actor="anna", on=date(2026, 6, 1))
    with pytest.raises(StaleEditError):
        add_status_update(session, "P-1", "done", 100, "fertig", expected_version=2)
    with pytest.raises(ValueError, match="progress"):
        add_status_update(session, "P-1", "done", 120, None, expected_version=3)
    history = status_history(session, "P-1")
    assert [(h.status, h.progress, h.date) for h in history] == [
        ("planned", 0, date(2026, 1, 5)), ("in_progress", 40, date(2026, 6, 1))]
    row = session.exec(select(ProjectRow).where(ProjectRow.key == "P-1")).one()
    assert (row.status, row.version) == ("in_progress", 3)
    assert _count(session, StatusUpdateRow) == 2


def _shipped(name: str) -> str:
    return (ROOT / "processanalysis" / "portfolio" / "data" / f"scheme_{name}.json").read_text(
        encoding="utf-8")


def test_schemes_are_stored_with_one_default(session: Session) -> None:
    _small_portfolio(session)
    simple, wibe = _shipped("simple"), _shipped("wibe")
    save_scheme(session, "simple", json.loads(simple), expected_version=None, make_default=True)
    save_scheme(session, "wibe", json.loads(wibe), expected_version=None)
    assert [(s.name, s.is_default) for s in list_schemes(session)] == [
        ("simple", True), ("wibe", False)]
    with pytest.raises(StaleEditError):
        save_scheme(session, "wibe", json.loads(wibe), expected_version=None)
    changed = save_scheme(session, "wibe", json.loads(wibe), expected_version=1,
                          make_default=True)
    assert (changed.version, changed.is_default) == (2, True)
    assert [s.name for s in list_schemes(session) if s.is_default] == ["wibe"]
    assert rank_projects(session)[0].urgent == ()  # wibe: no project is legally bound here
    with pytest.raises(ValueError, match="weight must not be negative"):
        save_scheme(session, "kaputt", {"criteria": [{"name": "x", "weight": -1}]},
                    expected_version=None)
    with pytest.raises(ValueError, match="not a valid scheme definition"):
        save_scheme(session, "kaputt", {"kriterien": []}, expected_version=None)
    assert [s.name for s in list_schemes(session)] == ["wibe", "simple"]


def test_rank_json_contract(session: Session) -> None:
    _small_portfolio(session)
    ranked = rank_json(session, "simple")
    assert [set(item) for item in ranked] == [{"project", "score", "rank", "breakdown"}] * 2
    assert [item["rank"] for item in ranked] == [1, 2]
    for item in ranked:
        assert set(item["breakdown"]) == {c.name for c in load_scheme("simple").criteria}
        assert item["score"] == pytest.approx(sum(item["breakdown"].values()), abs=1e-3)
    json.dumps(ranked)
    with pytest.raises(UnknownRecordError, match="available: simple, wibe"):
        rank_json(session, "gibtsnicht")


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


HEADER = ["Projekt-ID", "Projekt", "Budget (€)", "Risiko", "Programm"]


def test_xlsx_import_upserts_by_key(session: Session, tmp_path: Path) -> None:
    _small_portfolio(session)
    path = _xlsx(tmp_path / "liste.xlsx", [
        HEADER,
        ["P-1", "Online-Gewerbeanmeldung", 150_000, 2, "PG-1"],
        ["P-3", "Digitaler Bauantrag", "450.000,00 €", 4, None],
    ])
    report = import_project_list(session, path, actor="import")
    assert (report.created, report.updated) == (["P-3"], ["P-1"])
    rows = {r.key: r for r in list_project_rows(session)}
    assert (rows["P-1"].budget, rows["P-1"].risk, rows["P-1"].version) == (150_000, 2, 2)
    assert rows["P-1"].strategic_fit == 5  # not a column of the file: kept
    assert rows["P-3"].budget == 450_000 and rows["P-3"].programme_id is None
    again = import_project_list(session, path)
    assert (again.created, again.updated) == ([], [])


def test_xlsx_import_with_bad_rows_writes_nothing(session: Session, tmp_path: Path) -> None:
    _small_portfolio(session)
    audit_before = _count(session, AuditEntry)
    path = _xlsx(tmp_path / "fehler.xlsx", [
        HEADER,
        ["P-1", "Gewerbe", 1, 2, "PG-1"],
        ["P-4", "Neu", "viel", 9, None],
        ["P-5", "Auch neu", 10, 3, "Unbekanntes Programm"],
    ])
    with pytest.raises(ProjectListError) as raised:
        import_project_list(session, path)
    assert [(p.row, p.column, p.code) for p in raised.value.report.problems] == [
        (3, "Budget (€)", "bad-number"), (3, "Risiko", "out-of-range")]
    only_programme = _xlsx(tmp_path / "programm.xlsx", [
        HEADER, ["P-1", "Gewerbe", 1, 2, "PG-1"], [], ["P-5", "Neu", 10, 3, "Unbekannt"]])
    with pytest.raises(ProjectListError) as unknown:
        import_project_list(session, only_programme)
    assert [(p.row, p.column, p.code) for p in unknown.value.report.problems] == [
        (4, "Programm", "unknown-programme")]
    rows = {r.key: r for r in list_project_rows(session)}
    assert set(rows) == {"P-1", "P-2"} and rows["P-1"].budget == 100_000
    assert _count(session, AuditEntry) == audit_before


def test_cli_portfolio_import_rank_export(db_url: str, tmp_path: Path, capsys) -> None:
    bad = _xlsx(tmp_path / "bad.xlsx", [["Vorhaben", "Risiko"], ["E-Akte", 8]])
    good = _xlsx(tmp_path / "good.xlsx", [["Nr.", "Vorhaben", "Risiko"], ["A-1", "E-Akte", 4],
                                          ["A-2", "E-Rechnung", 2]])
    mapping = json.dumps({"Vorhaben": "name"})
    assert main(["--db", db_url, "portfolio", "import", str(bad), "--mapping", mapping,
                 "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["problems"] == [{"row": 2, "column": "Risiko", "code": "out-of-range",
                                   "message": "must be a whole number 1–5: 8"}]
    assert main(["--db", db_url, "portfolio", "rank", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing was written
    assert main(["--db", db_url, "portfolio", "import", str(good), "--mapping", mapping]) == 0
    assert "2 neu/created" in capsys.readouterr().out
    assert main(["--db", db_url, "portfolio", "rank", "--json"]) == 0
    ranked = json.loads(capsys.readouterr().out)
    assert [(r["project"], r["rank"]) for r in ranked] == [("A-2", 1), ("A-1", 2)]
    assert main(["--db", db_url, "portfolio", "rank", "--scheme", "nix"]) == 2
    assert "available: simple, wibe" in capsys.readouterr().err
    out = tmp_path / "portfolio.xlsx"
    assert main(["--db", db_url, "portfolio", "export", str(out)]) == 0
    from openpyxl import load_workbook

    sheet = load_workbook(out)["Projekte"]
    assert [c.value for c in sheet[2]][:2] == ["A-1", "E-Akte"]
