"""The parameters bound to a model's elements: what the analytical model and the
simulation both read, so that they agree on what every parameter means.

* **Branch probabilities**: ``params.probabilities`` override ``pa:probability``; the
  flows of a split without one share the rest equally; exclusive and event-based splits
  are normalised to 1. An inclusive (or complex) split takes each branch independently
  with its probability; when none is taken, its default flow (else its most probable
  flow) is.
* **Boundary events** are taken with ``params.probabilities[event id]`` or their
  ``pa:probability`` (0 otherwise). A boundary timer without either fires after its
  duration (``params.activities[event id].waiting`` or its ISO 8601 ``timeDuration``).
* **Resources**: an activity works on ``params.activities[id].resource_id``, else on its
  unit (lane, or the pool without lanes); a unit missing from ``params.resources`` gets
  1 FTE, stated as an assumption.
* **Arrivals**: the given inter-arrival distribution, else exponential inter-arrival
  times that spread ``cases_per_year`` over the working time (the arrival calendar's open
  minutes, else the productive hours of one FTE), else one case per hour.

Examples
--------
>>> from processanalysis.bpmn.importer import read_bpmn
>>> from processanalysis.simulation.parameters import ProcessParameters
>>> model = read_bpmn(b'''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
...   <process id="p"><startEvent id="s"/><exclusiveGateway id="x"/>
...   <endEvent id="a"/><endEvent id="b"/><endEvent id="c"/>
...   <sequenceFlow id="f0" sourceRef="s" targetRef="x"/>
...   <sequenceFlow id="fa" sourceRef="x" targetRef="a"/>
...   <sequenceFlow id="fb" sourceRef="x" targetRef="b"/>
...   <sequenceFlow id="fc" sourceRef="x" targetRef="c"/></process></definitions>''')
>>> binding = bind_parameters(model, ProcessParameters(probabilities={"fa": 0.5}))
>>> binding.probabilities["fb"], [a.code for a in binding.assumptions]
(0.25, ['equal-split'])
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from processanalysis.analysis.context import PA_PROBABILITY, AnalysisContext
from processanalysis.analysis.profile import load_profile
from processanalysis.analysis.visits import ControlEdge, cached, control_edges
from processanalysis.bpmn.model import (
    Activity,
    Definitions,
    Event,
    FlowNode,
    Gateway,
    SequenceFlow,
    SubProcess,
)
from processanalysis.simulation.parameters import Distribution, ProcessParameters, Resource

__all__ = [
    "DECISIONS",
    "INCLUSIVE",
    "MINUTES_PER_YEAR",
    "Assumption",
    "Binding",
    "bind_parameters",
    "servers",
    "timer_duration",
]

#: Minutes in a 365-day year: inter-arrival times that no calendar restricts run around
#: the clock (the convention of the parameter readers).
MINUTES_PER_YEAR = 365 * 24 * 60
#: Gateways that send a token on exactly one of their outgoing flows.
DECISIONS = frozenset({"exclusiveGateway", "eventBasedGateway"})
#: Gateways that send a token on any non-empty subset of their outgoing flows.
INCLUSIVE = frozenset({"inclusiveGateway", "complexGateway"})


@dataclass(frozen=True, slots=True)
class Assumption:
    """A default or simplification a result rests on, stated with the result.

    ``code`` is stable (tests and reports key on it); ``message`` has ``de`` and ``en``.
    """

    code: str
    message: dict[str, str]
    value: float | str | None = None
    elements: tuple[str, ...] = ()


class Binding:
    """The parameters bound to the model's elements: what both the analytical model and
    the simulation read. Build it with :func:`bind_parameters`."""

    def __init__(self, model: Definitions, params: ProcessParameters) -> None:
        self.model = model
        self.params = params
        self.assumptions: list[Assumption] = []
        profile = load_profile()
        base = AnalysisContext(model, profile)
        self.flow_nodes: dict[str, FlowNode] = base.flow_nodes
        self.flows: dict[str, SequenceFlow] = base.sequence_flows
        self.units = base.units
        #: node id -> ids of its outgoing / incoming sequence flows, in document order
        self.outgoing: dict[str, list[str]] = {}
        self.incoming: dict[str, list[str]] = {}
        for flow in self.flows.values():
            if flow.source in self.flow_nodes and flow.target in self.flow_nodes and flow.id:
                self.outgoing.setdefault(flow.source, []).append(flow.id)
                self.incoming.setdefault(flow.target, []).append(flow.id)
        #: sequence flow id -> probability at its split (independent for inclusive splits)
        self.probabilities = self._branch_probabilities(base)
        #: inclusive split id -> the flow taken when no branch is chosen
        self.fallback: dict[str, str] = {}
        self.activation = self._activation()
        base.__dict__["probabilities"] = {
            **base.probabilities,
            **self.probabilities,
            **self.activation,
        }
        #: boundary event id -> probability (timers with a duration: see timer_fires)
        self.timers: dict[str, Distribution] = {}
        self.boundary_probability: dict[str, float] = {}
        self._boundaries()
        self.resources: dict[str, Resource] = {}
        self.resource_of: dict[str, str | None] = {}
        self._resources()
        # A second context shares the first one's views (cached properties) but reads
        # the control edges of this binding: visits and hand-offs then follow them.
        base.process_graphs  # noqa: B018 - computed once, shared below
        self.ctx = AnalysisContext(model, profile)
        shared = ("flow_nodes", "sequence_flows", "units", "process_graph_list", "probabilities")
        for key in (*shared, "process_graphs"):
            if key in base.__dict__:
                self.ctx.__dict__[key] = base.__dict__[key]
        self.timer_fires = self._timer_probabilities()
        self.inclusive_joins = self._inclusive_joins(base)
        edges = self._edges(control_edges(base))
        cached(self.ctx, "control_edges", lambda: edges)
        self.edges = edges

    # -- times -----------------------------------------------------------------------------
    def processing(self, element_id: str) -> Distribution | None:
        """The processing time of an activity (``None``: no work, no resource)."""
        if not isinstance(self.flow_nodes.get(element_id), Activity):
            return None
        entry = self.params.activities.get(element_id)
        return entry.processing if entry is not None else None

    def waiting(self, element_id: str) -> Distribution | None:
        """The lay time before an activity, or the delay of an intermediate catch event
        (a message from another pool, a timer)."""
        node = self.flow_nodes.get(element_id)
        catch = isinstance(node, Event) and node.type == "intermediateCatchEvent"
        if not (catch or isinstance(node, Activity)):
            return None
        entry = self.params.activities.get(element_id)
        if entry is not None and entry.waiting is not None:
            return entry.waiting
        if catch and node.trigger == "timer":
            return timer_duration(node)
        return None

    def timer(self, element_id: str) -> Distribution | None:
        """The duration of a boundary timer: ``params.activities[id].waiting`` if given,
        else its ``timeDuration``."""
        node = self.flow_nodes.get(element_id)
        if not isinstance(node, Event) or node.trigger != "timer":
            return None
        entry = self.params.activities.get(element_id)
        if entry is not None and entry.waiting is not None:
            return entry.waiting
        return timer_duration(node)

    def fixed_cost(self, element_id: str) -> float:
        entry = self.params.activities.get(element_id)
        return entry.fixed_cost or 0.0 if entry is not None else 0.0

    def cost_per_hour(self, resource_id: str | None) -> float:
        resource = self.resources.get(resource_id or "")
        if resource is not None and resource.cost_per_hour is not None:
            return resource.cost_per_hour
        return self.params.defaults.cost_per_hour

    # -- arrivals ----------------------------------------------------------------------------
    def working_minutes_per_year(self) -> float:
        """The clock that ``cases_per_year`` is spread over: the arrival calendar's open
        minutes, else the productive hours of one FTE (so that the simulated staff work
        exactly the hours the analytical capacity counts)."""
        calendar = self.params.arrivals.calendar
        if calendar is not None:
            return calendar.minutes_per_week * 365 / 7
        return self.params.defaults.productive_hours_per_fte_year * 60

    def interarrival(self) -> tuple[Distribution, str]:
        """The inter-arrival distribution and where it came from: ``"given"``,
        ``"cases_per_year"`` (exponential over working time) or ``"default"``."""
        arrivals = self.params.arrivals
        if arrivals.interarrival is not None:
            return arrivals.interarrival, "given"
        if arrivals.cases_per_year:
            mean = self.working_minutes_per_year() / arrivals.cases_per_year
            return Distribution("exponential", {"mean": mean}), "cases_per_year"
        return Distribution("exponential", {"mean": 60.0}), "default"

    def cases_per_year(self) -> float | None:
        arrivals = self.params.arrivals
        if arrivals.cases_per_year:
            return arrivals.cases_per_year
        if arrivals.interarrival is not None and arrivals.interarrival.mean > 0:
            calendar = arrivals.calendar
            minutes = (
                calendar.minutes_per_week * 365 / 7 if calendar is not None else MINUTES_PER_YEAR
            )
            return minutes / arrivals.interarrival.mean
        return None

    # -- building ----------------------------------------------------------------------------
    def note(self, code: str, de: str, en: str, value: Any = None, elements: Iterable = ()) -> None:
        self.assumptions.append(
            Assumption(code, {"de": de, "en": en}, value, tuple(sorted(set(elements))))
        )

    def _branch_probabilities(self, ctx: AnalysisContext) -> dict[str, float]:
        outgoing: dict[str, list[SequenceFlow]] = {}
        for flow in self.flows.values():
            if flow.source is not None and flow.id is not None:
                outgoing.setdefault(flow.source, []).append(flow)
        result: dict[str, float] = {}
        equal: list[str] = []
        normalised: list[str] = []
        for source, flows in outgoing.items():
            node = self.flow_nodes.get(source)
            decision = isinstance(node, Gateway) and node.type in DECISIONS | INCLUSIVE
            if not decision or len(flows) == 1:
                result.update({f.id: 1.0 for f in flows if f.id})
                continue
            given: dict[str, float] = {}
            for flow in flows:
                value = self.params.probabilities.get(flow.id or "")
                if value is None:
                    value = _probability(flow.attributes.get(PA_PROBABILITY))
                if value is not None:
                    given[flow.id or ""] = value
            rest = [f.id or "" for f in flows if (f.id or "") not in given]
            remaining = max(0.0, 1.0 - sum(given.values()))
            if rest:
                equal.append(source)
                given.update({f: remaining / len(rest) for f in rest})
            if node.type in DECISIONS:
                total = sum(given.values())
                if total > 0 and abs(total - 1.0) > 1e-9:
                    normalised.append(source)
                    given = {f: p / total for f, p in given.items()}
                elif total == 0:
                    given = {f: 1.0 / len(given) for f in given}
            result.update(given)
        if equal:
            self.note(
                "equal-split",
                "Verzweigungen ohne (vollständige) Wahrscheinlichkeiten: der Rest ist "
                "gleich auf die Ausgänge ohne Angabe verteilt.",
                "Splits without (complete) probabilities: the rest is shared equally by "
                "the flows without one.",
                len(equal),
                equal,
            )
        if normalised:
            self.note(
                "probabilities-normalised",
                "Wahrscheinlichkeiten exklusiver Verzweigungen summierten sich nicht zu 1 "
                "und wurden normiert.",
                "Probabilities of exclusive splits did not add up to 1 and were normalised.",
                len(normalised),
                normalised,
            )
        return result

    def _activation(self) -> dict[str, float]:
        """Per flow out of an inclusive split: the probability that it is activated."""
        result: dict[str, float] = {}
        for node in self.flow_nodes.values():
            if not isinstance(node, Gateway) or node.type not in INCLUSIVE:
                continue
            flows = self.outgoing.get(node.id or "", [])
            if len(flows) < 2:
                continue
            fallback = node.default if node.default in flows else None
            if fallback is None:
                fallback = max(flows, key=lambda f: self.probabilities.get(f, 0.0))
            self.fallback[node.id or ""] = fallback
            none = math.prod(1.0 - self.probabilities.get(f, 0.0) for f in flows)
            for flow in flows:
                p = self.probabilities.get(flow, 0.0)
                result[flow] = p + (none if flow == fallback else 0.0)
        return result

    def _boundaries(self) -> None:
        without: list[str] = []
        for node in self.flow_nodes.values():
            if not isinstance(node, Event) or node.type != "boundaryEvent" or node.id is None:
                continue
            given = self.params.probabilities.get(node.id)
            if given is None:
                given = _probability(node.attributes.get(PA_PROBABILITY))
            duration = self.timer(node.id)
            if duration is not None and given is None:
                self.timers[node.id] = duration
                continue
            if given is None:
                without.append(node.id)
            self.boundary_probability[node.id] = given or 0.0
        if without:
            self.note(
                "boundary-probability",
                "Randereignisse ohne Wahrscheinlichkeit treten nie ein.",
                "Boundary events without a probability never occur.",
                0.0,
                without,
            )

    def _resources(self) -> None:
        defaults: list[str] = []
        named = {r.name: r for r in self.params.resources.values()}
        for node in self.flow_nodes.values():
            if not isinstance(node, Activity) or node.id is None:
                continue
            entry = self.params.activities.get(node.id)
            unit = self.units.get(node.id)
            rid = entry.resource_id if entry is not None and entry.resource_id else None
            if rid is None and unit is not None:
                rid = unit.id
            self.resource_of[node.id] = rid
            if rid is None or rid in self.resources:
                continue
            resource = self.params.resources.get(rid)
            if resource is None and unit is not None and unit.id == rid:
                resource = named.get(unit.name)
            if resource is None:
                name = unit.name if unit is not None and unit.id == rid else rid
                resource = Resource(rid, name)
            if resource.source == "default" and self.processing(node.id) is not None:
                defaults.append(rid)
            self.resources[rid] = resource
        if defaults:
            self.note(
                "staff-default",
                "Einheiten ohne Angabe zum Personal: 1 VZÄ angenommen.",
                "Units without staff: 1 FTE assumed.",
                1.0,
                defaults,
            )

    def _timer_probabilities(self) -> dict[str, float]:
        """Boundary timer id -> probability that it fires before its activity ends."""
        result: dict[str, float] = {}
        for event_id, duration in self.timers.items():
            event = self.flow_nodes[event_id]
            activity = event.attached_to or ""
            tau = duration.sampled_mean()
            survival = self.duration_survival(activity)
            result[event_id] = survival(tau) if survival is not None else 0.0
        return result

    def duration_survival(self, element_id: str) -> Callable[[float], float] | None:
        """P(lay time + processing time of a visit > x); ``None`` for a sub-process."""
        if isinstance(self.flow_nodes.get(element_id), SubProcess):
            return None
        parts = [d for d in (self.waiting(element_id), self.processing(element_id)) if d]
        random_parts = [d for d in parts if d.variance() > 0]
        shift = sum(d.sampled_mean() for d in parts if d.variance() == 0)
        if not random_parts:
            return lambda x: 1.0 if shift > x else 0.0
        if len(random_parts) == 1:
            single = random_parts[0]
            return lambda x: single.survival(x - shift)
        mean = sum(d.sampled_mean() for d in random_parts)
        sd = math.sqrt(sum(d.variance() for d in random_parts))
        matched = Distribution("gamma", {"mean": mean, "sd": sd})  # moment-matched sum
        return lambda x: matched.survival(x - shift)

    def _inclusive_joins(self, ctx: AnalysisContext) -> dict[str, float]:
        """Inclusive join id -> 1 / expected number of branches its split activates.

        The split is the nearest dominator of the join that is an inclusive split."""
        joins = [
            n
            for n in self.flow_nodes.values()
            if isinstance(n, Gateway)
            and n.type in INCLUSIVE
            and len(self.incoming.get(n.id or "", [])) > 1
        ]
        if not joins:
            return {}
        import networkx as nx  # only models with inclusive joins pay for dominators

        graph = nx.DiGraph()
        for flow in self.flows.values():
            if flow.source in self.flow_nodes and flow.target in self.flow_nodes:
                graph.add_edge(flow.source, flow.target)
        root = "\0root"
        for node in self.flow_nodes.values():
            if node.id is not None and not self.incoming.get(node.id):
                graph.add_edge(root, node.id)
        dominators = nx.immediate_dominators(graph, root) if root in graph else {}
        result: dict[str, float] = {}
        unmatched: list[str] = []
        for join in joins:
            node, split = dominators.get(join.id), None
            seen = set()
            while node is not None and node != root and node not in seen:
                seen.add(node)
                element = self.flow_nodes.get(node)
                if isinstance(element, Gateway) and node in self.fallback:
                    split = node
                    break
                node = dominators.get(node)
            if split is None:
                unmatched.append(join.id or "")
                continue
            flows = self.outgoing.get(split, [])
            expected = sum(self.activation.get(f, 0.0) for f in flows)
            result[join.id or ""] = 1.0 / expected if expected > 0 else 1.0
        if unmatched:
            self.note(
                "inclusive-join-unmatched",
                "Inklusive Zusammenführungen ohne passende inklusive Verzweigung zählen "
                "jeden ankommenden Zweig.",
                "Inclusive joins without a matching inclusive split count every branch "
                "that arrives.",
                None,
                unmatched,
            )
        return result

    def _edges(self, edges: list[ControlEdge]) -> list[ControlEdge]:
        """The control edges with this binding's boundary probabilities and inclusive joins."""
        boundary = {**self.boundary_probability, **self.timer_fires}
        withdrawn: dict[str, float] = {}
        for event_id, p in boundary.items():
            event = self.flow_nodes[event_id]
            if isinstance(event, Event) and event.interrupting and event.attached_to:
                withdrawn[event.attached_to] = min(1.0, withdrawn.get(event.attached_to, 0) + p)
        result = []
        for edge in edges:
            probability = edge.probability
            if edge.kind == "boundary":
                probability = boundary.get(edge.target, 0.0)
            elif edge.kind == "sequence" and edge.flow is not None:
                base = self.ctx.probabilities.get(edge.flow, 1.0)
                probability = base * (1.0 - withdrawn.get(edge.source, 0.0))
                probability *= self.inclusive_joins.get(edge.target, 1.0)
            result.append(ControlEdge(edge.source, edge.target, edge.kind, edge.flow, probability))
        return result


