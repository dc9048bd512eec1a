"""The missing and stale translation report, over a real (temporary) git repository."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from plaza.model.models import Kind
from plaza.publishing.translation_status import (
    Shape,
    format_report,
    missing_parts,
    translation_report,
)
from scripts.translate import translation_text

from ..conftest import ContentTree, load_content, make_config
from ..hostile import PAYLOADS
from ..sites import git

EVENT = "---\ntitle: {title}\nstart: 2026-12-03 18:00\nlocation:\n  name: Hall\n---\n{body}\n"


def commit_all(tree: ContentTree, when: str) -> None:
    git(tree.root, "add", "-A")
    git(tree.root, "commit", "-q", "-m", "edit", when=when)


def test_missing_and_stale_translations(tmp_path):
    tree = ContentTree(tmp_path)
    git(tmp_path, "init", "-q")
    tree.write("events/meeting.md", EVENT.format(title="Meeting", body="Agenda"))
    tree.write("events/fair.md", EVENT.format(title="Fair", body="Tables"))
    tree.write("events/meeting.es.md", "---\ntitle: Reunión\n---\nOrden del día\n")
    commit_all(tree, "2026-03-01T10:00:00Z")
    tree.write("events/meeting.md", EVENT.format(title="Meeting", body="New agenda"))
    commit_all(tree, "2026-04-01T10:00:00Z")

    site = load_content(tree.content, make_config())
    spanish = next(s for s in translation_report(site) if s.lang == "es")
    assert spanish.missing == ("content/events/fair.md",)
    assert [s.path for s in spanish.stale] == ["content/events/meeting.es.md"]
    assert spanish.stale[0].original_changed == datetime(2026, 4, 1, 10, tzinfo=UTC)
    assert site.stale_since(site.get(Kind.EVENT, "meeting"), "es") == \
        datetime(2026, 4, 1, 10, tzinfo=UTC)
    text = format_report(translation_report(site))
    assert "es: 1/2 translated, 1 stale" in text
    assert "  missing  content/events/fair.md" in text

    tree.write("events/meeting.es.md", "---\ntitle: Reunión\n---\nNueva orden del día\n")
    commit_all(tree, "2026-04-02T10:00:00Z")
    site = load_content(tree.content, make_config())
    assert next(s for s in translation_report(site) if s.lang == "es").stale == ()


def test_make_translate_writes_a_file_that_validates(tree):
    original = tree.write("programs/dialogue.md", """
        ---
        title: Dialogue
        summary: Talks
        start: 2026-10-07 18:30
        duration: 2h
        repeat: FREQ=WEEKLY;COUNT=3
        status: confirmed
        categories: [dialogues]
        sessions:
          - date: 2026-10-14
            topic: Safety
            start: 2026-10-15 18:30
        ---
        The body.
        """)
    text = translation_text(str(original), Kind.PROGRAM)
    assert "start: 2026-10-07" not in text and "status:" not in text
    assert "categories" not in text and "topic: Safety" in text
    assert text.endswith("---\nThe body.\n")
    tree.write("programs/dialogue.ko.md", text)
    assert tree.problems(languages=("en", "ko")) == []


PAGE = "---\ntitle: {title}\n---\n{body}\n"
FAQ = "---\ntitle: {title}\naudience: residents\n---\n{body}\n"


def test_a_translation_with_fewer_paragraphs_or_list_items_is_partial(tmp_path):
    tree = ContentTree(tmp_path)
    git(tmp_path, "init", "-q")
    tree.write("pages/privacy.md", PAGE.format(
        title="Privacy", body="One.\n\n- a\n- b\n- c\n\nTwo."))
    tree.write("pages/privacy.es.md", PAGE.format(
        title="Privacidad", body="Uno.\n\n- a\n- b\n\nDos."))  # one list item dropped
    tree.write("pages/privacy.fa.md", PAGE.format(
        title="حریم خصوصی", body="یک.\n\n- a\n- b\n- c"))  # the last paragraph dropped
    tree.write("pages/about.md", PAGE.format(title="About", body="One.\n\nTwo."))
    # A translation may say more, and may leave its body to the original: not partial.
    tree.write("pages/about.es.md", PAGE.format(title="Acerca", body="Uno.\n\nDos.\n\nTres."))
    tree.write("pages/about.fa.md", "---\ntitle: درباره\n---\n")
    commit_all(tree, "2026-03-01T10:00:00Z")

    site = load_content(tree.content, make_config())
    by_lang = {s.lang: s for s in translation_report(site)}
    assert [(p.path, p.short_of) for p in by_lang["es"].partial] == [
        ("content/pages/privacy.es.md", ("list items",))]
    assert [(p.path, p.short_of) for p in by_lang["fa"].partial] == [
        ("content/pages/privacy.fa.md", ("paragraphs",))]
    privacy = site.get(Kind.PAGE, "privacy")
    assert missing_parts(privacy, "en") == ()  # the original is never partial
    assert missing_parts(site.get(Kind.PAGE, "about"), "fa") == ()
    text = format_report(translation_report(site))
    assert "es: 2/2 translated, 0 stale, 1 partial" in text
    assert "  partial  content/pages/privacy.es.md (fewer list items than the original)" in text


def test_a_faq_translation_with_fewer_questions_is_partial(tmp_path):
    tree = ContentTree(tmp_path)
    git(tmp_path, "init", "-q")
    tree.write("faq/residents.md", FAQ.format(
        title="Residents", body="## Is it safe?\n\nYes.\n\n## Who runs it?\n\nThe county."))
    tree.write("faq/residents.es.md", FAQ.format(
        title="Residentes", body="## ¿Es seguro?\n\nSí."))
    commit_all(tree, "2026-03-01T10:00:00Z")
    site = load_content(tree.content, make_config())
    assert missing_parts(site.get(Kind.FAQ, "residents"), "es") == ("paragraphs", "questions")


@given(st.lists(st.integers(0, 5), min_size=3, max_size=3),
       st.lists(st.integers(0, 5), min_size=3, max_size=3))
def test_shorter_only_where_a_count_is_smaller(original, translation):
    short = Shape(*translation).short_of(Shape(*original))
    names = ("paragraphs", "list items", "questions")
    assert short == tuple(n for n, t, o in zip(names, translation, original, strict=True)
                          if t < o)
    assert Shape(*original).short_of(Shape(*original)) == ()


def test_hostile_text_in_a_translation_is_counted_not_parsed(tmp_path):
    """Tags written as text (escaped by the sanitizer) are not paragraphs."""
    tree = ContentTree(tmp_path)
    tree.write("pages/a.md", PAGE.format(title="A", body="One.\n\nTwo."))
    hostile = " ".join(f"`{PAYLOADS[name]}`" for name in ("tag", "script", "form"))
    tree.write("pages/a.es.md", PAGE.format(
        title="A", body=f"Uno &lt;p&gt;&#60;li&#62; {hostile} `<p>` `<li>`"))
    site = load_content(tree.content, make_config())
    assert missing_parts(site.get(Kind.PAGE, "a"), "es") == ("paragraphs",)
