"""The translation glossary: one approved rendering of each legal or status term per
language, and the renderings that must not be used.

``theme/translations/glossary.csv`` has one row per term and language::

    term,locale,approved,forbidden,english,scope,note

``forbidden`` lists wrong renderings separated by ``|``; ``english`` is ``keep`` when the
English original stays in translations (ICE, ICE-Free Zone) and ``translate`` when the
English word left in a translation is a mistake; ``scope`` is ``all`` (interface
catalogs and content translations) or ``interface`` (catalogs only: a status word such
as "temporary" is wrong as a status, not in every sentence).

Pure: the caller reads the files and passes their text; ``check_text`` returns problems
as ``file:line: term: what is wrong, the approved rendering``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from plaza.model.problems import Problem

COLUMNS = ("term", "locale", "approved", "forbidden", "english", "scope", "note")
ENGLISH = ("keep", "translate")
SCOPES = ("all", "interface")
# Scripts that separate words with spaces (Latin, Greek, Cyrillic, Armenian): a term is
# matched as whole words there. Elsewhere (Arabic and Persian prefixes, Chinese,
# Japanese, Korean particles, Khmer) it is matched wherever it occurs.
WORD_SCRIPTS_END = 0x0590


class GlossaryError(ValueError):
    """The glossary file itself is wrong: (line, message)."""

    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(f"line {line}: {message}")


@dataclass(frozen=True)
class Entry:
    term: str  # the English original
    locale: str  # a site language code (es, zh-Hans, tl)
    approved: str
    forbidden: tuple[str, ...]
    keep_english: bool
    interface_only: bool
    note: str


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]

    def terms(self) -> list[str]:
        return list(dict.fromkeys(entry.term for entry in self.entries))

    def for_locale(self, locale: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.locale == locale]


def parse_glossary(text: str) -> Glossary:
    """The glossary from its CSV text; a malformed row raises GlossaryError."""
    reader = csv.reader(io.StringIO(text))
    try:
        return _parse(reader)
    except csv.Error as error:
        raise GlossaryError(reader.line_num or 1, f"this is not CSV ({error}); save the "
                            "file again from a spreadsheet as CSV (UTF-8)") from None


def _parse(reader: Any) -> Glossary:
    header = next(reader, None)
    if header is None or tuple(header) != COLUMNS:
        raise GlossaryError(1, f"the first row must be {','.join(COLUMNS)}")
    entries: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            raise GlossaryError(line, f"write {len(COLUMNS)} columns, not {len(row)}")
        term, locale, approved, forbidden, english, scope, note = (c.strip() for c in row)
        if not term or not locale or not approved:
            raise GlossaryError(line, "term, locale and approved must not be empty")
        if english not in ENGLISH:
            raise GlossaryError(line, f"english is one of {', '.join(ENGLISH)}, not {english!r}")
        if scope not in SCOPES:
            raise GlossaryError(line, f"scope is one of {', '.join(SCOPES)}, not {scope!r}")
        if (term, locale) in seen:
            raise GlossaryError(line, f"{term!r} has a second row for {locale}")
        seen.add((term, locale))
        variants = tuple(v.strip() for v in forbidden.split("|") if v.strip())
        entries.append(Entry(term, locale, approved, variants, english == "keep",
                             scope == "interface", note))
    return Glossary(tuple(entries))


def _edge(char: str) -> str:
    return r"\b" if char.isalnum() and ord(char) < WORD_SCRIPTS_END else ""


def _pattern(phrase: str, flags: int) -> re.Pattern[str]:
    """``phrase`` as a pattern: whole words in spaced scripts, any run of whitespace
    (a wrapped line) between its words."""
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(_edge(phrase[0]) + body + _edge(phrase[-1]), flags)


RE_URL = re.compile(r"\b(?:https?|mailto|tel|webcal):\S+")


@dataclass(frozen=True)
class Finding:
    offset: int  # in the checked text
    entry: Entry
    found: str
    english: bool  # the English original, not a forbidden variant


def findings(glossary: Glossary, locale: str, text: str, interface: bool) -> list[Finding]:
    """Where ``text`` (written in ``locale``) uses a forbidden rendering or an English
    original the glossary says to translate. Addresses are not read: a web address may
    hold any word. The English original is matched in lower case, as a common noun is
    written mid-sentence, so an organisation's name ("Legal Aid Foundation") passes."""
    text = RE_URL.sub(lambda match: " " * len(match[0]), text)
    found: list[Finding] = []
    for entry in glossary.for_locale(locale):
        if entry.interface_only and not interface:
            continue
        for variant in entry.forbidden:
            found += [Finding(m.start(), entry, m[0], False)
                      for m in _pattern(variant, re.IGNORECASE).finditer(text)]
        if not entry.keep_english:
            found += [Finding(m.start(), entry, m[0], True)
                      for m in _pattern(entry.term.lower(), 0).finditer(text)]
    return sorted(found, key=lambda f: (f.offset, f.entry.term))


def message(finding: Finding) -> str:
    """What is wrong and the approved rendering (the reason is the glossary's note)."""
    wrong = ("is the English term left untranslated" if finding.english
             else "is a rendering the glossary rules out")
    return f"'{finding.found}' {wrong}; write '{finding.entry.approved}'"


def check_text(glossary: Glossary, locale: str, text: str, path: str, first_line: int = 1,
               interface: bool = False) -> list[Problem]:
    """Problems in one text of ``locale``: a content file (``first_line`` 1) or one
    catalog message (``first_line`` its line in the catalog, ``interface`` True)."""
    return [Problem(path, first_line + text.count("\n", 0, f.offset), f.entry.term,
                    message(f))
            for f in findings(glossary, locale, text, interface)]
