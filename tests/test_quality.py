"""Model quality: soundness, labels and the seven process modelling guidelines (7PMG)."""

from __future__ import annotations

import pytest

from processanalysis import read_bpmn
from processanalysis.analysis import quality
from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.metrics import control_flow
from processanalysis.analysis.profile import Profile, load_profile
from processanalysis.analysis.quality import label_style, matching_joins
from processanalysis.analysis.registry import RULES
from tests.builders import chain, context, elements, process, run
from tests.conftest import corpus_files

SOUNDNESS = [
    "quality-no-start",
    "quality-no-end",
    "quality-unreachable",
    "quality-dead-end",
    "quality-xor-and-mismatch",
    "quality-and-xor-mismatch",
]
NOTATION = ["quality-unlabelled-activity", "quality-unlabelled-gateway", "quality-implicit-gateway"]
PMG = [
    "pmg-size",
    "pmg-routing-paths",
    "pmg-start-end",
    "pmg-structured",
    "pmg-or-routing",
    "pmg-label-style",
    "pmg-decompose",
]
ALL = SOUNDNESS + NOTATION + PMG


# -- builders ---------------------------------------------------------------------------------


def tasks(*ids: str) -> str:
    """Tasks named like German activities ("Schritt a bearbeiten")."""
    return "".join(f'<bpmn:task id="{i}" name="Schritt {i} bearbeiten"/>' for i in ids)


START, END = '<bpmn:startEvent id="s"/>', '<bpmn:endEvent id="e"/>'

#: Antrag: check, then either a parallel block of two checks or a rejection, merged again;
#: a boundary timer leads to a reminder, an event sub-process handles a withdrawal.
SOUND = process(
    START + '<bpmn:task id="check" name="Antrag prüfen"/>'
    '<bpmn:boundaryEvent id="timer" attachedToRef="check"><bpmn:timerEventDefinition/>'
    "</bpmn:boundaryEvent>"
    '<bpmn:task id="remind" name="Erinnerung versenden"/>'
    '<bpmn:exclusiveGateway id="ok" name="Antrag vollständig?"/>'
    '<bpmn:parallelGateway id="fork"/><bpmn:task id="gis" name="Lage im GIS prüfen"/>'
    '<bpmn:task id="fee" name="Gebühr berechnen"/><bpmn:parallelGateway id="sync"/>'
    '<bpmn:task id="reject" name="Ablehnung begründen"/>'
    '<bpmn:exclusiveGateway id="merge"/>'
    '<bpmn:task id="send" name="Bescheid per Post versenden"/>' + END + '<bpmn:endEvent id="e2"/>'
    '<bpmn:subProcess id="withdraw" name="Rücknahme bearbeiten" triggeredByEvent="true">'
    '<bpmn:startEvent id="ws"><bpmn:messageEventDefinition/></bpmn:startEvent>'
    '<bpmn:task id="wt" name="Verfahren einstellen"/><bpmn:endEvent id="we"/>'
    + chain("ws", "wt", "we")
    + "</bpmn:subProcess>"
    + chain("s", "check", "ok", "fork", "gis", "sync", "merge", "send", "e")
    + chain("fork", "fee", "sync")
    + chain("ok", "reject", "merge")
    + chain("timer", "remind", "e2")
)


# -- registration and the sound model ---------------------------------------------------------


def test_rules_are_registered_as_quality_kind_and_in_the_default_profile() -> None:
    """All sixteen rule ids exist, produce quality findings and are enabled by default."""
    profile = load_profile()
    assert quality  # importing the module registers the rules
    for rule_id in ALL:
        assert RULES[rule_id].kind == "quality", rule_id
        assert profile.enabled(rule_id), rule_id


def test_sound_model_has_no_soundness_or_notation_findings() -> None:
    """Blocks matched, every node reachable and ending: nothing to report."""
    ctx = context(SOUND)
    for rule_id in SOUNDNESS + NOTATION + ["pmg-structured", "pmg-label-style"]:
        assert run(ctx, rule_id) == [], rule_id


