"""KPI comparison of an as-is model and a to-be variant, with a plain-language summary.

Both models are analysed with the same profile and vocabulary; the KPI keys are those of
``processanalysis analyse`` (:func:`processanalysis.analysis.kpis.compute_kpis`). The
delta is to-be minus as-is for every number, per key for the count tables, and
``{"added", "removed"}`` for the name lists. Media breaks are followed through the
element matching of the diff: an as-is break *remains* when a break of the same rule is
found on the matched elements; it is *shifted* when it lives on in another shape (a
print-and-re-key chain whose re-keying is gone but which still prints, or a paper
hand-over that moved to the next step); otherwise it is *resolved*. A to-be break that
continues no as-is break is *new*.

When **both** models carry parameters (times in ``pa:``, BPSim, QBP or ADONIS attributes,
read exactly as ``processanalysis simulate`` reads them), the KPI dictionaries also hold
the expectations of the analytical model (no simulation run):
:data:`QUANTITATIVE_KPIS` — effort per case and per year in hours, lead time in hours,
cost per year in euros. A key is left out of all three dictionaries when either side
lacks what it needs (no processing time at all, no case volume for the yearly figures,
an unbounded loop for the lead time), so a delta never compares a figure with nothing.

Examples
--------
>>> from processanalysis.bpmn.importer import import_file
>>> c = compare_models(import_file("sample_processes/wohngeldantrag_ist.bpmn"),
...                    import_file("sample_processes/wohngeldantrag_soll.bpmn"))
>>> c.kpis["delta"]["media_breaks"] < 0
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.finding import ANALOGUE, Finding
from processanalysis.analysis.profile import Profile, load_profile
from processanalysis.analysis.runner import AnalysisResult, analyse
from processanalysis.analysis.vocabulary import Vocabulary
from processanalysis.bpmn.model import Definitions
from processanalysis.simulation.analytical import analytical_model
from processanalysis.simulation.params_io import load_parameters
from processanalysis.variants.diff import ModelDiff, diff_models

__all__ = ["QUANTITATIVE_KPIS", "Comparison", "compare_models", "kpi_delta",
           "quantitative_kpis"]

#: KPI keys from the analytical effort model, added only when both models carry parameters.
QUANTITATIVE_KPIS = (
    "effort_hours_per_case",
    "effort_hours_per_year",
    "lead_time_hours",
    "cost_per_year",
)


@dataclass(slots=True)
class Comparison:
    """Diff, KPIs of both models and their delta, and the media breaks followed across."""

    diff: ModelDiff
    kpis: dict[str, dict[str, Any]]
    as_is: AnalysisResult
    to_be: AnalysisResult
    media_breaks: dict[str, list[str]] = field(default_factory=dict)
    lang: str = "de"

    def summary(self, lang: str | None = None) -> str:
        """One or two sentences a department understands, e.g. for the workshop page."""
        return _summary(self, lang or self.lang)

    def break_status(self) -> dict[str, str]:
        """Finding id → ``resolved``, ``remaining``, ``shifted`` (as-is media breaks) or
        ``new`` (to-be), for a page that marks each finding with what became of it."""
        return {
            finding_id: status
            for status in ("resolved", "remaining", "shifted", "new")
            for finding_id in self.media_breaks.get(status, [])
        }

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON of ``processanalysis compare --json``."""
        data = self.diff.to_dict()
        data["changed"] = [
            {"id": c.id, "to_be_id": c.to_be_id, "fields": list(c.fields)}
            for c in self.diff.changed
        ]
        data["kpis"] = self.kpis
        data["media_breaks"] = self.media_breaks
        data["summary"] = self.summary(lang)
        return data


def kpi_delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """To-be minus as-is, key by key (numbers, count tables, name lists)."""
    delta: dict[str, Any] = {}
    for key in before.keys() | after.keys():
        a, b = before.get(key), after.get(key)
        if isinstance(a, bool) or isinstance(b, bool):
            continue
        if isinstance(a, (int, float)) or isinstance(b, (int, float)):
            value = (b or 0) - (a or 0)
            delta[key] = round(value, 4) if isinstance(value, float) else value
        elif isinstance(a, dict) or isinstance(b, dict):
            a, b = a or {}, b or {}
            delta[key] = {k: (b.get(k) or 0) - (a.get(k) or 0) for k in sorted(a.keys() | b.keys())}
        elif isinstance(a, list) or isinstance(b, list):
            a, b = a or [], b or []
            delta[key] = {
                "added": [x for x in b if x not in a],
                "removed": [x for x in a if x not in b],
            }
    return {key: delta[key] for key in sorted(delta)}


