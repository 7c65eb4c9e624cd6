"""What one source says about a model: only the values it actually gives.

A :class:`Layer` is the partial, source-specific view that each reader returns;
:func:`processanalysis.simulation.params_io.merge_layers` lays them over each other,
strongest last, and fills the rest from the model (units) and the defaults. Keeping
"not given" apart from "given as the default" is why readers do not return
:class:`~processanalysis.simulation.parameters.ProcessParameters` directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from processanalysis.simulation.parameters import Calendar, Distribution

__all__ = ["Layer"]


@dataclass(slots=True)
class Layer:
    """Values one source gives, keyed by BPMN element id (times in minutes, money in euros).

    Examples
    --------
    >>> layer = Layer("pa", processing={"Activity_1": Distribution.constant(5)})
    >>> len(layer)
    1
    """

    source: str
    #: activity id -> processing time
    processing: dict[str, Distribution] = field(default_factory=dict)
    #: activity id -> waiting (lay) time before the activity
    waiting: dict[str, Distribution] = field(default_factory=dict)
    #: activity id -> fixed cost per execution
    fixed_cost: dict[str, float] = field(default_factory=dict)
    #: activity id -> resource id (a lane id, or a resource the source names)
    resource_of: dict[str, str] = field(default_factory=dict)
    #: sequence flow id -> probability at its split
    probabilities: dict[str, float] = field(default_factory=dict)
    #: resource id -> staff in FTE (or number of resources)
    staff: dict[str, float] = field(default_factory=dict)
    #: resource id -> cost per hour
    cost_per_hour: dict[str, float] = field(default_factory=dict)
    #: resource id -> display name, for resources that are no element of the model
    resource_names: dict[str, str] = field(default_factory=dict)
    #: resource id -> working calendar
    calendars: dict[str, Calendar] = field(default_factory=dict)
    cases_per_year: float | None = None
    interarrival: Distribution | None = None
    arrival_calendar: Calendar | None = None
    #: approximations and values left out, in plain words
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        """How many values the layer gives."""
        return (
            len(self.processing)
            + len(self.waiting)
            + len(self.fixed_cost)
            + len(self.resource_of)
            + len(self.probabilities)
            + len(self.staff)
            + len(self.cost_per_hour)
            + len(self.calendars)
            + (self.cases_per_year is not None)
            + (self.interarrival is not None)
        )

    def note(self, text: str) -> None:
        """Record an approximation or an ignored value, prefixed with the source."""
        self.notes.append(f"{self.source}: {text}")
