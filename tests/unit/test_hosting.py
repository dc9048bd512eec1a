"""The headers a host should send: one policy, the same in `_headers`, the nginx and Caddy
snippets of docs/hosting.md, and the pages' own meta tag."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from plaza.publishing.hosting import (
    HEADER_POLICY,
    LONG_CACHE,
    PAGE_POLICY,
    SECURITY_HEADERS,
    fingerprinted,
    headers_file,
)

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")


def snippet(language: str) -> str:
    found = re.search(rf"```{language}\n(.*?)```", DOC, re.S)
    assert found, language
    return found.group(1)


def test_headers_file_sends_every_security_header_everywhere_and_caches_only_css():
    text = headers_file("theme").decode()
    blocks = dict(re.findall(r"^(/\S*)\n((?:  .*\n)+)", text, re.M))
    assert set(blocks) == {"/*", "/theme/css/*"}
    for name, value in SECURITY_HEADERS:
        assert f"  {name}: {value}\n" in blocks["/*"]
    assert blocks["/theme/css/*"] == f"  Cache-Control: {LONG_CACHE}\n"


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
    assert f'header /theme/css/* Cache-Control "{LONG_CACHE}"' in caddy


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
