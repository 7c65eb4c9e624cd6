"""One small hand-written model per BPMN construct: the importer returns the typed result."""

from __future__ import annotations

import pytest

from processanalysis import export_bpmn, read_bpmn
from processanalysis.bpmn.compare import first_difference
from processanalysis.bpmn.diagram import Edge, Shape
from processanalysis.bpmn.model import (
    Association,
    CallActivity,
    DataObject,
    DataObjectReference,
    DataStore,
    DataStoreReference,
    Definitions,
    Event,
    Gateway,
    GenericNode,
    Group,
    Lane,
    MessageFlow,
    Participant,
    SequenceFlow,
    SubProcess,
    Task,
    TextAnnotation,
)
from tests.conftest import BPMN_HEAD, bpmn

XSI = "http://www.w3.org/2001/XMLSchema-instance"
CAMUNDA = "http://camunda.org/schema/1.0/bpmn"
PA = "urn:processanalysis:bpmn:1.0"
HEAD = BPMN_HEAD.replace(
    'id="Definitions_1"',
    f'xmlns:xsi="{XSI}" xmlns:camunda="{CAMUNDA}" xmlns:pa="{PA}" id="Definitions_1"',
)


def read(body: str) -> Definitions:
    """Import ``body`` wrapped in a definitions element with xsi, camunda and pa prefixes."""
    return read_bpmn(bpmn(body, head=HEAD))


def codes(model: Definitions) -> list[str]:
    return [w.code for w in model.warnings]


def round_trips(model: Definitions) -> bool:
    again = read_bpmn(export_bpmn(model))
    assert first_difference(model, again) is None
    return again == model


def in_process(body: str) -> str:
    return f'<bpmn:process id="Process_1" isExecutable="false">{body}</bpmn:process>'


TASK_TYPES = [
    "task",
    "userTask",
    "manualTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "scriptTask",
    "businessRuleTask",
]


@pytest.mark.parametrize("tag", TASK_TYPES)
def test_each_task_type_becomes_a_task(tag: str) -> None:
    """Every one of the eight task types is a Task with its spec type and name."""
    model = read(in_process(f'<bpmn:{tag} id="Activity_1" name="Antrag prüfen"/>'))
    task = model.get("Activity_1")
    assert isinstance(task, Task)
    assert task.type == tag
    assert task.name == "Antrag prüfen"
    assert model.processes[0].flow_elements == [task]
    assert round_trips(model)


def test_task_keeps_spec_attributes_it_does_not_model() -> None:
    """Unmodelled spec attributes (implementation, scriptFormat) stay in ``attributes``."""
    model = read(
        in_process(
            '<bpmn:scriptTask id="S" scriptFormat="groovy"><bpmn:script>x = 1</bpmn:script>'
            '</bpmn:scriptTask><bpmn:serviceTask id="V" implementation="##WebService"/>'
        )
    )
    assert model.get("S").attributes == {"scriptFormat": "groovy"}
    assert any("x = 1" in extra for extra in model.get("S").extra)
    assert model.get("V").attributes == {"implementation": "##WebService"}
    assert round_trips(model)


SUBPROCESS_CONTENT = (
    '<bpmn:startEvent id="{p}_start"/><bpmn:task id="{p}_task" name="innen"/>'
    '<bpmn:sequenceFlow id="{p}_flow" sourceRef="{p}_start" targetRef="{p}_task"/>'
)


