"""UI strings of the library pages, German and English (merged by ``app_pages.i18n``).

Also the workspace's database messages (``library.db.*``), the findings review and the
measures on the analysis page (``library.review.*``, ``library.measure.*``).
"""

STRINGS: dict[str, dict[str, str]] = {
    "de": {
        "library.page": "Prozessbibliothek",
        "library.title": "Prozessbibliothek",
        "library.intro": (
            "Alle gespeicherten Prozesse der Verwaltung mit ihren Versionen. Suchen und filtern "
            "Sie nach Organisationseinheit, Prüfstand und Kennzahlen, sehen Sie die "
            "Versionsgeschichte eines Prozesses und öffnen Sie eine Version in der Analyse, "
            "um ihre Befunde mit dem Fachbereich zu prüfen."
        ),
        "library.db.error": (
            "Die Datenbank ist nicht erreichbar oder hat die Anfrage abgelehnt. Es wurde nichts "
            "gespeichert. Bitte versuchen Sie es erneut; bleibt der Fehler, wenden Sie sich an "
            "den Betrieb (Protokoll des Servers)."
        ),
        "library.db.invalid": "Nicht gespeichert: {detail}",
        "library.db.read_only": (
            "Ihre Rolle erlaubt nur das Ansehen. Änderungen können Analystinnen und Analysten "
            "sowie Administratoren vornehmen."
        ),
        "library.db.stale": (
            "Nicht gespeichert: „{record}“ wurde inzwischen von jemand anderem geändert. Ihre "
            "Änderung beruht auf Stand {expected}, gespeichert ist Stand {stored_version}.  \n"
            "**Gespeichert:** {stored}  \n**Ihre Eingabe:** {yours}  \n"
            "Nichts wurde überschrieben. Laden Sie die Seite neu und entscheiden Sie, welcher "
            "Wert gelten soll."
        ),
        "library.read_only": "Nur Ansicht: Ihre Rolle erlaubt keine Änderungen.",
        "library.analyse_progress": "Analysiere Version {done} von {total} …",
        "library.analyse_unreadable": "Nicht lesbar, daher nicht analysiert: Version(en) {ids}.",
        "library.analyse_more": (
            "{count} Prozesse sind noch nicht analysiert; ihre Kennzahlen fehlen in der Liste."
        ),
        "library.analyse_all": "Alle jetzt analysieren",
        "library.search": "Suche",
        "library.search_placeholder": "Name, Einheit oder LeiKa-Schlüssel",
        "library.filter_unit": "Organisationseinheit",
        "library.filter_status": "Prüfstand",
        "library.min_media_breaks": "Mindestens Medienbrüche",
        "library.min_handoffs_per_case": "Mindestens Übergaben je Fall",
        "library.no_unit": "ohne Einheit",
        "library.caption": "{shown} von {total} Prozessen.",
        "library.none": "Keine Prozesse für diese Auswahl.",
        "library.col.name": "Prozess",
        "library.col.unit": "Organisationseinheit",
        "library.col.versions": "Versionen",
        "library.col.variants": "Soll-Varianten",
        "library.col.role": "Art",
        "library.col.accepted": "Angenommen",
        "library.col.status": "Prüfstand",
        "library.col.version": "Version",
        "library.col.variant": "Variante",
        "library.col.parent": "Vorgänger",
        "library.col.file": "Datei",
        "library.col.by": "Von",
        "library.col.when": "Am",
        "library.col.hash": "Prüfsumme",
        "library.col.outcome": "Ergebnis",
        "library.col.detail": "Prozess / Grund",
        "library.status.not_analysed": "nicht analysiert",
        "library.status.open": "Befunde offen",
        "library.status.reviewed": "geprüft",
        "library.role.as_is": "Ist",
        "library.role.to_be": "Soll",
        "library.process_choice": "Versionen anzeigen von",
        "library.versions_title": "Versionen von „{name}“",
        "library.versions_none": "Dieser Prozess hat keine Versionen.",
        "library.version_choice": "Version",
        "library.version_label": "Version {id}",
        "library.open_analysis": "In der Analyse öffnen",
        "library.delete_title": "Prozess löschen",
        "library.delete_warning": (
            "„{name}“ wird mit allen {versions} Version(en), Analysen und Prüfergebnissen "
            "gelöscht. Maßnahmen bleiben erhalten, verlieren aber den Bezug zur Version."
        ),
        "library.delete_confirm": "Ja, diesen Prozess endgültig löschen",
        "library.delete_button": "Löschen",
        "library.deleted": "„{name}“ wurde gelöscht.",
        "library.upload_title": "Dateien in die Bibliothek aufnehmen",
        "library.uploader": "BPMN-Dateien (.bpmn/.xml, höchstens {limit_mb} MB je Datei)",
        "library.upload_unit": "Organisationseinheit (optional)",
        "library.upload_unit_help": (
            "Gilt für alle Dateien dieses Uploads. Eine Datei, deren Prozess mit Name und "
            "Einheit schon bekannt ist, wird dessen nächste Version."
        ),
        "library.upload_role": "Art",
        "library.upload_button": "Aufnehmen",
        "library.upload_progress": "Datei {done} von {total} …",
        "library.upload_summary": (
            "{added} aufgenommen, {duplicate} schon in der Bibliothek, {failed} nicht lesbar."
        ),
        "library.upload_failed_other": "nicht gespeichert (siehe Meldung)",
        "library.outcome.added": "aufgenommen",
        "library.outcome.duplicate": "schon vorhanden",
        "library.outcome.failed": "nicht lesbar",
        "library.source": "Analysiert wird Version {id} ({role}) von „{name}“ aus der Bibliothek.",
        "library.leave": "Bibliothek verlassen",
        "library.version_gone": (
            "Version {id} gibt es in der Bibliothek nicht (mehr). Wählen Sie eine andere "
            "Version in der Prozessbibliothek."
        ),
        "library.review.title": "Prüfung im Workshop",
        "library.review.column": "Prüfung",
        "library.review.open": "offen",
        "library.review.accepted": "angenommen",
        "library.review.rejected": "abgelehnt",
        "library.review.status": "Entscheidung",
        "library.review.comment": "Kommentar",
        "library.review.save": "Prüfung speichern",
        "library.review.saved": "Prüfung gespeichert: {status}.",
        "library.review.last": "Zuletzt: {status}, von {who}, am {when}.",
        "library.review.reload": (
            "Der gespeicherte Stand ist jetzt die Grundlage: speichern Sie erneut, wenn Ihre "
            "Entscheidung gelten soll."
        ),
        "library.measure.title": "Maßnahmen",
        "library.measure.none": "Zu dieser Version gibt es noch keine Maßnahmen.",
        "library.measure.create_title": "Maßnahme aus Befunden anlegen",
        "library.measure.findings": "Befunde",
        "library.measure.name": "Name der Maßnahme",
        "library.measure.media": "Beseitigte Medienbrüche",
        "library.measure.handoffs": "Beseitigte Übergaben",
        "library.measure.hours": "Eingesparte Stunden pro Jahr",
        "library.measure.citizens": "Betroffene Bürgerinnen und Bürger",
        "library.measure.cost": "Kosten (€)",
        "library.measure.project": "Projekt",
        "library.measure.no_project": "– kein Projekt –",
        "library.measure.create": "Maßnahme anlegen",
        "library.measure.created": "Maßnahme {number} „{name}“ angelegt.",
        "library.measure.name_missing": "Bitte geben Sie der Maßnahme einen Namen.",
        "library.measure.findings_missing": "Bitte wählen Sie mindestens einen Befund.",
        "library.measure.col_key": "Nr.",
        "library.measure.col_name": "Maßnahme",
        "library.measure.col_findings": "Befunde",
        "library.measure.col_project": "Projekt",
        "library.measure.link_title": "Maßnahme einem Projekt zuordnen",
        "library.measure.measure": "Maßnahme",
        "library.measure.link": "Zuordnen",
        "library.measure.linked": "Maßnahme {measure} ist jetzt dem Projekt {project} zugeordnet.",
    },
    "en": {
        "library.page": "Process library",
        "library.title": "Process library",
        "library.intro": (
            "Every stored process of the administration with its versions. Search and filter "
            "by organisational unit, review status and key figures, see a process's version "
            "history and open a version in the analysis to review its findings with the "
            "department."
        ),
        "library.db.error": (
            "The database cannot be reached or refused the request. Nothing was saved. Please "
            "try again; if the error stays, contact operations (server log)."
        ),
        "library.db.invalid": "Not saved: {detail}",
        "library.db.read_only": (
            "Your role allows viewing only. Analysts and administrators can make changes."
        ),
        "library.db.stale": (
            "Not saved: '{record}' was changed by someone else meanwhile. Your change is based "
            "on version {expected}, the stored version is {stored_version}.  \n"
            "**Stored:** {stored}  \n**Yours:** {yours}  \n"
            "Nothing was overwritten. Reload the page and decide which value should apply."
        ),
        "library.read_only": "View only: your role allows no changes.",
        "library.analyse_progress": "Analysing version {done} of {total} …",
        "library.analyse_unreadable": "Unreadable, so not analysed: version(s) {ids}.",
        "library.analyse_more": (
            "{count} processes are not analysed yet; their key figures are missing in the list."
        ),
        "library.analyse_all": "Analyse all now",
        "library.search": "Search",
        "library.search_placeholder": "Name, unit or LeiKa key",
        "library.filter_unit": "Organisational unit",
        "library.filter_status": "Review status",
        "library.min_media_breaks": "At least media breaks",
        "library.min_handoffs_per_case": "At least hand-offs per case",
        "library.no_unit": "no unit",
        "library.caption": "{shown} of {total} processes.",
        "library.none": "No processes for this selection.",
        "library.col.name": "Process",
        "library.col.unit": "Organisational unit",
        "library.col.versions": "Versions",
        "library.col.variants": "To-be variants",
        "library.col.role": "Kind",
        "library.col.accepted": "Accepted",
        "library.col.status": "Review status",
        "library.col.version": "Version",
        "library.col.variant": "Variant",
        "library.col.parent": "Parent",
        "library.col.file": "File",
        "library.col.by": "By",
        "library.col.when": "When",
        "library.col.hash": "Checksum",
        "library.col.outcome": "Outcome",
        "library.col.detail": "Process / reason",
        "library.status.not_analysed": "not analysed",
        "library.status.open": "findings open",
        "library.status.reviewed": "reviewed",
        "library.role.as_is": "As-is",
        "library.role.to_be": "To-be",
        "library.process_choice": "Show versions of",
        "library.versions_title": "Versions of '{name}'",
        "library.versions_none": "This process has no versions.",
        "library.version_choice": "Version",
        "library.version_label": "Version {id}",
        "library.open_analysis": "Open in analysis",
        "library.delete_title": "Delete process",
        "library.delete_warning": (
            "'{name}' is deleted with all {versions} version(s), analyses and reviews. "
            "Measures are kept but lose their link to the version."
        ),
        "library.delete_confirm": "Yes, delete this process for good",
        "library.delete_button": "Delete",
        "library.deleted": "'{name}' was deleted.",
        "library.upload_title": "Add files to the library",
        "library.uploader": "BPMN files (.bpmn/.xml, at most {limit_mb} MB each)",
        "library.upload_unit": "Organisational unit (optional)",
        "library.upload_unit_help": (
            "Applies to every file of this upload. A file whose process is known by name "
            "and unit becomes its next version."
        ),
        "library.upload_role": "Kind",
        "library.upload_button": "Add",
        "library.upload_progress": "File {done} of {total} …",
        "library.upload_summary": (
            "{added} added, {duplicate} already in the library, {failed} unreadable."
        ),
        "library.upload_failed_other": "not saved (see message)",
        "library.outcome.added": "added",
        "library.outcome.duplicate": "already there",
        "library.outcome.failed": "unreadable",
        "library.source": "Analysing version {id} ({role}) of '{name}' from the library.",
        "library.leave": "Leave library",
        "library.version_gone": (
            "Version {id} is not (or no longer) in the library. Choose another version in "
            "the process library."
        ),
        "library.review.title": "Workshop review",
        "library.review.column": "Review",
        "library.review.open": "open",
        "library.review.accepted": "accepted",
        "library.review.rejected": "rejected",
        "library.review.status": "Decision",
        "library.review.comment": "Comment",
        "library.review.save": "Save review",
        "library.review.saved": "Review saved: {status}.",
        "library.review.last": "Last: {status}, by {who}, on {when}.",
        "library.review.reload": (
            "The stored state is now the basis: save again if your decision should apply."
        ),
        "library.measure.title": "Measures",
        "library.measure.none": "There are no measures for this version yet.",
        "library.measure.create_title": "Create a measure from findings",
        "library.measure.findings": "Findings",
        "library.measure.name": "Name of the measure",
        "library.measure.media": "Media breaks removed",
        "library.measure.handoffs": "Hand-offs removed",
        "library.measure.hours": "Hours saved per year",
        "library.measure.citizens": "Citizens affected",
        "library.measure.cost": "Cost (€)",
        "library.measure.project": "Project",
        "library.measure.no_project": "– no project –",
        "library.measure.create": "Create measure",
        "library.measure.created": "Measure {number} '{name}' created.",
        "library.measure.name_missing": "Please give the measure a name.",
        "library.measure.findings_missing": "Please choose at least one finding.",
        "library.measure.col_key": "No.",
        "library.measure.col_name": "Measure",
        "library.measure.col_findings": "Findings",
        "library.measure.col_project": "Project",
        "library.measure.link_title": "Link a measure to a project",
        "library.measure.measure": "Measure",
        "library.measure.link": "Link",
        "library.measure.linked": "Measure {measure} is now linked to project {project}.",
    },
}
