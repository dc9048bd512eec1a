"""Every validation rule, each with a failing example and its exact message.

Messages name the file, the line, the field, what is wrong and what is expected.
"""

import pytest

EVENT = """
---
title: Meeting
start: 2026-12-03 18:00
{extra}
---
Body
"""


def event(extra: str) -> str:
    return EVENT.format(extra=extra)


def test_valid_event_has_no_problems(tree):
    tree.write("events/meeting.md", event("duration: 90m\naudience: [residents]"))
    assert tree.problems() == []


@pytest.mark.parametrize(("extra", "expected"), [
    ("sttus: cancelled",
     "content/events/meeting.md:4: sttus: unknown field; did you mean 'status'?"),
    ("end: 2026-12-32 19:00",
     "content/events/meeting.md:4: end: '2026-12-32 19:00' is not a real date and time; "
     "expected YYYY-MM-DD HH:MM (24-hour clock)"),
    ("end: tomorrow",
     "content/events/meeting.md:4: end: 'tomorrow' is not a date; expected YYYY-MM-DD HH:MM "
     "(24-hour clock), or YYYY-MM-DD for an all-day event"),
    ("timezone: America/Los_Angles",
     "content/events/meeting.md:4: timezone: unknown time zone 'America/Los_Angles'; did "
     "you mean 'America/Los_Angeles'?"),
    ("timezone: america/los angeles",
     "content/events/meeting.md:4: timezone: unknown time zone 'america/los angeles'; did "
     "you mean 'America/Los_Angeles'?"),
    ("timezone: Pacific Time",
     "content/events/meeting.md:4: timezone: unknown time zone 'Pacific Time'; write a time "
     "zone name such as America/Los_Angeles, Europe/Madrid or Asia/Seoul (a region, a slash "
     "and the largest city, with underscores for spaces)"),
    ("languages: en, es",
     "content/events/meeting.md:4: languages: several values need square brackets around "
     "them; write a list: languages: [en, es]"),
    ("audience: residents, service-providers",
     "content/events/meeting.md:4: audience: several values need square brackets around "
     "them; write a list: audience: [residents, service-providers]"),
    ("title: Again",
     "content/events/meeting.md:4: title: is written twice (lines 2 and 4); keep one of them"),
    ("location:\n  name: Hall\naddress: 1 Main St",
     "content/events/meeting.md:6: address: looks like part of 'location:' (line 4) but "
     "starts at the left edge; indent it by two spaces, like the line above"),
    ("end: 2026-12-03 17:00",
     "content/events/meeting.md:4: end: 2026-12-03 17:00 is before start 2026-12-03 18:00; "
     "the end must come after the start"),
    ("end: 2026-12-03 19:00\nduration: 1h",
     "content/events/meeting.md:5: duration: give either end or duration, not both"),
    ("duration: 90 minutes",
     "content/events/meeting.md:4: duration: '90 minutes' is not a duration; expected hours "
     "and minutes such as 90m, 2h or 1h30m"),
    ("audience: [residents, tourists]",
     "content/events/meeting.md:4: audience[2]: unknown audience 'tourists'; expected one of: "
     "residents, community-leaders, legal-advocates, local-government, law-enforcement, "
     "service-providers"),
    ("accessibility: [ramp]",
     "content/events/meeting.md:4: accessibility[1]: unknown accessibility value 'ramp'; "
     "expected one of: wheelchair, asl, captions, childcare, interpretation, quiet-room, "
     "parking, transit"),
    ("status: maybe",
     "content/events/meeting.md:4: status: unknown status 'maybe'; expected one of: "
     "confirmed, tentative, cancelled, postponed"),
    ("online: meet.example.org/x",
     "content/events/meeting.md:4: online: 'meet.example.org/x' is not a web address; "
     "expected a full link starting with https://"),
    ("languages: [en, klingon]",
     "content/events/meeting.md:4: languages[2]: unknown language code 'klingon'; use codes "
     "such as en, es, zh-Hant, ko, tl, vi, fa"),
    ("organizer: jane@example.org",
     "content/events/meeting.md:4: organizer: contains the email address jane@example.org; "
     "never publish a person's contact details (an organisation's address can be listed in "
     "PLAZA_ALLOWED_CONTACTS)"),
    ("repeat: FREQ=SOMETIMES",
     "content/events/meeting.md:4: repeat: FREQ=SOMETIMES: expected one of DAILY, WEEKLY, "
     "MONTHLY, YEARLY"),
    ("repeat: FREQ=WEEKLY;COUNT=3;UNTIL=20270101",
     "content/events/meeting.md:4: repeat: use COUNT or UNTIL, not both (RFC 5545)"),
    ("repeat: every thrusday",
     "content/events/meeting.md:4: repeat: 'every thrusday' is not a repeat Plaza understands "
     "(did you mean 'Thursday'?); write it like 'every Thursday', 'every third Thursday' or "
     "'every month on the 15th' (or an RRULE such as FREQ=WEEKLY;BYDAY=TH)"),
    ("repeat: every 2000 weeks",
     "content/events/meeting.md:4: repeat: 'every 2000 weeks' means "
     "FREQ=WEEKLY;INTERVAL=2000, and INTERVAL=2000: expected a whole number from 1 to 1000"),
    ("repeat: every Thursday, 4 times\nexcept: [2026-12-11]",
     "content/events/meeting.md:5: except[1]: 2026-12-11 is not a date the series meets on; "
     "list only dates that 'repeat' produces"),
    ("repeat: every Thursday until 2026-11-26",
     "content/events/meeting.md:4: repeat: the rule makes no meetings; check its days (there "
     "is no 30 February; in an RRULE, BYMONTH, BYMONTHDAY and BYDAY) and that its end "
     "('until …', or UNTIL) comes after start"),
    ("repeat: every day until 2199-12-31",
     "content/events/meeting.md:4: repeat: the rule makes more than 1000 meetings before it "
     "ends; end the series sooner (an earlier 'until …' or fewer '… times'; in an RRULE, "
     "UNTIL or COUNT) or split it into two files"),
    ("except: [2026-12-10]",
     "content/events/meeting.md:4: except: only a repeating event can skip dates; add "
     "'repeat:' or remove 'except:'"),
    ("repeat: FREQ=WEEKLY;COUNT=4\nexcept: [2026-12-11]",
     "content/events/meeting.md:5: except[1]: 2026-12-11 is not a date the series meets on; "
     "list only dates that 'repeat' produces"),
    ("save_as: ../../etc/passwd",
     "content/events/meeting.md:4: save_as: not allowed: Plaza decides where pages are "
     "written; remove this line"),
    ("url: /elsewhere/",
     "content/events/meeting.md:4: url: not allowed: Plaza decides page addresses; remove "
     "this line"),
    ("template: raw",
     "content/events/meeting.md:4: template: not allowed: Plaza picks the template for each "
     "content type; remove this line"),
    ("image: ../../secret.jpg",
     "content/events/meeting.md:4: image: '../../secret.jpg' leaves the site; use a path "
     "inside content/images/, e.g. images/clinic.jpg"),
    ("image: images/missing.jpg\nimage_alt: A room",
     "content/events/meeting.md:4: image: there is no picture content/images/missing.jpg; "
     "check the spelling (only pictures the build can publish count)"),
    ("program: no-such-program",
     "content/events/meeting.md:4: program: there is no 'no-such-program' in "
     "content/programs/; check the id (the file name without .md)"),
])
def test_event_rule(tree, extra, expected):
    tree.write("events/meeting.md", event(extra))
    assert tree.problems() == [expected]


