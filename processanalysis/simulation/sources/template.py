"""The spreadsheet template: write a model's parameters to XLSX/CSV, read them back.

The analyst gets a workbook pre-filled with the process's activities, the outgoing
flows of its splits, its units and the process itself, fills in what is missing and
uploads it again. Reading validates every row first and applies **nothing** when any
row is wrong: :class:`TemplateError` carries the report (sheet, row, column, what).

Sheets (German names and headers by default, English with ``lang="en"``; reading
accepts both): *Prozess* (cases per year), *Aktivitäten* (processing time, its
distribution, waiting time before the activity, its distribution, fixed cost),
*Verzweigungen* (probability of each outgoing flow of a split), *Organisationseinheiten*
(staff in FTE, cost per hour) and *Hinweise* (explanations, not read). Columns in
*italics* are for orientation and not read, except the activity's unit, which may name
another unit to move the activity there. A CSV holds the same tables one below the other,
each under a line ``[Sheet name]``; German CSVs use ``;`` and decimal commas.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from processanalysis.bpmn.model import Definitions
from processanalysis.simulation.parameters import (
    Distribution,
    ProcessParameters,
    distribution_problem,
    format_distribution,
    parse_distribution,
)
from processanalysis.simulation.sources._common import ModelView
from processanalysis.simulation.sources.layer import Layer

__all__ = [
    "TemplateError",
    "TemplateIssue",
    "check_template",
    "read_template_layer",
    "write_template",
]

#: Tolerance for the sum of a split's probabilities.
SUM_TOLERANCE = 0.01

SHEETS: dict[str, tuple[str, str]] = {
    "process": ("Prozess", "Process"),
    "activities": ("Aktivitäten", "Activities"),
    "branches": ("Verzweigungen", "Branches"),
    "units": ("Organisationseinheiten", "Units"),
}
NOTES_SHEET = ("Hinweise", "Notes")

#: Per sheet: (key, German header, English header, read?)
COLUMNS: dict[str, list[tuple[str, str, str, bool]]] = {
    "process": [
        ("id", "ID", "ID", True),
        ("name", "Prozess", "Process", False),
        ("cases_per_year", "Fälle pro Jahr", "Cases per year", True),
    ],
    "activities": [
        ("id", "ID", "ID", True),
        ("name", "Aktivität", "Activity", False),
        ("type", "Typ", "Type", False),
        ("unit", "Organisationseinheit", "Unit", True),
        ("processing", "Bearbeitungszeit (min)", "Processing time (min)", True),
        (
            "processing_distribution",
            "Verteilung Bearbeitungszeit",
            "Processing time distribution",
            True,
        ),
        ("waiting", "Liegezeit davor (min)", "Waiting time before (min)", True),
        ("waiting_distribution", "Verteilung Liegezeit", "Waiting time distribution", True),
        ("fixed_cost", "Sachkosten je Ausführung (€)", "Fixed cost per execution (€)", True),
    ],
    "branches": [
        ("gateway", "Verzweigung-ID", "Split ID", False),
        ("gateway_name", "Verzweigung", "Split", False),
        ("id", "Fluss-ID", "Flow ID", True),
        ("label", "Bedingung", "Condition", False),
        ("target", "Ziel", "Target", False),
        ("probability", "Wahrscheinlichkeit", "Probability", True),
    ],
    "units": [
        ("id", "ID", "ID", True),
        ("name", "Organisationseinheit", "Unit", False),
        ("pool", "Pool", "Pool", False),
        ("staff", "Personal (VZÄ)", "Staff (FTE)", True),
        ("cost_per_hour", "Kostensatz (€/h)", "Cost per hour (€)", True),
    ],
}

_MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable": ("Datei nicht lesbar: {detail}", "File cannot be read: {detail}"),
    "missing-column": ("Spalte „{name}“ fehlt", "Column '{name}' is missing"),
    "unknown-id": (
        "„{value}“ ist {kind} dieses Modells nicht bekannt",
        "'{value}' is no known {kind} of this model",
    ),
    "duplicate-id": ("„{value}“ steht mehrfach in der Tabelle", "'{value}' appears twice"),
    "not-a-number": ("„{value}“ ist keine Zahl", "'{value}' is not a number"),
    "negative": ("negativer Wert {value}", "negative value {value}"),
    "bad-distribution": (
        "Verteilung „{value}“ nicht verwendbar: {detail}",
        "distribution '{value}' cannot be used: {detail}",
    ),
    "distribution-mismatch": (
        "Minuten ({value}) passen nicht zum Mittelwert der Verteilung ({mean})",
        "minutes ({value}) do not match the distribution's mean ({mean})",
    ),
    "unknown-unit": (
        "Organisationseinheit „{value}“ unbekannt",
        "unit '{value}' is unknown",
    ),
    "probability-range": (
        "Wahrscheinlichkeit {value} liegt nicht zwischen 0 und 1",
        "probability {value} is not between 0 and 1",
    ),
    "probability-sum": (
        "Wahrscheinlichkeiten der Verzweigung „{gateway}“ ergeben {total} statt 1",
        "probabilities of split '{gateway}' add up to {total}, not 1",
    ),
    "probability-incomplete": (
        "Verzweigung „{gateway}“: alle ausgehenden Flüsse brauchen eine Wahrscheinlichkeit "
        "oder keiner ({missing} fehlt)",
        "split '{gateway}': give a probability for every outgoing flow or for none "
        "({missing} is missing)",
    ),
    "cases-conflict": (
        "widersprüchliche Fallzahlen: {value} und {other}",
        "conflicting case volumes: {value} and {other}",
    ),
}
_KINDS = {
    "activity": ("als Aktivität", "activity"),
    "process": ("als Prozess", "process"),
    "flow": ("als ausgehender Fluss einer Verzweigung", "outgoing flow of a split"),
    "unit": ("als Organisationseinheit", "unit"),
}


#: How an issue's row and column are named: German, then English.
_WHERE = (("Zeile {row}", "Spalte „{column}“"), ("row {row}", "column '{column}'"))


@dataclass(frozen=True, slots=True)
class TemplateIssue:
    """One invalid cell or row: where (sheet, row, column) and what (``code``).

    ``row`` is the spreadsheet's row number (the line number in a CSV).
    """

    sheet: str
    row: int | None
    column: str | None
    code: str
    value: str = ""
    params: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str = "de") -> str:
        """What is wrong, in German or English."""
        template = _MESSAGES[self.code][0 if lang == "de" else 1]
        extra = dict(self.params)
        if "kind" in extra:
            extra["kind"] = _KINDS[extra["kind"]][0 if lang == "de" else 1]
        return template.format(value=self.value, **extra)

    def located(self, lang: str = "de") -> str:
        """Sheet, row, column and what is wrong, in one line, in German or English."""
        row, column = _WHERE[0 if lang == "de" else 1]
        where = [self.sheet]
        if self.row:
            where.append(row.format(row=self.row))
        if self.column:
            where.append(column.format(column=self.column))
        return f"{', '.join(where)}: {self.message(lang)}"

    def __str__(self) -> str:
        return self.located("de")


class TemplateError(ValueError):
    """A template with invalid rows; ``issues`` lists every problem, nothing was applied."""

    def __init__(self, issues: list[TemplateIssue]) -> None:
        self.issues = issues
        lines = "; ".join(str(i) for i in issues[:5])
        more = f" (+{len(issues) - 5} weitere)" if len(issues) > 5 else ""
        super().__init__(f"{len(issues)} Fehler in der Vorlage: {lines}{more}")


# -- writing -------------------------------------------------------------------------------


def _fmt(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.10g}")


def _dist(d: Distribution | None) -> str | None:
    return None if d is None or d.kind == "constant" else format_distribution(d)


def template_rows(model: Definitions, params: ProcessParameters) -> dict[str, list[list[object]]]:
    """The rows of each sheet (without header), as :func:`write_template` fills them."""
    from processanalysis.simulation.sources.pa import _arrival_process

    view = ModelView(model)
    rows: dict[str, list[list[object]]] = {key: [] for key in SHEETS}
    arrival = _arrival_process(model, view)
    for process in model.processes:
        if not any((e.id or "") in view.activities for e in process.walk()):
            continue
        cases = params.arrivals.cases_per_year if process is arrival else None
        rows["process"].append([process.id, process.label, _fmt(cases)])
    for activity_id, activity in view.activities.items():
        given = params.activities.get(activity_id)
        unit = view.units.get(activity_id)
        resource_id = given.resource_id if given and given.resource_id else (unit and unit.id)
        resource = params.resources.get(resource_id or "")
        unit_name = resource.name if resource else (unit.name if unit else "")
        processing = given.processing if given else None
        waiting = given.waiting if given else None
        rows["activities"].append(
            [
                activity_id,
                activity.label,
                activity.type,
                unit_name,
                _fmt(processing.mean) if processing else None,
                _dist(processing),
                _fmt(waiting.mean) if waiting else None,
                _dist(waiting),
                _fmt(given.fixed_cost) if given else None,
            ]
        )
    for gateway_id, flows in view.splits.items():
        gateway = view.flow_nodes[gateway_id]
        for flow in flows:
            target = view.flow_nodes.get(flow.target or "")
            rows["branches"].append(
                [
                    gateway_id,
                    gateway.label,
                    flow.id,
                    flow.label,
                    target.label or target.id if target else flow.target,
                    _fmt(params.probabilities.get(flow.id or "")),
                ]
            )
    pools = {u.id: u for u in _pool_names(model)}
    for resource in params.resources.values():
        given = resource.source != "default"
        rows["units"].append(
            [
                resource.id,
                resource.name,
                pools.get(resource.id, _Pool(resource.id, "")).pool,
                _fmt(resource.staff) if given else None,
                _fmt(resource.cost_per_hour) if given else None,
            ]
        )
    return rows


@dataclass(frozen=True, slots=True)
class _Pool:
    id: str
    pool: str


def _pool_names(model: Definitions) -> Iterator[_Pool]:
    process_pool = {p.process_ref: p.label for p in model.participants if p.process_ref}
    for process in model.processes:
        pool = process_pool.get(process.id) or process.label
        for lane in process.lanes():
            if lane.id:
                yield _Pool(lane.id, pool)


def _header(sheet: str, lang: str) -> list[str]:
    return [col[1] if lang == "de" else col[2] for col in COLUMNS[sheet]]


def _sheet_name(sheet: str, lang: str) -> str:
    return SHEETS[sheet][0 if lang == "de" else 1]


def _notes(lang: str, params: ProcessParameters) -> list[str]:
    d = params.defaults
    if lang == "de":
        return [
            "Parameter-Vorlage der Prozessanalyse-Werkbank",
            "Zeiten in Minuten (1 Arbeitstag = 480, 1 Kalendertag = 1440), Geld in Euro.",
            "Leere Zellen bedeuten „nicht angegeben“; grau hinterlegte Spalten dienen der "
            "Orientierung und werden nicht gelesen.",
            "Verteilung (optional): konstant(10), gleichverteilt(5; 15), dreieck(5; 10; 20), "
            "exponentiell(12), normal(10; 2), lognormal(10; 3), gamma(10; 3), "
            "empirisch(5; 10; 20). Sie muss zum Mittelwert in der Minuten-Spalte passen.",
            "Wahrscheinlichkeiten je Verzweigung: alle ausgehenden Flüsse oder keiner, "
            "Summe 1 (exklusiv, ereignisbasiert); als 0,25 oder 25 %.",
            "Organisationseinheit einer Aktivität ändern verschiebt sie in diese Einheit.",
            f"Annahmen: {d.productive_hours_per_fte_year:g} produktive Stunden je VZÄ und "
            f"Jahr, {d.cost_per_hour:g} €/h, {d.working_days_per_year:g} Arbeitstage.",
        ]
    return [
        "Parameter template of the process analysis workbench",
        "Times in minutes (1 working day = 480, 1 calendar day = 1440), money in euros.",
        "Empty cells mean 'not given'; grey columns are for orientation and not read.",
        "Distribution (optional): constant(10), uniform(5, 15), triangular(5, 10, 20), "
        "exponential(12), normal(10, 2), lognormal(10, 3), gamma(10, 3), "
        "empirical(5, 10, 20). It must match the mean in the minutes column.",
        "Probabilities per split: every outgoing flow or none, adding up to 1 "
        "(exclusive, event-based); as 0.25 or 25 %.",
        "Changing an activity's unit moves it to that unit.",
        f"Assumptions: {d.productive_hours_per_fte_year:g} productive hours per FTE and "
        f"year, {d.cost_per_hour:g} €/h, {d.working_days_per_year:g} working days.",
    ]


def write_template(
    model: Definitions,
    params: ProcessParameters | None,
    path: str | Path,
    *,
    lang: str = "de",
) -> Path:
    """Write the parameter template for ``model`` (``.xlsx`` or ``.csv``), pre-filled
    with ``params`` (loaded from the model when ``None``).

    Examples
    --------
    >>> import tempfile
    >>> from processanalysis import import_file
    >>> model = import_file("sample_processes/gewerbeanmeldung_ist.bpmn")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_template(model, None, Path(folder) / "parameter.csv")
    ...     read_template_layer(path, model).cases_per_year
    1400.0
    """
    if lang not in ("de", "en"):
        raise ValueError(f"lang must be 'de' or 'en', not {lang!r}")
    if params is None:
        from processanalysis.simulation.params_io import load_parameters

        params = load_parameters(model)
    path = Path(path)
    rows = template_rows(model, params)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        _write_xlsx(path, rows, lang, params)
    elif suffix == ".csv":
        _write_csv(path, rows, lang)
    else:
        raise ValueError(f"{path.name}: expected .xlsx or .csv")
    return path


def _write_xlsx(
    path: Path, rows: dict[str, list[list[object]]], lang: str, params: ProcessParameters
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    notes = workbook.active
    notes.title = NOTES_SHEET[0 if lang == "de" else 1]
    for line in _notes(lang, params):
        notes.append([line])
    notes["A1"].font = Font(bold=True)
    notes.column_dimensions["A"].width = 110
    grey = PatternFill("solid", fgColor="EEEEEE")
    for sheet, data in rows.items():
        ws = workbook.create_sheet(_sheet_name(sheet, lang))
        ws.append(_header(sheet, lang))
        for row in data:
            ws.append(row)
        for index, (_key, de, en, read) in enumerate(COLUMNS[sheet], start=1):
            letter = get_column_letter(index)
            ws[f"{letter}1"].font = Font(bold=True, italic=not read)
            ws.column_dimensions[letter].width = max(
                12, min(50, len(de if lang == "de" else en) + 4)
            )
            if not read:
                for cell in ws[letter][1:]:
                    cell.fill = grey
        ws.freeze_panes = "B2"
    workbook.save(path)


def _csv_value(value: object, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.10g}"
        return text.replace(".", ",") if lang == "de" else text
    return str(value)


def _write_csv(path: Path, rows: dict[str, list[list[object]]], lang: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if lang == "de" else ",", lineterminator="\n")
    for sheet, data in rows.items():
        writer.writerow([f"[{_sheet_name(sheet, lang)}]"])
        writer.writerow(_header(sheet, lang))
        for row in data:
            writer.writerow([_csv_value(v, lang) for v in row])
        writer.writerow([])
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


# -- reading -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Table:
    """One sheet as read: its name in the file, header row, and (row number, cells)."""

    key: str
    name: str
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[object]]]
    decimal_comma: bool = False


def _norm(text: object) -> str:
    return " ".join(str(text or "").split()).casefold()


def _sheet_key(name: object) -> str | None:
    wanted = _norm(name).strip("[]").strip()
    for key, names in SHEETS.items():
        if wanted in (_norm(n) for n in names):
            return key
    return None


def _read_xlsx(path: Path) -> list[_Table]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        tables = []
        for ws in workbook.worksheets:
            key = _sheet_key(ws.title)
            if key is None:
                continue
            header_row, header, rows = 0, [], []
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = list(values)
                if not any(c is not None and str(c).strip() for c in cells):
                    continue
                if not header:
                    header_row, header = number, [str(c or "").strip() for c in cells]
                else:
                    rows.append((number, cells))
            tables.append(_Table(key, ws.title, header_row, header, rows))
        return tables
    finally:
        workbook.close()


def _read_csv(path: Path) -> list[_Table]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    lines = text.splitlines()
    sample = "\n".join(line for line in lines if line.strip() and not line.startswith("["))
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    tables: list[_Table] = []
    current: _Table | None = None
    for number, line in enumerate(lines, start=1):
        cells = next(csv.reader([line], delimiter=delimiter)) if line.strip() else []
        if not any(c.strip() for c in cells):
            continue
        first = cells[0].strip()
        if first.startswith("[") and first.endswith("]") and not any(c.strip() for c in cells[1:]):
            key = _sheet_key(first)
            current = None
            if key is not None:
                current = _Table(key, first.strip("[]"), 0, [], [], delimiter == ";")
                tables.append(current)
            continue
        if current is None:
            continue
        if not current.header:
            current.header_row, current.header = number, [c.strip() for c in cells]
        else:
            current.rows.append((number, list(cells)))
    return tables


class _Check:
    """Collects issues while turning cells into values."""

    def __init__(self) -> None:
        self.issues: list[TemplateIssue] = []

    def add(
        self,
        table: _Table,
        row: int | None,
        column: str | None,
        code: str,
        value: object = "",
        **params: str,
    ) -> None:
        text = "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
        self.issues.append(TemplateIssue(table.name, row, column, code, text, params))

    def number(
        self, table: _Table, row: int, column: str, value: object, *, percent: bool = False
    ) -> float | None:
        """A non-negative number, ``None`` for an empty cell; an issue for anything else."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        scale = 1.0
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int | float):
            number = float(value)
        else:
            text = str(value).strip().replace("\u00a0", "").replace(" ", "")
            if percent and text.endswith("%"):
                text, scale = text[:-1], 0.01
            if "," in text and "." in text:
                text = text.replace(".", "").replace(",", ".")
            elif table.decimal_comma and re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
                text = text.replace(".", "")  # "1.600" in a German CSV is 1600
            elif "," in text:
                text = text.replace(",", ".")
            try:
                number = float(text)
            except ValueError:
                number = None
        if number is None or not math.isfinite(number):
            self.add(table, row, column, "not-a-number", value)
            return None
        number *= scale
        if number < 0:
            self.add(table, row, column, "negative", number)
            return None
        return number


