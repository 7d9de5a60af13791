"""``newsdesk``: the command line. Each sub-command lives in its own module here.

The forms named in the README (``newsdesk worker``, ``newsdesk replay PATH... [--embedded]``,
``newsdesk extract [FILE...]``, ``newsdesk alerts [--follow] [--from-beginning] [--json]``)
are a stable interface that other tools call: extend them, never change what they print.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from newsdesk import __version__
from newsdesk.cli import alerts, extract, figures, poll, replay, settings, web, webhooks, worker
from newsdesk.cli import eval as eval_command
from newsdesk.exceptions import NewsdeskError

COMMANDS = (worker, replay, extract, alerts, figures, web, webhooks, poll, eval_command, settings)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Catch changes in officially acknowledged figures in the news.",
        epilog="Settings come from NEWSDESK_* environment variables (see README).",
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages to stderr")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.run(args))
    except NewsdeskError as exc:
        print(f"newsdesk {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `newsdesk extract | head`: the reader left; that is not an error.
        sys.stderr.close()
        return 0