def test_local_time_in_the_spring_forward_gap(tree):
    tree.write("events/meeting.md", "---\ntitle: M\nstart: 2027-03-14 02:30\n---\n")
    assert tree.problems() == [
        "content/events/meeting.md:3: start: 2027-03-14 02:30 does not exist in "
        "America/Los_Angeles: the clocks skip that hour for daylight saving time; choose a "
        "time outside the gap"]


def test_missing_required_fields(tree):
    tree.write("events/meeting.md", "---\nsummary: Nothing else\n---\n")
    assert tree.problems() == [
        "content/events/meeting.md:1: start: missing; add a line 'start: …' (Local start: "
        "YYYY-MM-DD HH:MM (24-hour clock), or YYYY-MM-DD for an all-day event.)",
        "content/events/meeting.md:1: title: missing; add a line 'title: …' (The title, in "
        "the file's language.)"]


def test_all_day_end_must_be_a_date(tree):
    tree.write("events/fair.md", "---\ntitle: F\nstart: 2026-12-19\nend: 2026-12-20 18:00\n---\n")
    assert tree.problems() == [
        "content/events/fair.md:4: end: start and end must both have a time (YYYY-MM-DD "
        "HH:MM) or both be dates (YYYY-MM-DD)"]


def test_bad_file_names(tree):
    tree.write("events/Meeting Notes.md", event(""))
    tree.write("events/meeting.de.md", "---\ntitle: Treffen\n---\n")
    assert tree.problems() == [
        "content/events/Meeting Notes.md:1: 'Meeting Notes.md' is not a valid file name; use "
        "lower-case letters, digits and '-', then .md or .<language>.md (e.g. "
        "know-your-rights.es.md)",
        "content/events/meeting.de.md:1: '.de.md' names a language this site does not "
        "publish; use one of: en, es, fa"]


