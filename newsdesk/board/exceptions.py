"""Errors of the board and of alert filters (shared by the board, webhooks and ``newsdesk alerts``)."""

from __future__ import annotations

from newsdesk.exceptions import NewsdeskError


class BoardError(NewsdeskError):
    """Base of errors raised under ``newsdesk.board``."""


class FilterError(BoardError):
    """A filter names a metric, kind or severity that alerts never have."""
