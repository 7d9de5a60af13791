"""The orjson codec, registered with Faust as ``"orjson"``."""

from __future__ import annotations

from typing import Any

from faust.serializers import codecs

from newsdesk.utils import json

NAME = "orjson"


class OrjsonCodec(codecs.Codec):
    """JSON through orjson: several times faster than the standard library, same bytes on the wire."""

    def _dumps(self, obj: Any) -> bytes:
        return json.dumps(obj)

    def _loads(self, s: bytes) -> Any:
        return json.loads(s)


def register() -> None:
    """Make ``value_serializer="orjson"`` available (idempotent)."""
    codecs.register(NAME, OrjsonCodec())
