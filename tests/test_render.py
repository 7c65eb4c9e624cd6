"""The SVG renderer: valid documents, every DI element drawn, notation, escaping, overlays."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from lxml import etree

from processanalysis.bpmn import import_file, read_bpmn
from processanalysis.bpmn.model import Definitions
from processanalysis.bpmn.xmlsafe import safe_parser
from processanalysis.render import Overlay, auto_layout, heat_colour, render_svg
from processanalysis.render.svg import DiagramNotFound
from tests.conftest import SAMPLES, SHARED, bpmn, require_shared

SVG = "{http://www.w3.org/2000/svg}"
MIWG = sorted((SHARED / "testdata" / "miwg-reference").glob("*.bpmn"))
SAMPLE_FILES = sorted(SAMPLES.glob("*.bpmn"))


def parse(svg: str) -> etree._Element:
    """The SVG as a tree, read with the project's safe parser (no entities, no network)."""
    assert svg.startswith("<svg ")
    return etree.fromstring(svg.encode("utf-8"), parser=safe_parser())


def drawn_ids(root: etree._Element) -> set[str]:
    return {el.get("data-element-id") for el in root.iter() if el.get("data-element-id")}


def by_id(root: etree._Element, element_id: str) -> etree._Element:
    found = [el for el in root.iter(f"{SVG}g") if el.get("data-element-id") == element_id]
    assert found, f"{element_id} not drawn"
    return found[0]


def graphics(group: etree._Element) -> list[etree._Element]:
    """The drawn children of a shape group, without its label."""
    return [el for el in group if etree.QName(el).localname != "text"]


def check_every_di_element_drawn(model: Definitions) -> int:
    """Render each diagram; assert validity, size attributes and one group per DI element."""
    checked = 0
    for index, diagram in enumerate(model.diagrams):
        root = parse(render_svg(model, diagram=index))
        assert root.tag == f"{SVG}svg"
        width, height = float(root.get("width")), float(root.get("height"))
        box = [float(v) for v in root.get("viewBox").split()]
        assert width > 0 and height > 0 and box[2:] == [width, height]
        ids = drawn_ids(root)
        assert diagram.plane is not None
        for item in diagram.plane.elements:
            ident = item.bpmn_element or item.id
            assert ident in ids, f"{ident} of diagram {diagram.id} is not drawn"
            checked += 1
        # every DI shape lies inside the viewBox
        for shape in diagram.plane.shapes:
            b = shape.bounds
            assert b is not None
            assert box[0] <= b.x and b.x + b.width <= box[0] + box[2]
            assert box[1] <= b.y and b.y + b.height <= box[1] + box[3]
    return checked


def test_miwg_corpus_present() -> None:
    folder = require_shared("testdata", "miwg-reference")
    assert len(list(folder.glob("*.bpmn"))) >= 21
    assert MIWG, "the MIWG models were not collected"


@pytest.mark.parametrize("path", MIWG, ids=[p.stem for p in MIWG])
def test_miwg_reference_every_shape_and_edge_drawn(path: Path) -> None:
    model = import_file(path)
    assert check_every_di_element_drawn(model) == sum(len(d.plane.elements) for d in model.diagrams)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_sample_process_every_shape_and_edge_drawn(path: Path) -> None:
    model = import_file(path)
    assert check_every_di_element_drawn(model) > 20


def test_sample_processes_present() -> None:
    assert len(SAMPLE_FILES) >= 11


# -- notation --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def b20() -> tuple[Definitions, etree._Element]:
    """MIWG B.2.0: nearly every construct of the descriptive and analytic subclass."""
    model = import_file(require_shared("testdata", "miwg-reference", "B.2.0.bpmn"))
    return model, parse(render_svg(model))


def _find(model: Definitions, **attrs: object) -> list[str]:
    out = []
    for element in model.index.values():
        if all(getattr(element, key, None) == value for key, value in attrs.items()):
            out.append(element.id)
    return out


