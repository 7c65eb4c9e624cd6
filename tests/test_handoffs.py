"""Hand-offs and expected visits: lane and pool hand-offs, weighting, ping-pong, loops."""

from __future__ import annotations

import pytest

from processanalysis import read_bpmn
from processanalysis.analysis import handoffs as handoff_module
from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.handoffs import (
    external_parties,
    handoff_matrix,
    handoff_rows,
    handoffs_per_case,
    units_involved,
)
from processanalysis.analysis.profile import load_profile
from processanalysis.analysis.registry import RULES
from processanalysis.analysis.visits import (
    MAX_VISITS,
    expected_visits,
    flow_traversals,
    visit_analysis,
)
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
from tests.conftest import bpmn

assert handoff_module  # importing the module registers its rules


def test_rules_are_registered_as_handoff_kind() -> None:
    """All five hand-off rules are registered under their ids with kind 'handoff'."""
    ids = ["handoff-lane", "handoff-pool", "handoff-ping-pong", "handoff-in-loop",
           "handoff-many-units"]
    assert [RULES[i].kind for i in ids] == ["handoff"] * 5


def test_linear_single_lane_process_has_no_handoffs() -> None:
    """A process in one lane hands nothing over: no findings, no rows, zero per case."""
    ctx = context(LINEAR_ONE_LANE)
    for rule_id in RULES:
        if rule_id.startswith("handoff-"):
            assert run(ctx, rule_id) == [], rule_id
    assert handoff_rows(ctx) == []
    assert handoff_matrix(ctx) == {}
    assert handoffs_per_case(ctx) == 0.0
    assert units_involved(ctx) == ["Sachbearbeitung"]


def test_lane_change_is_one_handoff_with_units_and_flow() -> None:
    """Poststelle → Sachbearbeitung along f_a_b is one lane hand-off, located on both tasks."""
    ctx = context(
        process(
            lanes(Post="s a", SB="b e")
            + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Post öffnen"/>'
            '<bpmn:task id="b" name="Antrag prüfen"/><bpmn:endEvent id="e"/>'
            + chain("s", "a", "b", "e")
        )
    )
    [finding] = run(ctx, "handoff-lane")
    assert finding.elements == ["a", "b"]
    assert finding.data["from_unit"] == "Poststelle"
    assert finding.data["to_unit"] == "Sachbearbeitung"
    assert finding.data["flows"] == ["f_a_b"]
    assert "Poststelle" in finding.message["de"] and "Post öffnen" in finding.message["de"]
    assert finding.severity == "low"
    [row] = handoff_rows(ctx)
    assert {k: row[k] for k in ("from_element", "to_element", "from_unit", "to_unit", "type")} == {
        "from_element": "a",
        "to_element": "b",
        "from_unit": "Poststelle",
        "to_unit": "Sachbearbeitung",
        "type": "lane",
    }
    assert handoff_matrix(ctx) == {"Poststelle": {"Sachbearbeitung": 1.0}}


def test_gateway_in_another_lane_is_not_a_handoff() -> None:
    """Task (SB) → gateway (SGL) → task (SB) stays in Sachbearbeitung: no hand-off at all."""
    ctx = context(
        process(
            lanes(SB="s a b c e", SGL="g j")
            + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Antrag prüfen"/>'
            '<bpmn:exclusiveGateway id="g" name="Vollständig?"/>'
            '<bpmn:task id="b" name="Bescheid erstellen"/><bpmn:task id="c" name="Ablehnen"/>'
            '<bpmn:exclusiveGateway id="j"/><bpmn:endEvent id="e"/>'
            + chain("s", "a", "g", "b", "j", "e")
            + chain("g", "c", "j")
        )
    )
    assert run(ctx, "handoff-lane") == []
    assert handoffs_per_case(ctx) == 0.0


