"""Operations on media and systems: digitise an input, automate a step, add an interface.

They change attributes and task types, never the flow, so the diagram stays as it is.
Medium and system are written as ``pa:medium`` and ``pa:itSystem``, the strongest
evidence of the media analysis (see docs/analysis/media.md).

Which system a new service task runs on matters: the media analysis reports a
``system_to_system`` break wherever two *differently named* systems meet. So the system
is never made up: it is the one given, the step's own, the data store it writes, or the
system of the nearest steps downstream that use the data (an interface delivers into the
system where the data is needed next); when none is known, ``pa:itSystem`` stays unset
and only the medium is written ("IT-System" appears in the task's name only).
"""

from __future__ import annotations

from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.profile import load_profile
from processanalysis.bpmn.model import (
    TASK_TYPES,
    Activity,
    DataStoreReference,
    Event,
    FlowNode,
)
from processanalysis.variants.editing import PA_IT_SYSTEM, PA_MEDIUM, Editor, OperationError
from processanalysis.variants.operations import _register

__all__ = ["add_interface", "automate_step", "digitise_input"]

_DEFAULT_SERVICE = "Online-Dienst"
_DEFAULT_SYSTEM = "IT-System"


def _stores(editor: Editor, node: FlowNode, *, outputs: bool) -> list[str]:
    """Names of the data stores a step writes (``outputs``) or reads, ``pa:itSystem`` first."""
    if not isinstance(node, Activity):
        return []
    ids: list[str | None] = []
    if outputs:
        ids = [a.target for a in node.data_outputs]
    else:
        ids = [s for a in node.data_inputs for s in a.sources]
    names: list[str] = []
    for element_id in ids:
        element = editor.model.get(element_id)
        if isinstance(element, DataStoreReference):
            name = element.attributes.get(PA_IT_SYSTEM) or element.label
            if name and name not in names:
                names.append(name)
    return names


def _neighbour_system(editor: Editor, node: FlowNode, *, downstream: bool) -> str | None:
    """The system of the nearest classified steps after (or before) ``node`` along the
    sequence flow, when they agree on one; ``None`` when they name none or several.

    Read from the media analysis of the model as it is before the change, so it sees
    what the analysis will see (``pa:itSystem``, data stores, labels)."""
    media = AnalysisContext(editor.model, load_profile()).media
    adjacency = editor.adjacency()
    side = 1 if downstream else 0
    systems: set[str] = set()
    seen = {node.id}
    frontier = list(adjacency.get(node.id or "", ([], []))[side])
    while frontier and len(seen) < 400:
        current = frontier.pop(0)
        if current in seen:
            continue
        seen.add(current)
        assignment = media.get(current)
        if assignment is None:  # unclassified: look through it, as the analysis does
            frontier.extend(adjacency.get(current, ([], []))[side])
        elif assignment.system:
            systems.add(assignment.system)
    return systems.pop() if len(systems) == 1 else None


def _task(editor: Editor, element: str) -> Activity:
    place = editor.activity(element)
    node = place.node
    assert isinstance(node, Activity)
    if node.type not in TASK_TYPES:
        raise OperationError(
            f"„{element}“ ist ein {node.type}; automatisieren lassen sich nur Aufgaben. "
            "Bitte die Schritte im Teilprozess einzeln wählen.",
            f"'{element}' is a {node.type}; only tasks can be automated. Choose the steps "
            "inside the sub-process one by one.",
        )
    return node


def _make_service(editor: Editor, node: Activity, system: str | None, name: str | None) -> None:
    """Service task on ``system``; without a known system only the medium is written."""
    editor.retype(node, "serviceTask")
    if name and name != node.name:
        node.name = name
        editor.touch(node.id)
    editor.set_attribute(node, PA_MEDIUM, "it_system")
    if system:
        editor.set_attribute(node, PA_IT_SYSTEM, system)