def test_translation_without_original(tree):
    tree.write("events/meeting.es.md", "---\ntitle: Reunión\n---\n")
    assert tree.problems() == [
        "content/events/meeting.es.md:1: this translation has no original; add "
        "content/events/meeting.md or fix the file name"]


def test_translation_may_not_change_timing_or_status(tree):
    tree.write("events/meeting.md", event("status: confirmed"))
    tree.write("events/meeting.es.md", "---\ntitle: Reunión\nstart: 2026-12-04 18:00\n"
               "status: cancelled\nlang: es\n---\n")
    assert tree.problems() == [
        "content/events/meeting.es.md:3: start: a translation cannot change start; remove "
        "this line (it is taken from content/events/meeting.md)",
        "content/events/meeting.es.md:4: status: a translation cannot change status; remove "
        "this line (it is taken from content/events/meeting.md)",
        "content/events/meeting.es.md:5: lang: a translation's language comes from its file "
        "name (e.g. .es.md); remove this line"]


def test_series_in_words_is_read_as_its_rule(tree):
    from plaza.model.models import Kind, Status
    from plaza.time.recurrence import occurrences

    tree.write("events/meeting.md", event("repeat: every third Thursday\nexcept: [2027-01-21]"))
    timing = tree.load().get(Kind.EVENT, "meeting").original.timing
    assert timing.repeat == "FREQ=MONTHLY;BYDAY=3TH"
    found = occurrences(timing, Status.CONFIRMED)
    assert [o.start.date().isoformat() for o in found[:3]] == [
        "2026-12-17", "2027-02-18", "2027-03-18"]  # each third Thursday, one skipped


def test_translation_may_say_the_series_in_other_words(tree):
    tree.write("events/meeting.md", event("repeat: every third Thursday"))
    tree.write("events/meeting.es.md", "---\ntitle: Reunión\nrepeat: FREQ=MONTHLY;BYDAY=3TH\n"
               "---\n")
    assert tree.problems() == []
    tree.write("events/meeting.es.md", "---\ntitle: Reunión\nrepeat: every last Thursday\n"
               "---\n")
    assert tree.problems() == [
        "content/events/meeting.es.md:3: repeat: a translation cannot change repeat; remove "
        "this line (it is taken from content/events/meeting.md)"]


def test_translation_may_repeat_timing_unchanged(tree):
    tree.write("events/meeting.md", event(""))
    tree.write("events/meeting.es.md", "---\ntitle: Reunión\nstart: 2026-12-03 18:00\n---\n")
    assert tree.problems() == []


def test_ids_collide_between_events_and_programs(tree):
    tree.write("events/dialogue.md", event(""))
    tree.write("programs/dialogue.md", event(""))
    assert tree.problems() == [
        "content/programs/dialogue.md:1: the id 'dialogue' is already used by "
        "content/events/dialogue.md; events and programs need different ids"]


def test_ids_collide_across_subfolders(tree):
    tree.write("events/2026/meeting.md", event(""))
    tree.write("events/2027/meeting.md", event(""))
    assert tree.problems() == [
        "content/events/2027/meeting.md:1: the id 'meeting' is already used by "
        "content/events/2026/meeting.md; rename one of the files"]


@pytest.mark.parametrize("name", ["events", "es", "fa"])
def test_page_id_reserved(tree, name):
    """A page named after a list or a language prefix would take that address over."""
    tree.write(f"pages/{name}.md", "---\ntitle: Events\n---\n")
    assert tree.problems() == [
        f"content/pages/{name}.md:1: '{name}' is an address Plaza uses itself (for a list or "
        "a language's pages); rename the file"]


PROGRAM = """
---
title: Dialogue
start: 2026-10-07 18:30
duration: 2h
repeat: FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=4
sessions:
  - date: 2026-10-21
    topic: Safety
  - date: 2026-10-22
    status: cancelled
---
"""


