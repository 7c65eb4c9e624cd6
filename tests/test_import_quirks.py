"""Real-world export quirks: prefixes, encodings, missing parts, broken references, wrappers."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from processanalysis import (
    element_counts,
    export_bpmn,
    import_file,
    read_bpmn,
    resolved_flow_count,
)
from processanalysis.bpmn.model import Definitions, MessageFlow, SequenceFlow
from tests.conftest import bpmn, require_shared

QUIRKS = Path(__file__).parent / "fixtures" / "quirks"
B = "http://www.omg.org/spec/BPMN/20100524/MODEL"

#: The same small model ("Antrag bearbeiten") as each tool writes it.
SAME_MODEL = [
    "signavio_default_namespace.bpmn",
    "adonis_prefixless.bpmn",
    "aris_semantic_prefix.bpmn",
    "bizagi_latin1.bpmn",
    "camunda_bpmn_prefix.bpmn",
    "trisotech_semantic.bpmn",
    "modeler_model_prefix.bpmn",
    "bpmn2_prefix.bpmn",
    "visio_itp_missing_di.bpmn",
]
EXPECTED_COUNTS = {
    "participant": 0,
    "process": 1,
    "lane": 0,
    "task": 3,
    "subProcess": 0,
    "callActivity": 0,
    "event": 2,
    "gateway": 1,
    "sequenceFlow": 6,
    "messageFlow": 0,
    "dataObjectReference": 0,
    "dataStoreReference": 0,
    "textAnnotation": 0,
    "shape": 6,
    "edge": 6,
}
NAMES = {
    "StartEvent_1": "Antrag eingegangen",
    "Task_Pruefen": "Antrag prüfen",
    "Gateway_1": "Vollständig?",
    "Task_Bescheid": "Bescheid erstellen",
    "Task_Nachfordern": "Unterlagen nachfordern",
    "EndEvent_1": "Antrag erledigt",
}


def codes(model: Definitions) -> list[str]:
    return [w.code for w in model.warnings]


def warnings_of(model: Definitions, code: str) -> list:
    return [w for w in model.warnings if w.code == code]


@pytest.mark.parametrize("name", SAME_MODEL)
def test_every_tool_style_gives_the_same_model(name: str) -> None:
    """Whatever prefix, default namespace or encoding a tool uses, counts and names agree."""
    model = import_file(QUIRKS / name)
    expected = dict(EXPECTED_COUNTS)
    if name == "visio_itp_missing_di.bpmn":
        expected.update(shape=0, edge=0)
    assert element_counts(model) == expected
    assert resolved_flow_count(model) == 6
    assert {i: model.get(i).name for i in NAMES} == NAMES
    assert model.get("Gateway_1").default == "Flow_nein"
    assert model.get("Task_Pruefen").type == "userTask"
    assert "dangling-reference" not in codes(model)
    assert "encoding-mismatch" not in codes(model)


@pytest.mark.parametrize(
    "name", ["bpmn2_prefix.bpmn", "modeler_model_prefix.bpmn", "trisotech_semantic.bpmn"]
)
def test_prefix_variants_have_equal_flow_elements(name: str) -> None:
    """Prefixed variants without extension data hold flow elements equal to bpmn.io's."""
    reference = import_file(QUIRKS / "camunda_bpmn_prefix.bpmn").processes[0]
    process = import_file(QUIRKS / name).processes[0]
    assert process.flow_elements == reference.flow_elements
    assert process.name == reference.name


@pytest.mark.parametrize(
    ("name", "vendor"),
    [
        ("signavio_default_namespace.bpmn", "SAP Signavio"),
        ("adonis_prefixless.bpmn", "ADONIS (BOC)"),
        ("aris_semantic_prefix.bpmn", "ARIS"),
        ("bizagi_latin1.bpmn", "Bizagi"),
        ("camunda_bpmn_prefix.bpmn", "Camunda"),
        ("trisotech_semantic.bpmn", "Trisotech"),
        ("bpmn2_prefix.bpmn", "jBPM/Drools"),
        ("visio_itp_missing_di.bpmn", "itp commerce (Visio add-in)"),
    ],
)
def test_vendor_data_is_recognised_and_kept(name: str, vendor: str) -> None:
    """Each tool's extension data appears under its vendor and survives an export."""
    model = import_file(QUIRKS / name)
    assert vendor in model.fidelity.vendors
    data = model.fidelity.vendors[vendor]
    assert data.elements + data.attributes > 0
    again = read_bpmn(export_bpmn(model))
    assert again == model


