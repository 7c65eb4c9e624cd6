"""The BPMN editor of the modeller page: bpmn-js Modeler as a Streamlit components-v2 component.

What the user gets: bpmn-js's full modeller (palette, context pad, replace menu, direct
label editing, undo/redo, its keyboard shortcuts once the canvas has focus, Ctrl+Z /
Ctrl+Y …) and beside it a properties panel of our own for exactly what the analyses
read: name, task type, unit (the lane), medium, IT system, processing and waiting
time, fixed cost, branch probability, staff and hourly cost of a lane, cases per year.
The panel writes the workbench's own ``pa:`` attributes (namespace
``urn:processanalysis:bpmn:1.0``, see ``processanalysis.analysis.media`` and
``processanalysis.simulation.sources.pa``) through a moddle extension
(``frontend/modeler/pa_moddle.json``), so bpmn-js and our importer agree on them.

A name field and "save as variant" sit in the toolbar; the click hands the XML to
Python as the trigger ``save``. Every edit is also kept as a draft in the browser's
``localStorage`` under the key Python gives (one per version), so a reload, a closed
tab or a rejected save loses nothing; once Python confirms the save (``saved``) the
draft is dropped unless the user edited on.

Shipping: exactly as :mod:`app_pages.bpmn_viewer` ships the viewer (inline, nothing
from a CDN), with the modeller bundle ``bpmn-modeler.production.min.js`` (about
570 kB) instead of the navigated viewer, and two additions: the moddle descriptor as
``PA_MODDLE`` and bpmn-js's icon font. A font declared inside a shadow root is ignored
by Chromium, so the font (WOFF2, 13 kB) travels as a data-URL ``@font-face`` rule that
the module adds to the page's ``<head>`` once; the icon classes stay in the shadow
root.

Examples
--------
>>> assets = modeler_assets()
>>> "PA_MODDLE" in assets.js and "urn:processanalysis:bpmn:1.0" in assets.js
True
>>> '"save"' in assets.js
True
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages.bpmn_viewer import BPMN_JS_DIST, ViewerAssets, bundle_module, read_asset

__all__ = [
    "COMPONENT_NAME",
    "MODELER_SOURCES",
    "PA_MODDLE_PATH",
    "bpmn_modeler",
    "modeler_assets",
]

#: Our own part of the component: markup, styles, script, the ``pa:`` moddle descriptor.
MODELER_SOURCES = Path(__file__).resolve().parents[1] / "frontend" / "modeler"
PA_MODDLE_PATH = MODELER_SOURCES / "pa_moddle.json"
COMPONENT_NAME = "processanalysis_bpmn_modeler"

_BUNDLE = "bpmn-modeler.production.min.js"
_STYLES = ("assets/diagram-js.css", "assets/bpmn-js.css")
_ICONS = "assets/bpmn-font/css/bpmn.css"
_FONT = "assets/bpmn-font/font/bpmn.woff2"
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")


def _font_face() -> str:
    """bpmn-js's icon font as one ``@font-face`` rule with the WOFF2 file inline."""
    try:
        font = (BPMN_JS_DIST / _FONT).read_bytes()
    except FileNotFoundError:
        read_asset(BPMN_JS_DIST / _FONT)  # raises the message naming `make install`
        raise
    encoded = base64.b64encode(font).decode("ascii")
    return (
        "@font-face { font-family: 'bpmn'; font-weight: normal; font-style: normal; "
        f"src: url('data:font/woff2;base64,{encoded}') format('woff2'); }}"
    )


@cache
def modeler_assets() -> ViewerAssets:
    """Read bpmn-js's modeller and our sources once per process.

    Raises
    ------
    app_pages.bpmn_viewer.ViewerAssetsMissingError
        When ``frontend/node_modules`` or ``frontend/modeler`` lacks a file.
    """
    descriptor = json.loads(read_asset(PA_MODDLE_PATH))
    js = (
        bundle_module(_BUNDLE)
        + f"const PA_MODDLE = {json.dumps(descriptor)};\n"
        + f"const BPMN_FONT_FACE = {json.dumps(_font_face())};\n"
        + read_asset(MODELER_SOURCES / "bpmn_modeler.js")
    )
    # The icon classes without their @font-face (its relative URLs lead nowhere here).
    icons = _FONT_FACE.sub("", read_asset(BPMN_JS_DIST / _ICONS))
    styles = [read_asset(BPMN_JS_DIST / name) for name in _STYLES]
    css = "\n".join([*styles, icons, read_asset(MODELER_SOURCES / "bpmn_modeler.css")])
    return ViewerAssets(html=read_asset(MODELER_SOURCES / "bpmn_modeler.html"), css=css, js=js)


@cache
def _component() -> Callable[..., Any]:
    """Register the component once per process; Streamlit re-registers it per runtime."""
    assets = modeler_assets()
    return st.components.v2.component(
        COMPONENT_NAME, html=assets.html, css=assets.css, js=assets.js, isolate_styles=True
    )


def bpmn_modeler(
    xml: str,
    *,
    draft_key: str,
    default_name: str = "",
    media: Sequence[tuple[str, str]] = (),
    task_types: Sequence[tuple[str, str]] = (),
    labels: Mapping[str, str] | None = None,
    saved: Mapping[str, Any] | None = None,
    height: int = 620,
    key: str = "bpmn_modeler",
    on_save: Callable[[], None] | None = None,
) -> dict[str, Any] | None:
    """Open ``xml`` for editing; return ``{"xml", "name", "nonce", "draft_key"}`` on "save".

    Parameters
    ----------
    xml
        The version to edit (a copy: nothing is written back to it).
    draft_key
        Names the browser draft, e.g. ``"version:12"``; a draft under this key is opened
        instead of ``xml`` (with a "discard draft" button).
    default_name
        The variant name proposed in the toolbar.
    media, task_types
        ``(value, label)`` choices of the panel's medium and task-type fields
        (``pa:medium`` values; ``bpmn:UserTask`` …).
    labels
        Every visible word in the page language (see ``i18n_variants``: ``modeler.js.*``).
    saved
        ``{"nonce", "draft_key"}`` of the save Python has just stored: the browser drops
        the draft (unless it was edited after that save).
    height
        Height of the drawing area in pixels.
    key
        The component's key; ``st.session_state[key]["save"]`` inside ``on_save``.
    on_save
        Called (as a Streamlit callback, before the rerun) when "save" is clicked.

    Raises
    ------
    app_pages.bpmn_viewer.ViewerAssetsMissingError
        When bpmn-js is not installed.
    """
    mount = _component()
    result = mount(
        key=key,
        data={
            "xml": xml,
            "draft_key": draft_key,
            "default_name": default_name,
            "media": [list(pair) for pair in media],
            "task_types": [list(pair) for pair in task_types],
            "labels": dict(labels or {}),
            "saved": dict(saved) if saved else None,
            "height": height,
        },
        height=height + 60,  # the toolbar above the drawing
        on_save_change=on_save or (lambda: None),
    )
    payload = getattr(result, "save", None)
    return payload if isinstance(payload, dict) else None
