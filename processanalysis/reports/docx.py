"""The Word writer: real heading, caption and table styles, ready to edit.

The built-in styles of python-docx's template are used as they are (``Title``,
``Heading 1``/``Heading 2``, ``Caption``, ``List Bullet``, table style ``Light Grid
Accent 1``), so an administration's own template styles take over when the text is
pasted into a council paper. The table of contents is a Word field that Word fills in
when the document is opened (``updateFields``); chapters marked landscape get a
landscape section. Images are PNG (Word cannot take SVG through python-docx).
"""

from __future__ import annotations

import io
from typing import Any

from processanalysis.reports.document import (
    Bullets,
    Figure,
    KeyFigures,
    Paragraph,
    Report,
    Section,
    Table,
)
from processanalysis.reports.raster import svg_to_png

__all__ = ["TABLE_STYLE", "render_docx"]

TABLE_STYLE = "Light Grid Accent 1"
_SEVERITY_FILL = {"sev-high": "F8D7D7", "sev-medium": "FCE5CD", "sev-low": "D6E4F5"}


def _field(paragraph: Any, instruction: str) -> None:
    """Append a Word field (PAGE, NUMPAGES, TOC) to ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(separate)
    placeholder = paragraph.add_run("1" if "PAGE" in instruction else "")
    placeholder._r.append(end)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _header_footer(section: Any, report: Report) -> None:
    section.header.is_linked_to_previous = True
    section.footer.is_linked_to_previous = True


def _first_header_footer(section: Any, report: Report) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    section.different_first_page_header_footer = True  # no header on the title page
    header = section.header.paragraphs[0]
    header.text = f"{report.title}: {report.subtitle}"
    header.style = "Header"
    footer = section.footer.paragraphs[0]
    footer.style = "Footer"
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(f"{report.words.get('page', '')} ")
    _field(footer, "PAGE")
    footer.add_run(f" {report.words.get('of', '')} ")
    _field(footer, "NUMPAGES")


def _orient(section: Any, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Mm(297), Mm(210)
    section.page_width = long_side if landscape else short_side
    section.page_height = short_side if landscape else long_side
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(18))
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(18)


def _table(doc: Any, table: Table, lang: str, usable_mm: float) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    shown = table.printed()
    if table.caption:
        doc.add_paragraph(table.caption, style="Caption")
    grid = doc.add_table(rows=1, cols=len(shown))
    grid.style = TABLE_STYLE
    widths = [table.widths[i] for i in shown] if table.widths else [1.0] * len(shown)
    total = sum(widths) or 1.0
    for cell, column in zip(grid.rows[0].cells, shown, strict=True):
        cell.text = table.columns[column]
    repeat = OxmlElement("w:tblHeader")  # repeat the header row on every page
    repeat.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)
    for index, row in enumerate(table.rows):
        cells = grid.add_row().cells
        for cell, column in zip(cells, shown, strict=True):
            cell.text = table.display(row[column] if column < len(row) else None, column, lang)
        css = table.row_classes[index] if table.row_classes else ""
        if css in _SEVERITY_FILL:
            _shade(cells[0], _SEVERITY_FILL[css])
    for position, width in enumerate(widths):
        for cell in grid.columns[position].cells:
            cell.width = Mm(usable_mm * width / total)
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)


def _figure(doc: Any, figure: Figure, usable_mm: float, max_height_mm: float,
            words: dict[str, str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    width, height = figure.size
    png = figure.png or svg_to_png(figure.svg, width=width or 800, height=height or 600)
    scale_width = usable_mm
    if width and height and usable_mm * height / width > max_height_mm:
        scale_width = max_height_mm * width / height
    doc.add_picture(io.BytesIO(png), width=Mm(scale_width))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = figure.caption
    if figure.heavy or figure.too_small_in_print:
        caption += " " + words.get("large_diagram", "")
    doc.add_paragraph(caption, style="Caption")


def _section(doc: Any, section: Section, report: Report) -> None:
    from docx.enum.section import WD_SECTION

    current = doc.sections[-1]
    wants = section.landscape
    is_landscape = current.page_width > current.page_height
    if wants != is_landscape:
        new = doc.add_section(WD_SECTION.NEW_PAGE)
        _orient(new, wants)
        _header_footer(new, report)
    else:
        doc.add_page_break()
    usable = 297 - 36 if wants else 210 - 36
    max_height = 150 if wants else 210
    doc.add_heading(section.title, level=section.level)
    for block in section.blocks:
        if isinstance(block, Paragraph):
            paragraph = doc.add_paragraph(block.text)
            if block.style == "lead":
                for run in paragraph.runs:
                    run.bold = True
            elif block.style == "note":
                paragraph.style = "Quote"
        elif isinstance(block, Bullets):
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(block, KeyFigures):
            grid = doc.add_table(rows=2, cols=len(block.items))
            grid.style = TABLE_STYLE
            for column, (label, value) in enumerate(block.items):
                grid.cell(0, column).text = label
                grid.cell(1, column).text = value
        elif isinstance(block, Table):
            _table(doc, block, report.lang, usable)
        elif isinstance(block, Figure):
            _figure(doc, block, usable, max_height, report.words)


def render_docx(report: Report) -> bytes:
    """The report as a ``.docx`` file's bytes."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    core = doc.core_properties
    core.title = f"{report.title}: {report.subtitle}"
    core.language = report.lang
    core.author = report.words.get("generator", "")
    normal = doc.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)
    first = doc.sections[0]
    _orient(first, False)
    _first_header_footer(first, report)
    # Title page
    doc.add_paragraph(report.title, style="Subtitle")
    doc.add_paragraph(report.subtitle, style="Title")
    for label, value in report.meta:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    doc.add_paragraph(report.words.get("generator", ""), style="Quote")
    # Table of contents: a field Word fills in on opening
    doc.add_page_break()
    doc.add_heading(report.words.get("toc", ""), level=1)
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u')
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    for section in report.sections:
        _section(doc, section, report)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
