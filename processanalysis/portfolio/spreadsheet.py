"""Project lists from XLSX and CSV in, the portfolio as XLSX out.

Portfolios live in spreadsheets today, with German or English headers. The reader
maps headers to :class:`~processanalysis.portfolio.model.Project` fields (a
``mapping`` overrides or extends the built-in aliases), checks every cell and
collects every problem with its row and column. Any error rejects the whole file:
:class:`ProjectListError` carries the report and no project is returned.

Examples
--------
>>> header_field("Budget (€)"), header_field("OZG-Reifegrad"), header_field("Owner unit")
('budget', 'ozg_maturity_target', 'owner_unit')
>>> parse_number("1.234.567,50 €")
1234567.5
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from processanalysis.portfolio.model import Portfolio, Project
from processanalysis.portfolio.rollup import rollup
from processanalysis.portfolio.scoring import ProjectScore

__all__ = [
    "HEADERS",
    "ImportReport",
    "ProjectListError",
    "RowProblem",
    "header_field",
    "parse_number",
    "read_projects",
    "write_portfolio_xlsx",
]

#: field → accepted headers (compared case- and space-insensitively); the first is written.
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("Projekt-ID", "ID", "Nr.", "Projektnummer", "Project ID"),
    "name": ("Projekt", "Projektname", "Bezeichnung", "Project", "Name"),
    "owner_unit": ("Verantwortliche Einheit", "Organisationseinheit", "OE", "Owner unit"),
    "status": ("Status",),
    "start": ("Beginn", "Start", "Startdatum", "Start date"),
    "end": ("Ende", "Enddatum", "End", "End date"),
    "budget": ("Budget (€)", "Budget", "Budget (EUR)", "Kosten (€)"),
    "effort": ("Aufwand (PT)", "Aufwand", "Personentage", "Effort (person-days)", "Effort"),
    "risk": ("Risiko", "Risk"),
    "strategic_fit": ("Strategischer Beitrag", "Strategische Passung", "Strategic fit"),
    "legal_obligation": ("Rechtliche Verpflichtung", "Rechtsgrundlage", "Legal obligation"),
    "ozg_maturity_target": ("OZG-Reifegrad", "Ziel-Reifegrad", "OZG maturity target",
                            "OZG maturity"),
    "leika_keys": ("LeiKa-Schlüssel", "LeiKa", "Leistungsschlüssel", "LeiKa keys"),
    "affected_services": ("Betroffene Leistungen", "Leistungen", "Affected services"),
    "programme_id": ("Programm", "Programm-ID", "Programme", "Programme ID"),
    "replaces_legacy": ("Ablösung", "Altsystem-Ablösung", "Replaces legacy"),
}
REQUIRED = ("name",)

STATUS_WORDS = {
    "idee": "idea", "idea": "idea", "geplant": "planned", "planned": "planned",
    "in arbeit": "in_progress", "in umsetzung": "in_progress", "laufend": "in_progress",
    "in progress": "in_progress", "in_progress": "in_progress",
    "abgeschlossen": "done", "erledigt": "done", "done": "done",
    "gestoppt": "stopped", "abgebrochen": "stopped", "stopped": "stopped",
}
NO_WORDS = {"", "-", "nein", "no", "keine", "none", "0", "false", "falsch"}
YES_WORDS = {"ja", "yes", "x", "1", "true", "wahr"}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


_ALIASES = {_key(h): f for f, hs in HEADERS.items() for h in hs}


def header_field(header: str) -> str | None:
    """The project field a header stands for, or ``None`` if it is not known."""
    return _ALIASES.get(_key(header))


def parse_number(value: Any) -> float:
    """Read a number written the German or the English way (``1.234,5``, ``1,234.5``).

    Raises ``ValueError`` when the text is not a number.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = re.sub(r"[\s€]|EUR|PT", "", str(value))
    if "," in text and "." in text:
        # The separator that comes last is the decimal one.
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") \
            else text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    elif text.count(".") > 1 or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")  # 1.234.567 or 12.000 are thousands
    return float(text)


@dataclass(frozen=True)
class RowProblem:
    """One problem in the file: spreadsheet row (1 = header), column header, code."""

    row: int
    column: str
    code: str
    message: str


@dataclass
class ImportReport:
    """What the reader found: problems (errors), mapped and ignored columns."""

    source: str
    rows_read: int = 0
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file can be imported."""
        return not self.problems


class ProjectListError(ValueError):
    """The project list was rejected; ``report`` says where and why."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        first = report.problems[0]
        super().__init__(f"{report.source}: {len(report.problems)} problem(s), first in row "
                         f"{first.row}, column {first.column!r}: {first.message}")


