"""Tolerant BPMN 2.0 importer: read what departments' tools export, say what happened.

Reading is index-then-resolve (as SpiffWorkflow's parser does): one pass builds typed
elements through dispatch tables and records every reference; a second pass resolves
references, repairs prefixed QNames and reports dangling ones. Only a document that is
not XML or not BPMN fails; everything else becomes a model with warnings.

This module reads the semantic model; the diagram interchange is read by
:mod:`~processanalysis.bpmn.di_reader` (a mixin of the reader), and the XML text kept
verbatim is made canonical by :mod:`~processanalysis.bpmn.verbatim`.

Examples
--------
>>> xml = b'''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
...   <process id="p"><startEvent id="s"/><task id="t" name="Antrag pr\\xc3\\xbcfen"/>
...   <sequenceFlow id="f" sourceRef="s" targetRef="t"/></process></definitions>'''
>>> model = read_bpmn(xml)
>>> [e.type for e in model.processes[0].flow_elements]
['startEvent', 'task', 'sequenceFlow']
>>> sorted(w.code for w in model.warnings)
['missing-di']
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.di_reader import XSD_BOOLEAN, DiReaderMixin
from processanalysis.bpmn.diagram import Shape
from processanalysis.bpmn.fidelity import ADONIS_TIME_ATTRIBUTES, FidelityReport
from processanalysis.bpmn.model import (
    EVENT_TYPES,
    GATEWAY_TYPES,
    SUBPROCESS_TYPES,
    TASK_TYPES,
    Activity,
    Association,
    BaseElement,
    CallActivity,
    Collaboration,
    DataAssociation,
    DataObject,
    DataObjectReference,
    DataStore,
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
    LoopCharacteristics,
    MessageFlow,
    Participant,
    Process,
    SequenceFlow,
    SubProcess,
    Task,
    TextAnnotation,
)
from processanalysis.bpmn.verbatim import ABSOLUTE_URI, verbatim_text
from processanalysis.bpmn.xmlsafe import DEFAULT_LIMITS, Limits, check_size, parse_xml
from processanalysis.errors import (
    FileAccessError,
    ImportIssue,
    NotBpmnError,
    TooManyElementsError,
)

__all__ = ["SPEC_FLOW_ELEMENTS", "import_file", "read_bpmn"]

#: Flow elements the spec defines but the model keeps as generic nodes.
SPEC_FLOW_ELEMENTS = frozenset(
    TASK_TYPES
    | SUBPROCESS_TYPES
    | EVENT_TYPES
    | GATEWAY_TYPES
    | {
        "callActivity",
        "sequenceFlow",
        "dataObject",
        "dataObjectReference",
        "dataStoreReference",
        "callChoreography",
        "choreographyTask",
        "subChoreography",
        "implicitThrowEvent",
    }
)
ARTIFACT_TYPES = frozenset({"textAnnotation", "association", "group"})
LOOP_TYPES = frozenset({"standardLoopCharacteristics", "multiInstanceLoopCharacteristics"})
#: Spec children of a container that are not flow elements (kept verbatim).
_CONTAINER_DETAILS = frozenset(
    {
        "auditing",
        "monitoring",
        "property",
        "resourceRole",
        "performer",
        "humanPerformer",
        "potentialOwner",
        "correlationSubscription",
        "supports",
        "ioSpecification",
        "ioBinding",
        "categoryValueRef",
        "completionCondition",
        "dataInput",
        "dataOutput",
        "inputSet",
        "outputSet",
        "rendering",
        "script",
    }
)

_DI_NAMESPACES = frozenset({ns.BPMNDI, ns.DC, ns.DI})

Handler = Callable[[etree._Element], None]


def import_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Definitions:
    """Read a BPMN file from disk; the size limit is checked before reading."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileAccessError("file-not-found", path=str(path), file=str(path)) from exc
    try:
        check_size(size, limits)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FileAccessError("file-not-found", path=str(path), file=str(path)) from exc
        return read_bpmn(data, limits=limits, source=str(path))
    except Exception as exc:  # attach the file to typed errors, let others propagate
        if hasattr(exc, "file") and getattr(exc, "file", None) is None:
            exc.file = str(path)  # type: ignore[attr-defined]
        raise