@_register(
    "digitise_input",
    ("element", "service", "name"),
    "Eingang digitalisieren: Papier-/E-Mail-Eingang wird Online-Dienst mit Datenübernahme",
    "Digitise an input: paper or e-mail input becomes an online service with data transfer",
    optional=("service", "name"),
)
def digitise_input(
    editor: Editor, element: str, service: str | None = None, name: str | None = None
) -> dict[str, str]:
    """The input of ``element`` arrives through an online service.

    Messages and data objects flowing into the element are marked ``online_service``;
    an event receiving the input becomes an online-service event; a step that re-keyed
    the input becomes an automated data transfer (service task into its system).
    """
    service = service or _DEFAULT_SERVICE
    place = editor.place(element)
    node = place.node
    label = node.label or element
    if not isinstance(node, (Activity, Event)):
        raise OperationError(
            f"„{element}“ ist ein {node.type}; ein Eingang lässt sich nur an einem Schritt "
            "oder Ereignis digitalisieren.",
            f"'{element}' is a {node.type}; only a step's or an event's input can be digitised.",
        )
    for flow in editor.message_flows_to(element):
        editor.set_attribute(flow, PA_MEDIUM, "online_service")
    if isinstance(node, Activity):
        for assoc in node.data_inputs:
            for source in assoc.sources:
                data = editor.model.get(source)
                if data is not None and data.type in (
                    "dataObjectReference", "dataStoreReference"
                ):
                    editor.set_attribute(data, PA_MEDIUM, "online_service")
    if isinstance(node, Event):
        editor.set_attribute(node, PA_MEDIUM, "online_service")
        what_de = f"„{label}“ kommt über {service}"
        what_en = f"'{label}' arrives through {service}"
    else:
        if node.type not in TASK_TYPES:
            raise OperationError(
                f"„{element}“ ist ein {node.type}; bitte den erfassenden Schritt im "
                "Teilprozess wählen.",
                f"'{element}' is a {node.type}; choose the capturing step inside it.",
            )
        systems = _stores(editor, node, outputs=True)
        system = (
            node.attributes.get(PA_IT_SYSTEM)
            or (systems[0] if systems else None)
            or _neighbour_system(editor, node, downstream=True)
        )
        _make_service(editor, node, system, name or f"Daten aus {service} übernehmen")
        target = system or _DEFAULT_SYSTEM
        what_de = f"„{label}“ wird zur automatischen Datenübernahme ({service} → {target})"
        what_en = f"'{label}' becomes an automatic data transfer ({service} → {target})"
    return {
        "de": f"Eingang digitalisiert: {what_de}.",
        "en": f"Input digitised: {what_en}.",
    }


@_register(
    "automate_step",
    ("element", "system"),
    "Schritt automatisieren: wird Service-Task in einem IT-System",
    "Automate a step: it becomes a service task on an IT system",
    optional=("system",),
)
def automate_step(editor: Editor, element: str, system: str | None = None) -> dict[str, str]:
    """``element`` becomes a service task on ``system`` (its own or its data store's)."""
    node = _task(editor, element)
    label = node.label or element
    stores = _stores(editor, node, outputs=True) + _stores(editor, node, outputs=False)
    system = (
        system
        or node.attributes.get(PA_IT_SYSTEM)
        or (stores[0] if stores else None)
        or _neighbour_system(editor, node, downstream=False)
    )
    _make_service(editor, node, system, None)
    shown = system or _DEFAULT_SYSTEM
    return {
        "de": f"Schritt automatisiert: „{label}“ läuft als Service-Task in {shown}.",
        "en": f"Step automated: '{label}' runs as a service task in {shown}.",
    }


@_register(
    "add_interface",
    ("element", "source", "target"),
    "Schnittstelle einrichten: Abtipp-Schritt zwischen zwei Systemen entfällt",
    "Add an interface: the re-keying step between two systems disappears",
    optional=("source", "target"),
)
def add_interface(
    editor: Editor, element: str, source: str | None = None, target: str | None = None
) -> dict[str, str]:
    """The re-keying step ``element`` becomes an automated interface ``source → target``.

    The step stays in the flow as a service task named after the interface, so the
    diagram shows where the data now travels; ``remove_step`` drops it altogether.
    """
    node = _task(editor, element)
    label = node.label or element
    target = (
        target
        or node.attributes.get(PA_IT_SYSTEM)
        or next(iter(_stores(editor, node, outputs=True)), None)
        or _neighbour_system(editor, node, downstream=True)
    )
    source = source or next(
        (s for s in _stores(editor, node, outputs=False) if s != target), None
    )
    shown = target or _DEFAULT_SYSTEM
    name = (
        f"Schnittstelle {source} → {shown}"
        if source
        else f"Datenübernahme per Schnittstelle in {shown}"
    )
    _make_service(editor, node, target, name)
    via = f"{source} → {shown}" if source else shown
    return {
        "de": f"Schnittstelle eingerichtet ({via}): „{label}“ wird nicht mehr abgetippt.",
        "en": f"Interface added ({via}): '{label}' is no longer re-keyed.",
    }