def _read_rows(path: Path, sheet: str | None) -> list[list[Any]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb[sheet] if sheet else wb.worksheets[0]
            return [list(r) for r in ws.iter_rows(values_only=True)]
        finally:
            wb.close()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # Excel's "CSV" on German Windows
    # The header line decides: German amounts ("120.000,00") confuse csv.Sniffer.
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max(";\t,", key=first.count)
    return [list(r) for r in csv.reader(text.splitlines(), delimiter=delimiter)]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError(text)


def _parse_int(value: Any, low: int, high: int) -> int:
    number = parse_number(value)
    if number != int(number) or not low <= number <= high:
        raise ValueError(value)
    return int(number)


def _split(value: Any) -> tuple[str, ...]:
    if isinstance(value, int | float):
        value = str(int(value))
    return tuple(p for p in (s.strip() for s in re.split(r"[;,\n]", str(value))) if p)


def _parse_leika(value: Any) -> tuple[str, ...]:
    keys = _split(value)
    bad = [k for k in keys if not re.fullmatch(r"\d{14}", k)]
    if bad:
        raise ValueError(", ".join(bad))
    return keys


def _parse_status(value: Any) -> str:
    status = STATUS_WORDS.get(_key(value))
    if status is None:
        raise ValueError(value)
    return status


def _parse_legal(value: Any) -> str | None:
    return None if _key(value) in NO_WORDS else str(value).strip()


def _parse_bool(value: Any) -> bool:
    if _key(value) in YES_WORDS:
        return True
    if _key(value) in NO_WORDS:
        return False
    raise ValueError(value)


def _parse_non_negative(value: Any) -> float:
    number = parse_number(value)
    if number < 0:
        raise ValueError(value)
    return number


#: field → (parser, problem code, message)
PARSERS: dict[str, tuple[Any, str, str]] = {
    "id": (lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip(),
           "bad-id", "invalid id"),
    "name": (lambda v: str(v).strip(), "bad-name", "invalid name"),
    "owner_unit": (lambda v: str(v).strip(), "bad-text", "invalid text"),
    "status": (_parse_status, "bad-status",
               "unknown status; use Idee, geplant, in Umsetzung, abgeschlossen, gestoppt"),
    "start": (_parse_date, "bad-date", "not a date (TT.MM.JJJJ or JJJJ-MM-TT)"),
    "end": (_parse_date, "bad-date", "not a date (TT.MM.JJJJ or JJJJ-MM-TT)"),
    "budget": (_parse_non_negative, "bad-number", "not a non-negative amount"),
    "effort": (_parse_non_negative, "bad-number", "not a non-negative number of person-days"),
    "risk": (lambda v: _parse_int(v, 1, 5), "out-of-range", "must be a whole number 1–5"),
    "strategic_fit": (lambda v: _parse_int(v, 1, 5), "out-of-range",
                      "must be a whole number 1–5"),
    "ozg_maturity_target": (lambda v: _parse_int(v, 0, 4), "out-of-range",
                            "OZG maturity level must be a whole number 0–4"),
    "legal_obligation": (_parse_legal, "bad-text", "invalid text"),
    "leika_keys": (_parse_leika, "bad-leika-key", "LeiKa keys have 14 digits"),
    "affected_services": (_split, "bad-text", "invalid text"),
    "programme_id": (lambda v: str(v).strip(), "bad-text", "invalid text"),
    "replaces_legacy": (_parse_bool, "bad-flag", "use ja or nein"),
}


def read_projects(
    path: str | Path, mapping: dict[str, str] | None = None, *, sheet: str | None = None
) -> tuple[list[Project], ImportReport]:
    """Read a project list from an XLSX or CSV file, all or nothing.

    Parameters
    ----------
    path : str or Path
        ``.xlsx``/``.xlsm`` (first sheet unless ``sheet``) or ``.csv`` (``;`` or ``,``,
        UTF-8 or Windows-1252).
    mapping : dict, optional
        File header → project field, for headers the built-in aliases do not know
        (``{"Vorhaben": "name"}``). Takes precedence over the aliases.

    Returns
    -------
    (list[Project], ImportReport)
        The projects and a report of mapped and ignored columns.

    Raises
    ------
    ProjectListError
        On any problem (missing required column, bad cell, duplicate id); its
        ``report.problems`` lists every problem with row and column.
    """
    path = Path(path)
    report = ImportReport(source=path.name)
    rows = _read_rows(path, sheet)
    while rows and all(_blank(c) for c in rows[0]):
        rows.pop(0)
    if not rows:
        report.problems.append(RowProblem(1, "", "empty", "the file has no header row"))
        raise ProjectListError(report)
    overrides = {_key(k): v for k, v in (mapping or {}).items()}
    columns: dict[int, str] = {}
    for i, header in enumerate(rows[0]):
        if _blank(header):
            continue
        target = overrides.get(_key(header)) or header_field(header)
        if target is None or target not in PARSERS:
            report.ignored_columns.append(str(header))
        elif target in columns.values():
            report.problems.append(RowProblem(1, str(header), "duplicate-column",
                                              f"a second column for {target}"))
        else:
            columns[i] = target
            report.columns[str(header)] = target
    header_of = {f: str(rows[0][i]) for i, f in columns.items()}
    for required in REQUIRED:
        if required not in columns.values():
            report.problems.append(RowProblem(1, HEADERS[required][0], "missing-column",
                                              f"required column for {required} is missing"))
    if report.problems:  # the header is unusable: row checks would only add noise
        raise ProjectListError(report)
    projects: list[Project] = []
    seen: dict[str, int] = {}
    for row_no, row in enumerate(rows[1:], start=2):
        if all(_blank(c) for c in row):
            continue
        report.rows_read += 1
        values: dict[str, Any] = {}
        for i, name in columns.items():
            cell = row[i] if i < len(row) else None
            if _blank(cell):
                continue
            parser, code, message = PARSERS[name]
            try:
                values[name] = parser(cell)
            except (ValueError, TypeError):
                report.problems.append(RowProblem(row_no, header_of[name], code,
                                                  f"{message}: {cell!r}"))
        if not values.get("name"):
            report.problems.append(RowProblem(row_no, header_of["name"], "missing-value",
                                              "the project needs a name"))
            continue
        values.setdefault("id", f"Z{row_no}")
        if values["id"] in seen:
            report.problems.append(RowProblem(
                row_no, header_of.get("id", "id"), "duplicate-id",
                f"id {values['id']} already used in row {seen[values['id']]}"))
        seen[values["id"]] = row_no
        try:
            projects.append(Project(**values))
        except ValueError as err:  # cross-field checks such as end before start
            report.problems.append(RowProblem(row_no, "", "inconsistent-row", str(err)))
    if report.problems:
        raise ProjectListError(report)
    return projects, report


def _sheet(wb: Any, title: str, header: list[str], rows: list[list[Any]]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    ws = wb.create_sheet(title)
    ws.append(header)
    for r in rows:
        ws.append(r)
    ws.freeze_panes = "A2"
    ref = f"A1:{get_column_letter(len(header))}{max(len(rows), 1) + 1}"
    # A table brings its own filter buttons; an empty table still needs one data row.
    table = Table(displayName=re.sub(r"\W", "", title), ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    for i, h in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(h) + 4))


def write_portfolio_xlsx(
    portfolio: Portfolio, scores: list[ProjectScore], path: str | Path
) -> Path:
    """Write the portfolio to an XLSX workbook that :func:`read_projects` reads back.

    Sheets: ``Projekte`` (the project list plus score and rank), ``Bewertung``
    (one row per project and criterion: raw value, normalised value, contribution),
    ``Maßnahmen``, ``Programme`` and ``Handlungsfelder``. Each sheet is an Excel
    table with filters and a frozen header row.
    """
    from openpyxl import Workbook

    path = Path(path)
    by_id = {s.project_id: s for s in scores}
    benefits = rollup(portfolio).by_project
    wb = Workbook()
    wb.remove(wb.active)
    fields = list(HEADERS)
    header = [HEADERS[f][0] for f in fields] + [
        "Eingesparte Stunden/Jahr", "Punkte", "Rang", "Dringlich"]
    rows = []
    for p in portfolio.projects:
        s = by_id.get(p.id)
        row: list[Any] = []
        for f in fields:
            v = getattr(p, f)
            if f == "leika_keys" or f == "affected_services":
                v = "; ".join(v)
            elif f == "replaces_legacy":
                v = "ja" if v else "nein"
            row.append(v)
        row += [benefits[p.id].hours_saved_per_year, round(s.score, 2) if s else None,
                s.rank if s else None, ", ".join(s.urgent) if s else None]
        rows.append(row)
    _sheet(wb, "Projekte", header, rows)
    _sheet(wb, "Bewertung", ["Projekt-ID", "Kriterium", "Wert", "Normiert", "Beitrag"],
           [[s.project_id, c, s.raw[c], s.normalised[c], round(v, 4)]
            for s in scores for c, v in s.breakdown.items()])
    _sheet(wb, "Maßnahmen",
           ["Maßnahme-ID", "Maßnahme", "Projekt-ID", "Befunde", "Eingesparte Stunden/Jahr",
            "Beseitigte Medienbrüche", "Beseitigte Übergaben", "Betroffene Bürger", "Kosten (€)"],
           [[m.id, m.name, m.project_id, "; ".join(m.finding_ids), m.hours_saved_per_year,
             m.media_breaks_removed, m.handoffs_removed, m.citizens_affected, m.cost]
            for m in portfolio.measures])
    _sheet(wb, "Programme", ["Programm-ID", "Programm", "Handlungsfeld-ID"],
           [[g.id, g.name, g.field_id] for g in portfolio.programmes])
    _sheet(wb, "Handlungsfelder", ["Handlungsfeld-ID", "Handlungsfeld"],
           [[f.id, f.name] for f in portfolio.fields])
    wb.save(path)
    return path
