"""Everything the site writes, per language: HTML page contexts, calendars, feeds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from babel.support import NullTranslations

from . import feeds, formatting, ical, images, structured_data
from .cache import Fragments, fingerprint
from .languages import Language, language
from .models import EventRecord, FaqRecord, Item, Kind
from .schedule import Schedule
from .site import Site
from .urls import Urls, output_file
from .views import LanguageView, Page, Pagination


@dataclass(frozen=True)
class HtmlPage:
    path: str  # output file
    template: str
    common: dict[str, Any]  # the same for every page of the language
    own: dict[str, Any]  # this page's own context
    identity: dict[str, Any]  # ``own`` without objects that repeat the context

    @property
    def context(self) -> dict[str, Any]:
        return {**self.common, **self.own}

    @property
    def item(self) -> Item | None:
        """The item an item page shows; None for pages that list many."""
        page: Page = self.own["page"]
        return page.item

    @property
    def shows_everything(self) -> bool:
        page: Page = self.own["page"]
        return page.shows_everything

    @property
    def pagination(self) -> Pagination | None:
        """Where a page of a long list sits in it; None for other pages."""
        page: Page = self.own["page"]
        return page.pagination


class SiteOutput:
    def __init__(self, site: Site, schedule: Schedule,
                 translations: Callable[[str], NullTranslations], content_root: str):
        self.site, self.schedule, self.translations = site, schedule, translations
        self.content_root = content_root
        self.calendar_work = ical.SharedWork()
        self.fragments: Fragments = {}  # see ``cache.reused``
        self.feed_selections: dict[str, list[Item]] = {}
        self._shared_views: dict[str, Any] = {}
        self.config = site.config
        self.languages = [language(code) for code in self.config.languages]
        self.public_url = self.config.site_url.rstrip("/")
        self._commons: dict[str, dict[str, Any]] = {}

    def urls(self, lang: str) -> Urls:
        return Urls.for_language(lang, self.config.default_lang)

    def view(self, lang: str) -> LanguageView:
        return LanguageView(self.site, self.schedule, lang, self._shared_views)

    def html_page(self, lang: str, page: Page) -> HtmlPage:
        own = {**page.context, "json_ld": self._json_ld(page, lang),
               "switcher": self._switcher(lang, page.path),
               "x_default": self._same_page(self.config.default_lang, lang, page.path)}
        return HtmlPage(output_file(page.path), page.template, self.common_context(lang),
                        {**own, "page": page}, {**own, "page": (page.path, page.kind)})

    def common_context(self, lang: str) -> dict[str, Any]:
        """What every page of a language is given, computed once per language."""
        if lang not in self._commons:
            self._commons[lang] = self._common(lang,
                                               self.view(lang))
        return self._commons[lang]

    def _common(self, lang: str, view: LanguageView) -> dict[str, Any]:
        info = language(lang)
        urls = self.urls(lang)
        return {
            "lang": info, "page_lang": lang, "dir": info.dir, "urls": urls,
            "config": self.config, "now": self.config.now,
            "default_language": language(self.config.default_lang),
            "languages": {code: language(code) for code in self.config.languages},
            "calendar_url": urls.calendar(),
            "calendars": ical.calendar_list(self.site, lang),
            "feeds": feeds.feed_list(self.site, lang),
            "footer_pages": [view.entry(item) for page_id in self.config.footer_pages
                             if (item := self.site.get(Kind.PAGE, page_id))],
        }

    def _same_page(self, target: str, current: str, path: str) -> str:
        prefix = self.urls(current).prefix
        return self.urls(target).prefix + path[len(prefix):]

    def _switcher(self, current: str, path: str) -> list[tuple[Language, str, bool]]:
        return [(info, self._same_page(info.code, current, path), info.code == current)
                for info in self.languages]

    def files(self, lang: str, only: set[str] | None = None) -> Iterator[ical.LazyFile]:
        """Non-HTML files of one language: calendars and feeds, built on demand.
        ``only``: the refs of changed items; calendars holding none of them are left out."""
        gettext = self.translations(lang).gettext
        yield from ical.calendar_files(self.site, self.schedule, lang, gettext,
                                       self.calendar_work,
                                       self.fragments, only)
        locale = language(lang).babel_locale
        yield from feeds.feed_files(self.site, self.schedule, lang, gettext,
                                    lambda code: formatting.language_name(code, locale),
                                    self.feed_selections, self.fragments)

    def _json_ld(self, page: Page, lang: str) -> str:
        entry = page.context.get("entry")
        if entry is None:
            return ""
        url = f"{self.public_url}/{page.path}"
        record = entry.record
        if isinstance(record, FaqRecord):
            return structured_data.script_json(structured_data.faq_page(record, url))
        if not isinstance(record, EventRecord):
            return ""
        rows = page.context.get("upcoming_rows") or page.context.get("rows") or []
        slot = rows[0].slot if rows else None
        data = structured_data.event(record, slot, url, self.config.organization,
                                     series=page.kind == "program")
        return structured_data.script_json(data)

    def site_files(self) -> Iterator[tuple[str, bytes]]:
        yield "robots.txt", _robots(self.config.site_url)
        yield from images.published_images(self.content_root)
        yield "sitemap.xml", self.sitemap()

    def sitemap_stamp(self) -> str:
        """What the sitemap is made from besides the site's structure: each page's date."""
        return fingerprint("sitemap", self.config.site_url, [
            (item.kind.value, item.id, self.site.last_changed(item).date().isoformat())
            for item in self.view(self.config.default_lang).page_items()])

    def sitemap(self) -> bytes:
        default = self.config.default_lang
        view = self.view(default)
        addresses: list[tuple[str, Item | None]] = [
            (path, None) for path, kind in view.collection_addresses()
            if kind != "translations"]  # a coordinators' page, not for search engines
        addresses += [(view.urls.item(item.kind, item.id), item) for item in view.page_items()]
        entries: list[tuple[list[str], list[tuple[str, str]], str | None]] = []
        for path, item in addresses:
            urls = {code: f"{self.public_url}/{self._same_page(code, default, path)}"
                    for code in self.config.languages}
            alternates = [*urls.items(), ("x-default", urls[default])]
            lastmod = self.site.last_changed(item).date().isoformat() if item else None
            entries.append((list(urls.values()), alternates, lastmod))
        return structured_data.sitemap(entries)


def _robots(site_url: str) -> bytes:
    lines = ["User-agent: *", "Disallow: /translations/", "Disallow: /*/translations/", ""]
    if site_url:
        lines.insert(-1, f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines).encode()
