"""The PDF writer: the HTML report laid out by WeasyPrint on A4 pages.

WeasyPrint (pure Python on Debian's pango) embeds the fonts it uses (DejaVu Sans from
``fonts-dejavu-core``), builds the table of contents' page numbers with
``target-counter``, repeats the running header and the ``Seite n von m`` footer, turns
chapters into PDF bookmarks, and puts sections marked landscape (wide diagrams, wide
tables) on landscape pages. Nothing is fetched: the URL fetcher refuses every URL but
the report's own ``data:`` images.

Speed: WeasyPrint's time grows with the text lines it lays out and draws (about 1 ms
of CPU per line on the development machine, table cells included; see
``docs/reports.md``). The findings table is most of a large report, so
:func:`print_version` hands WeasyPrint a denser form of the same content: one row per
finding with one cell (number, severity, kind and the finding, then elements and
evidence, the suggestion, the review) instead of seven narrow cells that wrap into
many short lines; in a parameter table, activities without times or cost of their own
share one row per unit and source. Every text stays; HTML, DOCX and XLSX keep the
column tables. Labels of a huge diagram that would print far below legibility are left
out of its raster image, where they would be grey specks that cost cairosvg half of its
time.
"""

from __future__ import annotations

import re
from dataclasses import replace

from processanalysis.reports.document import Block, Figure, Report, Table
from processanalysis.reports.html import render_html

__all__ = ["ReportDependencyError", "print_version", "render_pdf"]

#: Below this print scale (points per diagram unit) a 12-unit label of a rasterised
#: diagram prints under half a point, fewer than 3 pixels in its 4,000-pixel image.
UNREADABLE_TEXT_SCALE = 0.04
_TEXT = re.compile(r"<text\b.*?</text>", re.S)


class ReportDependencyError(RuntimeError):
    """A system library the PDF needs is missing (pango on Debian)."""


def _findings_records(table: Table, lang: str) -> Table:
    """The findings table as print records, one cell per finding.

    The record starts with the number (the diagram's badge, what a reader looks up),
    severity, kind and the finding, then ``Elemente: … · Belege: …``, ``Vorschlag: …``
    and, when reviewed, ``Prüfstatus: … · Kommentar: …`` on lines of their own (newlines
    that the print style sheet keeps: ``white-space: pre-line``).
    """
    shown = table.printed()
    head, rest = shown[:4], shown[4:]
    rows = []
    for row in table.rows:
        text = {i: table.display(row[i] if i < len(row) else None, i, lang) for i in shown}
        number, severity, kind, finding = (text[i] for i in head)
        # elements · evidence | suggestion | review status · comment
        lines = [f"{number} · {severity} · {kind} — {finding}"] + [
            " · ".join(f"{table.columns[i]}: {text[i]}" for i in group if text[i].strip())
            for group in (rest[0:2], rest[2:3], rest[3:])]
        rows.append(["\n".join(x for x in lines if x)])
    heading = " · ".join(table.columns[i] for i in shown)
    return replace(table, columns=[heading], rows=rows, formats=["text"], widths=None,
                   excel_only=())


def _is_findings_table(block: Block) -> bool:
    """The table of ``process_report.findings_table``: Nr., Bedeutung, Art, Befund,
    Elemente, Belege, Vorschlag and optionally Prüfstatus and Kommentar in print."""
    return (isinstance(block, Table) and block.name == "findings"
            and len(block.printed()) in (7, 9))


def _merged_rows(table: Table, lang: str) -> Table:
    """A parameter table with one row per unit and source for activities without values.

    A row says an activity's times, cost, unit and source. Activities with no time or
    cost of their own (a model without a parameter file: all of them) differ only in
    unit and source, so one row per unit and source names them all (``A; B; C``, in the
    table's order) and the activity column is widened to about two fifths. Exact;
    activities with values keep their own rows, every row stays where its first
    activity was. The workbook keeps one row per activity.
    """
    label, *values = table.printed()
    rows: list[list] = []
    groups: dict[tuple[str, ...], list] = {}
    for row in table.rows:
        key = tuple(table.display(row[i] if i < len(row) else None, i, lang) for i in values)
        if any(text not in ("", "–") for text in key[:3]):  # times or cost of its own
            rows.append(row)
        elif key in groups:
            groups[key][label] = f"{groups[key][label]}; {row[label]}"
        else:
            groups[key] = list(row)
            rows.append(groups[key])
    if len(rows) == len(table.rows):
        return table
    widths = list(table.widths or [1.0] * len(table.columns))
    widths[label] = max(widths[label], 0.75 * sum(widths[i] for i in values))
    return replace(table, rows=rows, widths=widths)


def _is_parameter_table(block: Block) -> bool:
    """A table of ``process_report._params_table``: activity, processing, waiting, cost,
    unit and source in print."""
    return (isinstance(block, Table) and re.fullmatch(r"parameters(_\d+)?", block.name) is not None
            and len(block.printed()) == 6)


def _print_figure(figure: Figure) -> Figure:
    """A heavy diagram (printed as raster) without labels no one could read on paper."""
    if not figure.heavy or figure.print_scale >= UNREADABLE_TEXT_SCALE:
        return figure
    svg = _TEXT.sub("", figure.svg)
    lean = replace(figure, svg=svg)
    # Still a raster (and so still captioned as a large diagram) without the labels.
    return lean if lean.heavy else figure


def _print_block(block: Block, lang: str) -> Block:
    if _is_findings_table(block):
        return _findings_records(block, lang)  # type: ignore[arg-type]
    if _is_parameter_table(block):
        return _merged_rows(block, lang)  # type: ignore[arg-type]
    if isinstance(block, Figure):
        return _print_figure(block)
    return block


def print_version(report: Report) -> Report:
    """``report`` as the PDF prints it: same content, denser findings (see module doc)."""
    sections = [replace(section, blocks=[_print_block(b, report.lang) for b in section.blocks])
                for section in report.sections]
    return replace(report, sections=sections)


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4, fonts embedded)."""
    try:
        from weasyprint import HTML
    except OSError as error:  # pango missing: WeasyPrint cannot load it
        raise ReportDependencyError(
            "PDF reports need Debian's pango library (apt-get install libpango-1.0-0 "
            f"libpangoft2-1.0-0 fonts-dejavu-core, or `make report-deps`): {error}"
        ) from error
    from weasyprint.urls import URLFetcher

    # Only the report's own data: images; a stray http(s) or file URL is not loaded and
    # a failure to load fails the report instead of leaving a hole in it.
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    document = HTML(string=render_html(print_version(report), for_print=True),
                    url_fetcher=fetcher, base_url=".")
    return document.write_pdf(
        pdf_variant=None,
        metadata=None,
        uncompressed_pdf=False,
        custom_metadata=False,
    )
