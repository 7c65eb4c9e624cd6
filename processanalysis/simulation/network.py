"""The compiled form of a model the simulation runs on: linked nodes with ready samplers,
resources with their queues, and the running state of cases, scopes and jobs.

Built once per replication by :func:`compile_network` from a
:class:`~processanalysis.simulation.binding.Binding`; the event loop in
:mod:`processanalysis.simulation.engine` only follows references and integer codes, so
a step costs no dictionary look-up by element id. Nothing here belongs to the domain
model: running state never lives in the model.
"""

from __future__ import annotations

import itertools
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from processanalysis.bpmn.model import Activity, Event, Gateway, SubProcess
from processanalysis.simulation.binding import DECISIONS, INCLUSIVE, Binding, servers
from processanalysis.simulation.parameters import Calendar

__all__ = [
    "CONTENT",
    "DONE",
    "J_AND",
    "J_NONE",
    "J_OR",
    "LAY",
    "QUEUED",
    "R_ALL",
    "R_CHOOSE",
    "R_INCLUSIVE",
    "R_NONE",
    "R_ONE",
    "R_TERMINATE",
    "SERVICE",
    "W_ACTIVITY",
    "W_DELAY",
    "W_NONE",
    "Case",
    "Job",
    "Network",
    "Scope",
    "SimNode",
    "SimResource",
    "compile_network",
    "pick",
]

# Routing of a token that leaves a node.
R_NONE, R_ONE, R_ALL, R_CHOOSE, R_INCLUSIVE, R_TERMINATE = range(6)
# What a token does on arrival, and what work a node does.
J_NONE, J_AND, J_OR = range(3)
W_NONE, W_DELAY, W_ACTIVITY = range(3)


class SimResource:
    __slots__ = (
        "calendar",
        "free",
        "id",
        "name",
        "queue",
        "queue_max",
        "queued",
        "series",
        "servers",
        "wake_pending",
        "work",
    )

    def __init__(self, rid: str, name: str, servers: int, calendar: Calendar | None) -> None:
        self.id = rid
        self.name = name
        self.servers = servers
        self.calendar = calendar
        self.free = servers
        self.queue: deque[Job] = deque()
        self.queued = 0  # live jobs in the queue
        self.queue_max = 0
        #: working minutes served for observed cases, whenever they fell (the demand of
        #: the arrival window, see ``results``)
        self.work = 0.0
        self.wake_pending = False
        self.series: list[tuple[float, int, int]] = []


class SimNode:
    __slots__ = (
        "boundaries",
        "cancelled",
        "closed_sum",
        "count",
        "cumulative",
        "fallback",
        "fixed_cost",
        "id",
        "inner",
        "inner_choose",
        "is_activity",
        "join",
        "lay",
        "lay_sum",
        "ports",
        "proc_sum",
        "processing",
        "queue_sum",
        "rate",
        "reach",
        "resource",
        "route",
        "targets",
        "timers",
        "work",
    )

    def __init__(self, node_id: str) -> None:
        self.id = node_id
        self.route = R_NONE
        self.targets: list[tuple[SimNode, int]] = []
        self.cumulative: list[float] = []  # choose: cumulative probabilities
        self.fallback = 0  # inclusive: index of the flow taken when none is chosen
        self.join = J_NONE
        self.ports = 0
        self.reach: list[frozenset[str]] = []  # inclusive join: who can reach each port
        self.work = W_NONE
        self.is_activity = False
        self.lay: Callable[[], float] | None = None
        self.processing: Callable[[], float] | None = None
        self.resource: SimResource | None = None
        self.rate = 0.0  # euros per minute of work
        self.fixed_cost = 0.0
        self.timers: list[tuple[SimNode, Callable[[], float], bool]] = []
        self.boundaries: list[tuple[SimNode, float, bool]] = []  # probabilistic ones
        self.inner: list[SimNode] = []  # a sub-process's start nodes
        self.inner_choose: list[float] | None = None  # cumulative shares of alternatives
        self.count = 0
        self.cancelled = 0
        self.lay_sum = 0.0
        self.queue_sum = 0.0
        self.closed_sum = 0.0
        self.proc_sum = 0.0


