"""The privacy guard catches each case, and lets each allowed case through."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from plaza.images import clean_bytes, published_images, scrub_in_place
from plaza.markup import render

NOTES = "---\ntitle: N\nevent: meeting\n{extra}---\n{body}\n"
MEETING = "---\ntitle: Meeting\nstart: 2026-12-03 18:00\n---\n"


def notes(tree, extra="", body=""):
    tree.write("events/meeting.md", MEETING)
    tree.write("notes/n.md", NOTES.format(extra=extra, body=body))


@pytest.mark.parametrize(("body", "fragment"), [
    ("Call Ana at (213) 555-0147 for a ride.", "contains the phone number (213) 555-0147"),
    ("Or text +1 323.555.0199.", "contains the phone number +1 323.555.0199"),
    ("Write to ana.lopez@example.org.", "contains the email address ana.lopez@example.org"),
])
def test_personal_contact_details_are_errors(tree, body, fragment):
    notes(tree, body=body)
    problems = tree.problems()
    assert len(problems) == 1 and problems[0].startswith("content/notes/n.md:5: ")
    assert fragment in problems[0]


def test_allowed_organisational_contacts_pass(tree):
    notes(tree, body="Call the hotline at 213-555-0100 or write to info@coalition.example.")
    assert tree.problems(allowed_contacts=("(213) 555-0100", "info@coalition.example")) == []


def test_dates_zip_codes_and_counts_are_not_phone_numbers(tree):
    notes(tree, body="On 2026-11-04 we met at 4801 E 3rd St, CA 90022; 5,000 cards; 211.")
    assert tree.problems() == []


def test_pages_may_list_contacts(tree):
    tree.write("pages/resources.md", "---\ntitle: R\n---\nCall (213) 555-0100.\n")
    assert tree.problems() == []


def test_names_in_action_items(tree):
    notes(tree, extra="action_items:\n  - task: Book room\n    owner: Maria Lopez\n"
          "  - task: Print\n    owner: Outreach team\n  - task: Call\n    owner: Youth Lead\n")
    assert tree.problems() == [
        "content/notes/n.md:6: action_items[0].owner: 'Maria Lopez' looks like a person's "
        "name; name a role or group instead (e.g. 'Outreach team')"]
    assert tree.problems(owners_are_roles=False) == []


def test_hidden_direction_controls_in_any_field_or_body(tree):
    tree.write("events/meeting.md", "---\ntitle: Meeting\nstart: 2026-12-03 18:00\n"
               "location:\n  address: \"12 Main St \u202e0202\"\n---\nBody \u2066x\u2069\n")
    problems = tree.problems()
    assert [p.split(": ")[0] + ": " + p.split(": ")[1] for p in problems] == [
        "content/events/meeting.md:5: location.address",
        "content/events/meeting.md:7: contains hidden text-direction control characters "
        "(U+202A–U+202E, U+2066–U+2069) that can disguise text; retype the text without them"]


@pytest.mark.parametrize(("body", "fragment"), [
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

def gps_jpeg(path: Path) -> None:
    image = Image.new("RGB", (8, 4), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif[0x013B] = "Jane Photographer"  # Artist
    exif[0xA431] = "SN-123456"  # BodySerialNumber
    exif[0x8825] = {1: "N", 2: (34.0, 3.0, 0.0), 3: "W", 4: (118.0, 14.0, 0.0)}
    image.save(path, format="JPEG", exif=exif)


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
