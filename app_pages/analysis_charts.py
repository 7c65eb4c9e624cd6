"""Plotly figures of the analysis page: pure functions from shaped data to a figure.

They take the output of :mod:`app_pages.analysis_data` and the words to print, and
import no Streamlit, so tests can check what a chart shows without a browser.

Examples
--------
>>> figure = handoff_heatmap_figure(["A", "B"], [[0, 2.0], [1.0, 0]], {"x": "an", "y": "von",
...     "value": "je Fall"})
>>> figure.data[0].type, list(figure.data[0].x)
('heatmap', ['A', 'B'])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

__all__ = [
    "SEVERITY_COLOURS",
    "findings_per_unit_figure",
    "handoff_heatmap_figure",
    "media_break_sankey_figure",
]

#: The diagram's marker colours (frontend/viewer/bpmn_viewer.css), reused in charts.
SEVERITY_COLOURS: dict[str, str] = {"high": "#c62828", "medium": "#ef6c00", "low": "#1565c0"}
#: One colour per finding kind (colour-blind safe, Okabe–Ito).
KIND_COLOURS: dict[str, str] = {
    "media_break": "#D55E00",
    "handoff": "#0072B2",
    "bottleneck": "#E69F00",
    "quality": "#009E73",
}
#: Per medium class: analogue media warm, digital ones cool.
MEDIUM_COLOURS: dict[str, str] = {
    "paper": "#A6761D",
    "fax": "#E6AB02",
    "phone": "#D95F02",
    "in_person": "#E7298A",
    "email": "#7570B3",
    "document": "#66A61E",
    "it_system": "#1B9E77",
    "online_service": "#1F78B4",
}


def _layout(figure: go.Figure, height: int, *, decimal_comma: bool = False) -> go.Figure:
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        # German writes 1,5 where English writes 1.5 (decimal mark, then thousands).
        separators=",." if decimal_comma else ".,",
    )
    return figure


def handoff_heatmap_figure(
    units: Sequence[str],
    z: Sequence[Sequence[float]],
    words: Mapping[str, str],
    *,
    decimal_comma: bool = False,
) -> go.Figure:
    """Units × units, hand-offs per case in each cell; rows hand over, columns receive.

    ``words`` holds the axis titles ``x`` (to), ``y`` (from) and ``value``.
    """
    texts = [[_number(v, decimal_comma) if v else "" for v in row] for row in z]
    figure = go.Figure(
        go.Heatmap(
            x=list(units),
            y=list(units),
            z=[list(row) for row in z],
            text=texts,
            texttemplate="%{text}",
            colorscale="Blues",
            colorbar={"title": {"text": words["value"]}},
            hovertemplate=(
                f"{words['y']}: %{{y}}<br>{words['x']}: %{{x}}<br>"
                f"{words['value']}: %{{z:.2f}}<extra></extra>"
            ),
        )
    )
    figure.update_xaxes(title_text=words["x"], side="top", tickangle=-30)
    figure.update_yaxes(title_text=words["y"], autorange="reversed")
    return _layout(figure, max(360, 60 + 40 * len(units)), decimal_comma=decimal_comma)


def media_break_sankey_figure(
    sankey: Mapping[str, Any], medium_label: Callable[[str], str]
) -> go.Figure:
    """Producing media on the left, consuming media on the right, link width = breaks."""
    sources: list[str] = list(sankey["sources"])
    targets: list[str] = list(sankey["targets"])
    labels = [f"{medium_label(m)} →" for m in sources] + [f"→ {medium_label(m)}" for m in targets]
    colours = [MEDIUM_COLOURS.get(m, "#888888") for m in [*sources, *targets]]
    links = sankey["links"]
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": labels, "color": colours, "pad": 18, "thickness": 18},
            link={
                "source": [link["source"] for link in links],
                "target": [len(sources) + link["target"] for link in links],
                "value": [link["value"] for link in links],
                "color": [
                    _transparent(MEDIUM_COLOURS.get(sources[link["source"]], "#888888"))
                    for link in links
                ],
            },
        )
    )
    figure.update_layout(font_size=13)
    return _layout(figure, max(320, 60 * max(len(sources), len(targets), 1)))


def findings_per_unit_figure(
    counts: Mapping[str, Mapping[str, int]],
    kinds: Sequence[str],
    kind_label: Callable[[str], str],
    unit_label: Callable[[str], str],
    axis_title: str,
) -> go.Figure:
    """One horizontal bar per unit, stacked by finding kind (catalogue order)."""
    units = sorted(counts, key=lambda u: (-sum(counts[u].values()), unit_label(u)))
    figure = go.Figure(
        [
            go.Bar(
                name=kind_label(kind),
                y=[unit_label(u) for u in units],
                x=[counts[u].get(kind, 0) for u in units],
                orientation="h",
                marker_color=KIND_COLOURS.get(kind),
            )
            for kind in kinds
            if any(counts[u].get(kind) for u in units)
        ]
    )
    figure.update_layout(
        barmode="stack",
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
    )
    figure.update_xaxes(title_text=axis_title, dtick=1 if _max_total(counts) <= 10 else None)
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, max(320, 80 + 34 * len(units)))


def _max_total(counts: Mapping[str, Mapping[str, int]]) -> int:
    return max((sum(per_kind.values()) for per_kind in counts.values()), default=0)


def _number(value: float, decimal_comma: bool = False) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal_comma else text


def _transparent(hex_colour: str, alpha: float = 0.4) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"
