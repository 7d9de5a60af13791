"""Article ids from guids, links or content; new, edited and already seen entries."""

from __future__ import annotations

from dataclasses import replace

from feeds.dedup import (
    Seen,
    article_id,
    content_hash,
    guids_unreliable,
    ids_of,
    link_hash,
    lookup_ids,
    select,
)
from feeds.parse import ParsedEntry

ENTRY = ParsedEntry(
    guid="abc-1",
    link="https://x.example/a",
    title="T",
    text="Body",
    published=None,
    updated=None,
    language=None,
)


def test_guid_then_link_then_content() -> None:
    by_guid = article_id(ENTRY, "feed-1", trust_guid=True)
    assert by_guid.startswith("g-")
    assert by_guid != article_id(ENTRY, "feed-2", trust_guid=True)  # plain guids are per feed
    by_link = article_id(ENTRY, "feed-1", trust_guid=False)
    assert by_link.startswith("u-")
    assert by_link == article_id(ENTRY, "feed-2", trust_guid=False)  # one URL, one article
    assert article_id(replace(ENTRY, guid=None, link=None), "f", trust_guid=True).startswith("c-")


def test_a_url_guid_counts_as_a_url_across_feeds() -> None:
    entry = replace(ENTRY, guid="https://x.example/a?utm_medium=rss")
    assert article_id(entry, "f1", trust_guid=True) == article_id(entry, "f2", trust_guid=True)
    assert article_id(entry, "f1", trust_guid=True) == article_id(ENTRY, "f1", trust_guid=False)


def test_one_guid_on_different_entries_is_detected_and_kept_apart() -> None:
    entries = [replace(ENTRY, link=f"https://x.example/{i}", title=f"T{i}") for i in range(3)]
    assert guids_unreliable(entries)
    assert not guids_unreliable([ENTRY, ENTRY])
    assert len(set(ids_of(entries, "f", trust_guid=True))) == 3
    # Same guid and same link, different stories: content ids keep them apart too.
    same_link = [replace(ENTRY, title=f"T{i}") for i in range(3)]
    assert len(set(ids_of(same_link, "f", trust_guid=False))) == 3


def test_select_new_edited_and_unchanged() -> None:
    edited = replace(ENTRY, guid="abc-2", text="Changed body")
    old = replace(edited, text="Old body")
    fresh = replace(ENTRY, guid="abc-3")
    seen = {
        article_id(ENTRY, "f", trust_guid=True): Seen(content_hash(ENTRY), 0, 100.0),
        article_id(edited, "f", trust_guid=True): Seen(content_hash(old), 2, 50.0),
    }
    selection = select([ENTRY, edited, fresh, fresh], "f", trust_guid=True, seen=seen)
    assert selection.unchanged == [article_id(ENTRY, "f", trust_guid=True)]
    assert [(c.entry.guid, c.revision, c.first_seen) for c in selection.publish] == [
        ("abc-2", 3, 50.0),
        ("abc-3", 0, None),
    ]
    assert not selection.guid_reused


def test_a_guid_reused_for_another_story_is_noticed() -> None:
    key = article_id(ENTRY, "f", trust_guid=True)
    seen = {key: Seen(content_hash(ENTRY), 0, 1.0, link_hash(ENTRY))}
    same_link_edit = replace(ENTRY, text="Edited body")
    assert not select([same_link_edit], "f", trust_guid=True, seen=seen).guid_reused
    other_story = replace(ENTRY, link="https://x.example/other", title="Other", text="Other body")
    assert select([other_story], "f", trust_guid=True, seen=seen).guid_reused


def test_distrusting_guids_does_not_republish_what_was_sent() -> None:
    sent = article_id(ENTRY, "f", trust_guid=True)
    seen = {sent: Seen(content_hash(ENTRY), 0, 1.0)}
    other = replace(ENTRY, link="https://x.example/b", title="B")
    assert sent in lookup_ids([ENTRY, other], "f", trust_guid=False)
    selection = select([ENTRY, other], "f", trust_guid=False, seen=seen)
    assert selection.unchanged == [sent]
    assert [c.entry.title for c in selection.publish] == ["B"]
