"""Parts of the portfolio page, one function per tab.

Everything is read once per run (:func:`load_state`); writes go through
:func:`app_pages.workspace.write`. Editable records keep the ``version`` the user saw
when the form or table was first shown (a snapshot in ``st.session_state``), so a save
over someone else's newer change is refused with both values instead of overwriting it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from sqlmodel import Session, select

from app_pages.i18n import current_language, escape_markdown, t
from app_pages.portfolio_charts import (
    bubble_figure,
    history_figure,
    ranking_figure,
    roadmap_figure,
)
from app_pages.portfolio_data import (
    EDITABLE,
    FIELD_NAMES,
    PROJECT_STATUSES,
    bubble_rows,
    changed_projects,
    criteria_rows,
    default_mapping,
    file_headers,
    project_records,
    ranking_long,
    roadmap_rows,
    scheme_from_rows,
    sensitivity_rows,
    tree_rows,
)
from app_pages.portfolio_forms import new_project_form, strategy_forms
from app_pages.review_views import NO_PROJECT, link_form
from app_pages.workspace import actor, can_edit, flash, read, write
from models import portfolio_store
from processanalysis.portfolio import ProjectListError, Scheme, load_scheme, rollup, score

__all__ = [
    "SCHEME_KEY",
    "export_tab",
    "load_state",
    "matrix_tab",
    "measures_tab",
    "monitoring_tab",
    "projects_tab",
    "ranking_tab",
    "tree_tab",
]

SCHEME_KEY = "portfolio.scheme"
PROJECTS_SNAPSHOT_KEY = "portfolio.projects_snapshot"
EDITOR_ROUND_KEY = "portfolio.editor_round"
STATUS_SEEN_KEY = "portfolio.status_seen"
SCHEME_SEEN_KEY = "portfolio.scheme_seen"
SHIPPED = ("simple", "wibe")



def status_name(status: str) -> str:
    """A project status in the current language."""
    return t(f"portfolio.status.{status}", default=status)


# -- reading -----------------------------------------------------------------------------


def _read_all(session: Session) -> dict[str, Any]:
    from models.portfolio import MeasureRow, ProgrammeRow

    return {
        "portfolio": portfolio_store.load_portfolio(session),
        "projects": portfolio_store.list_project_rows(session),
        "schemes": portfolio_store.list_schemes(session),
        "programmes": {g.id: g.key for g in session.exec(select(ProgrammeRow))},
        "measures": list(session.exec(select(MeasureRow).order_by(MeasureRow.key))),
    }


def load_state() -> dict[str, Any]:
    """Portfolio, project rows, schemes, programme keys and measures, read in one session."""
    state = read(_read_all)
    state["project_ids"] = {row.id: row.key for row in state["projects"]}
    state["names"] = {p.id: p.name for p in state["portfolio"].projects}
    return state


def active_scheme(state: Mapping[str, Any]) -> tuple[str, Scheme, Any]:
    """The scheme chosen in the selector (default: the stored default), with its row if stored."""
    rows = {row.name: row for row in state["schemes"]}
    names = [*rows, *(n for n in SHIPPED if n not in rows)]
    default = next((row.name for row in state["schemes"] if row.is_default), names[0])
    if st.session_state.get(SCHEME_KEY) not in names:
        st.session_state[SCHEME_KEY] = default
    name = st.selectbox(
        t("portfolio.scheme"), names, key=SCHEME_KEY,
        format_func=lambda n: n + (f" ({t('portfolio.scheme_default')})" if n == default else ""),
    )
    row = rows.get(name)
    scheme = Scheme.from_dict(row.definition) if row is not None else load_scheme(name)
    if scheme.description:
        st.caption(escape_markdown(scheme.description))
    return name, scheme, row


# -- strategy tree -----------------------------------------------------------------------


def tree_tab(state: Mapping[str, Any]) -> None:
    """Fields of action → programmes → projects, each with the benefit rolled up from measures."""
    portfolio = state["portfolio"]
    benefits = rollup(portfolio)
    rows = tree_rows(portfolio, benefits)
    if not rows:
        st.info(t("portfolio.empty"))
        strategy_forms(state)
        return
    indent = {"field": "", "programme": "\u2003", "project": "\u2003\u2003"}
    table = pd.DataFrame([
        {
            t("portfolio.tree.level"): t(f"portfolio.tree.{r['level']}"),
            t("portfolio.tree.name"): f"{indent[r['level']]}{r['id']} · {r['name']}",
            t("portfolio.col.hours"): r["hours_saved_per_year"],
            t("portfolio.col.media"): r["media_breaks_removed"],
            t("portfolio.col.handoffs"): r["handoffs_removed"],
            t("portfolio.col.citizens"): r["citizens_affected"],
            t("portfolio.col.cost"): r["cost"],
            t("portfolio.col.measures"): r["measures"],
        }
        for r in rows
    ])
    st.caption(t("portfolio.tree.caption"))
    st.dataframe(table, hide_index=True, height=min(640, 38 + 35 * len(rows)),
                 key="portfolio.tree_table",
                 column_config={t("portfolio.col.cost"): st.column_config.NumberColumn(
                     format="%.0f €")})
    if benefits.orphans:
        st.caption(t("portfolio.tree.orphans", keys=", ".join(benefits.orphans)))
    strategy_forms(state)


# -- projects ----------------------------------------------------------------------------


def _snapshot(state: Mapping[str, Any], *, fresh: bool = False) -> list[dict[str, Any]]:
    """The project table as first shown: the base of the user's edits and their versions."""
    if fresh or PROJECTS_SNAPSHOT_KEY not in st.session_state:
        st.session_state[PROJECTS_SNAPSHOT_KEY] = project_records(
            state["projects"], state["programmes"])
    return st.session_state[PROJECTS_SNAPSHOT_KEY]


