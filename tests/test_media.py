"""Media classification and media-break detection on small German models."""

from __future__ import annotations

import itertools
import json

import pytest

from processanalysis import read_bpmn
from processanalysis.analysis.context import AnalysisContext
from processanalysis.analysis.media_breaks import break_type, media_break_records
from processanalysis.analysis.profile import load_profile
from processanalysis.analysis.registry import RULES
from processanalysis.analysis.vocabulary import VocabularyError, load_vocabulary
from tests.builders import context
from tests.conftest import bpmn

PA = 'xmlns:pa="urn:processanalysis:bpmn:1.0"'


def linear(*steps: str, extra: str = "") -> str:
    """A process with the given step elements chained by sequence flows."""
    ids = [f"n{i}" for i in range(len(steps))]
    nodes = "".join(step.format(id=node_id) for step, node_id in zip(steps, ids, strict=True))
    flows = "".join(
        f'<bpmn:sequenceFlow id="f{i}" sourceRef="{a}" targetRef="{b}"/>'
        for i, (a, b) in enumerate(itertools.pairwise(ids))
    )
    return f'<bpmn:process id="P" {PA}>{nodes}{flows}{extra}</bpmn:process>'


@pytest.mark.parametrize(
    ("label", "medium"),
    [
        ("Papierantrag prüfen", "paper"),
        ("Antragsformulare sortieren", "paper"),
        ("Bescheid per Post versenden", "paper"),
        ("Rückfrage per Telefax", "fax"),
        ("Antragsteller telefonisch informieren", "phone"),
        ("Ausweis persönlich vor Ort vorlegen", "in_person"),
        ("Rechnung per E-Mail an Fachamt weiterleiten", "email"),
        ("Liste in Excel-Tabelle pflegen", "document"),
        ("Rechnung einscannen", "document"),
        ("Daten in SAP erfassen", "it_system"),
        ("Vorgang in der E-Akte ablegen", "it_system"),
        ("Antrag über das Onlineportal stellen", "online_service"),
        ("Bescheid in den Postkorb des Nutzerkontos stellen", "online_service"),
    ],
)
def test_label_vocabulary_decides_medium_of_plain_tasks(label: str, medium: str) -> None:
    """German compounds and inflections in labels mark the medium of a plain task."""
    ctx = context(linear(f'<bpmn:task id="{{id}}" name="{label}"/>'))
    assert ctx.media["n0"].medium == medium
    assert ctx.media["n0"].source == "label"


def test_neutral_terms_do_not_match_inside_longer_words() -> None:
    """'Aktenzeichen' is no paper file; an unmarked label stays unclassified."""
    ctx = context(linear('<bpmn:task id="{id}" name="Aktenzeichen vergeben"/>'))
    assert "n0" not in ctx.media


def test_explicit_attribute_beats_everything() -> None:
    """pa:medium set by the analyst wins over task type and label."""
    ctx = context(linear('<bpmn:serviceTask id="{id}" name="Per Post versenden" pa:medium="fax"/>'))
    assert ctx.media["n0"].medium == "fax"
    assert ctx.media["n0"].source == "attribute"


def test_task_type_family_with_label_choice() -> None:
    """A user task is digital: the label picks e-mail; a manual task defaults to paper."""
    ctx = context(
        linear(
            '<bpmn:userTask id="{id}" name="Antwort per E-Mail senden"/>',
            '<bpmn:manualTask id="{id}" name="Unterlagen sortieren"/>',
            '<bpmn:serviceTask id="{id}" name="Gebühr berechnen"/>',
        )
    )
    assert ctx.media["n0"].medium == "email"
    assert ctx.media["n1"].medium == "paper"
    assert ctx.media["n2"].medium == "it_system"
    assert ctx.media["n2"].automated


def test_label_object_becomes_input_medium() -> None:
    """'Papierantrag im Fachverfahren erfassen': paper in, IT system out."""
    ctx = context(
        linear('<bpmn:userTask id="{id}" name="Papierantrag im Fachverfahren erfassen"/>')
    )
    assert (ctx.media["n0"].medium, ctx.media["n0"].input_medium) == ("it_system", "paper")


