"""Every setting comes from one frozen object and one environment prefix."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.exceptions import SettingsError
from newsdesk.settings import Settings


def test_defaults_name_the_four_topics() -> None:
    s = Settings.from_env({})
    assert (s.topic_articles, s.topic_claims, s.topic_alerts, s.topic_deadletter) == (
        "news.articles",
        "news.claims",
        "news.alerts",
        "news.deadletter",
    )
    assert s.bootstrap_servers == ["127.0.0.1:9092"]


def test_environment_overrides_with_types() -> None:
    s = Settings.from_env(
        {
            "NEWSDESK_BROKER": "kafka://a:1, b:2",
            "NEWSDESK_PARTITIONS": "8",
            "NEWSDESK_WEB_ENABLED": "false",
            "NEWSDESK_DATA_DIR": "/tmp/x",
            "NEWSDESK_PRODUCE_TIMEOUT": "2.5",
            "NEWSDESK_TOPIC_ALERTS": "desk.alerts",
            "UNRELATED": "ignored",
        }
    )
    assert s.bootstrap_servers == ["a:1", "b:2"]
    assert s.faust_broker == "kafka://a:1;kafka://b:2"
    assert s.partitions == 8
    assert s.web_enabled is False
    assert s.data_dir == Path("/tmp/x")
    assert s.produce_timeout == 2.5
    assert s.topic_alerts == "desk.alerts"


@pytest.mark.parametrize(
    "env",
    [
        {"NEWSDESK_PARTITIONS": "many"},
        {"NEWSDESK_PARTITIONS": "0"},
        {"NEWSDESK_WEB_ENABLED": "perhaps"},
        {"NEWSDESK_TOPIC_CLAIMS": "news.articles"},
        {"NEWSDESK_BROKR": "typo:9092"},
        {"NEWSDESK_BROKER": " , "},
    ],
)
def test_bad_values_are_clear_errors(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError):
        Settings.from_env(env)


def test_settings_are_frozen() -> None:
    s = Settings.from_env({})
    with pytest.raises(AttributeError):
        s.partitions = 3  # type: ignore[misc]
    assert s.replace(partitions=3).partitions == 3


def test_every_setting_has_a_meaning_and_is_in_the_readme() -> None:
    from newsdesk.cli.settings import descriptions

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    meanings = descriptions()
    for variable, _ in Settings.documented():
        field = variable.removeprefix("NEWSDESK_").lower()
        assert meanings.get(field), f"{field} has no docstring in newsdesk/settings.py"
        assert f"`{variable}`" in readme, f"{variable} is missing from README's Settings table"
