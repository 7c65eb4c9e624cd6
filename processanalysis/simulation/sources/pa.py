"""The workbench's own ``pa:`` attributes (namespace ``urn:processanalysis:bpmn:1.0``).

Read and written as foreign attributes, which the BPMN XSD allows on every element and
the importer keeps, so they round-trip through any export:

======================================  ==================  ==============================
attribute                               element             meaning
======================================  ==================  ==============================
``pa:casesPerYear``                     process             cases per year
``pa:interarrivalDistribution``         process             time between cases (notation)
``pa:processingTime``                   activity            mean processing time, minutes
``pa:processingDistribution``           activity            e.g. ``triangular(5, 10, 20)``
``pa:waitingTime``                      activity            mean waiting time before it
``pa:waitingDistribution``              activity            its distribution (notation)
``pa:fixedCost``                        activity            euros per execution
``pa:resource``                         activity            resource id, if not its lane
``pa:probability``                      sequence flow       share of cases at its split
``pa:staff``                            lane (pool)         staff in FTE for this process
``pa:costPerHour``                      lane (pool)         euros per working hour
======================================  ==================  ==============================

A distribution attribute wins over the mean beside it; writing keeps both in step.
"""

from __future__ import annotations

import copy

from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.model import BaseElement, Definitions, Process
from processanalysis.simulation.parameters import (
    Distribution,
    ProcessParameters,
    distribution_problem,
    format_distribution,
    parse_distribution,
)
from processanalysis.simulation.sources._common import ModelView, finite
from processanalysis.simulation.sources.layer import Layer

__all__ = ["PA_ATTRIBUTES", "read_pa", "write_pa"]


def _pa(name: str) -> str:
    return "{%s}%s" % (ns.PA, name)


CASES = _pa("casesPerYear")
INTERARRIVAL = _pa("interarrivalDistribution")
PROCESSING = _pa("processingTime")
PROCESSING_DIST = _pa("processingDistribution")
WAITING = _pa("waitingTime")
WAITING_DIST = _pa("waitingDistribution")
FIXED_COST = _pa("fixedCost")
RESOURCE = _pa("resource")
PROBABILITY = _pa("probability")
STAFF = _pa("staff")
COST_PER_HOUR = _pa("costPerHour")

#: Every parameter attribute this module reads and writes (Clark notation).
PA_ATTRIBUTES = (
    CASES,
    INTERARRIVAL,
    PROCESSING,
    PROCESSING_DIST,
    WAITING,
    WAITING_DIST,
    FIXED_COST,
    RESOURCE,
    PROBABILITY,
    STAFF,
    COST_PER_HOUR,
)


def _number(layer: Layer, element: BaseElement, key: str) -> float | None:
    raw = element.attributes.get(key)
    if raw is None or not raw.strip():
        return None
    value = finite(raw.replace(",", ".") if "." not in raw else raw)
    if value is None or value < 0:
        layer.note(f"{element.id}: pa:{key.split('}')[1]}={raw!r} is no non-negative number")
        return None
    return value


def _time(layer: Layer, element: BaseElement, mean_key: str, dist_key: str) -> Distribution | None:
    raw = element.attributes.get(dist_key)
    if raw is not None and raw.strip():
        try:
            distribution = parse_distribution(raw)
        except ValueError as exc:
            layer.note(f"{element.id}: pa:{dist_key.split('}')[1]}={raw!r}: {exc}")
        else:
            problem = distribution_problem(distribution)
            if problem is None:
                return distribution
            layer.note(f"{element.id}: pa:{dist_key.split('}')[1]}={raw!r}: {problem}")
    mean = _number(layer, element, mean_key)
    return None if mean is None else Distribution.constant(mean)


def read_pa(model: Definitions) -> Layer:
    """The ``pa:`` parameter attributes of a model.

    Examples
    --------
    >>> from processanalysis import import_file
    >>> layer = read_pa(import_file("sample_processes/gewerbeanmeldung_ist.bpmn"))
    >>> layer.cases_per_year
    1400.0
    """
    layer = Layer("pa")
    view = ModelView(model)
    for process in model.processes:
        cases = _number(layer, process, CASES)
        if cases is not None:
            if layer.cases_per_year is None:
                layer.cases_per_year = cases
            elif cases != layer.cases_per_year:
                layer.note(f"{process.id}: second pa:casesPerYear={cases:g} ignored")
        raw = process.attributes.get(INTERARRIVAL)
        if raw and layer.interarrival is None:
            try:
                layer.interarrival = parse_distribution(raw)
            except ValueError as exc:
                layer.note(f"{process.id}: pa:interarrivalDistribution={raw!r}: {exc}")
    for activity_id, activity in view.activities.items():
        processing = _time(layer, activity, PROCESSING, PROCESSING_DIST)
        if processing is not None:
            layer.processing[activity_id] = processing
        waiting = _time(layer, activity, WAITING, WAITING_DIST)
        if waiting is not None:
            layer.waiting[activity_id] = waiting
        cost = _number(layer, activity, FIXED_COST)
        if cost is not None:
            layer.fixed_cost[activity_id] = cost
        resource = activity.attributes.get(RESOURCE, "").strip()
        if resource:
            layer.resource_of[activity_id] = resource
    for flow_id, flow in view.flows.items():
        probability = _number(layer, flow, PROBABILITY)
        if probability is not None:
            if probability > 1:
                layer.note(f"{flow_id}: pa:probability={probability:g} is above 1")
            else:
                layer.probabilities[flow_id] = probability
    for element in _unit_elements(model, view):
        staff = _number(layer, element, STAFF)
        if staff is not None:
            layer.staff[element.id or ""] = staff
        cost = _number(layer, element, COST_PER_HOUR)
        if cost is not None:
            layer.cost_per_hour[element.id or ""] = cost
    return layer


