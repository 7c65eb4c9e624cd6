"""The analysis page's third source ("from the library"), the findings review and measures.

When the page shows a stored version, the workshop gives each finding a verdict (open,
accepted, rejected) with a comment, persisted with ``models.reviews.set_review``. The
version a verdict was based on is remembered when the form is first shown, so a verdict
saved meanwhile by someone else is not overwritten: the save is refused with both values.
Accepted findings turn into measures (``create_measure``) linked to a project.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.i18n import current_language, escape_markdown, t
from app_pages.library_views import LIBRARY_VERSION_KEY
from app_pages.workspace import actor, can_edit, flash, read, write
from models import portfolio_store, reviews, store

__all__ = [
    "REVIEW_STATUSES",
    "leave_library",
    "library_version",
    "library_version_id",
    "measure_effects",
    "measures_section",
    "review_form",
    "review_statuses",
]

REVIEW_STATUSES = ("open", "accepted", "rejected")
#: Version of each verdict as first shown: ``(version id, finding id) -> version or None``.
SEEN_KEY = "analysis.review_seen"
NO_PROJECT = ""
MEASURE_ROUND_KEY = "analysis.measure_round"



# -- the source ------------------------------------------------------------------------


def library_version_id() -> int | None:
    """The library version to analyse: from the session, else the ``?version=`` query parameter."""
    if st.session_state.get(LIBRARY_VERSION_KEY) is None:
        wanted = st.query_params.get("version")
        if wanted and str(wanted).isdigit():
            st.session_state[LIBRARY_VERSION_KEY] = int(wanted)
    found = st.session_state.get(LIBRARY_VERSION_KEY)
    return int(found) if found is not None else None


def leave_library() -> None:
    """Back to samples and uploads."""
    st.session_state.pop(LIBRARY_VERSION_KEY, None)
    st.query_params.pop("version", None)


def library_version(version_id: int) -> tuple[str, bytes]:
    """``(file name, bytes)`` of a stored version, with a caption; stops when it is gone."""
    get_version = store.get_version
    from models import Process

    def load(session: Any) -> tuple[Any, Any]:
        version = get_version(session, version_id)
        process = session.get(Process, version.process_id) if version is not None else None
        return version, process

    version, process = read(load)
    info, leave = st.columns([4, 1], vertical_alignment="center")
    leave.button(t("library.leave"), on_click=leave_library, icon=":material/close:",
                 key="analysis.leave_library")
    if version is None:
        info.error(t("library.version_gone", id=version_id))
        st.stop()
    st.query_params["version"] = str(version_id)
    info.caption(t("library.source", name=escape_markdown(process.name if process else "?"),
                   id=version_id, role=t(f"library.role.{version.role}")))
    name = version.file_name or f"version-{version_id}.bpmn"
    return name, version.bpmn_xml.encode("utf-8")


# -- reviews ---------------------------------------------------------------------------


def review_statuses(version_id: int) -> dict[str, Any]:
    """The stored verdicts of a version, finding id -> ``FindingReview``."""
    reviews_for = reviews.reviews_for
    return read(lambda s: reviews_for(s, version_id))


def _seen(version_id: int, finding_id: str, review: Any) -> int | None:
    """The verdict version the user's form is based on (remembered on first display)."""
    seen = st.session_state.setdefault(SEEN_KEY, {})
    key = f"{version_id}:{finding_id}"
    if key not in seen:
        seen[key] = review.version if review is not None else None
    return seen[key]