def read_bpmn(
    data: bytes, *, limits: Limits = DEFAULT_LIMITS, source: str | None = None
) -> Definitions:
    """Parse BPMN 2.0 XML bytes into :class:`Definitions` with warnings and fidelity.

    Raises
    ------
    BpmnImportError
        A subclass naming why the bytes are not a readable BPMN document.
    """
    root, issues = parse_xml(data, limits)
    reader = _Reader(limits)
    reader.warnings.extend(issues)
    for issue in issues:
        if issue.code == "encoding-mismatch":
            reader.fidelity.convert(
                "encoding", detail=f"{issue.params['declared']} → {issue.params['actual']}"
            )
    # Building the model allocates several Python objects per XML element and no garbage;
    # the cyclic collector would run hundreds of times for nothing (about 25 % of the time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        model = reader.read(root)
    finally:
        if gc_was_enabled:
            gc.enable()
    model.source = source
    return model


class _Reader(DiReaderMixin):
    """One import: state for index-then-resolve and the collected warnings."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.warnings: list[ImportIssue] = []
        self.fidelity = FidelityReport()
        self.first_line: dict[str, int | None] = {}
        self.refs: list[tuple[object, str, str, str]] = []
        self.element_count = 0
        self._tags: dict[str, tuple[str, str]] = {}
        self._alias_seen: set[str] = set()
        self.comments = 0
        self.generic_types: dict[str, int] = {}
        self.verbatim_types: dict[str, int] = {}

    # -- names -----------------------------------------------------------------
    def qname(self, tag: object) -> tuple[str, str]:
        """(namespace, local name) with namespace aliases mapped to the standard ones."""
        if not isinstance(tag, str):
            return ("", "")
        cached = self._tags.get(tag)
        if cached is not None:
            return cached
        if tag.startswith("{"):
            uri, _, local = tag[1:].partition("}")
        else:
            uri, local = "", tag
        standard = ns.NAMESPACE_ALIASES.get(uri)
        if standard is not None:
            if uri not in self._alias_seen:
                self._alias_seen.add(uri)
                self.warnings.append(
                    ImportIssue("namespace-alias", params={"uri": uri, "standard": standard})
                )
                self.fidelity.convert("namespace-alias")
            uri = standard
        elif uri == "":
            # Elements without any namespace in a BPMN document are read as BPMN.
            uri = ns.BPMN
        result = (uri, local)
        self._tags[tag] = result
        return result

    # -- verbatim and ids -----------------------------------------------------
    # -- verbatim and ids -----------------------------------------------------
    def verbatim(self, el: etree._Element, *, register_ids: bool = True) -> str:
        """The element as canonical XML text (see :func:`~processanalysis.bpmn.verbatim.
        verbatim_text`); the ids inside it are registered unless ``register_ids`` is false."""
        return verbatim_text(el, self.qname, self.register if register_ids else None)

    def register(self, element_id: str, line: int | None) -> None:
        if element_id in self.first_line:
            self.warnings.append(
                ImportIssue(
                    "duplicate-id",
                    line=line,
                    element_id=element_id,
                    params={"id": element_id, "first_line": self.first_line[element_id]},
                )
            )
        else:
            self.first_line[element_id] = line

    def count(self) -> None:
        self.element_count += 1
        if self.element_count > self.limits.max_elements:
            raise TooManyElementsError("too-many-elements", limit=self.limits.max_elements)

    def ref(self, obj: object, attr: str, kind: str, xml_attr: str) -> None:
        """Remember a reference slot to check once every id is known."""
        self.refs.append((obj, attr, kind, xml_attr))

    # -- common parts ----------------------------------------------------------
    def base(
        self,
        el: etree._Element,
        obj: BaseElement,
        known: frozenset[str],
        handlers: dict[str, Handler] | None = None,
        *,
        foreign_ok: bool = False,
    ) -> BaseElement:
        """Fill id, name, attributes, documentation, extensions; dispatch other children."""
        self.count()
        obj.line = el.sourceline
        attributes = obj.attributes
        for key, value in el.attrib.items():
            if key == "id":
                obj.id = value
            elif key == "name":
                obj.name = value
            elif key not in known:
                attributes[key] = value
                if key[0] == "{":
                    self.note_foreign_attribute(key)
        if obj.id:
            self.register(obj.id, obj.line)
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                self.comments += 1
                continue
            uri, local = self.qname(tag)
            if uri == ns.BPMN:
                if local == "documentation":
                    obj.documentation.append(child.text or "")
                    if child.attrib:
                        self.fidelity.drop("documentation-attributes")
                elif local == "extensionElements":
                    for ext in child:
                        if isinstance(ext.tag, str):
                            obj.extensions.append(self.verbatim(ext, register_ids=False))
                            self.note_extension(ext)
                elif handlers is not None and local in handlers:
                    handlers[local](child)
                else:
                    self.keep_verbatim(child, local, el, obj)
            elif foreign_ok or uri in _DI_NAMESPACES:
                obj.extra.append(self.verbatim(child))
            else:
                self.move_foreign(child, obj)
        return obj

    def keep_verbatim(
        self, child: etree._Element, local: str, parent: etree._Element, owner: BaseElement
    ) -> None:
        """A spec child the model does not interpret: keep it on the parent's ``extra``."""
        if local in SPEC_FLOW_ELEMENTS or local in ARTIFACT_TYPES or local == "laneSet":
            self.warnings.append(
                ImportIssue(
                    "misplaced-element",
                    line=child.sourceline,
                    element_id=child.get("id"),
                    params={"tag": local, "parent": self.qname(parent.tag)[1]},
                )
            )
            self.fidelity.convert("misplaced", detail=local)
        else:
            self.verbatim_types[local] = self.verbatim_types.get(local, 0) + 1
        owner.extra.append(self.verbatim(child))

    def move_foreign(self, child: etree._Element, obj: BaseElement) -> None:
        tag = etree.QName(child).localname
        self.warnings.append(
            ImportIssue(
                "foreign-element",
                line=child.sourceline,
                element_id=obj.id,
                params={"tag": f"{child.prefix}:{tag}" if child.prefix else tag},
            )
        )
        self.fidelity.convert("foreign-element")
        obj.extensions.append(self.verbatim(child, register_ids=False))
        self.note_extension(child)

    def note_foreign_attribute(self, key: str) -> None:
        uri = key[1:].partition("}")[0]
        vendor = ns.VENDOR_NAMESPACES.get(uri)
        if vendor is None and uri in (ns.XSI, ns.XML):
            return
        self.fidelity.vendor(vendor or uri).attributes += 1

    def note_extension(self, ext: etree._Element) -> None:
        uri = etree.QName(ext).namespace or ""
        data = self.fidelity.vendor(ns.VENDOR_NAMESPACES.get(uri, uri or "?"))
        data.elements += 1
        if uri == "http://www.boc-group.com":
            for attribute in ext.iter("{http://www.boc-group.com}attribute"):
                name = attribute.get("name", "")
                if name in ADONIS_TIME_ATTRIBUTES:
                    data.recognised[name] = data.recognised.get(name, 0) + 1
        elif uri == "http://www.signavio.com":
            key = ext.get("metaKey")
            if key:
                data.recognised[key] = data.recognised.get(key, 0) + 1
        elif uri.startswith("http://www.softwareag.com/aris"):
            for sub in ext.iter():
                name = sub.get("name") or sub.get("typeNum") or sub.get("type")
                if name:
                    data.recognised[name] = data.recognised.get(name, 0) + 1
                    break

    def boolean(self, obj: BaseElement, el: etree._Element, xml_attr: str) -> bool | None:
        value = el.get(xml_attr)
        if value is None:
            return None
        parsed = XSD_BOOLEAN.get(value.strip().lower())
        if parsed is None:
            obj.attributes[xml_attr] = value
            element_id = el.get("id")  # read here: flags are parsed before ``base`` sets obj.id
            self.warnings.append(
                ImportIssue(
                    "invalid-value",
                    line=el.sourceline,
                    element_id=element_id,
                    params={"value": value, "attribute": xml_attr, "id": element_id or "?"},
                )
            )
        return parsed

    # -- document ---------------------------------------------------------------
    def read(self, root: etree._Element) -> Definitions:
        uri, local = self.qname(root.tag)
        if not (uri == ns.BPMN and local == "definitions"):
            root = self._find_embedded(root, uri, local)
        model = Definitions(type="definitions")
        model.namespaces = {k or "": v for k, v in root.nsmap.items()}
        for prefix, value in model.namespaces.items():
            if not ABSOLUTE_URI.match(value):
                self.warnings.append(
                    ImportIssue(
                        "invalid-namespace-uri",
                        line=root.sourceline,
                        params={"prefix": f"xmlns:{prefix}" if prefix else "xmlns", "uri": value},
                    )
                )
        model.target_namespace = root.get("targetNamespace")
        handlers: dict[str, Handler] = {
            "process": lambda c: model.root_elements.append(self.process(c)),
            "collaboration": lambda c: model.root_elements.append(self.collaboration(c)),
            "dataStore": lambda c: model.root_elements.append(self.data_store(c)),
            "BPMNDiagram": lambda c: model.diagrams.append(self.diagram(c)),
        }
        known = frozenset({"id", "name", "targetNamespace"})
        self.count()
        model.line = root.sourceline
        for key, value in root.attrib.items():
            if key == "id":
                model.id = value
            elif key == "name":
                model.name = value
            elif key not in known:
                model.attributes[key] = value
                if key[0] == "{":
                    self.note_foreign_attribute(key)
        for child in root:
            if not isinstance(child.tag, str):
                self.comments += 1
                continue
            c_uri, c_local = self.qname(child.tag)
            if c_uri == ns.BPMNDI and c_local == "BPMNDiagram":
                model.diagrams.append(self.diagram(child))
            elif c_uri == ns.BPMN and c_local in handlers:
                handlers[c_local](child)
            elif c_uri == ns.BPMN and c_local == "documentation":
                model.documentation.append(child.text or "")
            elif c_uri == ns.BPMN and c_local == "extensionElements":
                for ext in child:
                    if isinstance(ext.tag, str):
                        model.extensions.append(self.verbatim(ext, register_ids=False))
                        self.note_extension(ext)
            elif c_uri == ns.BPMN and c_local == "relationship":
                model.extra.append(self.verbatim(child))
            elif c_uri == ns.BPMN:
                model.root_elements.append(self.generic(child, c_local, GenericElement))
            elif c_uri in _DI_NAMESPACES:
                model.extra.append(self.verbatim(child))
            else:
                self.move_foreign(child, model)
            child.clear()  # read: free the subtree before the next part of the file
        if not any(isinstance(e, (Process, Collaboration)) for e in model.root_elements):
            # Readable, but nothing to analyse: say so instead of showing an empty model.
            self.warnings.append(ImportIssue("no-process", line=root.sourceline))
        self.resolve(model)
        self.check_diagram(model)
        self.finish_fidelity(model)
        model.warnings = self.warnings
        model.fidelity = self.fidelity
        return model

    def _find_embedded(self, root: etree._Element, uri: str, local: str) -> etree._Element:
        for candidate in root.iter("{%s}definitions" % ns.BPMN):
            self.warnings.append(
                ImportIssue(
                    "embedded-definitions",
                    line=candidate.sourceline,
                    params={"root": local},
                )
            )
            self.fidelity.convert("embedded", detail=local)
            return candidate
        raise NotBpmnError("not-bpmn", line=root.sourceline, root=local, namespace=ns.BPMN)

    def generic(self, el: etree._Element, local: str, cls: type) -> BaseElement:
        obj = cls(type=local, id=el.get("id"), name=el.get("name"), line=el.sourceline)
        self.count()
        obj.xml = self.verbatim(el)  # registers the element's own id and its children's
        return obj

    # -- containers -------------------------------------------------------------
    def container_handlers(self, container: Process | SubProcess) -> dict[str, Handler]:
        handlers: dict[str, Handler] = {}

        def flow(child: etree._Element) -> None:
            _, local = self.qname(child.tag)
            builder = self.FLOW_BUILDERS.get(local)
            if builder is None:
                element = self.generic(child, local, GenericNode)
                self.generic_types[local] = self.generic_types.get(local, 0) + 1
                if local not in SPEC_FLOW_ELEMENTS:
                    self.warnings.append(
                        ImportIssue(
                            "unknown-element",
                            line=child.sourceline,
                            element_id=element.id,
                            params={"tag": local},
                        )
                    )
            else:
                element = builder(self, child, local)
            container.flow_elements.append(element)

        def artifact(child: etree._Element) -> None:
            _, local = self.qname(child.tag)
            container.artifacts.append(self.ARTIFACT_BUILDERS[local](self, child, local))

        def lane_set(child: etree._Element) -> None:
            container.lane_sets.append(self.lane_set(child))

        for local in SPEC_FLOW_ELEMENTS:
            handlers[local] = flow
        for local in ARTIFACT_TYPES:
            handlers[local] = artifact
        handlers["laneSet"] = lane_set
        handlers["__unknown__"] = flow
        return handlers

    def container_children(
        self, el: etree._Element, obj: Process | SubProcess, known: frozenset[str]
    ) -> None:
        handlers = self.container_handlers(obj)
        flow = handlers.pop("__unknown__")
        self.base(el, obj, known, _UnknownAsFlow(handlers, flow, self))

    def process(self, el: etree._Element) -> Process:
        obj = Process(type="process")
        obj.is_executable = self.boolean(obj, el, "isExecutable")
        obj.is_closed = self.boolean(obj, el, "isClosed")
        obj.process_type = el.get("processType")
        self.container_children(el, obj, _PROCESS_ATTRS)
        return obj

    def lane_set(self, el: etree._Element) -> LaneSet:
        obj = LaneSet(type="laneSet")
        self.base(el, obj, _BASE_ATTRS, {"lane": lambda c: obj.lanes.append(self.lane(c))})
        return obj

    def lane(self, el: etree._Element) -> Lane:
        obj = Lane(type="lane")

        def node_ref(child: etree._Element) -> None:
            obj.flow_node_refs.append((child.text or "").strip())

        def child_set(child: etree._Element) -> None:
            obj.child_lane_set = self.lane_set(child)

        self.base(el, obj, _BASE_ATTRS, {"flowNodeRef": node_ref, "childLaneSet": child_set})
        if obj.flow_node_refs:
            self.ref(obj, "flow_node_refs", "Lane", "flowNodeRef")
        return obj

    # -- flow nodes ---------------------------------------------------------------
    def node_handlers(self, obj: FlowNode) -> dict[str, Handler]:
        def incoming(child: etree._Element) -> None:
            obj.incoming.append((child.text or "").strip())

        def outgoing(child: etree._Element) -> None:
            obj.outgoing.append((child.text or "").strip())

        return {"incoming": incoming, "outgoing": outgoing}

    def node_refs(self, obj: FlowNode, kind: str) -> None:
        if obj.incoming:
            self.ref(obj, "incoming", kind, "incoming")
        if obj.outgoing:
            self.ref(obj, "outgoing", kind, "outgoing")

    def activity_handlers(self, obj: Activity) -> dict[str, Handler]:
        handlers = self.node_handlers(obj)

        def loop(child: etree._Element) -> None:
            _, local = self.qname(child.tag)
            obj.loop = LoopCharacteristics(
                type=local,
                is_sequential=XSD_BOOLEAN.get((child.get("isSequential") or "").lower(), False),
                xml=self.verbatim(child),
            )

        def data_input(child: etree._Element) -> None:
            obj.data_inputs.append(self.data_association(child, "dataInputAssociation"))

        def data_output(child: etree._Element) -> None:
            obj.data_outputs.append(self.data_association(child, "dataOutputAssociation"))

        for local in LOOP_TYPES:
            handlers[local] = loop
        handlers["dataInputAssociation"] = data_input
        handlers["dataOutputAssociation"] = data_output
        return handlers

    def activity_common(self, el: etree._Element, obj: Activity) -> None:
        obj.is_for_compensation = self.boolean(obj, el, "isForCompensation")
        obj.default = el.get("default")
        if obj.default is not None:
            self.ref(obj, "default", obj.type, "default")

    def task(self, el: etree._Element, local: str) -> Task:
        obj = Task(type=local)
        self.activity_common(el, obj)
        self.base(el, obj, _ACTIVITY_ATTRS, self.activity_handlers(obj))
        self.node_refs(obj, local)
        return obj

    def call_activity(self, el: etree._Element, local: str) -> CallActivity:
        obj = CallActivity(type=local, called_element=el.get("calledElement"))
        self.activity_common(el, obj)
        self.base(el, obj, _CALL_ATTRS, self.activity_handlers(obj))
        self.node_refs(obj, local)
        return obj

    def subprocess(self, el: etree._Element, local: str) -> SubProcess:
        obj = SubProcess(type=local)
        self.activity_common(el, obj)
        obj.triggered_by_event = self.boolean(obj, el, "triggeredByEvent")
        handlers = self.container_handlers(obj)
        flow = handlers.pop("__unknown__")
        handlers.update(self.activity_handlers(obj))
        self.base(el, obj, _SUBPROCESS_ATTRS, _UnknownAsFlow(handlers, flow, self))
        self.node_refs(obj, local)
        return obj

    def event(self, el: etree._Element, local: str) -> Event:
        obj = Event(type=local)
        obj.is_interrupting = self.boolean(obj, el, "isInterrupting")
        obj.parallel_multiple = self.boolean(obj, el, "parallelMultiple")
        obj.cancel_activity = self.boolean(obj, el, "cancelActivity")
        obj.attached_to = el.get("attachedToRef")
        handlers = self.node_handlers(obj)

        def definition(child: etree._Element) -> None:
            _, d_local = self.qname(child.tag)
            d_obj = EventDefinition(type=d_local)
            for ref_attr in _EVENT_DEFINITION_REFS:
                value = child.get(ref_attr)
                if value is not None:
                    d_obj.ref = value
                    self.ref(d_obj, "ref", d_local, ref_attr)
                    break
            self.base(child, d_obj, _EVENT_DEFINITION_KNOWN)
            obj.definitions.append(d_obj)

        def definition_ref(child: etree._Element) -> None:
            obj.definition_refs.append((child.text or "").strip())

        for d_local in _EVENT_DEFINITIONS:
            handlers[d_local] = definition
        handlers["eventDefinitionRef"] = definition_ref
        self.base(el, obj, _EVENT_ATTRS, handlers)
        if obj.attached_to is not None:
            self.ref(obj, "attached_to", local, "attachedToRef")
        self.node_refs(obj, local)
        return obj

    def gateway(self, el: etree._Element, local: str) -> Gateway:
        obj = Gateway(type=local, default=el.get("default"), direction=el.get("gatewayDirection"))
        self.base(el, obj, _GATEWAY_ATTRS, self.node_handlers(obj))
        if obj.default is not None:
            self.ref(obj, "default", local, "default")
        self.node_refs(obj, local)
        return obj

    def sequence_flow(self, el: etree._Element, local: str) -> SequenceFlow:
        obj = SequenceFlow(type=local, source=el.get("sourceRef"), target=el.get("targetRef"))

        def condition(child: etree._Element) -> None:
            obj.condition = self.verbatim(child)

        self.base(el, obj, _FLOW_ATTRS, {"conditionExpression": condition})
        self.flow_endpoints(obj, "sequenceFlow")
        return obj

    def flow_endpoints(self, obj: SequenceFlow | MessageFlow | Association, kind: str) -> None:
        for attr, xml_attr, code in (
            ("source", "sourceRef", "missing-source"),
            ("target", "targetRef", "missing-target"),
        ):
            if getattr(obj, attr) in (None, ""):
                setattr(obj, attr, None)
                self.warnings.append(
                    ImportIssue(
                        code,
                        line=obj.line,
                        element_id=obj.id,
                        params={"element_type": kind, "id": obj.id or "?"},
                    )
                )
            else:
                self.ref(obj, attr, kind, xml_attr)

    def data_object(self, el: etree._Element, local: str) -> DataObject:
        obj = DataObject(type=local)
        obj.is_collection = self.boolean(obj, el, "isCollection")
        return self.base(el, obj, _DATA_OBJECT_ATTRS)  # type: ignore[return-value]

    def data_object_reference(self, el: etree._Element, local: str) -> DataObjectReference:
        obj = DataObjectReference(type=local, data_object=el.get("dataObjectRef"))
        self.base(el, obj, _DOR_ATTRS)
        if obj.data_object is not None:
            self.ref(obj, "data_object", local, "dataObjectRef")
        return obj

    def data_store_reference(self, el: etree._Element, local: str) -> DataStoreReference:
        obj = DataStoreReference(type=local, data_store=el.get("dataStoreRef"))
        self.base(el, obj, _DSR_ATTRS)
        if obj.data_store is not None:
            self.ref(obj, "data_store", local, "dataStoreRef")
        return obj

    def data_store(self, el: etree._Element) -> DataStore:
        obj = DataStore(type="dataStore")
        return self.base(el, obj, _BASE_ATTRS)  # type: ignore[return-value]

    def data_association(self, el: etree._Element, local: str) -> DataAssociation:
        obj = DataAssociation(type=local)

        def source(child: etree._Element) -> None:
            obj.sources.append((child.text or "").strip())

        def target(child: etree._Element) -> None:
            obj.target = (child.text or "").strip() or None

        self.base(el, obj, _BASE_ATTRS, {"sourceRef": source, "targetRef": target})
        if obj.sources:
            self.ref(obj, "sources", local, "sourceRef")
        if obj.target is not None:
            self.ref(obj, "target", local, "targetRef")
        return obj

    # -- artifacts ------------------------------------------------------------------
    def text_annotation(self, el: etree._Element, local: str) -> TextAnnotation:
        obj = TextAnnotation(type=local)

        def text(child: etree._Element) -> None:
            obj.text = child.text or ""

        self.base(el, obj, _BASE_ATTRS, {"text": text})
        return obj

    def association(self, el: etree._Element, local: str) -> Association:
        obj = Association(
            type=local,
            source=el.get("sourceRef"),
            target=el.get("targetRef"),
            direction=el.get("associationDirection"),
        )
        self.base(el, obj, _ASSOCIATION_ATTRS)
        self.flow_endpoints(obj, "association")
        return obj

    def group(self, el: etree._Element, local: str) -> Group:
        obj = Group(type=local, category_value=el.get("categoryValueRef"))
        self.base(el, obj, _GROUP_ATTRS)
        if obj.category_value is not None:
            self.ref(obj, "category_value", local, "categoryValueRef")
        return obj

    FLOW_BUILDERS: dict[str, Callable[[_Reader, etree._Element, str], BaseElement]] = {}
    ARTIFACT_BUILDERS: dict[str, Callable[[_Reader, etree._Element, str], BaseElement]] = {}

    # -- collaboration --------------------------------------------------------------
    def collaboration(self, el: etree._Element) -> Collaboration:
        _, local = self.qname(el.tag)
        obj = Collaboration(type=local)
        obj.is_closed = self.boolean(obj, el, "isClosed")

        def participant(child: etree._Element) -> None:
            p = Participant(type="participant", process_ref=child.get("processRef"))
            self.base(child, p, _PARTICIPANT_ATTRS)
            if p.process_ref is not None:
                self.ref(p, "process_ref", "participant", "processRef")
            obj.participants.append(p)

        def message_flow(child: etree._Element) -> None:
            m = MessageFlow(
                type="messageFlow",
                source=child.get("sourceRef"),
                target=child.get("targetRef"),
                message_ref=child.get("messageRef"),
            )
            self.base(child, m, _MESSAGE_FLOW_ATTRS)
            self.flow_endpoints(m, "messageFlow")
            if m.message_ref is not None:
                self.ref(m, "message_ref", "messageFlow", "messageRef")
            obj.message_flows.append(m)

        def artifact(child: etree._Element) -> None:
            _, a_local = self.qname(child.tag)
            obj.artifacts.append(self.ARTIFACT_BUILDERS[a_local](self, child, a_local))

        handlers: dict[str, Handler] = {"participant": participant, "messageFlow": message_flow}
        for a_local in ARTIFACT_TYPES:
            handlers[a_local] = artifact
        self.base(el, obj, _COLLABORATION_ATTRS, handlers)
        return obj

    # -- resolution ---------------------------------------------------------------------
    def resolve(self, model: Definitions) -> None:
        """Check every recorded reference; repair prefixed QNames; warn on dangling ones."""
        ids = self.first_line
        repaired = 0
        for obj, attr, kind, xml_attr in self.refs:
            value = getattr(obj, attr)
            if isinstance(value, list):
                for position, item in enumerate(value):
                    if item not in ids:
                        fixed = self.repair(item)
                        if fixed is not None:
                            value[position] = fixed
                            repaired += 1
                        else:
                            self.dangling(obj, kind, xml_attr, item)
            elif value not in ids:
                fixed = self.repair(value)
                if fixed is not None:
                    setattr(obj, attr, fixed)
                    repaired += 1
                else:
                    self.dangling(obj, kind, xml_attr, value)
        if repaired:
            self.fidelity.convert("qname-reference", count=repaired)

    def repair(self, value: str) -> str | None:
        if value and ":" in value:
            local = value.rsplit(":", 1)[1]
            if local in self.first_line:
                return local
        return None

    def dangling(self, obj: object, kind: str, xml_attr: str, ref: str) -> None:
        element_id = getattr(obj, "id", None)
        self.warnings.append(
            ImportIssue(
                "dangling-reference",
                line=getattr(obj, "line", None),
                element_id=element_id,
                params={
                    "element_type": kind,
                    "id": element_id or "?",
                    "attribute": xml_attr,
                    "ref": ref,
                },
            )
        )

    def finish_fidelity(self, model: Definitions) -> None:
        kept: dict[str, int] = {}
        for element in model.iter_elements():
            kept[element.type] = kept.get(element.type, 0) + 1
        for diagram in model.diagrams:
            if diagram.plane is not None:
                for element in diagram.plane.elements:
                    key = "BPMNShape" if isinstance(element, Shape) else "BPMNEdge"
                    kept[key] = kept.get(key, 0) + 1
        self.fidelity.kept = kept
        if self.generic_types:
            detail = ", ".join(f"{k} ({v})" for k, v in sorted(self.generic_types.items()))
            self.fidelity.convert(
                "generic-node", count=sum(self.generic_types.values()), detail=detail
            )
        if self.verbatim_types:
            detail = ", ".join(f"{k} ({v})" for k, v in sorted(self.verbatim_types.items()))
            self.fidelity.convert(
                "verbatim", count=sum(self.verbatim_types.values()), detail=detail
            )
        if self.comments:
            self.fidelity.drop("comments", count=self.comments)