def test_task_types_have_their_markers(b20: tuple[Definitions, etree._Element]) -> None:
    model, root = b20
    for task_type in ("userTask", "serviceTask", "sendTask", "receiveTask"):
        ident = _find(model, type=task_type)[0]
        group = by_id(root, ident)
        assert group.get("class") == f"bpmn-{task_type}"
        # the body plus the marker: more than the one rounded rectangle of a plain task
        assert len(graphics(group)) >= 2
    plain = by_id(root, _find(model, type="task")[0])
    assert [etree.QName(el).localname for el in graphics(plain)] == ["rect"]


def test_events_interrupting_and_not(b20: tuple[Definitions, etree._Element]) -> None:
    model, root = b20
    boundary = [e for e in model.index.values() if getattr(e, "type", "") == "boundaryEvent"]
    dashed = {
        e.id: "stroke-dasharray" in etree.tostring(by_id(root, e.id)).decode() for e in boundary
    }
    assert {e.id for e in boundary if e.cancel_activity is False} == {
        i for i, d in dashed.items() if d
    }
    assert any(dashed.values()) and not all(dashed.values())
    end = by_id(root, _find(model, type="endEvent")[0])
    assert end.find(f"{SVG}circle").get("stroke-width") == "4"


def test_call_activity_thick_and_subprocess_markers(
    b20: tuple[Definitions, etree._Element],
) -> None:
    model, root = b20
    call = by_id(root, _find(model, type="callActivity")[0])
    assert call.find(f"{SVG}rect").get("stroke-width") == "5"
    collapsed = [
        s.bpmn_element
        for s in model.diagrams[0].plane.shapes
        if getattr(model.get(s.bpmn_element), "type", "") == "subProcess" and not s.is_expanded
    ]
    assert collapsed
    marker = etree.tostring(by_id(root, collapsed[0])).decode()
    assert 'd="M7,3 V11 M3,7 H11"' in marker  # the + of a collapsed sub-process


def test_gateway_markers_and_flows(b20: tuple[Definitions, etree._Element]) -> None:
    model, root = b20
    for kind in ("parallelGateway", "inclusiveGateway", "eventBasedGateway"):
        group = by_id(root, _find(model, type=kind)[0])
        assert len(group) >= 2, f"{kind} without marker"
    # default flows carry the slash, message flows are dashed with a start circle
    gateway = next(e for e in model.index.values() if getattr(e, "default", None))
    default = by_id(root, gateway.default)
    assert default.find(f"{SVG}line") is not None
    message = by_id(root, model.message_flows[0].id)
    assert message.find(f"{SVG}path").get("stroke-dasharray")
    assert message.find(f"{SVG}circle") is not None


def test_pool_and_lane_titles_are_vertical(b20: tuple[Definitions, etree._Element]) -> None:
    model, root = b20
    lane = next(iter(model.processes[0].lanes()), None) or next(
        lane for p in model.processes for lane in p.lanes()
    )
    text = by_id(root, lane.id).find(f"{SVG}text")
    assert text.get("transform") == "rotate(-90)"
    assert "".join(text.itertext()).strip() == lane.label


XML_PROCESS = """
<bpmn:collaboration id="C">
  <bpmn:participant id="Pool" name="{name}" processRef="P"/>
</bpmn:collaboration>
<bpmn:process id="P">
  <bpmn:laneSet id="LS"><bpmn:lane id="L1" name="{name}"><bpmn:flowNodeRef>S</bpmn:flowNodeRef>
  <bpmn:flowNodeRef>T</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
  <bpmn:startEvent id="S" name="{name}"/>
  <bpmn:userTask id="T" name="{name}"/>
  <bpmn:endEvent id="E"/>
  <bpmn:sequenceFlow id="F1" name="{name}" sourceRef="S" targetRef="T"/>
  <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>
  <bpmn:textAnnotation id="A"><bpmn:text>{name}</bpmn:text></bpmn:textAnnotation>
  <bpmn:association id="As" sourceRef="A" targetRef="T"/>
</bpmn:process>
"""
HOSTILE = "<script>alert(1)</script>"


