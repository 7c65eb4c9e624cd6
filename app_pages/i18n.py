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

import importlib
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
        # -- the simulation page ---------------------------------------------------------
        "page.simulation": "Simulation",
        "sim.title": "Simulation",
        "sim.intro": (
            "Wie lange dauert ein Fall, wie ausgelastet sind die Organisationseinheiten, und "
            "wo stauen sich die Fälle? Die Seite rechnet zuerst die **erwarteten Werte** aus "
            "den Parametern (Fallzahl, Bearbeitungs- und Liegezeiten, Personal, "
            "Verzweigungswahrscheinlichkeiten) und **simuliert** dann Fall für Fall, um "
            "Warteschlangen und Engpässe zu finden. Die Parameter stehen im Modell, in einer "
            "Parameterdatei oder werden unten eingetragen."
        ),
        "sim.sample": "Prozess",
        "sim.uploader": "Oder eigene Datei (.bpmn/.xml, höchstens {limit_mb} MB)",
        "sim.uploader_help": (
            "Ein BPMN-2.0-Modell, am besten mit Parametern (pa:-Attribute, BPSim, QBP oder "
            "ADONIS). Solange eine Datei hochgeladen ist, wird sie statt des Beispiels "
            "verwendet."
        ),
        "sim.compare": "Vergleichen mit (Soll-Variante)",
        "sim.compare_none": "– kein Vergleich –",
        "sim.compare_help": (
            "Eine zweite Variante, z. B. der Soll-Prozess zum gewählten Ist-Prozess. Sie wird "
            "mit ihren eigenen Parametern aus der Datei gerechnet."
        ),
        "sim.source_upload": "Gerechnet wird die hochgeladene Datei „{name}“.",
        "sim.source_sample": "Gerechnet wird der Beispielprozess „{name}“.",
        "sim.empty": "Wählen Sie einen Beispielprozess oder laden Sie eine Datei hoch.",
        "sim.no_activities": (
            "Das Modell enthält keine Aktivitäten – es gibt nichts zu berechnen oder zu "
            "simulieren."
        ),
        "sim.unexpected": (
            "Bei der Berechnung ist ein unerwarteter Fehler aufgetreten ({kind}). Bitte geben "
            "Sie die Datei an das Entwicklungsteam weiter."
        ),
        "sim.params.title": "Parameter",
        "sim.params.file": "Parameterdatei (optional)",
        "sim.params.file_help": (
            "Die ausgefüllte Parametervorlage (.xlsx oder .csv) oder eine Prosimos-JSON-Datei. "
            "Ihre Werte gehen den Werten im Modell vor."
        ),
        "sim.params.file_applied": "Die Parameterdatei „{name}“ ist angewendet.",
        "sim.params.file_error": (
            "Die Parameterdatei „{name}“ wurde nicht übernommen; es gelten die Werte aus dem "
            "Modell."
        ),
        "sim.params.download": "Vorlage herunterladen (.xlsx)",
        "sim.params.download_help": (
            "Die Parametervorlage dieses Prozesses, vorbefüllt mit den Werten, die gerade "
            "gelten (einschließlich Ihrer Änderungen unten). Ausfüllen und oben wieder "
            "hochladen."
        ),
        "sim.params.sources": "Herkunft der Werte: {sources}.",
        "sim.params.no_values": (
            "Das Modell enthält keine Parameter; es gelten die Annahmen unten. Tragen Sie "
            "Zeiten und Personal in die Tabellen ein oder laden Sie eine Parameterdatei hoch."
        ),
        "sim.params.cases": "Fälle pro Jahr",
        "sim.params.cases_help": (
            "Wie viele Fälle im Jahr ankommen. Leer: ein Fall je Stunde wird angenommen."
        ),
        "sim.params.caption": (
            "Änderungen in den Tabellen gelten sofort für die erwarteten Werte und den "
            "nächsten Simulationslauf. Zeiten in Minuten (1 Tag = 1440), Geld in Euro."
        ),
        "sim.params.tab_activities": "Aktivitäten",
        "sim.params.tab_units": "Organisationseinheiten",
        "sim.params.tab_branches": "Verzweigungen",
        "sim.params.no_branches": "Das Modell hat keine Verzweigungen mit Wahrscheinlichkeiten.",
        "sim.params.edited": "{count} Wert(e) geändert.",
        "sim.params.reset": "Änderungen verwerfen",
        "sim.source.default": "Standardannahmen",
        "sim.source.adonis": "ADONIS-Attribute",
        "sim.source.qbp": "QBP (BIMP/Apromore)",
        "sim.source.bpsim": "BPSim",
        "sim.source.pa": "Werkbank-Attribute (pa:)",
        "sim.source.template": "Parametervorlage",
        "sim.source.prosimos": "Prosimos-JSON",
        "sim.source.ui": "Eingabe auf dieser Seite",
        "sim.col.activity": "Aktivität",
        "sim.col.unit": "Organisationseinheit",
        "sim.col.processing": "Bearbeitungszeit (min)",
        "sim.col.processing_help": (
            "Mittlere Bearbeitungszeit je Ausführung. Eine Verteilung aus dem Modell behält "
            "ihre Form und wird auf den neuen Mittelwert gestreckt."
        ),
        "sim.col.waiting": "Liegezeit davor (min)",
        "sim.col.waiting_help": "Mittlere Liegezeit vor der Aktivität (z. B. Postlauf: 1440).",
        "sim.col.fixed_cost": "Sachkosten je Ausführung (€)",
        "sim.col.staff": "Personal (VZÄ)",
        "sim.col.staff_help": (
            "Vollzeitäquivalente für diesen Prozess. Die Simulation rechnet mit gerundeten "
            "Bearbeiterinnen und Bearbeitern (mindestens 1)."
        ),
        "sim.col.cost_per_hour": "Kostensatz (€/h)",
        "sim.col.split": "Verzweigung",
        "sim.col.target": "Ausgang",
        "sim.col.probability": "Wahrscheinlichkeit",
        "sim.col.probability_help": (
            "Anteil der Fälle, die diesen Ausgang nehmen (0 bis 1). Bei exklusiven "
            "Verzweigungen werden die Anteile auf 1 normiert."
        ),
        "sim.expected.title": "Erwartete Werte (analytisch)",
        "sim.expected.caption": (
            "Ohne Zufall aus den Mittelwerten berechnet: Erwartungswerte je Fall und je Jahr. "
            "Die Durchlaufzeit folgt dem kritischen Pfad; „mit Warteschlangen“ schätzt die "
            "Wartezeit vor jeder Einheit zusätzlich als M/M/c-System."
        ),
        "sim.kpi.effort_case": "Aufwand je Fall",
        "sim.kpi.effort_case_help": "Bearbeitungszeit aller Aktivitäten eines Falls.",
        "sim.kpi.effort_year": "Aufwand je Jahr",
        "sim.kpi.effort_year_help": "Aufwand je Fall mal Fälle pro Jahr, in Stunden.",
        "sim.kpi.cost_case": "Kosten je Fall",
        "sim.kpi.cost_year": "Kosten je Jahr",
        "sim.kpi.cost_help": "Arbeitszeit mal Kostensatz der Einheit plus Sachkosten.",
        "sim.kpi.lead_time": "Durchlaufzeit (erwartet)",
        "sim.kpi.lead_time_help": (
            "Erwartete Zeit vom Eingang bis zum Abschluss entlang des kritischen Pfads, mit "
            "Liegezeiten, ohne Warteschlangen."
        ),
        "sim.kpi.lead_time_queue": "… mit Warteschlangen",
        "sim.kpi.lead_time_queue_help": (
            "Dazu die geschätzte Wartezeit vor jeder Einheit (M/M/c); „∞“, wenn eine Einheit "
            "mehr Arbeit bekommt, als sie schafft."
        ),
        "sim.kpi.cases": "Fälle pro Jahr",
        "sim.kpi.utilisation_max": "Höchste Auslastung",
        "sim.kpi.utilisation_max_help": "Die am stärksten ausgelastete Einheit: {unit}.",
        "sim.units.title": "Auslastung je Organisationseinheit",
        "sim.col.workload": "Arbeitslast (h/Jahr)",
        "sim.col.capacity": "Kapazität (h/Jahr)",
        "sim.col.utilisation": "Auslastung (erwartet)",
        "sim.col.simulated": "Auslastung (simuliert)",
        "sim.col.servers": "Bearbeiter (simuliert)",
        "sim.assumptions": "Annahmen ({count})",
        "sim.assumptions_caption": (
            "Worauf die Zahlen beruhen, wo Angaben fehlten oder vereinfacht wurde:"
        ),
        "sim.run.title": "Simulation",
        "sim.run.caption": (
            "Die Simulation spielt die Fälle einzeln durch: Sie kommen zufällig an, warten "
            "ihre Liegezeit, stellen sich bei ihrer Einheit an und werden bearbeitet. So "
            "zeigt sie Warteschlangen und Schwankungen, die die erwarteten Werte nicht zeigen."
        ),
        "sim.run.cases": "Fälle je Replikation",
        "sim.run.cases_help": "Mehr Fälle: genauere Werte, längere Rechenzeit.",
        "sim.run.seed": "Startwert (Seed)",
        "sim.run.seed_help": "Derselbe Startwert liefert dasselbe Ergebnis.",
        "sim.run.replications": "Replikationen",
        "sim.run.replications_help": (
            "Unabhängige Läufe; ab zwei ergibt sich das Konfidenzintervall aus ihren "
            "Mittelwerten."
        ),
        "sim.run.warmup": "Einschwingphase (Fälle)",
        "sim.run.warmup_help": (
            "So viele Fälle laufen zuerst und zählen nicht mit, damit die Messung nicht mit "
            "leeren Warteschlangen beginnt."
        ),
        "sim.run.button": "Simulation starten",
        "sim.run.progress": "Replikation {done} von {total} …",
        "sim.run.progress_compare": "{name}: Replikation {done} von {total} …",
        "sim.run.hint": (
            "Noch keine Simulation für diese Parameter. Wählen Sie Fälle, Startwert und "
            "Replikationen und klicken Sie auf „Simulation starten“."
        ),
        "sim.run.stale": (
            "Die Parameter oder Einstellungen haben sich seit dem letzten Lauf geändert. "
            "Starten Sie die Simulation erneut."
        ),
        "sim.run.error": "Die Simulation ist nicht möglich: {detail}",
        "sim.run.short_window": (
            "Die simulierten Ankünfte umfassen weniger als die doppelte erwartete "
            "Durchlaufzeit. Die Ergebnisse beruhen dann auf wenigen Fällen je Einheit und "
            "schwanken von Lauf zu Lauf. Mehr Fälle oder mehrere Wiederholungen wählen."
        ),
        "sim.result.title": "Ergebnis der Simulation",
        "sim.result.caption": (
            "{cases} Fälle aus {replications} Replikation(en), Startwert {seed}."
        ),
        "sim.kpi.sim_mean": "Durchlaufzeit (Mittel)",
        "sim.kpi.sim_ci": "95-%-Konfidenzintervall: ± {ci}",
        "sim.kpi.sim_ci_none": "Für ein Konfidenzintervall sind es zu wenige Fälle.",
        "sim.kpi.sim_p50": "Median",
        "sim.kpi.sim_p90": "90-%-Quantil",
        "sim.kpi.sim_p90_help": "9 von 10 Fällen sind nach dieser Zeit abgeschlossen.",
        "sim.kpi.sim_effort": "Aufwand je Fall (simuliert)",
        "sim.kpi.sim_cost": "Kosten je Fall (simuliert)",
        "sim.bottlenecks.title": "Engpässe",
        "sim.bottlenecks.caption": (
            "Aktivitäten, vor denen sich Fälle anstauen, nach der Wartezeit in der "
            "Warteschlange, die sie einem durchschnittlichen Fall hinzufügen (ohne "
            "Liegezeiten). Der Grund sagt, was dagegen hilft."
        ),
        "sim.bottlenecks.top": (
            "**Größter Engpass: {name}** ({unit}) – {waiting} Wartezeit je Fall. {reason}"
        ),
        "sim.bottlenecks.none": (
            "Keine nennenswerten Warteschlangen: Keine Aktivität lässt einen Fall im Mittel "
            "eine Minute oder länger auf eine freie Bearbeiterin oder einen freien "
            "Bearbeiter warten."
        ),
        "sim.col.rank": "Rang",
        "sim.col.waiting_per_case": "Wartezeit je Fall",
        "sim.col.reason": "Grund",
        "sim.reason.capacity": (
            "Kapazität: Die Einheit ist zu {utilisation} ausgelastet (über {line}). Mehr "
            "Personal oder weniger Arbeit je Fall."
        ),
        "sim.reason.calendar": (
            "Arbeitszeit: {share} der Wartezeit fällt außerhalb der Dienstzeit an."
        ),
        "sim.reason.arrival peaks": (
            "Ankunftsspitzen: Fälle kommen ungleichmäßig an; die Einheit ({utilisation} "
            "ausgelastet) ist zeitweise überlastet."
        ),
        "sim.diagram.title": "Engpässe im Diagramm",
        "sim.diagram.caption": (
            "Die größten Engpässe sind umrandet und tragen ihren Rang: rot der größte, "
            "orange die nächsten zwei, blau die folgenden."
        ),
        "sim.viewer.findings": "– Rang des Engpasses",
        "sim.chart.lead_time": "Durchlaufzeit",
        "sim.chart.lead_time_axis": "Durchlaufzeit (Tage)",
        "sim.chart.count": "Fälle",
        "sim.chart.mean": "Mittelwert",
        "sim.chart.p90": "90 %",
        "sim.chart.times": "Warte- und Bearbeitungszeit",
        "sim.chart.times_caption": (
            "Was jede Aktivität einem durchschnittlichen Fall hinzufügt (Zeit je Ausführung "
            "mal Ausführungen je Fall): Liegezeit, Warten auf eine freie Bearbeitung, "
            "Bearbeitung. Die {count} längsten."
        ),
        "sim.chart.lay": "Liegezeit",
        "sim.chart.queue": "Warteschlange",
        "sim.chart.processing": "Bearbeitung",
        "sim.chart.times_axis": "je Fall ({unit})",
        "sim.chart.utilisation": "Auslastung",
        "sim.chart.simulated": "Simulation",
        "sim.chart.analytical": "erwartet (analytisch)",
        "sim.chart.utilisation_axis": "Auslastung",
        "sim.chart.line": "85-%-Grenze",
        "sim.chart.queues": "Warteschlangen",
        "sim.chart.queues_caption": (
            "Wartende Fälle je Einheit über die simulierte Zeit (erste Replikation)."
        ),
        "sim.chart.queues_x": "Simulierte Zeit (Tage)",
        "sim.chart.queues_y": "Wartende Fälle",
        "sim.chart.queues_empty": "In diesem Lauf musste kein Fall auf eine Einheit warten.",
        "sim.unit.days": "Tage",
        "sim.unit.hours": "Stunden",
        "sim.unit.minutes": "Minuten",
        "sim.warnings": "Hinweise der Simulation",
        "sim.compare.title": "Vergleich",
        "sim.compare.caption": "Links „{as_is}“, rechts „{to_be}“; Veränderung in Prozent.",
        "sim.compare.figure": "Kennzahl",
        "sim.compare.as_is": "Ist",
        "sim.compare.to_be": "Soll",
        "sim.compare.change": "Veränderung",
        "sim.compare.lead_time": "Durchlaufzeit (erwartet)",
        "sim.compare.lead_time_with_queueing": "Durchlaufzeit mit Warteschlangen (erwartet)",
        "sim.compare.effort_per_case": "Aufwand je Fall",
        "sim.compare.effort_per_year": "Aufwand je Jahr",
        "sim.compare.cost_per_year": "Kosten je Jahr",
        "sim.compare.utilisation_max": "Höchste Auslastung einer Einheit",
        "sim.compare.simulated_mean": "Durchlaufzeit simuliert (Mittelwert)",
        "sim.compare.simulated_p90": "Durchlaufzeit simuliert (90-%-Quantil)",
        "sim.compare.hint": (
            "Simulierte Durchlaufzeiten beider Varianten erscheinen nach dem "
            "Simulationslauf."
        ),
        "sim.compare.chart": "Erwartete Auslastung je Einheit",
        "sim.compare.error": (
            "Die Vergleichsvariante „{name}“ kann nicht gerechnet werden: {message}"
        ),
        "sim.compare.same": "Wählen Sie eine andere Datei als Vergleich.",
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
        # -- the simulation page ---------------------------------------------------------
        "page.simulation": "Simulation",
        "sim.title": "Simulation",
        "sim.intro": (
            "How long does a case take, how busy are the organisational units, and where do "
            "cases pile up? The page first computes the **expected figures** from the "
            "parameters (case volume, processing and lay times, staff, branch probabilities) "
            "and then **simulates** case by case to find queues and bottlenecks. The "
            "parameters come from the model, from a parameter file, or are entered below."
        ),
        "sim.sample": "Process",
        "sim.uploader": "Or a file of your own (.bpmn/.xml, at most {limit_mb} MB)",
        "sim.uploader_help": (
            "A BPMN 2.0 model, ideally with parameters (pa: attributes, BPSim, QBP or ADONIS). "
            "While a file is uploaded, it is used instead of the sample."
        ),
        "sim.compare": "Compare with (to-be variant)",
        "sim.compare_none": "– no comparison –",
        "sim.compare_help": (
            "A second variant, e.g. the to-be process of the chosen as-is process. It is "
            "computed with its own parameters from the file."
        ),
        "sim.source_upload": "Computing the uploaded file '{name}'.",
        "sim.source_sample": "Computing the sample process '{name}'.",
        "sim.empty": "Choose a sample process or upload a file.",
        "sim.no_activities": (
            "The model holds no activities – there is nothing to compute or simulate."
        ),
        "sim.unexpected": (
            "An unexpected error occurred during the computation ({kind}). Please pass the "
            "file on to the development team."
        ),
        "sim.params.title": "Parameters",
        "sim.params.file": "Parameter file (optional)",
        "sim.params.file_help": (
            "The filled-in parameter template (.xlsx or .csv) or a Prosimos JSON file. Its "
            "values take precedence over the model's."
        ),
        "sim.params.file_applied": "The parameter file '{name}' is applied.",
        "sim.params.file_error": (
            "The parameter file '{name}' was not applied; the model's values are used."
        ),
        "sim.params.download": "Download template (.xlsx)",
        "sim.params.download_help": (
            "This process's parameter template, pre-filled with the values in effect "
            "(including your changes below). Fill it in and upload it above."
        ),
        "sim.params.sources": "Where the values come from: {sources}.",
        "sim.params.no_values": (
            "The model holds no parameters; the assumptions below apply. Enter times and "
            "staff in the tables or upload a parameter file."
        ),
        "sim.params.cases": "Cases per year",
        "sim.params.cases_help": "How many cases arrive per year. Empty: one case per hour.",
        "sim.params.caption": (
            "Changes in the tables apply at once to the expected figures and the next "
            "simulation run. Times in minutes (1 day = 1440), money in euros."
        ),
        "sim.params.tab_activities": "Activities",
        "sim.params.tab_units": "Organisational units",
        "sim.params.tab_branches": "Branches",
        "sim.params.no_branches": "The model has no splits with probabilities.",
        "sim.params.edited": "{count} value(s) changed.",
        "sim.params.reset": "Discard changes",
        "sim.source.default": "default assumptions",
        "sim.source.adonis": "ADONIS attributes",
        "sim.source.qbp": "QBP (BIMP/Apromore)",
        "sim.source.bpsim": "BPSim",
        "sim.source.pa": "workbench attributes (pa:)",
        "sim.source.template": "parameter template",
        "sim.source.prosimos": "Prosimos JSON",
        "sim.source.ui": "entered on this page",
        "sim.col.activity": "Activity",
        "sim.col.unit": "Organisational unit",
        "sim.col.processing": "Processing time (min)",
        "sim.col.processing_help": (
            "Mean processing time per execution. A distribution from the model keeps its "
            "shape and is stretched to the new mean."
        ),
        "sim.col.waiting": "Lay time before (min)",
        "sim.col.waiting_help": "Mean lay time before the activity (e.g. internal post: 1440).",
        "sim.col.fixed_cost": "Fixed cost per execution (€)",
        "sim.col.staff": "Staff (FTE)",
        "sim.col.staff_help": (
            "Full-time equivalents for this process. The simulation uses rounded clerks "
            "(at least 1)."
        ),
        "sim.col.cost_per_hour": "Cost per hour (€)",
        "sim.col.split": "Split",
        "sim.col.target": "Outgoing flow",
        "sim.col.probability": "Probability",
        "sim.col.probability_help": (
            "Share of cases taking this flow (0 to 1). Exclusive splits are normalised to 1."
        ),
        "sim.expected.title": "Expected figures (analytical)",
        "sim.expected.caption": (
            "Computed from the means without randomness: expectations per case and per year. "
            "The lead time follows the critical path; 'with queues' adds an M/M/c estimate "
            "of the waiting in front of each unit."
        ),
        "sim.kpi.effort_case": "Effort per case",
        "sim.kpi.effort_case_help": "Processing time of all activities of one case.",
        "sim.kpi.effort_year": "Effort per year",
        "sim.kpi.effort_year_help": "Effort per case times cases per year, in hours.",
        "sim.kpi.cost_case": "Cost per case",
        "sim.kpi.cost_year": "Cost per year",
        "sim.kpi.cost_help": "Working time times the unit's cost rate plus fixed costs.",
        "sim.kpi.lead_time": "Lead time (expected)",
        "sim.kpi.lead_time_help": (
            "Expected time from arrival to completion along the critical path, with lay "
            "times, without queues."
        ),
        "sim.kpi.lead_time_queue": "… with queues",
        "sim.kpi.lead_time_queue_help": (
            "Plus the estimated waiting in front of each unit (M/M/c); '∞' when a unit gets "
            "more work than it can do."
        ),
        "sim.kpi.cases": "Cases per year",
        "sim.kpi.utilisation_max": "Highest utilisation",
        "sim.kpi.utilisation_max_help": "The busiest unit: {unit}.",
        "sim.units.title": "Utilisation per organisational unit",
        "sim.col.workload": "Workload (h/year)",
        "sim.col.capacity": "Capacity (h/year)",
        "sim.col.utilisation": "Utilisation (expected)",
        "sim.col.simulated": "Utilisation (simulated)",
        "sim.col.servers": "Clerks (simulated)",
        "sim.assumptions": "Assumptions ({count})",
        "sim.assumptions_caption": (
            "What the figures rest on, where values were missing or simplified:"
        ),
        "sim.run.title": "Simulation",
        "sim.run.caption": (
            "The simulation plays the cases one by one: they arrive at random, wait their "
            "lay time, queue at their unit and are processed. It shows the queues and "
            "fluctuations the expected figures do not."
        ),
        "sim.run.cases": "Cases per replication",
        "sim.run.cases_help": "More cases: more precise figures, longer run time.",
        "sim.run.seed": "Seed",
        "sim.run.seed_help": "The same seed gives the same result.",
        "sim.run.replications": "Replications",
        "sim.run.replications_help": (
            "Independent runs; from two on the confidence interval comes from their means."
        ),
        "sim.run.warmup": "Warm-up (cases)",
        "sim.run.warmup_help": (
            "So many cases run first and are not counted, so that the measurement does not "
            "start with empty queues."
        ),
        "sim.run.button": "Start simulation",
        "sim.run.progress": "Replication {done} of {total} …",
        "sim.run.progress_compare": "{name}: replication {done} of {total} …",
        "sim.run.hint": (
            "No simulation for these parameters yet. Choose cases, seed and replications "
            "and click 'Start simulation'."
        ),
        "sim.run.stale": (
            "The parameters or settings have changed since the last run. Start the "
            "simulation again."
        ),
        "sim.run.error": "The simulation is not possible: {detail}",
        "sim.run.short_window": (
            "The simulated arrivals span less than twice the expected lead time. The results "
            "then rest on few cases per unit and vary from run to run. Choose more cases or "
            "several replications."
        ),
        "sim.result.title": "Simulation result",
        "sim.result.caption": "{cases} cases from {replications} replication(s), seed {seed}.",
        "sim.kpi.sim_mean": "Lead time (mean)",
        "sim.kpi.sim_ci": "95 % confidence interval: ± {ci}",
        "sim.kpi.sim_ci_none": "Too few cases for a confidence interval.",
        "sim.kpi.sim_p50": "Median",
        "sim.kpi.sim_p90": "90th percentile",
        "sim.kpi.sim_p90_help": "9 out of 10 cases are done after this time.",
        "sim.kpi.sim_effort": "Effort per case (simulated)",
        "sim.kpi.sim_cost": "Cost per case (simulated)",
        "sim.bottlenecks.title": "Bottlenecks",
        "sim.bottlenecks.caption": (
            "Activities in front of which cases pile up, ranked by the queue time they add "
            "to an average case (lay times left out). The reason says what helps."
        ),
        "sim.bottlenecks.top": (
            "**Largest bottleneck: {name}** ({unit}) – {waiting} waiting per case. {reason}"
        ),
        "sim.bottlenecks.none": (
            "No queues worth mentioning: no activity makes a case wait a minute or longer "
            "on average for a free clerk."
        ),
        "sim.col.rank": "Rank",
        "sim.col.waiting_per_case": "Waiting per case",
        "sim.col.reason": "Reason",
        "sim.reason.capacity": (
            "Capacity: the unit is {utilisation} busy (above {line}). More staff or less "
            "work per case."
        ),
        "sim.reason.calendar": "Working hours: {share} of the waiting falls outside working hours.",
        "sim.reason.arrival peaks": (
            "Arrival peaks: cases arrive unevenly; the unit ({utilisation} busy) is "
            "overloaded at times."
        ),
        "sim.diagram.title": "Bottlenecks in the diagram",
        "sim.diagram.caption": (
            "The largest bottlenecks are outlined and carry their rank: red the largest, "
            "orange the next two, blue the ones after."
        ),
        "sim.viewer.findings": "– bottleneck rank",
        "sim.chart.lead_time": "Lead time",
        "sim.chart.lead_time_axis": "Lead time (days)",
        "sim.chart.count": "Cases",
        "sim.chart.mean": "mean",
        "sim.chart.p90": "90 %",
        "sim.chart.times": "Waiting and processing",
        "sim.chart.times_caption": (
            "What each activity adds to an average case (time per execution times executions "
            "per case): lay time, waiting for a free clerk, processing. The {count} longest."
        ),
        "sim.chart.lay": "Lay time",
        "sim.chart.queue": "Queue",
        "sim.chart.processing": "Processing",
        "sim.chart.times_axis": "per case ({unit})",
        "sim.chart.utilisation": "Utilisation",
        "sim.chart.simulated": "Simulation",
        "sim.chart.analytical": "expected (analytical)",
        "sim.chart.utilisation_axis": "Utilisation",
        "sim.chart.line": "85 % line",
        "sim.chart.queues": "Queues",
        "sim.chart.queues_caption": (
            "Cases waiting per unit over the simulated time (first replication)."
        ),
        "sim.chart.queues_x": "Simulated time (days)",
        "sim.chart.queues_y": "Cases waiting",
        "sim.chart.queues_empty": "In this run no case had to wait for a unit.",
        "sim.unit.days": "days",
        "sim.unit.hours": "hours",
        "sim.unit.minutes": "minutes",
        "sim.warnings": "Simulation warnings",
        "sim.compare.title": "Comparison",
        "sim.compare.caption": "Left '{as_is}', right '{to_be}'; change in per cent.",
        "sim.compare.figure": "Figure",
        "sim.compare.as_is": "As-is",
        "sim.compare.to_be": "To-be",
        "sim.compare.change": "Change",
        "sim.compare.lead_time": "Lead time (expected)",
        "sim.compare.lead_time_with_queueing": "Lead time with queues (expected)",
        "sim.compare.effort_per_case": "Effort per case",
        "sim.compare.effort_per_year": "Effort per year",
        "sim.compare.cost_per_year": "Cost per year",
        "sim.compare.utilisation_max": "Highest utilisation of a unit",
        "sim.compare.simulated_mean": "Lead time simulated (mean)",
        "sim.compare.simulated_p90": "Lead time simulated (90th percentile)",
        "sim.compare.hint": "Simulated lead times of both variants appear after the run.",
        "sim.compare.chart": "Expected utilisation per unit",
        "sim.compare.error": "The comparison variant '{name}' cannot be computed: {message}",
        "sim.compare.same": "Choose another file to compare with.",
    },
}

#: Modules in ``app_pages/`` holding one area's strings as ``STRINGS`` (same shape as
#: above), merged in below so each area keeps its words beside its pages.
AREA_MODULES = ("i18n_library", "i18n_portfolio", "i18n_auth", "i18n_variants", "i18n_reports")


def _merge_areas() -> None:
    for name in AREA_MODULES:
        area = importlib.import_module(f"app_pages.{name}").STRINGS
        for lang, strings in area.items():
            clash = STRINGS[lang].keys() & strings.keys()
            if clash:
                raise KeyError(f"{name} redefines UI strings: {sorted(clash)}")
            STRINGS[lang].update(strings)


_merge_areas()


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
