"""SQLModel tables of the workbench: the persistence edge (see ``docs/workspace.md``).

The core library never imports this package; the command line, the UI and
``models.db`` and ``models.store`` do. Importing it registers every table on
``SQLModel.metadata``, which the Alembic migrations in ``migrations/`` describe.
"""

from models.audit import AuditEntry
from models.library import (
    PROCESS_ROLES,
    ImmutableVersionError,
    Process,
    ProcessVersion,
    utc_now,
)
from models.portfolio import (
    FieldOfActionRow,
    MeasureRow,
    ProgrammeRow,
    ProjectRow,
    SchemeRow,
    StatusUpdateRow,
)
from models.review import REVIEW_STATUSES, AnalysisResult, FindingReview
from models.users import ROLES, AppUser

__all__ = [
    "PROCESS_ROLES",
    "REVIEW_STATUSES",
    "ROLES",
    "AnalysisResult",
    "AppUser",
    "AuditEntry",
    "FieldOfActionRow",
    "FindingReview",
    "ImmutableVersionError",
    "MeasureRow",
    "Process",
    "ProcessVersion",
    "ProgrammeRow",
    "ProjectRow",
    "SchemeRow",
    "StatusUpdateRow",
    "utc_now",
]
