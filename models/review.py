"""Analysis results of a version and the workshop's verdicts on single findings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.library import utc_now

__all__ = ["REVIEW_STATUSES", "AnalysisResult", "FindingReview"]

REVIEW_STATUSES = ("open", "accepted", "rejected")


class AnalysisResult(SQLModel, table=True):
    """The analysis of one process version as JSON (``AnalysisResult.to_dict``)."""

    __tablename__ = "analysis_result"

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="process_version.id", index=True)
    result: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(
        default_factory=utc_now,
        sa_column=Column(DateTime(timezone=True), nullable=False, default=utc_now),
    )


class FindingReview(SQLModel, table=True):
    """Whether a finding of a version was accepted or rejected in the workshop, and why."""

    __tablename__ = "finding_review"
    __table_args__ = (
        UniqueConstraint("version_id", "finding_id", name="uq_finding_review_finding"),
        CheckConstraint(
            "status IN ('open', 'accepted', 'rejected')", name="ck_finding_review_status"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="process_version.id", index=True)
    finding_id: str = Field(max_length=300)
    status: str = Field(default="open", max_length=10)
    comment: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    reviewed_by: str | None = Field(default=None, max_length=200)
    reviewed_at: datetime = Field(
        default_factory=utc_now,
        sa_column=Column(DateTime(timezone=True), nullable=False, default=utc_now),
    )
    version: int = Field(default=1)
