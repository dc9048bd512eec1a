"""The privacy guard: what must never reach the public site unless a setting allows it.

- personal contact details (phone numbers, email addresses) in events, programs, notes
  and FAQs, other than the organisational contacts listed in settings;
- a person's name as an action-item owner, where the site asks for roles;
- hidden direction and format characters (U+202E, U+200F, tag characters…), which can
  disguise a date or an address; ZWNJ, ZWJ and ZWSP stay allowed, as Persian, emoji and
  Khmer need them, but every format character is removed before contacts are looked for;
- anything that would load from another origin (images, frames, scripts, CSS url());
- raw HTML beyond a small allow-list.

Pictures are checked where they are read (``plaza_sources.pictures``): photo metadata
(EXIF, XMP, IPTC), and any file the build would not publish.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from plaza.model.config import SiteConfig
from plaza.model.models import Kind
from plaza.model.problems import ProblemLog, shown_name
from plaza.reading.frontmatter import SourceFile

# --- contact details, looked for in text made plain by ``_plain`` ----------------------
# (format characters removed, every decimal digit ASCII, dashes "-", spaces " ").
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
# Every repetition of spaces is bounded: no line can make a pattern backtrack for long.
_S = r"\s{0,3}"
_AT_MARKED = rf"{_S}(?:{_OPEN}{_S}(?:at|arroba|@){_S}{_CLOSE}|@){_S}"  # @, [at], (at), {@}
_AT_WORD = r"\s{1,3}(?:at|arroba)\s{1,3}"  # "ana at example dot org": with a spelled dot
_DOT_SPELLED = (rf"(?:{_S}{_OPEN}{_S}(?:dot|punto|\.){_S}{_CLOSE}{_S}"
                r"|\s{1,3}(?:dot|punto)\s{1,3})")
_DOT_ANY = rf"(?:{_DOT_SPELLED}|{_S}\.{_S})"
_USER = r"(?<![\w.+-])(?P<user>[\w+-](?:[\w.+-]*[\w+-])?)"
_LABEL = r"[\w-]+"
_TLD = r"[^\W\d_]{2,24}(?![\w-])"
RE_EMAILS = [
    re.compile(rf"{_USER}{_AT_MARKED}(?P<domain>{_LABEL}(?:{_DOT_ANY}{_LABEL})*{_DOT_ANY}{_TLD})",
               re.I),
    re.compile(rf"{_USER}{_AT_WORD}(?P<domain>{_LABEL}(?:{_DOT_SPELLED}{_LABEL})*"
               rf"{_DOT_SPELLED}{_TLD})", re.I),
]
RE_DOT_ANY = re.compile(_DOT_ANY, re.I)
_SEP = r"(?:\s{0,2}[.\-/]\s{0,2}|\s{1,3})?"  # one separator, spaces around it, or none
_EXTENSION = rf"(?:{_S},?{_S}(?:ext\.?|extension|x|\#){_S}\d{{1,6}})?"
_NOT_BEFORE = r"(?<![\w+/=#.\-])"  # not the tail of a longer number, a URL path or a query
_NOT_AFTER = r"(?![.\-/]?\d)(?!\w)"
# Each pattern with how many digits (before any extension) a number of its kind has.
RE_PHONES = [
    # North America: (213) 555-0147, 213.555.0147, +1 213 555 0147, 1-213-555-0147,
    # 2135550147, 12135550147, 213/555-0147, 213 – 555 – 0147 x12
    (re.compile(rf"{_NOT_BEFORE}(?:\+?1{_SEP})?(?:\({_S}\d{{3}}{_S}\){_S}|\d{{3}}{_SEP})"
                rf"\d{{3}}{_SEP}\d{{4}}{_EXTENSION}{_NOT_AFTER}", re.I), range(10, 12)),
    # International: +52 55 1234 5678, +44 (0)20 7946 0958, 0052 55 1234 5678
    (re.compile(rf"{_NOT_BEFORE}(?:\+|00)\d{{1,3}}(?:{_SEP}(?:\(\d{{1,4}}\)|\d{{1,4}}))"
                rf"{{2,6}}{_EXTENSION}{_NOT_AFTER}", re.I), range(10, 16)),
    # A national number with a trunk 0: 020 7946 0958, 0912 345 6789, 07700 900123
    (re.compile(rf"{_NOT_BEFORE}0\d{{2,4}}{_SEP}\d{{3,4}}{_SEP}\d{{3,4}}{_EXTENSION}"
                rf"{_NOT_AFTER}", re.I), range(10, 12)),
]
RE_EXTENSION_PART = re.compile(rf"{_EXTENSION}$", re.I)
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
DOTS = "\u3002\uff0e\uff61"  # ideographic and full-width full stops
# --- hidden characters --------------------------------------------------------------------
# Direction marks and overrides, invisible operators, deprecated format characters, a
# byte-order mark inside the text (the reader removes the one at the start of a file),
# interlinear annotations, the Mongolian vowel separator and tag characters. Not ZWNJ,
# ZWJ (Persian, emoji, Indic scripts) or ZWSP (Khmer separates words with it).
RE_HIDDEN = re.compile("[\u061c\u180e\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
                       "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")
# --- embeds and raw HTML: each line is scanned in linear time ----------------------------
# Not an autolink (<https://example.org>), which Markdown makes a link, not raw HTML.
RE_TAG = re.compile(r"<\s{0,3}/?\s{0,3}(?!(?i:https?|ftp)://)([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>")
RE_BRACKET = re.compile(r"[\[\]]")
RE_LINK_TARGET = re.compile(r"\(\s{0,3}<?([^)\s>]{1,300})")  # enough to see where it leads
MAX_SHOWN_URL = 200
RE_SRC_ATTR = re.compile(r"""\b(?:src|srcset|data|poster|href)\s*=\s*["']?([^"'\s>]+)""", re.I)
RE_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
RE_FENCE = re.compile(r"^\s*(```|~~~)")
RE_CODE_SPAN = re.compile(r"`[^`]*`")
# --- action-item owners: a role or a group, not a person ---------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that show an owner is a role, a group, an organisation or an area of work (in the
# Latin-script languages of the sites: English, Spanish, Tagalog, Vietnamese), compared
# in lower case without accents, each part of a hyphenated word on its own.
ROLE_WORDS = _words("""
    team teams group groups committee committees working coordinator coordinators
    coordination lead leads leader leaders leadership staff volunteer volunteers network
    council board chair chairs chairperson cochair secretary secretaries treasurer
    president vice director directors manager managers facilitator facilitators organizer
    organizers organiser organisers partner partners member members office desk crew
    circle all everyone everybody admin admins administrator steering task force liaison
    rep reps representative representatives delegate delegates captain captains host hosts
    trainer trainers moderator moderators notetaker scribe timekeeper greeter greeters
    interpreter interpreters translator translators driver drivers speaker speakers
    caucus collective cooperative coop club society institute agency commission panel
    unit division hub hq inc llc org organization organisation coalition alliance
    association union church parish clinic center centre library school department dept
    county city services service program programs programme project foundation fund bank
    aid legal cross house casa tenants residents parents families youth students seniors
    elders women media comms communications press finance finances logistics outreach
    security safety tech technology food transport transportation childcare translation
    interpretation registration welcome hospitality facilities fundraising development
    research policy advocacy training education health housing
    equipo equipos grupo grupos comite comites comision coordinador coordinadora
    coordinadores coordinadoras coordinacion lider lideres responsable responsables
    voluntario voluntaria voluntarios voluntarias voluntariado red consejo junta mesa
    directiva oficina personal todos todas miembros socios organizadores organizadoras
    facilitador facilitadora facilitadores secretaria secretario tesorero tesorera
    presidente presidenta iglesia clinica centro escuela biblioteca sindicato alianza
    coalicion asociacion fundacion programa proyecto departamento ciudad condado
    servicios jovenes juvenil padres vecinos interpretes traductores comunicaciones
    prensa finanzas logistica seguridad comida transporte cuidado bienvenida
    pangkat komite koponan tagapag ugnay lahat boluntaryo boluntaryos samahan
    nhom ban
""")
# Words that show an owner is not a name at all ("to be decided", "whoever is free").
NOT_NAME_WORDS = _words("""
    the to be of for and or with by on in at from next any each every who whoever
    none nobody anyone someone somebody us we our you your they their them it this that
    these those is are will tbd tba later decided unassigned open needed needs help
    wanted el un una unos unas para con por quien nadie alguien nosotros
""")
NAME_PARTICLES = _words("de del la las los le van von der den ter ten da das dos do di du "
                        "bin ibn al el y e st")
TITLES = _words("dr mr mrs ms mx prof sr sra srta don dona fr rev")
RE_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
RE_INITIALS = re.compile(r"^(?:[^\W\d_]\.?|(?:[^\W\d_]\.){2,3})$")  # M, M., J.R.
RE_APOSTROPHE_NAME = re.compile(r"^[^\W\d_]['’][^\W\d_]{2,}$")  # O'Brien, D'Angelo
RAW_HTML_ALLOWED = {"br", "abbr", "bdi", "span", "sup", "sub", "mark", "small", "kbd", "wbr"}
CONTACT_KINDS = {Kind.EVENT, Kind.PROGRAM, Kind.NOTES, Kind.FAQ}


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside a field, with its field path (``sessions[1].topic``)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def _body_lines(source: SourceFile) -> Iterator[tuple[int, str]]:
    """Body lines outside fenced code, with code spans removed, numbered as in the file."""
    in_fence = False
    for offset, line in enumerate(source.body.split("\n")):
        if RE_FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield source.body_line + offset, RE_CODE_SPAN.sub("", line)


def check_source(source: SourceFile, kind: Kind, config: SiteConfig, log: ProblemLog) -> None:
    fields = [(path, source.line_of(path), text)
              for name, value in source.fields.items() for path, text in _strings(value, name)]
    body = [("", line, text) for line, text in _body_lines(source)]
    every_line = enumerate(source.body.split("\n"), start=source.body_line)  # code too
    for path, line, text in fields + [("", line, text) for line, text in every_line]:
        _check_hidden(source.path, line, path, text, log)
    if kind in CONTACT_KINDS:
        for path, line, text in fields + body:
            _check_contacts(source.path, line, path, text, config, log)
    for _path, line, text in body:
        _check_embeds(source.path, line, text, log)
    if kind == Kind.NOTES and config.owners_are_roles:
        _check_owners(source, log)


def _check_hidden(path: str, line: int, field: str, text: str, log: ProblemLog) -> None:
    found = sorted(set(RE_HIDDEN.findall(text)))
    if not found:
        return
    names = [f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}"
             for char in found[:3]]
    if len(found) > 3:
        names.append(f"{len(found) - 3} more")
    if len(found) == 1:
        what, it = f"the hidden character {names[0]}", "it"
    else:
        what, it = f"hidden characters ({', '.join(names)})", "them"
    log.add(path, line, field, f"contains {what}, which can disguise text; retype the text "
            f"without {it}")


