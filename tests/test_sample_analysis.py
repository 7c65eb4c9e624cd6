"""Expected findings of the sample processes, as written down in sample_processes/README.md."""

from __future__ import annotations

from functools import cache

import pytest

import processanalysis
from processanalysis.analysis.finding import ANALOGUE
from processanalysis.analysis.runner import AnalysisResult, analyse
from tests.conftest import SAMPLES


@cache
def result(name: str) -> tuple[processanalysis.Definitions, AnalysisResult]:
    model = processanalysis.import_file(SAMPLES / f"{name}.bpmn")
    return model, analyse(model)


def labels(name: str, finding_elements: list[str]) -> list[str]:
    model, _ = result(name)
    out = []
    for element_id in finding_elements:
        element = model.get(element_id)
        out.append((element.label if element is not None else None) or element_id)
    return out


def breaks(name: str) -> list[tuple[str, str, str, str]]:
    """(producer label, consumer label, from medium, to medium) of every media break."""
    _, res = result(name)
    rows = []
    for f in res.findings:
        if f.kind == "media_break":
            producer, consumer = labels(name, f.elements)
            rows.append((producer, consumer, f.from_medium, f.to_medium))
    return rows


def lane_handoffs_per_case(name: str) -> float:
    _, res = result(name)
    return round(sum(h["per_case"] for h in res.handoffs if h["type"] == "lane"), 2)


IST = sorted(p.stem for p in SAMPLES.glob("*_ist.bpmn"))
SOLL = sorted(p.stem for p in SAMPLES.glob("*_soll.bpmn"))


@pytest.mark.parametrize("name", IST)
def test_every_as_is_sample_has_a_severe_media_break(name: str) -> None:
    _, res = result(name)
    assert any(f.kind == "media_break" and f.severity == "high" for f in res.findings)


@pytest.mark.parametrize("name", SOLL)
def test_to_be_samples_have_no_analogue_media_break(name: str) -> None:
    """README: the to-be variants remove every analogue break."""
    for _producer, _consumer, source, target in breaks(name):
        assert source not in ANALOGUE and target not in ANALOGUE


@pytest.mark.parametrize("name", SOLL)
def test_to_be_samples_are_more_digital_than_as_is(name: str) -> None:
    _, soll = result(name)
    _, ist = result(name.replace("_soll", "_ist"))
    assert soll.kpis["digital_share"] > ist.kpis["digital_share"]
    assert soll.kpis["media_breaks"] < ist.kpis["media_breaks"]
    assert soll.kpis["handoffs_per_case"] < ist.kpis["handoffs_per_case"]


def test_gewerbeanmeldung_ist_rekeying_the_paper_form() -> None:
    """Break 1 (the main finding): the paper form GewA 1 is typed into the Fachverfahren."""
    found = breaks("gewerbeanmeldung_ist")
    assert (
        "Gewerbeanmeldung GewA 1 (Papier)",
        "Anmeldung im Fachverfahren Gewerbe erfassen",
        "paper",
        "it_system",
    ) in found


def test_gewerbeanmeldung_ist_paper_file_is_digital_to_analogue() -> None:
    """Break 5: Papierakte instead of E-Akte ("Gewerbeakte" is no E-Akte)."""
    found = breaks("gewerbeanmeldung_ist")
    assert any(c == "Papierakte anlegen und ablegen" and t == "paper" for _, c, _, t in found)


def test_gewerbeanmeldung_ist_print_and_rekey_into_sap() -> None:
    """Break 4: Fachverfahren → printed Annahmeanordnung → SAP."""
    found = breaks("gewerbeanmeldung_ist")
    assert any(
        c == "Annahmeanordnung in SAP erfassen" and s == "it_system" and t == "it_system"
        for _, c, s, t in found
    )


def test_wohngeld_ist_paper_application_is_rekeyed() -> None:
    found = breaks("wohngeldantrag_ist")
    assert (
        "Wohngeldantrag (Papier)",
        "Akte anlegen und Antrag im Fachverfahren Wohngeld erfassen",
        "paper",
        "it_system",
    ) in found


def test_eingangsrechnung_soll_has_no_media_break() -> None:
    """XRechnung is structured and taken over by interface."""
    assert breaks("eingangsrechnung_soll") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gewerbeanmeldung_ist", 3.0),
        ("gewerbeanmeldung_soll", 2.0),
        ("eingangsrechnung_ist", 4.0),
        ("eingangsrechnung_soll", 3.0),
        ("wohngeldantrag_soll", 0.6),
    ],
)
def test_lane_handoffs_per_case(name: str, expected: float) -> None:
    assert lane_handoffs_per_case(name) == pytest.approx(expected, abs=0.01)


def test_gewerbeanmeldung_ist_ping_pong_with_the_treasury() -> None:
    _, res = result("gewerbeanmeldung_ist")
    ping_pong = [f for f in res.findings if f.rule == "handoff-ping-pong"]
    assert ping_pong
    assert "Stadtkasse" in ping_pong[0].message["de"]


def test_gewerbeanmeldung_ist_rework_loop_a_third_per_case() -> None:
    _, res = result("gewerbeanmeldung_ist")
    in_loop = [f for f in res.findings if f.rule == "handoff-in-loop"]
    assert in_loop and all("0,33" in f.message["de"] for f in in_loop)


@pytest.mark.parametrize("name", IST + SOLL)
def test_units_are_the_authoritys_lanes(name: str) -> None:
    """Every sample's authority pool has lanes; 'Bürgerbüro' in its name is no citizen."""
    _model, res = result(name)
    assert res.kpis["units"] >= 2
    assert res.kpis["external_parties"] >= 1
