"""feedparser's 2,248-file corpus through ``newsdesk poll --once --sink stdout``: no crash, no hang.

Runs when ``../shared/corpora/feedparser-tests`` exists beside the checkout (it does in CI);
``bench/feed_corpus.py`` prints the same run's figures for people.
"""

from __future__ import annotations

import os

import pytest

from bench.feed_corpus import DEFAULT_CORPUS, corpus_files, run

pytestmark = [pytest.mark.integration]


def test_every_corpus_file_is_polled_and_accounted_for() -> None:
    if not DEFAULT_CORPUS.is_dir():
        message = f"no corpus at {DEFAULT_CORPUS}"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)  # CI lays ../shared beside the clone: its absence is a failure there
        pytest.skip(message)
    summary = run(DEFAULT_CORPUS, timeout=600)
    assert summary["files"] == len(corpus_files(DEFAULT_CORPUS)) >= 2000
    assert summary["exit_code"] == 0, summary["stderr_tail"]
    assert summary["unaccounted"] == 0, summary["unaccounted_urls"]
    assert summary["yielded_articles"] + summary["no_entries"] + summary["rejected"] == summary["files"]
    # Most of the corpus is well-formed feeds: a parser that silently rejected them would show here.
    assert summary["yielded_articles"] > 1000
    assert set(summary["rejected_by_reason"]) <= {
        "not_a_feed", "bad_encoding", "http_4xx", "bad_redirect", "empty", "parser_error"
    }  # fmt: skip
