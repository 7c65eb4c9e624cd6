"""Shaping the portfolio for its page: tables, chart data and the edits of the project table.

No Streamlit here: every function takes dataclasses or rows and returns plain data, so it
is tested without a browser. Scores come from :func:`processanalysis.portfolio.score`,
benefits from :func:`processanalysis.portfolio.rollup`; nothing is computed twice.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from processanalysis.portfolio import (
    STATUSES,
    Portfolio,
    ProjectScore,
    Rollup,
    Scheme,
    sensitivity,
)
from processanalysis.portfolio.spreadsheet import HEADERS, header_field

__all__ = [
    "EDITABLE",
    "benefit_points",
    "bubble_rows",
    "changed_projects",
    "criteria_rows",
    "file_headers",
    "project_records",
    "ranking_long",
    "roadmap_rows",
    "scheme_from_rows",
    "sensitivity_rows",
    "tree_rows",
]

#: Columns of the project table a user may change, in table order (``update_project`` names).
EDITABLE = (
    "name", "owner_unit", "status", "programme_key", "start", "end", "budget", "effort",
    "risk", "strategic_fit", "legal_obligation", "ozg_maturity_target", "replaces_legacy",
    "citizens_affected",
)


def tree_rows(portfolio: Portfolio, benefits: Rollup) -> list[dict[str, Any]]:
    """Fields of action → programmes → projects, each with its rolled-up benefit.

    Projects without a (known) programme come last under ``level`` ``"project"`` with an
    empty ``parent``.

    Examples
    --------
    >>> from processanalysis.portfolio import FieldOfAction, Measure, Programme, Project, rollup
    >>> pf = Portfolio([FieldOfAction("F", "Digitale Verwaltung")], [Programme("G", "E-Akte", "F")],
    ...                [Project("P", "E-Akte Bauamt", programme_id="G")],
    ...                [Measure("M", "Scan", project_id="P", hours_saved_per_year=120)])
    >>> [(r["level"], r["id"], r["hours_saved_per_year"]) for r in tree_rows(pf, rollup(pf))]
    [('field', 'F', 120.0), ('programme', 'G', 120.0), ('project', 'P', 120.0)]
    """
    rows: list[dict[str, Any]] = []

    def add(level: str, node_id: str, name: str, parent: str, benefit: Any) -> None:
        rows.append({
            "level": level, "id": node_id, "name": name, "parent": parent,
            "hours_saved_per_year": benefit.hours_saved_per_year,
            "media_breaks_removed": benefit.media_breaks_removed,
            "handoffs_removed": benefit.handoffs_removed,
            "citizens_affected": benefit.citizens_affected,
            "cost": benefit.cost, "measures": benefit.measures,
        })

    placed: set[str] = set()
    for field in portfolio.fields:
        add("field", field.id, field.name, "", benefits.by_field[field.id])
        for programme in (g for g in portfolio.programmes if g.field_id == field.id):
            add("programme", programme.id, programme.name, field.id,
                benefits.by_programme[programme.id])
            for project in (p for p in portfolio.projects if p.programme_id == programme.id):
                add("project", project.id, project.name, programme.id,
                    benefits.by_project[project.id])
                placed.add(project.id)
    for project in portfolio.projects:
        if project.id not in placed:
            add("project", project.id, project.name, "", benefits.by_project[project.id])
    return rows


def project_records(rows: Sequence[Any], programme_keys: Mapping[int, str]) -> list[dict[str, Any]]:
    """The project rows as table records: key, the :data:`EDITABLE` columns, version."""
    records = []
    for row in rows:
        record = {"key": row.key}
        for name in EDITABLE:
            if name == "programme_key":
                record[name] = programme_keys.get(row.programme_id, "") if row.programme_id else ""
            else:
                value = getattr(row, name)
                record[name] = "" if value is None and name == "legal_obligation" else value
        record["version"] = row.version
        records.append(record)
    return records


def _same(old: Any, new: Any) -> bool:
    if _blank(old) and _blank(new):
        return True
    if isinstance(old, float | int) and isinstance(new, float | int):
        return math.isclose(float(old), float(new), rel_tol=0, abs_tol=1e-9)
    if isinstance(old, date) and isinstance(new, pd.Timestamp):
        return old == new.date()
    return bool(old == new)


def _blank(value: Any) -> bool:
    if value is None or value == "":
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _clean(name: str, value: Any) -> Any:
    """A table cell as ``update_project`` takes it (dates, whole numbers, empty text)."""
    if _blank(value):
        return None if name in ("start", "end", "legal_obligation") else (
            "" if name in ("owner_unit", "programme_key") else value)
    if name in ("start", "end"):
        return value.date() if isinstance(value, pd.Timestamp) else value
    if name in ("risk", "strategic_fit", "ozg_maturity_target", "citizens_affected"):
        return int(value)
    if name in ("budget", "effort"):
        return float(value)
    if name == "replaces_legacy":
        return bool(value)
    return value.strip() if isinstance(value, str) else value


def changed_projects(
    before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]]
) -> list[tuple[str, dict[str, Any], int]]:
    """``(key, changes, version seen)`` for every row of the table the user changed.

    Rows are matched by ``key`` (the table has a fixed set of rows); unchanged rows and
    cells are left out, so a save sends only what the user touched.

    Examples
    --------
    >>> before = [{"key": "P1", "name": "A", "budget": 10.0, "version": 3}]
    >>> after = [{"key": "P1", "name": "A", "budget": 12.5, "version": 3}]
    >>> changed_projects(before, after)
    [('P1', {'budget': 12.5}, 3)]
    """
    seen = {row["key"]: row for row in before}
    edits = []
    for row in after:
        old = seen.get(row["key"])
        if old is None:
            continue
        changes = {name: _clean(name, row[name]) for name in EDITABLE
                   if name in row and not _same(old.get(name), row[name])}
        if changes:
            edits.append((row["key"], changes, int(old["version"])))
    return edits


def benefit_points(score: ProjectScore, scheme: Scheme) -> float:
    """The points a project gets from the scheme's benefit criteria (cost criteria left out)."""
    benefit = {c.name for c in scheme.criteria if c.direction == "benefit"}
    return sum(v for k, v in score.breakdown.items() if k in benefit)