def test_findings_carry_severity_bilingual_text_and_evidence() -> None:
    """Severity comes from the profile; message and suggestion exist in German and English."""
    ctx = context(process(START + tasks("a") + chain("s", "a")))
    [finding] = run(ctx, "quality-no-end")
    assert finding.kind == "quality" and finding.severity == "high"
    assert list(finding.message) == list(finding.suggestion) == ["de", "en"]
    assert finding.evidence and finding.evidence[0].source == "structure"
    assert finding.data["process"] == "P"


# -- start and end ----------------------------------------------------------------------------


def test_no_start_locates_the_implicit_start() -> None:
    """Without a start event the flow begins at the nodes without incoming flow."""
    ctx = context(process(tasks("a", "b") + END + chain("a", "b", "e")))
    [finding] = run(ctx, "quality-no-start")
    assert finding.elements == ["a"]
    assert finding.data["implicit_starts"] == ["a"]


def test_no_start_in_pool_without_entry_locates_the_pool() -> None:
    """A process that is one cycle has no implicit start either: the pool is reported."""
    xml = (
        '<bpmn:collaboration id="C"><bpmn:participant id="Amt" name="Amt" processRef="P"/>'
        "</bpmn:collaboration>" + process(tasks("a", "b") + chain("a", "b", "a"))
    )
    assert elements(context(xml), "quality-no-start") == [["Amt"]]


def test_no_start_and_no_end_in_sub_processes() -> None:
    """An expanded sub-process without start or end event is reported on the sub-process."""
    ctx = context(
        process(
            START
            + '<bpmn:subProcess id="sub" name="Prüfung durchführen">'
            + tasks("i1", "i2")
            + chain("i1", "i2")
            + "</bpmn:subProcess>"
            + END
            + chain("s", "sub", "e")
        )
    )
    assert elements(ctx, "quality-no-start") == [["sub"]]
    assert elements(ctx, "quality-no-end") == [["sub"]]
    assert run(ctx, "quality-unreachable") == run(ctx, "quality-dead-end") == []


def test_event_sub_process_without_start_is_never_triggered() -> None:
    """An event sub-process needs a start event naming its trigger."""
    ctx = context(
        process(
            START
            + tasks("a")
            + END
            + chain("s", "a", "e")
            + '<bpmn:subProcess id="esp" triggeredByEvent="true">'
            + tasks("x")
            + '<bpmn:endEvent id="xe"/>'
            + chain("x", "xe")
            + "</bpmn:subProcess>"
        )
    )
    assert elements(ctx, "quality-no-start") == [["esp"]]


def test_no_end_locates_the_implicit_end() -> None:
    """A path that stops at an activity ends implicitly there."""
    ctx = context(process(START + tasks("a", "b") + chain("s", "a", "b")))
    [finding] = run(ctx, "quality-no-end")
    assert finding.elements == ["b"]
    assert run(ctx, "quality-dead-end") == []  # an activity without outgoing flow ends


def test_empty_process_is_not_reported() -> None:
    """A process without flow nodes (a black-box pool's process) needs no events."""
    ctx = context(process(""))
    for rule_id in ALL:
        assert run(ctx, rule_id) == [], rule_id


# -- reachability and dead ends ---------------------------------------------------------------


def test_unreachable_fragment_is_one_finding_in_flow_order() -> None:
    """Two connected nodes without a way in are one finding, the one without incoming first."""
    ctx = context(
        process(START + tasks("a", "b", "c") + END + chain("s", "a", "e") + chain("b", "c", "e"))
    )
    [finding] = run(ctx, "quality-unreachable")
    assert finding.elements == ["b", "c"]
    assert finding.data["no_incoming"] == ["b"]


