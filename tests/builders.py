"""Small BPMN model builders and rule runners shared by the analysis rule tests."""

from __future__ import annotations

from itertools import pairwise

from processanalysis import read_bpmn
from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.finding import Finding
from processanalysis.analysis.profile import Profile, load_profile
from processanalysis.analysis.registry import RULES
from tests.conftest import bpmn

#: Lane ids the builders accept, with the organisational unit each lane is named after.
UNITS = {
    "Post": "Poststelle",
    "SB": "Sachbearbeitung",
    "SGL": "Sachgebietsleitung",
    "AL": "Amtsleitung",
    "Kasse": "Stadtkasse",
    "IT": "IT-Service",
}


def lanes(**members: str) -> str:
    """A lane set: keyword = lane id (named from UNITS), value = space-separated node ids."""
    body = "".join(
        f'<bpmn:lane id="{lane}" name="{UNITS[lane]}">'
        + "".join(f"<bpmn:flowNodeRef>{n}</bpmn:flowNodeRef>" for n in nodes.split())
        + "</bpmn:lane>"
        for lane, nodes in members.items()
    )
    return f'<bpmn:laneSet id="LS">{body}</bpmn:laneSet>'


def flow(fid: str, source: str, target: str, p: float | None = None, name: str = "") -> str:
    """A sequence flow, with a ``pa:probability`` and a name where given."""
    probability = f' pa:probability="{p}"' if p is not None else ""
    label = f' name="{name}"' if name else ""
    return (
        f'<bpmn:sequenceFlow id="{fid}" sourceRef="{source}" targetRef="{target}"'
        f"{probability}{label}/>"
    )


def chain(*nodes: str) -> str:
    """Sequence flows f_a_b along ``nodes``."""
    return "".join(flow(f"f_{a}_{b}", a, b) for a, b in pairwise(nodes))


def process(body: str, pid: str = "P") -> str:
    """A process element (declaring the ``pa:`` namespace) around ``body``."""
    return f'<bpmn:process id="{pid}" xmlns:pa="urn:processanalysis:bpmn:1.0">{body}</bpmn:process>'


def context(xml: str, profile: Profile | None = None) -> AnalysisContext:
    """The analysis context of ``xml`` (definitions content), default profile unless given."""
    return AnalysisContext(read_bpmn(bpmn(xml)), profile or load_profile())


def run(ctx: AnalysisContext, rule_id: str) -> list[Finding]:
    """The findings of one registered rule."""
    return list(RULES[rule_id].function(ctx))


def elements(ctx: AnalysisContext, rule_id: str) -> list[list[str]]:
    """The located elements of each finding of one rule."""
    return [f.elements for f in run(ctx, rule_id)]


#: Three ordinary steps in one lane (Sachbearbeitung): nothing to report.
LINEAR_ONE_LANE = process(
    lanes(SB="s a b c e")
    + '<bpmn:startEvent id="s"/><bpmn:task id="a" name="Antrag erfassen"/>'
    '<bpmn:task id="b" name="Bescheid erstellen"/><bpmn:task id="c" name="Bescheid versenden"/>'
    '<bpmn:endEvent id="e"/>' + chain("s", "a", "b", "c", "e")
)
