"""Key figures of one process model, for tiles, comparisons and reports.

Definitions (documented in docs/analysis/kpis.md):

* ``activities`` — tasks, sub-processes and call activities of all modelled processes;
* ``manual_share`` — share of activities performed by a person (not a service, script
  or business-rule task);
* ``digital_share`` — share of activities whose medium is digital (e-mail, document,
  IT system, online service); unclassified activities count as not digital;
* ``analogue_share`` — share of activities on paper, fax, phone or in person;
* ``media_breaks`` (and ``media_breaks_by_type``), ``handoffs`` (lane and pool hand-offs
  along the flow), ``handoffs_per_case`` (weighted by branch probabilities), ``units``
  (organisational units of the authority involved), ``external_parties``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.finding import ANALOGUE, KINDS, SEVERITIES, Finding
from processanalysis.analysis.media import AUTOMATED_TASKS

__all__ = ["compute_kpis"]


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def compute_kpis(ctx: AnalysisContext, findings: list[Finding]) -> dict[str, Any]:
    """The KPI dictionary of the ``analyse`` command (same keys for every model)."""
    from processanalysis.analysis.handoffs import (
        external_parties,
        handoff_rows,
        handoffs_per_case,
        units_involved,
    )

    activities = ctx.activities
    total = len(activities)
    automated = sum(1 for a in activities if a.type in AUTOMATED_TASKS)
    digital = analogue = 0
    for activity in activities:
        assignment = ctx.media.get(activity.id or "")
        if assignment is None:
            continue
        if assignment.medium in ANALOGUE:
            analogue += 1
        else:
            digital += 1
    breaks = [f for f in findings if f.kind == "media_break"]
    by_type: dict[str, int] = {}
    for finding in breaks:
        key = str(finding.data.get("break_type", "unknown"))
        by_type[key] = by_type.get(key, 0) + 1
    kinds = Counter(f.kind for f in findings)
    severities = Counter(f.severity for f in findings)
    units = units_involved(ctx)
    parties = external_parties(ctx)
    return {
        "activities": total,
        "media_breaks": len(breaks),
        "media_breaks_by_type": by_type,
        "handoffs": len(handoff_rows(ctx)),
        "handoffs_per_case": round(handoffs_per_case(ctx), 3),
        "units": len(units),
        "unit_names": units,
        "external_parties": len(parties),
        "external_party_names": parties,
        "digital_share": _share(digital, total),
        "analogue_share": _share(analogue, total),
        "manual_share": _share(total - automated, total),
        "classified_share": _share(digital + analogue, total),
        "findings": len(findings),
        "findings_by_kind": {k: kinds.get(k, 0) for k in KINDS},
        "findings_by_severity": {s: severities.get(s, 0) for s in SEVERITIES},
    }
