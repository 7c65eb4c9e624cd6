"""``processanalysis report``: files in, one report file out, plain errors, no partial files."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import openpyxl
import pytest
from lxml import html as lxml_html

from processanalysis import import_file
from processanalysis.analysis.runner import analyse
from processanalysis.cli.main import main
from processanalysis.simulation.params_io import write_template
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow

AS_IS = SAMPLES / "gewerbeanmeldung_ist.bpmn"
TO_BE = SAMPLES / "gewerbeanmeldung_soll.bpmn"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_html_report_with_variant_in_english(tmp_path: Path, capsys) -> None:
    out = tmp_path / "report.html"
    code, stdout, _ = run(capsys, "report", str(AS_IS), "--to-be", str(TO_BE), "--format",
                          "html", "--lang", "en", "-o", str(out))
    assert code == 0 and f"Report written: {out}" in stdout
    document = lxml_html.fromstring(out.read_text("utf-8"))
    assert document.get("lang") == "en"
    headings = document.xpath("//section/h1/text()")
    assert headings[0] == "Summary for decision makers"
    assert "To-be variant 'gewerbeanmeldung_soll'" in headings


def test_format_follows_the_suffix_and_pdf_is_written(tmp_path: Path, capsys) -> None:
    docx_file = tmp_path / "bericht.docx"
    assert run(capsys, "report", str(AS_IS), "-o", str(docx_file))[0] == 0
    assert docx_file.read_bytes()[:2] == b"PK"
    pdf_file = tmp_path / "bericht.pdf"
    code, stdout, _ = run(capsys, "report", str(AS_IS), "-o", str(pdf_file))
    assert code == 0 and "Bericht geschrieben" in stdout
    assert pdf_file.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(pdf_file), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Zusammenfassung für Entscheider" in text


def test_parameter_file_feeds_the_report(tmp_path: Path, capsys) -> None:
    template = tmp_path / "parameter.xlsx"
    model = import_file(AS_IS)
    write_template(model, None, template)
    out = tmp_path / "bericht.xlsx"
    code, _, err = run(capsys, "report", str(AS_IS), "--params", str(template), "--format",
                       "xlsx", "-o", str(out))
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    header = [c.value for c in book["Parameter"][1]]
    sources = {row[header.index("Quelle")] for row in
               book["Parameter"].iter_rows(min_row=2, values_only=True)}
    assert "template" in sources
    general = {r[0]: r[1] for r in book["Optimierungsbericht"].iter_rows(values_only=True)
               if r and r[0]}
    assert general["Datei"] == AS_IS.name


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["report", "missing.bpmn", "--format", "html"], 1, "missing.bpmn: Datei nicht gefunden"),
        (["report", "--format", "html"], 2, "Bitte eine BPMN-Datei angeben"),
        (["report", str(AS_IS)], 2, "Format fehlt"),
        (["report", str(AS_IS), "--params", "p.txt", "--format", "html"], 2, "p.txt: erwartet"),
        (["report", str(AS_IS), "--portfolio", "--format", "html"], 2, "nicht beides"),
        (["report", "--portfolio", "--to-be", str(TO_BE), "--format", "html"], 2,
         "--to-be gilt nur"),
    ],
)
def test_bad_input_gives_a_plain_message_and_no_file(tmp_path: Path, capsys, argv, status,
                                                     message) -> None:
    out = tmp_path / "out" / "report.bin"
    code, _, err = run(capsys, *argv, "-o", str(out))
    assert code == status
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_unreadable_bpmn_names_the_file_and_code(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "kaputt.bpmn"
    broken.write_text("<definitions><process", encoding="utf-8")
    out = tmp_path / "bericht.html"
    code, _, err = run(capsys, "report", str(broken), "--format", "html", "-o", str(out))
    assert code == 1 and "kaputt.bpmn: [" in err
    assert not out.exists() and list(tmp_path.iterdir()) == [broken]


@pytest.fixture
def seeded_db(tmp_path: Path, capsys) -> str:
    url = f"sqlite:///{tmp_path / 'workbench.db'}"
    assert main(["--db", url, "workspace", "seed"]) == 0
    capsys.readouterr()
    return url


def test_portfolio_report_from_the_database(seeded_db: str, tmp_path: Path, capsys) -> None:
    from models.db import engine_for, session_for
    from models.portfolio_store import load_portfolio

    out = tmp_path / "portfolio.xlsx"
    code, _, err = run(capsys, "--db", seeded_db, "report", "--portfolio", "--format", "xlsx",
                       "-o", str(out))
    assert code == 0, err
    engine = engine_for(seeded_db)
    with session_for(engine) as session:
        portfolio = load_portfolio(session)
    engine.dispose()
    book = openpyxl.load_workbook(out)
    ranking = list(book["Rangfolge"].iter_rows(min_row=2, values_only=True))
    assert portfolio.projects and len(ranking) == len(portfolio.projects)
    assert sorted(r[1] for r in ranking) == sorted(p.name for p in portfolio.projects)
    assert [r[0] for r in ranking] == list(range(1, len(ranking) + 1))
    assert book["Rangfolge"].freeze_panes == "A2"
    code, _, err = run(capsys, "--db", seeded_db, "report", "--portfolio", "--scheme", "nope",
                       "--format", "html", "-o", str(tmp_path / "x.html"))
    assert code == 1 and "„nope“ unbekannt" in err and "simple" in err
    assert not (tmp_path / "x.html").exists()


def test_with_library_adds_review_status_and_measures(seeded_db: str, tmp_path: Path,
                                                      capsys) -> None:
    from sqlmodel import select

    from models.db import engine_for, session_for
    from models.library import ProcessVersion
    from models.portfolio_store import measures_for_version
    from models.reviews import reviews_for, set_review
    from models.store import content_hash

    finding = analyse(import_file(AS_IS)).findings[0]
    engine = engine_for(seeded_db)
    with session_for(engine) as session:
        version = session.exec(select(ProcessVersion).where(
            ProcessVersion.content_hash == content_hash(AS_IS.read_bytes()))).one()
        existing = reviews_for(session, version.id).get(finding.id)
        set_review(session, version.id, finding.id, "rejected", "schon erledigt",
                   expected_version=existing.version if existing else None)
        measures = {m.name for m in measures_for_version(session, version.id)}
    engine.dispose()
    out = tmp_path / "bericht.xlsx"
    code, _, err = run(capsys, "--db", seeded_db, "report", str(AS_IS), "--with-library",
                       "--format", "xlsx", "-o", str(out))
    assert code == 0, err
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    rows = list(book["Befunde"].iter_rows(values_only=True))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Befund"] == finding.text("de")
    assert first["Prüfstatus"] == "verworfen" and first["Kommentar"] == "schon erledigt"
    assert measures, "the seed links measures to this sample"
    names = {r[0] for r in book["Maßnahmen"].iter_rows(min_row=2, values_only=True)}
    assert names == measures
