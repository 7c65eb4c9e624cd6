"""Helpers the source readers share: the model's activities, units and flows, foreign
XML fragments parsed safely, numbers, time units and calendars."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from processanalysis.bpmn.model import (
    Activity,
    BaseElement,
    Definitions,
    Event,
    FlowNode,
    Gateway,
    Lane,
    SequenceFlow,
)
from processanalysis.bpmn.xmlsafe import safe_parser
from processanalysis.simulation.parameters import Calendar

__all__ = [
    "MINUTES_PER_YEAR",
    "ModelView",
    "calendar_minutes_per_year",
    "cases_from_interarrival",
    "finite",
    "iter_fragments",
    "local",
    "parse_iso_duration",
]

#: Minutes in a (365-day) year: arrivals that no calendar restricts run around the clock.
MINUTES_PER_YEAR = 365 * 24 * 60
WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


def finite(text: object) -> float | None:
    """A finite float from an attribute or cell value, else ``None`` (``NaN``, "", junk).

    >>> finite("12.5"), finite("NaN"), finite(None), finite("abc")
    (12.5, None, None, None)
    """
    if text is None or isinstance(text, bool):
        return None
    try:
        value = float(str(text).strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


_ISO = re.compile(
    r"^P(?:(?P<y>\d+(?:[.,]\d+)?)Y)?(?:(?P<mo>\d+(?:[.,]\d+)?)M)?(?:(?P<w>\d+(?:[.,]\d+)?)W)?"
    r"(?:(?P<d>\d+(?:[.,]\d+)?)D)?(?:T(?:(?P<h>\d+(?:[.,]\d+)?)H)?(?:(?P<mi>\d+(?:[.,]\d+)?)M)?"
    r"(?:(?P<s>\d+(?:[.,]\d+)?)S)?)?$"
)
_ISO_MINUTES = {"y": 525600.0, "mo": 43800.0, "w": 10080.0, "d": 1440.0, "h": 60.0, "mi": 1.0}


def parse_iso_duration(text: str) -> float | None:
    """Minutes of an ISO 8601 duration such as ``PT1H30M`` or ``P2D`` (``None`` if invalid).

    Months count as 1/12 year, years as 365 days.

    >>> parse_iso_duration("PT1H30M"), parse_iso_duration("P2D"), parse_iso_duration("PT30S")
    (90.0, 2880.0, 0.5)
    """
    match = _ISO.match(text.strip().upper())
    if match is None or text.strip().upper() in ("P", "PT"):
        return None
    total = 0.0
    for key, value in match.groupdict().items():
        if value is not None:
            number = float(value.replace(",", "."))
            total += number / 60 if key == "s" else number * _ISO_MINUTES[key]
    return total


def calendar_minutes_per_year(calendar: Calendar | None) -> float:
    """Open minutes per year of a calendar (around the clock when ``None``).

    >>> calendar_minutes_per_year(Calendar((0, 1, 2, 3, 4), 8.0, 16.0))  # doctest: +ELLIPSIS
    125142.85...
    """
    if calendar is None:
        return float(MINUTES_PER_YEAR)
    hours = max(0.0, calendar.end_hour - calendar.start_hour)
    return len(set(calendar.weekdays)) * hours * 60 * 365 / 7


def cases_from_interarrival(mean_minutes: float, calendar: Calendar | None) -> float | None:
    """Cases per year implied by a mean inter-arrival time within the arrival calendar."""
    if mean_minutes <= 0:
        return None
    return calendar_minutes_per_year(calendar) / mean_minutes


def calendar_from_periods(
    periods: list[tuple[str, str, str, str]],
) -> tuple[Calendar | None, bool]:
    """A :class:`Calendar` from ``(from_day, to_day, begin, end)`` periods (QBP, Prosimos).

    Returns the calendar and whether it had to be simplified (periods with different
    hours are merged into one daily window from the earliest start to the latest end).
    """
    days: set[int] = set()
    starts: list[float] = []
    ends: list[float] = []
    for from_day, to_day, begin, end in periods:
        try:
            first, last = WEEKDAYS.index(from_day.upper()), WEEKDAYS.index(to_day.upper())
        except ValueError:
            continue
        start, stop = _hour(begin), _hour(end)
        if start is None or stop is None:
            continue
        if stop >= 23.98:  # "23:59:59.999" means midnight
            stop = 24.0
        if first <= last:
            days.update(range(first, last + 1))
        else:  # FRIDAY to MONDAY wraps over the weekend
            days.update([*range(first, 7), *range(last + 1)])
        starts.append(start)
        ends.append(stop)
    if not days:
        return None, False
    simplified = len(set(starts)) > 1 or len(set(ends)) > 1
    return Calendar(tuple(sorted(days)), min(starts), max(ends)), simplified


def _hour(text: str) -> float | None:
    match = re.match(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?", text or "")
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours) + int(minutes) / 60 + float(seconds or 0) / 3600


def iter_fragments(element: BaseElement, namespace: str = "") -> Iterator[etree._Element]:
    """Each verbatim XML fragment of an element (``extensions`` and ``extra``) that
    mentions ``namespace``, parsed with the hardened parser; fragments that fail to parse
    are skipped."""
    for text in (*element.extensions, *element.extra):
        if namespace not in text:
            continue
        try:
            yield etree.fromstring(text.encode("utf-8"), safe_parser())
        except etree.XMLSyntaxError:
            continue


def local(tag: object) -> str:
    """The local part of a Clark tag (``""`` for comments and processing instructions)."""
    return tag.split("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """The organisational unit an activity belongs to (lane, or pool without lanes)."""

    id: str
    name: str


class ModelView:
    """The model's elements as the readers need them, computed once."""

    def __init__(self, model: Definitions) -> None:
        self.model = model

    @cached_property
    def flow_nodes(self) -> dict[str, FlowNode]:
        return self.model.flow_elements_by_id(FlowNode)

    @cached_property
    def activities(self) -> dict[str, Activity]:
        return {k: v for k, v in self.flow_nodes.items() if isinstance(v, Activity)}

    @cached_property
    def start_events(self) -> dict[str, Event]:
        return {
            k: v
            for k, v in self.flow_nodes.items()
            if isinstance(v, Event) and v.type == "startEvent"
        }

    @cached_property
    def flows(self) -> dict[str, SequenceFlow]:
        return self.model.flow_elements_by_id(SequenceFlow)

    @cached_property
    def splits(self) -> dict[str, list[SequenceFlow]]:
        """Gateways with more than one outgoing flow (where probabilities apply)."""
        outgoing: dict[str, list[SequenceFlow]] = {}
        for flow in self.flows.values():
            if flow.source is not None:
                outgoing.setdefault(flow.source, []).append(flow)
        return {
            source: flows
            for source, flows in outgoing.items()
            if len(flows) > 1
            and isinstance(self.flow_nodes.get(source), Gateway)
            and self.flow_nodes[source].type != "parallelGateway"
        }

    @cached_property
    def units(self) -> dict[str, UnitInfo]:
        """The unit of every flow node id (innermost lane, else the pool)."""
        from processanalysis.analysis.context import AnalysisContext
        from processanalysis.analysis.profile import Profile

        context = AnalysisContext(self.model, Profile(name="parameters"))
        return {k: UnitInfo(u.id, u.name) for k, u in context.units.items()}

    @cached_property
    def unit_names(self) -> dict[str, str]:
        """Unit id -> name, for the units that hold an activity."""
        return {self.units[a].id: self.units[a].name for a in self.activities if a in self.units}

    @cached_property
    def lanes(self) -> dict[str, Lane]:
        return {
            lane.id: lane for p in self.model.processes for lane in p.lanes() if lane.id is not None
        }

    def unit_id_for_name(self, name: str) -> str | None:
        """The unit whose id or name is ``name`` (case and blanks ignored)."""
        wanted = " ".join(name.split()).casefold()
        for unit_id, unit_name in self.unit_names.items():
            if unit_id.casefold() == wanted or " ".join(unit_name.split()).casefold() == wanted:
                return unit_id
        return None
