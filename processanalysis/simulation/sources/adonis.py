"""ADONIS (BOC) simulation attributes in ``adonis:instance`` records of a BPMN export.

ADONIS writes every modelling attribute as ``<adonis:attribute name=... type=...>``
with an ``<adonis:value>`` child into the element's ``extensionElements``. Mapped:

=====================================================  ======================================
ADONIS attribute                                       parameter
=====================================================  ======================================
``A_EXECUTION_TIME`` (task)                            processing time
``A_WAITING_TIME`` + ``A_RESTING_TIME`` +              waiting time before the task
``A_TRANSPORT_TIME`` (task)
``COSTS`` (task)                                       fixed cost per execution
``A_QUANTITY`` with ``TIME_PERIOD`` (start event)      cases per year (summed over starts)
``PROBABILITY`` / ``TRANSITION_PROBABILITY`` (flow)    branch probability, if present
=====================================================  ======================================

Times come as ``YY:DDD:HH:MM:SS`` (``00:000:00:30:00`` is 30 minutes) or, in type
``UTC``, as plain seconds. ADONIS fills unmaintained times and costs with ``0``, so a
zero counts as "not given".
"""

from __future__ import annotations

import re

from processanalysis.bpmn.model import BaseElement, Definitions
from processanalysis.simulation.parameters import Defaults, Distribution
from processanalysis.simulation.sources._common import ModelView, finite, iter_fragments
from processanalysis.simulation.sources.layer import Layer

__all__ = ["ADONIS", "adonis_attributes", "parse_adonis_time", "read_adonis"]

ADONIS = "http://www.boc-group.com"
_ATTRIBUTE = "{%s}attribute" % ADONIS
_VALUE = "{%s}value" % ADONIS
_TIME = re.compile(r"^\s*(\d+):(\d+):(\d+):(\d+):(\d+(?:[.,]\d+)?)\s*$")
#: Cases per period -> factor to cases per year (days and hours use the defaults).
_PERIODS = {
    "year": 1.0,
    "jahr": 1.0,
    "quarter": 4.0,
    "quartal": 4.0,
    "month": 12.0,
    "monat": 12.0,
    "week": 52.0,
    "woche": 52.0,
}


def parse_adonis_time(text: str) -> float | None:
    """Minutes of an ADONIS time value: ``YY:DDD:HH:MM:SS`` or plain seconds.

    >>> parse_adonis_time("00:000:00:30:00"), parse_adonis_time("00:001:02:00:00")
    (30.0, 1560.0)
    >>> parse_adonis_time("1800"), parse_adonis_time("")
    (30.0, None)
    """
    match = _TIME.match(text or "")
    if match is not None:
        years, days, hours, minutes, seconds = match.groups()
        return (
            int(years) * 525600
            + int(days) * 1440
            + int(hours) * 60
            + int(minutes)
            + float(seconds.replace(",", ".")) / 60
        )
    seconds_value = finite(text)
    return None if seconds_value is None else seconds_value / 60


def adonis_attributes(element: BaseElement) -> dict[str, tuple[str, str]]:
    """``name -> (type, value)`` of the ADONIS attributes on an element."""
    result: dict[str, tuple[str, str]] = {}
    for fragment in iter_fragments(element, ADONIS):
        for node in fragment.iter(_ATTRIBUTE):
            name = node.get("name")
            if not name or name in result:
                continue
            value = node.find(_VALUE)
            text = "".join(value.itertext()).strip() if value is not None else ""
            result[name] = (node.get("type", ""), text)
    return result


def _cases_factor(period: str, defaults: Defaults) -> float | None:
    words = period.casefold()
    for key, factor in _PERIODS.items():
        if key in words:
            return factor
    if "day" in words or "tag" in words:
        return defaults.working_days_per_year
    if "hour" in words or "stunde" in words:
        return defaults.working_days_per_year * 8
    return None


def read_adonis(model: Definitions, defaults: Defaults | None = None) -> Layer:
    """The ADONIS simulation attributes of a model (zeros are "not maintained").

    Examples
    --------
    >>> from processanalysis import import_file
    >>> len(read_adonis(import_file("sample_processes/gewerbeanmeldung_ist.bpmn")))
    0
    """
    defaults = defaults or Defaults()
    layer = Layer("adonis")
    view = ModelView(model)
    for activity_id, activity in view.activities.items():
        attributes = adonis_attributes(activity)
        if not attributes:
            continue
        execution = parse_adonis_time(attributes.get("A_EXECUTION_TIME", ("", ""))[1])
        if execution:
            layer.processing[activity_id] = Distribution.constant(execution)
        waiting = sum(
            parse_adonis_time(attributes.get(name, ("", ""))[1]) or 0.0
            for name in ("A_WAITING_TIME", "A_RESTING_TIME", "A_TRANSPORT_TIME")
        )
        if waiting:
            layer.waiting[activity_id] = Distribution.constant(waiting)
        costs = finite(attributes.get("COSTS", ("", ""))[1].replace(",", "."))
        if costs:
            layer.fixed_cost[activity_id] = costs
    total = 0.0
    for event_id, event in view.start_events.items():
        attributes = adonis_attributes(event)
        quantity = finite(attributes.get("A_QUANTITY", ("", ""))[1])
        if not quantity:
            continue
        period = attributes.get("TIME_PERIOD", ("", "Per year"))[1]
        factor = _cases_factor(period, defaults)
        if factor is None:
            layer.note(f"{event_id}: A_QUANTITY with unknown TIME_PERIOD {period!r} ignored")
            continue
        total += quantity * factor
    if total:
        layer.cases_per_year = total
    for flow_id, flow in view.flows.items():
        attributes = adonis_attributes(flow)
        for name in ("PROBABILITY", "TRANSITION_PROBABILITY"):
            value = finite(attributes.get(name, ("", ""))[1].replace(",", "."))
            if value is not None and 0 < value <= 1:
                layer.probabilities[flow_id] = value
                break
    return layer
