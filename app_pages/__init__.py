"""The workbench's browser pages, one module per page, and the list the router shows.

To add a page: write ``app_pages/<name>_page.py``, add its strings to an area module
``i18n_<area>.py`` (see ``i18n.AREA_MODULES``) and one :class:`PageSpec` to
:data:`SECTIONS`. ``app.py`` needs no change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["PAGES_DIR", "SECTIONS", "PageSpec"]

PAGES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One page: its script in ``app_pages/``, its title key in ``i18n``, icon and URL."""

    script: str
    title_key: str
    icon: str
    #: Stable across languages, so links and bookmarks survive a language switch.
    url_path: str


#: Navigation section (``i18n`` key) -> its pages, in sidebar order; the first page is the start.
SECTIONS: dict[str, tuple[PageSpec, ...]] = {
    "nav.processes": (
        PageSpec("import_page.py", "page.import", ":material/upload_file:", "import"),
        PageSpec("analysis_page.py", "page.analysis", ":material/troubleshoot:", "analysis"),
        PageSpec("simulation_page.py", "page.simulation", ":material/timer:", "simulation"),
        PageSpec("modeler_page.py", "variants.page.modeler", ":material/edit_square:", "modeler"),
        PageSpec("compare_page.py", "variants.page.compare", ":material/compare:", "compare"),
        PageSpec("library_page.py", "library.page", ":material/folder_open:", "library"),
    ),
    "portfolio.nav": (
        PageSpec("portfolio_page.py", "portfolio.page", ":material/account_tree:", "portfolio"),
    ),
    "auth.nav": (
        PageSpec("users_page.py", "auth.page.users", ":material/admin_panel_settings:", "users"),
    ),
}