def bind_parameters(model: Definitions, params: ProcessParameters) -> Binding:
    """Bind ``params`` to ``model``'s elements (see the module)."""
    return Binding(model, params)


def servers(staff: float) -> int:
    """Simulated servers of a unit with ``staff`` FTE: rounded half up, at least 1.

    >>> servers(0.3), servers(2.5), servers(3.4)
    (1, 3, 3)
    """
    return max(1, math.floor(staff + 0.5))


def timer_duration(event: Event) -> Distribution | None:
    """The constant duration of a timer event's ``timeDuration`` (ISO 8601), or ``None``
    (a ``timeDate`` or ``timeCycle`` has none).

    >>> from processanalysis.bpmn.model import EventDefinition
    >>> event = Event(id="t", type="boundaryEvent", definitions=[EventDefinition(
    ...     type="timerEventDefinition", extra=['<timeDuration>P28D</timeDuration>'])])
    >>> timer_duration(event).mean
    40320.0
    """
    for definition in event.definitions:
        if definition.kind != "timer":
            continue
        for text in definition.extra:
            match = re.search(r"timeDuration[^>]*>\s*([^<\s]+)\s*<", text)
            if match:
                minutes = _iso_minutes(match.group(1))
                if minutes is not None:
                    return Distribution.constant(minutes)
    return None


def _iso_minutes(text: str) -> float | None:
    match = re.fullmatch(
        r"P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?"
        r"(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?"
        r"(?:(\d+(?:[.,]\d+)?)S)?)?",
        text.strip().upper(),
    )
    if match is None or text.strip().upper() in ("P", "PT"):
        return None
    factors = (525600.0, 43800.0, 10080.0, 1440.0, 60.0, 1.0, 1 / 60)
    return sum(
        float(value.replace(",", ".")) * factor
        for value, factor in zip(match.groups(), factors, strict=True)
        if value is not None
    )


def _probability(raw: str | None) -> float | None:
    try:
        value = float(raw) if raw is not None else None
    except ValueError:
        return None
    return value if value is not None and 0.0 <= value <= 1.0 else None
