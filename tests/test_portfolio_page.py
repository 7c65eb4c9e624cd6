"""The portfolio page on a seeded SQLite copy: ranking, schemes, monitoring, measures,
import and export, the role check; and the shaping functions behind the page."""

from __future__ import annotations

import doctest
import io
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import Workbook
from sqlmodel import select
from streamlit.testing.v1 import AppTest

import app_pages.library_data
import app_pages.portfolio_data
import app_pages.portfolio_forms
import app_pages.review_views
from app_pages.portfolio_data import EDITABLE, changed_projects, project_records
from app_pages.portfolio_views import SCHEME_KEY
from models.portfolio import MeasureRow, ProgrammeRow, ProjectRow, SchemeRow, StatusUpdateRow
from models.portfolio_store import (
    list_project_rows,
    rank_json,
    save_scheme,
    status_history,
    update_project,
)
from processanalysis.portfolio import read_projects
from tests.apptest import fresh_cache, open_app, unescape  # noqa: F401  (autouse fixture)
from tests.workspace_app import (  # noqa: F401  (fixtures)
    as_viewer_fixture,
    open_session,
    seeded_template_fixture,
    workspace_db_fixture,
)

PAGE = "app_pages/portfolio_page.py"


def portfolio(lang: str | None = None) -> AppTest:
    return open_app(PAGE, lang, timeout=120)


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


#: A column only the table in question has, by the name the tests use for the table.
TABLES = {
    "ranking": "Rang", "tree": "Ebene", "sensitivity": "Anteil", "history": "Notiz",
    "measures": "Befunde", "problems": "Zeile",
}
TABLES_EN = {"ranking": "Rank"}


def table(at: AppTest, name: str, lang: str = "de") -> pd.DataFrame:
    """The table ``name`` on the page (found by a column only it has)."""
    column = (TABLES_EN if lang == "en" else TABLES)[name]
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def project(engine: Any, key: str) -> ProjectRow:
    with open_session(engine) as session:
        return session.exec(select(ProjectRow).where(ProjectRow.key == key)).one()


# -- rendering and ranking ---------------------------------------------------------------


def test_page_renders_every_tab_in_german(workspace_db) -> None:
    at = portfolio()
    assert at.title[0].value == "Portfolio & Priorisierung"
    assert [tab.label for tab in at.tabs] == [
        "Rangfolge", "Strategie", "Projekte", "Matrix & Roadmap", "Umsetzungsstand",
        "Maßnahmen", "Import & Export"]
    assert not at.exception and not at.error
    charts = [c.proto for c in at.get("plotly_chart")]
    assert len(charts) >= 3  # ranking, bubble matrix, roadmap (and the status history)


def test_ranking_is_the_store_ranking_of_the_active_scheme(workspace_db) -> None:
    at = portfolio()
    with open_session(workspace_db) as session:
        expected = rank_json(session)  # the default scheme
        wibe = rank_json(session, "wibe")
    shown = table(at, "ranking")
    assert list(shown["Nr."]) == [r["project"] for r in expected]
    assert list(shown["Rang"]) == [r["rank"] for r in expected]
    at.selectbox(key=SCHEME_KEY).set_value("wibe").run()
    shown = table(at, "ranking")
    assert list(shown["Nr."]) == [r["project"] for r in wibe]
    assert [r["project"] for r in wibe] != [r["project"] for r in expected]


def test_tree_rolls_benefits_up_to_the_fields(workspace_db) -> None:
    at = portfolio()
    tree = table(at, "tree")
    levels = list(tree["Ebene"])
    assert levels.count("Projekt") == 12
    fields = tree[tree["Ebene"] == "Handlungsfeld"]
    projects = tree[tree["Ebene"] == "Projekt"]
    hours = "Eingesparte Stunden/Jahr"
    assert fields[hours].sum() == pytest.approx(projects[hours].sum())
    assert fields["Maßnahmen"].sum() == 12


def test_sensitivity_table_lists_every_criterion(workspace_db) -> None:
    at = portfolio()
    sens = table(at, "sensitivity")
    with open_session(workspace_db) as session:
        scheme = session.exec(select(SchemeRow).where(SchemeRow.is_default)).one()
    assert len(sens) == len(scheme.definition["criteria"])
    assert set(sens["Kriterium"]) == {c["label"] for c in scheme.definition["criteria"]}


