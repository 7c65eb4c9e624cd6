"""Render a model's diagram interchange as one standalone SVG document.

Why a Python renderer when the app has bpmn-js: reports (PDF, DOCX, HTML) are made on
a server without a browser. The drawing follows BPMN notation and bpmn.io's look;
every drawn element is a ``<g>`` carrying ``data-element-id`` (the BPMN element id)
so tests, reports and scripts can find it again. All user text is escaped.

Examples
--------
>>> from processanalysis.bpmn import read_bpmn
>>> from processanalysis.render import render_svg
>>> xml = (b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
...        b'<process id="P"><startEvent id="S"/><task id="T" name="A &amp; B"/>'
...        b'<sequenceFlow id="F" sourceRef="S" targetRef="T"/></process></definitions>')
>>> svg = render_svg(read_bpmn(xml))
>>> svg.startswith("<svg") and 'data-element-id="T"' in svg and "A &amp; B" in svg
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from processanalysis.bpmn.diagram import Bounds, Diagram, Edge, Label, Point, Shape
from processanalysis.bpmn.model import (
    Activity,
    Association,
    BaseElement,
    CallActivity,
    DataAssociation,
    DataObject,
    DataObjectReference,
    Definitions,
    Event,
    FlowNode,
    Gateway,
    GenericElement,
    Group,
    Lane,
    MessageFlow,
    Participant,
    SequenceFlow,
    TextAnnotation,
)
from processanalysis.render.overlay import Overlay, heat_colour
from processanalysis.render.shapes import BAND, io_declarations, shape_body, unescape_xml
from processanalysis.render.text import FONT, esc, num, text_block, text_width, wrap

__all__ = ["DiagramNotFound", "has_partial_di", "render_svg", "select_diagram"]

STROKE = "#22242a"
FILL = "#ffffff"
MARGIN = 20.0
INNER_FONT = 12.0
OUTER_FONT = 11.0


#: Task types with a marker at the top left, and where that marker ends.
_ICON_TASKS = frozenset(
    {
        "userTask",
        "manualTask",
        "serviceTask",
        "scriptTask",
        "sendTask",
        "receiveTask",
        "businessRuleTask",
    }
)
_ICON_BOTTOM = 24.0


class DiagramNotFound(ValueError):
    """The requested diagram is not in the model (index out of range or unknown id)."""


def select_diagram(model: Definitions, diagram: int | str | None) -> Diagram | None:
    """The diagram to draw: by index, by id/name/plane element, or the first non-empty.

    Raises :class:`DiagramNotFound` with the available choices when ``diagram`` is given
    but matches nothing; returns ``None`` when ``diagram`` is ``None`` and the model
    has no drawable diagram.
    """
    diagrams = model.diagrams
    if diagram is None:
        for candidate in diagrams:
            if candidate.plane is not None and candidate.plane.elements:
                return candidate
        return None
    if isinstance(diagram, int) and not isinstance(diagram, bool):
        if 0 <= diagram < len(diagrams):
            return diagrams[diagram]
        raise DiagramNotFound(
            f"diagram index {diagram} is out of range: the model has {len(diagrams)} diagram(s); "
            f"pass 0 to {max(len(diagrams) - 1, 0)} or a diagram id"
        )
    for candidate in diagrams:
        plane = candidate.plane
        if diagram in (candidate.id, candidate.name) or (
            plane is not None and plane.bpmn_element == diagram
        ):
            return candidate
    known = ", ".join(repr(d.id or d.name) for d in diagrams) or "none"
    raise DiagramNotFound(f"diagram {diagram!r} not found; the model's diagrams are: {known}")


def has_partial_di(model: Definitions) -> bool:
    """Whether a process that the DI draws has flow nodes without any shape.

    That is the state of a generated variant (new tasks without bounds). A process the
    DI does not draw at all (e.g. a called global process) does not count.
    """
    shown = {
        item.bpmn_element
        for d in model.diagrams
        if d.plane is not None
        for item in d.plane.elements
        if isinstance(item, Shape)
    }
    for process in model.processes:
        nodes = [n.id for n in process.walk() if isinstance(n, FlowNode)]
        drawn = sum(1 for n in nodes if n in shown)
        if 0 < drawn < len(nodes):
            return True
    return False


def render_svg(
    model: Definitions,
    *,
    diagram: int | str | None = None,
    overlays: Sequence[Overlay] = (),
    heat: Mapping[str, float] | None = None,
    title: str | None = None,
) -> str:
    """Draw one diagram of ``model`` as a standalone SVG document (a UTF-8 ``str``).

    Parameters
    ----------
    model
        The imported (or built) model.
    diagram
        Index into ``model.diagrams``, a diagram id or name, or the id of the element
        its plane shows (a drill-down sub-process). ``None`` takes the first diagram
        with content; a model without DI, or whose DI misses flow nodes of a process
        it draws (see :func:`has_partial_di`), is laid out with :func:`auto_layout`.
    overlays
        Badges and severity outlines, see :class:`Overlay`. Overlays of elements the
        diagram does not show are ignored.
    heat
        Element id → share 0..1 (e.g. of waiting time); fills the shape accordingly.
    title
        Drawn above the diagram and used as the document's ``<title>``.

    Returns
    -------
    str
        ``<svg ...>...</svg>`` without an XML declaration (so it can be embedded in
        HTML as is); ``width``/``height``/``viewBox`` come from the diagram bounds.
    """
    chosen = select_diagram(model, diagram)
    if chosen is None or (diagram is None and has_partial_di(model)):
        from processanalysis.render.layout import auto_layout

        model = auto_layout(model)
        chosen = select_diagram(model, None)
    painter = _Painter(model, heat or {}, overlays)
    if chosen is not None and chosen.plane is not None:
        painter.paint(chosen)
    return painter.document(title)


# -- painting --------------------------------------------------------------------------
_CATEGORY_VALUE = re.compile(r"<(?:[\w.-]+:)?categoryValue\b([^>]*)>")
_ATTR = re.compile(r"([\w:.-]+)=\"([^\"]*)\"")


@dataclass
class _Box:
    """Running bounding box of everything drawn."""

    x0: float = math.inf
    y0: float = math.inf
    x1: float = -math.inf
    y1: float = -math.inf

    def add(self, x: float, y: float, w: float = 0.0, h: float = 0.0) -> None:
        if not math.isfinite(x + y + w + h):
            return  # NaN or infinite DI values do not stretch the picture
        if x < self.x0:
            self.x0 = x
        if y < self.y0:
            self.y0 = y
        if x + w > self.x1:
            self.x1 = x + w
        if y + h > self.y1:
            self.y1 = y + h


@dataclass
class _Painter:
    model: Definitions
    heat: Mapping[str, float]
    overlays: Sequence[Overlay]
    box: _Box = field(default_factory=_Box)
    layers: dict[str, list[str]] = field(default_factory=dict)
    placed: dict[str, list[Bounds | list[Point]]] = field(default_factory=dict)
    _io: dict[str, tuple[str, str]] | None = None
    _categories: dict[str, str] | None = None

    def out(self, layer: str) -> list[str]:
        return self.layers.setdefault(layer, [])

    # -- lookups -------------------------------------------------------------------------
    def io_kind(self, element_id: str | None) -> tuple[str, str] | None:
        """``(kind, name)`` for ids declared as data input/output in an ``ioSpecification``."""
        if element_id is None:
            return None
        if self._io is None:
            found: dict[str, tuple[str, str]] = {}
            for element in self.model.iter_elements():
                for text in element.extra:
                    for kind, ident, name in io_declarations(text):
                        found.setdefault(ident, (kind, name))
            self._io = found
        return self._io.get(element_id)

    def category_label(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        if self._categories is None:
            values: dict[str, str] = {}
            for root in self.model.root_elements:
                if isinstance(root, GenericElement) and "categoryValue" in root.xml:
                    for attrs in _CATEGORY_VALUE.findall(root.xml):
                        parsed = dict(_ATTR.findall(attrs))
                        if "id" in parsed:
                            values[parsed["id"]] = unescape_xml(parsed.get("value", ""))
            self._categories = values
        return self._categories.get(ref)

    # -- diagram -------------------------------------------------------------------------
    def paint(self, diagram: Diagram) -> None:
        plane = diagram.plane
        assert plane is not None
        get = self.model.get
        pools: list[tuple[Shape, BaseElement | None]] = []
        lanes: list[tuple[Shape, BaseElement | None]] = []
        containers: list[tuple[Shape, BaseElement | None]] = []
        nodes: list[tuple[Shape, BaseElement | None]] = []
        boundary: list[tuple[Shape, BaseElement | None]] = []
        groups: list[tuple[Shape, BaseElement | None]] = []
        edges: list[tuple[Edge, BaseElement | None]] = []
        for item in plane.elements:
            element = get(item.bpmn_element)
            if isinstance(item, Edge):
                edges.append((item, element))
                continue
            if item.bounds is None:
                continue
            pair = (item, element)
            if isinstance(element, Participant):
                pools.append(pair)
            elif isinstance(element, Lane):
                lanes.append(pair)
            elif isinstance(element, Group):
                groups.append(pair)
            elif isinstance(element, Activity) and item.is_expanded:
                containers.append(pair)
            elif isinstance(element, Event) and element.type == "boundaryEvent":
                boundary.append(pair)
            else:
                nodes.append(pair)
        lanes.sort(key=lambda p: -(p[0].bounds.width * p[0].bounds.height))  # type: ignore[union-attr]
        containers.sort(key=lambda p: -(p[0].bounds.width * p[0].bounds.height))  # type: ignore[union-attr]
        for shape, element in (*pools, *lanes, *containers, *nodes, *boundary):
            self.shape(shape, element, "shapes")
        for edge, element in edges:
            self.edge(edge, element)
        for shape, element in groups:
            self.shape(shape, element, "groups")
        self.paint_overlays()

    def element_fill(self, element_id: str | None) -> str:
        if element_id is not None and element_id in self.heat:
            try:
                return heat_colour(float(self.heat[element_id]))
            except (TypeError, ValueError):
                return FILL
        return FILL

    def shape(self, shape: Shape, element: BaseElement | None, layer: str) -> None:
        b = shape.bounds
        assert b is not None
        ident = shape.bpmn_element or shape.id or ""
        self.box.add(b.x, b.y, b.width, b.height)
        self.placed.setdefault(ident, []).append(b)
        kind = None
        if element is None:
            declared = self.io_kind(shape.bpmn_element)
            if declared is not None:
                kind = declared[0]
                # a stand-in, so the shape and label code find kind and name
                element = BaseElement(id=shape.bpmn_element, type=kind, name=declared[1] or None)
        if isinstance(element, CallActivity):
            called = self.model.get(element.called_element)
            kind = called.type if called is not None else None
        collection = False
        if isinstance(element, DataObjectReference):
            target = self.model.get(element.data_object)
            collection = bool(isinstance(target, DataObject) and target.is_collection)
        elif isinstance(element, DataObject):
            collection = bool(element.is_collection)
        fill = self.element_fill(shape.bpmn_element)
        if isinstance(element, Participant | Lane) and fill == FILL:
            fill = "none" if isinstance(element, Lane) else FILL
        body, mode = shape_body(
            element,
            shape,
            b.width,
            b.height,
            fill=fill,
            stroke=STROKE,
            kind=kind,
            collection=collection,
        )
        type_name = esc(
            element.type if element is not None and element.type else (kind or "unknown")
        )
        inner = self.inner_label(element, shape, mode)
        self.out(layer).append(
            f'<g data-element-id="{esc(ident)}" class="bpmn-{type_name}" '
            f'transform="translate({num(b.x)} {num(b.y)})">{body}{inner}</g>'
        )
        if mode in ("outside", "group"):
            self.outer_label(element, shape, mode)

    # -- labels --------------------------------------------------------------------------
    def text_of(self, element: BaseElement | None) -> str:
        if element is None:
            return ""
        if isinstance(element, TextAnnotation):
            return element.text or ""
        if isinstance(element, Group):
            return element.name or self.category_label(element.category_value) or ""
        return element.name or ""

    def inner_label(self, element: BaseElement | None, shape: Shape, mode: str) -> str:
        text = self.text_of(element)
        if not text.strip():
            return ""
        b = shape.bounds
        assert b is not None
        w, h = b.width, b.height
        size = INNER_FONT
        if mode == "inside":
            # a label too long for its box gets a smaller font before it spills over
            for size in (INNER_FONT, INNER_FONT - 1, INNER_FONT - 2):
                lines = wrap(text, max(w - 10, 10), size)
                height = len(lines) * size * 1.2
                if height <= h - 6:
                    break
            top = (h - height) / 2
            if element is not None and element.type in _ICON_TASKS and top < _ICON_BOTTOM:
                # keep a long label clear of the task-type marker when the box has room
                top = min(_ICON_BOTTOM, max(top, h - 4 - height))
            return text_block(lines, w / 2, top, size)
        if mode == "top":
            return text_block(wrap(text, max(w - 20, 10), size), w / 2, 6, size)
        if mode == "annotation":
            return text_block(wrap(text, max(w - 10, 10), size), 5, 5, size, anchor="start")
        if mode == "centre":
            lines = wrap(text, max(w - 20, 10), size)
            height = len(lines) * size * 1.2
            return text_block(lines, w / 2, (h - height) / 2, size)
        if mode == "band":
            horizontal = shape.is_horizontal is not False
            if horizontal:
                lines = wrap(text, max(h - 10, 10), size)
                height = len(lines) * size * 1.2
                # rotated -90°: the text runs bottom to top, centred in the band
                return text_block(
                    lines, -h / 2, (BAND - height) / 2, size, extra=' transform="rotate(-90)"'
                )
            lines = wrap(text, max(w - 10, 10), size)
            height = len(lines) * size * 1.2
            return text_block(lines, w / 2, (BAND - height) / 2, size)
        return ""

    def outer_label(self, element: BaseElement | None, shape: Shape, mode: str) -> None:
        text = self.text_of(element)
        if not text.strip():
            return
        b = shape.bounds
        assert b is not None
        ident = esc(shape.bpmn_element or shape.id or "")
        lb = shape.label.bounds if shape.label is not None else None
        if mode == "group":
            lines = wrap(text, max(b.width - 10, 10), INNER_FONT)
            markup = text_block(lines, b.x + b.width / 2, b.y + 6, INNER_FONT)
            self.box.add(b.x, b.y, b.width, len(lines) * 15)
        elif lb is not None and lb.width > 0:
            lines = wrap(text, max(lb.width * 1.15 + 4, 20), OUTER_FONT)
            markup = text_block(lines, lb.x + lb.width / 2, lb.y, OUTER_FONT)
            self.box.add(lb.x, lb.y, lb.width, max(lb.height, len(lines) * 13.2))
        else:
            lines = wrap(text, 90, OUTER_FONT)
            cx = b.x + b.width / 2
            top = b.y + b.height + 5
            markup = text_block(lines, cx, top, OUTER_FONT)
            self.box.add(cx - 50, top, 100, len(lines) * 13.2)
        self.out("labels").append(f'<g data-label-for="{ident}">{markup}</g>')

    def edge_label(self, edge: Edge, element: BaseElement | None, points: list[Point]) -> None:
        text = self.text_of(element) if isinstance(element, SequenceFlow | MessageFlow) else ""
        if not text.strip():
            return
        lb = edge.label.bounds if isinstance(edge.label, Label) else None
        if lb is not None and lb.width > 0:
            lines = wrap(text, max(lb.width * 1.15 + 4, 20), OUTER_FONT)
            cx, top = lb.x + lb.width / 2, lb.y
            self.box.add(lb.x, lb.y, lb.width, max(lb.height, len(lines) * 13.2))
        else:
            lines = wrap(text, 90, OUTER_FONT)
            height = len(lines) * 13.2
            if isinstance(element, MessageFlow):
                # beside the middle of the longest segment, clear of the pools it joins
                a, b = max(
                    pairwise(points), key=lambda s: abs(s[1].x - s[0].x) + abs(s[1].y - s[0].y)
                )
                cx, top = (a.x + b.x) / 2 + 6, (a.y + b.y) / 2 - height / 2
                if abs(a.y - b.y) < abs(a.x - b.x):  # horizontal: above the line
                    top = a.y - 4 - height
            else:
                # no DI label bounds: above the start of the last segment, as bpmn.io
                # places the labels of a gateway's outgoing flows
                a = points[-2]
                cx, top = a.x + 6, a.y - 4 - height
            self.box.add(cx, top, 95, height)
            markup = text_block(lines, cx, top, OUTER_FONT, anchor="start")
            self.out("labels").append(
                f'<g data-label-for="{esc(edge.bpmn_element or edge.id or "")}">{markup}</g>'
            )
            return
        markup = text_block(lines, cx, top, OUTER_FONT)
        self.out("labels").append(
            f'<g data-label-for="{esc(edge.bpmn_element or edge.id or "")}">{markup}</g>'
        )

    # -- edges ---------------------------------------------------------------------------
    def edge(self, edge: Edge, element: BaseElement | None) -> None:
        points = edge.waypoints
        if len(points) < 2:
            return
        ident = edge.bpmn_element or edge.id or ""
        for p in points:
            self.box.add(p.x, p.y)
        self.placed.setdefault(ident, []).append(points)
        path = "M" + " L".join(f"{num(p.x)},{num(p.y)}" for p in points)
        start, after = points[0], points[1]
        before, end = points[-2], points[-1]
        extra = ""
        if isinstance(element, MessageFlow):
            line = (
                f'<path d="{path}" fill="none" stroke="{STROKE}" stroke-width="1.5" '
                f'stroke-dasharray="10,6"/>'
            )
            extra = (
                f'<circle cx="{num(start.x)}" cy="{num(start.y)}" r="4" fill="{FILL}" '
                f'stroke="{STROKE}" stroke-width="1.5"/>'
                + _arrow(before, end, filled=False)
                + self.message_marker(edge, points)
            )
            kind = "messageFlow"
        elif isinstance(element, Association | DataAssociation):
            line = (
                f'<path d="{path}" fill="none" stroke="{STROKE}" stroke-width="1.5" '
                f'stroke-dasharray="0.5,5" stroke-linecap="round"/>'
            )
            if isinstance(element, DataAssociation):
                extra = _open_arrow(before, end)
                kind = element.type or "dataAssociation"
            else:
                direction = (element.direction or "None").lower()
                if direction in ("one", "both"):
                    extra = _open_arrow(before, end)
                if direction == "both":
                    extra += _open_arrow(after, start)
                kind = "association"
        else:
            line = (
                f'<path d="{path}" fill="none" stroke="{STROKE}" stroke-width="1.5" '
                f'stroke-linejoin="round"/>'
            )
            extra = _arrow(before, end, filled=True)
            kind = element.type if element is not None and element.type else "edge"
            if isinstance(element, SequenceFlow):
                source = self.model.get(element.source)
                if isinstance(source, Activity | Gateway) and source.default == element.id:
                    extra += _default_slash(start, after)
                elif element.condition is not None and isinstance(source, Activity):
                    extra += _condition_diamond(start, after)
        self.out("edges").append(
            f'<g data-element-id="{esc(ident)}" class="bpmn-{esc(kind)}">{line}{extra}</g>'
        )
        self.edge_label(edge, element, points)

    def message_marker(self, edge: Edge, points: list[Point]) -> str:
        kind = (edge.message_visible_kind or "").lower()
        if not kind:
            return ""
        total = len(points) // 2
        a, b = points[max(total - 1, 0)], points[total]
        cx, cy = (a.x + b.x) / 2, (a.y + b.y) / 2
        fill = "#c8c8c8" if kind.startswith("non") else FILL
        return (
            f'<g transform="translate({num(cx - 10)} {num(cy - 7)})">'
            f'<rect width="20" height="14" fill="{fill}" stroke="{STROKE}" stroke-width="1"/>'
            f'<polyline points="0,0 10,7 20,0" fill="none" stroke="{STROKE}" stroke-width="1"/></g>'
        )

    # -- overlays ------------------------------------------------------------------------
    def paint_overlays(self) -> None:
        by_element: dict[str, list[Overlay]] = {}
        for overlay in self.overlays:
            if overlay.element_id in self.placed:
                by_element.setdefault(overlay.element_id, []).append(overlay)
        out = self.out("overlays")
        for ident, items in by_element.items():
            outline = next(
                (o.outline for o in sorted(items, key=_severity_order) if o.outline), None
            )
            notes = [o.note for o in items if o.note]
            title = f"<title>{esc(chr(10).join(notes))}</title>" if notes else ""
            parts: list[str] = []
            for geometry in self.placed[ident]:
                if isinstance(geometry, Bounds):
                    x, y, w, h = geometry.x, geometry.y, geometry.width, geometry.height
                    if outline:
                        parts.append(
                            f'<rect x="{num(x - 4)}" y="{num(y - 4)}" width="{num(w + 8)}" '
                            f'height="{num(h + 8)}" '
                            f'rx="12" fill="none" stroke="{esc(outline)}" stroke-width="3"/>'
                        )
                    anchor = (x + w, y)
                else:
                    if outline:
                        d = "M" + " L".join(f"{num(p.x)},{num(p.y)}" for p in geometry)
                        parts.append(
                            f'<path d="{d}" fill="none" stroke="{esc(outline)}" stroke-width="4" '
                            f'stroke-opacity="0.6" stroke-linejoin="round"/>'
                        )
                    mid = len(geometry) // 2
                    a, b = geometry[max(mid - 1, 0)], geometry[mid]
                    anchor = ((a.x + b.x) / 2, (a.y + b.y) / 2)
                badges = [o for o in items if o.badge]
                left = anchor[0] - 10
                for overlay in badges:
                    colour = esc(overlay.outline or "#455a64")
                    text = str(overlay.badge)
                    # a circle for one or two characters, a pill for "1,2,3+"
                    width = max(20.0, text_width(text, 11) * 1.1 + 10)
                    top = anchor[1] - 10
                    self.box.add(left, top, width, 20)
                    parts.append(
                        f'<g class="badge"><rect x="{num(left)}" y="{num(top)}" '
                        f'width="{num(width)}" height="20" rx="10" fill="{colour}" '
                        f'stroke="{FILL}" stroke-width="1.5"/>'
                        f'<text x="{num(left + width / 2)}" y="{num(top + 14)}" '
                        f'font-family="{FONT}" font-size="11" font-weight="bold" '
                        f'fill="{FILL}" text-anchor="middle">{esc(text)}</text></g>'
                    )
                    left += width + 3
            out.append(
                f'<g class="overlay" data-overlay-for="{esc(ident)}">{title}{"".join(parts)}</g>'
            )

    # -- document ------------------------------------------------------------------------
    def document(self, title: str | None) -> str:
        box = self.box
        if box.x0 == math.inf:
            box.add(0, 0, 200, 100)
        x0, y0 = box.x0 - MARGIN, box.y0 - MARGIN
        width = box.x1 - box.x0 + 2 * MARGIN
        height = box.y1 - box.y0 + 2 * MARGIN
        heading = ""
        meta = ""
        if title:
            lines = wrap(title, max(width - 2 * MARGIN, 200), 16)
            extra = len(lines) * 19.2 + 10
            y0 -= extra
            height += extra
            heading = text_block(
                lines,
                x0 + MARGIN,
                y0 + MARGIN / 2,
                16,
                anchor="start",
                extra=' font-weight="bold" class="diagram-title"',
            )
            meta = f"<title>{esc(title)}</title>"
        layers = "".join(
            f'<g class="layer-{name}">{"".join(self.layers[name])}</g>'
            for name in ("shapes", "edges", "groups", "labels", "overlays")
            if name in self.layers
        )
        label = f' aria-label="{esc(title)}"' if title else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{num(width)}" '
            f'height="{num(height)}" '
            f'viewBox="{num(x0)} {num(y0)} {num(width)} {num(height)}" role="img"{label}>'
            f'{meta}<rect x="{num(x0)}" y="{num(y0)}" width="{num(width)}" height="{num(height)}" '
            f'fill="{FILL}"/>'
            f"{heading}{layers}</svg>"
        )


_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


def _severity_order(overlay: Overlay) -> int:
    if overlay.colour:
        return -1
    return _SEVERITY_RANK.get((overlay.severity or "").lower(), 3)


def _direction(a: Point, b: Point) -> tuple[float, float]:
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _arrow(before: Point, end: Point, *, filled: bool) -> str:
    ux, uy = _direction(before, end)
    length, half = 11.0, 3.8
    bx, by = end.x - ux * length, end.y - uy * length
    left = (bx - uy * half, by + ux * half)
    right = (bx + uy * half, by - ux * half)
    fill = STROKE if filled else FILL
    return (
        f'<polygon points="{num(end.x)},{num(end.y)} {num(left[0])},{num(left[1])} '
        f'{num(right[0])},{num(right[1])}" '
        f'fill="{fill}" stroke="{STROKE}" stroke-width="1" stroke-linejoin="round"/>'
    )


def _open_arrow(before: Point, end: Point) -> str:
    ux, uy = _direction(before, end)
    length, half = 10.0, 5.0
    bx, by = end.x - ux * length, end.y - uy * length
    return (
        f'<polyline points="{num(bx - uy * half)},{num(by + ux * half)} {num(end.x)},{num(end.y)} '
        f'{num(bx + uy * half)},{num(by - ux * half)}" fill="none" stroke="{STROKE}" '
        f'stroke-width="1.5"/>'
    )


def _default_slash(start: Point, after: Point) -> str:
    ux, uy = _direction(start, after)
    cx, cy = start.x + ux * 12, start.y + uy * 12
    # a short stroke at 45° across the line
    ax, ay = (ux - uy) * 0.707, (uy + ux) * 0.707
    return (
        f'<line x1="{num(cx - ax * 6)}" y1="{num(cy - ay * 6)}" x2="{num(cx + ax * 6)}" '
        f'y2="{num(cy + ay * 6)}" '
        f'stroke="{STROKE}" stroke-width="1.5"/>'
    )


def _condition_diamond(start: Point, after: Point) -> str:
    ux, uy = _direction(start, after)
    mx, my = start.x + ux * 9, start.y + uy * 9
    tip = (start.x + ux * 18, start.y + uy * 18)
    side1 = (mx - uy * 5, my + ux * 5)
    side2 = (mx + uy * 5, my - ux * 5)
    return (
        f'<polygon points="{num(start.x)},{num(start.y)} {num(side1[0])},{num(side1[1])} '
        f"{num(tip[0])},{num(tip[1])} "
        f'{num(side2[0])},{num(side2[1])}" fill="{FILL}" stroke="{STROKE}" stroke-width="1.2"/>'
    )
