"""Synthetic BPMN 2.0 models of any size, written as Camunda Modeler / bpmn.io would.

One pool whose process runs through a set of lanes: a start event, mostly tasks of
mixed types with German names, exclusive gateway splits and joins, now and then a
rework loop or a timer, data objects written and read by tasks, an end event; and
full diagram interchange (a shape with bounds for the pool, every lane and node, an
edge with waypoints for every flow and data association, labels where bpmn.io puts
them). The plan is a list of small tuples; the XML is streamed to the file piece by
piece, so a 100k-node model never exists as an element tree.

Examples
--------
>>> import tempfile, pathlib
>>> from lxml import etree
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp, "m.bpmn")
...     size = write_synthetic_model(path, nodes=50, lanes=3, seed=1)
...     root = etree.parse(str(path)).getroot()
>>> size > 10_000, len(root.findall(".//{*}lane"))
(True, 3)
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

__all__ = ["GENERATOR_VERSION", "write_synthetic_model"]

#: Bumped whenever the output changes, so cached files are regenerated.
GENERATOR_VERSION = 1

TASK_TYPES: tuple[tuple[str, int], ...] = (
    ("userTask", 40),
    ("manualTask", 12),
    ("serviceTask", 18),
    ("sendTask", 8),
    ("receiveTask", 5),
    ("businessRuleTask", 5),
    ("scriptTask", 4),
    ("task", 8),
)
_VERBS = [
    "prüfen",
    "erfassen",
    "bearbeiten",
    "freigeben",
    "anlegen",
    "versenden",
    "abstimmen",
    "nachfordern",
    "berechnen",
    "archivieren",
    "weiterleiten",
    "bewerten",
    "ändern",
    "zustellen",
    "klären",
    "genehmigen",
    "scannen",
    "übermitteln",
    "ablehnen",
    "ausfüllen",
]
_OBJECTS = [
    "Antrag",
    "Bescheid",
    "Unterlagen",
    "Gebühr",
    "Akte",
    "Stellungnahme",
    "Widerspruch",
    "Zahlungseingang",
    "Meldedaten",
    "Vollmacht",
    "Gutachten",
    "Rückfrage",
    "Förderantrag",
    "Baugenehmigung",
    "Prüfvermerk",
    "Zuständigkeit",
    "Eingangsbestätigung",
    "Aktenvermerk",
    "Kostenbescheid",
    "Personalausweis",
    "Anhörung",
    "Fristverlängerung",
]
_QUESTIONS = [
    "Vollständig?",
    "Zuständig?",
    "Genehmigungsfähig?",
    "Gebühr bezahlt?",
    "Frist gewahrt?",
    "Rückfragen?",
    "Unterlagen lesbar?",
    "Einwände?",
    "Betrag > 5.000 €?",
]
_LANES = [
    "Poststelle",
    "Sachbearbeitung",
    "Fachaufsicht",
    "Kasse & Zahlstelle",
    "Registratur",
    "Amtsleitung",
    "Bürgerservice",
    "IT-Verfahren",
    "Rechtsamt",
    "Bauaufsicht",
]
_DOCUMENTS = ("Antrag", "Bescheid", "Aktenvermerk", "Gutachten", "Gebührenbescheid", "Vermerk")
_TIMERS = ("Frist abwarten", "3 Tage warten", "Rückmeldung abwarten", "Wiedervorlage")

# Layout (pixels), the sizes bpmn.io uses.
_POOL_X, _POOL_Y, _POOL_HEAD = 160, 80, 30
_LANE_H = 200
_COL_W = 150
_NODE_Y = 70  # node centre below the lane's top edge
_SIZE = {"task": (100, 80), "event": (36, 36), "gateway": (50, 50)}

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'
    ' xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"'
    ' xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"'
    ' xmlns:di="http://www.omg.org/spec/DD/20100524/DI"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xmlns:camunda="http://camunda.org/schema/1.0/bpmn"'
    ' xmlns:modeler="http://camunda.org/schema/modeler/1.0"'
    ' id="Definitions_{seed}" targetNamespace="http://bpmn.io/schema/bpmn"'
    ' exporter="Camunda Modeler" exporterVersion="5.21.0"'
    ' modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.20.0">\n'
)


_DEFAULT_LATER = "?"
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


class _Node(NamedTuple):
    id: str
    tag: str  # userTask, exclusiveGateway, startEvent ...
    kind: str  # task, event or gateway (the shape size)
    name: str
    lane: int
    col: int
    detail: str  # gateway: default flow id; catch event: timer duration


class _Flow(NamedTuple):
    id: str
    source: int  # node index
    target: int
    name: str
    condition: str
    loop: bool  # a rework loop routed below the nodes


class _Data(NamedTuple):
    id: str  # the dataObjectReference
    object_id: str  # its dataObject
    name: str
    lane: int
    col: int
    writer: int  # node index of the task with the dataOutputAssociation
    output_id: str
    readers: tuple[tuple[int, str, str], ...]  # (node index, association id, property id)


class _Plan:
    """The model as tuples: what the writer streams out, in bpmn.io's element order."""

    def __init__(self, nodes: int, lanes: int, seed: int, data_inputs: bool) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.lanes = lanes
        self.data_inputs = data_inputs
        self.nodes: list[_Node] = []
        self.flows: list[_Flow] = []
        self.data: list[_Data] = []
        self.order: list[tuple[str, int]] = []  # ("node" | "flow" | "data", index)
        # Ids come from their own generator, so the structure does not depend on them.
        self._id_rng = random.Random(f"ids-{seed}")
        self._ids: set[str] = set()
        self._build(nodes)

    # -- ids ---------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        """A bpmn.io-like id, ``Activity_0k3v9ds``: "0" or "1" and six base-36 digits."""
        while True:
            suffix = "".join(self._id_rng.choices(_BASE36, k=6))
            element_id = f"{prefix}_{self._id_rng.choice('01')}{suffix}"
            if element_id not in self._ids:
                self._ids.add(element_id)
                return element_id

    # -- building blocks -----------------------------------------------------------
    def node(self, tag: str, kind: str, name: str, lane: int, col: int, detail: str = "") -> int:
        prefix = {"task": "Activity", "event": "Event", "gateway": "Gateway"}[kind]
        self.nodes.append(_Node(self.new_id(prefix), tag, kind, name, lane, col, detail))
        self.order.append(("node", len(self.nodes) - 1))
        return len(self.nodes) - 1

    def flow(
        self, source: int, target: int, name: str = "", condition: str = "", loop: bool = False
    ) -> str:
        flow_id = self.new_id("Flow")
        self.flows.append(_Flow(flow_id, source, target, name, condition, loop))
        self.order.append(("flow", len(self.flows) - 1))
        return flow_id

    def task(self, lane: int, col: int) -> int:
        rng = self.rng
        tag = rng.choices([t for t, _ in TASK_TYPES], [w for _, w in TASK_TYPES])[0]
        name = f"{rng.choice(_OBJECTS)} {rng.choice(_VERBS)}"
        return self.node(tag, "task", name, lane, col)

    def next_lane(self, lane: int) -> int:
        if self.lanes > 1 and self.rng.random() < 0.3:
            return self.rng.randrange(self.lanes)
        return lane

    def other_lanes(self, lane: int, count: int) -> list[int]:
        others = [i for i in range(self.lanes) if i != lane]
        self.rng.shuffle(others)
        return [lane, *others][:count] + [lane] * max(0, count - self.lanes)

    # -- the process ---------------------------------------------------------------
    def _build(self, total: int) -> None:
        if total < 2:
            raise ValueError("a model needs at least a start and an end event (nodes >= 2)")
        rng = self.rng
        lane, col = 0, 0
        last = self.node("startEvent", "event", "Antrag eingegangen", lane, col)
        budget = total - 2  # the start and end events
        tasks_since_data = 0
        while budget > 0:
            col += 1
            roll = rng.random()
            if roll < 0.10 and budget >= 4:
                last, col, used = self._split_join(last, lane, col, budget)
            elif roll < 0.14 and budget >= 3:
                last, col, used = self._rework(last, lane, col)
            elif roll < 0.16:
                lane = self.next_lane(lane)
                duration = f"P{rng.randint(1, 14)}D"
                timer = self.node(
                    "intermediateCatchEvent", "event", rng.choice(_TIMERS), lane, col, duration
                )
                self.flow(last, timer)
                last, used = timer, 1
            else:
                lane = self.next_lane(lane)
                task = self.task(lane, col)
                self.flow(last, task)
                last, used = task, 1
                tasks_since_data += 1
                if tasks_since_data >= 15 and rng.random() < 0.3:
                    self._document(task, lane, col)
                    tasks_since_data = 0
            budget -= used
            lane = self.nodes[last].lane
        end = self.node("endEvent", "event", "Vorgang abgeschlossen", lane, col + 1)
        self.flow(last, end)

    def _split_join(self, last: int, lane: int, col: int, budget: int) -> tuple[int, int, int]:
        """An exclusive split into 2–3 branches of 1–3 tasks each, and the join."""
        rng = self.rng
        branches = rng.choice((2, 2, 2, 3))
        lengths = [rng.randint(1, 3) for _ in range(branches)]
        while sum(lengths) + 2 > budget:  # shrink to fit the remaining budget
            longest = max(range(branches), key=lengths.__getitem__)
            if lengths[longest] > 1:
                lengths[longest] -= 1
            else:
                branches -= 1
                lengths.pop()
        question = rng.choice(_QUESTIONS)
        split = self.node("exclusiveGateway", "gateway", question, lane, col)
        self.flow(last, split)
        ends = []
        default_flow = ""
        for number, (branch_lane, length) in enumerate(
            zip(self.other_lanes(lane, branches), lengths, strict=True)
        ):
            previous, first = split, True
            for step in range(length):
                task = self.task(branch_lane, col + 1 + step)
                if first:
                    label = ("ja", "nein", "teilweise")[number]
                    condition = "" if number == 0 else f"${{ergebnis == '{label}'}}"
                    flow_id = self.flow(previous, task, label, condition)
                    if number == 0:
                        default_flow = flow_id
                    first = False
                else:
                    self.flow(previous, task)
                previous = task
            ends.append(previous)
        col += max(lengths) + 1
        join = self.node("exclusiveGateway", "gateway", "", lane, col)
        for end in ends:
            self.flow(end, join)
        self.nodes[split] = self.nodes[split]._replace(detail=default_flow)
        return join, col, sum(lengths) + 2

    def _rework(self, last: int, lane: int, col: int) -> tuple[int, int, int]:
        """Merge gateway, a task, a check that loops back to the merge when it fails."""
        merge = self.node("exclusiveGateway", "gateway", "", lane, col)
        self.flow(last, merge)
        task = self.task(lane, col + 1)
        self.flow(merge, task)
        check = self.node("exclusiveGateway", "gateway", self.rng.choice(_QUESTIONS), lane, col + 2)
        self.flow(task, check)
        self.flow(check, merge, "nein", "${!ok}", loop=True)
        # The "ja" branch, created by the next step, becomes the default: see finish().
        self.nodes[check] = self.nodes[check]._replace(detail=_DEFAULT_LATER)
        return check, col + 2, 3

    def _document(self, writer: int, lane: int, col: int) -> None:
        """A data object the task writes; later tasks may read it (bpmn.io style)."""
        self.data.append(
            _Data(
                self.new_id("DataObjectReference"),
                self.new_id("DataObject"),
                self.rng.choice(_DOCUMENTS),
                lane,
                col,
                writer,
                self.new_id("DataOutputAssociation"),
                (),
            )
        )
        self.order.append(("data", len(self.data) - 1))

    def finish(self) -> None:
        """Fill in defaults known only now and let tasks read the documents."""
        later = {i for i, node in enumerate(self.nodes) if node.detail == _DEFAULT_LATER}
        for flow in self.flows:
            if flow.source in later and not flow.loop:
                self.nodes[flow.source] = self.nodes[flow.source]._replace(detail=flow.id)
                later.discard(flow.source)
        self.attach_readers()

    def attach_readers(self) -> None:
        """Let the first task after each document read it (input association + property)."""
        if not self.data_inputs or not self.data:
            return
        pending = {d.writer: i for i, d in enumerate(self.data)}
        waiting: list[int] = []
        for index, node in enumerate(self.nodes):
            if waiting and node.kind == "task" and index not in pending:
                for data_index in waiting:
                    d = self.data[data_index]
                    reader = (index, self.new_id("DataInputAssociation"), self.new_id("Property"))
                    self.data[data_index] = d._replace(readers=(*d.readers, reader))
                waiting = []
            if index in pending:
                waiting.append(pending[index])


