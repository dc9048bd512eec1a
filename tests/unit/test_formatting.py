"""Dates and times in the reader's language, and in the site's zone for events elsewhere."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from plaza.publishing.formatting import month_heading, time_in_zone, zone_city
from plaza.publishing.views import by_month

NEW_YORK, TOKYO = ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")
LA = "America/Los_Angeles"


def test_an_event_elsewhere_gets_the_site_time():
    start = datetime(2027, 1, 7, 19, 0, tzinfo=NEW_YORK)
    end = datetime(2027, 1, 7, 20, 0, tzinfo=NEW_YORK)
    assert time_in_zone(start, end, LA, "en_US") == "4:00\u2009–\u20095:00\u202fPM"


def test_the_site_date_is_given_when_it_is_another_day_there():
    start = datetime(2027, 3, 4, 9, 0, tzinfo=TOKYO)  # the evening before in Los Angeles
    assert time_in_zone(start, None, LA, "en_US") == "Wednesday, March 3, 2027 4:00\u202fPM"


def test_an_event_in_the_site_zone_or_without_a_time_gets_nothing():
    assert time_in_zone(datetime(2027, 1, 7, 19, 0, tzinfo=ZoneInfo(LA)), None, LA,
                        "en_US") == ""
    assert time_in_zone(date(2027, 1, 7), None, LA, "en_US") == ""


@pytest.mark.parametrize(("locale", "city"), [
    ("en_US", "Los Angeles"), ("es_US", "Los Ángeles"), ("ko_KR", "로스앤젤레스"),
    ("fa_IR", "لوس\u200cآنجلس"), ("zh_Hans_CN", "洛杉矶")])
def test_the_site_zone_is_named_after_its_city_in_the_reader_language(locale, city):
    assert zone_city(LA, locale) == city


@pytest.mark.parametrize(("locale", "heading"), [
    ("en_US", "December 2026"), ("es_US", "diciembre de 2026"), ("ja_JP", "2026年12月"),
    ("fa_IR", "دسامبر ۲۰۲۶"), ("ru_RU", "декабрь 2026\u202fг.")])
def test_a_month_heading_names_the_month_standing_alone(locale, heading):
    assert month_heading(date(2026, 12, 1), locale) == heading


def test_rows_are_grouped_by_month_in_the_order_given():
    class Row:
        def __init__(self, month: date):
            self.month = month

    december, january = date(2026, 12, 1), date(2027, 1, 1)
    rows = [Row(december), Row(december), Row(january)]
    assert [(month, len(group)) for month, group in by_month(rows)] == [
        (december, 2), (january, 1)]
    past = list(reversed(rows))
    assert [month for month, _ in by_month(past)] == [january, december]