@pytest.mark.parametrize(
    ("tag", "attrs", "event_subprocess"),
    [
        ("subProcess", "", False),
        ("subProcess", ' triggeredByEvent="true"', True),
        ("transaction", "", False),
        ("adHocSubProcess", "", False),
    ],
    ids=["embedded", "event", "transaction", "adhoc"],
)
@pytest.mark.parametrize("expanded", [True, False], ids=["expanded", "collapsed"])
def test_subprocess_kinds_keep_their_own_content(
    tag: str, attrs: str, event_subprocess: bool, expanded: bool
) -> None:
    """Each sub-process kind holds its own flow, and DI says whether it is expanded."""
    content = SUBPROCESS_CONTENT.format(p="Inner")
    height = 200 if expanded else 80
    model = read(
        in_process(f'<bpmn:{tag} id="Sub_1" name="Prüfung"{attrs}>{content}</bpmn:{tag}>')
        + '<bpmndi:BPMNDiagram id="D1"><bpmndi:BPMNPlane id="Pl1" bpmnElement="Process_1">'
        f'<bpmndi:BPMNShape id="Sub_1_di" bpmnElement="Sub_1" isExpanded="{str(expanded).lower()}">'
        f'<dc:Bounds x="100" y="100" width="300" height="{height}"/></bpmndi:BPMNShape>'
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )
    sub = model.get("Sub_1")
    assert isinstance(sub, SubProcess)
    assert sub.type == tag
    assert sub.is_event_subprocess is event_subprocess
    assert [e.id for e in sub.flow_elements] == ["Inner_start", "Inner_task", "Inner_flow"]
    assert model.get("Inner_flow").source == "Inner_start"
    assert [e.id for e in model.processes[0].walk()][:2] == ["Sub_1", "Inner_start"]
    shape = model.diagrams[0].plane.shapes[0]
    assert shape.bpmn_element == "Sub_1"
    assert shape.is_expanded is expanded
    assert shape.bounds.height == height
    # the inner elements have no shape: one summarising warning names them
    without_shape = [w for w in model.warnings if w.code == "element-without-shape"]
    assert len(without_shape) == 1
    assert "Inner_task" in without_shape[0].params["ids"]
    assert round_trips(model)


def test_adhoc_completion_condition_is_kept_verbatim() -> None:
    """An ad-hoc sub-process's completionCondition survives on ``extra``."""
    model = read(
        in_process(
            '<bpmn:adHocSubProcess id="A"><bpmn:task id="A_t"/>'
            "<bpmn:completionCondition>alle erledigt</bpmn:completionCondition>"
            "</bpmn:adHocSubProcess>"
        )
    )
    assert any("alle erledigt" in x for x in model.get("A").extra)
    assert isinstance(model.get("A_t"), Task)
    assert round_trips(model)


def test_call_activity_keeps_called_element() -> None:
    """A call activity is a CallActivity that names the called process."""
    model = read(
        in_process('<bpmn:callActivity id="Call_1" name="Zahlung" calledElement="Payment"/>')
    )
    call = model.get("Call_1")
    assert isinstance(call, CallActivity)
    assert call.called_element == "Payment"
    assert "dangling-reference" not in codes(model)
    assert round_trips(model)


DEFINITIONS = [
    ("message", "<bpmn:messageEventDefinition/>"),
    ("error", "<bpmn:errorEventDefinition/>"),
    ("signal", "<bpmn:signalEventDefinition/>"),
    ("escalation", "<bpmn:escalationEventDefinition/>"),
    (
        "conditional",
        '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">'
        "betrag &gt; 100</bpmn:condition></bpmn:conditionalEventDefinition>",
    ),
    ("compensate", "<bpmn:compensateEventDefinition/>"),
    ("link", '<bpmn:linkEventDefinition name="A"/>'),
    ("terminate", "<bpmn:terminateEventDefinition/>"),
    ("cancel", "<bpmn:cancelEventDefinition/>"),
    (
        "timer",
        '<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">'
        "P14D</bpmn:timeDuration></bpmn:timerEventDefinition>",
    ),
]
EVENT_TYPES = [
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
]


@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_none_event_of_each_type(event_type: str) -> None:
    """An event without definition is an Event with trigger ``none``."""
    attached = ' attachedToRef="Host"' if event_type == "boundaryEvent" else ""
    model = read(in_process(f'<bpmn:task id="Host"/><bpmn:{event_type} id="Ev"{attached}/>'))
    event = model.get("Ev")
    assert isinstance(event, Event)
    assert event.type == event_type
    assert event.trigger == "none"
    assert event.definitions == []
    assert round_trips(model)


@pytest.mark.parametrize(("kind", "xml"), DEFINITIONS, ids=[k for k, _ in DEFINITIONS])
@pytest.mark.parametrize("event_type", EVENT_TYPES)
def test_event_with_each_definition(event_type: str, kind: str, xml: str) -> None:
    """Each event type reads each event definition as its trigger kind."""
    attached = ' attachedToRef="Host"' if event_type == "boundaryEvent" else ""
    model = read(
        in_process(
            f'<bpmn:task id="Host"/><bpmn:{event_type} id="Ev"{attached}>{xml}</bpmn:{event_type}>'
        )
    )
    event = model.get("Ev")
    assert isinstance(event, Event)
    assert event.type == event_type
    assert [d.kind for d in event.definitions] == [kind]
    assert event.trigger == kind
    assert round_trips(model)


