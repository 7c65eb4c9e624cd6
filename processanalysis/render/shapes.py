"""The bodies of BPMN shapes in SVG, drawn in the shape's local coordinates.

One function per notation family (activity, event, gateway, data, pool, lane,
artifact); :func:`shape_body` dispatches on the element's spec supertype and says
where its label goes, so the caller places text without knowing the notation.

Examples
--------
>>> from processanalysis.bpmn.model import Task
>>> task = Task(id="t", type="userTask")
>>> markup, mode = shape_body(task, None, 100, 80, fill="#fff", stroke="#000")
>>> mode, markup.startswith("<rect")
('inside', True)
"""

from __future__ import annotations

import re

from processanalysis.bpmn.diagram import Shape
from processanalysis.bpmn.model import (
    Activity,
    BaseElement,
    CallActivity,
    DataObject,
    DataObjectReference,
    DataStore,
    DataStoreReference,
    Event,
    Gateway,
    GenericNode,
    Group,
    Lane,
    Participant,
    SubProcess,
    Task,
    TextAnnotation,
)
from processanalysis.render.markers import activity_markers, event_icon, gateway_marker, task_icon
from processanalysis.render.text import esc, num

__all__ = ["BAND", "io_declarations", "shape_body"]

#: Width of the title band of pools and lanes (as in bpmn.io).
BAND = 30.0

_DATA_IO = re.compile(r"<(?:[\w.-]+:)?(dataInput|dataOutput)\b([^>]*)>")
_XML_ATTR = re.compile(r"([\w:.-]+)=\"([^\"]*)\"")


def io_declarations(xml: str) -> list[tuple[str, str, str]]:
    """``(kind, id, name)`` of each ``dataInput``/``dataOutput`` in an ``ioSpecification``.

    The model keeps ``ioSpecification`` as canonical XML text (double-quoted attributes),
    so a pattern suffices; nothing is parsed or resolved.

    >>> io_declarations('<ioSpecification><dataInput id="i" name="A &amp; B"/></ioSpecification>')
    [('dataInput', 'i', 'A & B')]
    """
    found: list[tuple[str, str, str]] = []
    if "dataInput" not in xml and "dataOutput" not in xml:
        return found
    for kind, attrs in _DATA_IO.findall(xml):
        values = dict(_XML_ATTR.findall(attrs))
        if "id" in values:
            found.append((kind, values["id"], unescape_xml(values.get("name", ""))))
    return found


def unescape_xml(text: str) -> str:
    """Undo the five XML escapes of canonical attribute text."""
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#39;", "'")
        .replace("&#xA;", "\n")
        .replace("&#x9;", "\t")
        .replace("&#xD;", "\r")
        .replace("&amp;", "&")
    )


_INSTANTIATE = re.compile(r"^(?:\{[^}]*\})?instantiate$")
_GATEWAY_TYPE = re.compile(r"^(?:\{[^}]*\})?eventGatewayType$")


def _attr(element: BaseElement, pattern: re.Pattern[str]) -> str | None:
    for key, value in element.attributes.items():
        if pattern.match(key):
            return value
    return None


def shape_body(
    element: BaseElement | None,
    shape: Shape | None,
    w: float,
    h: float,
    *,
    fill: str,
    stroke: str,
    kind: str | None = None,
    collection: bool = False,
) -> tuple[str, str]:
    """SVG for one shape at the origin, and its label mode.

    Label modes: ``inside`` (centred in the box), ``top`` (expanded sub-process,
    centred at the top), ``outside`` (below the shape or in the DI label bounds),
    ``band`` (pool or lane title), ``annotation`` (left-aligned in the box),
    ``group`` (above the top edge), ``centre`` (black-box pool).
    ``kind`` names elements that are not in the model index, such as ``dataInput``,
    and for a call activity the type of the called element (``globalUserTask`` ...);
    ``collection`` draws the collection marker on a data object.
    """
    if isinstance(element, Participant):
        return _pool(element, shape, w, h, fill, stroke)
    if isinstance(element, Lane):
        return _rect(w, h, fill, stroke, 1.5), "band"
    if isinstance(element, Event):
        return _event(element, w, h, fill, stroke), "outside"
    if isinstance(element, Gateway):
        return _gateway(element, shape, w, h, fill, stroke), "outside"
    if isinstance(element, Activity):
        return _activity(element, shape, w, h, fill, stroke, kind)
    if isinstance(element, DataObjectReference | DataObject):
        return _data_object(collection, kind, w, h, fill, stroke), "outside"
    if isinstance(element, DataStoreReference | DataStore):
        return _data_store(w, h, fill, stroke), "outside"
    if isinstance(element, TextAnnotation):
        return (
            f'<rect width="{num(w)}" height="{num(h)}" fill="none" stroke="none"/>'
            f'<path d="M15,0 H0 V{num(h)} H15" fill="none" stroke="{stroke}" stroke-width="1.5"/>',
            "annotation",
        )
    if isinstance(element, Group):
        return (
            f'<rect width="{num(w)}" height="{num(h)}" rx="10" fill="none" stroke="{stroke}" '
            f'stroke-width="1.5" stroke-dasharray="10,5,1,5"/>',
            "group",
        )
    if kind in ("dataInput", "dataOutput"):
        return _data_object(collection, kind, w, h, fill, stroke), "outside"
    # Unknown or unresolved element (choreography, vendor type, dangling reference).
    label = esc(getattr(element, "type", "") or kind or "?")
    dashed = "" if isinstance(element, GenericNode) else ' stroke-dasharray="4,3"'
    return (
        f'<rect width="{num(w)}" height="{num(h)}" rx="4" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="1"{dashed}><title>{label}</title></rect>',
        "inside",
    )


