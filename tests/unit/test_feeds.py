"""Feeds: stable ids, content dates, self links, languages, cancellations."""

import dataclasses
import json
from datetime import UTC, datetime

import feedparser

from plaza.publishing.feeds import FeedBuilder, FeedGroup, FeedInfo
from plaza.time.schedule import Schedule

SPANISH = {"Cancelled: %(title)s": "Cancelado: %(title)s", "Updates": "Novedades"}


def builder(tree, lang="en", changed=None):
    site = dataclasses.replace(tree.load(), changed=changed or {})
    return FeedBuilder(site, Schedule.of(site), lang, lambda t: SPANISH.get(t, t),
                       lambda code: {"en": "inglés"}.get(code, code))


def write_events(tree):
    tree.write("events/first.md", "---\ntitle: First\nstart: 2026-12-03 18:00\n---\nSee "
               "[about](/about/).\n")
    # A BEL control character in the body (in a title it is refused: test_validation.py).
    tree.write("events/second.md", '---\ntitle: "Second bell"\nstart: 2026-12-04 18:00\n'
               "status: cancelled\n---\nRing\x07 ring.\n")
    tree.write("events/first.es.md", "---\ntitle: Primero\n---\n")


CHANGED = {"content/events/first.md": datetime(2026, 5, 1, tzinfo=UTC),
           "content/events/first.es.md": datetime(2026, 5, 2, tzinfo=UTC),
           "content/events/second.md": datetime(2026, 6, 1, tzinfo=UTC)}


def test_rss_channel_link_self_link_guid_and_dates(tree):
    write_events(tree)
    data = builder(tree, changed=CHANGED).feed(FeedInfo(FeedGroup.UPDATES, "", "Updates"), "rss")
    text = data.decode()
    assert "<link>https://example.org/</link>" in text
    assert '<atom:link href="https://example.org/feeds/updates.rss" rel="self"/>' in text
    assert '<guid isPermaLink="false">urn:uuid:' in text
    assert "<lastBuildDate>Mon, 01 Jun 2026 00:00:00 +0000</lastBuildDate>" in text
    assert "<language>en</language>" in text
    assert "<dc:creator>Test Org</dc:creator>" in text
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0


def test_atom_declares_language_author_and_orders_newest_first(tree):
    write_events(tree)
    data = builder(tree, "es", CHANGED).feed(FeedInfo(FeedGroup.UPDATES, "", "Updates"), "atom")
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert 'xml:lang="es"' in data.decode()
    assert parsed.feed.author == "Test Org"
    assert parsed.feed.title == "Test Coalition: Novedades"
    assert [e.title for e in parsed.entries] == ["Cancelado: Second bell (inglés)", "Primero"]
    assert parsed.feed.updated == "2026-06-01T00:00:00+00:00"


def test_control_characters_are_stripped_and_urls_made_absolute(tree):
    write_events(tree)
    data = builder(tree, changed=CHANGED).feed(FeedInfo(FeedGroup.UPDATES, "", "Updates"), "atom")
    assert b"\x07" not in data
    entry = next(e for e in feedparser.parse(data).entries if e.title == "First")
    assert 'href="https://example.org/about/"' in entry.content[0].value


def test_ids_are_stable_and_a_cancellation_is_a_new_entry(tree):
    write_events(tree)
    first = builder(tree, changed=CHANGED)
    ids = {e.item.id: e.id for e in first.entries_for("updates")}
    again = {e.item.id: e.id for e in builder(tree, changed=CHANGED).entries_for("updates")}
    assert ids == again
    tree.write("events/second.md", "---\ntitle: Second\nstart: 2026-12-04 18:00\n---\n")
    confirmed = {e.item.id: e.id for e in builder(tree, changed=CHANGED).entries_for("updates")}
    assert confirmed["first"] == ids["first"]
    assert confirmed["second"] != ids["second"]


def test_feed_bytes_do_not_depend_on_the_clock(tree):
    write_events(tree)
    one = builder(tree, changed=CHANGED).feed(FeedInfo(FeedGroup.UPDATES, "", "Updates"), "rss")
    two = builder(tree, changed=CHANGED).feed(FeedInfo(FeedGroup.UPDATES, "", "Updates"), "rss")
    assert one == two


def test_events_json_lists_occurrences_with_offsets(tree):
    tree.write("events/weekly.md", "---\ntitle: W\nstart: 2027-03-04 18:00\nduration: 1h\n"
               "repeat: FREQ=WEEKLY;COUNT=3\nonline: https://meet.example.org/w\n---\n")
    feeds = builder(tree)
    lines = [feeds.event_part(key).make() for key in feeds.event_keys()]
    data = json.loads(feeds.events_json(lines))
    event = data["events"][0]
    assert event["ics"] == "https://example.org/events/weekly/weekly.ics"
    assert [o["start"] for o in event["occurrences"]] == [
        "2027-03-04T18:00:00-08:00", "2027-03-11T18:00:00-08:00", "2027-03-18T18:00:00-07:00"]
    assert event["timezone"] == "America/Los_Angeles" and event["online"]