def test_timer_duration_text_is_kept() -> None:
    """A timer's timeDuration expression is kept with its text."""
    model = read(
        in_process(
            '<bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition id="TD">'
            '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT48H</bpmn:timeDuration>'
            "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"
        )
    )
    definition = model.get("Wait").definitions[0]
    assert definition.id == "TD"
    assert model.get("TD") is definition
    assert len(definition.extra) == 1
    assert "timeDuration" in definition.extra[0]
    assert ">PT48H<" in definition.extra[0]
    assert round_trips(model)


def test_message_definition_references_a_root_message() -> None:
    """messageRef resolves to a root message without a dangling-reference warning."""
    model = read(
        '<bpmn:message id="Msg_1" name="Antrag"/>'
        + in_process(
            '<bpmn:startEvent id="S"><bpmn:messageEventDefinition messageRef="Msg_1"/>'
            "</bpmn:startEvent>"
        )
    )
    assert model.get("S").definitions[0].ref == "Msg_1"
    assert "dangling-reference" not in codes(model)
    assert [e.type for e in model.root_elements] == ["message", "process"]
    assert round_trips(model)


def test_multiple_event_has_two_definitions() -> None:
    """Two definitions make a ``multiple`` event, with parallelMultiple a parallel one."""
    two = "<bpmn:messageEventDefinition/><bpmn:signalEventDefinition/>"
    model = read(
        in_process(
            f'<bpmn:startEvent id="Multi">{two}</bpmn:startEvent>'
            f'<bpmn:startEvent id="Parallel" parallelMultiple="true">{two}</bpmn:startEvent>'
        )
    )
    multi, parallel = model.get("Multi"), model.get("Parallel")
    assert [d.kind for d in multi.definitions] == ["message", "signal"]
    assert multi.trigger == "multiple"
    assert multi.parallel_multiple is None
    assert parallel.trigger == "parallelMultiple"
    assert parallel.parallel_multiple is True
    assert round_trips(model)


@pytest.mark.parametrize(
    ("attribute", "cancel", "interrupting"),
    [
        ("", None, True),
        (' cancelActivity="true"', True, True),
        (' cancelActivity="false"', False, False),
    ],
    ids=["default", "interrupting", "non-interrupting"],
)
def test_boundary_event_attached_and_interrupting(
    attribute: str, cancel: bool | None, interrupting: bool
) -> None:
    """A boundary event knows its host and whether it cancels it."""
    model = read(
        in_process(
            '<bpmn:userTask id="Host" name="Prüfen"/>'
            f'<bpmn:boundaryEvent id="B" attachedToRef="Host"{attribute}>'
            "<bpmn:timerEventDefinition/></bpmn:boundaryEvent>"
        )
    )
    boundary = model.get("B")
    assert boundary.attached_to == "Host"
    assert boundary.cancel_activity is cancel
    assert boundary.interrupting is interrupting
    assert "dangling-reference" not in codes(model)
    assert round_trips(model)


def test_non_interrupting_event_subprocess_start() -> None:
    """isInterrupting=false on an event sub-process's start event is read."""
    model = read(
        in_process(
            '<bpmn:subProcess id="ESP" triggeredByEvent="true">'
            '<bpmn:startEvent id="ES" isInterrupting="false"><bpmn:messageEventDefinition/>'
            "</bpmn:startEvent></bpmn:subProcess>"
        )
    )
    assert model.get("ESP").is_event_subprocess
    assert model.get("ES").is_interrupting is False
    assert model.get("ES").interrupting is False


GATEWAYS = [
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
]


@pytest.mark.parametrize("tag", GATEWAYS)
def test_gateway_types_with_default_flow(tag: str) -> None:
    """Every gateway type is a Gateway; ``default`` names its default flow."""
    model = read(
        in_process(
            f'<bpmn:{tag} id="G" name="Vollständig?" default="F_default" '
            'gatewayDirection="Diverging"><bpmn:outgoing>F_default</bpmn:outgoing>'
            f"<bpmn:outgoing>F_other</bpmn:outgoing></bpmn:{tag}>"
            '<bpmn:task id="A"/><bpmn:task id="B"/>'
            '<bpmn:sequenceFlow id="F_default" sourceRef="G" targetRef="A"/>'
            '<bpmn:sequenceFlow id="F_other" sourceRef="G" targetRef="B"/>'
        )
    )
    gateway = model.get("G")
    assert isinstance(gateway, Gateway)
    assert gateway.type == tag
    assert gateway.default == "F_default"
    assert gateway.direction == "Diverging"
    assert gateway.outgoing == ["F_default", "F_other"]
    assert "dangling-reference" not in codes(model)
    assert round_trips(model)