def review_form(version_id: int, finding: Mapping[str, Any], review: Any) -> None:
    """Accept, reject or reopen one finding with a comment; a stale save is refused."""
    finding_id = finding["id"]
    expected = _seen(version_id, finding_id, review)
    status = review.status if review is not None else "open"
    with st.container(border=True):
        st.markdown(f"**{t('library.review.title')}**")
        if review is not None:
            when = review.reviewed_at.strftime("%d.%m.%Y %H:%M") if review.reviewed_at else ""
            st.caption(t("library.review.last", status=t(f"library.review.{review.status}"),
                         who=escape_markdown(review.reviewed_by or "–"), when=when))
        if not can_edit():
            st.markdown(t(f"library.review.{status}"))
            if review is not None and review.comment:
                st.markdown(escape_markdown(review.comment))
            return
        digest = hashlib.sha1(finding_id.encode()).hexdigest()[:10]
        with st.form(key=f"analysis.review.{version_id}.{digest}"):
            chosen = st.radio(
                t("library.review.status"), REVIEW_STATUSES, index=REVIEW_STATUSES.index(status),
                format_func=lambda s: t(f"library.review.{s}"), horizontal=True,
                key=f"analysis.review_status.{version_id}.{digest}",
            )
            comment = st.text_area(
                t("library.review.comment"), value=(review.comment or "") if review else "",
                key=f"analysis.review_comment.{version_id}.{digest}",
            )
            submitted = st.form_submit_button(t("library.review.save"), icon=":material/save:")
        if submitted:
            set_review = reviews.set_review
            saved = write(lambda s: set_review(
                s, version_id, finding_id, chosen, comment.strip() or None,
                expected_version=expected, actor=actor(),
            ))
            seen = st.session_state[SEEN_KEY]
            if saved is None:
                # Refused: the message shows both values; the next save builds on the stored one.
                seen.pop(f"{version_id}:{finding_id}", None)
                st.info(t("library.review.reload"))
                return
            seen[f"{version_id}:{finding_id}"] = saved.version
            flash("success", t("library.review.saved", status=t(f"library.review.{chosen}")))
            st.rerun()


# -- measures --------------------------------------------------------------------------


