"""Reading the diagram interchange (BPMN DI): diagrams, planes, shapes, edges and labels.

The DI says where each element is drawn. The importer keeps it as
:mod:`~processanalysis.bpmn.diagram` objects, so the exporter writes it back and the
renderer draws a model as its author laid it out. Reading it is a mixin of the importer's
reader: the reader inherits these methods, so a shape or an edge (about half of a drawn
document's elements) costs no call more than before. Numbers that are not numbers become
0 with a warning; attributes and children the model has no field for are kept verbatim.

Examples
--------
>>> from processanalysis.bpmn.importer import read_bpmn
>>> xml = b'''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
...   xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
...   xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d">
...   <process id="p"><task id="t"/></process>
...   <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="p">
...     <bpmndi:BPMNShape id="t_di" bpmnElement="t">
...       <dc:Bounds x="10" y="20" width="100" height="eighty"/></bpmndi:BPMNShape>
...   </bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>'''
>>> model = read_bpmn(xml)
>>> shape = model.diagrams[0].plane.elements[0]
>>> shape.bpmn_element, shape.bounds
('t', Bounds(x=10.0, y=20.0, width=100.0, height=0.0))
>>> [(w.code, w.params["value"]) for w in model.warnings]
[('invalid-value', 'eighty')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.diagram import Bounds, Diagram, Edge, Label, Plane, Point, Shape
from processanalysis.bpmn.model import (
    DataObjectReference,
    DataStoreReference,
    Definitions,
    FlowNode,
    SequenceFlow,
)
from processanalysis.errors import ImportIssue

if TYPE_CHECKING:
    from processanalysis.bpmn.fidelity import FidelityReport

__all__ = ["XSD_BOOLEAN", "DiReaderMixin"]

#: The lexical forms of ``xsd:boolean`` (DI flags and semantic attributes alike).
XSD_BOOLEAN = {"true": True, "false": False, "1": True, "0": False}

# Attributes each DI element reads into fields; any other attribute is kept in ``attributes``.
_DIAGRAM_ATTRS = frozenset({"id", "name", "documentation", "resolution"})
_PLANE_ATTRS = frozenset({"id", "bpmnElement"})
_LABEL_ATTRS = frozenset({"id", "labelStyle"})
_SHAPE_BOOLS = {
    "isHorizontal": "is_horizontal",
    "isExpanded": "is_expanded",
    "isMarkerVisible": "is_marker_visible",
    "isMessageVisible": "is_message_visible",
}
_SHAPE_ATTRS = frozenset({"id", "bpmnElement", "participantBandKind", "choreographyActivityShape"})
_EDGE_ATTRS = frozenset(
    {"id", "bpmnElement", "sourceElement", "targetElement", "messageVisibleKind"}
)


class DiReaderMixin:
    """The importer reader's methods for the DI; the reader supplies what they use below."""

    if TYPE_CHECKING:
        warnings: list[ImportIssue]
        fidelity: FidelityReport

        def count(self) -> None: ...
        def register(self, element_id: str, line: int | None) -> None: ...
        def ref(self, obj: object, attr: str, kind: str, xml_attr: str) -> None: ...
        def qname(self, tag: object) -> tuple[str, str]: ...
        def verbatim(self, el: etree._Element, *, register_ids: bool = True) -> str: ...

    def diagram(self, el: etree._Element) -> Diagram:
        self.count()
        obj = Diagram(id=el.get("id"), name=el.get("name"), documentation=el.get("documentation"))
        resolution = el.get("resolution")
        if resolution is not None:
            obj.resolution = self.number(resolution, el)
        for key, value in el.attrib.items():
            if key not in _DIAGRAM_ATTRS:
                obj.attributes[key] = value
        if obj.id:
            self.register(obj.id, el.sourceline)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            _uri, local = self.qname(child.tag)
            if local == "BPMNPlane" and obj.plane is None:
                obj.plane = self.plane(child)
            else:
                obj.extra.append(self.verbatim(child))
        return obj

    def plane(self, el: etree._Element) -> Plane:
        self.count()
        obj = Plane(id=el.get("id"), bpmn_element=el.get("bpmnElement"))
        for key, value in el.attrib.items():
            if key not in _PLANE_ATTRS:
                obj.attributes[key] = value
        if obj.id:
            self.register(obj.id, el.sourceline)
        if obj.bpmn_element is not None:
            self.ref(obj, "bpmn_element", "BPMNPlane", "bpmnElement")
        for child in el:
            if not isinstance(child.tag, str):
                continue
            _uri, local = self.qname(child.tag)
            if local == "BPMNShape":
                obj.elements.append(self.shape(child))
            elif local == "BPMNEdge":
                obj.elements.append(self.edge(child))
            else:
                obj.extra.append(self.verbatim(child))
            child.clear()  # read: free its subtree now, so tree and model don't peak together
        return obj

    def number(self, value: str, el: etree._Element) -> float:
        try:
            return float(value)
        except ValueError:
            self.warnings.append(
                ImportIssue(
                    "invalid-value",
                    line=el.sourceline,
                    params={"value": value, "attribute": "number", "id": el.get("id") or "?"},
                )
            )
            return 0.0

    def bounds(self, el: etree._Element) -> Bounds:
        get = el.get
        number = self.number
        return Bounds(
            number(get("x", "0"), el),
            number(get("y", "0"), el),
            number(get("width", "0"), el),
            number(get("height", "0"), el),
        )

    def label(self, el: etree._Element) -> Label:
        self.count()
        obj = Label(id=el.get("id"), label_style=el.get("labelStyle"))
        for key, value in el.attrib.items():
            if key not in _LABEL_ATTRS:
                obj.attributes[key] = value
        for child in el:
            if not isinstance(child.tag, str):
                continue
            _uri, local = self.qname(child.tag)
            if local == "Bounds" and obj.bounds is None:
                obj.bounds = self.bounds(child)
                self.count()
            else:
                obj.extra.append(self.verbatim(child))
        return obj

    def shape(self, el: etree._Element) -> Shape:
        self.count()
        get = el.get
        obj = Shape(id=get("id"), bpmn_element=get("bpmnElement"), line=el.sourceline)
        for key, value in el.attrib.items():
            if key in _SHAPE_BOOLS:
                parsed = XSD_BOOLEAN.get(value.strip().lower())
                if parsed is None:
                    obj.attributes[key] = value
                else:
                    setattr(obj, _SHAPE_BOOLS[key], parsed)
            elif key == "participantBandKind":
                obj.participant_band_kind = value
            elif key == "choreographyActivityShape":
                obj.choreography_activity_shape = value
            elif key not in _SHAPE_ATTRS:
                obj.attributes[key] = value
        if obj.id:
            self.register(obj.id, obj.line)
        if obj.bpmn_element is not None:
            self.ref(obj, "bpmn_element", "BPMNShape", "bpmnElement")
        for child in el:
            if not isinstance(child.tag, str):
                continue
            uri, local = self.qname(child.tag)
            if local == "Bounds" and obj.bounds is None:
                self.count()
                obj.bounds = self.bounds(child)
                if uri != ns.DC:
                    self.fidelity.convert("di-namespace", detail="Bounds")
            elif local == "BPMNLabel" and obj.label is None:
                obj.label = self.label(child)
            else:
                obj.extra.append(self.verbatim(child))
        return obj

    def edge(self, el: etree._Element) -> Edge:
        self.count()
        get = el.get
        obj = Edge(
            id=get("id"),
            bpmn_element=get("bpmnElement"),
            source_element=get("sourceElement"),
            target_element=get("targetElement"),
            message_visible_kind=get("messageVisibleKind"),
            line=el.sourceline,
        )
        for key, value in el.attrib.items():
            if key not in _EDGE_ATTRS:
                obj.attributes[key] = value
        if obj.id:
            self.register(obj.id, obj.line)
        if obj.bpmn_element is not None:
            self.ref(obj, "bpmn_element", "BPMNEdge", "bpmnElement")
        number = self.number
        for child in el:
            if not isinstance(child.tag, str):
                continue
            uri, local = self.qname(child.tag)
            if local == "waypoint":
                self.count()
                obj.waypoints.append(
                    Point(number(child.get("x", "0"), child), number(child.get("y", "0"), child))
                )
                if uri != ns.DI:
                    self.fidelity.convert("di-namespace", detail="waypoint")
            elif local == "BPMNLabel" and obj.label is None:
                obj.label = self.label(child)
            else:
                obj.extra.append(self.verbatim(child))
        return obj

    def check_diagram(self, model: Definitions) -> None:
        """Warn when a model has no diagram, or flow elements without a shape."""
        if not model.diagrams:
            if model.processes or model.collaborations:
                self.warnings.append(ImportIssue("missing-di"))
            return
        drawn = {
            e.bpmn_element for d in model.diagrams if d.plane is not None for e in d.plane.elements
        }
        missing: list[str] = []
        for process in model.processes:
            for element in process.walk():
                if element.id is None or element.id in drawn:
                    continue
                if isinstance(
                    element, (FlowNode, SequenceFlow, DataObjectReference, DataStoreReference)
                ):
                    missing.append(element.id)
        if missing:
            self.warnings.append(
                ImportIssue(
                    "element-without-shape",
                    params={"count": len(missing), "ids": ", ".join(missing[:5])},
                )
            )
