"""Renderers and selection state of the analysis page.

Each renderer takes the finished analysis record (:func:`analysis_data.analysis_record`)
and draws one part of the page. The diagram and the findings table point at each
other through four ``st.session_state`` entries, changed only in widget callbacks
(which run before the rerun, so every part of the page sees the same selection):

* :data:`ELEMENT_KEY` — the element clicked in the diagram; the table shows its findings;
* :data:`FINDING_KEY` — the finding chosen in the table (or the worst of a clicked
  element's); its details are shown;
* :data:`FOCUS_KEY` — what the diagram highlights and scrolls to, with a token that
  changes only on a new choice, so the user's own panning survives other reruns;
* :data:`PICK_KEY` — counts diagram clicks, so the table is re-created with the
  picked row selected even when its rows stay the same.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.analysis_charts import (
    SEVERITY_COLOURS,
    findings_per_unit_figure,
    handoff_heatmap_figure,
    media_break_sankey_figure,
)
from app_pages.analysis_data import (
    NO_UNIT,
    analysis_record,
    element_markers,
    filter_findings,
    filter_options,
    finding_rows,
    findings_for_element,
    findings_per_unit,
    handoff_heatmap,
    media_break_sankey,
    medium_name,
)
from app_pages.bpmn_viewer import ViewerAssetsMissingError, bpmn_viewer
from app_pages.i18n import current_language, escape_markdown, t
from app_pages.loading import guarded_load
from app_pages.loading import show_error as show_file_error
from processanalysis.analysis.finding import KINDS

__all__ = [
    "ELEMENT_KEY",
    "FILTER_KEYS",
    "FINDING_KEY",
    "FOCUS_KEY",
    "PICK_KEY",
    "SEVERITY_MARKDOWN",
    "VIEWER_KEY",
    "charts",
    "diagram",
    "filtered",
    "finding_details",
    "findings_filters",
    "findings_table",
    "kpi_tiles",
    "load_analysis",
    "reset_selection",
    "select_element",
    "show_error",
]

ELEMENT_KEY = "analysis.element"
FINDING_KEY = "analysis.finding"
FOCUS_KEY = "analysis.focus"
FOCUS_COUNT_KEY = "analysis.focus_count"
PICK_KEY = "analysis.pick"
DIGEST_KEY = "analysis.digest"
VIEWER_KEY = "analysis.viewer"
#: Filter widget keys by the finding field they filter.
FILTER_KEYS: dict[str, str] = {
    "kind": "analysis.filter_kind",
    "severity": "analysis.filter_severity",
    "unit": "analysis.filter_unit",
}
#: Markdown colour per severity, like the diagram's markers (a coloured "●", not an
#: emoji: office PCs without an emoji font would show empty boxes).
SEVERITY_MARKDOWN: dict[str, str] = {"high": "red", "medium": "orange", "low": "blue"}
_DOT = "●"

_log = logging.getLogger(__name__)


# -- loading -----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=32)
def _cached_analysis(digest: str, _data: bytes) -> dict[str, Any]:
    # Keyed by the content hash alone (``_data`` is not hashed): the same bytes, under
    # any name, are analysed once; a rerun (a click, a filter) costs no analysis.
    return analysis_record(_data)


def load_analysis(name: str, data: bytes) -> dict[str, Any]:
    """The analysis record of a file; never raises (a bug becomes a plain error record)."""
    digest, record = guarded_load(
        _cached_analysis, name, data, doing="analysing", message_key="analysis.unexpected"
    )
    if st.session_state.get(DIGEST_KEY) != digest:
        reset_selection()
        st.session_state[DIGEST_KEY] = digest
    return {**record, "file": name, "digest": digest}


def reset_selection() -> None:
    """Forget filters and selection: another file has other units, elements, findings."""
    for key in (ELEMENT_KEY, FINDING_KEY, FOCUS_KEY, *FILTER_KEYS.values()):
        st.session_state.pop(key, None)


def show_error(record: Mapping[str, Any]) -> None:
    """The reason a file cannot be analysed, in plain words with line and code."""
    show_file_error(record["error"])


# -- key figures -------------------------------------------------------------------------


def _decimal(value: float, digits: int) -> str:
    formatted = f"{value:,.{digits}f}"
    if current_language() == "de":  # 1,234.5 -> 1.234,5
        formatted = formatted.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return formatted


def _percent(share: float) -> str:
    return f"{_decimal(100 * share, 0)} %"


def kpi_tiles(kpis: Mapping[str, Any]) -> None:
    """Two rows of four tiles: counts and hand-offs, then units, shares and findings."""
    external = ", ".join(kpis.get("external_party_names", [])) or "–"
    by_severity = kpis.get("findings_by_severity", {})
    severities = ", ".join(
        f"{by_severity.get(s, 0)} {t(f'severity.{s}')}" for s in SEVERITY_COLOURS
    )
    tiles = [
        ("kpi.activities", str(kpis["activities"]), None),
        ("kpi.media_breaks", str(kpis["media_breaks"]), None),
        ("kpi.handoffs", str(kpis["handoffs"]), None),
        (
            "kpi.handoffs_per_case",
            _decimal(kpis["handoffs_per_case"], 1),
            t("kpi.handoffs_per_case_help"),
        ),
        ("kpi.units", str(kpis["units"]), t("kpi.units_help", external=external)),
        ("kpi.digital_share", _percent(kpis["digital_share"]), t("kpi.digital_share_help")),
        ("kpi.manual_share", _percent(kpis["manual_share"]), t("kpi.manual_share_help")),
        ("kpi.findings", str(kpis["findings"]), t("kpi.findings_help", severities=severities)),
    ]
    # Four to a row: seven or eight tiles in one row cut their labels off.
    columns = [*st.columns(4), *st.columns(4)]
    for column, (key, value, help_text) in zip(columns, tiles, strict=True):
        column.metric(t(key), value, help=help_text, border=True)


# -- the diagram -------------------------------------------------------------------------


def _viewer_labels() -> dict[str, str]:
    keys = ("fit", "zoom_in", "zoom_out", "search", "previous", "next", "no_hits")
    labels = {key: t(f"viewer.{key}") for key in keys}
    labels |= {key: t(f"viewer.{key}") for key in ("findings", "import_error", "no_diagram")}
    labels |= {severity: t(f"severity.{severity}") for severity in SEVERITY_COLOURS}
    return labels


def _on_diagram_select(findings: Sequence[Mapping[str, Any]]) -> None:
    """A marked element was clicked: show its findings, pick the worst, focus the element."""
    clicked = (st.session_state.get(VIEWER_KEY) or {}).get("select")
    if not isinstance(clicked, str):
        return
    select_element(clicked, findings)


def select_element(element_id: str, findings: Sequence[Mapping[str, Any]]) -> None:
    """What a click on ``element_id`` in the diagram does to the selection state."""
    own = findings_for_element(findings, element_id)
    st.session_state[PICK_KEY] = st.session_state.get(PICK_KEY, 0) + 1
    st.session_state[ELEMENT_KEY] = element_id
    st.session_state[FINDING_KEY] = own[0]["id"] if own else None
    _focus([element_id], f"element:{element_id}")


def _clear_element() -> None:
    st.session_state[ELEMENT_KEY] = None


def diagram(record: Mapping[str, Any], markers_from: Sequence[Mapping[str, Any]]) -> None:
    """The bpmn-js diagram with a marker on every element the (filtered) findings name."""
    st.caption(t("diagram.caption"))
    if not record["has_diagram"]:
        st.info(t("diagram.no_di"))
        return
    focus = st.session_state.get(FOCUS_KEY) or {"ids": [], "token": None}
    try:
        bpmn_viewer(
            record["xml"],
            markers=element_markers(markers_from),
            focus=focus["ids"],
            focus_token=focus["token"],
            labels=_viewer_labels(),
            key=VIEWER_KEY,
            on_select=partial(_on_diagram_select, record["findings"]),
        )
    except ViewerAssetsMissingError:
        _log.exception("bpmn-js is not installed")
        st.warning(t("diagram.missing"))


# -- the findings table ------------------------------------------------------------------


def findings_filters(findings: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Three multiselects (kind, severity, unit); empty means all. Returns the choice."""
    options = filter_options(findings)
    labels = {
        "kind": lambda code: t(f"kind.{code}", default=code),
        "severity": lambda code: t(f"severity.{code}", default=code),
        "unit": str,
    }
    chosen: dict[str, list[str]] = {}
    for column, (field, key) in zip(st.columns(3), FILTER_KEYS.items(), strict=True):
        # A stale choice (an option gone after a new upload) would make the widget fail.
        if key in st.session_state:
            st.session_state[key] = [v for v in st.session_state[key] if v in options[field]]
        chosen[field] = column.multiselect(
            t(f"findings.filter_{field}"),
            options[field],
            format_func=labels[field],
            key=key,
            placeholder=t("findings.filter_all"),
        )
    return chosen