def test_default_pointing_nowhere_is_reported() -> None:
    """A gateway default that names no flow is a dangling reference on the gateway."""
    model = read(in_process('<bpmn:exclusiveGateway id="G" default="Nope"/>'))
    dangling = [w for w in model.warnings if w.code == "dangling-reference"]
    assert [(w.element_id, w.params["ref"]) for w in dangling] == [("G", "Nope")]


def test_sequence_flow_condition() -> None:
    """A conditional sequence flow keeps its expression; the text is readable."""
    model = read(
        in_process(
            '<bpmn:task id="A"/><bpmn:task id="B"/>'
            '<bpmn:sequenceFlow id="F" name="ja" sourceRef="A" targetRef="B">'
            '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">'
            "${betrag &gt; 1000}</bpmn:conditionExpression></bpmn:sequenceFlow>"
            '<bpmn:sequenceFlow id="Plain" sourceRef="B" targetRef="A"/>'
        )
    )
    flow = model.get("F")
    assert isinstance(flow, SequenceFlow)
    assert (flow.source, flow.target, flow.name) == ("A", "B", "ja")
    assert flow.condition_text == "${betrag > 1000}"
    assert model.get("Plain").condition is None
    assert model.get("Plain").condition_text is None
    assert round_trips(model)


COLLABORATION = """
<bpmn:collaboration id="Collab">
  <bpmn:participant id="Pool_Amt" name="Bauamt" processRef="Process_1"/>
  <bpmn:participant id="Pool_Buerger" name="Bürger"/>
  <bpmn:messageFlow id="MF_in" name="Antrag" sourceRef="Pool_Buerger" targetRef="Receive"/>
  <bpmn:messageFlow id="MF_out" sourceRef="Send" targetRef="Pool_Buerger"/>
</bpmn:collaboration>
<bpmn:process id="Process_1">
  <bpmn:receiveTask id="Receive"/><bpmn:sendTask id="Send"/>
</bpmn:process>
"""


def test_message_flows_and_black_box_pool() -> None:
    """Message flows connect pools and nodes; a participant without process is a black box."""
    model = read(COLLABORATION)
    assert [p.id for p in model.participants] == ["Pool_Amt", "Pool_Buerger"]
    amt, buerger = model.participants
    assert isinstance(amt, Participant)
    assert amt.process_ref == "Process_1"
    assert buerger.process_ref is None
    flows = model.message_flows
    assert all(isinstance(f, MessageFlow) for f in flows)
    assert [(f.id, f.source, f.target) for f in flows] == [
        ("MF_in", "Pool_Buerger", "Receive"),
        ("MF_out", "Send", "Pool_Buerger"),
    ]
    assert flows[0].name == "Antrag"
    assert "dangling-reference" not in codes(model)
    assert round_trips(model)


LANES = """
<bpmn:process id="Process_1">
  <bpmn:laneSet id="LS">
    <bpmn:lane id="Lane_Amt" name="Amt">
      <bpmn:flowNodeRef>Start</bpmn:flowNodeRef>
      <bpmn:childLaneSet id="LS_child">
        <bpmn:lane id="Lane_SB" name="Sachbearbeitung">
          <bpmn:flowNodeRef>Check</bpmn:flowNodeRef>
          <bpmn:flowNodeRef>Sub</bpmn:flowNodeRef>
          <bpmn:flowNodeRef>Inner</bpmn:flowNodeRef>
        </bpmn:lane>
        <bpmn:lane id="Lane_L" name="Leitung"><bpmn:flowNodeRef>Sign</bpmn:flowNodeRef></bpmn:lane>
      </bpmn:childLaneSet>
    </bpmn:lane>
  </bpmn:laneSet>
  <bpmn:startEvent id="Start"/>
  <bpmn:task id="Check"/>
  <bpmn:subProcess id="Sub"><bpmn:task id="Inner"/></bpmn:subProcess>
  <bpmn:task id="Sign"/>
</bpmn:process>
"""


