"""The Faust application: configuration from :class:`Settings`, topics created before subscribing."""

from __future__ import annotations

import logging
from typing import Any

import faust

from newsdesk.settings import Settings
from streams import codec
from streams.admin import ensure_topics

log = logging.getLogger(__name__)


class NewsdeskApp(faust.App):
    """A Faust app that creates newsdesk's topics on first start, before its consumer subscribes."""

    newsdesk_settings: Settings

    def _new_transport(self) -> Any:
        # Faust picks its transport from the broker URL; ours fixes the seek after a rebalance.
        from streams.transport import Transport

        if self.conf.broker_consumer[0].scheme not in Transport.schemes:
            return super()._new_transport()
        return Transport(self.conf.broker_consumer, self)

    async def on_first_start(self) -> None:
        await super().on_first_start()
        created = await ensure_topics(self.newsdesk_settings)
        if created:
            log.info("newsdesk: created topics %s", ", ".join(created))


def create_app(settings: Settings, **overrides: Any) -> NewsdeskApp:
    """Build the app and register its agents. ``overrides`` go to Faust (tests use ``store="memory://"``)."""
    from streams.agents import register_agents

    codec.register()
    # Faust creates only the last folder of its data directory; a fresh path needs its parents.
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {
        "broker": settings.faust_broker,
        "store": settings.store,
        "datadir": str(settings.data_dir),
        "topic_partitions": settings.partitions,
        "topic_replication_factor": settings.replication_factor,
        "topic_allow_declare": True,
        "topic_disable_leader": True,
        "web_enabled": settings.web_enabled,
        "web_bind": settings.web_bind or settings.web_host,
        "web_host": settings.web_host,
        "web_port": settings.web_port,
        "producer_acks": -1,
        "broker_session_timeout": settings.session_timeout,
        "broker_heartbeat_interval": min(3.0, settings.session_timeout / 3),
        "consumer_auto_offset_reset": "earliest",
        "processing_guarantee": "at_least_once",
        "autodiscover": False,
        "key_serializer": "raw",
        "value_serializer": "raw",
    }
    options.update(overrides)
    app = NewsdeskApp(settings.app_id, **options)
    app.newsdesk_settings = settings
    streams = register_agents(app, settings)
    if settings.web_enabled:
        from streams.web import register_views

        register_views(app, settings, streams)
    return app
