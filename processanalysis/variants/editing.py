"""Model surgery shared by the improvement operations: copy, locate, rewire, redraw.

Operations never touch the caller's model: :class:`Editor` works on a deep copy and
records which element ids it added, removed and changed, so every operation reports
exactly what it did (the tests compare that record with :func:`diff_models`).

Diagram interchange is kept tidy with simple rules: a new or re-connected flow is drawn
orthogonally from the right side of its source shape to the left side of its target
shape (or straight down/up when they overlap horizontally); a moved shape keeps its x
and is centred in its new lane; removed elements lose their shapes and edges.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.diagram import Bounds, Edge, Label, Plane, Point, Shape
from processanalysis.bpmn.model import (
    Activity,
    Association,
    BaseElement,
    Container,
    Definitions,
    Event,
    FlowElement,
    FlowNode,
    Lane,
    MessageFlow,
    SequenceFlow,
    SubProcess,
)

__all__ = ["PA_IT_SYSTEM", "PA_MEDIUM", "Editor", "OperationError", "local_name", "pa"]


def pa(name: str) -> str:
    """Clark name of a workbench extension attribute (``pa:name``)."""
    return "{%s}%s" % (ns.PA, name)


PA_MEDIUM = pa("medium")
PA_IT_SYSTEM = pa("itSystem")


class OperationError(ValueError):
    """An operation cannot be applied: what, where, and what to do instead.

    ``message`` is a dict ``{"de": ..., "en": ...}``; ``str()`` gives the German text.
    """

    def __init__(self, de: str, en: str) -> None:
        super().__init__(de)
        self.messages = {"de": de, "en": en}

    def text(self, lang: str = "de") -> str:
        return self.messages.get(lang) or self.messages["de"]


@dataclass(slots=True)
class _Place:
    """Where a flow node lives: its container and its process."""

    node: FlowNode
    container: Container
    process_id: str
    #: The containers from the process down to ``container`` (inclusive).
    chain: tuple[Container, ...] = ()


class Editor:
    """A deep copy of a model with helpers that record every change they make."""

    def __init__(self, model: Definitions) -> None:
        self.model = copy.deepcopy(model)
        self.model.warnings = []
        self.model.fidelity = None
        self.model.invalidate_index()
        self.added: list[str] = []
        self.removed: list[str] = []
        self.changed: list[str] = []
        self._counter = itertools.count(1)
        self._adjacency = self.adjacency()

    # -- records ---------------------------------------------------------------------------
    def touch(self, element_id: str | None) -> None:
        """Record a change of an element that existed before (not one added now)."""
        if element_id and element_id not in self.added and element_id not in self.changed:
            self.changed.append(element_id)

    def adjacency(self) -> dict[str, tuple[list[str], list[str]]]:
        """Sorted predecessors and successors of every flow node along sequence flows."""
        result: dict[str, tuple[list[str], list[str]]] = {}
        for place in self._places():
            if place.node.id:
                result[place.node.id] = ([], [])
        for process in self.model.processes:
            for element in process.walk():
                if isinstance(element, SequenceFlow) and element.source in result and (
                    element.target in result
                ):
                    result[element.source][1].append(element.target or "")
                    result[element.target or ""][0].append(element.source or "")
        for preds, succs in result.values():
            preds.sort()
            succs.sort()
        return result

    def result_ids(self) -> tuple[list[str], list[str], list[str]]:
        """(added, removed, changed); nodes whose neighbours changed count as changed."""
        after = self.adjacency()
        for node_id, before in self._adjacency.items():
            if node_id in after and after[node_id] != before:
                self.touch(node_id)
        removed = set(self.removed)
        changed = [c for c in self.changed if c not in removed]
        return list(self.added), list(self.removed), changed

    # -- lookup ----------------------------------------------------------------------------
    def _places(self) -> Iterator[_Place]:
        def visit(
            container: Container, process_id: str, chain: tuple[Container, ...]
        ) -> Iterator[_Place]:
            for element in container.flow_elements:
                if isinstance(element, FlowNode):
                    yield _Place(element, container, process_id, chain)
                if isinstance(element, SubProcess):
                    yield from visit(element, process_id, (*chain, element))

        for process in self.model.processes:
            yield from visit(process, process.id or "", (process,))

    def all_lanes(self) -> Iterator[Lane]:
        """Every lane of every process and sub-process."""
        for place in self._places():
            if isinstance(place.node, SubProcess):
                yield from place.node.lanes()
        for process in self.model.processes:
            yield from process.lanes()

    def place(self, node_id: str) -> _Place:
        for place in self._places():
            if place.node.id == node_id:
                return place
        raise OperationError(
            f"Element „{node_id}“ gibt es im Modell nicht (oder es ist kein Flussknoten); "
            "bitte eine ID aus dem Diagramm oder der Befundliste angeben.",
            f"There is no flow node '{node_id}' in the model; give an id from the diagram "
            "or the findings list.",
        )

    def activity(self, node_id: str) -> _Place:
        place = self.place(node_id)
        if not isinstance(place.node, Activity):
            raise OperationError(
                f"„{node_id}“ ist keine Aktivität ({place.node.type}); diese Operation gilt "
                "nur für Schritte (Aufgaben, Teilprozesse).",
                f"'{node_id}' is no activity ({place.node.type}); this operation applies to "
                "steps (tasks, sub-processes) only.",
            )
        return place

    def flows(self, container: Container) -> dict[str, SequenceFlow]:
        return {
            e.id: e for e in container.flow_elements if isinstance(e, SequenceFlow) and e.id
        }

    def incoming(self, place: _Place) -> list[SequenceFlow]:
        return [
            e for e in place.container.flow_elements
            if isinstance(e, SequenceFlow) and e.target == place.node.id
        ]

    def outgoing(self, place: _Place) -> list[SequenceFlow]:
        return [
            e for e in place.container.flow_elements
            if isinstance(e, SequenceFlow) and e.source == place.node.id
        ]

    def node_in(self, container: Container, node_id: str | None) -> FlowNode | None:
        for element in container.flow_elements:
            if isinstance(element, FlowNode) and element.id == node_id:
                return element
        return None

    def boundary_events(self, place: _Place) -> list[Event]:
        return [
            e for e in place.container.flow_elements
            if isinstance(e, Event) and e.attached_to == place.node.id
        ]

    def lane_of(self, node_id: str) -> Lane | None:
        """The node's unit as the analysis sees it: the innermost lane listing it, lanes
        of the nearest enclosing (sub-)process first."""
        return self.lane_in(self.place(node_id))

    @staticmethod
    def lane_in(place: _Place) -> Lane | None:
        for container in reversed(place.chain):
            found: Lane | None = None
            for lane in container.lanes():
                if place.node.id in lane.flow_node_refs:
                    found = lane  # nested lanes come later and win
            if found is not None:
                return found
        return None

    @staticmethod
    def lanes_for(place: _Place) -> list[Lane]:
        """The lanes a node may be put in: those of the nearest (sub-)process with lanes."""
        for container in reversed(place.chain):
            lanes = list(container.lanes())
            if lanes:
                return lanes
        return []

    # -- ids -------------------------------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        taken = self.model.index
        while True:
            candidate = f"{prefix}_pa{next(self._counter)}"
            if candidate not in taken and candidate not in self.added:
                return candidate

    # -- flow surgery ---------------------------------------------------------------------
    def add_node(self, container: Container, node: FlowNode, lane: Lane | None) -> None:
        container.flow_elements.append(node)
        if lane is not None and node.id:
            lane.flow_node_refs.append(node.id)
        if node.id:
            self.added.append(node.id)
        self.model.invalidate_index()

    def connect(self, container: Container, source: FlowNode, target: FlowNode) -> SequenceFlow:
        flow = SequenceFlow(
            id=self.new_id("Flow"), type="sequenceFlow", source=source.id, target=target.id
        )
        container.flow_elements.append(flow)
        source.outgoing.append(flow.id or "")
        target.incoming.append(flow.id or "")
        self.added.append(flow.id or "")
        self.model.invalidate_index()
        self.route(flow)
        return flow

    def retarget(self, container: Container, flow: SequenceFlow, target: FlowNode) -> None:
        old = self.node_in(container, flow.target)
        if old is not None and flow.id in old.incoming:
            old.incoming.remove(flow.id)
        flow.target = target.id
        target.incoming.append(flow.id or "")
        self.touch(flow.id)
        self.route(flow)

    def resource(self, container: Container, flow: SequenceFlow, source: FlowNode) -> None:
        old = self.node_in(container, flow.source)
        if old is not None and flow.id in old.outgoing:
            old.outgoing.remove(flow.id)
        flow.source = source.id
        source.outgoing.append(flow.id or "")
        self.touch(flow.id)
        self.route(flow)

    def delete_flow(self, container: Container, flow: SequenceFlow) -> None:
        for end in (flow.source, flow.target):
            node = self.node_in(container, end)
            if node is not None:
                if flow.id in node.outgoing:
                    node.outgoing.remove(flow.id)
                if flow.id in node.incoming:
                    node.incoming.remove(flow.id)
                if getattr(node, "default", None) == flow.id:
                    node.default = None  # type: ignore[union-attr]
        container.flow_elements.remove(flow)
        self._forget(flow.id)

    def delete_node(self, place: _Place) -> None:
        """Remove a node with its data associations, message flows and associations.

        Its sequence flows must have been removed or rewired before.
        """
        node = place.node
        node_id = node.id or ""
        place.container.flow_elements.remove(node)
        for lane in self.all_lanes():
            while node_id in lane.flow_node_refs:
                lane.flow_node_refs.remove(node_id)
        if isinstance(node, Activity):
            for assoc in node.data_inputs + node.data_outputs:
                self.drop_di(assoc.id)
        for collaboration in self.model.collaborations:
            for flow in list(collaboration.message_flows):
                if node_id in (flow.source, flow.target):
                    collaboration.message_flows.remove(flow)
                    self._forget(flow.id)
        self._drop_associations(node_id)
        self._forget(node_id)

    def referenced_by_events(self, element_id: str) -> list[str]:
        """Events whose definitions name the element (compensation of an activity)."""
        found: list[str] = []
        for place in self._places():
            node = place.node
            if isinstance(node, Event) and any(d.ref == element_id for d in node.definitions):
                found.append(node.id or "?")
        return found

    def _drop_associations(self, element_id: str) -> None:
        containers: list[list] = [p.artifacts for p in self.model.processes]
        containers += [c.artifacts for c in self.model.collaborations]
        containers += [
            place.node.artifacts for place in self._places() if isinstance(place.node, SubProcess)
        ]
        for artifacts in containers:
            for artifact in list(artifacts):
                if isinstance(artifact, Association) and element_id in (
                    artifact.source, artifact.target
                ):
                    artifacts.remove(artifact)
                    self._forget(artifact.id)

    def _forget(self, element_id: str | None) -> None:
        if not element_id:
            return
        if element_id in self.added:
            self.added.remove(element_id)
        else:
            self.removed.append(element_id)
        self.drop_di(element_id)
        self.model.invalidate_index()

    # -- attributes -------------------------------------------------------------------------
    def set_attribute(self, element: BaseElement, key: str, value: str | None) -> None:
        if element.attributes.get(key) == value:
            return
        if value is None:
            element.attributes.pop(key, None)
        else:
            element.attributes[key] = value
        self.touch(element.id)

    def retype(self, node: FlowNode, new_type: str) -> None:
        """Change a task's type, dropping what the XSD allows only on the old type
        (``implementation`` on a plain task, a ``script`` on a service task ...)."""
        if node.type == new_type:
            return
        node.type = new_type
        allowed = _TYPE_ATTRIBUTES.get(new_type, frozenset())
        for key in [k for k in node.attributes if k in _TYPED_ATTRIBUTES and k not in allowed]:
            del node.attributes[key]
        children = _TYPE_CHILDREN.get(new_type, frozenset())
        node.extra = [
            xml for xml in node.extra
            if local_name(xml) not in _TYPED_CHILDREN or local_name(xml) in children
        ]
        self.touch(node.id)

    def message_flows_to(self, node_id: str) -> list[MessageFlow]:
        return [f for f in self.model.message_flows if f.target == node_id]

    # -- diagram interchange ---------------------------------------------------------------
    def planes(self) -> Iterator[Plane]:
        for diagram in self.model.diagrams:
            if diagram.plane is not None:
                yield diagram.plane

    def shape(self, element_id: str | None) -> Shape | None:
        for plane in self.planes():
            for element in plane.elements:
                if isinstance(element, Shape) and element.bpmn_element == element_id:
                    return element
        return None

    def edge(self, element_id: str | None) -> tuple[Plane, Edge] | None:
        for plane in self.planes():
            for element in plane.elements:
                if isinstance(element, Edge) and element.bpmn_element == element_id:
                    return plane, element
        return None

    def _plane_of_shape(self, element_id: str | None) -> Plane | None:
        for plane in self.planes():
            for element in plane.elements:
                if isinstance(element, Shape) and element.bpmn_element == element_id:
                    return plane
        return None

    def drop_di(self, element_id: str | None) -> None:
        if not element_id:
            return
        for plane in self.planes():
            plane.elements = [e for e in plane.elements if e.bpmn_element != element_id]

    def add_shape(self, element: FlowNode, bounds: Bounds, near: str | None) -> None:
        """Draw a new node in the plane that shows ``near`` (no-op for models without DI)."""
        plane = self._plane_of_shape(near)
        if plane is None:
            return
        shape = Shape(id=f"{element.id}_di", bpmn_element=element.id, bounds=bounds)
        if isinstance(element, Event) or element.type.endswith("Gateway"):
            shape.label = Label(bounds=Bounds(bounds.x - 10, bounds.y + bounds.height + 5,
                                              bounds.width + 20, 14))
        plane.elements.append(shape)

    def route(self, flow: SequenceFlow) -> None:
        """(Re)draw a sequence flow between the shapes of its ends."""
        source, target = self.shape(flow.source), self.shape(flow.target)
        if source is None or target is None or source.bounds is None or target.bounds is None:
            return
        points = orthogonal(source.bounds, target.bounds)
        found = self.edge(flow.id)
        if found is not None:
            _plane, edge = found
            edge.waypoints = points
            edge.source_element = source.id
            edge.target_element = target.id
            if edge.label is not None and edge.label.bounds is not None:
                edge.label.bounds.x = points[0].x + 5
                edge.label.bounds.y = points[0].y - 20
            return
        plane = self._plane_of_shape(flow.source)
        if plane is None:
            return
        plane.elements.append(
            Edge(id=f"{flow.id}_di", bpmn_element=flow.id, waypoints=points)
        )

    def reroute_node(self, place: _Place) -> None:
        for flow in self.incoming(place) + self.outgoing(place):
            self.route(flow)
            # The waypoints moved: DI only, not a semantic change, so not recorded.

    def move_shape(self, element_id: str | None, x: float, y: float) -> None:
        shape = self.shape(element_id)
        if shape is None or shape.bounds is None:
            return
        dx, dy = x - shape.bounds.x, y - shape.bounds.y
        shape.bounds.x, shape.bounds.y = x, y
        if shape.label is not None and shape.label.bounds is not None:
            shape.label.bounds.x += dx
            shape.label.bounds.y += dy


#: Attributes and child elements the XSD allows on some task types only.
_TYPE_ATTRIBUTES = {
    "userTask": frozenset({"implementation"}),
    "serviceTask": frozenset({"implementation", "operationRef"}),
    "sendTask": frozenset({"implementation", "messageRef", "operationRef"}),
    "receiveTask": frozenset({"implementation", "instantiate", "messageRef", "operationRef"}),
    "scriptTask": frozenset({"scriptFormat"}),
    "businessRuleTask": frozenset({"implementation"}),
}
_TYPED_ATTRIBUTES = frozenset().union(*_TYPE_ATTRIBUTES.values())
_TYPE_CHILDREN = {"userTask": frozenset({"rendering"}), "scriptTask": frozenset({"script"})}
_TYPED_CHILDREN = frozenset({"rendering", "script"})


def local_name(xml: str) -> str:
    """Local name of a verbatim element (``<bpmn:script ...`` → ``script``)."""
    tag = xml.lstrip()[1:].split(None, 1)[0].split(">", 1)[0].rstrip("/")
    return tag.rsplit(":", 1)[-1]


def orthogonal(source: Bounds, target: Bounds) -> list[Point]:
    """Waypoints from ``source`` to ``target``: right → left with one elbow, or vertical."""
    sx, sy = source.center
    tx, ty = target.center
    if target.x >= source.x + source.width:
        start = Point(source.x + source.width, sy)
        end = Point(target.x, ty)
        if abs(sy - ty) < 1:
            return [start, end]
        middle = (start.x + end.x) / 2
        return [start, Point(middle, sy), Point(middle, ty), end]
    if target.x + target.width <= source.x:  # backwards: go round below
        below = max(source.y + source.height, target.y + target.height) + 20
        return [
            Point(sx, source.y + source.height), Point(sx, below), Point(tx, below),
            Point(tx, target.y + target.height),
        ]
    if ty >= sy:
        return [Point(sx, source.y + source.height), Point(tx, target.y)]
    return [Point(sx, source.y), Point(tx, target.y + target.height)]


def flow_node_ids(container: Container) -> list[str]:
    return [e.id for e in container.flow_elements if isinstance(e, FlowNode) and e.id]


def is_flow(element: FlowElement) -> bool:
    return isinstance(element, SequenceFlow)
