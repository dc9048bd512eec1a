"""Recurrence: the one expansion both the pages and the calendars use."""

from datetime import UTC, date, datetime

from plaza.model.models import SessionDetail, Status, Timing
from plaza.time.recurrence import occurrences, parse_rule, starts_on

from ..conftest import LA


def weekly(**changes):
    values = dict(start=datetime(2027, 2, 25, 18, 0, tzinfo=LA),
                  end=datetime(2027, 2, 25, 19, 30, tzinfo=LA),
                  timezone="America/Los_Angeles", repeat="FREQ=WEEKLY;COUNT=4")
    values.update(changes)
    return Timing(**values)


def test_wall_clock_time_survives_daylight_saving_change():
    # 2027-03-14: clocks spring forward. The meeting stays at 6 pm local time.
    found = occurrences(weekly(), Status.CONFIRMED)
    assert [o.start.hour for o in found] == [18, 18, 18, 18]
    assert [o.start.utcoffset().total_seconds() / 3600 for o in found] == [-8, -8, -8, -7]
    assert all(o.end.hour == 19 and o.end.minute == 30 for o in found)


def test_except_removes_exact_dates():
    found = occurrences(weekly(except_dates=(date(2027, 3, 11),)), Status.CONFIRMED)
    assert [o.start.date() for o in found] == [date(2027, 2, 25), date(2027, 3, 4),
                                               date(2027, 3, 18)]


def test_sessions_move_and_cancel():
    sessions = (SessionDetail(date(2027, 3, 4), topic="Moved",
                              start=datetime(2027, 3, 5, 17, 0, tzinfo=LA)),
                SessionDetail(date(2027, 3, 11), status=Status.CANCELLED))
    found = occurrences(weekly(), Status.CONFIRMED, sessions)
    moved, cancelled = found[1], found[2]
    assert moved.moved and moved.start == datetime(2027, 3, 5, 17, 0, tzinfo=LA)
    assert moved.recurrence_id == datetime(2027, 3, 4, 18, 0, tzinfo=LA)
    assert moved.end == datetime(2027, 3, 5, 18, 30, tzinfo=LA)
    assert cancelled.status == Status.CANCELLED and not cancelled.moved


def test_cancelled_series_cancels_every_session():
    found = occurrences(weekly(), Status.CANCELLED,
                        (SessionDetail(date(2027, 3, 4), topic="x"),))
    assert {o.status for o in found} == {Status.CANCELLED}


def test_until_as_a_date_includes_that_day_and_is_written_in_utc():
    timing = weekly(repeat="FREQ=WEEKLY;UNTIL=20270318")
    assert [o.start.date() for o in occurrences(timing, Status.CONFIRMED)][-1] == \
        date(2027, 3, 18)
    rule = parse_rule(timing)
    assert rule.until_utc == datetime(2027, 3, 19, 6, 59, 59, tzinfo=UTC)
    assert rule.ical_parts()["UNTIL"] == rule.until_utc


def test_all_day_series_keeps_dates():
    timing = Timing(start=date(2026, 12, 19), end=date(2026, 12, 20),
                    timezone="America/Los_Angeles", repeat="FREQ=YEARLY;COUNT=2")
    found = occurrences(timing, Status.CONFIRMED)
    assert [(o.start, o.end) for o in found] == [
        (date(2026, 12, 19), date(2026, 12, 20)), (date(2027, 12, 19), date(2027, 12, 20))]


def test_unbounded_rule_stops_at_the_horizon():
    timing = weekly(repeat="FREQ=MONTHLY;BYDAY=3TH", start=datetime(2026, 9, 17, 18, tzinfo=LA),
                    end=None)
    found = occurrences(timing, Status.CONFIRMED, horizon=datetime(2027, 1, 1, tzinfo=LA))
    assert [o.start.date() for o in found] == [date(2026, 9, 17), date(2026, 10, 15),
                                               date(2026, 11, 19), date(2026, 12, 17)]


def test_starts_on_finds_occurrences_beyond_any_horizon():
    timing = weekly(repeat="FREQ=MONTHLY;BYDAY=3TH", start=datetime(2026, 9, 17, 18, tzinfo=LA))
    assert starts_on(timing, date(2031, 5, 15)) == [datetime(2031, 5, 15, 18, tzinfo=LA)]
    assert starts_on(timing, date(2031, 5, 14)) == []


def test_a_meeting_on_the_night_clocks_go_back_lasts_its_length():
    """Calendars apply a series' length exactly to every meeting: 01:00 for an hour on
    the autumn change ends at the second 01:00 (an hour later), not at 02:00 (two)."""
    timing = Timing(datetime(2027, 10, 31, 1, 0, tzinfo=LA),
                    datetime(2027, 10, 31, 2, 0, tzinfo=LA), "America/Los_Angeles",
                    "FREQ=WEEKLY;BYDAY=SU;COUNT=3")
    lengths = [(m.end.astimezone(UTC) - m.start.astimezone(UTC)).total_seconds()
               for m in occurrences(timing, Status.CONFIRMED)]
    assert lengths == [3600.0] * 3
