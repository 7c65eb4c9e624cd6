"""Model quality: soundness of the control flow, labels, and the seven modelling guidelines.

Rules (``docs/analysis/quality.md`` has a page for each, with a wrong and a right example):

* soundness, per process on the flattened control flow: ``quality-no-start``,
  ``quality-no-end``, ``quality-unreachable``, ``quality-dead-end``,
  ``quality-xor-and-mismatch``, ``quality-and-xor-mismatch``
  (:mod:`~processanalysis.analysis.quality.soundness`);
* labels and notation: ``quality-unlabelled-activity``, ``quality-unlabelled-gateway``,
  ``quality-implicit-gateway`` (:mod:`~processanalysis.analysis.quality.notation`);
* the seven process modelling guidelines (7PMG, Mendling, Reijers, van der Aalst 2010):
  ``pmg-size`` (G1), ``pmg-routing-paths`` (G2), ``pmg-start-end`` (G3),
  ``pmg-structured`` (G4), ``pmg-or-routing`` (G5), ``pmg-label-style`` (G6),
  ``pmg-decompose`` (G7) (:mod:`~processanalysis.analysis.quality.guidelines`).

The rules share how tokens move through a process (:mod:`.views`), where the branches of
a split meet again (:mod:`.joins`), the label-style heuristic (:mod:`.labels`) and the
wording of findings (:mod:`.wording`). Importing this package registers all rules.

Examples
--------
>>> from processanalysis.analysis.registry import RULES
>>> sum(spec.kind == "quality" and spec.id.startswith(("quality-", "pmg-"))
...     for spec in RULES.values())
16
>>> label_style("Antrag prüfen").ok, label_style("Prüfung des Antrags").reason
(True, 'nominalised')
"""

from __future__ import annotations

from processanalysis.analysis.quality.joins import matching_joins, post_dominators
from processanalysis.analysis.quality.labels import DE_VERBS, EN_VERBS, LabelStyle, label_style
from processanalysis.analysis.quality.views import (
    ProcessView,
    Scope,
    dead_ends,
    process_views,
    reachable,
)

# Importing the rule modules registers their rules, in the order of the docs page.
# isort: off
from processanalysis.analysis.quality import soundness  # noqa: F401
from processanalysis.analysis.quality import notation  # noqa: F401
from processanalysis.analysis.quality import guidelines  # noqa: F401

# isort: on

__all__ = [
    "DE_VERBS",
    "EN_VERBS",
    "LabelStyle",
    "ProcessView",
    "Scope",
    "dead_ends",
    "label_style",
    "matching_joins",
    "post_dominators",
    "process_views",
    "reachable",
]
