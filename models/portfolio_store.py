"""The portfolio in the database: projects, measures, status updates, schemes, ranking.

Rows are mapped to the dataclasses of :mod:`processanalysis.portfolio` (their ids are the
rows' keys), so scoring and roll-up stay pure functions. Every change commits itself,
writes an audit entry and, for editable rows, is one ``UPDATE ... WHERE version =
expected``: a save based on an outdated version raises
:class:`~models.errors.StaleEditError` and writes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from models import (
    FieldOfActionRow,
    MeasureRow,
    ProcessVersion,
    ProgrammeRow,
    ProjectRow,
    SchemeRow,
    StatusUpdateRow,
    utc_now,
)
from models.audit import record_change
from models.errors import StaleEditError, UnknownRecordError
from processanalysis.portfolio import (
    STATUSES,
    FieldOfAction,
    ImportReport,
    Measure,
    Portfolio,
    Programme,
    Project,
    ProjectListError,
    ProjectScore,
    RowProblem,
    Scheme,
    load_scheme,
    read_projects,
    score,
)

__all__ = [
    "PROJECT_FIELDS",
    "SHIPPED_SCHEMES",
    "StoredImportReport",
    "add_status_update",
    "create_field_of_action",
    "create_measure",
    "create_programme",
    "create_project",
    "import_project_list",
    "link_measure",
    "list_project_rows",
    "list_schemes",
    "load_portfolio",
    "measures_for_version",
    "rank_json",
    "rank_projects",
    "save_scheme",
    "status_history",
    "update_project",
]

#: Project row columns an edit may change (``programme_key`` sets ``programme_id``).
PROJECT_FIELDS = (
    "name", "owner_unit", "status", "start", "end", "budget", "effort", "risk",
    "strategic_fit", "legal_obligation", "ozg_maturity_target", "leika_keys",
    "affected_services", "replaces_legacy", "citizens_affected", "programme_key",
)
#: The schemes shipped in ``processanalysis/portfolio/data``.
SHIPPED_SCHEMES = ("simple", "wibe")


@dataclasses.dataclass
class StoredImportReport(ImportReport):
    """An :class:`ImportReport` that also says which project keys were created or updated."""

    created: list[str] = dataclasses.field(default_factory=list)
    updated: list[str] = dataclasses.field(default_factory=list)


# -- reading ------------------------------------------------------------------------------
def _keys(session: Session, table: type[SQLModel]) -> dict[int, str]:
    return dict(session.exec(select(table.id, table.key)).all())  # type: ignore[attr-defined]


def _project_of(row: ProjectRow, programme_key: str | None) -> Project:
    return Project(
        id=row.key, name=row.name, owner_unit=row.owner_unit, status=row.status,
        start=row.start, end=row.end, budget=row.budget, effort=row.effort, risk=row.risk,
        strategic_fit=row.strategic_fit, legal_obligation=row.legal_obligation,
        ozg_maturity_target=row.ozg_maturity_target, leika_keys=tuple(row.leika_keys),
        affected_services=tuple(row.affected_services), programme_id=programme_key,
        replaces_legacy=row.replaces_legacy,
    )


def load_portfolio(session: Session) -> Portfolio:
    """The whole portfolio as dataclasses; ids are the rows' keys, in key order.

    Reads plain column tuples rather than ORM objects: ranking 500 projects must stay well
    under 100 ms, and building ORM instances was most of that time.
    """
    f, g, p, m = FieldOfActionRow, ProgrammeRow, ProjectRow, MeasureRow
    field_keys: dict[int, str] = {}
    fields = []
    for row_id, key, name in session.execute(select(f.id, f.key, f.name).order_by(f.key)):
        field_keys[row_id] = key
        fields.append(FieldOfAction(key, name))
    programme_keys: dict[int, str] = {}
    programmes = []
    for row_id, key, name, field_id in session.execute(
        select(g.id, g.key, g.name, g.field_id).order_by(g.key)
    ):
        programme_keys[row_id] = key
        programmes.append(Programme(key, name, field_keys.get(field_id)))
    project_keys: dict[int, str] = {}
    projects = []
    for row in session.execute(
        select(p.id, p.key, p.name, p.owner_unit, p.status, p.start, p.end, p.budget,
               p.effort, p.risk, p.strategic_fit, p.legal_obligation, p.ozg_maturity_target,
               p.leika_keys, p.affected_services, p.programme_id, p.replaces_legacy)
        .order_by(p.key)
    ):
        project_keys[row[0]] = row[1]
        projects.append(Project(
            row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10],
            row[11], row[12], tuple(row[13]), tuple(row[14]), programme_keys.get(row[15]),
            bool(row[16]),
        ))
    measures = [
        Measure(key, name, tuple(findings), project_keys.get(project_id), hours, breaks,
                handoffs, citizens, cost)
        for key, name, findings, project_id, hours, breaks, handoffs, citizens, cost
        in session.execute(
            select(m.key, m.name, m.finding_ids, m.project_id, m.hours_saved_per_year,
                   m.media_breaks_removed, m.handoffs_removed, m.citizens_affected, m.cost)
            .order_by(m.key)
        )
    ]
    return Portfolio(fields=fields, programmes=programmes, projects=projects,
                     measures=measures)


def list_project_rows(session: Session) -> list[ProjectRow]:
    """Every project row, by key (for editable tables: each carries its ``version``)."""
    return list(session.exec(select(ProjectRow).order_by(ProjectRow.key)))


def _project_row(session: Session, key: str) -> ProjectRow:
    row = session.exec(select(ProjectRow).where(ProjectRow.key == key)).first()
    if row is None:
        raise UnknownRecordError(f"no project with key {key!r}")
    return row


def _programme_id(session: Session, key_or_name: str | None) -> int | None:
    """The id of a programme named by key or (case-insensitively) by name."""
    if key_or_name is None or not str(key_or_name).strip():
        return None
    text = str(key_or_name).strip()
    row = session.exec(select(ProgrammeRow).where(ProgrammeRow.key == text)).first()
    if row is None:
        row = session.exec(
            select(ProgrammeRow).where(func.lower(ProgrammeRow.name) == text.lower())
        ).first()
    if row is None:
        raise UnknownRecordError(
            f"unknown programme {text!r}; use the key or name of an existing programme"
        )
    return row.id


# -- strategy tree ------------------------------------------------------------------------
def _insert(session: Session, row: SQLModel, table_name: str, actor: str | None,
            detail: dict[str, Any], *, taken: str | None = None) -> SQLModel:
    """Insert one row with its audit entry; commits; a taken key raises ``ValueError``
    (with the message ``taken`` when given)."""
    try:
        session.add(row)
        session.flush()
        record_change(session, actor, table_name, row.id, "create", detail)  # type: ignore[attr-defined]
        session.commit()
    except IntegrityError as error:
        session.rollback()
        message = taken or f"{table_name}: the key {detail.get('key')!r} is taken"
        raise ValueError(message) from error
    except BaseException:
        session.rollback()
        raise
    return row


def create_field_of_action(
    session: Session, key: str, name: str, *, description: str | None = None,
    actor: str | None = None,
) -> FieldOfActionRow:
    """Add a field of action (Handlungsfeld) of the strategy; commits."""
    row = FieldOfActionRow(key=key, name=name, description=description)
    return _insert(session, row, "field_of_action", actor,  # type: ignore[return-value]
                   {"key": key, "name": name})


def create_programme(
    session: Session, key: str, name: str, *, field_key: str | None = None,
    actor: str | None = None,
) -> ProgrammeRow:
    """Add a programme under a field of action (by key); commits."""
    field_id = None
    if field_key is not None:
        field_row = session.exec(
            select(FieldOfActionRow).where(FieldOfActionRow.key == field_key)).first()
        if field_row is None:
            raise UnknownRecordError(f"no field of action with key {field_key!r}")
        field_id = field_row.id
    row = ProgrammeRow(key=key, name=name, field_id=field_id)
    return _insert(session, row, "programme", actor,  # type: ignore[return-value]
                   {"key": key, "name": name, "field_key": field_key})


# -- projects -----------------------------------------------------------------------------
def _row_values(project: Project) -> dict[str, Any]:
    return {
        "name": project.name, "owner_unit": project.owner_unit, "status": project.status,
        "start": project.start, "end": project.end, "budget": project.budget,
        "effort": project.effort, "risk": project.risk,
        "strategic_fit": project.strategic_fit, "legal_obligation": project.legal_obligation,
        "ozg_maturity_target": project.ozg_maturity_target,
        "leika_keys": list(project.leika_keys),
        "affected_services": list(project.affected_services),
        "replaces_legacy": project.replaces_legacy,
    }


def create_project(
    session: Session, project: Project, *, actor: str | None = None, citizens_affected: int = 0
) -> ProjectRow:
    """Store a new project (``project.id`` becomes its key); commits.

    Raises ``ValueError`` when the key is taken and ``UnknownRecordError`` for an unknown
    programme; nothing is written then.
    """
    taken = f"a project with key {project.id!r} already exists"
    if session.exec(select(ProjectRow.id).where(ProjectRow.key == project.id)).first():
        raise ValueError(taken)
    row = ProjectRow(key=project.id, programme_id=_programme_id(session, project.programme_id),
                     citizens_affected=citizens_affected, **_row_values(project))
    _insert(session, row, "project", actor, {"key": row.key, **_row_values(project)},
            taken=taken)
    return row


def _checked_changes(session: Session, row: ProjectRow, changes: dict[str, Any]) -> dict[str, Any]:
    """Column values for ``changes``, validated as a whole project (ranges, dates)."""
    unknown = set(changes) - set(PROJECT_FIELDS)
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}; editable: {', '.join(PROJECT_FIELDS)}")
    values = {k: v for k, v in changes.items() if k != "programme_key"}
    for name in ("start", "end"):  # ISO text from a form or JSON is accepted
        if isinstance(values.get(name), str):
            try:
                values[name] = dt.date.fromisoformat(values[name])
            except ValueError:
                raise ValueError(f"project {row.key}: {name} {values[name]!r} is not a date "
                                 "(YYYY-MM-DD)") from None
    if "citizens_affected" in values and int(values["citizens_affected"]) < 0:
        raise ValueError(f"project {row.key}: citizens_affected must not be negative")
    merged = {**_row_values(_project_of(row, None)),
              **{k: v for k, v in values.items() if k != "citizens_affected"}}
    Project(id=row.key, **merged)  # raises ValueError with the project and field named
    if "programme_key" in changes:
        values["programme_id"] = _programme_id(session, changes["programme_key"])
    for name in ("leika_keys", "affected_services"):
        if name in values:
            values[name] = list(values[name])
    return values


def _guarded_update(
    session: Session,
    table: type[SQLModel],
    row_id: int,
    key: str,
    values: dict[str, Any],
    expected_version: int,
    *,
    table_name: str,
    actor: str | None,
    stamp: bool = False,
    extra: list[SQLModel] | None = None,
    audit: dict[str, Any] | None = None,
) -> None:
    """``UPDATE table SET values, version+1 WHERE id AND version = expected``, audited.

    ``extra`` rows are added in the same transaction (a status update with its project).
    Commits; on a stale version rolls back and raises :class:`StaleEditError`.
    """
    column = table.version  # type: ignore[attr-defined]
    statement = (
        update(table)
        .where(table.id == row_id, column == expected_version)  # type: ignore[attr-defined]
        .values(**values, version=column + 1, **({"updated_at": utc_now()} if stamp else {}))
    )
    try:
        changed = session.execute(statement).rowcount
        if changed:
            for item in extra or ():
                session.add(item)
            record_change(session, actor, table_name, row_id, "update", audit or values)
            session.commit()
        else:
            session.rollback()
    except BaseException:
        session.rollback()
        raise
    if not changed:
        stored = session.get(table, row_id, populate_existing=True)
        if stored is None:
            raise UnknownRecordError(f"{table_name} {key} was deleted meanwhile")
        raise StaleEditError(
            table_name, key, expected_version, stored.version,  # type: ignore[attr-defined]
            {k: getattr(stored, k) for k in values}, values,
        )


def update_project(
    session: Session,
    key: str,
    changes: dict[str, Any],
    expected_version: int,
    *,
    actor: str | None = None,
) -> ProjectRow:
    """Change fields of a project if it is still at ``expected_version``; commits.

    ``changes`` maps :data:`PROJECT_FIELDS` to new values. Raises ``StaleEditError``
    (someone saved first; both values in the message), ``ValueError`` (invalid values) or
    ``UnknownRecordError``; nothing is written then.
    """
    row = _project_row(session, key)
    values = _checked_changes(session, row, changes)
    assert row.id is not None
    _guarded_update(session, ProjectRow, row.id, key, values, expected_version,
                    table_name="project", actor=actor, stamp=True)
    return session.get(ProjectRow, row.id, populate_existing=True)  # type: ignore[return-value]


def _source_rows(path: Path) -> list[int]:
    """Spreadsheet row numbers of the projects ``read_projects`` returned, in order."""
    from processanalysis.portfolio.spreadsheet import _blank, _read_rows

    rows = _read_rows(path, None)
    start = next((i for i, r in enumerate(rows) if not all(_blank(c) for c in r)), 0)
    # Numbered as read_projects numbers them: the header row is 1.
    return [i - start + 1 for i, r in enumerate(rows)
            if i > start and not all(_blank(c) for c in r)]


def import_project_list(
    session: Session,
    path: str | Path,
    mapping: dict[str, str] | None = None,
    *,
    actor: str | None = None,
) -> StoredImportReport:
    """Import a project list (XLSX or CSV) and upsert its projects by key; commits once.

    Only the columns present in the file change a stored project. All or nothing: on any
    problem :class:`ProjectListError` is raised with the per-row report, and nothing is
    written (the file is checked completely, including programme names, before the first
    write).
    """
    path = Path(path)
    projects, base = read_projects(path, mapping)
    report = StoredImportReport(**{f.name: getattr(base, f.name)
                                   for f in dataclasses.fields(ImportReport)})
    mapped = set(report.columns.values()) - {"id"}
    rows = _source_rows(path)
    programme_ids: dict[str, int | None] = {}
    for number, project in zip(rows, projects, strict=False):
        if "programme_id" in mapped and project.programme_id not in programme_ids:
            try:
                programme_ids[project.programme_id] = _programme_id(  # type: ignore[index]
                    session, project.programme_id)
            except UnknownRecordError as error:
                column = next(h for h, f in report.columns.items() if f == "programme_id")
                report.problems.append(RowProblem(number, column, "unknown-programme",
                                                  str(error)))
    if report.problems:
        raise ProjectListError(report)
    stored = {r.key: r for r in session.exec(select(ProjectRow)).all()}
    try:
        for project in projects:
            values = _row_values(project)
            if "programme_id" in mapped:
                values["programme_id"] = programme_ids.get(project.programme_id)  # type: ignore[arg-type]
            row = stored.get(project.id)
            if row is None:
                row = ProjectRow(key=project.id, **values)
                session.add(row)
                session.flush()
                report.created.append(project.id)
                record_change(session, actor, "project", row.id, "create",
                              {"key": project.id, "source": report.source, **values})
                continue
            changes = {k: v for k, v in values.items()
                       if (k in mapped or k == "programme_id") and getattr(row, k) != v}
            if "programme_id" not in mapped:
                changes.pop("programme_id", None)
            if not changes:
                continue
            for k, v in changes.items():
                setattr(row, k, v)
            row.version += 1
            row.updated_at = utc_now()
            session.add(row)
            report.updated.append(project.id)
            record_change(session, actor, "project", row.id, "update",
                          {"source": report.source, **changes})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return report


# -- measures -----------------------------------------------------------------------------
def _next_key(session: Session, table: type[SQLModel], prefix: str) -> str:
    count = session.exec(select(func.count()).select_from(table)).one()
    n = count + 1
    keys = set(session.exec(select(table.key)).all())  # type: ignore[attr-defined]
    while f"{prefix}{n:04d}" in keys:
        n += 1
    return f"{prefix}{n:04d}"


def create_measure(
    session: Session,
    name: str,
    *,
    finding_ids: tuple[str, ...] | list[str] = (),
    process_version_id: int | None = None,
    project_key: str | None = None,
    hours_saved_per_year: float = 0,
    media_breaks_removed: int = 0,
    handoffs_removed: int = 0,
    citizens_affected: int = 0,
    cost: float = 0,
    description: str | None = None,
    actor: str | None = None,
    key: str | None = None,
) -> MeasureRow:
    """Create a measure from findings of a process version; commits.

    The key is ``M-0001``, ``M-0002``, ... unless given. Raises ``ValueError`` (empty name,
    negative effect) or ``UnknownRecordError`` (version or project unknown); nothing is
    written then.
    """
    if not name or not name.strip():
        raise ValueError("a measure needs a name")
    Measure("new", name, tuple(finding_ids), None, hours_saved_per_year, media_breaks_removed,
            handoffs_removed, citizens_affected, cost)  # validates the effect values
    if process_version_id is not None and session.get(ProcessVersion, process_version_id) is None:
        raise UnknownRecordError(f"no process version with id {process_version_id}")
    project_id = _project_row(session, project_key).id if project_key else None
    for attempt in range(5):
        row = MeasureRow(
            key=key or _next_key(session, MeasureRow, "M-"), name=name.strip(),
            description=description, process_version_id=process_version_id,
            finding_ids=list(finding_ids), hours_saved_per_year=hours_saved_per_year,
            media_breaks_removed=media_breaks_removed, handoffs_removed=handoffs_removed,
            citizens_affected=citizens_affected, cost=cost, project_id=project_id,
            created_by=actor,
        )
        try:
            session.add(row)
            session.flush()
            record_change(session, actor, "measure", row.id, "create",
                          {"key": row.key, "name": row.name, "finding_ids": row.finding_ids,
                           "process_version_id": process_version_id,
                           "project_key": project_key})
            session.commit()
            return row
        except IntegrityError:
            session.rollback()
            if key is not None or attempt == 4:  # a given key is taken, or no luck at all
                raise ValueError(f"a measure with key {row.key!r} already exists") from None
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")


def link_measure(
    session: Session,
    measure_key: str,
    project_key: str | None,
    expected_version: int,
    *,
    actor: str | None = None,
) -> MeasureRow:
    """Link a measure to a project (``None`` unlinks it) if still at ``expected_version``."""
    row = session.exec(select(MeasureRow).where(MeasureRow.key == measure_key)).first()
    if row is None:
        raise UnknownRecordError(f"no measure with key {measure_key!r}")
    project_id = _project_row(session, project_key).id if project_key else None
    assert row.id is not None
    _guarded_update(session, MeasureRow, row.id, measure_key, {"project_id": project_id},
                    expected_version, table_name="measure", actor=actor,
                    audit={"project_key": project_key})
    return session.get(MeasureRow, row.id, populate_existing=True)  # type: ignore[return-value]


def measures_for_version(session: Session, version_id: int) -> list[MeasureRow]:
    """The measures derived from findings of one process version, by key."""
    return list(session.exec(
        select(MeasureRow).where(MeasureRow.process_version_id == version_id)
        .order_by(MeasureRow.key)
    ))


# -- monitoring ---------------------------------------------------------------------------
def add_status_update(
    session: Session,
    project_key: str,
    status: str,
    progress: int,
    note: str | None,
    *,
    expected_version: int,
    actor: str | None = None,
    on: dt.date | None = None,
) -> StatusUpdateRow:
    """Record status and progress of a project (dated ``on``, default today); commits.

    Also sets the project's status, guarded by the project's ``expected_version``.
    """
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
    if not 0 <= int(progress) <= 100:
        raise ValueError(f"progress must be between 0 and 100, got {progress}")
    row = _project_row(session, project_key)
    assert row.id is not None
    entry = StatusUpdateRow(project_id=row.id, date=on or dt.date.today(), status=status,
                            progress=int(progress), note=note, author=actor)
    _guarded_update(session, ProjectRow, row.id, project_key, {"status": status},
                    expected_version, table_name="project", actor=actor, stamp=True,
                    extra=[entry],
                    audit={"status": status, "progress": int(progress), "note": note})
    return entry


def status_history(session: Session, project_key: str) -> list[StatusUpdateRow]:
    """The status updates of a project, oldest first."""
    row = _project_row(session, project_key)
    return list(session.exec(
        select(StatusUpdateRow).where(StatusUpdateRow.project_id == row.id)
        .order_by(StatusUpdateRow.date, StatusUpdateRow.id)
    ))


# -- schemes and ranking ------------------------------------------------------------------
def list_schemes(session: Session) -> list[SchemeRow]:
    """The stored schemes, the default first, then by name."""
    return list(session.exec(
        select(SchemeRow).order_by(SchemeRow.is_default.desc(), SchemeRow.name)  # type: ignore[attr-defined]
    ))


def save_scheme(
    session: Session,
    name: str,
    definition: dict[str, Any],
    *,
    expected_version: int | None,
    actor: str | None = None,
    make_default: bool = False,
) -> SchemeRow:
    """Create (``expected_version=None``) or change a scheme; commits.

    The definition is checked by building the scheme and scoring an empty portfolio with
    it. ``make_default`` makes it the default (and no other scheme).
    """
    definition = {**definition, "name": name}
    try:
        scheme = Scheme.from_dict(definition)
        score(Portfolio(projects=[Project("check", "check")]), scheme)
    except (KeyError, TypeError) as error:
        raise ValueError(f"scheme {name!r} is not a valid scheme definition: {error!r}; see "
                         "processanalysis/portfolio/data/scheme_simple.json") from None
    existing = session.exec(select(SchemeRow).where(SchemeRow.name == name)).first()
    if expected_version is None:
        if existing is not None:
            raise StaleEditError("prioritisation_scheme", name, None, existing.version,
                                 {"definition": existing.definition}, {"definition": definition})
        try:
            if make_default:
                session.execute(update(SchemeRow).values(is_default=False))
            row = SchemeRow(name=name, definition=definition, is_default=make_default)
            session.add(row)
            session.flush()
            record_change(session, actor, "prioritisation_scheme", row.id, "create",
                          {"name": name, "is_default": make_default})
            session.commit()
        except IntegrityError:
            session.rollback()
            stored = session.exec(select(SchemeRow).where(SchemeRow.name == name)).one()
            raise StaleEditError("prioritisation_scheme", name, None, stored.version,
                                 {"definition": stored.definition},
                                 {"definition": definition}) from None
        except BaseException:
            session.rollback()
            raise
        return row
    if existing is None:
        raise UnknownRecordError(f"no scheme named {name!r}")
    assert existing.id is not None
    values: dict[str, Any] = {"definition": definition}
    if make_default:
        values["is_default"] = True
        session.execute(update(SchemeRow).where(SchemeRow.id != existing.id)  # type: ignore[arg-type]
                        .values(is_default=False))
    _guarded_update(session, SchemeRow, existing.id, name, values, expected_version,
                    table_name="prioritisation_scheme", actor=actor)
    return session.get(SchemeRow, existing.id, populate_existing=True)  # type: ignore[return-value]


def _scheme(session: Session, scheme_name: str | None) -> Scheme:
    if scheme_name is None:
        row = session.exec(select(SchemeRow).where(SchemeRow.is_default)).first() \
            or session.exec(select(SchemeRow).order_by(SchemeRow.name)).first()
        if row is None:
            return load_scheme("simple")
        return Scheme.from_dict(row.definition)
    row = session.exec(select(SchemeRow).where(SchemeRow.name == scheme_name)).first()
    if row is not None:
        return Scheme.from_dict(row.definition)
    if scheme_name in SHIPPED_SCHEMES:
        return load_scheme(scheme_name)
    names = sorted({*SHIPPED_SCHEMES, *(s.name for s in list_schemes(session))})
    raise UnknownRecordError(f"unknown scheme {scheme_name!r}; available: {', '.join(names)}")


def rank_projects(session: Session, scheme_name: str | None = None) -> list[ProjectScore]:
    """Score and rank every project with a stored scheme (default: the default scheme)."""
    return score(load_portfolio(session), _scheme(session, scheme_name))


def rank_json(session: Session, scheme_name: str | None = None) -> list[dict[str, Any]]:
    """The ranking as ``[{"project", "score", "rank", "breakdown": {criterion: points}}]``.

    ``project`` is the project key; scores and contributions are rounded to 4 places.
    """
    return [
        {"project": s.project_id, "score": round(s.score, 4), "rank": s.rank,
         "breakdown": {c: round(v, 4) for c, v in s.breakdown.items()}}
        for s in rank_projects(session, scheme_name)
    ]
