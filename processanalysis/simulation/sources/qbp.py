"""QBP simulation info (BIMP, Apromore): ``qbp:processSimulationInfo``.

BIMP appends the element to ``definitions`` (the importer keeps it in the model's
``extensions``), Apromore writes it into the process's ``extensionElements``; both
are read. Times are **seconds** in the file whatever ``qbp:timeUnit`` says (that unit
is only for display), so they are divided by 60. Mapped:

==============================================  =============================================
QBP                                             parameter
==============================================  =============================================
``arrivalRateDistribution``                     inter-arrival time; cases per year derived
                                                within the arrival timetable
``timetables/timetable/rules/rule``             calendars (weekdays, daily hours)
``resources/resource`` ``totalAmount``,         resource staff, cost per hour, calendar; a
``costPerHour``, ``timetableId``                resource named like a lane is that lane
``elements/element`` ``durationDistribution``   processing time of the activity
``elements/element/resourceIds/resourceId``     the activity's resource
``sequenceFlows/sequenceFlow``                  branch probability
``executionProbability``
==============================================  =============================================

Distributions (``type``, ``mean``, ``arg1``, ``arg2``): ``FIXED`` (mean), ``NORMAL``
(mean, sd = arg1), ``EXPONENTIAL`` (mean = arg1, BIMP's convention, else mean),
``UNIFORM`` (arg1..arg2), ``TRIANGULAR`` (mode = mean, arg1..arg2), ``LOGNORMAL`` and
``GAMMA`` (mean, variance = arg1).
"""

from __future__ import annotations

import math

from lxml import etree

from processanalysis.bpmn.model import Definitions
from processanalysis.simulation.parameters import Calendar, Distribution
from processanalysis.simulation.sources._common import (
    ModelView,
    calendar_from_periods,
    finite,
    iter_fragments,
)
from processanalysis.simulation.sources.layer import Layer

__all__ = ["QBP", "qbp_distribution", "read_qbp"]

QBP = "http://www.qbp-simulator.com/Schema201212"


def _q(name: str) -> str:
    return "{%s}%s" % (QBP, name)


def qbp_distribution(node: etree._Element) -> Distribution | None:
    """A QBP ``durationDistribution``/``arrivalRateDistribution`` in minutes."""
    kind = (node.get("type") or "").upper()
    mean, arg1, arg2 = (finite(node.get(k)) for k in ("mean", "arg1", "arg2"))
    seconds: Distribution | None = None
    if kind == "FIXED" and mean is not None:
        seconds = Distribution.constant(mean)
    elif kind == "NORMAL" and mean is not None:
        seconds = Distribution("normal", {"mean": mean, "sd": arg1 or 0.0})
    elif kind == "EXPONENTIAL":
        value = arg1 if arg1 else mean
        if value:
            seconds = Distribution("exponential", {"mean": value})
    elif kind == "UNIFORM" and arg1 is not None and arg2 is not None:
        seconds = Distribution("uniform", {"low": arg1, "high": arg2})
    elif kind == "TRIANGULAR" and None not in (mean, arg1, arg2):
        seconds = Distribution("triangular", {"low": arg1, "mode": mean, "high": arg2})  # type: ignore[dict-item]
    elif kind in ("LOGNORMAL", "GAMMA") and mean is not None:
        sd = math.sqrt(arg1) if arg1 and arg1 > 0 else 0.0
        seconds = Distribution(kind.lower(), {"mean": mean, "sd": sd})
    return None if seconds is None else seconds.scaled(1 / 60)


def _infos(model: Definitions) -> list[etree._Element]:
    elements = [model, *model.processes]
    found: list[etree._Element] = []
    for element in elements:
        for fragment in iter_fragments(element, QBP):
            found.extend(fragment.iter(_q("processSimulationInfo")))
    return found


def read_qbp(model: Definitions) -> Layer:
    """The QBP simulation parameters of a model (all ``processSimulationInfo`` found).

    Examples
    --------
    >>> from processanalysis import import_file
    >>> len(read_qbp(import_file("sample_processes/gewerbeanmeldung_ist.bpmn")))
    0
    """
    layer = Layer("qbp")
    view = ModelView(model)
    for info in _infos(model):
        _read_info(info, layer, view)
    return layer


def _read_info(info: etree._Element, layer: Layer, view: ModelView) -> None:
    calendars: dict[str, Calendar] = {}
    default_calendar: str | None = None
    for table in info.iter(_q("timetable")):
        periods = [
            (
                rule.get("fromWeekDay", ""),
                rule.get("toWeekDay", ""),
                rule.get("fromTime", ""),
                rule.get("toTime", ""),
            )
            for rule in table.iter(_q("rule"))
        ]
        calendar, simplified = calendar_from_periods(periods)
        table_id = table.get("id", "")
        if calendar is None:
            continue
        calendars[table_id] = calendar
        if simplified:
            layer.note(f"timetable {table_id}: rules with different hours merged into one window")
        if table.get("default") == "true" or "DEFAULT" in table_id.upper():
            default_calendar = default_calendar or table_id
    arrival_id = next((t for t in calendars if "ARRIVAL" in t.upper()), default_calendar)

    arrival = info.find(_q("arrivalRateDistribution"))
    if arrival is not None:
        distribution = qbp_distribution(arrival)
        if distribution is not None:
            layer.interarrival = distribution
            layer.arrival_calendar = calendars.get(arrival_id or "")
    if info.get("processInstances"):
        layer.note(f"processInstances={info.get('processInstances')} (length of a run) not used")

    resource_ids: dict[str, str] = {}
    for resource in info.iter(_q("resource")):
        qbp_id = resource.get("id", "")
        if not qbp_id:
            continue
        name = resource.get("name") or qbp_id
        resource_id = view.unit_id_for_name(name) or view.unit_id_for_name(qbp_id) or qbp_id
        resource_ids[qbp_id] = resource_id
        if resource_id == qbp_id:
            layer.resource_names[resource_id] = name
        amount = finite(resource.get("totalAmount"))
        if amount is not None and amount >= 0:
            layer.staff[resource_id] = amount
        cost = finite(resource.get("costPerHour"))
        if cost is not None and cost >= 0:
            layer.cost_per_hour[resource_id] = cost
        calendar = calendars.get(resource.get("timetableId", ""))
        if calendar is not None:
            layer.calendars[resource_id] = calendar

    for element in info.iter(_q("element")):
        element_id = element.get("elementId", "")
        duration = element.find(_q("durationDistribution"))
        if duration is not None:
            distribution = qbp_distribution(duration)
            if distribution is not None:
                layer.processing[element_id] = distribution
            else:
                layer.note(f"{element_id}: distribution {duration.get('type')!r} not read")
        resource_ref = element.find(f"{_q('resourceIds')}/{_q('resourceId')}")
        if resource_ref is not None and (resource_ref.text or "").strip():
            ref = resource_ref.text.strip()  # type: ignore[union-attr]
            layer.resource_of[element_id] = resource_ids.get(ref, ref)

    for flow in info.iter(_q("sequenceFlow")):
        probability = finite(flow.get("executionProbability"))
        if probability is not None and 0 <= probability <= 1:
            layer.probabilities[flow.get("elementId", "")] = probability
