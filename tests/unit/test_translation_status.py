"""The missing and stale translation report, over a real (temporary) git repository."""

from datetime import UTC, datetime

from plaza.model.models import Kind
from plaza.publishing.translation_status import format_report, translation_report
from scripts.translate import translation_text

from ..conftest import ContentTree, load_content, make_config
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
