"""In a real browser: download the optimisation report in every format from the analysis page.

Debian's Chromium through Playwright against the app started by `make run` (fixtures in
tests/browser.py and tests/server.py). The analysis page opens on the first sample; each
button builds its report on click and the browser saves a file that is checked by
content, not only by name.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import html as lxml_html

from app_pages.loading import sample_files

pytestmark = pytest.mark.slow

SIGNATURES = {"pdf": b"%PDF-", "docx": b"PK", "xlsx": b"PK", "html": b"<!DOCTYPE html>"}
LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "html": "HTML"}
MAIN_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def test_every_report_format_downloads_from_the_analysis_page(page) -> None:
    page.goto(page.base_url + "/analysis")
    page.get_by_text("Bericht herunterladen").first.wait_for(timeout=90_000)
    first_sample = sample_files()[0].stem  # the page opens on it
    for fmt, label in LABELS.items():
        button = page.get_by_role("button", name=label, exact=True)
        button.scroll_into_view_if_needed()
        with page.expect_download(timeout=120_000) as info:
            button.click()
        download = info.value
        assert download.suggested_filename == f"{first_sample}_bericht.{fmt}"
        data = open(download.path(), "rb").read()  # noqa: SIM115 - Playwright owns the file
        assert data.startswith(SIGNATURES[fmt]), (fmt, data[:20])
        if fmt in MAIN_PARTS:
            assert MAIN_PARTS[fmt] in zipfile.ZipFile(io.BytesIO(data)).namelist()
        if fmt == "html":
            document = lxml_html.fromstring(data.decode("utf-8"))
            assert document.xpath("//section/h1/text()")[0] == "Zusammenfassung für Entscheider"
    assert "Traceback" not in page.content()
