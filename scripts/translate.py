"""Start a translation: `python scripts/translate.py content/events/x.md ko`
(`make translate FILE=content/events/x.md TO=ko`).

Writes content/events/x.ko.md with only the fields a translator needs (title, summary and
the other text fields, in the original's words, ready to overwrite), then the original
text. Timing and status are left out: a translation always takes them from the original.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

import yaml

from plaza.model.models import Kind
from plaza.reading.frontmatter import parse_source
from plaza.reading.schema import FIELDS, FieldType
from plaza_cli.help import HelpFormatter
from plaza_pelican.project import settings_from

TEXT_TYPES = {FieldType.TEXT, FieldType.TEXT_LIST, FieldType.LOCATION, FieldType.SESSIONS,
              FieldType.ACTION_ITEMS}
# Categories are keys (calendar and feed names), not words for readers.
NOT_FOR_TRANSLATORS = {"image", "categories"}


def translator_fields(kind: Kind, fields: dict[str, Any]) -> dict[str, Any]:
    specs = {spec.name: spec for spec in FIELDS[kind]}
    keep: dict[str, Any] = {}
    for name, value in fields.items():
        spec = specs.get(name)
        if spec is None or spec.locked_in_translation or spec.original_only \
                or spec.type not in TEXT_TYPES or name in NOT_FOR_TRANSLATORS:
            continue
        if spec.type == FieldType.SESSIONS:
            value = [{"date": s["date"], "topic": s["topic"]} for s in value
                     if isinstance(s, dict) and s.get("topic")]
            if not value:
                continue
        keep[name] = value
    return keep


def translation_text(path: str, kind: Kind) -> str:
    with open(path, encoding="utf-8") as handle:
        source = parse_source(path, handle.read())
    fields = translator_fields(kind, source.fields)
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n{source.body.lstrip()}"


def kind_of(path: str) -> Kind:
    parts = os.path.normpath(path).split(os.sep)
    for kind in Kind:
        if kind.value in parts:
            return kind
    raise SystemExit(f"{path} is not inside a content folder "
                     f"({', '.join(k.value for k in Kind)})")


def language_problem(lang: str, settings: dict[str, Any]) -> str:
    """Why ``lang`` cannot be translated into ('' if it can): it must be one the site is
    published in, and not the original's (a stray shell $LANG such as en_US.UTF-8 is
    neither)."""
    configured = [str(code) for code in settings.get("PLAZA_LANGUAGES", ())]
    default = str(settings.get("DEFAULT_LANG", ""))
    if lang not in configured:
        return (f"'{lang}' is not one of the site's languages; use one of: "
                f"{', '.join(configured)} (a new one is added to PLAZA_LANGUAGES in the "
                "settings)")
    if lang == default:
        return f"'{lang}' is the language originals are written in; choose another"
    return ""


DESCRIPTION = """\
Start a translation of one content file. This writes a new file next to the original
(content/events/town-hall.ko.md for Korean) with the words to translate, copied from
the original and ready to be written over. Dates, times and places are not copied:
a translation always takes them from the original.
"""
EXAMPLES = """\
examples:
  %(prog)s content/events/town-hall.md ko       start a Korean translation
  %(prog)s content/faq/residents.md zh-Hant     start a Traditional Chinese one
"""


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=HelpFormatter)
    parser.add_argument("file", help="the original, e.g. content/events/town-hall.md")
    parser.add_argument("lang", help="the language code, e.g. ko, zh-Hant, fa")
    parser.add_argument("--settings", default="pelicanconf.py",
                        help="the settings file (default: pelicanconf.py)")
    args = parser.parse_args(argv)
    problem = language_problem(args.lang, settings_from(args.settings))
    if problem:
        print(f"TO={args.lang}: {problem}", file=sys.stderr)
        return 2
    stem, ext = os.path.splitext(args.file)
    if "." in os.path.basename(stem) or ext != ".md":
        print(f"{args.file}: give the original file (name.md), not a translation",
              file=sys.stderr)
        return 1
    target = f"{stem}.{args.lang}.md"
    if os.path.exists(target):
        print(f"{target} already exists; edit it instead", file=sys.stderr)
        return 1
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(translation_text(args.file, kind_of(args.file)))
    print(f"Created {target}. Translate the text after each field name and the text "
          "below the second '---' line, then run `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