def test_nested_lanes_with_flow_node_refs() -> None:
    """Lanes nest through childLaneSet and list their nodes, inner nodes included."""
    model = read(LANES)
    process = model.processes[0]
    assert [lane.id for lane in process.lanes()] == ["Lane_Amt", "Lane_SB", "Lane_L"]
    amt = model.get("Lane_Amt")
    assert isinstance(amt, Lane)
    assert amt.flow_node_refs == ["Start"]
    assert amt.child_lane_set is not None
    assert amt.child_lane_set.id == "LS_child"
    assert [lane.id for lane in amt.child_lane_set.lanes] == ["Lane_SB", "Lane_L"]
    assert model.get("Lane_SB").flow_node_refs == ["Check", "Sub", "Inner"]
    # a lane may list a node inside a sub-process: that is no dangling reference
    assert codes(model) == ["missing-di"]
    assert round_trips(model)


DATA = """
<bpmn:dataStore id="Store_Register" name="Melderegister"/>
<bpmn:process id="Process_1">
  <bpmn:dataObject id="DO_Antrag" isCollection="false"/>
  <bpmn:dataObjectReference id="DOR_Antrag" name="Antrag" dataObjectRef="DO_Antrag"/>
  <bpmn:dataStoreReference id="DSR_Register" name="Register" dataStoreRef="Store_Register"/>
  <bpmn:task id="Check">
    <bpmn:ioSpecification id="IO">
      <bpmn:dataInput id="In_1"/><bpmn:dataOutput id="Out_1"/>
      <bpmn:inputSet id="IS"><bpmn:dataInputRefs>In_1</bpmn:dataInputRefs></bpmn:inputSet>
      <bpmn:outputSet id="OS"><bpmn:dataOutputRefs>Out_1</bpmn:dataOutputRefs></bpmn:outputSet>
    </bpmn:ioSpecification>
    <bpmn:dataInputAssociation id="DIA">
      <bpmn:sourceRef>DOR_Antrag</bpmn:sourceRef><bpmn:targetRef>In_1</bpmn:targetRef>
    </bpmn:dataInputAssociation>
    <bpmn:dataOutputAssociation id="DOA">
      <bpmn:targetRef>DSR_Register</bpmn:targetRef>
    </bpmn:dataOutputAssociation>
  </bpmn:task>
</bpmn:process>
"""


def test_data_objects_stores_and_associations() -> None:
    """Data objects, their references, root data stores and data associations are typed."""
    model = read(DATA)
    assert isinstance(model.get("Store_Register"), DataStore)
    assert model.root_elements[0].id == "Store_Register"
    data_object = model.get("DO_Antrag")
    assert isinstance(data_object, DataObject)
    assert data_object.is_collection is False
    dor = model.get("DOR_Antrag")
    assert isinstance(dor, DataObjectReference)
    assert dor.data_object == "DO_Antrag"
    dsr = model.get("DSR_Register")
    assert isinstance(dsr, DataStoreReference)
    assert dsr.data_store == "Store_Register"
    task = model.get("Check")
    assert [(a.id, a.type, a.sources, a.target) for a in task.data_inputs] == [
        ("DIA", "dataInputAssociation", ["DOR_Antrag"], "In_1")
    ]
    assert [(a.id, a.sources, a.target) for a in task.data_outputs] == [("DOA", [], "DSR_Register")]
    assert any("ioSpecification" in x for x in task.extra)
    assert "dangling-reference" not in codes(model)
    assert round_trips(model)


def test_text_annotation_association_and_group() -> None:
    """Annotations, associations and groups are artifacts of their container."""
    model = read(
        '<bpmn:category id="Cat"><bpmn:categoryValue id="CV" value="Digital"/></bpmn:category>'
        + in_process(
            '<bpmn:task id="T"/>'
            '<bpmn:textAnnotation id="Note"><bpmn:text>Frist 14 Tage</bpmn:text>'
            "</bpmn:textAnnotation>"
            '<bpmn:association id="Assoc" sourceRef="T" targetRef="Note" '
            'associationDirection="None"/>'
            '<bpmn:group id="Grp" categoryValueRef="CV"/>'
        )
    )
    artifacts = model.processes[0].artifacts
    assert [type(a) for a in artifacts] == [TextAnnotation, Association, Group]
    note, assoc, group = artifacts
    assert note.text == "Frist 14 Tage"
    assert (assoc.source, assoc.target, assoc.direction) == ("T", "Note", "None")
    assert group.category_value == "CV"
    assert "dangling-reference" not in codes(model)
    assert round_trips(model)


