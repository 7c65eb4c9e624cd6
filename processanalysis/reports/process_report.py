"""The optimisation report of one process, optionally with to-be variants.

Assembled once as a :class:`~processanalysis.reports.document.Report`, written by any
writer. Chapters: summary for decision makers, the as-is diagram with numbered findings
(the badge numbers are the ``Nr.`` column of the findings table), the findings with
evidence and review status, each to-be variant with its changes marked, the KPI
comparison with charts, the analytical model's effort, cost and lead time when the model
has parameters, measures with their projects, assumptions and parameters, and the
model-quality appendix.

The function takes plain data only (models, parameters, reviews as dicts, portfolio
dataclasses): the database layer and the UI fetch them and pass them in.

Examples
--------
>>> from processanalysis.bpmn.importer import import_file
>>> report = build_process_report(import_file("sample_processes/hundesteuer_anmeldung_ist.bpmn"),
...                               lang="en")
>>> [s.id for s in report.sections][:3]
['summary', 'as-is', 'findings']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from processanalysis.analysis.finding import KINDS, SEVERITIES, Finding, severity_rank
from processanalysis.analysis.profile import Profile
from processanalysis.bpmn.model import Association, Definitions, MessageFlow, SequenceFlow
from processanalysis.portfolio.model import Measure, Project
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
from processanalysis.reports.document import number as as_number
from processanalysis.reports.texts import word
from processanalysis.simulation.parameters import ProcessParameters, format_distribution

__all__ = ["ProcessInput", "build_process_report", "finding_numbers", "process_name"]

#: Colours of a to-be diagram's change marks.
ADDED_COLOUR = "#2e7d32"
CHANGED_COLOUR = "#ef6c00"
#: KPIs of the comparison table: key, display format.
KPI_ROWS: tuple[tuple[str, str], ...] = (
    ("activities", "int"),
    ("media_breaks", "int"),
    ("handoffs", "int"),
    ("handoffs_per_case", "dec2"),
    ("units", "int"),
    ("external_parties", "int"),
    ("digital_share", "percent"),
    ("analogue_share", "percent"),
    ("manual_share", "percent"),
    ("findings", "int"),
)
_BADGES_SHOWN = 3


@dataclass(slots=True)
class ProcessInput:
    """One model of the report: its name, the model and (optionally) its parameters."""

    name: str
    model: Definitions
    params: ProcessParameters | None = None
    #: the explicit parameter file, named in the assumptions
    params_file: str | None = None
    analytical: Any = None
    comparison: Any = None
    findings: list[Finding] = field(default_factory=list)
    kpis: dict[str, Any] = field(default_factory=dict)


def process_name(model: Definitions, fallback: str = "") -> str:
    """The name a reader knows the model by: its first named process, else the file."""
    for process in model.processes:
        if process.label:
            return process.label
    if model.name:
        return model.name
    if fallback:
        return fallback
    return Path(model.source).stem if model.source else "Prozess"


def finding_numbers(findings: Sequence[Finding]) -> dict[str, int]:
    """Finding id → its number in the findings table (1-based, in table order)."""
    return {f.id: i for i, f in enumerate(findings, start=1)}


def _label(model: Definitions, element_id: str) -> str:
    element = model.get(element_id)
    label = getattr(element, "label", None) if element is not None else None
    return " ".join(str(label).split()) if label else element_id


def _has_parameters(params: ProcessParameters | None) -> bool:
    return params is not None and any(k != "default" and v for k, v in params.sources.items())


def _overlays(model: Definitions, findings: Sequence[Finding], lang: str) -> list[Any]:
    from processanalysis.render import Overlay

    numbers: dict[str, list[int]] = {}
    worst: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    for number, finding in enumerate(findings, start=1):
        for element_id in dict.fromkeys(finding.elements):
            numbers.setdefault(element_id, []).append(number)
            notes.setdefault(element_id, []).append(f"{number}: {finding.text(lang)}")
            if severity_rank(finding.severity) < severity_rank(worst.get(element_id, "")):
                worst[element_id] = finding.severity
    overlays = []
    for element_id, nums in numbers.items():
        badge = ",".join(str(n) for n in nums[:_BADGES_SHOWN])
        if len(nums) > _BADGES_SHOWN:
            badge += "+"
        overlays.append(Overlay(element_id, badge=badge, severity=worst.get(element_id),
                                note="\n".join(notes[element_id][:5])))
    return overlays


def _diagram(model: Definitions, caption: str, *, overlays: Sequence[Any] = (),
             heat: Mapping[str, float] | None = None, alt: str = "") -> Figure:
    from processanalysis.render import render_svg

    svg = render_svg(model, overlays=overlays, heat=heat)
    return Figure(svg=svg, caption=caption, kind="diagram", alt=alt or caption)


def _analyse(item: ProcessInput, profile: Profile | None, lang: str) -> None:
    from processanalysis.analysis.runner import analyse

    result = analyse(item.model, profile, lang=lang)
    item.findings, item.kpis = result.findings, result.kpis


def build_process_report(
    model: Definitions,
    *,
    name: str | None = None,
    to_be: Sequence[tuple[str, Definitions]] = (),
    params: ProcessParameters | None = None,
    params_file: str | None = None,
    to_be_params: Sequence[ProcessParameters | None] | None = None,
    reviews: Mapping[str, Mapping[str, Any] | str] | None = None,
    measures: Sequence[Measure] = (),
    projects: Sequence[Project] = (),
    lang: str = "de",
    profile: Profile | None = None,
    created: date | None = None,
    source: str | None = None,
) -> Report:
    """Assemble the optimisation report of ``model`` (the as-is process).

    Parameters
    ----------
    model
        The as-is model.
    name
        The process's name in headings (default: the model's first named process).
    to_be
        ``(name, model)`` of each to-be variant, in the order the report shows them.
    params
        Parameters of the as-is model; ``None`` reads those stored in the model. Effort,
        cost and lead time are reported only when some come from the model or a file.
    params_file
        The file ``params`` came from (named in the assumptions chapter).
    to_be_params
        Parameters of each variant (``None`` entries: read from the variant's model).
    reviews
        Finding id → ``{"status": "open"|"accepted"|"rejected", "comment": ...}`` (or
        just the status), from the workspace's reviews.
    measures, projects
        Measures derived from the findings and the projects they belong to.
    lang
        ``de`` (default) or ``en``.
    """
    from processanalysis.simulation.params_io import load_parameters

    lang = lang if lang in ("de", "en") else "de"
    as_is = ProcessInput(name or process_name(model, source or ""), model,
                         params if params is not None else load_parameters(model), params_file)
    variants = []
    for i, (variant_name, variant_model) in enumerate(to_be):
        given = to_be_params[i] if to_be_params and i < len(to_be_params) else None
        variants.append(ProcessInput(
            variant_name or process_name(variant_model),
            variant_model,
            given if given is not None else load_parameters(variant_model),
        ))
    if variants:
        from processanalysis.variants import compare_models

        for variant in variants:
            variant.comparison = compare_models(model, variant.model, lang=lang,
                                                profile=profile)
            variant.findings = variant.comparison.to_be.findings
            variant.kpis = variant.comparison.kpis["to_be"]
        as_is.findings = variants[0].comparison.as_is.findings
        as_is.kpis = variants[0].comparison.kpis["as_is"]
    else:
        _analyse(as_is, profile, lang)
    simulated = _has_parameters(as_is.params)
    if simulated:
        from processanalysis.simulation.analytical import analytical_model

        as_is.analytical = analytical_model(model, as_is.params)
        for variant in variants:
            if _has_parameters(variant.params):
                variant.analytical = analytical_model(variant.model, variant.params)

    w = _Words(lang)
    sections = [
        _summary(as_is, variants, w),
        _as_is_diagram(as_is, w),
        _findings_section(as_is, reviews or {}, w),
    ]
    for number, variant in enumerate(variants, start=1):
        sections.append(_variant_section(as_is, variant, number, w))
    sections.append(_kpi_section(as_is, variants, w))
    if simulated:
        sections.append(_simulation_section(as_is, variants, w))
    if measures:
        sections.append(_measures_section(as_is, measures, projects, w))
    sections.append(_assumptions_section(as_is, variants, profile, w))
    sections.append(_quality_section(as_is, w))
    meta = [(w("report.created"), display_date(created or date.today(), lang))]
    if source:
        meta.append((w("report.source"), Path(source).name))
    if variants:
        meta.append((w("report.variants"), ", ".join(v.name for v in variants)))
    return Report(
        kind="process",
        lang=lang,
        title=w("report.process.title"),
        subtitle=as_is.name,
        meta=meta,
        sections=sections,
        created=created or date.today(),
        words=writer_words(lang),
    )


def display_date(value: date, lang: str) -> str:
    """``01.12.2026`` in German, ``2026-12-01`` in English."""
    return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()


#: Words the writers print around the content (``Report.words``).
WRITER_WORDS = ("toc", "page", "of", "generator", "large_diagram")


def writer_words(lang: str) -> dict[str, str]:
    """The words of :data:`WRITER_WORDS` in ``lang``."""
    return {key: word(lang, f"report.{key}") for key in WRITER_WORDS}


class _Words:
    """``word`` bound to one language, plus the display names the chapters share."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **params: object) -> str:
        return word(self.lang, key, **params)

    def severity(self, severity: str) -> str:
        return word(self.lang, f"severity.{severity}") if severity in SEVERITIES else severity

    def kind(self, kind: str) -> str:
        return word(self.lang, f"kind.{kind}") if kind in KINDS else kind

    def fmt(self, value: Any, fmt: str) -> str:
        return display_value(value, fmt, self.lang)


# -- chapters -----------------------------------------------------------------------------


def _summary(as_is: ProcessInput, variants: list[ProcessInput], w: _Words) -> Section:
    findings = as_is.findings
    high = sum(1 for f in findings if f.severity == "high")
    kpis = as_is.kpis
    tiles = [
        (w("kpi.activities"), w.fmt(kpis.get("activities"), "int")),
        (w("kpi.media_breaks"), w.fmt(kpis.get("media_breaks"), "int")),
        (w("kpi.handoffs_per_case"), w.fmt(kpis.get("handoffs_per_case"), "dec1")),
        (w("kpi.digital_share"), w.fmt(kpis.get("digital_share"), "percent")),
        (w("kpi.findings_high"), w.fmt(high, "int")),
    ]
    blocks: list[Block] = [
        Paragraph(w("summary.findings", count=len(findings), high=high), "lead"),
    ]
    result = as_is.analytical
    if result is not None:
        tiles.append((w("kpi.effort_per_case"), w.fmt(result.effort_per_case, "minutes")))
        tiles.append((w("kpi.lead_time"), w.fmt(result.lead_time, "minutes")))
        blocks.append(Paragraph(w(
            "summary.simulation",
            effort=w.fmt(result.effort_per_case, "minutes"),
            cost=w.fmt(result.cost_per_case, "money"),
            lead=w.fmt(result.lead_time, "minutes"),
        )))
        if result.cases_per_year:
            blocks.append(Paragraph(w(
                "summary.simulation_year",
                cases=w.fmt(result.cases_per_year, "int"),
                hours=w.fmt((result.effort_per_year or 0) / 60, "int"),
                cost=w.fmt(result.cost_per_year, "money"),
            )))
    else:
        blocks.append(Paragraph(w("summary.no_params"), "note"))
    blocks.insert(0, KeyFigures(tiles))
    top = [f for f in findings if f.kind != "quality"][:5] or list(findings[:5])
    if top:
        numbers = finding_numbers(findings)
        blocks.append(Paragraph(w("summary.top")))
        blocks.append(Bullets([
            f"{numbers[f.id]}. {f.text(w.lang)} ({w.severity(f.severity)})" for f in top
        ]))
    for variant in variants:
        blocks.append(Paragraph(w("summary.variant", name=variant.name,
                                  summary=variant.comparison.summary(w.lang))))
    return Section("summary", w("summary.title"), blocks)


def _as_is_diagram(as_is: ProcessInput, w: _Words) -> Section:
    figure = _diagram(as_is.model, w("diagram.as_is_caption", name=as_is.name),
                      overlays=_overlays(as_is.model, as_is.findings, w.lang))
    return Section("as-is", w("diagram.as_is"), [figure], landscape=figure.wide)


def _review(reviews: Mapping[str, Mapping[str, Any] | str], finding_id: str,
            w: _Words) -> tuple[str, str]:
    review = reviews.get(finding_id)
    if review is None:
        return "", ""
    if isinstance(review, str):
        status, comment = review, ""
    else:
        status, comment = str(review.get("status", "")), str(review.get("comment") or "")
    if status in ("open", "accepted", "rejected"):
        status = w(f"review.{status}")
    return status, comment


def findings_table(model: Definitions, findings: Sequence[Finding],
                   reviews: Mapping[str, Mapping[str, Any] | str], w: _Words,
                   *, name: str = "findings", sheet: str | None = None) -> Table:
    """The findings as a table; the ``Nr.`` column is the badge number on the diagram."""
    with_review = bool(reviews)
    columns = [w("col.no"), w("col.severity"), w("col.kind"), w("col.finding"),
               w("col.elements"), w("col.evidence"), w("col.suggestion")]
    widths = [0.5, 0.9, 1.1, 3.0, 1.8, 2.6, 2.6]
    if with_review:
        columns += [w("col.review"), w("col.review_comment")]
        widths += [1.4, 1.8]
    columns += [w("col.rule"), w("col.id")]
    widths += [1.2, 1.2]
    rows: list[list[Any]] = []
    classes: list[str] = []
    for number, finding in enumerate(findings, start=1):
        data = finding.to_dict(w.lang)
        row: list[Any] = [
            number,
            w.severity(finding.severity),
            w.kind(finding.kind),
            data["message"],
            "; ".join(_label(model, e) for e in finding.elements),
            "; ".join(data["evidence"]),
            data["suggestion"],
        ]
        if with_review:
            row += list(_review(reviews, finding.id, w))
        row += [finding.rule, finding.id]
        rows.append(row)
        classes.append(f"sev-{finding.severity}")
    return Table(name, columns, rows, formats=["int"] + ["text"] * (len(columns) - 1),
                 sheet=sheet, row_classes=classes, widths=widths,
                 excel_only=(len(columns) - 2, len(columns) - 1))


def _findings_section(as_is: ProcessInput, reviews: Mapping[str, Any], w: _Words) -> Section:
    blocks: list[Block] = [Paragraph(w("findings.intro"))]
    if not as_is.findings:
        blocks.append(Paragraph(w("findings.none")))
        return Section("findings", w("findings.title"), blocks)
    blocks.append(findings_table(as_is.model, as_is.findings, reviews, w,
                                 sheet=w("sheet.findings")))
    rows = [w.kind(kind) for kind in KINDS]
    stacks = {
        w.severity(severity): [
            float(sum(1 for f in as_is.findings if f.kind == kind and f.severity == severity))
            for kind in KINDS
        ]
        for severity in SEVERITIES
    }
    colours = {w.severity(s): c for s, c in charts.SEVERITY_COLOURS.items()}
    blocks.append(Figure(charts.stacked_bar_chart(rows, stacks, colours, lang=w.lang),
                         w("kpis.findings_chart")))
    return Section("findings", w("findings.title"), blocks, landscape=True)


def _variant_section(as_is: ProcessInput, variant: ProcessInput, number: int,
                     w: _Words) -> Section:
    from processanalysis.render import Overlay

    diff = variant.comparison.diff
    overlays = [Overlay(e, colour=ADDED_COLOUR, note=w("variant.added"),
                        badge=None if _connection(variant.model, e) else "+")
                for e in diff.added]
    overlays += [Overlay(c.to_be_id, colour=CHANGED_COLOUR,
                         badge=None if _connection(variant.model, c.to_be_id) else "~",
                         note=", ".join(w(f"field.{f}") for f in c.fields))
                 for c in diff.changed]
    figure = _diagram(variant.model, w("diagram.to_be_caption", name=variant.name),
                      overlays=overlays)
    blocks: list[Block] = [Paragraph(variant.comparison.summary(w.lang), "lead"), figure]
    # Unnamed sequence flows and associations are left out of the table: their change
    # shows as the "sequence" change of the nodes they connect.
    rows: list[list[Any]] = []
    for element_id in diff.added:
        if _listed(variant.model, element_id):
            rows.append([w("variant.added"), _label(variant.model, element_id), ""])
    for change in diff.changed:
        if _listed(variant.model, change.to_be_id):
            rows.append([w("variant.changed"), _label(variant.model, change.to_be_id),
                         ", ".join(w(f"field.{f}") for f in change.fields)])
    for element_id in diff.removed:
        if _listed(as_is.model, element_id):
            rows.append([w("variant.removed"), _label(as_is.model, element_id), ""])
    if rows:
        blocks.append(Table(f"changes_{number}",
                            [w("col.change"), w("col.element"), w("col.fields")], rows,
                            caption=w("variant.changes"),
                            sheet=f"{w('sheet.changes')} {number}"[:31],
                            widths=[1, 3, 3]))
    else:
        blocks.append(Paragraph(w("variant.no_changes")))
    return Section(f"to-be-{number}", w("variant.title", name=variant.name), blocks,
                   landscape=figure.wide)


def _connection(model: Definitions, element_id: str) -> bool:
    return isinstance(model.get(element_id), SequenceFlow | Association | MessageFlow)


def _listed(model: Definitions, element_id: str) -> bool:
    """Whether a change of ``element_id`` gets a row of its own in the changes table."""
    element = model.get(element_id)
    if isinstance(element, SequenceFlow | Association):
        return bool(getattr(element, "label", None))
    return True


def _kpi_section(as_is: ProcessInput, variants: list[ProcessInput], w: _Words) -> Section:
    columns = [w("col.kpi"), w("col.as_is")]
    for variant in variants:
        columns += [variant.name, w("col.delta")]
    rows: list[list[Any]] = []
    for key, _ in KPI_ROWS:
        row: list[Any] = [w(f"kpi.{key}"), as_is.kpis.get(key)]
        for variant in variants:
            row += [variant.kpis.get(key), variant.comparison.kpis["delta"].get(key)]
        rows.append(row)
    # Rows differ in unit (counts, shares): each cell carries its row's format.
    rows = [[row[0], *[as_number(v, fmt) for v in row[1:]]]
            for row, (_, fmt) in zip(rows, KPI_ROWS, strict=True)]
    table = Table("kpis", columns, rows, formats=["text"] + ["dec2"] * (len(columns) - 1),
                  sheet=w("sheet.kpis"), widths=[2.4] + [1.0] * (len(columns) - 1))
    blocks: list[Block] = [Paragraph(w("kpis.intro")), table]
    series = {w("col.as_is"): as_is} | {v.name: v for v in variants}
    counts = ("media_breaks", "handoffs", "units", "findings")
    blocks.append(Figure(charts.grouped_bar_chart(
        [w(f"kpi.{k}") for k in counts],
        {name: [float(item.kpis.get(k) or 0) for k in counts] for name, item in series.items()},
        lang=w.lang), w("kpis.chart")))
    shares = ("digital_share", "analogue_share", "manual_share")
    blocks.append(Figure(charts.grouped_bar_chart(
        [w(f"kpi.{k}") for k in shares],
        {name: [float(item.kpis.get(k) or 0) for k in shares] for name, item in series.items()},
        lang=w.lang, percent=True), w("kpis.shares_chart")))
    return Section("kpis", w("kpis.title"), blocks)


def _simulation_section(as_is: ProcessInput, variants: list[ProcessInput],
                        w: _Words) -> Section:
    result = as_is.analytical
    blocks: list[Block] = [Paragraph(w("simulation.intro"))]
    with_results = [as_is, *[v for v in variants if v.analytical is not None]]
    if len(with_results) > 1:
        rows = []
        for key, fmt in (("effort_per_case", "minutes"), ("cost_per_case", "money"),
                         ("lead_time", "minutes"), ("effort_per_year", "hours"),
                         ("cost_per_year", "money")):
            row: list[Any] = [w(f"kpi.{key}")]
            for item in with_results:
                value = getattr(item.analytical, key)
                if key == "effort_per_year" and value is not None:
                    value = value / 60
                row.append(as_number(value, fmt))
            rows.append(row)
        names = [w("col.as_is"), *[v.name for v in with_results[1:]]]
        blocks.append(Table("simulation_compare", [w("col.kpi"), *names], rows,
                            formats=["text"] + ["dec2"] * len(names)))
        blocks.append(Figure(charts.grouped_bar_chart(
            [w("kpi.effort_per_case"), w("kpi.lead_time")],
            {name: [item.analytical.effort_per_case / 60, item.analytical.lead_time / 60]
             for name, item in zip(names, with_results, strict=True)},
            lang=w.lang), w("simulation.compare_chart") + " (h)"))
    activities = sorted(result.activities.values(), key=lambda a: -a.effort_per_case)
    rows = [[a.name or a.element_id, a.resource or "", a.visits, a.waiting_mean,
             a.processing_mean, a.effort_per_case, a.cost_per_case] for a in activities]
    blocks.append(Table(
        "activities",
        [w("col.activity"), w("col.unit"), w("col.visits"), w("col.waiting"),
         w("col.processing"), w("col.effort_case"), w("col.cost_case")],
        rows, formats=["text", "text", "dec2", "minutes", "minutes", "minutes", "money"],
        caption=w("simulation.activities"), widths=[3, 1.6, 1, 1, 1, 1, 1]))
    top = [(r[0], r[5]) for r in rows if r[5] > 0][:15]
    if top:
        blocks.append(Figure(charts.bar_chart(top, lang=w.lang, axis_title="min"),
                             w("simulation.effort_chart")))
    units = [u for u in result.units.values()]
    if units:
        blocks.append(Table(
            "units", [w("col.unit"), w("col.staff"), w("col.cost_hour"), w("col.effort_case"),
                      w("col.utilisation")],
            [[u.name, u.staff, u.cost_per_hour, u.effort_per_case, u.utilisation]
             for u in units],
            formats=["text", "dec1", "money", "minutes", "percent"],
            caption=w("simulation.units"), sheet=w("sheet.units")))
        shown = [(u.name, u.utilisation) for u in units if u.utilisation is not None]
        if shown:
            blocks.append(Figure(charts.bar_chart(shown, lang=w.lang, percent=True, line=0.85,
                                                  over=0.85), w("simulation.utilisation_chart")))
    waits = {a.element_id: a.waiting_mean for a in result.activities.values()}
    longest = max(waits.values(), default=0.0)
    if longest > 0:
        heat = {k: v / longest for k, v in waits.items()}
        figure = _diagram(as_is.model, w("diagram.heat_caption"), heat=heat)
        blocks.append(figure)
    return Section("simulation", w("simulation.title"), blocks, landscape=True)


def _measures_section(as_is: ProcessInput, measures: Sequence[Measure],
                      projects: Sequence[Project], w: _Words) -> Section:
    numbers = finding_numbers(as_is.findings)
    names = {p.id: p.name for p in projects}
    status = {p.id: p.status for p in projects}
    rows = []
    for m in measures:
        refs = [str(numbers[f]) if f in numbers else f for f in m.finding_ids]
        project = names.get(m.project_id or "", m.project_id or "")
        state = status.get(m.project_id or "")
        rows.append([m.name, project, w(f"status.{state}") if state else "", ", ".join(refs),
                     m.hours_saved_per_year, m.media_breaks_removed, m.handoffs_removed,
                     m.citizens_affected, m.cost])
    table = Table(
        "measures",
        [w("col.measure"), w("col.project"), w("col.status"), w("col.findings"),
         w("col.hours_saved"), w("col.breaks_removed"), w("col.handoffs_removed"),
         w("col.citizens"), w("col.cost")],
        rows, formats=["text", "text", "text", "text", "int", "int", "int", "int", "money"],
        sheet=w("sheet.measures"), widths=[3, 2.4, 1.2, 1, 1, 1, 1, 1, 1.2])
    return Section("measures", w("measures.title"), [Paragraph(w("measures.intro")), table],
                   landscape=True)


def _params_table(item: ProcessInput, w: _Words, name: str, sheet: str | None) -> Table:
    params = item.params or ProcessParameters()
    rows = []
    for element_id, p in params.activities.items():
        rows.append([_label(item.model, element_id),
                     format_distribution(p.processing) if p.processing else "",
                     format_distribution(p.waiting) if p.waiting else "",
                     # A lane id names the unit: show the lane's name, as the app does.
                     p.fixed_cost, _label(item.model, p.resource_id) if p.resource_id else "",
                     p.source, element_id])
    return Table(name, [w("col.activity"), w("col.processing"), w("col.waiting"), w("col.cost"),
                        w("col.unit"), w("col.source"), w("col.id")],
                 rows, formats=["text", "text", "text", "money", "text", "text", "text"],
                 caption=f"{w('assumptions.parameters')}: {item.name}", sheet=sheet,
                 widths=[3, 1.6, 1.6, 1, 1.4, 1, 1.4], excel_only=(6,))


def _assumptions_section(as_is: ProcessInput, variants: list[ProcessInput],
                         profile: Profile | None, w: _Words) -> Section:
    blocks: list[Block] = [Paragraph(w("assumptions.intro")),
                           Paragraph(w("assumptions.analysis"))]
    params = as_is.params or ProcessParameters()
    general = [
        [w("assumptions.cases_per_year"), display_value(params.arrivals.cases_per_year, "int",
                                                        w.lang)],
        [w("assumptions.hours_per_fte"),
         display_value(params.defaults.productive_hours_per_fte_year, "int", w.lang)],
        [w("assumptions.default_cost"),
         display_value(params.defaults.cost_per_hour, "money", w.lang)],
        [w("assumptions.sources"), ", ".join(f"{k}: {v}" for k, v in params.sources.items())
         or w("report.none")],
        [w("assumptions.profile"), getattr(profile, "name", None) or "default"],
    ]
    if as_is.params_file:
        general.append([w("assumptions.params_file"), Path(as_is.params_file).name])
    blocks.append(Table("general", [w("col.parameter"), w("col.value")], general,
                        caption=w("assumptions.general"), widths=[2, 3]))
    if as_is.params_file and variants:
        blocks.append(Paragraph(w("assumptions.only_as_is"), "note"))
    if params.activities:
        blocks.append(_params_table(as_is, w, "parameters", w("sheet.parameters")))
    for number, variant in enumerate(variants, start=1):
        if variant.params is not None and variant.params.activities:
            blocks.append(_params_table(variant, w, f"parameters_{number}",
                                        f"{w('sheet.parameters')} {number}"[:31]))
    if params.resources:
        blocks.append(Table(
            "resources", [w("col.unit"), w("col.staff"), w("col.cost_hour"), w("col.source")],
            [[r.name, r.staff, r.cost_per_hour, r.source] for r in params.resources.values()],
            formats=["text", "dec1", "money", "text"], caption=w("assumptions.resources")))
    assumptions: list[list[Any]] = []
    for item in [as_is, *variants]:
        if item.analytical is not None:
            for a in item.analytical.assumptions:
                text = a.message.get(w.lang) or a.message.get("de") or a.code
                assumptions.append([item.name, text, a.code])
        for note in (item.params.notes if item.params else []):
            assumptions.append([item.name, note, "note"])
    if assumptions:
        blocks.append(Table("assumptions", [w("col.process"), w("col.assumption"),
                                            w("col.id")], assumptions,
                            caption=w("assumptions.list"), sheet=w("sheet.assumptions"),
                            widths=[1.6, 5, 1.4]))
    return Section("assumptions", w("assumptions.title"), blocks)


def _quality_section(as_is: ProcessInput, w: _Words) -> Section:
    from processanalysis.analysis.metrics import metrics_for

    blocks: list[Block] = [Paragraph(w("quality.intro"))]
    quality = [f for f in as_is.findings if f.kind == "quality"]
    numbers = finding_numbers(as_is.findings)
    if quality:
        rows = [[numbers[f.id], w.severity(f.severity), f.text(w.lang),
                 "; ".join(_label(as_is.model, e) for e in f.elements), f.rule]
                for f in quality]
        blocks.append(Table("quality", [w("col.no"), w("col.severity"), w("col.finding"),
                                        w("col.elements"), w("col.rule")], rows,
                            formats=["int", "text", "text", "text", "text"],
                            caption=w("quality.findings"), widths=[0.5, 0.9, 4, 2.2, 1.4],
                            row_classes=[f"sev-{f.severity}" for f in quality]))
    else:
        blocks.append(Paragraph(w("quality.no_findings")))
    processes = as_is.model.processes
    if processes:
        metrics = [metrics_for(p) for p in processes]
        keys = list(metrics[0])
        names = [p.label or p.id or "?" for p in processes]
        rows = [[w(f"metric.{k}"), *[m.get(k) for m in metrics]] for k in keys]
        blocks.append(Table("metrics", [w("col.metric"), *names], rows,
                            formats=["text"] + ["dec2"] * len(names),
                            caption=w("quality.metrics")))
    warnings = as_is.model.warnings
    if warnings:
        blocks.append(Table("warnings", [w("col.message"), w("col.element")],
                            [[issue.message(w.lang), issue.element_id or ""]
                             for issue in warnings],
                            caption=w("quality.warnings"), widths=[5, 1.5]))
    return Section("quality", w("quality.title"), blocks)