def hostile_model() -> Definitions:
    escaped = HOSTILE.replace("<", "&lt;").replace(">", "&gt;")
    return read_bpmn(bpmn(XML_PROCESS.format(name=escaped)))


def test_user_text_is_escaped_everywhere() -> None:
    model = hostile_model()
    svg = render_svg(model, title=HOSTILE, overlays=[Overlay("T", badge=HOSTILE, note=HOSTILE)])
    assert "<script" not in svg
    root = parse(svg)
    assert not [el for el in root.iter() if etree.QName(el).localname == "script"]
    texts = ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]
    # pool, lane, start event, task, flow, annotation, title and badge all show it literally
    assert sum(HOSTILE in t or "alert(1)" in t for t in texts) >= 7
    assert root.find(f"{SVG}title").text == HOSTILE


def test_control_characters_and_quotes_keep_the_svg_valid() -> None:
    model = hostile_model()
    task = model.get("T")
    task.name = 'Antrag "prüfen" & \x0b\x01 weiterleiten \ud800'
    root = parse(render_svg(model, overlays=[Overlay("T", colour='red" onload="x')]))
    text = " ".join(" ".join(by_id(root, "T").itertext()).split())
    assert text == 'Antrag "prüfen" & weiterleiten'  # controls and the lone surrogate dropped
    overlay = next(el for el in root.iter(f"{SVG}g") if el.get("data-overlay-for") == "T")
    assert overlay.find(f"{SVG}rect").get("stroke") == 'red" onload="x'
    assert all(el.get("onload") is None for el in root.iter())


# -- overlays and heat -------------------------------------------------------------------
def test_overlays_badges_severity_and_heat() -> None:
    model = import_file(SAMPLES / "gewerbeanmeldung_ist.bpmn")
    tasks = [e.id for e in model.index.values() if getattr(e, "type", "").endswith("Task")][:3]
    flow = next(e.id for e in model.index.values() if getattr(e, "type", "") == "sequenceFlow")
    overlays = [
        Overlay(tasks[0], badge="1", severity="high", note="Medienbruch"),
        Overlay(tasks[0], badge="2", severity="low"),
        Overlay(tasks[1], badge="3", severity="medium"),
        Overlay(tasks[2], severity="low"),
        Overlay(flow, badge="4", colour="#7b1fa2"),
        Overlay("does-not-exist", badge="9", severity="high"),
    ]
    heat = {tasks[1]: 1.0, tasks[2]: 0.25}
    root = parse(render_svg(model, overlays=overlays, heat=heat))
    groups = {
        el.get("data-overlay-for"): el for el in root.iter(f"{SVG}g") if el.get("data-overlay-for")
    }
    assert set(groups) == {tasks[0], tasks[1], tasks[2], flow}
    first = groups[tasks[0]]
    badges = ["".join(b.itertext()) for b in first.iter(f"{SVG}g") if b.get("class") == "badge"]
    assert badges == ["1", "2"]
    assert first.find(f"{SVG}rect").get("stroke") == "#d32f2f"  # the highest severity wins
    assert first.find(f"{SVG}title").text == "Medienbruch"
    assert groups[tasks[1]].find(f"{SVG}rect").get("stroke") == "#f57c00"
    assert groups[tasks[2]].find(f"{SVG}rect").get("stroke") == "#1976d2"
    assert not [b for b in groups[tasks[2]].iter(f"{SVG}g") if b.get("class") == "badge"]
    assert groups[flow].find(f"{SVG}path").get("stroke") == "#7b1fa2"
    assert by_id(root, tasks[1]).find(f"{SVG}rect").get("fill") == heat_colour(1.0)
    assert by_id(root, tasks[2]).find(f"{SVG}rect").get("fill") == heat_colour(0.25)
    assert by_id(root, tasks[0]).find(f"{SVG}rect").get("fill") == "#ffffff"