def _plain_char(char: str) -> str:
    """What one character becomes in plain text (see ``_plain``)."""
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    digit = unicodedata.digit(char, None)
    if digit is not None:
        return str(digit)
    if char in DASHES:
        return "-"
    if char in DOTS:
        return "."
    if category == "Zs":
        return " "
    if "\uff01" <= char <= "\uff5e" or "\ufe50" <= char <= "\ufe6b":
        return unicodedata.normalize("NFKC", char)
    return char


@cache
def _plain_table() -> dict[int, str]:
    """Every character ``_plain`` changes, worked out once a process, when first needed
    (the Basic Multilingual Plane, and the tag characters above it): ``str.translate``
    then does the work."""
    table = {}
    for code in [*range(0x80, 0x10000), *range(0xE0000, 0xE0080)]:
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        mapped = _plain_char(char)
        if mapped != char:
            table[code] = mapped
    return table


def _plain(text: str) -> tuple[str, list[int] | None]:
    """``text`` as contacts are looked for in it, and where each character came from
    (None: each from the same place, nothing having changed length).

    Format characters (Unicode category Cf: zero-width spaces and joiners, direction marks)
    are removed, so they cannot split an address; every decimal digit (full-width,
    Arabic-Indic, Persian…) becomes an ASCII digit; dashes become "-", spaces " ", and
    full-width or small forms (＠, ﹫, ．) their ASCII letter.
    """
    if text.isascii():
        return text, None
    table = _plain_table()
    plain = text.translate(table)
    if len(plain) == len(text) and all(len(table.get(ord(c), c)) == 1 for c in text):
        return plain, None
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(table.get(ord(char), char)))
    return plain, origin