def filtered(
    findings: Sequence[Mapping[str, Any]], chosen: Mapping[str, Sequence[str]]
) -> list[Mapping[str, Any]]:
    """``findings`` through the multiselect filters (the element filter left aside)."""
    return filter_findings(
        findings, kinds=chosen["kind"], severities=chosen["severity"], units=chosen["unit"]
    )


def _focus(ids: Sequence[str], reason: str) -> None:
    """Ask the diagram to highlight ``ids``; a fresh token makes it scroll there once."""
    count = st.session_state.get(FOCUS_COUNT_KEY, 0) + 1
    st.session_state[FOCUS_COUNT_KEY] = count
    st.session_state[FOCUS_KEY] = {"ids": list(ids), "token": f"{reason}:{count}"}


def _on_table_select(
    table_key: str, ids: Sequence[str], elements: Mapping[str, Sequence[str]]
) -> None:
    rows = (st.session_state.get(table_key) or {}).get("selection", {}).get("rows", [])
    if not rows:  # the row was deselected: nothing chosen, nothing highlighted
        st.session_state[FINDING_KEY] = None
        _focus([], "none")
        return
    finding_id = ids[rows[0]]
    st.session_state[FINDING_KEY] = finding_id
    _focus(elements[finding_id], f"finding:{finding_id}")


