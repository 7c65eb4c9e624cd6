"""Operations on the flow: remove, merge, move and parallelise steps.

Each keeps the model sound: flows are reconnected so every remaining step is still
reached and still reaches an end; a change that could not keep that promise (a step
with several ways in *and* out, boundary events, data one step hands to the next) is
refused with a message that says what to do instead.
"""

from __future__ import annotations

from processanalysis.bpmn.diagram import Bounds, Edge, Shape
from processanalysis.bpmn.model import (
    TASK_TYPES,
    Activity,
    DataObjectReference,
    Event,
    FlowNode,
    Gateway,
    Lane,
    SequenceFlow,
    SubProcess,
)
from processanalysis.variants.editing import Editor, OperationError, local_name, pa
from processanalysis.variants.operations import _register

__all__ = ["merge_steps", "move_step", "parallelise", "remove_step"]

_GATEWAY = 50.0
_GAP = 40.0


def _no_boundaries(editor: Editor, place, what_de: str, what_en: str) -> None:
    compensating = editor.referenced_by_events(place.node.id or "")
    if compensating:
        ids = ", ".join(compensating)
        raise OperationError(
            f"„{place.node.id}“ wird von Ereignissen referenziert ({ids}, Kompensation); "
            "bitte diese Bezüge zuerst im Modellierer lösen.",
            f"'{place.node.id}' is referenced by events ({ids}, compensation); remove those "
            "references in the modeller first.",
        )
    events = editor.boundary_events(place)
    if events:
        ids = ", ".join(e.id or "?" for e in events)
        raise OperationError(
            f"„{place.node.id}“ hat angeheftete Ereignisse ({ids}); {what_de} Bitte die "
            "Ereignisse zuerst entfernen oder umhängen.",
            f"'{place.node.id}' has boundary events ({ids}); {what_en} Remove or re-attach "
            "them first.",
        )


@_register(
    "remove_step",
    ("element",),
    "Schritt entfernen: Flüsse werden neu verbunden",
    "Remove a step: its flows are reconnected",
)
def remove_step(editor: Editor, element: str) -> dict[str, str]:
    """Drop ``element``; what led into it now leads to what followed it."""
    place = _not_a_container(editor.activity(element))
    label = place.node.label or element
    _no_boundaries(editor, place, "sie würden mit entfallen.", "they would disappear too.")
    ins, outs = editor.incoming(place), editor.outgoing(place)
    if not ins or not outs:
        raise OperationError(
            f"„{label}“ hat keinen eingehenden oder keinen ausgehenden Sequenzfluss; der "
            "Ablauf ließe sich nicht neu verbinden.",
            f"'{label}' has no incoming or no outgoing sequence flow; the flow could not be "
            "reconnected.",
        )
    container = place.container
    if len(outs) == 1:
        successor = editor.node_in(container, outs[0].target)
        if successor is None or any(f.source == successor.id for f in ins):
            raise _cannot_reconnect(label)
        editor.delete_flow(container, outs[0])
        for flow in ins:
            editor.retarget(container, flow, successor)
    elif len(ins) == 1:
        predecessor = editor.node_in(container, ins[0].source)
        if predecessor is None or len(predecessor.outgoing) > 1 or any(
            f.target == predecessor.id for f in outs
        ):
            raise _cannot_reconnect(label)
        editor.delete_flow(container, ins[0])
        for flow in outs:
            editor.resource(container, flow, predecessor)
    else:
        raise _cannot_reconnect(label)
    gap = _gap_of(editor, element)
    editor.delete_node(place)
    _close_gap(editor, gap)
    return {
        "de": f"Schritt „{label}“ entfernt, Ablauf neu verbunden.",
        "en": f"Step '{label}' removed, flow reconnected.",
    }


_Gap = tuple[Bounds, Bounds | None, object] | None
_MIN_GAP = 20.0


