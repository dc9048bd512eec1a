"""Interface translations: `python scripts/i18n.py extract|update|status`.

extract  collect every template and label string into theme/translations/messages.pot,
         and the words the site's settings add (category labels) into
         content/translations/messages.pot
update   extract, then merge new strings into each language's messages.po (keeps work done)
status   print, per language, how many strings are translated
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import UTC, datetime

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "plugins"))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.pofile import write_po  # noqa: E402

from plaza.model.config import SiteConfig  # noqa: E402
from plaza.model.languages import language  # noqa: E402
from plaza_sources.catalogs import catalog_path, read_catalog, site_catalogs  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRANSLATIONS = os.path.join(ROOT, "theme", "translations")
POT = os.path.join(TRANSLATIONS, "messages.pot")


SITE_HEADER = """\
# This site's own words (category labels): %(locale)s.
# Review status: drafted. Not yet reviewed by a native speaker. See TRANSLATING.md."""


def site_settings() -> dict[str, object]:
    sys.path.insert(0, ROOT)
    import pelicanconf  # the sample site's languages are the catalogs we keep

    return {key: getattr(pelicanconf, key) for key in dir(pelicanconf) if key.isupper()}


def site_locales() -> list[str]:
    settings = site_settings()
    return [language(code).babel_locale for code in settings["PLAZA_LANGUAGES"]  # type: ignore
            if code != settings["DEFAULT_LANG"]]


def site_folder() -> str:
    return site_catalogs(os.path.join(ROOT, str(site_settings()["PATH"])))


def site_template() -> Catalog:
    config = SiteConfig.from_settings(site_settings(), datetime(2000, 1, 1, tzinfo=UTC))
    template = Catalog(project="Plaza site", copyright_holder="Plaza contributors",
                       creation_date=datetime(2000, 1, 1, tzinfo=UTC))
    for message in config.site_strings():
        template.add(message, locations=[("pelicanconf.py", 0)])
    return template


def write_catalog(path: str, catalog: Catalog) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=0, omit_header=False, include_lineno=False)


def update_site() -> None:
    """The site's own words: a template from the settings, merged into each catalog."""
    folder = site_folder()
    template = site_template()
    write_catalog(os.path.join(folder, "messages.pot"), template)
    for locale in site_locales():
        catalog = read_catalog(folder, locale) or Catalog(
            locale=locale, project="Plaza site", fuzzy=False, header_comment=SITE_HEADER % {
                "locale": locale})
        catalog.update(template, no_fuzzy_matching=True)
        write_catalog(catalog_path(folder, locale), catalog)


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True,
                   cwd=ROOT)


# N_(message) and NP_(context, message) mark labels in plugins/plaza (the defaults cover
# _, gettext, ngettext, pgettext, npgettext); "# Translators:" and "{# Translators: #}"
# comments reach the catalogs as notes for translators.
EXTRACT_OPTIONS = ("-F", "babel.cfg", "-k", "N_", "-k", "NP_:1c,2", "-c", "Translators:",
                   "--sort-by-file", "--no-wrap", "--project", "Plaza",
                   "--copyright-holder", "Plaza contributors")
EXTRACT_FROM = ("plugins/plaza", "theme/templates")


def extract_to(path: str) -> None:
    """Write the interface template (what `make i18n` keeps in messages.pot) to ``path``."""
    pybabel("extract", *EXTRACT_OPTIONS, "-o", path, *EXTRACT_FROM)


def extract() -> None:
    os.makedirs(TRANSLATIONS, exist_ok=True)
    extract_to(POT)


def update() -> None:
    extract()
    update_site()
    for locale in site_locales():
        command = "update" if os.path.exists(catalog_path(TRANSLATIONS, locale)) else "init"
        # No fuzzy matching: a guessed translation of a similar string reads as done in
        # some editors, and for this audience a near miss is a wrong statement.
        extra = ["--no-wrap", "--no-fuzzy-matching"] if command == "update" else []
        pybabel(command, "-i", POT, "-d", TRANSLATIONS, "-l", locale, *extra)


def status() -> None:
    for locale in site_locales():
        counts = []
        for folder in (TRANSLATIONS, site_folder()):
            catalog = read_catalog(folder, locale)
            messages = [m for m in catalog if m.id] if catalog else []
            # A plural string is translated when every one of its forms is.
            done = sum(1 for m in messages if not m.fuzzy and m.string and all(
                m.string if isinstance(m.string, tuple | list) else [m.string]))
            counts.append(f"{done}/{len(messages)}" if catalog else "missing")
        print(f"{locale:12} interface {counts[0]} translated, site {counts[1]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["extract", "update", "status"])
    {"extract": extract, "update": update, "status": status}[parser.parse_args().command]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