def _columns(table: _Table, check: _Check) -> dict[str, int] | None:
    """Column index of each readable key; ``None`` (with an issue) without an ID column."""
    found: dict[str, int] = {}
    for key, de, en, _read in COLUMNS[table.key]:
        for index, text in enumerate(table.header):
            if _norm(text) in (_norm(de), _norm(en)):
                found.setdefault(key, index)
    if "id" not in found:
        label = next(c[1] for c in COLUMNS[table.key] if c[0] == "id")
        check.add(table, table.header_row or None, label, "missing-column", name=label)
        return None
    return found


def _header_of(table: _Table, index: int) -> str:
    return table.header[index] if index < len(table.header) else ""


def check_template(path: str | Path, model: Definitions) -> list[TemplateIssue]:
    """Every problem of a filled-in template (empty when it can be applied)."""
    try:
        read_template_layer(path, model)
    except TemplateError as exc:
        return exc.issues
    return []


@dataclass(slots=True)
class _Row:
    """One data row of a table, with its cells looked up by column key."""

    table: _Table
    number: int
    cells: list[object]
    columns: dict[str, int]

    def get(self, key: str) -> tuple[object, str]:
        """The cell of column ``key`` (``None`` if absent) and that column's header."""
        index = self.columns.get(key)
        if index is None:
            return None, ""
        value = self.cells[index] if index < len(self.cells) else None
        return value, _header_of(self.table, index)

    def text(self, key: str) -> str:
        value, _ = self.get(key)
        return "" if value is None else str(value).strip()