def test_heat_colour_scale() -> None:
    assert heat_colour(-1) == heat_colour(0.0) != heat_colour(0.5) != heat_colour(1.0)
    assert heat_colour(2) == heat_colour(1.0) and heat_colour(float("nan")) == heat_colour(0)


# -- diagram choice and models without DI ----------------------------------------------
def test_diagram_by_index_id_and_plane_element() -> None:
    model = import_file(require_shared("testdata", "miwg-reference", "C.4.0.bpmn"))
    second = model.diagrams[1]
    by_index = render_svg(model, diagram=1)
    assert render_svg(model, diagram=second.id) == by_index
    assert render_svg(model, diagram=second.plane.bpmn_element) == by_index
    assert by_index != render_svg(model)
    with pytest.raises(DiagramNotFound, match="out of range: the model has 4 diagram"):
        render_svg(model, diagram=7)
    with pytest.raises(DiagramNotFound, match="'nope' not found"):
        render_svg(model, diagram="nope")


def test_model_without_di_is_laid_out() -> None:
    model = import_file(SAMPLES / "wohngeldantrag_ist.bpmn")
    bare = dataclasses.replace(model, diagrams=[], _index=None)
    root = parse(render_svg(bare))
    nodes = {
        e.id
        for p in model.processes
        for e in p.flow_elements
        if type(e).__name__ in {"Task", "Event", "Gateway", "SubProcess", "CallActivity"}
    }
    assert nodes and nodes <= drawn_ids(root)
    assert bare.diagrams == []  # the caller's model is left alone


def test_empty_model_gives_a_valid_document() -> None:
    root = parse(render_svg(read_bpmn(bpmn("")), title="leer"))
    assert root.get("width") and re.fullmatch(r"[-\d. ]+", root.get("viewBox"))


def test_partial_di_is_laid_out_but_undrawn_called_processes_are_not() -> None:
    from processanalysis.render.svg import has_partial_di

    model = import_file(SAMPLES / "gewerbeanmeldung_soll.bpmn")
    assert not has_partial_di(model)
    plane = model.diagrams[0].plane
    task = next(e for e in model.index.values() if getattr(e, "type", "").endswith("Task"))
    plane.elements = [e for e in plane.elements if e.bpmn_element != task.id]
    assert has_partial_di(model)
    assert task.id in drawn_ids(parse(render_svg(model)))  # laid out anew, the task included
    assert task.id not in drawn_ids(parse(render_svg(model, diagram=0)))  # as the DI says
    # B.2.0 does not draw its called global process at all: its own DI is used
    b20 = import_file(require_shared("testdata", "miwg-reference", "B.2.0.bpmn"))
    assert not has_partial_di(b20)
    assert render_svg(b20) == render_svg(b20, diagram=0)


def test_long_badges_become_pills() -> None:
    model = hostile_model()
    root = parse(render_svg(model, overlays=[Overlay("T", badge="1,2,3+", severity="high")]))
    badge = next(el for el in root.iter(f"{SVG}g") if el.get("class") == "badge")
    assert float(badge.find(f"{SVG}rect").get("width")) > 40
    assert "".join(badge.itertext()) == "1,2,3+"


