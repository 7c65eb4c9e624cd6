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
        "page.analysis": "Analyse",
        "analysis.title": "Analyse",
        "analysis.intro": (
            "Die Analyse zeigt die Schwachstellen eines Prozessmodells: Medienbrüche, "
            "Übergaben zwischen Organisationseinheiten, Engpässe und Mängel im Modell. "
            "Wählen Sie einen Beispielprozess oder laden Sie ein eigenes BPMN-2.0-Modell hoch."
        ),
        "analysis.sample": "Beispielprozess",
        "analysis.uploader": "Oder eigene Datei analysieren (.bpmn/.xml, höchstens {limit_mb} MB)",
        "analysis.uploader_help": (
            "Exportieren Sie das Modell in Ihrem Werkzeug als BPMN 2.0 XML. Solange eine "
            "Datei hochgeladen ist, wird sie statt des Beispiels analysiert."
        ),
        "analysis.source_upload": "Analysiert wird die hochgeladene Datei „{name}“.",
        "analysis.source_sample": "Analysiert wird der Beispielprozess „{name}“.",
        "analysis.empty": "Wählen Sie einen Beispielprozess oder laden Sie eine Datei hoch.",
        "analysis.unexpected": (
            "Bei der Analyse ist ein unerwarteter Fehler aufgetreten ({kind}). Bitte geben "
            "Sie die Datei an das Entwicklungsteam weiter."
        ),
        "kpi.activities": "Aktivitäten",
        "kpi.media_breaks": "Medienbrüche",
        "kpi.handoffs": "Übergaben",
        "kpi.handoffs_per_case": "Übergaben je Fall",
        "kpi.handoffs_per_case_help": (
            "Erwartete Übergaben in einem Fall, gewichtet mit den "
            "Verzweigungswahrscheinlichkeiten (gleich verteilt, wo das Modell keine nennt)."
        ),
        "kpi.units": "Organisationseinheiten",
        "kpi.units_help": "Beteiligte Einheiten der Verwaltung; externe Beteiligte: {external}.",
        "kpi.digital_share": "Digitalanteil",
        "kpi.digital_share_help": (
            "Anteil der Aktivitäten auf einem digitalen Medium (E-Mail, Datei, IT-System, "
            "Online-Dienst)."
        ),
        "kpi.manual_share": "Manueller Anteil",
        "kpi.manual_share_help": (
            "Anteil der Aktivitäten, die eine Person ausführt (keine Service-, Skript- "
            "oder Regelaufgabe)."
        ),
        "kpi.findings": "Befunde",
        "kpi.findings_help": "Alle Befunde der Analyse: {severities}.",
        "diagram.title": "Diagramm",
        "diagram.caption": (
            "Elemente mit Befunden sind farbig umrandet und tragen die Zahl ihrer Befunde. "
            "Ein Klick darauf zeigt ihre Befunde in der Tabelle; eine Zeile der Tabelle "
            "zeigt ihre Elemente im Diagramm. Mausrad: zoomen, Ziehen: verschieben."
        ),
        "diagram.missing": (
            "Die Diagrammanzeige ist nicht installiert (bpmn-js fehlt, `make install` "
            "ausführen). Kennzahlen und Befunde stehen unten."
        ),
        "diagram.no_di": (
            "Die Datei enthält keine Diagramminformationen (BPMN DI), es gibt nichts zu "
            "zeichnen. Kennzahlen und Befunde stehen unten."
        ),
        "viewer.fit": "Einpassen",
        "viewer.zoom_in": "Vergrößern",
        "viewer.zoom_out": "Verkleinern",
        "viewer.search": "Element suchen …",
        "viewer.previous": "Vorheriger Treffer",
        "viewer.next": "Nächster Treffer",
        "viewer.no_hits": "kein Treffer",
        "viewer.findings": "Befunde",
        "viewer.import_error": "bpmn-js kann das Diagramm nicht zeichnen",
        "viewer.no_diagram": "Die Datei enthält kein Diagramm zum Zeichnen.",
        "severity.high": "hoch",
        "severity.medium": "mittel",
        "severity.low": "niedrig",
        "kind.media_break": "Medienbruch",
        "kind.handoff": "Übergabe",
        "kind.bottleneck": "Engpass",
        "kind.quality": "Modellqualität",
        "findings.title": "Befunde",
        "findings.filter_kind": "Art",
        "findings.filter_severity": "Schweregrad",
        "findings.filter_unit": "Organisationseinheit",
        "findings.filter_all": "alle",
        "findings.caption": "{shown} von {total} Befunden.",
        "findings.element": "Gezeigt werden die Befunde zu „{element}“.",
        "findings.element_clear": "Alle Befunde zeigen",
        "findings.none": "Keine Befunde für diese Auswahl.",
        "findings.hint": "Wählen Sie eine Zeile, um den Befund im Diagramm zu sehen.",
        "col.severity": "Schweregrad",
        "col.elements": "Elemente",
        "col.units": "Organisationseinheiten",
        "col.rule": "Regel",
        "detail.rule": "Regel",
        "detail.evidence": "Belege",
        "detail.suggestion": "Vorschlag",
        "detail.elements": "Elemente",
        "detail.media": "Medien",
        "charts.title": "Auswertungen",
        "chart.handoffs": "Übergabematrix",
        "chart.handoffs_from": "von",
        "chart.handoffs_to": "an",
        "chart.handoffs_value": "Übergaben je Fall",
        "chart.handoffs_empty": "Keine Übergaben zwischen Organisationseinheiten.",
        "chart.media": "Medienbrüche",
        "chart.media_caption": (
            "Links das Medium, auf dem die Information entsteht, rechts das Medium, auf "
            "das sie von Hand übertragen wird; die Breite ist die Zahl der Medienbrüche."
        ),
        "chart.media_empty": "Keine Medienbrüche gefunden.",
        "chart.per_unit": "Befunde je Einheit",
        "chart.per_unit_axis": "Anzahl Befunde",
        "chart.per_unit_caption": (
            "Ein Befund, der mehrere Einheiten betrifft (etwa eine Übergabe), zählt bei jeder."
        ),
        "chart.per_unit_empty": "Keine Befunde.",
        "unit.none": "ohne Einheit",
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
        "page.analysis": "Analysis",
        "analysis.title": "Analysis",
        "analysis.intro": (
            "The analysis shows the weak spots of a process model: media breaks, hand-offs "
            "between organisational units, bottlenecks and flaws in the model. Choose a "
            "sample process or upload a BPMN 2.0 model of your own."
        ),
        "analysis.sample": "Sample process",
        "analysis.uploader": "Or analyse a file of your own (.bpmn/.xml, at most {limit_mb} MB)",
        "analysis.uploader_help": (
            "Export the model from your tool as BPMN 2.0 XML. While a file is uploaded, it "
            "is analysed instead of the sample."
        ),
        "analysis.source_upload": "Analysing the uploaded file '{name}'.",
        "analysis.source_sample": "Analysing the sample process '{name}'.",
        "analysis.empty": "Choose a sample process or upload a file.",
        "analysis.unexpected": (
            "An unexpected error occurred during the analysis ({kind}). Please pass the "
            "file on to the development team."
        ),
        "kpi.activities": "Activities",
        "kpi.media_breaks": "Media breaks",
        "kpi.handoffs": "Hand-offs",
        "kpi.handoffs_per_case": "Hand-offs per case",
        "kpi.handoffs_per_case_help": (
            "Expected hand-offs in one case, weighted by the branch probabilities (an equal "
            "split where the model gives none)."
        ),
        "kpi.units": "Organisational units",
        "kpi.units_help": "Units of the administration involved; external parties: {external}.",
        "kpi.digital_share": "Digital share",
        "kpi.digital_share_help": (
            "Share of activities on a digital medium (e-mail, file, IT system, online service)."
        ),
        "kpi.manual_share": "Manual share",
        "kpi.manual_share_help": (
            "Share of activities a person performs (not a service, script or business-rule task)."
        ),
        "kpi.findings": "Findings",
        "kpi.findings_help": "All findings of the analysis: {severities}.",
        "diagram.title": "Diagram",
        "diagram.caption": (
            "Elements with findings have a coloured outline and carry the number of their "
            "findings. Click one to see its findings in the table; a table row shows its "
            "elements in the diagram. Mouse wheel: zoom, drag: pan."
        ),
        "diagram.missing": (
            "The diagram viewer is not installed (bpmn-js is missing, run `make install`). "
            "Key figures and findings are below."
        ),
        "diagram.no_di": (
            "The file holds no diagram information (BPMN DI), there is nothing to draw. "
            "Key figures and findings are below."
        ),
        "viewer.fit": "Fit",
        "viewer.zoom_in": "Zoom in",
        "viewer.zoom_out": "Zoom out",
        "viewer.search": "Find element …",
        "viewer.previous": "Previous match",
        "viewer.next": "Next match",
        "viewer.no_hits": "no match",
        "viewer.findings": "findings",
        "viewer.import_error": "bpmn-js cannot draw the diagram",
        "viewer.no_diagram": "The file holds no diagram to draw.",
        "severity.high": "high",
        "severity.medium": "medium",
        "severity.low": "low",
        "kind.media_break": "Media break",
        "kind.handoff": "Hand-off",
        "kind.bottleneck": "Bottleneck",
        "kind.quality": "Model quality",
        "findings.title": "Findings",
        "findings.filter_kind": "Kind",
        "findings.filter_severity": "Severity",
        "findings.filter_unit": "Organisational unit",
        "findings.filter_all": "all",
        "findings.caption": "{shown} of {total} findings.",
        "findings.element": "Showing the findings on '{element}'.",
        "findings.element_clear": "Show all findings",
        "findings.none": "No findings for this selection.",
        "findings.hint": "Select a row to see the finding in the diagram.",
        "col.severity": "Severity",
        "col.elements": "Elements",
        "col.units": "Organisational units",
        "col.rule": "Rule",
        "detail.rule": "Rule",
        "detail.evidence": "Evidence",
        "detail.suggestion": "Suggestion",
        "detail.elements": "Elements",
        "detail.media": "Media",
        "charts.title": "Charts",
        "chart.handoffs": "Hand-off matrix",
        "chart.handoffs_from": "from",
        "chart.handoffs_to": "to",
        "chart.handoffs_value": "Hand-offs per case",
        "chart.handoffs_empty": "No hand-offs between organisational units.",
        "chart.media": "Media breaks",
        "chart.media_caption": (
            "Left the medium the information is produced on, right the medium it is carried "
            "over to by hand; the width is the number of media breaks."
        ),
        "chart.media_empty": "No media breaks found.",
        "chart.per_unit": "Findings per unit",
        "chart.per_unit_axis": "Number of findings",
        "chart.per_unit_caption": (
            "A finding that concerns several units (such as a hand-off) counts for each."
        ),
        "chart.per_unit_empty": "No findings.",
        "unit.none": "no unit",
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
