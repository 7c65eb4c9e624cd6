"""Static charts of the reports, drawn offline with matplotlib in the app's look.

Why matplotlib and not Plotly → kaleido: kaleido 1.x drives a headless Chrome per process
(seconds of start-up, a browser that closed municipal servers may not have, and fragile
as root in containers), while the reports must be made offline, fast (a PDF in under 5 s)
and the same on every machine. The charts reuse the app's Plotly colours (Okabe–Ito
per finding kind, red/orange/blue per severity, the simulation page's 85 % line) on the
Streamlit theme's white ground with light grid lines, so report and app look alike.

Every function returns SVG text with the text kept as text (searchable in the PDF);
numbers on axes follow the report's language (``1.234,5`` in German).

Examples
--------
>>> svg = bar_chart([("Ist", 3.0), ("Soll", 1.0)], lang="de")
>>> svg.lstrip().startswith("<?xml") and "<svg" in svg
True
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from processanalysis.simulation.formatting import format_number

__all__ = [
    "KIND_COLOURS",
    "SERIES_COLOURS",
    "SEVERITY_COLOURS",
    "STATUS_COLOURS",
    "bar_chart",
    "bubble_chart",
    "grouped_bar_chart",
    "roadmap_chart",
    "stacked_bar_chart",
]

#: The app's colours (app_pages/analysis_charts.py, simulation_charts.py).
SEVERITY_COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#1565c0"}
KIND_COLOURS = {
    "media_break": "#D55E00",
    "handoff": "#0072B2",
    "bottleneck": "#E69F00",
    "quality": "#009E73",
}
#: As-is first, then the to-be variants (Okabe–Ito).
SERIES_COLOURS = ("#999999", "#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9")
STATUS_COLOURS = {
    "idea": "#999999",
    "planned": "#56B4E9",
    "in_progress": "#0072B2",
    "done": "#009E73",
    "stopped": "#D55E00",
}
_OVER = "#c62828"
_TEXT = "#31333F"  # Streamlit's text colour
_GRID = "#E6EAF1"
_LINE = "#E69F00"

# matplotlib's pyplot state is global; the app renders reports from several threads.
_LOCK = threading.Lock()
_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "text.color": _TEXT,
    "axes.labelcolor": _TEXT,
    "axes.edgecolor": "#BFC5D3",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": _GRID,
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "xtick.color": _TEXT,
    "ytick.color": _TEXT,
    "legend.frameon": False,
    "svg.fonttype": "none",  # text stays text: searchable and crisp in the PDF
    "svg.hashsalt": "processanalysis-report",  # stable ids: same input, same file
    "figure.facecolor": "white",
}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def _svg(fig: Any) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    _pyplot().close(fig)
    return buffer.getvalue()


def _number_axis(axis: Any, lang: str, *, percent: bool = False) -> None:
    from matplotlib.ticker import FuncFormatter

    def label(value: float, _pos: int) -> str:
        if percent:
            return f"{format_number(value * 100, 0, lang)} %"
        digits = 0 if abs(value - round(value)) < 1e-9 else 1
        return format_number(value, digits, lang)

    axis.set_major_formatter(FuncFormatter(label))


def _height(rows: int, base: float = 1.2, per_row: float = 0.32, cap: float = 9.0) -> float:
    return min(cap, base + per_row * max(rows, 1))


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(
    rows: Sequence[tuple[str, float]],
    *,
    lang: str = "de",
    colour: str = "#0072B2",
    percent: bool = False,
    line: float | None = None,
    over: float | None = None,
    axis_title: str = "",
) -> str:
    """Horizontal bars, first row on top; ``line`` draws a reference line (the 85 %
    utilisation line), bars beyond ``over`` turn red as on the simulation page."""
    with _LOCK:
        plt = _pyplot()
        with plt.rc_context(_STYLE):
            fig, ax = plt.subplots(figsize=(7.0, _height(len(rows))))
            names = [_short(n) for n, _ in rows][::-1]
            values = [v for _, v in rows][::-1]
            colours = [_OVER if over is not None and v > over else colour for v in values]
            ax.barh(range(len(values)), values, color=colours, height=0.65)
            ax.set_yticks(range(len(values)), names)
            ax.grid(axis="y", visible=False)
            _number_axis(ax.xaxis, lang, percent=percent)
            if line is not None:
                ax.axvline(line, color=_LINE, linestyle="--", linewidth=1.2)
            if axis_title:
                ax.set_xlabel(axis_title)
            return _svg(fig)


def grouped_bar_chart(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    lang: str = "de",
    percent: bool = False,
) -> str:
    """Vertical bars, one group per category and one colour per series (as-is first)."""
    with _LOCK:
        plt = _pyplot()
        with plt.rc_context(_STYLE):
            fig, ax = plt.subplots(figsize=(7.0, 3.2))
            count = max(len(series), 1)
            width = 0.8 / count
            for i, (name, values) in enumerate(series.items()):
                xs = [c + (i - (count - 1) / 2) * width for c in range(len(categories))]
                ax.bar(xs, list(values), width=width * 0.95, label=_short(name, 30),
                       color=SERIES_COLOURS[i % len(SERIES_COLOURS)])
            ax.set_xticks(range(len(categories)), [_short(c, 18) for c in categories])
            ax.grid(axis="x", visible=False)
            _number_axis(ax.yaxis, lang, percent=percent)
            ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=min(count, 4))
            return _svg(fig)


def stacked_bar_chart(
    rows: Sequence[str],
    stacks: Mapping[str, Sequence[float]],
    colours: Mapping[str, str],
    *,
    lang: str = "de",
    axis_title: str = "",
) -> str:
    """Horizontal stacked bars: one bar per row, one segment per stack (in legend order)."""
    with _LOCK:
        plt = _pyplot()
        with plt.rc_context(_STYLE):
            fig, ax = plt.subplots(figsize=(7.0, _height(len(rows), base=1.6)))
            positions = list(range(len(rows)))[::-1]
            left = [0.0] * len(rows)
            for i, (name, values) in enumerate(stacks.items()):
                colour = colours.get(name) or SERIES_COLOURS[i % len(SERIES_COLOURS)]
                ax.barh(positions, list(values), left=left, color=colour, height=0.65,
                        label=_short(name, 28))
                left = [a + b for a, b in zip(left, values, strict=True)]
            ax.set_yticks(positions, [_short(r) for r in rows])
            ax.grid(axis="y", visible=False)
            _number_axis(ax.xaxis, lang)
            if axis_title:
                ax.set_xlabel(axis_title)
            ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3)
            return _svg(fig)


def bubble_chart(
    points: Sequence[dict[str, Any]],
    *,
    x_title: str,
    y_title: str,
    status_names: Mapping[str, str],
    lang: str = "de",
) -> str:
    """The portfolio matrix: ``points`` have ``name``, ``x``, ``y``, ``size`` (budget)
    and ``status``; bubble area grows with size, colour by status."""
    with _LOCK:
        plt = _pyplot()
        with plt.rc_context(_STYLE):
            fig, ax = plt.subplots(figsize=(7.0, 4.6))
            largest = max((p["size"] for p in points), default=0) or 1.0
            for status, colour in STATUS_COLOURS.items():
                chosen = [p for p in points if p["status"] == status]
                if not chosen:
                    continue
                ax.scatter([p["x"] for p in chosen], [p["y"] for p in chosen],
                           s=[60 + 1400 * (p["size"] / largest) for p in chosen],
                           color=colour, alpha=0.6, edgecolors="white", linewidths=1,
                           label=status_names.get(status, status))
            for p in points:
                ax.annotate(_short(p["name"], 24), (p["x"], p["y"]), fontsize=7,
                            xytext=(4, 4), textcoords="offset points")
            ax.set_xlabel(x_title)
            ax.set_ylabel(y_title)
            _number_axis(ax.yaxis, lang)
            _number_axis(ax.xaxis, lang)
            ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=5, markerscale=0.4)
            return _svg(fig)


def roadmap_chart(
    items: Sequence[dict[str, Any]],
    *,
    status_names: Mapping[str, str],
    lang: str = "de",
) -> str:
    """Gantt bars from ``start`` to ``end`` (dates) per project, colour by status,
    earliest start on top; a dashed line marks today when it lies within the span."""
    with _LOCK:
        plt = _pyplot()
        import matplotlib.dates as mdates

        with plt.rc_context(_STYLE):
            fig, ax = plt.subplots(figsize=(7.0, _height(len(items), base=1.6)))
            ordered = sorted(items, key=lambda i: (i["start"], i["end"]))[::-1]
            seen: set[str] = set()
            for row, item in enumerate(ordered):
                start = mdates.date2num(item["start"])
                end = mdates.date2num(item["end"])
                status = item["status"]
                label = status_names.get(status, status) if status not in seen else None
                seen.add(status)
                ax.barh(row, max(end - start, 1), left=start, height=0.6,
                        color=STATUS_COLOURS.get(status, "#999999"), label=label)
            ax.set_yticks(range(len(ordered)), [_short(i["name"]) for i in ordered])
            ax.xaxis_date()
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%m/%Y" if lang == "de"
                                                              else "%Y-%m"))
            today = mdates.date2num(date.today())
            low, high = ax.get_xlim()
            if low <= today <= high:
                ax.axvline(today, color=_OVER, linestyle="--", linewidth=1)
            ax.grid(axis="y", visible=False)
            ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=5)
            return _svg(fig)
