"""The browser page: renders in German, switches to English, shows each file or its error."""

from __future__ import annotations

import doctest
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# `streamlit run` puts app.py's folder on sys.path; AppTest runs in this process, so do the same.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import app_pages.i18n  # noqa: E402
import app_pages.loading  # noqa: E402
from app_pages.i18n import LANGUAGES, STRINGS  # noqa: E402
from app_pages.loading import LOADED_FILES_KEY  # noqa: E402
from processanalysis import COUNT_KEYS, BpmnImportError, read_bpmn  # noqa: E402
from tests.apptest import fresh_cache, open_app, unescape, use_samples  # noqa: E402, F401

APP = ROOT / "app.py"

#: A citizen (black box) sends an application to the authority, whose two lanes handle it.
MODEL = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"
    targetNamespace="http://example.org/bpmn">
  <collaboration id="c">
    <participant id="citizen" name="B\xc3\xbcrger"/>
    <participant id="authority" name="Ordnungsamt" processRef="p"/>
    <messageFlow id="mf" sourceRef="citizen" targetRef="start"/>
  </collaboration>
  <process id="p">
    <laneSet id="ls">
      <lane id="front" name="B\xc3\xbcrgerb\xc3\xbcro">
        <flowNodeRef>start</flowNodeRef><flowNodeRef>check</flowNodeRef>
      </lane>
      <lane id="back" name="Sachbearbeitung">
        <flowNodeRef>decide</flowNodeRef><flowNodeRef>approve</flowNodeRef>
        <flowNodeRef>end</flowNodeRef>
      </lane>
    </laneSet>
    <startEvent id="start" name="Antrag eingegangen"/>
    <userTask id="check" name="Antrag pr\xc3\xbcfen"/>
    <exclusiveGateway id="decide"/>
    <manualTask id="approve" name="Bescheid drucken"/>
    <endEvent id="end"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
    <sequenceFlow id="f2" sourceRef="check" targetRef="decide"/>
    <sequenceFlow id="f3" sourceRef="decide" targetRef="approve"/>
    <sequenceFlow id="f4" sourceRef="approve" targetRef="end"/>
    <sequenceFlow id="f5" sourceRef="decide" targetRef="nowhere"/>
  </process>
</definitions>
"""

BROKEN = [
    pytest.param(b"not xml at all", id="not-xml"),
    pytest.param(b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">', id="cut"),
    pytest.param(b"<html><body>Hallo</body></html>", id="not-bpmn"),
    pytest.param(b"PK\x03\x04zipzipzip", id="binary"),
]


def frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has ``column``, its texts as a reader sees them."""
    for element in [*at.dataframe, *at.table]:
        if column in element.value.columns:
            return element.value.map(lambda cell: unescape(cell) if isinstance(cell, str) else cell)
    raise AssertionError(f"no table with column {column!r}")


@pytest.fixture
def no_samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty sample folder, whatever ``sample_processes/`` holds today."""
    return use_samples(tmp_path, monkeypatch)


@pytest.fixture
def app(no_samples: Path) -> AppTest:
    """The app as ``make run`` starts it, after its first run."""
    return open_app()


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value([(name, data, "application/xml") for name, data in files])
    return at.run()


def test_page_renders_in_german_by_default(app: AppTest) -> None:
    """Without any choice the page is German and invites an upload."""
    assert app.title[0].value == "Import & Prüfung"
    assert app.sidebar.radio[0].value == "de"
    assert "Noch keine Datei geladen" in app.info[0].value
    assert not app.error


def test_uploader_takes_bpmn_and_xml_up_to_the_library_limit(app: AppTest) -> None:
    """The uploader accepts several .bpmn/.xml files, each up to the importer's 50 MB."""
    uploader = app.file_uploader[0]
    assert uploader.accept_multiple_files
    assert {kind.lstrip(".") for kind in uploader.allowed_type} == {"bpmn", "xml"}
    assert uploader.proto.max_upload_size_mb == app_pages.loading.LIMIT_MB == 50