def write_synthetic_model(
    path: str | Path, nodes: int, lanes: int = 8, seed: int = 0, *, data_inputs: bool = True
) -> int:
    """Write a synthetic BPMN 2.0 model with exactly ``nodes`` flow nodes; return its size.

    Flow nodes are the start and end events, tasks, timer events and gateways (data
    objects are extra). The same arguments always give the same bytes.

    Parameters
    ----------
    path
        The file to write (overwritten).
    nodes
        Number of flow nodes, at least 2.
    lanes
        Lanes of the pool; every flow node is listed in exactly one.
    seed
        Seeds the structure, names and ids.
    data_inputs
        Let tasks read documents through a ``dataInputAssociation`` whose target is a
        ``property`` placeholder, exactly as bpmn.io writes it.

    Returns
    -------
    int
        The size of the written file in bytes.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     a = write_synthetic_model(os.path.join(tmp, "a.bpmn"), 30, seed=7)
    ...     b = write_synthetic_model(os.path.join(tmp, "b.bpmn"), 30, seed=7)
    ...     same = open(os.path.join(tmp, "a.bpmn"), "rb").read() == open(
    ...         os.path.join(tmp, "b.bpmn"), "rb").read()
    >>> a == b and same
    True
    """
    if lanes < 1:
        raise ValueError("lanes must be at least 1")
    plan = _Plan(nodes, lanes, seed, data_inputs)
    plan.finish()
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        for piece in _document(plan):
            out.write(piece)
    return path.stat().st_size


