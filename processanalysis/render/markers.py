"""BPMN markers as SVG fragments: event definitions, gateway, task-type and activity markers.

Each function returns SVG markup in a small local coordinate system; the shape code
places and scales it. Geometry follows the look of bpmn.io (not its exact paths), so
drawings read the same to people used to Camunda Modeler.

Examples
--------
>>> "<polygon" in event_icon("signal", filled=True, stroke="#000")
True
>>> event_icon("none", filled=False, stroke="#000")
''
>>> len(activity_markers(["loop", "collapsed"], 100, 80, "#000")) > 0
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache

__all__ = ["activity_markers", "event_icon", "gateway_marker", "task_icon"]

WHITE = "#ffffff"


def _poly(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.2f},{y:.2f}".replace(".00", "") for x, y in points)


def _regular(n: int, radius: float, start: float = -90.0) -> list[tuple[float, float]]:
    step = 360.0 / n
    return [
        (
            radius * math.cos(math.radians(start + i * step)),
            radius * math.sin(math.radians(start + i * step)),
        )
        for i in range(n)
    ]


def _plus(arm: float, half: float) -> list[tuple[float, float]]:
    a, h = arm, half
    return [
        (-h, -a),
        (h, -a),
        (h, -h),
        (a, -h),
        (a, h),
        (h, h),
        (h, a),
        (-h, a),
        (-h, h),
        (-a, h),
        (-a, -h),
        (-h, -h),
    ]


_PENTAGON = _poly(_regular(5, 9.5))
_PLUS_OUTLINE = _poly(_plus(9.5, 2.8))


# -- event definitions (centred on 0,0, for a circle of radius 18) ---------------------
def _message(fill: str, stroke: str, filled: bool) -> str:
    flap = WHITE if filled else stroke
    return (
        f'<rect x="-9.5" y="-6.5" width="19" height="13" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="1.2"/>'
        f'<polyline points="-9.5,-6.5 0,0.5 9.5,-6.5" fill="none" stroke="{flap}" '
        f'stroke-width="1.2"/>'
    )


def _timer(fill: str, stroke: str, filled: bool) -> str:
    ticks = "".join(
        f'<line x1="{8.2 * math.cos(a):.2f}" y1="{8.2 * math.sin(a):.2f}" '
        f'x2="{10.5 * math.cos(a):.2f}" y2="{10.5 * math.sin(a):.2f}"/>'
        for a in (math.radians(i * 30) for i in range(12))
    )
    return (
        f'<circle r="11" fill="{WHITE}" stroke="{stroke}" stroke-width="1.6"/>'
        f'<g stroke="{stroke}" stroke-width="1">{ticks}</g>'
        f'<polyline points="0,-7 0,0 5,1.5" fill="none" stroke="{stroke}" stroke-width="1.4"/>'
    )


def _conditional(fill: str, stroke: str, filled: bool) -> str:
    lines = "".join(f'<line x1="-5" y1="{y}" x2="5" y2="{y}"/>' for y in (-5, -1.5, 2, 5.5))
    return (
        f'<rect x="-7.5" y="-9" width="15" height="18" fill="{WHITE}" stroke="{stroke}" '
        f'stroke-width="1.3"/>'
        f'<g stroke="{stroke}" stroke-width="1.2">{lines}</g>'
    )


def _shape(points: str) -> Callable[[str, str, bool], str]:
    def draw(fill: str, stroke: str, filled: bool) -> str:
        return (
            f'<polygon points="{points}" fill="{fill}" stroke="{stroke}" stroke-width="1.3" '
            f'stroke-linejoin="round"/>'
        )

    return draw


def _path(d: str) -> Callable[[str, str, bool], str]:
    def draw(fill: str, stroke: str, filled: bool) -> str:
        return (
            f'<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="1.3" '
            f'stroke-linejoin="round"/>'
        )

    return draw


def _terminate(fill: str, stroke: str, filled: bool) -> str:
    return f'<circle r="10.5" fill="{stroke}" stroke="{stroke}"/>'


_X = "M-7,-9 L0,-2 L7,-9 L9,-7 L2,0 L9,7 L7,9 L0,2 L-7,9 L-9,7 L-2,0 L-9,-7 Z"

_EVENT_ICONS: dict[str, Callable[[str, str, bool], str]] = {
    "message": _message,
    "timer": _timer,
    "conditional": _conditional,
    "signal": _shape("0,-10 9.5,7 -9.5,7"),
    "escalation": _path("M0,-10 L7.5,9 L0,2.5 L-7.5,9 Z"),
    "error": _path("M-9,9 L-3.5,-8.5 L2.5,2 L8.5,-9 L3.5,8.5 L-2.5,-2 Z"),
    "compensate": _path("M-1,-6.5 L-1,6.5 L-9,0 Z M8,-6.5 L8,6.5 L0,0 Z"),
    "link": _path("M-9,-3.5 L1,-3.5 L1,-8.5 L9.5,0 L1,8.5 L1,3.5 L-9,3.5 Z"),
    "terminate": _terminate,
    "cancel": _path(_X),
    "multiple": _shape(_PENTAGON),
    "parallelMultiple": _shape(_PLUS_OUTLINE),
}


@lru_cache(maxsize=256)
def event_icon(trigger: str, *, filled: bool, stroke: str) -> str:
    """The symbol inside an event circle of radius 18 centred on 0,0.

    ``trigger`` is :attr:`Event.trigger` (``"timer"``, ``"multiple"`` ...); ``filled``
    draws the throwing (black) variant. Unknown triggers and ``"none"`` draw nothing.
    """
    draw = _EVENT_ICONS.get(trigger)
    if draw is None:
        return ""
    fill = stroke if filled else WHITE
    if trigger == "parallelMultiple":
        fill = WHITE  # the parallel-multiple plus is only ever drawn open
    return draw(fill, stroke, filled)


# -- gateways (centred on 0,0, for a diamond of 50 x 50) -------------------------------
_BOLD_PLUS = _poly(_plus(12, 2.4))


@lru_cache(maxsize=256)
def gateway_marker(
    kind: str,
    *,
    stroke: str,
    marker_visible: bool = True,
    instantiate: bool = False,
    parallel: bool = False,
) -> str:
    """The marker inside a gateway diamond centred on 0,0.

    ``kind`` is the gateway type; the exclusive X is drawn only when the DI says
    ``isMarkerVisible`` (as the BPMN spec and bpmn.io do).
    """
    if kind == "exclusiveGateway":
        if not marker_visible:
            return ""
        return (
            f'<polygon points="{_poly(_plus(11.5, 2.4))}" fill="{stroke}" transform="rotate(45)"/>'
        )
    if kind == "parallelGateway":
        return f'<polygon points="{_BOLD_PLUS}" fill="{stroke}"/>'
    if kind == "inclusiveGateway":
        return f'<circle r="11.5" fill="none" stroke="{stroke}" stroke-width="2.6"/>'
    if kind == "complexGateway":
        return (
            f'<polygon points="{_BOLD_PLUS}" fill="{stroke}"/>'
            f'<polygon points="{_poly(_plus(11, 2.2))}" fill="{stroke}" transform="rotate(45)"/>'
        )
    if kind == "eventBasedGateway":
        inner = (
            f'<polygon points="{_PLUS_OUTLINE}" fill="none" stroke="{stroke}" stroke-width="1.3" '
            f'transform="scale(0.8)"/>'
            if parallel
            else f'<polygon points="{_poly(_regular(5, 7))}" fill="none" stroke="{stroke}" '
            f'stroke-width="1.4"/>'
        )
        second = (
            ""
            if (instantiate or parallel)
            else (f'<circle r="10.5" fill="none" stroke="{stroke}" stroke-width="1"/>')
        )
        return f'<circle r="13.5" fill="none" stroke="{stroke}" stroke-width="1"/>{second}{inner}'
    return ""


# -- task types (top-left corner of a 100 x 80 task) -----------------------------------
@lru_cache(maxsize=256)
def _gear(cx: float, cy: float, stroke: str) -> str:
    points: list[tuple[float, float]] = []
    for i in range(8):
        base = math.radians(i * 45)
        for offset, radius in ((-14, 5.2), (-8, 7.6), (8, 7.6), (14, 5.2)):
            a = base + math.radians(offset)
            points.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return (
        f'<polygon points="{_poly(points)}" fill="{WHITE}" stroke="{stroke}" stroke-width="1"/>'
        f'<circle cx="{cx}" cy="{cy}" r="2.4" fill="{WHITE}" stroke="{stroke}" stroke-width="1"/>'
    )


@lru_cache(maxsize=256)
def task_icon(task_type: str, *, stroke: str) -> str:
    """The task-type marker at the top left of a task (user, service, send ...)."""
    if task_type == "userTask":
        return (
            f'<path d="M6,27 C6,20.5 10,18.5 15,18.5 C20,18.5 24,20.5 24,27 Z" fill="{WHITE}" '
            f'stroke="{stroke}" stroke-width="1"/>'
            f'<circle cx="15" cy="12.5" r="5" fill="{WHITE}" stroke="{stroke}" stroke-width="1"/>'
            f'<path d="M10.2,11.5 C11,8 19,8 19.8,11.5 C17,10.5 13,10.5 10.2,11.5 Z" '
            f'fill="{stroke}"/>'
            f'<line x1="11" y1="22" x2="11" y2="27" stroke="{stroke}" stroke-width="1"/>'
            f'<line x1="19" y1="22" x2="19" y2="27" stroke="{stroke}" stroke-width="1"/>'
        )
    if task_type == "manualTask":
        return (
            f'<path d="M5,22 V14.5 L9.5,9.5 H13 L11.5,12.5 H24 V14.5 H14 M14,14.5 H25 V17 H14 '
            f'M14,17 H24 V19.5 H13.5 M13.5,19.5 H22 V22 H5" fill="{WHITE}" stroke="{stroke}" '
            f'stroke-width="1" stroke-linejoin="round"/>'
        )
    if task_type == "serviceTask":
        return _gear(12.5, 12.5, stroke) + _gear(18, 18, stroke)
    if task_type == "scriptTask":
        lines = "".join(
            f'<line x1="{9 + (i % 2)}" y1="{y}" x2="{17 + (i % 2)}" y2="{y}"/>'
            for i, y in enumerate((10, 13.5, 17, 20.5))
        )
        return (
            f'<path d="M8,6 H21 C17.5,9.5 17.5,13 20,16.5 C22.5,20 22,23.5 19,27 H6 '
            f'C9.5,23.5 9.5,20 7,16.5 C4.5,13 5,9.5 8,6 Z" fill="{WHITE}" stroke="{stroke}" '
            f'stroke-width="1"/>'
            f'<g stroke="{stroke}" stroke-width="1">{lines}</g>'
        )
    if task_type in ("sendTask", "receiveTask"):
        filled = task_type == "sendTask"
        fill = stroke if filled else WHITE
        flap = WHITE if filled else stroke
        return (
            f'<rect x="6" y="9" width="19" height="13" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="1"/>'
            f'<polyline points="6,9 15.5,16 25,9" fill="none" stroke="{flap}" stroke-width="1"/>'
        )
    if task_type == "businessRuleTask":
        return (
            f'<rect x="6" y="8" width="19" height="14" fill="{WHITE}" stroke="{stroke}" '
            f'stroke-width="1"/>'
            f'<rect x="6" y="8" width="19" height="4" fill="{stroke}"/>'
            f'<line x1="6" y1="17" x2="25" y2="17" stroke="{stroke}" stroke-width="1"/>'
            f'<line x1="11" y1="12" x2="11" y2="22" stroke="{stroke}" stroke-width="1"/>'
        )
    return ""


# -- activity markers (bottom centre) --------------------------------------------------
_MARKERS: dict[str, Callable[[str], str]] = {
    "loop": lambda s: (
        f'<path d="M3.2,11.2 A5.6,5.6 0 1 1 10.8,11.2" fill="none" stroke="{s}" '
        f'stroke-width="1.5"/>'
        f'<polyline points="10.8,7.5 10.8,11.2 14.3,11.2" fill="none" stroke="{s}" '
        f'stroke-width="1.5"/>'
    ),
    "parallel": lambda s: "".join(
        f'<rect x="{x}" y="1" width="2.2" height="12" fill="{s}"/>' for x in (2, 6, 10)
    ),
    "sequential": lambda s: "".join(
        f'<rect x="1" y="{y}" width="12" height="2.2" fill="{s}"/>' for y in (2, 6, 10)
    ),
    "collapsed": lambda s: (
        f'<rect x="0" y="0" width="14" height="14" fill="none" stroke="{s}" stroke-width="1.5"/>'
        f'<path d="M7,3 V11 M3,7 H11" stroke="{s}" stroke-width="1.5"/>'
    ),
    "adhoc": lambda s: (
        f'<path d="M1,8 C3,4 5,4 7,7 S11,10 13,6" fill="none" stroke="{s}" stroke-width="1.5"/>'
    ),
    "compensation": lambda s: (
        f'<path d="M7,3 L7,11 L1,7 Z M13,3 L13,11 L7,7 Z" fill="none" stroke="{s}" '
        f'stroke-width="1.2"/>'
    ),
}


def activity_markers(kinds: Sequence[str], width: float, height: float, stroke: str) -> str:
    """Loop, multi-instance, collapsed, ad-hoc and compensation markers, bottom centre.

    ``kinds`` are keys such as ``"loop"``, ``"parallel"``, ``"sequential"``,
    ``"collapsed"``, ``"adhoc"``, ``"compensation"``; unknown keys are ignored.
    """
    known = [k for k in kinds if k in _MARKERS]
    if not known:
        return ""
    slot = 16
    x = width / 2 - (len(known) * slot - 2) / 2
    y = height - 18
    out = []
    for index, kind in enumerate(known):
        out.append(
            f'<g transform="translate({x + index * slot:.2f} {y:.2f})">{_MARKERS[kind](stroke)}</g>'
        )
    return "".join(out)
