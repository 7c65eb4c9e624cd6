"""Renderers and run state of the simulation page: expected figures, the simulation
with its progress bar and results, and the comparison of two variants.

Each renderer takes finished records (:mod:`app_pages.simulation_data`) and draws one
part of the page. The last requested run lives in ``st.session_state[RUN_KEY]``; its
results are shown while the file, the parameters and the settings are still those of
the request, else the page asks for a new run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.bpmn_viewer import ViewerAssetsMissingError, bpmn_viewer
from app_pages.i18n import current_language, escape_markdown, t
from app_pages.simulation_cache import Source, replication, unexpected
from app_pages.simulation_charts import (
    comparison_figure,
    lead_time_figure,
    queue_figure,
    utilisation_figure,
    waiting_processing_figure,
)
from app_pages.simulation_data import (
    CAPACITY_LINE,
    activity_times,
    bottleneck_markers,
    bottleneck_rows,
    comparison_rows,
    format_duration,
    format_money,
    format_number,
    format_percent,
    params_digest,
    queue_series,
    short_window,
    simulation_record,
    unique_assumptions,
    utilisation_rows,
)
from app_pages.simulation_replications import merge_replications
from processanalysis.simulation.engine import SimulationError
from processanalysis.simulation.parameters import ProcessParameters

__all__ = [
    "RUN_KEY",
    "SETTING_KEYS",
    "comparison",
    "expected_figures",
    "expected_tiles",
    "request_for",
    "run_settings",
    "simulation",
]

RUN_KEY = "simulation.run"
VIEWER_KEY = "simulation.viewer"
SETTING_KEYS = {
    "cases": "simulation.cases",
    "seed": "simulation.seed",
    "replications": "simulation.replications",
    "warmup": "simulation.warmup",
}
#: The activities the waiting-and-processing chart shows.
TOP_ACTIVITIES = 15

_log = logging.getLogger(__name__)


# -- expected figures ------------------------------------------------------------------------


def _hours(minutes: float | None, lang: str) -> str:
    return "–" if minutes is None else f"{format_number(minutes / 60, 0, lang)} h"


def _effort(minutes: float | None, lang: str) -> str:
    """Working time: minutes, or hours from two hours on (not days of 24 hours)."""
    if minutes is None:
        return "–"
    if minutes < 120:
        return f"{format_number(minutes, 1 if minutes < 10 else 0, lang)} min"
    return f"{format_number(minutes / 60, 1, lang)} h"


def expected_tiles(expected: Mapping[str, Any]) -> list[tuple[str, str, str | None]]:
    """The analytical tiles: (label key, value as shown, help) in page order."""
    lang = current_language()
    units = [u for u in expected["units"].values() if u["utilisation"] is not None]
    busiest = max(units, key=lambda u: u["utilisation"], default=None)
    return [
        ("sim.kpi.effort_case", _effort(expected["effort_per_case"], lang), "effort_case_help"),
        ("sim.kpi.effort_year", _hours(expected["effort_per_year"], lang), "effort_year_help"),
        ("sim.kpi.cost_case", format_money(expected["cost_per_case"], lang, 2), "cost_help"),
        ("sim.kpi.cost_year", format_money(expected["cost_per_year"], lang), "cost_help"),
        ("sim.kpi.lead_time", format_duration(expected["lead_time"], lang), "lead_time_help"),
        (
            "sim.kpi.lead_time_queue",
            _lead_with_queues(expected),
            "lead_time_queue_help",
        ),
        ("sim.kpi.cases", format_number(expected["cases_per_year"], 0, lang), None),
        (
            "sim.kpi.utilisation_max",
            format_percent(busiest["utilisation"] if busiest else None, lang),
            "utilisation_max_help" if busiest else None,
        ),
    ]


def _lead_with_queues(expected: Mapping[str, Any]) -> str:
    value = expected["lead_time_with_queueing"]
    if value is None and expected["cases_per_year"] is not None:
        return "∞"  # a unit with more work than capacity: the queue grows without end
    return format_duration(value, current_language())


def expected_figures(expected: Mapping[str, Any]) -> None:
    """Eight tiles, the utilisation per unit and the assumptions the figures rest on."""
    lang = current_language()
    st.caption(t("sim.expected.caption"))
    units = [u for u in expected["units"].values() if u["utilisation"] is not None]
    busiest = max(units, key=lambda u: u["utilisation"], default=None)
    columns = [*st.columns(4), *st.columns(4)]
    for column, (key, value, help_key) in zip(columns, expected_tiles(expected), strict=True):
        help_text = None
        if help_key == "utilisation_max_help" and busiest is not None:
            help_text = t("sim.kpi.utilisation_max_help", unit=busiest["name"])
        elif help_key is not None:
            help_text = t(f"sim.kpi.{help_key}")
        column.metric(t(key), value, help=help_text, border=True)
    st.markdown(f"**{t('sim.units.title')}**")
    table = pd.DataFrame(
        [
            {
                t("sim.col.unit"): unit["name"],
                t("sim.col.staff"): format_number(unit["staff"], 2, lang),
                t("sim.col.workload"): _hours(unit["workload_per_year"], lang),
                t("sim.col.capacity"): _hours(unit["capacity_per_year"], lang),
                t("sim.col.utilisation"): format_percent(unit["utilisation"], lang),
            }
            for unit in expected["units"].values()
        ]
    )
    over = [(unit["utilisation"] or 0.0) > CAPACITY_LINE for unit in expected["units"].values()]
    styled = table.style.apply(
        lambda _column: ["color: #c62828; font-weight: 600" if o else "" for o in over],
        subset=[t("sim.col.utilisation")],
    )
    st.dataframe(styled, hide_index=True, key="simulation.units")
    assumptions(expected["assumptions"])


def assumptions(items: Sequence[Mapping[str, Any]]) -> None:
    """The stated assumptions, one per line, in an expander."""
    lang = current_language()
    with st.expander(t("sim.assumptions", count=len(items))):
        st.caption(t("sim.assumptions_caption"))
        st.markdown("\n".join(f"- {escape_markdown(a['message'][lang])}" for a in items))


# -- the simulation --------------------------------------------------------------------------


def run_settings() -> dict[str, int]:
    """Cases, seed, replications and warm-up (the same defaults as the command line)."""
    cases, seed, replications, warmup = st.columns(4)
    return {
        "cases": int(
            cases.number_input(
                t("sim.run.cases"),
                min_value=10,
                max_value=200_000,
                value=1000,
                step=100,
                key=SETTING_KEYS["cases"],
                help=t("sim.run.cases_help"),
            )
        ),
        "seed": int(
            seed.number_input(
                t("sim.run.seed"),
                min_value=0,
                value=0,
                step=1,
                key=SETTING_KEYS["seed"],
                help=t("sim.run.seed_help"),
            )
        ),
        "replications": int(
            replications.number_input(
                t("sim.run.replications"),
                min_value=1,
                max_value=50,
                value=1,
                step=1,
                key=SETTING_KEYS["replications"],
                help=t("sim.run.replications_help"),
            )
        ),
        "warmup": int(
            warmup.number_input(
                t("sim.run.warmup"),
                min_value=0,
                max_value=100_000,
                value=0,
                step=100,
                key=SETTING_KEYS["warmup"],
                help=t("sim.run.warmup_help"),
            )
        ),
    }


def request_for(
    source: Source,
    params: ProcessParameters,
    settings: Mapping[str, int],
    other: tuple[Source, ProcessParameters] | None = None,
) -> dict[str, Any]:
    """What a run is of: the file, its parameters, the settings (and the variant)."""
    request: dict[str, Any] = {
        "digest": source["digest"],
        "params": params_digest(params),
        **settings,
        "other": None,
    }
    if other is not None:
        request["other"] = {"digest": other[0]["digest"], "params": params_digest(other[1])}
    return request


def _replications(
    source: Source,
    params: ProcessParameters,
    settings: Mapping[str, int],
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """All replications (cached one by one), pooled into the page's simulation record."""
    results = []
    for index in range(settings["replications"]):
        results.append(replication(source, params, settings, index))
        if progress is not None:
            progress(index + 1)
    return simulation_record(merge_replications(results, settings["seed"]))


