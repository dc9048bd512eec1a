"""Typed site settings, read once from Pelican's settings dictionary (or any mapping)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

DEFAULT_AUDIENCES = ("residents", "community-leaders", "legal-advocates", "local-government",
                     "law-enforcement", "service-providers")
DEFAULT_ACCESSIBILITY = ("wheelchair", "asl", "captions", "childcare", "interpretation",
                         "quiet-room", "parking", "transit")


@dataclass(frozen=True)
class HelpLine:
    """A number to call in the help block: an English label (a msgid) and the number as
    people dial it (``211``, ``+1 888 624 4752``)."""

    label: str
    number: str

    @property
    def tel(self) -> str:
        """The number as a ``tel:`` link: digits, and a leading + for an international one."""
        digits = "".join(c for c in self.number if c.isdigit())
        return f"tel:{'+' if self.number.lstrip().startswith('+') else ''}{digits}"


HELP_KINDS = {"faq": "faq", "page": "pages", "event": "events", "program": "programs",
              "notes": "notes"}


@dataclass(frozen=True)
class HelpLink:
    """A link in the help block to a page of the site: ``faq:residents#agents-at-the-door``
    (kind, id and, for a question, its anchor), shown in the reader's language."""

    label: str
    target: str

    @property
    def kind(self) -> str:
        """The content folder of the target (a ``Kind`` value: ``faq``, ``pages``…)."""
        return HELP_KINDS.get(self.target.partition(":")[0], "")

    @property
    def item_id(self) -> str:
        return self.target.partition(":")[2].partition("#")[0]

    @property
    def anchor(self) -> str:
        return self.target.partition("#")[2]


@dataclass(frozen=True)
class SiteConfig:
    site_name: str
    site_url: str
    organization: str
    default_lang: str
    languages: tuple[str, ...]
    timezone: str
    audiences: tuple[str, ...] = DEFAULT_AUDIENCES
    accessibility: tuple[str, ...] = DEFAULT_ACCESSIBILITY
    # Topics: (id, English label) pairs; labels are translated through the catalogs.
    categories: tuple[tuple[str, str], ...] = ()
    footer_pages: tuple[str, ...] = ("resources", "about", "privacy")
    # Pages linked in the main navigation, after Plaza's own lists.
    nav_pages: tuple[str, ...] = ()
    # The help block: first on the home page, one tap from every page (/help/).
    help_lines: tuple[HelpLine, ...] = ()
    help_links: tuple[HelpLink, ...] = ()
    settings_file: str = "pelicanconf.py"  # where problems with the settings are shown
    # The privacy guard (see privacy.py).
    allowed_contacts: tuple[str, ...] = ()
    owners_are_roles: bool = True
    allowed_image_metadata: tuple[str, ...] = ()
    feed_max_items: int = 50
    # Rows on one page of the event and notes lists: long lists stay light on old phones.
    list_page_size: int = 50
    calendar_past_months: int = 12
    recurrence_horizon_days: int = 400
    # Part of every calendar UID. Set it once and never change it: a new namespace makes
    # every subscriber's calendar show each event twice.
    uid_namespace: str = "plaza"
    use_git_dates: bool = True
    source_date_epoch: int | None = None
    now: datetime = field(default_factory=lambda: datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC")))

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.categories)

    def site_strings(self) -> list[str]:
        """The English words the settings add, which the site's own catalogs translate."""
        return list(dict.fromkeys([*(label for _, label in self.categories),
                                   *(line.label for line in self.help_lines),
                                   *(link.label for link in self.help_links)]))

    def category_label(self, key: str) -> str:
        """A category's English label (a msgid); an unknown key shows as written."""
        return dict(self.categories).get(key, key)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any], now: datetime) -> SiteConfig:
        default_lang = settings.get("DEFAULT_LANG", "en")
        languages = tuple(settings.get("PLAZA_LANGUAGES") or (default_lang,))
        if default_lang not in languages:
            languages = (default_lang, *languages)
        epoch = settings.get("SOURCE_DATE_EPOCH")
        config = cls(
            site_name=settings.get("SITENAME", "Plaza"),
            site_url=str(settings.get("PLAZA_PUBLIC_URL") or settings.get("SITEURL", "")),
            organization=settings.get("PLAZA_ORGANIZATION", settings.get("SITENAME", "Plaza")),
            default_lang=default_lang,
            languages=languages,
            timezone=settings.get("TIMEZONE", "UTC"),
            audiences=tuple(settings.get("PLAZA_AUDIENCES", DEFAULT_AUDIENCES)),
            accessibility=tuple(settings.get("PLAZA_ACCESSIBILITY", DEFAULT_ACCESSIBILITY)),
            categories=tuple((str(key), str(label)) for key, label in
                             dict(settings.get("PLAZA_CATEGORIES") or {}).items()),
            footer_pages=_page_ids(settings.get("PLAZA_FOOTER_PAGES",
                                                ("resources", "about", "privacy"))),
            nav_pages=_page_ids(settings.get("PLAZA_NAV_PAGES")),
            **_help_of(settings.get("PLAZA_HELP")),
            settings_file=str(settings.get("PLAZA_SETTINGS_FILE") or "pelicanconf.py"),
            allowed_contacts=tuple(settings.get("PLAZA_ALLOWED_CONTACTS", ())),
            owners_are_roles=bool(settings.get("PLAZA_OWNERS_ARE_ROLES", True)),
            allowed_image_metadata=tuple(settings.get("PLAZA_ALLOW_IMAGE_METADATA", ())),
            feed_max_items=int(settings.get("PLAZA_FEED_MAX_ITEMS", 50)),
            list_page_size=max(1, int(settings.get("PLAZA_LIST_PAGE_SIZE", 50))),
            calendar_past_months=int(settings.get("PLAZA_CALENDAR_PAST_MONTHS", 12)),
            recurrence_horizon_days=int(settings.get("PLAZA_RECURRENCE_HORIZON_DAYS", 400)),
            uid_namespace=str(settings.get("PLAZA_UID_NAMESPACE")
                              or _slug(settings.get("SITENAME", "plaza"))),
            use_git_dates=bool(settings.get("PLAZA_GIT_DATES", True)),
            source_date_epoch=int(epoch) if epoch not in (None, "") else None,
            now=now,
        )
        problems = settings_problems(config)
        if problems:
            raise SettingsError(problems)
        return config


