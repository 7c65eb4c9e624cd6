"""Portfolio logic: model, scoring, roll-up and spreadsheets — pure functions, no database."""

from processanalysis.portfolio.model import (
    STATUSES,
    FieldOfAction,
    Measure,
    Portfolio,
    Programme,
    Project,
)
from processanalysis.portfolio.rollup import Benefit, Rollup, rollup
from processanalysis.portfolio.scoring import (
    Criterion,
    ProjectScore,
    Scheme,
    Sensitivity,
    load_scheme,
    normalise,
    score,
    sensitivity,
)
from processanalysis.portfolio.spreadsheet import (
    ImportReport,
    ProjectListError,
    RowProblem,
    read_projects,
    write_portfolio_xlsx,
)

__all__ = [
    "STATUSES",
    "Benefit",
    "Criterion",
    "FieldOfAction",
    "ImportReport",
    "Measure",
    "Portfolio",
    "Programme",
    "Project",
    "ProjectListError",
    "ProjectScore",
    "Rollup",
    "RowProblem",
    "Scheme",
    "Sensitivity",
    "load_scheme",
    "normalise",
    "read_projects",
    "rollup",
    "score",
    "sensitivity",
    "write_portfolio_xlsx",
]
