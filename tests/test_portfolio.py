"""Portfolio logic: scoring with breakdowns, urgency, sensitivity, roll-up and spreadsheets."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from processanalysis.portfolio import (
    Criterion,
    FieldOfAction,
    Measure,
    Portfolio,
    Programme,
    Project,
    ProjectListError,
    Scheme,
    load_scheme,
    normalise,
    read_projects,
    rollup,
    score,
    sensitivity,
    write_portfolio_xlsx,
)
from processanalysis.portfolio.scoring import METRICS
from processanalysis.portfolio.spreadsheet import parse_number

FIXTURES = Path(__file__).parent / "fixtures" / "portfolio"


@pytest.fixture
def portfolio() -> Portfolio:
    return Portfolio(
        fields=[FieldOfAction("F1", "Digitale Verwaltung"), FieldOfAction("F2", "Bürgerservice")],
        programmes=[Programme("G1", "E-Akte", "F1"), Programme("G2", "OZG-Umsetzung", "F2"),
                    Programme("G3", "Bürgerportal", "F2")],
        projects=[
            Project("P1", "E-Akte Bauamt", budget=120_000, effort=80, risk=2, strategic_fit=4,
                    programme_id="G1"),
            Project("P2", "Online-Antrag Wohngeld", budget=45_000, effort=30, risk=3,
                    strategic_fit=5, legal_obligation="OZG", ozg_maturity_target=3,
                    leika_keys=["99104001001000"], programme_id="G2"),
            Project("P3", "Fachverfahren Ablösung", budget=400_000, effort=400, risk=4,
                    strategic_fit=3, replaces_legacy=True, programme_id="G2"),
            Project("P4", "Terminbuchung", budget=20_000, effort=10, risk=1, strategic_fit=2),
        ],
        measures=[
            Measure("M1", "Scannen entfällt", ("f1",), "P1", 900, 2, 1, 0, 5_000),
            Measure("M2", "E-Signatur", ("f2",), "P1", 300, 1, 2, 0, 2_000),
            Measure("M3", "Antrag online", ("f3",), "P2", 400, 3, 1, 12_000, 8_000),
            Measure("M4", "Datenübernahme", (), "P3", 200, 0, 1, 3_000, 0),
            Measure("M5", "Online-Termin", (), "P4", 150, 1, 0, 20_000, 1_000),
            Measure("M6", "Verwaist", (), "P9", 999, 9, 9, 9, 9),
        ],
    )


# --- normalisation ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["min-max", "rank"])
@pytest.mark.parametrize("direction", ["benefit", "cost"])
def test_all_equal_values_normalise_to_the_neutral_midpoint(kind: str, direction: str) -> None:
    """A criterion that does not tell projects apart gives everyone 0.5."""
    assert normalise([3, 3, 3], Criterion("x", direction=direction, normalisation=kind)) == [
        0.5, 0.5, 0.5]


def test_single_project_and_empty_portfolio_normalise_without_error() -> None:
    assert normalise([42], Criterion("x")) == [0.5]
    assert normalise([42], Criterion("x", normalisation="rank")) == [0.5]
    assert normalise([], Criterion("x")) == []


def test_scale_normalisation_uses_fixed_bounds_and_clamps() -> None:
    c = Criterion("risk", direction="cost", normalisation="scale", bounds=(1, 5))
    assert normalise([1, 3, 5, 9], c) == [1.0, 0.5, 0.0, 0.0]


def test_target_normalisation_is_best_at_the_target() -> None:
    c = Criterion("x", normalisation="target", target=3)
    assert normalise([3, 1, 4, 3], c) == [1.0, 0.0, 0.5, 1.0]
    assert normalise([3, 3], c) == [1.0, 1.0]


def test_rank_normalisation_shares_ties() -> None:
    assert normalise([10, 1000, 10, 5], Criterion("x", normalisation="rank")) == [
        0.5, 1.0, 0.5, 0.0]


@pytest.mark.parametrize(
    "kwargs",
    [dict(direction="more"), dict(normalisation="log"), dict(weight=-1),
     dict(normalisation="scale"), dict(normalisation="target")],
)
def test_invalid_criteria_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Criterion("x", **kwargs)


# --- scoring ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["simple", "wibe"])
def test_breakdown_sums_to_the_score(portfolio: Portfolio, name: str) -> None:
    """Every score is explained: its contributions add up to it."""
    scores = score(portfolio, load_scheme(name))
    assert [s.rank for s in scores] == [1, 2, 3, 4]
    for s in scores:
        assert math.isclose(sum(s.breakdown.values()), s.score)
        assert 0 <= s.score <= 100
        assert set(s.breakdown) == {c.name for c in load_scheme(name).criteria}


def test_shipped_schemes_weights_sum_to_one() -> None:
    for name in ("simple", "wibe"):
        assert math.isclose(sum(c.weight for c in load_scheme(name).criteria), 1.0)


def test_contribution_is_weight_share_times_normalised_value(portfolio: Portfolio) -> None:
    scheme = Scheme("t", [Criterion("strategic_fit", weight=3, normalisation="scale",
                                    bounds=(1, 5)), Criterion("risk", weight=1,
                                                              direction="cost")])
    p2 = next(s for s in score(portfolio, scheme) if s.project_id == "P2")
    assert p2.breakdown["strategic_fit"] == pytest.approx(75.0)
    assert p2.normalised["risk"] == pytest.approx(1 / 3)
    assert p2.breakdown["risk"] == pytest.approx(25 / 3)


def test_legal_obligations_rank_first_only_when_the_scheme_says_so(portfolio: Portfolio) -> None:
    # P2 is the only project with a legal obligation; it loses on hours saved alone.
    scheme = Scheme("hours", [Criterion("hours_saved_per_year")])
    assert score(portfolio, scheme)[0].project_id == "P1"
    first = score(portfolio, Scheme("hours", scheme.criteria, legal_first=True))
    assert first[0].project_id == "P2"
    assert first[0].urgent == ("legal_obligation",)
    assert first[0].score < first[1].score


def test_wibe_checks_urgency_first_legal_then_replacement(portfolio: Portfolio) -> None:
    scores = score(portfolio, load_scheme("wibe"))
    assert [s.project_id for s in scores[:2]] == ["P2", "P3"]
    assert scores[1].urgent == ("replaces_legacy",)
    assert scores[2].score >= scores[3].score


def test_wibe_monetary_value_is_discounted_savings_minus_investment(
    portfolio: Portfolio,
) -> None:
    scheme = load_scheme("wibe")
    p1 = next(s for s in score(portfolio, scheme) if s.project_id == "P1")
    annuity = sum(1 / 1.02**t for t in range(1, 6))
    expected = 1200 * 55 * annuity - (120_000 + 7_000 + 80 * 440)
    assert p1.raw["monetary_value"] == pytest.approx(expected)


def test_ties_break_by_project_id(portfolio: Portfolio) -> None:
    scheme = Scheme("flat", [Criterion("ozg_maturity_target", normalisation="scale",
                                       bounds=(0, 4))])
    tied = [s.project_id for s in score(portfolio, scheme) if s.score == 0]
    assert tied == ["P1", "P3", "P4"]


def test_unknown_attribute_is_reported(portfolio: Portfolio) -> None:
    with pytest.raises(ValueError, match="neither a metric"):
        score(portfolio, Scheme("x", [Criterion("name")]))


def test_callable_attribute_is_accepted(portfolio: Portfolio) -> None:
    scheme = Scheme("x", [Criterion("services", attribute=lambda p, b, _: len(p.leika_keys))])
    assert score(portfolio, scheme)[0].project_id == "P2"


def test_metrics_cover_the_urgency_checks() -> None:
    assert {"legal_obligation", "replaces_legacy"} <= set(METRICS)


# --- sensitivity ------------------------------------------------------------------------------


def test_sensitivity_detects_a_rank_swap() -> None:
    pf = Portfolio(projects=[
        Project("A", "a", strategic_fit=5, risk=4),
        Project("B", "b", strategic_fit=4, risk=1),
    ])
    scheme = Scheme("s", [
        Criterion("strategic_fit", weight=0.55, normalisation="scale", bounds=(1, 5)),
        Criterion("risk", weight=0.45, direction="cost", normalisation="scale", bounds=(1, 5)),
    ])
    # A: 55 + 45*0.25 = 66.25; B: 41.25 + 45 = 86.25 → B first; shifting weight to fit flips.
    assert [s.project_id for s in score(pf, scheme)] == ["B", "A"]
    result = sensitivity(pf, scheme, "strategic_fit", delta=0.3)
    assert result.base_share == pytest.approx(0.55)
    assert not result.down
    assert {(c.project_id, c.base_rank, c.new_rank) for c in result.up} == {
        ("A", 2, 1), ("B", 1, 2)}
    assert not result.stable


def test_sensitivity_is_stable_for_a_small_move(portfolio: Portfolio) -> None:
    scheme = Scheme("s", [Criterion("hours_saved_per_year", weight=0.9),
                          Criterion("risk", weight=0.1, direction="cost")])
    assert sensitivity(portfolio, scheme, "risk", delta=0.01).stable


def test_sensitivity_of_unknown_criterion_raises(portfolio: Portfolio) -> None:
    with pytest.raises(KeyError):
        sensitivity(portfolio, load_scheme("simple"), "beauty")


def test_with_weight_keeps_the_total_and_the_other_proportions() -> None:
    scheme = load_scheme("simple").with_weight("risk", 0.3)
    weights = {c.name: c.weight for c in scheme.criteria}
    assert math.isclose(sum(weights.values()), 1.0)
    assert weights["risk"] == 0.3
    assert weights["hours_saved_per_year"] / weights["media_breaks_removed"] == pytest.approx(
        0.25 / 0.15)


# --- roll-up ----------------------------------------------------------------------------------


def test_rollup_sums_along_the_tree(portfolio: Portfolio) -> None:
    r = rollup(portfolio)
    assert r.by_project["P1"].hours_saved_per_year == 1200
    assert r.by_project["P1"].media_breaks_removed == 3
    assert r.by_project["P1"].measures == 2
    assert r.by_programme["G2"].hours_saved_per_year == 600
    assert r.by_programme["G2"].cost == 8_000
    assert r.by_field["F2"].hours_saved_per_year == 600
    assert r.by_field["F1"].handoffs_removed == 3
    assert r.by_programme["G3"].measures == 0


def test_rollup_keeps_the_largest_citizen_group(portfolio: Portfolio) -> None:
    assert rollup(portfolio).by_programme["G2"].citizens_affected == 12_000


def test_rollup_reports_what_it_cannot_place(portfolio: Portfolio) -> None:
    r = rollup(portfolio)
    assert r.orphans == ["M6"]
    assert r.unassigned_projects == ["P4"]
    total = sum(b.hours_saved_per_year for b in r.by_field.values())
    assert total == 1200 + 600  # P4 has no programme, M6 no project


# --- model ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [dict(status="maybe"), dict(risk=0), dict(strategic_fit=6), dict(ozg_maturity_target=5),
     dict(budget=-1), dict(start=date(2026, 5, 1), end=date(2026, 1, 1))],
)
def test_project_values_are_checked(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        Project("P", "p", **kwargs)


# --- spreadsheets -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [("1.234.567,89", 1234567.89), ("45.500", 45500.0), ("1,234.5", 1234.5), ("12,5", 12.5),
     ("120 000 €", 120000.0), (7, 7.0)],
)
def test_numbers_are_read_the_german_and_the_english_way(text: str, number: float) -> None:
    assert parse_number(text) == number


def test_csv_with_german_headers_is_read() -> None:
    projects, report = read_projects(FIXTURES / "projekte.csv")
    assert report.ok and report.rows_read == 3
    assert report.ignored_columns == ["Bemerkung"]
    p1, p2, p3 = projects
    assert (p1.id, p1.status, p1.budget, p1.start) == ("P1", "in_progress", 120000.0,
                                                       date(2026, 2, 1))
    assert p2.legal_obligation == "OZG" and p2.ozg_maturity_target == 3
    assert p2.leika_keys == ("99104001001000", "99104001002000")
    assert p3.legal_obligation is None and p3.budget == 1_250_000


def test_rejected_file_reports_every_problem_and_returns_nothing() -> None:
    with pytest.raises(ProjectListError) as caught:
        read_projects(FIXTURES / "projekte_fehlerhaft.csv")
    problems = {(p.row, p.column, p.code) for p in caught.value.report.problems}
    assert problems == {
        (2, "Status", "bad-status"),
        (3, "Budget (€)", "bad-number"),
        (3, "Risiko", "out-of-range"),
        (3, "OZG-Reifegrad", "out-of-range"),
        (3, "LeiKa-Schlüssel", "bad-leika-key"),
        (4, "", "inconsistent-row"),
    }


def test_missing_required_column_rejects_the_file(tmp_path: Path) -> None:
    path = tmp_path / "ohne_name.csv"
    path.write_text("Status;Budget\ngeplant;10\n", encoding="utf-8")
    with pytest.raises(ProjectListError) as caught:
        read_projects(path)
    assert [(p.row, p.code) for p in caught.value.report.problems] == [(1, "missing-column")]


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "doppelt.csv"
    path.write_text("ID,Project\nP1,a\nP1,b\n", encoding="utf-8")
    with pytest.raises(ProjectListError) as caught:
        read_projects(path)
    assert [(p.row, p.column, p.code) for p in caught.value.report.problems] == [
        (3, "ID", "duplicate-id")]


def test_mapping_names_unknown_headers(tmp_path: Path) -> None:
    path = tmp_path / "eigen.csv"
    path.write_text("Vorhaben;Kosten gesamt\nE-Akte;1.000\n", encoding="cp1252")
    projects, report = read_projects(path, {"Vorhaben": "name", "Kosten gesamt": "budget"})
    assert (projects[0].name, projects[0].budget, projects[0].id) == ("E-Akte", 1000.0, "Z2")
    assert report.columns == {"Vorhaben": "name", "Kosten gesamt": "budget"}


def test_xlsx_round_trip_keeps_the_projects(portfolio: Portfolio, tmp_path: Path) -> None:
    portfolio.projects[0] = Project(
        "P1", "E-Akte Bauamt", "Amt 63", "in_progress", date(2026, 2, 1), date(2026, 12, 31),
        120_000, 80, 2, 4, None, 2, ["99050012104000"], ["Bauantrag"], "G1")
    scores = score(portfolio, load_scheme("wibe"))
    path = write_portfolio_xlsx(portfolio, scores, tmp_path / "portfolio.xlsx")
    projects, report = read_projects(path)
    assert projects == portfolio.projects
    assert {"Punkte", "Rang"} <= set(report.ignored_columns)


def test_xlsx_export_has_tables_filters_and_frozen_headers(
    portfolio: Portfolio, tmp_path: Path
) -> None:
    scores = score(portfolio, load_scheme("simple"))
    wb = load_workbook(write_portfolio_xlsx(portfolio, scores, tmp_path / "p.xlsx"))
    assert wb.sheetnames == ["Projekte", "Bewertung", "Maßnahmen", "Programme",
                             "Handlungsfelder"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert len(ws.tables) == 1
    bewertung = list(wb["Bewertung"].iter_rows(min_row=2, values_only=True))
    assert len(bewertung) == 4 * 7
    by_project: dict[str, float] = {}
    for pid, _, _, _, contribution in bewertung:
        by_project[pid] = by_project.get(pid, 0) + contribution
    for s in scores:
        assert by_project[s.project_id] == pytest.approx(s.score, abs=1e-3)


# --- docs -------------------------------------------------------------------------------------

DOC = (Path(__file__).parent.parent / "docs" / "portfolio" / "scoring.md").read_text(
    encoding="utf-8")


def test_every_problem_code_is_documented() -> None:
    from processanalysis.portfolio.spreadsheet import PARSERS

    codes = {code for _, code, _ in PARSERS.values()} | {
        "missing-column", "duplicate-column", "missing-value", "duplicate-id",
        "inconsistent-row", "empty"}
    assert all(f"`{code}`" in DOC for code in codes)


@pytest.mark.parametrize("name", ["simple", "wibe"])
def test_every_shipped_criterion_is_documented(name: str) -> None:
    assert all(f"`{c.name}`" in DOC for c in load_scheme(name).criteria)
