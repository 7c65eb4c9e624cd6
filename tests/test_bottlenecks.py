"""Structural bottlenecks: chokepoints, approval chains, rework loops, joins, long sequences."""

from __future__ import annotations

import pytest

from processanalysis.analysis import bottlenecks as bottleneck_module
from processanalysis.analysis.bottlenecks import is_approval, is_sign_off
from processanalysis.analysis.profile import load_profile
from tests.builders import (
    LINEAR_ONE_LANE,
    chain,
    context,
    elements,
    flow,
    lanes,
    process,
    run,
)

assert bottleneck_module  # importing the module registers its rules

RULE_IDS = [
    "bottleneck-chokepoint",
    "bottleneck-approval-chain",
    "bottleneck-rework-loop",
    "bottleneck-many-branch-join",
    "bottleneck-long-sequence",
]


def test_linear_single_lane_process_has_no_bottleneck() -> None:
    """Three ordinary steps in one lane: no chokepoint, no chain, no loop, nothing."""
    ctx = context(LINEAR_ONE_LANE)
    for rule_id in RULE_IDS:
        assert run(ctx, rule_id) == [], rule_id


BAUANTRAG = process(
    lanes(
        Post="s post",
        SB="check g1 nachf g2 tech j1 draft e",
        IT="gis",
        AL="sign",
    )
    + '<bpmn:startEvent id="s"/><bpmn:task id="post" name="Posteingang erfassen"/>'
    '<bpmn:task id="check" name="Antrag prüfen"/>'
    '<bpmn:exclusiveGateway id="g1" name="Unterlagen vollständig?"/>'
    '<bpmn:task id="nachf" name="Unterlagen nachfordern"/>'
    '<bpmn:exclusiveGateway id="g2" name="Lage im Außenbereich?"/>'
    '<bpmn:task id="gis" name="Lageplan im GIS prüfen"/>'
    '<bpmn:task id="tech" name="Bautechnik bewerten"/>'
    '<bpmn:exclusiveGateway id="j1"/>'
    '<bpmn:task id="draft" name="Bescheid entwerfen"/>'
    '<bpmn:task id="sign" name="Bescheid schlusszeichnen"/><bpmn:endEvent id="e"/>'
    + chain("s", "post", "check", "g1")
    + flow("f_nein", "g1", "nachf", 0.25, "nein")
    + chain("nachf", "check")
    + flow("f_ja", "g1", "g2", None, "ja")
    + chain("g2", "gis", "j1")
    + chain("g2", "tech", "j1")
    + chain("j1", "draft", "sign", "e")
)


def test_chokepoint_reports_other_units_and_sign_off_on_every_path() -> None:
    """Posteingang (other unit) and Schlusszeichnung (sign-off) are on every path; GIS is not.

    The main unit's own steps ("Antrag prüfen", "Bescheid entwerfen") are not reported.
    """
    ctx = context(BAUANTRAG)
    found = {f.elements[0]: f for f in run(ctx, "bottleneck-chokepoint")}
    assert sorted(found) == ["post", "sign"]
    assert found["sign"].data["sign_off"] is True
    assert found["post"].data == {
        "process": "P",
        "unit": "Poststelle",
        "sign_off": False,
        "visits": pytest.approx(1.0),
    }
    assert found["sign"].severity == "medium"


def test_chokepoint_needs_every_path() -> None:
    """A sign-off on one branch of a decision is not a chokepoint."""
    ctx = context(
        process(
            lanes(SB="s a g b j e", AL="c")
            + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Antrag prüfen"/>'
            '<bpmn:exclusiveGateway id="g"/><bpmn:task id="b" name="Bescheid versenden"/>'
            '<bpmn:task id="c" name="Ausnahme genehmigen"/><bpmn:exclusiveGateway id="j"/>'
            '<bpmn:endEvent id="e"/>'
            + chain("s", "a", "g", "b", "j", "e")
            + chain("g", "c", "j")
        )
    )
    assert run(ctx, "bottleneck-chokepoint") == []


