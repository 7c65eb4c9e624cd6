"""BPMN 2.0 XML writer: the model back to a file that validates and re-imports equal.

Children are written in the order the OMG XSD prescribes for each type (a table per
type below), whatever order the source had, so an export validates wherever the input
did. Everything the model keeps verbatim is parsed and written back unchanged.
Files are written atomically: a reader never sees half a file.

Examples
--------
>>> from processanalysis.bpmn.importer import read_bpmn
>>> model = read_bpmn(b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
...                   b'id="d" targetNamespace="urn:x"><process id="p"><task id="t"/></process>'
...                   b'</definitions>')
>>> read_bpmn(export_bpmn(model)) == model
True
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from lxml import etree

from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.diagram import Bounds, Diagram, Edge, Label, Plane, Shape
from processanalysis.bpmn.importer import ARTIFACT_TYPES, LOOP_TYPES, SPEC_FLOW_ELEMENTS
from processanalysis.bpmn.model import (
    Activity,
    Association,
    BaseElement,
    CallActivity,
    Collaboration,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStoreReference,
    Definitions,
    Event,
    EventDefinition,
    FlowNode,
    Gateway,
    GenericElement,
    GenericNode,
    Group,
    Lane,
    LaneSet,
    MessageFlow,
    Participant,
    Process,
    SequenceFlow,
    SubProcess,
    TextAnnotation,
)
from processanalysis.bpmn.xmlsafe import safe_parser

__all__ = ["export_bpmn", "to_element", "write_bpmn"]

_B = "{%s}" % ns.BPMN
_BPMNDI = "{%s}" % ns.BPMNDI
_DC = "{%s}" % ns.DC
_DI = "{%s}" % ns.DI

# -- XSD child order -----------------------------------------------------------------
_GROUP: dict[str, str] = {}
for _local in SPEC_FLOW_ELEMENTS:
    _GROUP[_local] = "flowElement"
for _local in ARTIFACT_TYPES:
    _GROUP[_local] = "artifact"
for _local in LOOP_TYPES:
    _GROUP[_local] = "loopCharacteristics"
for _local in ("performer", "humanPerformer", "potentialOwner"):
    _GROUP[_local] = "resourceRole"
for _local in ("conversation", "subConversation", "callConversation"):
    _GROUP[_local] = "conversationNode"
for _kind in (
    "message",
    "timer",
    "error",
    "signal",
    "escalation",
    "conditional",
    "compensate",
    "link",
    "terminate",
    "cancel",
):
    _GROUP[f"{_kind}EventDefinition"] = "eventDefinition"

_BASE = ("documentation", "extensionElements")
_FLOW_ELEMENT = _BASE + ("auditing", "monitoring", "categoryValueRef")
_FLOW_NODE = _FLOW_ELEMENT + ("incoming", "outgoing")
_ACTIVITY = _FLOW_NODE + (
    "ioSpecification",
    "property",
    "dataInputAssociation",
    "dataOutputAssociation",
    "resourceRole",
    "loopCharacteristics",
)
_ORDERS: dict[str, tuple[str, ...]] = {
    "definitions": (
        "documentation",
        "extensionElements",
        "import",
        "extension",
        "rootElement",
        "BPMNDiagram",
        "relationship",
    ),
    "process": _BASE
    + (
        "supportedInterfaceRef",
        "ioSpecification",
        "ioBinding",
        "auditing",
        "monitoring",
        "property",
        "laneSet",
        "flowElement",
        "artifact",
        "resourceRole",
        "correlationSubscription",
        "supports",
    ),
    "activity": _ACTIVITY + ("script", "rendering"),
    "subProcess": _ACTIVITY + ("laneSet", "flowElement", "artifact", "completionCondition"),
    "catchEvent": _FLOW_NODE
    + (
        "property",
        "dataOutput",
        "dataOutputAssociation",
        "outputSet",
        "eventDefinition",
        "eventDefinitionRef",
    ),
    "throwEvent": _FLOW_NODE
    + (
        "property",
        "dataInput",
        "dataInputAssociation",
        "inputSet",
        "eventDefinition",
        "eventDefinitionRef",
    ),
    "gateway": _FLOW_NODE + ("activationCondition",),
    "sequenceFlow": _FLOW_ELEMENT + ("conditionExpression",),
    "data": _FLOW_ELEMENT + ("dataState",),
    "laneSet": _BASE + ("lane",),
    "lane": _BASE + ("partitionElement", "flowNodeRef", "childLaneSet"),
    "collaboration": _BASE
    + (
        "participant",
        "messageFlow",
        "artifact",
        "conversationNode",
        "conversationAssociation",
        "participantAssociation",
        "messageFlowAssociation",
        "correlationKey",
        "choreographyRef",
        "conversationLink",
    ),
    "participant": _BASE + ("interfaceRef", "endPointRef", "participantMultiplicity"),
    "dataAssociation": _BASE + ("sourceRef", "targetRef", "transformation", "assignment"),
    "textAnnotation": _BASE + ("text",),
    "base": _BASE,
}
_RANKS = {key: {name: i for i, name in enumerate(order)} for key, order in _ORDERS.items()}
_CATCH = frozenset({"startEvent", "intermediateCatchEvent", "boundaryEvent"})
_DEFINITIONS_FIRST = frozenset({"import", "extension"})


_PLACEHOLDER = "processanalysis-fragment:"
_PLACEHOLDER_RE = re.compile(rb"<!--processanalysis-fragment:(\d+)-->")
_FRAGMENT_TAG = re.compile(r"<(?:[^\s:>/]+:)?([^\s:>/]+)")


def _rank(order: str, local: str) -> int:
    ranks = _RANKS[order]
    group = _GROUP.get(local, local)
    if order == "definitions" and group not in ranks:
        group = "rootElement"
    return ranks.get(group, 1000)


def _num(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _bool(value: bool) -> str:
    return "true" if value else "false"


class _Writer:
    """One export.

    Verbatim fragments (extensions, elements the model keeps as XML) are not parsed and
    appended: lxml would reconcile their namespaces with the document's and could rename
    a prefix that a QName *value* inside still uses (``xsi:type="cam:Foo"``), and the
    reconciliation is quadratic on large models. Instead each fragment becomes a
    placeholder comment in the tree, and the serialised document gets the fragment's
    self-contained canonical text spliced in (see :func:`export_bpmn`).
    """

    def __init__(self) -> None:
        self.fragments: list[str] = []
        self.make: Callable[..., etree._Element] = etree.Element

    def fragment(self, xml: str) -> etree._Element:
        placeholder = etree.Comment(f"{_PLACEHOLDER}{len(self.fragments)}")
        self.fragments.append(xml)
        return placeholder

    def local(self, el: etree._Element) -> str:
        """Local name of an element or of the fragment behind a placeholder."""
        if isinstance(el.tag, str):
            return etree.QName(el).localname
        index = int(el.text[len(_PLACEHOLDER) :])
        match = _FRAGMENT_TAG.match(self.fragments[index])
        return match.group(1) if match else ""

    # -- generic helpers ------------------------------------------------------------
    def start(self, tag: str, obj: BaseElement) -> etree._Element:
        el = self.make(tag)
        if obj.id is not None:
            el.set("id", obj.id)
        if obj.name is not None:
            el.set("name", obj.name)
        return el

    def finish(
        self,
        el: etree._Element,
        obj: BaseElement,
        order: str,
        children: list[tuple[str, etree._Element]],
    ) -> etree._Element:
        """Add attributes, documentation, extensions, extras, and sort children by the XSD."""
        for key, value in obj.attributes.items():
            el.set(key, value)
        items: list[tuple[str, etree._Element]] = []
        for text in obj.documentation:
            doc = self.make(_B + "documentation")
            doc.text = text
            items.append(("documentation", doc))
        if obj.extensions:
            ext = self.make(_B + "extensionElements")
            for xml in obj.extensions:
                ext.append(self.fragment(xml))
            items.append(("extensionElements", ext))
        items.extend(children)
        for xml in obj.extra:
            frag = self.fragment(xml)
            items.append((self.local(frag), frag))
        ordered = sorted(enumerate(items), key=lambda pair: (_rank(order, pair[1][0]), pair[0]))
        for _, (_, child) in ordered:
            el.append(child)
        return el

    def refs(self, local: str, values: list[str]) -> list[tuple[str, etree._Element]]:
        out = []
        for value in values:
            child = self.make(_B + local)
            child.text = value
            out.append((local, child))
        return out

    # -- semantic -----------------------------------------------------------------------
    def definitions(self, model: Definitions) -> etree._Element:
        root = etree.Element(_B + "definitions", nsmap=_nsmap(model))
        # Every later element is made inside a scratch element under the root, so it
        # uses the root's namespace declarations instead of declaring its own. lxml
        # reconciles namespaces when a subtree moves, with a lookup list of the distinct
        # declarations it meets: with one declaration per element, appending the process
        # or the diagram plane was quadratic (200 s for 100k nodes).
        scratch = etree.SubElement(root, "scratch")
        self.make = partial(etree.SubElement, scratch)
        if model.id is not None:
            root.set("id", model.id)
        if model.name is not None:
            root.set("name", model.name)
        if model.target_namespace is not None:
            root.set("targetNamespace", model.target_namespace)
        children: list[tuple[str, etree._Element]] = []
        for element in model.root_elements:
            child = self.root_element(element)
            children.append((self.local(child), child))
        for diagram in model.diagrams:
            children.append(("BPMNDiagram", self.diagram(diagram)))
        self.finish(root, model, "definitions", children)
        root.remove(scratch)  # what is left there (unused extras) is not part of the model
        return root

    def root_element(self, element: BaseElement) -> etree._Element:
        if isinstance(element, Process):
            return self.process(element)
        if isinstance(element, Collaboration):
            return self.collaboration(element)
        if isinstance(element, GenericElement):
            return self.fragment(element.xml)
        el = self.start(_B + element.type, element)
        return self.finish(el, element, "base", [])

    def process(self, obj: Process) -> etree._Element:
        el = self.start(_B + "process", obj)
        if obj.process_type is not None:
            el.set("processType", obj.process_type)
        if obj.is_closed is not None:
            el.set("isClosed", _bool(obj.is_closed))
        if obj.is_executable is not None:
            el.set("isExecutable", _bool(obj.is_executable))
        return self.finish(el, obj, "process", self.container(obj))

    def container(self, obj: Process | SubProcess) -> list[tuple[str, etree._Element]]:
        children: list[tuple[str, etree._Element]] = []
        for lane_set in obj.lane_sets:
            children.append(("laneSet", self.lane_set(lane_set, "laneSet")))
        for element in obj.flow_elements:
            children.append(("flowElement", self.flow_element(element)))
        for artifact in obj.artifacts:
            children.append(("artifact", self.artifact(artifact)))
        return children

    def lane_set(self, obj: LaneSet, tag: str) -> etree._Element:
        el = self.start(_B + tag, obj)
        children = [("lane", self.lane(lane)) for lane in obj.lanes]
        return self.finish(el, obj, "laneSet", children)

    def lane(self, obj: Lane) -> etree._Element:
        el = self.start(_B + "lane", obj)
        children = self.refs("flowNodeRef", obj.flow_node_refs)
        if obj.child_lane_set is not None:
            children.append(("childLaneSet", self.lane_set(obj.child_lane_set, "childLaneSet")))
        return self.finish(el, obj, "lane", children)

    def flow_element(self, obj: BaseElement) -> etree._Element:
        if isinstance(obj, GenericNode):
            return self.fragment(obj.xml)
        el = self.start(_B + obj.type, obj)
        children: list[tuple[str, etree._Element]] = []
        if isinstance(obj, FlowNode):
            children += self.refs("incoming", obj.incoming)
            children += self.refs("outgoing", obj.outgoing)
        if isinstance(obj, Activity):
            order = self.activity(el, obj, children)
        elif isinstance(obj, Event):
            order = self.event(el, obj, children)
        elif isinstance(obj, Gateway):
            if obj.direction is not None:
                el.set("gatewayDirection", obj.direction)
            if obj.default is not None:
                el.set("default", obj.default)
            order = "gateway"
        elif isinstance(obj, SequenceFlow):
            _set_opt(el, "sourceRef", obj.source)
            _set_opt(el, "targetRef", obj.target)
            if obj.condition is not None:
                children.append(("conditionExpression", self.fragment(obj.condition)))
            order = "sequenceFlow"
        elif isinstance(obj, DataObject):
            if obj.is_collection is not None:
                el.set("isCollection", _bool(obj.is_collection))
            order = "data"
        elif isinstance(obj, DataObjectReference):
            _set_opt(el, "dataObjectRef", obj.data_object)
            order = "data"
        elif isinstance(obj, DataStoreReference):
            _set_opt(el, "dataStoreRef", obj.data_store)
            order = "data"
        else:
            order = "base"
        return self.finish(el, obj, order, children)

    def activity(
        self, el: etree._Element, obj: Activity, children: list[tuple[str, etree._Element]]
    ) -> str:
        if obj.is_for_compensation is not None:
            el.set("isForCompensation", _bool(obj.is_for_compensation))
        _set_opt(el, "default", obj.default)
        for assoc in obj.data_inputs:
            children.append(("dataInputAssociation", self.data_association(assoc)))
        for assoc in obj.data_outputs:
            children.append(("dataOutputAssociation", self.data_association(assoc)))
        if obj.loop is not None:
            children.append(("loopCharacteristics", self.fragment(obj.loop.xml)))
        if isinstance(obj, CallActivity):
            _set_opt(el, "calledElement", obj.called_element)
        if isinstance(obj, SubProcess):
            if obj.triggered_by_event is not None:
                el.set("triggeredByEvent", _bool(obj.triggered_by_event))
            children.extend(self.container(obj))
            return "subProcess"
        return "activity"

    def data_association(self, obj: DataAssociation) -> etree._Element:
        el = self.start(_B + obj.type, obj)
        children = self.refs("sourceRef", obj.sources)
        if obj.target is not None:
            children += self.refs("targetRef", [obj.target])
        return self.finish(el, obj, "dataAssociation", children)

    def event(
        self, el: etree._Element, obj: Event, children: list[tuple[str, etree._Element]]
    ) -> str:
        if obj.is_interrupting is not None:
            el.set("isInterrupting", _bool(obj.is_interrupting))
        if obj.parallel_multiple is not None:
            el.set("parallelMultiple", _bool(obj.parallel_multiple))
        if obj.cancel_activity is not None:
            el.set("cancelActivity", _bool(obj.cancel_activity))
        _set_opt(el, "attachedToRef", obj.attached_to)
        for definition in obj.definitions:
            children.append(("eventDefinition", self.event_definition(definition)))
        children += self.refs("eventDefinitionRef", obj.definition_refs)
        return "catchEvent" if obj.type in _CATCH else "throwEvent"

    def event_definition(self, obj: EventDefinition) -> etree._Element:
        el = self.start(_B + obj.type, obj)
        if obj.ref is not None:
            el.set(_DEFINITION_REF.get(obj.type, "messageRef"), obj.ref)
        return self.finish(el, obj, "base", [])

    def artifact(self, obj: BaseElement) -> etree._Element:
        if isinstance(obj, (GenericNode, GenericElement)):
            return self.fragment(obj.xml)
        el = self.start(_B + obj.type, obj)
        children: list[tuple[str, etree._Element]] = []
        order = "base"
        if isinstance(obj, TextAnnotation):
            if obj.text is not None:
                text = self.make(_B + "text")
                text.text = obj.text
                children.append(("text", text))
            order = "textAnnotation"
        elif isinstance(obj, Association):
            _set_opt(el, "sourceRef", obj.source)
            _set_opt(el, "targetRef", obj.target)
            _set_opt(el, "associationDirection", obj.direction)
        elif isinstance(obj, Group):
            _set_opt(el, "categoryValueRef", obj.category_value)
        return self.finish(el, obj, order, children)

    def collaboration(self, obj: Collaboration) -> etree._Element:
        el = self.start(_B + obj.type, obj)
        if obj.is_closed is not None:
            el.set("isClosed", _bool(obj.is_closed))
        children: list[tuple[str, etree._Element]] = []
        for participant in obj.participants:
            children.append(("participant", self.participant(participant)))
        for flow in obj.message_flows:
            children.append(("messageFlow", self.message_flow(flow)))
        for artifact in obj.artifacts:
            children.append(("artifact", self.artifact(artifact)))
        return self.finish(el, obj, "collaboration", children)

    def participant(self, obj: Participant) -> etree._Element:
        el = self.start(_B + "participant", obj)
        _set_opt(el, "processRef", obj.process_ref)
        return self.finish(el, obj, "participant", [])

    def message_flow(self, obj: MessageFlow) -> etree._Element:
        el = self.start(_B + "messageFlow", obj)
        _set_opt(el, "sourceRef", obj.source)
        _set_opt(el, "targetRef", obj.target)
        _set_opt(el, "messageRef", obj.message_ref)
        return self.finish(el, obj, "base", [])

    # -- diagram interchange -------------------------------------------------------------
    def diagram(self, obj: Diagram) -> etree._Element:
        el = self.make(_BPMNDI + "BPMNDiagram")
        _set_opt(el, "id", obj.id)
        _set_opt(el, "name", obj.name)
        _set_opt(el, "documentation", obj.documentation)
        if obj.resolution is not None:
            el.set("resolution", _num(obj.resolution))
        for key, value in obj.attributes.items():
            el.set(key, value)
        if obj.plane is not None:
            el.append(self.plane(obj.plane))
        for xml in obj.extra:
            el.append(self.fragment(xml))
        return el

    def extras(self, el: etree._Element, extra: list[str], *, first: bool) -> None:
        """DI extension elements go first (XSD), anything else after the content."""
        for xml in extra:
            frag = self.fragment(xml)
            if (self.local(frag) == "extension") == first:
                el.append(frag)

    def plane(self, obj: Plane) -> etree._Element:
        el = self.make(_BPMNDI + "BPMNPlane")
        _set_opt(el, "id", obj.id)
        _set_opt(el, "bpmnElement", obj.bpmn_element)
        for key, value in obj.attributes.items():
            el.set(key, value)
        self.extras(el, obj.extra, first=True)
        for element in obj.elements:
            el.append(self.shape(element) if isinstance(element, Shape) else self.edge(element))
        self.extras(el, obj.extra, first=False)
        return el

    def shape(self, obj: Shape) -> etree._Element:
        el = self.make(_BPMNDI + "BPMNShape")
        _set_opt(el, "id", obj.id)
        _set_opt(el, "bpmnElement", obj.bpmn_element)
        for attr, value in (
            ("isHorizontal", obj.is_horizontal),
            ("isExpanded", obj.is_expanded),
            ("isMarkerVisible", obj.is_marker_visible),
            ("isMessageVisible", obj.is_message_visible),
        ):
            if value is not None:
                el.set(attr, _bool(value))
        _set_opt(el, "participantBandKind", obj.participant_band_kind)
        _set_opt(el, "choreographyActivityShape", obj.choreography_activity_shape)
        for key, value in obj.attributes.items():
            el.set(key, value)
        self.extras(el, obj.extra, first=True)
        if obj.bounds is not None:
            el.append(_bounds(self.make, obj.bounds))
        if obj.label is not None:
            el.append(self.label(obj.label))
        self.extras(el, obj.extra, first=False)
        return el

    def edge(self, obj: Edge) -> etree._Element:
        el = self.make(_BPMNDI + "BPMNEdge")
        _set_opt(el, "id", obj.id)
        _set_opt(el, "bpmnElement", obj.bpmn_element)
        _set_opt(el, "sourceElement", obj.source_element)
        _set_opt(el, "targetElement", obj.target_element)
        _set_opt(el, "messageVisibleKind", obj.message_visible_kind)
        for key, value in obj.attributes.items():
            el.set(key, value)
        self.extras(el, obj.extra, first=True)
        for point in obj.waypoints:
            etree.SubElement(el, _DI + "waypoint", x=_num(point.x), y=_num(point.y))
        if obj.label is not None:
            el.append(self.label(obj.label))
        self.extras(el, obj.extra, first=False)
        return el

    def label(self, obj: Label) -> etree._Element:
        el = self.make(_BPMNDI + "BPMNLabel")
        _set_opt(el, "id", obj.id)
        _set_opt(el, "labelStyle", obj.label_style)
        for key, value in obj.attributes.items():
            el.set(key, value)
        self.extras(el, obj.extra, first=True)
        if obj.bounds is not None:
            el.append(_bounds(self.make, obj.bounds))
        self.extras(el, obj.extra, first=False)
        return el


_DEFINITION_REF = {
    "messageEventDefinition": "messageRef",
    "signalEventDefinition": "signalRef",
    "errorEventDefinition": "errorRef",
    "escalationEventDefinition": "escalationRef",
    "compensateEventDefinition": "activityRef",
}
_NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


def _set_opt(el: etree._Element, key: str, value: str | None) -> None:
    if value is not None:
        el.set(key, value)


def _bounds(make: Callable[..., etree._Element], bounds: Bounds) -> etree._Element:
    return make(
        _DC + "Bounds",
        x=_num(bounds.x),
        y=_num(bounds.y),
        width=_num(bounds.width),
        height=_num(bounds.height),
    )


def _nsmap(model: Definitions) -> dict[str | None, str]:
    """Standard prefixes plus the source's own prefixes for vendor namespaces."""
    nsmap: dict[str | None, str] = dict(ns.STANDARD_PREFIXES)
    taken = set(nsmap.values())
    reserved = {ns.BPMN, ns.BPMNDI, ns.DC, ns.DI, *ns.NAMESPACE_ALIASES}
    for prefix, uri in model.namespaces.items():
        if not prefix or prefix in nsmap or uri in reserved or uri in taken:
            continue
        if not _NCNAME.match(prefix) or prefix.lower().startswith("xml") or not _URI.match(uri):
            continue
        nsmap[prefix] = uri
        taken.add(uri)
    return nsmap


def to_element(model: Definitions) -> etree._Element:
    """The model as an lxml element tree (the exported document, parsed again)."""
    return etree.fromstring(export_bpmn(model), safe_parser())


def export_bpmn(model: Definitions) -> bytes:
    """Serialise the model as UTF-8 BPMN 2.0 XML with DI."""
    writer = _Writer()
    root = writer.definitions(model)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if not writer.fragments:
        return data
    fragments = [xml.encode("utf-8") for xml in writer.fragments]
    return _PLACEHOLDER_RE.sub(lambda m: fragments[int(m.group(1))], data)


def write_bpmn(model: Definitions, path: str | Path) -> None:
    """Write the model to ``path`` atomically (temporary file, then rename)."""
    path = Path(path)
    data = export_bpmn(model)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