def test_gateway_in_a_third_lane_counts_once() -> None:
    """Task (SB) → gateway (Poststelle) → task (SGL) is one hand-off SB → SGL, not two."""
    ctx = context(
        process(
            lanes(SB="s a", Post="g", SGL="b e")
            + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Entwurf fertigen"/>'
            '<bpmn:parallelGateway id="g"/><bpmn:task id="b" name="Entwurf zeichnen"/>'
            '<bpmn:endEvent id="e"/>' + chain("s", "a", "g", "b", "e")
        )
    )
    assert elements(ctx, "handoff-lane") == [["a", "b"]]
    assert run(ctx, "handoff-lane")[0].data["flows"] == ["f_a_g", "f_g_b"]
    assert handoff_matrix(ctx) == {"Sachbearbeitung": {"Sachgebietsleitung": 1.0}}


def xor_model(probabilities: bool) -> str:
    high, low = (0.8, 0.2) if probabilities else (None, None)
    return process(
        lanes(SB="s a g b j e", SGL="c")
        + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Antrag prüfen"/>'
        '<bpmn:exclusiveGateway id="g" name="Betrag über 5.000 €?"/>'
        '<bpmn:task id="b" name="Bescheid erstellen"/>'
        '<bpmn:task id="c" name="Bescheid genehmigen"/>'
        '<bpmn:exclusiveGateway id="j"/><bpmn:endEvent id="e"/>'
        + chain("s", "a", "g")
        + flow("no", "g", "b", high, "nein")
        + flow("yes", "g", "c", low, "ja")
        + chain("b", "j", "e")
        + chain("c", "j")
    )


@pytest.mark.parametrize(("probabilities", "expected"), [(True, 0.2), (False, 0.5)])
def test_handoffs_per_case_follow_branch_probabilities(
    probabilities: bool, expected: float
) -> None:
    """Only the 'ja' branch hands off: 0.2 per case with pa:probability 0.8/0.2, 0.5 without.

    The none end event after the join only routes, so the branch does not hand back.
    """
    ctx = context(xor_model(probabilities))
    assert elements(ctx, "handoff-lane") == [["a", "c"]]
    assert handoff_matrix(ctx) == {
        "Sachbearbeitung": {"Sachgebietsleitung": pytest.approx(expected)}
    }
    assert flow_traversals(ctx)["yes"] == pytest.approx(expected)
    assert handoffs_per_case(ctx) == pytest.approx(expected)
    assert run(ctx, "handoff-lane")[0].data["per_case"] == pytest.approx(expected)


REWORK = process(
    lanes(Post="s post", SB="check g nachf draft e", SGL="sign")
    + '<bpmn:startEvent id="s"/><bpmn:task id="post" name="Posteingang erfassen"/>'
    '<bpmn:task id="check" name="Antrag prüfen"/>'
    '<bpmn:exclusiveGateway id="g" name="Unterlagen vollständig?"/>'
    '<bpmn:task id="nachf" name="Unterlagen nachfordern"/>'
    '<bpmn:task id="sign" name="Vollständigkeit bestätigen"/>'
    '<bpmn:task id="draft" name="Bescheid erstellen"/><bpmn:endEvent id="e"/>'
    + chain("s", "post", "check", "g")
    + flow("back", "g", "nachf", 0.25, "nein")
    + flow("ok", "g", "draft", None, "ja")
    + chain("nachf", "sign", "check")
    + chain("draft", "e")
)


def test_rework_loop_visits_are_one_over_one_minus_p() -> None:
    """A loop repeated with probability 0.25 is visited 1/(1-0.25) times; its exit once."""
    ctx = context(REWORK)
    visits = expected_visits(ctx)
    assert visits["check"] == pytest.approx(1 / (1 - 0.25))
    assert visits["nachf"] == pytest.approx(0.25 / (1 - 0.25))
    assert visits["draft"] == pytest.approx(1.0)
    assert flow_traversals(ctx)["back"] == pytest.approx(1 / 3)
    assert visit_analysis(ctx).unbounded == frozenset()


def test_handoff_on_a_loop_is_flagged_and_weighted_by_iterations() -> None:
    """SB → SGL → SB inside the loop recurs: in-loop findings carry 1/3 per case."""
    ctx = context(REWORK)
    assert elements(ctx, "handoff-in-loop") == [["nachf", "sign"], ["sign", "check"]]
    for finding in run(ctx, "handoff-in-loop"):
        assert finding.data["per_case"] == pytest.approx(1 / 3)
    # Poststelle → SB once, SB → SGL and back 1/3 each.
    assert handoffs_per_case(ctx) == pytest.approx(1 + 2 / 3)
    assert "post" not in {e for f in run(ctx, "handoff-in-loop") for e in f.elements}


