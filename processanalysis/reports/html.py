"""The HTML writer: one self-contained file, every user text escaped.

Styles are inline and images are ``data:`` URIs, so the file opens anywhere, offline,
and can be mailed as it is. Diagrams and charts go into ``<img>`` elements rather than
inline SVG: a browser runs no script and loads nothing from an SVG shown as an image,
and the ids of several SVGs cannot collide. Every text that comes from a model, a
parameter file or the database passes :func:`html.escape`.

The PDF writer renders the HTML of a denser print version of the report
(``pdf.print_version``) with the print style sheet added.

Examples
--------
>>> from processanalysis.reports.document import Paragraph, Report, Section
>>> page = render_html(Report("process", "de", "Bericht", "<b>x</b>", [],
...     [Section("s", "Teil", [Paragraph("a < b")])]))
>>> "&lt;b&gt;x&lt;/b&gt;" in page and "a &lt; b" in page and "<b>x" not in page
True
"""

from __future__ import annotations

import base64
from html import escape
from importlib import resources
from string import Template

from processanalysis.reports.document import (
    Block,
    Bullets,
    Figure,
    KeyFigures,
    Paragraph,
    Report,
    Section,
    Table,
)

__all__ = ["figure_uri", "render_html", "template"]

_NUMERIC = frozenset({"int", "dec1", "dec2", "percent", "money", "minutes", "hours"})


def template(name: str) -> str:
    """A file of ``processanalysis/reports/templates`` (package data)."""
    return resources.files("processanalysis.reports").joinpath("templates", name).read_text(
        encoding="utf-8")


def _css_string(text: str) -> str:
    """``text`` safe inside a double-quoted CSS string."""
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
            .replace("<", "\\3c ").replace(">", "\\3e "))


def figure_uri(figure: Figure) -> str:
    """The figure's SVG as a ``data:`` URI (base64, so no character needs escaping)."""
    data = base64.b64encode(figure.svg.encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{data}"


def _table(table: Table, lang: str) -> str:
    shown = table.printed()
    parts = ['<table class="data">']
    if table.caption:
        parts.append(f"<caption>{escape(table.caption)}</caption>")
    if table.widths and len(table.widths) == len(table.columns):
        widths = [table.widths[i] for i in shown]
        total = sum(widths) or 1.0
        parts.append("<colgroup>" + "".join(
            f'<col style="width:{100 * w / total:.1f}%">' for w in widths) + "</colgroup>")
    parts.append("<thead><tr>" + "".join(f"<th>{escape(table.columns[i])}</th>"
                                         for i in shown) + "</tr></thead><tbody>")
    for index, row in enumerate(table.rows):
        css = table.row_classes[index] if table.row_classes else ""
        cells = []
        for column in shown:
            value = row[column] if column < len(row) else None
            numeric = table.fmt(column) in _NUMERIC and not isinstance(value, str)
            attr = ' class="num"' if numeric else ""
            cells.append(f"<td{attr}>{escape(table.display(value, column, lang))}</td>")
        row_attr = f' class="{escape(css)}"' if css else ""
        parts.append(f"<tr{row_attr}>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _figure(figure: Figure, words: dict[str, str], for_print: bool) -> str:
    width, height = figure.size
    caption = figure.caption
    classes = figure.kind
    if figure.heavy or figure.too_small_in_print:
        caption += " " + words.get("large_diagram", "")
    if for_print and figure.heavy:
        from processanalysis.reports.raster import svg_to_png

        png = svg_to_png(figure.svg, width=width or 800, height=height or 600, max_pixels=4000)
        src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    else:
        src = figure_uri(figure)
    if not for_print and figure.too_small_in_print:
        # On screen a huge diagram keeps a readable size and scrolls sideways.
        classes += " large"
        return (f'<figure class="{escape(classes)}"><div class="scroll">'
                f'<img src="{src}" alt="{escape(figure.alt or figure.caption)}" '
                f'style="height:{min(height, 900) * 0.8:.0f}px;width:auto;max-width:none">'
                f"</div><figcaption>{escape(caption)}</figcaption></figure>")
    size = f' width="{width:.0f}" height="{height:.0f}"' if width and height else ""
    return (f'<figure class="{escape(classes)}">'
            f'<img src="{src}" alt="{escape(figure.alt or figure.caption)}"{size}>'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def _block(block: Block, lang: str, words: dict[str, str], for_print: bool) -> str:
    if isinstance(block, Paragraph):
        return f'<p class="{escape(block.style)}">{escape(block.text)}</p>'
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, KeyFigures):
        return '<div class="tiles">' + "".join(
            f'<div class="tile"><div class="label">{escape(label)}</div>'
            f'<div class="value">{escape(value)}</div></div>'
            for label, value in block.items) + "</div>"
    if isinstance(block, Table):
        return _table(block, lang)
    if isinstance(block, Figure):
        return _figure(block, words, for_print)
    raise TypeError(f"unknown report block {type(block).__name__}")


def _section(section: Section, report: Report, for_print: bool) -> str:
    classes = "chapter landscape" if section.landscape else "chapter"
    tag = "h1" if section.level == 1 else "h2"
    body = "".join(_block(block, report.lang, report.words, for_print)
                   for block in section.blocks)
    return (f'<section id="sec-{escape(section.id)}" class="{classes}">'
            f'<{tag} class="chapter">{escape(section.title)}</{tag}>{body}</section>')


def _body(report: Report, for_print: bool) -> str:
    meta = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in report.meta)
    title = (f'<header class="title-page"><p class="kind">{escape(report.title)}</p>'
             f'<h1 class="doc-title">{escape(report.subtitle)}</h1><dl>{meta}</dl>'
             f'<p class="generator">{escape(report.words.get("generator", ""))}</p></header>')
    toc = ('<nav class="toc"><h2>' + escape(report.words.get("toc", "")) + "</h2><ol>"
           + "".join(f'<li><a href="#sec-{escape(s.id)}">{escape(s.title)}</a></li>'
                     for s in report.sections)
           + "</ol></nav>")
    return title + "\n" + toc + "\n" + "\n".join(_section(s, report, for_print)
                                                  for s in report.sections)


def render_html(report: Report, *, for_print: bool = False) -> str:
    """The report as one HTML document; ``for_print`` adds the PDF page rules."""
    style = template("report.css")
    if for_print:
        from processanalysis.reports.process_report import display_date

        words = report.words
        style += "\n" + Template(template("print.css")).substitute(
            created=_css_string(display_date(report.created, report.lang)),
            generator=_css_string(words.get("generator", "")),
            page=_css_string(words.get("page", "")),
            of=_css_string(words.get("of", "")),
        )
    return Template(template("report.html")).substitute(
        lang=escape(report.lang),
        generator=escape(report.words.get("generator", "")),
        title=escape(f"{report.title}: {report.subtitle}"),
        kind=escape(report.kind),
        style=style,
        body=_body(report, for_print),
    )