def _gap_of(editor: Editor, element: str) -> _Gap:
    """Where a step that is about to go was drawn: its bounds, its lane's (or pool's)
    band, and the plane; ``None`` without DI."""
    shape = editor.shape(element)
    plane = editor._plane_of_shape(element)
    if shape is None or shape.bounds is None or plane is None:
        return None
    cx, cy = shape.bounds.center
    lane = editor.lane_of(element)
    band_shape = editor.shape(lane.id) if lane is not None else None
    if band_shape is None:  # no lanes: the pool around it, if any
        pools = [
            e for e in plane.elements
            if isinstance(e, Shape) and e.bounds is not None and e.bpmn_element
            and _is_band(editor, e.bpmn_element) and _contains(e.bounds, cx, cy)
        ]
        band_shape = min(pools, key=lambda e: e.bounds.height, default=None)
    band = band_shape.bounds if band_shape is not None else None
    return Bounds(shape.bounds.x, shape.bounds.y, shape.bounds.width, shape.bounds.height), (
        band), plane


def _contains(bounds: Bounds, x: float, y: float) -> bool:
    return bounds.x <= x < bounds.x + bounds.width and bounds.y <= y < bounds.y + bounds.height


def _overlap_y(a: Bounds, b: Bounds) -> bool:
    return a.y < b.y + b.height and b.y < a.y + a.height


def _close_gap(editor: Editor, gap: _Gap) -> None:
    """Compact the lane: what lies right of the removed step in its lane (or pool) moves
    left so that the nearest shape takes the removed step's place — never closer than
    20 px to a shape that stays. Edges between moved shapes move along, sequence flows
    with one moved end are re-routed, other edges' moved ends follow."""
    if gap is None:
        return
    gone, band, plane = gap
    right = gone.x + gone.width
    shapes = [
        e for e in plane.elements  # type: ignore[attr-defined]
        if isinstance(e, Shape) and e.bounds is not None
        and not (e.bpmn_element and _is_band(editor, e.bpmn_element))
    ]

    def in_band(shape: Shape) -> bool:
        return band is None or _contains(band, *shape.bounds.center)

    moving = [e for e in shapes if in_band(e) and e.bounds.x >= right]
    hosts = {e.bpmn_element for e in moving}
    for e in shapes:
        node = editor.model.get(e.bpmn_element) if e.bpmn_element else None
        if isinstance(node, Event) and node.attached_to in hosts and e not in moving:
            moving.append(e)
    if not moving:
        return
    moved_ids = {id(e) for e in moving}
    staying = [e for e in shapes if id(e) not in moved_ids]
    dx = min(e.bounds.x for e in moving) - gone.x
    for m in moving:
        for s in staying:
            if _overlap_y(m.bounds, s.bounds) and s.bounds.x + s.bounds.width <= m.bounds.x:
                room = m.bounds.x - (s.bounds.x + s.bounds.width)
                dx = min(dx, room - min(_MIN_GAP, room))
    if dx < 1:
        return
    old = [Bounds(e.bounds.x, e.bounds.y, e.bounds.width, e.bounds.height) for e in moving]

    def touches(point, boxes: list[Bounds]) -> bool:
        return any(b.x - 2 <= point.x <= b.x + b.width + 2 and b.y - 2 <= point.y
                   <= b.y + b.height + 2 for b in boxes)

    edges = [e for e in plane.elements if isinstance(e, Edge) and e.waypoints]  # type: ignore[attr-defined]
    ends = [(touches(e.waypoints[0], old), touches(e.waypoints[-1], old)) for e in edges]
    for e in moving:
        e.bounds.x -= dx
        if e.label is not None and e.label.bounds is not None:
            e.label.bounds.x -= dx
    for edge, (start, end) in zip(edges, ends, strict=True):
        element = editor.model.get(edge.bpmn_element) if edge.bpmn_element else None
        if start and end:
            for point in edge.waypoints:
                point.x -= dx
            if edge.label is not None and edge.label.bounds is not None:
                edge.label.bounds.x -= dx
        elif (start or end) and isinstance(element, SequenceFlow):
            editor.route(element)
        elif start or end:
            point = edge.waypoints[0] if start else edge.waypoints[-1]
            point.x -= dx


