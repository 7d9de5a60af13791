"""The live alert board: bounded in-memory views of the alerts topic and the figure table, served.

``present``, ``timeline``, ``view`` and ``figures`` are plain Python (no Kafka, no aiohttp) so
what the board shows is unit-tested without a broker; ``feed`` and ``changelog`` (aiokafka) and
``app`` (aiohttp) are the thin edges that fill the views and serve them. The alert filter it
shares with webhooks and ``newsdesk alerts`` is :mod:`newsdesk.alertfilter`.
"""