class _UnknownAsFlow(dict):
    """Handler table whose misses inside a container become generic flow nodes."""

    def __init__(self, handlers: dict[str, Handler], flow: Handler, reader: _Reader) -> None:
        super().__init__(handlers)
        self._flow = flow

    def __contains__(self, local: object) -> bool:
        # Spec details (property, ioSpecification ...) stay verbatim; anything else
        # unknown in the BPMN namespace is a flow element type we do not model.
        return dict.__contains__(self, local) or (
            local not in _CONTAINER_DETAILS and local not in _NON_FLOW_SPEC
        )

    def __missing__(self, local: str) -> Handler:
        return self._flow


_NON_FLOW_SPEC = frozenset(
    {"incoming", "outgoing", "dataInputAssociation", "dataOutputAssociation"} | LOOP_TYPES
)
_EVENT_DEFINITIONS = frozenset(
    {
        "messageEventDefinition",
        "timerEventDefinition",
        "errorEventDefinition",
        "signalEventDefinition",
        "escalationEventDefinition",
        "conditionalEventDefinition",
        "compensateEventDefinition",
        "linkEventDefinition",
        "terminateEventDefinition",
        "cancelEventDefinition",
    }
)
_EVENT_DEFINITION_REFS = ("messageRef", "signalRef", "errorRef", "escalationRef", "activityRef")
_EVENT_DEFINITION_KNOWN = frozenset({"id", *_EVENT_DEFINITION_REFS})
_BASE_ATTRS = frozenset({"id", "name"})
_PROCESS_ATTRS = _BASE_ATTRS | {"isExecutable", "isClosed", "processType"}
_ACTIVITY_ATTRS = _BASE_ATTRS | {"default", "isForCompensation"}
_CALL_ATTRS = _ACTIVITY_ATTRS | {"calledElement"}
_SUBPROCESS_ATTRS = _ACTIVITY_ATTRS | {"triggeredByEvent"}
_EVENT_ATTRS = _BASE_ATTRS | {
    "isInterrupting",
    "parallelMultiple",
    "cancelActivity",
    "attachedToRef",
}
_GATEWAY_ATTRS = _BASE_ATTRS | {"default", "gatewayDirection"}
_FLOW_ATTRS = _BASE_ATTRS | {"sourceRef", "targetRef"}
_DATA_OBJECT_ATTRS = _BASE_ATTRS | {"isCollection"}
_DOR_ATTRS = _BASE_ATTRS | {"dataObjectRef"}
_DSR_ATTRS = _BASE_ATTRS | {"dataStoreRef"}
_ASSOCIATION_ATTRS = _FLOW_ATTRS | {"associationDirection"}
_GROUP_ATTRS = _BASE_ATTRS | {"categoryValueRef"}
_PARTICIPANT_ATTRS = _BASE_ATTRS | {"processRef"}
_MESSAGE_FLOW_ATTRS = _FLOW_ATTRS | {"messageRef"}
_COLLABORATION_ATTRS = _BASE_ATTRS | {"isClosed"}

for _local in TASK_TYPES:
    _Reader.FLOW_BUILDERS[_local] = _Reader.task
for _local in SUBPROCESS_TYPES:
    _Reader.FLOW_BUILDERS[_local] = _Reader.subprocess
for _local in EVENT_TYPES | {"implicitThrowEvent"}:
    _Reader.FLOW_BUILDERS[_local] = _Reader.event
for _local in GATEWAY_TYPES:
    _Reader.FLOW_BUILDERS[_local] = _Reader.gateway
_Reader.FLOW_BUILDERS.update(
    {
        "callActivity": _Reader.call_activity,
        "sequenceFlow": _Reader.sequence_flow,
        "dataObject": _Reader.data_object,
        "dataObjectReference": _Reader.data_object_reference,
        "dataStoreReference": _Reader.data_store_reference,
    }
)
_Reader.ARTIFACT_BUILDERS.update(
    {
        "textAnnotation": _Reader.text_annotation,
        "association": _Reader.association,
        "group": _Reader.group,
    }
)