@dataclass(slots=True)
class _Reading:
    """State of one template read: the model, the layer being filled, the issues."""

    view: ModelView
    layer: Layer
    check: _Check
    #: unit id -> name, from the units sheet
    unit_rows: dict[str, tuple[_Row, str]] = field(default_factory=dict)
    #: activities' unit cells: (row, header, text, activity id)
    unit_cells: list[tuple[_Row, str, str, str]] = field(default_factory=list)
    #: flow id -> its row in the branches sheet
    flow_rows: dict[str, _Row] = field(default_factory=dict)


def read_template_layer(path: str | Path, model: Definitions) -> Layer:
    """The values of a filled-in template, validated row by row.

    Raises
    ------
    TemplateError
        Any row is invalid (its ``issues`` say where and what); nothing is applied.
    """
    path = Path(path)
    check = _Check()
    try:
        tables = _read_xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _read_csv(path)
    except Exception as exc:  # any reader failure is reported, not raised raw
        table = _Table("process", path.name, 0, [], [])
        detail = str(exc) or type(exc).__name__
        check.add(table, None, None, "unreadable", detail=detail)
        raise TemplateError(check.issues) from exc
    reading = _Reading(ModelView(model), Layer("template"), check)
    handlers = {
        "process": _process_row,
        "activities": _activity_row,
        "branches": _branch_row,
        "units": _unit_row,
    }
    for table in tables:
        columns = _columns(table, check)
        if columns is None:
            continue
        seen: set[str] = set()
        for number, cells in table.rows:
            row = _Row(table, number, cells, columns)
            element_id = row.text("id")
            if not element_id:
                continue
            if element_id in seen:
                check.add(table, number, row.get("id")[1], "duplicate-id", element_id)
                continue
            seen.add(element_id)
            handlers[table.key](row, element_id, model, reading)
    _resolve_units(reading)
    _check_splits(reading)
    if check.issues:
        raise TemplateError(check.issues)
    return reading.layer