def _rect(
    w: float, h: float, fill: str, stroke: str, width: float, extra: str = "", rx: float = 0
) -> str:
    radius = f' rx="{num(rx)}"' if rx else ""
    return (
        f'<rect width="{num(w)}" height="{num(h)}"{radius} fill="{fill}" stroke="{stroke}" '
        f'stroke-width="{num(width)}"{extra}/>'
    )


def _pool(
    element: Participant, shape: Shape | None, w: float, h: float, fill: str, stroke: str
) -> tuple[str, str]:
    expanded = element.process_ref is not None
    if shape is not None and shape.is_expanded is not None:
        expanded = shape.is_expanded
    body = _rect(w, h, fill, stroke, 1.5)
    if not expanded:
        return body, "centre"
    horizontal = shape is None or shape.is_horizontal is not False
    if horizontal:
        line = (
            f'<line x1="{num(BAND)}" y1="0" x2="{num(BAND)}" y2="{num(h)}" stroke="{stroke}" '
            f'stroke-width="1.5"/>'
        )
    else:
        line = (
            f'<line x1="0" y1="{num(BAND)}" x2="{num(w)}" y2="{num(BAND)}" stroke="{stroke}" '
            f'stroke-width="1.5"/>'
        )
    return body + line, "band"


def _event(element: Event, w: float, h: float, fill: str, stroke: str) -> str:
    r = min(w, h) / 2
    cx, cy = num(w / 2), num(h / 2)
    dashed = "" if element.interrupting else ' stroke-dasharray="5.5,3"'
    kind = element.type
    if kind == "startEvent":
        ring = (
            f'<circle cx="{cx}" cy="{cy}" r="{num(r)}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="2"{dashed}/>'
        )
        filled = False
    elif kind == "endEvent":
        ring = (
            f'<circle cx="{cx}" cy="{cy}" r="{num(r - 1)}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="4"/>'
        )
        filled = True
    else:  # intermediate catch/throw and boundary events: double ring
        ring = (
            f'<circle cx="{cx}" cy="{cy}" r="{num(r)}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="1.2"{dashed}/>'
            f'<circle cx="{cx}" cy="{cy}" r="{num(r - 3)}" fill="none" stroke="{stroke}" '
            f'stroke-width="1.2"{dashed}/>'
        )
        filled = kind == "intermediateThrowEvent"
    icon = event_icon(element.trigger, filled=filled, stroke=stroke)
    if icon:
        scale = r / 18
        scaled = "" if abs(scale - 1) < 0.01 else f" scale({num(scale)})"
        icon = f'<g transform="translate({cx} {cy}){scaled}">{icon}</g>'
    return ring + icon


