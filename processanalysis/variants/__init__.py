"""To-be variants: improvement operations, semantic diff and KPI comparison of two models.

The browser modeller and the compare page build on exactly these names:

* :func:`diff_models` → :class:`ModelDiff` (added, removed, changed, unchanged, matched);
* :func:`compare_models` → :class:`Comparison` (diff, KPIs as-is/to-be/delta, summary);
* :data:`OPERATIONS`, :func:`apply_operation`, :func:`apply_suggestion` → a new model and
  :class:`AppliedOperation` records.

Every function is pure: the models passed in are never changed.
"""

from processanalysis.variants.comparison import Comparison, compare_models
from processanalysis.variants.diff import ElementChange, ModelDiff, diff_models
from processanalysis.variants.operations import (
    OPERATIONS,
    AppliedOperation,
    OperationError,
    apply_operation,
    apply_suggestion,
    parse_operation,
)

__all__ = [
    "OPERATIONS",
    "AppliedOperation",
    "Comparison",
    "ElementChange",
    "ModelDiff",
    "OperationError",
    "apply_operation",
    "apply_suggestion",
    "compare_models",
    "diff_models",
    "parse_operation",
]
