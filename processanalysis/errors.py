"""Import errors and warnings: one exception family, stable codes, German and English.

A failed import raises a :class:`BpmnImportError` subclass; a model that could be read
carries :class:`ImportIssue` warnings. Both have a stable ``code`` (tests and scripts
rely on it, never on wording), a message in German and English, and a line number
where the source has one, so the UI can say what happened, where, and what to do.

Examples
--------
>>> err = NotBpmnError("not-bpmn", line=1, root="html")
>>> err.code, err.line
('not-bpmn', 1)
>>> err.message("en").startswith("The file is XML")
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "MESSAGES",
    "BinaryFileError",
    "BpmnImportError",
    "EmptyFileError",
    "EncodingError",
    "FileAccessError",
    "FileTooLargeError",
    "ImportIssue",
    "NotBpmnError",
    "NotXmlError",
    "TooManyElementsError",
    "UnsafeXmlError",
    "message_for",
]

#: code -> (German, English) message templates, filled with ``str.format``.
MESSAGES: dict[str, tuple[str, str]] = {
    # errors
    "file-not-found": (
        "Die Datei {path} wurde nicht gefunden oder ist nicht lesbar.",
        "The file {path} does not exist or cannot be read.",
    ),
    "empty-file": (
        "Die Datei ist leer. Bitte exportieren Sie das Modell erneut als BPMN 2.0 XML.",
        "The file is empty. Please export the model again as BPMN 2.0 XML.",
    ),
    "binary-file": (
        "Die Datei ist keine XML-Datei, sondern {kind}. Bitte exportieren Sie das Modell "
        "aus Ihrem Werkzeug als BPMN 2.0 XML (.bpmn).",
        "The file is not XML but {kind}. Please export the model from your tool as "
        "BPMN 2.0 XML (.bpmn).",
    ),
    "file-too-large": (
        "Die Datei ist {size_mb:.1f} MB groß; erlaubt sind {limit_mb:.1f} MB. Teilen Sie "
        "das Modell auf oder erhöhen Sie die Grenze (max_bytes).",
        "The file is {size_mb:.1f} MB; the limit is {limit_mb:.1f} MB. Split the model "
        "or raise the limit (max_bytes).",
    ),
    "too-many-elements": (
        "Die Datei enthält mehr als {limit} XML-Elemente. Teilen Sie das Modell auf oder "
        "erhöhen Sie die Grenze (max_elements).",
        "The file holds more than {limit} XML elements. Split the model or raise the "
        "limit (max_elements).",
    ),
    "encoding-error": (
        "Die Zeichenkodierung der Datei ist nicht lesbar ({detail}). Speichern Sie die "
        "Datei als UTF-8.",
        "The file's character encoding cannot be read ({detail}). Save the file as UTF-8.",
    ),
    "dtd-forbidden": (
        "Die Datei enthält eine Dokumenttyp-Deklaration (DOCTYPE/ENTITY). Aus "
        "Sicherheitsgründen werden solche Dateien nicht gelesen; BPMN-Dateien brauchen "
        "keine. Entfernen Sie den DOCTYPE-Block.",
        "The file contains a document type declaration (DOCTYPE/ENTITY). For security "
        "such files are not read; BPMN files need none. Remove the DOCTYPE block.",
    ),
    "xml-syntax": (
        "Die Datei ist kein wohlgeformtes XML: {detail} (Zeile {line}, Spalte {column}).",
        "The file is not well-formed XML: {detail} (line {line}, column {column}).",
    ),
    "xml-truncated": (
        "Die Datei endet mitten im XML (Zeile {line}) – vermutlich unvollständig "
        "gespeichert oder übertragen. Exportieren Sie das Modell erneut.",
        "The file ends in the middle of the XML (line {line}) – probably saved or "
        "transferred incompletely. Export the model again.",
    ),
    "not-bpmn": (
        "Die Datei ist XML, aber kein BPMN 2.0-Modell (Wurzelelement <{root}>, erwartet "
        "<definitions> im Namensraum {namespace}).",
        "The file is XML but not a BPMN 2.0 model (root element <{root}>, expected "
        "<definitions> in namespace {namespace}).",
    ),
    # warnings
    "duplicate-id": (
        "Die ID „{id}“ kommt mehrfach vor (Zeile {line}); Verweise gehen auf das erste "
        "Element (Zeile {first_line}).",
        "The id '{id}' occurs more than once (line {line}); references go to the first "
        "element (line {first_line}).",
    ),
    "dangling-reference": (
        "{element_type} „{id}“ verweist in {attribute} auf „{ref}“, das es nicht gibt.",
        "{element_type} '{id}' refers in {attribute} to '{ref}', which does not exist.",
    ),
    "missing-source": (
        "{element_type} „{id}“ hat keine Quelle (sourceRef fehlt); sie wird im Modell "
        "behalten, aber nicht ausgewertet.",
        "{element_type} '{id}' has no source (sourceRef missing); it is kept but not analysed.",
    ),
    "missing-target": (
        "{element_type} „{id}“ hat kein Ziel (targetRef fehlt); sie wird im Modell "
        "behalten, aber nicht ausgewertet.",
        "{element_type} '{id}' has no target (targetRef missing); it is kept but not analysed.",
    ),
    "missing-di": (
        "Die Datei enthält keine Diagramminformation (BPMNDiagram); das Modell ist "
        "auswertbar, wird aber automatisch angeordnet.",
        "The file contains no diagram information (BPMNDiagram); the model can be "
        "analysed but will be laid out automatically.",
    ),
    "element-without-shape": (
        "{count} Elemente haben keine Form im Diagramm, z. B. {ids}.",
        "{count} elements have no shape in the diagram, e.g. {ids}.",
    ),
    "encoding-mismatch": (
        "Die Datei ist als {declared} deklariert, enthält aber {actual}-Zeichen (erstmals "
        "Zeile {line}); sie wurde als {actual} gelesen. Bitte Umlaute prüfen.",
        "The file declares {declared} but holds {actual} characters (first at line "
        "{line}); it was read as {actual}. Please check umlauts.",
    ),
    "invalid-namespace-uri": (
        "Der Namensraum {prefix} = „{uri}“ ist keine gültige URI; er wird unverändert übernommen.",
        "The namespace {prefix} = '{uri}' is not a valid URI; it is kept as is.",
    ),
    "namespace-alias": (
        "Die Datei verwendet den veralteten Namensraum {uri}; er wurde als {standard} gelesen.",
        "The file uses the outdated namespace {uri}; it was read as {standard}.",
    ),
    "embedded-definitions": (
        "Das BPMN-Modell steckt in einem <{root}>-Dokument (z. B. XProzess); gelesen wurde "
        "das eingebettete <definitions>-Element (Zeile {line}).",
        "The BPMN model is embedded in a <{root}> document (e.g. XProzess); the embedded "
        "<definitions> element was read (line {line}).",
    ),
    "unknown-element": (
        "Der Elementtyp <{tag}> ist unbekannt; er wird unverändert behalten und als "
        "allgemeiner Knoten behandelt.",
        "The element type <{tag}> is unknown; it is kept unchanged and treated as a generic node.",
    ),
    "foreign-element": (
        "Das Herstellerelement <{tag}> steht außerhalb von extensionElements; es wurde "
        "dorthin verschoben.",
        "The vendor element <{tag}> stands outside extensionElements; it was moved there.",
    ),
    "misplaced-element": (
        "Das Element <{tag}> steht an unerwarteter Stelle (in <{parent}>); es wird "
        "unverändert behalten.",
        "The element <{tag}> is in an unexpected place (inside <{parent}>); it is kept unchanged.",
    ),
    "invalid-value": (
        "Der Wert „{value}“ von {attribute} an „{id}“ ist ungültig und wurde ignoriert.",
        "The value '{value}' of {attribute} on '{id}' is invalid and was ignored.",
    ),
    "no-process": (
        "Die Datei enthält keinen Prozess und keine Kollaboration.",
        "The file contains no process and no collaboration.",
    ),
}


def message_for(code: str, lang: str = "de", **params: object) -> str:
    """The message for ``code`` in ``lang`` (``"de"`` or ``"en"``), parameters filled in."""
    templates = MESSAGES.get(code)
    if templates is None:
        return code
    template = templates[1] if lang == "en" else templates[0]
    try:
        return template.format(**params)
    except (KeyError, ValueError, IndexError):
        return template


@dataclass(slots=True)
class ImportIssue:
    """A warning about something the importer read but had to interpret or repair."""

    code: str
    line: int | None = None
    element_id: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = "de") -> str:
        return message_for(self.code, lang, line=self.line, **self.params)

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        return {"code": self.code, "message": self.message(lang), "line": self.line}


class BpmnImportError(Exception):
    """A file that cannot be read as BPMN at all. Subclasses name the reason."""

    def __init__(
        self,
        code: str,
        *,
        line: int | None = None,
        column: int | None = None,
        file: str | None = None,
        **params: object,
    ) -> None:
        self.code = code
        self.line = line
        self.column = column
        self.file = file
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "de") -> str:
        return message_for(self.code, lang, line=self.line, column=self.column, **self.params)

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        return {"code": self.code, "message": self.message(lang), "line": self.line}


class FileAccessError(BpmnImportError):
    """The file does not exist or cannot be read."""


class EmptyFileError(BpmnImportError):
    """The file has no content."""


class BinaryFileError(BpmnImportError):
    """The file is binary (ZIP, PDF, image, Visio ...), not XML."""


class FileTooLargeError(BpmnImportError):
    """The file exceeds the configured size limit."""


class TooManyElementsError(BpmnImportError):
    """The document exceeds the configured element limit."""


class EncodingError(BpmnImportError):
    """The bytes cannot be decoded in any plausible encoding."""


class UnsafeXmlError(BpmnImportError):
    """The document uses DTDs or entities, which are refused for safety."""


class NotXmlError(BpmnImportError):
    """The document is not well-formed XML (including truncated files)."""


class NotBpmnError(BpmnImportError):
    """XML (or an HTML page) that is not a BPMN 2.0 ``definitions`` document."""
