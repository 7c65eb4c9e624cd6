"""BPSim (OMG/WfMC Business Process Simulation, 1.0 and 2.0): read and write.

Tools put ``bpsim:BPSimData`` into a ``bpmn:relationship type="BPSimData"`` (jBPM,
Camunda simulation plug-ins; the importer keeps it in the model's ``extra``) or into an
``extensionElements``; both are read. The first ``Scenario`` that no other scenario
``inherits`` from is used, with the scenarios it inherits from underneath it. Mapped,
per ``ElementParameters elementRef``:

=====================================================  =====================================
BPSim                                                  parameter
=====================================================  =====================================
``TimeParameters/ProcessingTime`` (+ ``SetUpTime``,    processing time of an activity
``ValidationTime``)
``TimeParameters/WaitTime`` (+ ``TransferTime``,       waiting time before the activity
``QueueTime``)
``ControlParameters/Probability``                      probability of a sequence flow
``ControlParameters/InterTriggerTimer``                time between cases (start event)
``ControlParameters/TriggerCount`` with the            cases per year
scenario's ``Duration``
``ResourceParameters/Quantity``                        staff of a lane or resource; on an
                                                       activity, of the activity's lane
``CostParameters/FixedCost``                           fixed cost of an activity
``CostParameters/UnitCost``                            cost per time unit of a lane or
                                                       resource (on an activity: its lane)
=====================================================  =====================================

Values: ``NumericParameter``/``FloatingParameter`` (``value`` in the scenario's
``baseTimeUnit``, or the value's own ``timeUnit``), ``DurationParameter`` (ISO 8601,
e.g. ``PT10M``), and the distributions ``NormalDistribution``,
``TriangularDistribution``, ``UniformDistribution``,
``NegativeExponentialDistribution`` (also ``ExponentialDistribution``),
``LogNormalDistribution``, ``GammaDistribution`` (shape, scale), ``ErlangDistribution``
(k, mean), ``TruncatedNormalDistribution`` (read as normal), ``WeibullDistribution``
(read as gamma with the same mean and deviation), ``UserDistribution`` (empirical).
``baseTimeUnit`` is one of ``ms``, ``s``, ``min``, ``hour``, ``day``, ``year``; without
it, BPSim 1.0 means milliseconds and BPSim 2.0 minutes.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

from lxml import etree

from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.model import Definitions
from processanalysis.simulation.parameters import Distribution, ProcessParameters
from processanalysis.simulation.sources._common import (
    MINUTES_PER_YEAR,
    ModelView,
    finite,
    iter_fragments,
    local,
    parse_iso_duration,
)
from processanalysis.simulation.sources.layer import Layer

__all__ = ["BPSIM_1", "BPSIM_2", "read_bpsim", "write_bpsim"]

BPSIM_1 = "http://www.bpsim.org/schemas/1.0"
BPSIM_2 = "http://www.bpsim.org/schemas/2.0"
_NAMESPACES = (BPSIM_1, BPSIM_2)
#: Minutes per BPSim time unit.
TIME_UNITS = {
    "ms": 1 / 60000,
    "s": 1 / 60,
    "min": 1.0,
    "hour": 60.0,
    "day": 1440.0,
    "year": float(MINUTES_PER_YEAR),
}
_PROCESSING = ("ProcessingTime", "SetUpTime", "ValidationTime")
_WAITING = ("WaitTime", "TransferTime", "QueueTime")


@dataclass(slots=True)
class _Value:
    """One parameter value: a distribution in the parameter's own unit, or a number."""

    distribution: Distribution
    approximated: str | None = None