def test_data_store_output_decides_medium() -> None:
    """Writing into a data store makes the step an IT-system step, named after the store."""
    body = linear(
        '<bpmn:task id="{id}" name="Antrag bearbeiten">'
        '<bpmn:dataOutputAssociation id="a1"><bpmn:targetRef>ds</bpmn:targetRef>'
        "</bpmn:dataOutputAssociation></bpmn:task>",
        extra='<bpmn:dataStoreReference id="ds" name="Fachverfahren Gewerbe"/>',
    )
    ctx = context(body)
    assert ctx.media["n0"].medium == "it_system"
    assert ctx.media["n0"].source == "data"
    assert ctx.media["n0"].system == "Fachverfahren Gewerbe"


def rules(ctx: AnalysisContext) -> list:
    return list(RULES["media-break"].function(ctx))


def test_paper_to_system_break_skips_unclassified_steps() -> None:
    """A paper input re-keyed into the Fachverfahren two steps later is one high break."""
    ctx = context(
        linear(
            '<bpmn:task id="{id}" name="Papierantrag entgegennehmen"/>',
            '<bpmn:task id="{id}" name="Vollständigkeit feststellen"/>',
            '<bpmn:task id="{id}" name="Antrag im Fachverfahren erfassen"/>',
        )
    )
    findings = rules(ctx)
    assert [(f.elements, f.data["break_type"], f.severity) for f in findings] == [
        (["n0", "n2"], "analogue_to_system", "high")
    ]
    assert findings[0].from_medium == "paper"
    assert findings[0].to_medium == "it_system"
    assert any("papier" in e.detail.lower() for e in findings[0].evidence)


def test_print_sign_scan_is_one_chain_finding() -> None:
    """IT system → print and sign → scan is reported once as digital → analogue → digital."""
    ctx = context(
        linear(
            '<bpmn:userTask id="{id}" name="Bescheid im Fachverfahren erstellen"/>',
            '<bpmn:manualTask id="{id}" name="Bescheid ausdrucken"/>',
            '<bpmn:manualTask id="{id}" name="Bescheid unterschreiben"/>',
            '<bpmn:task id="{id}" name="Bescheid einscannen"/>',
        )
    )
    findings = rules(ctx)
    types = [f.data["break_type"] for f in findings]
    assert types == ["digital_analogue_digital"]
    assert findings[0].elements == ["n0", "n3"]
    assert set(findings[0].data["intermediate"]) == {"n1", "n2"}


def test_two_named_systems_without_interface() -> None:
    """Copying from SAP into the Fachverfahren is a system-to-system break."""
    ctx = context(
        linear(
            '<bpmn:userTask id="{id}" name="Zahlung prüfen" pa:itSystem="SAP"/>',
            '<bpmn:userTask id="{id}" name="Zahlung eintragen" pa:itSystem="Fachverfahren Hund"/>',
        )
    )
    assert [f.data["break_type"] for f in rules(ctx)] == ["system_to_system"]


def test_same_medium_and_automated_consumers_are_no_breaks() -> None:
    """E-mail to e-mail is no break; a service task fed by paper carries nothing by hand."""
    same = context(
        linear(
            '<bpmn:task id="{id}" name="Anfrage per E-Mail erhalten"/>',
            '<bpmn:task id="{id}" name="Antwort per E-Mail senden"/>',
        )
    )
    assert rules(same) == []
    automated = context(
        linear(
            '<bpmn:manualTask id="{id}" name="Formular ausfüllen"/>',
            '<bpmn:serviceTask id="{id}" name="Daten übernehmen"/>',
        )
    )
    assert automated.media["n0"].medium == "paper"
    assert rules(automated) == []


def test_message_flow_from_citizen_pool_carries_paper() -> None:
    """A letter from a black-box citizen pool re-keyed by a user task is a break across pools."""
    body = (
        '<bpmn:collaboration id="C"><bpmn:participant id="B" name="Bürger/in"/>'
        '<bpmn:participant id="A" name="Stadt" processRef="P"/>'
        '<bpmn:messageFlow id="m" name="Antrag per Post" sourceRef="B" targetRef="n0"/>'
        "</bpmn:collaboration>" + linear('<bpmn:userTask id="{id}" name="Antrag bearbeiten"/>')
    )
    findings = rules(context(body))
    assert [(f.elements, f.data["break_type"], f.data["via"]) for f in findings] == [
        (["B", "n0"], "analogue_to_system", "message")
    ]


