"""Hypothesis strategies that build BPMN domain models straight from the dataclasses.

The models are what an import of a well-formed file yields: processes with tasks of
every task type, events with event definitions, gateways with default flows, sequence
flows between existing nodes (some with conditions), nested sub-processes, lanes with
child lanes, collaborations with black-box pools and message flows, data, annotations,
names full of umlauts, line breaks and markup characters, foreign attributes, extension
elements and diagram interchange with float coordinates.

What the model keeps verbatim (``extensions``, ``extra``, conditions, loop markers,
generic root elements) is generated as exclusive C14N built by lxml here, independently
of the importer, in the form the model documents: standard prefixes, only the namespaces
an element uses declared.

:func:`generated_models` returns a :class:`GeneratedModel` that also says which import
warnings the model provokes on purpose (missing or partial diagram interchange) and
whether its export must validate against the OMG schema (some models leave out the
required ``targetNamespace`` or carry an unqualified vendor attribute, as real files do).

Examples
--------
>>> from hypothesis import find
>>> generated = find(generated_models(), lambda g: len(g.model.processes) == 1)
>>> generated.model.processes[0].type
'process'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from hypothesis import strategies as st
from lxml import etree

from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.diagram import Bounds, Diagram, Edge, Label, Plane, Point, Shape
from processanalysis.bpmn.model import (
    EVENT_TYPES,
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
    FlowElement,
    FlowNode,
    Gateway,
    GenericElement,
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

__all__ = [
    "GeneratedModel",
    "c14n",
    "expected_warning_codes",
    "generated_models",
    "names",
    "texts",
    "xml_ids",
]

T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[T]], T]

CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
BIOC = "http://bpmn.io/schema/bpmn/biocolor/1.0"
MEDIUM = "{%s}medium" % ns.PA

# -- text ---------------------------------------------------------------------------------


#: Characters that break naive writers: umlauts, markup, quotes, line breaks, a tab.
SPECIAL = "äöüÄÖÜß€<>&\"' \n\r\t\x85"
#: Names as departments write them, each with something a careless writer breaks.
SAMPLE_TEXTS = (
    "Antrag prüfen",
    "Größe & Maß",
    "Betrag < 1000 €",
    'Bescheid "vorläufig"',
    "Widerspruch\neinlegen",
    "Zeile 1\r\nZeile 2",
    "\tEingerückt ",
    "",
    " ",
    "Straße ⟨Nr.⟩ 😀",
)
_chars = st.one_of(
    st.sampled_from(SPECIAL),
    # Every character XML 1.0 allows, apart from the other C0/C1 controls and
    # unassigned code points (U+FFFE and U+FFFF are not characters in XML).
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")),
)
#: Any text XML can carry, weighted towards the awkward characters.
texts = st.one_of(st.sampled_from(SAMPLE_TEXTS), st.text(_chars, max_size=12))
#: An element name: absent, empty or any text.
names = st.none() | texts
# A value that looks like a prefixed QName: the importer declares a namespace for
# such values in verbatim XML (so ``xsi:foo`` keeps meaning), which hand-built C14N
# here does not mirror; verbatim content avoids them.
_QNAME_LIKE = re.compile(r"^[A-Za-z_][\w.-]*:[^\s:]+$")
verbatim_texts = texts.filter(lambda t: not _QNAME_LIKE.match(t.strip()))
_CONTENT_TEXTS = st.none() | verbatim_texts.filter(str.strip)

_ID_CHARS_START = "A-Za-z_ÄÖÜäöüß"
#: NCName stems: letters (umlauts too), digits, ``_``, ``-`` and ``.`` after the first.
xml_ids = st.from_regex(rf"[{_ID_CHARS_START}][{_ID_CHARS_START}0-9.\-]{{0,6}}", fullmatch=True)

_FLOATS = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False, width=64)
_STEMS = st.none() | xml_ids
_PERCENT = st.integers(1, 100)
_BOOL = st.none() | st.booleans()
_FOREIGN_ATTRIBUTES = st.dictionaries(
    st.sampled_from([MEDIUM, "{%s}itSystem" % ns.PA, "{%s}assignee" % CAMUNDA]), texts, max_size=2
)
_TASKS = tuple(sorted(TASK_TYPES))
_EVENTS = tuple(sorted(EVENT_TYPES - {"boundaryEvent"}))


@functools.cache
def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


coordinates = st.one_of(
    st.integers(-500, 3000).map(float),
    _FLOATS,
    st.floats(allow_nan=False, allow_infinity=False),  # 1e+300, 5e-324, -0.0
)


def c14n(element: etree._Element) -> str:
    """Exclusive C14N of ``element``: the form the model keeps verbatim XML in."""
    return etree.tostring(element, method="c14n", exclusive=True, with_comments=False).decode()


def _bpmn_element(local: str, attributes: dict[str, str] | None = None) -> etree._Element:
    el = etree.Element("{%s}%s" % (ns.BPMN, local), nsmap={"bpmn": ns.BPMN, "xsi": ns.XSI})
    for key, value in (attributes or {}).items():
        el.set(key, value)
    return el


def formal_expression(local: str, text: str, language: str | None = None) -> str:
    """A ``tFormalExpression`` element such as ``conditionExpression``, verbatim."""
    el = _bpmn_element(local, {"{%s}type" % ns.XSI: "bpmn:tFormalExpression"})
    if language is not None:
        el.set("language", language)
    el.text = text
    return c14n(el)


# -- result ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GeneratedModel:
    """A generated model, the warning codes its import must give, and its XSD status."""

    model: Definitions
    expected_warnings: frozenset[str]
    schema_conformant: bool


def expected_warning_codes(model: Definitions) -> frozenset[str]:
    """The warnings an import of a complete, consistent model still gives.

    A model without process or collaboration gets ``no-process``; one without diagram
    interchange gets ``missing-di``; one whose diagrams leave flow nodes, sequence flows
    or data references undrawn gets ``element-without-shape``.
    """
    has_content = bool(model.processes or model.collaborations)
    if not has_content:
        return frozenset({"no-process"})
    if not model.diagrams:
        return frozenset({"missing-di"})
    drawn = {
        e.bpmn_element for d in model.diagrams if d.plane is not None for e in d.plane.elements
    }
    for process in model.processes:
        for element in process.walk():
            kinds = (FlowNode, SequenceFlow, DataObjectReference, DataStoreReference)
            if isinstance(element, kinds) and element.id not in drawn:
                return frozenset({"element-without-shape"})
    return frozenset()


# -- the builder -----------------------------------------------------------------------

_DEFINITIONS_BY_EVENT = {
    "startEvent": ("message", "timer", "signal", "conditional"),
    "endEvent": ("message", "error", "escalation", "signal", "terminate", "compensate", "cancel"),
    "intermediateCatchEvent": ("message", "timer", "signal", "conditional", "link"),
    "intermediateThrowEvent": ("message", "escalation", "signal", "compensate", "link"),
    "boundaryEvent": (
        "message",
        "timer",
        "error",
        "escalation",
        "signal",
        "conditional",
        "compensate",
        "cancel",
    ),
}
_REF_KINDS = ("message", "signal", "error", "escalation")
_CATCH = frozenset({"startEvent", "intermediateCatchEvent", "boundaryEvent"})
_DEFAULT_GATEWAYS = frozenset({"exclusiveGateway", "inclusiveGateway", "complexGateway"})
_GATEWAYS = (
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
)
_SIZES = {Task: (100.0, 80.0), Event: (36.0, 36.0), Gateway: (50.0, 50.0)}


@dataclass
class _Scope:
    """What one process or sub-process holds while it is being built."""

    nodes: list[FlowNode] = field(default_factory=list)
    elements: list[FlowElement] = field(default_factory=list)
    flows: list[SequenceFlow] = field(default_factory=list)


class _Builder:
    """One generated model: draws everything through ``draw`` so Hypothesis can shrink."""

    def __init__(self, draw: Draw[Any], max_depth: int) -> None:
        self.draw = draw
        self.max_depth = max_depth
        self.counter = 0
        self.conformant = True
        self.provoked: set[str] = set()
        self.label_styles: list[str] = []
        self.refs: dict[str, list[str]] = {k: [] for k in _REF_KINDS}
        self.data_stores: list[str] = []
        self.process_ids: list[str] = []
        # Diagram interchange, collected while building: (element, container plane key).
        self.shapes: list[tuple[BaseElement, str]] = []
        self.edges: list[tuple[BaseElement, str, str | None, str | None]] = []
        self.collapsed: list[str] = []

    # -- small things -------------------------------------------------------------------
    def id(self, kind: str) -> str:
        """A new document-unique NCName: a stem, ``_`` and a counter."""
        self.counter += 1
        stem = self.draw(_STEMS) or kind
        return f"{stem}_{self.counter}"

    def flag(self, probability: float = 0.5) -> bool:
        """``True`` with about ``probability``; shrinks to ``False``."""
        return self.draw(_PERCENT) > round(100 * (1 - probability))

    def pick(self, choices: Sequence[T]) -> T:
        """One of ``choices``; shrinks to the first."""
        return choices[self.draw(st.integers(0, len(choices) - 1))]

    def maybe(self, choices: Sequence[T]) -> T | None:
        """``None`` or one of ``choices``; shrinks to ``None``."""
        index = self.draw(st.integers(0, len(choices)))
        return choices[index - 1] if index else None

    def optional(self, strategy: st.SearchStrategy[T]) -> T | None:
        """``None`` or a value of ``strategy``; shrinks to ``None``."""
        return self.draw(_optional(strategy))

    def attributes(self, *, extra: dict[str, str] | None = None) -> dict[str, str]:
        attributes = dict(extra or {})
        attributes.update(self.draw(_FOREIGN_ATTRIBUTES))
        if self.flag(0.01):
            # Unqualified vendor attributes (old Signavio, Bizagi) round-trip, but the
            # XSD allows only attributes of other namespaces.
            attributes["customFlag"] = self.draw(texts)
            self.conformant = False
        return attributes

    def extensions(self) -> list[str]:
        def extension(kind: int) -> str:
            if kind == 0:
                el = etree.Element(MEDIUM, nsmap={"pa": ns.PA})
                el.text = self.draw(verbatim_texts)
            elif kind == 2:
                # Mixed content; whitespace-only text between elements is layout and
                # the importer drops it, so only text with content is generated.
                el = etree.Element("{%s}note" % ns.PA, nsmap={"pa": ns.PA})
                el.text = self.draw(_CONTENT_TEXTS)
                child = etree.SubElement(el, "{%s}em" % ns.PA)
                child.text = self.draw(verbatim_texts)
                child.tail = self.draw(_CONTENT_TEXTS)
            else:
                el = etree.Element("{%s}properties" % CAMUNDA, nsmap={"camunda": CAMUNDA})
                for _ in range(self.draw(st.integers(1, 2))):
                    prop = etree.SubElement(el, "{%s}property" % CAMUNDA)
                    prop.set("name", self.draw(verbatim_texts))
                    prop.set("value", self.draw(verbatim_texts))
            return c14n(el)

        return [extension(k) for k in self.draw(st.lists(st.integers(0, 2), max_size=2))]

    def base(self, obj: T, *, name: bool = True) -> T:
        """Fill id, name, documentation, extensions and foreign attributes of ``obj``."""
        assert isinstance(obj, BaseElement)
        obj.id = self.id(obj.type[:1].upper() + obj.type[1:])
        if name:
            obj.name = self.draw(names)
        if self.flag(0.25):  # most elements carry none of these
            obj.documentation = self.draw(st.lists(texts, max_size=2))
            obj.extensions = self.extensions()
            obj.attributes = self.attributes()
        return obj

    def generic_root(self, local: str, **attributes: str) -> GenericElement:
        element_id = self.id(local.capitalize())
        name = self.optional(verbatim_texts)
        el = _bpmn_element(local, {"id": element_id, **attributes})
        if name is not None:
            el.set("name", name)
        return GenericElement(type=local, id=element_id, name=name, xml=c14n(el))

    # -- document -------------------------------------------------------------------------
    def definitions(self) -> GeneratedModel:
        draw = self.draw
        model = Definitions(type="definitions")
        model.id = self.id("Definitions")
        model.name = self.optional(texts)
        model.target_namespace = self.pick(
            ("http://bpmn.io/schema/bpmn", "urn:processanalysis:test")
        )
        if self.flag(0.05):
            model.target_namespace = None  # required by the XSD, absent in some exports
            self.conformant = False
        # An imported Camunda model declares its prefix; a model built in code does not
        # (the exporter then invents one for foreign attributes).
        model.namespaces = {"camunda": CAMUNDA} if self.flag() else {}
        if self.flag(0.1):
            # Tools write these, but tDefinitions (unlike tBaseElement) has no place for them.
            model.documentation = draw(st.lists(texts, min_size=1, max_size=1))
            model.extensions = self.extensions()
            self.conformant = False
        exporter = {"exporter": "Camunda Modeler", "exporterVersion": "5.31.0"}
        model.attributes = self.attributes(extra=exporter if self.flag() else None)

        roots: list[BaseElement] = []
        for local, attrs in (
            ("message", {}),
            ("signal", {}),
            ("error", {"errorCode": "E-42"}),
            ("escalation", {"escalationCode": "ESC"}),
        ):
            for _ in range(draw(st.integers(0, 2))):
                element = self.generic_root(local, **attrs)
                self.refs[local].append(element.id or "")
                roots.append(element)
        for _ in range(draw(st.integers(0, 1))):
            store = self.base(DataStore(type="dataStore"))
            self.data_stores.append(store.id or "")
            roots.append(store)

        processes = [self.process() for _ in range(draw(st.integers(0, 3)))]
        collaboration = None
        if self.flag(0.6 if processes else 0.3):
            collaboration = self.collaboration(processes)
        roots.extend(processes)
        if collaboration is not None:
            roots.insert(draw(st.integers(0, len(roots))), collaboration)
        model.root_elements = roots
        model.diagrams = self.diagrams(collaboration, processes)
        expected = expected_warning_codes(model) | self.provoked
        return GeneratedModel(model, frozenset(expected), self.conformant)

    # -- processes ---------------------------------------------------------------------------
    def process(self) -> Process:
        obj = self.base(Process(type="process"))
        self.process_ids.append(obj.id or "")
        obj.is_executable = self.draw(_BOOL)
        obj.is_closed = self.draw(_BOOL)
        obj.process_type = self.maybe(("None", "Public", "Private"))
        scope = self.fill(obj, depth=0, plane=obj.id or "")
        if scope.nodes and self.flag(0.4):
            count = 2 if self.flag(0.1) else 1
            obj.lane_sets = [self.lane_set(scope.nodes, depth=0) for _ in range(count)]
        return obj

    def fill(self, container: Process | SubProcess, depth: int, plane: str) -> _Scope:
        """Flow nodes, data, sequence flows and artifacts of one process or sub-process."""
        draw = self.draw
        scope = _Scope()
        for _ in range(draw(st.integers(0, 4))):
            kind = self.pick(("task", "task", "event", "gateway", "call", "sub"))
            if kind == "sub" and depth >= self.max_depth:
                kind = "task"
            node: FlowNode
            if kind == "task":
                node = self.activity(Task(type=self.pick(_TASKS)))
            elif kind == "call":
                node = self.activity(CallActivity(type="callActivity"))
                node.called_element = self.maybe(self.process_ids)
            elif kind == "sub":
                node = self.subprocess(depth, plane)
            elif kind == "event":
                event_type = self.pick(_EVENTS)
                node = self.event(event_type, scope)
            else:
                node = self.gateway()
            scope.nodes.append(node)
            scope.elements.append(node)
            self.shapes.append((node, plane))
        activities = [n for n in scope.nodes if isinstance(n, Activity)]
        for _ in range(draw(st.integers(0, 2)) if activities else 0):
            boundary = self.event("boundaryEvent", scope)
            host = self.pick(activities)
            boundary.attached_to = host.id
            boundary.cancel_activity = self.draw(_BOOL)
            scope.nodes.append(boundary)
            scope.elements.append(boundary)
            self.shapes.append((boundary, plane))
        self.data(scope, plane)
        self.sequence_flows(scope, plane)
        container.flow_elements = draw(st.permutations(scope.elements))
        container.artifacts = self.artifacts(scope.nodes, plane)
        return scope

    def activity(self, obj: Activity) -> Activity:
        self.base(obj)
        obj.is_for_compensation = self.draw(_BOOL)
        if obj.is_for_compensation is None and self.flag(0.03):
            # A flag that is no xsd:boolean is kept as an attribute, with a warning.
            obj.attributes["isForCompensation"] = self.pick(("ja", "wahr", "yes"))
            self.provoked.add("invalid-value")
            self.conformant = False
        if self.flag(0.2):
            loop_type = self.pick(
                ("standardLoopCharacteristics", "multiInstanceLoopCharacteristics")
            )
            sequential = self.draw(_BOOL)
            attrs = {}
            if loop_type == "multiInstanceLoopCharacteristics" and sequential is not None:
                attrs["isSequential"] = "true" if sequential else "false"
            obj.loop = LoopCharacteristics(
                type=loop_type,
                is_sequential=attrs.get("isSequential") == "true",
                xml=c14n(_bpmn_element(loop_type, attrs)),
            )
        return obj

    def subprocess(self, depth: int, plane: str) -> SubProcess:
        sub_type = self.pick(("subProcess", "adHocSubProcess", "transaction"))
        obj = self.activity(SubProcess(type=sub_type))
        assert isinstance(obj, SubProcess)
        if sub_type == "subProcess":
            obj.triggered_by_event = self.draw(_BOOL)
        # A collapsed sub-process is drawn on a plane of its own (bpmn.io drill-down).
        inner_plane = plane
        if self.flag(0.3):
            inner_plane = obj.id or ""
            self.collapsed.append(inner_plane)
        scope = self.fill(obj, depth + 1, inner_plane)
        if scope.nodes and self.flag(0.15):
            obj.lane_sets = [self.lane_set(scope.nodes, depth=1)]
        return obj

    def event(self, event_type: str, scope: _Scope) -> Event:
        draw = self.draw
        obj = self.base(Event(type=event_type))
        choices = _DEFINITIONS_BY_EVENT[event_type]
        kinds = [self.pick(choices) for _ in range(draw(st.integers(0, 2)))]
        obj.definitions = [self.event_definition(kind, scope) for kind in kinds]
        if event_type == "startEvent":
            obj.is_interrupting = self.draw(_BOOL)
        if event_type in _CATCH and len(kinds) > 1:
            obj.parallel_multiple = self.draw(_BOOL)
        return obj

    def event_definition(self, kind: str, scope: _Scope) -> EventDefinition:
        draw = self.draw
        obj = EventDefinition(type=f"{kind}EventDefinition")
        if self.flag(0.7):
            obj.id = self.id(obj.type[:1].upper() + obj.type[1:])
        if kind in _REF_KINDS and self.refs[kind]:
            obj.ref = self.maybe(self.refs[kind])
        if kind == "compensate":
            activities = [n.id for n in scope.nodes if isinstance(n, Activity) and n.id]
            if activities:
                obj.ref = self.maybe(activities)
        if kind == "link":
            obj.name = draw(texts)  # required by the XSD
        if kind == "timer" and self.flag(0.7):
            local = self.pick(("timeDate", "timeDuration", "timeCycle"))
            obj.extra = [formal_expression(local, draw(verbatim_texts))]
        if kind == "conditional":
            obj.extra = [formal_expression("condition", draw(verbatim_texts))]
        if self.flag(0.2):
            obj.attributes = self.attributes()
        return obj

    def gateway(self) -> Gateway:
        obj = self.base(Gateway(type=self.pick(_GATEWAYS)))
        obj.direction = self.maybe(("Unspecified", "Converging", "Diverging", "Mixed"))
        return obj

    def sequence_flows(self, scope: _Scope, plane: str) -> None:
        draw = self.draw
        nodes = scope.nodes
        if not nodes:
            return
        index = st.integers(0, len(nodes) - 1)
        pairs = draw(st.lists(st.tuples(index, index), max_size=len(nodes) + 2))
        write_refs = self.flag(0.7)  # bpmn.io writes incoming/outgoing, others do not
        for source_index, target_index in pairs:
            source, target = nodes[source_index], nodes[target_index]
            flow = self.base(SequenceFlow(type="sequenceFlow", source=source.id, target=target.id))
            if self.flag(0.3):
                language = self.maybe(("http://www.java.com/java", "juel"))
                text = draw(verbatim_texts)
                flow.condition = formal_expression("conditionExpression", text, language)
            if write_refs:
                source.outgoing.append(flow.id or "")
                target.incoming.append(flow.id or "")
            scope.flows.append(flow)
            scope.elements.append(flow)
            self.edges.append((flow, plane, source.id, target.id))
        for node in nodes:
            outgoing = [f.id for f in scope.flows if f.source == node.id and f.id]
            default_ok = isinstance(node, Activity) or node.type in _DEFAULT_GATEWAYS
            if outgoing and default_ok and self.flag(0.5):
                node.default = self.pick(outgoing)  # type: ignore[attr-defined]

    def data(self, scope: _Scope, plane: str) -> None:
        draw = self.draw
        activities = [n for n in scope.nodes if isinstance(n, Activity)]
        references: list[FlowElement] = []
        for _ in range(draw(st.integers(0, 2))):
            data_object = self.base(DataObject(type="dataObject"))
            data_object.is_collection = self.draw(_BOOL)
            scope.elements.append(data_object)
            for _ in range(draw(st.integers(0, 2))):
                ref = self.base(
                    DataObjectReference(type="dataObjectReference", data_object=data_object.id)
                )
                references.append(ref)
        if self.data_stores and self.flag(0.3):
            store = self.base(
                DataStoreReference(
                    type="dataStoreReference", data_store=self.pick(self.data_stores)
                )
            )
            references.append(store)
        for ref in references:
            scope.elements.append(ref)
            self.shapes.append((ref, plane))
        if not (activities and references):
            return
        specs: dict[int, etree._Element] = {}
        for _ in range(draw(st.integers(0, 2))):
            activity = self.pick(activities)
            ref = self.pick(references)
            if self.flag():
                assoc = self.data_association("dataOutputAssociation")
                assoc.target = ref.id
                activity.data_outputs.append(assoc)
                self.edges.append((assoc, plane, activity.id, ref.id))
            else:
                assoc = self.data_association("dataInputAssociation")
                assoc.sources = [ref.id or ""]
                assoc.target = self.input_target(activity, specs)
                activity.data_inputs.append(assoc)
                self.edges.append((assoc, plane, ref.id, activity.id))
        for activity in activities:
            spec = specs.get(id(activity))
            if spec is not None:  # the XSD puts ioSpecification before property
                activity.extra.insert(0, c14n(spec))

    def data_association(self, kind: str) -> DataAssociation:
        obj = DataAssociation(type=kind)
        if self.flag(0.8):
            obj.id = self.id(kind[:1].upper() + kind[1:])
        return obj

    def input_target(self, activity: Activity, specs: dict[int, etree._Element]) -> str:
        """Where a data input association points: a data input or bpmn.io's placeholder."""
        if self.flag():  # bpmn.io's way, as common as the spec's data inputs
            target = self.id("Property")
            prop = _bpmn_element("property", {"id": target, "name": "__targetRef_placeholder"})
            activity.extra.append(c14n(prop))
            return target
        target = self.id("DataInput")
        spec = specs.get(id(activity))
        if spec is None:
            spec = specs[id(activity)] = _bpmn_element("ioSpecification")
            etree.SubElement(spec, "{%s}inputSet" % ns.BPMN)
            etree.SubElement(spec, "{%s}outputSet" % ns.BPMN)
        data_input = etree.Element("{%s}dataInput" % ns.BPMN, id=target)
        spec.insert(len(spec) - 2, data_input)
        etree.SubElement(spec[-2], "{%s}dataInputRefs" % ns.BPMN).text = target
        return target

    def lane_set(self, nodes: list[FlowNode], depth: int) -> LaneSet:
        draw = self.draw
        obj = LaneSet(type="laneSet")
        if self.flag(0.7):
            obj.id = self.id("LaneSet")
        obj.name = self.optional(texts)
        count = draw(st.integers(1, 3))
        lanes = [self.base(Lane(type="lane")) for _ in range(count)]
        for node in nodes:
            if self.flag(0.9):
                self.pick(lanes).flow_node_refs.append(node.id or "")
        for lane in lanes:
            if depth < 2 and lane.flow_node_refs and self.flag(0.25):
                members = [n for n in nodes if n.id in lane.flow_node_refs]
                lane.child_lane_set = self.lane_set(members, depth + 1)
        obj.lanes = lanes
        return obj

    def artifacts(self, nodes: list[FlowNode], plane: str) -> list[BaseElement]:
        draw = self.draw
        artifacts: list[BaseElement] = []
        for _ in range(draw(st.integers(0, 2))):
            note = self.base(TextAnnotation(type="textAnnotation"), name=False)
            note.text = self.optional(texts)
            artifacts.append(note)
            self.shapes.append((note, plane))
            if nodes and self.flag(0.7):
                node = self.pick(nodes)
                assoc = self.association(node.id or "", note.id or "")
                artifacts.append(assoc)
                self.edges.append((assoc, plane, node.id, note.id))
        return artifacts

    def association(self, source: str, target: str) -> Association:
        obj = self.base(Association(type="association", source=source, target=target), name=False)
        obj.direction = self.maybe(("None", "One", "Both"))
        return obj

    # -- collaboration ------------------------------------------------------------------------
    def collaboration(self, processes: list[Process]) -> Collaboration:
        draw = self.draw
        obj = self.base(Collaboration(type="collaboration"))
        obj.is_closed = self.draw(_BOOL)
        plane = obj.id or ""
        pools: list[tuple[Participant, list[str]]] = []
        for process in processes:
            if self.flag(0.85):
                pool = self.base(Participant(type="participant", process_ref=process.id))
                top = [e.id or "" for e in process.flow_elements if isinstance(e, FlowNode)]
                pools.append((pool, top))
        for _ in range(draw(st.integers(0, 2))):
            pools.append((self.base(Participant(type="participant")), []))  # black box
        obj.participants = [pool for pool, _ in pools]
        for pool, _ in pools:
            self.shapes.append((pool, plane))
        if len(pools) >= 2:
            for _ in range(draw(st.integers(0, 3))):
                first = self.pick(range(len(pools)))
                second = self.pick([i for i in range(len(pools)) if i != first])
                source = self.pick([pools[first][0].id or "", *pools[first][1]])
                target = self.pick([pools[second][0].id or "", *pools[second][1]])
                flow = self.base(MessageFlow(type="messageFlow", source=source, target=target))
                if self.refs["message"]:
                    flow.message_ref = self.maybe(self.refs["message"])
                obj.message_flows.append(flow)
                self.edges.append((flow, plane, source, target))
        if pools and self.flag(0.3):
            note = self.base(TextAnnotation(type="textAnnotation"), name=False)
            note.text = self.optional(texts)
            assoc = self.association(pools[0][0].id or "", note.id or "")
            obj.artifacts = [note, assoc]
            self.shapes.append((note, plane))
            self.edges.append((assoc, plane, pools[0][0].id, note.id))
        return obj

    # -- diagram interchange -----------------------------------------------------------------
    def diagrams(
        self, collaboration: Collaboration | None, processes: list[Process]
    ) -> list[Diagram]:
        """One plane for the collaboration (or one per process), one per collapsed sub-process."""
        draw = self.draw
        if (not processes and collaboration is None) or self.flag(0.08):
            return []  # with content, provokes missing-di on purpose
        omit = self.flag(0.08)  # leave some elements undrawn: element-without-shape
        main = collaboration.id if collaboration is not None else None
        keys = [main] if main is not None else [p.id or "" for p in processes]
        elements: dict[str | None, list[Shape | Edge]] = {k: [] for k in keys + self.collapsed}

        def plane_of(key: str) -> list[Shape | Edge]:
            return elements[key if key in self.collapsed or main is None else main]

        if self.flag(0.2):
            self.label_styles = [self.id("LabelStyle") for _ in range(draw(st.integers(1, 2)))]
        lanes = [(lane, p.id or "") for p in processes for lane in p.lanes()]
        pools = [(e, k) for e, k in self.shapes if isinstance(e, Participant)]
        others = [(e, k) for e, k in self.shapes if not isinstance(e, Participant)]
        shape_ids: dict[str, str] = {}
        for element, key in [*pools, *lanes, *others]:
            if omit and self.flag(0.3):
                continue
            shape = Shape(id=f"{element.id}_di", bpmn_element=element.id)
            shape.bounds = self.bounds(element)
            if isinstance(element, (Participant, Lane)):
                shape.is_horizontal = self.maybe((True, False))
            if isinstance(element, SubProcess):
                shape.is_expanded = element.id not in self.collapsed
            if isinstance(element, Gateway) and element.type == "exclusiveGateway":
                shape.is_marker_visible = self.draw(_BOOL)
            if self.flag(0.3):
                shape.label = self.label()
            if self.flag(0.1):
                shape.attributes = {"{%s}stroke" % BIOC: "#1e88e5", "{%s}fill" % BIOC: "#bbdefb"}
            shape_ids[element.id or ""] = shape.id or ""
            plane_of(key).append(shape)
        for element, key, source, target in self.edges:
            if element.id is None or (omit and self.flag(0.3)):
                continue
            edge = Edge(id=f"{element.id}_di", bpmn_element=element.id)
            edge.waypoints = [
                Point(draw(coordinates), draw(coordinates)) for _ in range(draw(st.integers(2, 4)))
            ]
            if self.flag(0.5):
                edge.source_element = shape_ids.get(source or "")
                edge.target_element = shape_ids.get(target or "")
            if isinstance(element, MessageFlow):
                edge.message_visible_kind = self.maybe(("initiating", "non_initiating"))
            if self.flag(0.3):
                edge.label = self.label()
            plane_of(key).append(edge)
        diagrams = []
        for key, plane_elements in elements.items():
            diagram = Diagram(id=self.id("BPMNDiagram"))
            diagram.name = self.optional(texts)
            if self.flag(0.1):
                diagram.resolution = self.pick((72.0, 96.0, 150.5))
            if self.label_styles and not diagrams:
                diagram.extra = [self.label_style(style) for style in self.label_styles]
            diagram.plane = Plane(id=self.id("BPMNPlane"), bpmn_element=key)
            diagram.plane.elements = plane_elements
            diagrams.append(diagram)
        return diagrams

    def bounds(self, element: BaseElement) -> Bounds:
        draw = self.draw
        width, height = next(
            (size for cls, size in _SIZES.items() if isinstance(element, cls)), (120.0, 60.0)
        )
        if self.flag(0.3):
            width, height = draw(_FLOATS.map(abs)), draw(_FLOATS.map(abs))
        return Bounds(draw(coordinates), draw(coordinates), width, height)

    def label_style(self, style_id: str) -> str:
        """A ``BPMNLabelStyle`` with its font, kept verbatim on the diagram's ``extra``."""
        style = etree.Element(
            "{%s}BPMNLabelStyle" % ns.BPMNDI, nsmap={"bpmndi": ns.BPMNDI, "dc": ns.DC}
        )
        style.set("id", style_id)
        font = etree.SubElement(style, "{%s}Font" % ns.DC, name=self.pick(("Arial", "Calibri")))
        font.set("size", self.pick(("9", "10.5")))
        if self.flag(0.3):
            font.set("isBold", "true")
        return c14n(style)

    def label(self) -> Label:
        obj = Label()
        if self.flag(0.2):
            obj.id = self.id("Label")
        obj.label_style = self.maybe(self.label_styles)
        if self.flag(0.8):
            draw = self.draw
            obj.bounds = Bounds(draw(coordinates), draw(coordinates), 90.0, abs(draw(coordinates)))
        return obj


@st.composite
def generated_models(draw: Draw[Any], max_depth: int = 2) -> GeneratedModel:
    """A model as an import of a well-formed BPMN file yields it (see module docstring).

    ``max_depth`` bounds how deep sub-processes nest.
    """
    return _Builder(draw, max_depth).definitions()
