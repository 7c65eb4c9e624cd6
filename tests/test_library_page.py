"""The library page and the findings review on the analysis page, on a seeded SQLite copy.

The list comes from one query (counted here, on SQLite and PostgreSQL); upload, delete,
review and measures write through the store and are checked in the database afterwards.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event, func
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from app_pages.library_data import library_rows
from app_pages.library_views import LIBRARY_VERSION_KEY, PROCESS_KEY
from models import AnalysisResult, FindingReview, Process, ProcessVersion
from models.portfolio import MeasureRow, ProjectRow
from models.reviews import latest_analysis, reviews_for, set_review
from tests.apptest import APP, ROOT, fresh_cache, open_app  # noqa: F401  (autouse fixture)
from tests.conftest import SAMPLES, bpmn
from tests.workspace_app import (  # noqa: F401  (fixtures)
    as_viewer_fixture,
    open_session,
    seeded_template_fixture,
    workspace_db_fixture,
)

LIBRARY = "app_pages/library_page.py"
ANALYSIS = "app_pages/analysis_page.py"

NEW_PROCESS = bpmn(
    '<bpmn:process id="p"><bpmn:startEvent id="s"/>'
    '<bpmn:task id="t" name="Antrag prüfen"/><bpmn:endEvent id="e"/>'
    '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>'
    '<bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/></bpmn:process>'
).replace(b'<bpmn:process id="p">', b'<bpmn:process id="p" name="Testprozess Upload">')


#: Processes in the seeded library: one per as-is sample (to-be samples are their variants).
SEEDED = sum(1 for p in SAMPLES.glob("*.bpmn") if not p.stem.endswith("_soll"))


def library(lang: str | None = None) -> AppTest:
    return open_app(LIBRARY, lang, timeout=120)


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def count(session: Session, table: Any) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


# -- the list ------------------------------------------------------------------------------


def test_list_shows_every_process_with_stored_key_figures(workspace_db) -> None:
    at = library()
    with open_session(workspace_db) as session:
        processes = count(session, Process)
    table = at.dataframe[0].value
    assert at.title[0].value == "Prozessbibliothek"
    # One per as-is sample; the to-be samples are versions of theirs.
    assert len(table) == processes == SEEDED
    assert table["Medienbrüche"].notna().all()  # read from the stored analyses
    bauantrag = table[table["Prozess"].str.startswith("Bauantrag")].iloc[0]
    with open_session(workspace_db) as session:
        version = session.exec(select(ProcessVersion).join(Process).where(
            Process.name.startswith("Bauantrag"))).first()
        stored = latest_analysis(session, version.id)
    assert bauantrag["Medienbrüche"] == stored["kpis"]["media_breaks"]
    assert bauantrag["Prüfstand"] == "Befunde offen"
    assert not at.exception and not at.error


def test_filters_narrow_the_list(workspace_db) -> None:
    at = library()
    at.text_input(key="library.search").set_value("wohngeld").run()
    names = list(at.dataframe[0].value["Prozess"])
    assert names and all("Wohngeld" in name for name in names)
    at.text_input(key="library.search").set_value("").run()
    everything = at.dataframe[0].value
    most = int(everything["Medienbrüche"].max())
    assert (everything["Medienbrüche"] < most).any()  # the samples differ
    at.number_input(key="library.min_media_breaks").set_value(most).run()
    kept = at.dataframe[0].value
    assert 0 < len(kept) < SEEDED and (kept["Medienbrüche"] >= most).all()


def test_missing_analyses_are_computed_and_stored(workspace_db) -> None:
    with open_session(workspace_db) as session:
        session.exec(AnalysisResult.__table__.delete())  # type: ignore[attr-defined]
        session.commit()
    at = library()
    with open_session(workspace_db) as session:
        # The latest version of every process, which the list's key figures come from.
        assert count(session, AnalysisResult) == count(session, Process) == SEEDED
    assert at.dataframe[0].value["Medienbrüche"].notna().all()


def test_english_switch(workspace_db) -> None:
    at = library("en")
    assert at.title[0].value == "Process library"
    assert "Review status" in at.dataframe[0].value.columns


def test_list_is_one_query_and_fast_with_hundreds_of_processes(session: Session) -> None:
    """Runs on SQLite and PostgreSQL: one statement, whatever the number of processes."""
    for i in range(300):
        process = Process(name=f"Prozess {i:03d}", owning_unit=f"Amt {i % 7}")
        session.add(process)
        session.flush()
        session.add(ProcessVersion(process_id=process.id, bpmn_xml="<x/>",
                                   content_hash=f"{i:064d}", role="as_is"))
        session.flush()
        if i % 2:
            session.add(AnalysisResult(version_id=process.id, result={
                "kpis": {"media_breaks": i % 5, "handoffs": 2, "handoffs_per_case": 1.5,
                         "findings": 3}, "findings": []}))
    session.commit()
    statements: list[str] = []
    engine = session.get_bind()
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        started = time.perf_counter()
        rows = library_rows(session)
        elapsed = time.perf_counter() - started
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(rows) == 300 and len(statements) == 1
    assert elapsed < 1.0
    analysed = [r for r in rows if r["status"] != "not_analysed"]
    assert len(analysed) == 150
    assert {r["media_breaks"] for r in analysed} == {0.0, 1.0, 2.0, 3.0, 4.0}


# -- upload, versions, delete --------------------------------------------------------------


def test_upload_many_files_commits_each_and_reports_duplicates(workspace_db) -> None:
    at = library()
    sample = (ROOT / "sample_processes" / "bauantrag_ist.bpmn")
    at.file_uploader(key="library.upload.0").set_value([
        ("neu.bpmn", NEW_PROCESS, "application/xml"),
        ("bauantrag_ist.bpmn", sample.read_bytes(), "application/xml"),
        ("kaputt.bpmn", b"<definitions", "application/xml"),
    ]).run()
    button(at, "Aufnehmen").click().run()
    assert not at.exception
    assert any("1 aufgenommen, 1 schon in der Bibliothek, 1 nicht lesbar" in w.value
               for w in at.warning)
    outcomes = dict(zip(at.dataframe[0].value["Datei"], at.dataframe[0].value["Ergebnis"],
                        strict=True))
    assert outcomes == {"neu.bpmn": "aufgenommen", "bauantrag_ist.bpmn": "schon vorhanden",
                        "kaputt.bpmn": "nicht lesbar"}
    with open_session(workspace_db) as session:
        assert count(session, Process) == SEEDED + 1
        new = session.exec(select(Process).where(Process.name == "Testprozess Upload")).one()
        version = session.exec(select(ProcessVersion).where(
            ProcessVersion.process_id == new.id)).one()
        assert latest_analysis(session, version.id) is not None  # analysed right away


def test_version_history_opens_a_version_in_the_analysis(workspace_db) -> None:
    at = library()
    with open_session(workspace_db) as session:
        process = session.exec(select(Process).where(
            Process.name.startswith("Gewerbeanmeldung – Ist"))).one()
        version = session.exec(select(ProcessVersion).where(
            ProcessVersion.process_id == process.id, ProcessVersion.role == "as_is")).one()
        variant = session.exec(select(ProcessVersion).where(
            ProcessVersion.process_id == process.id, ProcessVersion.role == "to_be")).one()
    at.selectbox(key=PROCESS_KEY).set_value(process.id).run()
    history = at.dataframe[1].value
    # The seeded to-be sample is the second version, derived from the as-is one.
    assert list(history["Version"]) == [version.id, variant.id]
    assert history["Prüfsumme"].iloc[0] == version.content_hash[:12]
    assert list(history["Art"]) == ["Ist", "Soll"]
    # The latest version is chosen first; the analyst picks the as-is one.
    assert at.selectbox(key=f"library.version.{process.id}").value == variant.id
    at.selectbox(key=f"library.version.{process.id}").set_value(version.id).run()
    button(at, "In der Analyse öffnen").click().run()
    assert not at.exception
    assert at.session_state[LIBRARY_VERSION_KEY] == version.id
    assert any("aus der Bibliothek" in c.value for c in at.caption)
    findings = at.dataframe[0].value
    assert set(findings["Prüfung"]) == {"offen"}


def test_delete_asks_for_confirmation(workspace_db) -> None:
    at = library()
    with open_session(workspace_db) as session:
        process = session.exec(select(Process).where(
            Process.name.startswith("Urlaubsantrag"))).one()
    at.selectbox(key=PROCESS_KEY).set_value(process.id).run()
    assert button(at, "Löschen").disabled
    at.checkbox(key=f"library.delete_ok.{process.id}").check().run()
    button(at, "Löschen").click().run()
    assert not at.exception
    assert any("wurde gelöscht" in s.value for s in at.success)
    with open_session(workspace_db) as session:
        assert session.get(Process, process.id) is None
        assert count(session, Process) == SEEDED - 1
    assert len(at.dataframe[0].value) == SEEDED - 1


def test_viewer_sees_no_write_controls(workspace_db, as_viewer) -> None:
    at = library()
    labels = {b.label for b in at.button}
    assert "Aufnehmen" not in labels and "Löschen" not in labels
    assert not at.get("file_uploader")
    assert any("Nur Ansicht" in c.value for c in at.caption)


# -- findings review and measures on the analysis page -------------------------------------


def open_version(engine: Any, name_prefix: str) -> tuple[AppTest, int, dict[str, Any]]:
    """The analysis page on a library version, its id and its first media-break finding."""
    with open_session(engine) as session:
        version = session.exec(select(ProcessVersion).join(Process).where(
            Process.name.startswith(name_prefix))).first()
        analysis = latest_analysis(session, version.id)
    finding = next(f for f in analysis["findings"] if f["kind"] == "media_break")
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.session_state[LIBRARY_VERSION_KEY] = version.id
    at.switch_page(ANALYSIS).run()
    at.session_state["analysis.finding"] = finding["id"]
    at.run()
    assert not at.exception
    return at, version.id, finding


def radio(at: AppTest, label: str) -> Any:
    return next(r for r in at.radio if r.label == label)


def test_review_is_persisted_and_shown_in_the_table(workspace_db) -> None:
    at, version_id, finding = open_version(workspace_db, "Gewerbeanmeldung – Ist")
    radio(at, "Entscheidung").set_value("accepted")
    next(a for a in at.text_area if a.label == "Kommentar").input("Im Workshop bestätigt")
    button(at, "Prüfung speichern").click().run()
    assert not at.exception and not at.error
    with open_session(workspace_db) as session:
        review = reviews_for(session, version_id)[finding["id"]]
    assert (review.status, review.comment) == ("accepted", "Im Workshop bestätigt")
    assert "angenommen" in set(at.dataframe[0].value["Prüfung"])
    assert any("Prüfung gespeichert" in s.value for s in at.success)


def test_stale_review_is_refused_with_both_values(workspace_db) -> None:
    at, version_id, finding = open_version(workspace_db, "Gewerbeanmeldung – Ist")
    with open_session(workspace_db) as session:  # a colleague decides first
        set_review(session, version_id, finding["id"], "rejected", "kein Medienbruch",
                   expected_version=None, actor="kollegin@musterstadt.de")
    radio(at, "Entscheidung").set_value("accepted")
    button(at, "Prüfung speichern").click().run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "inzwischen von jemand anderem geändert" in message
    assert "rejected" in message and "accepted" in message
    with open_session(workspace_db) as session:
        review = reviews_for(session, version_id)[finding["id"]]
        assert (review.status, review.comment) == ("rejected", "kein Medienbruch")
        assert count(session, FindingReview) == 1


def test_measure_from_an_accepted_finding_is_linked_to_a_project(workspace_db) -> None:
    at, version_id, finding = open_version(workspace_db, "Gewerbeanmeldung – Ist")
    radio(at, "Entscheidung").set_value("accepted")
    button(at, "Prüfung speichern").click().run()
    findings_box = next(m for m in at.multiselect if m.label == "Befunde")
    assert findings_box.value == [finding["id"]]  # the accepted finding, chosen already
    media = next(n for n in at.number_input if n.label == "Beseitigte Medienbrüche")
    assert media.value == 1
    name = next(t for t in at.text_input if t.label == "Name der Maßnahme")
    name.input("E-Signatur statt Papier")
    at.selectbox(key=f"analysis.measure_project.{version_id}").set_value("P-01")
    button(at, "Maßnahme anlegen").click().run()
    assert not at.exception and not at.error
    with open_session(workspace_db) as session:
        measure = session.exec(select(MeasureRow).where(
            MeasureRow.name == "E-Signatur statt Papier")).one()
        project = session.exec(select(ProjectRow).where(ProjectRow.key == "P-01")).one()
    assert measure.finding_ids == [finding["id"]]
    assert measure.media_breaks_removed == 1 and measure.process_version_id == version_id
    assert measure.project_id == project.id
    assert any("angelegt" in s.value for s in at.success)


def test_list_shows_the_process_as_it_runs_not_its_variant(workspace_db) -> None:
    """A process with a to-be variant is listed with its as-is key figures (the seeded
    Gewerbeanmeldung: the as-is has media breaks, its variant none)."""
    at = library()
    table = at.dataframe[0].value
    row = table[table["Prozess"].str.startswith("Gewerbeanmeldung")].iloc[0]
    with open_session(workspace_db) as session:
        process = session.exec(select(Process).where(
            Process.name.startswith("Gewerbeanmeldung – Ist"))).one()
        as_is = session.exec(select(ProcessVersion).where(
            ProcessVersion.process_id == process.id, ProcessVersion.role == "as_is")).one()
        stored = latest_analysis(session, as_is.id)
    assert (row["Versionen"], row["Soll-Varianten"], row["Art"]) == (2, 1, "Ist")
    assert row["Medienbrüche"] == stored["kpis"]["media_breaks"] > 0