def test_signavio_metadata_keys_are_recognised() -> None:
    """Signavio's metaKey values are listed in the fidelity report."""
    model = import_file(QUIRKS / "signavio_default_namespace.bpmn")
    assert model.fidelity.vendors["SAP Signavio"].recognised == {"bgcolor": 6}
    assert all(len(model.get(i).extensions) == 1 for i in NAMES)


def test_elements_without_namespace_are_read_as_bpmn() -> None:
    """A hand-written file with no namespace declaration at all is read as BPMN."""
    model = read_bpmn(
        b'<definitions id="D"><process id="P"><task id="T" name="x"/>'
        b'<sequenceFlow id="F" sourceRef="T" targetRef="T"/></process></definitions>'
    )
    assert model.get("T").type == "task"
    assert resolved_flow_count(model) == 1


# -- encodings ----------------------------------------------------------------------------
BASE = (QUIRKS / "camunda_bpmn_prefix.bpmn").read_text(encoding="utf-8")
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


def _encoded(variant: str) -> bytes:
    if variant == "utf-8":
        return BASE.encode("utf-8")
    if variant == "utf-8-bom":
        return codecs.BOM_UTF8 + BASE.encode("utf-8")
    if variant == "utf-8-no-declaration":
        return BASE.replace(DECLARATION, "").lstrip().encode("utf-8")
    if variant == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + BASE.replace("UTF-8", "UTF-16").encode("utf-16-le")
    if variant == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + BASE.replace("UTF-8", "UTF-16").encode("utf-16-be")
    if variant == "utf-16-le-no-bom":
        return BASE.replace("UTF-8", "UTF-16").encode("utf-16-le")
    if variant in ("iso-8859-1", "latin-1", "windows-1252"):
        return BASE.replace("UTF-8", variant.upper()).encode("latin-1")
    raise AssertionError(variant)


ENCODINGS = [
    "utf-8",
    "utf-8-bom",
    "utf-8-no-declaration",
    "utf-16-le-bom",
    "utf-16-be-bom",
    "utf-16-le-no-bom",
    "iso-8859-1",
    "latin-1",
    "windows-1252",
]


@pytest.mark.parametrize("variant", ENCODINGS)
def test_encodings_decode_umlauts_without_warning(variant: str) -> None:
    """BOMs, UTF-16 and declared 8-bit encodings give the same names and no warning."""
    data = _encoded(variant)
    assert "prüfen".encode() not in data or variant.startswith("utf-8")
    model = read_bpmn(data)
    assert {i: model.get(i).name for i in NAMES} == NAMES
    assert element_counts(model) == EXPECTED_COUNTS
    assert codes(model) == []


def test_utf8_declared_but_windows_1252_bytes() -> None:
    """A file declaring UTF-8 with Windows-1252 umlauts is repaired and warns at the first line."""
    model = import_file(QUIRKS / "notepad_utf8_declared_cp1252.bpmn")
    assert model.processes[0].name == "Rechnungsprüfung"
    assert model.get("Klaeren").name == "Rechnung klären"
    assert model.get("Adresse").name == "Straße erfassen"
    mismatch = warnings_of(model, "encoding-mismatch")
    assert len(mismatch) == 1
    assert mismatch[0].line == 3  # the process name, the first non-UTF-8 byte
    assert mismatch[0].params["declared"] == "UTF-8"
    assert [n.code for n in model.fidelity.converted] == ["encoding"]


