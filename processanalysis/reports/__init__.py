"""Reports that leave the workbench: optimisation and portfolio reports in four formats.

Assembly builds one format-neutral :class:`~processanalysis.reports.document.Report`
(:func:`build_process_report`, :func:`build_portfolio_report`); a writer per format turns
it into bytes (:func:`render_report`) or a file (:func:`write_report`, atomic):

* ``html`` — one self-contained file (styles inline, images as ``data:`` URIs, every user
  text escaped);
* ``pdf`` — A4 via WeasyPrint with embedded fonts, title page, table of contents, running
  header and page numbers, wide diagrams on landscape pages;
* ``docx`` — Word with real heading and table styles, for editing into a council paper;
* ``xlsx`` — findings, measures, parameters and KPIs as Excel tables with filters and
  frozen headers.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from processanalysis.reports.document import Report
from processanalysis.reports.portfolio_report import PortfolioInput, build_portfolio_report
from processanalysis.reports.process_report import build_process_report

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "PortfolioInput",
    "Report",
    "build_portfolio_report",
    "build_process_report",
    "render_report",
    "write_report",
]

#: Format -> file suffix.
FORMATS: dict[str, str] = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx"}
MEDIA_TYPES: dict[str, str] = {
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render_report(report: Report, fmt: str) -> bytes:
    """``report`` in ``fmt`` (one of :data:`FORMATS`) as bytes."""
    if fmt == "html":
        from processanalysis.reports.html import render_html

        return render_html(report).encode("utf-8")
    if fmt == "pdf":
        from processanalysis.reports.pdf import render_pdf

        return render_pdf(report)
    if fmt == "docx":
        from processanalysis.reports.docx import render_docx

        return render_docx(report)
    if fmt == "xlsx":
        from processanalysis.reports.xlsx import render_xlsx

        return render_xlsx(report)
    raise ValueError(f"unknown report format {fmt!r}: expected one of {', '.join(FORMATS)}")


def write_report(report: Report, fmt: str, path: str | Path) -> Path:
    """Write ``report`` to ``path`` atomically: the file appears complete or not at all."""
    path = Path(path)
    data = render_report(report, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