def findings_table(
    record: Mapping[str, Any],
    shown: Sequence[Mapping[str, Any]],
    reviews: Mapping[str, str] | None = None,
) -> Mapping[str, Any] | None:
    """The findings table with single-row selection; returns the selected finding.

    ``reviews`` (finding id -> ``open``/``accepted``/``rejected``) adds the review column
    when the analysis comes from a library version.
    """
    lang = current_language()
    element = st.session_state.get(ELEMENT_KEY)
    if element is not None:
        label = record["labels"].get(element, element)
        note, clear = st.columns([4, 1], vertical_alignment="center")
        note.info(t("findings.element", element=escape_markdown(label)))
        clear.button(t("findings.element_clear"), on_click=_clear_element, icon=":material/close:")
        shown = filter_findings(shown, element=element)
    rows = finding_rows(shown, record["labels"], lang)
    st.caption(t("findings.caption", shown=len(rows), total=len(record["findings"])))
    if not rows:
        st.info(t("findings.none"))
        return None
    ids = [row["id"] for row in rows]
    selected = st.session_state.get(FINDING_KEY)
    pick = st.session_state.get(PICK_KEY, 0)
    # A new key whenever the rows or a diagram pick change: the widget is then created
    # afresh and ``selection_default`` marks the chosen finding; otherwise the user's own
    # selection stays with the widget.
    verdicts = [(reviews or {}).get(i, "open") for i in ids] if reviews is not None else []
    digest = hashlib.sha1("\n".join([*ids, str(pick), *verdicts]).encode()).hexdigest()[:12]
    table_key = f"analysis.table.{digest}"
    default = {"selection": {"rows": [ids.index(selected)]}} if selected in ids else None
    columns = {
        "severity": t("col.severity"),
        "kind": t("col.kind"),
        "message": t("col.message"),
        "elements": t("col.elements"),
        "units": t("col.units"),
        "rule": t("col.rule"),
    }
    table = pd.DataFrame(
        [
            {
                columns["severity"]: f"{_DOT} "
                f"{t('severity.' + row['severity'], default=row['severity'])}",
                columns["kind"]: t(f"kind.{row['kind']}", default=row["kind"]),
                columns["message"]: row["message"],
                columns["elements"]: row["elements"],
                columns["units"]: row["units"],
                columns["rule"]: row["rule"],
            }
            for row in rows
        ]
    )
    if reviews is not None:
        table.insert(0, t("library.review.column"),
                     [t(f"library.review.{verdict}") for verdict in verdicts])
    elements = {f["id"]: f["elements"] for f in shown}
    colours = [SEVERITY_COLOURS.get(row["severity"], "inherit") for row in rows]
    styled = table.style.apply(
        lambda _column: [f"color: {colour}; font-weight: 600" for colour in colours],
        subset=[columns["severity"]],
    )
    st.dataframe(
        styled,
        key=table_key,
        hide_index=True,
        on_select=partial(_on_table_select, table_key, ids, elements),
        selection_mode="single-row",
        selection_default=default,
        column_config={
            columns["severity"]: st.column_config.TextColumn(width=100),
            columns["kind"]: st.column_config.TextColumn(width=130),
            columns["message"]: st.column_config.TextColumn(width="large"),
        },
        height=min(420, 38 + 35 * len(rows)),
    )
    if selected not in ids:
        st.caption(t("findings.hint"))
        return None
    return next(f for f in shown if f["id"] == selected)


