"""Tier 3: the month view and the filter pages of the built sample site, in every
language (the sample's "now" is 2026-11-26; it keeps 12 past months, looks 400 days on)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar
import pytest
import yaml
from babel.dates import get_day_names
from lxml import html as lxml_html

from plaza.model.languages import language
from plaza.model.vocabulary import AUDIENCE_LABELS
from plaza.publishing.months import first_weekday
from plaza.time.schedule import months_between

from .test_sample_html import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
MONTHS = months_between(date(2025, 11, 1), date(2027, 12, 31))


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang.lower()}/"


def c(name: str) -> str:
    """An XPath test for an element with the class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def page(root: Path, path: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((root / path / "index.html").read_bytes())


def exists(root: Path, href: str) -> bool:
    path = root / href.lstrip("/")
    return (path / "index.html").is_file() if href.endswith("/") else path.is_file()


def front_matter(href: str) -> dict:
    """The fields of the event or program a link on the English site points to."""
    kind, item_id = href.strip("/").split("/")[-2:]
    text = (ROOT / "content" / kind / f"{item_id}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_month_of_the_window_has_a_page(sample_site, lang):
    events = sample_site / prefix(lang) / "events"
    found = sorted(p.parent.relative_to(events).as_posix()
                   for p in events.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html"))
    assert found == [f"{m.year}/{m.month:02d}" for m in MONTHS]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_month_is_a_table_of_weeks_from_the_locales_first_day(sample_site, lang):
    locale = language(lang).babel_locale
    doc = page(sample_site, f"{prefix(lang)}events/2026/12")
    [table] = doc.xpath(f"//table[{c('month-grid')}]")
    assert table.xpath("caption")[0].text_content().strip()
    headers = table.xpath("thead/tr/th")
    assert [th.get("scope") for th in headers] == ["col"] * 7
    first = first_weekday(locale)
    wide = get_day_names("wide", context="stand-alone", locale=locale)
    short = get_day_names("abbreviated", context="stand-alone", locale=locale)
    assert [th.xpath(f"span[{c('visually-hidden')}]")[0].text for th in headers] == \
        [wide[(first + n) % 7] for n in range(7)]
    assert [th.xpath("span[@aria-hidden='true']")[0].text for th in headers] == \
        [short[(first + n) % 7] for n in range(7)]
    rows = table.xpath("tbody/tr")
    assert all(len(row.xpath("td")) == 7 for row in rows)
    days = [td.xpath(".//time")[0].get("datetime") for td in table.xpath(f".//td[{c('day')}]")]
    assert days == [f"2026-12-{n:02d}" for n in range(1, 32)]
    # December 2026 starts on a Tuesday.
    assert len(rows[0].xpath(f"td[{c('outside')}]")) == (1 - first) % 7


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_day_links_its_events_and_marks_cancelled_ones_in_words(sample_site, lang):
    doc = page(sample_site, f"{prefix(lang)}events/2026/12")
    cells = {td.xpath(".//time")[0].get("datetime"): td for td in doc.xpath(f"//td[{c('day')}]")}
    # The Long Beach fair of December 12 is cancelled: said in words, not only struck.
    fair = cells["2026-12-12"].xpath(".//li")
    assert [li.get("class") for li in fair] == ["status-cancelled"]
    assert fair[0].xpath(".//a")[0].get("href") == \
        f"/{prefix(lang)}events/resource-fair-long-beach/"
    assert fair[0].xpath(f".//strong[{c('badge-cancelled')}]")[0].text_content().strip()
    links = [a.get("href") for a in doc.xpath(f"//td[{c('day')}]//a")]
    assert len(links) >= 8 and all(exists(sample_site, href) for href in links)
    times = [t.get("datetime") for t in cells["2026-12-02"].xpath(".//li//time")]
    assert times == ["2026-12-02T14:00-08:00", "2026-12-02T18:30-08:00"]
    # The winter drive runs over two days: the second says it continues.
    assert len(cells["2026-12-20"].xpath(".//li")) == 1
    assert not cells["2026-12-20"].xpath(".//li//time")  # no start time on its second day
    assert not doc.xpath(f"//td[{c('outside')}]//li")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_previous_and_next_months_are_linked_to_the_ends_of_the_window(sample_site, lang):
    def rel(path: str) -> dict[str, list[str]]:
        doc = page(sample_site, f"{prefix(lang)}events/{path}")
        return {kind: [a.get("href") for a in doc.xpath(f"//a[@rel='{kind}']")] +
                [link.get("href") for link in doc.xpath(f"//link[@rel='{kind}']")]
                for kind in ("prev", "next")}
    december = rel("2026/12")
    assert set(december["prev"]) == {f"/{prefix(lang)}events/2026/11/"}
    assert set(december["next"]) == {f"/{prefix(lang)}events/2027/01/"}
    assert rel("2025/11")["prev"] == [] and rel("2027/12")["next"] == []


def used(field: str) -> set[str]:
    found: set[str] = set()
    for kind in ("events", "programs"):
        for path in (ROOT / "content" / kind).glob("*.md"):
            if path.name.count(".") == 1:
                found.update(yaml.safe_load(path.read_text().split("---")[1]).get(field, []))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_events_list_links_the_month_and_every_filter(sample_site, lang):
    doc = page(sample_site, f"{prefix(lang)}events")
    [views] = doc.xpath(f"//nav[{c('event-views')}]")
    links = [a.get("href") for a in views.xpath(".//a")]
    p = prefix(lang)
    assert links[:2] == [f"/{p}events/2026/11/", f"/{p}week/"]
    assert set(links[2:]) == {f"/{p}events/audience/{key}/" for key in used("audience")} | \
        {f"/{p}events/language/{code}/" for code in used("languages")}
    assert all(exists(sample_site, href) for href in links)


@pytest.mark.parametrize("lang", ["en", "es", "fa", "ko", "ar"])
@pytest.mark.parametrize(("group", "field"), [("audience", "audience"),
                                              ("language", "languages")])
def test_filter_pages_keep_their_events_and_offer_their_calendar(sample_site, lang, group,
                                                                 field):
    p = prefix(lang)
    for key in used(field):
        doc = page(sample_site, f"{p}events/{group}/{key}")
        events = {a.get("href") for a in doc.xpath(f"//*[{c('agenda-title')}]/a")}
        assert events, (group, key)
        for href in events:
            assert key in front_matter(href)[field], (group, key, href)
        [download] = doc.xpath(f"//*[{c('filter-calendar')}]//a[@type='text/calendar']")
        assert download.get("href") == f"/{p}calendars/{group}-{key}.ics"
        calendar = icalendar.Calendar.from_ical(
            (sample_site / download.get("href").lstrip("/")).read_bytes())
        summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
        assert summaries, (group, key)
        [webcal] = doc.xpath(f"//*[{c('filter-calendar')}]//a[starts-with(@href, 'webcal:')]"
                             "/@href")
        assert webcal.endswith(download.get("href"))
        heading = doc.xpath("//h1")[0].text_content()
        if group == "audience" and lang == "en":
            assert AUDIENCE_LABELS[key] in heading


def test_an_audience_page_lists_every_upcoming_meeting_of_its_events(sample_site):
    doc = page(sample_site, "events/audience/law-enforcement")
    # The dialogue series is the only one for law enforcement: each of its sessions after
    # November 26 (every other Wednesday, eight in all from October 7), the cancelled too,
    # as the series' dates in its one card.
    assert {a.get("href") for a in doc.xpath(f"//*[{c('agenda-title')}]/a")} == \
        {"/programs/community-safety-dialogue/"}
    starts = [t.get("datetime")[:10] for t in doc.xpath(f"//*[{c('agenda-item')}]//time")]
    assert starts == ["2026-12-02", "2026-12-16", "2026-12-30", "2027-01-13"]


def test_month_and_filter_pages_are_in_the_sitemap(sample_site):
    sitemap = (sample_site / "sitemap.xml").read_text()
    for month in MONTHS:
        assert f"/events/{month.year}/{month.month:02d}/</loc>" in sitemap
        assert f"/es/events/{month.year}/{month.month:02d}/</loc>" in sitemap
    assert "/fa/events/audience/residents/</loc>" in sitemap
    assert "/events/language/es/</loc>" in sitemap


def test_the_subscribe_page_offers_each_language_calendar(sample_site):
    doc = page(sample_site, "es/subscribe")
    downloads = {a.get("href") for a in doc.xpath("//a[@type='text/calendar']")}
    assert {f"/es/calendars/language-{code}.ics" for code in used("languages")} <= downloads
    headings = [h.text_content() for h in doc.xpath(f"//*[{c('calendars')}]//h3")]
    assert "En español" in headings and "En coreano" in headings