def test_ping_pong_names_the_three_steps() -> None:
    """Sachbearbeitung → Sachgebietsleitung → Sachbearbeitung is reported once with 3 steps."""
    ctx = context(
        process(
            lanes(SB="s a c e", SGL="b")
            + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Bescheid entwerfen"/>'
            '<bpmn:task id="b" name="Entwurf mitzeichnen"/>'
            '<bpmn:task id="c" name="Bescheid versenden"/><bpmn:endEvent id="e"/>'
            + chain("s", "a", "b", "c", "e")
        )
    )
    [finding] = run(ctx, "handoff-ping-pong")
    assert finding.elements == ["a", "b", "c"]
    assert finding.data["units"] == ["Sachbearbeitung", "Sachgebietsleitung", "Sachbearbeitung"]
    assert finding.severity == "medium"


def test_ping_pong_follows_the_case_through_several_steps_of_b() -> None:
    """A → B, B, B → A is still ping-pong; A → B → C is not."""
    ctx = context(
        process(
            lanes(SB="s a d", SGL="b c", AL="x e")
            + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Entwurf"/>'
            '<bpmn:task id="b" name="Prüfen"/><bpmn:task id="c" name="Ergänzen"/>'
            '<bpmn:task id="d" name="Versenden"/><bpmn:task id="x" name="Ablegen"/>'
            '<bpmn:endEvent id="e"/>' + chain("s", "a", "b", "c", "d", "x", "e")
        )
    )
    [finding] = run(ctx, "handoff-ping-pong")
    assert finding.elements == ["a", "b", "d"]
    assert finding.data["steps_in_between"] == ["b", "c"]


def test_parallel_branches_hand_off_in_full() -> None:
    """Each branch of a parallel split is a full hand-off, and so is each branch into the join."""
    ctx = context(
        process(
            lanes(SB="s a sp jn d e", Kasse="b", IT="c")
            + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Antrag prüfen"/>'
            '<bpmn:parallelGateway id="sp"/><bpmn:task id="b" name="Gebühr buchen"/>'
            '<bpmn:task id="c" name="Zugang einrichten"/><bpmn:parallelGateway id="jn"/>'
            '<bpmn:task id="d" name="Bescheid versenden"/><bpmn:endEvent id="e"/>'
            + chain("s", "a", "sp", "b", "jn", "d", "e")
            + chain("sp", "c", "jn")
        )
    )
    assert sorted(elements(ctx, "handoff-lane")) == [["a", "b"], ["a", "c"], ["b", "d"], ["c", "d"]]
    assert handoffs_per_case(ctx) == pytest.approx(4.0)
    assert expected_visits(ctx)["jn"] == pytest.approx(1.0)
    assert expected_visits(ctx)["d"] == pytest.approx(1.0)


COLLABORATION = bpmn(
    """
  <bpmn:collaboration id="C">
    <bpmn:participant id="Buerger" name="Antragsteller/in"/>
    <bpmn:participant id="Amt" name="Wohngeldstelle" processRef="P"/>
    <bpmn:participant id="Kasse" name="Stadtkasse"/>
    <bpmn:messageFlow id="m_in" name="Antrag" sourceRef="Buerger" targetRef="s"/>
    <bpmn:messageFlow id="m_nachf" name="Nachforderung" sourceRef="nachf" targetRef="Buerger"/>
    <bpmn:messageFlow id="m_kasse" name="Zahlungsanordnung" sourceRef="pay" targetRef="Kasse"/>
  </bpmn:collaboration>
"""
    + process(
        lanes(SB="s check g nachf pay j e")
        + '<bpmn:startEvent id="s"><bpmn:messageEventDefinition/></bpmn:startEvent>'
        '<bpmn:task id="check" name="Antrag prüfen"/>'
        '<bpmn:exclusiveGateway id="g" name="vollständig?"/>'
        '<bpmn:sendTask id="nachf" name="Unterlagen nachfordern"/>'
        '<bpmn:sendTask id="pay" name="Auszahlung anweisen"/>'
        '<bpmn:exclusiveGateway id="j"/><bpmn:endEvent id="e"/>'
        + chain("s", "check", "g")
        + flow("f_no", "g", "nachf", 0.1)
        + flow("f_yes", "g", "j", 0.9)
        + chain("nachf", "j", "pay", "e")
    )
)