@pytest.mark.parametrize("line", [2, 5, 9])
def test_encoding_mismatch_names_the_first_bad_line(line: int) -> None:
    """The warning's line is the line of the first byte that is not UTF-8."""
    rows = [f'<bpmn:task id="T{i}" name="Aufgabe {i}"/>' for i in range(1, 12)]
    rows[line - 2] = rows[line - 2].replace("Aufgabe", "Stra\xdfe")
    rows[-1] = rows[-1].replace("Aufgabe", "kl\xe4ren")
    text = "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<bpmn:definitions xmlns:bpmn="{B}" id="D"><bpmn:process id="P">',
            *rows,
            "</bpmn:process></bpmn:definitions>",
        ]
    )
    model = read_bpmn(text.encode("cp1252"))
    assert [w.line for w in warnings_of(model, "encoding-mismatch")] == [line]
    assert model.get(f"T{line - 1}").name.startswith("Straße")
    assert model.get("T11").name == "klären 11"


def test_ascii_declared_with_latin1_bytes_is_repaired() -> None:
    """A file declaring US-ASCII but holding umlauts is read as Windows-1252 with a warning."""
    data = (
        f'<?xml version="1.0" encoding="US-ASCII"?>\n<definitions xmlns="{B}" id="D">\n'
        '<process id="P"><task id="T" name="Pr\xfcfung"/></process></definitions>'
    )
    model = read_bpmn(data.encode("latin-1"))
    assert model.get("T").name == "Prüfung"
    assert [(w.code, w.line) for w in warnings_of(model, "encoding-mismatch")] == [
        ("encoding-mismatch", 3)
    ]


# -- namespaces -----------------------------------------------------------------------
def test_namespace_that_is_not_a_uri_warns() -> None:
    """xmlns:foo="not a uri" is read with an invalid-namespace-uri warning."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P"><bpmn:task id="T"/></bpmn:process>',
            head=f'<bpmn:definitions xmlns:bpmn="{B}" xmlns:foo="not a uri" id="D">',
        )
    )
    invalid = warnings_of(model, "invalid-namespace-uri")
    assert len(invalid) == 1
    assert invalid[0].params == {"prefix": "xmlns:foo", "uri": "not a uri"}
    assert invalid[0].line == 1
    assert model.get("T").type == "task"


def test_outdated_namespace_is_read_as_bpmn() -> None:
    """The draft namespace http://schema.omg.org/spec/BPMN/2.0 is read with a warning."""
    model = import_file(QUIRKS / "draft_spec_outdated_namespace.bpmn")
    alias = warnings_of(model, "namespace-alias")
    assert len(alias) == 1
    assert alias[0].params["uri"] == "http://schema.omg.org/spec/BPMN/2.0"
    assert alias[0].params["standard"] == B
    assert model.get("Task").name == "Antrag prüfen"
    counts = element_counts(model)
    assert (counts["task"], counts["event"], counts["sequenceFlow"]) == (1, 2, 2)
    assert resolved_flow_count(model) == 2
    assert "namespace-alias" in [n.code for n in model.fidelity.converted]
    # the export writes the standard namespace
    exported = export_bpmn(model)
    assert B.encode() in exported
    assert b"schema.omg.org" not in exported


def test_definitions_embedded_in_another_document() -> None:
    """A BPMN model inside an XProzess-like wrapper is read with embedded-definitions."""
    model = import_file(QUIRKS / "xprozess_embedded_definitions.bpmn")
    embedded = warnings_of(model, "embedded-definitions")
    assert len(embedded) == 1
    assert embedded[0].params["root"] == "prozessbibliothek"
    # the definitions start tag spans lines 14-18; libxml2 reports where it ends
    assert 14 <= embedded[0].line <= 18
    assert model.id == "Definitions_XP"
    assert [p.id for p in model.processes] == ["Process_Gewerbe"]
    counts = element_counts(model)
    assert (counts["task"], counts["event"], counts["shape"], counts["edge"]) == (1, 2, 3, 2)
    assert "embedded" in [n.code for n in model.fidelity.converted]


# -- missing and unusual parts -----------------------------------------------------------
def test_missing_di_warns_but_the_model_is_usable() -> None:
    """Without BPMNDiagram the model warns missing-di and still resolves its flows."""
    model = import_file(QUIRKS / "visio_itp_missing_di.bpmn")
    assert codes(model) == ["missing-di"]
    assert model.diagrams == []
    assert resolved_flow_count(model) == 6
    assert model.get("Task_Pruefen").outgoing == ["Flow_2"]


