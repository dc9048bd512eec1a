"""The content editor at ``/admin/``: Sveltia CMS's configuration, made from ``schema.FIELDS``.

The forms a volunteer fills in are the same field table that validates content and makes
the JSON Schemas, so the editor offers every field Plaza reads, marks the ones it requires,
shows the same help, and writes nothing the check would refuse: times as
``YYYY-MM-DD HH:MM``, vocabularies as choices from the settings, translations as
``<id>.<lang>.md`` beside the original (``<id>.md``) with only the fields a translation
may carry (timing, status and vocabularies stay in the original).

Changes are saved as pull requests (``publish_mode: editorial_workflow``) to the
repository named in ``PLAZA_ADMIN_REPO``; on ``localhost`` the editor also works on a
local checkout (Sveltia's "Work with Local Repository", through the browser's File System
Access API). The editor is the one part of the site that runs JavaScript: its page has a
policy of its own (``ADMIN_POLICY``) and is left out of the sitemap, search and feeds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlsplit

import yaml

from plaza.model.config import SettingsError, SiteConfig
from plaza.model.languages import language
from plaza.model.models import Kind, NotesStatus, Status
from plaza.reading.schema import FIELDS, FieldSpec, FieldType

FOLDER = "admin"
SCRIPT = "sveltia-cms.js"
# Where the vendored editor comes from: `npm ci` puts it here (package.json pins it).
PACKAGE_DIST = "@sveltia/cms/dist"  # in node_modules/

LABELS = {Kind.EVENT: ("Events", "Event"), Kind.PROGRAM: ("Programs", "Program"),
          Kind.NOTES: ("Meeting notes", "Meeting notes"), Kind.FAQ: ("FAQ", "FAQ"),
          Kind.PAGE: ("Pages", "Page")}
BODY_HINT = {
    Kind.EVENT: "What happens, who it is for, what to bring. Markdown.",
    Kind.PROGRAM: "What the series is about and how it runs. Markdown.",
    Kind.NOTES: "The notes of the meeting. Markdown.",
    Kind.FAQ: "Each question is a '## ' heading, followed by its answer. Markdown.",
    Kind.PAGE: "The page's text. Markdown.",
}

# Field labels where the field's name is not plain English; the others are the name.
FIELD_LABELS = {"lang": "Language of this file", "online": "Online link",
                "audience": "Who it is for", "languages": "Languages spoken",
                "image_alt": "Picture description", "except": "Skipped dates",
                "repeat": "Repeats", "event": "Event or program", "date": "Session date",
                "action_items": "Action items"}

DATE_FORMAT = "YYYY-MM-DD"  # Day.js tokens, as Sveltia writes them
WHEN_FORMAT = "YYYY-MM-DD HH:mm"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
URL_PATTERN = r"^https?://\S+$"
DURATION_PATTERN = r"^(?=.)(\d+h)?(\d+m)?$"

# Fields a translator writes again in their language; every other field a translation may
# carry (links, vocabularies, pictures) is taken from the original when left out, so the
# editor keeps it in the original's file only.
TRANSLATED_TYPES = {FieldType.TEXT, FieldType.TEXT_LIST, FieldType.LOCATION,
                    FieldType.SESSIONS, FieldType.ACTION_ITEMS}

RE_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")
RE_BRANCH = re.compile(r"^(?!/)(?!.*\.\.)(?!.*//)[A-Za-z0-9._/-]{1,200}(?<![/.])$")


@dataclass(frozen=True)
class AdminSettings:
    """Where the editor saves: a GitHub repository (``owner/name``) and its branch, and
    optionally the address of the OAuth helper that signs volunteers in with GitHub."""

    repo: str
    branch: str = "main"
    auth_url: str = ""
    # A private repository needs GitHub's wider "repo" permission to be read at all.
    private: bool = False

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> AdminSettings | None:
        """``PLAZA_ADMIN_REPO``, ``PLAZA_ADMIN_BRANCH``, ``PLAZA_ADMIN_AUTH_URL`` and
        ``PLAZA_ADMIN_PRIVATE_REPO``; no
        repository means no editor. Raises ``SettingsError`` with the fix for a value that
        is not a repository, a branch or an https address."""
        repo = settings.get("PLAZA_ADMIN_REPO")
        if repo in (None, ""):
            return None
        branch = settings.get("PLAZA_ADMIN_BRANCH") or "main"
        auth_url = settings.get("PLAZA_ADMIN_AUTH_URL") or ""
        problems = []
        if not isinstance(repo, str) or not RE_REPO.match(repo):
            problems.append(("PLAZA_ADMIN_REPO", f"{str(repo)[:80]!r} is not a GitHub "
                             "repository; write it as 'owner/name', e.g. 'my-coalition/site'"))
        if not isinstance(branch, str) or not RE_BRANCH.match(branch):
            problems.append(("PLAZA_ADMIN_BRANCH", f"{str(branch)[:80]!r} is not a branch "
                             "name; write the branch the site is built from, e.g. 'main'"))
        if not isinstance(auth_url, str) or not _is_https_origin(auth_url) and auth_url:
            problems.append(("PLAZA_ADMIN_AUTH_URL", f"{str(auth_url)[:80]!r} is not an "
                             "https:// address; write the address of the sign-in helper, "
                             "e.g. 'https://auth.example.org', or leave it out"))
        if problems:
            raise SettingsError(problems)
        return cls(str(repo), str(branch), str(auth_url).rstrip("/"),
                   bool(settings.get("PLAZA_ADMIN_PRIVATE_REPO", False)))


# The editor's stylesheet names its fonts on a CDN (Fontsource's, on jsDelivr); the build
# publishes the same files from the npm packages they come from, beside the editor.
RE_CDN_FONT = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(:vf)?"
                         r"@[0-9.]+/([a-z0-9-]+)\.(woff2?)")


@dataclass(frozen=True)
class Font:
    """One font the editor would load from the CDN, and where npm keeps it."""

    url: str
    package: str  # node_modules/<package>
    file: str  # in the package

    @property
    def published(self) -> str:
        """Where it is published, relative to ``admin/``."""
        return f"fonts/{self.file.rpartition('/')[2]}"


def cdn_fonts(script: str) -> list[Font]:
    """The fonts the editor's script names on the CDN, each once, in order."""
    fonts: dict[str, Font] = {}
    for found in RE_CDN_FONT.finditer(script):
        family, variable, subset, extension = found.groups()
        package = f"@fontsource{'-variable' if variable else ''}/{family}"
        fonts.setdefault(found.group(0), Font(found.group(0), package,
                                              f"files/{family}-{subset}.{extension}"))
    return list(fonts.values())


