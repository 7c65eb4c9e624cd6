"""Automatic layout for models without (or with partial) diagram interchange.

A layered (Sugiyama-style) layout of each process's sequence-flow graph, left to
right: cycles are broken at back edges found by depth-first search, nodes get the
longest-path layer, long edges get dummy slots so no shape sits on them, and a few
barycentre sweeps order the nodes inside each lane to reduce crossings. Pools are
stacked top to bottom, lanes keep their order, black-box pools become bands, and a
sub-process with content is drawn collapsed with its own drill-down diagram (as
bpmn.io does), so every diagram stays small and readable.

The result is a new :class:`Definitions` that shares the semantic elements with the
input and carries fresh diagrams only; the exporter writes it as BPMN DI.

Examples
--------
>>> from processanalysis.bpmn import read_bpmn
>>> xml = (b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
...        b'<process id="P"><startEvent id="S"/><task id="T"/><endEvent id="E"/>'
...        b'<sequenceFlow id="F1" sourceRef="S" targetRef="T"/>'
...        b'<sequenceFlow id="F2" sourceRef="T" targetRef="E"/></process></definitions>')
>>> laid = auto_layout(read_bpmn(xml))
>>> xs = {s.bpmn_element: s.bounds.x for s in laid.diagrams[0].plane.shapes}
>>> xs["S"] < xs["T"] < xs["E"]
True
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, pairwise

from processanalysis.bpmn.diagram import Bounds, Diagram, Edge, Plane, Point, Shape
from processanalysis.bpmn.model import (
    Activity,
    Association,
    BaseElement,
    Collaboration,
    Container,
    DataAssociation,
    DataObjectReference,
    DataStoreReference,
    Definitions,
    Event,
    FlowNode,
    Gateway,
    Lane,
    Participant,
    Process,
    SequenceFlow,
    SubProcess,
    TextAnnotation,
)
from processanalysis.render.shapes import io_declarations

__all__ = ["SIZES", "auto_layout"]

#: Default shape sizes (bpmn.io's).
SIZES: dict[str, tuple[float, float]] = {
    "activity": (100.0, 80.0),
    "event": (36.0, 36.0),
    "gateway": (50.0, 50.0),
    "dataObject": (36.0, 50.0),
    "dataStore": (50.0, 50.0),
    "annotation": (100.0, 30.0),
}
COLUMN = 150.0  # horizontal pitch of layers
ROW = 120.0  # vertical pitch of rows inside a lane
BOUNDARY_ROOM = 60.0  # extra height of a row whose activity carries boundary events
BAND = 30.0  # title band of pools and lanes
PAD = 30.0  # free space around the content of a lane (loop edges run there)
BLACK_BOX = 60.0  # height of a black-box pool
GAP = 30.0  # vertical space between pools
#: Message flows run vertically this far from a column's centre: inside the gap between
#: columns, but beside the gap's middle, where sequence flows turn.
MESSAGE_GAP = COLUMN / 2 - 14


def auto_layout(model: Definitions) -> Definitions:
    """A copy of ``model`` with a fresh, complete left-to-right diagram.

    Existing diagrams are replaced (a partial DI is laid out anew as a whole, which
    is what a tidy generated variant needs). Semantic elements are shared with
    ``model``, not copied. Sub-processes with content are drawn collapsed on the
    main diagram and get one drill-down diagram each.
    """
    builder = _Builder(model)
    diagrams = builder.build()
    laid = dataclasses.replace(model, diagrams=diagrams, _index=None)
    return laid


def _size(element: BaseElement) -> tuple[float, float]:
    if element.type in ("dataInput", "dataOutput"):
        return SIZES["dataObject"]
    if isinstance(element, Event):
        return SIZES["event"]
    if isinstance(element, Gateway):
        return SIZES["gateway"]
    if isinstance(element, DataObjectReference):
        return SIZES["dataObject"]
    if isinstance(element, DataStoreReference):
        return SIZES["dataStore"]
    if isinstance(element, TextAnnotation):
        return SIZES["annotation"]
    return SIZES["activity"]


@dataclass
class _Item:
    """One slot in the grid: a node, a data element or a dummy of a long edge."""

    key: str
    element: BaseElement | None
    layer: int
    band: int
    slot: int = 0


@dataclass
class _Band:
    """A horizontal strip of a pool: a leaf lane, or the whole pool without lanes."""

    lane: Lane | None
    depth: int
    rows: int = 1
    row_tops: list[float] = field(default_factory=list)
    top: float = 0.0
    height: float = 0.0


@dataclass
class _Canvas:
    shapes: list[Shape] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    bounds: dict[str, Bounds] = field(default_factory=dict)
    pool_of: dict[str, tuple[float, float]] = field(default_factory=dict)

    def shape(self, element: BaseElement, bounds: Bounds, **kwargs: object) -> None:
        assert element.id is not None
        self.bounds[element.id] = bounds
        self.shapes.append(
            Shape(id=f"{element.id}_di", bpmn_element=element.id, bounds=bounds, **kwargs)
        )  # type: ignore[arg-type]

    def edge(self, element: BaseElement, points: list[tuple[float, float]]) -> None:
        cleaned: list[Point] = []
        for x, y in points:
            point = Point(round(x, 1), round(y, 1))
            if cleaned and cleaned[-1].x == point.x and cleaned[-1].y == point.y:
                continue
            if len(cleaned) >= 2 and (
                cleaned[-2].x == cleaned[-1].x == point.x
                or cleaned[-2].y == cleaned[-1].y == point.y
            ):
                cleaned[-1] = point  # collinear: extend the segment
                continue
            cleaned.append(point)
        if len(cleaned) < 2:
            return
        self.edges.append(Edge(id=f"{element.id}_di", bpmn_element=element.id, waypoints=cleaned))


class _Builder:
    def __init__(self, model: Definitions) -> None:
        self.model = model
        self.message_flows = 0
        #: element inside a collapsed sub-process -> the sub-process drawn for it
        self.inside: dict[str, str] = {}

    def drawn_as(self, canvas: _Canvas, element_id: str | None) -> str:
        """The id whose shape stands for ``element_id`` here (itself or its sub-process)."""
        current = element_id or ""
        seen = 0
        while current not in canvas.bounds and current in self.inside and seen < 100:
            current = self.inside[current]
            seen += 1
        return current

    def build(self) -> list[Diagram]:
        """One diagram per collaboration (or one for the processes), then the drill-downs."""
        model = self.model
        processes = {p.id: p for p in model.processes}
        in_pool = {p.process_ref for c in model.collaborations for p in c.participants}
        loose = [p for pid, p in processes.items() if pid not in in_pool]
        diagrams: list[Diagram] = []
        drill: list[Diagram] = []
        collaborations = model.collaborations or [None]
        for index, collaboration in enumerate(collaborations):
            extra = loose if index == 0 else []
            if collaboration is not None:
                extra = [p for p in extra if p.flow_elements]
            diagrams.append(self._diagram(collaboration, processes, extra, index, drill))
        return [*diagrams, *drill]

    def _diagram(
        self,
        collaboration: Collaboration | None,
        processes: dict[str | None, Process],
        loose: list[Process],
        index: int,
        drill: list[Diagram],
    ) -> Diagram:
        canvas = _Canvas()
        y = 0.0
        pools: list[tuple[Participant | None, Process | None, float, float, float]] = []
        laid: list[tuple[Participant | None, Process | None, _ProcessLayout | None]] = []
        if collaboration is not None:
            for participant in collaboration.participants:
                process = processes.get(participant.process_ref or "")
                laid.append(
                    (
                        participant,
                        process,
                        _ProcessLayout(process, self) if process is not None else None,
                    )
                )
        for process in loose:
            laid.append((None, process, _ProcessLayout(process, self)))
        width = max([600.0, *(layout.width for _, _, layout in laid if layout is not None)])
        for participant, process, layout in laid:
            if layout is None:
                assert participant is not None
                pools.append((participant, process, y, width, BLACK_BOX))
                canvas.pool_of[participant.id or ""] = (y, y + BLACK_BOX)
                y += BLACK_BOX + GAP
                continue
            pool_band = BAND if participant is not None else 0.0
            layout.place(canvas, pool_band, y, width)
            for key in layout.items:
                canvas.pool_of[key] = (y, y + layout.height)
            for events in layout.boundary.values():
                for event in events:
                    canvas.pool_of[event.id or ""] = (y, y + layout.height)
            pools.append((participant, process, y, width, layout.height))
            drill.extend(layout.drilldowns)
            y += layout.height + GAP
        pool_shapes: list[Shape] = []
        for participant, process, top, pool_width, height in pools:
            if participant is not None:
                bounds = Bounds(
                    0.0, top, pool_width + (BAND if process is not None else 0.0), height
                )
                pool_shapes.append(
                    Shape(
                        id=f"{participant.id}_di",
                        bpmn_element=participant.id,
                        bounds=bounds,
                        is_horizontal=True,
                    )
                )
                canvas.bounds[participant.id or ""] = bounds
        canvas.shapes[:0] = pool_shapes
        if collaboration is not None:
            x = BAND
            for artifact in collaboration.artifacts:
                if isinstance(artifact, TextAnnotation) and artifact.id:
                    w, h = SIZES["annotation"]
                    canvas.shape(artifact, Bounds(x, y, w, h))
                    x += w + 30
            for flow in collaboration.message_flows:
                self.message_flow(canvas, flow)
            for artifact in collaboration.artifacts:
                if isinstance(artifact, Association):
                    _association(canvas, artifact)
        plane_ref = (
            collaboration.id if collaboration is not None else (loose[0].id if loose else None)
        )
        suffix = "" if index == 0 else f"_{index + 1}"
        return Diagram(
            id=f"Diagram_auto{suffix}",
            name="auto layout",
            plane=Plane(
                id=f"Plane_auto{suffix}",
                bpmn_element=plane_ref,
                elements=[*canvas.shapes, *canvas.edges],
            ),
        )

    def message_flow(self, canvas: _Canvas, flow: BaseElement) -> None:
        source_id = self.drawn_as(canvas, getattr(flow, "source", None))
        target_id = self.drawn_as(canvas, getattr(flow, "target", None))
        source = canvas.bounds.get(source_id)
        target = canvas.bounds.get(target_id)
        if source is None or target is None:
            return
        source_pool = canvas.pool_of.get(source_id)
        target_pool = canvas.pool_of.get(target_id)
        self.message_flows += 1
        offset = (self.message_flows % 3 - 1) * 6
        down = source.y + source.height <= target.y
        up = target.y + target.height <= source.y
        if not (down or up):
            points = [
                _clip(source, target.x + target.width / 2, target.y + target.height / 2),
                _clip(target, source.x + source.width / 2, source.y + source.height / 2),
            ]
        else:
            # Leave the source's column through the gap beside it, turn in the gap between
            # the pools, and enter the target's column through the gap before it: vertical
            # runs then cross no shape of either pool.
            if down:
                mid = (source.y + source.height + target.y) / 2
                if source_pool and target_pool and source_pool[1] <= target_pool[0]:
                    mid = source_pool[1] + GAP / 2 + offset
            else:
                mid = (target.y + target.height + source.y) / 2
                if source_pool and target_pool and target_pool[1] <= source_pool[0]:
                    mid = target_pool[1] + GAP / 2 + offset
            points = self._message_end(source, source_id, target, down, mid, leaving=True)
            points += reversed(self._message_end(target, target_id, source, not down, mid, False))
        if isinstance(flow, BaseElement):
            canvas.edge(flow, points)

    def _message_end(
        self, box: Bounds, element_id: str, other: Bounds, down: bool, mid: float, leaving: bool
    ) -> list[tuple[float, float]]:
        """Waypoints from ``box`` (source or target) to the turning line ``mid``.

        ``down`` says whether the flow leaves ``box`` downwards. A black-box pool is left
        or entered straight at the other end's gap; a node through the column gap beside it.
        """
        cx = box.x + box.width / 2
        edge_y = box.y + box.height if down else box.y
        if isinstance(self.model.get(element_id), Participant):
            ox = other.x + other.width / 2
            x = ox + MESSAGE_GAP if leaving is False else ox - MESSAGE_GAP
            x = min(max(x, box.x + 10), box.x + box.width - 10)
            return [(x, edge_y), (x, mid)]
        step = 10 if down else -10
        gap = cx + MESSAGE_GAP if leaving else cx - MESSAGE_GAP
        return [(cx, edge_y), (cx, edge_y + step), (gap, edge_y + step), (gap, mid)]


class _ProcessLayout:
    """The grid of one process (or sub-process): bands, layers, slots, then coordinates."""

    def __init__(self, container: Container, builder: _Builder, *, with_lanes: bool = True) -> None:
        self.container = container
        self.builder = builder
        self.drilldowns: list[Diagram] = []
        self.bands: list[_Band] = []
        self.lane_parents: list[tuple[Lane, int, list[int]]] = []
        lanes = [ls for ls in container.lane_sets] if with_lanes else []
        band_of: dict[str, int] = {}
        self.depth = 0
        for lane_set in lanes:
            for lane in lane_set.lanes:
                self._add_lane(lane, 0, band_of)
        self.has_lanes = bool(self.bands)
        if not self.bands:
            self.bands.append(_Band(None, 0))
        self.items: dict[str, _Item] = {}
        self.flows: list[SequenceFlow] = []
        self.back: set[str] = set()
        self.boundary: dict[str, list[Event]] = defaultdict(list)
        self.chains: dict[str, list[str]] = {}
        self.loops = 0
        self._grid(band_of)
        self._order()
        self._measure()

    # -- lanes ---------------------------------------------------------------------------
    def _add_lane(self, lane: Lane, depth: int, band_of: dict[str, int]) -> list[int]:
        children = lane.child_lane_set.lanes if lane.child_lane_set is not None else []
        self.depth = max(self.depth, depth + 1)
        if not children:
            index = len(self.bands)
            self.bands.append(_Band(lane, depth))
            for ref in lane.flow_node_refs:
                band_of.setdefault(ref, index)
            self.lane_parents.append((lane, depth, [index]))
            return [index]
        covered: list[int] = []
        for child in children:
            covered.extend(self._add_lane(child, depth + 1, band_of))
        for ref in lane.flow_node_refs:
            band_of.setdefault(ref, covered[0])
        self.lane_parents.append((lane, depth, covered))
        return covered

    # -- layering ------------------------------------------------------------------------
    def _grid(self, band_of: dict[str, int]) -> None:
        nodes: list[FlowNode] = []
        others: list[BaseElement] = []
        for element in self.container.flow_elements:
            if isinstance(element, SequenceFlow):
                self.flows.append(element)
            elif (
                isinstance(element, Event)
                and element.type == "boundaryEvent"
                and element.attached_to
            ):
                self.boundary[element.attached_to].append(element)
            elif isinstance(element, FlowNode) and element.id:
                nodes.append(element)
            elif isinstance(element, DataObjectReference | DataStoreReference) and element.id:
                others.append(element)
        others.extend(a for a in self.container.artifacts if isinstance(a, TextAnnotation) and a.id)
        if isinstance(self.container, Process):
            # process-level data inputs/outputs live in the ioSpecification (kept as XML)
            for text in self.container.extra:
                for kind, ident, name in io_declarations(text):
                    others.append(BaseElement(id=ident, type=kind, name=name or None))
        ids = {n.id for n in nodes}
        host_of = {
            b.id: host for host, events in self.boundary.items() for b in events if host in ids
        }
        succ: dict[str, list[str]] = {n.id: [] for n in nodes}  # type: ignore[misc]
        edges: list[tuple[str, str, SequenceFlow]] = []
        for flow in self.flows:
            src = host_of.get(flow.source or "", flow.source)
            if src in succ and flow.target in succ and src != flow.target:
                succ[src].append(flow.target)  # type: ignore[index]
                edges.append((src, flow.target, flow))  # type: ignore[arg-type]
        back_pairs = _back_edges([n.id for n in nodes], succ)  # type: ignore[misc]
        preds: dict[str, list[str]] = defaultdict(list)
        for src, tgt, flow in edges:
            if (src, tgt) in back_pairs:
                self.back.add(flow.id or "")
            else:
                preds[tgt].append(src)
        layer: dict[str, int] = {}
        for node_id in _topological([n.id for n in nodes], succ, back_pairs):  # type: ignore[misc]
            layer[node_id] = max((layer[p] + 1 for p in preds[node_id] if p in layer), default=0)
        default_band = 0
        for node in nodes:
            key = node.id or ""
            self.items[key] = _Item(key, node, layer.get(key, 0), band_of.get(key, default_band))
        # long forward edges get one dummy per crossed layer, in the source's band
        for src, tgt, flow in edges:
            if flow.id in self.back:
                continue
            a, b = self.items[src], self.items[tgt]
            chain = []
            for lay in range(a.layer + 1, b.layer):
                key = f"\0{flow.id}\0{lay}"
                self.items[key] = _Item(key, None, lay, a.band)
                chain.append(key)
            if chain:
                self.chains[flow.id or ""] = chain
        # data and annotations sit in the layer and band of the first element they touch
        touch = self._touches()
        for element in others:
            anchor = next(
                (self.items[t] for t in touch.get(element.id or "", []) if t in self.items), None
            )
            key = element.id or ""
            band = band_of.get(key, anchor.band if anchor else 0)  # a lane may list data too
            self.items[key] = _Item(key, element, anchor.layer if anchor else 0, band)

    def _touches(self) -> dict[str, list[str]]:
        touch: dict[str, list[str]] = defaultdict(list)
        for element in self.container.flow_elements:
            if isinstance(element, Activity) and element.id:
                for assoc in element.data_inputs:
                    for source in assoc.sources:
                        touch[source].append(element.id)
                for assoc in element.data_outputs:
                    if assoc.target:
                        touch[assoc.target].append(element.id)
        for artifact in self.container.artifacts:
            if isinstance(artifact, Association) and artifact.source and artifact.target:
                touch[artifact.source].append(artifact.target)
                touch[artifact.target].append(artifact.source)
        return touch

    # -- crossing reduction ----------------------------------------------------------------
    def _order(self) -> None:
        cells: dict[tuple[int, int], list[_Item]] = defaultdict(list)
        for item in self.items.values():
            cells[(item.band, item.layer)].append(item)
        neighbours_in: dict[str, list[str]] = defaultdict(list)
        neighbours_out: dict[str, list[str]] = defaultdict(list)
        host_of = {e.id: host for host, events in self.boundary.items() for e in events}
        for flow in self.flows:
            if flow.id in self.back:
                continue
            src = host_of.get(flow.source, flow.source) or ""
            chain = [src, *self.chains.get(flow.id or "", []), flow.target or ""]
            for a, b in pairwise(chain):
                if a in self.items and b in self.items:
                    neighbours_out[a].append(b)
                    neighbours_in[b].append(a)
        for items in cells.values():
            for slot, item in enumerate(items):
                item.slot = slot
        self.occupancy = {key: {item.slot for item in items} for key, items in cells.items()}
        by_layer: dict[int, list[tuple[int, list[_Item]]]] = defaultdict(list)
        for (band, layer), items in cells.items():
            if len(items) > 1:
                by_layer[layer].append((band, items))
        layers = sorted({layer for _, layer in cells})
        for sweep in range(4):
            forward = sweep % 2 == 0
            for lay in layers if forward else reversed(layers):
                for band, items in by_layer.get(lay, ()):
                    neighbours = neighbours_in if forward else neighbours_out

                    def centre(
                        item: _Item, neighbours: dict[str, list[str]] = neighbours, band: int = band
                    ) -> float:
                        others = [self.items[n] for n in neighbours.get(item.key, [])]
                        if not others:
                            return float(item.slot)
                        mean = sum(o.band * 1000 + o.slot for o in others) / len(others)
                        return mean - band * 1000

                    items.sort(key=centre)
                    for slot, item in enumerate(items):
                        item.slot = slot
        rows: dict[int, int] = defaultdict(lambda: 1)
        for (band_index, _), items in cells.items():
            rows[band_index] = max(rows[band_index], len(items))
        heights = {index: [ROW] * rows[index] for index in range(len(self.bands))}
        for host in self.boundary:
            item = self.items.get(host)
            if item is not None:
                heights[item.band][item.slot] = ROW + BOUNDARY_ROOM
        for band_index, band in enumerate(self.bands):
            band.rows = rows[band_index]
            band.row_tops = [0.0, *accumulate(heights[band_index])]
        self.layers = (max(layers) + 1) if layers else 1

    def _measure(self) -> None:
        self.left = BAND * self.depth + PAD
        self.width = BAND * self.depth + PAD * 2 + self.layers * COLUMN
        top = 0.0
        for band in self.bands:
            band.top = top
            band.height = band.row_tops[-1] + PAD
            top += band.height
        self.height = max(top, ROW + PAD)

    # -- coordinates ---------------------------------------------------------------------
    def place(self, canvas: _Canvas, x0: float, y0: float, width: float) -> None:
        """Write shapes and edges with the content starting at ``x0``, pool top ``y0``."""
        if self.has_lanes:
            for lane, depth, covered in self.lane_parents:
                top = self.bands[covered[0]].top
                bottom = self.bands[covered[-1]].top + self.bands[covered[-1]].height
                canvas.shape(
                    lane,
                    Bounds(x0 + depth * BAND, y0 + top, width - depth * BAND, bottom - top),
                    is_horizontal=True,
                )
        centres: dict[str, tuple[float, float]] = {}
        for key, item in self.items.items():
            band = self.bands[item.band]
            cx = x0 + self.left + item.layer * COLUMN + COLUMN / 2
            cy = y0 + band.top + PAD / 2 + band.row_tops[item.slot] + ROW / 2
            centres[key] = (cx, cy)
            element = item.element
            if element is None:
                continue
            w, h = _size(element)
            kwargs: dict[str, object] = {}
            if isinstance(element, Gateway) and element.type == "exclusiveGateway":
                kwargs["is_marker_visible"] = True
            if isinstance(element, SubProcess):
                kwargs["is_expanded"] = False
                if element.flow_elements:
                    self._drilldown(element)
            canvas.shape(element, Bounds(cx - w / 2, cy - h / 2, w, h), **kwargs)
            for index, event in enumerate(self.boundary.get(key, [])):
                bx = cx - w / 2 + 15 + index * 40
                canvas.shape(event, Bounds(bx, cy + h / 2 - 18, 36, 36))
                canvas.bounds.setdefault(event.id or "", Bounds(bx, cy + h / 2 - 18, 36, 36))
        self.centres = centres
        for flow in self.flows:
            self._route(canvas, flow, y0)
        for element in self.container.flow_elements:
            if isinstance(element, Activity):
                for assoc in (*element.data_inputs, *element.data_outputs):
                    _data_association(canvas, element, assoc)
        for artifact in self.container.artifacts:
            if isinstance(artifact, Association):
                _association(canvas, artifact)

    def _route(self, canvas: _Canvas, flow: SequenceFlow, y0: float) -> None:
        """Orthogonal waypoints; vertical jogs run in the free gaps between columns."""
        source = canvas.bounds.get(flow.source or "")
        target = canvas.bounds.get(flow.target or "")
        if source is None or target is None or not flow.id or flow.target not in self.items:
            return
        sx, sy = source.x + source.width / 2, source.y + source.height / 2
        tx, ty = target.x + target.width / 2, target.y + target.height / 2
        target_item = self.items[flow.target or ""]
        source_item = self.items.get(flow.source or "")
        if flow.id in self.back or tx <= sx:
            self._loop(canvas, flow, source, target, y0)
            return
        chain = [self.centres[k] for k in self.chains.get(flow.id, [])]
        points: list[tuple[float, float]]
        if source_item is None:  # a boundary event: leave downwards, below its host
            drop = source.y + source.height + 8
            points = [(sx, source.y + source.height), (sx, drop)]
            y = drop
        else:
            adjacent = (
                not chain
                and target_item.layer == source_item.layer + 1
                and target_item.band == source_item.band
            )
            lo, hi = sorted((source_item.slot, target_item.slot))
            free_below_source = not self._occupied(source_item, lo, hi)
            free_above_target = not self._occupied(target_item, lo, hi)
            if (
                adjacent
                and free_below_source
                and abs(ty - sy) > 1
                and isinstance(source_item.element, Gateway)
            ):
                start = (sx, source.y if ty < sy else source.y + source.height)
                canvas.edge(flow, [start, (sx, ty), (target.x, ty)])
                return
            if (
                adjacent
                and free_above_target
                and abs(ty - sy) > 1
                and isinstance(target_item.element, Gateway)
            ):
                end = (tx, target.y if sy < ty else target.y + target.height)
                canvas.edge(flow, [(source.x + source.width, sy), (tx, sy), end])
                return
            points = [(source.x + source.width, sy)]
            y = sy
        for cx, cy in chain:
            if abs(cy - y) > 1:
                gap = cx - COLUMN / 2
                points += [(gap, y), (gap, cy)]
                y = cy
            points.append((cx, cy))
        if abs(ty - y) > 1:
            gap = tx - COLUMN / 2
            points += [(gap, y), (gap, ty)]
        points.append((target.x, ty))
        canvas.edge(flow, points)

    def _occupied(self, item: _Item, lo: int, hi: int) -> bool:
        """Whether another item of ``item``'s column sits in rows ``lo..hi`` of its band."""
        slots = self.occupancy.get((item.band, item.layer), set())
        return any(lo <= slot <= hi and slot != item.slot for slot in slots)

    def _loop(
        self, canvas: _Canvas, flow: SequenceFlow, source: Bounds, target: Bounds, y0: float
    ) -> None:
        """A back edge: out right, along the free strip at the band's bottom, in from the left."""
        band = self.bands[self.items[flow.target or ""].band]
        self.loops += 1
        channel = y0 + band.top + band.height - PAD / 2 + (self.loops % 3 - 1) * 5
        sx, sy = source.x + source.width, source.y + source.height / 2
        ty = target.y + target.height / 2
        out_gap = source.x + source.width / 2 + COLUMN / 2 - 8
        in_gap = target.x + target.width / 2 - COLUMN / 2 + 8
        points = [
            (sx, sy),
            (out_gap, sy),
            (out_gap, channel),
            (in_gap, channel),
            (in_gap, ty),
            (target.x, ty),
        ]
        if flow.source not in self.items:  # boundary event
            points = [(source.x + source.width / 2, source.y + source.height)] + points[2:]
            points[1] = (points[0][0], channel)
        canvas.edge(flow, points)

    def _drilldown(self, sub: SubProcess) -> None:
        for element in sub.flow_elements:
            if element.id and sub.id:
                self.builder.inside[element.id] = sub.id
        inner = _ProcessLayout(sub, self.builder, with_lanes=False)
        canvas = _Canvas()
        inner.place(canvas, 0.0, 0.0, inner.width)
        self.drilldowns.append(
            Diagram(
                id=f"Diagram_{sub.id}",
                name=sub.name or sub.id,
                plane=Plane(
                    id=f"Plane_{sub.id}",
                    bpmn_element=sub.id,
                    elements=[*canvas.shapes, *canvas.edges],
                ),
            )
        )
        self.drilldowns.extend(inner.drilldowns)


