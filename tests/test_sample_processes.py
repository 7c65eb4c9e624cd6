"""The shipped sample processes: clean imports, valid exports, faithful round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import processanalysis
from processanalysis.bpmn.compare import first_difference
from processanalysis.bpmn.exporter import export_bpmn
from processanalysis.bpmn.importer import read_bpmn
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.bpmn"))


def test_samples_exist_in_both_states() -> None:
    """Eight as-is processes and at least three to-be variants ship with the workbench."""
    names = [p.stem for p in SAMPLE_FILES]
    assert sum(n.endswith("_ist") for n in names) >= 8
    assert sum(n.endswith("_soll") for n in names) >= 3
    for name in names:
        if name.endswith("_soll"):
            assert name.replace("_soll", "_ist") in names


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_imports_without_warnings(path: Path) -> None:
    """A sample is what a tidy department export looks like: nothing to warn about."""
    model = processanalysis.import_file(path)
    assert [(w.code, w.element_id) for w in model.warnings] == []
    counts = processanalysis.element_counts(model)
    assert counts["participant"] >= 2
    assert counts["lane"] >= 2
    assert counts["shape"] > 0


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_is_schema_valid_and_round_trips(path: Path, omg_schema: etree.XMLSchema) -> None:
    """Source and export validate against the OMG XSD; re-import gives the same model."""
    assert omg_schema.validate(etree.parse(str(path))), omg_schema.error_log.last_error
    model = processanalysis.import_file(path)
    data = export_bpmn(model)
    assert omg_schema.validate(etree.fromstring(data)), omg_schema.error_log.last_error
    again = read_bpmn(data)
    assert first_difference(model, again) is None
