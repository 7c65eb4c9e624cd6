"""Import fidelity report: what was kept, converted, dropped, and which vendor data was seen.

Modelling tools today drop constructs silently or refuse whole files; the workbench says
what happened to each file instead. The importer fills a :class:`FidelityReport`; the
CLI, the UI and the reports render it in German or English.

Examples
--------
>>> report = FidelityReport()
>>> report.convert("qname-reference", count=2)
>>> report.converted[0].text("en")
'2× prefixed QName references were resolved to plain ids'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ADONIS_TIME_ATTRIBUTES", "FidelityNote", "FidelityReport", "VendorData"]

#: ADONIS attributes that carry simulation parameters (times and costs per task).
ADONIS_TIME_ATTRIBUTES = frozenset(
    {
        "A_EXECUTION_TIME",
        "A_WAITING_TIME",
        "A_RESTING_TIME",
        "A_TRANSPORT_TIME",
        "A_CYCLE_TIME",
        "A_PERSONNEL_COSTS",
        "A_MATERIAL_COSTS",
        "A_OUTSOURCING_COSTS",
        "A_COSTS",
        "A_PROCESS_FREQUENCY",
        "A_QUANTITY",
        "A_PROBABILITY",
        "A_TRANSITION_CONDITION",
    }
)

_NOTES: dict[str, tuple[str, str]] = {
    "qname-reference": (
        "Verweise mit Präfix (QName) wurden auf einfache IDs aufgelöst",
        "prefixed QName references were resolved to plain ids",
    ),
    "namespace-alias": (
        "Elemente in einem veralteten BPMN-Namensraum wurden als BPMN 2.0 gelesen",
        "elements in an outdated BPMN namespace were read as BPMN 2.0",
    ),
    "encoding": (
        "Zeichenkodierung korrigiert: {detail}",
        "character encoding repaired: {detail}",
    ),
    "foreign-element": (
        "Herstellerelemente außerhalb von extensionElements wurden nach extensionElements "
        "verschoben",
        "vendor elements outside extensionElements were moved into extensionElements",
    ),
    "generic-node": (
        "Elemente eines nicht ausgewerteten Typs wurden unverändert als allgemeine Knoten "
        "behalten ({detail})",
        "elements of a type that is not analysed were kept unchanged as generic nodes ({detail})",
    ),
    "verbatim": (
        "BPMN-Details ohne eigene Auswertung wurden unverändert behalten ({detail})",
        "BPMN details without their own analysis were kept unchanged ({detail})",
    ),
    "di-namespace": (
        "Diagrammelemente in falschem Namensraum wurden korrigiert ({detail})",
        "diagram elements in the wrong namespace were corrected ({detail})",
    ),
    "embedded": (
        "Das BPMN-Modell wurde aus einem umgebenden Dokument gelöst ({detail})",
        "the BPMN model was taken out of an enclosing document ({detail})",
    ),
    "comments": (
        "XML-Kommentare und Verarbeitungsanweisungen werden beim Export nicht geschrieben",
        "XML comments and processing instructions are not written on export",
    ),
    "documentation-attributes": (
        "Attribute von documentation-Elementen (textFormat, id) werden nicht übernommen",
        "attributes of documentation elements (textFormat, id) are not kept",
    ),
    "misplaced": (
        "Elemente an unerwarteter Stelle wurden unverändert behalten ({detail})",
        "elements in unexpected places were kept unchanged ({detail})",
    ),
}


@dataclass(slots=True)
class FidelityNote:
    """One thing the importer converted or dropped, with how often it happened."""

    code: str
    count: int = 1
    detail: str = ""

    def text(self, lang: str = "de") -> str:
        de, en = _NOTES.get(self.code, (self.code, self.code))
        template = en if lang == "en" else de
        body = template.format(detail=self.detail) if "{detail}" in template else template
        return f"{self.count}× {body}" if self.count > 1 or self.code != "encoding" else body


@dataclass(slots=True)
class VendorData:
    """Extension data of one modelling tool found in the file."""

    vendor: str
    elements: int = 0
    attributes: int = 0
    recognised: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class FidelityReport:
    """What the import did with each part of the file."""

    kept: dict[str, int] = field(default_factory=dict)
    converted: list[FidelityNote] = field(default_factory=list)
    dropped: list[FidelityNote] = field(default_factory=list)
    vendors: dict[str, VendorData] = field(default_factory=dict)

    def _add(self, notes: list[FidelityNote], code: str, count: int, detail: str) -> None:
        for note in notes:
            if note.code == code and note.detail == detail:
                note.count += count
                return
        notes.append(FidelityNote(code, count, detail))

    def convert(self, code: str, *, count: int = 1, detail: str = "") -> None:
        """Record that something was read in a changed form."""
        self._add(self.converted, code, count, detail)

    def drop(self, code: str, *, count: int = 1, detail: str = "") -> None:
        """Record that something will not survive an export."""
        self._add(self.dropped, code, count, detail)

    def vendor(self, name: str) -> VendorData:
        """The record for one vendor, created on first use."""
        data = self.vendors.get(name)
        if data is None:
            data = self.vendors[name] = VendorData(name)
        return data

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        return {
            "kept": dict(self.kept),
            "converted": [n.text(lang) for n in self.converted],
            "dropped": [n.text(lang) for n in self.dropped],
            "vendors": {
                v.vendor: {
                    "extension_elements": v.elements,
                    "attributes": v.attributes,
                    "recognised": dict(v.recognised),
                }
                for v in self.vendors.values()
            },
        }
