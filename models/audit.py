"""The audit trail: who changed which record of which table, when, and how."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, Session, SQLModel

from models.library import utc_now

__all__ = ["AuditEntry", "record_change"]


class AuditEntry(SQLModel, table=True):
    """One change: ``action`` is ``create``, ``update`` or ``delete``; ``detail`` says what."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    actor: str | None = Field(default=None, max_length=200)
    at: datetime = Field(
        default_factory=utc_now,
        sa_column=Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True),
    )
    table_name: str = Field(max_length=100)
    record_id: int
    action: str = Field(max_length=20)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


def record_change(
    session: Session,
    actor: str | None,
    table: str,
    record_id: int | None,
    action: str,
    detail: dict[str, Any],
) -> None:
    """Add an audit entry to the session's transaction (the caller commits or rolls back).

    Values are converted to JSON-friendly ones (dates become ISO text) so any row's
    changes can be recorded as they are.
    """
    assert record_id is not None  # flushed before auditing
    session.add(
        AuditEntry(actor=actor, table_name=table, record_id=record_id, action=action,
                   detail={k: _jsonable(v) for k, v in detail.items()})
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value