def test_missing_target_namespace_is_fine() -> None:
    """A definitions element without targetNamespace imports without a warning about it."""
    model = read_bpmn(
        f'<definitions xmlns="{B}" id="D"><process id="P"><task id="T"/></process>'
        "</definitions>".encode()
    )
    assert model.target_namespace is None
    assert codes(model) == ["missing-di"]
    assert read_bpmn(export_bpmn(model)) == model


def test_unknown_vendor_elements_in_extension_elements_are_kept() -> None:
    """Extension children of a namespace nobody knows are kept verbatim and listed."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P"><bpmn:task id="T"><bpmn:extensionElements>'
            '<acme:costs xmlns:acme="http://acme.example/bpmn" currency="EUR">'
            '<acme:item kind="Personal">12.50</acme:item></acme:costs>'
            "</bpmn:extensionElements></bpmn:task></bpmn:process>"
        )
    )
    extensions = model.get("T").extensions
    assert len(extensions) == 1
    assert 'currency="EUR"' in extensions[0]
    assert ">12.50</acme:item>" in extensions[0]
    assert "http://acme.example/bpmn" in model.fidelity.vendors
    assert "foreign-element" not in codes(model)
    assert read_bpmn(export_bpmn(model)).get("T").extensions == extensions


def test_line_breaks_in_names_are_kept_and_folded_in_labels() -> None:
    """name="Antrag&#10;prüfen" keeps the break in ``name``; ``label`` folds it."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P"><bpmn:task id="T" name="Antrag&#10;prüfen"/>'
            '<bpmn:task id="U" name="  Bescheid&#13;&#10;  erstellen "/></bpmn:process>'
        )
    )
    assert model.get("T").name == "Antrag\nprüfen"
    assert model.get("T").label == "Antrag prüfen"
    assert model.get("U").name == "  Bescheid\r\n  erstellen "
    assert model.get("U").label == "Bescheid erstellen"
    assert read_bpmn(export_bpmn(model)).get("T").name == "Antrag\nprüfen"


def test_elements_in_unusual_order() -> None:
    """Flows before their nodes and the diagram before the process resolve normally."""
    model = read_bpmn(
        bpmn(
            '<bpmndi:BPMNDiagram id="Dia"><bpmndi:BPMNPlane id="Pl" bpmnElement="P">'
            '<bpmndi:BPMNShape id="A_di" bpmnElement="A"><dc:Bounds x="0" y="0" width="100" '
            'height="80"/></bpmndi:BPMNShape>'
            '<bpmndi:BPMNShape id="B_di" bpmnElement="B"><dc:Bounds x="200" y="0" width="100" '
            'height="80"/></bpmndi:BPMNShape>'
            '<bpmndi:BPMNEdge id="F_di" bpmnElement="F"><di:waypoint x="100" y="40"/>'
            '<di:waypoint x="200" y="40"/></bpmndi:BPMNEdge>'
            "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
            '<bpmn:process id="P"><bpmn:sequenceFlow id="F" sourceRef="A" targetRef="B"/>'
            '<bpmn:task id="A"/><bpmn:task id="B"/></bpmn:process>'
        )
    )
    assert codes(model) == []
    assert resolved_flow_count(model) == 1
    assert [e.id for e in model.processes[0].flow_elements] == ["F", "A", "B"]
    assert len(model.diagrams[0].plane.elements) == 3
    assert read_bpmn(export_bpmn(model)) == model


