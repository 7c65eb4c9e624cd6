"""Typed domain model of BPMN 2.0 definitions, with the spec's names and supertypes.

Classes follow the supertypes of the OMG specification (``FlowNode``, ``Activity``,
``Event``, ``Gateway`` ...) so analyses ask ``isinstance(node, Gateway)`` instead of
matching tag strings; the concrete spec type (``"userTask"``) is in ``type``.

What the model does not interpret is kept verbatim, so an export loses nothing:

* ``attributes`` holds attributes the model has no field for (spec attributes such as
  ``implementation`` and foreign ones such as ``camunda:assignee``), keyed by their XML
  name in Clark notation (``{namespace}local``) or the plain local name;
* ``extensions`` holds each child of ``extensionElements`` as exclusive-C14N XML text;
* ``extra`` holds spec child elements the model has no field for (``ioSpecification``,
  ``property``, ``resourceRole``, timer expressions ...) as exclusive-C14N XML text.

Elements of a type the model does not know become :class:`GenericNode` (inside a
process) or :class:`GenericElement` (elsewhere), kept whole, never dropped.

Equality (``==``) compares the model's content and ignores source line numbers, so
``import(export(model)) == model`` is the round-trip property the tests check.

Examples
--------
>>> task = Task(id="Activity_1", type="userTask", name="Antrag prüfen")
>>> isinstance(task, Activity), task.type
(True, 'userTask')
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from processanalysis.bpmn.diagram import Diagram
    from processanalysis.bpmn.fidelity import FidelityReport
    from processanalysis.errors import ImportIssue

T = TypeVar("T")

__all__ = [
    "EVENT_TYPES",
    "GATEWAY_TYPES",
    "SUBPROCESS_TYPES",
    "TASK_TYPES",
    "Activity",
    "Artifact",
    "Association",
    "BaseElement",
    "CallActivity",
    "Collaboration",
    "DataAssociation",
    "DataObject",
    "DataObjectReference",
    "DataStore",
    "DataStoreReference",
    "Definitions",
    "Event",
    "EventDefinition",
    "FlowElement",
    "FlowNode",
    "Gateway",
    "GenericElement",
    "GenericNode",
    "Group",
    "Lane",
    "LaneSet",
    "LoopCharacteristics",
    "MessageFlow",
    "Participant",
    "Process",
    "SequenceFlow",
    "SubProcess",
    "Task",
    "TextAnnotation",
]

TASK_TYPES = frozenset(
    {
        "task",
        "userTask",
        "manualTask",
        "serviceTask",
        "sendTask",
        "receiveTask",
        "scriptTask",
        "businessRuleTask",
    }
)
SUBPROCESS_TYPES = frozenset({"subProcess", "adHocSubProcess", "transaction"})
EVENT_TYPES = frozenset(
    {
        "startEvent",
        "endEvent",
        "intermediateCatchEvent",
        "intermediateThrowEvent",
        "boundaryEvent",
    }
)
GATEWAY_TYPES = frozenset(
    {
        "exclusiveGateway",
        "parallelGateway",
        "inclusiveGateway",
        "eventBasedGateway",
        "complexGateway",
    }
)


@dataclass(kw_only=True, slots=True)
class BaseElement:
    """Anything with an id: the common part of every BPMN element."""

    id: str | None = None
    type: str = ""
    name: str | None = None
    documentation: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        """The name as a person reads it: line breaks folded, never ``None``."""
        return " ".join((self.name or "").split())


@dataclass(kw_only=True, slots=True)
class GenericElement(BaseElement):
    """An element outside the flow whose type the model does not interpret.

    ``xml`` is the whole element as exclusive-C14N text and is written back as is.
    Root elements such as ``message``, ``signal`` or ``itemDefinition`` are kept
    this way; their ``id`` and ``name`` are still read so references resolve.
    """

    xml: str = ""


@dataclass(kw_only=True, slots=True)
class FlowElement(BaseElement):
    """An element of a process's flow (nodes, sequence flows, data)."""


@dataclass(kw_only=True, slots=True)
class FlowNode(FlowElement):
    """A node that sequence flows connect."""

    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class GenericNode(FlowNode):
    """A flow element of a type the model does not interpret (choreography, vendor).

    It stays a node of the control-flow graph; ``xml`` is written back unchanged.
    """

    xml: str = ""


@dataclass(kw_only=True, slots=True)
class LoopCharacteristics:
    """Loop or multi-instance marker of an activity; ``xml`` keeps its details."""

    type: str  # "standardLoopCharacteristics" | "multiInstanceLoopCharacteristics"
    is_sequential: bool = False
    xml: str = ""

    @property
    def marker(self) -> str:
        """``"loop"``, ``"parallel"`` or ``"sequential"``, as drawn on the shape."""
        if self.type == "standardLoopCharacteristics":
            return "loop"
        return "sequential" if self.is_sequential else "parallel"


@dataclass(kw_only=True, slots=True)
class DataAssociation(BaseElement):
    """A data input or output association (``type`` says which)."""

    sources: list[str] = field(default_factory=list)
    target: str | None = None