def test_chokepoint_inside_a_subprocess_is_found() -> None:
    """The inner steps of an expanded sub-process lie on the path; the container is skipped."""
    ctx = context(
        process(
            lanes(SB="s a sub e", AL="i2")
            + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Antrag prüfen"/>'
            '<bpmn:subProcess id="sub" name="Bescheid fertigen"><bpmn:startEvent id="is"/>'
            '<bpmn:task id="i1" name="Entwurf"/><bpmn:task id="i2" name="Freigabe erteilen"/>'
            '<bpmn:endEvent id="ie"/>' + chain("is", "i1", "i2", "ie")
            + '</bpmn:subProcess><bpmn:endEvent id="e"/>'
            + chain("s", "a", "sub", "e")
        )
    )
    assert elements(ctx, "bottleneck-chokepoint") == [["i2"]]


def test_rework_loop_names_its_nodes_back_edge_and_probability() -> None:
    """The Nachforderung loop: elements from its header, the back edge, p = 0.25, 4/3 visits."""
    ctx = context(BAUANTRAG)
    [loop] = run(ctx, "bottleneck-rework-loop")
    assert loop.elements == ["check", "g1", "nachf"]
    assert loop.data["back_edge"] == "f_nachf_check"
    assert loop.data["decisions"] == ["g1"]
    assert loop.data["repeat_probability"] == pytest.approx(0.25)
    assert loop.data["expected_visits"] == pytest.approx(1 / (1 - 0.25))
    assert loop.data["rework_vocabulary"] is not None
    assert "Online-Antrag" in loop.suggestion["de"]
    assert any("nein" in e.detail for e in loop.evidence)


def test_endless_loop_is_reported_as_unbounded() -> None:
    """A loop that is always repeated is flagged with the capped visits, not hung on."""
    ctx = context(
        process(
            '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Warten"/>'
            '<bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e"/>'
            + chain("s", "a", "g")
            + flow("again", "g", "a", 1.0)
            + flow("out", "g", "e", 0.0)
        )
    )
    [loop] = run(ctx, "bottleneck-rework-loop")
    assert loop.data["unbounded"] is True and loop.elements == ["a", "g"]


APPROVALS = process(
    lanes(SB="s a", SGL="b g", AL="c", Kasse="d e")
    + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Bescheid entwerfen"/>'
    '<bpmn:task id="b" name="Entwurf prüfen"/><bpmn:exclusiveGateway id="g"/>'
    '<bpmn:task id="c" name="Bescheid abzeichnen"/>'
    '<bpmn:task id="d" name="Auszahlung anordnen"/><bpmn:endEvent id="e"/>'
    + chain("s", "a", "b", "g", "c", "d", "e")
    + chain("g", "e")
)


def test_approval_chain_spans_gateways_and_lanes() -> None:
    """prüfen → (gateway) → abzeichnen → anordnen is one chain of three steps in flow order."""
    ctx = context(APPROVALS)
    [finding] = run(ctx, "bottleneck-approval-chain")
    assert finding.elements == ["b", "c", "d"]
    assert finding.data["count"] == 3
    assert finding.data["units"] == ["Sachgebietsleitung", "Amtsleitung", "Stadtkasse"]


@pytest.mark.parametrize(("threshold", "count"), [(3, 1), (4, 0)])
def test_approval_chain_threshold_comes_from_the_profile(threshold: int, count: int) -> None:
    """A chain of three is reported at threshold 3, not at 4."""
    profile = load_profile()
    profile.rules["bottleneck-approval-chain"] = {"severity": "low", "threshold": threshold}
    assert len(run(context(APPROVALS, profile), "bottleneck-approval-chain")) == count


