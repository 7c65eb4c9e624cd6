"""Hardened XML reading: limits, encoding repair, no DTDs, no entities, no network.

BPMN never needs a DTD, so any DOCTYPE is refused before the parser sees it; that
closes billion-laughs and external-entity attacks in bounded time and memory. The
parser itself is configured defensively as well (belt and braces).

Encodings are handled as real exports need: BOMs (UTF-8/16/32), UTF-16 without BOM,
any declared encoding libxml2 knows, and the frequent case of a file that declares
UTF-8 but was written as Windows-1252/Latin-1 (umlauts from a Windows tool): it is
decoded as Windows-1252 and an ``encoding-mismatch`` warning names the first line.

Examples
--------
>>> root, issues = parse_xml(b'<?xml version="1.0" encoding="UTF-8"?><a>Rechnung kl\\xe4ren</a>')
>>> root.text, issues[0].code
('Rechnung klären', 'encoding-mismatch')
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from lxml import etree

from processanalysis.errors import (
    BinaryFileError,
    EmptyFileError,
    EncodingError,
    FileTooLargeError,
    ImportIssue,
    NotXmlError,
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
_ROOT_START = re.compile(r"<[A-Za-z_]")


def safe_parser() -> etree.XMLParser:
    """An lxml parser that never resolves entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=False,
        remove_blank_text=False,
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


def _decode_head(data: bytes, encoding: str) -> str:
    try:
        return data[:65536].decode(encoding, errors="replace")
    except LookupError:
        return data[:65536].decode("latin-1")


def _refuse_dtd(head: str) -> None:
    root = _ROOT_START.search(head)
    prolog = head if root is None else head[: root.start()]
    match = _DOCTYPE.search(prolog)
    if match:
        raise UnsafeXmlError("dtd-forbidden", line=prolog.count("\n", 0, match.start()) + 1)


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
        _refuse_dtd(text[:65536])
        return _reencode(text), issues

    encoding = declared or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "utf-8"
    _refuse_dtd(_decode_head(data, encoding))
    if encoding.replace("_", "-") in ("utf-8", "utf8"):
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
    if encoding.startswith(("utf-16", "utf16", "utf-32", "ucs")):
        # Declared UTF-16 without a BOM or 16-bit byte pattern: it is 8-bit really.
        try:
            text = data.decode("utf-8")
            actual = "UTF-8"
        except UnicodeDecodeError:
            text = _decode_fallback(data)
            actual = "Windows-1252"
        issues.append(
            ImportIssue(
                "encoding-mismatch",
                line=1,
                params={"declared": declared or encoding, "actual": actual},
            )
        )
        return _reencode(text), issues
    return data, issues


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
    try:
        root = etree.fromstring(prepared, safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        detail = (exc.msg or str(exc)).split(", line ")[0]
        code = "xml-truncated" if _looks_truncated(detail) else "xml-syntax"
        if "entity" in detail.lower() and "<!ENTITY" in prepared[:65536].decode("utf-8", "replace"):
            raise UnsafeXmlError("dtd-forbidden", line=line) from exc
        raise NotXmlError(code, line=line, column=column, detail=detail) from exc
    except ValueError as exc:  # e.g. lxml refusing a document it cannot decode
        raise EncodingError("encoding-error", detail=str(exc)) from exc
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UnsafeXmlError("dtd-forbidden", line=1)
    return root, issues


def _looks_truncated(detail: str) -> bool:
    lowered = detail.lower()
    return (
        "premature end" in lowered
        or "end of data" in lowered
        or "expected '>'" in lowered
        or "not finished" in lowered
        or "eof" in lowered
    )
