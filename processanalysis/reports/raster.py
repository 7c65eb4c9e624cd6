"""SVG → PNG for formats that cannot hold SVG (Word), with cairo via CairoSVG.

CairoSVG parses with its own XML reader; it is given ``unsafe=False`` (no entities, no
external files), and our SVGs reference nothing outside themselves anyway.
"""

from __future__ import annotations

__all__ = ["svg_to_png"]

#: Longest side of a raster image in pixels: sharp when printed at A4 width (~190 dpi)
#: without making a Word file of many megabytes.
MAX_PIXELS = 2400


def svg_to_png(svg: str, *, width: float, height: float, max_pixels: int = MAX_PIXELS) -> bytes:
    """Render ``svg`` (``width`` × ``height`` user units) to PNG, at most ``max_pixels``
    on its longer side and at most twice its size when small."""
    import cairosvg

    longest = max(width, height, 1.0)
    scale = min(2.0, max_pixels / longest)
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale, unsafe=False,
                            background_color="white")