def test_duplicate_ids_name_the_id_and_both_lines() -> None:
    """A repeated id warns duplicate-id with its line; references go to the first element."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P">\n'
            '<bpmn:task id="Task_1" name="erste"/>\n'
            '<bpmn:task id="Task_2"/>\n'
            '<bpmn:task id="Task_1" name="zweite"/>\n'
            "</bpmn:process>"
        )
    )
    duplicates = warnings_of(model, "duplicate-id")
    assert [(w.element_id, w.line) for w in duplicates] == [("Task_1", 6)]
    assert duplicates[0].params["first_line"] == 4
    assert model.get("Task_1").name == "erste"
    assert len(model.processes[0].flow_elements) == 3


def test_dangling_references_are_reported_per_reference() -> None:
    """References to ids that do not exist warn dangling-reference with element and attribute."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P">\n'
            '<bpmn:task id="A"><bpmn:incoming>Ghost_Flow</bpmn:incoming></bpmn:task>\n'
            '<bpmn:sequenceFlow id="F" sourceRef="A" targetRef="Ghost_Task"/>\n'
            '<bpmn:boundaryEvent id="B" attachedToRef="Ghost_Host"/>\n'
            "</bpmn:process>"
        )
    )
    dangling = {
        (w.element_id, w.params["attribute"], w.params["ref"], w.line)
        for w in warnings_of(model, "dangling-reference")
    }
    assert dangling == {
        ("A", "incoming", "Ghost_Flow", 4),
        ("F", "targetRef", "Ghost_Task", 5),
        ("B", "attachedToRef", "Ghost_Host", 6),
    }
    assert resolved_flow_count(model) == 0
    assert model.get("F").target == "Ghost_Task"


def test_flows_without_source_or_target_keep_the_rest() -> None:
    """Sequence and message flows lacking sourceRef/targetRef warn per flow; the rest stays."""
    model = read_bpmn(
        bpmn(
            '<bpmn:collaboration id="C">\n'
            '<bpmn:participant id="Pool" processRef="P"/><bpmn:participant id="Other"/>\n'
            '<bpmn:messageFlow id="MF_ok" sourceRef="Other" targetRef="A"/>\n'
            '<bpmn:messageFlow id="MF_nosource" targetRef="A"/>\n'
            '<bpmn:messageFlow id="MF_notarget" sourceRef="A"/>\n'
            "</bpmn:collaboration>\n"
            '<bpmn:process id="P">\n'
            '<bpmn:task id="A"/><bpmn:task id="B"/>\n'
            '<bpmn:sequenceFlow id="SF_ok" sourceRef="A" targetRef="B"/>\n'
            '<bpmn:sequenceFlow id="SF_nosource" targetRef="B"/>\n'
            '<bpmn:sequenceFlow id="SF_notarget" sourceRef="A"/>\n'
            '<bpmn:sequenceFlow id="SF_empty" sourceRef="" targetRef=""/>\n'
            "</bpmn:process>"
        )
    )
    found = sorted(
        (w.code, w.element_id, w.line)
        for w in model.warnings
        if w.code in ("missing-source", "missing-target")
    )
    assert found == [
        ("missing-source", "MF_nosource", 6),
        ("missing-source", "SF_empty", 14),
        ("missing-source", "SF_nosource", 12),
        ("missing-target", "MF_notarget", 7),
        ("missing-target", "SF_empty", 14),
        ("missing-target", "SF_notarget", 13),
    ]
    assert "dangling-reference" not in codes(model)
    flows = [e for e in model.processes[0].flow_elements if isinstance(e, SequenceFlow)]
    assert [f.id for f in flows] == ["SF_ok", "SF_nosource", "SF_notarget", "SF_empty"]
    assert model.get("SF_empty").source is None
    assert all(isinstance(m, MessageFlow) for m in model.message_flows)
    assert len(model.message_flows) == 3
    assert resolved_flow_count(model) == 2
    assert element_counts(model)["sequenceFlow"] == 4


