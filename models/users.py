"""Users of a shared server and their roles: admin, analyst, viewer.

The identity comes from the OpenID Connect provider (``sub``); the role comes from a claim
of the token when the provider sends one, else from this table, else it is ``viewer``, the
role that cannot change anything.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Column, DateTime
from sqlmodel import Field, Session, SQLModel, select

from models.audit import AuditEntry
from models.library import utc_now

__all__ = ["ROLES", "AppUser", "role_for", "upsert_user"]

#: Roles, most powerful first.
ROLES = ("admin", "analyst", "viewer")


class AppUser(SQLModel, table=True):
    """A person who signed in at least once, or whom an admin registered with a role."""

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'analyst', 'viewer')", name="ck_app_user_role"),
    )

    id: int | None = Field(default=None, primary_key=True)
    subject: str = Field(max_length=300, unique=True)
    email: str | None = Field(default=None, max_length=300, index=True)
    name: str | None = Field(default=None, max_length=300)
    role: str = Field(default="viewer", max_length=10)
    version: int = 1
    created_at: datetime = Field(
        default_factory=utc_now,
        sa_column=Column(DateTime(timezone=True), nullable=False, default=utc_now),
    )


def _role_from_claim(claims: dict[str, Any], claim_name: str) -> str | None:
    """The most powerful known role in the claim (a string or a list, e.g. Keycloak roles)."""
    value = claims.get(claim_name)
    if value is None and claim_name == "roles":  # Keycloak puts realm roles here
        value = (claims.get("realm_access") or {}).get("roles")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return None
    named = {str(v).strip().lower() for v in value}
    return next((role for role in ROLES if role in named), None)


def role_for(
    session: Session,
    subject: str,
    email: str | None,
    claims: dict[str, Any],
    *,
    claim_name: str = "roles",
) -> str:
    """The role of a signed-in user: the claim first, then the user table, default viewer.

    The table is looked up by ``subject``, then by ``email`` (an admin may register a
    colleague by e-mail before the first sign-in).

    Examples
    --------
    >>> _role_from_claim({"roles": ["viewer", "analyst"]}, "roles")
    'analyst'
    """
    from_claim = _role_from_claim(claims, claim_name)
    if from_claim:
        return from_claim
    user = session.exec(select(AppUser).where(AppUser.subject == subject)).first()
    if user is None and email:
        user = session.exec(select(AppUser).where(AppUser.email == email)).first()
    return user.role if user is not None else "viewer"


def upsert_user(
    session: Session,
    subject: str,
    *,
    email: str | None = None,
    name: str | None = None,
    role: str | None = None,
    actor: str | None = None,
) -> AppUser:
    """Create the user ``subject`` or update its e-mail, name and (if given) role; commits.

    Raises ``ValueError`` for an unknown role; nothing is written then.
    """
    if role is not None and role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, not {role!r}")
    try:
        user = session.exec(select(AppUser).where(AppUser.subject == subject)).first()
        action = "update"
        if user is None:
            user = AppUser(subject=subject, role=role or "viewer")
            action = "create"
        changes: dict[str, Any] = {}
        for attr, value in (("email", email), ("name", name), ("role", role)):
            if value is not None and getattr(user, attr) != value:
                setattr(user, attr, value)
                changes[attr] = value
        if action == "update" and not changes:
            return user
        if action == "update":
            user.version += 1
        session.add(user)
        session.flush()
        assert user.id is not None
        session.add(AuditEntry(actor=actor, table_name="app_user", record_id=user.id,
                               action=action, detail=changes))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return user