class Scope:
    """The tokens of one case in one process level (the case itself or a sub-process)."""

    __slots__ = (
        "case",
        "children",
        "dead",
        "job",
        "jobs",
        "joins",
        "parent",
        "pending_or",
        "positions",
        "tokens",
    )

    def __init__(self, case: Case, parent: Scope | None, job: Job | None, track: bool):
        self.case = case
        self.parent = parent
        self.job = job
        self.tokens = 0
        self.joins: dict[SimNode, list[int]] | None = None
        self.dead = False
        # Only scopes that something may cancel remember their jobs and sub-scopes.
        self.jobs: set[Job] | None = set() if track else None
        self.children: set[Scope] | None = set() if track else None
        self.positions: dict[str, int] | None = None  # for inclusive joins
        self.pending_or: list[SimNode] | None = None


class Case:
    __slots__ = ("arrival", "cost", "effort", "index", "observed", "scopes", "steps")

    def __init__(self, index: int, arrival: float, observed: bool) -> None:
        self.index = index
        self.arrival = arrival
        self.observed = observed
        self.effort = 0.0
        self.cost = 0.0
        self.steps = 0
        self.scopes = 0  # open process scopes (one per started process)


# States of a job.
LAY, QUEUED, SERVICE, CONTENT, DONE = range(5)


class Job:
    """One execution of an activity by one token."""

    __slots__ = (
        "activated",
        "cancelled",
        "child",
        "node",
        "queued_at",
        "scope",
        "started",
        "state",
        "work",
    )

    def __init__(self, node: SimNode, scope: Scope, now: float) -> None:
        self.node = node
        self.scope = scope
        self.state = LAY
        self.activated = now
        self.queued_at = now  # when the lay time ended
        self.started = -1.0  # when the work started (-1: no work)
        self.work = 0.0
        self.cancelled = False
        self.child: Scope | None = None


@dataclass(slots=True)
class Network:
    nodes: dict[str, SimNode]
    starts: list[tuple[list[SimNode], list[float] | None]]  # per process: nodes, choice
    resources: dict[str, SimResource]
    track_containers: set[str | None]  # containers whose scopes may be cancelled
    or_containers: set[str | None]  # containers with inclusive joins
    container_of: dict[str, str | None]


def compile_network(binding: Binding, rng: random.Random) -> Network:
    """Turn the model and its parameters into linked nodes with ready samplers."""
    flow_nodes = binding.flow_nodes
    nodes = {node_id: SimNode(node_id) for node_id in flow_nodes}
    container_of: dict[str, str | None] = {}
    for graph in binding.ctx.process_graph_list:
        for node_id, parent in graph.nodes(data="parent"):
            container_of[node_id] = parent
    resources: dict[str, SimResource] = {}
    for rid, resource in binding.resources.items():
        if resource.calendar is not None:
            resource.calendar.validate()
        count = servers(resource.staff)
        resources[rid] = SimResource(rid, resource.name, count, resource.calendar)
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[tuple[str, str]]] = {}
    for edge in binding.edges:
        if edge.kind == "sequence" and edge.flow is not None:
            incoming.setdefault(edge.target, []).append(edge.flow)
            outgoing.setdefault(edge.source, []).append((edge.flow, edge.target))
        elif edge.kind == "link":
            outgoing.setdefault(edge.source, []).append(("", edge.target))
    enter: dict[str, list[tuple[str, float]]] = {}
    for edge in binding.edges:
        if edge.kind == "enter":
            enter.setdefault(edge.source, []).append((edge.target, edge.probability))
    track: set[str | None] = set()
    or_containers: set[str | None] = set()
    for node_id, element in flow_nodes.items():
        node = nodes[node_id]
        ports = incoming.get(node_id, [])
        if isinstance(element, Gateway) and len(ports) > 1:
            if element.type == "parallelGateway":
                node.join = J_AND
            elif element.type in INCLUSIVE:
                node.join = J_OR
                or_containers.add(container_of.get(node_id))
            node.ports = len(ports)
        flows = outgoing.get(node_id, [])
        node.targets = [(nodes[target], _port(incoming, target, flow)) for flow, target in flows]
        if (
            isinstance(element, Event)
            and element.type == "endEvent"
            and any(d.kind == "terminate" for d in element.definitions)
        ):
            node.route = R_TERMINATE
            track.add(container_of.get(node_id))
        if node.route != R_TERMINATE:
            node.route = _routing(binding, element, node, flows)
        lay = binding.waiting(node_id)
        if isinstance(element, Activity):
            node.is_activity = True
            node.work = W_ACTIVITY
            node.lay = lay.sampler(rng) if lay is not None else None
            processing = binding.processing(node_id)
            node.processing = processing.sampler(rng) if processing is not None else None
            rid = binding.resource_of.get(node_id)
            if processing is not None and rid is not None:
                node.resource = resources.get(rid)
            node.rate = binding.cost_per_hour(rid) / 60.0
            node.fixed_cost = binding.fixed_cost(node_id)
            if isinstance(element, SubProcess) and not element.is_event_subprocess:
                inner = enter.get(node_id, [])
                node.inner = [nodes[t] for t, _p in inner]
                explicit = all(flow_nodes[t].type == "startEvent" for t, _p in inner)
                if explicit and len(inner) > 1:
                    node.inner_choose = list(itertools.accumulate(p for _t, p in inner))
        elif lay is not None:
            node.work = W_DELAY
            node.lay = lay.sampler(rng)
    for event_id, element in flow_nodes.items():
        if not isinstance(element, Event) or element.attached_to not in nodes:
            continue
        host = nodes[element.attached_to]
        if not host.is_activity:
            continue
        if event_id in binding.timers:
            sampler = binding.timers[event_id].sampler(rng)
            host.timers.append((nodes[event_id], sampler, element.interrupting))
            if element.interrupting:
                track.add(element.attached_to)
        else:
            p = binding.boundary_probability.get(event_id, 0.0)
            if p > 0:
                host.boundaries.append((nodes[event_id], p, element.interrupting))
                if element.interrupting:
                    track.add(element.attached_to)
    for node_id, node in nodes.items():
        if node.join == J_OR:
            node.reach = _reach(binding, node_id, incoming.get(node_id, []))
    return Network(
        nodes,
        _process_starts(binding, nodes),
        resources,
        track,
        or_containers,
        container_of,
    )