# -- writing ---------------------------------------------------------------------------
def _document(plan: _Plan) -> Iterator[str]:
    collaboration = f"Collaboration_{plan.seed}"
    participant = plan.new_id("Participant")
    process = plan.new_id("Process")
    lane_ids = [plan.new_id("Lane") for _ in range(plan.lanes)]
    lane_names = [
        _LANES[i % len(_LANES)] + ("" if i < len(_LANES) else f" {i // len(_LANES) + 1}")
        for i in range(plan.lanes)
    ]
    yield _HEAD.format(seed=plan.seed)
    yield (
        f'  <bpmn:collaboration id="{collaboration}">\n'
        f'    <bpmn:participant id="{participant}" name="Antragsverfahren (synthetisch)"'
        f' processRef="{process}" />\n'
        "  </bpmn:collaboration>\n"
        f'  <bpmn:process id="{process}" isExecutable="false">\n'
        f'    <bpmn:laneSet id="{plan.new_id("LaneSet")}">\n'
    )
    members: list[list[str]] = [[] for _ in range(plan.lanes)]
    for node in plan.nodes:
        members[node.lane].append(node.id)
    for lane_id, name, ids in zip(lane_ids, lane_names, members, strict=True):
        yield f"      <bpmn:lane id={quoteattr(lane_id)} name={quoteattr(name)}>\n"
        yield "".join(f"        <bpmn:flowNodeRef>{i}</bpmn:flowNodeRef>\n" for i in ids)
        yield "      </bpmn:lane>\n"
    yield "    </bpmn:laneSet>\n"

    incoming: list[list[str]] = [[] for _ in plan.nodes]
    outgoing: list[list[str]] = [[] for _ in plan.nodes]
    for flow in plan.flows:
        outgoing[flow.source].append(flow.id)
        incoming[flow.target].append(flow.id)
    writes: dict[int, list[_Data]] = {}
    reads: dict[int, list[tuple[_Data, str, str]]] = {}
    for data in plan.data:
        writes.setdefault(data.writer, []).append(data)
        for reader, association, prop in data.readers:
            reads.setdefault(reader, []).append((data, association, prop))

    chunk: list[str] = []
    for kind, index in plan.order:
        if kind == "node":
            chunk.append(
                _node_xml(
                    plan.nodes[index],
                    incoming[index],
                    outgoing[index],
                    writes.get(index, ()),
                    reads.get(index, ()),
                )
            )
        elif kind == "flow":
            chunk.append(_flow_xml(plan.flows[index], plan.nodes))
        else:
            data = plan.data[index]
            chunk.append(
                f'    <bpmn:dataObjectReference id="{data.id}" name={quoteattr(data.name)}'
                f' dataObjectRef="{data.object_id}" />\n'
                f'    <bpmn:dataObject id="{data.object_id}" />\n'
            )
        if len(chunk) >= 512:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)
    yield "  </bpmn:process>\n"
    yield from _diagram(plan, collaboration, participant, lane_ids)
    yield "</bpmn:definitions>\n"


