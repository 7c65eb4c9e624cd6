"""Findings review and stored analyses of a process version.

A workshop accepts or rejects single findings of a version and comments on them; the
verdicts are kept per (version, finding id). Two people reviewing the same finding at the
same time cannot overwrite each other: every save states the review ``version`` it is
based on (``None`` for the first review) and fails with
:class:`~models.errors.StaleEditError` when the stored one differs.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from models import REVIEW_STATUSES, AnalysisResult, FindingReview, ProcessVersion, utc_now
from models.audit import record_change
from models.errors import StaleEditError, UnknownRecordError

__all__ = ["latest_analysis", "reviews_for", "set_review", "store_analysis"]


def reviews_for(session: Session, version_id: int) -> dict[str, FindingReview]:
    """The reviews of a version by finding id (findings never reviewed are absent)."""
    rows = session.exec(select(FindingReview).where(FindingReview.version_id == version_id))
    return {row.finding_id: row for row in rows}


def set_review(
    session: Session,
    version_id: int,
    finding_id: str,
    status: str,
    comment: str | None,
    *,
    expected_version: int | None,
    actor: str | None = None,
) -> FindingReview:
    """Record the verdict on a finding; commits.

    ``expected_version`` is the version of the review the user saw, ``None`` when they saw
    none. The check and the write are one statement (an ``UPDATE ... WHERE version =``, or
    an insert guarded by the unique key), so of two reviewers exactly one succeeds.

    Raises
    ------
    StaleEditError
        Someone else reviewed the finding meanwhile; their verdict stays.
    ValueError
        ``status`` is not one of ``open``, ``accepted``, ``rejected``.
    UnknownRecordError
        No such process version.
    """
    if status not in REVIEW_STATUSES:
        raise ValueError(f"status must be one of {REVIEW_STATUSES}, not {status!r}")
    if session.get(ProcessVersion, version_id) is None:
        raise UnknownRecordError(f"no process version with id {version_id}")
    yours = {"status": status, "comment": comment}
    try:
        if expected_version is None:
            review = FindingReview(
                version_id=version_id, finding_id=finding_id, status=status, comment=comment,
                reviewed_by=actor,
            )
            session.add(review)
            session.flush()  # the unique key refuses a second first review
        else:
            changed = session.execute(
                update(FindingReview)
                .where(
                    FindingReview.version_id == version_id,  # type: ignore[arg-type]
                    FindingReview.finding_id == finding_id,  # type: ignore[arg-type]
                    FindingReview.version == expected_version,  # type: ignore[arg-type]
                )
                .values(status=status, comment=comment, reviewed_by=actor,
                        reviewed_at=utc_now(), version=FindingReview.version + 1)
            ).rowcount
            if not changed:
                raise _Stale()
            review = session.exec(
                select(FindingReview).where(
                    FindingReview.version_id == version_id,
                    FindingReview.finding_id == finding_id,
                ).execution_options(populate_existing=True)
            ).one()
        record_change(session, actor, "finding_review", review.id,
                      "create" if expected_version is None else "update",
                      {"version_id": version_id, "finding_id": finding_id, **yours})
        session.commit()
    except BaseException as error:
        session.rollback()
        if isinstance(error, _Stale) or _is_unique_violation(error):
            stored = reviews_for(session, version_id).get(finding_id)
            raise StaleEditError(
                "finding_review", f"{version_id}/{finding_id}", expected_version,
                stored.version if stored else None,
                {"status": stored.status, "comment": stored.comment,
                 "reviewed_by": stored.reviewed_by} if stored else {},
                yours,
            ) from None
        raise
    return review


class _Stale(Exception):
    """Internal: the guarded update matched no row."""


def _is_unique_violation(error: BaseException) -> bool:
    from sqlalchemy.exc import IntegrityError

    return isinstance(error, IntegrityError)


def store_analysis(session: Session, version_id: int, result: dict[str, Any]) -> AnalysisResult:
    """Keep the analysis of a version (``AnalysisResult.to_dict()``); commits.

    Earlier analyses stay: a rule profile may have changed, and a review refers to the
    findings the workshop saw. :func:`latest_analysis` returns the newest.
    """
    if session.get(ProcessVersion, version_id) is None:
        raise UnknownRecordError(f"no process version with id {version_id}")
    try:
        row = AnalysisResult(version_id=version_id, result=result)
        session.add(row)
        session.flush()
        record_change(session, None, "analysis_result", row.id, "create",
                      {"version_id": version_id, "findings": len(result.get("findings", []))})
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return row


def latest_analysis(session: Session, version_id: int) -> dict[str, Any] | None:
    """The newest stored analysis of a version, or ``None`` when it was never analysed."""
    row = session.exec(
        select(AnalysisResult)
        .where(AnalysisResult.version_id == version_id)
        .order_by(AnalysisResult.id.desc())  # type: ignore[union-attr]
    ).first()
    return row.result if row else None