class SettingsError(ValueError):
    """Settings that would put a value Plaza cannot trust into addresses or file names:
    (setting, what is wrong) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{name}: {message}" for name, message in problems))


RE_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
RE_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def settings_problems(config: SiteConfig) -> list[tuple[str, str]]:
    """Values that name files and addresses (calendars/audience-<key>.ics, /<lang>/…)
    must be plain keys: nothing a path could climb out with."""
    problems = []
    for setting, keys in (("PLAZA_AUDIENCES", config.audiences),
                          ("PLAZA_ACCESSIBILITY", config.accessibility),
                          ("PLAZA_CATEGORIES", config.category_ids)):
        problems += [(setting, f"'{key}' is not a key; use lower-case letters, digits and "
                      "'-'") for key in keys if not RE_KEY.match(key)]
    problems += [("PLAZA_LANGUAGES", f"'{code}' is not a language code such as es, zh-Hant "
                  "or fa") for code in config.languages if not RE_LANGUAGE.match(code)]
    for setting, pages in (("PLAZA_NAV_PAGES", config.nav_pages),
                           ("PLAZA_FOOTER_PAGES", config.footer_pages)):
        problems += [(setting, f"'{page}' is not a page id (the file name of a page in "
                      "content/pages/ without .md); write a list such as ['about']")
                     for page in pages if not RE_KEY.match(page)]
    problems += _help_problems(config)
    if not RE_KEY.match(config.uid_namespace.lower()):
        problems.append(("PLAZA_UID_NAMESPACE", f"'{config.uid_namespace}' must be a short "
                         "key of letters, digits and '-'"))
    return problems


RE_PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{1,24}$")
RE_HELP_TARGET = re.compile(r"^(faq|page|event|program|notes):[a-z0-9][a-z0-9-]{0,79}"
                            r"(#[A-Za-z0-9_-]{1,80})?$")
HELP_SHAPE = ("PLAZA_HELP = {'phones': [{'label': 'Community services', 'number': '211'}], "
              "'links': [{'label': 'If agents come', 'to': 'faq:residents#agents'}]}")


def _page_ids(setting: Any) -> tuple[str, ...]:
    """A list of page ids as written; one id without brackets is a list of one, and
    anything else is kept as written for ``settings_problems`` to refuse."""
    if not setting:
        return ()
    if isinstance(setting, (list, tuple)):
        return tuple(str(page) for page in setting)
    return (str(setting),)


def _help_of(setting: Any) -> dict[str, tuple[Any, ...]]:
    """PLAZA_HELP's phones and links, as written; ``settings_problems`` says what is
    wrong with them. A shape that is not a mapping of lists of mappings is kept as an
    entry ``settings_problems`` refuses, so the message can show the right shape."""
    if not setting:
        return {"help_lines": (), "help_links": ()}
    if not isinstance(setting, Mapping):
        return {"help_lines": (HelpLine("", ""),), "help_links": ()}

    def entries(name: str) -> list[Mapping[str, Any]]:
        found = setting.get(name) or []
        if not isinstance(found, (list, tuple)):
            return [{}]
        return [entry if isinstance(entry, Mapping) else {} for entry in found]

    return {"help_lines": tuple(HelpLine(str(e.get("label", "")), str(e.get("number", "")))
                                for e in entries("phones")),
            "help_links": tuple(HelpLink(str(e.get("label", "")), str(e.get("to", "")))
                                for e in entries("links"))}


def _help_problems(config: SiteConfig) -> list[tuple[str, str]]:
    problems = []
    for number, line in enumerate(config.help_lines, start=1):
        if not line.label.strip() or not RE_PHONE.match(line.number):
            problems.append(("PLAZA_HELP", f"phone {number} needs a 'label' and a 'number' "
                             f"of digits, spaces and +()-. (got {line.number!r}); write it "
                             f"like {HELP_SHAPE}"))
    for number, link in enumerate(config.help_links, start=1):
        if not link.label.strip() or not RE_HELP_TARGET.match(link.target):
            problems.append(("PLAZA_HELP", f"link {number} needs a 'label' and a 'to' such as "
                             f"'faq:residents#agents' or 'page:resources' (got "
                             f"{link.target!r}); write it like {HELP_SHAPE}"))
    return problems


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) or "plaza"
