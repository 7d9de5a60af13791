"""``newsdesk eval [PATH...] [--verbose] [--json]``: score extraction against an annotated set.

Prints precision, recall and F1 on (metric, number), the accuracy of ``official``, the
qualifier, stance, superseded flag, party and subject on the figures found, and the claims
that landed on distractors. ``--verbose`` lists every disagreement with its sentence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

DEFAULT_SET = Path("tests/data/devset")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "eval", help="score claim extraction on an annotated development set (JSON Lines)"
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        type=Path,
        help=f".jsonl files or folders of them (default: {DEFAULT_SET})",
    )
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsdesk.extraction import evaluation
    from newsdesk.utils import json

    examples = evaluation.load(args.paths or [DEFAULT_SET])
    report = evaluation.evaluate(examples)
    if args.json:
        sys.stdout.buffer.write(json.dumps_line(report.to_dict()))
        return 0
    lines = evaluation.summary(report)
    if args.verbose:
        lines += ["", *evaluation.details(report)]
    print("\n".join(lines))
    return 0
