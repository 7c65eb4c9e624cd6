"""Process analysis workbench: the core library (never imports Streamlit or SQLModel).

The front door for the command line and the UI: import and export BPMN, inspect
models, validate them. See ``processanalysis.bpmn`` for the domain model.
"""

from processanalysis.bpmn import (
    COUNT_KEYS,
    DEFAULT_LIMITS,
    Limits,
    element_counts,
    export_bpmn,
    import_file,
    read_bpmn,
    resolved_flow_count,
    write_bpmn,
)
from processanalysis.bpmn.model import Definitions
from processanalysis.errors import BpmnImportError, ImportIssue

__version__ = "0.1.0"

__all__ = [
    "COUNT_KEYS",
    "DEFAULT_LIMITS",
    "BpmnImportError",
    "Definitions",
    "ImportIssue",
    "Limits",
    "element_counts",
    "export_bpmn",
    "import_file",
    "read_bpmn",
    "resolved_flow_count",
    "write_bpmn",
]
