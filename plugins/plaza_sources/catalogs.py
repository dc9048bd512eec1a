"""Interface translations: gettext catalogs (.po) compiled in memory at build time.

Compiling from the .po files on every build means a compiled catalog can never be stale.
Two sets of catalogs are read, in the same layout (``<locale>/LC_MESSAGES/messages.po``):
the theme's, for Plaza's own words, and the site's (``content/translations/``), for the
words a site's settings add, such as its category labels. A site's catalog wins where
both translate a string (as a Hugo site's ``i18n/`` folder overrides its theme's).
"""

from __future__ import annotations

import io
import os
import re

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from plaza.model.problems import ProblemLog, shown_name
from plaza.reading.plaintext import markup_problem
from plaza_sources.safe_files import (
    MAX_CONTENT_BYTES,
    UnsafeFile,
    file_problem,
    inside,
    read_bounded,
)

RE_PLACEHOLDER = re.compile(r"%\(\w+\)s")


def site_catalogs(content_root: str) -> str:
    """Where a site keeps the catalogs of its own words."""
    return os.path.join(content_root, "translations")


def catalog_path(translations_dir: str, babel_locale: str) -> str:
    return os.path.join(translations_dir, babel_locale, "LC_MESSAGES", "messages.po")


def read_catalog(translations_dir: str, babel_locale: str) -> Catalog | None:
    path = catalog_path(translations_dir, babel_locale)
    if not os.path.exists(path):
        return None
    return _parse(path, babel_locale, os.path.realpath(translations_dir))


def _parse(path: str, babel_locale: str, root: str) -> Catalog:
    """A catalog read as any file of a pull request is (see ``safe_files``)."""
    problem = file_problem(path, root)
    if problem:
        raise UnsafeFile(problem)
    data = read_bounded(path, MAX_CONTENT_BYTES)
    return read_po(io.BytesIO(data), locale=babel_locale, abort_invalid=True)


def check_catalogs(translations_dir: str, babel_locales: list[str], shown_base: str,
                   log: ProblemLog) -> None:
    """A site's catalogs come in pull requests: each must read, keep every placeholder of
    its English string (a missing one would stop the build), and hold text, not markup."""
    for locale in babel_locales:
        path = catalog_path(translations_dir, locale)
        if not os.path.lexists(path):
            continue
        shown = os.path.relpath(path, shown_base)
        try:
            catalog = _parse(path, locale, os.path.realpath(translations_dir))
        except (UnsafeFile, PoFileError, UnicodeDecodeError, ValueError) as error:
            log.add(shown, 1, "", f"this catalog cannot be read ({error}); fix the file or "
                    "restore it from git")
            continue
        for message in catalog:
            if message.id and isinstance(message.string, str) and message.string:
                _check_message(shown, message.id, message.string, message.lineno or 1, log)


def check_site_catalogs(content_root: str, babel_locales: list[str], shown_base: str,
                        log: ProblemLog) -> None:
    """The site's own catalogs (content/translations/) come in pull requests too: read
    only from inside the content folder, and compiled as the build compiles them (a
    plural-forms expression gettext refuses, an unknown charset) before anything else
    needs them."""
    folder = site_catalogs(content_root)
    if not os.path.lexists(folder):
        return
    if not inside(os.path.realpath(folder), os.path.realpath(content_root)):
        log.add(shown_name(os.path.relpath(folder, shown_base)), 1, "", "is a link to a "
                "folder outside the content folder; move the files here instead")
        return
    for locale in babel_locales:
        path = catalog_path(folder, locale)
        if not os.path.lexists(path):
            continue
        before = len(log.problems)
        try:
            check_catalogs(folder, [locale], shown_base, log)
            if len(log.problems) == before:
                load_translations(folder, locale)
        except Exception as error:  # noqa: BLE001 - Babel and gettext fail in many ways
            summary = " ".join(str(error).split())[:200] or type(error).__name__
            log.add(shown_name(os.path.relpath(path, shown_base)), 1, "",
                    f"this catalog cannot be read ({summary}); fix the file or restore it "
                    "from git")


def _check_message(shown: str, msgid: object, msgstr: str, line: int,
                   log: ProblemLog) -> None:
    english = msgid if isinstance(msgid, str) else str(msgid)
    if sorted(RE_PLACEHOLDER.findall(english)) != sorted(RE_PLACEHOLDER.findall(msgstr)):
        log.add(shown, line, "msgstr", "the translation must keep every placeholder of "
                f"the English text ({', '.join(RE_PLACEHOLDER.findall(english)) or 'none'}), "
                "unchanged")
    problem = markup_problem(msgstr)
    if problem:
        log.add(shown, line, "msgstr", problem)


def load_translations(translations_dir: str, babel_locale: str,
                      site_dir: str | None = None) -> NullTranslations:
    """Translations for a locale (the site's first, then the theme's), or the identity
    (English msgids) when there are none."""
    return translations_of(compiled(translations_dir, babel_locale),
                           compiled(site_dir, babel_locale) if site_dir else None)


def translations_of(theme: bytes | None, site: bytes | None) -> NullTranslations:
    """Translations from compiled catalogs (``compiled``): the site's, falling back to the
    theme's."""
    theme_translations = Translations(io.BytesIO(theme)) if theme is not None else None
    if site is None:
        return theme_translations or NullTranslations()
    site_translations = Translations(io.BytesIO(site))
    if theme_translations is not None:
        site_translations.add_fallback(theme_translations)
    return site_translations


def compiled(translations_dir: str, babel_locale: str) -> bytes | None:
    """A locale's catalog compiled (the bytes of a .mo file), or None when there is none."""
    catalog = read_catalog(translations_dir, babel_locale)
    if catalog is None:
        return None
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()
