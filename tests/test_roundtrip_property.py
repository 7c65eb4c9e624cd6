"""Round-trip property: any model the dataclasses can hold survives export and re-import.

The models come from :mod:`tests.strategies`; the corpus tests cover what real tools
write, these cover what they might write (names with markup and line breaks, float
coordinates, deep nesting, every task, event and gateway type). The explicit examples
are the smallest models the property has failed on, so a regression fails at once,
without a search.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, assume, example, given, settings
from lxml import etree

from processanalysis.bpmn import namespaces as ns
from processanalysis.bpmn.compare import first_difference
from processanalysis.bpmn.exporter import export_bpmn
from processanalysis.bpmn.importer import read_bpmn
from processanalysis.bpmn.model import (
    DataAssociation,
    DataObject,
    DataObjectReference,
    Definitions,
    Process,
    Task,
)
from tests.strategies import CAMUNDA, GeneratedModel, generated_models

CI = os.environ.get("CI", "").lower() == "true"

# In CI the examples are derived from the test itself and nothing is stored between
# runs, so every run checks the same models and a failure reproduces anywhere.
PROPERTY = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    **({"derandomize": True, "database": None} if CI else {}),
)


def _document(*processes: Process, namespaces: dict[str, str] | None = None) -> GeneratedModel:
    model = Definitions(
        type="definitions",
        id="Definitions_1",
        target_namespace="urn:x",
        root_elements=list(processes),
        namespaces=namespaces or {},
    )
    return GeneratedModel(model, frozenset({"missing-di"}), schema_conformant=True)


# An extension whose prefix differs from the one the document declares for its namespace
# (root ``xmlns:cam``, extension ``xmlns:camunda``, as in files edited by hand or merged
# from two tools): lxml re-prefixes the fragment on export, so the verbatim text changes
# and a QName value inside it (``kind="camunda:Foo"``) loses its namespace.
FOREIGN_PREFIX = _document(
    Process(
        type="process",
        id="Process_1",
        extensions=[f'<camunda:properties xmlns:camunda="{CAMUNDA}"></camunda:properties>'],
    ),
    namespaces={"cam": CAMUNDA},
)

# bpmn.io's data input: the association targets a placeholder ``property`` of the task,
# which the model keeps verbatim in ``extra``; its id must count as known.
PLACEHOLDER_PROPERTY = _document(
    Process(
        type="process",
        id="Process_1",
        flow_elements=[
            DataObject(type="dataObject", id="DataObject_1"),
            DataObjectReference(
                type="dataObjectReference", id="DataRef_1", data_object="DataObject_1"
            ),
            Task(
                type="task",
                id="Task_1",
                extra=[
                    f'<bpmn:property xmlns:bpmn="{ns.BPMN}" id="Property_1" '
                    'name="__targetRef_placeholder"></bpmn:property>'
                ],
                data_inputs=[
                    DataAssociation(
                        type="dataInputAssociation",
                        id="DataInputAssociation_1",
                        sources=["DataRef_1"],
                        target="Property_1",
                    )
                ],
            ),
        ],
    )
)


@PROPERTY
@given(generated=generated_models())
@example(generated=FOREIGN_PREFIX)
@example(generated=PLACEHOLDER_PROPERTY)
def test_export_reimports_to_an_equal_model(generated: GeneratedModel) -> None:
    """``read_bpmn(export_bpmn(model)) == model``, with only the provoked warnings."""
    model = generated.model
    again = read_bpmn(export_bpmn(model))
    difference = first_difference(model, again)
    assert difference is None, f"re-import differs at {difference}"
    assert again == model
    unexpected = [
        (w.code, w.element_id, w.params)
        for w in again.warnings
        if w.code not in generated.expected_warnings
    ]
    assert not unexpected, f"unexpected import warnings: {unexpected}"
    assert {w.code for w in again.warnings} == generated.expected_warnings


@PROPERTY
@given(generated=generated_models())
def test_export_of_a_conformant_model_validates(
    generated: GeneratedModel, omg_schema: etree.XMLSchema
) -> None:
    """The export of a schema-conformant model validates against the OMG BPMN 2.0 XSD."""
    assume(generated.schema_conformant)
    document = etree.fromstring(export_bpmn(generated.model)).getroottree()
    assert omg_schema.validate(document), str(omg_schema.error_log)[:2000]