def reload_projects() -> None:
    """Forget the snapshot and the editor's edits: show what is stored now."""
    st.session_state.pop(PROJECTS_SNAPSHOT_KEY, None)
    st.session_state[EDITOR_ROUND_KEY] = st.session_state.get(EDITOR_ROUND_KEY, 0) + 1


def _project_columns() -> dict[str, str]:
    return {"key": t("portfolio.col.key"), **{n: t(f"portfolio.col.{n}") for n in EDITABLE},
            "version": t("portfolio.col.version")}


def save_edits(edits: Sequence[tuple[str, dict[str, Any], int]]) -> tuple[list[str], list[str]]:
    """Save each changed row on its own with its seen version: ``(saved keys, refused keys)``."""
    update_project = portfolio_store.update_project
    saved, refused = [], []
    for key, changes, version in edits:
        slot = st.container()
        done = write(lambda s, k=key, c=changes, v=version: update_project(
            s, k, c, v, actor=actor()), where=slot)
        (saved if done is not None else refused).append(key)
    return saved, refused


def projects_tab(state: Mapping[str, Any]) -> None:
    """The project table (analysts edit it in place) and the form for a new project."""
    project_table(state)
    new_project_form(state, on_created=reload_projects)


def project_table(state: Mapping[str, Any]) -> None:
    """The project table; analysts edit it in place and save the changed rows."""
    records = _snapshot(state)
    if not records:
        st.info(t("portfolio.no_projects"))
        return
    columns = _project_columns()
    frame = pd.DataFrame(records).rename(columns=columns)
    for name in ("start", "end"):
        frame[columns[name]] = pd.to_datetime(frame[columns[name]])
    if not can_edit():
        st.dataframe(frame.drop(columns=[columns["version"]]), hide_index=True)
        st.caption(t("library.read_only"))
        return
    st.caption(t("portfolio.projects.caption"))
    # In a form: edits stay in the browser until the save (no rerun per cell, none lost).
    with st.form(key=f"portfolio.projects_form.{st.session_state.get(EDITOR_ROUND_KEY, 0)}"):
        edited = st.data_editor(
            frame,
            key=f"portfolio.editor.{st.session_state.get(EDITOR_ROUND_KEY, 0)}",
            hide_index=True,
            num_rows="fixed",
            disabled=[columns["key"], columns["version"]],
            column_config=_editor_columns(columns, sorted(set(state["programmes"].values()))),
        )
        submitted = st.form_submit_button(t("portfolio.projects.save"), type="primary",
                                          icon=":material/save:")
    st.button(t("portfolio.projects.reload"), on_click=reload_projects,
              key="portfolio.projects_reload")
    if not submitted:
        return
    back = {label: name for name, label in columns.items()}
    edits = changed_projects(records, edited.rename(columns=back).to_dict("records"))
    if not edits:
        st.info(t("portfolio.projects.unchanged"))
        return
    saved, refused = save_edits(edits)
    if refused:
        if saved:
            st.success(t("portfolio.projects.saved", keys=", ".join(saved)))
        st.warning(t("portfolio.projects.refused", keys=", ".join(refused)))
        return
    flash("success", t("portfolio.projects.saved", keys=", ".join(saved)))
    reload_projects()
    st.rerun()


