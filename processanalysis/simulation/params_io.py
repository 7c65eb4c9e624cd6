"""Load a model's parameters from every source and write them back.

Sources, weakest first (a stronger one overrides a weaker one value by value):

1. defaults (:class:`~processanalysis.simulation.parameters.Defaults`, units from lanes),
2. ADONIS attributes (``adonis:attribute`` execution, waiting, resting, transport time,
   costs, quantity per period),
3. QBP (``qbp:processSimulationInfo``, BIMP/Apromore),
4. BPSim (``bpsim:BPSimData``, OMG standard, 1.0 and 2.0),
5. the workbench's own ``pa:`` attributes,
6. an explicit file: the XLSX/CSV template or a Prosimos JSON.

Examples
--------
>>> from processanalysis import import_file
>>> model = import_file("sample_processes/gewerbeanmeldung_ist.bpmn")
>>> params = load_parameters(model)
>>> params.arrivals.cases_per_year, params.sources["pa"] > 0
(1400.0, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from processanalysis.bpmn.model import Definitions
from processanalysis.simulation.parameters import (
    ActivityParameters,
    Arrivals,
    Defaults,
    ProcessParameters,
    Resource,
)
from processanalysis.simulation.sources._common import ModelView, cases_from_interarrival
from processanalysis.simulation.sources.adonis import read_adonis
from processanalysis.simulation.sources.bpsim import read_bpsim, write_bpsim
from processanalysis.simulation.sources.layer import Layer
from processanalysis.simulation.sources.pa import read_pa, write_pa
from processanalysis.simulation.sources.prosimos import read_prosimos
from processanalysis.simulation.sources.qbp import read_qbp, write_qbp
from processanalysis.simulation.sources.template import (
    TemplateError,
    check_template,
    read_template_layer,
    write_template,
)

__all__ = [
    "SOURCES",
    "TemplateError",
    "check_template",
    "load_parameters",
    "merge_layers",
    "read_extra",
    "read_template",
    "write_bpsim",
    "write_parameters",
    "write_qbp",
    "write_template",
]

#: Source names, weakest first: the order in which :func:`load_parameters` merges.
SOURCES = ("default", "adonis", "qbp", "bpsim", "pa", "template", "prosimos")

_TEMPLATE_SUFFIXES = (".xlsx", ".xlsm", ".csv")


def read_extra(path: str | Path, model: Definitions) -> Layer:
    """Read an explicit parameter file: the template (``.xlsx``, ``.csv``) or a Prosimos
    JSON (``.json``). The template raises :class:`TemplateError` when any row is invalid."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _TEMPLATE_SUFFIXES:
        return read_template_layer(path, model)
    if suffix == ".json":
        return read_prosimos(path, model)
    raise ValueError(f"{path.name}: expected .xlsx, .csv or .json (Prosimos)")


def load_parameters(
    model: Definitions,
    *,
    extra: str | Path | None = None,
    defaults: Defaults | None = None,
) -> ProcessParameters:
    """All parameters of ``model``, merged from every source (strongest last).

    Parameters
    ----------
    model
        The imported model; its vendor extensions and ``pa:`` attributes are read.
    extra
        An explicit file that overrides everything in the model: the spreadsheet
        template (``.xlsx``/``.csv``, see :func:`write_template`) or a Prosimos JSON.
    defaults
        The stated assumptions (hours per FTE, cost per hour); the shipped ones if omitted.

    Raises
    ------
    TemplateError
        ``extra`` is a template with invalid rows; nothing is applied.
    """
    layers = [read_adonis(model), read_qbp(model), read_bpsim(model), read_pa(model)]
    if extra is not None:
        layers.append(read_extra(extra, model))
    return merge_layers(model, layers, defaults=defaults)


def read_template(path: str | Path, model: Definitions) -> ProcessParameters:
    """The parameters a filled-in template gives for ``model`` (with defaults for the rest).

    Raises :class:`TemplateError` with the per-row report when any row is invalid.
    """
    return merge_layers(model, [read_template_layer(Path(path), model)])


def write_parameters(model: Definitions, params: ProcessParameters) -> Definitions:
    """A copy of ``model`` with ``params`` written as ``pa:`` attributes (see
    :func:`~processanalysis.simulation.sources.pa.write_pa`)."""
    return write_pa(model, params)


