"""Plotly figures of the portfolio page: ranking, bubble matrix, roadmap, status history.

Each function takes prepared rows (:mod:`app_pages.portfolio_data`) and the words to show,
so the figures are language-neutral and testable without Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import plotly.express as px
import plotly.graph_objects as go

__all__ = [
    "STATUS_COLOURS",
    "bubble_figure",
    "history_figure",
    "ranking_figure",
    "roadmap_figure",
]

#: One colour per project status, the same in every chart (colour-blind safe, Okabe–Ito).
STATUS_COLOURS: dict[str, str] = {
    "idea": "#999999",
    "planned": "#56B4E9",
    "in_progress": "#E69F00",
    "done": "#009E73",
    "stopped": "#D55E00",
}
_CRITERION_COLOURS = px.colors.qualitative.Safe


def ranking_figure(rows: Sequence[Mapping[str, Any]], words: Mapping[str, str]) -> go.Figure:
    """Stacked horizontal bars: one bar per project (rank 1 on top), one segment per criterion."""
    order = list(dict.fromkeys(r["project"] for r in rows))
    figure = px.bar(
        rows, x="points", y="project", color="criterion", orientation="h",
        category_orders={"project": order},
        color_discrete_sequence=_CRITERION_COLOURS,
        labels={"points": words["points"], "project": "", "criterion": words["criterion"]},
        hover_data={"score": ":.1f", "urgent": True},
    )
    figure.update_layout(barmode="stack", height=max(320, 34 * len(order) + 120),
                         legend={"orientation": "h", "y": -0.15}, margin={"l": 10, "r": 10})
    return figure


def bubble_figure(
    rows: Sequence[Mapping[str, Any]], words: Mapping[str, str], status_name: Callable[[str], str]
) -> go.Figure:
    """Benefit points against effort; bubble size is the budget, colour the status."""
    shown = [{**r, "status_label": status_name(r["status"]),
              "size": max(float(r["budget"]), 1.0)} for r in rows]
    figure = px.scatter(
        shown, x="effort", y="benefit", size="size", color="status_label", text="key",
        hover_name="name", size_max=48,
        color_discrete_map={status_name(s): c for s, c in STATUS_COLOURS.items()},
        labels={"effort": words["effort"], "benefit": words["benefit"],
                "status_label": words["status"], "size": words["budget"]},
        hover_data={"budget": ":,.0f", "rank": True, "size": False},
    )
    figure.update_traces(textposition="top center")
    figure.update_layout(height=520, legend={"orientation": "h", "y": -0.18})
    return figure


def roadmap_figure(
    rows: Sequence[Mapping[str, Any]], words: Mapping[str, str], status_name: Callable[[str], str]
) -> go.Figure:
    """A timeline of projects by start and end, coloured by status."""
    shown = [{**r, "status_label": status_name(r["status"])} for r in rows]
    figure = px.timeline(
        shown, x_start="start", x_end="end", y="name", color="status_label",
        color_discrete_map={status_name(s): c for s, c in STATUS_COLOURS.items()},
        labels={"status_label": words["status"], "name": ""},
        hover_data={"owner_unit": True},
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_layout(height=max(300, 32 * len(shown) + 120),
                         legend={"orientation": "h", "y": -0.2})
    return figure


def history_figure(
    rows: Sequence[Mapping[str, Any]], words: Mapping[str, str], status_name: Callable[[str], str]
) -> go.Figure:
    """Progress over time, one marker per status update coloured by its status."""
    figure = go.Figure()
    figure.add_trace(go.Scatter(
        x=[r["date"] for r in rows], y=[r["progress"] for r in rows], mode="lines+markers",
        line={"color": "#555555"},
        marker={"size": 12, "color": [STATUS_COLOURS.get(r["status"], "#555") for r in rows]},
        text=[f"{status_name(r['status'])}: {r['note'] or ''}" for r in rows],
        hovertemplate="%{x}<br>%{y} %<br>%{text}<extra></extra>",
        name=words["progress"],
    ))
    figure.update_layout(height=320, yaxis={"range": [0, 105], "title": words["progress"]},
                         showlegend=False)
    return figure