def _editor_columns(columns: Mapping[str, str], programmes: Sequence[str]) -> dict[str, Any]:
    """Column types and limits of the project table (the same ranges the model checks)."""
    config = st.column_config
    return {
        columns["status"]: config.SelectboxColumn(
            options=list(PROJECT_STATUSES), required=True, format_func=status_name),
        columns["programme_key"]: config.SelectboxColumn(options=["", *programmes]),
        columns["start"]: config.DateColumn(format="DD.MM.YYYY"),
        columns["end"]: config.DateColumn(format="DD.MM.YYYY"),
        columns["budget"]: config.NumberColumn(min_value=0, format="%.0f €"),
        columns["effort"]: config.NumberColumn(min_value=0),
        columns["risk"]: config.NumberColumn(min_value=1, max_value=5, step=1),
        columns["strategic_fit"]: config.NumberColumn(min_value=1, max_value=5, step=1),
        columns["ozg_maturity_target"]: config.NumberColumn(min_value=0, max_value=4, step=1),
        columns["citizens_affected"]: config.NumberColumn(min_value=0, step=1),
    }


# -- ranking, sensitivity, scheme editor -------------------------------------------------


def ranking_tab(state: Mapping[str, Any]) -> None:
    """Active scheme, ranking with its breakdown as stacked bars, sensitivity, scheme editor."""
    portfolio = state["portfolio"]
    name, scheme, row = active_scheme(state)
    if not portfolio.projects:
        st.info(t("portfolio.no_projects"))
        return
    scores = score(portfolio, scheme)
    words = {"points": t("portfolio.rank.points"), "criterion": t("portfolio.rank.criterion")}
    st.plotly_chart(ranking_figure(ranking_long(scores, scheme), words),
                    key="portfolio.chart_ranking")
    st.dataframe(pd.DataFrame([
        {t("portfolio.rank.rank"): s.rank, t("portfolio.col.key"): s.project_id,
         t("portfolio.col.name"): s.name, t("portfolio.rank.score"): round(s.score, 1),
         t("portfolio.rank.urgent"): ", ".join(t(f"portfolio.urgent.{u}", default=u)
                                               for u in s.urgent)}
        for s in scores
    ]), hide_index=True, key="portfolio.ranking_table")
    sensitivity_section(state, scheme)
    scheme_editor(name, scheme, row)


def sensitivity_section(state: Mapping[str, Any], scheme: Scheme) -> None:
    """Which ranks change when one criterion's weight share moves by ± a few points."""
    st.subheader(t("portfolio.sens.title"))
    delta = st.slider(t("portfolio.sens.delta"), 0.05, 0.3, 0.1, 0.05, key="portfolio.sens_delta",
                      format="%.2f")
    rows = sensitivity_rows(state["portfolio"], scheme, delta)
    st.caption(t("portfolio.sens.caption", delta=round(delta * 100)))
    st.dataframe(pd.DataFrame([
        {t("portfolio.rank.criterion"): r["criterion"],
         t("portfolio.sens.share"): f"{r['share'] * 100:.0f} %",
         t("portfolio.sens.down"): r["down_moves"] or t("portfolio.sens.none"),
         t("portfolio.sens.up"): r["up_moves"] or t("portfolio.sens.none")}
        for r in rows
    ]), hide_index=True, key="portfolio.sens_table")


