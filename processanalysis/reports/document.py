"""The format-neutral report document: sections of paragraphs, key figures, tables, figures.

The assembly (:mod:`~processanalysis.reports.process_report`,
:mod:`~processanalysis.reports.portfolio_report`) decides *what* a report says once; the
writers (HTML, PDF, DOCX, XLSX) only decide how it looks. Tables keep raw values (numbers
stay numbers for Excel) plus a display format per column, so every writer prints the same
figure the same way in the report's language.

Examples
--------
>>> table = Table("kpis", ["Kennzahl", "Wert"], [["Medienbrüche", 3], ["Anteil", 0.25]],
...               formats=["text", "percent"])
>>> [table.display(row, i, "de") for i, row in enumerate(table.rows[1])]
['Anteil', '25 %']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from processanalysis.simulation.formatting import (
    format_duration,
    format_money,
    format_number,
    format_percent,
)

__all__ = [
    "Block",
    "Bullets",
    "Figure",
    "KeyFigures",
    "Number",
    "Paragraph",
    "Report",
    "Section",
    "Table",
    "display_value",
    "number",
    "svg_size",
]

#: A diagram with more SVG tags than this is printed as a raster image: WeasyPrint draws
#: SVG in Python (about 0.5 ms per tag), a 300-node diagram would cost seconds per copy.
HEAVY_TAGS = 3000
#: Printed smaller than this (points per diagram unit on a landscape page), a diagram's
#: labels are unreadable on paper; the caption then points to the zoomable HTML report.
READABLE_SCALE = 0.12
#: The content box of a landscape A4 page below heading and caption, in points.
LANDSCAPE_BOX = (757.0, 430.0)

#: Column display formats a :class:`Table` understands.
FORMATS = ("text", "int", "dec1", "dec2", "percent", "money", "minutes", "hours")


class Number(float):
    """A number that carries its own display format.

    For tables whose rows differ in unit (a KPI table: counts, shares, durations): the
    cell prints as its row demands and still exports as a plain number to Excel.
    """

    fmt: str

    def __new__(cls, value: float, fmt: str) -> Number:
        self = super().__new__(cls, float(value))
        self.fmt = fmt
        return self


def number(value: Any, fmt: str) -> Number | None:
    """``value`` as a :class:`Number` with ``fmt``; ``None`` for missing or non-numbers."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return Number(value, fmt)


def display_value(value: Any, fmt: str = "text", lang: str = "de") -> str:
    """``value`` as the report prints it (``–`` for missing numbers).

    >>> display_value(number(0.5, "percent"), "dec2", "en"), display_value(None, "int")
    ('50 %', '–')
    """
    if isinstance(value, Number):
        fmt = value.fmt
    if value is None or value == "":
        return "–" if fmt != "text" else ""
    if fmt == "text" or isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return str(value)
    if fmt == "int":
        return format_number(float(value), 0, lang)
    if fmt == "dec1":
        return format_number(float(value), 1, lang)
    if fmt == "dec2":
        return format_number(float(value), 2, lang)
    if fmt == "percent":
        return format_percent(float(value), lang)
    if fmt == "money":
        return format_money(float(value), lang)
    if fmt == "minutes":
        return format_duration(float(value), lang)
    if fmt == "hours":
        return f"{format_number(float(value), 0, lang)} h"
    return str(value)


@dataclass(slots=True)
class Paragraph:
    """Running text; ``style`` is ``body``, ``lead`` (summary) or ``note`` (small print)."""

    text: str
    style: str = "body"


@dataclass(slots=True)
class Bullets:
    """A bulleted list of plain sentences."""

    items: list[str]


@dataclass(slots=True)
class KeyFigures:
    """Tiles of label and formatted value (the summary's figures)."""

    items: list[tuple[str, str]]


