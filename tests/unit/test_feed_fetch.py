"""Streaming decompression under a cap, and the HTTP header helpers."""

from __future__ import annotations

import gzip
import zlib
from datetime import UTC, datetime

import pytest

from feeds.exceptions import FetchError
from feeds.fetch import BodyDecoder, max_age, retry_after, user_agent


def feed_in_chunks(decoder: BodyDecoder, data: bytes, size: int = 4096) -> bytes:
    for start in range(0, len(data), size):
        decoder.feed(data[start : start + size])
    return decoder.finish()


def test_gzip_and_both_kinds_of_deflate_decode() -> None:
    body = b"<rss>" + b"x" * 100_000 + b"</rss>"
    assert feed_in_chunks(BodyDecoder("gzip", 1_000_000), gzip.compress(body)) == body
    assert feed_in_chunks(BodyDecoder("deflate", 1_000_000), zlib.compress(body)) == body
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert feed_in_chunks(BodyDecoder("deflate", 1_000_000), raw.compress(body) + raw.flush()) == body
    assert feed_in_chunks(BodyDecoder("identity", 1_000_000), body) == body


def test_a_bomb_stops_at_the_cap_without_inflating_it() -> None:
    bomb = gzip.compress(b"\0" * 500_000_000)
    decoder = BodyDecoder("gzip", 1_000_000)
    with pytest.raises(FetchError) as caught:
        feed_in_chunks(decoder, bomb)
    assert caught.value.kind == "too_large"
    assert sum(len(p) for p in decoder._parts) <= 1_000_000


def test_an_identity_body_over_the_cap_is_refused() -> None:
    with pytest.raises(FetchError, match="cap"):
        feed_in_chunks(BodyDecoder("", 1000), b"x" * 2000)


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress"])
def test_unknown_encodings_are_refused(encoding: str) -> None:
    with pytest.raises(FetchError) as caught:
        BodyDecoder(encoding, 1000)
    assert caught.value.kind == "bad_encoding"


def test_a_body_that_is_not_gzip_is_a_clear_error() -> None:
    with pytest.raises(FetchError) as caught:
        feed_in_chunks(BodyDecoder("gzip", 1000), b"<rss>plain</rss>")
    assert caught.value.kind == "bad_encoding"


def test_retry_after_and_max_age() -> None:
    now = datetime(2025, 9, 3, 10, 0, 0, tzinfo=UTC)
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 03 Sep 2025 11:00:00 GMT", now=now) == 3600.0
    assert retry_after("Wed, 03 Sep 2025 09:00:00 GMT", now=now) == 0.0
    assert retry_after("soon") is None
    assert retry_after(None) is None
    assert max_age("public, max-age=300") == 300.0
    assert max_age("no-cache") is None


def test_user_agent_names_the_project_and_the_contact() -> None:
    assert user_agent("").startswith("newsdesk/")
    assert user_agent("mailto:desk@example.org").endswith("+mailto:desk@example.org)")
