"""Errors of the streaming side."""

from __future__ import annotations

from newsdesk.exceptions import NewsdeskError


class StreamsError(NewsdeskError):
    """Base of errors raised under ``streams``."""


class TopicError(StreamsError):
    """A topic is missing and cannot be created, or exists with the wrong shape."""

    def __init__(self, message: str, *, retriable: bool = False) -> None:
        super().__init__(message)
        self.retriable = retriable
