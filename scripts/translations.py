"""Print, per language, the content with no translation, the stale translations and the
partial ones, then check every translation against the glossary.

`python scripts/translations.py [settings.py]` (`make translations`). A translation is
stale when git shows its original changed after the translation last did, and partial
when it has fewer paragraphs, list items or FAQ questions than its original. The
glossary check (theme/translations/glossary.csv) reads every interface catalog and every
content translation, and fails when one uses a term's English original where the
glossary says to translate it, or a rendering the glossary rules out.
"""

from __future__ import annotations

import argparse
import os
import sys

from plaza.model.languages import language
from plaza.model.problems import ContentError, Problem
from plaza.publishing.translation_status import format_report, translation_report
from plaza.reading.glossary import Glossary, GlossaryError, check_text, parse_glossary
from plaza_cli.help import HelpFormatter
from plaza_pelican.commands import report
from plaza_pelican.project import loaded, open_project
from plaza_sources.catalogs import catalog_path, read_catalog, site_catalogs

GLOSSARY = os.path.join("translations", "glossary.csv")  # in the theme


def glossary_of(theme: str) -> tuple[Glossary | None, list[Problem]]:
    path = os.path.join(theme, GLOSSARY)
    if not os.path.exists(path):
        return None, []
    try:
        with open(path, encoding="utf-8") as handle:
            return parse_glossary(handle.read()), []
    except UnicodeDecodeError:
        return None, [Problem(path, 1, "", "this file is not UTF-8 text; save it again as "
                              "CSV (UTF-8)")]
    except GlossaryError as error:
        return None, [Problem(path, error.line, "", str(error).split(": ", 1)[1])]


def catalog_problems(glossary: Glossary, folder: str, lang: str, base: str) -> list[Problem]:
    locale = language(lang).babel_locale
    catalog = read_catalog(folder, locale)
    if catalog is None:
        return []
    path = catalog_path(folder, locale)
    shown = os.path.relpath(path, base)
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().splitlines()
    found = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        forms = message.string if isinstance(message.string, tuple | list) else [message.string]
        where = msgstr_lines(lines, message.lineno or 1)
        for index, text in enumerate(forms):
            line = where[index] if index < len(where) else message.lineno or 1
            found += check_text(glossary, lang, text, shown, line, interface=True)
    return found


def msgstr_lines(lines: list[str], msgid_line: int) -> list[int]:
    """The lines (from 1) of a message's msgstr, or of each msgstr[n]: the translation a
    problem is about, not the English above it."""
    found = []
    for number in range(msgid_line, len(lines) + 1):
        text = lines[number - 1]
        if not text.strip():
            break
        if text.startswith("msgstr"):
            found.append(number)
    return found


def content_problems(glossary: Glossary, content: str, languages: list[str],
                     base: str) -> list[Problem]:
    """Every content translation: a file named ``<id>.<lang>.md``."""
    found = []
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        for name in sorted(files):
            parts = name.split(".")
            if len(parts) != 3 or parts[2] != "md" or parts[1] not in languages:
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
            found += check_text(glossary, parts[1], text, os.path.relpath(path, base))
    return found


def glossary_problems(theme: str, content: str, languages: list[str],
                      base: str) -> list[Problem]:
    """The glossary check of every catalog (the theme's and the site's) and every content
    translation in ``languages`` (the site's, but its default)."""
    glossary, problems = glossary_of(theme)
    if glossary is None:
        return problems
    for lang in languages:
        for folder in (os.path.join(theme, "translations"), site_catalogs(content)):
            problems += catalog_problems(glossary, folder, lang, base)
    return problems + content_problems(glossary, content, languages, base)

DESCRIPTION = """\
List, for each language of the site, the content that has no translation yet, the
translations that are out of date (their original changed after they were written) and
those shorter than their original; then check every translation against the glossary
(theme/translations/glossary.csv) and say which words to use instead.
"""
EXAMPLES = """\
examples:
  %(prog)s                  list for the site in pelicanconf.py
"""


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=HelpFormatter)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py",
                        help="the settings file (default: pelicanconf.py)")
    settings = parser.parse_args(argv).settings
    try:
        project = open_project(settings)
        site = loaded(project).site
    except ContentError as error:
        report(error.problems)
        return 1
    print(format_report(translation_report(site)))
    config = site.config
    base = os.path.dirname(os.path.abspath(settings))
    problems = glossary_problems(project.theme, project.content,
                                 [lang for lang in config.languages
                                  if lang != config.default_lang], base)
    for problem in problems:
        print(problem, file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(problem.github_annotation(), file=sys.stderr)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"\n{len(problems)} glossary {noun}: use the approved rendering, and read the "
              "term's note in theme/translations/glossary.csv", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
