"""Media classification: the medium each activity, event, data element and message uses.

Evidence is weighed strongest first, as the product brief prescribes:

1. an explicit attribute (``pa:medium``, ``pa:itSystem``) set by the analyst or tool;
2. attached data objects, data stores and messages (what the step writes decides its
   medium, what it reads is its *input* medium);
3. the BPMN task type: service/script/business-rule tasks are automated IT steps, a
   user task is work at a computer (digital), a manual task is work without one
   (analogue); the label then picks the concrete class within that family;
4. the label, then the documentation, through the vocabulary (``vocabulary.py``):
   a *conversion* verb ("einscannen", "ausdrucken", "erfassen") names the medium the
   step produces, a *channel* ("per Post", "im Fachverfahren") where the work happens,
   an *object* ("Papierantrag") what it handles — when a step converts or works in a
   channel, a differing object medium is its input medium ("Papierantrag im
   Fachverfahren erfassen": paper in, IT system out).

The medium of a step is the medium of what it *produces*; ``input_medium`` records a
different medium it consumes, when the evidence shows one. Media breaks compare them.

Examples
--------
>>> from processanalysis.bpmn.importer import read_bpmn
>>> from processanalysis.analysis.vocabulary import load_vocabulary
>>> m = read_bpmn('''<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
...   <process id="p"><userTask id="t" name="Papierantrag im Fachverfahren erfassen"/>
...   </process></definitions>'''.encode())
>>> a = classify_model(m, load_vocabulary())["t"]
>>> a.medium, a.input_medium
('it_system', 'paper')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from processanalysis.analysis.finding import ANALOGUE, MEDIA, Evidence
from processanalysis.analysis.vocabulary import Match, Vocabulary
from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.model import (
    Activity,
    BaseElement,
    DataObjectReference,
    DataStoreReference,
    Definitions,
    Event,
    GenericElement,
    MessageFlow,
)

__all__ = [
    "AUTOMATED_TASKS",
    "DIGITAL",
    "PA_IT_SYSTEM",
    "PA_MEDIUM",
    "MediumAssignment",
    "classify_model",
]

PA_MEDIUM = "{%s}medium" % ns.PA
PA_IT_SYSTEM = "{%s}itSystem" % ns.PA
AUTOMATED_TASKS = frozenset({"serviceTask", "scriptTask", "businessRuleTask"})
DIGITAL = frozenset(MEDIA) - ANALOGUE
_STRENGTH = {
    "attribute": 5,
    "data": 4,
    "message": 4,
    "task_type": 3,
    "label": 2,
    "documentation": 1,
    "participant": 0,
}
_SILENT_EVENTS = frozenset(
    {
        "timer",
        "conditional",
        "link",
        "terminate",
        "none",
        "cancel",
        "compensate",
        "error",
        "escalation",
        "signal",
    }
)


@dataclass(slots=True)
class MediumAssignment:
    """The medium of one element, what decided it, and a differing input medium."""

    element_id: str
    medium: str
    source: str
    evidence: list[Evidence] = field(default_factory=list)
    input_medium: str | None = None
    input_evidence: list[Evidence] = field(default_factory=list)
    input_source: str | None = None
    system: str | None = None
    automated: bool = False
    #: The label names a conversion ("erfassen", "einscannen"): a person re-keys or converts.
    converts: bool = False

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "medium": self.medium,
            "input_medium": self.input_medium,
            "source": self.source,
            "system": self.system,
            "automated": self.automated,
            "evidence": [e.text(lang) for e in self.evidence + self.input_evidence],
        }


def _label_evidence(match: Match, text_source: str) -> Evidence:
    return Evidence(text_source, f"„{match.word}“ → {match.medium}")


@dataclass(slots=True)
class _TextMedia:
    output: str | None = None
    input: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    input_evidence: list[Evidence] = field(default_factory=list)
    converts: bool = False


def _from_text(text: str | None, vocabulary: Vocabulary, source: str) -> _TextMedia:
    """Output and input medium with their evidence, from the vocabulary found in ``text``."""
    matches = vocabulary.find(text)
    if not matches:
        return _TextMedia()
    conversions = [m for m in matches if m.role == "conversion"]
    channels = [m for m in matches if m.role == "channel"]
    objects = [m for m in matches if m.role == "object"]
    decisive: Match
    if conversions:
        decisive = conversions[-1]
        # "im Fachverfahren erfassen": a channel of the same family names the target.
        if decisive.medium == "it_system":
            for channel in channels:
                if channel.medium in ("it_system", "online_service"):
                    decisive = channel
    elif channels:
        decisive = channels[-1]
    else:
        decisive = objects[-1]
    output = decisive.medium
    evidence = [_label_evidence(decisive, source)]
    input_medium = None
    input_evidence: list[Evidence] = []
    if decisive.role != "object":
        for obj in objects:
            if obj.medium != output:
                input_medium = obj.medium
                input_evidence = [_label_evidence(obj, source)]
                break
    return _TextMedia(output, input_medium, evidence, input_evidence, bool(conversions))


class _Classifier:
    def __init__(self, model: Definitions, vocabulary: Vocabulary) -> None:
        self.model = model
        self.vocabulary = vocabulary
        self.result: dict[str, MediumAssignment] = {}
        self.data_media: dict[str, MediumAssignment] = {}
        self.flows_by_end: dict[str, list[MessageFlow]] = {}

    def run(self) -> dict[str, MediumAssignment]:
        elements = list(self.model.iter_elements())
        for element in elements:
            if isinstance(element, (DataObjectReference, DataStoreReference)) and element.id:
                assignment = self.data_element(element)
                if assignment is not None:
                    self.result[element.id] = assignment
        messages = self.message_names()
        for flow in self.model.message_flows:
            for end in {flow.source, flow.target} - {None}:
                self.flows_by_end.setdefault(end, []).append(flow)
            if flow.id:
                assignment = self.message_flow(flow, messages)
                if assignment is not None:
                    self.result[flow.id] = assignment
        for element in elements:
            if isinstance(element, (Activity, Event)) and element.id:
                assignment = self.node(element)
                if assignment is not None:
                    self.result[element.id] = assignment
        self.fill_message_flows_from_ends()
        return self.result

    # -- attributes ----------------------------------------------------------------
    def attribute(self, element: BaseElement) -> MediumAssignment | None:
        value = element.attributes.get(PA_MEDIUM)
        system = element.attributes.get(PA_IT_SYSTEM)
        if value in MEDIA:
            return MediumAssignment(
                element.id or "",
                value,
                "attribute",
                [Evidence("attribute", f'pa:medium="{value}"')],
                system=system,
            )
        if system:
            return MediumAssignment(
                element.id or "",
                "it_system",
                "attribute",
                [Evidence("attribute", f'pa:itSystem="{system}"')],
                system=system,
            )
        return None

    # -- data objects and stores -----------------------------------------------------------
    def data_element(self, element: BaseElement) -> MediumAssignment | None:
        explicit = self.attribute(element)
        if explicit is not None:
            return explicit
        text = element.name
        if isinstance(element, DataObjectReference) and not text:
            target = self.model.get(element.data_object)
            text = target.name if target is not None else None
        found = _from_text(text, self.vocabulary, "label")
        if found.output is not None:
            system = element.label if found.output == "it_system" else None
            return MediumAssignment(
                element.id or "", found.output, "label", found.evidence, system=system
            )
        if isinstance(element, DataStoreReference):
            # A data store is a system unless its name says otherwise (Aktenschrank).
            return MediumAssignment(
                element.id or "",
                "it_system",
                "data",
                [Evidence("data", f"dataStoreReference „{element.label or element.id}“")],
                system=element.label or None,
            )
        return None

    # -- messages ----------------------------------------------------------------------
    def message_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for root in self.model.root_elements:
            if isinstance(root, GenericElement) and root.type == "message" and root.id:
                names[root.id] = root.name or ""
        return names

    def message_flow(self, flow: MessageFlow, messages: dict[str, str]) -> MediumAssignment | None:
        explicit = self.attribute(flow)
        if explicit is not None:
            return explicit
        for text in (flow.name, messages.get(flow.message_ref or "")):
            found = _from_text(text, self.vocabulary, "message")
            if found.output is not None:
                return MediumAssignment(flow.id or "", found.output, "message", found.evidence)
        return None

    def fill_message_flows_from_ends(self) -> None:
        """A message flow without its own evidence travels on its sender's medium."""
        for flow in self.model.message_flows:
            if not flow.id or flow.id in self.result:
                continue
            sender = self.result.get(flow.source or "")
            if sender is not None and sender.source != "message":
                self.result[flow.id] = MediumAssignment(
                    flow.id,
                    sender.medium,
                    "participant",
                    [Evidence("participant", f"{flow.source} → {sender.medium}")],
                )

    # -- activities and events -----------------------------------------------------------------
    def node(self, element: Activity | Event) -> MediumAssignment | None:
        assignment = self.attribute(element)
        inputs: list[tuple[str, Evidence]] = []
        outputs: list[tuple[str, Evidence, str | None]] = []
        if isinstance(element, Activity):
            for assoc in element.data_outputs:
                data = self.result.get(assoc.target or "")
                if data is not None:
                    outputs.append(
                        (
                            data.medium,
                            Evidence("data", f"→ „{self._name(assoc.target)}“ ({data.medium})"),
                            data.system,
                        )
                    )
            for assoc in element.data_inputs:
                for source in assoc.sources:
                    data = self.result.get(source)
                    if data is not None:
                        inputs.append(
                            (
                                data.medium,
                                Evidence("data", f"„{self._name(source)}“ → ({data.medium})"),
                            )
                        )
        for flow in self.flows_by_end.get(element.id or "", ()):
            if flow.id not in self.result:
                continue
            medium = self.result[flow.id].medium
            evidence = Evidence("message", f"{flow.label or flow.id} ({medium})")
            if flow.target == element.id:
                inputs.append((medium, evidence))
            if flow.source == element.id:
                outputs.append((medium, evidence, None))

        task_type = element.type
        automated = task_type in AUTOMATED_TASKS
        text = _from_text(element.name, self.vocabulary, "label")
        if text.output is None and element.documentation:
            text = _from_text(" ".join(element.documentation), self.vocabulary, "documentation")

        if assignment is None and outputs:
            medium, evidence, system = outputs[0]
            assignment = MediumAssignment(
                element.id or "", medium, "data", [evidence], system=system
            )
        if assignment is None:
            assignment = self._by_type_and_label(element, text, automated)
        if assignment is None and inputs and isinstance(element, Event):
            # Receiving a letter: a message event handles what it receives.
            medium, evidence = inputs[0]
            assignment = MediumAssignment(element.id or "", medium, "message", [evidence])
            inputs = []
        if assignment is None:
            return None
        assignment.automated = automated
        assignment.converts = text.converts
        if assignment.system is None and assignment.medium == "it_system":
            assignment.system = element.attributes.get(PA_IT_SYSTEM)
        # Input medium: data read or messages received on another medium, else the label.
        for medium, evidence in inputs:
            if medium != assignment.medium:
                assignment.input_medium = medium
                assignment.input_evidence = [evidence]
                assignment.input_source = evidence.source
                break
        if (
            text.input is not None
            and assignment.input_medium is None
            and text.input != assignment.medium
        ):
            assignment.input_medium = text.input
            assignment.input_evidence = text.input_evidence
            assignment.input_source = "label"
        if (
            assignment.input_medium is None
            and text.output is not None
            and text.output != assignment.medium
        ):
            # The label names another medium than the one the step produces (e.g. a
            # user task "Papierantrag prüfen"): that is what the step works from.
            assignment.input_medium = text.output
            assignment.input_evidence = text.evidence
            assignment.input_source = "label"
        return assignment

    def _by_type_and_label(
        self, element: Activity | Event, text: _TextMedia, automated: bool
    ) -> MediumAssignment | None:
        task_type = element.type
        family: frozenset[str] | None = None
        default: str | None = None
        if automated or task_type == "userTask":
            family, default = DIGITAL, "it_system"
        elif task_type == "manualTask":
            family, default = frozenset(ANALOGUE), "paper"
        if isinstance(element, Event) and self._silent(element):
            return None
        type_evidence = Evidence("task_type", task_type)
        if family is not None and not (text.converts and not automated):
            if text.output in family:
                return MediumAssignment(
                    element.id or "", text.output, "task_type", [type_evidence, *text.evidence]
                )
            return MediumAssignment(
                element.id or "", default or "it_system", "task_type", [type_evidence]
            )
        if text.output is not None:
            # A conversion verb ("einscannen") names what even a manual step produces.
            return MediumAssignment(
                element.id or "", text.output, text.evidence[0].source, text.evidence
            )
        return None

    def _silent(self, event: Event) -> bool:
        """Timer, link, terminate ... events carry no information of their own."""
        return bool(event.definitions) and all(d.kind in _SILENT_EVENTS for d in event.definitions)

    def _name(self, element_id: str | None) -> str:
        element = self.model.get(element_id)
        return (element.label if element is not None else "") or (element_id or "?")


def classify_model(model: Definitions, vocabulary: Vocabulary) -> dict[str, MediumAssignment]:
    """Medium assignments for every element the evidence classifies (others are unknown)."""
    return _Classifier(model, vocabulary).run()
