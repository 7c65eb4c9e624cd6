"""Media breaks: where information produced on one medium is consumed on another.

Information is followed along sequence flows (to the nearest upstream steps whose
medium is known: an unclassified "Antrag prüfen" between "Papierantrag empfangen" and
"im Fachverfahren erfassen" does not hide the break), along data associations (the
step that wrote a data object to the step that reads it) and along message flows,
across pools. A break is reported at the *consumer*, the step where a person carries
the information over; events and automated steps (service, script, business-rule
tasks) receive or pass information on without re-keying it and are never consumers.
Between two digital systems (IT system, online service) a break needs evidence of
re-keying: a conversion verb in the consuming step's label ("in SAP erfassen") or two
different systems named by ``pa:itSystem``; otherwise the hand-over is taken to run
through an interface (XRechnung, XÖV), as in the to-be samples.

Break types, highest severity first in the default profile (PRODUCT.md):
``analogue_to_system``, ``digital_analogue_digital`` (print, sign, scan),
``system_to_system`` (two systems without an interface), ``digital_to_analogue``,
``unstructured_to_system``; and the milder ``analogue_to_unstructured``,
``system_to_unstructured``, ``analogue_change``, ``unstructured_change``.

Examples
--------
>>> break_type("paper", "it_system")
'analogue_to_system'
>>> break_type("it_system", "it_system", "SAP", "Fachverfahren Gewerbe")
'system_to_system'
>>> break_type("email", "email") is None
True
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.finding import ANALOGUE, MEDIUM_NAMES, Evidence, Finding
from processanalysis.analysis.media import MediumAssignment
from processanalysis.analysis.registry import rule
from processanalysis.bpmn.model import TASK_TYPES, Activity, MessageFlow

__all__ = ["BREAK_TYPES", "break_type", "media_break_records"]

UNSTRUCTURED = frozenset({"email", "document"})
SYSTEMS = frozenset({"it_system", "online_service"})
BREAK_TYPES = (
    "analogue_to_system",
    "digital_analogue_digital",
    "system_to_system",
    "digital_to_analogue",
    "unstructured_to_system",
    "analogue_to_unstructured",
    "system_to_unstructured",
    "analogue_change",
    "unstructured_change",
)
_MAX_UPSTREAM = 400


_TYPE_NAMES = {
    "analogue_to_system": ("analog → IT-System", "analogue → IT system"),
    "digital_analogue_digital": ("digital → analog → digital", "digital → analogue → digital"),
    "system_to_system": ("System → System ohne Schnittstelle", "system → system, no interface"),
    "digital_to_analogue": ("digital → analog", "digital → analogue"),
    "unstructured_to_system": ("unstrukturiert → IT-System", "unstructured → IT system"),
    "analogue_to_unstructured": ("analog → Datei/E-Mail", "analogue → file/e-mail"),
    "system_to_unstructured": ("IT-System → Datei/E-Mail", "IT system → file/e-mail"),
    "analogue_change": ("analog → anderes analoges Medium", "analogue → other analogue medium"),
    "unstructured_change": ("Datei ↔ E-Mail", "file ↔ e-mail"),
}

_SUGGESTIONS = {
    "analogue_to_system": (
        "Online-Antrag über den OZG-Dienst (Nutzerkonto/BundID) mit strukturierter "
        "Datenübergabe an das Fachverfahren anbieten; Daten aus Registern abrufen "
        "(Once-Only), statt sie abzutippen.",
        "Offer the online application through the OZG service (user account/BundID) with "
        "structured data transfer to the line-of-business system; retrieve data from "
        "registers (once-only) instead of re-keying it.",
    ),
    "digital_analogue_digital": (
        "Elektronische Schlusszeichnung bzw. qualifizierte elektronische Signatur in der "
        "E-Akte statt Ausdrucken, Unterschreiben und Einscannen.",
        "Sign electronically in the e-file (qualified electronic signature) instead of "
        "printing, signing and scanning.",
    ),
    "system_to_system": (
        "Schnittstelle zwischen den Systemen einrichten (XÖV-Standard wie XBau, XMeld, "
        "XRechnung), statt Daten von einem System ins andere zu übertragen.",
        "Build an interface between the systems (an XÖV standard such as XBau, XMeld, "
        "XRechnung) instead of copying data from one system to the other.",
    ),
    "digital_to_analogue": (
        "Elektronisch zustellen (Postfach im Nutzerkonto/BundID) und die E-Akte statt "
        "einer Papierakte führen, statt zu drucken und per Post zu versenden.",
        "Deliver electronically (user-account inbox/BundID) and keep an e-file instead of "
        "a paper file, instead of printing and posting.",
    ),
    "unstructured_to_system": (
        "Strukturierte Eingangskanäle (Online-Formular, XRechnung) statt E-Mail oder PDF; "
        "Daten automatisch ins Fachverfahren übernehmen.",
        "Use structured input channels (online form, XRechnung) instead of e-mail or PDF; "
        "import the data automatically.",
    ),
    "analogue_to_unstructured": (
        "Daten gleich digital und strukturiert erheben (Online-Formular) statt Papier zu "
        "scannen oder abzuschreiben.",
        "Collect the data digitally and structured (online form) instead of scanning or "
        "copying paper.",
    ),
    "system_to_unstructured": (
        "Daten direkt aus dem System übermitteln (Schnittstelle, Postfach) statt sie in "
        "E-Mails oder Dateien zu kopieren.",
        "Transmit data straight from the system (interface, inbox) instead of copying it "
        "into e-mails or files.",
    ),
    "analogue_change": (
        "Einen Kanal durchgängig nutzen und Ergebnisse direkt digital erfassen.",
        "Use one channel throughout and record results digitally at once.",
    ),
    "unstructured_change": (
        "Einheitlich in der E-Akte arbeiten statt Dateien per E-Mail hin- und herzuschicken.",
        "Work in the e-file instead of sending files back and forth by e-mail.",
    ),
}


def break_type(
    source: str, target: str, source_system: str | None = None, target_system: str | None = None
) -> str | None:
    """The break type when information moves from medium ``source`` to ``target``."""
    if source == target:
        if (
            source == "it_system"
            and source_system
            and target_system
            and source_system.strip().lower() != target_system.strip().lower()
        ):
            return "system_to_system"
        return None
    if source in ANALOGUE:
        if target in SYSTEMS:
            return "analogue_to_system"
        if target in UNSTRUCTURED:
            return "analogue_to_unstructured"
        return "analogue_change"
    if target in ANALOGUE:
        return "digital_to_analogue"
    if source in UNSTRUCTURED:
        return "unstructured_to_system" if target in SYSTEMS else "unstructured_change"
    # source is a system
    return "system_to_unstructured" if target in UNSTRUCTURED else "system_to_system"


@dataclass(slots=True)
class BreakRecord:
    """One detected break before it becomes a finding."""

    producer: str
    consumer: str
    from_medium: str
    to_medium: str
    type: str
    via: str
    evidence: list[Evidence] = field(default_factory=list)
    intermediate: list[str] = field(default_factory=list)


def _sequence_edges(ctx: AnalysisContext) -> Iterator[tuple[str, str]]:
    """(source, target) of every sequence flow of every process, sub-processes flattened,
    in the order of ``ctx.graph`` (sources in node order, targets by first edge), but
    without building that collaboration graph: it merges the process graphs."""
    graphs = ctx.process_graph_list
    if len(graphs) == 1:
        for source, target, kind in graphs[0].edges(data="kind"):
            if kind == "sequence":
                yield source, target
        return
    adjacency: dict[str, dict[str, list[str | None]]] = {}
    for graph in graphs:
        for node in graph:
            adjacency.setdefault(node, {})
        for source, target, kind in graph.edges(data="kind"):
            adjacency[source].setdefault(target, []).append(kind)
    for source, row in adjacency.items():
        for target, kinds in row.items():
            for kind in kinds:
                if kind == "sequence":
                    yield source, target


class _Detector:
    def __init__(self, ctx: AnalysisContext) -> None:
        self.ctx = ctx
        self.media = ctx.media
        self._names: dict[str, str] = {}
        self.sequence_preds: dict[str, list[str]] = {}
        self.sequence_succs: dict[str, list[str]] = {}
        for source, target in _sequence_edges(ctx):
            self.sequence_preds.setdefault(target, []).append(source)
            self.sequence_succs.setdefault(source, []).append(target)
        self.messages_to: dict[str, list[MessageFlow]] = {}
        for flow in ctx.model.message_flows:
            if flow.target:
                self.messages_to.setdefault(flow.target, []).append(flow)
        self.writers: dict[str, str] = {}
        for node in ctx.flow_nodes.values():
            if isinstance(node, Activity):
                for assoc in node.data_outputs:
                    if assoc.target and node.id:
                        self.writers.setdefault(assoc.target, node.id)

    def name(self, element_id: str) -> str:
        try:
            return self._names[element_id]
        except KeyError:
            pass
        element = self.ctx.model.get(element_id)
        label = element.label if element is not None else ""
        name = label or self.ctx.pool_names.get(element_id, element_id)
        self._names[element_id] = name
        return name

    def upstream(self, node: str) -> list[str]:
        """Nearest upstream nodes with a known medium, through unclassified ones."""
        found: list[str] = []
        seen = {node}
        stack = list(self.sequence_preds.get(node, ()))
        while stack and len(seen) < _MAX_UPSTREAM:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            if current in self.media:
                found.append(current)
            else:
                stack.extend(self.sequence_preds.get(current, ()))
        return found

    def candidates(self, consumer: str, assignment: MediumAssignment) -> Iterator[BreakRecord]:
        element = self.ctx.flow_nodes.get(consumer)
        # Data read by the step.
        if isinstance(element, Activity):
            for assoc in element.data_inputs:
                for source in assoc.sources:
                    data = self.media.get(source)
                    if data is None:
                        continue
                    producer = self.writers.get(source, source)
                    yield self.record(
                        producer,
                        consumer,
                        data,
                        assignment,
                        "data",
                        Evidence("data", f"„{self.name(source)}“ ({data.medium})"),
                    )
        # Messages received.
        for flow in self.messages_to.get(consumer, ()):
            if flow.source is None:
                continue
            carried = self.media.get(flow.id or "") or self.media.get(flow.source)
            if carried is not None:
                yield self.record(
                    flow.source,
                    consumer,
                    carried,
                    assignment,
                    "message",
                    Evidence("message", f"{flow.label or flow.id} ({carried.medium})"),
                )
        # Control flow from the nearest classified upstream steps.
        upstream = self.upstream(consumer)
        for producer in upstream:
            produced = self.media[producer]
            yield self.record(
                producer,
                consumer,
                produced,
                assignment,
                "flow",
                Evidence("flow", f"„{self.name(producer)}“ → „{self.name(consumer)}“"),
            )
        # The step's own input medium (label: "Papierantrag im Fachverfahren erfassen").
        if assignment.input_medium is not None and assignment.input_source == "label":
            producer = next(
                (p for p in upstream if self.media[p].medium == assignment.input_medium),
                None,
            )
            if producer is None:
                preds = self.sequence_preds.get(consumer)
                producer = preds[0] if preds else consumer
            pseudo = MediumAssignment(
                producer, assignment.input_medium, "label", assignment.input_evidence
            )
            yield self.record(producer, consumer, pseudo, assignment, "label", None)

    def record(
        self,
        producer: str,
        consumer: str,
        produced: MediumAssignment,
        consumed: MediumAssignment,
        via: str,
        link: Evidence | None,
    ) -> BreakRecord:
        kind = break_type(produced.medium, consumed.medium, produced.system, consumed.system)
        evidence = list(produced.evidence)
        evidence += [e for e in consumed.evidence if e not in evidence]
        if link is not None:
            evidence.append(link)
        if kind == "system_to_system" and produced.system and consumed.system:
            evidence.append(Evidence("data", f"{produced.system} → {consumed.system}"))
        return BreakRecord(
            producer, consumer, produced.medium, consumed.medium, kind or "", via, evidence
        )

    def detect(self) -> list[BreakRecord]:
        records: dict[tuple[str, str], BreakRecord] = {}
        for consumer, assignment in self.media.items():
            # Only a person working in a step carries information over: events and
            # automated tasks receive or pass it on, they do not re-key it.
            element = self.ctx.flow_nodes.get(consumer)
            if not isinstance(element, Activity) or assignment.automated:
                continue
            for record in self.candidates(consumer, assignment):
                if not record.type or not self.carried_by_hand(record, assignment):
                    continue
                key = (record.producer, record.consumer)
                if key not in records:
                    records[key] = record
        return self.chains(list(records.values()))

    @staticmethod
    def carried_by_hand(record: BreakRecord, consumer: MediumAssignment) -> bool:
        """Between two systems, only evidence of re-keying makes a break.

        Work that moves from an online service into a Fachverfahren, or from one
        system to another, usually travels through an interface; a break is found when
        the consuming step's label says a person enters the data ("in SAP erfassen",
        "übertragen") or when the analyst named two different IT systems.
        """
        if record.type != "system_to_system":
            return True
        if consumer.converts:
            return True
        # Same medium means break_type saw two differently named systems.
        return record.from_medium == record.to_medium

    def analogue_reach(self, start: str) -> dict[str, None]:
        """Nodes reachable from ``start`` through analogue or unclassified nodes, in the
        order the walk finds them (a dict as an ordered set: :meth:`chains` takes the
        first match, which must not depend on string hashing)."""
        reach = {start: None}
        stack = list(self.sequence_succs.get(start, ()))
        while stack and len(reach) < _MAX_UPSTREAM:
            current = stack.pop()
            if current in reach:
                continue
            assignment = self.media.get(current)
            if assignment is not None and assignment.medium not in ANALOGUE:
                continue
            reach[current] = None
            stack.extend(self.sequence_succs.get(current, ()))
        return reach

    def chains(self, records: list[BreakRecord]) -> list[BreakRecord]:
        """Merge digital → analogue followed by analogue → digital into one print-sign-scan."""
        used: set[int] = set()
        chained: list[BreakRecord] = []
        by_producer: dict[str, list[int]] = {}
        for index, record in enumerate(records):
            by_producer.setdefault(record.producer, []).append(index)
        for first_index, first in enumerate(records):
            if first.type != "digital_to_analogue" or first_index in used:
                continue
            for node in self.analogue_reach(first.consumer):
                for second_index in by_producer.get(node, ()):
                    second = records[second_index]
                    if (
                        second_index in used
                        or second.type not in ("analogue_to_system", "analogue_to_unstructured")
                        or second.consumer == first.producer  # round a loop: keep both parts
                    ):
                        continue
                    used.update((first_index, second_index))
                    chained.append(
                        BreakRecord(
                            first.producer,
                            second.consumer,
                            first.from_medium,
                            second.to_medium,
                            "digital_analogue_digital",
                            "flow",
                            first.evidence
                            + [e for e in second.evidence if e not in first.evidence],
                            intermediate=[first.consumer, second.producer],
                        )
                    )
                    break
                if first_index in used:
                    break
        return chained + [r for i, r in enumerate(records) if i not in used]


def media_break_records(ctx: AnalysisContext) -> list[BreakRecord]:
    """All breaks of a model, before profile severities and wording are applied."""
    return _Detector(ctx).detect()


@rule("media-break", kind="media_break")
def media_breaks(ctx: AnalysisContext) -> Iterator[Finding]:
    """Information changes its medium and a person must carry it over."""
    detector = _Detector(ctx)
    for record in detector.detect():
        producer, consumer = detector.name(record.producer), detector.name(record.consumer)
        type_de, type_en = _TYPE_NAMES[record.type]
        from_de, from_en = MEDIUM_NAMES[record.from_medium]
        to_de, to_en = MEDIUM_NAMES[record.to_medium]
        middle = ""
        middle_en = ""
        if record.intermediate:
            steps = " / ".join(f"„{detector.name(n)}“" for n in dict.fromkeys(record.intermediate))
            middle = f" über {steps}"
            middle_en = f" via {steps}"
        suggestion_de, suggestion_en = _SUGGESTIONS[record.type]
        yield Finding(
            rule="media-break",
            kind="media_break",
            severity=ctx.severity("media-break", record.type),
            elements=[record.producer, record.consumer],
            message={
                "de": f"Medienbruch ({type_de}): Was „{producer}“ auf {from_de} liefert, "
                f"wird in „{consumer}“{middle} von Hand auf {to_de} übertragen.",
                "en": f"Media break ({type_en}): what '{producer}' delivers on {from_en} is "
                f"carried over by hand to {to_en} in '{consumer}'{middle_en}.",
            },
            evidence=record.evidence,
            suggestion={"de": suggestion_de, "en": suggestion_en},
            from_medium=record.from_medium,
            to_medium=record.to_medium,
            data={
                "break_type": record.type,
                "via": record.via,
                "intermediate": list(record.intermediate),
            },
            operations=break_operations(ctx, record.type, record.consumer),
        )


#: The improvement operation (processanalysis.variants) that resolves each break type at
#: its consumer: digitise what is re-keyed, connect two systems, keep the output digital.
_OPERATIONS = {
    "analogue_to_system": "digitise_input",
    "unstructured_to_system": "digitise_input",
    "system_to_system": "add_interface",
    "digital_analogue_digital": "add_interface",
    "digital_to_analogue": "automate_step",
}


def break_operations(ctx: AnalysisContext, kind: str, consumer: str) -> list[str]:
    """``["operation:consumer"]`` for a break an operation resolves, else empty."""
    operation = _OPERATIONS.get(kind)
    node = ctx.flow_nodes.get(consumer)
    if operation is None or node is None or node.type not in TASK_TYPES:
        return []
    return [f"{operation}:{consumer}"]