def with_local_fonts(script: bytes, fonts: Sequence[Font]) -> bytes:
    """The editor's script with each CDN font replaced by its published copy (a relative
    address: the stylesheet is in the page, so it resolves inside ``admin/``)."""
    for font in fonts:
        script = script.replace(font.url.encode(), font.published.encode())
    return script


def _is_https_origin(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme == "https" and bool(parts.hostname) and not parts.query
            and not parts.fragment and not parts.username and " " not in url
            and all(c.isprintable() for c in url))


def policy(admin: AdminSettings) -> str:
    """The editor page's Content-Security-Policy: its own script and styles (Svelte sets
    inline styles), the GitHub API the backend saves through, pictures from the
    repository, and the sign-in helper if there is one; nothing else from elsewhere."""
    connect = ["'self'", "blob:", "data:", "https://api.github.com"]
    if admin.auth_url:
        connect.append(_origin(admin.auth_url))
    return "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
        "img-src 'self' blob: data: https://avatars.githubusercontent.com "
        "https://raw.githubusercontent.com",
        "media-src 'self' blob:", "font-src 'self' data:", "worker-src 'self' blob:",
        "frame-src 'self' blob:", f"connect-src {' '.join(connect)}",
        "object-src 'none'", "base-uri 'none'", "form-action 'none'"])


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# --- the configuration ----------------------------------------------------------------

def cms_config(config: SiteConfig, admin: AdminSettings, timezones: Sequence[str]
               ) -> dict[str, Any]:
    """Sveltia CMS's ``config.yml`` as data: one folder collection per content type, its
    fields from ``schema.FIELDS`` (then the Markdown body), translations in the site's
    languages. ``timezones`` are the IANA names the time-zone field offers."""
    backend: dict[str, Any] = {
        "name": "github", "repo": admin.repo, "branch": admin.branch,
        # A volunteer who may not write to the repository saves to a fork of it, and the
        # change reaches the site as a pull request all the same.
        "open_authoring": True, "auth_scope": "repo" if admin.private else "public_repo",
        "commit_messages": _commit_messages()}
    if admin.auth_url:
        backend["base_url"] = admin.auth_url
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        **({"site_url": config.site_url} if config.site_url else {}),
        "media_folder": "content/images",
        "public_folder": "images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-",
                 "maxlength": 60},
        "output": {"omit_empty_optional_fields": True},
        "i18n": {
            "structure": "multiple_files",
            "locales": list(config.languages),
            "default_locale": config.default_lang,
            "omit_default_locale_from_file_path": True,
            # A new entry starts in the default language only; a translator adds one
            # language at a time, and no empty translation file is ever written.
            "initial_locales": "default",
        },
        "collections": [_collection(kind, config, timezones) for kind in Kind],
    }