def test_english_switch(workspace_db) -> None:
    at = portfolio("en")
    assert at.title[0].value == "Portfolio & prioritisation"
    assert "Project" in table(at, "ranking", "en").columns


# -- schemes -------------------------------------------------------------------------------


def test_choosing_the_active_scheme_is_saved(workspace_db) -> None:
    at = portfolio()
    at.selectbox(key=SCHEME_KEY).set_value("wibe").run()
    at.checkbox(key="portfolio.scheme_default.wibe").check().run()
    button(at, "Schema speichern").click().run()
    assert not at.exception and not at.error
    with open_session(workspace_db) as session:
        defaults = session.exec(select(SchemeRow.name).where(SchemeRow.is_default)).all()
    assert defaults == ["wibe"]
    assert any("gespeichert" in s.value for s in at.success)


def test_stale_scheme_save_is_refused(workspace_db) -> None:
    at = portfolio()  # the editor of "simple" is based on the stored version now
    with open_session(workspace_db) as session:
        row = session.exec(select(SchemeRow).where(SchemeRow.name == "simple")).one()
        theirs = {**row.definition, "description": "von der Kollegin geändert"}
        save_scheme(session, "simple", theirs, expected_version=row.version, actor="kollegin")
    button(at, "Schema speichern").click().run()
    assert not at.exception
    assert any("inzwischen von jemand anderem geändert" in e.value for e in at.error)
    with open_session(workspace_db) as session:
        stored = session.exec(select(SchemeRow).where(SchemeRow.name == "simple")).one()
    assert stored.definition["description"] == "von der Kollegin geändert"


# -- monitoring ----------------------------------------------------------------------------


def test_status_update_is_saved_with_history(workspace_db) -> None:
    at = portfolio()
    at.selectbox(key="portfolio.monitor_project").set_value("P-02").run()
    at.selectbox(key="portfolio.status_new.P-02").set_value("in_progress")
    at.slider(key="portfolio.progress_new.P-02").set_value(15)
    at.text_area(key="portfolio.note_new.P-02").input("Auftrag vergeben")
    button(at, "Statusmeldung speichern").click().run()
    assert not at.exception and not at.error
    with open_session(workspace_db) as session:
        history = status_history(session, "P-02")
    assert (history[-1].status, history[-1].progress, history[-1].note) == (
        "in_progress", 15, "Auftrag vergeben")
    assert project(workspace_db, "P-02").status == "in_progress"
    shown = table(at, "history")
    assert shown["Notiz"].iloc[0] == "Auftrag vergeben"  # newest first


def test_stale_status_update_is_refused(workspace_db) -> None:
    at = portfolio()
    at.selectbox(key="portfolio.monitor_project").set_value("P-02").run()
    before = project(workspace_db, "P-02")
    with open_session(workspace_db) as session:  # someone edits the project meanwhile
        update_project(session, "P-02", {"status": "stopped"}, before.version, actor="kollegin")
        updates = len(session.exec(select(StatusUpdateRow)).all())
    at.selectbox(key="portfolio.status_new.P-02").set_value("in_progress")
    button(at, "Statusmeldung speichern").click().run()
    assert not at.exception
    message = unescape(" ".join(e.value for e in at.error))
    assert "status = stopped" in message and "status = in_progress" in message
    assert project(workspace_db, "P-02").status == "stopped"
    with open_session(workspace_db) as session:
        assert len(session.exec(select(StatusUpdateRow)).all()) == updates


# -- measures ------------------------------------------------------------------------------


def test_measure_created_and_linked_on_the_measures_tab(workspace_db) -> None:
    at = portfolio()
    at.text_input(key="portfolio.measure_name").input("Terminbuchung online")
    at.number_input(key="portfolio.measure_hours").set_value(300.0)
    button(at, "Maßnahme anlegen").click().run()
    assert not at.exception and not at.error
    with open_session(workspace_db) as session:
        measure = session.exec(select(MeasureRow).where(
            MeasureRow.name == "Terminbuchung online")).one()
    assert measure.project_id is None and measure.hours_saved_per_year == 300.0
    at.selectbox(key="portfolio.link.measure").set_value(measure.key)
    at.selectbox(key="portfolio.link.project").set_value("P-12")
    button(at, "Zuordnen").click().run()
    assert not at.exception and not at.error
    with open_session(workspace_db) as session:
        linked = session.get(MeasureRow, measure.id)
    assert linked.project_id == project(workspace_db, "P-12").id
    measures = table(at, "measures")
    assert measures.set_index("Nr.").loc[measure.key, "Projekt"] == "P-12"