def test_unreachable_sub_process_reports_the_container_only() -> None:
    """The content of an unreachable sub-process is implied, not listed."""
    ctx = context(
        process(
            START + END + chain("s", "e") + '<bpmn:subProcess id="sub" name="Akte anlegen">'
            '<bpmn:startEvent id="is"/><bpmn:endEvent id="ie"/>'
            + chain("is", "ie")
            + "</bpmn:subProcess>"
        )
    )
    [finding] = run(ctx, "quality-unreachable")
    assert finding.elements == ["sub"]
    assert finding.data["contained"] == ["is", "ie"]


def test_dead_end_in_gateway_without_outgoing_flow() -> None:
    """A gateway that leads nowhere traps the token; every node before it is affected."""
    ctx = context(
        process(
            START
            + tasks("a")
            + '<bpmn:exclusiveGateway id="g" name="Weiter?"/>'
            + chain("s", "a", "g")
        )
    )
    [finding] = run(ctx, "quality-dead-end")
    assert finding.elements == ["s", "a", "g"]
    assert finding.data["stuck_at"] == ["g"]


def test_dead_end_in_loop_without_exit() -> None:
    """A loop that is never left reaches no end; the loop is where it gets stuck."""
    ctx = context(
        process(
            START
            + tasks("a", "b", "c")
            + END
            + '<bpmn:exclusiveGateway id="g" name="Fertig?"/>'
            + chain("s", "a", "g", "b", "a")
            + chain("g", "c", "a")
        )
    )
    [finding] = run(ctx, "quality-dead-end")
    assert finding.elements == ["s", "a", "b", "c", "g"]
    assert finding.data["stuck_at"] == ["a", "b", "c", "g"]
    assert elements(ctx, "quality-unreachable") == [["e"]]


def test_loop_with_exit_is_no_dead_end() -> None:
    """Rework loops are fine as long as the case can leave them."""
    ctx = context(
        process(
            START
            + tasks("a")
            + END
            + '<bpmn:exclusiveGateway id="g" name="Vollständig?"/>'
            + chain("s", "a", "g", "e")
            + chain("g", "a")
        )
    )
    assert run(ctx, "quality-dead-end") == []


def test_boundary_events_and_event_sub_processes_are_reachable_and_end() -> None:
    """Boundary paths, event sub-process content, compensation handlers and link events
    are entered without an incoming sequence flow and are no false findings."""
    ctx = context(
        process(
            START
            + tasks("a", "b")
            + END
            + '<bpmn:boundaryEvent id="err" attachedToRef="a"><bpmn:errorEventDefinition/>'
            "</bpmn:boundaryEvent>"
            '<bpmn:boundaryEvent id="comp" attachedToRef="a">'
            "<bpmn:compensateEventDefinition/></bpmn:boundaryEvent>"
            '<bpmn:task id="undo" name="Buchung stornieren" isForCompensation="true"/>'
            '<bpmn:intermediateThrowEvent id="go" name="Weiter">'
            '<bpmn:linkEventDefinition name="L"/></bpmn:intermediateThrowEvent>'
            '<bpmn:intermediateCatchEvent id="land" name="Weiter">'
            '<bpmn:linkEventDefinition name="L"/></bpmn:intermediateCatchEvent>'
            '<bpmn:subProcess id="esp" name="Storno bearbeiten" triggeredByEvent="true">'
            '<bpmn:startEvent id="es"><bpmn:messageEventDefinition/></bpmn:startEvent>'
            + tasks("ex")
            + '<bpmn:endEvent id="ee"/>'
            + chain("es", "ex", "ee")
            + "</bpmn:subProcess>"
            + chain("s", "a", "go")
            + chain("land", "b", "e")
            + chain("err", "e")
        )
    )
    for rule_id in SOUNDNESS:
        assert run(ctx, rule_id) == [], rule_id


