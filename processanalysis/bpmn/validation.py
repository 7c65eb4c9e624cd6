"""XSD validation against the OMG BPMN 2.0 schemas.

The schema files come from an installed package (SpiffWorkflow's wheel ships all five
OMG files), so validation works on a user's machine without network access and
without a copy of the schemas in this repository. ``PROCESSANALYSIS_BPMN_XSD`` may
point at another ``BPMN20.xsd``.

Examples
--------
>>> schema_path().name
'BPMN20.xsd'
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from lxml import etree

from processanalysis.bpmn.xmlsafe import DEFAULT_LIMITS, Limits, parse_xml

__all__ = ["SchemaIssue", "load_schema", "schema_path", "validate_bytes", "validate_element"]


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One XSD violation with its line in the validated document."""

    line: int | None
    message: str

    def to_dict(self) -> dict[str, object]:
        return {"line": self.line, "message": self.message}


class SchemaNotFoundError(RuntimeError):
    """No BPMN 2.0 XSD could be located."""


def schema_path() -> Path:
    """Where ``BPMN20.xsd`` is: the environment variable, else SpiffWorkflow's copy."""
    override = os.environ.get("PROCESSANALYSIS_BPMN_XSD")
    if override:
        return Path(override)
    try:
        candidate = Path(str(files("SpiffWorkflow") / "bpmn" / "parser" / "schema" / "BPMN20.xsd"))
    except ModuleNotFoundError as exc:
        raise SchemaNotFoundError(
            "SpiffWorkflow is not installed; run `make install` or set PROCESSANALYSIS_BPMN_XSD"
        ) from exc
    if not candidate.is_file():
        raise SchemaNotFoundError(f"BPMN20.xsd not found at {candidate}")
    return candidate


@lru_cache(maxsize=4)
def load_schema(path: str | None = None) -> etree.XMLSchema:
    """The compiled schema (cached: compiling takes a few hundred milliseconds)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    document = etree.parse(str(path or schema_path()), parser)
    return etree.XMLSchema(document)


def validate_element(
    root: etree._Element, schema: etree.XMLSchema | None = None
) -> list[SchemaIssue]:
    """XSD violations of an already parsed document (empty when valid)."""
    schema = schema or load_schema()
    if schema.validate(root.getroottree()):
        return []
    return [SchemaIssue(e.line or None, e.message) for e in schema.error_log]


def validate_bytes(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> list[SchemaIssue]:
    """XSD violations of a BPMN document given as bytes, parsed with the hardened reader."""
    root, _ = parse_xml(data, limits)
    return validate_element(root)