def _node_xml(
    node: _Node,
    incoming: list[str],
    outgoing: list[str],
    writes: list[_Data] | tuple[()],
    reads: list[tuple[_Data, str, str]] | tuple[()],
) -> str:
    attrs = f'id="{node.id}"'
    if node.name:
        attrs += f" name={quoteattr(node.name)}"
    if node.tag == "exclusiveGateway" and node.detail:
        attrs += f' default="{node.detail}"'
    elif node.tag == "userTask":
        attrs += ' camunda:candidateGroups="sachbearbeitung"'
    parts = [f"    <bpmn:{node.tag} {attrs}>\n"]
    parts.extend(f"      <bpmn:incoming>{f}</bpmn:incoming>\n" for f in incoming)
    parts.extend(f"      <bpmn:outgoing>{f}</bpmn:outgoing>\n" for f in outgoing)
    for _data, _association, prop in reads:
        parts.append(f'      <bpmn:property id="{prop}" name="__targetRef_placeholder" />\n')
    for data, association, prop in reads:
        parts.append(
            f'      <bpmn:dataInputAssociation id="{association}">\n'
            f"        <bpmn:sourceRef>{data.id}</bpmn:sourceRef>\n"
            f"        <bpmn:targetRef>{prop}</bpmn:targetRef>\n"
            "      </bpmn:dataInputAssociation>\n"
        )
    for data in writes:
        parts.append(
            f'      <bpmn:dataOutputAssociation id="{data.output_id}">\n'
            f"        <bpmn:targetRef>{data.id}</bpmn:targetRef>\n"
            "      </bpmn:dataOutputAssociation>\n"
        )
    if node.tag == "intermediateCatchEvent":
        parts.append(
            f'      <bpmn:timerEventDefinition id="TimerEventDefinition_{node.id[6:]}">\n'
            f'        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{node.detail}'
            "</bpmn:timeDuration>\n"
            "      </bpmn:timerEventDefinition>\n"
        )
    parts.append(f"    </bpmn:{node.tag}>\n")
    return "".join(parts)


