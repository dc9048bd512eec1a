"""Plural forms: every catalog's Plural-Forms header is the standard gettext rule for its
language, checked against Babel's CLDR plural rules, and every ngettext string reads in
every language for the counts where languages differ (0, 1, 2, 5, 11, 100)."""

from __future__ import annotations

import gettext
import re
import sys
from pathlib import Path

import pytest
from babel import Locale

from plaza.model.languages import language
from plaza_sources.catalogs import load_translations, read_catalog

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "theme" / "translations"
sys.path.insert(0, str(ROOT))
import pelicanconf  # noqa: E402

LOCALES = [language(code).babel_locale for code in pelicanconf.PLAZA_LANGUAGES if code != "en"]
COUNTS = (0, 1, 2, 5, 11, 100)
RE_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Whole counts a page can show: enough to meet every integer rule of every language
# (ru's 11-14, ar's 3-10 and 11-99 by the hundred, fil's last digits 4, 6 and 9).
WHOLE_NUMBERS = range(0, 1001)


def plural_header(locale: str) -> str:
    catalog = read_catalog(str(TRANSLATIONS), locale)
    assert catalog is not None
    return str(dict(catalog.mime_headers)["Plural-Forms"])


def plural_function(header: str) -> tuple[int, object]:
    match = re.fullmatch(r"nplurals=(\d+); plural=(.+);", header.strip())
    assert match, f"not a gettext Plural-Forms header: {header!r}"
    return int(match[1]), gettext.c2py(match[2])


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_forms_follow_the_languages_plural_rules(locale):
    """The header's form for each whole number is one-to-one with Babel's CLDR category:
    no category split over two forms, no two categories sharing one, none unused."""
    nplurals, plural = plural_function(plural_header(locale))
    rule = Locale.parse(locale).plural_form
    form_of: dict[str, int] = {}
    for n in WHOLE_NUMBERS:
        category, form = rule(n), plural(n)  # type: ignore[operator]
        assert 0 <= form < nplurals, (locale, n, form)
        assert form_of.setdefault(category, form) == form, \
            f"{locale}: {n} is '{category}' but takes form {form}, not {form_of[category]}"
    assert sorted(form_of.values()) == list(range(nplurals)), \
        f"{locale}: forms {form_of} for nplurals={nplurals}; use the standard rule"


def test_the_rules_are_the_usual_ones_where_languages_were_wrong_before():
    assert plural_header("fa_IR") == "nplurals=2; plural=(n > 1);"
    assert plural_header("hy_AM") == "nplurals=2; plural=(n > 1);"
    _, filipino = plural_function(plural_header("fil_PH"))
    assert [filipino(n) for n in (1, 2, 3, 4, 5, 6, 9, 10, 14)] == [0, 0, 0, 1, 0, 1, 1, 0, 1]  # type: ignore[operator]
    _, arabic = plural_function(plural_header("ar"))
    assert [arabic(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 111)] == \
        [0, 1, 2, 3, 3, 4, 4, 5, 5, 4]  # type: ignore[operator]


def plural_messages(locale: str) -> list[tuple[str | None, str, str, tuple[str, ...]]]:
    catalog = read_catalog(str(TRANSLATIONS), locale)
    assert catalog is not None
    found = [(m.context, m.id[0], m.id[1], tuple(m.string)) for m in catalog
             if isinstance(m.id, tuple)]
    assert found, "the interface has plural strings (the translation status counts)"
    return found


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("n", COUNTS)
def test_every_plural_string_reads_for_every_count(locale, n):
    translations = load_translations(str(TRANSLATIONS), locale)
    for context, singular, plural, forms in plural_messages(locale):
        assert all(forms) and len(set(forms) & {singular, plural}) == 0, (locale, singular)
        text = (translations.npgettext(context, singular, plural, n) if context
                else translations.ngettext(singular, plural, n))
        assert text and text not in (singular, plural), (locale, n, singular)
        names = set(RE_PLACEHOLDER.findall(singular)) | set(RE_PLACEHOLDER.findall(plural))
        values = {name: f"<{name}:{n}>" for name in names}
        shown = text % values
        # Every form keeps the numbers it is about, so no count is ever left out.
        for name in names:
            assert values[name] in shown, (locale, n, singular, text)
        # No English left in: no run of three English words ("is out of", "items
        # translated") appears, whichever form the count picks.
        assert not english_runs(singular % values, plural % values) & english_runs(shown), \
            (locale, shown)


def english_runs(*texts: str) -> set[tuple[str, ...]]:
    found = set()
    for text in texts:
        words = re.findall(r"[A-Za-z]+", RE_PLACEHOLDER.sub(" ", text))
        found |= {tuple(words[i:i + 3]) for i in range(len(words) - 2)}
    return found
