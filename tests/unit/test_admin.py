"""The content editor's configuration agrees with the content schema, both ways: every field
the validator reads is in the form (with its required flag, help and choices), the form
has no field the validator would refuse, and translations carry only what a translation
may. Also: the configuration is valid for Sveltia CMS (its own JSON Schema), settings that
are not a repository are refused with the fix, and hostile settings stay text."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from plaza.model.config import SettingsError, SiteConfig
from plaza.model.models import Kind
from plaza.publishing import admin
from plaza.publishing.hosting import HEADER_POLICY, headers_file
from plaza.reading.jsonschemas import front_matter_schema
from plaza.reading.schema import FIELDS, SESSION_KEYS

from ..hostile import PAYLOADS

ROOT = Path(__file__).resolve().parents[2]
SVELTIA_SCHEMA = ROOT / "node_modules" / "@sveltia" / "cms" / "schema" / "sveltia-cms.json"
ZONES = ["America/Los_Angeles", "America/New_York", "Asia/Seoul", "UTC"]
EDITOR = admin.AdminSettings("my-coalition/site", "main")


def sample_config(**changes: Any) -> SiteConfig:
    settings = {"SITENAME": "Coalition", "DEFAULT_LANG": "en",
                "PLAZA_LANGUAGES": ["en", "es", "fa", "zh-Hans"], "TIMEZONE": "America/Los_Angeles",
                "PLAZA_CATEGORIES": {"circles": "Circles", "legal-help": "Legal help"},
                "PLAZA_PUBLIC_URL": "https://coalition.example.org", **changes}
    return SiteConfig.from_settings(settings, datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")))


def collections(config: SiteConfig | None = None) -> dict[str, dict[str, Any]]:
    data = admin.cms_config(config or sample_config(), EDITOR, ZONES)
    return {collection["name"]: collection for collection in data["collections"]}


def form_fields(kind: Kind) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in collections()[kind.value]["fields"] if f["name"] != "body"}


def choices(schema: dict[str, Any]) -> list[str] | None:
    """The closed list of values a JSON Schema property allows, if it has one."""
    if "enum" in schema:
        return schema["enum"]
    for option in schema.get("anyOf", []):
        if "enum" in option.get("items", {}):
            return option["items"]["enum"]
    return None


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_every_content_type_is_a_collection_in_its_folder_with_translations(kind):
    collection = collections()[kind.value]
    assert collection["folder"] == f"content/{kind.value}"
    assert collection["extension"] == "md" and collection["format"] == "yaml-frontmatter"
    assert collection["i18n"] is True
    assert collection["fields"][-1]["name"] == "body"


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_the_form_and_the_json_schema_have_the_same_fields_both_ways(kind):
    schema = front_matter_schema(kind, sample_config())
    fields = form_fields(kind)
    assert set(fields) == set(schema["properties"]), "form and schema disagree on fields"
    assert {name for name, f in fields.items() if f["required"]} == set(schema["required"])
    for name, f in fields.items():
        assert f["hint"] == schema["properties"][name]["description"], name


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_every_closed_vocabulary_is_a_select_with_exactly_the_schema_values(kind):
    schema = front_matter_schema(kind, sample_config())
    for name, f in form_fields(kind).items():
        allowed = choices(schema["properties"][name])
        if allowed is None:
            assert f["widget"] != "select" or name in ("timezone", "lang", "languages"), name
            continue
        assert f["widget"] == "select", name
        assert [option["value"] for option in f["options"]] == allowed, name


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_a_translation_carries_only_fields_the_translation_schema_allows(kind):
    allowed = set(front_matter_schema(kind, sample_config(), translation=True)["properties"])
    translated = {name for name, f in form_fields(kind).items() if f["i18n"] is True}
    assert translated <= allowed
    for spec in FIELDS[kind]:
        if spec.locked_in_translation or spec.original_only:
            assert form_fields(kind)[spec.name]["i18n"] is False, spec.name
    assert "title" in translated


def test_sessions_are_a_list_of_the_schema_keys_whose_dates_and_times_come_from_the_original():
    sessions = form_fields(Kind.PROGRAM)["sessions"]
    subfields = {f["name"]: f for f in sessions["fields"]}
    assert sessions["widget"] == "list" and set(subfields) == set(SESSION_KEYS)
    assert subfields["date"]["required"] is True
    assert subfields["topic"]["i18n"] is True
    assert subfields["date"]["i18n"] == "duplicate"
    assert subfields["start"]["i18n"] is False and subfields["status"]["i18n"] is False


def test_times_are_written_as_plaza_reads_them_and_zones_are_a_select():
    fields = form_fields(Kind.EVENT)
    assert fields["start"]["widget"] == "datetime"
    assert fields["start"]["format"] == "YYYY-MM-DD HH:mm"
    # Wall-clock times: never read in the browser's zone, which may skip the hour.
    assert fields["start"]["input_timezone"] == "utc" and fields["start"]["output_utc"] is False
    assert fields["except"]["field"]["type"] == "date"
    assert [o["value"] for o in fields["timezone"]["options"]] == ZONES
    assert [o["value"] for o in fields["languages"]["options"]] == ["en", "es", "fa", "zh-Hans"]


def test_translations_are_id_lang_files_beside_the_original():
    data = admin.cms_config(sample_config(), EDITOR, ZONES)
    assert data["i18n"]["structure"] == "multiple_files"
    assert data["i18n"]["locales"] == ["en", "es", "fa", "zh-Hans"]
    assert data["i18n"]["default_locale"] == "en"
    assert data["i18n"]["omit_default_locale_from_file_path"] is True
    assert data["i18n"]["initial_locales"] == "default"


def test_it_saves_through_pull_requests_to_the_repository_in_the_settings():
    chosen = admin.AdminSettings.from_settings({"PLAZA_ADMIN_REPO": "elsewhere/web",
                                                "PLAZA_ADMIN_BRANCH": "live",
                                                "PLAZA_ADMIN_AUTH_URL": "https://auth.example.org/"})
    assert chosen is not None
    data = admin.cms_config(sample_config(), chosen, ZONES)
    assert data["publish_mode"] == "editorial_workflow"
    assert data["backend"]["name"] == "github"
    assert (data["backend"]["repo"], data["backend"]["branch"]) == ("elsewhere/web", "live")
    assert data["backend"]["base_url"] == "https://auth.example.org"
    assert "https://auth.example.org" in admin.policy(chosen)
    assert admin.AdminSettings.from_settings({}) is None


def test_the_configuration_is_valid_for_sveltia_cms():
    jsonschema = pytest.importorskip("jsonschema")
    if not SVELTIA_SCHEMA.exists():
        pytest.skip("Sveltia CMS is not installed: run `npm ci`")
    schema = json.loads(SVELTIA_SCHEMA.read_text(encoding="utf-8"))
    data = yaml.safe_load(admin.config_yaml(sample_config(), EDITOR, ZONES))
    jsonschema.validate(data, schema)


@pytest.mark.parametrize("setting, value", [
    ("PLAZA_ADMIN_REPO", "../../etc"), ("PLAZA_ADMIN_REPO", "owner"),
    ("PLAZA_ADMIN_REPO", "a/b\nc"), ("PLAZA_ADMIN_REPO", "https://github.com/a/b"),
    ("PLAZA_ADMIN_REPO", ["a/b"]), ("PLAZA_ADMIN_BRANCH", "main..x"),
    ("PLAZA_ADMIN_BRANCH", "ma in"), ("PLAZA_ADMIN_AUTH_URL", "http://auth.example.org"),
    ("PLAZA_ADMIN_AUTH_URL", "javascript:alert(1)"),
    ("PLAZA_ADMIN_AUTH_URL", "https://a.example'; script-src *"),
])
def test_settings_that_are_not_a_repository_branch_or_address_are_refused_with_the_fix(
        setting, value):
    settings = {"PLAZA_ADMIN_REPO": "my-coalition/site", setting: value}
    with pytest.raises(SettingsError) as raised:
        admin.AdminSettings.from_settings(settings)
    [(name, message)] = raised.value.problems
    assert name == setting and ("write" in message)


@given(st.text(max_size=60))
def test_any_accepted_repository_is_a_plain_owner_and_name(text):
    try:
        chosen = admin.AdminSettings.from_settings({"PLAZA_ADMIN_REPO": text})
    except SettingsError:
        return
    if chosen is None:  # no repository: no editor
        assert text == ""
        return
    owner, _, name = chosen.repo.partition("/")
    assert owner and name and ".." not in owner and all(
        c.isascii() and (c.isalnum() or c in "-._") for c in owner + name)


@pytest.mark.parametrize("payload", list(PAYLOADS), ids=str)
def test_hostile_settings_stay_text_in_the_configuration_and_the_page(payload):
    text = PAYLOADS[payload]
    config = sample_config(SITENAME=text, PLAZA_CATEGORIES={"circles": text})
    data = admin.cms_config(config, EDITOR, ZONES)
    assert yaml.safe_load(admin.config_yaml(config, EDITOR, ZONES)) == data
    page = admin.admin_page(config, EDITOR).decode()
    assert page.count("<script") == 1 and f'<script src="{admin.SCRIPT}"></script>' in page
    assert "<meta http-equiv=\"refresh\"" not in page and "<svg" not in page
    assert "<img" not in page and "<form" not in page


def test_the_editor_folder_has_its_own_policy_and_the_site_keeps_its_own():
    plain = headers_file("theme").decode()
    with_editor = headers_file("theme", EDITOR).decode()
    assert with_editor.startswith(plain)
    block = with_editor[len(plain):]
    assert block.startswith("/admin/*\n  ! Content-Security-Policy\n")
    assert f"  Content-Security-Policy: {admin.policy(EDITOR)}; frame-ancestors 'none'" in block
    assert "X-Robots-Tag: noindex" in block
    assert f"Content-Security-Policy: {HEADER_POLICY}\n" in plain
    policy = admin.policy(EDITOR)
    assert "script-src 'self'" in policy and "'unsafe-eval'" not in policy
    assert "connect-src 'self' blob: data: https://api.github.com" in policy


def test_fonts_the_editor_names_on_a_cdn_are_published_beside_it():
    script = ("a{src:url(https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/"
              "latin-wght-normal.woff2)} b{src:url(https://cdn.jsdelivr.net/fontsource/fonts/"
              "noto-mono@5.3.0/latin-400-normal.woff2)} c{src:url(https://cdn.jsdelivr.net/"
              "fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2)}")
    fonts = admin.cdn_fonts(script)
    assert [(f.package, f.file, f.published) for f in fonts] == [
        ("@fontsource-variable/source-sans-3", "files/source-sans-3-latin-wght-normal.woff2",
         "fonts/source-sans-3-latin-wght-normal.woff2"),
        ("@fontsource/noto-mono", "files/noto-mono-latin-400-normal.woff2",
         "fonts/noto-mono-latin-400-normal.woff2")]
    local = admin.with_local_fonts(script.encode(), fonts).decode()
    assert "cdn.jsdelivr.net" not in local
    assert local.count("url(fonts/noto-mono-latin-400-normal.woff2)") == 2


def test_the_nginx_and_caddy_snippets_give_the_editor_the_same_headers():
    from plaza.publishing.hosting import admin_headers

    doc = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
    nginx = doc.split("```nginx\n", 1)[1].split("```", 1)[0]
    caddy = doc.split("```caddy\n", 1)[1].split("```", 1)[0]
    location = nginx.split("location /admin/ {", 1)[1].split("}", 1)[0]
    block = caddy.split("header /admin/* {", 1)[1].split("}", 1)[0]
    for name, value in admin_headers(admin.AdminSettings("owner/name")):
        assert f'add_header {name} "{value}"' in location, name
        assert f'{name} "{value}"' in block, name
    # Caddy adds headers rather than replacing them: the site's policy skips /admin/.
    assert "@site not path /admin/*" in caddy
    assert f'header @site Content-Security-Policy "{HEADER_POLICY}"' in caddy


def test_the_page_gates_leave_out_the_editor_folder_only(tmp_path):
    from plaza_quality import gates

    page = admin.admin_page(sample_config(), EDITOR)
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "index.html").write_bytes(page)
    (tmp_path / "administration").mkdir()  # a page that merely starts with the same letters
    (tmp_path / "administration" / "index.html").write_bytes(page)
    assert gates.html_files(tmp_path) == [tmp_path / "administration" / "index.html"]
    assert gates.scripts_present(tmp_path) != []  # the same page anywhere else fails
