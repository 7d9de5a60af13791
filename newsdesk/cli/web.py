"""``newsdesk web [--host H] [--port P]``: the live alert board in the browser.

It reads the alerts topic and the figure table's changelog with its own consumers (no group,
nothing committed), keeps the newest alerts and the figures' histories in memory, and serves
the board, a JSON API and a live stream. The address
is printed on stderr once it listens (``--port 0`` takes any free port).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from typing import Any

from newsdesk.settings import Settings


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("web", help="serve the live alert board")
    parser.add_argument("--host", default=None, help="address to bind (default: NEWSDESK_BOARD_HOST)")
    parser.add_argument(
        "--port", type=int, default=None, help="port (default: NEWSDESK_BOARD_PORT; 0 for any free port)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsdesk.exceptions import SettingsError

    settings = Settings.from_env()
    port = settings.board_port if args.port is None else args.port
    if not 0 <= port <= 65535:
        raise SettingsError(f"port {port} is out of range")
    if settings.board_max_alerts < 1:
        raise SettingsError("NEWSDESK_BOARD_MAX_ALERTS must be at least 1")
    if settings.board_max_figures < 1:
        raise SettingsError("NEWSDESK_BOARD_MAX_FIGURES must be at least 1")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(settings, args.host, port))
    return 0


async def _serve(settings: Settings, host: str | None, port: int) -> None:
    from newsdesk.board.server import serve

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    def announce(url: str) -> None:
        print(
            f"newsdesk web: board on {url} (alerts from {settings.topic_alerts})", file=sys.stderr, flush=True
        )

    await serve(settings, stop, host=host, port=port, on_listening=announce)
