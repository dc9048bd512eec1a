"""Interface translations: gettext catalogs (.po) compiled in memory at build time.

Compiling from the .po files on every build means a compiled catalog can never be stale.
"""

from __future__ import annotations

import io
import os

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations


def catalog_path(translations_dir: str, babel_locale: str) -> str:
    return os.path.join(translations_dir, babel_locale, "LC_MESSAGES", "messages.po")


def read_catalog(translations_dir: str, babel_locale: str) -> Catalog | None:
    path = catalog_path(translations_dir, babel_locale)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as handle:
        return read_po(handle, locale=babel_locale)


def load_translations(translations_dir: str, babel_locale: str) -> NullTranslations:
    """Translations for a locale, or the identity (English msgids) when there is none."""
    catalog = read_catalog(translations_dir, babel_locale)
    if catalog is None:
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)
