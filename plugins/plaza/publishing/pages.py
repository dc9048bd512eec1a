"""The HTML pages of one language, declared as ``Page`` artifacts.

Each page's context is made when the page is made (``Page.context``), from the site it
was declared with: a build engine that passes a watching site learns what each page read.
What every page of a language shares (navigation, calendar and feed lists, the footer) is
one shared value (``common``), made once a build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from plaza.model.languages import Language, language
from plaza.model.models import EventRecord, FaqRecord, Item, Kind
from plaza.model.site import Site
from plaza.publishing import feeds, filters, ical, months, structured_data, week
from plaza.publishing.artifacts import Page
from plaza.publishing.urls import Urls, output_file
from plaza.publishing.views import (
    Entry,
    LanguageView,
    PageInfo,
    PageType,
    Pagination,
    entry_of,
)
from plaza.time.schedule import Schedule, Slot

ITEM_PAGE_TYPES = {Kind.EVENT: PageType.EVENT, Kind.PROGRAM: PageType.PROGRAM,
                   Kind.NOTES: PageType.NOTES, Kind.FAQ: PageType.FAQ, Kind.PAGE: PageType.PAGE}
ITEM_TEMPLATES = {Kind.EVENT: "event", Kind.PROGRAM: "program", Kind.NOTES: "notes",
                  Kind.FAQ: "faq", Kind.PAGE: "page"}


def common(site: Site, lang: str) -> dict[str, Any]:
    """What every page of a language is given."""
    info = language(lang)
    urls = Urls.for_language(lang, site.config.default_lang)
    return {
        "lang": info, "page_lang": lang, "dir": info.dir, "urls": urls,
        # Absolute links (canonical, hreflang, Open Graph) are to where the site is read.
        "public_url": site.config.site_url.rstrip("/"),
        "default_language": language(site.config.default_lang),
        "languages": {code: language(code) for code in site.config.languages},
        "calendar_url": urls.calendar(),
        "calendars": ical.calendar_list(site, lang),
        "feeds": feeds.feed_list(site, lang),
        "footer_pages": _pages(site, site.config.footer_pages, lang),
        # In the main navigation, and under "Learn more" on the home page.
        "nav_pages": _pages(site, site.config.nav_pages, lang),
        "has_help": has_help(site),
        "site_timezone": site.config.timezone,
    }


def _pages(site: Site, page_ids: tuple[str, ...], lang: str) -> list[Entry]:
    """The pages of ``page_ids`` that exist, as shown in ``lang``."""
    return [entry_of(site, item, lang) for page_id in page_ids
            if (item := site.get(Kind.PAGE, page_id))]


def has_help(site: Site) -> bool:
    """Whether the settings give a help block (PLAZA_HELP), and so a help page."""
    return bool(site.config.help_lines or site.config.help_links)


class LanguagePages:
    """Declares every page of one language."""

    def __init__(self, site: Site, schedule: Schedule, lang: str):
        self.site, self.schedule, self.lang = site, schedule, lang
        self.view = LanguageView(site, schedule, lang)
        self.urls = self.view.urls
        self.public_url = site.config.site_url.rstrip("/")

    def pages(self) -> Iterator[Page]:
        u, view, schedule = self.urls, self.view, self.schedule
        yield self._page(u.home(), "index", PageType.HOME, view.home)
        yield from self._list(u.listing(Kind.EVENT), "events", PageType.EVENT_LIST,
                              lambda: schedule.count("upcoming"),
                              lambda a, b: {**view.events(False, a, b),
                                            **self._event_views()})
        yield from self._list(u.past_events(), "events", PageType.EVENT_LIST,
                              lambda: schedule.count("past"),
                              lambda a, b: view.events(True, a, b))
        yield from self._list(u.listing(Kind.NOTES), "notes_index", PageType.NOTES_LIST,
                              lambda: len(self.site.ids(Kind.NOTES)), view.notes_list)
        yield from self._months()
        yield from self._filters()
        yield self._page(u.listing(Kind.PROGRAM), "programs", PageType.PROGRAM_LIST,
                         view.programs)
        yield self._page(u.listing(Kind.FAQ), "faq_index", PageType.FAQ_INDEX, view.faq_index)
        yield self._page(u.week(), "week", PageType.WEEK,
                         lambda: {"week": week.week_of(self.site, schedule, self.lang)})
        yield self._page(u.subscribe(), "subscribe", PageType.SUBSCRIBE, dict)
        yield self._page(u.search(), "search", PageType.SEARCH, view.search)
        if has_help(self.site):
            yield self._page(u.help(), "help", PageType.HELP, view.help)
        # Unlinked, for coordinators: what is missing or stale in each language.
        yield self._page(u.translations_report(), "translations", PageType.TRANSLATIONS,
                         view.translations)
        for kind in (Kind.EVENT, Kind.PROGRAM, Kind.NOTES, Kind.FAQ, Kind.PAGE):
            for item_id in self.site.ids(kind):
                yield self._item_page(kind, item_id)

    def _event_views(self) -> dict[str, Any]:
        """The other ways to see upcoming events, linked from the list: the month of the
        build's day, and the filters."""
        month = months.this_month(self.site, self.schedule)
        return {"this_month": months.month_url(self.urls, month) if month else "",
                "this_week": self.urls.week(),
                "filters": filters.filters(self.site, self.lang)}

    def _months(self) -> Iterator[Page]:
        """A page for every month of the calendar window: events/2027/01/."""
        locale = language(self.lang).babel_locale
        for month in self.schedule.months():
            def context(month: date = month) -> dict[str, Any]:
                return {"month_view": months.month_view(self.site, self.schedule, self.lang,
                                                        locale, month)}

            yield self._page(months.month_url(self.urls, month), "month", PageType.MONTH,
                             context)

    def _filters(self) -> Iterator[Page]:
        """Upcoming events of one audience or one language, each with its calendar."""
        for found in filters.filters(self.site, self.lang):
            def slots(found: filters.Filter = found) -> list[Slot]:
                return filters.upcoming(self.site, self.schedule, found.group, found.key)

            def rows(start: int, stop: int, found: filters.Filter = found,
                     slots: Callable[[], list[Slot]] = slots) -> dict[str, Any]:
                return {"rows": self.view.agenda(slots()[start:stop]), "filter": found}

            def count(slots: Callable[[], list[Slot]] = slots) -> int:
                return len(slots())

            yield from self._list(found.url, "filtered_events", PageType.EVENT_FILTER,
                                  count, rows)

    def _list(self, first: str, template: str, page_type: PageType, count: Callable[[], int],
              rows: Callable[[int, int], dict[str, Any]]) -> Iterator[Page]:
        """A long list, split into pages of ``list_page_size`` rows: events/, events/page/2/…
        Which pages exist is decided now; what each shows (its rows, "page 2 of 9") when
        it is made, so that it is read through the site it was declared with."""
        size = self.site.config.list_page_size

        def pagination(number: int) -> Pagination:
            total = max(1, -(-count() // size))
            return Pagination(
                number, total, self.urls.numbered(first, number - 1) if number > 1 else None,
                self.urls.numbered(first, number + 1) if number < total else None)

        for number in range(1, pagination(1).total + 1):
            def context(number: int = number) -> dict[str, Any]:
                start = (number - 1) * size
                return {**rows(start, start + size), "pagination": pagination(number)}

            yield self._page(self.urls.numbered(first, number), template, page_type, context,
                             )

    def _item_page(self, kind: Kind, item_id: str) -> Page:
        def context() -> dict[str, Any]:
            item = self.site.get(kind, item_id)
            assert item is not None
            own = self.view.item_context(item)
            return {**own, "json_ld": self._json_ld(kind, own, url)}

        url = self.urls.item(kind, item_id)
        page = PageInfo(url, ITEM_PAGE_TYPES[kind])
        found = self.site.get(kind, item_id)
        source = found.original.source_path if found else ""
        return Page(output_file(url), ITEM_TEMPLATES[kind],
                    lambda: self._frame(page, context(), kind, item_id), self.lang, source)

    def _page(self, path: str, template: str, page_type: PageType,
              context: Callable[[], dict[str, Any]]) -> Page:
        page = PageInfo(path, page_type)
        return Page(output_file(path), template, lambda: self._frame(page, context()),
                    self.lang, f"theme/templates/{template}.html")

    def _frame(self, page: PageInfo, own: dict[str, Any], kind: Kind | None = None,
               item_id: str = "") -> dict[str, Any]:
        """A page's whole context: the language's shared part, the page's own, and the
        links to the same page in every language."""
        item = self.site.get(kind, item_id) if kind else None
        return {**self.site.shared(common, self.lang), **own,
                "page": PageInfo(page.path, page.type, item, own.get("pagination")),
                "json_ld": own.get("json_ld", ""),
                "switcher": self._switcher(page.path, item),
                "x_default": self._same_page(self.site.config.default_lang, page.path)}

    def _same_page(self, target: str, path: str) -> str:
        default = self.site.config.default_lang
        return Urls.for_language(target, default).prefix + path[len(self.urls.prefix):]

    def _switcher(self, path: str, item: Item | None
                  ) -> list[tuple[Language, str, bool, bool]]:
        """Each language: the same page in it, whether it is this one, and whether it is
        really in that language (an item's page without a translation shows the
        original; a list page is always in its language)."""
        return [(language(code), self._same_page(code, path), code == self.lang,
                 item is None or code in item.versions)
                for code in self.site.config.languages]

    def _json_ld(self, kind: Kind, own: dict[str, Any], url_path: str) -> str:
        entry = own.get("entry")
        record = entry.record if entry is not None else None
        url = f"{self.public_url}/{url_path}"
        if isinstance(record, FaqRecord):
            return structured_data.script_json(structured_data.faq_page(record, url))
        if not isinstance(record, EventRecord):
            return ""
        rows = own.get("upcoming_rows") or own.get("rows") or []
        slot = rows[0].slot if rows else None
        data = structured_data.event(record, slot, url, self.site.config.organization,
                                     series=kind == Kind.PROGRAM)
        return structured_data.script_json(data)


def sitemap_paths(site: Site, schedule: Schedule, urls: Urls
                  ) -> list[tuple[str, tuple[Kind, str] | None]]:
    """The pages search engines are told about, with the item each shows: collection
    pages (of a long list only the first; every month; every filter) and every item's
    page. Not the translation status page: it is for coordinators."""
    collections = [urls.home(), urls.listing(Kind.EVENT), urls.past_events(),
                   *(months.month_url(urls, month) for month in schedule.months()),
                   *(found.url for found in filters.filters_at(site, urls)),
                   urls.listing(Kind.NOTES), urls.listing(Kind.PROGRAM), urls.listing(Kind.FAQ),
                   urls.week(), urls.subscribe(), urls.search(),
                   *([urls.help()] if has_help(site) else [])]
    found: list[tuple[str, tuple[Kind, str] | None]] = [(path, None) for path in collections]
    for kind in ITEM_PAGE_TYPES:
        found += [(urls.item(kind, item_id), (kind, item_id)) for item_id in site.ids(kind)]
    return found
