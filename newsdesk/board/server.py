"""Run the board: the alerts feed, the figure changelog feed and the web server in one loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from aiohttp import web

from newsdesk.board.app import create_app
from newsdesk.board.changelog import FigureFeed
from newsdesk.board.exceptions import BoardError
from newsdesk.board.feed import AlertFeed
from newsdesk.board.figures import FigureStore
from newsdesk.board.hub import Hub
from newsdesk.board.view import AlertView
from newsdesk.settings import Settings

log = logging.getLogger(__name__)


async def serve(
    settings: Settings,
    stop: asyncio.Event,
    *,
    host: str | None = None,
    port: int | None = None,
    on_listening: Callable[[str], None] = lambda url: None,
) -> None:
    view = AlertView(settings.board_max_alerts)
    hub = Hub()
    feed = AlertFeed(settings, view, hub)
    store = FigureStore(settings.board_max_figures)
    figures = FigureFeed(settings, store, hub)
    app = create_app(
        view,
        hub,
        status=lambda: {
            "topic": settings.topic_alerts,
            **feed.status.to_dict(),
            "figures": {"topic": figures.topic, **figures.status.to_dict()},
        },
        heartbeat=settings.board_heartbeat,
        figures=store,
    )
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=5.0)
    await runner.setup()
    bind_host = host or settings.board_host
    bind_port = settings.board_port if port is None else port
    site = web.TCPSite(runner, bind_host, bind_port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        raise BoardError(f"cannot listen on {bind_host}:{bind_port}: {exc}") from exc
    follow = [
        asyncio.create_task(feed.run(), name="board-feed"),
        asyncio.create_task(figures.run(), name="board-figures"),
    ]
    try:
        on_listening(_url(site, bind_host))
        await stop.wait()
    finally:
        for task in follow:
            task.cancel()
        for task in follow:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await runner.cleanup()


def _url(site: web.TCPSite, host: str) -> str:
    server = site._server  # the bound socket tells the real port when 0 was asked for
    sockets = getattr(server, "sockets", None) or []
    port = sockets[0].getsockname()[1] if sockets else site._port
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"