def _seen_scheme_version(name: str, row: Any) -> int | None:
    seen = st.session_state.setdefault(SCHEME_SEEN_KEY, {})
    if name not in seen:
        seen[name] = row.version if row is not None else None
    return seen[name]


def scheme_editor(name: str, scheme: Scheme, row: Any) -> None:
    """Weights, direction and normalisation of the active scheme; saved with its version."""
    with st.expander(t("portfolio.scheme.edit_title", name=name)):
        definition = row.definition if row is not None else _shipped_definition(name)
        if not can_edit():
            st.dataframe(pd.DataFrame(criteria_rows(definition)), hide_index=True)
            return
        expected = _seen_scheme_version(name, row)
        edited = st.data_editor(
            pd.DataFrame(criteria_rows(definition)),
            key=f"portfolio.scheme_editor.{name}.{expected}",
            hide_index=True, num_rows="fixed", disabled=["name"],
            column_config={
                "name": st.column_config.TextColumn(t("portfolio.scheme.criterion")),
                "label": st.column_config.TextColumn(t("portfolio.scheme.label")),
                "weight": st.column_config.NumberColumn(t("portfolio.scheme.weight"), min_value=0.0,
                                                        step=0.05),
                "direction": st.column_config.SelectboxColumn(
                    t("portfolio.scheme.direction"), options=["benefit", "cost"], required=True),
                "normalisation": st.column_config.SelectboxColumn(
                    t("portfolio.scheme.normalisation"),
                    options=["min-max", "rank", "target", "scale"], required=True),
                "low": st.column_config.NumberColumn(t("portfolio.scheme.low")),
                "high": st.column_config.NumberColumn(t("portfolio.scheme.high")),
                "target": st.column_config.NumberColumn(t("portfolio.scheme.target")),
            },
        )
        legal_first = st.checkbox(t("portfolio.scheme.legal_first"),
                                  value=bool(definition.get("legal_first", False)),
                                  key=f"portfolio.scheme_legal.{name}")
        make_default = st.checkbox(t("portfolio.scheme.make_default"),
                                   value=bool(row.is_default) if row is not None else False,
                                   key=f"portfolio.scheme_default.{name}")
        st.caption(t("portfolio.scheme.help"))
        if st.button(t("portfolio.scheme.save"), icon=":material/save:",
                     key="portfolio.scheme_save"):
            new = scheme_from_rows(definition, edited.to_dict("records"), legal_first=legal_first)
            save_scheme = portfolio_store.save_scheme
            saved = write(lambda s: save_scheme(s, name, new, expected_version=expected,
                                                actor=actor(), make_default=make_default))
            seen = st.session_state[SCHEME_SEEN_KEY]
            if saved is None:
                seen.pop(name, None)
                return
            seen[name] = saved.version
            flash("success", t("portfolio.scheme.saved", name=name))
            st.rerun()


def _shipped_definition(name: str) -> dict[str, Any]:
    import json
    from importlib import resources

    text = (resources.files("processanalysis.portfolio") / "data" / f"scheme_{name}.json")
    return json.loads(text.read_text(encoding="utf-8"))


# -- bubble matrix and roadmap -----------------------------------------------------------