@pytest.mark.parametrize(
    ("label", "approval", "sign_off"),
    [
        ("Antrag prüfen", True, False),
        ("Vorprüfung durchführen", True, False),
        ("Antrag pruefen", True, False),
        ("Bescheid genehmigt?", True, True),
        ("Freigabe erteilen", True, True),
        ("Schlusszeichnung", True, True),
        ("Vermerk mitzeichnen", True, True),
        ("Verfügung gegenzeichnen", True, True),
        ("Vertrag unterschreiben", True, True),
        ("Zahlung anordnen", True, True),
        ("Approve invoice", True, True),
        ("Sign-off", True, True),
        ("Aktenverzeichnis anlegen", False, False),
        ("Fahrzeug kennzeichnen", False, False),
        ("Zahlungsanordnung erstellen", False, False),
        ("Assign approver", False, False),
        ("Prüfer benennen", False, False),
        ("Bescheid versenden", False, False),
    ],
)
def test_approval_vocabulary(label: str, approval: bool, sign_off: bool) -> None:
    """Stems match inflections and compounds; listed exceptions do not match."""
    assert (is_approval(label), is_sign_off(label)) == (approval, sign_off)


def join_model(kind: str, branches: int) -> str:
    names = [f"b{i}" for i in range(branches)]
    tasks = "".join(f'<bpmn:task id="{n}" name="Stellungnahme {n}"/>' for n in names)
    split = "parallelGateway" if kind == "parallelGateway" else "exclusiveGateway"
    return process(
        f'<bpmn:startEvent id="s"/><bpmn:{split} id="sp"/>{tasks}'
        f'<bpmn:{kind} id="jn" name="Alle Stellungnahmen da"/><bpmn:endEvent id="e"/>'
        + chain("s", "sp")
        + "".join(chain("sp", n, "jn") for n in names)
        + chain("jn", "e")
    )


@pytest.mark.parametrize(
    ("kind", "branches", "flagged"),
    [
        ("parallelGateway", 3, True),
        ("parallelGateway", 2, False),
        ("inclusiveGateway", 4, True),
        ("exclusiveGateway", 4, False),
    ],
)
def test_many_branch_join(kind: str, branches: int, flagged: bool) -> None:
    """Waiting joins with at least three incoming flows are reported; XOR merges never."""
    found = run(context(join_model(kind, branches)), "bottleneck-many-branch-join")
    assert [f.elements for f in found] == ([["jn"]] if flagged else [])
    if flagged:
        assert found[0].data["count"] == branches
        assert found[0].data["flows"] == [f"f_b{i}_jn" for i in range(branches)]


def sequence_model(count: int, lane_break: int | None = None) -> str:
    names = [f"t{i}" for i in range(count)]
    first = names[:lane_break] if lane_break else names
    second = names[lane_break:] if lane_break else []
    tasks = "".join(f'<bpmn:task id="{n}" name="Schritt {i}"/>' for i, n in enumerate(names))
    lane_map = {"SB": " ".join(["s", *first, "e"])}
    if second:
        lane_map["SGL"] = " ".join(second)
    return process(
        lanes(**lane_map)
        + '<bpmn:startEvent id="s"/>'
        + tasks
        + '<bpmn:intermediateThrowEvent id="m" name="Zwischenstand"/><bpmn:endEvent id="e"/>'
        + chain("s", *names[:2], "m", *names[2:], "e")
    )


@pytest.mark.parametrize(
    ("count", "lane_break", "expected"),
    [
        (5, None, [["t0", "t1", "t2", "t3", "t4"]]),
        (4, None, []),
        (6, 3, []),
    ],
)
def test_long_sequence_in_one_lane(
    count: int, lane_break: int | None, expected: list[list[str]]
) -> None:
    """Five activities in a row in one lane (an event between them does not count) are
    reported; four are not, and a lane change splits the sequence."""
    assert elements(context(sequence_model(count, lane_break)), "bottleneck-long-sequence") == (
        expected
    )


def test_gateway_breaks_a_long_sequence() -> None:
    """A decision in the middle of six steps leaves no run of five."""
    names = [f"t{i}" for i in range(6)]
    tasks = "".join(f'<bpmn:task id="{n}" name="Schritt {n}"/>' for n in names)
    ctx = context(
        process(
            '<bpmn:startEvent id="s"/>' + tasks + '<bpmn:exclusiveGateway id="g"/>'
            '<bpmn:endEvent id="e"/>'
            + chain("s", "t0", "t1", "t2", "g", "t3", "t4", "t5", "e")
            + chain("g", "e")
        )
    )
    assert run(ctx, "bottleneck-long-sequence") == []
