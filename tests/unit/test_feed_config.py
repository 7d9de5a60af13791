"""The feeds file: TOML with defaults and per-feed overrides, or one URL per line."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.config import check_poll_settings, feed_id_for, load, parse_duration, slug
from feeds.exceptions import FeedConfigError
from newsdesk.exceptions import SettingsError
from newsdesk.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "data" / "feeds"


def test_toml_feeds_take_defaults_and_overrides() -> None:
    config = load(DATA / "feeds.toml", Settings())
    assert config.allow_private is True
    wire, ministry = config.feeds
    assert (wire.id, wire.outlet, wire.outlet_id) == ("wire-world", "Example Wire (EN)", "example-wire-en")
    assert (wire.interval, wire.min_interval, wire.max_interval) == (600.0, 300.0, 43200.0)
    assert wire.language == "en"
    assert wire.tags == ("wire",)
    assert ministry.id == feed_id_for("https://ministry.example/rss")
    assert ministry.tags == ("government", "fr")
    assert ministry.enabled is False
    assert len(config.problems) == 1
    assert "'url' is required" in config.problems[0]


def test_text_file_is_one_url_per_line(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# wires\nhttps://a.example/rss\n\nhttps://b.example/atom\nhttps://a.example/rss\n")
    config = load(path, Settings(poll_min_interval=30.0))
    assert [f.url for f in config.feeds] == ["https://a.example/rss", "https://b.example/atom"]
    assert config.feeds[0].min_interval == 30.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[feed]]\nurl = 'x'\nintervall = 5\n", "unknown key"),
        ("[surprise]\n", "unknown section"),
        ("[poller]\nallow_private = 'yes'\n", "allow_private"),
        ("[poller]\nallow_private = ['127.0.0.0/8', 'intranet']\n", "'intranet' is not a network"),
        ("not toml = = =", "not valid TOML"),
    ],
)
def test_bad_toml_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    if message == "unknown key":  # a bad [[feed]] is skipped and reported; the rest applies
        assert any(message in p for p in load(path, Settings()).problems)
        return
    with pytest.raises(FeedConfigError, match=message):
        load(path, Settings())


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FeedConfigError, match="cannot read"):
        load(tmp_path / "nope.toml", Settings())


@pytest.mark.parametrize(
    ("value", "seconds"), [(90, 90.0), ("90s", 90.0), ("2m", 120.0), ("1.5h", 5400.0), ("1d", 86400.0)]
)
def test_durations(value: object, seconds: float) -> None:
    assert parse_duration(value, "x") == seconds


@pytest.mark.parametrize("value", ["soon", "-5m", 0, True, "5 weeks"])
def test_bad_durations(value: object) -> None:
    with pytest.raises(FeedConfigError):
        parse_duration(value, "x")


def test_slug_and_feed_ids_are_stable() -> None:
    assert slug("Le Monde — International") == "le-monde-international"
    assert feed_id_for("https://a.example/rss") == feed_id_for(" https://a.example/rss ")
    assert feed_id_for("https://a.example/rss") != feed_id_for("https://a.example/atom")


def test_poll_settings_are_checked() -> None:
    check_poll_settings(Settings())
    with pytest.raises(SettingsError, match="POLL_PER_HOST"):
        check_poll_settings(Settings(poll_per_host=0))
    with pytest.raises(SettingsError, match="MIN_INTERVAL"):
        check_poll_settings(Settings(poll_min_interval=100_000.0))
    with pytest.raises(SettingsError):
        Settings.from_env({"NEWSDESK_POLL_ALLOW_PRIVATE": "maybe"})


def test_full_text_per_feed_and_in_defaults(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(
        "[defaults]\nfulltext = true\n\n"
        "[[feed]]\nurl = 'https://a.example/rss'\n\n"
        "[[feed]]\nurl = 'https://b.example/rss'\nfulltext = false\n\n"
        "[[feed]]\nurl = 'https://c.example/rss'\nfulltext = 'yes'\n"
    )
    config = load(path, Settings())
    assert [f.fulltext for f in config.feeds] == [True, False]
    assert any("fulltext must be true or false" in p for p in config.problems)
    plain = tmp_path / "feeds.txt"
    plain.write_text("https://a.example/rss\n")
    assert load(plain, Settings()).feeds[0].fulltext is None  # follows NEWSDESK_POLL_FULLTEXT


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", True),
        ("false", False),
        ('["127.0.0.1/8", "::1"]', ("127.0.0.0/8", "::1/128")),
        ("[]", ()),
    ],
)
def test_allow_private_is_a_switch_or_a_list_of_networks(
    tmp_path: Path, value: str, expected: object
) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(f"[poller]\nallow_private = {value}\n")
    assert load(path, Settings()).allow_private == expected


def test_full_text_settings_are_checked() -> None:
    with pytest.raises(SettingsError, match="POLL_FULLTEXT_BUDGET"):
        check_poll_settings(Settings(poll_fulltext_budget=0))
    assert Settings.from_env({"NEWSDESK_POLL_FULLTEXT": "true"}).poll_fulltext is True
