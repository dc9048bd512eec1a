"""Upcoming events narrowed to one audience or one language, as pages of their own.

A filter is a static page (no script, so it works on any phone), with the calendar of
the same events to subscribe to: the audience calendars and the language calendars that
``ical`` declares. A language filter keeps the events held in that language or
interpreted into it (the event's ``languages``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from plaza.model.site import Site
from plaza.publishing.urls import Urls
from plaza.time.schedule import Schedule, Slot


class FilterGroup(StrEnum):
    """What a filter narrows by; also the name of its calendar group."""

    AUDIENCE = "audience"
    LANGUAGE = "language"


FIELD_OF = {FilterGroup.AUDIENCE: "audience", FilterGroup.LANGUAGE: "languages"}


@dataclass(frozen=True)
class Filter:
    """One filter page of one language: its group, its key (an audience or a language
    code), its page and its calendar."""

    group: FilterGroup
    key: str
    url: str
    calendar: str


def filter_of(urls: Urls, group: FilterGroup, key: str) -> Filter:
    page = (urls.events_for_audience(key) if group == FilterGroup.AUDIENCE
            else urls.events_in_language(key))
    return Filter(group, key, page, urls.calendar(str(group), key))


def filter_keys(site: Site, group: FilterGroup) -> list[str]:
    """The audiences or languages that some event or program has. Audiences in the order
    the settings list them, languages the site's own first (in its order), then others."""
    used = site.used(FIELD_OF[group])
    order = site.config.audiences if group == FilterGroup.AUDIENCE else site.config.languages
    rank = {key: index for index, key in enumerate(order)}
    return sorted(used, key=lambda key: (rank.get(key, len(rank)), key))


def filters(site: Site, lang: str) -> list[Filter]:
    """Every filter page of one language, audiences first."""
    return filters_at(site, Urls.for_language(lang, site.config.default_lang))


def filters_at(site: Site, urls: Urls) -> list[Filter]:
    """Every filter page under ``urls`` (one language's addresses)."""
    return [filter_of(urls, group, key) for group in FilterGroup
            for key in filter_keys(site, group)]


def upcoming(site: Site, schedule: Schedule, group: FilterGroup, key: str) -> list[Slot]:
    """The upcoming occurrences a filter keeps, soonest first (as ``Schedule.upcoming``
    orders them). Read item by item, so an edit to an event the filter does not keep
    leaves its pages as they are."""
    def kept() -> list[Slot]:
        slots = [slot for _, item_id in site.ids_having(FIELD_OF[group], key)
                 for slot in schedule.slots_of(item_id) if not schedule.is_over(slot)]
        return sorted(slots, key=lambda slot: slot.sort_key)
    # Every page of the filter, in every language, keeps the same events: found once.
    return list(site.remembered(("filter", str(group), key), kept))