def _process_row(row: _Row, element_id: str, model: Definitions, reading: _Reading) -> None:
    check, layer = reading.check, reading.layer
    if element_id not in {p.id for p in model.processes}:
        check.add(row.table, row.number, row.get("id")[1], "unknown-id", element_id, kind="process")
        return
    value, header = row.get("cases_per_year")
    cases = check.number(row.table, row.number, header, value)
    if cases is None:
        return
    if layer.cases_per_year is not None and not math.isclose(cases, layer.cases_per_year):
        other = f"{layer.cases_per_year:g}"
        check.add(row.table, row.number, header, "cases-conflict", cases, other=other)
        return
    layer.cases_per_year = cases


def _time_cells(row: _Row, mean_key: str, dist_key: str, check: _Check) -> Distribution | None:
    value, header = row.get(mean_key)
    minutes = check.number(row.table, row.number, header, value)
    text = row.text(dist_key)
    dist_header = row.get(dist_key)[1]
    if not text:
        return None if minutes is None else Distribution.constant(minutes)
    try:
        distribution = parse_distribution(text)
    except ValueError as exc:
        check.add(row.table, row.number, dist_header, "bad-distribution", text, detail=str(exc))
        return None
    problem = distribution_problem(distribution)
    if problem is not None:
        check.add(row.table, row.number, dist_header, "bad-distribution", text, detail=problem)
        return None
    mean = distribution.mean
    if minutes is not None and not math.isclose(minutes, mean, rel_tol=0.01, abs_tol=0.01):
        check.add(row.table, row.number, header, "distribution-mismatch", minutes, mean=f"{mean:g}")
        return None
    return distribution


