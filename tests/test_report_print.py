"""The PDF's print version: same findings content in fewer, denser lines."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from processanalysis import import_file
from processanalysis.analysis.runner import analyse
from processanalysis.reports import build_process_report, write_report
from processanalysis.reports.document import HEAVY_TAGS, Figure, Report, Section
from processanalysis.reports.pdf import print_version

pytestmark = pytest.mark.slow



def test_findings_print_as_one_record_per_finding_with_every_text() -> None:
    model = import_file(Path("sample_processes/gewerbeanmeldung_ist.bpmn"))
    findings = analyse(model).findings
    report = build_process_report(model, reviews={findings[0].id: {
        "status": "accepted", "comment": "im Workshop bestätigt"}})
    [table] = [t for t in report.tables() if t.name == "findings"]
    [printed] = [t for t in print_version(report).tables() if t.name == "findings"]
    assert len(printed.rows) == len(table.rows) == len(findings)
    assert printed.columns == [" · ".join(table.columns[i] for i in table.printed())]
    first = printed.rows[0][0].split("\n")
    assert first[0].startswith("1 · hoch · ") and findings[0].text("de") in first[0]
    assert first[-1] == "Prüfstatus: bestätigt · Kommentar: im Workshop bestätigt"
    for row, record in zip(table.rows, printed.rows, strict=True):
        for column in table.printed()[4:]:
            value = table.display(row[column], column, "de")
            assert not value or value in record[0], (table.columns[column], value)
    # the report itself is left as it was: HTML, DOCX and XLSX keep the column table
    assert len(table.columns) == 11


def test_unreadable_labels_are_left_out_of_a_huge_raster_only() -> None:
    shapes = "".join(f'<rect x="{i * 20}" y="10" width="15" height="15"/>'
                     f'<text x="{i * 20}" y="40" font-size="12">T{i}</text>'
                     for i in range(HEAVY_TAGS))
    wide = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {HEAVY_TAGS * 20} 400">'
            f"{shapes}</svg>")
    narrow = wide.replace(f"0 0 {HEAVY_TAGS * 20} 400", "0 0 6000 400")
    report = Report("process", "de", "B", "x", [], [Section("d", "D", [
        Figure(wide, "huge", kind="diagram"), Figure(narrow, "big", kind="diagram")])])
    huge, big = print_version(report).sections[0].blocks
    assert huge.heavy and "<text" not in huge.svg and huge.svg.count("<rect") == HEAVY_TAGS
    assert big.svg == narrow  # labels print readably (0.13 pt per unit): kept


def test_pdf_of_the_sample_has_the_records(tmp_path: Path) -> None:
    model = import_file(Path("sample_processes/gewerbeanmeldung_ist.bpmn"))
    pdf = write_report(build_process_report(model), "pdf", tmp_path / "b.pdf")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert re.search(r"^1 · hoch · ", text, re.M)
    assert "Vorschlag: " in text and "Belege: " in text


def test_activities_without_values_share_one_row_per_unit_in_print() -> None:
    from processanalysis.reports.document import Table

    table = Table("parameters", ["Aktivität", "Bearbeitung", "Liegezeit", "Kosten", "Einheit",
                                 "Quelle", "ID"],
                  [["A", "", "", None, "Amt", "default", "a"],
                   ["B", "constant(5)", "", None, "Amt", "pa", "b"],
                   ["C", "", "", None, "Amt", "default", "c"],
                   ["D", "", "", None, "Kasse", "default", "d"],
                   ["E", "constant(5)", "", None, "Amt", "pa", "e"]],
                  formats=["text", "text", "text", "money", "text", "text", "text"],
                  widths=[3, 1.6, 1.6, 1, 1.4, 1, 1.4], excel_only=(6,))
    report = Report("process", "de", "B", "x", [], [Section("p", "P", [table])])
    [printed] = print_version(report).sections[0].blocks
    assert [r[0] for r in printed.rows] == ["A; C", "B", "D", "E"]  # values keep their rows
    assert [r[4] for r in printed.rows] == ["Amt", "Amt", "Kasse", "Amt"]
    assert printed.widths[0] > 3 and len(table.rows) == 5  # the report is left as it was
