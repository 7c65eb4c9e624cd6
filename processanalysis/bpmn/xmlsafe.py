"""Hardened XML reading: limits, encoding repair, no DTDs, no entities, no network.

BPMN never needs a DTD, so any DOCTYPE is refused before the parser sees it; that
closes billion-laughs and external-entity attacks in bounded time and memory. The
parser itself is configured defensively as well (belt and braces).

Encodings are handled as real exports need: BOMs (UTF-8/16/32), UTF-16 without BOM,
any declared encoding Python knows (decoded here, so libxml2's own list of names does
not matter), and the frequent case of a file that declares UTF-8 or ASCII but was
written as Windows-1252/Latin-1 (umlauts from a Windows tool): it is decoded as
Windows-1252 and an ``encoding-mismatch`` warning names the first line.

Examples
--------
>>> root, issues = parse_xml(b'<?xml version="1.0" encoding="UTF-8"?><a>Rechnung kl\\xe4ren</a>')
>>> root.text, issues[0].code
('Rechnung klären', 'encoding-mismatch')
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass

from lxml import etree

from processanalysis.bpmn.namespaces import BPMN
from processanalysis.errors import (
    BinaryFileError,
    EmptyFileError,
    EncodingError,
    FileTooLargeError,
    ImportIssue,
    NotBpmnError,
    NotXmlError,
    TooManyElementsError,
    UnsafeXmlError,
)

__all__ = ["DEFAULT_LIMITS", "Limits", "check_size", "parse_xml", "safe_parser"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits for one import; generous for real models, tight for attacks."""

    max_bytes: int = 50 * 1024 * 1024
    max_elements: int = 5_000_000


DEFAULT_LIMITS = Limits()

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "ein ZIP-Archiv (z. B. .vsdx, .docx, .adl-Paket) / a ZIP archive"),
    (b"%PDF", "ein PDF-Dokument / a PDF document"),
    (b"\x89PNG", "ein PNG-Bild / a PNG image"),
    (b"\xff\xd8\xff", "ein JPEG-Bild / a JPEG image"),
    (b"GIF8", "ein GIF-Bild / a GIF image"),
    (b"\xd0\xcf\x11\xe0", "eine alte Office-Datei (.vsd, .doc, .xls) / a legacy Office file"),
    (b"\x1f\x8b", "ein gzip-Archiv / a gzip archive"),
)
_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.S)
_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.I)
_DOCTYPE_BYTES = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
_HTML_DOCTYPE = re.compile(r"<!DOCTYPE\s+html[\s>\[]", re.I)
# What may precede the root element: blanks, the declaration, PIs and comments.
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_PROLOG_ITEM_BYTES = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)


def safe_parser(*, recover: bool = False, drop_layout: bool = False) -> etree.XMLParser:
    """An lxml parser that never resolves entities, loads DTDs or touches the network.

    ``drop_layout`` leaves out whitespace-only text between elements (indentation),
    which the model never keeps; it saves a fifth of the tree's memory on large files.
    Whitespace that is an element's whole content (``<text> </text>``) is kept.
    """
    return etree.XMLParser(
        recover=recover,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=False,
        remove_blank_text=drop_layout,
    )


def check_size(size: int, limits: Limits) -> None:
    """Refuse a file larger than the limit before reading it."""
    if size > limits.max_bytes:
        raise FileTooLargeError(
            "file-too-large",
            size_mb=size / 1_048_576,
            limit_mb=limits.max_bytes / 1_048_576,
        )