def quantitative_kpis(model: Definitions) -> dict[str, float]:
    """Expected effort, lead time and cost of ``model`` from its own parameters.

    The parameters are merged from the model's ADONIS, QBP, BPSim and ``pa:`` attributes
    as ``processanalysis simulate`` does; without a single processing time the model has
    no parameters and the result is empty (the defaults alone would only give zeros).
    Figures that need a case volume or are unbounded are left out.
    """
    params = load_parameters(model)
    if not any(a.processing is not None for a in params.activities.values()):
        return {}
    result = analytical_model(model, params)
    figures: dict[str, float | None] = {
        "effort_hours_per_case": result.effort_per_case / 60.0,
        "effort_hours_per_year": (
            result.effort_per_year / 60.0 if result.effort_per_year is not None else None
        ),
        "lead_time_hours": result.lead_time / 60.0,
        "cost_per_year": result.cost_per_year,
    }
    return {
        key: round(value, 2 if key == "cost_per_year" else 3)
        for key, value in figures.items()
        if value is not None and math.isfinite(value)
    }


def _break_key(finding: Finding, mapping: dict[str, str] | None) -> tuple[str, ...]:
    elements = finding.elements if mapping is None else [mapping.get(e, "\0" + e)
                                                         for e in finding.elements]
    return (finding.rule, *elements)


Atom = tuple[str, str, bool]  # producer, consumer, ends on an analogue medium


def _atoms(finding: Finding, mapping: dict[str, str] | None = None) -> list[Atom]:
    """The hand-overs a break consists of: one, or two for a print-and-re-key chain
    (digital → first analogue step, last analogue step → re-keying step)."""
    def m(element_id: str) -> str:
        return element_id if mapping is None else mapping.get(element_id, "\0" + element_id)

    if len(finding.elements) != 2:
        return []
    producer, consumer = (m(e) for e in finding.elements)
    intermediate = [m(e) for e in finding.data.get("intermediate") or []]
    if intermediate:
        return [(producer, intermediate[0], True), (intermediate[-1], consumer, False)]
    return [(producer, consumer, finding.to_medium in ANALOGUE)]


def _lives_on(atom: Atom, before: set[Atom], analogue_ends: set[str]) -> bool:
    """A to-be hand-over that was there before — itself, or *moved downstream*: the step
    that turned digital information into paper became digital, and the next step now
    does it (the hand-over starts where an old one to paper ended)."""
    return atom in before or (atom[2] and atom[0] in analogue_ends)


def _follow_breaks(diff: ModelDiff, before: AnalysisResult, after: AnalysisResult
                   ) -> dict[str, list[str]]:
    """As-is breaks ``resolved``, ``remaining`` or ``shifted``; to-be breaks ``new``.

    A break *remains* when one of the same rule is found on the matched elements. Breaks
    are made of hand-overs (:func:`_atoms`); an as-is break that does not remain but one
    of whose hand-overs lives on in a to-be break (:func:`_lives_on`) is *shifted* — a
    chain that lost its re-keying but still prints, a paper hand-over moved to the next
    step, chains that re-formed around an improved step. A to-be break is *new* only
    when it holds a hand-over no as-is break had.
    """
    mapping = diff.mapping
    old = [f for f in before.findings if f.kind == "media_break"]
    new = [f for f in after.findings if f.kind == "media_break"]
    remaining_keys: dict[tuple[str, ...], list[Finding]] = {}
    for finding in new:
        remaining_keys.setdefault(_break_key(finding, None), []).append(finding)
    gone: list[Finding] = []
    remaining: list[str] = []
    kept: set[str] = set()
    for finding in old:
        partners = remaining_keys.get(_break_key(finding, mapping))
        if partners:
            partner = partners.pop(0)
            kept.add(partner.id)
            remaining.append(finding.id)
        else:
            gone.append(finding)
    old_atoms = {atom for f in old for atom in _atoms(f, mapping)}
    analogue_ends = {atom[1] for atom in old_atoms if atom[2]}
    new_atoms: set[Atom] = set()
    introduced: list[str] = []
    for finding in new:
        atoms = _atoms(finding)
        new_atoms.update(atoms)
        if finding.id not in kept and not all(
            _lives_on(atom, old_atoms, analogue_ends) for atom in atoms
        ):
            introduced.append(finding.id)
    later_starts = {atom[0] for atom in new_atoms if atom[2]}
    resolved: list[str] = []
    shifted: list[str] = []
    for finding in gone:
        atoms = _atoms(finding, mapping)
        lives = any(a in new_atoms or (a[2] and a[1] in later_starts) for a in atoms)
        (shifted if lives else resolved).append(finding.id)
    return {"resolved": resolved, "remaining": remaining, "shifted": shifted,
            "new": introduced}