def _port(incoming: dict[str, list[str]], target: str, flow: str) -> int:
    ports = incoming.get(target, [])
    return ports.index(flow) if flow in ports else 0


def _routing(binding: Binding, element: Any, node: SimNode, flows: list[tuple[str, str]]) -> int:
    if not flows:
        return R_NONE
    if len(flows) == 1:
        return R_ONE
    kind = element.type if isinstance(element, Gateway) else ""
    if kind in DECISIONS:
        probabilities = [binding.probabilities.get(flow, 0.0) for flow, _t in flows]
        total = sum(probabilities) or 1.0
        node.cumulative = list(itertools.accumulate(p / total for p in probabilities))
        return R_CHOOSE
    if kind in INCLUSIVE:
        node.cumulative = [binding.probabilities.get(flow, 0.0) for flow, _t in flows]
        fallback = binding.fallback.get(element.id or "")
        node.fallback = next((i for i, (f, _t) in enumerate(flows) if f == fallback), 0)
        return R_INCLUSIVE
    return R_ALL


def _reach(binding: Binding, join: str, ports: list[str]) -> list[frozenset[str]]:
    """Per incoming flow of an inclusive join: the nodes from which a token can still
    reach it without passing the join (backwards search)."""
    predecessors: dict[str, list[str]] = {}
    for edge in binding.edges:
        if edge.kind in ("sequence", "link", "boundary"):
            predecessors.setdefault(edge.target, []).append(edge.source)
    result = []
    for flow in ports:
        source = binding.flows[flow].source or ""
        seen = {source}
        stack = [source]
        while stack:
            node = stack.pop()
            for before in predecessors.get(node, []):
                if before != join and before not in seen:
                    seen.add(before)
                    stack.append(before)
        result.append(frozenset(seen))
    return result


def _process_starts(
    binding: Binding, nodes: dict[str, SimNode]
) -> list[tuple[list[SimNode], list[float] | None]]:
    from processanalysis.analysis.visits import start_nodes

    shares = start_nodes(binding.ctx)
    result = []
    for graph in binding.ctx.process_graph_list:
        group = [n for n in shares if n in graph]
        if not group:
            continue
        explicit = all(binding.flow_nodes[n].type == "startEvent" for n in group)
        choose = None
        if explicit and len(group) > 1:
            total = sum(shares[n] for n in group) or 1.0
            choose = list(itertools.accumulate(shares[n] / total for n in group))
        result.append(([nodes[n] for n in group], choose))
    return result


def pick(cumulative: list[float], u: float) -> int:
    for i, bound in enumerate(cumulative):
        if u < bound:
            return i
    return len(cumulative) - 1
