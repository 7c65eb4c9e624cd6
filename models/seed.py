"""The populated workbench a new user sees: sample processes and the example portfolio.

:func:`seed_workspace` adds the BPMN files of ``sample_processes/`` with their analyses,
both shipped prioritisation schemes, and the portfolio of the fictional city
"Musterstadt" from ``models/data/example_portfolio.json``: fields of action, programmes,
projects with status histories, and measures linked to real findings of the sample
processes. Every part is recognised by its key or content hash, so seeding twice adds
nothing. :func:`ensure_seeded` seeds an empty embedded (SQLite) database on first start.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, SQLModel, select

from models import (
    FieldOfActionRow,
    MeasureRow,
    Process,
    ProcessVersion,
    ProgrammeRow,
    ProjectRow,
    SchemeRow,
    StatusUpdateRow,
)
from models.audit import record_change
from models.db import session_for
from models.portfolio_store import (
    SHIPPED_SCHEMES,
    create_field_of_action,
    create_measure,
    create_programme,
    create_project,
    save_scheme,
)
from models.reviews import latest_analysis, store_analysis
from models.store import add_file, add_variant, content_hash
from processanalysis import import_file
from processanalysis.portfolio import Project

__all__ = ["SAMPLES", "SEED_ACTOR", "SeedReport", "ensure_seeded", "example_portfolio",
           "is_empty", "seed_workspace"]

#: The sample processes (beside the package in a source checkout).
SAMPLES = Path(__file__).resolve().parents[1] / "sample_processes"
#: The actor the seed's audit entries name.
SEED_ACTOR = "seed"


@dataclass
class SeedReport:
    """What one seeding run added (all zero on a second run) and what it could not link."""

    processes: int = 0
    #: To-be samples stored as variants of their as-is process.
    variants: int = 0
    analyses: int = 0
    schemes: int = 0
    fields: int = 0
    programmes: int = 0
    projects: int = 0
    measures: int = 0
    status_updates: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        """Rows added in total."""
        return (self.processes + self.variants + self.analyses + self.schemes + self.fields
                + self.programmes + self.projects + self.measures + self.status_updates)


def example_portfolio() -> dict[str, Any]:
    """The example portfolio's data (``models/data/example_portfolio.json``)."""
    text = (resources.files("models") / "data" / "example_portfolio.json").read_text("utf-8")
    return json.loads(text)


def is_empty(session: Session) -> bool:
    """True when the workspace holds no process, project, measure or scheme."""
    for table in (Process, ProjectRow, MeasureRow, SchemeRow, FieldOfActionRow):
        if session.exec(select(func.count()).select_from(table)).one():
            return False
    return True


def _exists(session: Session, table: type[SQLModel], key: str) -> bool:
    return session.exec(select(table.id).where(table.key == key)).first() is not None  # type: ignore[attr-defined]


def _seed_processes(session: Session, samples: Path, report: SeedReport) -> dict[str, int]:
    """Add the sample files and analyse each version once; file name -> version id."""
    from processanalysis.analysis.runner import analyse

    versions: dict[str, int] = {}
    processes: dict[str, int] = {}
    # "_ist" sorts before "_soll": each to-be sample becomes a variant of its as-is process,
    # so the library, the modeller and the comparison show the pair as one process.
    for path in sorted(samples.glob("*.bpmn")):
        stem = path.stem.lower()
        as_is = stem.removesuffix("_soll") + "_ist"
        if stem.endswith("_soll") and as_is in processes:
            version, created = _seed_variant(session, path, processes[as_is], versions)
            report.variants += int(created)
        else:
            role = "to_be" if stem.endswith("_soll") else "as_is"
            process, version, created = add_file(session, path, role=role, actor=SEED_ACTOR)
            assert process.id is not None
            processes[stem] = process.id
            report.processes += int(created)
        assert version.id is not None
        versions[path.name] = version.id
        if latest_analysis(session, version.id) is None:
            store_analysis(session, version.id, analyse(import_file(path)).to_dict())
            report.analyses += 1
    return versions


def _seed_variant(
    session: Session, path: Path, process_id: int, versions: dict[str, int]
) -> tuple[ProcessVersion, bool]:
    """The to-be sample as a variant of its as-is process (parent: the as-is version)."""
    data = path.read_bytes()
    known = session.exec(
        select(ProcessVersion).where(ProcessVersion.content_hash == content_hash(data))
    ).first()
    if known is not None:
        return known, False
    parent = versions[path.name.lower().replace("_soll", "_ist")]
    version = add_variant(
        session, process_id, data.decode("utf-8-sig"), parent_version_id=parent,
        variant_name="Soll-Prozess (Beispiel)", actor=SEED_ACTOR,
    )
    return version, True


