"""Seed files and JSON Lines become valid articles, replayed in published order."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.exceptions import SeedError
from feeds.seeds import load_jsonl, load_paths, load_seed
from newsdesk import schemas

ROOT = Path(__file__).resolve().parents[2]
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_e33a1d4c89308a14.txt"


def test_the_first_seed_is_a_byte_for_byte_copy() -> None:
    if not SHARED_SEED.exists():
        pytest.skip("../shared is not beside this checkout")
    assert (ROOT / "seeds" / SHARED_SEED.name).read_bytes() == SHARED_SEED.read_bytes()


def test_seed_folder_replays_as_a_timeline() -> None:
    articles = load_paths([ROOT / "seeds"])
    assert len(articles) >= 4
    published = [a.published for a in articles]
    assert None not in published
    assert published == sorted(published)  # type: ignore[type-var]
    for article in articles:
        assert schemas.errors("article", article.to_dict()) == []
    first_seed = load_seed(ROOT / "seeds" / "000_e33a1d4c89308a14.txt")
    assert first_seed.outlet is None
    assert first_seed.published is not None
    assert first_seed.published.startswith("2025-08-22")  # a Friday in August 2025


def test_jsonl_fills_missing_fields(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(
        '{"text": "Officials said 5 people died.", "published": "2025-03-01T10:00:00+02:00"}\n'
        "\n"
        '{"id": "given", "url": "https://example.test/x", "title": "T", "text": "Body"}\n',
        "utf-8",
    )
    first, second = load_jsonl(path)
    assert first.published == "2025-03-01T08:00:00Z"
    assert first.title == "Officials said 5 people died."
    assert first.feed == "jsonl:articles.jsonl"
    assert len(first.id) == 20
    assert (second.id, second.url, second.published) == ("given", "https://example.test/x", None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"title": "no text"}\n', "text"),
        ("[1, 2]\n", "JSON object"),
        ("{not json\n", "JSON"),
        ('{"text": "x", "published": "last Tuesday"}\n', "ISO 8601"),
    ],
)
def test_bad_jsonl_lines_name_the_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, "utf-8")
    with pytest.raises(SeedError, match=message) as caught:
        load_jsonl(path)
    assert "bad.jsonl:1" in str(caught.value)


def test_unknown_sidecar_fields_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Body", "utf-8")
    (tmp_path / "a.json").write_text('{"publshed": "2025-01-01"}', "utf-8")
    with pytest.raises(SeedError, match="publshed"):
        load_seed(tmp_path / "a.txt")


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="no such file"):
        load_paths([tmp_path / "nope"])
