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

:func:`write_qbp` writes parameters back as one ``processSimulationInfo`` in the
``extensionElements`` of the main process, as Apromore does (BIMP's place, a child of
``definitions``, is not valid against the OMG XSD, whose ``tDefinitions`` has neither
``extensionElements`` nor a wildcard), times in seconds with the inverse type mapping.
"""

from __future__ import annotations

import copy
import math

from lxml import etree

from processanalysis.bpmn.model import Definitions
from processanalysis.bpmn.xmlsafe import safe_parser
from processanalysis.simulation.parameters import Calendar, Distribution, ProcessParameters
from processanalysis.simulation.sources._common import (
    WEEKDAYS,
    ModelView,
    calendar_from_periods,
    calendar_minutes_per_year,
    cases_from_interarrival,
    finite,
    iter_fragments,
)
from processanalysis.simulation.sources.layer import Layer

__all__ = ["QBP", "qbp_distribution", "qbp_xml", "read_qbp", "write_qbp"]

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


# -- writing -------------------------------------------------------------------------------

DEFAULT_TIMETABLE = "QBP_DEFAULT_TIMETABLE"
ARRIVAL_TIMETABLE = "QBP_ARRIVAL_TIMETABLE"
_NAN = "NaN"


def _number(value: float) -> str:
    """Shortest text that reads back as the same float."""
    return repr(float(value))


def _duration(parent: etree._Element, tag: str, distribution: Distribution) -> etree._Element:
    """``distribution`` (minutes) as a QBP distribution element in seconds."""
    s = distribution.scaled(60).params
    kind = distribution.kind
    if kind == "normal":
        attrs = (s["mean"], s["sd"], None, "NORMAL")
    elif kind == "exponential":  # BIMP puts the mean into arg1
        attrs = (None, s["mean"], None, "EXPONENTIAL")
    elif kind == "uniform":
        attrs = (None, s["low"], s["high"], "UNIFORM")
    elif kind == "triangular":
        attrs = (s["mode"], s["low"], s["high"], "TRIANGULAR")
    elif kind in ("lognormal", "gamma"):
        attrs = (s["mean"], s["sd"] ** 2, None, kind.upper())
    else:  # constant, and what QBP cannot express (empirical) as its mean
        attrs = (distribution.mean * 60, 0.0, 0.0, "FIXED")
    mean, arg1, arg2, kind_name = attrs
    node = etree.SubElement(
        parent,
        _q(tag),
        type=kind_name,
        mean=_NAN if mean is None else _number(mean),
        arg1=_NAN if arg1 is None else _number(arg1),
        arg2=_NAN if arg2 is None else _number(arg2),
    )
    etree.SubElement(node, _q("timeUnit")).text = "minutes"
    return node


def _clock(hour: float) -> str:
    if hour >= 24:
        return "23:59:59.999+00:00"
    minutes = round(hour * 60)
    return "%02d:%02d:00.000+00:00" % divmod(minutes, 60)


def _timetable(parent: etree._Element, table_id: str, name: str, calendar: Calendar) -> None:
    table = etree.SubElement(
        parent,
        _q("timetable"),
        id=table_id,
        default="true" if table_id == DEFAULT_TIMETABLE else "false",
        name=name,
    )
    rules = etree.SubElement(table, _q("rules"))
    days = sorted({d for d in calendar.weekdays if 0 <= d <= 6})
    runs: list[list[int]] = []
    for day in days:  # one rule per run of consecutive weekdays
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    for run in runs:
        etree.SubElement(
            rules,
            _q("rule"),
            fromTime=_clock(calendar.start_hour),
            toTime=_clock(calendar.end_hour),
            fromWeekDay=WEEKDAYS[run[0]],
            toWeekDay=WEEKDAYS[run[-1]],
        )


def qbp_xml(model: Definitions, params: ProcessParameters) -> str:
    """``params`` as one ``qbp:processSimulationInfo`` (exclusive C14N text), in seconds."""
    view = ModelView(model)
    info = etree.Element(_q("processSimulationInfo"), nsmap={"qbp": QBP})
    info.set("id", f"qbp_{model.id or 'definitions'}")

    arrivals = params.arrivals
    arrival_calendar = arrivals.calendar
    interarrival = arrivals.interarrival
    cases = arrivals.cases_per_year
    if interarrival is None and cases:
        interarrival = Distribution(
            "exponential", {"mean": calendar_minutes_per_year(arrival_calendar) / cases}
        )
    if cases is None and interarrival is not None:
        cases = cases_from_interarrival(interarrival.mean, arrival_calendar)
    if cases:
        info.set("processInstances", str(max(1, round(cases))))
    info.set("startDateTime", "2024-01-01T00:00:00.000Z")  # a Monday
    info.set("currency", "EUR")
    if interarrival is not None:
        _duration(info, "arrivalRateDistribution", interarrival)

    # timetables: the default (08-16 Mon-Fri), the arrival one, one per other calendar
    default = Calendar()
    tables: list[tuple[Calendar, str]] = [(default, DEFAULT_TIMETABLE)]
    timetables = etree.SubElement(info, _q("timetables"))
    _timetable(timetables, DEFAULT_TIMETABLE, "Default", default)
    if interarrival is not None:  # read back as the arrival calendar (None: around the clock)
        _timetable(
            timetables,
            ARRIVAL_TIMETABLE,
            "Arrivals",
            arrival_calendar or Calendar(tuple(range(7)), 0.0, 24.0),
        )

    def table_of(calendar: Calendar | None) -> str:
        if calendar is None:
            return DEFAULT_TIMETABLE
        for known, table_id in tables:
            if known == calendar:
                return table_id
        table_id = f"QBP_TIMETABLE_{len(tables)}"
        tables.append((calendar, table_id))
        _timetable(timetables, table_id, f"Timetable {len(tables) - 1}", calendar)
        return table_id

    resources = etree.SubElement(info, _q("resources"))
    for resource in params.resources.values():
        cost = resource.cost_per_hour
        if cost is None:
            cost = params.defaults.cost_per_hour
        etree.SubElement(
            resources,
            _q("resource"),
            id=resource.id,
            name=resource.name or resource.id,
            totalAmount=str(math.ceil(round(resource.staff, 9))),
            costPerHour=_number(cost),
            timetableId=table_of(resource.calendar),
        )

    elements = etree.SubElement(info, _q("elements"))
    for activity_id, activity in params.activities.items():
        if activity_id not in view.activities:
            continue
        if activity.processing is None and activity.resource_id is None:
            continue
        element = etree.SubElement(
            elements, _q("element"), id=f"qbp_{activity_id}", elementId=activity_id
        )
        if activity.processing is not None:
            _duration(element, "durationDistribution", activity.processing)
        if activity.resource_id is not None:
            ids = etree.SubElement(element, _q("resourceIds"))
            etree.SubElement(ids, _q("resourceId")).text = activity.resource_id

    flows = etree.SubElement(info, _q("sequenceFlows"))
    for flow_id, probability in params.probabilities.items():
        if flow_id in view.flows:
            etree.SubElement(
                flows,
                _q("sequenceFlow"),
                elementId=flow_id,
                executionProbability=_number(probability),
            )
    return etree.tostring(info, method="c14n", exclusive=True).decode("utf-8")


def _is_info(text: str) -> bool:
    if "processSimulationInfo" not in text or QBP not in text:
        return False
    try:
        root = etree.fromstring(text.encode("utf-8"), safe_parser())
    except etree.XMLSyntaxError:
        return False
    return root.tag == _q("processSimulationInfo")


def write_qbp(model: Definitions, params: ProcessParameters) -> Definitions:
    """A copy of ``model`` with ``params`` as one QBP ``processSimulationInfo`` (BIMP).

    It goes into the ``extensionElements`` of the first process that has activities
    (Apromore's place; BIMP appends it to ``definitions``, which the OMG XSD does not
    allow); ``processSimulationInfo`` elements of the definitions and processes are
    replaced, everything else is kept. Times are seconds;
    staff is rounded up to whole people (``totalAmount``); waiting times and fixed costs
    have no place in QBP and are left out, empirical distributions are written as their
    mean (``FIXED``).

    Examples
    --------
    >>> from processanalysis import import_file
    >>> from processanalysis.simulation.params_io import load_parameters
    >>> model = import_file("sample_processes/gewerbeanmeldung_ist.bpmn")
    >>> written = write_qbp(model, load_parameters(model))
    >>> len(read_qbp(written).processing) > 0
    True
    """
    result = copy.deepcopy(model)
    for element in [result, *result.processes]:
        element.extensions = [x for x in element.extensions if not _is_info(x)]
        element.extra = [x for x in element.extra if not _is_info(x)]
    view = ModelView(result)
    processes = result.processes
    target = next(
        (p for p in processes if any(e.id in view.activities for e in p.flow_elements)),
        processes[0] if processes else result,
    )
    target.extensions.append(qbp_xml(result, params))
    if QBP not in result.namespaces.values():
        result.namespaces.setdefault("qbp", QBP)
    return result
