"""Diagram interchange (BPMN DI): where each element is drawn.

Kept apart from the semantic model because a file may carry several diagrams of one
model (e.g. a drill-down page per collapsed sub-process) and some carry none.

Examples
--------
>>> Bounds(x=10, y=20, width=100, height=80).center
(60.0, 60.0)
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Bounds", "Diagram", "Edge", "Label", "Plane", "Point", "Shape"]


@dataclass(slots=True)
class Bounds:
    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass(slots=True)
class Point:
    x: float
    y: float


@dataclass(kw_only=True, slots=True)
class Label:
    """Where a shape's or edge's text is placed (``BPMNLabel``)."""

    id: str | None = None
    bounds: Bounds | None = None
    label_style: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class Shape:
    """A ``BPMNShape``: the bounds of one element (node, pool, lane, data, annotation)."""

    id: str | None = None
    bpmn_element: str | None = None
    bounds: Bounds | None = None
    is_horizontal: bool | None = None
    is_expanded: bool | None = None
    is_marker_visible: bool | None = None
    is_message_visible: bool | None = None
    participant_band_kind: str | None = None
    choreography_activity_shape: str | None = None
    label: Label | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass(kw_only=True, slots=True)
class Edge:
    """A ``BPMNEdge``: the waypoints of one flow or association."""

    id: str | None = None
    bpmn_element: str | None = None
    waypoints: list[Point] = field(default_factory=list)
    source_element: str | None = None
    target_element: str | None = None
    message_visible_kind: str | None = None
    label: Label | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    line: int | None = field(default=None, compare=False, repr=False)


@dataclass(kw_only=True, slots=True)
class Plane:
    """The drawing surface of a diagram; ``elements`` keeps the file's z-order."""

    id: str | None = None
    bpmn_element: str | None = None
    elements: list[Shape | Edge] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)

    @property
    def shapes(self) -> list[Shape]:
        return [e for e in self.elements if isinstance(e, Shape)]

    @property
    def edges(self) -> list[Edge]:
        return [e for e in self.elements if isinstance(e, Edge)]


@dataclass(kw_only=True, slots=True)
class Diagram:
    """A ``BPMNDiagram`` with its plane; label styles and the rest kept verbatim."""

    id: str | None = None
    name: str | None = None
    documentation: str | None = None
    resolution: float | None = None
    plane: Plane | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