def test_link_throw_without_catch_is_a_dead_end() -> None:
    """A link event whose name no catching link event has jumps into nowhere."""
    ctx = context(
        process(
            START + '<bpmn:intermediateThrowEvent id="go">'
            '<bpmn:linkEventDefinition name="X"/></bpmn:intermediateThrowEvent>' + chain("s", "go")
        )
    )
    [finding] = run(ctx, "quality-dead-end")
    assert finding.data["stuck_at"] == ["go"]


def test_ad_hoc_sub_process_content_needs_no_flows() -> None:
    """The activities of an ad-hoc sub-process are done in any order: no findings."""
    ctx = context(
        process(
            START
            + '<bpmn:adHocSubProcess id="adhoc" name="Unterlagen sichten">'
            + tasks("x", "y")
            + "</bpmn:adHocSubProcess>"
            + END
            + chain("s", "adhoc", "e")
        )
    )
    for rule_id in SOUNDNESS:
        assert run(ctx, rule_id) == [], rule_id


# -- gateway mismatches -----------------------------------------------------------------------


def test_xor_split_closed_by_and_join_is_a_deadlock() -> None:
    """Only one branch arrives at the parallel join, which waits forever."""
    ctx = context(
        process(
            START
            + tasks("a", "b")
            + END
            + '<bpmn:exclusiveGateway id="x" name="Antrag vollständig?"/>'
            '<bpmn:parallelGateway id="p"/>' + chain("s", "x", "a", "p", "e") + chain("x", "b", "p")
        )
    )
    [finding] = run(ctx, "quality-xor-and-mismatch")
    assert finding.elements == ["x", "p"]
    assert finding.data["branches"] == [("f_x_a", "f_x_b")]
    assert run(ctx, "quality-and-xor-mismatch") == []
    assert run(ctx, "pmg-structured") == []  # reported once, as the error


def test_and_split_closed_by_xor_join_runs_twice() -> None:
    """Both parallel tokens pass the exclusive merge: what follows runs twice."""
    ctx = context(
        process(
            START + tasks("a", "b") + END + '<bpmn:parallelGateway id="p"/>'
            '<bpmn:exclusiveGateway id="x"/>'
            + chain("s", "p", "a", "x", "e")
            + chain("p", "b", "x")
        )
    )
    assert elements(ctx, "quality-and-xor-mismatch") == [["p", "x"]]
    assert run(ctx, "quality-xor-and-mismatch") == []


def test_and_split_closed_by_an_activity_is_a_mismatch_too() -> None:
    """An activity with two incoming flows merges like an exclusive gateway."""
    ctx = context(
        process(
            START
            + tasks("a", "b", "c")
            + END
            + '<bpmn:parallelGateway id="p"/>'
            + chain("s", "p", "a", "c", "e")
            + chain("p", "b", "c")
        )
    )
    assert elements(ctx, "quality-and-xor-mismatch") == [["p", "c"]]
    assert elements(ctx, "quality-implicit-gateway") == [["c"]]


def test_partial_merge_inside_a_parallel_block_is_found() -> None:
    """AND split into three; two branches meet at an XOR first, then all at the AND join."""
    ctx = context(
        process(
            START + tasks("a", "b", "c") + END + '<bpmn:parallelGateway id="p"/>'
            '<bpmn:exclusiveGateway id="x"/><bpmn:parallelGateway id="q"/>'
            + chain("s", "p", "a", "x", "q", "e")
            + chain("p", "b", "x")
            + chain("p", "c", "q")
        )
    )
    assert elements(ctx, "quality-and-xor-mismatch") == [["p", "x"]]


def test_nested_blocks_match() -> None:
    """An AND block inside an XOR block: each split meets its own join."""
    ctx = context(
        process(
            START
            + tasks("a", "b", "z")
            + END
            + '<bpmn:exclusiveGateway id="x1" name="Eilfall?"/><bpmn:parallelGateway id="p1"/>'
            '<bpmn:parallelGateway id="p2"/><bpmn:exclusiveGateway id="x2"/>'
            + chain("s", "x1", "p1", "a", "p2", "x2", "e")
            + chain("p1", "b", "p2")
            + chain("x1", "z", "x2")
        )
    )
    flow = control_flow(ctx.model.processes[0])
    assert list(matching_joins(flow, "x1")) == ["x2"]
    assert list(matching_joins(flow, "p1")) == ["p2"]
    for rule_id in SOUNDNESS + ["pmg-structured"]:
        assert run(ctx, rule_id) == [], rule_id