# -- import and export ---------------------------------------------------------------------


def xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="portfolio.import_file.0").set_value(
        (name, data, "application/octet-stream"))
    return at.run()


def test_import_with_bad_rows_writes_nothing_and_reports_each_row(workspace_db) -> None:
    at = portfolio()
    with open_session(workspace_db) as session:
        before = [(r.key, r.version) for r in list_project_rows(session)]
    data = xlsx([["Projekt-ID", "Projekt", "Risiko", "Beginn"],
                 ["P-90", "Neues Vorhaben", 2, "01.03.2027"],
                 ["P-91", "Zu riskant", 9, "01.03.2027"],
                 ["P-92", "Ohne Datum", 3, "irgendwann"]])
    upload(at, "projekte.xlsx", data)
    button(at, "Prüfen und importieren").click().run()
    assert not at.exception
    assert any("abgelehnt, nichts wurde gespeichert" in e.value for e in at.error)
    problems = table(at, "problems")
    assert list(problems["Zeile"]) == [3, 4]
    assert list(problems["Spalte"]) == ["Risiko", "Beginn"]
    with open_session(workspace_db) as session:
        assert [(r.key, r.version) for r in list_project_rows(session)] == before


def test_import_with_a_column_mapping(workspace_db) -> None:
    at = portfolio()
    data = "Nr.;Vorhaben;Budget (€)\nP-90;Chatbot Bürgerservice;45.000\n".encode()
    upload(at, "liste.csv", data)
    mapping = next(s for s in at.selectbox if s.label == "Vorhaben")
    assert mapping.value == ""  # not a known header: not imported unless mapped
    mapping.set_value("name")
    button(at, "Prüfen und importieren").click().run()
    assert not at.exception and not at.error
    assert any("1 Projekte neu" in s.value for s in at.success)
    stored = project(workspace_db, "P-90")
    assert (stored.name, stored.budget) == ("Chatbot Bürgerservice", 45000.0)


def test_export_is_an_xlsx_the_importer_reads(workspace_db, tmp_path: Path) -> None:
    at = portfolio()
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Portfolio herunterladen (.xlsx)" in labels
    from app_pages.portfolio_views import _xlsx
    from models.portfolio_store import load_portfolio
    from processanalysis.portfolio import load_scheme

    with open_session(workspace_db) as session:
        data = _xlsx(load_portfolio(session), load_scheme("simple"))
    path = tmp_path / "portfolio.xlsx"
    path.write_bytes(data)
    projects, _ = read_projects(path)
    assert len(projects) == 12


# -- roles ---------------------------------------------------------------------------------


def test_viewer_gets_read_only_tables_and_no_write_buttons(workspace_db, as_viewer) -> None:
    at = portfolio()
    labels = {b.label for b in at.button}
    assert not labels & {"Schema speichern", "Statusmeldung speichern", "Maßnahme anlegen",
                         "Zuordnen", "Prüfen und importieren"}
    assert not [b for b in at.button if b.label.startswith("Änderungen speichern")]
    assert not at.get("file_uploader")
    assert not at.exception and not at.error


# -- the shaping functions -----------------------------------------------------------------


def test_table_edits_become_typed_project_changes(workspace_db) -> None:
    """What the project table's save sends: only changed cells, as ``update_project`` takes them."""
    with open_session(workspace_db) as session:
        rows = list_project_rows(session)
        programmes = {g.id: g.key for g in session.exec(select(ProgrammeRow))}
    before = project_records(rows, programmes)
    frame = pd.DataFrame(before)
    for name in ("start", "end"):
        frame[name] = pd.to_datetime(frame[name])  # as the page hands them to the editor
    frame.loc[0, "budget"] = 999.0
    frame.loc[0, "start"] = pd.Timestamp("2026-03-01")
    frame.loc[1, "risk"] = 5
    edits = changed_projects(before, frame.to_dict("records"))
    assert edits == [
        (rows[0].key, {"start": date(2026, 3, 1), "budget": 999.0}, rows[0].version),
        (rows[1].key, {"risk": 5}, rows[1].version),
    ]
    assert set(edits[0][1]) <= set(EDITABLE)
    with open_session(workspace_db) as session:
        for key, changes, version in edits:
            update_project(session, key, changes, version)
        # a second save of the same edits is based on an outdated version: refused
        from models.errors import StaleEditError

        with pytest.raises(StaleEditError):
            update_project(session, *edits[1][:2], edits[1][2])


