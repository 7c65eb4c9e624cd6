"""Text for SVG: escaping, number formatting and label wrapping by estimated width.

No font metrics are available without a browser, so widths are estimated from a small
table of Arial advance widths; that is accurate to a few percent for German labels,
enough to wrap inside a task box the way bpmn.io does.

Examples
--------
>>> esc('<script>alert("x")</script>')
'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
>>> wrap("Antrag auf Wohngeld formell prüfen", 90, 12)
['Antrag auf', 'Wohngeld', 'formell prüfen']
>>> num(12.5), num(3.0), num(-0.001), num(float("nan"))
('12.5', '3', '0', '0')
"""

from __future__ import annotations

import math

__all__ = ["FONT", "LINE_HEIGHT", "esc", "num", "text_block", "text_width", "wrap"]

FONT = "Arial, Helvetica, sans-serif"
#: Line height as a multiple of the font size (bpmn.io uses 1.2).
LINE_HEIGHT = 1.2

_TABLE: dict[int, str | None] = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#39;",
}
# Characters XML 1.0 forbids: C0 controls other than tab/newline/return, lone
# surrogates (cannot be encoded as UTF-8) and the two non-characters.
for _code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF):
    _TABLE[_code] = None
for _code in range(0xD800, 0xE000):
    _TABLE[_code] = None


def esc(text: object) -> str:
    """Escape any value for SVG text or a double- or single-quoted attribute."""
    return str(text).translate(_TABLE)


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    try:
        if value.is_integer():  # the common case in DI: whole pixels
            return str(int(value))
    except AttributeError:  # an int (no is_integer before Python 3.12)
        return str(value)
    if not math.isfinite(value):
        return "0"  # NaN or infinity from a broken DI: keep the document valid
    rounded = round(value, 2)
    whole = int(rounded)
    if rounded == whole:
        return str(whole)
    return repr(rounded)


# Arial advance widths in em (from the font's metrics); anything else counts as 0.556.
_WIDTHS: dict[str, float] = {}
for _chars, _width in (
    ("ijl'", 0.222),
    ("ft .,:;!/I[]\\|", 0.278),
    ('r-()"', 0.333),
    ("ckvsxyzJ", 0.5),
    ("abdeghnopqu0123456789äöü?_#$", 0.556),
    ("+=<>~", 0.584),
    ("ßFTZ", 0.611),
    ("ABEKPSVXYÄ&", 0.667),
    ("wCDHNRUÜ", 0.722),
    ("GOQÖ", 0.778),
    ("mM", 0.833),
    ("%", 0.889),
    ("W@", 0.944),
):
    for _c in _chars:
        _WIDTHS[_c] = _width


def text_width(text: str, size: float) -> float:
    """Estimated rendered width of ``text`` in pixels at font ``size``."""
    get = _WIDTHS.get
    return sum(get(c, 0.556) for c in text) * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (explicit newlines kept).

    A single word wider than the line is split by characters, as bpmn.io does.
    """
    lines: list[str] = []
    space = _WIDTHS[" "] * size
    for paragraph in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        words = paragraph.split()
        if not words:
            if paragraph:
                lines.append("")
            continue
        current = ""
        current_width = 0.0
        for word in words:
            word_width = text_width(word, size)
            if current and current_width + space + word_width <= width:
                current = f"{current} {word}"
                current_width += space + word_width
                continue
            if current:
                lines.append(current)
            current, current_width = word, word_width
            while current_width > width and len(current) > 1:
                cut = _fit(current, width, size)
                lines.append(current[:cut])
                current = current[cut:]
                current_width = text_width(current, size)
        lines.append(current)
    return lines


def _fit(word: str, width: float, size: float) -> int:
    """How many leading characters of ``word`` fit into ``width`` (at least one)."""
    total = 0.0
    get = _WIDTHS.get
    for index, char in enumerate(word):
        total += get(char, 0.556) * size
        if total > width:
            return max(1, index)
    return len(word)


def text_block(
    lines: list[str],
    cx: float,
    top: float,
    size: float,
    *,
    fill: str = "#22242a",
    anchor: str = "middle",
    extra: str = "",
) -> str:
    """A ``<text>`` element with one ``<tspan>`` per line, first baseline below ``top``."""
    if not lines:
        return ""
    step = size * LINE_HEIGHT
    x = num(cx)
    first = top + size * 0.95
    spans = "".join(
        f'<tspan x="{x}" y="{num(first + i * step)}">{esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text font-family="{FONT}" font-size="{num(size)}" fill="{fill}" '
        f'text-anchor="{anchor}"{extra}>{spans}</text>'
    )
