"""The portfolio domain: fields of action, programmes, projects and measures.

Plain dataclasses, no database: the ``models/`` layer maps them to tables, the
scoring and roll-up functions take them as they are. Values are checked on
construction so that a scoring run never meets a risk of 7 or a status "maybe".

Examples
--------
>>> p = Project("P1", "E-Akte Bauamt", risk=2, strategic_fit=4, ozg_maturity_target=3)
>>> p.status, p.budget
('idea', 0.0)
>>> Project("P2", "x", risk=9)
Traceback (most recent call last):
...
ValueError: project P2: risk must be between 1 and 5, got 9
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "STATUSES",
    "FieldOfAction",
    "Measure",
    "Portfolio",
    "Programme",
    "Project",
]

#: Project statuses in lifecycle order.
STATUSES: tuple[str, ...] = ("idea", "planned", "in_progress", "done", "stopped")


@dataclass(frozen=True)
class FieldOfAction:
    """A strategic field of action (Handlungsfeld), e.g. "Digitale Verwaltung"."""

    id: str
    name: str


@dataclass(frozen=True)
class Programme:
    """A programme (Programm) bundling projects under one field of action."""

    id: str
    name: str
    field_id: str | None = None


def _check_range(owner: str, name: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise ValueError(f"{owner}: {name} must be between {low} and {high}, got {value}")


@dataclass(frozen=True)
class Project:
    """A project (Projekt / Vorhaben).

    ``legal_obligation`` names the law that makes the project mandatory (``"OZG"``,
    ``"EGovG"``) or is ``None``; ``replaces_legacy`` marks an Ablösung (a system that
    must be replaced). Both feed the urgency check of a scheme. ``ozg_maturity_target``
    is the OZG maturity level (Reifegrad 0–4) the project aims for; ``leika_keys``
    are the 14-digit LeiKa service keys (Leistungsschlüssel) it affects.
    """

    id: str
    name: str
    owner_unit: str = ""
    status: str = "idea"
    start: date | None = None
    end: date | None = None
    budget: float = 0.0
    effort: float = 0.0
    risk: int = 3
    strategic_fit: int = 3
    legal_obligation: str | None = None
    ozg_maturity_target: int = 0
    leika_keys: tuple[str, ...] = ()
    affected_services: tuple[str, ...] = ()
    programme_id: str | None = None
    replaces_legacy: bool = False

    def __post_init__(self) -> None:
        owner = f"project {self.id}"
        if self.status not in STATUSES:
            raise ValueError(f"{owner}: status must be one of {STATUSES}, got {self.status!r}")
        _check_range(owner, "risk", self.risk, 1, 5)
        _check_range(owner, "strategic_fit", self.strategic_fit, 1, 5)
        _check_range(owner, "ozg_maturity_target", self.ozg_maturity_target, 0, 4)
        if self.budget < 0 or self.effort < 0:
            raise ValueError(f"{owner}: budget and effort must not be negative")
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"{owner}: end {self.end} is before start {self.start}")
        # Lists are accepted for convenience and frozen so a project stays hashable.
        object.__setattr__(self, "leika_keys", tuple(self.leika_keys))
        object.__setattr__(self, "affected_services", tuple(self.affected_services))


@dataclass(frozen=True)
class Measure:
    """A measure (Maßnahme) derived from findings and carried out by one project."""

    id: str
    name: str
    finding_ids: tuple[str, ...] = ()
    project_id: str | None = None
    hours_saved_per_year: float = 0.0
    media_breaks_removed: int = 0
    handoffs_removed: int = 0
    citizens_affected: int = 0
    cost: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "finding_ids", tuple(self.finding_ids))
        for name in ("hours_saved_per_year", "media_breaks_removed", "handoffs_removed",
                     "citizens_affected", "cost"):
            if getattr(self, name) < 0:
                raise ValueError(f"measure {self.id}: {name} must not be negative")


@dataclass
class Portfolio:
    """Everything a scoring or roll-up run needs, indexed by nothing but lists."""

    fields: list[FieldOfAction] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)

    def project(self, project_id: str) -> Project:
        """Return the project with ``project_id`` (``KeyError`` if there is none)."""
        for p in self.projects:
            if p.id == project_id:
                return p
        raise KeyError(project_id)

    def measures_of(self, project_id: str) -> list[Measure]:
        """The measures that belong to ``project_id``, in portfolio order."""
        return [m for m in self.measures if m.project_id == project_id]
