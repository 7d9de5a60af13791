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


class FeedConfigError(FeedError):
    """A feeds file (TOML or URL list) that cannot be read or says something invalid."""


class UnsafeURLError(FeedError):
    """A feed URL (or a redirect target) with a refused scheme or a refused address."""


class FetchError(FeedError):
    """A fetch that gave no usable body. ``kind`` names the failure for logs and metrics.

    ``retry_after`` is the wait the server asked for (429/503), in seconds, when it said;
    ``elapsed`` the seconds from the start of the fetch until the failure was known.
    """

    def __init__(
        self, kind: str, message: str, *, retriable: bool = True, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.retriable = retriable
        self.retry_after = retry_after
        self.elapsed: float | None = None


class ParseError(FeedError):
    """A body that could not be parsed as a feed within the parse limits. ``reason`` is a short tag."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
