"""The live alert board: a bounded in-memory view of the alerts topic, served to browsers.

``filters``, ``present``, ``timeline`` and ``view`` are plain Python (no Kafka, no aiohttp) so
what the board shows is unit-tested without a broker; ``feed`` (aiokafka) and ``app`` (aiohttp)
are the thin edges that fill the view and serve it.
"""
