"""``newsdesk extract [FILE...]``: articles as JSON lines in, every claim as one JSON line out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from newsdesk.utils import json


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("extract", help="extract claims from articles (JSON lines) to stdout")
    parser.add_argument("files", nargs="*", metavar="FILE", help="JSON Lines of articles (default: stdin)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from feeds.seeds import article_from_dict
    from newsdesk.exceptions import DecodeError
    from newsdesk.extraction import Extractor

    extractor = Extractor()
    out = sys.stdout.buffer
    failures = 0
    for where, line in _lines(args.files):
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise DecodeError("expected a JSON object")
            article = article_from_dict(data, where=where)
        except Exception as exc:  # noqa: BLE001 - a bad line is reported and skipped, never fatal
            failures += 1
            print(f"newsdesk extract: {where}: skipped: {exc}", file=sys.stderr)
            continue
        for claim in extractor.extract(article):
            out.write(json.dumps_line(claim.to_dict()))
        out.flush()
    return 1 if failures else 0


def _lines(files: list[str]) -> Iterator[tuple[str, bytes]]:
    sources: list[tuple[str, BinaryIO]] = []
    if not files:
        sources.append(("stdin", sys.stdin.buffer))
    for name in files:
        sources.append((name, Path(name).open("rb")))  # noqa: SIM115 - closed below
    for name, handle in sources:
        try:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield f"{name}:{number}", line
        finally:
            if handle is not sys.stdin.buffer:
                handle.close()