def _back_edges(order: list[str], succ: dict[str, list[str]]) -> set[tuple[str, str]]:
    """Edges that close a cycle, found by an iterative DFS from the sources first."""
    indegree: dict[str, int] = dict.fromkeys(order, 0)
    for targets in succ.values():
        for t in targets:
            indegree[t] += 1
    roots = [n for n in order if indegree[n] == 0] + order
    state: dict[str, int] = {}  # 1 on stack, 2 done
    back: set[tuple[str, str]] = set()
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[str, Iterable[str]]] = [(root, iter(succ[root]))]
        while stack:
            node, children = stack[-1]
            for child in children:
                mark = state.get(child)
                if mark == 1:
                    back.add((node, child))
                elif mark is None:
                    state[child] = 1
                    stack.append((child, iter(succ[child])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return back


def _topological(
    order: list[str], succ: dict[str, list[str]], back: set[tuple[str, str]]
) -> list[str]:
    indegree: dict[str, int] = dict.fromkeys(order, 0)
    for src, targets in succ.items():
        for t in targets:
            if (src, t) not in back:
                indegree[t] += 1
    ready = [n for n in order if indegree[n] == 0]
    result: list[str] = []
    while ready:
        node = ready.pop()
        result.append(node)
        for t in succ[node]:
            if (node, t) in back:
                continue
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    return result


def _clip(box: Bounds, px: float, py: float) -> tuple[float, float]:
    """Where the line from the box centre to ``(px, py)`` leaves the box."""
    cx, cy = box.x + box.width / 2, box.y + box.height / 2
    dx, dy = px - cx, py - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(
        (box.width / 2) / abs(dx) if dx else float("inf"),
        (box.height / 2) / abs(dy) if dy else float("inf"),
    )
    return cx + dx * scale, cy + dy * scale


def _straight(
    canvas: _Canvas, element: BaseElement, source: str | None, target: str | None
) -> None:
    a = canvas.bounds.get(source or "")
    b = canvas.bounds.get(target or "")
    if a is None or b is None or not element.id:
        return
    start = _clip(a, b.x + b.width / 2, b.y + b.height / 2)
    end = _clip(b, a.x + a.width / 2, a.y + a.height / 2)
    canvas.edge(element, [start, end])


def _association(canvas: _Canvas, association: Association) -> None:
    _straight(canvas, association, association.source, association.target)


def _data_association(canvas: _Canvas, activity: Activity, assoc: DataAssociation) -> None:
    if assoc.type == "dataOutputAssociation":
        _straight(canvas, assoc, activity.id, assoc.target)
    else:
        for source in assoc.sources[:1]:
            _straight(canvas, assoc, source, activity.id)
