"""Errors of the feed side: sources that cannot be read, and articles the broker did not take."""

from __future__ import annotations

from newsdesk.exceptions import NewsdeskError


class FeedError(NewsdeskError):
    """Base of errors raised under ``feeds``."""


class SeedError(FeedError):
    """A seed file, sidecar or JSON Lines file that cannot be turned into articles."""


class PublishError(FeedError):
    """The broker did not acknowledge an article. ``retriable`` says whether to try again."""

    def __init__(self, message: str, *, retriable: bool) -> None:
        super().__init__(message)
        self.retriable = retriable
