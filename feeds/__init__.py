"""Article sources and publishers: seed files today, RSS/Atom pollers as they grow.

Everything here ends in :class:`newsdesk.records.Article` values; publishing them to Kafka
is :mod:`feeds.publisher`'s job, so a source never needs a broker to be tested.
"""