def _not_a_container(place):
    """Sub-processes carry their own steps and diagrams: change those, not the whole."""
    if isinstance(place.node, SubProcess):
        raise OperationError(
            f"„{place.node.id}“ ist ein Teilprozess ({place.node.type}); bitte seine Schritte "
            "einzeln bearbeiten oder ihn im Modellierer ändern.",
            f"'{place.node.id}' is a sub-process ({place.node.type}); change its steps one by "
            "one or edit it in the modeller.",
        )
    return place


def _cannot_reconnect(label: str) -> OperationError:
    return OperationError(
        f"„{label}“ hat mehrere Ein- und Ausgänge (oder bildet eine Schleife); beim "
        "Entfernen ginge die Verzweigungslogik verloren. Bitte im Modellierer von Hand ändern.",
        f"'{label}' has several ways in and out (or forms a loop); removing it would lose "
        "the routing logic. Please change the model by hand in the modeller.",
    )


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


@_register(
    "merge_steps",
    ("first", "second", "name"),
    "Schritte zusammenlegen: zwei aufeinanderfolgende Schritte einer Einheit",
    "Merge steps: two consecutive steps of one unit",
    optional=("name",),
)
def merge_steps(
    editor: Editor, first: str, second: str, name: str | None = None
) -> dict[str, str]:
    """``second`` is folded into ``first`` (names joined, times added, flows kept)."""
    if first == second:
        raise OperationError(
            f"Ein Schritt („{first}“) lässt sich nicht mit sich selbst zusammenlegen.",
            f"A step ('{first}') cannot be merged with itself.",
        )
    a, b = editor.activity(first), editor.activity(second)
    for place in (a, b):
        if place.node.type not in TASK_TYPES:
            raise OperationError(
                f"„{place.node.id}“ ist ein {place.node.type}; zusammenlegen lassen sich nur "
                "Aufgaben.",
                f"'{place.node.id}' is a {place.node.type}; only tasks can be merged.",
            )
    _no_boundaries(editor, b, "sie gingen beim Zusammenlegen verloren.", "merging would lose them.")
    link = editor.outgoing(a)
    if (
        a.container is not b.container
        or len(link) != 1
        or link[0].target != second
        or len(editor.incoming(b)) != 1
    ):
        raise OperationError(
            f"„{first}“ und „{second}“ folgen nicht direkt aufeinander (genau ein Fluss von "
            "„{first}“ nach „{second}“, kein anderer Weg hinein oder heraus).".replace(
                "{first}", first).replace("{second}", second),
            f"'{first}' and '{second}' are not consecutive (exactly one flow from the first "
            "to the second, no other way in or out).",
        )
    lane_a, lane_b = editor.lane_of(first), editor.lane_of(second)
    if lane_a is not lane_b:
        raise OperationError(
            f"„{first}“ und „{second}“ liegen in verschiedenen Organisationseinheiten; zuerst "
            "mit move_step in eine Einheit verschieben.",
            f"'{first}' and '{second}' are in different units; move one with move_step first.",
        )
    x, y = a.node, b.node
    assert isinstance(x, Activity) and isinstance(y, Activity)
    label_x, label_y = x.label or first, y.label or second
    x.name = name or f"{label_x} und {label_y}"
    if x.type != y.type:
        # Work at a computer wins over paper work; anything else becomes a plain task.
        types = {x.type, y.type}
        editor.retype(x, next((t for t in ("userTask", "manualTask") if t in types), "task"))
    times = [_number(n.attributes.get(pa("processingTime"))) for n in (x, y)]
    if any(t is not None for t in times):
        total = sum(t or 0.0 for t in times)
        x.attributes[pa("processingTime")] = f"{total:g}"
    _adopt_data(editor, x, y)
    for flow in editor.model.message_flows:
        if flow.source == second:
            flow.source = first
            editor.touch(flow.id)
        if flow.target == second:
            flow.target = first
            editor.touch(flow.id)
    editor.touch(first)
    container = a.container
    editor.delete_flow(container, link[0])
    for flow in editor.outgoing(b):
        editor.resource(container, flow, x)
    gap = _gap_of(editor, second)
    editor.delete_node(b)
    _close_gap(editor, gap)
    for assoc in x.data_inputs + x.data_outputs:
        _redraw_association(editor, assoc.id, first)
    return {
        "de": f"Schritte „{label_x}“ und „{label_y}“ zu „{x.name}“ zusammengelegt.",
        "en": f"Steps '{label_x}' and '{label_y}' merged into '{x.name}'.",
    }