def test_gallery_links_references_and_writes_only_svgs(tmp_path: Path) -> None:
    from processanalysis.render.gallery import main

    reference = require_shared("testdata", "miwg-reference")
    out = tmp_path / "docs" / "gallery"
    assert main([str(out), "--reference", str(reference)]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert not [n for n in written if not n.endswith((".svg", ".md", ".html"))]
    index = (out / "index.md").read_text(encoding="utf-8")
    for model in MIWG:
        assert f"| {model.stem} |" in index
        assert (out / f"{model.stem}.auto.svg").exists()
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", index)  # the images
    pngs = [link for link in links if link.endswith(".png")]
    assert len(pngs) >= len(MIWG)
    for link in links:
        assert not Path(link).is_absolute()
        assert (out / link).exists(), link  # every image, ours and the references, resolves
    for svg in out.glob("*.svg"):
        parse(svg.read_text(encoding="utf-8"))
    assert main([str(tmp_path / "x"), "--reference", str(tmp_path / "missing")]) == 2


def test_committed_gallery_is_complete() -> None:
    gallery = Path(__file__).resolve().parents[1] / "docs" / "gallery"
    index = (gallery / "index.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\(([^)]+\.svg)\)", index):
        assert (gallery / link).exists(), link
    assert not list(gallery.glob("*.png"))  # reference renderings are linked, never copied
    for model in MIWG:
        assert f"| {model.stem} |" in index


def test_broken_di_numbers_keep_the_document_valid() -> None:
    di = (
        '<bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="PL" bpmnElement="P">'
        '<bpmndi:BPMNShape id="S_di" bpmnElement="S"><dc:Bounds x="NaN" y="10" width="36" '
        'height="36"/></bpmndi:BPMNShape>'
        '<bpmndi:BPMNShape id="T_di" bpmnElement="T"><dc:Bounds x="100" y="INF" width="1e400" '
        'height="80"/></bpmndi:BPMNShape>'
        '<bpmndi:BPMNShape id="E_di" bpmnElement="E"><dc:Bounds x="300" y="20" width="36" '
        'height="36"/></bpmndi:BPMNShape>'
        '<bpmndi:BPMNEdge id="F_di" bpmnElement="F1"><di:waypoint x="-inf" y="1"/>'
        '<di:waypoint x="5" y="nan"/></bpmndi:BPMNEdge>'
        "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>"
    )
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P"><bpmn:startEvent id="S"/><bpmn:task id="T"/>'
            '<bpmn:endEvent id="E"/><bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T"/>'
            "</bpmn:process>" + di
        )
    )
    root = parse(render_svg(model, diagram=0))
    assert {"S", "T", "E", "F1"} <= drawn_ids(root)
    assert 0 < float(root.get("width")) < 1000 and 0 < float(root.get("height")) < 1000
    assert "nan" not in etree.tostring(root).decode().lower()
    assert "inf" not in etree.tostring(root).decode().lower()


DEFINITIONS = [
    "message",
    "timer",
    "error",
    "escalation",
    "signal",
    "compensate",
    "conditional",
    "link",
]


def test_every_event_definition_has_a_distinct_symbol_filled_when_thrown() -> None:
    body = ['<bpmn:process id="P">']
    for kind in DEFINITIONS:
        body.append(
            f'<bpmn:intermediateCatchEvent id="c_{kind}"><bpmn:{kind}EventDefinition/>'
            f"</bpmn:intermediateCatchEvent>"
            f'<bpmn:intermediateThrowEvent id="t_{kind}"><bpmn:{kind}EventDefinition/>'
            f"</bpmn:intermediateThrowEvent>"
        )
    body.append(
        '<bpmn:endEvent id="terminate"><bpmn:terminateEventDefinition/></bpmn:endEvent>'
        '<bpmn:endEvent id="cancel"><bpmn:cancelEventDefinition/></bpmn:endEvent>'
        '<bpmn:startEvent id="multiple"><bpmn:messageEventDefinition/>'
        "<bpmn:timerEventDefinition/></bpmn:startEvent>"
        '<bpmn:startEvent id="parallel" parallelMultiple="true"><bpmn:messageEventDefinition/>'
        "<bpmn:timerEventDefinition/></bpmn:startEvent>"
        '<bpmn:startEvent id="none"/></bpmn:process>'
    )
    root = parse(render_svg(read_bpmn(bpmn("".join(body)))))

    def icon(ident: str) -> etree._Element | None:
        return by_id(root, ident).find(f"{SVG}g")  # the symbol's group inside the event

    symbols = set()
    for kind in DEFINITIONS:
        catch, throw = icon(f"c_{kind}"), icon(f"t_{kind}")
        assert catch is not None and throw is not None, kind
        symbols.add(etree.tostring(catch))
        fills = {el.get("fill") for el in throw.iter() if el.get("fill")}
        if kind not in ("timer", "conditional"):  # these two have no throwing form
            assert "#22242a" in fills, f"throwing {kind} is not filled"
            assert etree.tostring(catch) != etree.tostring(throw)
    for ident in ("terminate", "cancel", "multiple", "parallel"):
        symbols.add(etree.tostring(icon(ident)))
    assert len(symbols) == len(DEFINITIONS) + 4  # all distinct
    assert icon("none") is None