def _commit_messages() -> dict[str, str]:
    return {"create": "Add {{collection}} {{slug}}", "update": "Update {{collection}} {{slug}}",
            "delete": "Delete {{collection}} {{slug}}",
            "uploadMedia": "Add picture {{path}}", "deleteMedia": "Delete picture {{path}}"}


def _collection(kind: Kind, config: SiteConfig, timezones: Sequence[str]) -> dict[str, Any]:
    plural, singular = LABELS[kind]
    fields = [field_widget(spec, config, timezones) for spec in FIELDS[kind]]
    fields.append({"name": "body", "label": "Text", "widget": "markdown", "required": False,
                   "hint": BODY_HINT[kind], "i18n": True})
    summary = "{{title}}"
    if kind in (Kind.EVENT, Kind.PROGRAM):
        summary = "{{start}}: {{title}}"
    return {
        "name": kind.value, "label": plural, "label_singular": singular,
        "folder": f"content/{kind.value}", "extension": "md", "format": "yaml-frontmatter",
        "create": True, "delete": True, "slug": "{{slug}}", "identifier_field": "title",
        "summary": summary, "i18n": True, "fields": fields,
        "sortable_fields": ["title", "start"] if kind in (Kind.EVENT, Kind.PROGRAM)
        else ["title"],
    }


def field_i18n(spec: FieldSpec) -> bool:
    """Whether a translation file carries the field: only what a translator writes again
    in their language, never timing, status or what only the original may say."""
    return (not spec.original_only and not spec.locked_in_translation
            and spec.type in TRANSLATED_TYPES)


def field_widget(spec: FieldSpec, config: SiteConfig, timezones: Sequence[str]
                 ) -> dict[str, Any]:
    """One field of the form, with its label, help, whether it is required and whether
    a translation has its own value."""
    label = FIELD_LABELS.get(spec.name, spec.name.replace("_", " ").capitalize())
    widget = {"name": spec.name, "label": label,
              **_widget(spec, config, timezones),
              "required": spec.required, "hint": spec.help, "i18n": field_i18n(spec)}
    return widget


def _select(options: Sequence[tuple[str, str]], multiple: bool = False) -> dict[str, Any]:
    select: dict[str, Any] = {"widget": "select",
                              "options": [{"label": label, "value": value}
                                          for value, label in options]}
    if multiple:
        select["multiple"] = True
    return select


def _plain(values: Sequence[str]) -> list[tuple[str, str]]:
    return [(value, value.replace("-", " ").capitalize()) for value in values]


def _string(pattern: str, message: str) -> dict[str, Any]:
    return {"widget": "string", "pattern": [pattern, message]}


# Times are wall-clock times in the event's own zone: the picker must not read them in the
# browser's zone (a volunteer abroad, or a daylight-saving gap there, would move them), so
# it works in UTC, which has no gaps, and writes the digits as they were picked.
WALL_CLOCK = {"input_timezone": "utc", "output_utc": False}


def _date() -> dict[str, Any]:
    return {"widget": "datetime", "type": "date", "format": DATE_FORMAT, **WALL_CLOCK}


def _when() -> dict[str, Any]:
    return {"widget": "datetime", "format": WHEN_FORMAT, **WALL_CLOCK}


def _language_options(config: SiteConfig) -> list[tuple[str, str]]:
    return [(code, f"{language(code).native_name} ({code})") for code in config.languages]


