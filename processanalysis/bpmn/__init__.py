"""BPMN 2.0: domain model, hardened importer, exporter, counts, graph view, validation."""

from processanalysis.bpmn.counts import COUNT_KEYS, element_counts, resolved_flow_count
from processanalysis.bpmn.exporter import export_bpmn, write_bpmn
from processanalysis.bpmn.importer import import_file, read_bpmn
from processanalysis.bpmn.xmlsafe import DEFAULT_LIMITS, Limits

__all__ = [
    "COUNT_KEYS",
    "DEFAULT_LIMITS",
    "Limits",
    "element_counts",
    "export_bpmn",
    "import_file",
    "read_bpmn",
    "resolved_flow_count",
    "write_bpmn",
]