def _contacts(text: str) -> Iterator[tuple[str, str, str]]:
    """("email" or "phone", the text as written, the contact in plain form) for each
    contact detail in ``text``, left to right, none overlapping."""
    plain, origin = _plain(text)
    found: list[tuple[int, int, str, str]] = []
    for pattern in RE_EMAILS:
        for match in pattern.finditer(plain):
            domain = RE_DOT_ANY.sub(".", match.group("domain"))
            found.append((match.start(), match.end(), "email",
                          f"{match.group('user')}@{domain}"))
    for pattern, lengths in RE_PHONES:
        for match in pattern.finditer(plain):
            digits = re.sub(r"\D", "", RE_EXTENSION_PART.sub("", match.group()))
            if len(digits) in lengths:
                found.append((match.start(), match.end(), "phone", match.group()))
    end = 0
    for start, stop, kind, contact in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= end:
            written = (text[start:stop] if origin is None
                       else text[origin[start]:origin[stop - 1] + 1])
            yield kind, shown_name(_visible(written)), contact
            end = stop


def _visible(text: str) -> str:
    """Format characters shown as escapes: a hidden one is how an address slipped in."""
    return "".join(f"\\u{ord(char):04x}" if unicodedata.category(char) == "Cf" else char
                   for char in text)


def _allowed(kind: str, contact: str, config: SiteConfig) -> bool:
    if kind == "email":
        return any(_plain(allowed)[0].lower() == contact.lower()
                   for allowed in config.allowed_contacts)
    digits = re.sub(r"\D", "", RE_EXTENSION_PART.sub("", contact))
    for allowed in config.allowed_contacts:
        allowed_digits = re.sub(r"\D", "", _plain(allowed)[0])
        if allowed_digits and digits[-10:] == allowed_digits[-10:]:
            return True
    return False


