"""Download buttons for the reports: one small function per page kind.

The report is built only when a button is clicked (Streamlit's deferred download data),
so a page costs nothing until someone wants a report; the bytes are kept for a few
reports so a second click (another format of the same analysis reuses nothing, the same
format does) is instant. The report library takes plain data; this module only reads the
page's bytes and language.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages.i18n import current_language, t

__all__ = [
    "FORMAT_ORDER",
    "pdf_available",
    "portfolio_report_downloads",
    "portfolio_report_input",
    "report_downloads",
]

#: Buttons from left to right.
FORMAT_ORDER = ("pdf", "docx", "xlsx", "html")
_CACHE: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
_CACHE_SIZE = 8
_LOCK = threading.Lock()


@cache
def pdf_available() -> bool:
    """Whether WeasyPrint can load pango on this server (the PDF button is off if not)."""
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


def _cached(key: tuple[Any, ...], make: Callable[[], bytes]) -> bytes:
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    data = make()
    with _LOCK:
        _CACHE[key] = data
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return data


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _safe_stem(name: str) -> str:
    stem = re.sub(r"[^\w.-]+", "_", Path(name).stem, flags=re.UNICODE).strip("._")
    return stem[:60] or "prozess"


def _process_report_bytes(name: str, data: bytes, to_be: Sequence[tuple[str, bytes]],
                          reviews: dict[str, Any] | None, measures: Sequence[Any],
                          projects: Sequence[Any], fmt: str, lang: str) -> bytes:
    from processanalysis import read_bpmn
    from processanalysis.reports import build_process_report, render_report

    model = read_bpmn(data, source=name)
    variants = [(Path(n).stem, read_bpmn(d, source=n)) for n, d in to_be]
    report = build_process_report(model, to_be=variants, reviews=reviews, measures=measures,
                                  projects=projects, lang=lang, source=name)
    return render_report(report, fmt)


def _buttons(make: Callable[[str], Callable[[], bytes]], stem: str, key: str,
             help_text: str) -> None:
    from processanalysis.reports import FORMATS, MEDIA_TYPES

    st.markdown(f"**{t('reports.title')}**", help=help_text)
    columns = st.columns(len(FORMAT_ORDER))
    for column, fmt in zip(columns, FORMAT_ORDER, strict=True):
        missing = fmt == "pdf" and not pdf_available()
        column.download_button(
            t(f"reports.format.{fmt}"),
            data=make(fmt),
            file_name=f"{stem}{FORMATS[fmt]}",
            mime=MEDIA_TYPES[fmt],
            key=f"{key}.report.{fmt}",
            on_click="ignore",
            icon=":material/download:",
            disabled=missing,
            help=t("reports.pdf_missing") if missing else None,
            width="stretch",
        )


def report_downloads(
    name: str,
    data: bytes | str,
    *,
    to_be: Sequence[tuple[str, bytes]] = (),
    reviews: dict[str, Any] | None = None,
    measures: Sequence[Any] = (),
    projects: Sequence[Any] = (),
    key: str = "analysis",
) -> None:
    """Buttons for the optimisation report of the file ``name`` (its bytes ``data``),
    with the to-be variants ``(name, bytes)``, review status and measures when given."""
    lang = current_language()
    if isinstance(data, str):  # pages holding the exported XML text
        data = data.encode("utf-8")
    to_be = [(n, d.encode("utf-8") if isinstance(d, str) else d) for n, d in to_be]
    digest = _digest(data, *(d for _, d in to_be))
    extra = repr((sorted((reviews or {}).items()), list(measures), list(projects)))

    def make(fmt: str) -> Callable[[], bytes]:
        def build() -> bytes:
            return _cached((digest, extra, fmt, lang), lambda: _process_report_bytes(
                name, data, to_be, reviews, measures, projects, fmt, lang))
        return build

    stem = f"{_safe_stem(name)}_{t('reports.file_stem')}"
    _buttons(make, stem, key, t("reports.help"))


def portfolio_report_downloads(portfolio_input: Any, *, key: str = "portfolio") -> None:
    """Buttons for the portfolio report of ``portfolio_input``
    (:class:`processanalysis.reports.PortfolioInput`)."""
    lang = current_language()
    state = repr((portfolio_input.portfolio, portfolio_input.scheme,
                  sorted(portfolio_input.status_history.items())))

    def make(fmt: str) -> Callable[[], bytes]:
        def build() -> bytes:
            from processanalysis.reports import build_portfolio_report, render_report

            return _cached(("portfolio", state, fmt, lang), lambda: render_report(
                build_portfolio_report(portfolio_input, lang=lang), fmt))
        return build

    _buttons(make, t("reports.portfolio_stem"), key, t("reports.portfolio_help"))


def portfolio_report_input(state: dict[str, Any]) -> Any:
    """The portfolio page's state as report input: its portfolio, the scheme chosen in the
    ranking tab (``portfolio.scheme``) and every project's status history."""
    from app_pages.workspace import read
    from models.portfolio_store import status_history
    from processanalysis.portfolio import Scheme, load_scheme
    from processanalysis.reports import PortfolioInput

    rows = {row.name: row for row in state["schemes"]}
    chosen = st.session_state.get("portfolio.scheme")
    default = next((row for row in state["schemes"] if row.is_default), None)
    if chosen in rows:
        scheme = Scheme.from_dict(rows[chosen].definition)
    elif chosen in ("simple", "wibe"):
        scheme = load_scheme(chosen)
    elif default is not None:
        scheme = Scheme.from_dict(default.definition)
    else:
        scheme = load_scheme("simple")

    def histories(session: Any) -> dict[str, list[dict[str, Any]]]:
        found = {}
        for row in state["projects"]:
            updates = status_history(session, row.key)
            if updates:
                found[row.key] = [{"date": u.date, "status": u.status, "progress": u.progress,
                                   "note": u.note, "author": u.author} for u in updates]
        return found

    return PortfolioInput(state["portfolio"], scheme, status_history=read(histories))