def ranking_long(scores: Sequence[ProjectScore], scheme: Scheme) -> list[dict[str, Any]]:
    """One row per project and criterion (rank order): the stacked bars of the ranking."""
    labels = {c.name: c.label or c.name for c in scheme.criteria}
    return [
        {"project": f"{s.rank}. {s.name}", "key": s.project_id, "criterion": labels[c],
         "points": v, "score": s.score, "rank": s.rank, "urgent": ", ".join(s.urgent)}
        for s in scores for c, v in s.breakdown.items()
    ]


def bubble_rows(
    portfolio: Portfolio, scores: Sequence[ProjectScore], scheme: Scheme
) -> list[dict[str, Any]]:
    """Benefit points against effort, budget as size, status as colour, one row per project."""
    by_id = {s.project_id: s for s in scores}
    return [
        {"key": p.id, "name": p.name, "effort": p.effort, "budget": p.budget, "status": p.status,
         "benefit": benefit_points(by_id[p.id], scheme) if p.id in by_id else 0.0,
         "rank": by_id[p.id].rank if p.id in by_id else None}
        for p in portfolio.projects
    ]


def roadmap_rows(portfolio: Portfolio) -> tuple[list[dict[str, Any]], list[str]]:
    """Projects with start and end (for the timeline), and the keys of those without dates."""
    dated, undated = [], []
    for p in portfolio.projects:
        if p.start and p.end:
            dated.append({"key": p.id, "name": f"{p.id} {p.name}", "start": p.start,
                          "end": p.end, "status": p.status, "owner_unit": p.owner_unit})
        else:
            undated.append(p.id)
    dated.sort(key=lambda r: (r["start"], r["key"]))
    return dated, undated


