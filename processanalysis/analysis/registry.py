"""The rule registry: every analysis rule registers itself under a stable id.

Examples
--------
>>> "media-break" in RULES or True
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from processanalysis.analysis.context import AnalysisContext
    from processanalysis.analysis.finding import Finding

__all__ = ["RULES", "RuleSpec", "rule"]

RuleFunction = Callable[["AnalysisContext"], Iterable["Finding"]]


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A registered rule: id, finding kind, the function, and its one-line purpose."""

    id: str
    kind: str
    function: RuleFunction
    summary: str


RULES: dict[str, RuleSpec] = {}


def rule(rule_id: str, kind: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register ``function`` as rule ``rule_id`` producing findings of ``kind``."""

    def register(function: RuleFunction) -> RuleFunction:
        doc = (function.__doc__ or "").strip().splitlines()
        RULES[rule_id] = RuleSpec(rule_id, kind, function, doc[0] if doc else rule_id)
        return function

    return register
