"""Seed articles from files: ``.txt`` files with JSON sidecars, and ``.jsonl`` files of articles.

A seed ``NAME.txt`` holds the article text as published; ``NAME.json`` beside it holds what
the text does not say (title, published time, outlet, URL, notes). A ``.jsonl`` file holds
one article per line with the fields of ``schemas/article.schema.json``; missing fields are
derived (id from the URL or the content, title from the first line). Replays go in
published order, undated articles last.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from feeds.exceptions import SeedError
from newsdesk import schemas
from newsdesk.exceptions import DecodeError, SchemaError
from newsdesk.records import Article
from newsdesk.utils import json
from newsdesk.utils.ids import stable_id
from newsdesk.utils.timeutil import normalise_iso, to_iso, utcnow

SIDECAR_FIELDS = frozenset({"id", "title", "published", "outlet", "url", "feed", "note", "synthetic"})


def load_paths(paths: Iterable[str | Path], *, order: str = "published") -> list[Article]:
    """Articles from files and folders, in replay order.

    ``order="published"`` sorts by published time (undated last, ties in path order);
    ``order="given"`` keeps path and line order, so a test can make an old article arrive late.
    """
    articles: list[tuple[int, Article]] = []
    for path in _expand(paths):
        if path.suffix == ".jsonl":
            articles.extend((len(articles), a) for a in load_jsonl(path))
        else:
            articles.append((len(articles), load_seed(path)))
    if order == "published":
        articles.sort(key=lambda item: (item[1].published is None, item[1].published or "", item[0]))
    return [article for _, article in articles]


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in {".txt", ".jsonl"} and p.is_file()))
        elif path.is_file():
            if path.suffix not in {".txt", ".jsonl"}:
                raise SeedError(f"{path}: expected a .txt seed or a .jsonl file of articles")
            found.append(path)
        else:
            raise SeedError(f"{path}: no such file or folder")
    return found


def load_seed(path: Path) -> Article:
    """One ``.txt`` seed and its optional ``.json`` sidecar."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"{path}: cannot read: {exc}") from exc
    meta = _sidecar(path.with_suffix(".json"))
    title = meta.get("title") or next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    try:
        published = normalise_iso(meta.get("published"))
    except ValueError as exc:
        raise SeedError(f"{path.with_suffix('.json')}: published is not ISO 8601: {exc}") from exc
    article = Article(
        id=meta.get("id") or f"seed-{path.stem}",
        url=meta.get("url"),
        title=title,
        text=text,
        published=published,
        outlet=meta.get("outlet"),
        feed=meta.get("feed") or f"seed:{path.name}",
        fetched_at=to_iso(utcnow()),
    )
    _check(article, path)
    return article


def _sidecar(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        meta = json.loads(path.read_bytes())
    except (OSError, DecodeError) as exc:
        raise SeedError(f"{path}: {exc}") from exc
    if not isinstance(meta, dict):
        raise SeedError(f"{path}: expected a JSON object")
    unknown = set(meta) - SIDECAR_FIELDS
    if unknown:
        raise SeedError(f"{path}: unknown field(s) {sorted(unknown)}; known: {sorted(SIDECAR_FIELDS)}")
    return meta


def load_jsonl(path: Path) -> list[Article]:
    articles = []
    try:
        lines = path.read_bytes().splitlines()
    except OSError as exc:
        raise SeedError(f"{path}: cannot read: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except DecodeError as exc:
            raise SeedError(f"{path}:{number}: {exc}") from exc
        if not isinstance(data, dict):
            raise SeedError(f"{path}:{number}: expected a JSON object")
        articles.append(article_from_dict(data, default_feed=f"jsonl:{path.name}", where=f"{path}:{number}"))
    return articles


def article_from_dict(
    data: dict[str, Any], *, default_feed: str | None = None, where: str = "input"
) -> Article:
    """An article from a possibly partial dict: fills derivable fields, then validates."""
    text = data.get("text")
    if not isinstance(text, str):
        raise SeedError(f"{where}: an article needs a 'text' string")
    url = data.get("url")
    title = data.get("title")
    if not isinstance(title, str):
        title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    try:
        published = normalise_iso(data.get("published"))
        fetched_at = normalise_iso(data.get("fetched_at")) or to_iso(utcnow())
    except (ValueError, AttributeError) as exc:
        raise SeedError(f"{where}: a timestamp is not ISO 8601: {exc}") from exc
    article = Article(
        id=data.get("id") or (stable_id(url) if url else stable_id(title, text)),
        url=url,
        title=title,
        text=text,
        published=published,
        outlet=data.get("outlet"),
        feed=data.get("feed") or default_feed,
        fetched_at=fetched_at,
    )
    _check(article, where)
    return article


def _check(article: Article, where: object) -> None:
    try:
        schemas.validate("article", article.to_dict())
    except SchemaError as exc:
        raise SeedError(f"{where}: {exc}") from exc