def _activity_row(row: _Row, element_id: str, model: Definitions, reading: _Reading) -> None:
    check, layer = reading.check, reading.layer
    if element_id not in reading.view.activities:
        check.add(
            row.table, row.number, row.get("id")[1], "unknown-id", element_id, kind="activity"
        )
        return
    processing = _time_cells(row, "processing", "processing_distribution", check)
    if processing is not None:
        layer.processing[element_id] = processing
    waiting = _time_cells(row, "waiting", "waiting_distribution", check)
    if waiting is not None:
        layer.waiting[element_id] = waiting
    value, header = row.get("fixed_cost")
    cost = check.number(row.table, row.number, header, value)
    if cost is not None:
        layer.fixed_cost[element_id] = cost
    if row.text("unit"):
        reading.unit_cells.append((row, row.get("unit")[1], row.text("unit"), element_id))


def _unit_row(row: _Row, element_id: str, model: Definitions, reading: _Reading) -> None:
    check, layer = reading.check, reading.layer
    staff_value, staff_header = row.get("staff")
    cost_value, cost_header = row.get("cost_per_hour")
    staff = check.number(row.table, row.number, staff_header, staff_value)
    cost = check.number(row.table, row.number, cost_header, cost_value)
    reading.unit_rows[element_id] = (row, row.text("name") or element_id)
    if staff is not None:
        layer.staff[element_id] = staff
    if cost is not None:
        layer.cost_per_hour[element_id] = cost