def matrix_tab(state: Mapping[str, Any]) -> None:
    """Benefit against effort (size budget, colour status) and the roadmap timeline."""
    portfolio = state["portfolio"]
    if not portfolio.projects:
        st.info(t("portfolio.no_projects"))
        return
    _, scheme, _ = _scheme_without_widget(state)
    scores = score(portfolio, scheme)
    st.subheader(t("portfolio.matrix.title"))
    st.caption(t("portfolio.matrix.caption", scheme=scheme.name))
    words = {"effort": t("portfolio.col.effort"), "benefit": t("portfolio.matrix.benefit"),
             "status": t("portfolio.col.status"), "budget": t("portfolio.col.budget")}
    st.plotly_chart(bubble_figure(bubble_rows(portfolio, scores, scheme), words, status_name),
                    key="portfolio.chart_bubble")
    st.subheader(t("portfolio.roadmap.title"))
    dated, undated = roadmap_rows(portfolio)
    if dated:
        st.plotly_chart(roadmap_figure(dated, {"status": t("portfolio.col.status")}, status_name),
                        key="portfolio.chart_roadmap")
    else:
        st.info(t("portfolio.roadmap.none"))
    if undated:
        st.caption(t("portfolio.roadmap.undated", keys=", ".join(undated)))


def _scheme_without_widget(state: Mapping[str, Any]) -> tuple[str, Scheme, Any]:
    """The scheme the ranking tab's selector holds (the selector itself lives there)."""
    rows = {row.name: row for row in state["schemes"]}
    name = st.session_state.get(SCHEME_KEY) or next(
        (r.name for r in state["schemes"] if r.is_default), next(iter(rows), "simple"))
    row = rows.get(name)
    return name, (Scheme.from_dict(row.definition) if row is not None else load_scheme(name)), row


# -- monitoring --------------------------------------------------------------------------


def monitoring_tab(state: Mapping[str, Any]) -> None:
    """A project's status history (table and chart) and a new status update."""
    projects = {row.key: row for row in state["projects"]}
    if not projects:
        st.info(t("portfolio.no_projects"))
        return
    key = st.selectbox(t("portfolio.col.name"), list(projects), key="portfolio.monitor_project",
                       format_func=lambda k: f"{k} – {projects[k].name}")
    project = projects[key]
    st.markdown(t("portfolio.monitor.current", status=status_name(project.status)))
    history = read(lambda s: portfolio_store.status_history(s, key))
    rows = [{"date": h.date, "status": h.status, "progress": h.progress, "note": h.note,
             "author": h.author} for h in history]
    if rows:
        st.plotly_chart(history_figure(rows, {"progress": t("portfolio.monitor.progress")},
                                       status_name), key="portfolio.chart_history")
        fmt = "%d.%m.%Y" if current_language() == "de" else "%Y-%m-%d"
        st.dataframe(pd.DataFrame([
            {t("portfolio.monitor.date"): r["date"].strftime(fmt),
             t("portfolio.col.status"): status_name(r["status"]),
             t("portfolio.monitor.progress"): r["progress"],
             t("portfolio.monitor.note"): r["note"] or "",
             t("portfolio.monitor.author"): r["author"] or ""}
            for r in reversed(rows)
        ]), hide_index=True, key="portfolio.history_table")
    else:
        st.caption(t("portfolio.monitor.none"))
    if not can_edit():
        return
    seen = st.session_state.setdefault(STATUS_SEEN_KEY, {})
    expected = seen.setdefault(key, project.version)
    with st.form(key=f"portfolio.status_form.{key}"):
        st.markdown(f"**{t('portfolio.monitor.add')}**")
        left, middle, right = st.columns(3)
        status = left.selectbox(t("portfolio.col.status"), PROJECT_STATUSES,
                                index=PROJECT_STATUSES.index(project.status),
                                format_func=status_name, key=f"portfolio.status_new.{key}")
        progress = middle.slider(t("portfolio.monitor.progress"), 0, 100,
                                 rows[-1]["progress"] if rows else 0, 5,
                                 key=f"portfolio.progress_new.{key}")
        when = right.date_input(t("portfolio.monitor.date"), value=date.today(),
                                key=f"portfolio.date_new.{key}", format="DD.MM.YYYY")
        note = st.text_area(t("portfolio.monitor.note"), key=f"portfolio.note_new.{key}")
        submitted = st.form_submit_button(t("portfolio.monitor.save"), icon=":material/save:")
    if submitted:
        add = portfolio_store.add_status_update
        saved = write(lambda s: add(s, key, status, int(progress), note.strip() or None,
                                    expected_version=expected, actor=actor(), on=when))
        if saved is None:
            seen.pop(key, None)  # the next save builds on the stored version, after the message
            return
        seen.pop(key, None)
        flash("success", t("portfolio.monitor.saved", project=key))
        st.rerun()


