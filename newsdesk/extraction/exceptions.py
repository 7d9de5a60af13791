"""Errors of the extraction package."""

from __future__ import annotations

from newsdesk.exceptions import NewsdeskError


class ExtractionError(NewsdeskError):
    """Something in claim extraction went wrong on purpose-checked input."""


class DevsetError(ExtractionError):
    """An annotated development set file that cannot be read: says which file, line and field."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        super().__init__(f"{where}: {message}")
