"""Semantic diff of two versions of a process: added, removed, changed, unchanged elements.

Elements are matched in three passes, each linear in the model size (up to the size of
the label buckets, which are capped):

1. **by id** — the same id and the same kind of element (a to-be derived from the as-is,
   in the browser modeller or by an operation, keeps its ids);
2. **by label** — within one kind, the same normalised label first, then the most
   similar label (shared word stems, character-bigram overlap) above a threshold, with
   a bonus for the same type and the same unit; candidates come from an inverted word
   index, so an independently modelled to-be still matches without comparing all pairs;
3. **by structure** — unnamed nodes (gateways, events) whose matched neighbour has one
   unmatched counterpart of the same type in the same direction; sequence and message
   flows by their matched ends.

A matched pair is *changed* when one of the compared fields differs: ``name``, ``type``,
``unit`` (the lane's name), ``medium`` and ``system`` (the workbench's ``pa:medium`` /
``pa:itSystem``, or the classified medium when the caller passes it), ``parameters``
(other ``pa:`` attributes such as times), ``flows`` (the matched predecessors and
successors of a node), and for flows ``source``, ``target``, ``condition``. Positions
(DI) are not compared: moving a shape is no semantic change.

Examples
--------
>>> from processanalysis.bpmn.importer import read_bpmn
>>> def model(body):
...     return read_bpmn(('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
...                       f'<process id="p">{body}</process></definitions>').encode())
>>> a = model('<task id="t1" name="Antrag prüfen"/><task id="t2" name="Akte anlegen"/>')
>>> b = model('<userTask id="x" name="Antrag  prüfen"/><task id="t3" name="Bescheid senden"/>')
>>> d = diff_models(a, b)
>>> d.matched, [c.fields for c in d.changed], d.added, d.removed
([('t1', 'x')], [['type']], ['t3'], ['t2'])
"""

from __future__ import annotations

import re
from collections import ChainMap, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from processanalysis.analysis.runner import gc_paused
from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.graph import node_lanes
from processanalysis.bpmn.model import (
    Activity,
    Association,
    BaseElement,
    Container,
    DataObjectReference,
    DataStoreReference,
    Definitions,
    Event,
    FlowNode,
    Gateway,
    Lane,
    MessageFlow,
    Participant,
    SequenceFlow,
    SubProcess,
    TextAnnotation,
)

__all__ = ["FIELDS", "ElementChange", "ModelDiff", "diff_models"]

#: Every field a change may name, in display order.
FIELDS: tuple[str, ...] = (
    "name",
    "type",
    "unit",
    "medium",
    "system",
    "parameters",
    "flows",
    "source",
    "target",
    "condition",
)

_PA_PREFIX = "{%s}" % ns.PA
_PA_MEDIUM = _PA_PREFIX + "medium"
_PA_SYSTEM = _PA_PREFIX + "itSystem"
#: Label similarity a pair needs to match without the same id (0..1).
MATCH_THRESHOLD = 0.45
#: Words shared by more elements than this are not used to find candidates (they say
#: nothing: "prüfen", "Antrag"); keeps matching linear on large, repetitive models.
_MAX_BUCKET = 40
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class ElementChange:
    """A matched element whose compared fields differ (``fields`` in :data:`FIELDS` order)."""

    id: str
    to_be_id: str
    fields: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "to_be_id": self.to_be_id, "fields": list(self.fields)}


