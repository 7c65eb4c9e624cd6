"""UI strings of the variants pages (modeller, compare), German and English (merged by
``app_pages.i18n``). Every key starts with ``variants.``; ``variants.js.*`` are the words of
the bpmn-js modeller component, ``variants.viewer.*`` those of the compare page's viewers."""

_DE: dict[str, str] = {
    "variants.page.modeler": "Modellieren",
    "variants.page.compare": "Vergleichen",
    "variants.process": "Prozess",
    "variants.no_versions": "Zu diesem Prozess ist noch keine Version gespeichert.",
    "variants.gone": "Version {id} ist nicht mehr in der Bibliothek. Bitte neu wählen.",
    "variants.role.as_is": "Ist",
    "variants.role.to_be": "Soll",
    # -- modeller page
    "variants.modeler.title": "Modellieren",
    "variants.modeler.intro": (
        "Skizzieren Sie den Soll-Prozess: Sie bearbeiten eine **Kopie** der gewählten "
        "Version – das Original bleibt unverändert. Palette links, Kontextmenü am Element, "
        "Doppelklick benennt um, Strg+Z/Strg+Y machen rückgängig. Rechts stellen Sie ein, "
        "was die Analyse liest (Einheit, Medium, IT-System, Zeiten). Ihr Entwurf wird in "
        "diesem Browser laufend gesichert und übersteht ein Neuladen."
    ),
    "variants.modeler.source": "Ausgangsmodell",
    "variants.modeler.source_library": "Aus der Bibliothek",
    "variants.modeler.source_file": "Beispiel oder eigene Datei",
    "variants.modeler.version": "Version",
    "variants.modeler.default_name": "Soll – {name}",
    "variants.modeler.sample": "Beispielprozess",
    "variants.modeler.uploader": "Oder eigene Datei öffnen (.bpmn/.xml, höchstens {limit_mb} MB)",
    "variants.modeler.uploader_help": (
        "Beim Speichern wird die Datei als Ist-Version in die Bibliothek übernommen und "
        "Ihre Bearbeitung als Variante dazu gespeichert."
    ),
    "variants.modeler.source_upload": "Bearbeitet wird eine Kopie der Datei „{name}“.",
    "variants.modeler.source_sample": "Bearbeitet wird eine Kopie des Beispiels „{name}“.",
    "variants.modeler.empty": "Wählen Sie einen Beispielprozess oder laden Sie eine Datei hoch.",
    "variants.modeler.not_utf8": (
        "Die Datei „{name}“ ist nicht UTF-8-kodiert und kann im Browser nicht bearbeitet "
        "werden. Bitte in Ihrem Werkzeug als UTF-8 exportieren."
    ),
    "variants.modeler.read_only": (
        "Sie haben Leserechte: Sie können das Modell ausprobieren, aber keine Variante "
        "speichern. Für Schreibrechte wenden Sie sich an die Administration."
    ),
    "variants.modeler.assets_missing": (
        "Der Modellierer (bpmn-js) ist nicht installiert: {detail}"
    ),
    # -- saving
    "variants.save.read_only": (
        "Nicht gespeichert: Ihre Rolle erlaubt nur Lesen. Der Entwurf bleibt in diesem "
        "Browser erhalten."
    ),
    "variants.save.no_name": "Nicht gespeichert: Bitte geben Sie der Variante einen Namen.",
    "variants.save.invalid": (
        "Nicht gespeichert – das Modell kann nicht gelesen werden: {detail} "
        "Bitte korrigieren und erneut speichern."
    ),
    "variants.save.db_error": (
        "Nicht gespeichert: Die Datenbank ist nicht erreichbar. Bitte später erneut "
        "versuchen; der Entwurf bleibt in diesem Browser erhalten."
    ),
    "variants.save.no_payload": "Nicht gespeichert: Der Modellierer hat kein Modell übergeben.",
    "variants.save.done": "Variante „{name}“ gespeichert (Version {id}).",
    "variants.save.to_compare": "Mit dem Ist-Prozess vergleichen",
    "variants.save.draft_kept": "Ihr Entwurf bleibt in diesem Browser gespeichert.",
    # -- the modeller component
    "variants.js.undo": "Rückgängig (Strg+Z)",
    "variants.js.redo": "Wiederholen (Strg+Y)",
    "variants.js.fit": "Einpassen",
    "variants.js.zoom_in": "Vergrößern",
    "variants.js.zoom_out": "Verkleinern",
    "variants.js.variant_name": "Name der Variante",
    "variants.js.save": "Als Variante speichern",
    "variants.js.discard": "Entwurf verwerfen",
    "variants.js.draft_restored": "Ungespeicherter Entwurf wiederhergestellt.",
    "variants.js.draft_unreadable": "Der Entwurf war nicht lesbar; die Version wurde geöffnet.",
    "variants.js.draft_kept": "Entwurf in diesem Browser gesichert.",
    "variants.js.draft_discarded": "Entwurf verworfen.",
    "variants.js.name_required": "Bitte geben Sie der Variante einen Namen.",
    "variants.js.saving": "Wird gespeichert …",
    "variants.js.saved": "Gespeichert.",
    "variants.js.import_error": "Das Modell kann nicht geöffnet werden",
    "variants.js.unnamed": "(ohne Namen)",
    "variants.js.select_hint": "Wählen Sie ein Element, um es zu bearbeiten.",
    "variants.js.medium_auto": "(automatisch ermittelt)",
    "variants.js.invalid_amount": "Bitte eine Zahl ≥ 0 eingeben (z. B. 12,5).",
    "variants.js.field_name": "Name",
    "variants.js.field_task_type": "Aufgabentyp",
    "variants.js.field_unit": "Organisationseinheit (Lane)",
    "variants.js.field_medium": "Medium",
    "variants.js.field_it_system": "IT-System",
    "variants.js.field_processing_time": "Bearbeitungszeit (Minuten)",
    "variants.js.field_waiting_time": "Wartezeit davor (Minuten)",
    "variants.js.field_fixed_cost": "Sachkosten je Durchführung (€)",
    "variants.js.field_probability": "Anteil der Fälle (0–1)",
    "variants.js.field_staff": "Personal (VZÄ)",
    "variants.js.field_cost_per_hour": "Kosten je Stunde (€)",
    "variants.js.field_cases_per_year": "Fälle pro Jahr",
    "variants.js.help_medium": "Leer: aus Aufgabentyp, Daten und Bezeichnung ermittelt.",
    "variants.js.help_processing_time": "Für Aufwand und Simulation.",
    "variants.js.help_waiting_time": "Liegezeit, bevor die Arbeit beginnt.",
    "variants.js.help_probability": "Bei Verzweigungen: Anteil der Fälle auf diesem Weg.",
    "variants.js.help_unit": "Verschiebt das Element in die gewählte Lane.",
    # -- choices of the panel
    "variants.medium.paper": "Papier",
    "variants.medium.fax": "Fax",
    "variants.medium.phone": "Telefon",
    "variants.medium.in_person": "Persönlich vor Ort",
    "variants.medium.email": "E-Mail",
    "variants.medium.document": "Elektronisches Dokument",
    "variants.medium.it_system": "Fachverfahren / IT-System",
    "variants.medium.online_service": "Online-Dienst",
    "variants.task.Task": "Aufgabe (ohne Typ)",
    "variants.task.UserTask": "Benutzeraufgabe (am Computer)",
    "variants.task.ManualTask": "Manuelle Aufgabe",
    "variants.task.ServiceTask": "Automatisiert (Service)",
    "variants.task.ScriptTask": "Skript",
    "variants.task.BusinessRuleTask": "Geschäftsregel",
    "variants.task.SendTask": "Senden",
    "variants.task.ReceiveTask": "Empfangen",
    # -- compare page
    "variants.compare.title": "Vergleichen",
    "variants.compare.intro": (
        "Ist-Prozess und Soll-Variante im Vergleich: was hinzukommt (grün), wegfällt (rot) "
        "oder sich ändert (orange), und was es bringt – Medienbrüche, Übergaben, Schritte, "
        "digitaler Anteil."
    ),
    "variants.compare.workshop": "Workshop-Modus",
    "variants.compare.workshop_help": "Große Schrift und große Diagramme für den Beamer.",
    "variants.compare.source": "Quelle",
    "variants.compare.source_library": "Bibliothek",
    "variants.compare.source_file": "Beispiele oder eigene Dateien",
    "variants.compare.as_is_version": "Ist-Version",
    "variants.compare.variant": "Soll-Variante",
    "variants.compare.no_variants": (
        "Zu diesem Prozess gibt es noch keine Variante. Legen Sie eine im Modellierer an "
        "oder wenden Sie unten einen Verbesserungsvorschlag an."
    ),
    "variants.compare.no_samples": "Es sind keine Beispielprozesse zum Vergleichen vorhanden.",
    "variants.compare.sample_as_is": "Ist-Prozess (Beispiel)",
    "variants.compare.sample_to_be": "Soll-Prozess (Beispiel)",
    "variants.compare.upload_as_is": "Oder Ist-Prozess hochladen",
    "variants.compare.upload_to_be": "Oder Soll-Prozess hochladen",
    "variants.compare.working": "Beide Modelle werden analysiert und verglichen …",
    "variants.compare.unreadable": "Der Vergleich ist nicht möglich: {detail}",
    "variants.compare.legend": "Farben:",
    "variants.compare.mode": "Darstellung",
    "variants.compare.mode_side": "Nebeneinander",
    "variants.compare.mode_toggle": "Umschalten",
    "variants.compare.shown": "Gezeigt",
    "variants.compare.as_is": "Ist",
    "variants.compare.to_be": "Soll",
    "variants.compare.viewer_missing": (
        "Das Diagramm kann nicht gezeigt werden: bpmn-js ist nicht installiert "
        "(`make install`)."
    ),
    "variants.compare.table": "Unterschiede",
    "variants.compare.table_caption": (
        "{changed} Element(e) hinzugefügt, entfernt oder geändert; {unchanged} unverändert."
    ),
    "variants.compare.no_changes": "Beide Modelle sind inhaltlich gleich.",
    "variants.compare.kpis": "Kennzahlen",
    "variants.compare.delta": "Veränderung",
    "variants.compare.breaks_by_type": "Medienbrüche nach Art",
    "variants.diff.added": "hinzugefügt",
    "variants.diff.removed": "entfernt",
    "variants.diff.changed": "geändert",
    "variants.col.status": "Änderung",
    "variants.col.type": "Typ",
    "variants.col.as_is": "Ist",
    "variants.col.to_be": "Soll",
    "variants.col.fields": "Geändert",
    "variants.col.kpi": "Kennzahl",
    "variants.findings.title": "Befunde im Vergleich",
    "variants.findings.caption": (
        "{resolved} Befund(e) des Ist-Prozesses behoben, {shifted} verlagert, {remaining} "
        "bleiben, {new} neu in der Variante. Eine Zeile wählen zeigt ihre Elemente im Diagramm."
    ),
    "variants.findings.filter": "Zeigen",
    "variants.findings.resolved": "behoben",
    "variants.findings.remaining": "bleibt",
    "variants.findings.shifted": "verlagert",
    "variants.findings.new": "neu",
    "variants.findings.none": "Keine Befunde in dieser Auswahl.",
    "variants.col.kind": "Art",
    "variants.col.severity": "Schwere",
    "variants.col.finding": "Befund",
    "variants.field.name": "Name",
    "variants.field.type": "Typ",
    "variants.field.unit": "Einheit",
    "variants.field.medium": "Medium",
    "variants.field.system": "IT-System",
    "variants.field.parameters": "Parameter",
    "variants.field.flows": "Flüsse",
    "variants.field.source": "Quelle",
    "variants.field.target": "Ziel",
    "variants.field.condition": "Bedingung",
    "variants.kpi.media_breaks": "Medienbrüche",
    "variants.kpi.handoffs_per_case": "Übergaben je Fall",
    "variants.kpi.handoffs": "Übergaben",
    "variants.kpi.activities": "Schritte",
    "variants.kpi.units": "Einheiten",
    "variants.kpi.external_parties": "Externe Beteiligte",
    "variants.kpi.digital_share": "Digitaler Anteil (%)",
    "variants.kpi.analogue_share": "Analoger Anteil (%)",
    "variants.kpi.manual_share": "Manueller Anteil (%)",
    "variants.kpi.findings": "Befunde",
    "variants.viewer.fit": "Einpassen",
    "variants.viewer.zoom_in": "Vergrößern",
    "variants.viewer.zoom_out": "Verkleinern",
    "variants.viewer.search": "Suchen",
    "variants.viewer.previous": "Vorheriger Treffer",
    "variants.viewer.next": "Nächster Treffer",
    "variants.viewer.no_hits": "keine Treffer",
    "variants.viewer.high": "hoch",
    "variants.viewer.medium": "mittel",
    "variants.viewer.low": "niedrig",
    "variants.viewer.findings": "Befunde",
    "variants.viewer.import_error": "Das Diagramm kann nicht gezeigt werden",
    "variants.viewer.no_diagram": "Die Datei enthält kein Diagramm (BPMN DI).",
    # -- apply suggestion
    "variants.suggest.title": "Verbesserungsvorschlag anwenden",
    "variants.suggest.library_only": (
        "Vorschläge lassen sich auf Prozesse der Bibliothek anwenden (Quelle „Bibliothek“)."
    ),
    "variants.suggest.none": (
        "Zu diesem Ist-Prozess gibt es keine automatisch anwendbaren Vorschläge."
    ),
    "variants.suggest.finding": "Befund",
    "variants.suggest.what": "Vorschlag: {text}",
    "variants.suggest.operations": "Änderungen am Modell: {ops}",
    "variants.suggest.name": "Name der neuen Variante",
    "variants.suggest.default_name": "Vorschlag: {title}",
    "variants.suggest.apply": "Als neue Variante anwenden",
    "variants.suggest.working": "Vorschlag wird angewendet …",
    "variants.suggest.done": "Neue Variante gespeichert (Version {id}).",
    "variants.suggest.gone": "Den Befund {id} gibt es in dieser Version nicht mehr.",
}

