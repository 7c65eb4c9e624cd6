"""The one result type of every analysis: a :class:`Finding`, explained and located.

A finding names the rule that produced it, the elements involved (ids, located on the
diagram), the evidence, a message and a suggestion in German and English. Severity
comes from the rule profile, not from the rule, so one rule serves several profiles
(as in bpmnlint). Tests assert on ``rule``, ``kind`` and ``elements``, never on wording.

Examples
--------
>>> f = Finding(rule="handoff-lane", kind="handoff", severity="low", elements=["a", "b"],
...             message={"de": "Übergabe", "en": "Hand-off"})
>>> f.to_dict("en")["message"], f.id
('Hand-off', 'handoff-lane:a>b')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ANALOGUE",
    "KINDS",
    "MEDIA",
    "MEDIUM_NAMES",
    "SEVERITIES",
    "Evidence",
    "Finding",
    "severity_rank",
]

Kind = Literal["media_break", "handoff", "bottleneck", "quality"]
KINDS: tuple[str, ...] = ("media_break", "handoff", "bottleneck", "quality")
SEVERITIES: tuple[str, ...] = ("high", "medium", "low")
#: Medium classes of PRODUCT.md, analogue first.
MEDIA: tuple[str, ...] = (
    "paper",
    "fax",
    "phone",
    "in_person",
    "email",
    "document",
    "it_system",
    "online_service",
)
ANALOGUE = frozenset({"paper", "fax", "phone", "in_person"})

_SOURCE_LABELS = {
    "attribute": ("Attribut", "attribute"),
    "data": ("Datenobjekt/-speicher", "data object/store"),
    "message": ("Nachricht", "message"),
    "task_type": ("Aufgabentyp", "task type"),
    "label": ("Bezeichnung", "label"),
    "documentation": ("Dokumentation", "documentation"),
    "participant": ("Beteiligter", "participant"),
    "structure": ("Struktur", "structure"),
    "flow": ("Fluss", "flow"),
    "parameter": ("Parameter", "parameter"),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One fact that supports a finding: where it was seen and what exactly.

    ``detail`` is language-neutral (a quoted word, an attribute, a type name).
    """

    source: str
    detail: str

    def text(self, lang: str = "de") -> str:
        de, en = _SOURCE_LABELS.get(self.source, (self.source, self.source))
        detail = self.detail
        if self.source != "attribute":  # an attribute is quoted literally
            index = 1 if lang == "en" else 0
            detail = _MEDIUM_TOKEN.sub(
                lambda m: m.group(1) + MEDIUM_NAMES[m.group(2)][index] + m.group(3), detail
            )
        return f"{en if lang == 'en' else de}: {detail}"


#: Display names of the medium classes (German, English).
MEDIUM_NAMES = {
    "paper": ("Papier", "paper"),
    "fax": ("Fax", "fax"),
    "phone": ("Telefon", "phone"),
    "in_person": ("persönlich", "in person"),
    "email": ("E-Mail", "e-mail"),
    "document": ("Dokument/Datei", "document/file"),
    "it_system": ("IT-System", "IT system"),
    "online_service": ("Online-Dienst", "online service"),
    "unknown": ("unbekannt", "unknown"),
}
#: A medium key in an evidence detail: "(paper)" or "→ paper".
_MEDIUM_TOKEN = re.compile(
    r"(\(|→ )(paper|fax|phone|in_person|email|document|it_system|online_service)(\)|$|,)"
)

_RANKS = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def severity_rank(severity: str) -> int:
    """0 for high, 1 for medium, 2 for low (sort key, most severe first)."""
    return _RANKS.get(severity, len(SEVERITIES))


@dataclass(slots=True)
class Finding:
    """A weakness found in a model, with everything needed to explain and locate it."""

    rule: str
    kind: str
    severity: str
    elements: list[str]
    message: dict[str, str]
    evidence: list[Evidence] = field(default_factory=list)
    suggestion: dict[str, str] = field(default_factory=dict)
    from_medium: str | None = None
    to_medium: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    operations: list[str] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = f"{self.rule}:{'>'.join(self.elements)}"

    def text(self, lang: str = "de") -> str:
        return self.message.get(lang) or self.message.get("de") or self.rule

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        """The JSON form of the ``analyse`` command."""
        return {
            "id": self.id,
            "kind": self.kind,
            "rule": self.rule,
            "severity": self.severity,
            "elements": list(self.elements),
            "message": self.text(lang),
            "evidence": [e.text(lang) for e in self.evidence],
            "suggestion": self.suggestion.get(lang) or self.suggestion.get("de") or "",
            "from_medium": self.from_medium,
            "to_medium": self.to_medium,
            "operations": list(self.operations),
        }
