"""orjson in one place: every byte that crosses a topic, a file or stdout goes through here."""

from __future__ import annotations

from typing import Any

import orjson

from newsdesk.exceptions import DecodeError

_OPTIONS = orjson.OPT_NON_STR_KEYS


def dumps(obj: Any) -> bytes:
    """Serialise to compact UTF-8 JSON bytes."""
    return orjson.dumps(obj, option=_OPTIONS)


def dumps_line(obj: Any) -> bytes:
    """Serialise to one JSON line (newline-terminated), for JSON Lines output."""
    return orjson.dumps(obj, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE)


def dumps_pretty(obj: Any) -> bytes:
    return orjson.dumps(obj, option=_OPTIONS | orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)


def loads(data: bytes | bytearray | memoryview | str) -> Any:
    """Parse JSON; malformed input raises :class:`DecodeError` carrying the parser's reason."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise DecodeError(f"not valid JSON: {exc}") from exc