def test_documentation_on_elements() -> None:
    """documentation texts are kept on definitions, process and nodes, in order."""
    model = read(
        "<bpmn:documentation>Modell</bpmn:documentation>"
        + in_process(
            "<bpmn:documentation>Prozess</bpmn:documentation>"
            '<bpmn:task id="T"><bpmn:documentation>Erste</bpmn:documentation>'
            "<bpmn:documentation>Zweite &amp; letzte</bpmn:documentation></bpmn:task>"
        )
    )
    assert model.documentation == ["Modell"]
    assert model.processes[0].documentation == ["Prozess"]
    assert model.get("T").documentation == ["Erste", "Zweite & letzte"]
    assert round_trips(model)


@pytest.mark.parametrize(
    ("xml", "marker"),
    [
        ("<bpmn:standardLoopCharacteristics/>", "loop"),
        ('<bpmn:multiInstanceLoopCharacteristics isSequential="true"/>', "sequential"),
        ('<bpmn:multiInstanceLoopCharacteristics isSequential="false"/>', "parallel"),
        ("<bpmn:multiInstanceLoopCharacteristics/>", "parallel"),
    ],
    ids=["loop", "sequential", "parallel", "parallel-default"],
)
@pytest.mark.parametrize("tag", ["task", "subProcess", "callActivity"])
def test_loop_and_multi_instance_markers(tag: str, xml: str, marker: str) -> None:
    """Loop characteristics of any activity give the marker drawn on its shape."""
    model = read(in_process(f'<bpmn:{tag} id="A">{xml}</bpmn:{tag}><bpmn:task id="Plain"/>'))
    assert model.get("A").loop is not None
    assert model.get("A").loop.marker == marker
    assert model.get("Plain").loop is None
    assert round_trips(model)


DI_MODEL = """
<bpmn:collaboration id="Collab">
  <bpmn:participant id="Pool" name="Amt" processRef="Process_1"/>
</bpmn:collaboration>
<bpmn:process id="Process_1">
  <bpmn:task id="A" name="Antrag prüfen"/><bpmn:task id="B"/>
  <bpmn:sequenceFlow id="F" name="weiter" sourceRef="A" targetRef="B"/>
  <bpmn:subProcess id="Sub"><bpmn:task id="Inner"/></bpmn:subProcess>
</bpmn:process>
<bpmndi:BPMNDiagram id="Main" name="Übersicht">
  <bpmndi:BPMNPlane id="Plane_main" bpmnElement="Collab">
    <bpmndi:BPMNShape id="Pool_di" bpmnElement="Pool" isHorizontal="true">
      <dc:Bounds x="0" y="0" width="800" height="250"/>
    </bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="A_di" bpmnElement="A">
      <dc:Bounds x="100.5" y="80" width="100" height="80"/>
      <bpmndi:BPMNLabel><dc:Bounds x="105" y="165" width="90" height="14"/></bpmndi:BPMNLabel>
    </bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="B_di" bpmnElement="B">
      <dc:Bounds x="300" y="80" width="100" height="80"/>
    </bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="F_di" bpmnElement="F">
      <di:waypoint x="200.5" y="120"/><di:waypoint x="250" y="120"/>
      <di:waypoint x="300" y="120"/>
      <bpmndi:BPMNLabel><dc:Bounds x="230" y="100" width="40" height="14"/></bpmndi:BPMNLabel>
    </bpmndi:BPMNEdge>
    <bpmndi:BPMNShape id="Sub_di" bpmnElement="Sub" isExpanded="false">
      <dc:Bounds x="450" y="80" width="100" height="80"/>
    </bpmndi:BPMNShape>
  </bpmndi:BPMNPlane>
</bpmndi:BPMNDiagram>
<bpmndi:BPMNDiagram id="Drilldown">
  <bpmndi:BPMNPlane id="Plane_sub" bpmnElement="Sub">
    <bpmndi:BPMNShape id="Inner_di" bpmnElement="Inner">
      <dc:Bounds x="50" y="50" width="100" height="80"/>
    </bpmndi:BPMNShape>
  </bpmndi:BPMNPlane>
</bpmndi:BPMNDiagram>
"""