def test_break_type_table() -> None:
    """The break taxonomy of PRODUCT.md as a pure function."""
    assert break_type("fax", "online_service") == "analogue_to_system"
    assert break_type("it_system", "paper") == "digital_to_analogue"
    assert break_type("email", "it_system") == "unstructured_to_system"
    assert break_type("online_service", "it_system") == "system_to_system"
    assert break_type("it_system", "it_system", "SAP", "sap") is None
    assert break_type("phone", "paper") == "analogue_change"


def test_profile_sets_break_severity(tmp_path) -> None:
    """An organisation's profile can lower a break type's severity without code."""
    profile = {
        "name": "Test",
        "rules": {"media-break": {"severity": {"analogue_to_system": "low"}}},
    }
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    ctx = AnalysisContext(
        read_bpmn(
            bpmn(
                linear(
                    '<bpmn:task id="{id}" name="Papierantrag entgegennehmen"/>',
                    '<bpmn:task id="{id}" name="Antrag im Fachverfahren erfassen"/>',
                )
            )
        ),
        load_profile(path),
    )
    assert [f.severity for f in rules(ctx)] == ["low"]
    assert len(media_break_records(ctx)) == 1


def test_user_vocabulary_extends_the_shipped_one(tmp_path) -> None:
    """A municipality adds its own Fachverfahren name as vocabulary data."""
    extra = tmp_path / "vocabulary.json"
    extra.write_text(
        json.dumps(
            {"terms": [{"term": "VOIS", "medium": "it_system", "role": "channel", "match": "word"}]}
        ),
        encoding="utf-8",
    )
    vocabulary = load_vocabulary(extra)
    assert [m.medium for m in vocabulary.find("Meldung in VOIS prüfen")] == ["it_system"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"terms": [{"term": "x", "medium": "pigeon"}]}', encoding="utf-8")
    with pytest.raises(VocabularyError, match="pigeon"):
        load_vocabulary(bad)


@pytest.mark.parametrize(
    ("label", "medium"),
    [
        ("Gewerbeakte anlegen", "paper"),
        ("Reiserechnung prüfen", None),
        ("Vermerk in der E-Akte speichern", "it_system"),
        ("E-Aktenvermerk schreiben", "it_system"),
        ("XRechnung empfangen", "it_system"),
    ],
)
def test_prefix_terms_match_only_at_the_start_of_a_word(label: str, medium: str | None) -> None:
    """'eakte' inside 'Gewerbeakte' (gewerb-e-akte) must not make a paper file digital."""
    found = load_vocabulary().find(label)
    assert (found[0].medium if found else None) == medium, found


def test_online_service_into_fachverfahren_is_an_interface_unless_rekeyed() -> None:
    """Online service → IT system is a break only where the label says a person enters data."""
    interface = context(
        linear(
            '<bpmn:task id="{id}" name="Antrag im Onlineportal eingegangen"/>',
            '<bpmn:userTask id="{id}" name="Antrag im Fachverfahren prüfen"/>',
        )
    )
    assert rules(interface) == []
    rekeyed = context(
        linear(
            '<bpmn:task id="{id}" name="Antrag im Onlineportal eingegangen"/>',
            '<bpmn:userTask id="{id}" name="Antragsdaten im Fachverfahren erfassen"/>',
        )
    )
    assert [f.data["break_type"] for f in rules(rekeyed)] == ["system_to_system"]


def test_events_never_consume_a_break() -> None:
    """A message start event on another medium receives; the break lies at the next step."""
    ctx = context(
        linear(
            '<bpmn:task id="{id}" name="Antrag per Post senden"/>',
            '<bpmn:intermediateCatchEvent id="{id}" name="Antrag im Fachverfahren eingegangen">'
            "<bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>",
        )
    )
    assert rules(ctx) == []


def test_medium_attributes_round_trip_through_export() -> None:
    """pa:medium and pa:itSystem set by an analyst survive export and re-import."""
    from processanalysis import export_bpmn

    model = read_bpmn(
        bpmn(
            linear(
                '<bpmn:task id="{id}" name="Prüfen" pa:medium="phone"/>',
                '<bpmn:userTask id="{id}" name="Buchen" pa:itSystem="SAP"/>',
            )
        )
    )
    again = AnalysisContext(read_bpmn(export_bpmn(model)), load_profile())
    assert again.media["n0"].medium == "phone"
    assert again.media["n0"].evidence[0].source == "attribute"
    assert again.media["n1"].system == "SAP"