def _matches(text: str, *names: str) -> bool:
    wanted = _norm(text)
    return any(wanted == _norm(name) for name in names if name)


def _resolve_units(reading: _Reading) -> None:
    """Activities' unit cells name their own unit, another unit of the model, or a row of
    the units sheet; a units-sheet row must be a unit of the model or be named by one."""
    view, check, layer = reading.view, reading.check, reading.layer
    used: set[str] = set()
    for row, header, text, activity_id in reading.unit_cells:
        own = view.units.get(activity_id)
        if own is not None and _matches(text, own.id, own.name):
            used.add(own.id)
            continue
        candidates = [u for u, name in view.unit_names.items() if _matches(text, u, name)]
        candidates += [
            u
            for u, (_, name) in reading.unit_rows.items()
            if u not in view.unit_names and _matches(text, u, name)
        ]
        if len(candidates) != 1:
            check.add(row.table, row.number, header, "unknown-unit", text)
            continue
        used.add(candidates[0])
        layer.resource_of[activity_id] = candidates[0]
    for resource_id, (row, name) in reading.unit_rows.items():
        if resource_id in view.unit_names or view.model.get(resource_id) is not None:
            continue
        if resource_id in used:
            layer.resource_names[resource_id] = name
        else:
            check.add(
                row.table, row.number, row.get("id")[1], "unknown-id", resource_id, kind="unit"
            )


