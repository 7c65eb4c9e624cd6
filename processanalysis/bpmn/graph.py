"""networkx views of a model: the control flow of a process and of a collaboration.

Analyses (hand-offs, bottlenecks, soundness) work on graphs, not on XML. The domain
model stays free of networkx; these functions build a graph on demand.

Examples
--------
>>> from processanalysis.bpmn.importer import read_bpmn
>>> m = read_bpmn(b'''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
...   <process id="p"><laneSet><lane id="L" name="Poststelle"><flowNodeRef>s</flowNodeRef>
...   <flowNodeRef>t</flowNodeRef></lane></laneSet><startEvent id="s"/><task id="t"/>
...   <sequenceFlow id="f" sourceRef="s" targetRef="t"/></process></definitions>''')
>>> g = process_graph(m.processes[0])
>>> list(g.edges(data="id")), g.nodes["t"]["lane"]
([('s', 't', 'f')], 'L')
"""

from __future__ import annotations

import networkx as nx

from processanalysis.bpmn.model import (
    Container,
    Definitions,
    Event,
    FlowNode,
    Lane,
    Process,
    SequenceFlow,
    SubProcess,
)

__all__ = ["collaboration_graph", "node_lanes", "pool_of_nodes", "process_graph"]


def node_lanes(container: Container) -> dict[str, Lane]:
    """The innermost lane of each flow node id (lanes may nest and may list nodes of
    sub-processes; a node listed by nested lanes belongs to the deepest one)."""
    result: dict[str, Lane] = {}

    def visit(lane: Lane) -> None:
        for ref in lane.flow_node_refs:
            result[ref] = lane  # children are visited after parents and overwrite them
        if lane.child_lane_set is not None:
            for child in lane.child_lane_set.lanes:
                visit(child)

    for lane_set in container.lane_sets:
        for lane in lane_set.lanes:
            visit(lane)
    return result


def process_graph(container: Container, *, flatten: bool = False) -> nx.DiGraph:
    """Control-flow graph of a process or sub-process.

    Nodes are flow node ids with attributes ``element``, ``type``, ``name`` and ``lane``
    (lane id or ``None``); edges are sequence flows (``kind="sequence"``, ``id``,
    ``flow``) and boundary attachments (``kind="boundary"``, from the activity to its
    boundary event). Sequence flows with a missing or unknown end are left out (the
    importer has warned about them). With ``flatten=True`` the content of
    sub-processes is included as well (attribute ``parent`` names the sub-process).
    """
    graph = nx.DiGraph()
    lanes = node_lanes(container)
    _add_container(graph, container, lanes, parent=None, flatten=flatten)
    return graph


def _add_container(
    graph: nx.DiGraph,
    container: Container,
    lanes: dict[str, Lane],
    *,
    parent: str | None,
    flatten: bool,
) -> None:
    flows: list[SequenceFlow] = []
    for element in container.flow_elements:
        if isinstance(element, FlowNode) and element.id is not None:
            lane = lanes.get(element.id)
            graph.add_node(
                element.id,
                element=element,
                type=element.type,
                name=element.label,
                lane=lane.id if lane is not None else None,
                parent=parent,
            )
            if flatten and isinstance(element, SubProcess):
                inner = dict(lanes)
                inner.update(node_lanes(element))
                _add_container(graph, element, inner, parent=element.id, flatten=True)
        elif isinstance(element, SequenceFlow):
            flows.append(element)
    for flow in flows:
        if flow.source in graph and flow.target in graph:
            graph.add_edge(flow.source, flow.target, kind="sequence", id=flow.id, flow=flow)
    for element in container.flow_elements:
        if isinstance(element, Event) and element.attached_to in graph and element.id in graph:
            graph.add_edge(element.attached_to, element.id, kind="boundary", id=None, flow=None)


def pool_of_nodes(model: Definitions) -> dict[str, str]:
    """Participant id of every flow node id (through the participant's process)."""
    process_pool = {p.process_ref: p.id for p in model.participants if p.process_ref}
    result: dict[str, str] = {}
    for process in model.processes:
        pool = process_pool.get(process.id, process.id)
        if pool is None:
            continue
        for element in process.walk():
            if isinstance(element, FlowNode) and element.id is not None:
                result[element.id] = pool
    return result


def collaboration_graph(model: Definitions) -> nx.MultiDiGraph:
    """All processes of the model (sub-processes flattened) plus message flows.

    Node attribute ``pool`` names the participant; black-box participants that
    message flows touch are nodes of ``type="participant"``. Message flow edges have
    ``kind="message"``.
    """
    graph = nx.MultiDiGraph()
    pools = pool_of_nodes(model)
    for process in model.processes:
        graph.update(process_graph(process, flatten=True))
    for node, pool in pools.items():
        if node in graph:
            graph.nodes[node]["pool"] = pool
    participants = {p.id: p for p in model.participants if p.id}
    for flow in model.message_flows:
        for end in (flow.source, flow.target):
            if end in participants and end not in graph:
                participant = participants[end]
                graph.add_node(
                    end,
                    element=participant,
                    type="participant",
                    name=participant.label,
                    lane=None,
                    parent=None,
                    pool=end,
                )
        if flow.source in graph and flow.target in graph:
            graph.add_edge(flow.source, flow.target, kind="message", id=flow.id, flow=flow)
    return graph


def processes_by_id(model: Definitions) -> dict[str, Process]:
    """Processes keyed by id, for resolving participant references."""
    return {p.id: p for p in model.processes if p.id is not None}
