"""The modeller and compare pages without a browser: assets, the pa: moddle extension,
saving variants (accepted and refused), applying suggestions, the comparison record and
both pages in Streamlit's AppTest.

The browser half (palette, panel, drafts, colours on the diagrams) is
``tests/test_browser_modeler.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import app_pages.workspace as workspace
from app_pages.auth import _USER_KEY, LOCAL_USER, User
from app_pages.bpmn_modeler import (
    COMPONENT_NAME,
    MODELER_SOURCES,
    PA_MODDLE_PATH,
    modeler_assets,
)
from app_pages.modeler_views import LABEL_KEYS, TASK_TYPES, handle_save
from app_pages.variants_data import (
    VersionRef,
    apply_finding,
    comparison_record,
    draft_key_for,
    save_variant,
    suggestions,
)
from models.db import session_for
from models.store import add_file, get_version, list_processes, versions_of
from processanalysis import read_bpmn
from processanalysis.analysis.media import PA_IT_SYSTEM, PA_MEDIUM
from processanalysis.analysis.runner import analyse
from processanalysis.bpmn import namespaces as ns
from processanalysis.simulation.sources.pa import PA_ATTRIBUTES
from processanalysis.variants import diff_models
from tests.apptest import ROOT, fresh_cache  # noqa: F401  (autouse: a fresh data cache)
from tests.conftest import SAMPLES
from tests.test_analysis_page import REMOTE_RESOURCE

GEWERBE = SAMPLES / "gewerbeanmeldung_ist.bpmn"
#: A paper-checking step of the sample, re-typed and re-labelled in the tests below.
TASK = "Activity_152xpsx"
FRONTEND = ROOT / "frontend"

#: Where node or the npm packages are missing (a user's partial set-up) these tests skip;
#: under CI=true they run and fail instead, as `make install` provides both there.
IN_CI = os.environ.get("CI", "").lower() == "true"
needs_node = pytest.mark.skipif(
    not IN_CI and (
        shutil.which("node") is None
        or not (FRONTEND / "node_modules" / "bpmn-moddle").is_dir()
    ),
    reason="node or frontend/node_modules missing (make install)",
)


# -- the database of the pages ------------------------------------------------------------------


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The pages' database is a fresh SQLite file (``DATABASE_URL``), seeded like a first start."""
    url = f"sqlite:///{tmp_path / 'workbench.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    workspace.engine.clear()
    yield url
    workspace.engine.clear()


@pytest.fixture
def editor(monkeypatch: pytest.MonkeyPatch) -> User:
    """The session's user is the local admin (what ``auth.gate`` sets on a loopback server)."""
    import streamlit as st

    monkeypatch.setitem(st.session_state, _USER_KEY, LOCAL_USER)
    return LOCAL_USER


def stored_gewerbe(url: str) -> tuple[int, int]:
    """``(process id, version id)`` of the Gewerbeanmeldung as-is in the pages' database."""
    with session_for(workspace.engine()) as session:
        process, version, _ = add_file(session, GEWERBE)
        return process.id, version.id  # type: ignore[return-value]


def version_count(process_id: int) -> int:
    with session_for(workspace.engine()) as session:
        return len(versions_of(session, process_id))


def with_medium(xml: str, element_id: str, medium: str, name: str | None = None) -> str:
    """``xml`` with ``pa:medium`` (and a new name) on one element, as bpmn-js would write it."""
    from lxml import etree

    from processanalysis.bpmn.xmlsafe import parse_xml  # the project's safe parser

    root, _ = parse_xml(xml.encode("utf-8"))
    (element,) = root.xpath(f"//*[@id='{element_id}']")
    element.set(PA_MEDIUM, medium)
    if name is not None:
        element.set("name", name)
    return etree.tostring(root, encoding="unicode")


# -- assets -----------------------------------------------------------------------------------


