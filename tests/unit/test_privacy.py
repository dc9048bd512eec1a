"""The privacy guard catches each case, and lets each allowed case through."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
from PIL import Image

from plaza.reading.markup import render
from plaza_sources.pictures import clean_bytes, published_images, scrub_in_place

from ..pictures import gps_jpeg

NOTES = "---\ntitle: N\nevent: meeting\n{extra}---\n{body}\n"
MEETING = "---\ntitle: Meeting\nstart: 2026-12-03 18:00\n---\n"


def notes(tree, extra="", body=""):
    tree.write("events/meeting.md", MEETING)
    tree.write("notes/n.md", NOTES.format(extra=extra, body=body))


PHONES = [  # (as written, as the message shows it)
    ("(213) 555-0147", "(213) 555-0147"),
    ("+1 323.555.0199", "+1 323.555.0199"),
    ("213 555 0147", "213 555 0147"),
    ("213.555.0147", "213.555.0147"),
    ("213-555-0147", "213-555-0147"),
    ("213\u2013555\u20130147", "213\u2013555\u20130147"),  # en dashes
    ("213\u2014555\u20140147", "213\u2014555\u20140147"),  # em dashes
    ("213 - 555 - 0147", "213 - 555 - 0147"),
    ("213/555-0147", "213/555-0147"),
    ("2135550147", "2135550147"),
    ("12135550147", "12135550147"),
    ("(213)555-0147", "(213)555-0147"),
    ("+1 (213) 555-0147", "+1 (213) 555-0147"),
    ("1-213-555-0147", "1-213-555-0147"),
    ("+12135550147", "+12135550147"),
    ("+52 55 1234 5678", "+52 55 1234 5678"),
    ("+44 20 7946 0958", "+44 20 7946 0958"),
    ("+44 (0)20 7946 0958", "+44 (0)20 7946 0958"),
    ("+98 912 345 6789", "+98 912 345 6789"),
    ("020 7946 0958", "020 7946 0958"),
    ("0912 345 6789", "0912 345 6789"),
    ("\uff12\uff11\uff13\uff0d\uff15\uff15\uff15\uff0d\uff10\uff11\uff14\uff17",
     "\uff12\uff11\uff13\uff0d\uff15\uff15\uff15\uff0d\uff10\uff11\uff14\uff17"),
    ("(\u0662\u0661\u0663) \u0665\u0665\u0665-\u0660\u0661\u0664\u0667",
     "(\u0662\u0661\u0663) \u0665\u0665\u0665-\u0660\u0661\u0664\u0667"),  # Arabic-Indic
    ("\u06f2\u06f1\u06f3-\u06f5\u06f5\u06f5-\u06f0\u06f1\u06f4\u06f7",
     "\u06f2\u06f1\u06f3-\u06f5\u06f5\u06f5-\u06f0\u06f1\u06f4\u06f7"),  # Persian
    ("213-555-0147 ext. 12", "213-555-0147 ext. 12"),
    ("213-555-0147 x12", "213-555-0147 x12"),
    ("213\u200b-555-0147", "213\\u200b-555-0147"),  # zero-width space: shown escaped
    ("213\u00ad555\u00ad0147", "213\\u00ad555\\u00ad0147"),  # soft hyphens
    ("213\u2060555\u20600147", "213\\u2060555\\u20600147"),  # word joiners
]
EMAILS = [
    ("ana.lopez@example.org", "ana.lopez@example.org"),
    ("ana [at] example [dot] org", "ana [at] example [dot] org"),
    ("ana(at)example.org", "ana(at)example.org"),
    ("ana {at} example {dot} org", "ana {at} example {dot} org"),
    ("ana[@]example[.]org", "ana[@]example[.]org"),
    ("ana at example dot org", "ana at example dot org"),
    ("ana AT example DOT org", "ana AT example DOT org"),
    ("ana arroba ejemplo punto org", "ana arroba ejemplo punto org"),
    ("ana @ example . org", "ana @ example . org"),
    ("ana [at] mail.example.org", "ana [at] mail.example.org"),
    ("ana\uff20example.org", "ana\uff20example.org"),  # full-width @
    ("ana\ufe6bexample.org", "ana\ufe6bexample.org"),  # small @
    ("ana@example\u3002org", "ana@example\u3002org"),  # ideographic full stop
    ("an\u200ba@exam\u200dple.org", "an\\u200ba@exam\\u200dple.org"),  # ZWSP, ZWJ
    ("ana\u2063@example.org", "ana\\u2063@example.org"),  # invisible separator
    ("jos\u00e9@ejemplo.mx", "jos\u00e9@ejemplo.mx"),
]


@pytest.mark.parametrize(("written", "shown"), PHONES)
def test_personal_phone_numbers_are_errors(tree, written, shown):
    notes(tree, body=f"Call Ana at {written} for a ride.")
    problems = [p for p in tree.problems() if "hidden character" not in p]
    assert problems == [
        f"content/notes/n.md:5: contains the phone number {shown}; never publish a person's "
        "contact details (an organisation's number can be listed in PLAZA_ALLOWED_CONTACTS)"]


@pytest.mark.parametrize(("written", "shown"), EMAILS)
def test_personal_email_addresses_are_errors(tree, written, shown):
    notes(tree, body=f"Write to {written} for a ride.")
    problems = [p for p in tree.problems() if "hidden character" not in p]
    assert problems == [
        f"content/notes/n.md:5: contains the email address {shown}; never publish a "
        "person's contact details (an organisation's address can be listed in "
        "PLAZA_ALLOWED_CONTACTS)"]


def test_contacts_in_fields_are_errors_too(tree):
    notes(tree, extra='summary: "Text Ana: ana [at] example [dot] org, \uff12\uff11\uff13 555 '
          '0147"\n')
    problems = tree.problems()
    assert [p.split(";")[0] for p in problems] == [
        "content/notes/n.md:4: summary: contains the email address ana [at] example [dot] org",
        "content/notes/n.md:4: summary: contains the phone number \uff12\uff11\uff13 555 0147"]


def test_allowed_organisational_contacts_pass(tree):
    notes(tree, body="Call the hotline at 213-555-0100 or write to info@coalition.example.")
    assert tree.problems(allowed_contacts=("(213) 555-0100", "info@coalition.example")) == []


def test_allowed_contacts_pass_in_any_spelling(tree):
    notes(tree, body="Call \uff12\uff11\uff13.555.0100 ext. 4 or write to info [at] "
          "Coalition [dot] example.")
    assert tree.problems(allowed_contacts=("(213) 555-0100", "info@coalition.example")) == []


def test_dates_zip_codes_and_counts_are_not_phone_numbers(tree):
    notes(tree, body="On 2026-11-04 we met at 4801 E 3rd St, CA 90022; 5,000 cards; 211.")
    assert tree.problems() == []


@pytest.mark.parametrize("body", [
    "We meet at 4801 E 3rd St, Los Angeles, CA 90022-1234.",
    "From 18:00-19:30, then 19:45 - 21:00.",
    "The 2026-2027 program; the 2025/2026 season.",
    "Starts 2026-11-04T18:00-08:00, ends 2026-11-05.",
    "Tickets $1,234.56 or $25; 40% off; 1,000,000 signatures.",
    "Call 211, 311 or 911.",
    "Ages 12-17; rooms 101, 102 and 1034.",
    "ISBN 978-0-13-110362-7, version 1.2.3.4.",
    "Sign up at chirla.org or register at eventbrite.com.",
    "Meet us at the library. Org chart at City Hall.",
    "Details at https://zoom.us/j/2135550147 and https://example.org/events/2026-11-04/.",
    "\u062c\u0644\u0633\u0647 \u062f\u0631 \u0633\u0627\u0639\u062a \u06f1\u06f8:\u06f0\u06f0 "
    "\u0631\u0648\u0632 \u06f1\u06f4\u06f0\u06f5/\u06f0\u06f9/\u06f1\u06f2 \u0627\u0633\u062a.",
    "\u0627\u0644\u0627\u062c\u062a\u0645\u0627\u0639 \u0627\u0644\u0633\u0627\u0639\u0629 "
    "\u0666 \u0645\u0633\u0627\u0621\u064b \u0641\u064a \u0662\u0660\u0662\u0666-\u0661\u0661"
    "-\u0660\u0664.",
    "\u1780\u17b6\u179a\u1794\u17d2\u179a\u1787\u17bb\u17c6\u200b\u1793\u17c5\u200b\u1790"
    "\u17d2\u1784\u17c3\u200b\u1785\u17d0\u1793\u17d2\u1791 \u17e1\u17e8:\u17e0\u17e0",
])
def test_ordinary_numbers_and_text_are_not_contacts(tree, body):
    notes(tree, body=body)
    assert tree.problems() == []


def test_pages_may_list_contacts(tree):
    tree.write("pages/resources.md", "---\ntitle: R\n---\nCall (213) 555-0100.\n")
    assert tree.problems() == []


OWNER = "action_items:\n  - task: Book room\n    owner: {}\n"


@pytest.mark.parametrize("owner", [
    "Maria Lopez", "Mar\u00eda L\u00f3pez", "maria lopez", "MARIA LOPEZ", "Ana de la Cruz",
    "Jean-Luc Picard", "Pat O'Brien", "O'Brien", "D\u2019Angelo", "M. Lopez", "Lopez, Maria",
    "Maria L.", "J.R. Smith", "Dr. Lopez", "Vincent van Gogh", "Mohammed Al-Rashid",
    "Nguy\u1ec5n V\u0103n An", "\u041c\u0430\u0440\u0438\u044f \u0418\u0432\u0430\u043d\u043e"
    "\u0432\u0430",
])
def test_a_persons_name_as_owner_is_an_error(tree, owner):
    notes(tree, extra=OWNER.format(json.dumps(owner)))
    assert tree.problems() == [
        f"content/notes/n.md:6: action_items[1].owner: '{owner}' looks like a person's "
        "name; name a role or group instead (e.g. 'Outreach team')"]
    assert tree.problems(owners_are_roles=False) == []


@pytest.mark.parametrize("owner", [
    "Outreach team", "Youth Lead", "Steering committee", "Co-chairs", "Board members",
    "Spanish interpreters", "Front desk", "Legal aid", "Food bank", "social media",
    "Comit\u00e9 de j\u00f3venes", "Equipo de difusi\u00f3n", "Casa de la Cultura",
    "Nh\u00f3m ti\u1ebfp c\u1eadn", "Treasurer", "Everyone", "TBD", "to be decided",
    "whoever is free", "ICE Free LA", "Room 101",
    "\u0645\u062d\u0645\u062f \u0639\u0644\u064a",  # Arabic script is not judged
    "\uae40 \ubbfc\uc218",  # nor Hangul
    "\u043e\u0442\u0434\u0435\u043b \u043a\u0430\u0434\u0440\u043e\u0432",  # lower-case Cyrillic
])
def test_roles_groups_and_unjudged_scripts_pass_as_owners(tree, owner):
    notes(tree, extra=OWNER.format(json.dumps(owner)))
    assert tree.problems() == []


def test_names_in_action_items(tree):
    notes(tree, extra="action_items:\n  - task: Book room\n    owner: Maria Lopez\n"
          "  - task: Print\n    owner: Outreach team\n  - task: Call\n    owner: Youth Lead\n")
    assert tree.problems() == [
        "content/notes/n.md:6: action_items[1].owner: 'Maria Lopez' looks like a person's "
        "name; name a role or group instead (e.g. 'Outreach team')"]
    assert tree.problems(owners_are_roles=False) == []


def test_hidden_direction_controls_in_any_field_or_body(tree):
    tree.write("events/meeting.md", "---\ntitle: Meeting\nstart: 2026-12-03 18:00\n"
               "location:\n  address: \"12 Main St \u202e0202\"\n---\nBody \u2066x\u2069\n")
    assert tree.problems() == [
        "content/events/meeting.md:5: location.address: contains the hidden character U+202E "
        "RIGHT-TO-LEFT OVERRIDE, which can disguise text; retype the text without it",
        "content/events/meeting.md:7: contains hidden characters (U+2066 LEFT-TO-RIGHT "
        "ISOLATE, U+2069 POP DIRECTIONAL ISOLATE), which can disguise text; retype the text "
        "without them"]


HIDDEN = ([0x200E, 0x200F, 0x061C, 0x180E, 0xFEFF, *range(0x202A, 0x202F),
           *range(0x2060, 0x2065), *range(0x2066, 0x206A), *range(0x206A, 0x2070),
           *range(0xFFF9, 0xFFFC), 0xE0001, 0xE0041, 0xE007F])


@pytest.mark.parametrize("code", HIDDEN, ids=[f"U+{code:04X}" for code in HIDDEN])
def test_each_hidden_format_character_is_an_error(tree, code):
    tree.write("pages/p.md", f"---\ntitle: P\n---\nOpen 9{chr(code)}-5.\n")
    assert tree.problems() == [
        f"content/pages/p.md:4: contains the hidden character U+{code:04X} "
        f"{unicodedata.name(chr(code))}, which can disguise text; retype the text without it"]


def test_hidden_characters_are_named(tree):
    tree.write("pages/p.md", "---\ntitle: P\n---\nA\u200fB\u061cC\U000e0041\u2060D\u180e\n")
    assert tree.problems() == [
        "content/pages/p.md:4: contains hidden characters (U+061C ARABIC LETTER MARK, U+180E "
        "MONGOLIAN VOWEL SEPARATOR, U+200F RIGHT-TO-LEFT MARK, 2 more), which can disguise "
        "text; retype the text without them"]


def test_hidden_characters_in_code_and_in_a_title_are_errors(tree):
    tree.write("pages/p.md", "---\ntitle: \"Q\u200e&A\"\n---\n```\nx = 1 \u202e\n```\n"
               "`a\u2067b`\n")
    assert [p.split(", which")[0] for p in tree.problems()] == [
        "content/pages/p.md:2: title: contains the hidden character U+200E LEFT-TO-RIGHT MARK",
        "content/pages/p.md:5: contains the hidden character U+202E RIGHT-TO-LEFT OVERRIDE",
        "content/pages/p.md:7: contains the hidden character U+2067 RIGHT-TO-LEFT ISOLATE"]


@pytest.mark.parametrize("text", [
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: ZWNJ
    "\U0001f469\u200d\U0001f469\u200d\U0001f467 families",  # emoji: ZWJ
    "\u0915\u094d\u200d\u0937",  # Devanagari: ZWJ
    "\u1780\u17b6\u179a\u200b\u1794\u17d2\u179a\u1787\u17bb\u17c6",  # Khmer: ZWSP
    "Ju\u00adnior",  # a soft hyphen
])
def test_joiners_and_word_separators_scripts_need_pass(tree, text):
    tree.write("pages/p.md", f"---\ntitle: \"{text}\"\n---\n{text}\n")
    assert tree.problems() == []


def test_a_byte_order_mark_at_the_start_of_a_file_passes(tree):
    path = tree.content / "pages" / "p.md"
    path.parent.mkdir(parents=True)
    path.write_bytes("\ufeff---\ntitle: P\n---\nText.\n".encode())
    assert tree.problems() == []


@pytest.mark.parametrize("line", [
    "<" + " " * 200_000 + "1", "<a" * 100_000, "![" * 100_000, "![](" * 50_000,
    "+1" + " " * 200_000 + "x", "ana at " * 30_000, "x [at] " + "a [dot] " * 25_000,
    "213-" * 50_000, "(" * 200_000, "a." * 100_000 + "@", "[" * 100_000 + "]" * 100_000,
], ids=["lt-spaces", "lt-a", "images", "image-targets", "plus-spaces", "at-words",
        "dot-words", "dashes", "parentheses", "dotted-user", "brackets"])
def test_hostile_lines_are_checked_in_linear_time(line):
    import threading

    from plaza.model.models import Kind
    from plaza.model.problems import ProblemLog
    from plaza.reading.frontmatter import parse_source
    from plaza.reading.privacy import check_source

    from ..conftest import make_config

    source = parse_source("n.md", NOTES.format(extra="", body=line))
    log = ProblemLog()
    thread = threading.Thread(target=check_source, daemon=True,
                              args=(source, Kind.NOTES, make_config(), log))
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "the privacy guard took more than 10 s on one line"
    assert log.problems == []


def test_each_refused_tag_and_address_is_reported_once_a_line(tree):
    tree.write("pages/p.md", "---\ntitle: P\n---\n" + "<iframe>" * 500 + " "
               + "![x](https://t.example/p.gif)" * 150 + "\n")
    assert [p.split(" is not")[0].split(" from")[0] for p in tree.problems()] == [
        "content/pages/p.md:4: loads https://t.example/p.gif",
        "content/pages/p.md:4: raw HTML <iframe>"]


@pytest.mark.parametrize(("body", "fragment"), [
    ("![a [nested] alt](https://t.example/p.gif)", "loads https://t.example/p.gif"),
    ("![map](https://maps.example.com/tile.png)", "loads https://maps.example.com/tile.png"),
    ('<iframe src="https://video.example.com/x"></iframe>', "raw HTML <iframe>"),
    ('<img src="//cdn.example.com/a.png" alt="">', "loads //cdn.example.com/a.png"),
    ('<span style="background: url(https://t.example.com/p.gif)">x</span>',
     "loads https://t.example.com/p.gif"),
    ("<script>alert(1)</script>", "raw HTML <script>"),
    ("<style>body{}</style>", "raw HTML <style>"),
])
def test_third_party_embeds_and_raw_html(tree, body, fragment):
    tree.write("pages/p.md", f"---\ntitle: P\n---\n{body}\n")
    problems = tree.problems()
    assert problems and all(p.startswith("content/pages/p.md:4: ") for p in problems)
    assert any(fragment in p for p in problems), problems


def test_allowed_raw_html_code_and_same_origin_images_pass(tree):
    tree.write("pages/p.md", "---\ntitle: P\n---\n<abbr title=\"Los Angeles\">LA</abbr> "
               "<bdi>مرحبا</bdi><br>\n\n![room](/images/room.png)\n\n"
               "`<script>` in code is text.\n\n```\n<iframe src=https://x.example>\n```\n")
    assert tree.problems() == []


def test_an_autolink_is_a_link_not_raw_html(tree):
    """<https://…> is Markdown's own way to write a link; a tag hidden after one is not
    let through."""
    tree.write("pages/p.md", "---\ntitle: P\n---\nSee <https://county.example.gov/zones> "
               "and <HTTP://example.org/a?b=c>.\n")
    assert tree.problems() == []
    tree.write("pages/p.md", "---\ntitle: P\n---\n<https://x.example> <script>x</script>\n")
    assert any("raw HTML <script>" in p for p in tree.problems())


# --- sanitization: the malicious-content corpus ------------------------------------------

CORPUS = {
    "script tag": "<script>alert(1)</script>",
    "event handler via attr_list": "A paragraph\n{: onclick=\"alert(1)\" }",
    "heading attr_list handler": "## Title {: onmouseover=\"alert(1)\" }",
    "javascript link": "[click](javascript:alert(1))",
    "javascript link with entities": "[click](jav&#x09;ascript:alert(1))",
    "data url link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data url image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "raw img onerror": '<img src="x" onerror="alert(1)">',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "object": '<object data="x.swf"></object>',
    "style tag": "<style>body{display:none}</style>",
    "style attribute": '<p style="background:url(https://t.example/x)">x</p>',
    "svg onload": "<svg onload=alert(1)></svg>",
    "external image": "![x](https://tracker.example/pixel.gif)",
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_malicious_markdown_is_neutralized(name):
    html = render(CORPUS[name]).lower()
    for dangerous in ("<script", "onclick", "onerror", "onload", "onmouseover", "javascript:",
                      "data:", "<iframe", "<object", "<style", "style=", "<svg",
                      "tracker.example"):
        assert dangerous not in html, (name, html)


def test_sanitizer_keeps_language_direction_structure_and_links():
    html = render('<span lang="fa" dir="rtl">سلام</span>\n\n## Q {#q}\n\n| a | b |\n|---|---|\n'
                  "| 1 | 2 |\n\n- [x](https://example.org)\n\n![room](/images/room.png)")
    for kept in ('lang="fa"', 'dir="rtl"', '<h2 id="q">', "<table>", "<li>",
                 'href="https://example.org"', 'src="/images/room.png"'):
        assert kept in html


# --- photo metadata -----------------------------------------------------------------------

def test_photo_metadata_is_an_error_until_scrubbed(tree):
    images = tree.content / "images"
    images.mkdir()
    gps_jpeg(images / "meeting.jpg")
    assert tree.problems() == [
        "content/images/meeting.jpg:1: carries EXIF, GPS location metadata, which can reveal "
        "where and by whom it was taken; run `make scrub-images`"]
    assert tree.problems(allowed_image_metadata=("meeting.jpg",)) == []
    assert scrub_in_place(str(tree.content)).changed == ["images/meeting.jpg"]
    assert tree.problems() == []
    assert scrub_in_place(str(tree.content)).changed == []  # nothing left to remove
    with Image.open(images / "meeting.jpg") as scrubbed:
        assert scrubbed.size == (4, 8)  # the orientation was applied to the pixels


def test_an_unreadable_picture_is_an_error_even_where_metadata_is_allowed(tree):
    images = tree.content / "images"
    images.mkdir()
    (images / "phone.heic").write_bytes(b"\x00\x00\x00\x18ftypheic not really")
    expected = ["content/images/phone.heic:1: is a HEIC picture, which Plaza cannot read or "
                "clean of its metadata; export it as JPEG or PNG (on an iPhone: Settings > "
                "Camera > Formats > Most Compatible)"]
    assert tree.problems() == expected
    assert tree.problems(allowed_image_metadata=("phone.heic",)) == expected


def test_published_images_carry_no_metadata(tmp_path):
    (tmp_path / "images").mkdir()
    gps_jpeg(tmp_path / "images" / "meeting.jpg")
    original = (tmp_path / "images" / "meeting.jpg").read_bytes()
    assert clean_bytes(original, ".jpg").metadata == ("EXIF", "GPS location")
    published = dict(published_images(str(tmp_path)))
    with Image.open(io.BytesIO(published["images/meeting.jpg"])) as image:
        assert not image.getexif() and "xmp" not in image.info
        assert image.size == (4, 8)
    for secret in (b"Jane Photographer", b"SN-123456"):
        assert secret in original and secret not in published["images/meeting.jpg"]
