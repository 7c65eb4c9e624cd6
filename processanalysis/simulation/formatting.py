"""Numbers, durations, shares and money as people read them, in German or English.

Shared by the ``simulate`` command's summary and the simulation page; no UI imports.

Examples
--------
>>> format_number(12345.678, 1, "de"), format_number(12345.678, 1, "en")
('12.345,7', '12,345.7')
>>> format_duration(45, "de"), format_duration(150, "en"), format_duration(4320, "de")
('45 min', '2.5 h', '3,0 Tage')
>>> format_duration(0.2), format_percent(0.912, "de"), format_money(1234.5, "en", 2)
('< 1 min', '91 %', '1,234.50 €')
"""

from __future__ import annotations

import math

__all__ = ["format_duration", "format_money", "format_number", "format_percent"]

_UNITS = {
    "de": {"minutes": "{value} min", "hours": "{value} h", "days": "{value} Tage"},
    "en": {"minutes": "{value} min", "hours": "{value} h", "days": "{value} days"},
}


def format_number(value: float | None, digits: int = 0, lang: str = "de") -> str:
    """``value`` with thousands separators and ``digits`` decimals, German or English.

    ``–`` when unknown (``None``, NaN), ``∞`` when infinite.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if math.isinf(value):
        return "∞"
    text = f"{value:,.{digits}f}"
    if lang == "de":  # 1,234.5 -> 1.234,5
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_duration(minutes: float | None, lang: str = "de") -> str:
    """A span of (calendar) time: minutes below 90, hours below two days, else days of
    24 hours (the unit lay times are given in: 1440 minutes = one day)."""
    units = _UNITS.get(lang, _UNITS["de"])
    if minutes is None or math.isnan(minutes):
        return "–"
    if math.isinf(minutes):
        return "∞"
    if 0 < minutes < 0.5:
        return "< " + units["minutes"].format(value=1)
    if abs(minutes) < 90:
        return units["minutes"].format(value=format_number(minutes, 0, lang))
    if abs(minutes) < 2880:
        return units["hours"].format(value=format_number(minutes / 60, 1, lang))
    return units["days"].format(value=format_number(minutes / 1440, 1, lang))


def format_percent(share: float | None, lang: str = "de") -> str:
    """A share as a whole percentage (``–`` when unknown)."""
    if share is None or math.isnan(share):
        return "–"
    return f"{format_number(100 * share, 0, lang)} %"


def format_money(value: float | None, lang: str = "de", digits: int = 0) -> str:
    """Euros (``–`` when unknown)."""
    return "–" if value is None else f"{format_number(value, digits, lang)} €"