def merge_layers(
    model: Definitions,
    layers: Sequence[Layer],
    *,
    defaults: Defaults | None = None,
) -> ProcessParameters:
    """Lay ``layers`` over each other (later ones win) and fill in the model's units.

    Every activity gets an entry whose ``resource_id`` defaults to its unit (lane, or
    pool without lanes); every unit that holds an activity, and every resource a layer
    names, becomes a :class:`Resource` (staff 1.0 and ``source="default"`` where no
    layer gives a value). ``sources`` counts the values in effect per source.
    """
    view = ModelView(model)
    origin: dict[tuple[str, str], str] = {}
    rank = {name: i for i, name in enumerate(SOURCES)}
    values: dict[str, dict[str, object]] = {
        key: {}
        for key in (
            "processing",
            "waiting",
            "fixed_cost",
            "resource_of",
            "probabilities",
            "staff",
            "cost_per_hour",
            "calendars",
        )
    }
    names: dict[str, str] = {}
    notes: list[str] = []
    arrival_layer: Layer | None = None
    for layer in layers:
        notes.extend(layer.notes)
        names.update(layer.resource_names)
        for key, mapping in values.items():
            for element_id, value in getattr(layer, key).items():
                per_activity = key in ("processing", "waiting", "fixed_cost", "resource_of")
                if per_activity and element_id not in view.activities:
                    notes.append(f"{layer.source}: {element_id} is no activity of the model")
                    continue
                if key == "probabilities" and element_id not in view.flows:
                    notes.append(f"{layer.source}: {element_id} is no sequence flow of the model")
                    continue
                mapping[element_id] = value
                origin[(key, element_id)] = layer.source
        if layer.cases_per_year is not None or layer.interarrival is not None:
            arrival_layer = layer  # arrivals are one group: the strongest source gives all

    def strongest(keys: Iterable[tuple[str, str]]) -> str:
        found = [origin[k] for k in keys if k in origin]
        return max(found, key=lambda s: rank.get(s, len(rank))) if found else "default"

    params = ProcessParameters(defaults=defaults or Defaults())
    for activity_id in view.activities:
        unit = view.units.get(activity_id)
        keys = [(k, activity_id) for k in ("processing", "waiting", "fixed_cost", "resource_of")]
        params.activities[activity_id] = ActivityParameters(
            element_id=activity_id,
            processing=values["processing"].get(activity_id),  # type: ignore[arg-type]
            waiting=values["waiting"].get(activity_id),  # type: ignore[arg-type]
            fixed_cost=values["fixed_cost"].get(activity_id),  # type: ignore[arg-type]
            resource_id=values["resource_of"].get(activity_id, unit.id if unit else None),  # type: ignore[arg-type]
            source=strongest(keys),
        )
    params.probabilities = dict(values["probabilities"])  # type: ignore[arg-type]

    resource_ids: list[str] = []
    for activity in params.activities.values():
        if activity.resource_id is not None and activity.resource_id not in resource_ids:
            resource_ids.append(activity.resource_id)
    for key in ("staff", "cost_per_hour", "calendars"):
        for resource_id in values[key]:
            if resource_id not in resource_ids:
                resource_ids.append(resource_id)
    for resource_id in resource_ids:
        element = model.get(resource_id)
        name = (
            (element.label if element is not None else "")
            or names.get(resource_id)
            or view.unit_names.get(resource_id)
            or resource_id
        )
        keys = [(k, resource_id) for k in ("staff", "cost_per_hour", "calendars")]
        params.resources[resource_id] = Resource(
            id=resource_id,
            name=name,
            staff=values["staff"].get(resource_id, 1.0),  # type: ignore[arg-type]
            cost_per_hour=values["cost_per_hour"].get(resource_id),  # type: ignore[arg-type]
            calendar=values["calendars"].get(resource_id),  # type: ignore[arg-type]
            source=strongest(keys),
        )

    counts: dict[str, int] = {}
    for source in origin.values():
        counts[source] = counts.get(source, 0) + 1
    if arrival_layer is not None:
        cases = arrival_layer.cases_per_year
        interarrival = arrival_layer.interarrival
        if cases is None and interarrival is not None:
            cases = cases_from_interarrival(interarrival.mean, arrival_layer.arrival_calendar)
        params.arrivals = Arrivals(
            cases_per_year=cases,
            interarrival=interarrival,
            source=arrival_layer.source,
            calendar=arrival_layer.arrival_calendar,
        )
        counts[arrival_layer.source] = counts.get(arrival_layer.source, 0) + 1
    params.sources = {s: counts[s] for s in sorted(counts, key=lambda s: rank.get(s, len(rank)))}
    params.notes = notes
    return params
