"""The seeded workbench: sample processes with analyses and the Musterstadt portfolio,
idempotent, with measures linked to real findings; ``ensure_seeded`` on first start."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from models import MeasureRow, ProcessVersion, ProjectRow, StatusUpdateRow
from models.backup import row_counts
from models.db import engine_for, migrate
from models.portfolio_store import list_schemes, load_portfolio, rank_json, status_history
from models.reviews import latest_analysis
from models.seed import ensure_seeded, example_portfolio, is_empty, seed_workspace
from tests.conftest import SAMPLES


def test_seed_is_idempotent_and_complete(session: Session) -> None:
    assert is_empty(session)
    report = seed_workspace(session)
    assert report.warnings == []
    samples = len(list(SAMPLES.glob("*.bpmn")))
    to_be = len(list(SAMPLES.glob("*_soll.bpmn")))
    assert (report.processes, report.variants) == (samples - to_be, to_be)
    assert report.analyses == samples
    assert (report.fields, report.programmes, report.schemes) == (3, 3, 2)
    assert 10 <= report.projects <= 15 and report.measures >= 10
    counts = row_counts(session)
    again = seed_workspace(session)
    assert again.added == 0 and row_counts(session) == counts
    assert not is_empty(session)


def test_seeded_portfolio_is_the_musterstadt_example(session: Session) -> None:
    seed_workspace(session)
    portfolio = load_portfolio(session)
    assert [f.name for f in portfolio.fields] == [
        "Digitale Bürgerservices", "Interne Verwaltungsdigitalisierung",
        "Infrastruktur & Basisdienste"]
    assert {p.status for p in portfolio.projects} == {
        "idea", "planned", "in_progress", "done", "stopped"}
    assert all(p.programme_id for p in portfolio.projects)
    assert all(len(key) == 14 and key.isdigit() for p in portfolio.projects
               for key in p.leika_keys)
    assert any(p.legal_obligation == "OZG" for p in portfolio.projects)
    assert [(s.name, s.is_default) for s in list_schemes(session)] == [
        ("simple", True), ("wibe", False)]
    # P-04's history ends with the status the project has now.
    history = status_history(session, "P-04")
    assert [h.status for h in history] == ["in_progress", "done"]
    assert portfolio.project("P-04").status == history[-1].status
    ranked = rank_json(session)
    assert len(ranked) == len(portfolio.projects) and ranked[0]["rank"] == 1
    wibe = rank_json(session, "wibe")
    assert wibe[0]["project"] == "P-07"  # legal obligation and legacy replacement first


def test_measures_link_real_findings_of_the_sample_analyses(session: Session) -> None:
    seed_workspace(session)
    measures = session.exec(select(MeasureRow)).all()
    assert measures and all(m.project_id for m in measures)
    for measure in measures:
        assert measure.process_version_id is not None and measure.finding_ids
        version = session.get(ProcessVersion, measure.process_version_id)
        analysed = {f["id"] for f in latest_analysis(session, version.id)["findings"]}
        assert set(measure.finding_ids) <= analysed, (measure.key, version.file_name)


def test_example_data_is_consistent() -> None:
    data = example_portfolio()
    projects = {p["key"] for p in data["projects"]}
    assert {m["project"] for m in data["measures"]} <= projects
    assert {u["project"] for u in data["status_updates"]} <= projects
    for item in data["measures"]:
        assert (SAMPLES / item["file"]).is_file(), item["file"]


def test_ensure_seeded_seeds_an_empty_embedded_database_once(tmp_path: Path) -> None:
    engine = engine_for(f"sqlite:///{tmp_path / 'data' / 'workbench.db'}")
    try:
        migrate(engine)
        first = ensure_seeded(engine)
        assert first is not None and first.projects == len(example_portfolio()["projects"])
        assert ensure_seeded(engine) is None
    finally:
        engine.dispose()


def test_ensure_seeded_leaves_a_shared_server_alone(engine: Engine, session: Session) -> None:
    """PostgreSQL holds a city's real data: no example portfolio unless asked for."""
    result = ensure_seeded(engine)
    if engine.dialect.name == "sqlite":
        assert result is not None and not is_empty(session)
    else:
        assert result is None and is_empty(session)
        assert ensure_seeded(engine, embedded_only=False) is not None
    assert session.exec(select(ProjectRow)).first() is not None
    assert session.exec(select(StatusUpdateRow)).first() is not None


def test_each_to_be_sample_is_a_variant_of_its_as_is_process(session: Session) -> None:
    """The pairs appear as one process with two versions, as the modeller would save them."""
    from models import Process, ProcessVersion

    seed_workspace(session)
    for path in sorted(SAMPLES.glob("*_soll.bpmn")):
        as_is = SAMPLES / path.name.replace("_soll", "_ist")
        versions = {
            v.file_name or v.variant_name: v
            for v in session.exec(select(ProcessVersion)).all()
        }
        parent = versions[as_is.name]
        variant = next(
            v for v in session.exec(select(ProcessVersion)).all()
            if v.parent_version_id == parent.id and v.role == "to_be"
        )
        assert variant.process_id == parent.process_id
        assert variant.variant_name
        assert variant.bpmn_xml == path.read_text(encoding="utf-8-sig")
        assert session.get(Process, parent.process_id) is not None