def _adopt_data(editor: Editor, x: Activity, y: Activity) -> None:
    """Data associations of ``y`` move to ``x``. An input association points at a
    placeholder ``property`` or a formal ``dataInput`` of ``y`` (kept verbatim in
    ``extra``): the property moves along, an ``ioSpecification`` too when ``x`` has none;
    otherwise the association is dropped, never left dangling."""
    x_has_io = any(local_name(xml) == "ioSpecification" for xml in x.extra)
    moved: set[int] = set()
    for assoc in y.data_inputs:
        holder = next(
            (i for i, xml in enumerate(y.extra) if assoc.target and f'id="{assoc.target}"' in xml),
            None,
        )
        if holder is None:
            x.data_inputs.append(assoc)
            continue
        kind = local_name(y.extra[holder])
        if kind == "property" or (kind == "ioSpecification" and not x_has_io):
            if holder not in moved:
                x.extra.append(y.extra[holder])
                moved.add(holder)
                x_has_io = x_has_io or kind == "ioSpecification"
            x.data_inputs.append(assoc)
        else:
            editor.drop_di(assoc.id)
    x.data_outputs.extend(y.data_outputs)
    y.data_inputs, y.data_outputs = [], []


def _redraw_association(editor: Editor, assoc_id: str | None, node_id: str) -> None:
    """A data association moved to another step: its end at the step follows."""
    found = editor.edge(assoc_id)
    shape = editor.shape(node_id)
    if found is None or shape is None or shape.bounds is None:
        return
    edge: Edge = found[1]
    if len(edge.waypoints) >= 2:
        cx, cy = shape.bounds.center
        first, last = edge.waypoints[0], edge.waypoints[-1]
        # The end nearer to the removed step's old position is the step's end.
        if abs(first.x - cx) + abs(first.y - cy) > abs(last.x - cx) + abs(last.y - cy):
            last.x, last.y = cx, shape.bounds.y + shape.bounds.height
        else:
            first.x, first.y = cx, shape.bounds.y + shape.bounds.height


def _find_lane(editor: Editor, place, wanted: str) -> Lane:
    lanes = editor.lanes_for(place)
    for lane in lanes:
        if lane.id == wanted:
            return lane
    folded = " ".join(wanted.split()).casefold()
    named = [lane for lane in lanes if lane.label.casefold() == folded]
    if len(named) == 1:
        return named[0]
    names = ", ".join(f"{lane.id} ({lane.label})" for lane in lanes) or "–"
    raise OperationError(
        f"Keine (eindeutige) Lane „{wanted}“ im (Teil-)Prozess des Schritts; vorhanden: "
        f"{names}.",
        f"No (unique) lane '{wanted}' in the step's (sub-)process; lanes: {names}.",
    )