_EN: dict[str, str] = {
    "variants.page.modeler": "Model",
    "variants.page.compare": "Compare",
    "variants.process": "Process",
    "variants.no_versions": "No version of this process is stored yet.",
    "variants.gone": "Version {id} is no longer in the library. Please choose again.",
    "variants.role.as_is": "As-is",
    "variants.role.to_be": "To-be",
    "variants.modeler.title": "Model",
    "variants.modeler.intro": (
        "Sketch the to-be process: you edit a **copy** of the chosen version – the original "
        "stays unchanged. Palette on the left, context pad at the element, double-click to "
        "rename, Ctrl+Z/Ctrl+Y to undo and redo. On the right you set what the analysis "
        "reads (unit, medium, IT system, times). Your draft is kept in this browser as you "
        "go and survives a reload."
    ),
    "variants.modeler.source": "Start from",
    "variants.modeler.source_library": "The library",
    "variants.modeler.source_file": "A sample or a file of your own",
    "variants.modeler.version": "Version",
    "variants.modeler.default_name": "To-be – {name}",
    "variants.modeler.sample": "Sample process",
    "variants.modeler.uploader": "Or open a file of your own (.bpmn/.xml, at most {limit_mb} MB)",
    "variants.modeler.uploader_help": (
        "On saving, the file is added to the library as an as-is version and your edit is "
        "stored as its variant."
    ),
    "variants.modeler.source_upload": "Editing a copy of the file '{name}'.",
    "variants.modeler.source_sample": "Editing a copy of the sample '{name}'.",
    "variants.modeler.empty": "Choose a sample process or upload a file.",
    "variants.modeler.not_utf8": (
        "The file '{name}' is not UTF-8 encoded and cannot be edited in the browser. Please "
        "export it as UTF-8 from your tool."
    ),
    "variants.modeler.read_only": (
        "You have read access: you can try the modeller but not save a variant. Ask the "
        "administration for write access."
    ),
    "variants.modeler.assets_missing": "The modeller (bpmn-js) is not installed: {detail}",
    "variants.save.read_only": (
        "Not saved: your role only allows reading. The draft stays in this browser."
    ),
    "variants.save.no_name": "Not saved: please give the variant a name.",
    "variants.save.invalid": (
        "Not saved – the model cannot be read: {detail} Please correct it and save again."
    ),
    "variants.save.db_error": (
        "Not saved: the database cannot be reached. Please try again later; the draft stays "
        "in this browser."
    ),
    "variants.save.no_payload": "Not saved: the modeller handed over no model.",
    "variants.save.done": "Variant '{name}' saved (version {id}).",
    "variants.save.to_compare": "Compare with the as-is process",
    "variants.save.draft_kept": "Your draft stays saved in this browser.",
    "variants.js.undo": "Undo (Ctrl+Z)",
    "variants.js.redo": "Redo (Ctrl+Y)",
    "variants.js.fit": "Fit",
    "variants.js.zoom_in": "Zoom in",
    "variants.js.zoom_out": "Zoom out",
    "variants.js.variant_name": "Variant name",
    "variants.js.save": "Save as variant",
    "variants.js.discard": "Discard draft",
    "variants.js.draft_restored": "Unsaved draft restored.",
    "variants.js.draft_unreadable": "The draft was unreadable; the version was opened.",
    "variants.js.draft_kept": "Draft kept in this browser.",
    "variants.js.draft_discarded": "Draft discarded.",
    "variants.js.name_required": "Please give the variant a name.",
    "variants.js.saving": "Saving …",
    "variants.js.saved": "Saved.",
    "variants.js.import_error": "The model cannot be opened",
    "variants.js.unnamed": "(unnamed)",
    "variants.js.select_hint": "Select an element to edit it.",
    "variants.js.medium_auto": "(derived automatically)",
    "variants.js.invalid_amount": "Please enter a number ≥ 0 (e.g. 12.5).",
    "variants.js.field_name": "Name",
    "variants.js.field_task_type": "Task type",
    "variants.js.field_unit": "Organisational unit (lane)",
    "variants.js.field_medium": "Medium",
    "variants.js.field_it_system": "IT system",
    "variants.js.field_processing_time": "Processing time (minutes)",
    "variants.js.field_waiting_time": "Waiting time before (minutes)",
    "variants.js.field_fixed_cost": "Fixed cost per execution (€)",
    "variants.js.field_probability": "Share of cases (0–1)",
    "variants.js.field_staff": "Staff (FTE)",
    "variants.js.field_cost_per_hour": "Cost per hour (€)",
    "variants.js.field_cases_per_year": "Cases per year",
    "variants.js.help_medium": "Empty: derived from task type, data and label.",
    "variants.js.help_processing_time": "For effort and simulation.",
    "variants.js.help_waiting_time": "Time the case waits before work starts.",
    "variants.js.help_probability": "At a split: the share of cases taking this path.",
    "variants.js.help_unit": "Moves the element into the chosen lane.",
    "variants.medium.paper": "Paper",
    "variants.medium.fax": "Fax",
    "variants.medium.phone": "Phone",
    "variants.medium.in_person": "In person",
    "variants.medium.email": "E-mail",
    "variants.medium.document": "Electronic document",
    "variants.medium.it_system": "Specialist IT system",
    "variants.medium.online_service": "Online service",
    "variants.task.Task": "Task (untyped)",
    "variants.task.UserTask": "User task (at a computer)",
    "variants.task.ManualTask": "Manual task",
    "variants.task.ServiceTask": "Automated (service)",
    "variants.task.ScriptTask": "Script",
    "variants.task.BusinessRuleTask": "Business rule",
    "variants.task.SendTask": "Send",
    "variants.task.ReceiveTask": "Receive",
    "variants.compare.title": "Compare",
    "variants.compare.intro": (
        "As-is process and to-be variant compared: what is added (green), removed (red) or "
        "changed (orange), and what it buys – media breaks, hand-offs, steps, digital share."
    ),
    "variants.compare.workshop": "Workshop mode",
    "variants.compare.workshop_help": "Large type and large diagrams for a projector.",
    "variants.compare.source": "Source",
    "variants.compare.source_library": "Library",
    "variants.compare.source_file": "Samples or files of your own",
    "variants.compare.as_is_version": "As-is version",
    "variants.compare.variant": "To-be variant",
    "variants.compare.no_variants": (
        "This process has no variant yet. Create one in the modeller or apply an improvement "
        "suggestion below."
    ),
    "variants.compare.no_samples": "There are no sample processes to compare.",
    "variants.compare.sample_as_is": "As-is process (sample)",
    "variants.compare.sample_to_be": "To-be process (sample)",
    "variants.compare.upload_as_is": "Or upload the as-is process",
    "variants.compare.upload_to_be": "Or upload the to-be process",
    "variants.compare.working": "Analysing and comparing both models …",
    "variants.compare.unreadable": "The comparison is not possible: {detail}",
    "variants.compare.legend": "Colours:",
    "variants.compare.mode": "Layout",
    "variants.compare.mode_side": "Side by side",
    "variants.compare.mode_toggle": "Toggle",
    "variants.compare.shown": "Shown",
    "variants.compare.as_is": "As-is",
    "variants.compare.to_be": "To-be",
    "variants.compare.viewer_missing": (
        "The diagram cannot be shown: bpmn-js is not installed (`make install`)."
    ),
    "variants.compare.table": "Differences",
    "variants.compare.table_caption": (
        "{changed} element(s) added, removed or changed; {unchanged} unchanged."
    ),
    "variants.compare.no_changes": "Both models are the same in content.",
    "variants.compare.kpis": "Key figures",
    "variants.compare.delta": "Change",
    "variants.compare.breaks_by_type": "Media breaks by type",
    "variants.diff.added": "added",
    "variants.diff.removed": "removed",
    "variants.diff.changed": "changed",
    "variants.col.status": "Change",
    "variants.col.type": "Type",
    "variants.col.as_is": "As-is",
    "variants.col.to_be": "To-be",
    "variants.col.fields": "Changed",
    "variants.col.kpi": "Key figure",
    "variants.findings.title": "Findings compared",
    "variants.findings.caption": (
        "{resolved} finding(s) of the as-is process resolved, {shifted} shifted, {remaining} "
        "remain, {new} new in the variant. Choose a row to see its elements on the diagram."
    ),
    "variants.findings.filter": "Show",
    "variants.findings.resolved": "resolved",
    "variants.findings.remaining": "remains",
    "variants.findings.shifted": "shifted (still there in another form)",
    "variants.findings.new": "new",
    "variants.findings.none": "No findings in this selection.",
    "variants.col.kind": "Kind",
    "variants.col.severity": "Severity",
    "variants.col.finding": "Finding",
    "variants.field.name": "name",
    "variants.field.type": "type",
    "variants.field.unit": "unit",
    "variants.field.medium": "medium",
    "variants.field.system": "IT system",
    "variants.field.parameters": "parameters",
    "variants.field.flows": "flows",
    "variants.field.source": "source",
    "variants.field.target": "target",
    "variants.field.condition": "condition",
    "variants.kpi.media_breaks": "Media breaks",
    "variants.kpi.handoffs_per_case": "Hand-offs per case",
    "variants.kpi.handoffs": "Hand-offs",
    "variants.kpi.activities": "Steps",
    "variants.kpi.units": "Units",
    "variants.kpi.external_parties": "External parties",
    "variants.kpi.digital_share": "Digital share (%)",
    "variants.kpi.analogue_share": "Analogue share (%)",
    "variants.kpi.manual_share": "Manual share (%)",
    "variants.kpi.findings": "Findings",
    "variants.viewer.fit": "Fit",
    "variants.viewer.zoom_in": "Zoom in",
    "variants.viewer.zoom_out": "Zoom out",
    "variants.viewer.search": "Search",
    "variants.viewer.previous": "Previous hit",
    "variants.viewer.next": "Next hit",
    "variants.viewer.no_hits": "no hits",
    "variants.viewer.high": "high",
    "variants.viewer.medium": "medium",
    "variants.viewer.low": "low",
    "variants.viewer.findings": "findings",
    "variants.viewer.import_error": "The diagram cannot be shown",
    "variants.viewer.no_diagram": "The file contains no diagram (BPMN DI).",
    "variants.suggest.title": "Apply an improvement suggestion",
    "variants.suggest.library_only": (
        "Suggestions can be applied to processes of the library (source 'Library')."
    ),
    "variants.suggest.none": "This as-is process has no automatically applicable suggestions.",
    "variants.suggest.finding": "Finding",
    "variants.suggest.what": "Suggestion: {text}",
    "variants.suggest.operations": "Changes to the model: {ops}",
    "variants.suggest.name": "Name of the new variant",
    "variants.suggest.default_name": "Suggestion: {title}",
    "variants.suggest.apply": "Apply as a new variant",
    "variants.suggest.working": "Applying the suggestion …",
    "variants.suggest.done": "New variant saved (version {id}).",
    "variants.suggest.gone": "The finding {id} no longer exists in this version.",
}

STRINGS: dict[str, dict[str, str]] = {"de": _DE, "en": _EN}
