"""In a real browser: the import page takes a file and shows its structure (German)."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


def test_upload_shows_participants_lanes_and_counts(page) -> None:
    page.goto(page.base_url + "/")
    page.get_by_text("Import & Prüfung").first.wait_for()
    page.locator("input[type=file]").first.set_input_files(
        str(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    )
    # The lanes appear in the (canvas-drawn) table; its cells exist in the DOM for a11y.
    page.get_by_text("Sachbearbeitung Gewerbeamt").first.wait_for(state="attached")
    page.get_by_text("Stadtkasse").first.wait_for(state="attached")
    assert page.get_by_text("gewerbeanmeldung_ist.bpmn").count() >= 1
    content = page.content()
    assert "Traceback" not in content and "Page not found" not in content


def test_broken_upload_shows_a_plain_error(page, tmp_path) -> None:
    broken = tmp_path / "kaputt.bpmn"
    broken.write_text("<definitions><process>", encoding="utf-8")
    page.goto(page.base_url + "/")
    page.get_by_text("Import & Prüfung").first.wait_for()
    page.locator("input[type=file]").first.set_input_files(str(broken))
    # The reason in plain words, with what to do, once the file has been read.
    page.get_by_text("Die Datei endet mitten im XML").first.wait_for()
    page.get_by_text("1 Datei(en), davon 1 nicht lesbar.").first.wait_for()
    content = page.content()
    assert "Traceback" not in content and "Exportieren Sie das Modell erneut" in content