def _sniff_encoding(data: bytes) -> tuple[str | None, int]:
    """Encoding given by a BOM or by the byte pattern of ``<?``, and the BOM length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    head = data[:4]
    if head == b"<\x00?\x00":
        return "utf-16-le", 0
    if head == b"\x00<\x00?":
        return "utf-16-be", 0
    if head[:2] == b"<\x00" and len(data) > 4 and data[3:4] == b"\x00":
        return "utf-16-le", 0
    return None, 0


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode_fallback(data: bytes) -> str:
    """Windows-1252 with Latin-1 for the five bytes it leaves undefined."""
    return data.decode("cp1252", errors="latin1_fallback")


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error("latin1_fallback", _latin1_fallback)


def _check_binary(data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise BinaryFileError("binary-file", kind=kind)
    if b"\x00" in data[:4096]:
        raise BinaryFileError("binary-file", kind="eine Binärdatei / a binary file")


def _refuse_dtd(text: str | bytes) -> None:
    """Refuse a DOCTYPE or ENTITY in the prolog, however long its comments are.

    ``text`` is the decoded document, or the raw bytes of an ASCII-compatible one
    (the prolog's markup is ASCII, so no decoding of a large file is needed). An HTML
    page's ``<!DOCTYPE html>`` is reported as what it is: not a BPMN model.
    """
    if isinstance(text, bytes):
        item, doctype = _PROLOG_ITEM_BYTES, _DOCTYPE_BYTES
    else:
        item, doctype = _PROLOG_ITEM, _DOCTYPE
    position = 0
    while (match := item.match(text, position)) is not None and match.end() > position:
        position = match.end()
    if doctype.match(text, position):
        line = text.count(b"\n" if isinstance(text, bytes) else "\n", 0, position) + 1
        head = text[position : position + 64]
        if isinstance(head, bytes):
            head = head.decode("latin-1")
        if _HTML_DOCTYPE.match(head):
            raise NotBpmnError("not-bpmn", line=line, root="html", namespace=BPMN)
        raise UnsafeXmlError("dtd-forbidden", line=line)


def _prepare(data: bytes) -> tuple[bytes, list[ImportIssue]]:
    """Bytes that libxml2 will decode correctly, plus warnings about repairs made."""
    issues: list[ImportIssue] = []
    if not data.strip():
        raise EmptyFileError("empty-file")
    sniffed, bom_len = _sniff_encoding(data)
    if sniffed is None:
        _check_binary(data)
    declared_match = _DECL.match(data if sniffed is None else b"")
    declared = declared_match.group(1).decode("ascii").lower() if declared_match else None

    if sniffed is not None:
        # Trust the bytes over any declaration; hand libxml2 UTF-8 without a declaration.
        try:
            text = data[bom_len:].decode(sniffed)
        except UnicodeDecodeError as exc:
            raise EncodingError("encoding-error", detail=f"{sniffed}: {exc.reason}") from exc
        _refuse_dtd(text)
        return _reencode(text), issues

    encoding = declared or "utf-8"
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError:
        encoding = "utf-8"
    if encoding == "utf-8":
        _refuse_dtd(data)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            issues.append(
                ImportIssue(
                    "encoding-mismatch",
                    line=_line_of(data, exc.start),
                    params={"declared": "UTF-8", "actual": "Windows-1252"},
                )
            )
            return _reencode(_decode_fallback(data)), issues
        return data, issues
    if encoding.startswith(("utf-16", "utf-32")):
        # Declared UTF-16 without a BOM or 16-bit byte pattern: it is 8-bit really.
        try:
            text = data.decode("utf-8")
            actual = "UTF-8"
        except UnicodeDecodeError:
            text = _decode_fallback(data)
            actual = "Windows-1252"
        _refuse_dtd(text)
        issues.append(
            ImportIssue(
                "encoding-mismatch",
                line=1,
                params={"declared": declared or encoding, "actual": actual},
            )
        )
        return _reencode(text), issues
    # Any other declared encoding: decode it here (libxml2 knows fewer names, such
    # as no "latin-1"); bytes it cannot hold (umlauts in "US-ASCII") are Windows-1252.
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "cp1252":
            issues.append(
                ImportIssue(
                    "encoding-mismatch",
                    line=_line_of(data, exc.start),
                    params={"declared": declared, "actual": "Windows-1252"},
                )
            )
        text = _decode_fallback(data)
    _refuse_dtd(text)
    return _reencode(text), issues


_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")


def _reencode(text: str) -> bytes:
    """UTF-8 bytes with the XML declaration replaced, so libxml2 cannot misread them."""
    match = _DECL_TEXT.match(text)
    if match:
        text = '<?xml version="1.0" encoding="UTF-8"?>' + text[match.end() :]
    return text.encode("utf-8")


def parse_xml(
    data: bytes, limits: Limits = DEFAULT_LIMITS
) -> tuple[etree._Element, list[ImportIssue]]:
    """Parse untrusted bytes into an lxml root element, refusing anything unsafe.

    Raises a :class:`~processanalysis.errors.BpmnImportError` subclass with a code and
    line for every way a file can fail; returns warnings for repairs made.
    """
    check_size(len(data), limits)
    prepared, issues = _prepare(data)
    _check_element_count(prepared, limits)
    parser = safe_parser(drop_layout=True)
    try:
        root = etree.fromstring(prepared, parser)
    except etree.XMLSyntaxError as exc:
        fatal = _fatal_errors(parser.error_log)
        if len(parser.error_log) and not fatal:
            # Only namespace names that are no URI (xmlns:foo="not a uri"), which
            # libxml2 >= 2.14 calls errors; the importer warns about them instead.
            root = etree.fromstring(prepared, safe_parser(recover=True, drop_layout=True))
        else:
            if fatal:
                line, column = fatal[0].line or None, fatal[0].column or None
                detail = fatal[0].message.strip()
            else:
                line, column = exc.position if exc.position else (None, None)
                detail = (exc.msg or str(exc)).split(", line ")[0]
            code = "xml-truncated" if _is_truncated(prepared, line, column) else "xml-syntax"
            if "entity" in detail.lower() and b"<!ENTITY" in prepared[:65536]:
                raise UnsafeXmlError("dtd-forbidden", line=line) from exc
            raise NotXmlError(code, line=line, column=column, detail=detail) from exc
    except ValueError as exc:  # e.g. lxml refusing a document it cannot decode
        raise EncodingError("encoding-error", detail=str(exc)) from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UnsafeXmlError("dtd-forbidden", line=1)
    return root, issues


class _ElementCounter:
    """Parser target that counts start tags, builds nothing and stops past the limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0

    def start(self, tag: str, attrib: object, nsmap: object = None) -> None:
        self.count += 1
        if self.count > self.limit:
            raise TooManyElementsError("too-many-elements", limit=self.limit)

    def close(self) -> int:
        return self.count


def _check_element_count(prepared: bytes, limits: Limits) -> None:
    """Refuse a document with more elements than the limit before any tree is built.

    A flood of tiny elements within the size limit would otherwise cost gigabytes and
    minutes before the importer's own count stops it. Every start tag is a ``<`` not
    followed by ``/``, ``!`` or ``?``, so counting bytes bounds the number from above
    in milliseconds; only a document over the limit by that bound (``<`` in comments
    and CDATA counts too) is counted exactly, by a parser that builds no tree.
    """
    bound = (
        prepared.count(b"<") - prepared.count(b"</") - prepared.count(b"<!") - prepared.count(b"<?")
    )
    if bound <= limits.max_elements:
        return
    counter = etree.XMLParser(
        target=_ElementCounter(limits.max_elements),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    with contextlib.suppress(etree.XMLSyntaxError):  # the real parse reports it, with its line
        etree.fromstring(prepared, counter)


def _fatal_errors(log: etree._ListErrorLog) -> list[etree._LogEntry]:
    """The parse errors that make a document unreadable (all but namespace-URI ones)."""
    return [
        entry
        for entry in log
        if entry.level >= etree.ErrorLevels.ERROR and entry.type != etree.ErrorTypes.WAR_NS_URI
    ]


def _is_truncated(prepared: bytes, line: int | None, column: int | None) -> bool:
    """Whether the bytes are a cut-off document rather than a malformed one.

    A file cut off in transfer fails exactly where it ends, wherever the cut fell (in
    a tag, an attribute value, a comment), and a stream parser accepts every byte
    before the end; a mismatched end tag on the last line fails there too, but the
    stream parser rejects it as soon as it reads it.
    """
    if line is None or column is None:
        return False
    text = prepared.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    text = text.rstrip()
    end = (text.count("\n") + 1, len(text) - text.rfind("\n") - 1)
    if (line, column) < end:
        return False
    stream = safe_parser()
    try:
        stream.feed(prepared)
    except etree.XMLSyntaxError as exc:
        return exc.code == etree.ErrorTypes.WAR_NS_URI
    return True