# -- measures ----------------------------------------------------------------------------


def measures_tab(state: Mapping[str, Any]) -> None:
    """Every measure with its effects and project; create one, link one to a project."""
    measures = state["measures"]
    project_keys = state["project_ids"]
    projects = {row.key: f"{row.key} – {row.name}" for row in state["projects"]}
    if measures:
        st.dataframe(pd.DataFrame([
            {t("library.measure.col_key"): m.key, t("library.measure.col_name"): m.name,
             t("library.measure.col_project"): project_keys.get(m.project_id, ""),
             t("library.measure.col_findings"): len(m.finding_ids),
             t("library.measure.hours"): m.hours_saved_per_year,
             t("library.measure.media"): m.media_breaks_removed,
             t("library.measure.handoffs"): m.handoffs_removed,
             t("library.measure.citizens"): m.citizens_affected,
             t("library.measure.cost"): m.cost}
            for m in measures
        ]), hide_index=True, key="portfolio.measures_table")
    else:
        st.info(t("portfolio.measures.none"))
    if not can_edit():
        return
    with st.expander(t("portfolio.measures.create_title")):
        st.caption(t("portfolio.measures.create_help"))
        with st.form(key="portfolio.measure_form"):
            name = st.text_input(t("library.measure.name"), key="portfolio.measure_name")
            first, second, third = st.columns(3)
            hours = first.number_input(t("library.measure.hours"), min_value=0.0, step=10.0,
                                       key="portfolio.measure_hours")
            media = second.number_input(t("library.measure.media"), min_value=0, step=1,
                                        key="portfolio.measure_media")
            handoffs = third.number_input(t("library.measure.handoffs"), min_value=0, step=1,
                                          key="portfolio.measure_handoffs")
            fourth, fifth, sixth = st.columns(3)
            citizens = fourth.number_input(t("library.measure.citizens"), min_value=0, step=100,
                                           key="portfolio.measure_citizens")
            cost = fifth.number_input(t("library.measure.cost"), min_value=0.0, step=1000.0,
                                      key="portfolio.measure_cost")
            project = sixth.selectbox(
                t("library.measure.project"), [NO_PROJECT, *projects],
                format_func=lambda k: projects.get(k, t("library.measure.no_project")),
                key="portfolio.measure_project")
            submitted = st.form_submit_button(t("library.measure.create"),
                                              icon=":material/add_task:")
        if submitted:
            create = portfolio_store.create_measure
            created = write(lambda s: create(
                s, name.strip(), project_key=project or None, hours_saved_per_year=float(hours),
                media_breaks_removed=int(media), handoffs_removed=int(handoffs),
                citizens_affected=int(citizens), cost=float(cost), actor=actor()))
            if created is not None:
                flash("success", t("library.measure.created", number=created.key,
                                   name=escape_markdown(created.name)))
                st.rerun()
    if measures:
        link_form(measures, projects, key="portfolio.link")


# -- import and export -------------------------------------------------------------------


def export_tab(state: Mapping[str, Any]) -> None:
    """XLSX export of the portfolio with the active scheme's scores; XLSX/CSV import."""
    portfolio = state["portfolio"]
    name, scheme, _ = _scheme_without_widget(state)
    st.subheader(t("portfolio.export.title"))
    st.caption(t("portfolio.export.caption", scheme=name))
    st.download_button(
        t("portfolio.export.button"), data=_xlsx(portfolio, scheme),
        file_name="portfolio.xlsx", icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="portfolio.export",
    )
    st.subheader(t("portfolio.import.title"))
    if not can_edit():
        st.caption(t("library.read_only"))
        return
    import_section()


