"""Gates over the files of the built site. Each is also shown failing on broken input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plaza_quality import gates

from .conftest import require


@pytest.fixture
def broken_copy(sample_site: Path, tmp_path: Path) -> Path:
    """A few real pages of the sample, to break on purpose."""
    copy = tmp_path / "site"
    [stylesheet] = sample_site.glob("theme/css/plaza.*.css")
    for relative in ("index.html", "es/index.html", str(stylesheet.relative_to(sample_site)),
                     "faq/residents/index.html"):
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample_site / relative, copy / relative)
    return copy


def break_page(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


class TestValidHtml:
    def test_every_page_passes_the_nu_html_checker(self, sample_site):
        require(gates.vnu_available(), "The Nu HTML Checker",
                "apt-get install default-jre-headless, then `npm install`")
        assert gates.vnu_errors(gates.html_files(sample_site)) == []

    def test_gate_fails_on_invalid_html(self, broken_copy):
        require(gates.vnu_available(), "The Nu HTML Checker",
                "apt-get install default-jre-headless, then `npm install`")
        page = broken_copy / "index.html"
        break_page(page, "<main ", "<main><div></span>")
        assert gates.vnu_errors([page])


class TestNoThirdParty:
    def test_sample_loads_nothing_from_elsewhere(self, sample_site):
        assert gates.third_party_loads(sample_site) == []

    def test_gate_catches_an_external_font_and_image(self, broken_copy):
        break_page(broken_copy / "index.html", "</head>",
                   '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">'
                   "</head>")
        break_page(broken_copy / "es/index.html", "<main ",
                   '<img alt="" srcset="https://cdn.example.com/a.png 2x"><main ')
        [css] = broken_copy.glob("theme/css/plaza.*.css")
        css.write_text('@import "https://fonts.example.com/x.css";\n' + css.read_text())
        failures = gates.third_party_loads(broken_copy)
        assert any("fonts.googleapis.com" in f for f in failures)
        assert any("cdn.example.com" in f for f in failures)
        assert any(css.name in f for f in failures)

    def test_every_page_has_csp_and_no_referrer(self, sample_site):
        assert gates.privacy_meta_missing(sample_site) == []

    def test_gate_catches_a_missing_csp(self, broken_copy):
        break_page(broken_copy / "index.html", 'http-equiv="Content-Security-Policy"',
                   'http-equiv="X-Nothing"')
        assert gates.privacy_meta_missing(broken_copy) == [
            "index.html: no Content-Security-Policy meta"]

    def test_no_page_needs_javascript(self, sample_site):
        assert gates.scripts_present(sample_site) == []

    def test_gate_catches_a_script(self, broken_copy):
        break_page(broken_copy / "index.html", "</body>", '<script src="/a.js"></script></body>')
        assert len(gates.scripts_present(broken_copy)) == 1


class TestLinks:
    def test_every_internal_link_resolves(self, sample_site):
        assert gates.broken_links(sample_site) == []

    def test_gate_catches_a_broken_link_and_anchor(self, broken_copy):
        break_page(broken_copy / "es/index.html", "<main ",
                   '<a href="/nowhere/">x</a><a href="/faq/residents/#no-such-question">y</a>'
                   "<main ")
        failures = gates.broken_links(broken_copy)
        assert "es/index.html: <a> /nowhere/ does not exist" in failures
        assert ("es/index.html: <a> /faq/residents/#no-such-question: no element with id "
                "'no-such-question'") in failures


class TestWeight:
    def test_pages_are_within_budget(self, sample_site):
        assert gates.weight_problems(gates.page_weights(sample_site)) == []

    def test_gate_catches_a_heavy_page(self, broken_copy):
        import os
        break_page(broken_copy / "index.html", "</main>",
                   f"<p>{os.urandom(40_000).hex()}</p></main>")
        failures = gates.weight_problems(gates.page_weights(broken_copy))
        assert any(f.startswith("index.html:") for f in failures)
