"""Lists and pages of series as views: a series once a month (and once on the home page)
with all its meetings there, and the days a series skips from its last past meeting on."""

from __future__ import annotations

from datetime import date

from plaza.model.models import Kind
from plaza.publishing.views import LanguageView, by_item, by_month_and_item
from plaza.time.schedule import Schedule

WEEKLY = """
---
title: Weekly circle
start: 2026-11-05 18:00
duration: 1h
repeat: every Thursday until 2027-02-25
except: [2026-11-19, 2026-12-24, 2027-01-28]
---
Body.
"""
MONTHLY = """
---
title: Monthly meeting
start: 2026-09-17 18:00
duration: 1h30m
repeat: every third Thursday
except: [2026-10-15, 2026-12-17]
---
Body.
"""
ONE_OFF = """
---
title: Town hall
start: 2026-12-10 18:00
duration: 2h
---
Body.
"""
PROGRAM = """
---
title: Dialogue
start: 2026-11-04 18:30
duration: 2h
repeat: every other Wednesday, 4 times
sessions:
  - date: 2026-12-02
    status: cancelled
  - date: 2026-12-16
    start: 2026-12-17 19:00
---
Body.
"""


def view(tree) -> LanguageView:
    for name, text in (("events/weekly.md", WEEKLY), ("events/monthly.md", MONTHLY),
                       ("events/town-hall.md", ONE_OFF), ("programs/dialogue.md", PROGRAM)):
        tree.write(name, text)
    site = tree.load()  # now: 26 November 2026
    return LanguageView(site, Schedule.of(site), "es")


def test_a_list_shows_each_series_once_a_month_with_every_meeting(tree):
    rows = view(tree).events(False, 0, 100)["rows"]
    months = by_month_and_item(rows)
    regrouped = [row for _, groups in months for group in groups for row in group]
    assert sorted(regrouped, key=lambda row: row.slot.sort_key) == rows  # each row once
    for month, groups in months:
        ids = [group[0].entry.item.id for group in groups]
        assert len(ids) == len(set(ids)), (month, ids)
        for group in groups:
            assert all(row.month == month for row in group)
            assert list(group) == sorted(group, key=lambda row: row.slot.sort_key)
    december = dict(months)[date(2026, 12, 1)]
    assert [(g[0].entry.item.id, len(g)) for g in december] == [
        ("dialogue", 2), ("weekly", 4), ("town-hall", 1)]
    # Groups stand where each item first meets that month.
    assert [g[0].entry.item.id for g in by_item(rows[:6])] == ["weekly", "dialogue",
                                                               "town-hall"]


def test_a_series_page_knows_its_next_skipped_and_moved_meetings(tree):
    language = view(tree)
    site = language.site
    weekly = language.item_context(site.get(Kind.EVENT, "weekly"))
    assert weekly["series"] and weekly["next_row"] is weekly["upcoming_rows"][0]
    # Counted from the last meeting that is over (12 November), so that the page changes
    # when a meeting ends, as every page does, not at midnight: the 19th is still said
    # until the meeting of the 26th is over.
    assert weekly["skipped"] == [date(2026, 11, 19), date(2026, 12, 24), date(2027, 1, 28)]
    monthly = language.item_context(site.get(Kind.EVENT, "monthly"))
    assert monthly["skipped"] == [date(2026, 12, 17)]  # not 15 October, before 19 November
    town_hall = language.item_context(site.get(Kind.EVENT, "town-hall"))
    assert not town_hall["series"] and town_hall["skipped"] == []
    dialogue = language.item_context(site.get(Kind.PROGRAM, "dialogue"))
    assert dialogue["skipped"] == [date(2026, 12, 2)]  # the session called off
    assert dialogue["next_row"].occurrence.moved  # 2 December is off: the moved one is next
    assert [row.occurrence.start.day for row in dialogue["moved_rows"]] == [17]