def _flow_xml(flow: _Flow, nodes: list[_Node]) -> str:
    attrs = f'id="{flow.id}"'
    if flow.name:
        attrs += f" name={quoteattr(flow.name)}"
    attrs += f' sourceRef="{nodes[flow.source].id}" targetRef="{nodes[flow.target].id}"'
    if not flow.condition:
        return f"    <bpmn:sequenceFlow {attrs} />\n"
    return (
        f"    <bpmn:sequenceFlow {attrs}>\n"
        '      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">'
        f"{escape(flow.condition)}</bpmn:conditionExpression>\n"
        "    </bpmn:sequenceFlow>\n"
    )


# -- diagram interchange -----------------------------------------------------------------
def _centre(lane: int, col: int) -> tuple[int, int]:
    return (
        _POOL_X + _POOL_HEAD + 80 + col * _COL_W,
        _POOL_Y + lane * _LANE_H + _NODE_Y,
    )


def _bounds(x: int, y: int, width: int, height: int) -> str:
    return f'<dc:Bounds x="{x}" y="{y}" width="{width}" height="{height}" />'


def _shape(element_id: str, bounds: str, attrs: str = "", label: str = "") -> str:
    head = f'      <bpmndi:BPMNShape id="{element_id}_di" bpmnElement="{element_id}"{attrs}>\n'
    body = f"        {bounds}\n"
    if label:
        body += f"        <bpmndi:BPMNLabel>\n          {label}\n        </bpmndi:BPMNLabel>\n"
    return head + body + "      </bpmndi:BPMNShape>\n"


def _edge(element_id: str, points: list[tuple[int, int]], label: str = "") -> str:
    parts = [f'      <bpmndi:BPMNEdge id="{element_id}_di" bpmnElement="{element_id}">\n']
    parts.extend(f'        <di:waypoint x="{x}" y="{y}" />\n' for x, y in points)
    if label:
        parts.append(
            f"        <bpmndi:BPMNLabel>\n          {label}\n        </bpmndi:BPMNLabel>\n"
        )
    parts.append("      </bpmndi:BPMNEdge>\n")
    return "".join(parts)


