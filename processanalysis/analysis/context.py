"""What every rule needs about one model, computed once and shared (lazily).

Rules never parse XML or build graphs themselves; they ask the context. That keeps
each rule short and the whole analysis linear in the model's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx

from processanalysis.analysis.profile import Profile
from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.graph import collaboration_graph, node_lanes, process_graph
from processanalysis.bpmn.model import (
    Activity,
    Definitions,
    FlowNode,
    Gateway,
    Lane,
    Process,
    SequenceFlow,
)

if TYPE_CHECKING:
    from processanalysis.analysis.media import MediumAssignment
    from processanalysis.analysis.vocabulary import Vocabulary

__all__ = ["PA_PROBABILITY", "AnalysisContext", "Unit"]

PA_PROBABILITY = "{%s}probability" % ns.PA


@dataclass(frozen=True, slots=True)
class Unit:
    """An organisational unit: a lane, or a pool without lanes (``lane`` is then None)."""

    id: str
    name: str
    pool: str | None
    pool_name: str | None
    lane: str | None


class AnalysisContext:
    """A model plus the profile, with the derived views rules share."""

    def __init__(
        self,
        model: Definitions,
        profile: Profile,
        *,
        vocabulary: Vocabulary | None = None,
        lang: str = "de",
    ) -> None:
        self.model = model
        self.profile = profile
        self.lang = lang
        self._vocabulary = vocabulary

    # -- settings --------------------------------------------------------------
    def severity(self, rule: str, variant: str | None = None) -> str:
        return self.profile.severity(rule, variant)

    def threshold(self, rule: str, key: str = "threshold", default: float = 0) -> float:
        return self.profile.threshold(rule, key, default)

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            from processanalysis.analysis.vocabulary import load_vocabulary

            self._vocabulary = load_vocabulary()
        return self._vocabulary

    # -- graphs ------------------------------------------------------------------
    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """All processes, sub-processes flattened, plus message flows."""
        return collaboration_graph(self.model)

    @cached_property
    def process_graph_list(self) -> list[nx.DiGraph]:
        """The flattened control-flow graph of every process in document order, also of a
        process whose id repeats (:attr:`process_graphs` keeps the last one of those)."""
        return [process_graph(p, flatten=True) for p in self.model.processes]

    @cached_property
    def process_graphs(self) -> dict[str, nx.DiGraph]:
        """Per process id, its flattened control-flow graph."""
        return {
            p.id or f"process-{i}": graph
            for i, (p, graph) in enumerate(
                zip(self.model.processes, self.process_graph_list, strict=True)
            )
        }

    @cached_property
    def flow_nodes(self) -> dict[str, FlowNode]:
        return self.model.flow_elements_by_id(FlowNode)

    @cached_property
    def activities(self) -> list[Activity]:
        return [n for n in self.flow_nodes.values() if isinstance(n, Activity)]

    @cached_property
    def gateways(self) -> list[Gateway]:
        return [n for n in self.flow_nodes.values() if isinstance(n, Gateway)]

    @cached_property
    def sequence_flows(self) -> dict[str, SequenceFlow]:
        return self.model.flow_elements_by_id(SequenceFlow)

    # -- organisation --------------------------------------------------------------
    @cached_property
    def pool_names(self) -> dict[str, str]:
        """Participant id -> display name."""
        return {p.id: p.label or p.id for p in self.model.participants if p.id}

    @cached_property
    def units(self) -> dict[str, Unit]:
        """The unit (innermost lane, else the pool) of every flow node id."""
        process_pool = {p.process_ref: p for p in self.model.participants if p.process_ref}
        result: dict[str, Unit] = {}
        for process in self.model.processes:
            participant = process_pool.get(process.id)
            pool_id = participant.id if participant is not None else process.id
            pool_name = (participant.label if participant is not None else process.label) or (
                pool_id or ""
            )
            lanes = _all_lanes(process)
            # One (equal, immutable) Unit per lane, not one per node.
            lane_units: dict[int, Unit] = {}
            pool_unit: Unit | None = None
            for element in process.walk():
                if not isinstance(element, FlowNode) or element.id is None:
                    continue
                lane = lanes.get(element.id)
                if lane is not None and lane.id is not None:
                    unit = lane_units.get(id(lane))
                    if unit is None:
                        unit = lane_units[id(lane)] = Unit(
                            lane.id, lane.label or lane.id, pool_id, pool_name, lane.id
                        )
                    result[element.id] = unit
                else:
                    if pool_unit is None:
                        pool_unit = Unit(pool_id or "?", pool_name, pool_id, pool_name, None)
                    result[element.id] = pool_unit
        return result

    # -- probabilities -----------------------------------------------------------------
    @cached_property
    def probabilities(self) -> dict[str, float]:
        """Probability of every sequence flow out of a split: ``pa:probability`` where the
        analyst gave it, an equal split of the rest otherwise (1.0 for single flows)."""
        outgoing: dict[str, list[SequenceFlow]] = {}
        for flow in self.sequence_flows.values():
            if flow.source is not None:
                outgoing.setdefault(flow.source, []).append(flow)
        result: dict[str, float] = {}
        for source, flows in outgoing.items():
            node = self.flow_nodes.get(source)
            parallel = node is not None and node.type == "parallelGateway"
            given: dict[str, float] = {}
            for flow in flows:
                raw = flow.attributes.get(PA_PROBABILITY)
                try:
                    value = float(raw) if raw is not None else None
                except ValueError:
                    value = None
                if value is not None and 0 <= value <= 1:
                    given[flow.id or ""] = value
            rest = [f for f in flows if (f.id or "") not in given]
            remaining = max(0.0, 1.0 - sum(given.values()))
            for flow in flows:
                if parallel or not isinstance(node, Gateway):
                    # Parallel splits and implicit (activity) splits send every token on.
                    result[flow.id or ""] = 1.0
                elif (flow.id or "") in given:
                    result[flow.id or ""] = given[flow.id or ""]
                else:
                    result[flow.id or ""] = remaining / len(rest) if rest else 0.0
        return result

    # -- media ---------------------------------------------------------------------------
    @cached_property
    def media(self) -> dict[str, MediumAssignment]:
        """Medium class and evidence of every classified element id."""
        from processanalysis.analysis.media import classify_model

        return classify_model(self.model, self.vocabulary)


def _all_lanes(process: Process) -> dict[str, Lane]:
    lanes = node_lanes(process)
    # Lanes of sub-processes (rare) refine the process's lanes.
    for element in process.walk():
        if hasattr(element, "lane_sets") and element is not process:
            lanes.update(node_lanes(element))  # type: ignore[arg-type]
    return lanes
