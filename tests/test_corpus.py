"""The MIWG reference models and vendor exports: import, counts, XSD, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from processanalysis import element_counts, export_bpmn, import_file, read_bpmn
from processanalysis.bpmn.compare import first_difference
from processanalysis.bpmn.counts import COUNT_KEYS, resolved_flow_count
from tests.conftest import corpus_files, require_shared

B = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DI = "http://www.omg.org/spec/BPMN/20100524/DI"
NS = {"b": B, "di": DI}
OUTSIDE = "[not(ancestor::b:extensionElements)]"
XPATHS = {
    "participant": ["//b:participant"],
    "process": ["//b:process"],
    "lane": ["//b:lane"],
    "task": [
        f"//b:{t}"
        for t in (
            "task",
            "userTask",
            "manualTask",
            "serviceTask",
            "sendTask",
            "receiveTask",
            "scriptTask",
            "businessRuleTask",
        )
    ],
    "subProcess": ["//b:subProcess", "//b:adHocSubProcess", "//b:transaction"],
    "callActivity": ["//b:callActivity"],
    "event": [
        f"//b:{t}"
        for t in (
            "startEvent",
            "endEvent",
            "intermediateCatchEvent",
            "intermediateThrowEvent",
            "boundaryEvent",
        )
    ],
    "gateway": [
        f"//b:{t}"
        for t in (
            "exclusiveGateway",
            "parallelGateway",
            "inclusiveGateway",
            "eventBasedGateway",
            "complexGateway",
        )
    ],
    "sequenceFlow": ["//b:sequenceFlow"],
    "messageFlow": ["//b:messageFlow"],
    "dataObjectReference": ["//b:dataObjectReference"],
    "dataStoreReference": ["//b:dataStoreReference"],
    "textAnnotation": ["//b:textAnnotation"],
    "shape": ["//di:BPMNShape"],
    "edge": ["//di:BPMNEdge"],
}


def xpath_counts(path: Path) -> dict[str, int]:
    """Counts straight from the raw file, independent of the importer."""
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    return {
        key: sum(
            int(tree.xpath(f"count({expr}{OUTSIDE})", namespaces=NS)) for expr in expressions
        )
        for key, expressions in XPATHS.items()
    }


CORPUS = corpus_files()
IDS = [f"{p.parent.name}/{p.name}" for p in CORPUS]


def test_corpus_is_present() -> None:
    """The shared corpus holds the 21 MIWG models and 6 vendor exports."""
    require_shared("testdata", "miwg-reference")
    assert len(CORPUS) >= 27


@pytest.mark.parametrize("path", CORPUS, ids=IDS)
def test_counts_match_independent_xpath(path: Path) -> None:
    """Every counted element type matches an XPath count of the raw file."""
    model = import_file(path)
    counts = element_counts(model)
    assert list(counts) == list(COUNT_KEYS)
    assert counts == xpath_counts(path)


@pytest.mark.parametrize("path", CORPUS, ids=IDS)
def test_export_validates_and_reimports_equal(path: Path, omg_schema: etree.XMLSchema) -> None:
    """Export is XSD-valid where the input was, and re-imports to an equal model."""
    model = import_file(path)
    data = export_bpmn(model)
    if omg_schema.validate(etree.parse(str(path))):
        exported = etree.fromstring(data).getroottree()
        assert omg_schema.validate(exported), str(omg_schema.error_log)[:2000]
    again = read_bpmn(data)
    assert first_difference(model, again) is None
    assert again == model
    assert element_counts(again) == element_counts(model)
    assert resolved_flow_count(again) == resolved_flow_count(model)


@pytest.mark.parametrize("path", CORPUS, ids=IDS)
def test_second_round_trip_is_byte_stable(path: Path) -> None:
    """Exporting a re-imported export gives the same bytes (the export is a fixed point)."""
    once = export_bpmn(import_file(path))
    twice = export_bpmn(read_bpmn(once))
    assert once == twice