def compare_models(
    as_is: Definitions,
    to_be: Definitions,
    *,
    lang: str = "de",
    profile: Profile | None = None,
    vocabulary: Vocabulary | None = None,
) -> Comparison:
    """Analyse both models, diff them and compare their KPIs (the models are not changed)."""
    profile = profile or load_profile()
    results = []
    media: list[dict[str, str]] = []
    for model in (as_is, to_be):
        ctx = AnalysisContext(model, profile, vocabulary=vocabulary, lang=lang)
        results.append(analyse(model, profile, lang=lang, context=ctx))
        media.append({k: v["medium"] for k, v in results[-1].media.items()})
    diff = diff_models(as_is, to_be, as_is_media=media[0], to_be_media=media[1])
    before, after = results
    kpis_before, kpis_after = dict(before.kpis), dict(after.kpis)
    figures = quantitative_kpis(as_is), quantitative_kpis(to_be)
    for key in QUANTITATIVE_KPIS:  # only where both sides have the figure
        if key in figures[0] and key in figures[1]:
            kpis_before[key] = figures[0][key]
            kpis_after[key] = figures[1][key]
    kpis = {
        "as_is": kpis_before,
        "to_be": kpis_after,
        "delta": kpi_delta(kpis_before, kpis_after),
    }
    return Comparison(
        diff=diff,
        kpis=kpis,
        as_is=before,
        to_be=after,
        media_breaks=_follow_breaks(diff, before, after),
        lang=lang,
    )


# -- plain language ---------------------------------------------------------------------


def _number(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:,.{digits}f}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _percent(value: float, lang: str) -> str:
    return f"{_number(value * 100, lang, 0)} %"


def _summary(comparison: Comparison, lang: str) -> str:
    before = comparison.kpis["as_is"]
    after = comparison.kpis["to_be"]
    breaks = comparison.media_breaks
    resolved = len(breaks.get("resolved", []))
    shifted = len(breaks.get("shifted", []))
    total = resolved + shifted + len(breaks.get("remaining", []))
    introduced = len(breaks.get("new", []))
    de = lang != "en"
    parts: list[str] = []
    if total or introduced:
        if de:
            part = f"{resolved} von {total} Medienbrüchen beseitigt"
            extra = [f"{shifted} verlagert"] if shifted else []
            extra += [f"{introduced} neu"] if introduced else []
        else:
            part = f"{resolved} of {total} media breaks removed"
            extra = [f"{shifted} shifted"] if shifted else []
            extra += [f"{introduced} new"] if introduced else []
        if extra:
            part += f" ({', '.join(extra)})"
        parts.append(part)
    else:
        parts.append("keine Medienbrüche" if de else "no media breaks")

    def moved(label_de: str, label_en: str, a: str, b: str) -> str:
        if a == b:
            return f"{label_de} unverändert {a}" if de else f"{label_en} unchanged at {a}"
        return f"{label_de} von {a} auf {b}" if de else f"{label_en} from {a} to {b}"

    parts.append(moved(
        "Übergaben je Fall", "hand-offs per case",
        _number(before.get("handoffs_per_case", 0), lang),
        _number(after.get("handoffs_per_case", 0), lang),
    ))
    parts.append(moved(
        "Schritte", "steps", str(before.get("activities", 0)), str(after.get("activities", 0))
    ))
    parts.append(moved(
        "Digitalanteil", "digital share",
        _percent(before.get("digital_share", 0), lang),
        _percent(after.get("digital_share", 0), lang),
    ))
    if before.get("units") != after.get("units"):
        parts.append(moved(
            "Organisationseinheiten", "units", str(before.get("units")), str(after.get("units"))
        ))
    if "effort_hours_per_case" in before:
        parts.append(moved(
            "Aufwand je Fall", "effort per case",
            f"{_number(before['effort_hours_per_case'], lang)} h",
            f"{_number(after['effort_hours_per_case'], lang)} h",
        ))
    if "lead_time_hours" in before:
        parts.append(moved(
            "Durchlaufzeit", "lead time",
            f"{_number(before['lead_time_hours'], lang)} h",
            f"{_number(after['lead_time_hours'], lang)} h",
        ))
    if "cost_per_year" in before:
        parts.append(moved(
            "Kosten je Jahr", "cost per year",
            f"{_number(before['cost_per_year'], lang, 0)} €",
            f"{_number(after['cost_per_year'], lang, 0)} €",
        ))
    diff = comparison.diff
    if de:
        tail = (f"Modell: {len(diff.added)} hinzugefügt, {len(diff.removed)} entfernt, "
                f"{len(diff.changed)} geändert.")
    else:
        tail = (f"Model: {len(diff.added)} added, {len(diff.removed)} removed, "
                f"{len(diff.changed)} changed.")
    return ", ".join(parts) + ". " + tail
