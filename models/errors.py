"""Errors of the workspace store that a page or a command shows to the user as they are."""

from __future__ import annotations

from typing import Any

__all__ = ["StaleEditError", "UnknownRecordError"]


class StaleEditError(Exception):
    """A save was based on an outdated ``version`` of a record: someone else saved first.

    Nothing was written. ``stored`` holds the stored values of the fields the caller wanted
    to change, ``yours`` the values the caller wanted to save, so a page can show both and
    let the user decide.

    Examples
    --------
    >>> error = StaleEditError("project", "P-01", 1, 2, {"name": "A"}, {"name": "B"})
    >>> print(error)  # doctest: +ELLIPSIS
    project P-01 was changed meanwhile: your edit is based on version 1, ...
    >>> str(error).split("; ", 1)[1]
    "stored: name='A'; yours: name='B'; nothing was saved"
    """

    def __init__(
        self,
        table: str,
        key: object,
        expected_version: int | None,
        stored_version: int | None,
        stored: dict[str, Any],
        yours: dict[str, Any],
        message: str | None = None,
    ) -> None:
        self.table = table
        self.key = key
        self.expected_version = expected_version
        self.stored_version = stored_version
        self.stored = stored
        self.yours = yours
        based = (
            "your edit assumes there is no record yet"
            if expected_version is None
            else f"your edit is based on version {expected_version}"
        )
        super().__init__(
            message
            or f"{table} {key} was changed meanwhile: {based}, the stored version is "
            f"{stored_version}; stored: {_pairs(stored)}; yours: {_pairs(yours)}; "
            "nothing was saved"
        )


class UnknownRecordError(LookupError):
    """No record with this key exists (it may have been deleted meanwhile)."""


def _pairs(values: dict[str, Any]) -> str:
    return ", ".join(f"{name}={value!r}" for name, value in values.items()) or "-"