@dataclass(slots=True)
class ModelDiff:
    """The result of :func:`diff_models`.

    ``added`` are to-be ids, ``removed``, ``unchanged`` and ``ElementChange.id`` are as-is
    ids, ``matched`` pairs every as-is id with its to-be id (changed or not).
    """

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[ElementChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    matched: list[tuple[str, str]] = field(default_factory=list)

    @property
    def mapping(self) -> dict[str, str]:
        """As-is id → to-be id of every matched element."""
        return dict(self.matched)

    def change(self, as_is_id: str) -> ElementChange | None:
        """The change recorded for an as-is element, if it changed."""
        for change in self.changed:
            if change.id == as_is_id:
                return change
        return None

    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``processanalysis compare --json`` without the KPIs)."""
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": [c.to_dict() for c in self.changed],
            "unchanged": list(self.unchanged),
            "matched": [[a, b] for a, b in self.matched],
        }


# -- what is compared ---------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    """One diffable element with what the diff compares about it."""

    element: BaseElement
    id: str
    kind: str
    type: str
    label: str
    key: str  # normalised label
    unit: str = ""
    process: str = ""
    lane: str | None = None


def _kind(element: BaseElement) -> str | None:
    """The family inside which elements may match (a task never matches an event)."""
    if isinstance(element, SequenceFlow):
        return "sequenceFlow"
    if isinstance(element, Activity):
        return "activity"
    if isinstance(element, Event):
        return "event"
    if isinstance(element, Gateway):
        return "gateway"
    if isinstance(element, FlowNode):
        return "node"
    if isinstance(element, DataObjectReference):
        return "dataObject"
    if isinstance(element, DataStoreReference):
        return "dataStore"
    if isinstance(element, Lane):
        return "lane"
    if isinstance(element, Participant):
        return "participant"
    if isinstance(element, MessageFlow):
        return "messageFlow"
    if isinstance(element, TextAnnotation):
        return "annotation"
    if isinstance(element, Association):
        return "association"
    return None


def _normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _words(key: str) -> set[str]:
    """Word stems of a normalised label: the first six letters of every longer word, so
    German compounds and inflections meet ("Gewerbeanmeldung", "Gewerbeanzeige")."""
    return {w[:6] for w in key.split() if len(w) > 2}


def _collect(model: Definitions) -> dict[str, _Item]:
    """Every diffable element by id (first occurrence wins, as in the model's index)."""
    items: dict[str, _Item] = {}

    def add(element: BaseElement, lane: Lane | None = None, process: str = "") -> None:
        kind = _kind(element)
        if kind is None or not element.id or element.id in items:
            return
        label = element.label
        if isinstance(element, TextAnnotation):
            label = " ".join((element.text or "").split())
        items[element.id] = _Item(
            element, element.id, kind, element.type, label, _normalise(label),
            lane.label if lane is not None else "", process,
            lane.id if lane is not None else None,
        )

    def visit(container: Container, lanes: Mapping[str, Lane], process: str) -> None:
        for lane in container.lanes():
            add(lane, process=process)
        for element in container.flow_elements:
            add(element, lanes.get(element.id or ""), process)
            if isinstance(element, SubProcess):
                # Lanes of a sub-process first, then the enclosing ones (no copying).
                visit(element, ChainMap(node_lanes(element), lanes), process)
        for artifact in container.artifacts:
            add(artifact, process=process)

    for process in model.processes:
        visit(process, node_lanes(process), process.id or "")
    for collaboration in model.collaborations:
        for participant in collaboration.participants:
            add(participant)
        for flow in collaboration.message_flows:
            add(flow)
        for artifact in collaboration.artifacts:
            add(artifact)
    return items


# -- matching -------------------------------------------------------------------------------


class _Matcher:
    def __init__(
        self,
        old: dict[str, _Item],
        new: dict[str, _Item],
        old_adj: tuple[dict[str, list[str]], dict[str, list[str]]],
        new_adj: tuple[dict[str, list[str]], dict[str, list[str]]],
    ) -> None:
        self.old = old
        self.new = new
        self.old_adj = old_adj
        self.new_adj = new_adj
        self.forward: dict[str, str] = {}
        self.backward: dict[str, str] = {}

    def pair(self, a: str, b: str) -> None:
        self.forward[a] = b
        self.backward[b] = a

    def run(self) -> dict[str, str]:
        self.by_id()
        self.by_exact_label(unique=True)
        self.by_structure()
        self.by_exact_label(unique=False)
        self.by_structure()
        self.by_similar_label()
        self.by_structure()
        self.flows()
        return self.forward

    def by_id(self) -> None:
        for element_id, item in self.old.items():
            other = self.new.get(element_id)
            if other is not None and other.kind == item.kind:
                self.pair(element_id, element_id)

    def _unmatched(self, kinds: Iterable[str]) -> tuple[list[_Item], list[_Item]]:
        wanted = set(kinds)
        old = [i for i in self.old.values() if i.kind in wanted and i.id not in self.forward]
        new = [i for i in self.new.values() if i.kind in wanted and i.id not in self.backward]
        return old, new

    _LABELLED = ("activity", "event", "gateway", "node", "dataObject", "dataStore", "lane",
                 "participant", "annotation")

    def by_exact_label(self, *, unique: bool) -> None:
        """Pairs with the same normalised label within a kind.

        Tiers: same type and unit, same type, any type. With ``unique`` only labels that
        occur once on each side pair (safe anchors, as in patience diff); afterwards a
        repeated label pairs with the candidate that shares the most matched neighbours,
        document order breaking ties.
        """
        old, new = self._unmatched(self._LABELLED)
        for tier in (2, 1, 0):
            buckets: dict[tuple[str, ...], list[_Item]] = defaultdict(list)
            for item in new:
                if item.key and item.id not in self.backward:
                    buckets[self._bucket(item, tier)].append(item)
            counts: dict[tuple[str, ...], int] = defaultdict(int)
            if unique:
                for item in old:
                    if item.key and item.id not in self.forward:
                        counts[self._bucket(item, tier)] += 1
            for item in old:
                if not item.key or item.id in self.forward:
                    continue
                key = self._bucket(item, tier)
                candidates = buckets.get(key)
                if not candidates:
                    continue
                if unique:
                    if counts[key] == 1 and len(candidates) == 1:
                        self.pair(item.id, candidates.pop().id)
                    continue
                best, best_score = -1, -1
                for position, candidate in enumerate(candidates[:_MAX_BUCKET]):
                    if candidate.id in self.backward:
                        continue
                    score = self._shared_neighbours(item.id, candidate.id)
                    if score > best_score:
                        best, best_score = position, score
                if best >= 0:
                    self.pair(item.id, candidates.pop(best).id)

    def by_similar_label(self) -> None:
        """Candidates that share a rarer word stem, best score first (greedy)."""
        old, new = self._unmatched(self._LABELLED)
        old = [i for i in old if i.key]
        new = [i for i in new if i.key]
        if not old or not new:
            return
        index: dict[tuple[str, str], list[_Item]] = defaultdict(list)
        for item in new:
            for word in _words(item.key):
                index[(item.kind, word)].append(item)
        scored: list[tuple[float, str, str]] = []
        for item in old:
            seen: set[str] = set()
            words = _words(item.key)
            for word in words:
                bucket = index.get((item.kind, word), ())
                if len(bucket) > _MAX_BUCKET:
                    continue
                for candidate in bucket:
                    if candidate.id in seen:
                        continue
                    seen.add(candidate.id)
                    score = _similarity(item, candidate, words)
                    score += 0.15 * self._shared_neighbours(item.id, candidate.id)
                    if score >= MATCH_THRESHOLD:
                        scored.append((score, item.id, candidate.id))
        scored.sort(key=lambda s: (-s[0], s[1], s[2]))
        for _score, a, b in scored:
            if a not in self.forward and b not in self.backward:
                self.pair(a, b)

    def _shared_neighbours(self, a: str, b: str) -> int:
        """How many of ``a``'s neighbours are matched to neighbours of ``b`` (same side)."""
        count = 0
        for direction in (0, 1):
            theirs = self.new_adj[direction].get(b, ())
            count += sum(
                1 for n in self.old_adj[direction].get(a, ()) if self.forward.get(n) in theirs
            )
        return min(count, 2)

    @staticmethod
    def _bucket(item: _Item, tier: int) -> tuple[str, ...]:
        if tier == 2:
            return (item.kind, item.type, item.key, item.unit)
        return (item.kind, item.type, item.key) if tier else (item.kind, item.key)

    def by_structure(self) -> None:
        """Unmatched nodes next to a matched pair, one candidate each way: match them."""
        node_kinds = ("activity", "event", "gateway", "node")
        old, new = self._unmatched(node_kinds)
        if not old or not new:
            return
        old_adj, new_adj = self.old_adj, self.new_adj
        pending = [i.id for i in old]
        for _round in range(4):
            progress = False
            still: list[str] = []
            for a in pending:
                item = self.old[a]
                found = None
                for direction in (0, 1):
                    for neighbour in old_adj[direction].get(a, ()):
                        counterpart = self.forward.get(neighbour)
                        if counterpart is None:
                            continue
                        options = [
                            n for n in new_adj[1 - direction].get(counterpart, ())
                            if n not in self.backward
                            and self.new[n].kind == item.kind
                            and (self.new[n].type == item.type or not item.key)
                            and (not self.new[n].key or not item.key)
                        ]
                        if len(options) == 1:
                            found = options[0]
                            break
                    if found:
                        break
                if found:
                    self.pair(a, found)
                    progress = True
                else:
                    still.append(a)
            pending = still
            if not progress or not pending:
                break

    def flows(self) -> None:
        """Sequence, message flows and associations by their matched ends."""
        kinds = ("sequenceFlow", "messageFlow", "association")
        old, new = self._unmatched(kinds)
        if not old or not new:
            return
        ends: dict[tuple[str, str | None, str | None], list[_Item]] = defaultdict(list)
        for item in new:
            source, target = _ends(item.element)
            ends[(item.kind, source, target)].append(item)
        for item in old:
            source, target = _ends(item.element)
            key = (item.kind, self.forward.get(source or ""), self.forward.get(target or ""))
            if key[1] is None or key[2] is None:
                continue
            for candidate in ends.get(key, ()):
                if candidate.id not in self.backward:
                    self.pair(item.id, candidate.id)
                    break


def _ends(element: BaseElement) -> tuple[str | None, str | None]:
    return getattr(element, "source", None), getattr(element, "target", None)


def _similarity(a: _Item, b: _Item, words: set[str]) -> float:
    other = _words(b.key)
    union = words | other
    jaccard = len(words & other) / len(union) if union else 0.0
    ratio = _dice(a.key, b.key)
    score = 0.6 * jaccard + 0.4 * ratio
    if a.type == b.type:
        score += 0.1
    if a.unit and a.unit == b.unit:
        score += 0.05
    return score


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _dice(a: str, b: str) -> float:
    """Character-bigram overlap (Dice): close to ``difflib``'s ratio for short labels,
    and a fraction of its cost."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 1.0


def _adjacency(items: Mapping[str, _Item]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(predecessors, successors) of every node along sequence flows."""
    preds: dict[str, list[str]] = defaultdict(list)
    succs: dict[str, list[str]] = defaultdict(list)
    for item in items.values():
        if item.kind == "sequenceFlow":
            source, target = _ends(item.element)
            if source in items and target in items:
                succs[source].append(target)  # type: ignore[index]
                preds[target].append(source)  # type: ignore[index]
    return preds, succs


# -- comparing matched pairs --------------------------------------------------------------


def _unit_changed(a: _Item, b: _Item, forward: Mapping[str, str]) -> bool:
    """Another lane: the matched lane where lanes match, else another lane name."""
    if a.lane is None or b.lane is None:
        return a.lane != b.lane
    if a.lane in forward:
        return forward[a.lane] != b.lane
    return a.unit != b.unit


def _medium(item: _Item, media: Mapping[str, str] | None) -> str | None:
    if media is not None and item.id in media:
        return media[item.id]
    return item.element.attributes.get(_PA_MEDIUM)


def _parameters(element: BaseElement) -> dict[str, str]:
    return {
        k: v
        for k, v in element.attributes.items()
        if k.startswith(_PA_PREFIX) and k not in (_PA_MEDIUM, _PA_SYSTEM)
    }


def _changed_fields(
    a: _Item,
    b: _Item,
    forward: Mapping[str, str],
    adjacency: tuple[tuple[dict[str, list[str]], dict[str, list[str]]], ...],
    media: tuple[Mapping[str, str] | None, Mapping[str, str] | None],
) -> list[str]:
    fields: list[str] = []
    if a.label != b.label:
        fields.append("name")
    if a.type != b.type:
        fields.append("type")
    if _unit_changed(a, b, forward):
        fields.append("unit")
    if _medium(a, media[0]) != _medium(b, media[1]):
        fields.append("medium")
    if a.element.attributes.get(_PA_SYSTEM) != b.element.attributes.get(_PA_SYSTEM):
        fields.append("system")
    if _parameters(a.element) != _parameters(b.element):
        fields.append("parameters")
    if a.kind in ("activity", "event", "gateway", "node"):
        (old_preds, old_succs), (new_preds, new_succs) = adjacency
        for old_adj, new_adj in ((old_preds, new_preds), (old_succs, new_succs)):
            mapped = sorted(forward.get(n, "\0" + n) for n in old_adj.get(a.id, ()))
            if mapped != sorted(new_adj.get(b.id, ())):
                fields.append("flows")
                break
    if a.kind in ("sequenceFlow", "messageFlow", "association"):
        (old_source, old_target), (new_source, new_target) = _ends(a.element), _ends(b.element)
        if forward.get(old_source or "", "\0") != new_source:
            fields.append("source")
        if forward.get(old_target or "", "\0") != new_target:
            fields.append("target")
        if getattr(a.element, "condition", None) != getattr(b.element, "condition", None):
            fields.append("condition")
    return fields


def diff_models(
    as_is: Definitions,
    to_be: Definitions,
    *,
    as_is_media: Mapping[str, str] | None = None,
    to_be_media: Mapping[str, str] | None = None,
) -> ModelDiff:
    """Match the elements of two models and say what was added, removed and changed.

    ``as_is_media``/``to_be_media`` (element id → medium class, e.g. from the analysis'
    classification) replace the explicit ``pa:medium`` attribute when comparing media.
    Lists keep document order (as-is order for removed/changed/unchanged/matched).
    """
    with gc_paused():
        return _diff(as_is, to_be, as_is_media, to_be_media)


def _diff(
    as_is: Definitions,
    to_be: Definitions,
    as_is_media: Mapping[str, str] | None,
    to_be_media: Mapping[str, str] | None,
) -> ModelDiff:
    old = _collect(as_is)
    new = _collect(to_be)
    adjacency = (_adjacency(old), _adjacency(new))
    forward = _Matcher(old, new, *adjacency).run()
    result = ModelDiff()
    for element_id, item in old.items():
        partner = forward.get(element_id)
        if partner is None:
            result.removed.append(element_id)
            continue
        result.matched.append((element_id, partner))
        fields = _changed_fields(
            item, new[partner], forward, adjacency, (as_is_media, to_be_media)
        )
        if fields:
            result.changed.append(ElementChange(element_id, partner, fields))
        else:
            result.unchanged.append(element_id)
    matched_new = set(forward.values())
    result.added = [element_id for element_id in new if element_id not in matched_new]
    return result
