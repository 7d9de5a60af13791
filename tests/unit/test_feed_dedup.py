"""Article ids from guids, links or content; new, edited and already seen entries."""

from __future__ import annotations

from dataclasses import replace

from feeds.dedup import (
    SIMILAR,
    Seen,
    article_id,
    content_hash,
    guids_unreliable,
    ids_of,
    link_hash,
    lookup_ids,
    resemblance,
    same_story,
    select,
    sketch,
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


QUAKE = replace(
    ENTRY,
    guid="quake",
    link="https://x.example/news/quake-toll-47",
    title="Quake toll rises to 47",
    text="The Interior Ministry said 47 people were killed when the quake struck before dawn, and "
    "rescuers were still searching the rubble of dozens of collapsed buildings.",
)


def test_a_sketch_tells_an_edit_from_another_story() -> None:
    edited = replace(QUAKE, title="Quake toll rises to 52", text=QUAKE.text.replace("47", "52"))
    grown = replace(QUAKE, text=QUAKE.text + " The government declared three days of mourning.")
    other = replace(QUAKE, title="Police arrest 12", text="Police said 12 people were arrested at the rally.")
    assert len(sketch(QUAKE)) == 32
    assert sketch(QUAKE) == sketch(replace(QUAKE, link="https://elsewhere.example/"))  # words only
    assert resemblance(sketch(QUAKE), sketch(QUAKE)) == 1.0
    assert resemblance(sketch(QUAKE), sketch(edited)) >= SIMILAR
    assert resemblance(sketch(QUAKE), sketch(grown)) >= SIMILAR
    assert resemblance(sketch(QUAKE), sketch(other)) < SIMILAR
    assert not same_story(None, QUAKE)  # seen before sketches were kept: no evidence of an edit


def test_an_edit_that_moves_the_link_is_a_revision_and_a_new_story_is_not() -> None:
    key = article_id(QUAKE, "f", trust_guid=True)
    seen = {key: Seen(content_hash(QUAKE), 0, 100.0, link_hash(QUAKE), sketch(QUAKE))}
    moved = replace(
        QUAKE,
        link="https://x.example/news/quake-toll-52",
        title="Quake toll rises to 52",
        text=QUAKE.text.replace("47", "52"),
    )
    edit = select([moved], "f", trust_guid=True, seen=seen)
    assert not edit.guid_reused
    assert [(c.id, c.revision, c.first_seen) for c in edit.publish] == [(key, 1, 100.0)]
    recycled = replace(
        QUAKE, link="https://x.example/news/police", title="Police arrest 12", text="Police held 12 people."
    )
    assert select([recycled], "f", trust_guid=True, seen=seen).guid_reused
    unsketched = {key: Seen(content_hash(QUAKE), 0, 100.0, link_hash(QUAKE))}
    assert select([moved], "f", trust_guid=True, seen=unsketched).guid_reused  # as before sketches