def _branch_row(row: _Row, element_id: str, model: Definitions, reading: _Reading) -> None:
    check = reading.check
    split_flows = {f.id for flows in reading.view.splits.values() for f in flows}
    if element_id not in split_flows:
        check.add(row.table, row.number, row.get("id")[1], "unknown-id", element_id, kind="flow")
        return
    reading.flow_rows[element_id] = row
    value, header = row.get("probability")
    probability = check.number(row.table, row.number, header, value, percent=True)
    if probability is None:
        return
    if probability > 1:
        check.add(row.table, row.number, header, "probability-range", probability)
        return
    reading.layer.probabilities[element_id] = probability


def _check_splits(reading: _Reading) -> None:
    """Per split: every outgoing flow given or none; exclusive splits add up to 1."""
    check, layer = reading.check, reading.layer
    bad_rows = {(i.sheet, i.row) for i in check.issues}
    # a mistyped flow id is reported as unknown; its split is then not "incomplete" too
    mistyped = any(i.code in ("unknown-id", "duplicate-id") for i in check.issues)
    for gateway_id, flows in reading.view.splits.items():
        ids = [f.id or "" for f in flows]
        rows = [reading.flow_rows[i] for i in ids if i in reading.flow_rows]
        given = [i for i in ids if i in layer.probabilities]
        if not given or any((r.table.name, r.number) in bad_rows for r in rows):
            continue
        first = reading.flow_rows[given[0]]
        header = first.get("probability")[1]
        gateway = reading.view.flow_nodes[gateway_id]
        name = gateway.label or gateway_id
        missing = [i for i in ids if i not in layer.probabilities]
        if mistyped and any(i not in reading.flow_rows for i in missing):
            continue
        if missing:
            row = reading.flow_rows.get(missing[0], first)
            check.add(
                row.table,
                row.number,
                header,
                "probability-incomplete",
                gateway=name,
                missing=missing[0],
            )
            continue
        if gateway.type == "inclusiveGateway":
            continue  # each flow of an inclusive split is taken independently
        total = sum(layer.probabilities[i] for i in ids)
        if abs(total - 1) > SUM_TOLERANCE:
            check.add(
                first.table,
                first.number,
                header,
                "probability-sum",
                gateway=name,
                total=f"{total:g}",
            )