def test_activity_markers_and_gateway_variants() -> None:
    xml = bpmn(
        '<bpmn:process id="P">'
        '<bpmn:task id="loop"><bpmn:standardLoopCharacteristics/></bpmn:task>'
        '<bpmn:task id="par"><bpmn:multiInstanceLoopCharacteristics/></bpmn:task>'
        '<bpmn:task id="seq"><bpmn:multiInstanceLoopCharacteristics isSequential="true"/>'
        "</bpmn:task>"
        '<bpmn:task id="comp" isForCompensation="true"/>'
        '<bpmn:adHocSubProcess id="adhoc"><bpmn:task id="inner"/></bpmn:adHocSubProcess>'
        '<bpmn:transaction id="tx"/>'
        '<bpmn:subProcess id="evsub" triggeredByEvent="true"/>'
        '<bpmn:eventBasedGateway id="ebg"/>'
        '<bpmn:eventBasedGateway id="ebg_inst" instantiate="true"/>'
        '<bpmn:eventBasedGateway id="ebg_par" instantiate="true" eventGatewayType="Parallel"/>'
        '<bpmn:complexGateway id="cg"/><bpmn:exclusiveGateway id="xg"/>'
        '<bpmn:dataObject id="DO" isCollection="true"/>'
        '<bpmn:dataObjectReference id="DOR" dataObjectRef="DO"/>'
        '<bpmn:dataStoreReference id="DS"/>'
        "</bpmn:process>"
    )
    root = parse(render_svg(read_bpmn(xml)))

    def markup(ident: str) -> str:
        return etree.tostring(by_id(root, ident)).decode()

    assert 'd="M3.2,11.2 A5.6,5.6' in markup("loop")
    assert markup("par").count('width="2.2" height="12"') == 3
    assert markup("seq").count('width="12" height="2.2"') == 3
    assert 'd="M7,3 L7,11 L1,7 Z' in markup("comp")
    assert 'd="M1,8 C3,4' in markup("adhoc") and 'd="M7,3 V11 M3,7 H11"' in markup("adhoc")
    assert 'rx="10"' in markup("tx") and 'rx="7"' in markup("tx")  # double border
    assert 'stroke-dasharray="1.5,3"' in markup("evsub")
    circles = [markup(g).count("<circle") for g in ("ebg", "ebg_inst", "ebg_par")]
    assert circles == [2, 1, 1]
    assert markup("ebg_par") != markup("ebg_inst")
    assert markup("cg").count("<polygon") == 3  # diamond + two crossing bars
    assert 'transform="rotate(45)"' in markup("xg")  # the layout sets isMarkerVisible
    laid = auto_layout(read_bpmn(xml))
    shape = next(s for s in laid.diagrams[0].plane.shapes if s.bpmn_element == "xg")
    shape.is_marker_visible = None
    plain = etree.tostring(by_id(parse(render_svg(laid)), "xg")).decode()
    assert 'transform="rotate(45)"' not in plain  # no X where the DI does not ask for it
    assert markup("DOR").count('width="2" height="10"') == 3  # collection marker
    assert markup("DS").count(" A") >= 4  # the cylinder's arcs