def test_session_date_must_be_an_occurrence(tree):
    tree.write("programs/dialogue.md", PROGRAM)
    assert tree.problems() == [
        "content/programs/dialogue.md:9: sessions[2].date: 2026-10-22 is not a date the series "
        "meets on; 'date' names the regular session being described"]


def test_notes_references(tree):
    tree.write("programs/dialogue.md", PROGRAM.replace("2026-10-22", "2026-11-04"))
    tree.write("notes/missing-target.md", "---\ntitle: N\nevent: nowhere\n---\n")
    tree.write("notes/no-date.md", "---\ntitle: N\nevent: dialogue\n---\n")
    tree.write("notes/wrong-date.md", "---\ntitle: N\nevent: dialogue\ndate: 2026-10-08\n---\n")
    assert tree.problems() == [
        "content/notes/missing-target.md:3: event: there is no 'nowhere' in content/events/ "
        "or content/programs/; check the id (the file name without .md)",
        "content/notes/no-date.md:1: date: notes for a program need the 'date' of the session "
        "(YYYY-MM-DD)",
        "content/notes/wrong-date.md:4: date: 'dialogue' has no session on 2026-10-08; use the "
        "date of a session it held"]


def test_action_item_owner_is_not_an_email(tree):
    tree.write("events/meeting.md", event(""))
    tree.write("notes/n.md", "---\ntitle: N\nevent: meeting\naction_items:\n"
               "  - task: Call the venue\n    owner: ana@example.org\n---\n")
    assert tree.problems() == [
        "content/notes/n.md:6: action_items[1].owner: contains the email address "
        "ana@example.org; never publish a person's contact details (an organisation's "
        "address can be listed in PLAZA_ALLOWED_CONTACTS)"]


def test_every_problem_is_reported_together(tree):
    tree.write("events/a.md", event("sttus: x"))
    tree.write("events/b.md", event("end: 2026-12-03 17:00"))
    tree.write("faq/residents.md", "---\ntitle: Q\naudience: tourists\n---\n")
    problems = tree.problems()
    assert [p.split(":")[0] for p in problems] == [
        "content/events/a.md", "content/events/b.md", "content/faq/residents.md"]


def test_yaml_error_names_the_file_and_line(tree):
    tree.write("events/meeting.md", "---\ntitle: Meeting: the sequel\nstart: 2026-12-03\n---\n")
    assert tree.problems() == [
        "content/events/meeting.md:2: title: the value contains ': ', which YAML reads as the "
        "start of another field; put the value in quotes: title: \"Meeting: the sequel\""]


# What people who have never seen YAML write, and what the check tells them: the line
# where the problem starts (not where the parser gave up), in plain words, with the fix.
@pytest.mark.parametrize(("front", "expected"), [
    ('title: "Meeting\nstart: 2026-12-03 18:00\nsummary: "Hello"',
     "content/events/meeting.md:2: title: the quote \" opened on this line is never closed; "
     "add a closing \" at the end of the value: title: \"Meeting\""),
    ("start: 2026-12-03 18:00\ntitle: 'Meeting",
     "content/events/meeting.md:3: title: the quote ' opened on this line is never closed; "
     "add a closing ' at the end of the value: title: 'Meeting'"),
    ("title: Meeting\nstart: 2026-12-03 18:00\naudience: [residents",
     "content/events/meeting.md:4: audience: the '[' opened on this line is never closed; "
     "end the list with ']' on the same line: audience: [residents]"),
    ("title: Meeting\nstart: 2026-12-03 18:00\naudience: [residents\nsummary: Hi",
     "content/events/meeting.md:4: audience: the '[' opened on this line is never closed; "
     "end the list with ']' on the same line: audience: [residents]"),
    ("title: Meeting\nstart: 2026-12-03 18:00\nlocation:\n\tname: Hall",
     "content/events/meeting.md:5: name: this line is indented with a tab, which YAML does "
     "not accept; replace the tab with two spaces"),
    ("title:Meeting\nstart: 2026-12-03 18:00",
     "content/events/meeting.md:2: title: put a space after the colon, or YAML reads the "
     "whole line as one piece of text: title: Meeting"),
    ("start: 2026-12-03 18:00\ntitle:Meeting\nsummary: Hi",
     "content/events/meeting.md:3: title: put a space after the colon, or YAML reads the "
     "whole line as one piece of text: title: Meeting"),
    ("title:Meeting",
     "content/events/meeting.md:2: title: put a space after the colon, or YAML reads the "
     "whole line as one piece of text: title: Meeting"),
    ("title: Meeting\n  start: 2026-12-03 18:00",
     "content/events/meeting.md:3: start: this line is indented, but the field above it "
     "already has a value; remove the spaces at the start of the line"),
])
def test_yaml_mistakes_in_plain_words(tree, front, expected):
    tree.write("events/meeting.md", f"---\n{front}\n---\nBody\n")
    assert tree.problems() == [expected]