def _gateway(
    element: Gateway, shape: Shape | None, w: float, h: float, fill: str, stroke: str
) -> str:
    hw, hh = w / 2, h / 2
    diamond = (
        f'<polygon points="{num(hw)},0 {num(w)},{num(hh)} {num(hw)},{num(h)} 0,{num(hh)}" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="2" stroke-linejoin="round"/>'
    )
    instantiate = (_attr(element, _INSTANTIATE) or "").lower() == "true"
    parallel = (_attr(element, _GATEWAY_TYPE) or "").lower() == "parallel"
    visible = bool(shape is not None and shape.is_marker_visible)
    marker = gateway_marker(
        element.type,
        stroke=stroke,
        marker_visible=visible,
        instantiate=instantiate,
        parallel=parallel,
    )
    if marker:
        scale = min(w, h) / 50
        scaled = "" if abs(scale - 1) < 0.01 else f" scale({num(scale)})"
        marker = f'<g transform="translate({num(hw)} {num(hh)}){scaled}">{marker}</g>'
    return diamond + marker


def _activity(
    element: Activity,
    shape: Shape | None,
    w: float,
    h: float,
    fill: str,
    stroke: str,
    called: str | None = None,
) -> tuple[str, str]:
    markers: list[str] = []
    mode = "inside"
    if isinstance(element, SubProcess):
        expanded = bool(shape is not None and shape.is_expanded)
        extra = (
            ' stroke-dasharray="1.5,3" stroke-linecap="round"'
            if element.is_event_subprocess
            else ""
        )
        width = 1.5 if element.is_event_subprocess else 2
        body = _rect(w, h, fill, stroke, width, extra, rx=10)
        if element.type == "transaction":
            body += (
                f'<rect x="3" y="3" width="{num(w - 6)}" height="{num(h - 6)}" rx="7" fill="none" '
                f'stroke="{stroke}" stroke-width="1.5"/>'
            )
        if expanded:
            mode = "top"
        else:
            markers.append("collapsed")
        if element.type == "adHocSubProcess":
            markers.append("adhoc")
    elif isinstance(element, CallActivity):
        body = _rect(w, h, fill, stroke, 5, rx=10)
        if called and called.startswith("global"):
            # calling a global task: the task's marker, as the spec draws it
            body += task_icon(called[6].lower() + called[7:], stroke=stroke)
        elif shape is not None and shape.is_expanded:
            mode = "top"
        else:
            markers.append("collapsed")  # calling a process, drawn collapsed (bpmn.io)
    else:
        body = _rect(w, h, fill, stroke, 2, rx=10)
        if isinstance(element, Task):
            body += task_icon(element.type, stroke=stroke)
    if element.loop is not None:
        markers.insert(0, element.loop.marker)
    if element.is_for_compensation:
        markers.append("compensation")
    return body + activity_markers(markers, w, h, stroke), mode


def _data_object(
    collection: bool, kind: str | None, w: float, h: float, fill: str, stroke: str
) -> str:
    fold = min(12.0, w / 3)
    body = (
        f'<path d="M0,0 H{num(w - fold)} L{num(w)},{num(fold)} V{num(h)} H0 Z" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="1.5" stroke-linejoin="round"/>'
        f'<path d="M{num(w - fold)},0 V{num(fold)} H{num(w)}" fill="none" stroke="{stroke}" '
        f'stroke-width="1.5"/>'
    )
    if collection:
        x = w / 2 - 6
        body += "".join(
            f'<rect x="{num(x + dx)}" y="{num(h - 14)}" width="2" height="10" fill="{stroke}"/>'
            for dx in (0, 4.5, 9)
        )
    if kind in ("dataInput", "dataOutput"):
        arrow_fill = stroke if kind == "dataOutput" else "#ffffff"
        body += (
            f'<path d="M4,8 H10 V4 L17,10.5 L10,17 V13 H4 Z" fill="{arrow_fill}" stroke="{stroke}" '
            f'stroke-width="1" stroke-linejoin="round"/>'
        )
    return body


def _data_store(w: float, h: float, fill: str, stroke: str) -> str:
    ry = min(8.0, h / 6)
    W, R = num(w), num(ry)
    return (
        f'<path d="M0,{R} A{num(w / 2)},{R} 0 0 1 {W},{R} V{num(h - ry)} A{num(w / 2)},{R} 0 0 1 '
        f'0,{num(h - ry)} Z" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
        f'<path d="M0,{R} A{num(w / 2)},{R} 0 0 0 {W},{R} M0,{num(2 * ry)} A{num(w / 2)},{R} 0 0 '
        f"0 {W},{num(2 * ry)} "
        f'M0,{num(3 * ry)} A{num(w / 2)},{R} 0 0 0 {W},{num(3 * ry)}" fill="none" '
        f'stroke="{stroke}" stroke-width="1.5"/>'
    )
