"""The Python records and the JSON Schemas in schemas/ describe the same messages."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from newsdesk import schemas
from newsdesk.exceptions import DecodeError, SchemaError
from newsdesk.messages import decode, encode
from newsdesk.records import Alert, Article, Claim, ContextFigure, DeadLetter, Evidence, FigureValue
from newsdesk.utils import json

RECORDS: list[tuple[schemas.Kind, type[Any]]] = [
    ("article", Article),
    ("claim", Claim),
    ("alert", Alert),
    ("deadletter", DeadLetter),
]


@pytest.mark.parametrize(("kind", "record"), RECORDS)
def test_record_fields_are_the_schema_properties(kind: schemas.Kind, record: type[Any]) -> None:
    schema = schemas.load_schema(kind)
    fields = {f.name for f in dataclasses.fields(record)}
    assert fields == set(schema["properties"])
    required = {
        f.name
        for f in dataclasses.fields(record)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    assert required <= set(schema["required"])


@pytest.mark.parametrize(
    ("record", "definition"),
    [(FigureValue, "figure_value"), (ContextFigure, "context_figure")],
)
def test_nested_alert_records_mirror_their_definitions(record: type[Any], definition: str) -> None:
    properties = schemas.load_schema("alert")["$defs"][definition]["properties"]
    assert {f.name for f in dataclasses.fields(record)} == set(properties)


def test_evidence_mirrors_the_claim_schema() -> None:
    properties = schemas.load_schema("claim")["properties"]["evidence"]["properties"]
    assert {f.name for f in dataclasses.fields(Evidence)} == set(properties)


def article(**changes: Any) -> Article:
    base = Article(
        id="a1",
        url="https://example.test/a1",
        title="Title",
        text="Body.",
        published="2025-08-22T12:00:00Z",
        outlet="Example",
        feed="seed:test",
        fetched_at="2025-08-22T12:05:00Z",
    )
    return dataclasses.replace(base, **changes)


def test_encode_decode_round_trip() -> None:
    original = article()
    assert decode("article", encode("article", original), Article) == original


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (b"not json", DecodeError),
        (None, DecodeError),
        (b'{"id": "x"}', SchemaError),
        (json.dumps({**article().to_dict(), "published": "yesterday"}), SchemaError),
        (json.dumps({**article().to_dict(), "id": ""}), SchemaError),
    ],
)
def test_bad_messages_raise_typed_errors(payload: bytes | None, error: type[Exception]) -> None:
    with pytest.raises(error):
        decode("article", payload, Article)


def test_schema_error_names_the_field() -> None:
    with pytest.raises(SchemaError, match="published"):
        schemas.validate("article", {**article().to_dict(), "published": 5})


def test_invalid_claim_enum_is_rejected() -> None:
    claim = {
        "article_id": "a", "sentence": "s", "value": 1, "low": 1, "high": 1, "qualifier": "exact",
        "vague_text": None, "metric": "exploded", "subject": "people", "party": "x", "source": None,
        "official": False, "stance": "reported", "published": None, "figure_key": "x:people:killed",
        "number_text": "1",
    }  # fmt: skip
    assert any("metric" in e for e in schemas.errors("claim", claim))
    claim["metric"] = "killed"
    assert schemas.errors("claim", claim) == []