def _check_contacts(path: str, line: int, field: str, text: str, config: SiteConfig,
                    log: ProblemLog) -> None:
    for kind, written, contact in _contacts(text):
        if _allowed(kind, contact, config):
            continue
        if kind == "email":
            log.add(path, line, field, f"contains the email address {written}; never "
                    "publish a person's contact details (an organisation's address can be "
                    "listed in PLAZA_ALLOWED_CONTACTS)")
        else:
            log.add(path, line, field, f"contains the phone number {written}; never "
                    "publish a person's contact details (an organisation's number can be "
                    "listed in PLAZA_ALLOWED_CONTACTS)")


def _external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") or url.strip().startswith("//")


def _check_embeds(path: str, line: int, text: str, log: ProblemLog) -> None:
    """Raw HTML outside the allow-list, and what would load from another website; each
    tag and address once a line."""
    loads = list(_image_addresses(text))
    refused: dict[str, None] = {}
    # A tag ends at a ">": a line is searched only up to its last one, so that no "<"
    # after it makes the search read to the end of the line again for each.
    for tag in RE_TAG.finditer(text, 0, text.rfind(">") + 1):
        name, attributes = tag.group(1).lower(), tag.group(2)
        if name not in RAW_HTML_ALLOWED:
            refused[name] = None
        if name != "a":
            loads += RE_SRC_ATTR.findall(attributes)
        loads += RE_CSS_URL.findall(attributes)
    for name in refused:
        log.add(path, line, "", f"raw HTML <{name}> is not allowed; use Markdown "
                "(allowed HTML: " + ", ".join(sorted(RAW_HTML_ALLOWED)) + ")")
    for url in dict.fromkeys(loads):
        if _external(url):
            shown = shown_name(url if len(url) <= MAX_SHOWN_URL
                                          else url[:MAX_SHOWN_URL] + "…")
            log.add(path, line, "", f"loads {shown} from another website, which would tell "
                    "that website who reads this page; save the file in content/images/ "
                    "and link it from there")


