"""``newsdesk settings [--json]``: every setting, its environment variable, value and meaning.

The meanings are the attribute docstrings in :mod:`newsdesk.settings`, read from its source,
so this list can never drift from the code.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import sys
from dataclasses import fields
from typing import Any

from newsdesk.settings import ENV_PREFIX, Settings
from newsdesk.utils import json


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("settings", help="list every NEWSDESK_* setting with its value and meaning")
    parser.add_argument("--json", action="store_true", help="one JSON object per setting")
    parser.set_defaults(run=run)


def descriptions() -> dict[str, str]:
    """Field name -> the docstring written under it in newsdesk/settings.py ("" when there is none)."""
    import newsdesk.settings as module

    tree = ast.parse(inspect.getsource(module))
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "Settings":
            body = node.body
            # Walk backwards so a run of fields on consecutive lines shares the docstring under
            # its last one ("web_enabled / web_host / web_port").
            following_doc = ""
            following_line = -1
            for index in range(len(body) - 1, -1, -1):
                current = body[index]
                after = body[index + 1] if index + 1 < len(body) else None
                if not (isinstance(current, ast.AnnAssign) and isinstance(current.target, ast.Name)):
                    continue
                if (
                    isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)
                ):
                    doc = " ".join(after.value.value.split())
                elif isinstance(after, ast.AnnAssign) and after.lineno == current.lineno + 1:
                    doc = following_doc if following_line == after.lineno else ""
                else:
                    doc = ""
                found[current.target.id] = doc
                following_doc, following_line = doc, current.lineno
    return found


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    default = Settings()
    meaning = descriptions()
    for spec in fields(Settings):
        variable = ENV_PREFIX + spec.name.upper()
        value = getattr(settings, spec.name)
        row = {
            "variable": variable,
            "value": str(value),
            "default": str(getattr(default, spec.name)),
            "meaning": meaning.get(spec.name, ""),
        }
        if args.json:
            sys.stdout.write(json.dumps(row).decode() + "\n")
        else:
            changed = "" if row["value"] == row["default"] else f"  (default {row['default']})"
            print(f"{variable}={row['value']}{changed}")
            if row["meaning"]:
                print(f"    {row['meaning']}")
    return 0