@dataclass(kw_only=True, slots=True)
class Activity(FlowNode):
    """Work performed: tasks, sub-processes, call activities."""

    default: str | None = None
    is_for_compensation: bool | None = None
    loop: LoopCharacteristics | None = None
    data_inputs: list[DataAssociation] = field(default_factory=list)
    data_outputs: list[DataAssociation] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class Task(Activity):
    """An atomic activity; ``type`` is one of :data:`TASK_TYPES`."""


class Container:
    """Shared behaviour of processes and sub-processes: lanes, flow elements, artifacts.

    A mixin without fields (each subclass declares ``lane_sets``, ``flow_elements``
    and ``artifacts``), because two slotted dataclass bases cannot be combined.
    """

    __slots__ = ()
    lane_sets: list[LaneSet]
    flow_elements: list[FlowElement]
    artifacts: list[Artifact]

    def walk(self) -> Iterator[FlowElement]:
        """Every flow element, depth first, including those of sub-processes."""
        for element in self.flow_elements:
            yield element
            if isinstance(element, SubProcess):
                yield from element.walk()

    def walk_artifacts(self) -> Iterator[Artifact]:
        """Every artifact, including those inside sub-processes."""
        yield from self.artifacts
        for element in self.flow_elements:
            if isinstance(element, SubProcess):
                yield from element.walk_artifacts()

    def lanes(self) -> Iterator[Lane]:
        """Every lane of every lane set, nested lanes included, parents first."""
        for lane_set in self.lane_sets:
            yield from lane_set.walk()


@dataclass(kw_only=True, slots=True)
class SubProcess(Activity, Container):
    """An embedded sub-process, event sub-process, transaction or ad-hoc sub-process."""

    triggered_by_event: bool | None = None
    lane_sets: list[LaneSet] = field(default_factory=list)
    flow_elements: list[FlowElement] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)

    @property
    def is_event_subprocess(self) -> bool:
        return bool(self.triggered_by_event)


@dataclass(kw_only=True, slots=True)
class CallActivity(Activity):
    """Calls a global process or task."""

    called_element: str | None = None


@dataclass(kw_only=True, slots=True)
class EventDefinition(BaseElement):
    """Trigger or result of an event: ``type`` such as ``"timerEventDefinition"``.

    ``ref`` is the referenced message, signal, error, escalation or activity.
    """

    ref: str | None = None

    @property
    def kind(self) -> str:
        """Short name: ``"timer"``, ``"message"``, ``"terminate"`` ..."""
        return self.type.removesuffix("EventDefinition")


@dataclass(kw_only=True, slots=True)
class Event(FlowNode):
    """Start, end, intermediate and boundary events (``type`` says which)."""

    definitions: list[EventDefinition] = field(default_factory=list)
    definition_refs: list[str] = field(default_factory=list)
    is_interrupting: bool | None = None
    parallel_multiple: bool | None = None
    attached_to: str | None = None
    cancel_activity: bool | None = None

    @property
    def trigger(self) -> str:
        """``"none"``, ``"multiple"`` or the one definition's kind."""
        count = len(self.definitions) + len(self.definition_refs)
        if count == 0:
            return "none"
        if count > 1:
            return "parallelMultiple" if self.parallel_multiple else "multiple"
        return self.definitions[0].kind if self.definitions else "reference"

    @property
    def interrupting(self) -> bool:
        """Whether a boundary or event-sub-process start event cancels its scope."""
        if self.type == "boundaryEvent":
            return self.cancel_activity is not False
        return self.is_interrupting is not False


@dataclass(kw_only=True, slots=True)
class Gateway(FlowNode):
    """Split and join points; ``type`` is one of :data:`GATEWAY_TYPES`."""

    default: str | None = None
    direction: str | None = None


@dataclass(kw_only=True, slots=True)
class SequenceFlow(FlowElement):
    """Control flow between two flow nodes of one process."""

    source: str | None = None
    target: str | None = None
    condition: str | None = None  # the conditionExpression element, verbatim

    @property
    def condition_text(self) -> str | None:
        """The condition expression's text, if any."""
        if self.condition is None:
            return None
        from lxml import etree  # local: keep the model light to import

        return "".join(etree.fromstring(self.condition).itertext()).strip() or None


@dataclass(kw_only=True, slots=True)
class DataObject(FlowElement):
    """A data object (the item); diagrams show its references."""

    is_collection: bool | None = None


@dataclass(kw_only=True, slots=True)
class DataObjectReference(FlowElement):
    """A use of a data object in the flow, drawn as a document symbol."""

    data_object: str | None = None


@dataclass(kw_only=True, slots=True)
class DataStoreReference(FlowElement):
    """A use of a data store (database, Fachverfahren) in the flow."""

    data_store: str | None = None


@dataclass(kw_only=True, slots=True)
class DataStore(BaseElement):
    """A global data store (root element)."""


@dataclass(kw_only=True, slots=True)
class Artifact(BaseElement):
    """Annotations, associations and groups."""