def _image_addresses(text: str) -> Iterator[str]:
    """The address of each Markdown image (``![alt](address)``; the alt text may hold
    brackets), found in one pass over the brackets."""
    opened: list[int] = []
    for bracket in RE_BRACKET.finditer(text):
        if bracket.group() == "[":
            opened.append(bracket.start())
        elif opened:
            start = opened.pop()
            if start and text[start - 1] == "!":
                target = RE_LINK_TARGET.match(text, bracket.end())
                if target:
                    yield target.group(1)


def _check_owners(source: SourceFile, log: ProblemLog) -> None:
    items = source.fields.get("action_items")
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        owner = str(item.get("owner", "")).strip() if isinstance(item, dict) else ""
        if owner and looks_like_a_name(owner):
            where = f"action_items[{index}].owner"
            shown = shown_name(_visible(owner))
            log.add(source.path, source.line_of(where), where, f"'{shown}' looks like a "
                    "person's name; name a role or group instead (e.g. 'Outreach team')")


def looks_like_a_name(owner: str) -> bool:
    """True when ``owner`` reads as a person's name rather than a role or a group.

    Names in Latin script, in any case and with or without accents: "Maria Lopez", "maria
    lopez", "MARIA LOPEZ", "Ana de la Cruz", "Jean-Luc Picard", "Pat O'Brien", "O'Brien",
    "M. Lopez", "Lopez, Maria", "Dr. Lopez"; and two or more capitalised words in Cyrillic,
    Greek or Armenian. A role, group, organisation or area word anywhere ("Outreach team",
    "Comité de jóvenes", "Legal aid") keeps it allowed. Scripts without capitals (Arabic,
    Persian, Hangul, Chinese, Khmer…) are not judged: without a list of names or of role
    words in each language, two words there are as often a role as a name.
    """
    plain = _plain(owner)[0].replace("’", "'")
    tokens = [token for token in re.split(r"[\s,]+", plain) if token]
    if not tokens or len(tokens) > 6:
        return False
    names: list[str] = []
    initials = 0
    for token in tokens:
        word = _folded(token.rstrip("."))
        parts = set(word.replace("'", "-").split("-"))
        if parts & ROLE_WORDS or word in NOT_NAME_WORDS:
            return False
        if word in NAME_PARTICLES:
            continue
        if word in TITLES or RE_INITIALS.match(token):
            initials += 1
        elif RE_NAME_WORD.match(token) and _name_script(token):
            names.append(token)
        else:
            return False
    if len(tokens) == 1:
        return bool(RE_APOSTROPHE_NAME.match(tokens[0])) and tokens[0][0].isupper()
    if not all(_is_latin(name) or name[0].isupper() for name in names):
        return False  # Cyrillic, Greek, Armenian: only capitalised words read as a name
    if any(name.isupper() for name in names) and not all(name.isupper() for name in names):
        return False  # "ICE Free LA": capitals beside other words are acronyms
    return len(names) >= 1 and len(names) + initials >= 2


def _folded(word: str) -> str:
    """Lower case, accents removed (é → e, đ → d): how role words are compared."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _is_latin(token: str) -> bool:
    return all(not char.isalpha() or "LATIN" in unicodedata.name(char, "")
               for char in token)


def _name_script(token: str) -> bool:
    """Latin, Cyrillic, Greek or Armenian letters only: the scripts with capitals."""
    return all(not char.isalpha() or unicodedata.name(char, "").startswith(
        ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN")) for char in token)
