"""The process library: a process and its immutable versions (BPMN XML as uploaded)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel

__all__ = ["PROCESS_ROLES", "ImmutableVersionError", "Process", "ProcessVersion", "utc_now"]

#: ``as_is`` (Ist-Prozess) or ``to_be`` (Soll-Prozess / Variante).
PROCESS_ROLES = ("as_is", "to_be")


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC (stored as such where the database can)."""
    return datetime.now(UTC)


def _timestamp() -> Column:
    return Column(DateTime(timezone=True), nullable=False, default=utc_now)


class Process(SQLModel, table=True):
    """A process of an organisational unit; ``version`` guards edits (optimistic locking).

    Every change of a process row increments ``version``; an edit states the version it
    was based on and fails when the stored one is newer (see
    ``models.store.rename_process``).
    """

    __tablename__ = "process"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=500, index=True)
    owning_unit: str | None = Field(default=None, max_length=300)
    #: LeiKa key of the administrative service, if known.
    service_key: str | None = Field(default=None, max_length=50)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
    updated_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())


class ProcessVersion(SQLModel, table=True):
    """One uploaded or derived BPMN document of a process; never changed once written."""

    __tablename__ = "process_version"
    __table_args__ = (
        UniqueConstraint("process_id", "content_hash", name="uq_process_version_hash"),
        CheckConstraint("role IN ('as_is', 'to_be')", name="ck_process_version_role"),
    )

    id: int | None = Field(default=None, primary_key=True)
    process_id: int = Field(foreign_key="process.id", index=True)
    bpmn_xml: str = Field(sa_column=Column(Text, nullable=False))
    #: SHA-256 of the file's bytes, hex: recognises a file uploaded again.
    content_hash: str = Field(max_length=64, index=True)
    file_name: str | None = Field(default=None, max_length=500)
    role: str = Field(default="as_is", max_length=10)
    parent_version_id: int | None = Field(default=None, foreign_key="process_version.id")
    variant_name: str | None = Field(default=None, max_length=300)
    created_by: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())


class ImmutableVersionError(Exception):
    """Someone tried to change a stored :class:`ProcessVersion`; add a new version instead."""


@event.listens_for(ProcessVersion, "before_update")
def _refuse_update(mapper: object, connection: object, target: ProcessVersion) -> None:
    raise ImmutableVersionError(
        f"process version {target.id} is immutable; add a new version instead"
    )