def _node_shape(node: _Node) -> str:
    cx, cy = _centre(node.lane, node.col)
    width, height = _SIZE[node.kind]
    bounds = _bounds(cx - width // 2, cy - height // 2, width, height)
    label_width = min(120, max(30, 6 * len(node.name)))
    if node.kind == "gateway":
        label = ""
        if node.name:
            label = _bounds(cx - label_width // 2, cy - height // 2 - 27, label_width, 14)
        return _shape(node.id, bounds, ' isMarkerVisible="true"', label)
    if node.kind == "event":
        label = _bounds(cx - label_width // 2, cy + height // 2 + 7, label_width, 27)
        return _shape(node.id, bounds, "", label)
    return _shape(node.id, bounds)


def _flow_points(flow: _Flow, nodes: list[_Node]) -> list[tuple[int, int]]:
    """Orthogonal routing as bpmn.io draws it: 2 points straight, 3–4 around corners."""
    source, target = nodes[flow.source], nodes[flow.target]
    sx, sy = _centre(source.lane, source.col)
    tx, ty = _centre(target.lane, target.col)
    sw, sh = _SIZE[source.kind]
    tw, th = _SIZE[target.kind]
    if flow.loop:  # back to an earlier node, routed below both
        bottom = _POOL_Y + source.lane * _LANE_H + _LANE_H - 12
        return [(sx, sy + sh // 2), (sx, bottom), (tx, bottom), (tx, ty + th // 2)]
    if sy == ty:
        return [(sx + sw // 2, sy), (tx - tw // 2, ty)]
    down = 1 if ty > sy else -1
    if source.kind == "gateway":
        return [(sx, sy + down * sh // 2), (sx, ty), (tx - tw // 2, ty)]
    if target.kind == "gateway":
        return [(sx + sw // 2, sy), (tx, sy), (tx, ty - down * th // 2)]
    middle = (sx + sw // 2 + tx - tw // 2) // 2
    return [(sx + sw // 2, sy), (middle, sy), (middle, ty), (tx - tw // 2, ty)]


def _data_shapes(data: _Data, nodes: list[_Node]) -> str:
    cx, _cy = _centre(data.lane, data.col)
    x, y = cx + 32, _POOL_Y + data.lane * _LANE_H + 118
    label_width = max(30, 6 * len(data.name))
    parts = [
        _shape(
            data.id,
            _bounds(x, y, 36, 50),
            label=_bounds(x + 18 - label_width // 2, y + 54, label_width, 14),
        )
    ]
    wx, wy = _centre(nodes[data.writer].lane, nodes[data.writer].col)
    parts.append(_edge(data.output_id, [(wx + 20, wy + 40), (x, y + 12)]))
    for reader, association, _prop in data.readers:
        rx, ry = _centre(nodes[reader].lane, nodes[reader].col)
        if ry == wy:
            points = [(x + 36, y + 25), (rx - 30, y + 25), (rx - 30, ry + 40)]
        else:
            points = [(x + 36, y + 25), (rx - 50, ry + 20)]
        parts.append(_edge(association, points))
    return "".join(parts)


def _diagram(
    plan: _Plan, collaboration: str, participant: str, lane_ids: list[str]
) -> Iterator[str]:
    columns = max(node.col for node in plan.nodes) + 2
    width = _POOL_HEAD + 80 + columns * _COL_W
    yield (
        '  <bpmndi:BPMNDiagram id="BPMNDiagram_1">\n'
        f'    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="{collaboration}">\n'
    )
    yield _shape(
        participant,
        _bounds(_POOL_X, _POOL_Y, width, plan.lanes * _LANE_H),
        ' isHorizontal="true"',
    )
    for number, lane_id in enumerate(lane_ids):
        yield _shape(
            lane_id,
            _bounds(_POOL_X + _POOL_HEAD, _POOL_Y + number * _LANE_H, width - _POOL_HEAD, _LANE_H),
            ' isHorizontal="true"',
        )
    nodes = plan.nodes
    chunk: list[str] = []
    for kind, index in plan.order:
        if kind == "node":
            chunk.append(_node_shape(nodes[index]))
        elif kind == "flow":
            flow = plan.flows[index]
            points = _flow_points(flow, nodes)
            label = ""
            if flow.name:
                x, y = points[0]
                label = _bounds(x + 6, y - 20, max(16, 7 * len(flow.name)), 14)
            chunk.append(_edge(flow.id, points, label))
        else:
            chunk.append(_data_shapes(plan.data[index], nodes))
        if len(chunk) >= 512:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)
    yield "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n"