class _Reader:
    def __init__(self, layer: Layer, namespace: str, base_unit: str) -> None:
        self.layer = layer
        self.ns = namespace
        self.base = TIME_UNITS.get(base_unit, 1.0)
        #: staff and cost per hour that activities give for their lane (largest quantity)
        self.derived_staff: dict[str, float] = {}
        self.derived_cost: dict[str, float] = {}

    def tag(self, name: str) -> str:
        return "{%s}%s" % (self.ns, name)

    def value(self, parameter: etree._Element, *, time: bool, what: str) -> Distribution | None:
        """The parameter's first value valid at all times, converted to minutes if ``time``."""
        candidates = [
            c for c in parameter if isinstance(c.tag, str) and local(c.tag) != "ResultRequest"
        ]
        if not candidates:
            return None
        chosen = next((c for c in candidates if not c.get("validFor")), candidates[0])
        if len(candidates) > 1:
            self.layer.note(f"{what}: {len(candidates)} values, the first one used")
        name = local(chosen.tag)
        if name == "DurationParameter":
            minutes = parse_iso_duration(chosen.get("value", ""))
            if minutes is None:
                self.layer.note(f"{what}: duration {chosen.get('value')!r} not read")
                return None
            return Distribution.constant(minutes)
        result = self._distribution(chosen, what)
        if result is None:
            return None
        if result.approximated:
            self.layer.note(f"{what}: {result.approximated}")
        if not time:
            return result.distribution
        factor = TIME_UNITS.get(chosen.get("timeUnit", ""), self.base)
        return result.distribution.scaled(factor)

    def _distribution(self, node: etree._Element, what: str) -> _Value | None:
        name = local(node.tag)
        get = {key: finite(value) for key, value in node.attrib.items()}

        def need(*keys: str) -> list[float] | None:
            found = [get.get(k) for k in keys]
            return None if any(v is None for v in found) else found  # type: ignore[return-value]

        if name in ("NumericParameter", "FloatingParameter"):
            if (v := need("value")) is not None:
                return _Value(Distribution.constant(v[0]))
        elif name == "NormalDistribution":
            if (v := need("mean", "standardDeviation")) is not None:
                return _Value(Distribution("normal", {"mean": v[0], "sd": v[1]}))
        elif name == "TruncatedNormalDistribution":
            if (v := need("mean", "standardDeviation")) is not None:
                return _Value(
                    Distribution("normal", {"mean": v[0], "sd": v[1]}),
                    "truncated normal read as normal (bounds left out)",
                )
        elif name == "TriangularDistribution":
            if (v := need("min", "mode", "max")) is not None:
                return _Value(Distribution("triangular", {"low": v[0], "mode": v[1], "high": v[2]}))
        elif name == "UniformDistribution":
            if (v := need("min", "max")) is not None:
                return _Value(Distribution("uniform", {"low": v[0], "high": v[1]}))
        elif name in ("NegativeExponentialDistribution", "ExponentialDistribution"):
            if (v := need("mean")) is not None:
                return _Value(Distribution("exponential", {"mean": v[0]}))
        elif name == "LogNormalDistribution":
            if (v := need("mean", "standardDeviation")) is not None:
                return _Value(Distribution("lognormal", {"mean": v[0], "sd": v[1]}))
        elif name == "GammaDistribution":
            if (v := need("shape", "scale")) is not None:
                shape, scale = v
                return _Value(
                    Distribution("gamma", {"mean": shape * scale, "sd": math.sqrt(shape) * scale})
                )
        elif name == "ErlangDistribution":
            if (v := need("k", "mean")) is not None and v[0] > 0:
                k, mean = v
                return _Value(Distribution("gamma", {"mean": mean, "sd": mean / math.sqrt(k)}))
        elif name == "WeibullDistribution":
            if (v := need("shape", "scale")) is not None and v[0] > 0:
                shape, scale = v
                mean = scale * math.gamma(1 + 1 / shape)
                var = scale**2 * (math.gamma(1 + 2 / shape) - math.gamma(1 + 1 / shape) ** 2)
                return _Value(
                    Distribution("gamma", {"mean": mean, "sd": math.sqrt(max(var, 0.0))}),
                    "Weibull read as gamma with the same mean and deviation",
                )
        elif name == "PoissonDistribution":
            if (v := need("mean")) is not None:
                return _Value(Distribution.constant(v[0]), "Poisson read as its mean")
        elif name == "UserDistribution":
            values: list[float] = []
            weights: list[float] = []
            for point in node:
                if (
                    not isinstance(point.tag, str)
                    or local(point.tag) != "UserDistributionDataPoint"
                ):
                    continue
                inner = next((c for c in point if isinstance(c.tag, str)), None)
                probability = finite(point.get("probability"))
                parsed = self._distribution(inner, what) if inner is not None else None
                if parsed is None or probability is None:
                    continue
                values.append(parsed.distribution.mean)
                weights.append(probability)
            if values:
                return _Value(Distribution("empirical", {}, values, weights))
        self.layer.note(f"{what}: {name} not read")
        return None


