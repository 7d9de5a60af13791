"""The one base exception of the project; each package derives its own typed errors from it.

``retriable`` tells a caller whether trying the same operation again may succeed (a broker
that is briefly away) or never will (a malformed message), so retry loops need no guessing.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""

    retriable: bool = False


class SettingsError(NewsdeskError):
    """An environment variable or option holds a value newsdesk cannot use."""


class SchemaError(NewsdeskError):
    """A message does not match its JSON Schema contract (``schemas/``)."""

    def __init__(self, kind: str, message: str, path: str = "") -> None:
        self.kind = kind
        self.path = path
        where = f" at {path}" if path else ""
        super().__init__(f"{kind} message is invalid{where}: {message}")


class DecodeError(NewsdeskError):
    """Bytes that are not the JSON document they should be."""
