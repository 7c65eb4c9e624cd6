"""The portfolio report: ranking with score breakdown, matrix, roadmap, status, benefits.

Takes the portfolio as plain dataclasses (:class:`~processanalysis.portfolio.Portfolio`),
the scheme and scores, and the status history as dicts: the command line and the app
read them from the workspace database and pass them in.

Examples
--------
>>> from processanalysis.portfolio import Portfolio, Project, load_scheme
>>> pf = Portfolio(projects=[Project("P1", "E-Akte", budget=1000.0)])
>>> report = build_portfolio_report(PortfolioInput(pf, load_scheme("simple")), lang="en")
>>> report.title, [s.id for s in report.sections][:2]
('Portfolio report', ['summary', 'ranking'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from processanalysis.portfolio.model import STATUSES, Portfolio
from processanalysis.portfolio.rollup import Benefit, rollup
from processanalysis.portfolio.scoring import ProjectScore, Scheme, score
from processanalysis.reports import charts
from processanalysis.reports.document import (
    Block,
    Bullets,
    Figure,
    KeyFigures,
    Paragraph,
    Report,
    Section,
    Table,
    display_value,
)
from processanalysis.reports.process_report import display_date, writer_words
from processanalysis.reports.texts import word

__all__ = ["PortfolioInput", "build_portfolio_report"]


@dataclass(slots=True)
class PortfolioInput:
    """What the portfolio report shows.

    ``scores`` default to scoring ``portfolio`` with ``scheme``; ``status_history`` maps a
    project id to its status updates, each ``{"date", "status", "progress", "note",
    "author"}`` (oldest first), as the workspace stores them.
    """

    portfolio: Portfolio
    scheme: Scheme
    scores: list[ProjectScore] | None = None
    status_history: Mapping[str, Sequence[Mapping[str, Any]]] = field(default_factory=dict)
    name: str = ""


def build_portfolio_report(data: PortfolioInput, *, lang: str = "de",
                           created: date | None = None) -> Report:
    """Assemble the portfolio report (German by default)."""
    lang = lang if lang in ("de", "en") else "de"
    portfolio = data.portfolio
    scores = data.scores if data.scores is not None else score(portfolio, data.scheme)

    def w(key: str, **params: object) -> str:
        return word(lang, key, **params)

    def status_name(status: str) -> str:
        return w(f"status.{status}") if status in STATUSES else status

    status_names = {s: status_name(s) for s in STATUSES}
    benefits = rollup(portfolio)
    projects = {p.id: p for p in portfolio.projects}
    labels = {c.name: (c.label or c.name) for c in data.scheme.criteria}
    sections: list[Section] = []

    # -- summary
    total = Benefit()
    for benefit in benefits.by_project.values():
        total = total + benefit
    blocks: list[Block] = [
        KeyFigures([
            (w("col.project"), display_value(len(portfolio.projects), "int", lang)),
            (w("col.measures"), display_value(len(portfolio.measures), "int", lang)),
            (w("col.budget"), display_value(sum(p.budget for p in portfolio.projects),
                                            "money", lang)),
            (w("col.hours_saved"), display_value(total.hours_saved_per_year, "int", lang)),
            (w("col.breaks_removed"), display_value(total.media_breaks_removed, "int", lang)),
        ]),
        Paragraph(w("portfolio.summary",
                    projects=len(portfolio.projects), measures=len(portfolio.measures),
                    budget=display_value(sum(p.budget for p in portfolio.projects), "money",
                                         lang),
                    hours=display_value(total.hours_saved_per_year, "int", lang),
                    breaks=total.media_breaks_removed), "lead"),
        Paragraph(w("portfolio.scheme", name=data.scheme.name)),
    ]
    if scores:
        blocks.append(Paragraph(w("portfolio.top")))
        blocks.append(Bullets([
            f"{s.rank}. {s.name} ({display_value(s.score, 'dec1', lang)})" for s in scores[:5]
        ]))
    else:
        blocks.append(Paragraph(w("portfolio.empty")))
    sections.append(Section("summary", w("summary.title"), blocks))

    # -- ranking with score breakdown
    criteria = [c.name for c in data.scheme.criteria]
    rows = []
    for s in scores:
        p = projects.get(s.project_id)
        rows.append([s.rank, s.name, status_name(p.status) if p else "",
                     p.owner_unit if p else "", s.score,
                     *[s.breakdown.get(c, 0.0) for c in criteria],
                     ", ".join(s.urgent), s.project_id])
    blocks = [Paragraph(w("portfolio.ranking_intro")), Table(
        "ranking",
        [w("col.rank"), w("col.project"), w("col.status"), w("col.owner"), w("col.score"),
         *[labels[c] for c in criteria], w("col.urgent"), w("col.id")],
        rows, formats=["int", "text", "text", "text", "dec1", *["dec1"] * len(criteria),
                       "text", "text"],
        sheet=w("sheet.ranking"),
        widths=[0.6, 3, 1.2, 1.4, 0.9, *[1.0] * len(criteria), 1.2, 1.0],
        excel_only=(len(criteria) + 6,))]
    total_weight = sum(c.weight for c in data.scheme.criteria) or 1.0
    blocks.append(Table("criteria", [w("col.criterion"), w("col.weight")],
                        [[labels[c.name], c.weight / total_weight]
                         for c in data.scheme.criteria],
                        formats=["text", "percent"], caption=w("portfolio.criteria"),
                        widths=[3, 1]))
    if scores:
        stacks = {labels[c]: [s.breakdown.get(c, 0.0) for s in scores] for c in criteria}
        blocks.append(Figure(charts.stacked_bar_chart([s.name for s in scores], stacks, {},
                                                      lang=lang, axis_title=w("col.score")),
                             w("portfolio.breakdown_chart")))
    sections.append(Section("ranking", w("portfolio.ranking"), blocks, landscape=True))

    # -- bubble matrix
    if scores:
        points = []
        for s in scores:
            p = projects.get(s.project_id)
            if p is None:
                continue
            points.append({"name": p.name, "x": float(p.risk), "y": s.score,
                           "size": p.budget, "status": p.status})
        sections.append(Section("matrix", w("portfolio.matrix"), [Figure(
            charts.bubble_chart(points, x_title=w("col.risk"), y_title=w("col.score"),
                                status_names=status_names, lang=lang),
            w("portfolio.matrix_chart"))]))

    # -- roadmap
    dated = [p for p in portfolio.projects if p.start and p.end]
    undated = [p.name for p in portfolio.projects if not (p.start and p.end)]
    blocks = []
    if dated:
        blocks.append(Figure(charts.roadmap_chart(
            [{"name": p.name, "start": p.start, "end": p.end, "status": p.status}
             for p in dated], status_names=status_names, lang=lang),
            w("portfolio.roadmap_chart")))
    blocks.append(Table("roadmap", [w("col.project"), w("col.status"), w("col.start"),
                                    w("col.end"), w("col.budget"), w("col.owner")],
                        [[p.name, status_name(p.status),
                          display_date(p.start, lang) if p.start else "",
                          display_date(p.end, lang) if p.end else "", p.budget, p.owner_unit]
                         for p in sorted(portfolio.projects,
                                         key=lambda p: (p.start or date.max, p.name))],
                        formats=["text", "text", "text", "text", "money", "text"],
                        widths=[3, 1.2, 1, 1, 1.2, 1.6]))
    if undated:
        blocks.append(Paragraph(w("portfolio.roadmap_missing", items=", ".join(undated)),
                                "note"))
    sections.append(Section("roadmap", w("portfolio.roadmap"), blocks))

    # -- status and monitoring history
    history_rows = []
    for project_id, updates in data.status_history.items():
        name = projects[project_id].name if project_id in projects else project_id
        for update in updates:
            when = update.get("date")
            history_rows.append([
                name,
                display_date(when, lang) if isinstance(when, date) else str(when or ""),
                status_name(str(update.get("status", ""))),
                (update.get("progress") or 0) / 100,
                str(update.get("note") or ""),
                str(update.get("author") or ""),
            ])
    blocks = []
    if history_rows:
        blocks.append(Table("status", [w("col.project"), w("col.date"), w("col.status"),
                                       w("col.progress"), w("col.note"), w("col.author")],
                            history_rows,
                            formats=["text", "text", "text", "percent", "text", "text"],
                            sheet=w("sheet.status"), widths=[2.4, 1, 1.1, 0.9, 3.4, 1.2]))
    else:
        blocks.append(Paragraph(w("portfolio.status_none")))
    sections.append(Section("status", w("portfolio.status"), blocks))

    # -- benefits by field of action
    fields = {f.id: f.name for f in portfolio.fields}
    programme_field = {g.id: g.field_id for g in portfolio.programmes}
    by_field: dict[str, Benefit] = {name: Benefit() for name in fields.values()}
    unassigned = w("portfolio.unassigned")
    for p in portfolio.projects:
        field_id = programme_field.get(p.programme_id or "")
        name = fields.get(field_id or "", unassigned)
        by_field[name] = by_field.get(name, Benefit()) + benefits.by_project[p.id]
    rows = [[name, b.measures, b.hours_saved_per_year, b.media_breaks_removed,
             b.handoffs_removed, b.citizens_affected, b.cost] for name, b in by_field.items()]
    blocks = [Table("benefits", [w("col.field"), w("col.measures"), w("col.hours_saved"),
                                 w("col.breaks_removed"), w("col.handoffs_removed"),
                                 w("col.citizens"), w("col.cost")], rows,
                    formats=["text", "int", "int", "int", "int", "int", "money"],
                    sheet=w("sheet.benefits"), widths=[3, 1, 1.2, 1.2, 1.2, 1.2, 1.2]),
              Paragraph(w("portfolio.benefits_note"), "note")]
    if any(r[2] for r in rows):
        blocks.append(Figure(charts.bar_chart([(r[0], r[2]) for r in rows], lang=lang,
                                              colour="#009E73", axis_title="h"),
                             w("portfolio.benefits_chart")))
    measure_rows = [[m.name, projects[m.project_id].name if m.project_id in projects else "",
                     len(m.finding_ids), m.hours_saved_per_year, m.media_breaks_removed,
                     m.handoffs_removed, m.citizens_affected, m.cost]
                    for m in portfolio.measures]
    if measure_rows:
        blocks.append(Table("measures", [w("col.measure"), w("col.project"), w("col.findings"),
                                         w("col.hours_saved"), w("col.breaks_removed"),
                                         w("col.handoffs_removed"), w("col.citizens"),
                                         w("col.cost")], measure_rows,
                            formats=["text", "text", "int", "int", "int", "int", "int",
                                     "money"],
                            caption=w("measures.title"), sheet=w("sheet.measures"),
                            widths=[3, 2.4, 1.6, 1, 1, 1, 1, 1.2]))
    sections.append(Section("benefits", w("portfolio.benefits"), blocks, landscape=True))
    return Report(
        kind="portfolio",
        lang=lang,
        title=w("report.portfolio.title"),
        subtitle=data.name or w("portfolio.subtitle"),
        meta=[(w("report.created"), display_date(created or date.today(), lang)),
              (w("portfolio.scheme_label"), data.scheme.name)],
        sections=sections,
        created=created or date.today(),
        words=writer_words(lang),
    )
