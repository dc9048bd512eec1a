"""The headers a host should send: one policy, the same in `_headers`, the nginx and Caddy
snippets of docs/hosting.md, and the pages' own meta tag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plaza.publishing.hosting import (
    FINGERPRINTED,
    HEADER_POLICY,
    LONG_CACHE,
    PAGE_POLICY,
    SECURITY_HEADERS,
    fingerprinted,
    headers_file,
    is_fingerprinted,
    linked,
)
from tests.hostile import PAYLOADS

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")


def snippet(language: str) -> str:
    found = re.search(rf"```{language}\n(.*?)```", DOC, re.S)
    assert found, language
    return found.group(1)


def test_headers_file_sends_every_security_header_everywhere_and_caches_only_css_and_fonts():
    text = headers_file("theme").decode()
    blocks = dict(re.findall(r"^(/\S*)\n((?:  .*\n)+)", text, re.M))
    assert set(blocks) == {"/*", "/theme/css/*", "/theme/fonts/*"}
    for name, value in SECURITY_HEADERS:
        assert f"  {name}: {value}\n" in blocks["/*"]
    assert blocks["/theme/css/*"] == f"  Cache-Control: {LONG_CACHE}\n"
    assert blocks["/theme/fonts/*"] == f"  Cache-Control: {LONG_CACHE}\n"


def test_the_header_policy_is_the_page_policy_that_also_forbids_framing():
    assert HEADER_POLICY.startswith(PAGE_POLICY)
    assert "frame-ancestors 'none'" in HEADER_POLICY
    base = (ROOT / "theme" / "templates" / "base.html").read_text(encoding="utf-8")
    assert f'http-equiv="Content-Security-Policy" content="{PAGE_POLICY}"' in base


def test_nginx_and_caddy_snippets_send_the_same_headers():
    nginx, caddy = snippet("nginx"), snippet("caddy")
    for name, value in SECURITY_HEADERS:
        assert f'add_header {name} "{value}" always;' in nginx, name
        assert f'{name} "{value}"' in caddy, name
    assert f'Cache-Control "{LONG_CACHE}"' in nginx
    assert "location ~ ^/theme/(css|fonts)/ {" in nginx
    for folder in FINGERPRINTED:
        assert f'header /theme/{folder}/* Cache-Control "{LONG_CACHE}"' in caddy


def test_a_fingerprint_names_the_content():
    assert fingerprinted("css/plaza.css", b"a") == "css/plaza.ca978112ca.css"
    assert fingerprinted("css/plaza.css", b"b") != fingerprinted("css/plaza.css", b"a")
    assert fingerprinted("LICENSE", b"a") == "LICENSE.ca978112ca"


@given(st.from_regex(r"[a-z]{1,8}(/[a-z]{1,8})?\.[a-z]{2,4}", fullmatch=True), st.binary())
def test_a_fingerprinted_name_keeps_its_folder_and_extension(relative, data):
    renamed = fingerprinted(relative, data)
    folder, _, name = relative.rpartition("/")
    assert renamed.startswith(folder)
    assert renamed.endswith("." + name.rpartition(".")[2])
    assert re.search(r"\.[0-9a-f]{10}\.", renamed)


def test_a_stylesheet_links_each_font_by_its_fingerprinted_name():
    renamed = {"fonts/k.woff2": "fonts/k.0123456789.woff2"}
    css = b'a{src:url("../fonts/k.woff2")} b{src:url(../fonts/k.woff2)} ' \
          b"c{src:url( '../fonts/k.woff2' )}"
    assert linked(css, "css/plaza.css", renamed) == \
        b'a{src:url("../fonts/k.0123456789.woff2")} b{src:url(../fonts/k.0123456789.woff2)} ' \
        b"c{src:url('../fonts/k.0123456789.woff2')}"


@pytest.mark.parametrize("target", [
    "../fonts/other.woff2",  # not a renamed file
    "https://fonts.example.com/fonts/k.woff2", "//fonts.example.com/k.woff2",
    "/fonts/k.woff2", "data:font/woff2;base64,AAAA", "#k",
])
def test_a_stylesheet_keeps_every_other_address(target):
    css = f'a{{src:url("{target}")}}'.encode()
    assert linked(css, "css/plaza.css", {"fonts/k.woff2": "fonts/k.0123456789.woff2"}) == css


@given(st.binary(max_size=300) | st.text(max_size=200).map(
    lambda text: text.encode("utf-8", "surrogatepass")))
def test_relinking_changes_nothing_but_the_addresses_of_renamed_files(data):
    """Any stylesheet bytes (hostile, not UTF-8 or not) come back byte for byte when no
    url() in them names a renamed file."""
    assert linked(data, "css/plaza.css", {}) == data
    if b"k.woff2" not in data:
        assert linked(data, "css/plaza.css", {"fonts/k.woff2": "fonts/k.1.woff2"}) == data


def test_only_files_in_the_fingerprinted_folders_get_a_fingerprint():
    assert is_fingerprinted("css/plaza.css") and is_fingerprinted("fonts/k.woff2")
    assert is_fingerprinted("fonts/k.LICENSE.txt")  # cached with the font, named by content
    assert not is_fingerprinted("favicon.svg")
    assert not is_fingerprinted("css")
    assert not is_fingerprinted("images/css/x.png")


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_hostile_address_in_a_stylesheet_is_left_as_it_was(payload):
    css = f'a{{src:url("{payload}")}} b{{src:url(../fonts/k.woff2)}} /* {payload} */'.encode()
    relinked = linked(css, "css/plaza.css", {"fonts/k.woff2": "fonts/k.0123456789.woff2"})
    assert relinked == css.replace(b"../fonts/k.woff2", b"../fonts/k.0123456789.woff2")