def test_server_upload_limit_matches_the_library() -> None:
    """The server's upload limit in .streamlit/config.toml is the importer's limit."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == app_pages.loading.LIMIT_MB


def test_switching_to_english_changes_the_page(app: AppTest) -> None:
    """The sidebar switch turns the page English."""
    app.sidebar.radio[0].set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Import & check"
    assert "No file loaded yet" in app.info[0].value


def test_uploaded_model_shows_structure_counts_and_warnings(app: AppTest) -> None:
    """A readable file shows participants with lanes, counts by type and its warnings."""
    upload(app, ("gewerbe_anmeldung.bpmn", MODEL))
    assert not app.exception
    assert not app.error

    summary = frame(app, "Status")
    assert summary.to_dict("records") == [
        {
            "Datei": "gewerbe_anmeldung.bpmn",
            "Status": "✓ gelesen",
            "Teilnehmer": 2,
            "Lanes": 2,
            "Aufgaben": 2,
            "Hinweise": 2,
        }
    ]
    assert app.expander[0].label.startswith("✓ gelesen")

    structure = frame(app, "Lane (Organisationseinheit)")
    rows = {(r["Teilnehmer"], r["Lane (Organisationseinheit)"]) for _, r in structure.iterrows()}
    assert ("Ordnungsamt", "Bürgerbüro") in rows
    assert ("Ordnungsamt", "Sachbearbeitung") in rows
    citizen = structure[structure["Teilnehmer"] == "Bürger"]
    assert citizen["Art"].str.startswith("Black Box").all()

    counts = frame(app, "Elementtyp").set_index("BPMN")
    assert counts.loc["task", "Elementtyp"] == "Aufgaben"
    assert counts.loc["task", "Anzahl"] == 2
    assert counts.loc["gateway", "Anzahl"] == 1
    assert counts.loc["sequenceFlow", "Anzahl"] == 5
    assert counts.loc["resolved_flows", "Anzahl"] == 5  # four sequence flows and the message

    warnings = frame(app, "Meldung")
    assert set(warnings["Code"]) == {"dangling-reference", "missing-di"}
    assert warnings["Meldung"].str.contains("nowhere").any()


def test_warnings_follow_the_language(app: AppTest) -> None:
    """Switching the language re-renders warnings in English without an upload again."""
    upload(app, ("model.bpmn", MODEL))
    app.sidebar.radio[0].set_value("en").run()
    assert not app.exception
    warnings = frame(app, "Message")
    assert warnings["Message"].str.contains("does not exist").any()
    assert frame(app, "Element type").set_index("BPMN").loc["task", "Element type"] == "Tasks"


@pytest.mark.parametrize("data", BROKEN)
def test_broken_file_shows_plain_error(app: AppTest, data: bytes) -> None:
    """An unreadable file shows the library's message in plain words, never a traceback."""
    with pytest.raises(BpmnImportError) as raised:
        read_bpmn(data)
    upload(app, ("kaputt.bpmn", data), ("ok.bpmn", MODEL))
    assert not app.exception
    assert len(app.error) == 1
    assert raised.value.message("de") in unescape(app.error[0].value)
    statuses = list(frame(app, "Status")["Status"])
    assert statuses == ["✗ nicht lesbar", "✓ gelesen"]
    if raised.value.line is not None:  # the line is named once, not twice
        assert unescape(app.error[0].value).count(f"Zeile {raised.value.line}") == 1


def test_broken_file_error_in_english(app: AppTest) -> None:
    """The error follows the language switch."""
    upload(app, ("kaputt.bpmn", b"not xml at all"))
    app.sidebar.radio[0].set_value("en").run()
    assert "not well-formed XML" in unescape(app.error[0].value)


def test_unexpected_exception_is_shown_plainly(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in the importer shows an error naming the exception type, not a traceback."""

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app_pages.loading, "read_bpmn", explode)
    upload(app, ("model.bpmn", MODEL))
    assert not app.exception
    assert "RuntimeError" in unescape(app.error[0].value)
    assert frame(app, "Status")["Status"].tolist() == ["✗ nicht lesbar"]


def test_files_loaded_through_session_state_are_shown(no_samples: Path) -> None:
    """Files placed in the page's session key (as the sample loader does) are inspected."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[LOADED_FILES_KEY] = {"wohngeld.bpmn": MODEL}
    at.run()
    assert not at.exception
    assert not at.error
    assert frame(at, "Elementtyp").set_index("BPMN").loc["lane", "Anzahl"] == 2


def test_without_samples_the_page_says_so(app: AppTest) -> None:
    """An empty sample folder is no error, only a note."""
    assert not app.selectbox
    assert any("sample_processes" in caption.value for caption in app.caption)


def test_sample_process_can_be_loaded(no_samples: Path) -> None:
    """Choosing a shipped sample and pressing the button shows it like an upload."""
    (no_samples / "anwohnerparkausweis.bpmn").write_bytes(MODEL)
    (no_samples / "hundesteuer.bpmn").write_bytes(b"not xml at all")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert at.selectbox[0].options == ["anwohnerparkausweis", "hundesteuer"]
    at.button[0].click().run()
    assert not at.exception
    assert not at.error
    assert frame(at, "Status")["Datei"].tolist() == ["anwohnerparkausweis.bpmn"]

    at.selectbox[0].select_index(1).run()
    at.button[0].click().run()
    assert frame(at, "Status")["Status"].tolist() == ["✓ gelesen", "✗ nicht lesbar"]
    assert len(at.error) == 1

    at.button[1].click().run()  # remove the loaded samples
    assert not at.dataframe
    assert "Noch keine Datei geladen" in at.info[0].value


def test_real_sample_processes_read_without_error() -> None:
    """Every shipped sample, if there are any yet, is readable BPMN."""
    samples = app_pages.loading.sample_files()
    if not samples:
        pytest.skip("sample_processes/ holds no .bpmn files yet")
    for path in samples:
        record = app_pages.loading.inspect_upload(path.name, path.read_bytes())
        assert record["ok"], (path.name, record["error"]["en"])


def test_file_names_are_shown_literally(app: AppTest) -> None:
    """Markdown characters in a file name do not format the expander label."""
    upload(app, ("_entwurf_ [v2].bpmn", MODEL))
    assert unescape(app.expander[0].label).endswith("_entwurf_ [v2].bpmn")


def test_both_languages_have_the_same_strings() -> None:
    """No UI string exists in one language only."""
    assert set(STRINGS) == set(LANGUAGES)
    assert set(STRINGS["de"]) == set(STRINGS["en"])


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_count_key_has_a_label(lang: str) -> None:
    """Each count the library reports has a label in each language."""
    for key in (*COUNT_KEYS, "resolved_flows"):
        assert f"count.{key}" in STRINGS[lang]


@pytest.mark.parametrize("module", [app_pages.i18n, app_pages.loading], ids=lambda m: m.__name__)
def test_docstring_examples(module: object) -> None:
    """The examples in the page modules' docstrings run (pytest collects only the library)."""
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0
