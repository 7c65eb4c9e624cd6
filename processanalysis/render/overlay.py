"""Overlays on a rendered diagram: numbered badges, severity outlines, heat fills.

Kept apart from the drawing code because reports build overlays from findings and
simulation results without knowing anything about SVG.

Examples
--------
>>> Overlay("Task_1", badge="3", severity="high").outline
'#d32f2f'
>>> heat_colour(0.0), heat_colour(1.0)
('#fff5eb', '#d94801')
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SEVERITY_COLOURS", "Overlay", "heat_colour"]

#: Outline colour per finding severity (the same red/orange/blue as the analysis page).
SEVERITY_COLOURS: dict[str, str] = {
    "high": "#d32f2f",
    "medium": "#f57c00",
    "low": "#1976d2",
}


@dataclass(frozen=True, slots=True)
class Overlay:
    """What to mark on one element.

    ``badge`` is the short text in the numbered circle at the element's top right (the
    finding's number in the findings table), ``severity`` colours the outline (high red,
    medium orange, low blue), ``colour`` overrides that colour (any CSS colour), and
    ``note`` becomes the element's tooltip (``<title>``).
    """

    element_id: str
    badge: str | None = None
    severity: str | None = None
    colour: str | None = None
    note: str | None = None

    @property
    def outline(self) -> str | None:
        """The outline colour to draw, or ``None`` for no outline."""
        if self.colour:
            return self.colour
        if self.severity:
            return SEVERITY_COLOURS.get(self.severity.lower(), SEVERITY_COLOURS["low"])
        return None


_HEAT_LOW = (0xFF, 0xF5, 0xEB)
_HEAT_HIGH = (0xD9, 0x48, 0x01)


def heat_colour(value: float) -> str:
    """Fill colour for a share between 0 and 1 (clamped): pale to deep orange.

    One hue, so the scale reads as "more" in grey-scale print as well.
    """
    if value != value:  # NaN: treat as no heat
        value = 0.0
    share = min(1.0, max(0.0, float(value)))
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(_HEAT_LOW, _HEAT_HIGH, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"