def simulation(
    source: Source,
    params: ProcessParameters,
    expected: Mapping[str, Any],
    settings: Mapping[str, int],
    other: tuple[Source, ProcessParameters] | None,
    started: bool,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Run (when ``started``) or recall the simulation of the current request; draw it.

    Returns the records of this file and of the comparison variant (``None`` when there
    is no current run).
    """
    request = request_for(source, params, settings, other)
    if started:
        st.session_state[RUN_KEY] = request
    last = st.session_state.get(RUN_KEY)
    if last is None:
        st.info(t("sim.run.hint"))
        return None, None
    if last != request:
        st.info(t("sim.run.stale"))
        return None, None
    runs: list[tuple[Source, ProcessParameters]] = [(source, params)]
    if other is not None:
        runs.append(other)
    total = settings["replications"] * len(runs)
    bar = st.progress(0.0, text=t("sim.run.progress", done=0, total=total)) if started else None
    records: list[dict[str, Any] | None] = []
    for index, (run_source, run_params) in enumerate(runs):
        offset = index * settings["replications"]

        def moved(done: int, offset: int = offset, name: str = run_source["name"]) -> None:
            if bar is not None:
                words = "sim.run.progress_compare" if len(runs) > 1 else "sim.run.progress"
                bar.progress(
                    (offset + done) / total,
                    text=t(words, name=name, done=done, total=settings["replications"]),
                )

        try:
            records.append(_replications(run_source, run_params, settings, moved))
        except SimulationError as error:
            st.error(t("sim.run.error", detail=escape_markdown(str(error))))
            records.append(None)
        except Exception as error:
            unexpected(error, "simulating")
            records.append(None)
    if bar is not None:
        bar.empty()
    record = records[0]
    if record is not None:
        _results(source, record, expected, settings)
    return record, records[1] if len(records) > 1 else None


def _results(
    source: Source,
    record: Mapping[str, Any],
    expected: Mapping[str, Any],
    settings: Mapping[str, int],
) -> None:
    lang = current_language()
    labels = source["record"]["labels"]
    st.subheader(t("sim.result.title"))
    st.caption(
        t(
            "sim.result.caption",
            cases=format_number(record["cases"], 0, lang),
            replications=record["replications"],
            seed=record["seed"],
        )
    )
    if short_window(record, expected, settings["cases"], settings["warmup"]):
        st.warning(t("sim.run.short_window"))
    lead = record["lead_time"]
    ci = lead["ci95"]
    tiles = [
        (
            "sim.kpi.sim_mean",
            format_duration(lead["mean"], lang),
            t("sim.kpi.sim_ci", ci=format_duration(ci, lang))
            if ci is not None
            else t("sim.kpi.sim_ci_none"),
        ),
        ("sim.kpi.sim_p50", format_duration(lead["p50"], lang), None),
        ("sim.kpi.sim_p90", format_duration(lead["p90"], lang), t("sim.kpi.sim_p90_help")),
        ("sim.kpi.sim_effort", _effort(record["effort_mean"], lang), None),
        ("sim.kpi.sim_cost", format_money(record["cost_mean"], lang, 2), None),
    ]
    for column, (key, value, help_text) in zip(st.columns(5), tiles, strict=True):
        column.metric(t(key), value, help=help_text, border=True)

    rows = bottleneck_rows(record, labels, expected)
    st.subheader(t("sim.bottlenecks.title"))
    st.caption(t("sim.bottlenecks.caption"))
    if rows:
        top = rows[0]
        st.warning(
            t(
                "sim.bottlenecks.top",
                name=escape_markdown(top["name"]),
                unit=escape_markdown(top["unit"]),
                waiting=format_duration(top["waiting_per_case"], lang),
                reason=escape_markdown(reason_text(top)),
            ),
            icon=":material/hourglass_top:",
        )
        _bottleneck_table(rows)
    else:
        st.success(t("sim.bottlenecks.none"))
    _diagram(source, rows)
    _charts(record, expected, labels)
    if record["warnings"]:
        with st.expander(t("sim.warnings")):
            st.markdown("\n".join(f"- {escape_markdown(w)}" for w in record["warnings"]))
    assumptions(unique_assumptions(expected["assumptions"], record["assumptions"]))


def reason_text(row: Mapping[str, Any]) -> str:
    """Why an activity is a bottleneck, in the page language."""
    lang = current_language()
    utilisation = row["utilisation"]
    if row["reason"] == "capacity":  # the higher of the simulated and the expected
        utilisation = max(utilisation, row.get("expected_utilisation") or 0.0)
    return t(
        f"sim.reason.{row['reason']}",
        default=row["reason"],
        utilisation=format_percent(utilisation, lang),
        share=format_percent(row["outside_hours"], lang),
        line=format_percent(CAPACITY_LINE, lang),
    )


def _bottleneck_table(rows: Sequence[Mapping[str, Any]]) -> None:
    lang = current_language()
    table = pd.DataFrame(
        [
            {
                t("sim.col.rank"): row["rank"],
                t("sim.col.activity"): row["name"],
                t("sim.col.unit"): row["unit"],
                t("sim.col.waiting_per_case"): format_duration(row["waiting_per_case"], lang),
                t("sim.col.simulated"): format_percent(row["utilisation"], lang),
                t("sim.col.utilisation"): format_percent(row["expected_utilisation"], lang),
                t("sim.col.reason"): reason_text(row),
            }
            for row in rows
        ]
    )
    st.dataframe(
        table,
        hide_index=True,
        key="simulation.bottlenecks",
        column_config={
            t("sim.col.rank"): st.column_config.NumberColumn(width=60),
            t("sim.col.activity"): st.column_config.TextColumn(width="medium"),
            t("sim.col.reason"): st.column_config.TextColumn(width="large"),
        },
        height=min(420, 38 + 35 * len(rows)),
    )


def _viewer_labels() -> dict[str, str]:
    keys = ("fit", "zoom_in", "zoom_out", "search", "previous", "next", "no_hits")
    labels = {key: t(f"viewer.{key}") for key in keys}
    labels |= {key: t(f"viewer.{key}") for key in ("import_error", "no_diagram")}
    labels["findings"] = t("sim.viewer.findings")
    labels |= {severity: t(f"severity.{severity}") for severity in ("high", "medium", "low")}
    return labels


def _diagram(source: Source, rows: Sequence[Mapping[str, Any]]) -> None:
    record = source["record"]
    if not rows:
        return
    st.markdown(f"**{t('sim.diagram.title')}**")
    st.caption(t("sim.diagram.caption"))
    if not record["has_diagram"]:
        st.info(t("diagram.no_di"))
        return
    top = rows[0]["element_id"]
    try:
        bpmn_viewer(
            record["xml"],
            markers=bottleneck_markers(rows),
            focus=[top],
            focus_token=f"{source['digest'][:12]}:{top}",
            labels=_viewer_labels(),
            height=480,
            key=VIEWER_KEY,
        )
    except ViewerAssetsMissingError:
        _log.exception("bpmn-js is not installed")
        st.warning(t("diagram.missing"))


def _unit_words() -> dict[str, str]:
    return {
        "days": t("sim.unit.days"),
        "hours": t("sim.unit.hours"),
        "minutes": t("sim.unit.minutes"),
    }


def _charts(
    record: Mapping[str, Any], expected: Mapping[str, Any], labels: Mapping[str, str]
) -> None:
    comma = current_language() == "de"
    lead_tab, times_tab, utilisation_tab, queues_tab = st.tabs(
        [
            t("sim.chart.lead_time"),
            t("sim.chart.times"),
            t("sim.chart.utilisation"),
            t("sim.chart.queues"),
        ]
    )
    with lead_tab:
        figure = lead_time_figure(
            record["lead_times"],
            {"axis": t("sim.chart.lead_time_axis"), "count": t("sim.chart.count")},
            marks={
                t("sim.chart.mean"): record["lead_time"]["mean"],
                t("sim.chart.p90"): record["lead_time"]["p90"],
            },
            decimal_comma=comma,
        )
        st.plotly_chart(figure, key="simulation.chart_lead_time")
    with times_tab:
        rows = activity_times(record, labels, TOP_ACTIVITIES)
        st.caption(t("sim.chart.times_caption", count=len(rows)))
        words = {
            "lay": t("sim.chart.lay"),
            "queue": t("sim.chart.queue"),
            "processing": t("sim.chart.processing"),
            "axis": t("sim.chart.times_axis"),
            **_unit_words(),
        }
        figure = waiting_processing_figure(rows, words, decimal_comma=comma)
        st.plotly_chart(figure, key="simulation.chart_times")
    with utilisation_tab:
        words = {
            "simulated": t("sim.chart.simulated"),
            "analytical": t("sim.chart.analytical"),
            "axis": t("sim.chart.utilisation_axis"),
            "line": t("sim.chart.line"),
        }
        figure = utilisation_figure(utilisation_rows(record, expected), words, decimal_comma=comma)
        st.plotly_chart(figure, key="simulation.chart_utilisation")
    with queues_tab:
        series = queue_series(record)
        if not series:
            st.info(t("sim.chart.queues_empty"))
        else:
            st.caption(t("sim.chart.queues_caption"))
            words = {"x": t("sim.chart.queues_x"), "y": t("sim.chart.queues_y")}
            figure = queue_figure(series, words, decimal_comma=comma)
            st.plotly_chart(figure, key="simulation.chart_queues")


# -- the comparison --------------------------------------------------------------------------


def comparison(
    names: tuple[str, str],
    expected: tuple[Mapping[str, Any], Mapping[str, Any]],
    simulated: tuple[Mapping[str, Any] | None, Mapping[str, Any] | None],
) -> None:
    """Key figures of the two variants side by side, and their expected utilisation."""
    lang = current_language()
    st.caption(
        t("sim.compare.caption", as_is=escape_markdown(names[0]), to_be=escape_markdown(names[1]))
    )
    shown = {
        "duration": lambda v: format_duration(v, lang),
        "effort": lambda v: _effort(v, lang),
        "hours": lambda v: _hours(v, lang),
        "money": lambda v: format_money(v, lang),
        "percent": lambda v: format_percent(v, lang),
    }
    rows = comparison_rows(expected[0], expected[1], simulated)
    table = pd.DataFrame(
        [
            {
                t("sim.compare.figure"): t(f"sim.compare.{row['key']}"),
                t("sim.compare.as_is"): shown[row["kind"]](row["as_is"]),
                t("sim.compare.to_be"): shown[row["kind"]](row["to_be"]),
                t("sim.compare.change"): _change(row["change"], lang),
            }
            for row in rows
        ]
    )
    st.dataframe(table, hide_index=True, key="simulation.comparison")
    if simulated[0] is None or simulated[1] is None:
        st.caption(t("sim.compare.hint"))
    words = {
        "as_is": f"{t('sim.compare.as_is')}: {names[0]}",
        "to_be": f"{t('sim.compare.to_be')}: {names[1]}",
        "axis": t("sim.chart.utilisation_axis"),
        "line": t("sim.chart.line"),
    }
    st.markdown(f"**{t('sim.compare.chart')}**")
    figure = comparison_figure(
        utilisation_rows(None, expected[0]),
        utilisation_rows(None, expected[1]),
        words,
        decimal_comma=lang == "de",
    )
    st.plotly_chart(figure, key="simulation.chart_comparison")


def _change(change: float | None, lang: str) -> str:
    if change is None:
        return "–"
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return f"{sign}{format_number(abs(100 * change), 0, lang)} %"