def _unit_elements(model: Definitions, view: ModelView) -> list[BaseElement]:
    """Lanes, pools and processes: the elements that stand for a unit."""
    elements: list[BaseElement] = list(view.lanes.values())
    elements.extend(p for p in model.participants if p.id is not None)
    elements.extend(p for p in model.processes if p.id is not None)
    return elements


def _fmt(value: float) -> str:
    return f"{value:.10g}"


def _set(element: BaseElement, key: str, value: str | None) -> None:
    if value is None:
        element.attributes.pop(key, None)
    else:
        element.attributes[key] = value


def _set_time(element: BaseElement, mean_key: str, dist_key: str, d: Distribution | None) -> None:
    _set(element, mean_key, None if d is None else _fmt(d.mean))
    _set(element, dist_key, None if d is None or d.kind == "constant" else format_distribution(d))


def write_pa(model: Definitions, params: ProcessParameters) -> Definitions:
    """A copy of ``model`` whose ``pa:`` attributes say what ``params`` says.

    Parameter attributes the parameters do not give are removed, so reading the copy
    gives the same parameters back. Resources that are no element of the model (e.g.
    Prosimos resource pools) cannot be written as attributes; they are left out.

    Examples
    --------
    >>> from processanalysis import import_file
    >>> from processanalysis.simulation.params_io import load_parameters
    >>> model = import_file("sample_processes/gewerbeanmeldung_ist.bpmn")
    >>> params = load_parameters(model)
    >>> params.arrivals.cases_per_year = 1500
    >>> read_pa(write_pa(model, params)).cases_per_year
    1500.0
    """
    result = copy.deepcopy(model)
    view = ModelView(result)
    target = _arrival_process(result, view)
    for process in result.processes:
        _set(process, CASES, None)
        _set(process, INTERARRIVAL, None)
    if target is not None:
        arrivals = params.arrivals
        cases = arrivals.cases_per_year
        _set(target, CASES, None if cases is None else _fmt(cases))
        _set(
            target,
            INTERARRIVAL,
            None if arrivals.interarrival is None else format_distribution(arrivals.interarrival),
        )
    for activity_id, activity in view.activities.items():
        given = params.activities.get(activity_id)
        _set_time(activity, PROCESSING, PROCESSING_DIST, given and given.processing)
        _set_time(activity, WAITING, WAITING_DIST, given and given.waiting)
        cost = None if given is None else given.fixed_cost
        _set(activity, FIXED_COST, None if cost is None else _fmt(cost))
        unit = view.units.get(activity_id)
        resource = None if given is None else given.resource_id
        own = resource is not None and (unit is None or resource != unit.id)
        _set(activity, RESOURCE, resource if own else None)
    for flow_id, flow in view.flows.items():
        probability = params.probabilities.get(flow_id)
        _set(flow, PROBABILITY, None if probability is None else _fmt(probability))
    for element in _unit_elements(result, view):
        resource = params.resources.get(element.id or "")
        given = resource is not None and resource.source != "default"
        _set(element, STAFF, _fmt(resource.staff) if given and resource else None)
        cost = resource.cost_per_hour if given and resource else None
        _set(element, COST_PER_HOUR, None if cost is None else _fmt(cost))
    result.invalidate_index()
    return result


def _arrival_process(model: Definitions, view: ModelView) -> Process | None:
    """The process that carries ``pa:casesPerYear``: the one that has it, else the one
    with the most activities (the authority's, not the citizen's)."""
    for process in model.processes:
        if CASES in process.attributes:
            return process
    best: Process | None = None
    best_count = -1
    for process in model.processes:
        count = sum(1 for e in process.walk() if (e.id or "") in view.activities)
        if count > best_count:
            best, best_count = process, count
    return best
