"""Plotly figures of the simulation page: pure functions from shaped data to a figure.

They take the rows of :mod:`app_pages.simulation_data` and the words to print, and
import no Streamlit, so tests can check what a chart shows without a browser.

Examples
--------
>>> figure = utilisation_figure(
...     [{"name": "Poststelle", "simulated": 0.5, "analytical": 0.6}],
...     {"simulated": "Simulation", "analytical": "erwartet", "axis": "Auslastung",
...      "line": "85 %"})
>>> [trace.name for trace in figure.data]
['Simulation', 'erwartet']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from app_pages.simulation_data import CAPACITY_LINE

__all__ = [
    "PART_COLOURS",
    "comparison_figure",
    "lead_time_figure",
    "queue_figure",
    "time_unit",
    "utilisation_figure",
    "waiting_processing_figure",
]

#: Lay time, queue and processing (colour-blind safe, Okabe–Ito).
PART_COLOURS: dict[str, str] = {"lay": "#999999", "queue": "#D55E00", "processing": "#0072B2"}
_OVER = "#c62828"
_UNDER = "#0072B2"
_EXPECTED = "#E69F00"


def _layout(figure: go.Figure, height: int, *, decimal_comma: bool = False) -> go.Figure:
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        separators=",." if decimal_comma else ".,",
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    return figure


def time_unit(largest_minutes: float, words: Mapping[str, str]) -> tuple[float, str]:
    """Divisor and unit word for times up to ``largest_minutes``: days from two days on,
    hours from two hours on, else minutes. ``words`` holds ``days``, ``hours``, ``minutes``.

    >>> time_unit(5000, {"days": "Tage", "hours": "h", "minutes": "min"})
    (1440.0, 'Tage')
    """
    if largest_minutes >= 2880:
        return 1440.0, words["days"]
    if largest_minutes >= 120:
        return 60.0, words["hours"]
    return 1.0, words["minutes"]


def lead_time_figure(
    lead_times: Sequence[float],
    words: Mapping[str, str],
    *,
    marks: Mapping[str, float | None] | None = None,
    decimal_comma: bool = False,
) -> go.Figure:
    """Histogram of the simulated lead times (days), with vertical lines at ``marks``
    (label -> minutes, e.g. mean and 90 % quantile). ``words``: ``axis``, ``count``."""
    days = [t / 1440 for t in lead_times]
    figure = go.Figure(
        go.Histogram(
            x=days,
            nbinsx=40,
            marker_color=_UNDER,
            name=words["count"],
            hovertemplate=f"{words['axis']}: %{{x}}<br>{words['count']}: %{{y}}<extra></extra>",
        )
    )
    for index, (label, minutes) in enumerate((marks or {}).items()):
        if minutes is None:
            continue
        figure.add_vline(
            x=minutes / 1440,
            line_dash="dash" if index else "solid",
            line_color=_EXPECTED if index else "#222222",
            annotation_text=label,
            annotation_position="top right" if index else "top left",
        )
    figure.update_xaxes(title_text=words["axis"])
    figure.update_yaxes(title_text=words["count"])
    figure.update_layout(showlegend=False, bargap=0.05)
    return _layout(figure, 360, decimal_comma=decimal_comma)


def waiting_processing_figure(
    rows: Sequence[Mapping[str, Any]],
    words: Mapping[str, str],
    *,
    decimal_comma: bool = False,
) -> go.Figure:
    """Per activity one horizontal bar of the time it adds to a case, stacked: lay time,
    queue, processing. ``words``: ``lay``, ``queue``, ``processing``, ``days``, ``hours``,
    ``minutes``, ``axis`` (with ``{unit}``)."""
    largest = max((row["total"] for row in rows), default=0.0)
    divisor, unit = time_unit(largest, words)
    names = [row["name"] for row in rows]
    figure = go.Figure(
        [
            go.Bar(
                name=words[part],
                y=names,
                x=[row[part] / divisor for row in rows],
                orientation="h",
                marker_color=PART_COLOURS[part],
                hovertemplate=f"%{{y}}<br>{words[part]}: %{{x:.1f}} {unit}<extra></extra>",
            )
            for part in ("lay", "queue", "processing")
        ]
    )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title_text=words["axis"].format(unit=unit))
    figure.update_yaxes(autorange="reversed", automargin=True)
    return _layout(figure, max(320, 90 + 28 * len(rows)), decimal_comma=decimal_comma)


def utilisation_figure(
    rows: Sequence[Mapping[str, Any]],
    words: Mapping[str, str],
    *,
    decimal_comma: bool = False,
) -> go.Figure:
    """Per unit the simulated utilisation (red above the 85 % line) beside the analytical
    expectation, and the 85 % line. ``words``: ``simulated``, ``analytical``, ``axis``,
    ``line``."""
    names = [row["name"] for row in rows]
    traces = []
    if any(row.get("simulated") is not None for row in rows):
        traces.append(
            go.Bar(
                name=words["simulated"],
                x=names,
                y=[100 * (row.get("simulated") or 0.0) for row in rows],
                marker_color=[
                    _OVER if (row.get("simulated") or 0.0) > CAPACITY_LINE else _UNDER
                    for row in rows
                ],
                hovertemplate=f"%{{x}}<br>{words['simulated']}: %{{y:.0f}} %<extra></extra>",
            )
        )
    traces.append(
        go.Bar(
            name=words["analytical"],
            x=names,
            y=[100 * (row.get("analytical") or 0.0) for row in rows],
            marker_color=_EXPECTED,
            opacity=0.75,
            hovertemplate=f"%{{x}}<br>{words['analytical']}: %{{y:.0f}} %<extra></extra>",
        )
    )
    figure = go.Figure(traces)
    figure.add_hline(
        y=100 * CAPACITY_LINE,
        line_dash="dash",
        line_color=_OVER,
        annotation_text=words["line"],
        annotation_position="top left",
    )
    figure.update_layout(barmode="group")
    figure.update_yaxes(title_text=words["axis"], ticksuffix=" %", rangemode="tozero")
    figure.update_xaxes(tickangle=-20, automargin=True)
    return _layout(figure, 380, decimal_comma=decimal_comma)


def queue_figure(
    series: Mapping[str, Mapping[str, Sequence[float]]],
    words: Mapping[str, str],
    *,
    decimal_comma: bool = False,
) -> go.Figure:
    """One line per unit: cases waiting in its queue over simulated days. ``words``:
    ``x``, ``y``."""
    figure = go.Figure(
        [
            go.Scatter(
                name=name,
                x=list(points["days"]),
                y=list(points["waiting"]),
                mode="lines",
                line={"shape": "hv", "width": 1.5},
                hovertemplate=f"{name}<br>{words['x']}: %{{x:.1f}}<br>{words['y']}: %{{y}}"
                "<extra></extra>",
            )
            for name, points in series.items()
        ]
    )
    figure.update_xaxes(title_text=words["x"])
    figure.update_yaxes(title_text=words["y"], rangemode="tozero")
    return _layout(figure, 360, decimal_comma=decimal_comma)


def comparison_figure(
    as_is: Sequence[Mapping[str, Any]],
    to_be: Sequence[Mapping[str, Any]],
    words: Mapping[str, str],
    *,
    decimal_comma: bool = False,
) -> go.Figure:
    """Expected utilisation per unit of two variants side by side (units by name, so a
    unit both variants have shares a group). ``words``: ``as_is``, ``to_be``, ``axis``,
    ``line``."""
    names = list(dict.fromkeys([*(r["name"] for r in as_is), *(r["name"] for r in to_be)]))
    figure = go.Figure(
        [
            go.Bar(
                name=words[key],
                x=names,
                y=[100 * (values.get(name) or 0.0) for name in names],
                marker_color=colour,
                hovertemplate=f"%{{x}}<br>{words[key]}: %{{y:.0f}} %<extra></extra>",
            )
            for key, colour, values in (
                ("as_is", "#999999", {r["name"]: r["analytical"] for r in as_is}),
                ("to_be", "#009E73", {r["name"]: r["analytical"] for r in to_be}),
            )
        ]
    )
    figure.add_hline(
        y=100 * CAPACITY_LINE,
        line_dash="dash",
        line_color=_OVER,
        annotation_text=words["line"],
        annotation_position="top left",
    )
    figure.update_layout(barmode="group")
    figure.update_yaxes(title_text=words["axis"], ticksuffix=" %", rangemode="tozero")
    figure.update_xaxes(tickangle=-20, automargin=True)
    return _layout(figure, 360, decimal_comma=decimal_comma)
