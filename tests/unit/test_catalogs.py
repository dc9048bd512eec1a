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
                      "%(rule)s, %(time)s"}  # only punctuation: "Every Thursday, 6:00 PM"


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory) -> set[str]:
    """Extract the strings the templates and labels use right now."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "babel.cfg", "-k", "N_", "-o", str(pot), "plugins/plaza", "theme/templates"],
                   check=True, cwd=ROOT, capture_output=True)
    with pot.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def test_every_site_language_has_a_catalog():
    assert len(LOCALES) == 12
    for locale in LOCALES:
        assert read_catalog(str(TRANSLATIONS), locale) is not None, locale


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_translates_every_string_the_templates_use(locale, fresh_template):
    catalog = read_catalog(str(TRANSLATIONS), locale)
    translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(fresh_template - set(translated))
    assert not missing, f"{locale} lacks: {missing[:5]}; run `make i18n` and translate"
    for msgid, text in translated.items():
        # A plural message: every form of the language says what the plural msgid says.
        wanted = sorted(PLACEHOLDER.findall(msgid[-1] if isinstance(msgid, tuple) else msgid))
        forms = text if isinstance(text, tuple) else (text,)
        assert all(form for form in forms), (locale, msgid, "a plural form is empty")
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == wanted, (locale, msgid, form)


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


def test_committed_template_lists_the_same_strings(fresh_template):
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    assert committed == fresh_template, "run `make i18n` to refresh messages.pot"
