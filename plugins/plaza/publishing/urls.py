"""Where each page and file of the site lives, per language. One place decides."""

from __future__ import annotations

from dataclasses import dataclass

from plaza.model.models import Kind


@dataclass(frozen=True)
class Urls:
    """Paths (no leading slash, directories end in '/') for one language of the site."""

    prefix: str  # '' for the default language, 'es/' for Spanish

    @classmethod
    def for_language(cls, lang: str, default_lang: str) -> Urls:
        return cls("" if lang == default_lang else f"{lang.lower()}/")

    def home(self) -> str:
        return self.prefix

    def item(self, kind: Kind, item_id: str) -> str:
        if kind == Kind.PAGE:
            return f"{self.prefix}{item_id}/"
        return f"{self.prefix}{kind}/{item_id}/"

    def item_ics(self, kind: Kind, item_id: str) -> str:
        return f"{self.item(kind, item_id)}{item_id}.ics"

    def listing(self, kind: Kind) -> str:
        return f"{self.prefix}{kind}/"

    # Short names for templates.
    def listing_events(self) -> str:
        return self.listing(Kind.EVENT)

    def listing_programs(self) -> str:
        return self.listing(Kind.PROGRAM)

    def listing_notes(self) -> str:
        return self.listing(Kind.NOTES)

    def listing_faq(self) -> str:
        return self.listing(Kind.FAQ)

    def past_events(self) -> str:
        return f"{self.prefix}events/past/"

    def month(self, year: int, month: int) -> str:
        """A month's calendar page: events/2027/01/."""
        return f"{self.prefix}events/{year:04d}/{month:02d}/"

    def events_for_audience(self, audience: str) -> str:
        """Upcoming events for one audience: events/audience/residents/."""
        return f"{self.prefix}events/audience/{audience}/"

    def events_in_language(self, code: str) -> str:
        """Upcoming events held in or interpreted into one language: events/language/es/."""
        return f"{self.prefix}events/language/{code}/"

    def numbered(self, first: str, number: int) -> str:
        """Page ``number`` of a list whose first page is ``first``: events/page/2/."""
        return first if number == 1 else f"{first}page/{number}/"

    def search(self) -> str:
        return f"{self.prefix}search/"

    def help(self) -> str:
        return f"{self.prefix}help/"

    def week(self) -> str:
        """This week's events as a message to forward: week/."""
        return f"{self.prefix}week/"

    def week_text(self) -> str:
        """The same message as a plain-text file, beside its page."""
        return f"{self.week()}week.txt"

    def subscribe(self) -> str:
        return f"{self.prefix}subscribe/"

    def calendar(self, group: str = "all", key: str = "") -> str:
        name = f"{group}-{key}" if key else group
        return f"{self.prefix}calendars/{name}.ics"

    def feed(self, name: str, fmt: str) -> str:
        return f"{self.prefix}feeds/{name}.{fmt}"

    def translations_report(self) -> str:
        return f"{self.prefix}translations/"


def output_file(path: str) -> str:
    """The file a path is written to: directories get an index.html."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path