def _bpsim_roots(model: Definitions) -> list[etree._Element]:
    found: list[etree._Element] = []
    for element in [model, *model.iter_elements()]:
        for fragment in iter_fragments(element, "www.bpsim.org/schemas"):
            for namespace in _NAMESPACES:
                found.extend(fragment.iter("{%s}BPSimData" % namespace))
    return found


def _scenario_chain(data: etree._Element, namespace: str) -> tuple[list[etree._Element], int]:
    """The scenario to read, preceded by the scenarios it inherits from, and the number of
    candidate scenarios (those no other scenario inherits from)."""
    scenarios = [s for s in data if s.tag == "{%s}Scenario" % namespace]
    parents = {s.get("inherits") for s in scenarios}
    leaves = [s for s in scenarios if s.get("id") not in parents] or scenarios[:1]
    if not leaves:
        return [], 0
    by_id = {s.get("id"): s for s in scenarios}
    chain = [leaves[0]]
    while (parent := by_id.get(chain[0].get("inherits"))) is not None and parent not in chain:
        chain.insert(0, parent)
    return chain, len(leaves)


def read_bpsim(model: Definitions) -> Layer:
    """The BPSim parameters of a model: one scenario of the first ``BPSimData``.

    Examples
    --------
    >>> from processanalysis import import_file
    >>> len(read_bpsim(import_file("sample_processes/gewerbeanmeldung_ist.bpmn")))
    0
    """
    layer = Layer("bpsim")
    roots = _bpsim_roots(model)
    if not roots:
        return layer
    data = roots[0]
    namespace = data.tag[1:].split("}")[0]
    chain, candidates = _scenario_chain(data, namespace)
    if len(roots) > 1 or candidates > 1:
        layer.note(f"several scenarios: {chain[-1].get('id') if chain else '?'} is used")
    view = ModelView(model)
    for scenario in chain:
        _read_scenario(scenario, namespace, layer, view)
    return layer


def _read_scenario(scenario: etree._Element, namespace: str, layer: Layer, view: ModelView) -> None:
    settings = scenario.find("{%s}ScenarioParameters" % namespace)
    default_unit = "ms" if namespace == BPSIM_1 else "min"
    base_unit = default_unit if settings is None else settings.get("baseTimeUnit", default_unit)
    if base_unit not in TIME_UNITS:
        layer.note(f"baseTimeUnit {base_unit!r} unknown, read as minutes")
    reader = _Reader(layer, namespace, base_unit)
    run_minutes: float | None = None
    if settings is not None:
        duration = settings.find(reader.tag("Duration"))
        if duration is not None:
            d = reader.value(duration, time=True, what="ScenarioParameters/Duration")
            run_minutes = d.mean if d is not None else None
    for parameters in scenario.iter(reader.tag("ElementParameters")):
        ref = (parameters.get("elementRef") or "").strip()
        if ref:
            _read_element(ref, parameters, reader, layer, view, run_minutes)
    for resource_id, staff in reader.derived_staff.items():
        layer.staff.setdefault(resource_id, staff)
    for resource_id, cost in reader.derived_cost.items():
        layer.cost_per_hour.setdefault(resource_id, cost)


