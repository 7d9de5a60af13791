"""Webhooks: each subscription gets the alerts its filters match, POSTed as signed JSON.

``config`` (the TOML file), ``payload`` (body and Slack-compatible text), ``signing`` (HMAC)
and ``retry`` (which answers to retry, and when) are plain functions with no I/O; ``delivery``
(aiohttp) and ``runner`` (aiokafka: one consumer group per subscription) are the thin edges.
"""
