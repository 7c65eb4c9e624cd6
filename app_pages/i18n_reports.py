"""UI strings of the report downloads, German and English (merged by ``app_pages.i18n``)."""

STRINGS: dict[str, dict[str, str]] = {
    "de": {
        "reports.title": "Bericht herunterladen",
        "reports.help": (
            "Der Bericht wird beim Klick erstellt (PDF: einige Sekunden): Zusammenfassung, "
            "Diagramm mit nummerierten Befunden, Befundtabelle, Kennzahlen, Aufwand und "
            "Kosten (wenn das Modell Parameter hat), Annahmen und Modellqualität."
        ),
        "reports.portfolio_help": (
            "Der Portfoliobericht wird beim Klick erstellt: Rangfolge mit Punkteaufschlüsselung, "
            "Portfolio-Matrix, Roadmap, Statusverlauf und Nutzen nach Handlungsfeld."
        ),
        "reports.format.pdf": "PDF",
        "reports.format.docx": "Word (DOCX)",
        "reports.format.xlsx": "Excel (XLSX)",
        "reports.format.html": "HTML",
        "reports.file_stem": "bericht",
        "reports.as_is": "ist",
        "reports.to_be": "Soll-Variante",
        "reports.portfolio_stem": "portfoliobericht",
        "reports.pdf_missing": (
            "PDF nicht verfügbar: Auf dem Server fehlt die Bibliothek pango "
            "(`make report-deps` installiert sie)."
        ),
    },
    "en": {
        "reports.title": "Download report",
        "reports.help": (
            "The report is made when you click (PDF: a few seconds): summary, diagram with "
            "numbered findings, findings table, key figures, effort and cost (when the model "
            "has parameters), assumptions and model quality."
        ),
        "reports.portfolio_help": (
            "The portfolio report is made when you click: ranking with score breakdown, "
            "portfolio matrix, roadmap, status history and benefits by field of action."
        ),
        "reports.format.pdf": "PDF",
        "reports.format.docx": "Word (DOCX)",
        "reports.format.xlsx": "Excel (XLSX)",
        "reports.format.html": "HTML",
        "reports.file_stem": "report",
        "reports.as_is": "as-is",
        "reports.to_be": "To-be variant",
        "reports.portfolio_stem": "portfolio-report",
        "reports.pdf_missing": (
            "PDF not available: the server lacks the pango library (`make report-deps` "
            "installs it)."
        ),
    },
}