@pytest.mark.parametrize(
    "module", [app_pages.portfolio_data, app_pages.portfolio_forms, app_pages.library_data,
               app_pages.review_views]
)
def test_doctests(module: Any) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


# -- adding projects, fields of action and programmes -------------------------------------

NEW = "portfolio.new_project"


def fill_new_project(at: AppTest, **values: Any) -> AppTest:
    """Type into the „Neues Vorhaben“ form (widget key suffix -> value) and submit it."""
    widgets = [*at.text_input, *at.number_input, *at.date_input, *at.selectbox]
    for name, value in values.items():
        next(w for w in widgets if w.key == f"{NEW}.{name}").set_value(value)
    return button(at, "Vorhaben anlegen").click().run()


def project_keys(engine: Any) -> list[str]:
    with open_session(engine) as session:
        return [r.key for r in list_project_rows(session)]


def test_new_project_appears_in_the_table_and_the_ranking(workspace_db) -> None:
    at = portfolio()
    assert at.text_input(key=f"{NEW}.key").value == "P-13"  # the next free key
    fill_new_project(
        at, name="Digitale Gewerbeanmeldung", owner_unit="Ordnungsamt", programme="PG-OZG",
        status="planned", start=date(2027, 1, 1), end=date(2027, 12, 31), budget=80000.0,
        effort=120.0, risk=2, strategic_fit=5, legal="OZG", ozg=4,
        leika="99050012104000, 99050012104001", services="Gewerbeanmeldung, Gewerbeummeldung",
        citizens=2500)
    assert not at.exception and not at.error
    assert any("P-13" in unescape(s.value) and "angelegt" in s.value for s in at.success)
    stored = project(workspace_db, "P-13")
    assert (stored.name, stored.owner_unit, stored.status, stored.risk, stored.strategic_fit,
            stored.legal_obligation, stored.ozg_maturity_target, stored.citizens_affected) == (
        "Digitale Gewerbeanmeldung", "Ordnungsamt", "planned", 2, 5, "OZG", 4, 2500)
    assert stored.leika_keys == ["99050012104000", "99050012104001"]
    assert stored.affected_services == ["Gewerbeanmeldung", "Gewerbeummeldung"]
    assert (stored.start, stored.end, stored.budget) == (date(2027, 1, 1), date(2027, 12, 31),
                                                         80000.0)
    with open_session(workspace_db) as session:
        programme = session.get(ProgrammeRow, stored.programme_id)
        expected = {r["project"]: r["rank"] for r in rank_json(session)}
    assert programme.key == "PG-OZG"
    ranking = table(at, "ranking")
    assert "P-13" in list(ranking["Nr."])
    assert dict(zip(ranking["Nr."], ranking["Rang"], strict=True)) == expected
    editor = next(f.value for f in at.dataframe if "Verantwortliche Einheit" in f.value.columns)
    assert "P-13" in list(editor["Nr."])
    assert at.text_input(key=f"{NEW}.key").value == "P-14"  # the form is fresh again


def test_duplicate_key_is_refused_and_nothing_written(workspace_db) -> None:
    at = portfolio()
    before = project(workspace_db, "P-05")
    keys = project_keys(workspace_db)
    fill_new_project(at, key="P-05", name="Doppelt")
    assert not at.exception
    assert any("P-05 ist bereits vergeben" in unescape(e.value) for e in at.error)
    after = project(workspace_db, "P-05")
    assert (after.name, after.version) == (before.name, before.version)
    assert project_keys(workspace_db) == keys


def test_key_taken_after_the_form_was_shown_is_refused(workspace_db) -> None:
    """Someone adds P-13 after the form was shown: the save is refused, theirs stays."""
    at = portfolio()
    from models.portfolio_store import create_project
    from processanalysis.portfolio import Project

    with open_session(workspace_db) as session:
        create_project(session, Project("P-13", "Von der Kollegin"), actor="kollegin")
    fill_new_project(at, name="Meins")
    assert not at.exception
    assert any("P-13 ist bereits vergeben" in unescape(e.value) for e in at.error)
    assert project(workspace_db, "P-13").name == "Von der Kollegin"
    assert project(workspace_db, "P-13").version == 1