@_register(
    "move_step",
    ("element", "lane"),
    "Schritt verschieben: in eine andere Lane/Organisationseinheit",
    "Move a step to another lane (organisational unit)",
)
def move_step(editor: Editor, element: str, lane: str) -> dict[str, str]:
    """``element`` (with its boundary events) now belongs to ``lane`` (id or name)."""
    place = _not_a_container(editor.activity(element))
    target = _find_lane(editor, place, lane)
    if target.child_lane_set is not None and target.child_lane_set.lanes:
        raise OperationError(
            f"Die Lane „{target.label}“ ist weiter unterteilt; bitte eine ihrer Unter-Lanes "
            "wählen.",
            f"The lane '{target.label}' is subdivided; choose one of its child lanes.",
        )
    current = editor.lane_in(place)
    if current is target:
        raise OperationError(
            f"„{element}“ liegt bereits in „{target.label}“.",
            f"'{element}' is already in '{target.label}'.",
        )
    moving = [place.node, *editor.boundary_events(place)]
    for node in moving:
        was = editor.lane_of(node.id or "")
        for other in editor.lanes_for(place):
            while node.id in other.flow_node_refs:
                other.flow_node_refs.remove(node.id)  # type: ignore[arg-type]
        target.flow_node_refs.append(node.id or "")
        if was is not target:  # a boundary event may have been drawn in the lane already
            editor.touch(node.id)
    _draw_in_lane(editor, place.node, moving[1:], target)
    for node in moving:
        for flow in editor.model.message_flows:
            if node.id in (flow.source, flow.target):
                _straighten_message_flow(editor, flow.id, flow.source, flow.target)
    old_name = current.label if current is not None else "–"
    return {
        "de": f"Schritt „{place.node.label or element}“ von „{old_name}“ nach "
        f"„{target.label}“ verschoben.",
        "en": f"Step '{place.node.label or element}' moved from '{old_name}' to "
        f"'{target.label}'.",
    }


def _draw_in_lane(editor: Editor, node: FlowNode, boundaries: list, lane: Lane) -> None:
    lane_shape = editor.shape(lane.id)
    shape = editor.shape(node.id)
    if lane_shape is None or shape is None or lane_shape.bounds is None or shape.bounds is None:
        return
    lb, sb = lane_shape.bounds, shape.bounds
    if lane_shape.is_horizontal is False:
        new_x, new_y = lb.x + (lb.width - sb.width) / 2, sb.y
    else:
        new_x, new_y = sb.x, lb.y + (lb.height - sb.height) / 2
    dx, dy = new_x - sb.x, new_y - sb.y
    editor.move_shape(node.id, new_x, new_y)
    for event in boundaries:
        event_shape = editor.shape(event.id)
        if event_shape is not None and event_shape.bounds is not None:
            editor.move_shape(event.id, event_shape.bounds.x + dx, event_shape.bounds.y + dy)
    for moved in [node, *boundaries]:
        for flow in _flows_of(editor, moved.id):
            editor.route(flow)


def _flows_of(editor: Editor, node_id: str | None) -> list[SequenceFlow]:
    result: list[SequenceFlow] = []
    for process in editor.model.processes:
        for element in process.walk():
            if isinstance(element, SequenceFlow) and node_id in (element.source, element.target):
                result.append(element)
    return result


def _straighten_message_flow(
    editor: Editor, flow_id: str | None, source: str | None, target: str | None
) -> None:
    found = editor.edge(flow_id)
    a, b = editor.shape(source), editor.shape(target)
    if found is None or a is None or b is None or a.bounds is None or b.bounds is None:
        return
    edge = found[1]
    ax, ay = a.bounds.center
    bx, by = b.bounds.center
    from processanalysis.bpmn.diagram import Point

    start_y = a.bounds.y + a.bounds.height if by > ay else a.bounds.y
    end_y = b.bounds.y if by > ay else b.bounds.y + b.bounds.height
    edge.waypoints = [Point(ax, start_y), Point(ax, (start_y + end_y) / 2),
                      Point(bx, (start_y + end_y) / 2), Point(bx, end_y)]


# -- parallelise ------------------------------------------------------------------------------


def _chain(editor: Editor, steps: list[str]) -> list:
    places = [editor.activity(s) for s in steps]
    container = places[0].container
    if any(p.container is not container for p in places):
        raise OperationError(
            "Die Schritte liegen in verschiedenen (Teil-)Prozessen.",
            "The steps lie in different (sub-)processes.",
        )
    by_id = {p.node.id: p for p in places}
    for place in places:
        _no_boundaries(editor, place, "parallelisieren ginge nur ohne sie.",
                       "parallelising works only without them.")
        if len(editor.incoming(place)) != 1 or len(editor.outgoing(place)) != 1:
            raise OperationError(
                f"„{place.node.id}“ hat nicht genau einen Ein- und einen Ausgang.",
                f"'{place.node.id}' does not have exactly one way in and one way out.",
            )
    heads = [p for p in places if editor.incoming(p)[0].source not in by_id]
    if len(heads) != 1:
        raise _not_consecutive(steps)
    order = [heads[0]]
    while len(order) < len(places):
        nxt = by_id.get(editor.outgoing(order[-1])[0].target)
        if nxt is None or nxt in order:
            raise _not_consecutive(steps)
        order.append(nxt)
    return order