def _read_element(
    ref: str,
    parameters: etree._Element,
    reader: _Reader,
    layer: Layer,
    view: ModelView,
    run_minutes: float | None,
) -> None:
    def param(group: str, name: str, *, time: bool) -> Distribution | None:
        node = parameters.find(f"{reader.tag(group)}/{reader.tag(name)}")
        return None if node is None else reader.value(node, time=time, what=f"{ref} {name}")

    def summed(names: tuple[str, ...]) -> Distribution | None:
        parts = [d for n in names if (d := param("TimeParameters", n, time=True)) is not None]
        if len(parts) > 1:
            layer.note(f"{ref}: {len(parts)} time parameters added up to their mean")
            return Distribution.constant(sum(d.mean for d in parts))
        return parts[0] if parts else None

    unit = view.units.get(ref)
    resource_of = unit.id if unit is not None else None
    if ref in view.activities:
        if (d := summed(_PROCESSING)) is not None:
            layer.processing[ref] = d
        if (d := summed(_WAITING)) is not None:
            layer.waiting[ref] = d
        if (d := param("CostParameters", "FixedCost", time=False)) is not None:
            layer.fixed_cost[ref] = d.mean
    if ref in view.flows and (d := param("ControlParameters", "Probability", time=False)):
        if 0 <= d.mean <= 1:
            layer.probabilities[ref] = d.mean
        else:
            layer.note(f"{ref}: probability {d.mean:g} outside 0..1 ignored")
    if ref in view.start_events:
        if (d := param("ControlParameters", "InterTriggerTimer", time=True)) is not None:
            layer.interarrival = d
        count = param("ControlParameters", "TriggerCount", time=False)
        if count is not None and layer.interarrival is None:
            if run_minutes:
                layer.cases_per_year = count.mean * MINUTES_PER_YEAR / run_minutes
            else:
                layer.note(f"{ref}: TriggerCount without scenario Duration not used")
    if ref in view.flows or ref in view.start_events:
        return
    resource_id = resource_of if ref in view.activities else ref
    quantity = param("ResourceParameters", "Quantity", time=False)
    unit_cost = param("CostParameters", "UnitCost", time=False)
    if resource_id is None:
        return
    if ref in view.activities:  # for the activity's lane, unless the lane has its own
        if quantity is not None:
            derived = reader.derived_staff
            derived[resource_id] = max(quantity.mean, derived.get(resource_id, 0.0))
        if unit_cost is not None:
            reader.derived_cost.setdefault(resource_id, unit_cost.mean * 60 / reader.base)
    else:
        if quantity is not None:
            layer.staff[resource_id] = quantity.mean
        if unit_cost is not None:
            layer.cost_per_hour[resource_id] = unit_cost.mean * 60 / reader.base
    if (
        ref not in view.activities
        and (quantity is not None or unit_cost is not None)
        and view.model.get(ref) is None
    ):
        layer.resource_names.setdefault(ref, ref)


# -- writing -------------------------------------------------------------------------------

_BPMN = "{%s}" % ns.BPMN


def _number(value: float) -> str:
    return f"{value:.10g}"


def _value_element(parent: etree._Element, b: str, distribution: Distribution) -> None:
    p = distribution.params
    kind = distribution.kind
    if kind == "constant" or (kind in ("normal", "lognormal", "gamma") and p.get("sd", 0) == 0):
        etree.SubElement(parent, b + "NumericParameter", value=_number(distribution.mean))
    elif kind == "normal":
        etree.SubElement(
            parent,
            b + "NormalDistribution",
            mean=_number(p["mean"]),
            standardDeviation=_number(p["sd"]),
        )
    elif kind == "lognormal":
        etree.SubElement(
            parent,
            b + "LogNormalDistribution",
            mean=_number(p["mean"]),
            standardDeviation=_number(p["sd"]),
        )
    elif kind == "gamma":
        shape = (p["mean"] / p["sd"]) ** 2
        scale = p["sd"] ** 2 / p["mean"]
        etree.SubElement(
            parent, b + "GammaDistribution", shape=_number(shape), scale=_number(scale)
        )
    elif kind == "triangular":
        etree.SubElement(
            parent,
            b + "TriangularDistribution",
            min=_number(p["low"]),
            mode=_number(p["mode"]),
            max=_number(p["high"]),
        )
    elif kind == "uniform":
        etree.SubElement(
            parent, b + "UniformDistribution", min=_number(p["low"]), max=_number(p["high"])
        )
    elif kind == "exponential":
        etree.SubElement(parent, b + "NegativeExponentialDistribution", mean=_number(p["mean"]))
    elif kind == "empirical":
        user = etree.SubElement(parent, b + "UserDistribution", discrete="true")
        weights = distribution.weights
        if len(weights) != len(distribution.values) or sum(weights) <= 0:
            weights = [1.0] * len(distribution.values)
        total = sum(weights)
        for value, weight in zip(distribution.values, weights, strict=True):
            point = etree.SubElement(
                user, b + "UserDistributionDataPoint", probability=_number(weight / total)
            )
            etree.SubElement(point, b + "NumericParameter", value=_number(value))
    else:
        raise ValueError(f"unknown distribution kind {kind!r}")