def test_invalid_leika_key_is_refused(workspace_db) -> None:
    at = portfolio()
    keys = project_keys(workspace_db)
    fill_new_project(at, name="Wohngeld online", leika="99050012104000, 9905001210400")
    assert not at.exception
    message = unescape(" ".join(e.value for e in at.error))
    assert "LeiKa" in message and "9905001210400" in message
    assert "99050012104000," not in message  # the valid key is not blamed
    assert project_keys(workspace_db) == keys


def test_invalid_values_show_the_model_message_without_traceback(workspace_db) -> None:
    at = portfolio()
    keys = project_keys(workspace_db)
    fill_new_project(at, name="Rückwärts", start=date(2027, 6, 1), end=date(2027, 1, 1))
    assert not at.exception
    message = unescape(" ".join(e.value for e in at.error))
    assert "Nicht gespeichert" in message and "is before start" in message
    fill_new_project(at, key=" ", name="Ohne Nummer")
    assert any("Nr. (Schlüssel)" in unescape(e.value) for e in at.error)
    assert project_keys(workspace_db) == keys


def test_viewer_sees_no_form_to_add(workspace_db, as_viewer) -> None:
    at = portfolio()
    labels = {b.label for b in at.button}
    assert not labels & {"Vorhaben anlegen", "Handlungsfeld anlegen", "Programm anlegen"}
    assert not [w for w in at.text_input if str(w.key).startswith("portfolio.new_")]
    assert not [e for e in at.expander if e.label in (
        "Neues Vorhaben", "Handlungsfeld anlegen", "Programm anlegen")]
    assert not at.exception and not at.error


def test_field_of_action_and_programme_are_created(workspace_db) -> None:
    at = portfolio()
    assert at.text_input(key="portfolio.new_field.key").value == "HF-4"
    at.text_input(key="portfolio.new_field.name").input("Smart City")
    at.text_area(key="portfolio.new_field.description").input("Sensorik und offene Daten")
    button(at, "Handlungsfeld anlegen").click().run()
    assert not at.exception and not at.error
    at.text_input(key="portfolio.new_programme.key").input("PG-SENSOR")
    at.text_input(key="portfolio.new_programme.name").input("Sensornetz")
    at.selectbox(key="portfolio.new_programme.field").set_value("HF-4")
    button(at, "Programm anlegen").click().run()
    assert not at.exception and not at.error
    assert any("PG-SENSOR" in unescape(s.value) and "HF-4" in unescape(s.value)
               for s in at.success)
    from models.portfolio import FieldOfActionRow

    with open_session(workspace_db) as session:
        field = session.exec(select(FieldOfActionRow).where(FieldOfActionRow.key == "HF-4")).one()
        programme = session.exec(select(ProgrammeRow).where(ProgrammeRow.key == "PG-SENSOR")).one()
    assert (field.name, field.description) == ("Smart City", "Sensorik und offene Daten")
    assert (programme.name, programme.field_id) == ("Sensornetz", field.id)
    tree = table(at, "tree")
    names = list(tree["Handlungsfeld / Programm / Projekt"])
    assert any("HF-4 · Smart City" in n for n in names)
    assert any("PG-SENSOR · Sensornetz" in n for n in names)
    assert "PG-SENSOR – Sensornetz" in at.selectbox(key=f"{NEW}.programme").options
    # a taken programme key is refused with a message, nothing written
    at.text_input(key="portfolio.new_programme.key").input("PG-SENSOR")
    at.text_input(key="portfolio.new_programme.name").input("Nochmal")
    button(at, "Programm anlegen").click().run()
    assert any("PG-SENSOR ist bereits vergeben" in unescape(e.value) for e in at.error)
    with open_session(workspace_db) as session:
        assert len(session.exec(select(ProgrammeRow).where(
            ProgrammeRow.key == "PG-SENSOR")).all()) == 1


def test_new_project_form_in_english(workspace_db) -> None:
    at = portfolio("en")
    labels = {b.label for b in at.button}
    assert {"Add project", "Add field of action", "Add programme"} <= labels
    assert {"New project", "Add a field of action", "Add a programme"} <= {
        e.label for e in at.expander}
    assert at.text_input(key=f"{NEW}.leika").label == "LeiKa keys (14 digits, comma-separated)"