def _seed_portfolio(session: Session, data: dict[str, Any], versions: dict[str, int],
                    report: SeedReport) -> None:
    schemes = data.get("schemes", {})
    stored = set(session.exec(select(SchemeRow.name)).all())
    for name in schemes.get("shipped", SHIPPED_SCHEMES):
        if name not in stored:
            definition = json.loads(
                (resources.files("processanalysis.portfolio") / "data" / f"scheme_{name}.json")
                .read_text("utf-8"))
            save_scheme(session, name, definition, expected_version=None, actor=SEED_ACTOR,
                        make_default=name == schemes.get("default"))
            report.schemes += 1
    for item in data["fields"]:
        if not _exists(session, FieldOfActionRow, item["key"]):
            create_field_of_action(session, item["key"], item["name"],
                                   description=item.get("description"), actor=SEED_ACTOR)
            report.fields += 1
    for item in data["programmes"]:
        if not _exists(session, ProgrammeRow, item["key"]):
            create_programme(session, item["key"], item["name"], field_key=item.get("field"),
                             actor=SEED_ACTOR)
            report.programmes += 1
    new_projects: set[str] = set()
    for item in data["projects"]:
        if _exists(session, ProjectRow, item["key"]):
            continue
        project = Project(
            id=item["key"], name=item["name"], owner_unit=item["owner_unit"],
            status=item["status"], start=dt.date.fromisoformat(item["start"]),
            end=dt.date.fromisoformat(item["end"]), budget=item["budget"],
            effort=item["effort"], risk=item["risk"], strategic_fit=item["strategic_fit"],
            legal_obligation=item.get("legal_obligation"),
            ozg_maturity_target=item["ozg_maturity_target"], leika_keys=item["leika_keys"],
            affected_services=item["affected_services"], programme_id=item.get("programme"),
            replaces_legacy=item["replaces_legacy"],
        )
        create_project(session, project, actor=SEED_ACTOR,
                       citizens_affected=item.get("citizens_affected", 0))
        new_projects.add(item["key"])
        report.projects += 1
    _seed_status_updates(session, data.get("status_updates", []), new_projects, report)
    for item in data["measures"]:
        if _exists(session, MeasureRow, item["key"]):
            continue
        version_id = versions.get(item["file"])
        findings = list(item["findings"])
        if version_id is None:
            report.warnings.append(f"measure {item['key']}: sample {item['file']} not found")
        else:
            known = {f["id"] for f in (latest_analysis(session, version_id) or {})
                     .get("findings", [])}
            missing = [f for f in findings if f not in known]
            if missing:
                report.warnings.append(
                    f"measure {item['key']}: findings not in the analysis of {item['file']}: "
                    + ", ".join(missing))
        create_measure(
            session, item["name"], key=item["key"], finding_ids=findings,
            process_version_id=version_id, project_key=item.get("project"),
            hours_saved_per_year=item["hours_saved_per_year"],
            media_breaks_removed=item["media_breaks_removed"],
            handoffs_removed=item["handoffs_removed"],
            citizens_affected=item["citizens_affected"], cost=item["cost"], actor=SEED_ACTOR,
        )
        report.measures += 1


def _seed_status_updates(session: Session, updates: list[dict[str, Any]],
                         new_projects: set[str], report: SeedReport) -> None:
    """The history of projects created in this run (the project's status is already its
    latest; the history is written as it happened, not replayed)."""
    ids = dict(session.exec(select(ProjectRow.key, ProjectRow.id)).all())
    try:
        for item in updates:
            if item["project"] not in new_projects:
                continue
            row = StatusUpdateRow(
                project_id=ids[item["project"]], date=dt.date.fromisoformat(item["date"]),
                status=item["status"], progress=item["progress"], note=item.get("note"),
                author=SEED_ACTOR,
            )
            session.add(row)
            session.flush()
            record_change(session, SEED_ACTOR, "status_update", row.id, "create",
                          {"project_key": item["project"], "status": row.status,
                           "progress": row.progress})
            report.status_updates += 1
        session.commit()
    except BaseException:
        session.rollback()
        raise


def seed_workspace(session: Session, *, samples: Path = SAMPLES) -> SeedReport:
    """Add the sample processes and the example portfolio; idempotent."""
    report = SeedReport()
    versions = _seed_processes(session, samples, report)
    _seed_portfolio(session, example_portfolio(), versions, report)
    return report


def ensure_seeded(engine: Engine, *, embedded_only: bool = True) -> SeedReport | None:
    """Seed the database of ``engine`` if it is empty; returns ``None`` when it was not.

    Called on the app's first start. With ``embedded_only`` (the default) only a SQLite
    database is seeded: a shared PostgreSQL server holds a city's real data and gets no
    example portfolio unless someone runs ``processanalysis workspace seed`` on purpose.
    The caller migrates the database first (``models.db.migrate``).
    """
    if embedded_only and engine.dialect.name != "sqlite":
        return None
    with session_for(engine) as session:
        if not is_empty(session):
            return None
        return seed_workspace(session)
