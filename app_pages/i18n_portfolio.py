"""UI strings of the portfolio pages, German and English (merged by ``app_pages.i18n``)."""

STRINGS: dict[str, dict[str, str]] = {
    "de": {
        "portfolio.nav": "Portfolio",
        "portfolio.page": "Portfolio & Priorisierung",
        "portfolio.title": "Portfolio & Priorisierung",
        "portfolio.intro": (
            "Die Digitalisierungsvorhaben der Stadt: Handlungsfelder, Programme und Projekte "
            "mit dem Nutzen ihrer Maßnahmen, eine nachvollziehbare Rangfolge nach einem "
            "Bewertungsschema, Zeitplan und Umsetzungsstand."
        ),
        "portfolio.empty": "Noch kein Portfolio gespeichert. Importieren Sie eine Projektliste.",
        "portfolio.no_projects": "Noch keine Projekte gespeichert.",
        "portfolio.tab.ranking": "Rangfolge",
        "portfolio.tab.tree": "Strategie",
        "portfolio.tab.projects": "Projekte",
        "portfolio.tab.matrix": "Matrix & Roadmap",
        "portfolio.tab.monitoring": "Umsetzungsstand",
        "portfolio.tab.measures": "Maßnahmen",
        "portfolio.tab.exchange": "Import & Export",
        "portfolio.status.idea": "Idee",
        "portfolio.status.planned": "geplant",
        "portfolio.status.in_progress": "in Umsetzung",
        "portfolio.status.done": "abgeschlossen",
        "portfolio.status.stopped": "gestoppt",
        "portfolio.tree.level": "Ebene",
        "portfolio.tree.name": "Handlungsfeld / Programm / Projekt",
        "portfolio.tree.field": "Handlungsfeld",
        "portfolio.tree.programme": "Programm",
        "portfolio.tree.project": "Projekt",
        "portfolio.tree.caption": (
            "Der Nutzen der Maßnahmen summiert sich über Projekte und Programme zu den "
            "Handlungsfeldern; bei den Betroffenen zählt die größte Gruppe (keine "
            "Doppelzählung)."
        ),
        "portfolio.tree.orphans": "Maßnahmen ohne Projekt: {keys}.",
        "portfolio.col.key": "Nr.",
        "portfolio.col.name": "Projekt",
        "portfolio.col.owner_unit": "Verantwortliche Einheit",
        "portfolio.col.status": "Status",
        "portfolio.col.programme_key": "Programm",
        "portfolio.col.start": "Beginn",
        "portfolio.col.end": "Ende",
        "portfolio.col.budget": "Budget (€)",
        "portfolio.col.effort": "Aufwand (PT)",
        "portfolio.col.risk": "Risiko (1–5)",
        "portfolio.col.strategic_fit": "Strategischer Beitrag (1–5)",
        "portfolio.col.legal_obligation": "Rechtliche Verpflichtung",
        "portfolio.col.ozg_maturity_target": "OZG-Reifegrad (0–4)",
        "portfolio.col.replaces_legacy": "Ablösung",
        "portfolio.col.citizens_affected": "Betroffene",
        "portfolio.col.version": "Stand",
        "portfolio.col.hours": "Eingesparte Stunden/Jahr",
        "portfolio.col.media": "Beseitigte Medienbrüche",
        "portfolio.col.handoffs": "Beseitigte Übergaben",
        "portfolio.col.citizens": "Betroffene",
        "portfolio.col.cost": "Kosten der Maßnahmen",
        "portfolio.col.measures": "Maßnahmen",
        "portfolio.projects.caption": (
            "Ändern Sie Werte direkt in der Tabelle und speichern Sie. Jede Zeile wird mit dem "
            "Stand gespeichert, den Sie gesehen haben: Hat jemand die Zeile inzwischen "
            "geändert, wird sie nicht überschrieben."
        ),
        "portfolio.projects.save": "Änderungen speichern",
        "portfolio.projects.unchanged": "Keine Änderungen zu speichern.",
        "portfolio.projects.saved": "Gespeichert: {keys}.",
        "portfolio.projects.refused": (
            "Nicht gespeichert: {keys}. Laden Sie die Tabelle neu, um den gespeicherten Stand "
            "zu sehen."
        ),
        "portfolio.projects.reload": "Tabelle neu laden",
        "portfolio.scheme": "Bewertungsschema",
        "portfolio.scheme_default": "aktiv",
        "portfolio.rank.points": "Punkte",
        "portfolio.rank.criterion": "Kriterium",
        "portfolio.rank.rank": "Rang",
        "portfolio.rank.score": "Punkte",
        "portfolio.rank.urgent": "Dringlich wegen",
        "portfolio.urgent.legal_obligation": "rechtlicher Verpflichtung",
        "portfolio.urgent.replaces_legacy": "Ablösung",
        "portfolio.sens.title": "Empfindlichkeit",
        "portfolio.sens.delta": "Gewichtsanteil verschieben um",
        "portfolio.sens.caption": (
            "Welche Ränge ändern sich, wenn der Anteil eines Kriteriums am Gesamtgewicht um "
            "{delta} Prozentpunkte sinkt oder steigt (die übrigen Gewichte behalten ihr "
            "Verhältnis)?"
        ),
        "portfolio.sens.share": "Anteil",
        "portfolio.sens.down": "weniger Gewicht",
        "portfolio.sens.up": "mehr Gewicht",
        "portfolio.sens.none": "keine Änderung",
        "portfolio.scheme.edit_title": "Schema „{name}“ bearbeiten",
        "portfolio.scheme.criterion": "Kriterium",
        "portfolio.scheme.label": "Bezeichnung",
        "portfolio.scheme.weight": "Gewicht",
        "portfolio.scheme.direction": "Richtung",
        "portfolio.scheme.normalisation": "Normierung",
        "portfolio.scheme.low": "Skala von",
        "portfolio.scheme.high": "Skala bis",
        "portfolio.scheme.target": "Zielwert",
        "portfolio.scheme.legal_first": "Rechtlich verpflichtende Projekte zuerst",
        "portfolio.scheme.make_default": "Als aktives Schema verwenden",
        "portfolio.scheme.help": (
            "Richtung „benefit“: mehr ist besser, „cost“: weniger ist besser. Normierung: "
            "min-max, rank (Rangplatz), scale (feste Skala von–bis), target (Zielwert). "
            "Formeln: docs/portfolio/scoring.md."
        ),
        "portfolio.scheme.save": "Schema speichern",
        "portfolio.scheme.saved": "Schema „{name}“ gespeichert.",
        "portfolio.matrix.title": "Nutzen und Aufwand",
        "portfolio.matrix.caption": (
            "Nutzenpunkte aus den Nutzenkriterien des Schemas „{scheme}“ gegen den Aufwand; "
            "die Größe ist das Budget, die Farbe der Status."
        ),
        "portfolio.matrix.benefit": "Nutzenpunkte",
        "portfolio.roadmap.title": "Roadmap",
        "portfolio.roadmap.none": "Kein Projekt hat Beginn und Ende.",
        "portfolio.roadmap.undated": "Ohne Beginn oder Ende (nicht in der Roadmap): {keys}.",
        "portfolio.monitor.current": "Aktueller Status: **{status}**",
        "portfolio.monitor.progress": "Fortschritt (%)",
        "portfolio.monitor.date": "Datum",
        "portfolio.monitor.note": "Notiz",
        "portfolio.monitor.author": "Von",
        "portfolio.monitor.none": "Noch keine Statusmeldungen zu diesem Projekt.",
        "portfolio.monitor.add": "Statusmeldung hinzufügen",
        "portfolio.monitor.save": "Statusmeldung speichern",
        "portfolio.monitor.saved": "Statusmeldung zu {project} gespeichert.",
        "portfolio.measures.none": "Noch keine Maßnahmen.",
        "portfolio.measures.create_title": "Maßnahme anlegen",
        "portfolio.measures.create_help": (
            "Maßnahmen aus Befunden legen Sie auf der Analyseseite an (Version aus der "
            "Bibliothek öffnen); hier entstehen Maßnahmen ohne Befundbezug."
        ),
        "portfolio.export.title": "Export",
        "portfolio.export.caption": (
            "Das Portfolio als Excel-Datei: Projekte mit Punkten und Rang (Schema „{scheme}“), "
            "Bewertung je Kriterium, Maßnahmen, Programme, Handlungsfelder."
        ),
        "portfolio.export.button": "Portfolio herunterladen (.xlsx)",
        "portfolio.import.title": "Import einer Projektliste",
        "portfolio.import.caption": (
            "Eine Projektliste als .xlsx oder .csv. Spalten werden an ihren Überschriften "
            "erkannt; ordnen Sie unbekannte Spalten unten zu. Enthält die Datei einen Fehler, "
            "wird nichts gespeichert und jede fehlerhafte Zeile genannt."
        ),
        "portfolio.import.uploader": "Projektliste (.xlsx, .csv)",
        "portfolio.import.mapping": "Spaltenzuordnung",
        "portfolio.import.ignore": "– nicht übernehmen –",
        "portfolio.import.button": "Prüfen und importieren",
        "portfolio.import.unreadable": (
            "„{name}“ kann nicht gelesen werden. Speichern Sie die Liste als .xlsx oder .csv "
            "(Semikolon oder Komma) und laden Sie sie erneut hoch."
        ),
        "portfolio.import.no_header": "„{name}“ enthält keine Überschriftenzeile.",
        "portfolio.import.done": (
            "„{name}“ importiert: {rows} Zeilen, {created} Projekte neu, {updated} geändert."
        ),
        "portfolio.import.ignored": "Nicht übernommene Spalten: {columns}.",
        "portfolio.import.rejected": (
            "„{name}“ wurde abgelehnt, nichts wurde gespeichert: {count} Problem(e). "
            "Korrigieren Sie die Zeilen und laden Sie die Datei erneut hoch."
        ),
        "portfolio.import.row": "Zeile",
        "portfolio.import.column": "Spalte",
        "portfolio.import.code": "Code",
        "portfolio.import.message": "Problem",
        "portfolio.new.project_title": "Neues Vorhaben",
        "portfolio.new.project_help": (
            "Ein Projekt von Hand anlegen (viele auf einmal: Import & Export). Die Nummer ist "
            "die nächste freie; LeiKa-Schlüssel und betroffene Leistungen durch Kommas "
            "trennen. Nicht gespeicherte Änderungen in der Tabelle oben gehen beim Anlegen "
            "verloren: erst speichern."
        ),
        "portfolio.new.key": "Nr. (Schlüssel)",
        "portfolio.new.name": "Name",
        "portfolio.new.none": "– kein Programm –",
        "portfolio.new.leika": "LeiKa-Schlüssel (14 Ziffern, durch Kommas getrennt)",
        "portfolio.new.services": "Betroffene Leistungen (durch Kommas getrennt)",
        "portfolio.new.services_placeholder": "z. B. Anwohnerparkausweis, Wohngeld",
        "portfolio.new.legal_placeholder": "z. B. OZG",
        "portfolio.new.project_save": "Vorhaben anlegen",
        "portfolio.new.project_saved": "Vorhaben {number} „{name}“ angelegt.",
        "portfolio.new.key_missing": "Nicht gespeichert: Bitte eine Nr. (Schlüssel) angeben.",
        "portfolio.new.name_missing": "Nicht gespeichert: Bitte einen Namen angeben.",
        "portfolio.new.key_taken": (
            "Nicht gespeichert: Die Nr. {number} ist bereits vergeben. Bitte eine andere wählen "
            "(vorgeschlagen wird die nächste freie)."
        ),
        "portfolio.new.too_long": (
            "Nicht gespeichert: „{field}“ ist länger als {limit} Zeichen. Bitte kürzen."
        ),
        "portfolio.new.bad_leika": (
            "Nicht gespeichert: Kein gültiger LeiKa-Schlüssel (genau 14 Ziffern): {keys}. "
            "Bitte korrigieren; mehrere Schlüssel durch Kommas trennen."
        ),
        "portfolio.new.field_title": "Handlungsfeld anlegen",
        "portfolio.new.programme_title": "Programm anlegen",
        "portfolio.new.description": "Beschreibung",
        "portfolio.new.field_save": "Handlungsfeld anlegen",
        "portfolio.new.field_saved": "Handlungsfeld {number} „{name}“ angelegt.",
        "portfolio.new.programme_save": "Programm anlegen",
        "portfolio.new.programme_saved": (
            "Programm {number} „{name}“ im Handlungsfeld {field} angelegt."
        ),
        "portfolio.new.no_fields": "Legen Sie zuerst ein Handlungsfeld an.",
    },
    "en": {
        "portfolio.nav": "Portfolio",
        "portfolio.page": "Portfolio & prioritisation",
        "portfolio.title": "Portfolio & prioritisation",
        "portfolio.intro": (
            "The city's digitalisation projects: fields of action, programmes and projects "
            "with the benefit of their measures, a ranking a committee can follow, schedule "
            "and implementation status."
        ),
        "portfolio.empty": "No portfolio stored yet. Import a project list.",
        "portfolio.no_projects": "No projects stored yet.",
        "portfolio.tab.ranking": "Ranking",
        "portfolio.tab.tree": "Strategy",
        "portfolio.tab.projects": "Projects",
        "portfolio.tab.matrix": "Matrix & roadmap",
        "portfolio.tab.monitoring": "Status",
        "portfolio.tab.measures": "Measures",
        "portfolio.tab.exchange": "Import & export",
        "portfolio.status.idea": "idea",
        "portfolio.status.planned": "planned",
        "portfolio.status.in_progress": "in progress",
        "portfolio.status.done": "done",
        "portfolio.status.stopped": "stopped",
        "portfolio.tree.level": "Level",
        "portfolio.tree.name": "Field of action / programme / project",
        "portfolio.tree.field": "Field of action",
        "portfolio.tree.programme": "Programme",
        "portfolio.tree.project": "Project",
        "portfolio.tree.caption": (
            "The benefit of the measures adds up over projects and programmes to the fields "
            "of action; for citizens affected the largest group counts (no double counting)."
        ),
        "portfolio.tree.orphans": "Measures without a project: {keys}.",
        "portfolio.col.key": "No.",
        "portfolio.col.name": "Project",
        "portfolio.col.owner_unit": "Owner unit",
        "portfolio.col.status": "Status",
        "portfolio.col.programme_key": "Programme",
        "portfolio.col.start": "Start",
        "portfolio.col.end": "End",
        "portfolio.col.budget": "Budget (€)",
        "portfolio.col.effort": "Effort (person-days)",
        "portfolio.col.risk": "Risk (1–5)",
        "portfolio.col.strategic_fit": "Strategic fit (1–5)",
        "portfolio.col.legal_obligation": "Legal obligation",
        "portfolio.col.ozg_maturity_target": "OZG maturity (0–4)",
        "portfolio.col.replaces_legacy": "Replaces legacy",
        "portfolio.col.citizens_affected": "Citizens affected",
        "portfolio.col.version": "Version",
        "portfolio.col.hours": "Hours saved/year",
        "portfolio.col.media": "Media breaks removed",
        "portfolio.col.handoffs": "Hand-offs removed",
        "portfolio.col.citizens": "Citizens affected",
        "portfolio.col.cost": "Cost of measures",
        "portfolio.col.measures": "Measures",
        "portfolio.projects.caption": (
            "Change values directly in the table and save. Each row is saved with the version "
            "you saw: if someone changed the row meanwhile, it is not overwritten."
        ),
        "portfolio.projects.save": "Save changes",
        "portfolio.projects.unchanged": "No changes to save.",
        "portfolio.projects.saved": "Saved: {keys}.",
        "portfolio.projects.refused": (
            "Not saved: {keys}. Reload the table to see the stored values."
        ),
        "portfolio.projects.reload": "Reload table",
        "portfolio.scheme": "Prioritisation scheme",
        "portfolio.scheme_default": "active",
        "portfolio.rank.points": "Points",
        "portfolio.rank.criterion": "Criterion",
        "portfolio.rank.rank": "Rank",
        "portfolio.rank.score": "Points",
        "portfolio.rank.urgent": "Urgent because of",
        "portfolio.urgent.legal_obligation": "legal obligation",
        "portfolio.urgent.replaces_legacy": "legacy replacement",
        "portfolio.sens.title": "Sensitivity",
        "portfolio.sens.delta": "Move the weight share by",
        "portfolio.sens.caption": (
            "Which ranks change when a criterion's share of the total weight falls or rises "
            "by {delta} percentage points (the other weights keep their proportions)?"
        ),
        "portfolio.sens.share": "Share",
        "portfolio.sens.down": "less weight",
        "portfolio.sens.up": "more weight",
        "portfolio.sens.none": "no change",
        "portfolio.scheme.edit_title": "Edit scheme '{name}'",
        "portfolio.scheme.criterion": "Criterion",
        "portfolio.scheme.label": "Label",
        "portfolio.scheme.weight": "Weight",
        "portfolio.scheme.direction": "Direction",
        "portfolio.scheme.normalisation": "Normalisation",
        "portfolio.scheme.low": "Scale from",
        "portfolio.scheme.high": "Scale to",
        "portfolio.scheme.target": "Target",
        "portfolio.scheme.legal_first": "Legally mandatory projects first",
        "portfolio.scheme.make_default": "Use as the active scheme",
        "portfolio.scheme.help": (
            "Direction 'benefit': more is better, 'cost': less is better. Normalisation: "
            "min-max, rank, scale (fixed scale from–to), target. Formulas: "
            "docs/portfolio/scoring.md."
        ),
        "portfolio.scheme.save": "Save scheme",
        "portfolio.scheme.saved": "Scheme '{name}' saved.",
        "portfolio.matrix.title": "Benefit and effort",
        "portfolio.matrix.caption": (
            "Benefit points from the benefit criteria of scheme '{scheme}' against effort; "
            "size is the budget, colour the status."
        ),
        "portfolio.matrix.benefit": "Benefit points",
        "portfolio.roadmap.title": "Roadmap",
        "portfolio.roadmap.none": "No project has a start and an end.",
        "portfolio.roadmap.undated": "Without start or end (not in the roadmap): {keys}.",
        "portfolio.monitor.current": "Current status: **{status}**",
        "portfolio.monitor.progress": "Progress (%)",
        "portfolio.monitor.date": "Date",
        "portfolio.monitor.note": "Note",
        "portfolio.monitor.author": "By",
        "portfolio.monitor.none": "No status updates for this project yet.",
        "portfolio.monitor.add": "Add a status update",
        "portfolio.monitor.save": "Save status update",
        "portfolio.monitor.saved": "Status update for {project} saved.",
        "portfolio.measures.none": "No measures yet.",
        "portfolio.measures.create_title": "Create a measure",
        "portfolio.measures.create_help": (
            "Measures from findings are created on the analysis page (open a version from "
            "the library); here you create measures without findings."
        ),
        "portfolio.export.title": "Export",
        "portfolio.export.caption": (
            "The portfolio as an Excel file: projects with points and rank (scheme "
            "'{scheme}'), scoring per criterion, measures, programmes, fields of action."
        ),
        "portfolio.export.button": "Download portfolio (.xlsx)",
        "portfolio.import.title": "Import a project list",
        "portfolio.import.caption": (
            "A project list as .xlsx or .csv. Columns are recognised by their headers; map "
            "unknown columns below. If the file has an error, nothing is saved and every "
            "faulty row is named."
        ),
        "portfolio.import.uploader": "Project list (.xlsx, .csv)",
        "portfolio.import.mapping": "Column mapping",
        "portfolio.import.ignore": "– do not import –",
        "portfolio.import.button": "Check and import",
        "portfolio.import.unreadable": (
            "'{name}' cannot be read. Save the list as .xlsx or .csv (semicolon or comma) "
            "and upload it again."
        ),
        "portfolio.import.no_header": "'{name}' has no header row.",
        "portfolio.import.done": (
            "'{name}' imported: {rows} rows, {created} projects new, {updated} changed."
        ),
        "portfolio.import.ignored": "Columns not imported: {columns}.",
        "portfolio.import.rejected": (
            "'{name}' was rejected, nothing was saved: {count} problem(s). Correct the rows "
            "and upload the file again."
        ),
        "portfolio.import.row": "Row",
        "portfolio.import.column": "Column",
        "portfolio.import.code": "Code",
        "portfolio.import.message": "Problem",
        "portfolio.new.project_title": "New project",
        "portfolio.new.project_help": (
            "Add one project by hand (many at once: Import & export). The key suggested is "
            "the next free one; separate LeiKa keys and affected services with commas. "
            "Unsaved changes in the table above are discarded when you add one: save first."
        ),
        "portfolio.new.key": "Key",
        "portfolio.new.name": "Name",
        "portfolio.new.none": "– no programme –",
        "portfolio.new.leika": "LeiKa keys (14 digits, comma-separated)",
        "portfolio.new.services": "Affected services (comma-separated)",
        "portfolio.new.services_placeholder": "e.g. residents' parking permit, housing benefit",
        "portfolio.new.legal_placeholder": "e.g. OZG",
        "portfolio.new.project_save": "Add project",
        "portfolio.new.project_saved": "Project {number} '{name}' added.",
        "portfolio.new.key_missing": "Not saved: please enter a key.",
        "portfolio.new.name_missing": "Not saved: please enter a name.",
        "portfolio.new.key_taken": (
            "Not saved: the key {number} is already taken. Please choose another one (the "
            "suggestion is the next free key)."
        ),
        "portfolio.new.too_long": (
            "Not saved: '{field}' is longer than {limit} characters. Please shorten it."
        ),
        "portfolio.new.bad_leika": (
            "Not saved: not a valid LeiKa key (exactly 14 digits): {keys}. Please correct it; "
            "separate several keys with commas."
        ),
        "portfolio.new.field_title": "Add a field of action",
        "portfolio.new.programme_title": "Add a programme",
        "portfolio.new.description": "Description",
        "portfolio.new.field_save": "Add field of action",
        "portfolio.new.field_saved": "Field of action {number} '{name}' added.",
        "portfolio.new.programme_save": "Add programme",
        "portfolio.new.programme_saved": "Programme {number} '{name}' added under field {field}.",
        "portfolio.new.no_fields": "Add a field of action first.",
    },
}
