"""XML namespaces of BPMN 2.0 and the aliases real tools write instead of them."""

from __future__ import annotations

__all__ = [
    "BPMN",
    "BPMNDI",
    "DC",
    "DI",
    "NAMESPACE_ALIASES",
    "PA",
    "STANDARD_PREFIXES",
    "VENDOR_NAMESPACES",
    "XSI",
]

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
#: The workbench's own extension namespace (medium, IT system, times, volumes).
PA = "urn:processanalysis:bpmn:1.0"

#: Namespaces that pre-final drafts and some XMI-based exporters use for the same
#: vocabulary. Elements in them are read as if they were in the standard namespace.
NAMESPACE_ALIASES: dict[str, str] = {
    "http://schema.omg.org/spec/BPMN/2.0": BPMN,
    "http://www.omg.org/spec/BPMN/20100501/MODEL": BPMN,
    "http://www.omg.org/spec/BPMN/20100524/MODEL-XMI": BPMN,
    "http://www.omg.org/spec/BPMN/20100501/DI": BPMNDI,
    "http://www.omg.org/spec/BPMN/20100524/DI-XMI": BPMNDI,
    "http://www.omg.org/spec/DD/20100524/DC-XMI": DC,
    "http://www.omg.org/spec/DD/20100524/DI-XMI": DI,
    "http://www.omg.org/spec/DD/20100501/DC": DC,
    "http://www.omg.org/spec/DD/20100501/DI": DI,
}

#: Prefixes used when writing. Camunda Modeler's choice, so exports diff cleanly.
STANDARD_PREFIXES: dict[str, str] = {
    "bpmn": BPMN,
    "bpmndi": BPMNDI,
    "dc": DC,
    "di": DI,
    "xsi": XSI,
    "pa": PA,
}

#: Extension namespaces of modelling tools, for the import fidelity report.
VENDOR_NAMESPACES: dict[str, str] = {
    "http://www.boc-group.com": "ADONIS (BOC)",
    "http://www.softwareag.com/aris/attributes": "ARIS",
    "http://www.softwareag.com/aris/ebpmn": "ARIS",
    "http://www.signavio.com": "SAP Signavio",
    "http://camunda.org/schema/1.0/bpmn": "Camunda",
    "http://camunda.org/schema/zeebe/1.0": "Camunda 8 (Zeebe)",
    "http://camunda.org/schema/modeler/1.0": "Camunda Modeler",
    "http://activiti.org/bpmn": "Activiti/Flowable",
    "http://flowable.org/bpmn": "Flowable",
    "http://bpmn.io/schema/bpmn/biocolor/1.0": "bpmn.io (colours)",
    "http://www.omg.org/spec/BPMN/non-normative/color/1.0": "BPMN colour extension",
    "http://www.bizagi.com/bpmn20": "Bizagi",
    "http://www.trisotech.com/2015/triso/modeling": "Trisotech",
    "http://www.trisotech.com/2014/triso/bpmn": "Trisotech",
    "http://www.itp-commerce.com/BPMN2.0": "itp commerce (Visio add-in)",
    "http://www.w4.eu/spec/BPMN/20110701/MODEL": "W4",
    "http://www.w4.eu/spec/BPMN/20110930/GRAPH": "W4",
    "http://www.jboss.org/drools": "jBPM/Drools",
    "http://www.bpsim.org/schemas/1.0": "BPSim",
    "http://www.bpsim.org/schemas/2.0": "BPSim",
    "http://www.qbp-simulator.com/Schema201212": "QBP (BIMP)",
    "http://www.omg.org/spec/BPMN/non-normative/extensions/i18n/1.0": "i18n extension",
    "http://www.omg.org/spec/BPMN/non-normative/extensions/envelope-decorator-bounds/1.0": (
        "envelope decorator"
    ),
    "http://knowprocess.com/bpmn": "KnowProcess",
    PA: "Prozessanalyse-Werkbank",
}
