"""Hostile and broken input: every case fails with its documented code, fast, and leaks nothing."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from processanalysis import Limits, element_counts, export_bpmn, import_file, read_bpmn
from processanalysis.errors import (
    BinaryFileError,
    BpmnImportError,
    EmptyFileError,
    FileAccessError,
    FileTooLargeError,
    NotBpmnError,
    NotXmlError,
    TooManyElementsError,
    UnsafeXmlError,
)
from tests.conftest import ROOT, bpmn

QUIRKS = Path(__file__).parent / "fixtures" / "quirks"
B = "http://www.omg.org/spec/BPMN/20100524/MODEL"
VALID = (QUIRKS / "camunda_bpmn_prefix.bpmn").read_bytes()
#: Generous bound for one refused file; a refusal does no real work.
FAST = 2.0
PLACEHOLDER = re.compile(r"\{[a-z_]+(:[^}]*)?\}")

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
    f'<definitions xmlns="{B}" id="D"><process id="P" name="&lol9;"/></definitions>'
)


def refuse(data: bytes, **kwargs: object) -> BpmnImportError:
    """The error ``read_bpmn`` raises for ``data``, checked to come quickly."""
    start = time.perf_counter()
    with pytest.raises(BpmnImportError) as info:
        read_bpmn(data, **kwargs)  # type: ignore[arg-type]
    assert time.perf_counter() - start < FAST
    return info.value


def assert_messages(error: BpmnImportError) -> None:
    """German and English messages exist, differ and have every placeholder filled."""
    de, en = error.message("de"), error.message("en")
    assert de.strip() and en.strip()
    assert de != en
    assert de != error.code and en != error.code
    assert not PLACEHOLDER.search(de), de
    assert not PLACEHOLDER.search(en), en
    assert error.to_dict("en") == {"code": error.code, "message": en, "line": error.line}


CASES: dict[str, tuple[bytes, str, type[BpmnImportError]]] = {
    "plain-text": (b"Antrag auf Baugenehmigung\nBitte pruefen.\n", "xml-syntax", NotXmlError),
    "csv": (b"id;name\nT1;Antrag pruefen\n", "xml-syntax", NotXmlError),
    "json": (b'{"definitions": {"process": []}}', "xml-syntax", NotXmlError),
    "html-page": (
        b'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>Login'
        b"</title></head><body><p>Bitte anmelden<br></body></html>",
        "not-bpmn",
        NotBpmnError,
    ),
    "html-without-doctype": (
        b"<html><head><title>x</title></head><body><p>Fehler<br></body></html>",
        "xml-syntax",
        NotXmlError,
    ),
    "xhtml": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        b"<head><title>Export</title></head><body><p>Kein Modell</p></body></html>",
        "not-bpmn",
        NotBpmnError,
    ),
    "xhtml-with-doctype": (
        b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
        "not-bpmn",
        NotBpmnError,
    ),
    "dmn": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<definitions '
        b'xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="dmn" name="Gebuehren" '
        b'namespace="http://camunda.org/schema/1.0/dmn"><decision id="Gebuehr" name="Gebuehr">'
        b"<decisionTable id="
        b'"DT"/></decision></definitions>',
        "not-bpmn",
        NotBpmnError,
    ),
    "bpmn-process-without-definitions": (
        f'<process xmlns="{B}" id="P"><task id="T"/></process>'.encode(),
        "not-bpmn",
        NotBpmnError,
    ),
    "svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>',
        "not-bpmn",
        NotBpmnError,
    ),
    "empty": (b"", "empty-file", EmptyFileError),
    "whitespace": (b"  \n\t\r\n   \n", "empty-file", EmptyFileError),
    "nul-bytes": (b"\x00" * 64, "binary-file", BinaryFileError),
    "random-bytes": (
        random.Random(20240501).randbytes(4096),
        "binary-file",
        BinaryFileError,
    ),
    "vsdx-zip": (
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + b"[Content_Types].xml",
        "binary-file",
        BinaryFileError,
    ),
    "pdf": (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n",
        "binary-file",
        BinaryFileError,
    ),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary-file", BinaryFileError),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "binary-file", BinaryFileError),
    "legacy-vsd": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32,
        "binary-file",
        BinaryFileError,
    ),
    "gzip": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary-file", BinaryFileError),
    "billion-laughs": (BILLION_LAUGHS.encode(), "dtd-forbidden", UnsafeXmlError),
    "mismatched-tags": (
        bpmn('<bpmn:process id="P"><bpmn:task id="T"></bpmn:process>'),
        "xml-syntax",
        NotXmlError,
    ),
    "undeclared-entity": (
        bpmn('<bpmn:process id="P" name="&nbsp;"/>'),
        "xml-syntax",
        NotXmlError,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_broken_input_raises_its_code(name: str) -> None:
    """Each kind of unusable input raises its typed error with its stable code."""
    data, code, cls = CASES[name]
    error = refuse(data)
    assert error.code == code
    assert isinstance(error, cls)
    assert_messages(error)


@pytest.mark.parametrize("name", ["plain-text", "mismatched-tags", "undeclared-entity"])
def test_syntax_errors_carry_line_and_column(name: str) -> None:
    """A syntax error names the line and column where the parser stopped."""
    error = refuse(CASES[name][0])
    assert error.line is not None and error.line >= 1
    assert error.column is not None and error.column >= 1
    assert str(error.line) in error.message("en")


def test_mismatched_tag_line_is_where_it_happens() -> None:
    """The reported line of a syntax error is the line of the broken tag."""
    error = refuse(
        bpmn('<bpmn:process id="P">\n<bpmn:task id="A"/>\n<bpmn:task id="B">\n</bpmn:process>')
    )
    assert error.code == "xml-syntax"
    assert error.line == 6


@pytest.mark.parametrize("fraction", [0.05, 0.25, 0.5, 0.75, 0.9, 0.999])
def test_truncated_file_is_recognised_as_truncated(fraction: float) -> None:
    """A file cut anywhere (in a tag, an attribute, text) is xml-truncated, not a syntax error."""
    cut = VALID[: int(len(VALID) * fraction)]
    error = refuse(cut)
    assert error.code == "xml-truncated"
    assert isinstance(error, NotXmlError)
    assert error.line == cut.count(b"\n") + 1 or error.line == cut.rstrip().count(b"\n") + 1
    assert_messages(error)


@pytest.mark.parametrize("cut", range(200, len(VALID), 397))
def test_every_cut_of_a_real_file_is_truncated(cut: int) -> None:
    """Cutting the file at many offsets always gives xml-truncated."""
    assert refuse(VALID[:cut]).code == "xml-truncated"


@pytest.mark.parametrize(
    "data",
    [
        b"<r><a></a b></r>",
        b"<a></b>",
        b"<r><a x='1' x='2'/></r>",
        b"<r>text</r>trailing",
    ],
    ids=["bad-end-tag", "mismatch-at-end", "duplicate-attribute", "extra-content"],
)
def test_malformed_complete_file_is_not_called_truncated(data: bytes) -> None:
    """A complete but malformed file is xml-syntax even where the error is near the end."""
    assert refuse(data).code == "xml-syntax"


def test_truncated_utf16_file() -> None:
    """A UTF-16 export cut in the middle is xml-truncated as well."""
    text = VALID.decode("utf-8").replace("UTF-8", "UTF-16")
    data = b"\xff\xfe" + text.encode("utf-16-le")
    assert refuse(data[: len(data) // 2]).code == "xml-truncated"


# -- DTDs and entities ---------------------------------------------------------------------------
def _measure(setup: str, call: str) -> dict[str, object]:
    """Run ``call`` in a fresh interpreter; its error code, seconds and peak RSS growth (MiB)."""
    script = textwrap.dedent(
        f"""
        import json, resource, time
        from processanalysis import Limits, read_bpmn
        from processanalysis.errors import BpmnImportError
        {setup}
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        try:
            {call}
            code = None
        except BpmnImportError as error:
            code = error.code
        seconds = time.perf_counter() - start
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        print(json.dumps({{"code": code, "seconds": seconds, "grown_mib": grown}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_billion_laughs_is_refused_fast_with_bounded_memory() -> None:
    """The billion-laughs document is refused before parsing: no time, no memory."""
    result = _measure(f"data = {BILLION_LAUGHS.encode()!r}", "read_bpmn(data)")
    assert result["code"] == "dtd-forbidden"
    assert result["seconds"] < FAST
    assert result["grown_mib"] < 20
    assert refuse(BILLION_LAUGHS.encode()).line == 2


def test_element_flood_is_refused_before_building_a_tree() -> None:
    """Three million tiny elements over the element limit are refused fast, in little memory."""
    result = _measure(
        "data = (b'<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">'\n"
        "        b'<process id=\"p\">' + b'<a/>' * 3_000_000 + b'</process></definitions>')",
        "read_bpmn(data, limits=Limits(max_elements=100_000))",
    )
    assert result["code"] == "too-many-elements"
    assert result["seconds"] < FAST
    assert result["grown_mib"] < 100  # a parsed tree of 3 million elements takes > 400 MiB


def test_lt_in_comments_does_not_count_as_elements() -> None:
    """Comments and CDATA full of '<' do not make a small model exceed the element limit."""
    noise = "<!-- " + "<x>" * 500 + " --><![CDATA[" + "<y>" * 500 + "]]>"
    data = bpmn(f'<bpmn:process id="P">{noise}<bpmn:task id="T"/></bpmn:process>')
    model = read_bpmn(data, limits=Limits(max_elements=10))
    assert model.get("T") is not None


@pytest.fixture
def secret_file(tmp_path: Path) -> tuple[Path, str]:
    """A local file with a unique marker that must never show up in any output."""
    marker = "SECRET-7f3a9c-Geheimnis"
    path = tmp_path / "secret.txt"
    path.write_text(f"root:x:0:0:{marker}\n", encoding="utf-8")
    return path, marker


def _xxe_variants(uri: str) -> dict[str, bytes]:
    body = (
        f'<definitions xmlns="{B}" id="D"><process id="P" name="&xxe;"><task id="T">'
        "<documentation>&xxe;</documentation></task></process></definitions>"
    )
    doctype = f'<!DOCTYPE definitions [<!ENTITY xxe SYSTEM "{uri}">]>'
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n{body}'
    parameter = (
        f'<?xml version="1.0"?>\n<!DOCTYPE definitions [<!ENTITY % ext SYSTEM "{uri}"> %ext;]>\n'
        f'<definitions xmlns="{B}" id="D"/>'
    )
    return {
        "utf-8": text.encode("utf-8"),
        "etc-passwd": text.replace(uri, "file:///etc/passwd").encode(),
        "parameter-entity": parameter.encode(),
        "utf-16-le-bom": b"\xff\xfe" + text.replace("UTF-8", "UTF-16").encode("utf-16-le"),
        "utf-16-be-bom": b"\xfe\xff" + text.replace("UTF-8", "UTF-16").encode("utf-16-be"),
        "utf-16-no-bom": text.replace("UTF-8", "UTF-16").encode("utf-16-le"),
        "declared-utf-16-but-8-bit": text.replace("UTF-8", "UTF-16").encode("utf-8"),
        "latin-1": text.replace("UTF-8", "ISO-8859-1").encode("latin-1"),
        "after-long-comment": text.replace(
            "\n<!DOCTYPE", "\n<!-- " + "Kommentar " * 10_000 + "-->\n<!DOCTYPE"
        ).encode(),
        "after-comment-with-tag": text.replace(
            "\n<!DOCTYPE", "\n<!-- siehe <definitions> unten -->\n<?pi x?>\n<!DOCTYPE"
        ).encode(),
        "lowercase-doctype": text.replace("<!DOCTYPE", "<!doctype").encode(),
    }


VARIANTS = list(_xxe_variants("file:///x"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_external_entity_is_refused_and_never_read(
    variant: str, secret_file: tuple[Path, str]
) -> None:
    """An external entity is refused as dtd-forbidden; the file's content appears nowhere."""
    path, marker = secret_file
    data = _xxe_variants(path.as_uri())[variant]
    error = refuse(data)
    assert error.code == "dtd-forbidden"
    assert isinstance(error, UnsafeXmlError)
    assert error.line is not None
    assert_messages(error)
    shown = [
        str(error),
        repr(error),
        error.message("de"),
        error.message("en"),
        repr(error.params),
        repr(error.to_dict()),
    ]
    assert not any(marker in text or "root:x:0:0" in text for text in shown)


def test_doctype_line_is_reported_in_utf16() -> None:
    """A DOCTYPE hidden in UTF-16 is found after decoding, with its line."""
    text = '<?xml version="1.0" encoding="UTF-16"?>\n\n<!DOCTYPE d [<!ENTITY a "b">]>\n<d/>'
    for data in (b"\xff\xfe" + text.encode("utf-16-le"), b"\xfe\xff" + text.encode("utf-16-be")):
        error = refuse(data)
        assert (error.code, error.line) == ("dtd-forbidden", 3)


def test_xinclude_is_not_processed(secret_file: tuple[Path, str]) -> None:
    """An XInclude element is kept as foreign markup, never resolved."""
    path, marker = secret_file
    model = read_bpmn(
        bpmn(
            f'<bpmn:process id="P" xmlns:xi="http://www.w3.org/2001/XInclude">'
            f'<xi:include href="{path.as_uri()}" parse="text"/><bpmn:task id="T"/></bpmn:process>'
        )
    )
    assert "foreign-element" in [w.code for w in model.warnings]
    assert marker.encode() not in export_bpmn(model)
    assert marker not in repr(model)


def test_doctype_text_inside_content_is_harmless() -> None:
    """The word <!DOCTYPE inside escaped text is content, not a declaration."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P"><bpmn:documentation>&lt;!DOCTYPE html&gt; und '
            "&lt;!ENTITY x&gt;</bpmn:documentation></bpmn:process>"
        )
    )
    assert model.processes[0].documentation == ["<!DOCTYPE html> und <!ENTITY x>"]


# -- size and element limits --------------------------------------------------------------------
def _write_large(path: Path, size: int) -> None:
    """A file of ``size`` bytes: a valid BPMN head, then one huge comment, then the tail."""
    head = VALID.split(b"<bpmn:process", 1)[0] + b"<!-- "
    tail = b" -->\n</bpmn:definitions>\n"
    chunk = b"x" * (1 << 20)
    with path.open("wb") as out:
        out.write(head)
        remaining = size - len(head) - len(tail)
        while remaining > 0:
            out.write(chunk[: min(len(chunk), remaining)])
            remaining -= len(chunk)
        out.write(tail)


def test_100_mb_file_is_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the default 50 MB limit a 100 MB file is refused from its size alone."""
    path = tmp_path / "huge.bpmn"
    _write_large(path, 100 * 1024 * 1024)
    assert path.stat().st_size == 100 * 1024 * 1024

    def no_reading(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    start = time.perf_counter()
    with pytest.raises(FileTooLargeError) as info:
        import_file(path)
    assert time.perf_counter() - start < 0.5
    error = info.value
    assert error.code == "file-too-large"
    assert error.file == str(path)
    assert error.params["size_mb"] == pytest.approx(100.0)
    assert error.params["limit_mb"] == pytest.approx(50.0)
    assert "100.0" in error.message("en") and "50.0" in error.message("de")
    assert_messages(error)


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    """A raised limit lets a file through that the lowered one refuses, for paths and bytes."""
    path = tmp_path / "model.bpmn"
    path.write_bytes(VALID)
    size = len(VALID)
    with pytest.raises(FileTooLargeError):
        import_file(path, limits=Limits(max_bytes=size - 1))
    assert refuse(VALID, limits=Limits(max_bytes=size - 1)).code == "file-too-large"
    assert import_file(path, limits=Limits(max_bytes=size)).get("Task_Pruefen") is not None


@pytest.mark.slow
def test_large_file_under_raised_limit_is_parsed(tmp_path: Path) -> None:
    """A 12 MB file of real content imports under a raised limit (the 100 MB case is skipped)."""
    tasks = "".join(f'<bpmn:task id="T{i}" name="Aufgabe {i}"/>\n' for i in range(250_000))
    data = bpmn(f'<bpmn:process id="P">{tasks}</bpmn:process>')
    assert len(data) > 10 * 1024 * 1024
    path = tmp_path / "big.bpmn"
    path.write_bytes(data)
    with pytest.raises(FileTooLargeError):
        import_file(path, limits=Limits(max_bytes=10 * 1024 * 1024))
    model = import_file(path, limits=Limits(max_bytes=20 * 1024 * 1024))
    assert element_counts(model)["task"] == 250_000


@pytest.mark.parametrize(("limit", "refused"), [(10, True), (51, True), (52, False), (1000, False)])
def test_element_limit(limit: int, refused: bool) -> None:
    """Limits(max_elements) refuses a model with more elements, accepts one within it."""
    tasks = "".join(f'<bpmn:task id="T{i}"/>' for i in range(50))
    data = bpmn(f'<bpmn:process id="P">{tasks}</bpmn:process>')  # 1 + 1 + 50 elements
    assert data.count(b"<bpmn:") == 52
    if refused:
        error = refuse(data, limits=Limits(max_elements=limit))
        assert error.code == "too-many-elements"
        assert isinstance(error, TooManyElementsError)
        assert str(limit) in error.message("en")
        assert_messages(error)
    else:
        assert (
            len(read_bpmn(data, limits=Limits(max_elements=limit)).processes[0].flow_elements) == 50
        )


# -- files -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "make",
    [lambda tmp: tmp / "does-not-exist.bpmn", lambda tmp: tmp],
    ids=["missing", "directory"],
)
def test_unreadable_path_is_file_not_found(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    """A path that is missing or no file raises file-not-found naming the path."""
    path = make(tmp_path)
    with pytest.raises(FileAccessError) as info:
        import_file(path)
    error = info.value
    assert error.code == "file-not-found"
    assert error.file == str(path)
    assert str(path) in error.message("en")
    assert_messages(error)


@pytest.mark.parametrize("name", ["empty", "pdf", "billion-laughs", "dmn"])
def test_import_file_attaches_the_path(tmp_path: Path, name: str) -> None:
    """Errors raised for a file on disk carry its path."""
    path = tmp_path / f"{name}.bpmn"
    path.write_bytes(CASES[name][0])
    with pytest.raises(BpmnImportError) as info:
        import_file(path)
    assert info.value.code == CASES[name][1]
    assert info.value.file == str(path)


def test_warning_messages_are_filled_in_both_languages() -> None:
    """Warnings of a badly broken (but readable) file have full messages in German and English."""
    model = read_bpmn(
        bpmn(
            '<bpmn:process id="P" xmlns:x="http://x.example"><x:foo/>'
            '<bpmn:task id="A"/><bpmn:task id="A"/><bpmn:fancy id="F"/>'
            '<bpmn:sequenceFlow id="S1" targetRef="A"/><bpmn:sequenceFlow id="S2" sourceRef="A"/>'
            '<bpmn:sequenceFlow id="S3" sourceRef="A" targetRef="Nope"/>'
            '<bpmn:startEvent id="E" isInterrupting="vielleicht"/></bpmn:process>'
        )
    )
    seen = {w.code for w in model.warnings}
    assert seen >= {
        "foreign-element",
        "duplicate-id",
        "unknown-element",
        "missing-source",
        "missing-target",
        "dangling-reference",
        "invalid-value",
        "missing-di",
    }
    for warning in model.warnings:
        de, en = warning.message("de"), warning.message("en")
        assert de.strip() and en.strip() and de != en, warning.code
        assert not PLACEHOLDER.search(de), de
        assert not PLACEHOLDER.search(en), en
