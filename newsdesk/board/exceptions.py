"""Errors of the board (alert filters have theirs in :mod:`newsdesk.alertfilter`)."""

from __future__ import annotations

from newsdesk.exceptions import NewsdeskError


class BoardError(NewsdeskError):
    """Base of errors raised under ``newsdesk.board``."""