def test_list_positions_count_from_one(tree):
    tree.write("events/meeting.md", event("languages: [klingon, en]"))
    assert tree.problems() == [
        "content/events/meeting.md:4: languages[1]: unknown language code 'klingon'; use "
        "codes such as en, es, zh-Hant, ko, tl, vi, fa"]


def test_a_session_field_at_the_left_edge(tree):
    tree.write("programs/p.md", """
        ---
        title: Dialogue
        start: 2026-10-01 18:00
        repeat: FREQ=WEEKLY;COUNT=4
        sessions:
          - date: 2026-10-08
        topic: Housing
        ---
        """)
    assert tree.problems() == [
        "content/programs/p.md:7: topic: looks like part of 'sessions:' (line 5) but starts "
        "at the left edge; indent it so that it lines up with the fields of its item, like "
        "the line above"]


def test_translation_merges_location_and_session_topics(tree):
    tree.write("programs/dialogue.md", PROGRAM.replace("2026-10-22", "2026-11-04"))
    tree.write("programs/dialogue.es.md", """
        ---
        title: Diálogo
        location:
          name: Centro
        sessions:
          - date: 2026-10-21
            topic: Seguridad
          - date: 2026-11-04
            status: confirmed
        ---
        """)
    tree.write("events/meeting.md", event("location:\n  name: Hall\n  address: 1 Main St"))
    tree.write("events/meeting.es.md", "---\ntitle: Reunión\nlocation:\n  name: Sala\n---\n")
    assert tree.problems() == [
        "content/programs/dialogue.es.md:9: sessions[2].status: a translation cannot change "
        "a session's status; remove this line (it is taken from the original)"]
    tree.write("programs/dialogue.es.md", "---\ntitle: Diálogo\nsessions:\n"
               "  - date: 2026-10-21\n    topic: Seguridad\n---\n")
    site = tree.load()
    from plaza.model.models import Kind
    spanish = site.get(Kind.PROGRAM, "dialogue").versions["es"]
    assert [(s.date.isoformat(), s.topic, s.status.value) for s in spanish.sessions] == [
        ("2026-10-21", "Seguridad", "confirmed"), ("2026-11-04", "", "cancelled")]
    assert spanish.lang_of("sessions") == "es"
    meeting = site.get(Kind.EVENT, "meeting").versions["es"]
    assert (meeting.location.name, meeting.location.address) == ("Sala", "1 Main St")


def test_github_annotations_inside_actions(tree, monkeypatch, capsys):
    from plaza.model.problems import ContentError
    from plaza_pelican.commands import report

    tree.write("events/meeting.md", event("sttus: x\nsummary: \"100% free\""))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    try:
        tree.load()
    except ContentError as error:
        report(error.problems)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "content/events/meeting.md:4: sttus: unknown field; did you mean 'status'?"
    assert lines[1] == ("::error file=content/events/meeting.md,line=4::sttus: unknown field; "
                        "did you mean 'status'?")
    monkeypatch.delenv("GITHUB_ACTIONS")
    report([])
    assert "::error" not in capsys.readouterr().err


@pytest.mark.parametrize(("body", "fragment"), [
    ("![" * 300, "this paragraph has more than 200 '[' characters"),
    (("[a](b) " * 150 + "\n\n") * 21, "the text has more than 3000 '[' characters"),
    ("<a " * 2100, "the text has more than 2000 '<' characters"),
    ("1. " * 25 + "deep", "nests lists or quotes more than 20 deep"),
    (">" * 30 + " deep", "nests lists or quotes more than 20 deep"),
    ("".join(" " * (4 * level) + "- x\n" for level in range(30)),
     "nests lists or quotes more than 20 deep"),
])
def test_bodies_that_markdown_would_take_unbounded_time_on(tree, body, fragment):
    """Python-Markdown is quadratic in some characters and recurses on nesting: such a
    body is refused with a message before it is laid out (each took seconds to hours)."""
    tree.write("pages/p.md", "---\ntitle: P\n---\n" + body + "\n")
    problems = tree.problems()
    assert len(problems) == 1 and fragment in problems[0], problems
    assert problems[0].startswith("content/pages/p.md:")
