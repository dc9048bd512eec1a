"""The translation glossary: its file, the check, and the shipped catalogs and content."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plaza.reading.glossary import COLUMNS, GlossaryError, check_text, parse_glossary
from scripts.translations import glossary_problems

from ..hostile import PAYLOADS

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "theme" / "translations" / "glossary.csv"
sys.path.insert(0, str(ROOT))
import pelicanconf  # noqa: E402

LANGUAGES = [code for code in pelicanconf.PLAZA_LANGUAGES if code != "en"]
TERMS = ["ICE", "ICE-Free Zone", "immigration enforcement", "judicial warrant",
         "administrative warrant", "accredited representative", "notario", "legal aid",
         "know your rights", "rapid response", "tentative", "cancelled", "postponed",
         "captions", "interpretation", "legal advocates", "legal advice"]
HEADER = ",".join(COLUMNS) + "\n"


def glossary_of(*rows: str):
    return parse_glossary(HEADER + "".join(row + "\n" for row in rows))


@pytest.fixture(scope="module")
def shipped():
    return parse_glossary(GLOSSARY.read_text(encoding="utf-8"))


def test_every_term_has_one_approved_rendering_per_language_with_a_note(shipped):
    assert shipped.terms() == TERMS
    for term in TERMS:
        rows = [e for e in shipped.entries if e.term == term]
        assert sorted(e.locale for e in rows) == sorted(LANGUAGES), term
        for entry in rows:
            assert entry.approved and entry.note, (term, entry.locale)
            # The approved rendering passes its own check.
            assert check_text(shipped, entry.locale, entry.approved, "x",
                              interface=True) == [], (term, entry.locale)


def test_ice_and_the_zones_keep_their_english_names_with_a_gloss(shipped):
    for entry in shipped.entries:
        if entry.term in ("ICE", "ICE-Free Zone"):
            assert entry.keep_english and entry.approved.startswith(entry.term)
            assert len(entry.approved) > len(entry.term) + 5, "a gloss after the name"
    zone = {e.locale: e for e in shipped.entries if e.term == "ICE-Free Zone"}
    assert "zona libre de ICE" in zone["es"].forbidden


def test_a_forbidden_variant_is_found_on_its_line_in_any_case_and_across_a_line_break():
    glossary = glossary_of("ICE-Free Zone,es,ICE-Free Zone (propiedad),zona sin ICE,keep,all,n")
    text = "---\ntitle: Hola\n---\nUna Zona\n  SIN ice en la esquina.\n"
    [problem] = check_text(glossary, "es", text, "content/pages/a.es.md")
    assert str(problem) == ("content/pages/a.es.md:4: ICE-Free Zone: 'Zona\\u000a  SIN ice' "
                            "is a rendering the glossary rules out; write "
                            "'ICE-Free Zone (propiedad)'")
    assert check_text(glossary, "fa", text, "x") == []  # another language's rule


def test_words_are_whole_in_spaced_scripts_and_anywhere_in_others():
    glossary = glossary_of("tentative,es,por confirmar,temporal,translate,all,n",
                           "tentative,zh-Hans,暂定,临时,translate,all,n",
                           "ICE-Free Zone,ko,ICE-Free Zone(…),ICE 없는,keep,all,n")
    assert check_text(glossary, "es", "Protección temporales", "x") == []
    assert len(check_text(glossary, "es", "(temporal)", "x")) == 1
    assert len(check_text(glossary, "zh-Hans", "这是临时活动", "x")) == 1
    assert len(check_text(glossary, "ko", "ICE 없는구역", "x")) == 1


def test_an_english_original_is_found_in_lower_case_but_a_name_passes():
    glossary = glossary_of("legal aid,es,ayuda legal,,translate,all,n",
                           "ICE,es,ICE (Servicio),la migra,keep,all,n")
    assert [p.field for p in check_text(glossary, "es", "Busque legal aid hoy.", "x")] == \
        ["legal aid"]
    assert check_text(glossary, "es", "Legal Aid Foundation of Los Angeles", "x") == []
    assert check_text(glossary, "es", "ICE no puede entrar", "x") == []  # kept in English
    assert check_text(glossary, "es", "Vea https://example.org/la-migra/legal-aid", "x") == []


def test_interface_only_terms_are_not_checked_in_content():
    glossary = glossary_of("tentative,es,por confirmar,temporal,translate,interface,n")
    assert check_text(glossary, "es", "Estatus de Protección Temporal", "x") == []
    assert len(check_text(glossary, "es", "Temporal", "x", interface=True)) == 1


@pytest.mark.parametrize("rows, line, message", [
    (["term,locale,approved"], 1, "the first row must be"),
    ([HEADER.strip(), "ICE,es,ICE"], 2, "write 7 columns, not 3"),
    ([HEADER.strip(), "ICE,es,ICE,,sometimes,all,n"], 2, "english is one of keep, translate"),
    ([HEADER.strip(), "ICE,es,ICE,,keep,pages,n"], 2, "scope is one of all, interface"),
    ([HEADER.strip(), "ICE,es,,,keep,all,n"], 2, "must not be empty"),
    ([HEADER.strip(), "ICE,es,ICE,,keep,all,n", "", "ICE,es,ICE,,keep,all,n"], 4,
     "'ICE' has a second row for es"),
    ([HEADER.strip(), "ICE,es," + "x" * 200_000 + ",,keep,all,n"], 2, "this is not CSV"),
])
def test_a_malformed_glossary_says_which_line_and_how(rows, line, message):
    with pytest.raises(GlossaryError) as error:
        parse_glossary("\n".join(rows) + "\n")
    assert error.value.line == line and message in str(error.value)


def test_hostile_text_is_searched_and_reported_as_one_line():
    glossary = glossary_of("ICE-Free Zone,es,ICE-Free Zone (x),zona sin ICE,keep,all,n")
    for payload in PAYLOADS.values():
        text = f"{payload} zona sin ICE {payload}"
        problems = check_text(glossary, "es", text, f"content/{payload}.es.md")
        assert [p.field for p in problems] == ["ICE-Free Zone"], payload
        shown = str(problems[0])
        assert "\n" not in shown and "\r" not in shown and "\x85" not in shown


@given(st.text(max_size=200))
def test_any_text_checks_without_error_and_lines_stay_inside_it(text):
    glossary = glossary_of("legal aid,es,ayuda legal,asistencia|ayuda,translate,all,n")
    for problem in check_text(glossary, "es", text, "x", first_line=10, interface=True):
        assert 10 <= problem.line <= 10 + text.count("\n")


def test_the_shipped_catalogs_and_content_follow_the_glossary():
    problems = glossary_problems(str(ROOT / "theme"), str(ROOT / "content"), LANGUAGES,
                                 str(ROOT))
    assert not problems, "\n".join(str(p) for p in problems[:20])


def test_a_catalog_problem_points_at_the_translation_line(tmp_path):
    """In a catalog, the line of the msgstr (or of the plural form) that is wrong."""
    theme = tmp_path / "theme"
    (theme / "translations" / "es_US" / "LC_MESSAGES").mkdir(parents=True)
    (theme / "translations" / "glossary.csv").write_text(
        HEADER + "tentative,es,por confirmar,temporal,translate,interface,n\n")
    (theme / "translations" / "es_US" / "LC_MESSAGES" / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: es_US\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgctxt "event status"\nmsgid "Tentative"\nmsgstr "Temporal"\n\n'
        'msgid "%(num)s tentative event"\nmsgid_plural "%(num)s tentative events"\n'
        'msgstr[0] "%(num)s evento por confirmar"\nmsgstr[1] "%(num)s eventos (temporal)"\n'
        '\nmsgid "Tentative: %(title)s"\nmsgstr "Temporal: %(title)s"\n')
    (tmp_path / "content").mkdir()
    problems = glossary_problems(str(theme), str(tmp_path / "content"), ["es"], str(tmp_path))
    assert [(p.path, p.line) for p in problems] == [
        ("theme/translations/es_US/LC_MESSAGES/messages.po", 8),
        ("theme/translations/es_US/LC_MESSAGES/messages.po", 13),
        ("theme/translations/es_US/LC_MESSAGES/messages.po", 16)]


def test_a_broken_glossary_is_a_problem_with_its_line_not_a_traceback(tmp_path):
    (tmp_path / "theme" / "translations").mkdir(parents=True)
    (tmp_path / "theme" / "translations" / "glossary.csv").write_text(
        HEADER + 'ICE,es,ICE,,keep,all,n\n"unclosed,es\n')
    (tmp_path / "content").mkdir()
    problems = glossary_problems(str(tmp_path / "theme"), str(tmp_path / "content"), ["es"],
                                 str(tmp_path))
    assert [(p.path.endswith("glossary.csv"), p.line) for p in problems] == [(True, 3)]
    assert "columns" in problems[0].message
    (tmp_path / "theme" / "translations" / "glossary.csv").write_bytes(b"\xff\xfe\x00x")
    [problem] = glossary_problems(str(tmp_path / "theme"), str(tmp_path / "content"), ["es"],
                                  str(tmp_path))
    assert "not UTF-8" in problem.message