@dataclass(slots=True)
class Table:
    """A table with raw cell values.

    ``name`` is the stable key (and the Excel table name); ``sheet`` is the worksheet title
    when the table belongs in the XLSX export (``None``: print formats only). ``formats``
    gives one :data:`FORMATS` entry per column; ``row_classes`` optional CSS-like classes
    per row (``sev-high``) that writers may colour.
    """

    name: str
    columns: list[str]
    rows: list[list[Any]]
    formats: list[str] | None = None
    caption: str = ""
    sheet: str | None = None
    row_classes: list[str] | None = None
    #: relative column widths for print formats (``None``: equal)
    widths: list[float] | None = None
    #: columns only the workbook shows (ids: useful to filter and join, noise in print)
    excel_only: tuple[int, ...] = ()

    def printed(self) -> list[int]:
        """The indexes of the columns that print formats show."""
        return [i for i in range(len(self.columns)) if i not in self.excel_only]

    def fmt(self, column: int) -> str:
        return self.formats[column] if self.formats else "text"

    def display(self, value: Any, column: int, lang: str) -> str:
        return display_value(value, self.fmt(column), lang)


@dataclass(slots=True)
class Figure:
    """An image: a diagram or a chart, as SVG text (PNG made on demand for Word).

    ``kind`` is ``diagram`` or ``chart``; ``png`` may be given by the producer (charts
    render both at once), else writers that need raster convert ``svg``.
    """

    svg: str
    caption: str
    kind: str = "chart"
    png: bytes | None = None
    alt: str = ""

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in SVG user units (from the viewBox or width/height)."""
        return svg_size(self.svg)

    @property
    def heavy(self) -> bool:
        """A diagram too large to draw as vector graphics in print (see HEAVY_TAGS)."""
        return self.kind == "diagram" and self.svg.count("<") > HEAVY_TAGS

    @property
    def print_scale(self) -> float:
        """Points per diagram unit when fitted to a landscape page."""
        width, height = self.size
        if not width or not height:
            return 1.0
        return min(LANDSCAPE_BOX[0] / width, LANDSCAPE_BOX[1] / height, 1.0)

    @property
    def too_small_in_print(self) -> bool:
        return self.kind == "diagram" and self.print_scale < READABLE_SCALE

    @property
    def wide(self) -> bool:
        """Wider than tall by a fifth: printed on a landscape page."""
        width, height = self.size
        return height > 0 and width / height > 1.2


Block = Paragraph | Bullets | KeyFigures | Table | Figure


@dataclass(slots=True)
class Section:
    """A chapter (``level`` 1) or sub-chapter (2); ``landscape`` asks for a landscape page."""

    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 1
    landscape: bool = False


@dataclass(slots=True)
class Report:
    """A whole report: title page data and sections in reading order."""

    kind: str  # "process" or "portfolio"
    lang: str
    title: str
    subtitle: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    created: date = field(default_factory=date.today)
    #: words the writers need (table of contents, page, of ...), in ``lang``
    words: dict[str, str] = field(default_factory=dict)

    def tables(self) -> list[Table]:
        """Every table of the report, in reading order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]


_VIEWBOX = re.compile(r"viewBox\s*=\s*[\"']\s*([-\d.eE]+)[\s,]+([-\d.eE]+)[\s,]+([\d.eE]+)"
                      r"[\s,]+([\d.eE]+)")
_LENGTH = r"\s*=\s*[\"']\s*([\d.]+)"


def svg_size(svg: str) -> tuple[float, float]:
    """Width and height of an SVG document from its root element's attributes."""
    head = svg[: svg.find(">", svg.find("<svg")) + 1] if "<svg" in svg else svg[:2000]
    match = _VIEWBOX.search(head)
    if match:
        return float(match.group(3)), float(match.group(4))
    width = re.search(r"\swidth" + _LENGTH, head)
    height = re.search(r"\sheight" + _LENGTH, head)
    if width and height:
        return float(width.group(1)), float(height.group(1))
    return 0.0, 0.0
