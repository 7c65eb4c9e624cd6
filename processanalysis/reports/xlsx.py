"""The Excel writer: every table marked for the workbook as an Excel table.

Each table with a ``sheet`` becomes a worksheet holding one Excel table (filter buttons,
banded rows) with the header row frozen. Numbers stay numbers, shares are formatted as
percentages and money in euros, so the workbook can be filtered, summed and charted.
A first sheet states what the workbook is (title, process, date).
"""

from __future__ import annotations

import io
import re
from typing import Any

from processanalysis.reports.document import Number, Report, Table

__all__ = ["render_xlsx", "table_name"]

_NUMBER_FORMATS = {
    "int": "#,##0",
    "dec1": "#,##0.0",
    "dec2": "#,##0.00",
    "percent": "0%",
    "money": '#,##0 "€"',
    "minutes": "#,##0.0",
    "hours": "#,##0",
}
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def table_name(name: str, used: set[str]) -> str:
    """An Excel table name: a letter first, then letters, digits and ``_``, unique.

    >>> table_name("changes 1", set()), table_name("1x", {"T_1x"})
    ('changes_1', 'T_1x_2')
    """
    base = re.sub(r"\W", "_", name, flags=re.ASCII) or "Table"
    if not base[0].isalpha():
        base = "T_" + base
    candidate, counter = base, 2
    while candidate.lower() in {u.lower() for u in used}:
        candidate = f"{base}_{counter}"
        counter += 1
    used.add(candidate)
    return candidate


def _sheet_title(title: str, used: set[str]) -> str:
    base = _FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet"
    candidate, counter = base, 2
    while candidate.lower() in {u.lower() for u in used}:
        suffix = f" ({counter})"
        candidate = base[: 31 - len(suffix)] + suffix
        counter += 1
    used.add(candidate)
    return candidate


def _cell(value: Any) -> Any:
    if isinstance(value, Number):
        return float(value)
    if isinstance(value, str):
        # A leading = would make Excel evaluate a label as a formula.
        return "'" + value if value.startswith(("=", "+", "-", "@")) else value
    return value


def _unique_headers(columns: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for column in columns:
        name = column or "-"
        count = seen.get(name.lower(), 0)
        seen[name.lower()] = count + 1
        out.append(name if not count else f"{name} ({count + 1})")
    return out


def _write_table(wb: Any, table: Table, sheets: set[str], names: set[str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as ExcelTable
    from openpyxl.worksheet.table import TableStyleInfo

    ws = wb.create_sheet(_sheet_title(table.sheet or table.name, sheets))
    headers = _unique_headers(table.columns)
    ws.append(headers)
    for row in table.rows:
        ws.append([_cell(v) for v in row])
    if not table.rows:  # an Excel table needs one data row
        ws.append([None] * len(headers))
    for column in range(len(headers)):
        letter = get_column_letter(column + 1)
        fmt = table.fmt(column)
        for r, row in enumerate(table.rows, start=2):
            value = row[column] if column < len(row) else None
            cell_fmt = value.fmt if isinstance(value, Number) else fmt
            if cell_fmt in _NUMBER_FORMATS and isinstance(value, int | float):
                ws.cell(row=r, column=column + 1).number_format = _NUMBER_FORMATS[cell_fmt]
        longest = max([len(str(headers[column]))]
                      + [len(table.display(row[column], column, "de"))
                         for row in table.rows[:200] if column < len(row)])
        ws.column_dimensions[letter].width = max(8, min(60, longest + 2))
        if longest > 60:
            for r in range(2, len(table.rows) + 2):
                ws.cell(row=r, column=column + 1).alignment = Alignment(wrap_text=True,
                                                                        vertical="top")
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ref = f"A1:{get_column_letter(len(headers))}{max(len(table.rows), 1) + 1}"
    excel = ExcelTable(displayName=table_name(table.name, names), ref=ref)
    excel.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(excel)
    ws.freeze_panes = "A2"


def render_xlsx(report: Report) -> bytes:
    """The report's exportable tables as an ``.xlsx`` workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    info = wb.active
    info.title = report.title[:31]
    info.append([report.title])
    info["A1"].font = Font(bold=True, size=14)
    info.append([report.subtitle])
    for label, value in report.meta:
        info.append([label, value])
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 50
    sheets: set[str] = {info.title}
    names: set[str] = set()
    for table in report.tables():
        if table.sheet:
            _write_table(wb, table, sheets, names)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