def bpsim_xml(model: Definitions, params: ProcessParameters, *, scenario: str = "workbench") -> str:
    """The ``bpmn:relationship`` holding ``params`` as one BPSim 1.0 scenario (minutes)."""
    b = "{%s}" % BPSIM_1
    view = ModelView(model)
    relationship = etree.Element(_BPMN + "relationship", nsmap={"bpmn": ns.BPMN, "bpsim": BPSIM_1})
    relationship.set("type", "BPSimData")
    extension = etree.SubElement(relationship, _BPMN + "extensionElements")
    data = etree.SubElement(extension, b + "BPSimData")
    node = etree.SubElement(data, b + "Scenario", id=scenario, name="Prozessanalyse-Werkbank")
    etree.SubElement(node, b + "ScenarioParameters", baseTimeUnit="min", baseCurrencyUnit="EUR")

    def element(ref: str) -> etree._Element:
        return etree.SubElement(node, b + "ElementParameters", elementRef=ref)

    def put(parent: etree._Element, group: str, name: str, value: Distribution) -> None:
        holder = parent.find(b + group)
        if holder is None:
            holder = etree.SubElement(parent, b + group)
        _value_element(etree.SubElement(holder, b + name), b, value)

    arrivals = params.arrivals
    interarrival = arrivals.interarrival
    if interarrival is None and arrivals.cases_per_year:
        interarrival = Distribution(
            "exponential", {"mean": MINUTES_PER_YEAR / arrivals.cases_per_year}
        )
    if interarrival is not None:
        for start_id in _main_starts(model, view):
            put(element(start_id), "ControlParameters", "InterTriggerTimer", interarrival)
    for activity_id, activity in params.activities.items():
        if activity_id not in view.activities:
            continue
        if activity.processing is None and activity.waiting is None and activity.fixed_cost is None:
            continue
        parent = element(activity_id)
        if activity.processing is not None:
            put(parent, "TimeParameters", "ProcessingTime", activity.processing)
        if activity.waiting is not None:
            put(parent, "TimeParameters", "WaitTime", activity.waiting)
        if activity.fixed_cost is not None:
            put(parent, "CostParameters", "FixedCost", Distribution.constant(activity.fixed_cost))
    for flow_id, probability in params.probabilities.items():
        if flow_id in view.flows:
            put(
                element(flow_id),
                "ControlParameters",
                "Probability",
                Distribution.constant(probability),
            )
    for resource in params.resources.values():
        if resource.source == "default":
            continue
        parent = element(resource.id)
        put(parent, "ResourceParameters", "Quantity", Distribution.constant(resource.staff))
        if resource.cost_per_hour is not None:
            put(
                parent,
                "CostParameters",
                "UnitCost",
                Distribution.constant(resource.cost_per_hour / 60),
            )
    etree.SubElement(relationship, _BPMN + "source").text = (
        model.processes[0].id if model.processes else ""
    )
    etree.SubElement(relationship, _BPMN + "target").text = (
        model.processes[0].id if model.processes else ""
    )
    return etree.tostring(relationship, method="c14n", exclusive=True).decode("utf-8")


def _main_starts(model: Definitions, view: ModelView) -> list[str]:
    """Start events at the top level of processes (not those of sub-processes)."""
    starts = []
    for process in model.processes:
        for element in process.flow_elements:
            if element.id in view.start_events:
                starts.append(element.id)
    return starts


def write_bpsim(model: Definitions, params: ProcessParameters) -> Definitions:
    """A copy of ``model`` with ``params`` as a BPSim 1.0 scenario (``baseTimeUnit="min"``).

    Existing ``BPSimData`` relationships are replaced; everything else is kept.

    Examples
    --------
    >>> from processanalysis import import_file
    >>> from processanalysis.simulation.params_io import load_parameters
    >>> model = import_file("sample_processes/gewerbeanmeldung_ist.bpmn")
    >>> copy_ = write_bpsim(model, load_parameters(model))
    >>> read_bpsim(copy_).processing == read_bpsim(copy_).processing != {}
    True
    """
    result = copy.deepcopy(model)
    result.extra = [x for x in result.extra if not _is_bpsim_relationship(x)]
    result.extra.append(bpsim_xml(result, params))
    if BPSIM_1 not in result.namespaces.values():
        # declared on the root, as tools do, so a re-import keeps the prefix ``bpsim``
        result.namespaces.setdefault("bpsim", BPSIM_1)
    return result


def _is_bpsim_relationship(text: str) -> bool:
    head = text[:300]
    return "relationship" in head and "BPSimData" in text and any(n in text for n in _NAMESPACES)
