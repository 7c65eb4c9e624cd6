"""UI strings in German (default) and English; code and identifiers stay English.

Messages about a file's content (errors, warnings, fidelity notes) come translated from
the library; this module holds only the page's own words.

Examples
--------
>>> text("de", "status.ok"), text("en", "status.ok")
('✓ gelesen', '✓ read')
>>> text("en", "count.someNewType", default="someNewType")
'someNewType'
"""

from __future__ import annotations

import re

import streamlit as st

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_KEY",
    "STRINGS",
    "current_language",
    "escape_markdown",
    "t",
    "text",
]

#: Language code -> its name in that language, in the order the switch offers them.
LANGUAGES: dict[str, str] = {"de": "Deutsch", "en": "English"}
DEFAULT_LANGUAGE = "de"
#: ``st.session_state`` key of the language switch.
LANGUAGE_KEY = "lang"

STRINGS: dict[str, dict[str, str]] = {
    "de": {
        "app.title": "Prozessanalyse",
        "app.language": "Sprache / Language",
        "nav.processes": "Prozesse",
        "page.import": "Import & Prüfung",
        "import.title": "Import & Prüfung",
        "import.intro": (
            "Laden Sie BPMN-2.0-Modelle (`.bpmn` oder `.xml`, z. B. aus Signavio, ADONIS, "
            "Camunda Modeler oder bpmn.io) hoch. Für jede Datei sehen Sie, welche "
            "Teilnehmer und Organisationseinheiten (Lanes) sie enthält, wie viele Elemente "
            "welchen Typs gelesen wurden, welche Hinweise der Import hat und was mit "
            "herstellerspezifischen Daten geschehen ist. Eine Datei, die nicht gelesen "
            "werden kann, wird mit dem Grund angezeigt."
        ),
        "import.uploader": "BPMN-Dateien hochladen (höchstens {limit_mb} MB je Datei)",
        "import.uploader_help": (
            "Mehrere Dateien auf einmal möglich. Exportieren Sie das Modell in Ihrem "
            "Werkzeug als BPMN 2.0 XML."
        ),
        "import.samples": "Beispielprozess",
        "import.sample_load": "Beispiel laden",
        "import.samples_clear": "Beispiele entfernen",
        "import.no_samples": (
            "Es sind noch keine Beispielprozesse hinterlegt (Ordner `sample_processes/`)."
        ),
        "import.empty": (
            "Noch keine Datei geladen. Laden Sie eine Datei hoch oder wählen Sie einen "
            "Beispielprozess."
        ),
        "summary.title": "Übersicht",
        "summary.caption": "{files} Datei(en), davon {failed} nicht lesbar.",
        "summary.caption_ok": "{files} Datei(en), alle gelesen.",
        "col.file": "Datei",
        "col.status": "Status",
        "col.participants": "Teilnehmer",
        "col.lanes": "Lanes",
        "col.tasks": "Aufgaben",
        "col.warnings": "Hinweise",
        "col.participant": "Teilnehmer",
        "col.kind": "Art",
        "col.lane": "Lane (Organisationseinheit)",
        "col.nodes": "Elemente in der Lane",
        "col.element_type": "Elementtyp",
        "col.bpmn_type": "BPMN",
        "col.count": "Anzahl",
        "col.code": "Code",
        "col.message": "Meldung",
        "col.line": "Zeile",
        "col.vendor": "Hersteller",
        "col.extension_elements": "Erweiterungselemente",
        "col.attributes": "Attribute",
        "col.recognised": "Erkannte Parameter",
        "status.ok": "✓ gelesen",
        "status.failed": "✗ nicht lesbar",
        "tab.structure": "Teilnehmer & Lanes",
        "tab.counts": "Elemente",
        "tab.warnings": "Hinweise ({count})",
        "tab.fidelity": "Importbericht",
        "pool.process": "Pool mit Ablauf",
        "pool.black_box": "Black Box (ohne modellierten Ablauf)",
        "structure.none": "Die Datei enthält keine Teilnehmer und keinen Prozess.",
        "warnings.none": "Keine Hinweise – die Datei wurde ohne Auffälligkeiten gelesen.",
        "fidelity.none": "Für diese Datei liegt kein Importbericht vor.",
        "fidelity.kept": "Übernommen",
        "fidelity.converted": "Umgewandelt",
        "fidelity.dropped": "Geht beim Export verloren",
        "fidelity.vendors": "Herstellerdaten",
        "fidelity.nothing": "nichts",
        "fidelity.no_vendors": "Keine herstellerspezifischen Daten gefunden.",
        "error.line": "Zeile {line}",
        "error.code": "Fehlercode {code}",
        "error.unexpected": (
            "Beim Lesen ist ein unerwarteter Fehler aufgetreten ({kind}). Die Datei wurde "
            "nicht übernommen. Bitte geben Sie die Datei an das Entwicklungsteam weiter."
        ),
        "count.participant": "Teilnehmer (Pools)",
        "count.process": "Prozesse",
        "count.lane": "Lanes (Organisationseinheiten)",
        "count.task": "Aufgaben",
        "count.subProcess": "Teilprozesse",
        "count.callActivity": "Aufrufaktivitäten",
        "count.event": "Ereignisse",
        "count.gateway": "Gateways",
        "count.sequenceFlow": "Sequenzflüsse",
        "count.messageFlow": "Nachrichtenflüsse",
        "count.dataObjectReference": "Datenobjekte",
        "count.dataStoreReference": "Datenspeicher",
        "count.textAnnotation": "Textanmerkungen",
        "count.shape": "Diagrammformen",
        "count.edge": "Diagrammkanten",
        "count.resolved_flows": "Flüsse mit vorhandener Quelle und vorhandenem Ziel",
    },
    "en": {
        "app.title": "Process analysis",
        "app.language": "Sprache / Language",
        "nav.processes": "Processes",
        "page.import": "Import & check",
        "import.title": "Import & check",
        "import.intro": (
            "Upload BPMN 2.0 models (`.bpmn` or `.xml`, e.g. from Signavio, ADONIS, Camunda "
            "Modeler or bpmn.io). For each file you see which participants and "
            "organisational units (lanes) it holds, how many elements of each type were "
            "read, what the import noticed, and what happened to vendor-specific data. A "
            "file that cannot be read is shown with the reason."
        ),
        "import.uploader": "Upload BPMN files (at most {limit_mb} MB per file)",
        "import.uploader_help": (
            "Several files at once. Export the model from your tool as BPMN 2.0 XML."
        ),
        "import.samples": "Sample process",
        "import.sample_load": "Load sample",
        "import.samples_clear": "Remove samples",
        "import.no_samples": "No sample processes are available yet (folder `sample_processes/`).",
        "import.empty": "No file loaded yet. Upload a file or choose a sample process.",
        "summary.title": "Overview",
        "summary.caption": "{files} file(s), {failed} of them unreadable.",
        "summary.caption_ok": "{files} file(s), all read.",
        "col.file": "File",
        "col.status": "Status",
        "col.participants": "Participants",
        "col.lanes": "Lanes",
        "col.tasks": "Tasks",
        "col.warnings": "Warnings",
        "col.participant": "Participant",
        "col.kind": "Kind",
        "col.lane": "Lane (organisational unit)",
        "col.nodes": "Elements in the lane",
        "col.element_type": "Element type",
        "col.bpmn_type": "BPMN",
        "col.count": "Count",
        "col.code": "Code",
        "col.message": "Message",
        "col.line": "Line",
        "col.vendor": "Vendor",
        "col.extension_elements": "Extension elements",
        "col.attributes": "Attributes",
        "col.recognised": "Recognised parameters",
        "status.ok": "✓ read",
        "status.failed": "✗ unreadable",
        "tab.structure": "Participants & lanes",
        "tab.counts": "Elements",
        "tab.warnings": "Warnings ({count})",
        "tab.fidelity": "Import report",
        "pool.process": "Pool with process",
        "pool.black_box": "Black box (no modelled process)",
        "structure.none": "The file holds no participants and no process.",
        "warnings.none": "No warnings – the file was read without anything to note.",
        "fidelity.none": "There is no import report for this file.",
        "fidelity.kept": "Kept",
        "fidelity.converted": "Converted",
        "fidelity.dropped": "Lost on export",
        "fidelity.vendors": "Vendor data",
        "fidelity.nothing": "nothing",
        "fidelity.no_vendors": "No vendor-specific data found.",
        "error.line": "line {line}",
        "error.code": "error code {code}",
        "error.unexpected": (
            "An unexpected error occurred while reading ({kind}). The file was not "
            "imported. Please pass the file on to the development team."
        ),
        "count.participant": "Participants (pools)",
        "count.process": "Processes",
        "count.lane": "Lanes (organisational units)",
        "count.task": "Tasks",
        "count.subProcess": "Sub-processes",
        "count.callActivity": "Call activities",
        "count.event": "Events",
        "count.gateway": "Gateways",
        "count.sequenceFlow": "Sequence flows",
        "count.messageFlow": "Message flows",
        "count.dataObjectReference": "Data objects",
        "count.dataStoreReference": "Data stores",
        "count.textAnnotation": "Text annotations",
        "count.shape": "Diagram shapes",
        "count.edge": "Diagram edges",
        "count.resolved_flows": "Flows whose source and target both exist",
    },
}


def text(lang: str, key: str, *, default: str | None = None, **params: object) -> str:
    """The string ``key`` in ``lang``, falling back to German, then to ``default`` or the key."""
    template = STRINGS.get(lang, {}).get(key) or STRINGS[DEFAULT_LANGUAGE].get(key)
    if template is None:
        return key if default is None else default
    return template.format(**params) if params else template


def current_language() -> str:
    """The language chosen in the sidebar switch (German until the user switches)."""
    lang = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, *, default: str | None = None, **params: object) -> str:
    """The string ``key`` in the current language."""
    return text(current_language(), key, default=default, **params)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(value: object) -> str:
    r"""``value`` as literal text inside Streamlit Markdown (file names, ids, XML tags).

    Examples
    --------
    >>> print(escape_markdown("<html> _draft_.bpmn"))
    \<html\> \_draft\_\.bpmn
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
