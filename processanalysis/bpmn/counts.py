"""Element counts per BPMN type, as the ``inspect`` command reports them.

Counted from the model, so the numbers show what the importer kept; elements kept
verbatim (misplaced or of a type the model does not interpret) are counted from
their XML, so nothing in the file is missed. ``extensionElements`` never count.

Examples
--------
>>> from processanalysis.bpmn.importer import read_bpmn
>>> m = read_bpmn(b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
...               b'<process id="p"><task id="a"/><userTask id="b"/></process></definitions>')
>>> element_counts(m)["task"], element_counts(m)["process"]
(2, 1)
"""

from __future__ import annotations

from lxml import etree

from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.diagram import Shape
from processanalysis.bpmn.model import (
    EVENT_TYPES,
    GATEWAY_TYPES,
    SUBPROCESS_TYPES,
    TASK_TYPES,
    BaseElement,
    Definitions,
    MessageFlow,
    SequenceFlow,
)
from processanalysis.bpmn.xmlsafe import safe_parser

__all__ = ["COUNT_KEYS", "element_counts", "resolved_flow_count"]

#: The keys of ``counts``, in the order the CLI prints them.
COUNT_KEYS = (
    "participant",
    "process",
    "lane",
    "task",
    "subProcess",
    "callActivity",
    "event",
    "gateway",
    "sequenceFlow",
    "messageFlow",
    "dataObjectReference",
    "dataStoreReference",
    "textAnnotation",
    "shape",
    "edge",
)

_KEY_OF: dict[str, str] = {t: "task" for t in TASK_TYPES}
_KEY_OF.update({t: "subProcess" for t in SUBPROCESS_TYPES})
_KEY_OF.update({t: "event" for t in EVENT_TYPES})
_KEY_OF.update({t: "gateway" for t in GATEWAY_TYPES})
for _key in (
    "participant",
    "process",
    "lane",
    "callActivity",
    "sequenceFlow",
    "messageFlow",
    "dataObjectReference",
    "dataStoreReference",
    "textAnnotation",
):
    _KEY_OF[_key] = _key
_DI_KEY = {"BPMNShape": "shape", "BPMNEdge": "edge"}
_EXT = "{%s}extensionElements" % ns.BPMN


def _count_xml(xml: str, counts: dict[str, int]) -> None:
    """Add the counted types found inside one verbatim element (outside extensions)."""
    root = etree.fromstring(xml.encode("utf-8"), safe_parser())
    stack = [root]
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el.tag == _EXT:
            continue
        qname = etree.QName(el)
        uri = ns.NAMESPACE_ALIASES.get(qname.namespace or "", qname.namespace)
        key = None
        if uri in (ns.BPMN, None):
            key = _KEY_OF.get(qname.localname)
        elif uri == ns.BPMNDI:
            key = _DI_KEY.get(qname.localname)
        if key is not None:
            counts[key] += 1
        stack.extend(el)


def _verbatim_parts(element: BaseElement) -> list[str]:
    parts = list(element.extra)
    xml = getattr(element, "xml", "")
    if xml:
        parts.append(xml)
    return parts


def element_counts(model: Definitions) -> dict[str, int]:
    """Counts with exactly the keys of :data:`COUNT_KEYS`."""
    counts = dict.fromkeys(COUNT_KEYS, 0)
    key_of = _KEY_OF
    verbatim: list[str] = list(model.extra)
    for element in model.iter_elements():
        key = key_of.get(element.type)
        if key is not None and not hasattr(element, "xml"):
            counts[key] += 1
        if element.extra or getattr(element, "xml", ""):
            verbatim.extend(_verbatim_parts(element))
    for diagram in model.diagrams:
        verbatim.extend(diagram.extra)
        if diagram.plane is None:
            continue
        verbatim.extend(diagram.plane.extra)
        for di in diagram.plane.elements:
            counts["shape" if isinstance(di, Shape) else "edge"] += 1
    for xml in verbatim:
        if "<" in xml:
            _count_xml(xml, counts)
    return counts


def resolved_flow_count(model: Definitions) -> int:
    """Sequence and message flows whose source and target both exist in the model."""
    index = model.index
    total = 0
    for element in model.iter_elements():
        if (
            isinstance(element, (SequenceFlow, MessageFlow))
            and element.source in index
            and element.target in index
        ):
            total += 1
    return total
