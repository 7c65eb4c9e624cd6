"""Diagrams without a browser: BPMN notation as standalone SVG, and an automatic layout.

``render_svg`` draws a model's diagram interchange (or an automatic layout when the
model has none) with overlays for findings and heat; ``auto_layout`` gives models
without DI a tidy left-to-right diagram that the exporter writes as BPMN DI.

Examples
--------
>>> from processanalysis.render import Overlay
>>> Overlay("Task_1", badge="1", severity="medium").outline
'#f57c00'
"""

from processanalysis.render.layout import auto_layout
from processanalysis.render.overlay import SEVERITY_COLOURS, Overlay, heat_colour
from processanalysis.render.svg import DiagramNotFound, has_partial_di, render_svg

__all__ = [
    "SEVERITY_COLOURS",
    "DiagramNotFound",
    "Overlay",
    "auto_layout",
    "has_partial_di",
    "heat_colour",
    "render_svg",
]