def _widget(spec: FieldSpec, config: SiteConfig, timezones: Sequence[str]
            ) -> dict[str, Any]:
    t = spec.type
    statuses = [s.value for s in Status]
    simple: dict[FieldType, dict[str, Any]] = {
        FieldType.TEXT: {"widget": "string"},
        FieldType.WHEN: _when(),
        FieldType.DATE: _date(),
        FieldType.DURATION: _string(DURATION_PATTERN, "Write 90m, 2h or 1h30m."),
        # No defaults: a field left alone is left out of the file, and Plaza's own
        # default applies (the site's zone, confirmed).
        FieldType.TIMEZONE: _select([(zone, zone) for zone in timezones]),
        FieldType.STATUS: _select(_plain(statuses)),
        FieldType.NOTES_STATUS: _select(_plain([s.value for s in NotesStatus])),
        FieldType.URL: _string(URL_PATTERN, "Write a full address starting with https://"),
        FieldType.EVENT_REF: _string(ID_PATTERN, "Write the file name of the event or "
                                     "program, without .md, e.g. monthly-meeting"),
        FieldType.PROGRAM_REF: {"widget": "relation", "collection": Kind.PROGRAM.value,
                                "value_field": "{{slug}}", "search_fields": ["title"],
                                "display_fields": ["title"]},
        FieldType.AUDIENCE: _select(_plain(config.audiences)),
        FieldType.AUDIENCE_LIST: _select(_plain(config.audiences), multiple=True),
        FieldType.CATEGORY_LIST: _select(
            [(key, label) for key, label in config.categories], multiple=True),
        FieldType.ACCESSIBILITY_LIST: _select(_plain(config.accessibility), multiple=True),
        FieldType.LANGUAGE: _select(_language_options(config)),
        FieldType.LANGUAGE_LIST: _select(_language_options(config), multiple=True),
        FieldType.TEXT_LIST: {"widget": "list"},
        FieldType.DATE_LIST: {"widget": "list", "field": {"name": "date", "label": "Date",
                                                          **_date()}},
        # Words or a rule, as files already hold them: a form of choices (what
        # ``repeat_form`` reads) would drop the words of every series opened and saved.
        FieldType.RRULE: {"widget": "string"},
        FieldType.COUNT: {"widget": "number", "value_type": "int", "min": 0},
        FieldType.IMAGE: {"widget": "image"},
    }
    if t in simple:
        return simple[t]
    if t == FieldType.LOCATION:
        return {"widget": "object", "fields": [
            {"name": "name", "label": "Name", "widget": "string", "required": False,
             "hint": "The place people will look for, e.g. 'Library, community room'.",
             "i18n": True},
            {"name": "address", "label": "Address", "widget": "string", "required": False,
             "hint": "Street address as a map app finds it.", "i18n": True}]}
    if t == FieldType.SESSIONS:
        return {"widget": "list", "summary": "{{fields.date}}: {{fields.topic}}", "fields": [
            {"name": "date", "label": "Date", **_date(), "required": True,
             "hint": "The date of the regular session this describes.", "i18n": "duplicate"},
            {"name": "topic", "label": "Topic", "widget": "string", "required": False,
             "hint": "What this session is about.", "i18n": True},
            {"name": "start", "label": "Moved to", **_when(), "required": False,
             "hint": "Only when this session moved: its new start.", "i18n": False},
            {"name": "status", "label": "Status", **_select(_plain(statuses)),
             "required": False, "hint": "Only when this session is cancelled or postponed.",
             "i18n": False}]}
    assert t == FieldType.ACTION_ITEMS
    return {"widget": "list", "summary": "{{fields.task}}", "fields": [
        {"name": "task", "label": "Task", "widget": "string", "required": True,
         "hint": "What needs doing.", "i18n": True},
        {"name": "owner", "label": "Owner", "widget": "string", "required": True,
         "hint": "A role or group, never a person's name.", "i18n": True},
        {"name": "due", "label": "Due", **_date(), "required": False,
         "hint": "By when (YYYY-MM-DD).", "i18n": "duplicate"}]}


def config_yaml(config: SiteConfig, admin: AdminSettings, timezones: Sequence[str]) -> bytes:
    """``admin/config.yml``: the configuration as YAML (keys in the order above)."""
    data = cms_config(config, admin, timezones)
    header = ("# Made by Plaza from the content schema (plugins/plaza/reading/schema.py) at "
              "every build: edit the schema or the settings, not this file.\n")
    return (header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                    width=100)).encode()


def admin_page(config: SiteConfig, admin: AdminSettings) -> bytes:
    """``admin/index.html``: the editor's page, loading only its own vendored script."""
    title = escape(f"{config.site_name}: content editor")
    csp = escape(policy(admin))
    return (
        "<!doctype html>\n"
        f'<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{title}</title>\n"
        '<link href="config.yml" type="application/yaml" rel="cms-config-url">\n'
        "</head>\n<body>\n"
        "<noscript><p>The content editor needs JavaScript. Without it, edit the files in "
        "content/ directly, as CONTRIBUTING.md explains.</p></noscript>\n"
        f'<script src="{SCRIPT}"></script>\n'
        "</body>\n</html>\n").encode()
