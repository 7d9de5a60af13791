"""Webhooks: each subscription gets the alerts its filters match, POSTed as signed JSON.

``config`` (the TOML file), ``payload`` (body and Slack-compatible text), ``signing`` (HMAC),
``retry`` (which answers to retry, and when) and the choices of ``redeliver`` are plain
functions with no I/O; ``lanes`` (one in-order lane per owned partition, with its hand-over)
needs only asyncio; ``delivery`` (aiohttp) and ``runner`` (aiokafka: one consumer-group member
per subscription, shared by every process running the same file) are the thin edges.
"""
