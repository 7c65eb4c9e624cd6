"""Reports in four formats, checked the way a reader meets them.

PDF pages are rendered to PNG with poppler's ``pdftoppm`` (not blank, the diagram page
shows the diagram) and read back with ``pdftotext`` (KPI figures and finding titles are
there); DOCX reopens with python-docx (Word heading and table styles), XLSX with openpyxl
(tables with filters, frozen headers), HTML parses and loads nothing from outside, and
hostile labels come out escaped everywhere.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from PIL import Image

from processanalysis import import_file, read_bpmn
from processanalysis.analysis.runner import analyse
from processanalysis.portfolio import FieldOfAction, Measure, Portfolio, Programme, Project
from processanalysis.portfolio.scoring import load_scheme
from processanalysis.reports import (
    FORMATS,
    PortfolioInput,
    build_portfolio_report,
    build_process_report,
    render_report,
    write_report,
)
from processanalysis.reports.texts import WORDS
from processanalysis.simulation.analytical import analytical_model
from processanalysis.simulation.formatting import format_duration, format_percent
from processanalysis.simulation.params_io import load_parameters
from tests.conftest import SAMPLES, bpmn

pytestmark = pytest.mark.slow

AS_IS = SAMPLES / "gewerbeanmeldung_ist.bpmn"
TO_BE = SAMPLES / "gewerbeanmeldung_soll.bpmn"
XSS = "<script>alert(1)</script>"
XSS_MODEL = bpmn(
    '<bpmn:collaboration id="c"><bpmn:participant id="pool" name="Amt &lt;b&gt;x&lt;/b&gt;" '
    'processRef="p"/></bpmn:collaboration>'
    '<bpmn:process id="p" name="Prozess &lt;img src=x onerror=alert(2)&gt;"><bpmn:laneSet>'
    '<bpmn:lane id="l1" name="Poststelle"><bpmn:flowNodeRef>s</bpmn:flowNodeRef>'
    "<bpmn:flowNodeRef>t1</bpmn:flowNodeRef></bpmn:lane>"
    '<bpmn:lane id="l2" name="Sachbearbeitung"><bpmn:flowNodeRef>t2</bpmn:flowNodeRef>'
    "<bpmn:flowNodeRef>e</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>"
    '<bpmn:startEvent id="s"/><bpmn:task id="t1" name="&lt;script&gt;alert(1)&lt;/script&gt;"/>'
    '<bpmn:userTask id="t2" name="Antrag prüfen"/><bpmn:endEvent id="e"/>'
    '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>'
    '<bpmn:sequenceFlow id="f2" sourceRef="t1" targetRef="t2"/>'
    '<bpmn:sequenceFlow id="f3" sourceRef="t2" targetRef="e"/></bpmn:process>'
)


def squash(text: str) -> str:
    """Text without whitespace: table cells wrap wherever the column ends."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def as_is_model():
    return import_file(AS_IS)


@pytest.fixture(scope="module")
def findings(as_is_model):
    return analyse(as_is_model).findings


@pytest.fixture(scope="module")
def report(as_is_model, findings):
    first, second = findings[0], findings[1]
    measures = [Measure("M1", "E-Formular Gewerbeanmeldung", finding_ids=(first.id,),
                        project_id="P1", hours_saved_per_year=320, media_breaks_removed=2,
                        cost=15000)]
    projects = [Project("P1", "Online-Gewerbeanmeldung", status="in_progress")]
    reviews = {first.id: {"status": "accepted", "comment": "im Workshop bestätigt"},
               second.id: "rejected"}
    return build_process_report(as_is_model, to_be=[("Soll 2027", import_file(TO_BE))],
                                reviews=reviews, measures=measures, projects=projects,
                                source=str(AS_IS))


@pytest.fixture(scope="module")
def pdf_file(report, tmp_path_factory) -> Path:
    return write_report(report, "pdf", tmp_path_factory.mktemp("pdf") / "bericht.pdf")