def test_message_flows_between_pools_are_pool_handoffs() -> None:
    """Each message flow between pools is one pool hand-off, weighted by its sender's visits."""
    ctx = AnalysisContext(read_bpmn(COLLABORATION), load_profile())
    assert elements(ctx, "handoff-pool") == [["Buerger", "s"], ["nachf", "Buerger"],
                                             ["pay", "Kasse"]]
    rows = {r["to_element"]: r for r in handoff_rows(ctx)}
    assert rows["s"]["from_unit"] == "Antragsteller/in" and rows["s"]["type"] == "pool"
    assert rows["Buerger"]["from_unit"] == "Sachbearbeitung"
    matrix = handoff_matrix(ctx)
    assert matrix["Sachbearbeitung"]["Antragsteller/in"] == pytest.approx(0.1)
    assert matrix["Sachbearbeitung"]["Stadtkasse"] == pytest.approx(1.0)
    assert handoffs_per_case(ctx) == pytest.approx(2.1)
    assert run(ctx, "handoff-lane") == []


def test_external_parties_and_units_involved() -> None:
    """Black-box pools are external; the authority's units are its lanes."""
    ctx = AnalysisContext(read_bpmn(COLLABORATION), load_profile())
    assert external_parties(ctx) == ["Antragsteller/in", "Stadtkasse"]
    assert units_involved(ctx) == ["Sachbearbeitung"]


def test_citizen_pool_with_a_process_is_still_external() -> None:
    """A citizen pool with its own (lane-less) process is an external party."""
    ctx = context(
        """<bpmn:collaboration id="C">
          <bpmn:participant id="B" name="Bürger" processRef="PB"/>
          <bpmn:participant id="A" name="Bürgeramt" processRef="P"/>
          <bpmn:messageFlow id="m1" sourceRef="send" targetRef="a"/>
        </bpmn:collaboration>"""
        + process(
            '<bpmn:startEvent id="bs"/><bpmn:sendTask id="send" name="Antrag senden"/>'
            '<bpmn:task id="x" name="Warten"/><bpmn:task id="y" name="Bescheid lesen"/>'
            + chain("bs", "send", "x", "y"),
            pid="PB",
        )
        + process(lanes(SB="a") + '<bpmn:receiveTask id="a" name="Antrag entgegennehmen"/>')
    )
    assert external_parties(ctx) == ["Bürger"]
    assert units_involved(ctx) == ["Sachbearbeitung"]
    assert elements(ctx, "handoff-pool") == [["send", "a"]]


def many_units(count: int) -> str:
    order = ["Post", "SB", "SGL", "AL", "Kasse", "IT"][:count]
    names = [f"t{i}" for i in range(count)]
    tasks = "".join(f'<bpmn:task id="{n}" name="Schritt {i}"/>' for i, n in enumerate(names))
    return process(
        lanes(**{lane: n for lane, n in zip(order, names, strict=True)})
        + '<bpmn:startEvent id="s"/>' + tasks + chain("s", *names)
    )


@pytest.mark.parametrize(("count", "flagged"), [(4, False), (5, True)])
def test_many_units_above_threshold(count: int, flagged: bool) -> None:
    """More units than the threshold (4) yields one finding with one step per unit."""
    ctx = context(many_units(count))
    found = elements(ctx, "handoff-many-units")
    assert found == ([[f"t{i}" for i in range(count)]] if flagged else [])


def test_many_units_threshold_comes_from_the_profile() -> None:
    """A stricter profile (threshold 2) flags a case through three units."""
    profile = load_profile()
    profile.rules["handoff-many-units"] = {"severity": "high", "threshold": 2}
    [finding] = run(context(many_units(3), profile), "handoff-many-units")
    assert finding.severity == "high" and finding.data["count"] == 3


