"""The privacy guard: what must never reach the public site unless a setting allows it.

- personal contact details (phone numbers, email addresses) in events, programs, notes
  and FAQs, other than the organisational contacts listed in settings;
- a person's name as an action-item owner, where the site asks for roles;
- hidden bidirectional control characters, which can disguise a date or an address;
- anything that would load from another origin (images, frames, scripts, CSS url());
- raw HTML beyond a small allow-list;
- photo metadata (EXIF, XMP, IPTC) in content/images/: GPS positions, serials, names; and
  any file there the build would not publish (``images.py`` says which).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from . import images, safe_files
from .config import SiteConfig
from .frontmatter import SourceFile
from .models import Kind
from .problems import ProblemLog

RE_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
RE_PHONE = re.compile(r"(?<![\d\w])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
                      r"(?![\d\w])")
RE_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
RE_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>")
RE_MD_LINKED = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
RE_SRC_ATTR = re.compile(r"""\b(?:src|srcset|data|poster|href)\s*=\s*["']?([^"'\s>]+)""", re.I)
RE_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
RE_FENCE = re.compile(r"^\s*(```|~~~)")
RE_CODE_SPAN = re.compile(r"`[^`]*`")
# Words that show an owner is a role or group, not a person.
ROLE_WORDS = re.compile(r"\b(team|group|committee|working|coordinator|coordinators|lead|"
                        r"leads|staff|volunteers?|network|council|board|chair|secretary|"
                        r"facilitators?|organizers?|partners?|members?|office|desk|crew|"
                        r"circle|all)\b", re.I)
RE_PERSON_NAME = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ'’-]+(?:\s+[A-ZÀ-Þ][a-zß-ÿ'’.-]*){1,3}$")
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
    for path, line, text in fields + body:
        if RE_BIDI.search(text):
            log.add(source.path, line, path, "contains hidden text-direction control "
                    "characters (U+202A–U+202E, U+2066–U+2069) that can disguise text; "
                    "retype the text without them")
        if kind in CONTACT_KINDS:
            _check_contacts(source.path, line, path, text, config, log)
    for _path, line, text in body:
        _check_embeds(source.path, line, text, log)
    if kind == Kind.NOTES and config.owners_are_roles:
        _check_owners(source, log)


def _allowed(found: str, config: SiteConfig) -> bool:
    digits = re.sub(r"\D", "", found)
    for allowed in config.allowed_contacts:
        if allowed.lower() == found.lower():
            return True
        allowed_digits = re.sub(r"\D", "", allowed)
        if digits and allowed_digits and digits[-10:] == allowed_digits[-10:]:
            return True
    return False


def _check_contacts(path: str, line: int, field: str, text: str, config: SiteConfig,
                    log: ProblemLog) -> None:
    for match in RE_EMAIL.finditer(text):
        if not _allowed(match.group(), config):
            log.add(path, line, field, f"contains the email address {match.group()}; never "
                    "publish a person's contact details (an organisation's address can be "
                    "listed in PLAZA_ALLOWED_CONTACTS)")
    for match in RE_PHONE.finditer(text):
        if not _allowed(match.group(), config):
            log.add(path, line, field, f"contains the phone number {match.group()}; never "
                    "publish a person's contact details (an organisation's number can be "
                    "listed in PLAZA_ALLOWED_CONTACTS)")


def _external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") or url.strip().startswith("//")


def _check_embeds(path: str, line: int, text: str, log: ProblemLog) -> None:
    loads = [m.group(1) for m in RE_MD_LINKED.finditer(text)]
    for tag in RE_TAG.finditer(text):
        name, attributes = tag.group(1).lower(), tag.group(2)
        if name not in RAW_HTML_ALLOWED:
            log.add(path, line, "", f"raw HTML <{name}> is not allowed; use Markdown "
                    "(allowed HTML: " + ", ".join(sorted(RAW_HTML_ALLOWED)) + ")")
        if name != "a":
            loads += RE_SRC_ATTR.findall(attributes)
        loads += RE_CSS_URL.findall(attributes)
    for url in loads:
        if _external(url):
            log.add(path, line, "", f"loads {url} from another website, which would tell "
                    "that website who reads this page; save the file in content/images/ "
                    "and link it from there")


def _check_owners(source: SourceFile, log: ProblemLog) -> None:
    items = source.fields.get("action_items")
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        owner = str(item.get("owner", "")).strip() if isinstance(item, dict) else ""
        if owner and RE_PERSON_NAME.match(owner) and not ROLE_WORDS.search(owner):
            where = f"action_items[{index}].owner"
            log.add(source.path, source.line_of(where), where, f"'{owner}' looks like a "
                    "person's name; name a role or group instead (e.g. 'Outreach team')")


def check_images(content_root: str, shown_base: str, config: SiteConfig,
                 log: ProblemLog) -> None:
    """Every file of content/images/ is a picture the build can publish (decoded and
    encoded anew, ``images.clean``), and carries no metadata unless a setting allows it.

    ``shown_base`` is the project folder: paths are shown relative to it, and the content
    folder may not be a link leading out of it.
    """
    try:
        found = list(images.pictures(content_root, shown_base))
    except safe_files.UnsafeFile as error:
        log.add(_shown(os.path.join(content_root, "images"), shown_base), 1, "", str(error))
        return
    for picture in found:
        shown = _shown(picture.path, shown_base)
        try:  # even where metadata is allowed: the build must be able to remove it
            cleaned = images.clean(picture)
        except images.Refused as refused:
            log.add(shown, 1, "", str(refused))
            continue
        allowed = picture.relative.removeprefix("images/") in config.allowed_image_metadata
        if cleaned.metadata and not allowed:
            log.add(shown, 1, "", f"carries {', '.join(cleaned.metadata)} metadata, which can "
                    "reveal where and by whom it was taken; run `make scrub-images`")


def _shown(path: str, base: str) -> str:
    return safe_files.shown_name(os.path.relpath(path, base).replace(os.sep, "/"))
