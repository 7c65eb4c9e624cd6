"""The BPMN diagram with findings marked: bpmn-js as a Streamlit components-v2 component.

What the user gets: the diagram drawn by bpmn-js's NavigatedViewer (mouse wheel zooms,
dragging pans), buttons to fit the diagram and to zoom, a search box that finds
elements by label and centres them, a coloured outline and a count badge on every
element with findings (high red, medium orange, low blue). Clicking a marked element
or its badge sends the element id back to Python; a *focus* from Python (the elements
of the finding chosen in the table) is highlighted and scrolled into view.

How bpmn-js is shipped offline
------------------------------
Municipal networks are often cut off from the internet, so nothing is loaded from a
CDN. ``make install`` runs ``npm ci --prefix frontend``, which puts the pinned bpmn-js
release into ``frontend/node_modules``. This module reads its prebuilt bundle
(``bpmn-js/dist/bpmn-navigated-viewer.production.min.js``, no bundler needed) and its two
style sheets at runtime and registers them *inline* with
``st.components.v2.component(html=..., css=..., js=...)``:

* **js** — one ES module: the bundle inside a function that hands it a CommonJS
  ``module`` object (so its UMD wrapper returns ``BpmnJS`` instead of writing a global),
  followed by ``frontend/viewer/bpmn_viewer.js``, whose default export Streamlit calls;
* **css** — ``diagram-js.css``, ``bpmn-js.css`` and ``frontend/viewer/bpmn_viewer.css``;
* **html** — ``frontend/viewer/bpmn_viewer.html`` (toolbar and canvas).

Why inline: in Streamlit 1.67 a component may reference files by path only when it is
declared with an ``asset_dir`` in the ``pyproject.toml`` of an installed package; the app
is not such a package. Inline content travels in the element's message (about 250 kB,
of which the minified bundle is 195 kB); the browser turns it into a ``blob:`` module
URL cached by content hash, so the module is evaluated once per session and a rerun
only hands new data to the running viewer. The component mounts in a shadow root
(``isolate_styles=True``), so bpmn-js's styles cannot touch the page's.

Examples
--------
>>> assets = viewer_assets()
>>> "BpmnJS" in assets.js and "export default" in assets.js
True
>>> '"select"' in assets.js  # the event the page listens to
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

__all__ = [
    "BPMN_JS_DIST",
    "COMPONENT_NAME",
    "VIEWER_SOURCES",
    "ViewerAssets",
    "ViewerAssetsMissingError",
    "bpmn_viewer",
    "bundle_module",
    "read_asset",
    "viewer_assets",
]

_FRONTEND = Path(__file__).resolve().parents[1] / "frontend"
#: bpmn-js's prebuilt distribution, installed by ``npm ci --prefix frontend``.
BPMN_JS_DIST = _FRONTEND / "node_modules" / "bpmn-js" / "dist"
#: Our own part of the component: markup, styles, the module's default export.
VIEWER_SOURCES = _FRONTEND / "viewer"
COMPONENT_NAME = "processanalysis_bpmn_viewer"

_BUNDLE = "bpmn-navigated-viewer.production.min.js"
_STYLES = ("assets/diagram-js.css", "assets/bpmn-js.css")


class ViewerAssetsMissingError(FileNotFoundError):
    """bpmn-js (or the viewer's own files) are not installed: ``make install`` was not run."""


@dataclass(frozen=True, slots=True)
class ViewerAssets:
    """The component's inline content, exactly as registered with Streamlit."""

    html: str
    css: str
    js: str


def read_asset(path: Path) -> str:
    """The text of a component file; a missing one names the command that installs it."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ViewerAssetsMissingError(
            f"{path} is missing; run `make install` (npm ci --prefix frontend)"
        ) from error


def bundle_module(bundle_name: str) -> str:
    """The bpmn-js bundle ``bundle_name`` (in :data:`BPMN_JS_DIST`) as a ``const BpmnJS``.

    The UMD wrapper takes the CommonJS branch when ``module`` and ``exports`` exist; the
    bundle then stays private to the component's module and sets no global ``BpmnJS``.
    Shared with the modeller (``app_pages.bpmn_modeler``).
    """
    bundle = read_asset(BPMN_JS_DIST / bundle_name)
    return (
        "const BpmnJS = (() => {\n"
        "  const module = { exports: {} };\n"
        "  const exports = module.exports;\n"
        f"{bundle}\n"
        "  return module.exports;\n"
        "})();\n"
    )


@cache
def viewer_assets() -> ViewerAssets:
    """Read bpmn-js and the viewer sources once per process.

    Raises
    ------
    ViewerAssetsMissingError
        When ``frontend/node_modules`` or ``frontend/viewer`` lacks a file.
    """
    js = bundle_module(_BUNDLE) + read_asset(VIEWER_SOURCES / "bpmn_viewer.js")
    styles = [BPMN_JS_DIST / name for name in _STYLES] + [VIEWER_SOURCES / "bpmn_viewer.css"]
    css = "\n".join(read_asset(path) for path in styles)
    return ViewerAssets(html=read_asset(VIEWER_SOURCES / "bpmn_viewer.html"), css=css, js=js)


@cache
def _component() -> Callable[..., Any]:
    """Register the component once per process; Streamlit re-registers it per runtime."""
    assets = viewer_assets()
    return st.components.v2.component(
        COMPONENT_NAME, html=assets.html, css=assets.css, js=assets.js, isolate_styles=True
    )


def bpmn_viewer(
    xml: str,
    *,
    markers: Sequence[Mapping[str, Any]] = (),
    focus: Sequence[str] = (),
    focus_token: str | None = None,
    labels: Mapping[str, str] | None = None,
    colours: Mapping[str, str] | None = None,
    height: int = 560,
    key: str = "bpmn_viewer",
    on_select: Callable[[], None] | None = None,
) -> str | None:
    """Draw ``xml`` with ``markers``; return the element id the user just clicked, if any.

    Parameters
    ----------
    xml
        The BPMN 2.0 XML to draw (with diagram interchange, else a message is shown).
    markers
        ``{"element_id", "severity", "finding_ids"}`` per element with findings
        (:func:`app_pages.analysis_data.element_markers`).
    focus, focus_token
        Elements to highlight and scroll to. The viewer moves only when the token
        changes, so the user's own zoom and pan survive reruns that keep the focus.
    labels
        The toolbar's words in the page language: ``fit``, ``zoom_in``, ``zoom_out``,
        ``search``, ``previous``, ``next``, ``no_hits``, ``high``, ``medium``, ``low``,
        ``findings``, ``import_error``, ``no_diagram``.
    colours
        Element id -> ``added``, ``removed`` or ``changed``: the compare page's diff,
        drawn green, red and orange (``None``: no diff; the findings legend shows).
    height
        Height of the drawing area in pixels.
    key
        The component's key; ``st.session_state[key]["select"]`` holds the clicked id
        inside ``on_select``.
    on_select
        Called (as a Streamlit callback, before the rerun) when an element is clicked.

    Raises
    ------
    ViewerAssetsMissingError
        When bpmn-js is not installed.
    """
    mount = _component()
    result = mount(
        key=key,
        data={
            "xml": xml,
            "markers": [dict(marker) for marker in markers],
            "focus": {"ids": list(focus), "token": focus_token},
            "labels": dict(labels or {}),
            "colours": None if colours is None else dict(colours),
            "height": height,
        },
        height=height + 50,  # the toolbar above the drawing
        on_select_change=on_select or (lambda: None),
    )
    selected = getattr(result, "select", None)
    return selected if isinstance(selected, str) else None