@dataclass(kw_only=True, slots=True)
class TextAnnotation(Artifact):
    text: str | None = None


@dataclass(kw_only=True, slots=True)
class Association(Artifact):
    source: str | None = None
    target: str | None = None
    direction: str | None = None


@dataclass(kw_only=True, slots=True)
class Group(Artifact):
    category_value: str | None = None


@dataclass(kw_only=True, slots=True)
class Lane(BaseElement):
    """An organisational unit inside a pool; ``flow_node_refs`` lists its nodes."""

    flow_node_refs: list[str] = field(default_factory=list)
    child_lane_set: LaneSet | None = None

    def walk(self) -> Iterator[Lane]:
        yield self
        if self.child_lane_set is not None:
            yield from self.child_lane_set.walk()


@dataclass(kw_only=True, slots=True)
class LaneSet(BaseElement):
    lanes: list[Lane] = field(default_factory=list)

    def walk(self) -> Iterator[Lane]:
        for lane in self.lanes:
            yield from lane.walk()


@dataclass(kw_only=True, slots=True)
class Process(BaseElement, Container):
    """A process: the flow of one participant."""

    is_executable: bool | None = None
    process_type: str | None = None
    is_closed: bool | None = None
    lane_sets: list[LaneSet] = field(default_factory=list)
    flow_elements: list[FlowElement] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class Participant(BaseElement):
    """A pool. Without ``process_ref`` it is a black-box pool (e.g. the citizen)."""

    process_ref: str | None = None


@dataclass(kw_only=True, slots=True)
class MessageFlow(BaseElement):
    """Communication between two participants."""

    source: str | None = None
    target: str | None = None
    message_ref: str | None = None


@dataclass(kw_only=True, slots=True)
class Collaboration(BaseElement):
    participants: list[Participant] = field(default_factory=list)
    message_flows: list[MessageFlow] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)
    is_closed: bool | None = None


@dataclass(kw_only=True, eq=False)
class Definitions(BaseElement):
    """The document: root elements in file order, diagrams, and import findings.

    ``warnings``, ``fidelity`` and ``source`` describe the import and take no part
    in equality; ``namespaces`` records the prefixes the source declared.
    """

    target_namespace: str | None = None
    root_elements: list[BaseElement] = field(default_factory=list)
    diagrams: list[Diagram] = field(default_factory=list)
    namespaces: dict[str, str] = field(default_factory=dict)
    warnings: list[ImportIssue] = field(default_factory=list)
    fidelity: FidelityReport | None = None
    source: str | None = None
    _index: dict[str, BaseElement] | None = field(default=None, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Definitions):
            return NotImplemented
        return (
            self.id == other.id
            and self.name == other.name
            and self.documentation == other.documentation
            and self.extensions == other.extensions
            and self.attributes == other.attributes
            and self.extra == other.extra
            and self.target_namespace == other.target_namespace
            and self.root_elements == other.root_elements
            and self.diagrams == other.diagrams
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def processes(self) -> list[Process]:
        return [e for e in self.root_elements if isinstance(e, Process)]

    @property
    def collaborations(self) -> list[Collaboration]:
        return [e for e in self.root_elements if isinstance(e, Collaboration)]

    @property
    def participants(self) -> list[Participant]:
        return [p for c in self.collaborations for p in c.participants]

    @property
    def message_flows(self) -> list[MessageFlow]:
        return [m for c in self.collaborations for m in c.message_flows]

    def flow_elements_by_id(self, kind: type[T]) -> dict[str, T]:
        """Every flow element of type ``kind`` in every process (sub-processes included),
        by id; the readers of the analysis and the simulation index the model this way."""
        return {
            e.id: e
            for p in self.processes
            for e in p.walk()
            if isinstance(e, kind) and e.id is not None
        }

    def iter_elements(self) -> Iterator[BaseElement]:
        """Every modelled element with an identity, depth first."""
        for root in self.root_elements:
            yield root
            if isinstance(root, Process):
                yield from _walk_container(root)
            elif isinstance(root, Collaboration):
                yield from root.participants
                yield from root.message_flows
                yield from root.artifacts

    @property
    def index(self) -> dict[str, BaseElement]:
        """Elements by id (first occurrence wins, as in every BPMN tool)."""
        if self._index is None:
            index: dict[str, BaseElement] = {}
            for element in self.iter_elements():
                if element.id is not None and element.id not in index:
                    index[element.id] = element
            self._index = index
        return self._index

    def get(self, element_id: str | None) -> BaseElement | None:
        """The element with this id, or ``None``."""
        if element_id is None:
            return None
        return self.index.get(element_id)

    def invalidate_index(self) -> None:
        """Forget the id index after the model was changed in place."""
        self._index = None


def _walk_container(container: Container) -> Iterator[BaseElement]:
    yield from container.lanes()
    for element in container.flow_elements:
        yield element
        if isinstance(element, Activity):
            yield from element.data_inputs
            yield from element.data_outputs
        if isinstance(element, Event):
            yield from element.definitions
        if isinstance(element, SubProcess):
            yield from _walk_container(element)
    yield from container.artifacts
