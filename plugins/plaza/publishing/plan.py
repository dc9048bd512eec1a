"""Every file the site publishes, as artifacts: the whole output declared in one place.

Per language: the pages, the calendars, the feeds and ``events.json``; for the site: the
sitemap and robots.txt. (Pictures are published from the files themselves, by the
sources layer.) ``plan`` reads the site only to know which files there are; what each
file shows is read when it is made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from plaza.model.languages import language
from plaza.model.site import Site
from plaza.publishing import feeds, formatting, ical, structured_data, week
from plaza.publishing.artifacts import Artifact, Output
from plaza.publishing.pages import LanguagePages, sitemap_paths
from plaza.publishing.series_words import Catalog
from plaza.publishing.urls import Urls
from plaza.time.schedule import Schedule

Gettext = Callable[[str], str]


def plan(site: Site, schedule: Schedule, gettext_for: Callable[[str], Gettext],
         catalog_for: Callable[[str], Catalog]) -> Iterator[Output]:
    """Every output of the site. ``gettext_for(lang)`` gives a language's interface
    translations, ``catalog_for(lang)`` the whole catalog (plurals and contexts); each is
    called only when a file of that language that needs it is made."""
    work = ical.CalendarWork()
    for lang in site.config.languages:
        gettext = partial(_translated, gettext_for, lang)
        locale = language(lang).babel_locale
        yield from LanguagePages(site, schedule, lang).pages()
        yield from ical.calendar_artifacts(site, schedule, lang, gettext, work)
        yield from feeds.feed_artifacts(site, schedule, lang, gettext,
                                        partial(formatting.language_name, locale=locale))
        yield Artifact(Urls.for_language(lang, site.config.default_lang).week_text(),
                       partial(week_text, site, schedule, lang, catalog_for), lang)
    yield Artifact("robots.txt", partial(robots, site))
    yield Artifact("sitemap.xml", partial(sitemap, site, schedule))


def _translated(gettext_for: Callable[[str], Gettext], lang: str, message: str) -> str:
    return gettext_for(lang)(message)


def week_text(site: Site, schedule: Schedule, lang: str,
              catalog_for: Callable[[str], Catalog]) -> bytes:
    """The weekly message as a file of its own (UTF-8 plain text), as its page shows it."""
    locale = language(lang).babel_locale
    return week.message(week.week_of(site, schedule, lang), locale,
                        catalog_for(lang)).encode("utf-8")


def robots(site: Site) -> bytes:
    lines = ["User-agent: *", "Disallow: /translations/", "Disallow: /*/translations/", ""]
    if site.config.site_url:
        lines.insert(-1, f"Sitemap: {site.config.site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines).encode()


def sitemap(site: Site, schedule: Schedule) -> bytes:
    """Every page search engines should know, in every language, with alternates."""
    config = site.config
    public = config.site_url.rstrip("/")
    default = Urls.for_language(config.default_lang, config.default_lang)
    entries: list[tuple[list[str], list[tuple[str, str]], str | None]] = []
    for path, shown in sitemap_paths(site, schedule, default):
        urls = {code: f"{public}/{Urls.for_language(code, config.default_lang).prefix}{path}"
                for code in config.languages}
        alternates = [*urls.items(), ("x-default", urls[config.default_lang])]
        item = site.get(*shown) if shown else None
        lastmod = site.last_changed(item).date().isoformat() if item else None
        entries.append((list(urls.values()), alternates, lastmod))
    return structured_data.sitemap(entries)
