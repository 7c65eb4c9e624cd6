"""Runs the profile's rules over a model; a rule that fails becomes a finding itself.

Examples
--------
>>> from processanalysis.bpmn.importer import read_bpmn
>>> model = read_bpmn(b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
...     b'<process id="p"><task id="t" name="Antrag pruefen"/></process></definitions>')
>>> result = analyse(model)
>>> "quality-no-start" in {f.rule for f in result.findings}
True
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.finding import Finding, severity_rank
from processanalysis.analysis.profile import Profile, load_profile
from processanalysis.analysis.registry import RULES
from processanalysis.bpmn.model import Definitions

__all__ = ["AnalysisResult", "analyse", "gc_paused"]


@dataclass(slots=True)
class AnalysisResult:
    """Findings, KPIs and the derived tables of one analysed model."""

    findings: list[Finding] = field(default_factory=list)
    kpis: dict[str, Any] = field(default_factory=dict)
    handoffs: list[dict[str, Any]] = field(default_factory=list)
    handoff_matrix: dict[str, dict[str, float]] = field(default_factory=dict)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)

    def to_dict(self, lang: str = "de") -> dict[str, Any]:
        return {
            "kpis": self.kpis,
            "handoffs": self.handoffs,
            "findings": [f.to_dict(lang) for f in self.findings],
        }


def _load_rules() -> None:
    # Importing the modules registers their rules.
    from processanalysis.analysis import (  # noqa: F401
        bottlenecks,
        handoffs,
        media_breaks,
        quality,
    )


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while the block runs.

    The analysis allocates hundreds of thousands of short-lived objects (graph
    dictionaries, edges, findings) next to a large, long-lived model; every full
    collection would walk that whole model again, which cost a third of the analysis
    time of a 10k-node model. Reference counting still frees all garbage without
    cycles at once; cycles are collected as usual once the block is left. Nested and
    concurrent blocks (threads) are counted: the collector runs again after the last
    one ends, and only if it was enabled before the first one began.
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def analyse(
    model: Definitions,
    profile: Profile | None = None,
    *,
    lang: str = "de",
    context: AnalysisContext | None = None,
) -> AnalysisResult:
    """Run every enabled rule of ``profile`` (the default profile when ``None``)."""
    with gc_paused():
        return _analyse(model, profile, lang=lang, context=context)


def _analyse(
    model: Definitions,
    profile: Profile | None,
    *,
    lang: str,
    context: AnalysisContext | None,
) -> AnalysisResult:
    _load_rules()
    profile = profile or load_profile()
    ctx = context or AnalysisContext(model, profile, lang=lang)
    findings: list[Finding] = []
    for rule_id, spec in RULES.items():
        if not profile.enabled(rule_id):
            continue
        try:
            findings.extend(spec.function(ctx))
        except Exception as error:
            findings.append(_rule_error(rule_id, error, ctx))
    findings.sort(key=lambda f: (severity_rank(f.severity), f.kind, f.rule, f.id))
    _dedupe_ids(findings)
    from processanalysis.analysis.handoffs import handoff_matrix, handoff_rows
    from processanalysis.analysis.kpis import compute_kpis

    result = AnalysisResult(findings=findings)
    result.handoffs = handoff_rows(ctx)
    result.handoff_matrix = handoff_matrix(ctx)
    result.kpis = compute_kpis(ctx, findings)
    result.media = {
        element_id: assignment.to_dict(lang) for element_id, assignment in ctx.media.items()
    }
    result.units = {node: unit.name for node, unit in ctx.units.items()}
    return result


def _rule_error(rule_id: str, error: Exception, ctx: AnalysisContext) -> Finding:
    detail = f"{type(error).__name__}: {error}"
    return Finding(
        rule="rule-error",
        kind="quality",
        severity=ctx.severity("rule-error"),
        elements=[],
        message={
            "de": f"Die Regel „{rule_id}“ ist fehlgeschlagen ({detail}); die anderen Regeln "
            "wurden ausgeführt.",
            "en": f"The rule '{rule_id}' failed ({detail}); the other rules ran.",
        },
        suggestion={
            "de": "Bitte melden Sie das Modell und diese Meldung dem Support.",
            "en": "Please report the model and this message to support.",
        },
        data={"failed_rule": rule_id},
        id=f"rule-error:{rule_id}",
    )


def _dedupe_ids(findings: list[Finding]) -> None:
    seen: dict[str, int] = {}
    for finding in findings:
        count = seen.get(finding.id, 0)
        seen[finding.id] = count + 1
        if count:
            finding.id = f"{finding.id}#{count + 1}"