def _xlsx(portfolio: Any, scheme: Scheme) -> bytes:
    from processanalysis.portfolio import write_portfolio_xlsx

    with tempfile.TemporaryDirectory(prefix="pa-export-") as folder:
        path = write_portfolio_xlsx(portfolio, score(portfolio, scheme),
                                    Path(folder) / "portfolio.xlsx")
        return path.read_bytes()


IMPORT_ROUND_KEY = "portfolio.import_round"
IMPORT_RESULT_KEY = "portfolio.import_result"
IGNORE = ""


def import_section() -> None:
    """Upload a project list, map its columns, import all or nothing with a per-row report."""
    st.caption(t("portfolio.import.caption"))
    round_ = st.session_state.get(IMPORT_ROUND_KEY, 0)
    upload = st.file_uploader(t("portfolio.import.uploader"), type=["xlsx", "xlsm", "csv"],
                              key=f"portfolio.import_file.{round_}")
    result = st.session_state.get(IMPORT_RESULT_KEY)
    if result is not None:
        show_import_result(result)
    if upload is None:
        return
    data = upload.getvalue()
    try:
        headers = file_headers(upload.name, data)
    except Exception:  # an unreadable workbook: say so, never a traceback
        st.error(t("portfolio.import.unreadable", name=escape_markdown(upload.name)))
        return
    if not headers:
        st.error(t("portfolio.import.no_header", name=escape_markdown(upload.name)))
        return
    st.markdown(f"**{t('portfolio.import.mapping')}**")
    guessed = default_mapping(headers)
    options = [IGNORE, *FIELD_NAMES]
    mapping: dict[str, str] = {}
    columns = st.columns(3)
    for i, header in enumerate(headers):
        chosen = columns[i % 3].selectbox(
            header, options, index=options.index(guessed[header] or IGNORE),
            format_func=lambda f: FIELD_NAMES.get(f, t("portfolio.import.ignore")),
            key=f"portfolio.map.{round_}.{i}",
        )
        if chosen != (guessed[header] or IGNORE):
            mapping[header] = chosen or "__ignored__"
    if st.button(t("portfolio.import.button"), type="primary", icon=":material/upload:",
                 key="portfolio.import_button"):
        outcome = write(lambda s: _import(s, upload.name, data, mapping))
        if outcome is not None:
            st.session_state[IMPORT_RESULT_KEY] = outcome
            if outcome["ok"]:
                st.session_state[IMPORT_ROUND_KEY] = round_ + 1
                reload_projects()
            st.rerun()


def _import(session: Session, name: str, data: bytes, mapping: dict[str, str]) -> dict[str, Any]:
    """Import one file; a rejected file becomes its report (nothing was written)."""
    importer = portfolio_store.import_project_list
    with tempfile.TemporaryDirectory(prefix="pa-import-") as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        try:
            report = importer(session, path, mapping or None, actor=actor())
        except ProjectListError as error:
            return {"ok": False, "name": name, "problems": [
                {"row": p.row, "column": p.column, "code": p.code, "message": p.message}
                for p in error.report.problems]}
    return {"ok": True, "name": name, "created": list(getattr(report, "created", [])),
            "updated": list(getattr(report, "updated", [])),
            "ignored": list(report.ignored_columns), "rows": report.rows_read}


def show_import_result(result: Mapping[str, Any]) -> None:
    """The outcome of the last import: what was created and updated, or every row problem."""
    name = escape_markdown(result["name"])
    if result["ok"]:
        st.success(t("portfolio.import.done", name=name, rows=result["rows"],
                     created=len(result["created"]), updated=len(result["updated"])))
        if result["ignored"]:
            st.caption(t("portfolio.import.ignored", columns=", ".join(result["ignored"])))
        return
    st.error(t("portfolio.import.rejected", name=name, count=len(result["problems"])))
    st.dataframe(pd.DataFrame([
        {t("portfolio.import.row"): p["row"], t("portfolio.import.column"): p["column"],
         t("portfolio.import.code"): p["code"], t("portfolio.import.message"): p["message"]}
        for p in result["problems"]
    ]), hide_index=True, key="portfolio.import_problems")
