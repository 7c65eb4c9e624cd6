"""Forms of the portfolio page that add records: a project, a field of action, a programme.

Before the XLSX import was the only way to add a project; these forms let an analyst add
one by hand. Input is checked here first (blank or taken keys, LeiKa keys) so the user
gets a message naming the field; the :class:`~processanalysis.portfolio.Project`
dataclass then checks ranges and dates, and the store refuses a key taken meanwhile.
Every write goes through :func:`app_pages.workspace.write` (role check, no traceback,
nothing written on an error). Viewers see none of these forms.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

import streamlit as st

from app_pages.i18n import escape_markdown, t
from app_pages.portfolio_data import PROJECT_STATUSES
from app_pages.workspace import actor, can_edit, flash, write
from models import portfolio_store
from processanalysis.portfolio import Project

__all__ = [
    "bad_leika_keys",
    "new_project_form",
    "next_key",
    "split_list",
    "strategy_forms",
]

NEW_PROJECT = "portfolio.new_project"
NEW_FIELD = "portfolio.new_field"
NEW_PROGRAMME = "portfolio.new_programme"
#: Column lengths of the key and name columns (``models.portfolio``): checked before saving
#: so PostgreSQL never refuses a too-long value with a bare database error.
KEY_LENGTH, NAME_LENGTH = 50, 300


def next_key(taken: Collection[str], prefix: str = "P-", width: int = 2) -> str:
    """The next free key ``prefix`` + number after the highest number in use.

    Examples
    --------
    >>> next_key(["P-01", "P-12", "X-99"])
    'P-13'
    >>> next_key([])
    'P-01'
    >>> next_key(["HF-1", "HF-3"], "HF-", 1)
    'HF-4'
    """
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    numbers = [int(m.group(1)) for k in taken if (m := pattern.fullmatch(k))]
    return f"{prefix}{max(numbers, default=0) + 1:0{width}d}"


def split_list(text: str) -> tuple[str, ...]:
    """Comma-, semicolon- or line-separated entries, stripped, blanks and repeats left out.

    Examples
    --------
    >>> split_list("99123456789012, 99123456789013;\\n 99123456789012 ,")
    ('99123456789012', '99123456789013')
    """
    entries = (part.strip() for part in re.split(r"[;,\n]", text or ""))
    return tuple(dict.fromkeys(e for e in entries if e))


def bad_leika_keys(keys: Collection[str]) -> list[str]:
    """The entries that are not LeiKa keys (exactly 14 digits), as the importer checks them.

    Examples
    --------
    >>> bad_leika_keys(["99123456789012", "9912345678901", "9912345678901x"])
    ['9912345678901', '9912345678901x']
    """
    return [k for k in keys if not re.fullmatch(r"\d{14}", k)]



def _key_problem(key: str, name: str, taken: Collection[str]) -> str | None:
    """The message for a blank, too long or taken key or a blank or too long name."""
    if not key:
        return t("portfolio.new.key_missing")
    if len(key) > KEY_LENGTH:
        return t("portfolio.new.too_long", field=t("portfolio.new.key"), limit=KEY_LENGTH)
    if key in taken:
        return t("portfolio.new.key_taken", number=escape_markdown(key))
    if not name:
        return t("portfolio.new.name_missing")
    if len(name) > NAME_LENGTH:
        return t("portfolio.new.too_long", field=t("portfolio.new.name"), limit=NAME_LENGTH)
    return None


def _forget(prefix: str) -> None:
    """Reset a form's widgets after a save, so it shows the next suggested key."""
    for name in [k for k in st.session_state if str(k).startswith(prefix + ".")]:
        del st.session_state[name]


def _status_name(status: str) -> str:
    return t(f"portfolio.status.{status}", default=status)


# -- a new project -----------------------------------------------------------------------