def _not_consecutive(steps: list[str]) -> OperationError:
    listed = ", ".join(steps)
    return OperationError(
        f"Die Schritte {listed} bilden keine ununterbrochene Folge; parallelisieren lassen "
        "sich nur direkt aufeinanderfolgende Schritte.",
        f"The steps {listed} do not form one unbroken sequence; only directly consecutive "
        "steps can be parallelised.",
    )


def _data_keys(editor: Editor, ids: list[str | None]) -> set[str]:
    keys: set[str] = set()
    for element_id in ids:
        element = editor.model.get(element_id)
        if isinstance(element, DataObjectReference) and element.data_object:
            keys.add(element.data_object)
        elif element_id:
            keys.add(element_id)
    return keys


def _check_independent(editor: Editor, order: list) -> None:
    written: set[str] = set()
    for place in order:
        node = place.node
        assert isinstance(node, Activity)
        reads = _data_keys(editor, [s for a in node.data_inputs for s in a.sources])
        shared = reads & written
        if shared:
            raise OperationError(
                f"„{node.label or node.id}“ liest, was ein Schritt davor schreibt "
                f"({', '.join(sorted(shared))}); diese Schritte sind nicht unabhängig.",
                f"'{node.label or node.id}' reads what an earlier step writes "
                f"({', '.join(sorted(shared))}); the steps are not independent.",
            )
        outputs = _data_keys(editor, [a.target for a in node.data_outputs])
        written |= outputs


@_register(
    "parallelise",
    ("steps",),
    "Parallelisieren: unabhängige Schritte laufen zwischen parallelen Gateways gleichzeitig",
    "Parallelise: independent steps run at the same time between parallel gateways",
    list_param="steps",
)
def parallelise(editor: Editor, steps: list[str] | str) -> dict[str, str]:
    """Consecutive, independent ``steps`` run in parallel branches (AND split and join)."""
    if isinstance(steps, str):
        steps = [s for s in steps.replace("+", ",").split(",") if s.strip()]
    steps = [s.strip() for s in steps]
    if len(steps) < 2 or len(set(steps)) != len(steps):
        raise OperationError(
            "Zum Parallelisieren mindestens zwei verschiedene Schritte angeben.",
            "Give at least two different steps to parallelise.",
        )
    order = _chain(editor, steps)
    _check_independent(editor, order)
    container = order[0].container
    lane = editor.lane_of(order[0].node.id or "")
    split = Gateway(id=editor.new_id("Gateway"), type="parallelGateway", direction="Diverging")
    join = Gateway(id=editor.new_id("Gateway"), type="parallelGateway", direction="Converging")
    editor.add_node(container, split, lane)
    editor.add_node(container, join, lane)
    _layout_parallel(editor, order, split, join, lane)
    in_flow = editor.incoming(order[0])[0]
    out_flow = editor.outgoing(order[-1])[0]
    inner = [editor.outgoing(p)[0] for p in order[:-1]]
    editor.retarget(container, in_flow, split)
    editor.resource(container, out_flow, join)
    for flow in inner:
        editor.delete_flow(container, flow)
    for place in order:
        editor.connect(container, split, place.node)
        editor.connect(container, place.node, join)
    labels = ", ".join(f"„{p.node.label or p.node.id}“" for p in order)
    labels_en = ", ".join(f"'{p.node.label or p.node.id}'" for p in order)
    return {
        "de": f"Schritte {labels} laufen jetzt parallel.",
        "en": f"Steps {labels_en} now run in parallel.",
    }


