"""Validation against the JSON Schema contracts in the repository's ``schemas/`` folder.

Producers validate what they send and consumers what they receive, so a message that
breaks a contract is caught at the edge where it appears, with the path of the bad field.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

import jsonschema
import orjson
from referencing import Registry, Resource

from newsdesk.exceptions import SchemaError, SettingsError

Kind = Literal["article", "claim", "alert", "deadletter"]
KINDS: tuple[Kind, ...] = ("article", "claim", "alert", "deadletter")


def schemas_dir() -> Path:
    """The repository's ``schemas/`` folder (newsdesk is installed editable, from its checkout)."""
    here = Path(__file__).resolve().parent
    candidate = here.parent / "schemas"
    if not (candidate / "article.schema.json").is_file():
        raise SettingsError(
            f"schemas/ not found at {candidate}: install newsdesk from its checkout (pip install -e .)"
        )
    return candidate


def load_schema(kind: Kind) -> dict[str, Any]:
    return _documents()[kind]


@functools.cache
def _documents() -> dict[Kind, dict[str, Any]]:
    folder = schemas_dir()
    return {kind: orjson.loads((folder / f"{kind}.schema.json").read_bytes()) for kind in KINDS}


@functools.cache
def _validator(kind: Kind) -> jsonschema.Draft202012Validator:
    documents = _documents()
    registry: Registry[Any] = Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc)) for doc in documents.values()
    )
    schema = documents[kind]
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


def errors(kind: Kind, message: Any) -> list[str]:
    """Every violation, as ``path: reason`` lines (empty when the message is valid)."""
    found = []
    for error in sorted(_validator(kind).iter_errors(message), key=lambda e: list(e.path)):
        path = "/".join(str(p) for p in error.absolute_path) or "(root)"
        found.append(f"{path}: {error.message}")
    return found


def validate(kind: Kind, message: Any) -> None:
    """Raise :class:`SchemaError` naming the first violation, if any."""
    error = jsonschema.exceptions.best_match(_validator(kind).iter_errors(message))
    if error is not None:
        path = "/".join(str(p) for p in error.absolute_path)
        raise SchemaError(kind, _short(error.message), path)


def is_valid(kind: Kind, message: Any) -> bool:
    return bool(_validator(kind).is_valid(message))


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
