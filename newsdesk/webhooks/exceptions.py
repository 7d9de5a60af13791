"""Errors of webhook delivery."""

from __future__ import annotations

from newsdesk.exceptions import NewsdeskError


class WebhookError(NewsdeskError):
    """Base of errors raised under ``newsdesk.webhooks``."""


class ConfigError(WebhookError):
    """The subscriptions file cannot be read or names something invalid."""


class DeadLetterError(WebhookError):
    """The broker did not take a dead letter; the alert stays uncommitted and is tried again."""

    retriable = True