def test_loop_back_to_the_split_is_no_merge() -> None:
    """A branch that loops back ends at the split: a loop exit has no matching join."""
    ctx = context(
        process(
            START + tasks("a") + END + '<bpmn:exclusiveGateway id="j"/>'
            '<bpmn:exclusiveGateway id="g" name="Vollständig?"/>'
            + chain("s", "j", "a", "g", "e")
            + chain("g", "j")
        )
    )
    flow = control_flow(ctx.model.processes[0])
    assert matching_joins(flow, "g") == {}
    assert run(ctx, "pmg-structured") == []


def test_branches_meeting_only_in_an_end_event_are_not_merged() -> None:
    """Each token ends on its own at an end event: no join, no mismatch."""
    ctx = context(
        process(
            START
            + tasks("a", "b")
            + END
            + '<bpmn:parallelGateway id="p"/>'
            + chain("s", "p", "a", "e")
            + chain("p", "b", "e")
        )
    )
    assert matching_joins(control_flow(ctx.model.processes[0]), "p") == {}
    for rule_id in SOUNDNESS + ["pmg-structured"]:
        assert run(ctx, rule_id) == [], rule_id


# -- labels and notation ----------------------------------------------------------------------


def test_unlabelled_activity() -> None:
    """A task without a name is reported; named ones are not."""
    ctx = context(
        process(START + '<bpmn:userTask id="t"/>' + tasks("a") + END + chain("s", "t", "a", "e"))
    )
    assert elements(ctx, "quality-unlabelled-activity") == [["t"]]


def test_unlabelled_gateway_only_for_decisions() -> None:
    """An unnamed XOR split is reported; unnamed joins and parallel splits are not."""
    ctx = context(
        process(
            START + tasks("a", "b") + END + '<bpmn:exclusiveGateway id="x"/>'
            '<bpmn:exclusiveGateway id="j"/><bpmn:parallelGateway id="p"/>'
            '<bpmn:parallelGateway id="q"/>'
            + chain("s", "x", "a", "j", "p", "q", "e")
            + chain("x", "b", "j")
            + chain("p", "q")
        )
    )
    assert elements(ctx, "quality-unlabelled-gateway") == [["x"]]


def test_implicit_split_and_join() -> None:
    """An activity with two outgoing flows splits, one with two incoming flows joins."""
    ctx = context(
        process(
            START
            + tasks("a", "b", "c", "d")
            + END
            + chain("s", "a", "b", "d", "e")
            + chain("a", "c", "d")
        )
    )
    found = {f.elements[0]: f.data for f in run(ctx, "quality-implicit-gateway")}
    assert sorted(found) == ["a", "d"]
    assert found["a"]["split"] and not found["a"]["join"]
    assert found["d"]["incoming"] == ["f_b_d", "f_c_d"]


GOOD_LABELS = [
    "Antrag prüfen",
    "Gebühr berechnen",
    "Bescheid per Post versenden",
    "Unterlagen an Fachbereich weiterleiten",
    "3.1 Daten im Fachverfahren erfassen",
    "Prüfen, ob Unterlagen vollständig sind",
    "Check application",
    "Send notice",
]
BAD_LABELS = [
    ("Prüfung", "single_word"),
    ("Antragsprüfung durch SB", "nominalised"),
    ("Prüfung des Antrags", "nominalised"),
    ("Ist der Antrag vollständig?", "question"),
    ("Bescheid versenden per Post", "verb_position"),
    ("Antrag eingegangen", "no_verb"),
]


