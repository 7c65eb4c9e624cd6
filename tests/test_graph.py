"""The networkx views: process control flow, lanes, boundary events, collaboration."""

from __future__ import annotations

from processanalysis import read_bpmn
from processanalysis.bpmn.graph import collaboration_graph, node_lanes, process_graph
from tests.conftest import bpmn

MODEL = bpmn(
    """
  <bpmn:collaboration id="C">
    <bpmn:participant id="Buerger" name="Bürger/in"/>
    <bpmn:participant id="Amt" name="Bürgeramt" processRef="P"/>
    <bpmn:messageFlow id="m1" sourceRef="Buerger" targetRef="start"/>
    <bpmn:messageFlow id="m2" sourceRef="send" targetRef="Buerger"/>
  </bpmn:collaboration>
  <bpmn:process id="P">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="Post" name="Poststelle"><bpmn:flowNodeRef>start</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="SB" name="Sachbearbeitung">
        <bpmn:flowNodeRef>check</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>send</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>sub</bpmn:flowNodeRef>
        <bpmn:childLaneSet id="LS2">
          <bpmn:lane id="SBL" name="Sachgebietsleitung">
            <bpmn:flowNodeRef>sub</bpmn:flowNodeRef>
            <bpmn:flowNodeRef>timer</bpmn:flowNodeRef>
          </bpmn:lane>
        </bpmn:childLaneSet>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="check" name="Antrag&#10;prüfen"/>
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="s_in"/><bpmn:task id="t_in"/>
      <bpmn:sequenceFlow id="f_in" sourceRef="s_in" targetRef="t_in"/>
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="timer" attachedToRef="sub">
      <bpmn:timerEventDefinition/>
    </bpmn:boundaryEvent>
    <bpmn:sendTask id="send" name="Bescheid versenden"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="sub"/>
    <bpmn:sequenceFlow id="f3" sourceRef="sub" targetRef="send"/>
    <bpmn:sequenceFlow id="f4" sourceRef="timer" targetRef="send"/>
    <bpmn:sequenceFlow id="dangling" sourceRef="send" targetRef="nowhere"/>
  </bpmn:process>
"""
)


def test_process_graph_has_nodes_flows_and_boundary_edges() -> None:
    """Sequence flows become edges; a boundary event hangs off its activity."""
    model = read_bpmn(MODEL)
    graph = process_graph(model.processes[0])
    assert set(graph.nodes) == {"start", "check", "sub", "timer", "send"}
    assert graph.edges["start", "check"]["id"] == "f1"
    assert graph.edges["sub", "timer"]["kind"] == "boundary"
    assert ("send", "nowhere") not in graph.edges
    assert graph.nodes["check"]["name"] == "Antrag prüfen"


def test_nested_lanes_assign_the_innermost_lane() -> None:
    """A node listed by a lane and its child lane belongs to the child."""
    model = read_bpmn(MODEL)
    lanes = node_lanes(model.processes[0])
    assert lanes["start"].id == "Post"
    assert lanes["check"].id == "SB"
    assert lanes["sub"].id == "SBL"
    assert process_graph(model.processes[0]).nodes["timer"]["lane"] == "SBL"


def test_flattened_graph_includes_subprocess_content() -> None:
    """With flatten, inner nodes appear with their parent sub-process."""
    graph = process_graph(read_bpmn(MODEL).processes[0], flatten=True)
    assert graph.nodes["t_in"]["parent"] == "sub"
    assert graph.has_edge("s_in", "t_in")


def test_collaboration_graph_links_pools_by_message_flows() -> None:
    """Message flows connect a black-box pool with nodes of the authority's process."""
    graph = collaboration_graph(read_bpmn(MODEL))
    assert graph.nodes["Buerger"]["type"] == "participant"
    assert graph.nodes["check"]["pool"] == "Amt"
    kinds = {(u, v): d["kind"] for u, v, d in graph.edges(data=True)}
    assert kinds[("Buerger", "start")] == "message"
    assert kinds[("send", "Buerger")] == "message"