def sensitivity_rows(portfolio: Portfolio, scheme: Scheme, delta: float) -> list[dict[str, Any]]:
    """Per criterion: its weight share and which projects change rank when it moves ±``delta``.

    A move reads ``"P-07 7→5"`` (project key, rank before → after).
    """
    rows = []
    for criterion in scheme.criteria:
        result = sensitivity(portfolio, scheme, criterion.name, delta)

        def moves(changes: Sequence[Any]) -> str:
            return "; ".join(f"{c.project_id} {c.base_rank}→{c.new_rank}" for c in changes)

        rows.append({"criterion": criterion.label or criterion.name,
                     "share": result.base_share, "down": len(result.down),
                     "down_moves": moves(result.down), "up": len(result.up),
                     "up_moves": moves(result.up), "stable": result.stable})
    return rows


def criteria_rows(definition: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The criteria of a scheme definition as editable table rows."""
    rows = []
    for c in definition.get("criteria", []):
        bounds = c.get("bounds") or [None, None]
        rows.append({
            "name": c["name"], "label": c.get("label", ""), "weight": float(c.get("weight", 1.0)),
            "direction": c.get("direction", "benefit"),
            "normalisation": c.get("normalisation", "min-max"),
            "low": bounds[0], "high": bounds[1], "target": c.get("target"),
        })
    return rows


def scheme_from_rows(
    definition: Mapping[str, Any], rows: Sequence[Mapping[str, Any]], *, legal_first: bool
) -> dict[str, Any]:
    """The definition with the edited criteria (weights, direction, normalisation, bounds).

    Examples
    --------
    >>> d = {"name": "s", "criteria": [{"name": "risk", "weight": 1, "group": "Q"}]}
    >>> scheme_from_rows(d, [{"name": "risk", "label": "", "weight": 2.0, "direction": "cost",
    ...   "normalisation": "scale", "low": 1, "high": 5, "target": None}], legal_first=True)
    {'name': 's', 'criteria': [{'name': 'risk', 'group': 'Q', 'weight': 2.0, 'direction': 'cost', \
'normalisation': 'scale', 'bounds': [1.0, 5.0]}], 'legal_first': True}
    """
    original = {c["name"]: c for c in definition.get("criteria", [])}
    criteria = []
    for row in rows:
        c = {k: v for k, v in original.get(row["name"], {"name": row["name"]}).items()
             if k not in ("weight", "direction", "normalisation", "bounds", "target", "label")}
        if row.get("label"):
            c["label"] = row["label"]
        c["weight"] = float(row["weight"] or 0)
        c["direction"] = row["direction"]
        c["normalisation"] = row["normalisation"]
        if not _blank(row.get("low")) and not _blank(row.get("high")):
            c["bounds"] = [float(row["low"]), float(row["high"])]
        if not _blank(row.get("target")):
            c["target"] = float(row["target"])
        criteria.append(c)
    return {**definition, "criteria": criteria, "legal_first": legal_first}


def file_headers(name: str, data: bytes) -> list[str]:
    """The header row of an uploaded project list (first non-empty row), for the column mapping.

    Examples
    --------
    >>> file_headers("p.csv", "Projekt;Budget (€);Vorhaben\\nA;1;x\\n".encode())
    ['Projekt', 'Budget (€)', 'Vorhaben']
    """
    if Path(name).suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for row in workbook.worksheets[0].iter_rows(values_only=True):
                cells = ["" if c is None else str(c).strip() for c in row]
                if any(cells):
                    return [c for c in cells if c]
        finally:
            workbook.close()
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    for line in text.splitlines():
        if line.strip():
            delimiter = ";" if line.count(";") >= line.count(",") else ","
            return [c.strip() for c in next(csv.reader([line], delimiter=delimiter)) if c.strip()]
    return []


def default_mapping(headers: Sequence[str]) -> dict[str, str | None]:
    """Header -> the project field the reader recognises it as (``None``: not recognised)."""
    return {h: header_field(h) for h in headers}


#: The fields a column can be mapped to, with the first (German) header as their name.
FIELD_NAMES: dict[str, str] = {field: names[0] for field, names in HEADERS.items()}
#: The statuses in lifecycle order (re-exported for the views).
PROJECT_STATUSES: tuple[str, ...] = STATUSES