def pdftotext(path: Path, page: int | None = None) -> str:
    """The PDF's text in content order (``-raw``: a table cell's lines stay together)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-raw", *pages, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def page_sizes(path: Path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], check=True,
                         capture_output=True, text=True).stdout
    return [(float(w), float(h))
            for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def ink_share(png: Path) -> float:
    """Share of pixels that are not (almost) white."""
    image = Image.open(png).convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[245:]) / (image.width * image.height)


# -- PDF -------------------------------------------------------------------------------------


def test_pdf_pages_are_a4_with_landscape_diagram_page(pdf_file: Path) -> None:
    sizes = page_sizes(pdf_file)
    assert len(sizes) >= 8
    for width, height in sizes:
        assert sorted((round(width), round(height))) == [595, 842]  # A4 in points
    diagram_page = diagram_page_number(pdf_file)
    width, height = sizes[diagram_page - 1]
    assert width > height, "the wide as-is diagram is printed on a landscape page"
    assert sizes[0][0] < sizes[0][1], "the title page is portrait"


def diagram_page_number(pdf_file: Path) -> int:
    for number in range(1, len(page_sizes(pdf_file)) + 1):
        if "Ist-Prozess mit nummerierten Befunden" in pdftotext(pdf_file, number) and \
                "Inhalt" not in pdftotext(pdf_file, number):
            return number
    raise AssertionError("no page with the as-is diagram")


def test_pdf_pages_are_not_blank_and_diagram_page_shows_the_diagram(pdf_file: Path,
                                                                    tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf_file), str(tmp_path / "p")],
                   check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == len(page_sizes(pdf_file))
    shares = [ink_share(p) for p in pages]
    assert min(shares) > 0.002, f"a blank page: {shares}"
    diagram = shares[diagram_page_number(pdf_file) - 1]
    # The diagram (pools, lanes, tasks, flows, badges) inks far more than a text page's
    # header and title; a missing image would leave the page nearly white.
    assert diagram > 0.06, diagram
    title_page = shares[0]
    assert diagram > 3 * title_page


def test_pdf_text_has_kpi_figures_finding_titles_and_page_furniture(
        pdf_file: Path, as_is_model, findings) -> None:
    text = pdftotext(pdf_file)
    flat = squash(text)
    kpis = analyse(as_is_model).kpis
    result = analytical_model(as_is_model, load_parameters(as_is_model))
    for figure in (format_percent(kpis["digital_share"]), format_duration(result.lead_time),
                   format_duration(result.effort_per_case), str(kpis["media_breaks"])):
        assert squash(figure) in flat, figure
    for finding in findings:
        assert squash(finding.text("de")) in flat, finding.id
    # The table of contents points at the page the chapter is on (title 1, contents 2).
    contents = pdftotext(pdf_file, 2)
    assert "Inhalt" in contents
    assert re.search(r"Zusammenfassung für Entscheider[\s.]{3,}3\s", contents)
    assert "Zusammenfassung für Entscheider" in pdftotext(pdf_file, 3)
    pages = len(page_sizes(pdf_file))
    assert f"Seite 3 von {pages}" in text
    assert "Soll 2027" in text and "Online-Gewerbeanmeldung" in text
    assert "bestätigt" in text and "verworfen" in text  # review status in the findings table


def test_pdf_embeds_every_font(pdf_file: Path) -> None:
    out = subprocess.run(["pdffonts", str(pdf_file)], check=True, capture_output=True,
                         text=True).stdout.splitlines()[2:]
    assert out, "the PDF uses fonts"
    for line in out:
        assert re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        emb = line.split()[-5]
        assert emb == "yes", line


# -- DOCX ------------------------------------------------------------------------------------


def test_docx_reopens_with_heading_and_table_styles(report, tmp_path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT

    path = write_report(report, "docx", tmp_path / "bericht.docx")
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [s.title for s in report.sections] == headings[1:]  # after "Inhalt"
    assert document.paragraphs[1].style.name == "Title"
    table_styles = {t.style.name for t in document.tables}
    assert "Light Grid Accent 1" in table_styles
    findings_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr.")
    assert [c.text for c in findings_table.rows[0].cells][:4] == ["Nr.", "Bedeutung", "Art",
                                                                   "Befund"]
    assert len(findings_table.rows) == len(analyse(import_file(AS_IS)).findings) + 1
    assert any(s.orientation == WD_ORIENT.LANDSCAPE for s in document.sections)
    assert len(document.inline_shapes) >= 4  # diagrams and charts as pictures
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


# -- XLSX ------------------------------------------------------------------------------------


def test_xlsx_has_tables_with_filters_and_frozen_headers(report, findings) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(render_report(report, "xlsx")))
    for sheet in ("Befunde", "Kennzahlen", "Parameter", "Maßnahmen"):
        assert sheet in book.sheetnames, book.sheetnames
        ws = book[sheet]
        assert ws.freeze_panes == "A2"
        assert len(ws.tables) == 1
        table = next(iter(ws.tables.values()))
        assert table.ref.startswith("A1:")
        assert table.autoFilter is not None and table.autoFilter.ref == table.ref  # filters
        assert table.tableStyleInfo.name == "TableStyleMedium2"
    ws = book["Befunde"]
    table = next(iter(ws.tables.values()))
    assert table.ref.endswith(str(len(findings) + 1))
    assert [c.value for c in ws[1]][:4] == ["Nr.", "Bedeutung", "Art", "Befund"]
    assert ws.cell(row=2, column=4).value == findings[0].text("de")
    kpis = {row[0].value: row[1].value for row in book["Kennzahlen"].iter_rows(min_row=2)}
    assert kpis["Medienbrüche"] == analyse(import_file(AS_IS)).kpis["media_breaks"]
    assert isinstance(kpis["Digitalanteil"], float)  # a number, formatted as percent
    assert book["Maßnahmen"].cell(row=2, column=1).value == "E-Formular Gewerbeanmeldung"


# -- HTML ------------------------------------------------------------------------------------


def data_uri_svgs(document) -> list[str]:
    return [base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
            for src in document.xpath("//img/@src")]


def assert_nothing_external(page: str) -> None:
    document = lxml_html.fromstring(page)
    for element in document.iter():
        for attribute in ("src", "href", "action", "poster", "data"):
            value = element.get(attribute)
            if value is not None:
                assert value.startswith(("data:", "#")), (element.tag, value[:60])
    assert not document.xpath("//script | //link | //iframe | //object | //embed")
    styles = " ".join(document.xpath("//style/text()"))
    assert "@import" not in styles and not re.search(r"url\(\s*['\"]?(https?:|//)", styles)
    for svg in data_uri_svgs(document):
        root = etree.fromstring(svg.encode("utf-8"), etree.XMLParser(resolve_entities=False,
                                                                     no_network=True))
        for element in root.iter():
            for name, value in element.attrib.items():
                if name.endswith("href") or name == "src":
                    assert value.startswith(("#", "data:")), value
        assert not root.xpath("//*[local-name()='script' or local-name()='foreignObject']")


def test_html_is_self_contained(report) -> None:
    page = render_report(report, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert_nothing_external(page)
    document = lxml_html.fromstring(page)
    assert len(document.xpath("//img")) >= 6
    assert [a.get("href") for a in document.xpath("//nav//a")] == [
        f"#sec-{s.id}" for s in report.sections]


def test_hostile_labels_are_escaped_in_every_format(tmp_path: Path) -> None:
    model = read_bpmn(XSS_MODEL)
    report = build_process_report(model)
    page = render_report(report, "html").decode("utf-8")
    assert_nothing_external(page)
    assert XSS not in page and "<img src=x" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    document = lxml_html.fromstring(page)
    assert XSS in document.text_content()  # shown as text, exactly
    svg = next(s for s in data_uri_svgs(document) if "alert(1)" in s)
    assert XSS not in svg and "&lt;script&gt;" in svg
    text = pdftotext(write_report(report, "pdf", tmp_path / "x.pdf"))
    assert squash(XSS) in squash(text)  # printed as the text it is


def test_heavy_diagram_prints_as_raster_and_scrolls_on_screen() -> None:
    from processanalysis.reports.document import HEAVY_TAGS, Figure, Report, Section
    from processanalysis.reports.html import render_html
    from processanalysis.reports.process_report import writer_words

    shapes = "".join(f'<rect x="{i * 20}" y="10" width="15" height="15" fill="#0072b2"/>'
                     for i in range(HEAVY_TAGS + 10))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{(HEAVY_TAGS + 10) * 20}" '
           f'height="400" viewBox="0 0 {(HEAVY_TAGS + 10) * 20} 400">{shapes}</svg>')
    figure = Figure(svg, "Ist-Prozess", kind="diagram")
    assert figure.heavy and figure.too_small_in_print and figure.wide
    report = Report("process", "de", "Bericht", "Groß", [], [Section("d", "D", [figure])],
                    words=writer_words("de"))
    printed = lxml_html.fromstring(render_html(report, for_print=True))
    [src] = printed.xpath("//figure/img/@src")
    assert src.startswith("data:image/png;base64,")
    png = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
    assert max(png.size) <= 4000 and png.getbbox() is not None
    screen = lxml_html.fromstring(render_html(report))
    [img] = screen.xpath("//figure[contains(@class, 'large')]//div[@class='scroll']/img")
    assert img.get("src").startswith("data:image/svg+xml;base64,")
    caption = screen.xpath("//figcaption/text()")[0]
    assert "zoombar im HTML-Bericht" in caption


# -- language, portfolio, atomic writes --------------------------------------------------------


def test_english_report_and_same_keys_in_both_languages(as_is_model) -> None:
    assert WORDS["de"].keys() == WORDS["en"].keys()
    from app_pages.i18n_reports import STRINGS

    assert STRINGS["de"].keys() == STRINGS["en"].keys()
    assert all(key.startswith("reports.") for key in STRINGS["de"])
    report = build_process_report(as_is_model, lang="en")
    assert report.sections[0].title == "Summary for decision makers"
    page = render_report(report, "html").decode("utf-8")
    assert '<html lang="en">' in page and "Findings" in page and "Befunde" not in page


def example_portfolio() -> PortfolioInput:
    from datetime import date

    portfolio = Portfolio(
        fields=[FieldOfAction("F1", "Digitale Verwaltung")],
        programmes=[Programme("G1", "E-Akte", "F1")],
        projects=[
            Project("P1", "E-Akte Bauamt", status="in_progress", budget=250000, risk=2,
                    strategic_fit=5, start=date(2026, 1, 1), end=date(2027, 6, 30),
                    programme_id="G1", legal_obligation="EGovG"),
            Project("P2", "Online-Hundesteuer", status="planned", budget=40000, risk=1,
                    strategic_fit=3, start=date(2026, 9, 1), end=date(2027, 3, 31),
                    programme_id="G1"),
            Project("P3", "Chatbot <Bürgerbüro>", status="idea", budget=90000, risk=4),
        ],
        measures=[Measure("M1", "Scannen am Posteingang", project_id="P1",
                          hours_saved_per_year=1200, media_breaks_removed=3),
                  Measure("M2", "Online-Formular", project_id="P2", hours_saved_per_year=300)],
    )
    history = {"P1": [{"date": date(2026, 3, 1), "status": "in_progress", "progress": 40,
                       "note": "Pilot im Bauamt läuft", "author": "Frau Beispiel"}]}
    return PortfolioInput(portfolio, load_scheme("simple"), status_history=history)


def test_portfolio_report_in_every_format(tmp_path: Path) -> None:
    import openpyxl

    report = build_portfolio_report(example_portfolio())
    assert [s.id for s in report.sections] == ["summary", "ranking", "matrix", "roadmap",
                                               "status", "benefits"]
    pdf = write_report(report, "pdf", tmp_path / "portfolio.pdf")
    text = pdftotext(pdf)
    for expected in ("E-Akte Bauamt", "Online-Hundesteuer", "Chatbot <Bürgerbüro>",
                     "Pilot im Bauamt läuft", "Digitale Verwaltung", "1.500"):
        assert expected in text, expected
    page = render_report(report, "html").decode("utf-8")
    assert_nothing_external(page)
    assert "Chatbot &lt;Bürgerbüro&gt;" in page
    book = openpyxl.load_workbook(io.BytesIO(render_report(report, "xlsx")))
    for sheet in ("Rangfolge", "Statusverlauf", "Nutzen", "Maßnahmen"):
        assert book[sheet].freeze_panes == "A2" and len(book[sheet].tables) == 1
    ranking = list(book["Rangfolge"].iter_rows(min_row=2, values_only=True))
    assert ranking[0][1] == "E-Akte Bauamt"  # legal obligation first
    assert [r[0] for r in ranking] == [1, 2, 3]
    import docx

    document = docx.Document(io.BytesIO(render_report(report, "docx")))
    assert "Portfolio-Matrix" in [p.text for p in document.paragraphs
                                  if p.style.name == "Heading 1"]


def test_failed_write_leaves_no_file(report, tmp_path: Path) -> None:
    target = tmp_path / "bericht.pdf"
    with pytest.raises(ValueError, match="unknown report format"):
        write_report(report, "odt", target)
    assert list(tmp_path.iterdir()) == []
    assert set(FORMATS) == {"html", "pdf", "docx", "xlsx"}


def test_parameter_table_names_units_not_lane_ids(report, as_is_model) -> None:
    """The unit column shows the lane's name (as the app does), never its technical id."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(render_report(report, "xlsx")))
    ws = book["Parameter"]
    header = [c.value for c in ws[1]]
    column = header.index("Einheit")
    units = {row[column].value for row in ws.iter_rows(min_row=2) if row[column].value}
    lanes = {lane.id: lane.name for p in as_is_model.processes for lane in p.lanes()}
    assert units and not units & set(lanes)
    assert units <= set(lanes.values()) | {None}