def new_project_form(state: Mapping[str, Any], on_created: Any = None) -> None:
    """„Neues Vorhaben“: every field of a project; saved with ``create_project``.

    ``on_created`` runs after a successful save (the page forgets its table snapshot so
    the new row shows).
    """
    if not can_edit():
        return
    taken = {row.key for row in state["projects"]}
    programmes = {g.id: g.name for g in state["portfolio"].programmes}
    k = NEW_PROJECT
    with st.expander(t("portfolio.new.project_title"), icon=":material/add_circle:"):
        st.caption(t("portfolio.new.project_help"))
        with st.form(key=f"{k}.form"):
            first, second = st.columns([1, 3])
            key = first.text_input(t("portfolio.new.key"), value=next_key(taken), key=f"{k}.key")
            name = second.text_input(t("portfolio.new.name"), key=f"{k}.name")
            first, second, third = st.columns(3)
            owner = first.text_input(t("portfolio.col.owner_unit"), key=f"{k}.owner_unit")
            programme = second.selectbox(
                t("portfolio.col.programme_key"), ["", *programmes],
                format_func=lambda g: f"{g} – {programmes[g]}" if g else t("portfolio.new.none"),
                key=f"{k}.programme")
            status = third.selectbox(t("portfolio.col.status"), PROJECT_STATUSES,
                                     format_func=_status_name, key=f"{k}.status")
            first, second, third, fourth = st.columns(4)
            start = first.date_input(t("portfolio.col.start"), value=None, format="DD.MM.YYYY",
                                     key=f"{k}.start")
            end = second.date_input(t("portfolio.col.end"), value=None, format="DD.MM.YYYY",
                                    key=f"{k}.end")
            budget = third.number_input(t("portfolio.col.budget"), min_value=0.0, step=10000.0,
                                        format="%.0f", key=f"{k}.budget")
            effort = fourth.number_input(t("portfolio.col.effort"), min_value=0.0, step=10.0,
                                         key=f"{k}.effort")
            first, second, third, fourth = st.columns(4)
            risk = first.number_input(t("portfolio.col.risk"), min_value=1, max_value=5, value=3,
                                      step=1, key=f"{k}.risk")
            fit = second.number_input(t("portfolio.col.strategic_fit"), min_value=1, max_value=5,
                                      value=3, step=1, key=f"{k}.strategic_fit")
            maturity = third.number_input(t("portfolio.col.ozg_maturity_target"), min_value=0,
                                          max_value=4, value=0, step=1, key=f"{k}.ozg")
            citizens = fourth.number_input(t("portfolio.col.citizens_affected"), min_value=0,
                                           step=100, key=f"{k}.citizens")
            first, second = st.columns([1, 3])
            legal = first.text_input(t("portfolio.col.legal_obligation"),
                                     placeholder=t("portfolio.new.legal_placeholder"),
                                     key=f"{k}.legal")
            leika = second.text_input(t("portfolio.new.leika"),
                                      placeholder="99123456012000, 99123456013000",
                                      key=f"{k}.leika")
            services = st.text_input(t("portfolio.new.services"), key=f"{k}.services",
                                     placeholder=t("portfolio.new.services_placeholder"))
            legacy = st.checkbox(t("portfolio.col.replaces_legacy"), key=f"{k}.legacy")
            submitted = st.form_submit_button(t("portfolio.new.project_save"), type="primary",
                                              icon=":material/add:")
        if not submitted:
            return
        key, name = key.strip(), name.strip()
        problem = _key_problem(key, name, taken)
        leika_keys = split_list(leika)
        bad = bad_leika_keys(leika_keys)
        if problem is None and bad:
            problem = t("portfolio.new.bad_leika", keys=escape_markdown(", ".join(bad)))
        if problem is not None:
            st.error(problem)
            return
        try:
            project = Project(
                id=key, name=name, owner_unit=owner.strip(), status=status, start=start, end=end,
                budget=float(budget), effort=float(effort), risk=int(risk),
                strategic_fit=int(fit), legal_obligation=legal.strip() or None,
                ozg_maturity_target=int(maturity), leika_keys=leika_keys,
                affected_services=split_list(services), programme_id=programme or None,
                replaces_legacy=bool(legacy))
        except ValueError as error:  # ranges and dates, as the model checks them
            st.error(t("library.db.invalid", detail=escape_markdown(error)))
            return
        create = portfolio_store.create_project
        created = write(lambda s: create(s, project, actor=actor(),
                                         citizens_affected=int(citizens)))
        if created is None:
            return
        _forget(k)
        if on_created is not None:
            on_created()
        flash("success", t("portfolio.new.project_saved", number=escape_markdown(key),
                           name=escape_markdown(name)))
        st.rerun()


# -- fields of action and programmes -----------------------------------------------------


def strategy_forms(state: Mapping[str, Any]) -> None:
    """Add a field of action, and a programme under a field (strategy tab)."""
    if not can_edit():
        return
    portfolio = state["portfolio"]
    fields = {f.id: f.name for f in portfolio.fields}
    left, right = st.columns(2)
    with left, st.expander(t("portfolio.new.field_title"), icon=":material/add_circle:"):
        _field_form(fields)
    with right, st.expander(t("portfolio.new.programme_title"), icon=":material/add_circle:"):
        if not fields:
            st.info(t("portfolio.new.no_fields"))
        else:
            _programme_form(fields, {g.id for g in portfolio.programmes})


def _field_form(fields: Mapping[str, str]) -> None:
    k = NEW_FIELD
    with st.form(key=f"{k}.form"):
        key = st.text_input(t("portfolio.new.key"), value=next_key(fields, "HF-", 1),
                            key=f"{k}.key")
        name = st.text_input(t("portfolio.new.name"), key=f"{k}.name")
        description = st.text_area(t("portfolio.new.description"), key=f"{k}.description")
        submitted = st.form_submit_button(t("portfolio.new.field_save"), icon=":material/add:")
    if not submitted:
        return
    key, name = key.strip(), name.strip()
    problem = _key_problem(key, name, fields)
    if problem is not None:
        st.error(problem)
        return
    create = portfolio_store.create_field_of_action
    created = write(lambda s: create(s, key, name, description=description.strip() or None,
                                     actor=actor()))
    if created is not None:
        _forget(k)
        flash("success", t("portfolio.new.field_saved", number=escape_markdown(key),
                           name=escape_markdown(name)))
        st.rerun()


def _programme_form(fields: Mapping[str, str], programmes: Collection[str]) -> None:
    k = NEW_PROGRAMME
    with st.form(key=f"{k}.form"):
        key = st.text_input(t("portfolio.new.key"), value=next_key(programmes, "PG-", 2),
                            key=f"{k}.key")
        name = st.text_input(t("portfolio.new.name"), key=f"{k}.name")
        field = st.selectbox(t("portfolio.tree.field"), list(fields),
                             format_func=lambda f: f"{f} – {fields[f]}", key=f"{k}.field")
        submitted = st.form_submit_button(t("portfolio.new.programme_save"),
                                          icon=":material/add:")
    if not submitted:
        return
    key, name = key.strip(), name.strip()
    problem = _key_problem(key, name, programmes)
    if problem is not None:
        st.error(problem)
        return
    create = portfolio_store.create_programme
    created = write(lambda s: create(s, key, name, field_key=field, actor=actor()))
    if created is not None:
        _forget(k)
        flash("success", t("portfolio.new.programme_saved", number=escape_markdown(key),
                           name=escape_markdown(name), field=escape_markdown(field)))
        st.rerun()
