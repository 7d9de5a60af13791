"""Bytes on a topic <-> records, through the schema contract.

Every edge (agents, publishers, the CLI) encodes and decodes here, so nothing reaches a
topic or the core without passing its JSON Schema.
"""

from __future__ import annotations

from typing import Any, TypeVar

from newsdesk import schemas
from newsdesk.exceptions import DecodeError
from newsdesk.records import Alert, Article, Claim, DeadLetter
from newsdesk.utils import json

_RECORDS: dict[schemas.Kind, type[Any]] = {
    "article": Article,
    "claim": Claim,
    "alert": Alert,
    "deadletter": DeadLetter,
}

R = TypeVar("R", Article, Claim, Alert, DeadLetter)


def encode(kind: schemas.Kind, record: Article | Claim | Alert | DeadLetter) -> bytes:
    payload = record.to_dict()
    schemas.validate(kind, payload)
    return json.dumps(payload)


def decode_dict(kind: schemas.Kind, data: bytes | None) -> dict[str, Any]:
    """Parse and validate; raises :class:`DecodeError` or :class:`SchemaError`."""
    if data is None:
        raise DecodeError(f"empty {kind} message (a tombstone?)")
    payload = json.loads(data)
    schemas.validate(kind, payload)
    if not isinstance(payload, dict):  # pragma: no cover - the schemas require objects
        raise DecodeError(f"{kind} message is not a JSON object")
    return payload


def decode(kind: schemas.Kind, data: bytes | None, record: type[R]) -> R:
    return record.from_dict(decode_dict(kind, data))
