"""Simulation: expected effort, cost and lead time of a process, then its queues and
bottlenecks case by case, and an as-is/to-be comparison."""

from __future__ import annotations

import streamlit as st

from app_pages.i18n import current_language, t
from app_pages.loading import chosen_source, source_inputs
from app_pages.simulation_cache import analytical, file_parameters, load_source, show_error
from app_pages.simulation_editor import parameters
from app_pages.simulation_views import comparison, expected_figures, run_settings, simulation
from processanalysis.errors import message_for

COMPARE_KEY = "simulation.compare"
START_KEY = "simulation.start"

st.title(t("sim.title"))
st.markdown(t("sim.intro"))

choice, samples, sample, upload = source_inputs("sim", "simulation")
other_sample = (
    # No comparison is "nothing selected", shown as the placeholder: an option label that
    # depends on the language would outlive a language switch in the widget's state.
    choice.selectbox(
        t("sim.compare"),
        samples,
        index=None,
        format_func=lambda p: p.stem,
        placeholder=t("sim.compare_none"),
        key=COMPARE_KEY,
        help=t("sim.compare_help"),
    )
    if samples
    else None
)

name, data = chosen_source("sim", sample, upload)

source = load_source(name, data)
if not source["record"]["ok"]:
    show_error(source)
    st.stop()
if not source["record"]["activities"]:
    st.warning(t("sim.no_activities"))
    st.stop()

st.header(t("sim.params.title"))
params = parameters(source)
if params is None:
    st.stop()

st.header(t("sim.expected.title"))
expected = analytical(source, params)
if expected is None:
    st.stop()
expected_figures(expected)

# The comparison variant: computed with the parameters in its own file.
other = other_expected = None
if other_sample is not None:
    try:
        other_source = load_source(other_sample.name, other_sample.read_bytes())
    except OSError:
        other_source = None
        st.error(message_for("file-not-found", current_language(), path=other_sample.name))
    if other_source is not None and other_source["digest"] == source["digest"]:
        st.info(t("sim.compare.same"))
    elif other_source is not None and not other_source["record"]["ok"]:
        message = other_source["record"]["error"][current_language()]["message"]
        st.error(t("sim.compare.error", name=other_sample.stem, message=message))
    elif other_source is not None:
        other_params = file_parameters(other_source)
        other_expected = analytical(other_source, other_params)
        if other_expected is not None:
            other = (other_source, other_params)

st.header(t("sim.run.title"))
st.caption(t("sim.run.caption"))
settings = run_settings()
started = st.button(
    t("sim.run.button"), type="primary", icon=":material/play_arrow:", key=START_KEY
)
record, other_record = simulation(source, params, expected, settings, other, started)

if other is not None and other_expected is not None:
    st.header(t("sim.compare.title"))
    comparison(
        (source["name"].rsplit(".", 1)[0], other[0]["name"].rsplit(".", 1)[0]),
        (expected, other_expected),
        (record, other_record),
    )