def test_vendor_element_outside_extension_elements_is_moved() -> None:
    """<signavio:foo/> directly in a process warns foreign-element and lands in extensions."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P" xmlns:signavio="http://www.signavio.com">\n'
            '<signavio:foo metaKey="x"/>\n'
            '<bpmn:task id="T"/>\n'
            "</bpmn:process>"
        )
    )
    foreign = warnings_of(model, "foreign-element")
    assert [(w.element_id, w.line, w.params["tag"]) for w in foreign] == [("P", 4, "signavio:foo")]
    process = model.processes[0]
    assert len(process.extensions) == 1
    assert process.extensions[0].startswith("<signavio:foo")
    assert [e.id for e in process.flow_elements] == ["T"]
    again = read_bpmn(export_bpmn(model))
    assert again.processes[0].extensions == process.extensions
    assert "foreign-element" not in codes(again)


def test_prefixed_qname_references_are_resolved() -> None:
    """sourceRef="tns:Task_1" resolves to Task_1, noted in the fidelity report."""
    model = read_bpmn(
        f'<definitions xmlns="{B}" xmlns:tns="http://example.org/amt" id="D" '
        'targetNamespace="http://example.org/amt"><process id="P">'
        '<task id="Task_1"/><task id="Task_2"/>'
        '<sequenceFlow id="F" sourceRef="tns:Task_1" targetRef="tns:Task_2"/>'
        '</process><collaboration id="C"><participant id="Pool" processRef="tns:P"/>'
        "</collaboration></definitions>".encode()
    )
    flow = model.get("F")
    assert (flow.source, flow.target) == ("Task_1", "Task_2")
    assert model.participants[0].process_ref == "P"
    assert "dangling-reference" not in codes(model)
    notes = {n.code: n.count for n in model.fidelity.converted}
    assert notes["qname-reference"] == 3
    assert resolved_flow_count(model) == 1


def test_unresolvable_prefixed_reference_stays_dangling() -> None:
    """A prefixed reference whose local part does not exist either is dangling."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P"><bpmn:task id="A"/>'
            '<bpmn:sequenceFlow id="F" sourceRef="A" targetRef="tns:Nope"/></bpmn:process>'
        )
    )
    assert [w.params["ref"] for w in warnings_of(model, "dangling-reference")] == ["tns:Nope"]
    assert "qname-reference" not in [n.code for n in model.fidelity.converted]


# -- the shared ADONIS sample ---------------------------------------------------------------
def test_adonis_time_attributes_in_fidelity_report() -> None:
    """The ADONIS export's time attributes are listed under the ADONIS vendor."""
    path = require_shared("testdata", "vendor-samples", "adonis__C.1.0-export.bpmn")
    model = import_file(path)
    adonis = model.fidelity.vendors["ADONIS (BOC)"]
    assert adonis.elements > 0
    for name in ("A_EXECUTION_TIME", "A_WAITING_TIME", "A_RESTING_TIME", "A_TRANSPORT_TIME"):
        assert adonis.recognised.get(name, 0) >= 1, name
    # counted once per occurrence in the file (outside the model-level attribute list)
    raw = path.read_text(encoding="utf-8")
    assert adonis.recognised["A_EXECUTION_TIME"] == raw.count('name="A_EXECUTION_TIME"')
    report = model.fidelity.to_dict("en")["vendors"]["ADONIS (BOC)"]
    assert "A_EXECUTION_TIME" in report["recognised"]


def test_adonis_fixture_time_attributes_recognised() -> None:
    """The small ADONIS-style fixture's execution and waiting times are recognised per task."""
    model = import_file(QUIRKS / "adonis_prefixless.bpmn")
    recognised = model.fidelity.vendors["ADONIS (BOC)"].recognised
    assert recognised == {"A_EXECUTION_TIME": 6, "A_WAITING_TIME": 6}


def test_invalid_flag_values_warn_with_the_element_id() -> None:
    """A flag like isForCompensation="vielleicht" warns invalid-value naming element and value."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P" isExecutable="yes">\n'
            '<bpmn:task id="T" isForCompensation="vielleicht"/>\n'
            '<bpmn:startEvent id="S" isInterrupting=" TRUE "/>\n'
            '<bpmn:boundaryEvent id="B" attachedToRef="T" cancelActivity="nein"/>\n'
            "</bpmn:process>"
        )
    )
    invalid = sorted(
        (w.element_id, w.params["attribute"], w.params["value"], w.line)
        for w in warnings_of(model, "invalid-value")
    )
    assert invalid == [
        ("B", "cancelActivity", "nein", 6),
        ("P", "isExecutable", "yes", 3),
        ("T", "isForCompensation", "vielleicht", 4),
    ]
    assert all("'None'" not in w.message("en") for w in model.warnings)
    assert model.get("S").is_interrupting is True
    assert model.get("T").is_for_compensation is None
    # the raw value is kept, so the export does not lose it
    assert model.get("T").attributes == {"isForCompensation": "vielleicht"}
    assert read_bpmn(export_bpmn(model)).get("T").attributes == {"isForCompensation": "vielleicht"}