def measure_effects(findings: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """Effects a measure removing ``findings`` has at least: one media break or hand-off each.

    Examples
    --------
    >>> measure_effects([{"kind": "media_break"}, {"kind": "handoff"}, {"kind": "handoff"}])
    {'media_breaks_removed': 1, 'handoffs_removed': 2}
    """
    return {
        "media_breaks_removed": sum(f["kind"] == "media_break" for f in findings),
        "handoffs_removed": sum(f["kind"] == "handoff" for f in findings),
    }


def _finding_label(finding: Mapping[str, Any]) -> str:
    message = finding["message"][current_language()]
    short = message if len(message) <= 90 else message[:87] + "…"
    return f"{t('kind.' + finding['kind'], default=finding['kind'])}: {short}"


def _projects() -> dict[str, str]:
    list_project_rows = portfolio_store.list_project_rows
    return {row.key: f"{row.key} – {row.name}" for row in read(list_project_rows)}


def measures_section(
    version_id: int, findings: Sequence[Mapping[str, Any]], reviews: Mapping[str, Any]
) -> None:
    """Create a measure from findings (effects prefilled), link measures to projects."""
    st.subheader(t("library.measure.title"))
    measures_for_version = portfolio_store.measures_for_version
    measures = read(lambda s: measures_for_version(s, version_id))
    projects = _projects()
    by_id = {f["id"]: f for f in findings}
    if measures:
        st.dataframe(
            pd.DataFrame([
                {
                    t("library.measure.col_key"): m.key,
                    t("library.measure.col_name"): m.name,
                    t("library.measure.col_findings"): len(m.finding_ids),
                    t("library.measure.media"): m.media_breaks_removed,
                    t("library.measure.handoffs"): m.handoffs_removed,
                    t("library.measure.hours"): m.hours_saved_per_year,
                    t("library.measure.col_project"): _project_key_of(m, projects),
                }
                for m in measures
            ]),
            hide_index=True,
        )
    else:
        st.caption(t("library.measure.none"))
    if not can_edit():
        return
    accepted = [fid for fid, r in reviews.items() if r.status == "accepted" and fid in by_id]
    with st.expander(t("library.measure.create_title"), expanded=bool(accepted)):
        chosen = st.multiselect(
            t("library.measure.findings"), list(by_id), default=accepted,
            format_func=lambda fid: _finding_label(by_id[fid]),
            # A new widget when the accepted findings change, so the default follows them.
            key=f"analysis.measure_findings.{version_id}."
            f"{hashlib.sha1(' '.join(sorted(accepted)).encode()).hexdigest()[:8]}",
        )
        picked = [by_id[fid] for fid in chosen]
        effects = measure_effects(picked)
        # New widgets (fresh prefills) when the findings change or after a measure was created.
        round_ = st.session_state.get(MEASURE_ROUND_KEY, 0)
        digest = hashlib.sha1("\n".join([*chosen, str(round_)]).encode()).hexdigest()[:10]
        default_name = (
            (picked[0]["suggestion"][current_language()] or _finding_label(picked[0]))[:120]
            if picked else ""
        )
        with st.form(key=f"analysis.measure_form.{version_id}"):
            name = st.text_input(t("library.measure.name"), value=default_name,
                                 key=f"analysis.measure_name.{digest}")
            first, second, third = st.columns(3)
            media = first.number_input(t("library.measure.media"), min_value=0, step=1,
                                       value=effects["media_breaks_removed"],
                                       key=f"analysis.measure_media.{digest}")
            handoffs = second.number_input(t("library.measure.handoffs"), min_value=0, step=1,
                                           value=effects["handoffs_removed"],
                                           key=f"analysis.measure_handoffs.{digest}")
            hours = third.number_input(t("library.measure.hours"), min_value=0.0, step=10.0,
                                       key=f"analysis.measure_hours.{digest}")
            fourth, fifth, sixth = st.columns(3)
            citizens = fourth.number_input(t("library.measure.citizens"), min_value=0, step=100,
                                           key=f"analysis.measure_citizens.{digest}")
            cost = fifth.number_input(t("library.measure.cost"), min_value=0.0, step=1000.0,
                                      key=f"analysis.measure_cost.{digest}")
            project = sixth.selectbox(
                t("library.measure.project"), [NO_PROJECT, *projects],
                format_func=lambda key: projects.get(key, t("library.measure.no_project")),
                key=f"analysis.measure_project.{version_id}",
            )
            submitted = st.form_submit_button(t("library.measure.create"),
                                              icon=":material/add_task:")
        if submitted:
            if not name.strip():
                st.error(t("library.measure.name_missing"))
            elif not chosen:
                st.error(t("library.measure.findings_missing"))
            else:
                create_measure = portfolio_store.create_measure
                created = write(lambda s: create_measure(
                    s, name.strip(), finding_ids=tuple(chosen), process_version_id=version_id,
                    project_key=project or None, hours_saved_per_year=float(hours),
                    media_breaks_removed=int(media), handoffs_removed=int(handoffs),
                    citizens_affected=int(citizens), cost=float(cost), actor=actor(),
                ))
                if created is not None:
                    st.session_state[MEASURE_ROUND_KEY] = round_ + 1
                    flash("success", t("library.measure.created", number=created.key,
                                       name=escape_markdown(created.name)))
                    st.rerun()
    if measures:
        link_form(measures, projects, key=f"analysis.link.{version_id}")


def _project_key_of(measure: Any, projects: Mapping[str, str]) -> str:
    key = getattr(measure, "project_key", None)
    if key:
        return str(key)
    if measure.project_id is None:
        return ""
    return str(_project_keys_by_id().get(measure.project_id, ""))


def _project_keys_by_id() -> dict[int, str]:
    list_project_rows = portfolio_store.list_project_rows
    return {row.id: row.key for row in read(list_project_rows)}


def link_form(measures: Sequence[Any], projects: Mapping[str, str], *, key: str) -> None:
    """Link a measure to a project (or unlink it); the measure's version guards the save."""
    if not can_edit():
        return
    by_key = {m.key: m for m in measures}
    with st.form(key=key):
        st.markdown(f"**{t('library.measure.link_title')}**")
        left, right = st.columns(2)
        measure = left.selectbox(t("library.measure.measure"), list(by_key),
                                 format_func=lambda k: f"{k} – {by_key[k].name}",
                                 key=f"{key}.measure")
        project = right.selectbox(
            t("library.measure.project"), [NO_PROJECT, *projects],
            format_func=lambda k: projects.get(k, t("library.measure.no_project")),
            key=f"{key}.project",
        )
        submitted = st.form_submit_button(t("library.measure.link"), icon=":material/link:")
    if submitted:
        link_measure = portfolio_store.link_measure
        seen = by_key[measure].version
        done = write(
            lambda s: link_measure(s, measure, project or None, seen, actor=actor()) or True
        )
        if done is not None:
            flash("success", t("library.measure.linked", measure=measure,
                               project=project or t("library.measure.no_project")))
            st.rerun()
