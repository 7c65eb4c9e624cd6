"""Queries and shaping for the library page: no Streamlit, so it runs (and is tested) alone.

:func:`library_rows` is the whole list in one statement (versions counted, latest version,
its stored key figures read from the analysis JSON, review counts), so the page stays fast
with hundreds of processes: no query per row. :func:`analyse_missing` fills in the
analyses the list lacks, one version at a time, each stored on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, select

from models import AnalysisResult, FindingReview, Process, ProcessVersion
from processanalysis import BpmnImportError, read_bpmn
from processanalysis.analysis.runner import analyse

__all__ = [
    "KPI_FIELDS",
    "STATUSES",
    "analyse_missing",
    "analysis_of",
    "filter_rows",
    "library_rows",
    "review_status",
]

#: Key figures of a version read from its stored analysis (``result["kpis"][name]``).
KPI_FIELDS = ("media_breaks", "handoffs", "handoffs_per_case", "findings")
#: Review status of a process's current version, in the order the filter offers them.
STATUSES = ("not_analysed", "open", "reviewed")


def review_status(findings: float | None, decided: int) -> str:
    """``not_analysed`` without a stored analysis, ``reviewed`` once every finding has a verdict.

    Examples
    --------
    >>> review_status(None, 0), review_status(3, 1), review_status(3, 3), review_status(0, 0)
    ('not_analysed', 'open', 'reviewed', 'reviewed')
    """
    if findings is None:
        return "not_analysed"
    return "reviewed" if decided >= findings else "open"


def library_rows(session: Session) -> list[dict[str, Any]]:
    """Every process with its current version, stored key figures and review counts, by name.

    The current version is the latest as-is version (the process as it runs), else the
    latest version. One ``SELECT`` with grouped sub-queries; each row is ``{"id", "name",
    "unit", "service_key", "versions", "variants", "version_id", "role", "hash", "created_at",
    "media_breaks", "handoffs", "handoffs_per_case", "findings", "accepted",
    "rejected", "status"}`` (key figures ``None`` while the version is not analysed).
    """
    versions = (
        select(
            ProcessVersion.process_id.label("process_id"),  # type: ignore[attr-defined]
            func.count(ProcessVersion.id).label("versions"),
            # The process as it is: its latest as-is version (a to-be variant does not
            # make the weaknesses of the running process disappear from the list).
            func.coalesce(
                func.max(case((ProcessVersion.role == "as_is", ProcessVersion.id))),
                func.max(ProcessVersion.id),
            ).label("latest_id"),
            func.sum(case((ProcessVersion.role == "to_be", 1), else_=0)).label("variants"),
        )
        .group_by(ProcessVersion.process_id)
        .subquery()
    )
    analyses = (
        select(
            AnalysisResult.version_id.label("version_id"),  # type: ignore[attr-defined]
            func.max(AnalysisResult.id).label("analysis_id"),
        )
        .group_by(AnalysisResult.version_id)
        .subquery()
    )
    decided = (
        select(
            FindingReview.version_id.label("version_id"),  # type: ignore[attr-defined]
            func.sum(case((FindingReview.status == "accepted", 1), else_=0)).label("accepted"),
            func.sum(case((FindingReview.status == "rejected", 1), else_=0)).label("rejected"),
        )
        .group_by(FindingReview.version_id)
        .subquery()
    )
    result = AnalysisResult.result  # a JSON column: read single values, not the whole document
    kpis = [result[("kpis", name)].as_float().label(name) for name in KPI_FIELDS]  # type: ignore[index]
    statement = (
        select(
            Process.id,
            Process.name,
            Process.owning_unit,
            Process.service_key,
            versions.c.versions,
            versions.c.latest_id,
            versions.c.variants,
            ProcessVersion.role,
            ProcessVersion.content_hash,
            ProcessVersion.created_at,
            *kpis,
            decided.c.accepted,
            decided.c.rejected,
        )
        .outerjoin(versions, versions.c.process_id == Process.id)
        .outerjoin(ProcessVersion, ProcessVersion.id == versions.c.latest_id)
        .outerjoin(analyses, analyses.c.version_id == versions.c.latest_id)
        .outerjoin(AnalysisResult, AnalysisResult.id == analyses.c.analysis_id)
        .outerjoin(decided, decided.c.version_id == versions.c.latest_id)
        .order_by(Process.name, Process.id)
    )
    rows = []
    for row in session.exec(statement):  # type: ignore[call-overload]
        values = row._mapping
        accepted = int(values["accepted"] or 0)
        rejected = int(values["rejected"] or 0)
        findings = values["findings"]
        rows.append(
            {
                "id": values["id"],
                "name": values["name"],
                "unit": values["owning_unit"] or "",
                "service_key": values["service_key"] or "",
                "versions": int(values["versions"] or 0),
                "variants": int(values["variants"] or 0),
                "version_id": values["latest_id"],
                "role": values["role"],
                "hash": values["content_hash"],
                "created_at": values["created_at"],
                **{name: values[name] for name in KPI_FIELDS},
                "accepted": accepted,
                "rejected": rejected,
                "status": review_status(findings, accepted + rejected),
            }
        )
    return rows


def filter_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    search: str = "",
    units: Sequence[str] = (),
    statuses: Sequence[str] = (),
    min_media_breaks: float = 0,
    min_handoffs_per_case: float = 0,
) -> list[Mapping[str, Any]]:
    """The rows matching every filter; an empty filter matches all.

    A key-figure threshold above zero leaves out processes without an analysis.

    Examples
    --------
    >>> rows = [{"name": "Bauantrag", "unit": "Bauamt", "status": "open", "service_key": "",
    ...          "media_breaks": 3.0, "handoffs_per_case": 1.5},
    ...         {"name": "Hundesteuer", "unit": "Kämmerei", "status": "not_analysed",
    ...          "service_key": "", "media_breaks": None, "handoffs_per_case": None}]
    >>> [r["name"] for r in filter_rows(rows, search="bau")]
    ['Bauantrag']
    >>> [r["name"] for r in filter_rows(rows, min_media_breaks=1)]
    ['Bauantrag']
    >>> [r["name"] for r in filter_rows(rows, units=["Kämmerei"], statuses=["not_analysed"])]
    ['Hundesteuer']
    """
    needle = search.strip().casefold()
    kept = []
    for row in rows:
        text = f"{row['name']} {row['unit']} {row.get('service_key') or ''}".casefold()
        if needle and needle not in text:
            continue
        if units and row["unit"] not in units:
            continue
        if statuses and row["status"] not in statuses:
            continue
        if min_media_breaks > 0 and (row["media_breaks"] or 0) < min_media_breaks:
            continue
        if min_handoffs_per_case > 0 and (row["handoffs_per_case"] or 0) < min_handoffs_per_case:
            continue
        kept.append(row)
    return kept


def analysis_of(xml: str) -> dict[str, Any] | None:
    """The analysis of a stored BPMN text as JSON (``AnalysisResult.to_dict``).

    ``None`` when the text cannot be read as BPMN.
    """
    try:
        model = read_bpmn(xml.encode("utf-8"))
    except BpmnImportError:
        return None
    return analyse(model).to_dict("de")


def analyse_missing(
    session: Session,
    version_ids: Sequence[int],
    store: Callable[[Session, int, dict[str, Any]], object],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, list[int]]:
    """Analyse and store the versions in ``version_ids``; ``(stored, unreadable ids)``.

    One version at a time (its XML is read on its own, the list query never carries it);
    ``store`` is ``models.reviews.store_analysis``, which commits each result.
    """
    stored, unreadable = 0, []
    for done, version_id in enumerate(version_ids, start=1):
        xml = session.exec(
            select(ProcessVersion.bpmn_xml).where(ProcessVersion.id == version_id)
        ).first()
        record = analysis_of(xml) if xml is not None else None
        if record is None:
            unreadable.append(version_id)
        else:
            store(session, version_id, record)
            stored += 1
        if progress is not None:
            progress(done, len(version_ids))
    return stored, unreadable
