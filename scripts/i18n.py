"""Interface translations: `python scripts/i18n.py extract|update|status`.

extract  collect every template and label string into theme/translations/messages.pot
update   extract, then merge new strings into each language's messages.po (keeps work done)
status   print, per language, how many strings are translated
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "plugins"))

from plaza.catalogs import catalog_path, read_catalog  # noqa: E402
from plaza.languages import language  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRANSLATIONS = os.path.join(ROOT, "theme", "translations")
POT = os.path.join(TRANSLATIONS, "messages.pot")


def site_locales() -> list[str]:
    sys.path.insert(0, ROOT)
    import pelicanconf  # the sample site's languages are the catalogs we keep

    return [language(code).babel_locale for code in pelicanconf.PLAZA_LANGUAGES
            if code != pelicanconf.DEFAULT_LANG]


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True,
                   cwd=ROOT)


def extract() -> None:
    os.makedirs(TRANSLATIONS, exist_ok=True)
    pybabel("extract", "-F", "babel.cfg", "-k", "N_", "--sort-by-file", "--no-wrap",
            "--project", "Plaza", "--copyright-holder", "Plaza contributors",
            "-o", POT, "plugins/plaza", "theme/templates")


def update() -> None:
    extract()
    for locale in site_locales():
        command = "update" if os.path.exists(catalog_path(TRANSLATIONS, locale)) else "init"
        extra = ["--no-wrap"] if command == "update" else []
        pybabel(command, "-i", POT, "-d", TRANSLATIONS, "-l", locale, *extra)


def status() -> None:
    for locale in site_locales():
        catalog = read_catalog(TRANSLATIONS, locale)
        if catalog is None:
            print(f"{locale:12} missing")
            continue
        messages = [m for m in catalog if m.id]
        done = sum(1 for m in messages if m.string and not m.fuzzy)
        print(f"{locale:12} {done}/{len(messages)} translated")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["extract", "update", "status"])
    {"extract": extract, "update": update, "status": status}[parser.parse_args().command]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