def test_diagram_interchange_bounds_waypoints_labels() -> None:
    """Shapes, edges, labels and flags are read; several diagrams are kept in order."""
    model = read(DI_MODEL)
    assert [d.id for d in model.diagrams] == ["Main", "Drilldown"]
    main, drill = model.diagrams
    assert main.name == "Übersicht"
    assert main.plane.bpmn_element == "Collab"
    assert [type(e) for e in main.plane.elements] == [Shape, Shape, Shape, Edge, Shape]
    pool, a, _b, edge, sub = main.plane.elements
    assert pool.is_horizontal is True
    assert (a.bounds.x, a.bounds.y, a.bounds.width, a.bounds.height) == (100.5, 80, 100, 80)
    assert a.label is not None
    assert (a.label.bounds.x, a.label.bounds.y) == (105, 165)
    assert [(p.x, p.y) for p in edge.waypoints] == [(200.5, 120), (250, 120), (300, 120)]
    assert edge.bpmn_element == "F"
    assert edge.label.bounds.width == 40
    assert sub.is_expanded is False
    assert drill.plane.bpmn_element == "Sub"
    assert [s.bpmn_element for s in drill.plane.shapes] == ["Inner"]
    # every node is drawn (Inner on the drill-down page): no diagram warning
    assert codes(model) == []
    assert round_trips(model)


def test_vendor_extensions_and_foreign_attributes_survive_round_trip() -> None:
    """extensionElements children and foreign attributes are kept verbatim through export."""
    model = read(
        in_process(
            '<bpmn:userTask id="T" camunda:assignee="sachbearbeitung" pa:medium="paper" '
            'pa:itSystem="Fachverfahren X">'
            "<bpmn:extensionElements>"
            '<camunda:inputOutput><camunda:inputParameter name="frist">14</camunda:inputParameter>'
            "</camunda:inputOutput>"
            '<pa:times execution="PT15M" waiting="P2D"/>'
            "</bpmn:extensionElements></bpmn:userTask>"
        )
    )
    task = model.get("T")
    assert task.attributes == {
        f"{{{CAMUNDA}}}assignee": "sachbearbeitung",
        f"{{{PA}}}medium": "paper",
        f"{{{PA}}}itSystem": "Fachverfahren X",
    }
    assert len(task.extensions) == 2
    assert task.extensions[0].startswith("<camunda:inputOutput")
    assert 'name="frist">14<' in task.extensions[0]
    assert CAMUNDA in task.extensions[0]
    assert 'execution="PT15M"' in task.extensions[1]
    assert PA in task.extensions[1]
    assert "Camunda" in model.fidelity.vendors
    exported = export_bpmn(model)
    assert b"sachbearbeitung" in exported
    again = read_bpmn(exported)
    assert again.get("T").attributes == task.attributes
    assert again.get("T").extensions == task.extensions
    assert again == model


def test_unknown_bpmn_element_becomes_generic_node() -> None:
    """An unknown type in a process is a GenericNode with a warning, exported unchanged."""
    model = read(
        in_process(
            '<bpmn:task id="A"/>'
            '<bpmn:fancyTask id="x" name="Neu" level="3"><bpmn:detail>7</bpmn:detail>'
            "</bpmn:fancyTask>"
            '<bpmn:sequenceFlow id="F" sourceRef="A" targetRef="x"/>'
        )
    )
    node = model.get("x")
    assert isinstance(node, GenericNode)
    assert node.type == "fancyTask"
    assert node.name == "Neu"
    unknown = [w for w in model.warnings if w.code == "unknown-element"]
    assert [(w.element_id, w.params["tag"]) for w in unknown] == [("x", "fancyTask")]
    # the flow into it resolves: it is a node of the graph
    assert "dangling-reference" not in codes(model)
    exported = export_bpmn(model)
    assert b"<bpmn:fancyTask" in exported
    again = read_bpmn(exported)
    assert again.get("x").xml == node.xml
    assert again == model


def test_spec_type_not_modelled_is_generic_without_unknown_warning() -> None:
    """A spec flow element the model keeps generically (choreographyTask) is not 'unknown'."""
    model = read(in_process('<bpmn:choreographyTask id="C" initiatingParticipantRef="P"/>'))
    assert isinstance(model.get("C"), GenericNode)
    assert "unknown-element" not in codes(model)
