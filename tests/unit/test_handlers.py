"""What the agents do to one message: claims out, alerts out, or a dead letter with the reason."""

from __future__ import annotations

from newsdesk import schemas
from newsdesk.extraction import Extractor
from newsdesk.records import Article
from newsdesk.utils import json
from streams.handlers import Failure, dead_letter, handle_article, handle_claim

ARTICLE = Article(
    id="a1",
    url="https://example.test/a1",
    title="Toll rises",
    text="The Interior Ministry of Turkey said 47 people were killed in the earthquake.",
    published="2025-02-06T10:00:00Z",
    outlet=None,
    feed=None,
    fetched_at="2025-02-06T10:05:00Z",
)


def test_article_to_claims_keyed_by_figure() -> None:
    outcome = handle_article(json.dumps(ARTICLE.to_dict()), Extractor())
    assert outcome.failure is None
    assert len(outcome.claims) == 1
    key, value = outcome.claims[0]
    claim = json.loads(value)
    assert key == claim["figure_key"].encode() == b"turkey:people:killed"
    assert schemas.errors("claim", claim) == []


def test_bad_article_bytes_fail_at_decode_and_validate() -> None:
    assert (failure := handle_article(b"{oops", Extractor()).failure) is not None
    assert failure.stage == "decode"
    assert (failure := handle_article(b'{"id": "x"}', Extractor()).failure) is not None
    assert failure.stage == "validate"


def test_claim_to_state_and_alert() -> None:
    _, value = handle_article(json.dumps(ARTICLE.to_dict()), Extractor()).claims[0]
    outcome = handle_claim(value, None)
    assert outcome.failure is None
    assert outcome.key == "turkey:people:killed"
    assert [a.kind for a in outcome.alerts] == ["first"]
    assert schemas.errors("alert", json.loads(outcome.encoded_alerts[0])) == []
    # The same claim again, against the stored state: no second alert.
    again = handle_claim(value, outcome.state)
    assert again.failure is None
    assert again.alerts == []


def test_corrupt_stored_state_is_a_track_failure() -> None:
    _, value = handle_article(json.dumps(ARTICLE.to_dict()), Extractor()).claims[0]
    outcome = handle_claim(value, {"not": "a state"})
    assert outcome.failure is not None
    assert outcome.failure.stage == "track"


def test_dead_letter_keeps_the_payload_and_says_why() -> None:
    letter = dead_letter(
        Failure("decode", ValueError("bad bytes")),
        topic="t",
        partition=1,
        offset=7,
        key=b"k",
        value=b"\xff\x00",
    )
    data = letter.to_dict()
    assert schemas.errors("deadletter", data) == []
    assert (data["id"], data["key"], data["payload_encoding"], data["reason"]) == (
        "t/1/7",
        "k",
        "base64",
        "bad bytes",
    )