@pytest.mark.parametrize("label", GOOD_LABELS)
def test_label_style_accepts_object_verb_and_verb_object(label: str) -> None:
    """German "Objekt + Verb im Infinitiv" and English "verb + object" pass."""
    assert label_style(label).ok


@pytest.mark.parametrize(("label", "reason"), BAD_LABELS)
def test_label_style_rejects_nouns_questions_and_misplaced_verbs(label: str, reason: str) -> None:
    """Each failing label gets the reason an analyst can act on."""
    verdict = label_style(label)
    assert not verdict.ok
    assert verdict.reason == reason


def test_label_style_rule_checks_activities_never_gateways() -> None:
    """Bad activity labels are reported; a gateway's question is how it should be."""
    names = [
        ("a", "Antrag prüfen"),
        ("b", "Prüfung"),
        ("c", "Antragsprüfung durch SB"),
        ("d", "Ist der Antrag vollständig?"),
    ]
    ctx = context(
        process(
            START
            + "".join(f'<bpmn:task id="{i}" name="{n}"/>' for i, n in names)
            + '<bpmn:exclusiveGateway id="g" name="Ist der Antrag vollständig?"/>'
            + '<bpmn:exclusiveGateway id="j"/>'
            + END
            + chain("s", "a", "b", "c", "d", "g", "j", "e")
            + chain("g", "j")
        )
    )
    found = {f.elements[0]: f.data["reason"] for f in run(ctx, "pmg-label-style")}
    assert found == {"b": "single_word", "c": "nominalised", "d": "question"}


# -- 7PMG -------------------------------------------------------------------------------------


def long_chain(n: int, prefix: str = "t") -> tuple[str, list[str]]:
    ids = [f"{prefix}{i}" for i in range(n)]
    return tasks(*ids), ids


def test_pmg_size_counts_every_flow_node() -> None:
    """53 nodes exceed the guideline of 50; 50 do not."""
    body, ids = long_chain(51)
    ctx = context(process(START + body + END + chain("s", *ids, "e")))
    [finding] = run(ctx, "pmg-size")
    assert finding.elements == ["P"] and finding.data["size"] == 53
    body, ids = long_chain(48)
    assert run(context(process(START + body + END + chain("s", *ids, "e"))), "pmg-size") == []


def test_thresholds_come_from_the_profile() -> None:
    """An organisation can lower the size limit in its profile."""
    profile = load_profile()
    strict = Profile(
        "strict", {**profile.rules, "pmg-size": {"severity": "medium", "threshold": 3}}
    )
    ctx = context(process(START + tasks("a", "b") + END + chain("s", "a", "b", "e")), strict)
    [finding] = run(ctx, "pmg-size")
    assert finding.severity == "medium" and finding.data["threshold"] == 3


def test_pmg_decompose_counts_one_level_only() -> None:
    """60 tasks in two sub-processes are big (G1) but already decomposed (G7)."""
    first, ids1 = long_chain(30, "a")
    second, ids2 = long_chain(30, "b")
    flat = context(process(START + first + second + END + chain("s", *ids1, *ids2, "e")))
    assert elements(flat, "pmg-decompose") == [["P"]]
    nested = context(
        process(
            START
            + '<bpmn:subProcess id="sub1" name="Antrag prüfen">'
            + first
            + "</bpmn:subProcess>"
            + '<bpmn:subProcess id="sub2" name="Bescheid erstellen">'
            + second
            + "</bpmn:subProcess>"
            + END
            + chain("s", "sub1", "sub2", "e")
            + chain(*ids1)
            + chain(*ids2)
        )
    )
    assert run(nested, "pmg-decompose") == []
    assert elements(nested, "pmg-size") == [["P"]]