def test_modeler_component_loads_nothing_from_the_internet() -> None:
    """HTML, CSS and JS (the modeller bundle and the icon font included) are all inline."""
    assets = modeler_assets()
    for part in (assets.html, assets.css, assets.js):
        found = REMOTE_RESOURCE.search(part)
        assert found is None, part[max(0, found.start() - 80) : found.end() + 80]
    lock = json.loads((FRONTEND / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/bpmn-js"]["version"]
    assert f"bpmn-modeler v{version}" in assets.js
    assert "data:font/woff2;base64," in assets.js  # the icon font travels inline
    assert "bpmn-icon-task" in assets.css  # the palette's icon classes


def test_our_modeler_sources_name_no_url_at_all() -> None:
    for path in MODELER_SOURCES.iterdir():
        assert not re.search(r"https?://", path.read_text(encoding="utf-8")), path.name


@pytest.mark.skipif(
    not IN_CI and shutil.which("node") is None, reason="node is not installed"
)
def test_modeler_module_is_valid_javascript(tmp_path: Path) -> None:
    module = tmp_path / "modeler.mjs"
    module.write_text(modeler_assets().js, encoding="utf-8")
    result = subprocess.run(
        ["node", "--check", str(module)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_modeler_sends_only_the_save_trigger() -> None:
    js = (MODELER_SOURCES / "bpmn_modeler.js").read_text(encoding="utf-8")
    assert set(re.findall(r"setTriggerValue\(\"(\w+)\"", js)) == {"save"}


def test_every_component_word_is_translated() -> None:
    from app_pages.i18n import STRINGS

    for lang in ("de", "en"):
        for key in LABEL_KEYS:
            assert f"variants.js.{key}" in STRINGS[lang]
        for kind in TASK_TYPES:
            assert f"variants.task.{kind.split(':')[1]}" in STRINGS[lang]
    js = (MODELER_SOURCES / "bpmn_modeler.js").read_text(encoding="utf-8")
    used = set(re.findall(r"this\.label\(\"(\w+)\"", js))
    used |= {f"field_{key}" for key in re.findall(r'key: "(\w+)"', js)}
    used |= {f"field_{key}" for key in re.findall(r'Amount\(element, "(\w+)"', js)}
    used |= {f"field_{key}" for key in re.findall(r'(?:Select|Text)\(element, "(\w+)"', js)}
    assert used <= set(LABEL_KEYS), used - set(LABEL_KEYS)


# -- the pa: moddle extension: bpmn-js and our importer agree -----------------------------------


def test_descriptor_declares_every_attribute_our_analyses_read() -> None:
    descriptor = json.loads(PA_MODDLE_PATH.read_text(encoding="utf-8"))
    assert descriptor["uri"] == ns.PA and descriptor["prefix"] == "pa"
    declared = {
        "{%s}%s" % (ns.PA, prop["name"])
        for kind in descriptor["types"]
        for prop in kind["properties"]
        if prop.get("isAttr")
    }
    assert {PA_MEDIUM, PA_IT_SYSTEM, *PA_ATTRIBUTES} <= declared


@needs_node
def test_medium_set_through_moddle_is_read_by_our_analysis(tmp_path: Path) -> None:
    """What the panel writes (``pa:medium``, ``pa:itSystem`` through the extension) is what
    our importer and media classification read: the paper check becomes an IT-system step."""
    before = analyse(read_bpmn(GEWERBE.read_bytes())).media[TASK]
    assert before["medium"] == "paper"
    result = subprocess.run(
        [
            "node",
            str(MODELER_SOURCES / "pa_roundtrip.mjs"),
            str(GEWERBE),
            TASK,
            json.dumps(
                {
                    "medium": "it_system",
                    "itSystem": "Gewerbe-Fachverfahren",
                    "processingTime": "12.5",
                }
            ),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=FRONTEND,
    )
    assert result.returncode == 0, result.stderr
    assert 'xmlns:pa="urn:processanalysis:bpmn:1.0"' in result.stdout
    model = read_bpmn(result.stdout.encode("utf-8"))
    assert not model.warnings or all("pa:" not in w.message("en") for w in model.warnings)
    element = model.get(TASK)
    assert element is not None and element.attributes[PA_MEDIUM] == "it_system"
    after = analyse(model).media[TASK]
    assert after["medium"] == "it_system" and after["source"] == "attribute"
    assert after["system"] == "Gewerbe-Fachverfahren"


# -- saving variants -------------------------------------------------------------------------


def test_saved_variant_records_parent_and_keeps_the_medium(app_db: str, editor: User) -> None:
    process_id, version_id = stored_gewerbe(app_db)
    xml = with_medium(GEWERBE.read_text(encoding="utf-8"), TASK, "online_service", "Online prüfen")
    outcome = save_variant(VersionRef(process_id, version_id), xml, "Online-Variante")
    assert outcome.ok, outcome.messages
    with session_for(workspace.engine()) as session:
        stored = get_version(session, outcome.version_id)
        assert stored is not None
        assert (stored.role, stored.parent_version_id, stored.variant_name) == (
            "to_be",
            version_id,
            "Online-Variante",
        )
        model = read_bpmn(stored.bpmn_xml.encode("utf-8"))
    assert analyse(model).media[TASK]["medium"] == "online_service"
    diff = diff_models(read_bpmn(GEWERBE.read_bytes()), model)
    change = diff.change(TASK)
    assert change is not None and {"name", "medium"} <= set(change.fields)


def test_two_variants_of_one_as_is(app_db: str, editor: User) -> None:
    process_id, version_id = stored_gewerbe(app_db)
    before = version_count(process_id)
    xml = GEWERBE.read_text(encoding="utf-8")
    first = save_variant(VersionRef(process_id, version_id), with_medium(xml, TASK, "email"), "A")
    second = save_variant(VersionRef(process_id, version_id), with_medium(xml, TASK, "fax"), "B")
    assert first.ok and second.ok and first.version_id != second.version_id
    assert version_count(process_id) == before + 2


@pytest.mark.parametrize(
    ("xml", "name", "expected"),
    [
        ("<definitions><process id='p'>", "Kaputt", "kann nicht gelesen werden"),
        ("not xml at all", "Kaputt", "kann nicht gelesen werden"),
        (None, "   ", "Namen"),
    ],
    ids=["truncated", "not-xml", "no-name"],
)
def test_refused_save_writes_nothing_and_says_why(
    app_db: str, editor: User, xml: str | None, name: str, expected: str
) -> None:
    process_id, version_id = stored_gewerbe(app_db)
    before = version_count(process_id)
    document = xml if xml is not None else GEWERBE.read_text(encoding="utf-8")
    outcome = save_variant(VersionRef(process_id, version_id), document, name)
    assert not outcome.ok
    ((kind, message),) = outcome.messages
    assert kind == "error" and expected in message
    assert version_count(process_id) == before


def test_viewer_may_not_save(app_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit as st

    process_id, version_id = stored_gewerbe(app_db)
    before = version_count(process_id)
    viewer = User(name="Gast", email=None, subject="gast", role="viewer")
    monkeypatch.setitem(st.session_state, _USER_KEY, viewer)
    outcome = save_variant(VersionRef(process_id, version_id), GEWERBE.read_text("utf-8"), "X")
    assert not outcome.ok and "Rolle" in outcome.messages[0][1]
    assert version_count(process_id) == before


def test_edited_sample_is_stored_as_as_is_then_variant(app_db: str, editor: User) -> None:
    data = GEWERBE.read_bytes()
    ref = VersionRef(None, None, file_name=GEWERBE.name, file_data=data)
    assert draft_key_for(ref).startswith("file:")
    xml = with_medium(data.decode("utf-8"), TASK, "it_system")
    outcome = handle_save(ref, {"xml": xml, "name": "Digital", "nonce": 5, "draft_key": "k"})
    assert outcome.ok
    with session_for(workspace.engine()) as session:
        versions = versions_of(session, outcome.process_id)  # type: ignore[arg-type]
    by_id = {v.id: v for v in versions}
    saved = versions[-1]
    assert saved.role == "to_be" and saved.variant_name == "Digital"
    parent = by_id[saved.parent_version_id]
    assert (parent.role, parent.file_name) == ("as_is", GEWERBE.name)


def test_handle_save_confirms_to_the_browser_only_when_stored(app_db: str, editor: User) -> None:
    import streamlit as st

    from app_pages.modeler_views import SAVED_KEY

    process_id, version_id = stored_gewerbe(app_db)
    ref = VersionRef(process_id, version_id)
    st.session_state.pop(SAVED_KEY, None)
    refused = handle_save(ref, {"xml": "<broken", "name": "X", "nonce": 1, "draft_key": "v"})
    assert not refused.ok and SAVED_KEY not in st.session_state
    xml = with_medium(GEWERBE.read_text("utf-8"), TASK, "email")
    stored = handle_save(ref, {"xml": xml, "name": "X", "nonce": 2, "draft_key": "v"})
    assert stored.ok and st.session_state[SAVED_KEY] == {"nonce": 2, "draft_key": "v"}
    st.session_state.pop(SAVED_KEY, None)


# -- suggestions and the comparison ---------------------------------------------------------------


def test_apply_suggestion_stores_a_variant_with_the_change(app_db: str, editor: User) -> None:
    process_id, version_id = stored_gewerbe(app_db)
    found = suggestions(GEWERBE.read_text(encoding="utf-8"))
    assert found and all(item["operations"] for item in found)
    chosen = next(item for item in found if item["operations"][0].startswith("digitise_input"))
    # Offered in words, with element labels instead of ids.
    assert chosen["title"]["de"] == "Eingang digitalisieren"
    assert all("Activity_" not in text and "„" in text for text in chosen["changes"]["de"])
    outcome = apply_finding(process_id, version_id, chosen["id"], "Digitaler Eingang")
    assert outcome.ok, outcome.messages
    assert outcome.messages[0][0] == "info"  # what the operation did
    with session_for(workspace.engine()) as session:
        stored = get_version(session, outcome.version_id)
        assert stored is not None and stored.parent_version_id == version_id
        xml = stored.bpmn_xml
    record = comparison_record(GEWERBE.read_text(encoding="utf-8"), xml)
    assert record["ok"] and record["rows"]
    assert record["kpis"]["delta"]["media_breaks"] < 0


def test_comparison_record_colours_both_diagrams() -> None:
    as_is = (SAMPLES / "wohngeldantrag_ist.bpmn").read_text(encoding="utf-8")
    to_be = (SAMPLES / "wohngeldantrag_soll.bpmn").read_text(encoding="utf-8")
    record = comparison_record(as_is, to_be)
    assert record["ok"]
    statuses = {row["status"] for row in record["rows"]}
    assert statuses == {"added", "removed", "changed"}
    before, after = read_bpmn(as_is.encode()), read_bpmn(to_be.encode())
    assert all(before.get(i) is not None for i in record["as_is_colours"])
    assert all(after.get(i) is not None for i in record["to_be_colours"])
    assert set(record["as_is_colours"].values()) == {"removed", "changed"}
    assert set(record["to_be_colours"].values()) == {"added", "changed"}
    assert record["summary"]["de"] and record["summary"]["en"] != record["summary"]["de"]
    assert record["kpis"]["delta"]["media_breaks"] < 0
    # Findings followed across: the resolved media breaks are those the comparison names.
    findings = record["findings"]
    resolved = {
        f["id"] for f in findings if f["status"] == "resolved" and f["kind"] == "media_break"
    }
    assert resolved == set(record["media_breaks"]["resolved"])
    assert {f["side"] for f in findings if f["status"] == "new"} <= {"to_be"}
    assert all(
        before.get(e) is not None for f in findings if f["side"] == "as_is" for e in f["elements"]
    )


def test_unreadable_document_is_a_record_not_an_exception() -> None:
    record = comparison_record("<broken", GEWERBE.read_text(encoding="utf-8"))
    assert not record["ok"] and record["error"]["de"]


# -- the pages in AppTest ------------------------------------------------------------------------


def bidi_data(at: Any, name: str) -> list[dict[str, Any]]:
    found = []
    for element in at.get("bidi_component"):
        proto = element.proto
        if proto.component_name == name:
            raw = proto.json if proto.WhichOneof("data") == "json" else proto.mixed.json
            found.append(json.loads(raw))
    return found


def page_test(script: str, user: User | None) -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app_pages" / script), default_timeout=120)
    if user is not None:
        at.session_state[_USER_KEY] = user
    return at


def test_modeler_page_opens_the_chosen_version(app_db: str) -> None:
    process_id, version_id = stored_gewerbe(app_db)
    at = page_test("modeler_page.py", LOCAL_USER).run()
    assert not at.exception
    at.selectbox(key="variants.modeler.process").set_value(process_id).run()
    at.selectbox(key="variants.modeler.version").set_value(version_id).run()
    (data,) = bidi_data(at, COMPONENT_NAME)
    assert data["draft_key"] == f"version:{version_id}"
    assert data["xml"] == GEWERBE.read_text(encoding="utf-8")
    assert ["paper", "Papier"] in data["media"]
    assert data["labels"]["save"] == "Als Variante speichern"
    assert not at.info  # an editor sees no read-only note


def test_modeler_page_tells_a_viewer_saving_is_not_allowed(app_db: str) -> None:
    stored_gewerbe(app_db)
    viewer = User(name="Gast", email=None, subject="gast", role="viewer")
    at = page_test("modeler_page.py", viewer).run()
    assert not at.exception
    assert any("Leserechte" in info.value for info in at.info)


def test_compare_page_shows_diff_kpis_and_applies_a_suggestion(app_db: str) -> None:
    process_id, version_id = stored_gewerbe(app_db)
    with session_for(workspace.engine()) as session:
        processes = list_processes(session)
    assert any(p["id"] == process_id for p in processes)
    xml = with_medium(GEWERBE.read_text("utf-8"), TASK, "online_service", "Online prüfen")
    import streamlit as st

    st.session_state[_USER_KEY] = LOCAL_USER
    try:
        variant = save_variant(VersionRef(process_id, version_id), xml, "Online")
    finally:
        del st.session_state[_USER_KEY]
    before = version_count(process_id)
    at = page_test("compare_page.py", LOCAL_USER).run()
    at.selectbox(key="variants.compare.process").set_value(process_id).run()
    assert not at.exception
    assert at.selectbox(key="variants.compare.to_be").value == variant.version_id
    viewers = bidi_data(at, "processanalysis_bpmn_viewer")
    assert [v["colours"].get(TASK) for v in viewers] == ["changed", "changed"]
    assert at.info and "Medienbr" in at.info[0].value  # the plain-language summary
    tables = [frame.value for frame in at.dataframe]
    diff = next(table for table in tables if "Geändert" in table.columns)
    assert "Online prüfen" in diff["Soll"].tolist()
    findings = next(table for table in tables if "Befund" in table.columns)
    assert findings["Änderung"].str.contains("behoben|bleibt|neu").all()
    # The renamed online step meets the paper steps around it: a new media break, named.
    new = findings[findings["Änderung"].str.contains("neu")]
    assert new["Befund"].str.contains("Online prüfen").any()
    keys = {chart.key for chart in at.get("plotly_chart")}
    assert {"variants.compare.chart_kpis", "variants.compare.chart_delta"} <= keys
    # Workshop mode: one diagram at a time when toggled.
    at.toggle(key="variants.compare.workshop").set_value(True).run()
    assert not at.exception
    # Apply a suggestion: a third version, preselected as the variant.
    at.button(key="variants.suggest.apply").click().run()
    assert not at.exception
    assert version_count(process_id) == before + 1
    assert at.selectbox(key="variants.compare.to_be").value not in (None, variant.version_id)
    assert any("Neue Variante gespeichert" in s.value for s in at.success)


def test_compare_page_in_english(app_db: str) -> None:
    at = page_test("compare_page.py", LOCAL_USER)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Compare"
    assert at.toggle(key="variants.compare.workshop").label == "Workshop mode"


@pytest.mark.parametrize("sample", ["anwohnerparkausweis_ist.bpmn", "gewerbeanmeldung_ist.bpmn"])
def test_page_follows_media_breaks_as_the_comparison_does(sample: str) -> None:
    """After applying a suggestion, each media break on the page has the status
    ``processanalysis compare`` gives it (resolved, shifted, remaining, new), so a break
    that only moved to the next step is not shown as a new one."""
    from processanalysis import export_bpmn
    from processanalysis.variants import apply_suggestion

    as_is_xml = (SAMPLES / sample).read_text(encoding="utf-8")
    model = read_bpmn(as_is_xml.encode())
    finding = next(
        f for f in analyse(model).findings if f.kind == "media_break" and f.operations
    )
    variant, _ = apply_suggestion(model, finding)
    record = comparison_record(as_is_xml, export_bpmn(variant).decode("utf-8"))
    assert record["ok"]
    page = {
        status: {f["id"] for f in record["findings"]
                 if f["kind"] == "media_break" and f["status"] == status}
        for status in ("resolved", "shifted", "remaining", "new")
    }
    assert page == {status: set(ids) for status, ids in record["media_breaks"].items()}
    assert finding.id in page["resolved"] | page["shifted"]


def test_compare_page_opens_on_a_process_that_has_a_variant(app_db: str) -> None:
    """The seeded library lists processes without variants first (by name); the page
    starts on the first one with something to compare, not on an empty choice."""
    with session_for(workspace.engine()) as session:
        processes = list_processes(session)
    assert processes[0]["versions"] == 1  # the alphabetical first has no variant
    with_variant = next(p for p in processes if p["versions"] > 1)
    at = page_test("compare_page.py", LOCAL_USER).run()
    assert not at.exception
    assert at.selectbox(key="variants.compare.process").value == with_variant["id"]
    assert at.selectbox(key="variants.compare.to_be").value is not None
