"""Benefit roll-up: measures → projects → programmes → fields of action.

Hours saved, media breaks and hand-offs removed, and cost add up along the tree.
Citizens affected do not: the same citizens are reached by several measures of one
service, so a sum would count them twice. The roll-up keeps the largest group
(``max``), a defensible lower bound of the reach, at every level.

Examples
--------
>>> from processanalysis.portfolio.model import Measure, Portfolio, Project
>>> pf = Portfolio(projects=[Project("P1", "E-Akte")],
...                measures=[Measure("M1", "Scan", project_id="P1", hours_saved_per_year=100),
...                          Measure("M2", "Signatur", project_id="P1", hours_saved_per_year=50)])
>>> rollup(pf).by_project["P1"].hours_saved_per_year
150.0
"""

from __future__ import annotations

from dataclasses import dataclass, field

from processanalysis.portfolio.model import Measure, Portfolio

__all__ = ["Benefit", "Rollup", "rollup"]


@dataclass(frozen=True)
class Benefit:
    """Benefit totals of one node of the portfolio tree."""

    hours_saved_per_year: float = 0.0
    media_breaks_removed: int = 0
    handoffs_removed: int = 0
    citizens_affected: int = 0
    cost: float = 0.0
    measures: int = 0

    @classmethod
    def of(cls, measure: Measure) -> Benefit:
        """The benefit of a single measure."""
        return cls(float(measure.hours_saved_per_year), measure.media_breaks_removed,
                   measure.handoffs_removed, measure.citizens_affected, float(measure.cost), 1)

    def __add__(self, other: Benefit) -> Benefit:
        return Benefit(
            self.hours_saved_per_year + other.hours_saved_per_year,
            self.media_breaks_removed + other.media_breaks_removed,
            self.handoffs_removed + other.handoffs_removed,
            max(self.citizens_affected, other.citizens_affected),
            self.cost + other.cost,
            self.measures + other.measures,
        )


@dataclass
class Rollup:
    """Benefits per project, programme and field of action.

    Every project, programme and field appears, with a zero :class:`Benefit` when
    nothing is linked. ``orphans`` lists measures whose project is unknown or unset,
    ``unassigned_projects`` projects without a (known) programme: both are left out
    of the levels above them rather than guessed.
    """

    by_project: dict[str, Benefit] = field(default_factory=dict)
    by_programme: dict[str, Benefit] = field(default_factory=dict)
    by_field: dict[str, Benefit] = field(default_factory=dict)
    orphans: list[str] = field(default_factory=list)
    unassigned_projects: list[str] = field(default_factory=list)


def rollup(portfolio: Portfolio) -> Rollup:
    """Roll the benefits of measures up to projects, programmes and fields of action.

    Parameters
    ----------
    portfolio : Portfolio
        The portfolio; it is not changed.

    Returns
    -------
    Rollup
        Totals per level plus the measures and projects that could not be placed.
    """
    result = Rollup(
        by_project={p.id: Benefit() for p in portfolio.projects},
        by_programme={g.id: Benefit() for g in portfolio.programmes},
        by_field={f.id: Benefit() for f in portfolio.fields},
    )
    for m in portfolio.measures:
        if m.project_id in result.by_project:
            result.by_project[m.project_id] += Benefit.of(m)
        else:
            result.orphans.append(m.id)
    for p in portfolio.projects:
        if p.programme_id in result.by_programme:
            result.by_programme[p.programme_id] += result.by_project[p.id]
        else:
            result.unassigned_projects.append(p.id)
    for g in portfolio.programmes:
        if g.field_id in result.by_field:
            result.by_field[g.field_id] += result.by_programme[g.id]
    return result
