"""Portfolio tables: fields of action, programmes, projects, measures, schemes, status updates.

The rows mirror the dataclasses of :mod:`processanalysis.portfolio.model`; ``key`` is the
business id (``P-07``, ``HF-1``) that spreadsheets, the command line and the scoring use,
``id`` the database's own. Editable rows carry ``version`` for optimistic locking (see
``models.portfolio_store``).
"""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, Text
from sqlmodel import Field, SQLModel

from models.library import utc_now

__all__ = [
    "FieldOfActionRow",
    "MeasureRow",
    "ProgrammeRow",
    "ProjectRow",
    "SchemeRow",
    "StatusUpdateRow",
]

_STATUS_CHECK = "status IN ('idea', 'planned', 'in_progress', 'done', 'stopped')"


def _timestamp() -> Column:
    return Column(DateTime(timezone=True), nullable=False, default=utc_now)


class FieldOfActionRow(SQLModel, table=True):
    """A strategic field of action (Handlungsfeld) of the city's digital strategy."""

    __tablename__ = "field_of_action"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=50, unique=True)
    name: str = Field(max_length=300)
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class ProgrammeRow(SQLModel, table=True):
    """A programme bundling projects under one field of action."""

    __tablename__ = "programme"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=50, unique=True)
    name: str = Field(max_length=300)
    field_id: int | None = Field(default=None, foreign_key="field_of_action.id", index=True)


class ProjectRow(SQLModel, table=True):
    """A digitalisation project (Vorhaben) with what the scoring needs."""

    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint(_STATUS_CHECK, name="ck_project_status"),
        CheckConstraint("risk BETWEEN 1 AND 5", name="ck_project_risk"),
        CheckConstraint("strategic_fit BETWEEN 1 AND 5", name="ck_project_strategic_fit"),
        CheckConstraint("ozg_maturity_target BETWEEN 0 AND 4", name="ck_project_ozg"),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=50, unique=True)
    name: str = Field(max_length=500)
    owner_unit: str = Field(default="", max_length=300)
    status: str = Field(default="idea", max_length=20)
    start: date | None = None
    end: date | None = None
    budget: float = 0.0
    effort: float = 0.0
    risk: int = 3
    strategic_fit: int = 3
    legal_obligation: str | None = Field(default=None, max_length=200)
    ozg_maturity_target: int = 0
    leika_keys: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    affected_services: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    programme_id: int | None = Field(default=None, foreign_key="programme.id", index=True)
    replaces_legacy: bool = False
    citizens_affected: int = 0
    version: int = 1
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
    updated_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())


class MeasureRow(SQLModel, table=True):
    """A measure derived from findings of a process version, optionally carried by a project."""

    __tablename__ = "measure"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=50, unique=True)
    name: str = Field(max_length=500)
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    process_version_id: int | None = Field(
        default=None, foreign_key="process_version.id", index=True
    )
    finding_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    hours_saved_per_year: float = 0.0
    media_breaks_removed: int = 0
    handoffs_removed: int = 0
    citizens_affected: int = 0
    cost: float = 0.0
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True)
    version: int = 1
    created_by: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())


class SchemeRow(SQLModel, table=True):
    """A prioritisation scheme in the JSON form of ``processanalysis/portfolio/data``."""

    __tablename__ = "prioritisation_scheme"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    definition: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    is_default: bool = False
    version: int = 1


class StatusUpdateRow(SQLModel, table=True):
    """One monitoring entry of a project: status and progress on a date, with a note."""

    __tablename__ = "status_update"
    __table_args__ = (
        CheckConstraint(_STATUS_CHECK, name="ck_status_update_status"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="ck_status_update_progress"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    date: dt.date
    status: str = Field(max_length=20)
    progress: int = 0
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    author: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
