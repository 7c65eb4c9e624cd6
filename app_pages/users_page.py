"""Zugang & Rollen: who am I, what may I do, and (admins only) who gets which role."""

from __future__ import annotations

import streamlit as st

from app_pages import auth
from app_pages.i18n import escape_markdown, t

PICK_KEY = "auth.users.pick"
ROLE_KEY = "auth.users.new_role"


def users() -> list[dict[str, object]]:
    """Everybody in the ``app_user`` table, by name; the page's only read of it."""
    from sqlmodel import select

    from models.db import session_for
    from models.users import AppUser

    with session_for(auth.app_engine()) as session:
        rows = session.exec(select(AppUser).order_by(AppUser.name, AppUser.subject)).all()
        return [
            {"subject": row.subject, "name": row.name, "email": row.email, "role": row.role}
            for row in rows
        ]


@auth.guard("admin")
def save_role() -> None:
    """Give the chosen user the chosen role (admins only, checked again here)."""
    from models.db import session_for
    from models.users import upsert_user

    subject, role = st.session_state.get(PICK_KEY), st.session_state.get(ROLE_KEY)
    if not subject or role not in auth.ROLES:
        return
    actor = auth.current_user().subject
    with session_for(auth.app_engine()) as session:
        user = upsert_user(session, subject, role=role, actor=actor)
    st.toast(t("auth.users.saved", user=user.name or user.email or subject,
               role=t(f"auth.role.{role}")))


st.title(t("auth.users.title"))
me = auth.current_user()
config = auth.load_config()

st.subheader(t("auth.users.you"))
if config.provider_configured:
    st.markdown(
        f"**{t('auth.users.name')}:** {escape_markdown(me.name)}  \n"
        f"**{t('auth.users.email')}:** {escape_markdown(me.email or '–')}  \n"
        f"**{t('auth.users.subject')}:** `{me.subject}`  \n"
        f"**{t('auth.users.role')}:** {t(f'auth.role.{me.role}')}"
    )
else:
    st.info(t("auth.users.local"), icon=":material/computer:")
st.caption(t(f"auth.users.rights.{me.role}"))

st.subheader(t("auth.users.manage"))
auth.require_role("admin")
st.caption(t("auth.users.manage_caption"))
try:
    people = users()
except Exception as error:
    st.error(t("auth.users.db_error", kind=type(error).__name__))
    st.stop()
if not people:
    st.info(t("auth.users.empty"))
    st.stop()
st.dataframe(
    [
        {
            t("auth.users.name"): person["name"],
            t("auth.users.email"): person["email"],
            t("auth.users.subject"): person["subject"],
            t("auth.users.listed_role"): t(f"auth.role.{person['role']}"),
            t("auth.users.note"): t("auth.users.always_admin")
            if {str(person["subject"]).lower(), str(person["email"] or "").lower()}
            & config.admins
            else "",
        }
        for person in people
    ],
    hide_index=True,
)
labels = {str(p["subject"]): f"{p['name'] or p['email'] or p['subject']} ({p['subject']})"
          for p in people}
pick, role, save = st.columns([3, 2, 1], vertical_alignment="bottom")
pick.selectbox(t("auth.users.pick"), list(labels), format_func=labels.__getitem__, key=PICK_KEY)
role.selectbox(t("auth.users.new_role"), auth.ROLES,
               format_func=lambda r: t(f"auth.role.{r}"), key=ROLE_KEY)
save.button(t("auth.users.save"), on_click=save_role, type="primary",
            disabled=not auth.can_edit())
