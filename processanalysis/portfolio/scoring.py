"""Prioritisation: weighted criteria, documented normalisation, breakdown and sensitivity.

A :class:`Scheme` is a list of :class:`Criterion` (what to measure, its weight,
whether more is better, how to normalise it) plus the urgency checks that rank
mandatory projects first. :func:`score` returns one :class:`ProjectScore` per
project whose ``breakdown`` (criterion → contribution) sums to its score, so a
committee can follow every number. :func:`sensitivity` shows which ranks move
when one weight moves. Formulas: ``docs/portfolio/scoring.md``.

Examples
--------
>>> from processanalysis.portfolio.model import Portfolio, Project
>>> pf = Portfolio(projects=[Project("A", "a", strategic_fit=5), Project("B", "b")])
>>> scheme = Scheme("fit", [Criterion("strategic_fit", weight=1)])
>>> [(s.project_id, s.score, s.rank) for s in score(pf, scheme)]
[('A', 100.0, 1), ('B', 0.0, 2)]
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from processanalysis.portfolio.model import Portfolio, Project
from processanalysis.portfolio.rollup import Benefit, rollup

__all__ = [
    "METRICS",
    "NORMALISATIONS",
    "Criterion",
    "ProjectScore",
    "RankChange",
    "Scheme",
    "Sensitivity",
    "load_scheme",
    "normalise",
    "score",
    "sensitivity",
]

NORMALISATIONS = ("min-max", "rank", "target", "scale")

#: A metric reads one number for a project: (project, its rolled-up benefit, parameters).
Metric = Callable[[Project, Benefit, dict[str, float]], float]


def _monetary_value(p: Project, b: Benefit, params: dict[str, float]) -> float:
    """Kapitalwert-like value: discounted yearly savings minus investment."""
    rate = params.get("cost_rate_eur_per_hour", 55.0)
    years = int(params.get("horizon_years", 5))
    i = params.get("discount_rate", 0.0)
    day_rate = params.get("person_day_rate_eur", 0.0)
    annuity = sum(1 / (1 + i) ** t for t in range(1, years + 1))
    investment = p.budget + b.cost + p.effort * day_rate
    return b.hours_saved_per_year * rate * annuity - investment


#: Derived metrics a criterion may name besides the numeric project attributes.
METRICS: dict[str, Metric] = {
    "hours_saved_per_year": lambda p, b, _: b.hours_saved_per_year,
    "media_breaks_removed": lambda p, b, _: float(b.media_breaks_removed),
    "handoffs_removed": lambda p, b, _: float(b.handoffs_removed),
    "citizens_affected": lambda p, b, _: float(b.citizens_affected),
    "measure_cost": lambda p, b, _: b.cost,
    "total_cost": lambda p, b, _: p.budget + b.cost,
    "monetary_value": _monetary_value,
    "legal_obligation": lambda p, b, _: 1.0 if p.legal_obligation else 0.0,
    "replaces_legacy": lambda p, b, _: 1.0 if p.replaces_legacy else 0.0,
    "leika_count": lambda p, b, _: float(len(p.leika_keys)),
}


@dataclass(frozen=True)
class Criterion:
    """One weighted criterion.

    ``attribute`` names a :data:`METRICS` entry or a numeric :class:`Project` field
    (default: the criterion's ``name``), or is a :data:`Metric` callable.
    ``direction`` is ``"benefit"`` (more is better) or ``"cost"`` (less is better).
    ``bounds`` fix the scale for ``"scale"`` normalisation; ``target`` is the ideal
    value for ``"target"``. ``group`` only labels the criterion (WiBe: ``"WiBe KN"``).
    """

    name: str
    weight: float = 1.0
    direction: str = "benefit"
    normalisation: str = "min-max"
    attribute: str | Metric | None = None
    bounds: tuple[float, float] | None = None
    target: float | None = None
    group: str | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if self.direction not in ("benefit", "cost"):
            raise ValueError(f"criterion {self.name}: direction must be benefit or cost")
        if self.normalisation not in NORMALISATIONS:
            raise ValueError(f"criterion {self.name}: normalisation must be one of "
                             f"{NORMALISATIONS}, got {self.normalisation!r}")
        if self.weight < 0:
            raise ValueError(f"criterion {self.name}: weight must not be negative")
        if self.normalisation == "scale" and not self.bounds:
            raise ValueError(f"criterion {self.name}: scale normalisation needs bounds")
        if self.normalisation == "target" and self.target is None:
            raise ValueError(f"criterion {self.name}: target normalisation needs a target")
        if self.bounds:
            object.__setattr__(self, "bounds", tuple(self.bounds))

    def value(self, project: Project, benefit: Benefit, params: dict[str, float]) -> float:
        """The raw value of this criterion for ``project``."""
        attr = self.attribute or self.name
        if callable(attr):
            return float(attr(project, benefit, params))
        if attr in METRICS:
            return float(METRICS[attr](project, benefit, params))
        raw = getattr(project, attr, None)
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ValueError(f"criterion {self.name}: {attr!r} is neither a metric "
                             "nor a numeric project attribute")
        return float(raw)


@dataclass(frozen=True)
class Scheme:
    """A prioritisation scheme (Priorisierungsschema).

    ``legal_first`` ranks projects with a legal obligation before all others;
    ``urgency`` names further yes/no metrics checked after it, in order (the WiBe
    scheme uses ``["replaces_legacy"]``). Within one urgency tier, the weighted
    score decides. ``parameters`` feed metrics such as ``monetary_value``.
    """

    name: str
    criteria: list[Criterion]
    legal_first: bool = False
    urgency: tuple[str, ...] = ()
    parameters: dict[str, float] = field(default_factory=dict)
    description: str = ""

    @property
    def checks(self) -> tuple[str, ...]:
        """The urgency checks in the order they are applied."""
        first = ("legal_obligation",) if self.legal_first else ()
        return first + tuple(c for c in self.urgency if c not in first)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scheme:
        """Build a scheme from its JSON form (see ``data/*.json``)."""
        criteria = [Criterion(**c) for c in data["criteria"]]
        return cls(data["name"], criteria, bool(data.get("legal_first", False)),
                   tuple(data.get("urgency", ())), dict(data.get("parameters", {})),
                   data.get("description", ""))

    def with_weight(self, criterion: str, share: float) -> Scheme:
        """A copy where ``criterion`` has ``share`` of the total weight.

        The other weights keep their proportions among themselves.
        """
        total = sum(c.weight for c in self.criteria)
        own = next(c.weight for c in self.criteria if c.name == criterion)
        rest = total - own
        share = min(max(share, 0.0), 1.0)
        criteria = []
        for c in self.criteria:
            if c.name == criterion:
                criteria.append(replace(c, weight=share))
            elif rest > 0:
                criteria.append(replace(c, weight=c.weight / rest * (1 - share)))
            else:
                criteria.append(c)
        return replace(self, criteria=criteria)


def load_scheme(name_or_path: str | Path) -> Scheme:
    """Load a shipped scheme (``"simple"``, ``"wibe"``) or a scheme JSON file."""
    path = Path(name_or_path)
    if path.suffix == ".json":
        text = path.read_text(encoding="utf-8")
    else:
        text = (resources.files("processanalysis.portfolio") / "data" /
                f"scheme_{name_or_path}.json").read_text(encoding="utf-8")
    return Scheme.from_dict(json.loads(text))


def normalise(values: list[float], criterion: Criterion) -> list[float]:
    """Map raw values to [0, 1], where 1 is best for the criterion's direction.

    When every value is the same, min-max and rank give everyone 0.5: the criterion
    does not tell the projects apart, so it neither rewards nor penalises anyone.

    Examples
    --------
    >>> normalise([10, 20, 30], Criterion("x"))
    [0.0, 0.5, 1.0]
    >>> normalise([10, 20, 30], Criterion("x", direction="cost"))
    [1.0, 0.5, 0.0]
    >>> normalise([7, 7], Criterion("x"))
    [0.5, 0.5]
    >>> normalise([5, 1, 5], Criterion("x", normalisation="rank"))
    [0.75, 0.0, 0.75]
    """
    n = len(values)
    kind = criterion.normalisation
    if kind == "min-max":
        low, high = min(values, default=0), max(values, default=0)
        out = [0.5 if high == low else (v - low) / (high - low) for v in values]
    elif kind == "scale":
        low, high = criterion.bounds  # type: ignore[misc]
        out = [min(max((v - low) / (high - low), 0.0), 1.0) for v in values]
    elif kind == "rank":
        # Ties share the average of their positions, so equal values score equally;
        # one pass over the sorted values keeps this linear after the sort.
        first: dict[float, int] = {}
        last: dict[float, int] = {}
        for i, v in enumerate(sorted(values)):
            first.setdefault(v, i)
            last[v] = i
        if n < 2 or len(first) == 1:
            out = [0.5] * n
        else:
            out = [(first[v] + last[v]) / 2 / (n - 1) for v in values]
    else:  # target: 1 at the target, falling linearly to 0 at the largest deviation
        t = criterion.target
        worst = max((abs(v - t) for v in values), default=0.0)  # type: ignore[operator]
        out = [1.0 if worst == 0 else 1 - abs(v - t) / worst for v in values]  # type: ignore[operator]
        return [round(x, 12) for x in out]  # direction does not apply to a target
    if criterion.direction == "cost":
        out = [1 - x for x in out]
    return [round(x, 12) for x in out]


@dataclass(frozen=True)
class ProjectScore:
    """The score of one project with everything needed to explain it.

    ``breakdown`` maps criterion name → contribution in points; the contributions
    sum to ``score`` (0–100). ``urgent`` lists the urgency checks the project met,
    which place it ahead of every project that met fewer earlier checks.
    """

    project_id: str
    name: str
    score: float
    rank: int
    breakdown: dict[str, float]
    raw: dict[str, float]
    normalised: dict[str, float]
    urgent: tuple[str, ...] = ()


def score(portfolio: Portfolio, scheme: Scheme) -> list[ProjectScore]:
    """Score and rank every project of ``portfolio`` with ``scheme``.

    A criterion contributes ``100 × weight / Σ weights × normalised value``. The
    ranking sorts by urgency tier (the checks of :attr:`Scheme.checks`, earlier
    checks first), then score (descending), then project id for a stable order.

    Returns
    -------
    list[ProjectScore]
        In rank order; rank 1 is the highest priority.
    """
    projects = list(portfolio.projects)
    benefits = rollup(portfolio).by_project
    params = scheme.parameters
    total_weight = sum(c.weight for c in scheme.criteria)
    raw: dict[str, list[float]] = {}
    norm: dict[str, list[float]] = {}
    for c in scheme.criteria:
        raw[c.name] = [c.value(p, benefits[p.id], params) for p in projects]
        norm[c.name] = normalise(raw[c.name], c)
    unranked = []
    for i, p in enumerate(projects):
        breakdown = {
            c.name: (100 * c.weight / total_weight * norm[c.name][i] if total_weight else 0.0)
            for c in scheme.criteria
        }
        urgent = tuple(k for k in scheme.checks if METRICS[k](p, benefits[p.id], params))
        unranked.append((p, breakdown, urgent, i))

    def order(item: tuple[Project, dict[str, float], tuple[str, ...], int]) -> tuple:
        p, breakdown, urgent, _ = item
        tier = tuple(k not in urgent for k in scheme.checks)
        return (tier, -round(sum(breakdown.values()), 9), p.id)

    result = []
    for rank, (p, breakdown, urgent, i) in enumerate(sorted(unranked, key=order), start=1):
        result.append(ProjectScore(
            p.id, p.name, sum(breakdown.values()), rank, breakdown,
            {k: v[i] for k, v in raw.items()}, {k: v[i] for k, v in norm.items()}, urgent,
        ))
    return result


@dataclass(frozen=True)
class RankChange:
    """A project whose rank differs from the base ranking."""

    project_id: str
    base_rank: int
    new_rank: int


@dataclass(frozen=True)
class Sensitivity:
    """Rank changes when ``criterion``'s weight share moves by ``-delta`` and ``+delta``."""

    criterion: str
    delta: float
    base_share: float
    down: list[RankChange]
    up: list[RankChange]

    @property
    def stable(self) -> bool:
        """True when neither move changes any rank."""
        return not self.down and not self.up


def sensitivity(
    portfolio: Portfolio, scheme: Scheme, criterion: str, delta: float = 0.1
) -> Sensitivity:
    """Which projects change rank when ``criterion``'s weight moves by ±``delta``.

    The weight is taken as its share of the total weight; the share moves by
    ``delta`` (clamped to [0, 1]) and the other weights are rescaled in proportion,
    so the scheme keeps its total.
    """
    if criterion not in {c.name for c in scheme.criteria}:
        raise KeyError(criterion)
    total = sum(c.weight for c in scheme.criteria)
    share = next(c.weight for c in scheme.criteria if c.name == criterion) / total
    base = {s.project_id: s.rank for s in score(portfolio, scheme)}

    def changes(new_share: float) -> list[RankChange]:
        moved = score(portfolio, scheme.with_weight(criterion, new_share))
        return [RankChange(s.project_id, base[s.project_id], s.rank)
                for s in moved if s.rank != base[s.project_id]]

    return Sensitivity(criterion, delta, share, changes(share - delta), changes(share + delta))
