"""``newsdesk worker``: run the Faust worker (agents, figure table, web server)."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from newsdesk.settings import Settings


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("worker", help="run the stream processor (Faust worker)")
    parser.add_argument("--loglevel", default=None, help="worker log level (default: NEWSDESK_LOG_LEVEL)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> NoReturn:
    from faust.worker import Worker

    from streams.app import create_app

    settings = Settings.from_env()
    app = create_app(settings)
    worker = Worker(app, loglevel=args.loglevel or settings.log_level, quiet=True)
    worker.execute_from_commandline()  # leaves only through SystemExit, with the worker's exit code
