"""The compare page's parts: diagrams with the diff in colour, the diff table, KPI charts,
workshop mode and "apply suggestion".

Colours follow one rule everywhere: added green, removed red, changed orange (the
viewer's ``colours`` input, the table's status column and the legend).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app_pages.bpmn_viewer import ViewerAssetsMissingError, bpmn_viewer
from app_pages.i18n import current_language, escape_markdown, t
from app_pages.variants_data import SaveOutcome, apply_finding, suggestions

__all__ = [
    "DIFF_COLOURS",
    "KPI_KEYS",
    "diagrams",
    "diff_table",
    "findings_section",
    "kpi_charts",
    "kpi_rows",
    "suggestion_section",
    "summary",
    "workshop_style",
]

_log = logging.getLogger(__name__)

DIFF_COLOURS = {"added": "#2e7d32", "removed": "#c62828", "changed": "#ef6c00"}
#: The numbers compared, in the order a department reads them (all from ``compute_kpis``).
KPI_KEYS = (
    "media_breaks",
    "handoffs_per_case",
    "handoffs",
    "activities",
    "units",
    "external_parties",
    "digital_share",
    "analogue_share",
    "manual_share",
    "findings",
)
_SHARES = {"digital_share", "analogue_share", "manual_share", "classified_share"}
#: Lower is better for these; for the digital share higher is.
_HIGHER_IS_BETTER = {"digital_share"}
MODE_KEY = "variants.compare.mode"
WORKSHOP_KEY = "variants.compare.workshop"
SHOWN_KEY = "variants.compare.shown"
#: ``{"as_is": ids, "to_be": ids, "token"}``: the elements of the finding chosen in the table.
FOCUS_KEY = "variants.compare.focus"
FINDINGS_TABLE_KEY = "variants.compare.findings_table"
STATUS_FILTER_KEY = "variants.compare.finding_status"
FINDING_STATUSES = ("resolved", "shifted", "remaining", "new")


def workshop_style(on: bool) -> None:
    """Large type for a projector: headings, text, tables and metrics grow."""
    if not on:
        return
    st.html(
        """<style>
        [data-testid="stMain"] { font-size: 1.35rem; }
        [data-testid="stMain"] h1 { font-size: 4rem; }
        [data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 2.4rem; }
        [data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.5rem; }
        [data-testid="stMain"] [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
          font-size: 3.5rem; }
        [data-testid="stMain"] [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p {
          font-size: 1.4rem; }
        [data-testid="stMain"] [data-testid="stMetricDelta"] { font-size: 1.3rem; }
        </style>"""
    )


def _viewer_labels() -> dict[str, str]:
    keys = (
        "fit",
        "zoom_in",
        "zoom_out",
        "search",
        "previous",
        "next",
        "no_hits",
        "high",
        "medium",
        "low",
        "findings",
        "import_error",
        "no_diagram",
    )
    return {key: t(f"variants.viewer.{key}") for key in keys}


def legend() -> None:
    """The colour key of both diagrams."""
    parts = [
        f":{colour}-background[{t(f'variants.diff.{kind}')}]"
        for kind, colour in (("added", "green"), ("removed", "red"), ("changed", "orange"))
    ]
    st.markdown(t("variants.compare.legend") + " " + " ".join(parts))


def _diagram(xml: str, colours: Mapping[str, str], key: str, height: int, side: str) -> None:
    focus = st.session_state.get(FOCUS_KEY) or {}
    try:
        bpmn_viewer(
            xml,
            colours=colours,
            focus=focus.get(side, []),
            focus_token=focus.get("token"),
            labels=_viewer_labels(),
            height=height,
            key=key,
        )
    except ViewerAssetsMissingError:
        _log.exception("bpmn-js is not installed")
        st.warning(t("variants.compare.viewer_missing"))


def diagrams(as_is_xml: str, to_be_xml: str, record: Mapping[str, Any], workshop: bool) -> None:
    """Both diagrams, side by side or one at a time (toggled), with the diff in colour."""
    legend()
    mode = st.segmented_control(
        t("variants.compare.mode"),
        ["side", "toggle"],
        format_func=lambda value: t(f"variants.compare.mode_{value}"),
        default="side",
        key=MODE_KEY,
    )
    height = 620 if workshop else 480
    if mode == "toggle":
        shown = st.segmented_control(
            t("variants.compare.shown"),
            ["as_is", "to_be"],
            format_func=lambda value: t(f"variants.compare.{value}"),
            default="to_be",
            key=SHOWN_KEY,
        )
        if shown == "as_is":
            st.subheader(t("variants.compare.as_is"))
            _diagram(
                as_is_xml, record["as_is_colours"], "variants.compare.viewer_as_is", height, "as_is"
            )
        else:
            st.subheader(t("variants.compare.to_be"))
            _diagram(
                to_be_xml, record["to_be_colours"], "variants.compare.viewer_to_be", height, "to_be"
            )
        return
    left, right = st.columns(2)
    with left:
        st.subheader(t("variants.compare.as_is"))
        _diagram(
            as_is_xml, record["as_is_colours"], "variants.compare.viewer_as_is", height, "as_is"
        )
    with right:
        st.subheader(t("variants.compare.to_be"))
        _diagram(
            to_be_xml, record["to_be_colours"], "variants.compare.viewer_to_be", height, "to_be"
        )


def summary(record: Mapping[str, Any]) -> None:
    """The plain-language summary and the headline numbers as metrics with deltas."""
    st.info(record["summary"][current_language()])
    kpis = record["kpis"]
    headline = ("media_breaks", "handoffs_per_case", "activities", "digital_share")
    for column, key in zip(st.columns(len(headline)), headline, strict=True):
        before, after = kpis["as_is"].get(key), kpis["to_be"].get(key)
        if not isinstance(after, (int, float)):
            continue
        delta = (after or 0) - (before or 0)
        column.metric(
            t(f"variants.kpi.{key}"),
            _format(key, after),
            delta=_format(key, delta, signed=True) if delta else None,
            delta_color="normal" if key in _HIGHER_IS_BETTER else "inverse",
        )


def _format(key: str, value: float, *, signed: bool = False) -> str:
    sign = "+" if signed and value > 0 else ""
    if key in _SHARES:
        return f"{sign}{value * 100:.0f} %"
    if isinstance(value, float) and not value.is_integer():
        return f"{sign}{value:.2f}".replace(".", "," if current_language() == "de" else ".")
    return f"{sign}{int(value)}"


def kpi_rows(kpis: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per compared number: as-is, to-be, delta (shares in percent)."""
    rows = []
    for key in KPI_KEYS:
        before, after = kpis["as_is"].get(key), kpis["to_be"].get(key)
        if not isinstance(before, (int, float)) and not isinstance(after, (int, float)):
            continue
        scale = 100 if key in _SHARES else 1
        a, b = (before or 0) * scale, (after or 0) * scale
        rows.append(
            {"key": key, "as_is": round(a, 2), "to_be": round(b, 2), "delta": round(b - a, 2)}
        )
    return rows


def kpi_charts(record: Mapping[str, Any]) -> None:
    """As-is against to-be as grouped bars, the deltas as a bar each, and the numbers."""
    rows = kpi_rows(record["kpis"])
    names = [t(f"variants.kpi.{row['key']}") for row in rows]
    bars = go.Figure(
        [
            go.Bar(
                name=t("variants.compare.as_is"),
                x=names,
                y=[r["as_is"] for r in rows],
                marker_color="#90a4ae",
            ),
            go.Bar(
                name=t("variants.compare.to_be"),
                x=names,
                y=[r["to_be"] for r in rows],
                marker_color="#1565c0",
            ),
        ]
    )
    bars.update_layout(
        barmode="group", height=380, margin={"t": 30, "b": 10}, legend={"orientation": "h"}
    )
    deltas = go.Figure(
        go.Bar(
            x=names,
            y=[r["delta"] for r in rows],
            marker_color=[_delta_colour(r["key"], r["delta"]) for r in rows],
            text=[f"{r['delta']:+g}" for r in rows],
            textposition="outside",
        )
    )
    deltas.update_layout(
        height=380, margin={"t": 30, "b": 10}, yaxis_title=t("variants.compare.delta")
    )
    left, right = st.columns(2)
    left.plotly_chart(bars, key="variants.compare.chart_kpis", config={"displaylogo": False})
    right.plotly_chart(deltas, key="variants.compare.chart_delta", config={"displaylogo": False})
    breaks = _break_types(record["kpis"])
    if breaks:
        chart = go.Figure(
            [
                go.Bar(
                    name=t("variants.compare.as_is"),
                    y=list(breaks),
                    x=[v[0] for v in breaks.values()],
                    orientation="h",
                    marker_color="#90a4ae",
                ),
                go.Bar(
                    name=t("variants.compare.to_be"),
                    y=list(breaks),
                    x=[v[1] for v in breaks.values()],
                    orientation="h",
                    marker_color="#1565c0",
                ),
            ]
        )
        chart.update_layout(
            barmode="group",
            height=120 + 40 * len(breaks),
            margin={"t": 30, "b": 10},
            title=t("variants.compare.breaks_by_type"),
            legend={"orientation": "h"},
        )
        st.plotly_chart(chart, key="variants.compare.chart_breaks", config={"displaylogo": False})
    frame = pd.DataFrame(
        [
            {
                t("variants.col.kpi"): name,
                t("variants.compare.as_is"): row["as_is"],
                t("variants.compare.to_be"): row["to_be"],
                t("variants.compare.delta"): row["delta"],
            }
            for name, row in zip(names, rows, strict=True)
        ]
    )
    st.dataframe(frame, hide_index=True, key="variants.compare.kpi_table")


def _delta_colour(key: str, delta: float) -> str:
    if not delta:
        return "#9e9e9e"
    better = delta > 0 if key in _HIGHER_IS_BETTER else delta < 0
    return DIFF_COLOURS["added"] if better else DIFF_COLOURS["removed"]


def _break_label(key: str) -> str:
    """``digital_analogue_digital`` -> ``digital → analog → digital`` (German words in de)."""
    words = {"analogue": "analog"} if current_language() == "de" else {}
    return " → ".join(words.get(part, part) for part in key.split("_"))


def _break_types(kpis: Mapping[str, Mapping[str, Any]]) -> dict[str, tuple[int, int]]:
    before = kpis["as_is"].get("media_breaks_by_type") or {}
    after = kpis["to_be"].get("media_breaks_by_type") or {}
    return {
        _break_label(key): (before.get(key, 0), after.get(key, 0))
        for key in sorted(before.keys() | after.keys())
    }


def diff_table(record: Mapping[str, Any]) -> None:
    """Every added, removed and changed element with its labels and the changed fields."""
    rows: Sequence[Mapping[str, Any]] = record["rows"]
    st.caption(
        t("variants.compare.table_caption", changed=len(rows), unchanged=record["unchanged"])
    )
    if not rows:
        st.success(t("variants.compare.no_changes"))
        return
    marks = {"added": "🟩", "removed": "🟥", "changed": "🟧"}
    frame = pd.DataFrame(
        [
            {
                t(
                    "variants.col.status"
                ): f"{marks[row['status']]} {t('variants.diff.' + row['status'])}",
                t("variants.col.type"): row["type"],
                t("variants.col.as_is"): row["as_is_label"] or row["as_is_id"] or "",
                t("variants.col.to_be"): row["to_be_label"] or row["to_be_id"] or "",
                t("variants.col.fields"): ", ".join(
                    t(f"variants.field.{name}", default=name) for name in row["fields"]
                ),
            }
            for row in rows
        ]
    )
    st.dataframe(frame, hide_index=True, key="variants.compare.diff_table")


# -- findings across both models (discussed in place) -----------------------------------------


def _on_finding_select(rows: Sequence[Mapping[str, Any]]) -> None:
    chosen = (st.session_state.get(FINDINGS_TABLE_KEY) or {}).get("selection", {}).get("rows", [])
    if not chosen:
        st.session_state[FOCUS_KEY] = {"as_is": [], "to_be": [], "token": "none"}
        return
    row = rows[chosen[0]]
    focus: dict[str, Any] = {"as_is": [], "to_be": [], "token": f"finding:{row['id']}"}
    focus[row["side"]] = list(row["elements"])
    st.session_state[FOCUS_KEY] = focus


def findings_section(record: Mapping[str, Any]) -> None:
    """The findings of both models with what became of them; a row shows its elements on
    the diagram above (as-is findings on the as-is diagram, new ones on the to-be)."""
    findings: Sequence[Mapping[str, Any]] = record.get("findings", [])
    counts = {status: sum(f["status"] == status for f in findings) for status in FINDING_STATUSES}
    st.caption(t("variants.findings.caption", **counts))
    chosen = st.segmented_control(
        t("variants.findings.filter"),
        FINDING_STATUSES,
        selection_mode="multi",
        default=list(FINDING_STATUSES),
        format_func=lambda status: f"{t('variants.findings.' + status)} ({counts[status]})",
        key=STATUS_FILTER_KEY,
    )
    shown = [f for f in findings if f["status"] in (chosen or FINDING_STATUSES)]
    if not shown:
        st.info(t("variants.findings.none"))
        return
    lang = current_language()
    marks = {"resolved": "✅", "shifted": "↪️", "remaining": "⏳", "new": "🆕"}
    frame = pd.DataFrame(
        [
            {
                t(
                    "variants.col.status"
                ): f"{marks[f['status']]} {t('variants.findings.' + f['status'])}",
                t("variants.col.kind"): t(f"kind.{f['kind']}", default=f["kind"]),
                t("variants.col.severity"): t(f"severity.{f['severity']}", default=f["severity"]),
                t("variants.col.finding"): f["message"][lang],
            }
            for f in shown
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        key=FINDINGS_TABLE_KEY,
        on_select=lambda: _on_finding_select(shown),
        selection_mode="single-row",
    )


# -- "apply suggestion" ---------------------------------------------------------------------------


def suggestion_section(
    as_is_xml: str, process_id: int | None, version_id: int | None, can_edit: bool
) -> SaveOutcome | None:
    """The as-is findings that carry operations; one click stores them applied as a variant."""
    st.subheader(t("variants.suggest.title"))
    if process_id is None or version_id is None:
        st.info(t("variants.suggest.library_only"))
        return None
    found = suggestions(as_is_xml)
    if not found:
        st.info(t("variants.suggest.none"))
        return None
    lang = current_language()
    by_id = {item["id"]: item for item in found}
    chosen = st.selectbox(
        t("variants.suggest.finding"),
        list(by_id),
        format_func=lambda fid: (
            f"{by_id[fid]['title'][lang]} · {by_id[fid]['text'][lang]['message']}"
        ),
        key="variants.suggest.finding",
    )
    item = by_id[chosen]
    st.markdown(t("variants.suggest.what", text=escape_markdown(item["text"][lang]["suggestion"])))
    st.caption(
        t("variants.suggest.operations", ops=escape_markdown("; ".join(item["changes"][lang])))
    )
    name = st.text_input(
        t("variants.suggest.name"),
        value=t("variants.suggest.default_name", title=item["title"][lang]),
        key=f"variants.suggest.name.{chosen}",
    )
    if not can_edit:
        st.caption(t("variants.save.read_only"))
        return None
    if st.button(t("variants.suggest.apply"), type="primary", key="variants.suggest.apply"):
        with st.spinner(t("variants.suggest.working")):
            return apply_finding(process_id, version_id, chosen, name)
    return None
