"""Jinja filters that format in the language of the page being rendered."""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from plaza.model.languages import language
from plaza.model.vocabulary import (
    ACCESSIBILITY_LABELS,
    AUDIENCE_HEADING_OTHER,
    AUDIENCE_HEADINGS,
    AUDIENCE_LABELS,
    NOTES_STATUS_LABELS,
    SESSION_STATUS_LABELS,
    STATUS_LABELS,
    label,
)
from plaza.publishing import formatting, messages, series_words, week
from plaza.publishing.views import by_item, by_month, by_month_and_item


def _locale(ctx: Context) -> str:
    return str(ctx["page_locale"])


def _bind(function: Any) -> Any:
    @pass_context
    def filter_(ctx: Context, value: Any, *args: Any) -> Any:
        return function(value, *args, locale=_locale(ctx))
    return filter_


@pass_context
def _series_line(ctx: Context, timing: Any) -> str | None:
    """A series' rule in the page's words, through the page's catalog."""
    return series_words.series_line(timing, _locale(ctx), ctx["catalog"])


@pass_context
def _share(ctx: Context, record: Any, title: str, rows: Any, next_row: Any, series: bool,
           url: str) -> dict[str, Any]:
    """An event's message and its share links, in the page's words."""
    first = rows[0].occurrence if rows else None
    found = messages.event_message(record, title, first, next_row.occurrence if next_row
                                   else None, series, url, _locale(ctx), ctx["catalog"])
    return {"message": found, "links": messages.share_links(found)}


@pass_context
def _week_message(ctx: Context, found: week.Week) -> str:
    """The weekly message in the page's words, as ``week.txt`` has it."""
    return week.message(found, _locale(ctx), ctx["catalog"])


def _vocabulary(mapping: dict[Any, str]) -> Any:
    @pass_context
    def filter_(ctx: Context, value: Any) -> str:
        return str(ctx["translate"](label(mapping, value)))
    return filter_


@pass_context
def _audience_heading(ctx: Context, key: str) -> str:
    """"For residents": a whole translated phrase for a known audience; for one a site
    added, "For %(audience)s" around its label."""
    translate = ctx["translate"]
    if key in AUDIENCE_HEADINGS:
        return str(translate(AUDIENCE_HEADINGS[key]))
    return str(translate(AUDIENCE_HEADING_OTHER)) % {
        "audience": translate(label(AUDIENCE_LABELS, key))}


FILTERS = {
    "language_name": _bind(formatting.language_name),
    "language_dir": lambda code: language(code).dir,
    "audience_label": _vocabulary(AUDIENCE_LABELS),
    "audience_heading": _audience_heading,
    "accessibility_label": _vocabulary(ACCESSIBILITY_LABELS),
    # Status labels are translated in the template, with the context their NP_ marks:
    # pgettext('event status', …) or pgettext('session status', …).
    "status_label": lambda value: label(STATUS_LABELS, value),
    "session_status_label": lambda value: label(SESSION_STATUS_LABELS, value),
    "notes_status_label": lambda value: label(NOTES_STATUS_LABELS, value),
    "long_date": _bind(formatting.long_date),
    "short_date": _bind(formatting.short_date),
    "clock": _bind(formatting.clock),
    "number": _bind(formatting.number),
    "join_list": _bind(formatting.join),
    "when": _bind(lambda occurrence, locale: formatting.when(occurrence.start,
                                                             occurrence.end, locale)),
    "iso": formatting.iso,
    "time_in_zone": _bind(lambda occurrence, zone, locale: formatting.time_in_zone(
        occurrence.start, occurrence.end, zone, locale)),
    "zone_city": _bind(formatting.zone_city),
    "month_heading": _bind(formatting.month_heading),
    "weekday_name": _bind(formatting.weekday_name),
    "by_month": by_month,
    "by_month_and_item": by_month_and_item,
    "by_item": by_item,
    "series_line": _series_line,
    "share": _share,
    "week_message": _week_message,
    "list_day": _bind(series_words.list_day),
}