def test_boundary_event_is_not_taken_unless_probability_given() -> None:
    """An exception path counts 0 per case by default and its pa:probability when given."""
    template = process(
        lanes(SB="s a b e1", AL="esc e2")
        + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Antrag bearbeiten"/>'
        '<bpmn:boundaryEvent id="t" attachedToRef="a"{p}><bpmn:timerEventDefinition/>'
        "</bpmn:boundaryEvent>"
        '<bpmn:task id="esc" name="Fristüberschreitung melden"/>'
        '<bpmn:task id="b" name="Bescheid versenden"/>'
        '<bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>'
        + chain("s", "a", "b", "e1")
        + chain("t", "esc", "e2")
    )
    plain = context(template.replace("{p}", ""))
    assert elements(plain, "handoff-lane") == [["a", "esc"]]
    assert handoffs_per_case(plain) == 0.0
    assert expected_visits(plain)["b"] == pytest.approx(1.0)
    given = context(template.replace("{p}", ' pa:probability="0.1"'))
    assert handoffs_per_case(given) == pytest.approx(0.1)
    assert expected_visits(given)["b"] == pytest.approx(0.9)


def test_subprocess_content_without_lane_inherits_the_subprocess_unit() -> None:
    """Inner tasks that no lane lists belong to the sub-process's lane: no hand-off."""
    ctx = context(
        process(
            lanes(SB="s a sub e")
            + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Antrag prüfen"/>'
            '<bpmn:subProcess id="sub" name="Bescheid fertigen"><bpmn:startEvent id="is"/>'
            '<bpmn:task id="i1" name="Entwurf"/><bpmn:endEvent id="ie"/>'
            + chain("is", "i1", "ie")
            + '</bpmn:subProcess><bpmn:endEvent id="e"/>'
            + chain("s", "a", "sub", "e")
        )
    )
    assert run(ctx, "handoff-lane") == []
    assert expected_visits(ctx)["i1"] == pytest.approx(1.0)


def test_endless_loop_is_capped_and_flagged_without_hanging() -> None:
    """A loop repeated with probability 1 gets MAX_VISITS and is listed as unbounded."""
    ctx = context(
        process(
            '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Warten"/>'
            '<bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e"/>'
            + chain("s", "a", "g")
            + flow("again", "g", "a", 1.0)
            + flow("out", "g", "e", 0.0)
        )
    )
    analysis = visit_analysis(ctx)
    assert analysis.visits["a"] == MAX_VISITS
    assert analysis.unbounded == frozenset({"a", "g"})
    assert analysis.visits["e"] == 0.0


def test_alternative_start_events_share_one_case() -> None:
    """Two start events ('per Post', 'online') split the case, so the common task runs once."""
    ctx = context(
        process(
            '<bpmn:startEvent id="s1" name="Antrag per Post"/>'
            '<bpmn:startEvent id="s2" name="Antrag online" pa:probability="0.7"/>'
            '<bpmn:task id="a" name="Antrag prüfen"/>' + chain("s1", "a") + chain("s2", "a")
        )
    )
    visits = expected_visits(ctx)
    assert (visits["s1"], visits["s2"], visits["a"]) == pytest.approx((0.3, 0.7, 1.0))


def test_empty_parallel_branches_between_two_steps_count_one_handoff() -> None:
    """A split whose two empty branches meet in a join hands the case over once, not twice."""
    ctx = context(
        process(
            lanes(SB="s a sp jn", SGL="b e")
            + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Entwurf"/>'
            '<bpmn:parallelGateway id="sp"/><bpmn:parallelGateway id="jn"/>'
            '<bpmn:task id="b" name="Zeichnen"/><bpmn:endEvent id="e"/>'
            + chain("s", "a", "sp")
            + flow("p1", "sp", "jn")
            + flow("p2", "sp", "jn")
            + chain("jn", "b", "e")
        )
    )
    assert elements(ctx, "handoff-lane") == [["a", "b"]]
    assert handoffs_per_case(ctx) == pytest.approx(1.0)
