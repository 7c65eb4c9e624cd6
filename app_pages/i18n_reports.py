"""UI strings of the reports pages, German and English (merged by ``app_pages.i18n``)."""

STRINGS: dict[str, dict[str, str]] = {
    "de": {},
    "en": {},
}
