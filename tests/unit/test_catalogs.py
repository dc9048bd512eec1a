"""Interface catalogs: complete in every language, marked with their review status."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from plaza.model.languages import language
from plaza_sources.catalogs import load_translations, read_catalog

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "theme" / "translations"
sys.path.insert(0, str(ROOT))
import pelicanconf  # noqa: E402

LOCALES = [language(code).babel_locale for code in pelicanconf.PLAZA_LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)s")
# Product names and words that read the same in some languages.
SAME_AS_ENGLISH_OK = {"Outlook", "Google Calendar", "Online", "Accessibility", "Status",
                      "Apple Calendar (iPhone, iPad, Mac)",
                      "Menu",  # Filipino interfaces say "Menu"
                      "%(rule)s, %(time)s",  # only punctuation: "Every Thursday, 6:00 PM"
                      # a line of the weekly message: only punctuation
                      "%(when)s: %(title)s", "%(when)s: %(title)s, %(place)s",
                      "Email", "Text message (SMS)"}  # Filipino and Vietnamese say "Email"


@pytest.fixture(scope="module")
def fresh_pot(tmp_path_factory) -> Path:
    """Extract the strings the templates and labels use right now, as `make i18n` does."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([sys.executable, "-c", "import sys; from scripts.i18n import extract_to; "
                    "extract_to(sys.argv[1])", str(pot)],
                   check=True, cwd=ROOT, capture_output=True)
    return pot


@pytest.fixture(scope="module")
def fresh_template(fresh_pot) -> set[tuple[str | None, str]]:
    """(context, msgid) of every string; a plural string by its singular."""
    with fresh_pot.open("rb") as handle:
        return {key(m) for m in read_po(handle) if m.id}


def key(message) -> tuple[str | None, str]:
    return (message.context, message.id[0] if isinstance(message.id, tuple) else message.id)


def forms(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def test_every_site_language_has_a_catalog():
    assert len(LOCALES) == 12
    for locale in LOCALES:
        assert read_catalog(str(TRANSLATIONS), locale) is not None, locale


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_translates_every_string_the_templates_use(locale, fresh_template):
    catalog = read_catalog(str(TRANSLATIONS), locale)
    translated = {key(m): m for m in catalog
                  if m.id and all(forms(m.string)) and m.string and not m.fuzzy}
    missing = sorted(fresh_template - set(translated), key=str)
    assert not missing, f"{locale} lacks: {missing[:5]}; run `make i18n` and translate"
    for message in translated.values():
        if isinstance(message.id, tuple):
            assert len(forms(message.string)) == catalog.num_plurals, (locale, message.id)
        expected = sorted(set().union(*(PLACEHOLDER.findall(i) for i in forms(message.id))))
        for text in forms(message.string):
            assert sorted(set(PLACEHOLDER.findall(text))) == expected, (locale, message.id)


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_messages_have_every_form_of_the_language(locale):
    catalog = read_catalog(str(TRANSLATIONS), locale)
    plurals = [m for m in catalog if m.id and isinstance(m.id, tuple)]
    assert plurals, "the series words use plural forms"
    for message in plurals:
        assert len(message.string) == catalog.num_plurals, (locale, message.id)


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_header_states_its_review_status(locale):
    header = (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").read_text().split(
        'msgid ""')[0]
    assert re.search(r"# Review status: (drafted|reviewed by a native speaker)", header)


@pytest.mark.parametrize("locale", LOCALES)
def test_strings_are_actually_translated(locale):
    catalog = read_catalog(str(TRANSLATIONS), locale)
    same = {m.id for m in catalog if m.id and m.string == m.id} - SAME_AS_ENGLISH_OK
    assert not same, f"{locale} leaves these in English: {sorted(same)[:5]}"


def test_no_compiled_catalog_can_be_stale():
    """Catalogs are compiled in memory from the .po files at every build."""
    assert not list(TRANSLATIONS.rglob("*.mo")), "remove .mo files: the build compiles .po"
    spanish = load_translations(str(TRANSLATIONS), "es_US")
    assert spanish.gettext("Skip to main content") == "Saltar al contenido principal"


def test_committed_template_is_current(fresh_pot):
    """theme/translations/messages.pot is what translation platforms (Weblate, Pontoon)
    read: it must be exactly what `make i18n` writes now, but for its creation date."""
    def without_date(path: Path) -> str:
        return re.sub(r'"POT-Creation-Date: [^"]*"\n', "", path.read_text(encoding="utf-8"))

    assert without_date(TRANSLATIONS / "messages.pot") == without_date(fresh_pot), \
        "messages.pot is out of date: run `make i18n` and commit the catalogs"


def test_ambiguous_strings_carry_a_context_and_a_note_for_translators(fresh_pot):
    with fresh_pot.open("rb") as handle:
        template = {key(m): m for m in read_po(handle) if m.id}
    for context in ("event status", "session status"):
        for label in ("Confirmed", "Tentative", "Cancelled", "Postponed"):
            assert template[(context, label)].auto_comments, (context, label)
    assert (None, "Confirmed") not in template  # one label for two nouns is gone
    assert template[("session status", "past")].auto_comments
    assert template[("page name", "Subscribe")].auto_comments
    assert (None, "Subscribe") not in template
    counts = [m for m in template.values() if isinstance(m.id, tuple)]
    assert len(counts) >= 3 and all(m.auto_comments for m in counts)


@pytest.mark.parametrize("key, expected", [
    ("residents", "Para residentes"),
    ("legal-advocates", "Para defensores legales"),
    # An audience a site added has no phrase of its own: its name, escaped, in the
    # general one.
    ("<script>alert(1)</script>", "Para &lt;script&gt;alert(1)&lt;/script&gt;"),
])
def test_an_audience_heading_is_one_translated_phrase(key, expected):
    from jinja2 import Environment

    from plaza_pelican.filters import FILTERS

    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    spanish = load_translations(str(TRANSLATIONS), "es_US")
    page = env.from_string("{{ key|audience_heading }}").render(
        key=key, translate=spanish.gettext, page_locale="es_US")
    assert page == expected