def test_pmg_routing_paths() -> None:
    """A decision with four ways out exceeds the guideline of three."""
    ctx = context(
        process(
            START
            + tasks("a", "b", "c", "d")
            + END
            + '<bpmn:exclusiveGateway id="g" name="Welche Art?"/>'
            '<bpmn:exclusiveGateway id="j"/>'
            + chain("s", "g")
            + "".join(chain("g", t, "j") for t in "abcd")
            + chain("j", "e")
        )
    )
    found = {f.elements[0]: f.data for f in run(ctx, "pmg-routing-paths")}
    assert sorted(found) == ["g", "j"]
    assert found["g"]["out"] == 4 and found["j"]["in"] == 4


def test_pmg_start_end_counts_the_process_level_only() -> None:
    """Two end events are reported; the event sub-process's start event is not counted."""
    ctx = context(SOUND)
    assert elements(ctx, "pmg-start-end") == [["e", "e2"]]


def test_pmg_structured_reports_or_split_with_and_join_and_orphan_join() -> None:
    """An OR split closed by an AND join, and an AND join of two start events."""
    ctx = context(
        process(
            START + tasks("a", "b") + END + '<bpmn:inclusiveGateway id="o" name="Welche?"/>'
            '<bpmn:parallelGateway id="p"/>' + chain("s", "o", "a", "p", "e") + chain("o", "b", "p")
        )
        + process(
            '<bpmn:startEvent id="s1"/><bpmn:startEvent id="s2"/><bpmn:parallelGateway id="q"/>'
            '<bpmn:endEvent id="e9"/>' + chain("s1", "q", "e9") + chain("s2", "q"),
            pid="P2",
        )
    )
    assert elements(ctx, "pmg-structured") == [["o", "p"], ["q"]]
    assert elements(ctx, "pmg-or-routing") == [["o"]]


def test_non_interrupting_boundary_path_joined_in_parallel_is_matched() -> None:
    """A boundary event starts a path: a parallel join of it and the host's path is matched."""
    ctx = context(
        process(
            START
            + tasks("a", "b", "c")
            + END
            + '<bpmn:boundaryEvent id="n" attachedToRef="a" cancelActivity="false">'
            "<bpmn:timerEventDefinition/></bpmn:boundaryEvent>"
            '<bpmn:parallelGateway id="q"/>' + chain("s", "a", "b", "q", "e") + chain("n", "c", "q")
        )
    )
    assert run(ctx, "pmg-structured") == []


# -- the reference corpus ---------------------------------------------------------------------

CORPUS = corpus_files()


@pytest.mark.skipif(not CORPUS, reason="../shared test corpus not present")
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_rules_run_on_every_reference_model(path) -> None:
    """No rule raises on the MIWG reference models and vendor exports; the reference models
    are sound: nothing unreachable, no dead end, no deadlock."""
    ctx = AnalysisContext(read_bpmn(path.read_bytes()), load_profile())
    findings = {rule_id: run(ctx, rule_id) for rule_id in ALL}
    for rule_id, found in findings.items():
        for finding in found:
            assert finding.rule == rule_id and finding.kind == "quality"
            assert finding.message["de"] and finding.message["en"]
            assert all(
                e in ctx.flow_nodes or e in ctx.pool_names or e in ctx.process_graphs
                for e in finding.elements
            )
    for rule_id in (
        "quality-unreachable",
        "quality-dead-end",
        "quality-xor-and-mismatch",
        "quality-and-xor-mismatch",
    ):
        assert findings[rule_id] == [], (rule_id, [f.elements for f in findings[rule_id]])


def test_simple_linear_reference_model_is_sound() -> None:
    """A.1.0 (start, three tasks, end) has no soundness finding at all."""
    path = next((p for p in CORPUS if p.name == "A.1.0.bpmn"), None)
    if path is None:
        pytest.skip("../shared test corpus not present")
    ctx = AnalysisContext(read_bpmn(path.read_bytes()), load_profile())
    for rule_id in SOUNDNESS + NOTATION:
        assert run(ctx, rule_id) == [], rule_id
