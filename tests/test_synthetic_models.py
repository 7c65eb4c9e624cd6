"""The benchmark's synthetic models: valid BPMN 2.0, clean imports, exact sizes, reproducible."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

import processanalysis
from benchmarks.synthetic import write_synthetic_model

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
DI = "{http://www.omg.org/spec/DD/20100524/DI}"
FLOW_NODES = frozenset(
    {
        "startEvent",
        "endEvent",
        "intermediateCatchEvent",
        "exclusiveGateway",
        "task",
        "userTask",
        "manualTask",
        "serviceTask",
        "sendTask",
        "receiveTask",
        "businessRuleTask",
        "scriptTask",
    }
)


@pytest.fixture(scope="module")
def model_200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200-node model without data inputs, written once for the module."""
    path = tmp_path_factory.mktemp("synthetic") / "model-200.bpmn"
    write_synthetic_model(path, 200, data_inputs=False)
    return path


def _local_tags(path: Path) -> Counter[str]:
    return Counter(etree.QName(el).localname for el in etree.parse(str(path)).iter("{*}*"))


@pytest.mark.parametrize("nodes", [200, 1000])
def test_model_is_valid_against_the_omg_schema(
    nodes: int, tmp_path: Path, omg_schema: etree.XMLSchema
) -> None:
    """Both with and without bpmn.io's data input placeholders the file is XSD-valid."""
    for data_inputs in (True, False):
        path = tmp_path / f"model-{data_inputs}.bpmn"
        write_synthetic_model(path, nodes, data_inputs=data_inputs)
        document = etree.parse(str(path))
        assert omg_schema.validate(document), omg_schema.error_log.filter_from_errors()[:3]


def test_model_imports_without_warnings(model_200: Path) -> None:
    """The importer finds nothing to complain about in a generated model."""
    model = processanalysis.import_file(model_200)
    assert [(w.code, w.element_id) for w in model.warnings] == []


def test_model_with_data_inputs_imports_without_warnings(tmp_path: Path) -> None:
    """bpmn.io's ``__targetRef_placeholder`` property is a valid reference target."""
    path = tmp_path / "inputs.bpmn"
    write_synthetic_model(path, 200, data_inputs=True)
    model = processanalysis.import_file(path)
    assert [w.code for w in model.warnings] == []


@pytest.mark.parametrize(("nodes", "lanes"), [(2, 1), (3, 8), (57, 3), (200, 8), (1000, 5)])
def test_counts_match_the_requested_size(nodes: int, lanes: int, tmp_path: Path) -> None:
    """Exactly ``nodes`` flow nodes in ``lanes`` lanes, and DI for every one of them."""
    path = tmp_path / "model.bpmn"
    write_synthetic_model(path, nodes, lanes=lanes, data_inputs=False)
    counts = processanalysis.element_counts(processanalysis.import_file(path))
    tags = _local_tags(path)

    assert counts["task"] + counts["event"] + counts["gateway"] == nodes
    assert sum(tags[t] for t in FLOW_NODES) == nodes
    assert (counts["participant"], counts["process"], counts["lane"]) == (1, 1, lanes)
    assert counts["sequenceFlow"] == tags["sequenceFlow"] >= nodes - 1
    assert counts["dataObjectReference"] == tags["dataObjectReference"]
    assert counts["shape"] == nodes + lanes + 1 + counts["dataObjectReference"]
    associations = tags["dataInputAssociation"] + tags["dataOutputAssociation"]
    assert counts["edge"] == counts["sequenceFlow"] + associations


def test_large_model_has_every_ingredient(tmp_path: Path) -> None:
    """Mixed task types, gateways with labels, loops, timers and documents all appear."""
    path = tmp_path / "model.bpmn"
    write_synthetic_model(path, 1000)
    tags = _local_tags(path)
    for tag in ("userTask", "manualTask", "serviceTask", "sendTask", "exclusiveGateway"):
        assert tags[tag] > 0, tag
    for tag in ("dataObject", "dataInputAssociation", "dataOutputAssociation", "property"):
        assert tags[tag] > 0, tag
    assert tags["timerEventDefinition"] > 0
    assert tags["conditionExpression"] > 0


def test_diagram_is_complete(model_200: Path) -> None:
    """Every node, lane and the pool has bounds; every edge has 2–4 waypoints."""
    root = etree.parse(str(model_200)).getroot()
    shapes = {s.get("bpmnElement"): s for s in root.iter(BPMNDI + "BPMNShape")}
    drawn = [
        el
        for el in root.iter(BPMN + "*")
        if etree.QName(el).localname in FLOW_NODES | {"lane", "participant"}
    ]
    assert drawn
    for el in drawn:
        assert shapes[el.get("id")].find(DC + "Bounds") is not None
    for el in root.iter(BPMN + "exclusiveGateway"):
        if el.get("name"):
            assert shapes[el.get("id")].find(f"{BPMNDI}BPMNLabel/{DC}Bounds") is not None
    edges = {e.get("bpmnElement"): e for e in root.iter(BPMNDI + "BPMNEdge")}
    for flow in root.iter(BPMN + "sequenceFlow"):
        assert 2 <= len(edges[flow.get("id")].findall(DI + "waypoint")) <= 4


def test_every_flow_node_is_in_exactly_one_lane(model_200: Path) -> None:
    """The lanes partition the flow nodes, as bpmn.io writes them."""
    root = etree.parse(str(model_200)).getroot()
    refs = [ref.text for ref in root.iter(BPMN + "flowNodeRef")]
    nodes = [
        el.get("id") for el in root.iter(BPMN + "*") if etree.QName(el).localname in FLOW_NODES
    ]
    assert sorted(refs) == sorted(nodes)


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    """A seed fixes the file; another seed gives another model of the same size."""
    first, second, other = (tmp_path / f"{name}.bpmn" for name in ("a", "b", "c"))
    size = write_synthetic_model(first, 300, seed=42)
    assert write_synthetic_model(second, 300, seed=42) == size == first.stat().st_size
    write_synthetic_model(other, 300, seed=43)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_too_small_a_model_is_refused(tmp_path: Path) -> None:
    """A start and an end event are the least a model can have."""
    with pytest.raises(ValueError, match="nodes >= 2"):
        write_synthetic_model(tmp_path / "tiny.bpmn", 1)
