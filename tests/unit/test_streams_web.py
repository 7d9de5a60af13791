"""Pure parts of the worker's API: the `since` parameter and the public figure shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from streams.figures import figure_matches, public_figure
from streams.web import _since


def test_since_accepts_iso_and_durations() -> None:
    assert _since("2025-08-22T12:00:00Z") == datetime(2025, 8, 22, 12, tzinfo=UTC)
    assert abs(_since("90m") - (datetime.now(UTC) - timedelta(minutes=90))) < timedelta(seconds=5)
    assert abs(_since(None) - (datetime.now(UTC) - timedelta(hours=24))) < timedelta(seconds=5)
    with pytest.raises(ValueError, match="duration"):
        _since("a while ago")


def test_public_figure_hides_delivery_bookkeeping() -> None:
    stored = {"key": "k", "party": "Chile", "metric": "killed", "pending": [{"id": "x"}]}
    assert "pending" not in public_figure(stored)
    assert figure_matches(stored, party="chile", metric="killed")
    assert not figure_matches(stored, party="Peru")
    assert not figure_matches(stored, metric="injured")