def _layout_parallel(
    editor: Editor, order: list, split: Gateway, join: Gateway, lane: Lane | None
) -> None:
    shapes = [editor.shape(p.node.id) for p in order]
    if any(s is None or s.bounds is None for s in shapes):
        return
    bounds = [s.bounds for s in shapes if s is not None and s.bounds is not None]
    left = bounds[0].x
    right = bounds[-1].x + bounds[-1].width
    centre_y = bounds[0].center[1]
    widest = max(b.width for b in bounds)
    needed = _GATEWAY + _GAP + widest + _GAP + _GATEWAY
    skip = {p.node.id for p in order}
    if needed > right - left:
        _make_room_x(editor, right, needed - (right - left), skip)
    gap = 20.0
    total = sum(b.height for b in bounds) + gap * (len(bounds) - 1)
    top = centre_y - total / 2
    lane_shape = editor.shape(lane.id) if lane is not None else None
    if lane_shape is not None and lane_shape.bounds is not None:
        lb = lane_shape.bounds
        top = max(top, lb.y + 10)
        bottom = top + total
        if bottom > lb.y + lb.height - 10:
            _make_room_y(editor, lb.y + lb.height, bottom - (lb.y + lb.height) + 10, skip)
    column = left + _GATEWAY + _GAP
    y = top
    for place, b in zip(order, bounds, strict=True):
        editor.move_shape(place.node.id, column + (widest - b.width) / 2, y)
        y += b.height + gap
    gy = centre_y - _GATEWAY / 2
    near = order[0].node.id
    editor.add_shape(split, Bounds(left, gy, _GATEWAY, _GATEWAY), near)
    editor.add_shape(join, Bounds(column + widest + _GAP, gy, _GATEWAY, _GATEWAY), near)


def _make_room_x(editor: Editor, at_x: float, dx: float, skip: set) -> None:
    """Shift everything right of ``at_x`` by ``dx``; pools and lanes across it grow."""
    _make_room(editor, "x", "width", at_x, dx, skip, band_edge=False)


def _make_room_y(editor: Editor, at_y: float, dy: float, skip: set) -> None:
    """Shift everything below ``at_y`` by ``dy``; pools and lanes across it grow (also
    a band that ends exactly at ``at_y``: the new row goes into it)."""
    _make_room(editor, "y", "height", at_y, dy, skip, band_edge=True)


def _make_room(
    editor: Editor, axis: str, size: str, at: float, delta: float, skip: set, *, band_edge: bool
) -> None:
    """Shift shapes, waypoints and labels at or beyond ``at`` along ``axis`` by ``delta``;
    a pool or lane across ``at`` (or ending on it when ``band_edge``) grows instead."""
    for plane in editor.planes():
        for element in plane.elements:
            if isinstance(element, Shape) and element.bounds is not None:
                if element.bpmn_element in skip:
                    continue
                b = element.bounds
                start, end = getattr(b, axis), getattr(b, axis) + getattr(b, size)
                across = start < at <= end if band_edge else start < at < end
                if across and element.bpmn_element and _is_band(editor, element.bpmn_element):
                    setattr(b, size, getattr(b, size) + delta)
                elif start >= at:
                    setattr(b, axis, start + delta)
                    if element.label is not None and element.label.bounds is not None:
                        _shift(element.label.bounds, axis, delta)
            elif isinstance(element, Edge):
                for point in element.waypoints:
                    if getattr(point, axis) >= at:
                        _shift(point, axis, delta)
                label = element.label
                if (label is not None and label.bounds is not None
                        and getattr(label.bounds, axis) >= at):
                    _shift(label.bounds, axis, delta)


def _shift(item: object, axis: str, delta: float) -> None:
    setattr(item, axis, getattr(item, axis) + delta)


def _is_band(editor: Editor, element_id: str) -> bool:
    """Pools and lanes grow when room is made across them; other shapes move."""
    element = editor.model.get(element_id)
    return element is not None and element.type in ("participant", "lane")