def finding_details(finding: Mapping[str, Any], labels: Mapping[str, str]) -> None:
    """Message, evidence, suggestion, elements and rule of one finding."""
    lang = current_language()
    severity = finding["severity"]
    with st.container(border=True):
        st.markdown(
            f":{SEVERITY_MARKDOWN.get(severity, 'gray')}[{_DOT}] "
            f"**{t('kind.' + finding['kind'])}** · "
            f"{t('severity.' + severity)} · {t('detail.rule')} `{finding['rule']}`"
        )
        st.markdown(escape_markdown(finding["message"][lang]))
        if finding.get("from_medium") and finding.get("to_medium"):
            st.markdown(
                f"**{t('detail.media')}:** {medium_name(finding['from_medium'], lang)} → "
                f"{medium_name(finding['to_medium'], lang)}"
            )
        evidence = finding["evidence"][lang]
        if evidence:
            st.markdown(f"**{t('detail.evidence')}**")
            st.markdown("\n".join(f"- {escape_markdown(item)}" for item in evidence))
        names = ", ".join(escape_markdown(labels.get(e, e)) for e in finding["elements"])
        st.markdown(f"**{t('detail.elements')}:** {names}")
        if finding["suggestion"][lang]:
            st.success(
                f"**{t('detail.suggestion')}:** {escape_markdown(finding['suggestion'][lang])}"
            )


# -- charts ------------------------------------------------------------------------------


def charts(record: Mapping[str, Any]) -> None:
    """Hand-off matrix, media-break Sankey and findings per unit, one tab each."""
    lang = current_language()
    handoffs_tab, media_tab, units_tab = st.tabs(
        [t("chart.handoffs"), t("chart.media"), t("chart.per_unit")]
    )
    with handoffs_tab:
        units, z = handoff_heatmap(record)
        if not any(any(row) for row in z):
            st.info(t("chart.handoffs_empty"))
        else:
            words = {
                "x": t("chart.handoffs_to"),
                "y": t("chart.handoffs_from"),
                "value": t("chart.handoffs_value"),
            }
            figure = handoff_heatmap_figure(units, z, words, decimal_comma=lang == "de")
            st.plotly_chart(figure, key="analysis.chart_handoffs")
    with media_tab:
        sankey = media_break_sankey(record["findings"])
        if not sankey["links"]:
            st.info(t("chart.media_empty"))
        else:
            st.caption(t("chart.media_caption"))
            figure = media_break_sankey_figure(sankey, lambda medium: medium_name(medium, lang))
            st.plotly_chart(figure, key="analysis.chart_media")
    with units_tab:
        counts = findings_per_unit(record["findings"])
        if not counts:
            st.info(t("chart.per_unit_empty"))
        else:
            st.caption(t("chart.per_unit_caption"))
            figure = findings_per_unit_figure(
                counts,
                KINDS,
                lambda kind: t(f"kind.{kind}", default=kind),
                lambda unit: unit if unit != NO_UNIT else t("unit.none"),
                t("chart.per_unit_axis"),
            )
            st.plotly_chart(figure, key="analysis.chart_units")
