"""The audit trail: who changed which record of which table, when, and how."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel

from models.library import utc_now

__all__ = ["AuditEntry"]


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
