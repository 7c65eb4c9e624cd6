"""The reports' own words in German (default) and English.

Messages about findings, assumptions and comparisons come translated from the analysis,
simulation and variants packages; this module holds only headings, column titles and the
sentences that frame them. Both languages have the same keys (a test checks it).

Examples
--------
>>> word("de", "findings.title"), word("en", "findings.title")
('Befunde', 'Findings')
>>> word("en", "summary.findings", count=3, high=1)
'The analysis found 3 weak spots, 1 of them of high severity.'
"""

from __future__ import annotations

__all__ = ["LANGS", "WORDS", "word"]

LANGS = ("de", "en")

WORDS: dict[str, dict[str, str]] = {
    "de": {
        "report.process.title": "Optimierungsbericht",
        "report.portfolio.title": "Portfoliobericht",
        "report.toc": "Inhalt",
        "report.page": "Seite",
        "report.of": "von",
        "report.created": "Erstellt am",
        "report.source": "Datei",
        "report.language": "Sprache",
        "report.generator": "Erstellt mit der Prozessanalyse-Werkbank",
        "report.large_diagram": (
            "(Großes Diagramm: verkleinert gedruckt; vollständig und zoombar im HTML-Bericht.)"
        ),
        "report.variants": "Soll-Varianten",
        "report.none": "keine",
        "summary.title": "Zusammenfassung für Entscheider",
        "summary.findings": (
            "Die Analyse hat {count} Schwachstellen gefunden, davon {high} mit hoher "
            "Bedeutung."
        ),
        "summary.top": "Die wichtigsten Befunde:",
        "summary.variant": "Soll-Variante „{name}“: {summary}",
        "summary.simulation": (
            "Mit den hinterlegten Parametern kostet ein Fall im Mittel {effort} Bearbeitungszeit "
            "und {cost}; die Durchlaufzeit beträgt etwa {lead}."
        ),
        "summary.simulation_year": (
            "Bei {cases} Fällen im Jahr sind das {hours} Arbeitsstunden und {cost} im Jahr."
        ),
        "summary.no_params": (
            "Für dieses Modell liegen keine Zeit- und Mengenparameter vor; Aufwand, Kosten "
            "und Durchlaufzeit werden daher nicht berechnet."
        ),
        "kpi.activities": "Aktivitäten",
        "kpi.media_breaks": "Medienbrüche",
        "kpi.handoffs": "Übergaben",
        "kpi.handoffs_per_case": "Übergaben je Fall",
        "kpi.units": "Organisationseinheiten",
        "kpi.external_parties": "Externe Beteiligte",
        "kpi.digital_share": "Digitalanteil",
        "kpi.analogue_share": "Analoganteil",
        "kpi.manual_share": "Manueller Anteil",
        "kpi.findings": "Befunde",
        "kpi.findings_high": "Befunde (hoch)",
        "kpi.effort_per_case": "Bearbeitungszeit je Fall",
        "kpi.cost_per_case": "Kosten je Fall",
        "kpi.lead_time": "Durchlaufzeit",
        "kpi.effort_per_year": "Arbeitsstunden im Jahr",
        "kpi.cost_per_year": "Kosten im Jahr",
        "diagram.as_is": "Ist-Prozess mit nummerierten Befunden",
        "diagram.as_is_caption": (
            "Ist-Prozess „{name}“. Die Nummern an den Elementen entsprechen der Tabelle der "
            "Befunde; Rahmenfarbe nach Bedeutung (rot hoch, orange mittel, blau niedrig)."
        ),
        "diagram.to_be": "Soll-Variante „{name}“",
        "diagram.to_be_caption": (
            "Soll-Variante „{name}“. Grün: neu, orange: geändert gegenüber dem Ist-Prozess."
        ),
        "diagram.heat_caption": (
            "Wartezeit vor jeder Aktivität (Liegezeit), von hell (kurz) bis dunkelorange (lang)."
        ),
        "findings.title": "Befunde",
        "findings.intro": (
            "Jeder Befund nennt die betroffenen Elemente, die Belege, auf denen er beruht, und "
            "einen Verbesserungsvorschlag."
        ),
        "findings.none": "Die Analyse hat keine Schwachstellen gefunden.",
        "col.no": "Nr.",
        "col.severity": "Bedeutung",
        "col.kind": "Art",
        "col.finding": "Befund",
        "col.elements": "Elemente",
        "col.evidence": "Belege",
        "col.suggestion": "Vorschlag",
        "col.review": "Prüfstatus",
        "col.review_comment": "Kommentar",
        "col.rule": "Regel",
        "col.id": "Kennung",
        "col.kpi": "Kennzahl",
        "col.as_is": "Ist",
        "col.delta": "Veränderung",
        "col.element": "Element",
        "col.change": "Änderung",
        "col.fields": "Geänderte Merkmale",
        "col.activity": "Aktivität",
        "col.unit": "Einheit",
        "col.processing": "Bearbeitungszeit",
        "col.waiting": "Liegezeit",
        "col.visits": "Ausführungen je Fall",
        "col.effort_case": "Aufwand je Fall",
        "col.cost_case": "Kosten je Fall",
        "col.staff": "Personal (VZÄ)",
        "col.cost_hour": "Kosten je Stunde",
        "col.utilisation": "Auslastung",
        "col.source": "Quelle",
        "col.parameter": "Parameter",
        "col.value": "Wert",
        "col.assumption": "Annahme",
        "col.measure": "Maßnahme",
        "col.project": "Projekt",
        "col.findings": "Befunde",
        "col.hours_saved": "Eingesparte Stunden/Jahr",
        "col.breaks_removed": "Beseitigte Medienbrüche",
        "col.handoffs_removed": "Beseitigte Übergaben",
        "col.citizens": "Betroffene Bürger",
        "col.cost": "Kosten",
        "col.status": "Status",
        "col.rank": "Rang",
        "col.score": "Punkte",
        "col.urgent": "Dringlich",
        "col.owner": "Verantwortlich",
        "col.start": "Beginn",
        "col.end": "Ende",
        "col.budget": "Budget",
        "col.risk": "Risiko",
        "col.fit": "Strategische Passung",
        "col.date": "Datum",
        "col.progress": "Fortschritt",
        "col.note": "Bemerkung",
        "col.author": "Von",
        "col.field": "Handlungsfeld",
        "col.programme": "Programm",
        "col.measures": "Maßnahmen",
        "col.metric": "Kennzahl",
        "col.process": "Prozess",
        "col.message": "Hinweis",
        "col.criterion": "Kriterium",
        "col.weight": "Gewicht",
        "severity.high": "hoch",
        "severity.medium": "mittel",
        "severity.low": "niedrig",
        "kind.media_break": "Medienbruch",
        "kind.handoff": "Übergabe",
        "kind.bottleneck": "Engpass",
        "kind.quality": "Modellqualität",
        "review.open": "offen",
        "review.accepted": "bestätigt",
        "review.rejected": "verworfen",
        "variant.title": "Soll-Variante „{name}“",
        "variant.changes": "Änderungen gegenüber dem Ist-Prozess",
        "variant.added": "neu",
        "variant.removed": "entfernt",
        "variant.changed": "geändert",
        "variant.no_changes": "Die Variante unterscheidet sich inhaltlich nicht vom Ist-Prozess.",
        "variant.removed_note": "Im Ist-Prozess vorhanden, in der Variante entfernt: {items}.",
        "field.name": "Bezeichnung",
        "field.type": "Typ",
        "field.unit": "Einheit",
        "field.medium": "Medium",
        "field.system": "IT-System",
        "field.parameters": "Parameter",
        "field.flows": "Abfolge",
        "field.source": "Quelle",
        "field.target": "Ziel",
        "field.condition": "Bedingung",
        "kpis.title": "Kennzahlen im Vergleich",
        "kpis.intro": (
            "Kennzahlen des Ist-Prozesses und jeder Soll-Variante; Veränderung = "
            "Soll − Ist."
        ),
        "kpis.chart": "Kennzahlen Ist und Soll",
        "kpis.shares_chart": "Anteile Ist und Soll",
        "kpis.findings_chart": "Befunde nach Art und Bedeutung",
        "simulation.title": "Aufwand, Kosten und Durchlaufzeit",
        "simulation.intro": (
            "Erwartungswerte des analytischen Modells (keine Zufallssimulation): Ausführungen "
            "je Fall aus den Verzweigungswahrscheinlichkeiten, Aufwand = Ausführungen × "
            "mittlere Bearbeitungszeit, Auslastung = Jahresaufwand ÷ Kapazität."
        ),
        "simulation.activities": "Aufwand je Aktivität",
        "simulation.units": "Auslastung der Organisationseinheiten",
        "simulation.effort_chart": "Aufwand je Fall nach Aktivität (größte zuerst)",
        "simulation.utilisation_chart": "Auslastung je Einheit (Linie: 85 %)",
        "simulation.compare_chart": "Aufwand, Kosten und Durchlaufzeit: Ist und Soll",
        "simulation.heat": "Wartezeiten im Ist-Prozess",
        "measures.title": "Maßnahmen und Projekte",
        "measures.intro": (
            "Maßnahmen, die aus den Befunden abgeleitet wurden, mit dem Projekt, "
            "das sie umsetzt."
        ),
        "measures.none": "Es sind noch keine Maßnahmen erfasst.",
        "assumptions.title": "Annahmen und Parameter",
        "assumptions.intro": (
            "Die Zahlen dieses Berichts beruhen auf den folgenden Parametern und Annahmen."
        ),
        "assumptions.list": "Annahmen",
        "assumptions.parameters": "Parameter je Aktivität",
        "assumptions.resources": "Organisationseinheiten",
        "assumptions.general": "Allgemeine Parameter",
        "assumptions.cases_per_year": "Fälle im Jahr",
        "assumptions.hours_per_fte": "Produktive Stunden je VZÄ und Jahr",
        "assumptions.default_cost": "Kostensatz (Vorgabe) je Stunde",
        "assumptions.sources": "Herkunft der Parameter",
        "assumptions.params_file": "Parameterdatei",
        "assumptions.only_as_is": (
            "Die Parameterdatei gilt für den Ist-Prozess; Soll-Varianten verwenden die "
            "Parameter in ihrem eigenen Modell."
        ),
        "assumptions.profile": "Regelprofil",
        "assumptions.analysis": (
            "Befunde und Kennzahlen folgen aus der Struktur des Modells (Lanes, Nachrichten, "
            "Datenobjekte, Aufgabentypen, Bezeichnungen) und dem Regelprofil; sie sind so "
            "gut wie das Modell."
        ),
        "quality.title": "Anhang: Modellqualität",
        "quality.intro": (
            "Befunde zur Modellqualität (Korrektheit, Modellierungsrichtlinien) und "
            "Komplexitätsmaße je Prozess; Formeln in docs/analysis/quality.md."
        ),
        "quality.findings": "Befunde zur Modellqualität",
        "quality.metrics": "Komplexitätsmaße",
        "quality.warnings": "Hinweise des Imports",
        "quality.no_findings": "Keine Befunde zur Modellqualität.",
        "metric.size": "Knoten",
        "metric.arcs": "Kanten",
        "metric.cfc": "Kontrollflusskomplexität (CFC)",
        "metric.density": "Dichte",
        "metric.cnc": "Vernetzungsgrad (CNC)",
        "metric.gateway_mismatch": "Gateway-Ungleichgewicht",
        "metric.gateway_heterogeneity": "Gateway-Heterogenität",
        "metric.gateway_types": "Gateway-Typen",
        "metric.depth": "Schachtelungstiefe",
        "metric.nesting": "Teilprozess-Tiefe",
        "sheet.findings": "Befunde",
        "sheet.kpis": "Kennzahlen",
        "sheet.parameters": "Parameter",
        "sheet.measures": "Maßnahmen",
        "sheet.units": "Einheiten",
        "sheet.changes": "Änderungen",
        "sheet.ranking": "Rangfolge",
        "sheet.breakdown": "Bewertung",
        "sheet.status": "Statusverlauf",
        "sheet.benefits": "Nutzen",
        "sheet.assumptions": "Annahmen",
        "status.idea": "Idee",
        "status.planned": "geplant",
        "status.in_progress": "in Umsetzung",
        "status.done": "abgeschlossen",
        "status.stopped": "gestoppt",
        "portfolio.summary": (
            "Das Portfolio umfasst {projects} Projekte mit {measures} Maßnahmen und einem "
            "Budget von {budget}. Die Maßnahmen sparen zusammen {hours} Arbeitsstunden im "
            "Jahr und beseitigen {breaks} Medienbrüche."
        ),
        "portfolio.scheme": "Bewertet nach dem Schema „{name}“.",
        "portfolio.subtitle": "Digitalisierungs- und Optimierungsportfolio",
        "portfolio.scheme_label": "Bewertungsschema",
        "portfolio.top": "Höchste Priorität:",
        "portfolio.ranking": "Rangfolge der Projekte",
        "portfolio.ranking_intro": (
            "Punkte 0–100: Summe der gewichteten, normierten Kriterien. Projekte mit "
            "Dringlichkeit (z. B. gesetzliche Pflicht) stehen vor allen anderen."
        ),
        "portfolio.breakdown_chart": "Punkte je Projekt nach Kriterium",
        "portfolio.matrix": "Portfolio-Matrix",
        "portfolio.matrix_chart": (
            "Nutzen (Punkte) gegen Risiko; Kreisgröße: Budget; Farbe: Status."
        ),
        "portfolio.roadmap": "Roadmap",
        "portfolio.roadmap_chart": "Laufzeiten der Projekte, Farbe nach Status.",
        "portfolio.roadmap_missing": "Ohne Zeitraum (nicht in der Roadmap): {items}.",
        "portfolio.status": "Status und Monitoring",
        "portfolio.status_none": "Es liegen noch keine Statusmeldungen vor.",
        "portfolio.benefits": "Nutzen nach Handlungsfeld",
        "portfolio.benefits_chart": "Eingesparte Arbeitsstunden im Jahr je Handlungsfeld",
        "portfolio.benefits_note": (
            "Betroffene Bürger werden nicht addiert (dieselben Bürger erreichen mehrere "
            "Maßnahmen), sondern als größte Gruppe angegeben."
        ),
        "portfolio.unassigned": "ohne Handlungsfeld",
        "portfolio.criteria": "Kriterien und Gewichte",
        "portfolio.empty": "Das Portfolio enthält noch keine Projekte.",
        "yes": "ja",
        "no": "nein",
    },
    "en": {
        "report.process.title": "Optimisation report",
        "report.portfolio.title": "Portfolio report",
        "report.toc": "Contents",
        "report.page": "Page",
        "report.of": "of",
        "report.created": "Created on",
        "report.source": "File",
        "report.language": "Language",
        "report.generator": "Created with the process-analysis workbench",
        "report.large_diagram": (
            "(Large diagram: printed reduced; complete and zoomable in the HTML report.)"
        ),
        "report.variants": "To-be variants",
        "report.none": "none",
        "summary.title": "Summary for decision makers",
        "summary.findings": (
            "The analysis found {count} weak spots, {high} of them of high severity."
        ),
        "summary.top": "The most important findings:",
        "summary.variant": "To-be variant '{name}': {summary}",
        "summary.simulation": (
            "With the parameters given, a case takes {effort} of work on average and costs "
            "{cost}; the lead time is about {lead}."
        ),
        "summary.simulation_year": (
            "With {cases} cases a year that is {hours} working hours and {cost} a year."
        ),
        "summary.no_params": (
            "The model has no time or volume parameters, so effort, cost and lead time are "
            "not calculated."
        ),
        "kpi.activities": "Activities",
        "kpi.media_breaks": "Media breaks",
        "kpi.handoffs": "Hand-offs",
        "kpi.handoffs_per_case": "Hand-offs per case",
        "kpi.units": "Organisational units",
        "kpi.external_parties": "External parties",
        "kpi.digital_share": "Digital share",
        "kpi.analogue_share": "Analogue share",
        "kpi.manual_share": "Manual share",
        "kpi.findings": "Findings",
        "kpi.findings_high": "Findings (high)",
        "kpi.effort_per_case": "Work per case",
        "kpi.cost_per_case": "Cost per case",
        "kpi.lead_time": "Lead time",
        "kpi.effort_per_year": "Working hours a year",
        "kpi.cost_per_year": "Cost a year",
        "diagram.as_is": "As-is process with numbered findings",
        "diagram.as_is_caption": (
            "As-is process '{name}'. The numbers on the elements are those of the findings "
            "table; outline colour by severity (red high, orange medium, blue low)."
        ),
        "diagram.to_be": "To-be variant '{name}'",
        "diagram.to_be_caption": (
            "To-be variant '{name}'. Green: new, orange: changed compared with the as-is process."
        ),
        "diagram.heat_caption": (
            "Waiting time before each activity (lay time), from pale (short) to deep orange "
            "(long)."
        ),
        "findings.title": "Findings",
        "findings.intro": (
            "Each finding names the elements concerned, the evidence it rests on and a "
            "suggestion for improvement."
        ),
        "findings.none": "The analysis found no weak spots.",
        "col.no": "No.",
        "col.severity": "Severity",
        "col.kind": "Kind",
        "col.finding": "Finding",
        "col.elements": "Elements",
        "col.evidence": "Evidence",
        "col.suggestion": "Suggestion",
        "col.review": "Review status",
        "col.review_comment": "Comment",
        "col.rule": "Rule",
        "col.id": "Id",
        "col.kpi": "Key figure",
        "col.as_is": "As-is",
        "col.delta": "Change",
        "col.element": "Element",
        "col.change": "Change",
        "col.fields": "Changed properties",
        "col.activity": "Activity",
        "col.unit": "Unit",
        "col.processing": "Processing time",
        "col.waiting": "Lay time",
        "col.visits": "Executions per case",
        "col.effort_case": "Work per case",
        "col.cost_case": "Cost per case",
        "col.staff": "Staff (FTE)",
        "col.cost_hour": "Cost per hour",
        "col.utilisation": "Utilisation",
        "col.source": "Source",
        "col.parameter": "Parameter",
        "col.value": "Value",
        "col.assumption": "Assumption",
        "col.measure": "Measure",
        "col.project": "Project",
        "col.findings": "Findings",
        "col.hours_saved": "Hours saved per year",
        "col.breaks_removed": "Media breaks removed",
        "col.handoffs_removed": "Hand-offs removed",
        "col.citizens": "Citizens affected",
        "col.cost": "Cost",
        "col.status": "Status",
        "col.rank": "Rank",
        "col.score": "Score",
        "col.urgent": "Urgent",
        "col.owner": "Owner",
        "col.start": "Start",
        "col.end": "End",
        "col.budget": "Budget",
        "col.risk": "Risk",
        "col.fit": "Strategic fit",
        "col.date": "Date",
        "col.progress": "Progress",
        "col.note": "Note",
        "col.author": "By",
        "col.field": "Field of action",
        "col.programme": "Programme",
        "col.measures": "Measures",
        "col.metric": "Metric",
        "col.process": "Process",
        "col.message": "Message",
        "col.criterion": "Criterion",
        "col.weight": "Weight",
        "severity.high": "high",
        "severity.medium": "medium",
        "severity.low": "low",
        "kind.media_break": "Media break",
        "kind.handoff": "Hand-off",
        "kind.bottleneck": "Bottleneck",
        "kind.quality": "Model quality",
        "review.open": "open",
        "review.accepted": "accepted",
        "review.rejected": "rejected",
        "variant.title": "To-be variant '{name}'",
        "variant.changes": "Changes compared with the as-is process",
        "variant.added": "added",
        "variant.removed": "removed",
        "variant.changed": "changed",
        "variant.no_changes": "The variant does not differ in content from the as-is process.",
        "variant.removed_note": "In the as-is process, removed in the variant: {items}.",
        "field.name": "name",
        "field.type": "type",
        "field.unit": "unit",
        "field.medium": "medium",
        "field.system": "IT system",
        "field.parameters": "parameters",
        "field.flows": "sequence",
        "field.source": "source",
        "field.target": "target",
        "field.condition": "condition",
        "kpis.title": "Key figures compared",
        "kpis.intro": (
            "Key figures of the as-is process and each to-be variant; change = "
            "to-be − as-is."
        ),
        "kpis.chart": "Key figures as-is and to-be",
        "kpis.shares_chart": "Shares as-is and to-be",
        "kpis.findings_chart": "Findings by kind and severity",
        "simulation.title": "Effort, cost and lead time",
        "simulation.intro": (
            "Expected values of the analytical model (no random simulation): executions per "
            "case from the branch probabilities, effort = executions × mean processing time, "
            "utilisation = yearly workload ÷ capacity."
        ),
        "simulation.activities": "Effort per activity",
        "simulation.units": "Utilisation of the units",
        "simulation.effort_chart": "Work per case by activity (largest first)",
        "simulation.utilisation_chart": "Utilisation per unit (line: 85 %)",
        "simulation.compare_chart": "Effort, cost and lead time: as-is and to-be",
        "simulation.heat": "Waiting times in the as-is process",
        "measures.title": "Measures and projects",
        "measures.intro": (
            "Measures derived from the findings, with the project that carries "
            "them out."
        ),
        "measures.none": "No measures have been recorded yet.",
        "assumptions.title": "Assumptions and parameters",
        "assumptions.intro": (
            "The figures of this report rest on the following parameters and "
            "assumptions."
        ),
        "assumptions.list": "Assumptions",
        "assumptions.parameters": "Parameters per activity",
        "assumptions.resources": "Organisational units",
        "assumptions.general": "General parameters",
        "assumptions.cases_per_year": "Cases per year",
        "assumptions.hours_per_fte": "Productive hours per FTE and year",
        "assumptions.default_cost": "Default cost per hour",
        "assumptions.sources": "Where the parameters come from",
        "assumptions.params_file": "Parameter file",
        "assumptions.only_as_is": (
            "The parameter file applies to the as-is process; to-be variants use the "
            "parameters in their own model."
        ),
        "assumptions.profile": "Rule profile",
        "assumptions.analysis": (
            "Findings and key figures follow from the model's structure (lanes, messages, "
            "data objects, task types, labels) and the rule profile; they are as good as the "
            "model."
        ),
        "quality.title": "Appendix: model quality",
        "quality.intro": (
            "Findings on model quality (soundness, modelling guidelines) and complexity "
            "metrics per process; formulas in docs/analysis/quality.md."
        ),
        "quality.findings": "Model-quality findings",
        "quality.metrics": "Complexity metrics",
        "quality.warnings": "Import notes",
        "quality.no_findings": "No model-quality findings.",
        "metric.size": "Nodes",
        "metric.arcs": "Arcs",
        "metric.cfc": "Control-flow complexity (CFC)",
        "metric.density": "Density",
        "metric.cnc": "Connectivity (CNC)",
        "metric.gateway_mismatch": "Gateway mismatch",
        "metric.gateway_heterogeneity": "Gateway heterogeneity",
        "metric.gateway_types": "Gateway types",
        "metric.depth": "Nesting depth",
        "metric.nesting": "Sub-process depth",
        "sheet.findings": "Findings",
        "sheet.kpis": "KPIs",
        "sheet.parameters": "Parameters",
        "sheet.measures": "Measures",
        "sheet.units": "Units",
        "sheet.changes": "Changes",
        "sheet.ranking": "Ranking",
        "sheet.breakdown": "Score breakdown",
        "sheet.status": "Status history",
        "sheet.benefits": "Benefits",
        "sheet.assumptions": "Assumptions",
        "status.idea": "idea",
        "status.planned": "planned",
        "status.in_progress": "in progress",
        "status.done": "done",
        "status.stopped": "stopped",
        "portfolio.summary": (
            "The portfolio holds {projects} projects with {measures} measures and a budget of "
            "{budget}. Together the measures save {hours} working hours a year and remove "
            "{breaks} media breaks."
        ),
        "portfolio.scheme": "Scored with the scheme '{name}'.",
        "portfolio.subtitle": "Digitalisation and optimisation portfolio",
        "portfolio.scheme_label": "Prioritisation scheme",
        "portfolio.top": "Highest priority:",
        "portfolio.ranking": "Project ranking",
        "portfolio.ranking_intro": (
            "Score 0–100: sum of the weighted, normalised criteria. Projects with urgency "
            "(e.g. a legal obligation) come before all others."
        ),
        "portfolio.breakdown_chart": "Score per project by criterion",
        "portfolio.matrix": "Portfolio matrix",
        "portfolio.matrix_chart": (
            "Benefit (score) against risk; bubble size: budget; colour: "
            "status."
        ),
        "portfolio.roadmap": "Roadmap",
        "portfolio.roadmap_chart": "Project durations, colour by status.",
        "portfolio.roadmap_missing": "Without dates (not on the roadmap): {items}.",
        "portfolio.status": "Status and monitoring",
        "portfolio.status_none": "No status updates yet.",
        "portfolio.benefits": "Benefits by field of action",
        "portfolio.benefits_chart": "Working hours saved per year by field of action",
        "portfolio.benefits_note": (
            "Citizens affected are not added up (the same citizens are reached by several "
            "measures) but given as the largest group."
        ),
        "portfolio.unassigned": "no field of action",
        "portfolio.criteria": "Criteria and weights",
        "portfolio.empty": "The portfolio has no projects yet.",
        "yes": "yes",
        "no": "no",
    },
}


def word(lang: str, key: str, **params: object) -> str:
    """The text of ``key`` in ``lang`` (German when ``lang`` is unknown), filled in."""
    table = WORDS.get(lang, WORDS["de"])
    text = table.get(key, WORDS["de"].get(key, key))
    return text.format(**params) if params else text
