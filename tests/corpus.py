"""A hostile corpus: crafted pull requests against the fixture site, as data.

Each ``Case`` is one pull request: a change to a fresh copy of the fixture site (and,
for links, to files outside it), the exit status the build must end with, and fragments
its messages must contain. tests/quality/test_hostile_corpus.py builds every case from a
clean state and checks the promises: the status and the message, no traceback, the
previous output untouched when the build failed, nothing written anywhere else, nothing
from outside content/ published, and no markup made from a contributor's text.

Plain data and small functions only (no fixtures), so the same corpus can be pointed at
``make check`` too.
"""

from __future__ import annotations

import io
import os
import re
import socket
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

# Text that lives only outside content/: if it ever shows in an output or a message, the
# build read a file it must not read.
SECRET = "SENTINEL-SECRET-7f3a"
GIT_SECRET = "GITCONFIG-SECRET-91b2"
OUTSIDE_MARKERS = (SECRET, GIT_SECRET, "root:x:0:0")


@dataclass(frozen=True)
class Place:
    """Where one case runs: ``root`` holds the project (``site``), the output folder's
    parent (``out``), files outside the project (``sentinel``) and nothing else."""

    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def content(self) -> Path:
        return self.site / "content"

    @property
    def settings(self) -> Path:
        return self.site / "settings.py"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def output(self) -> Path:
        return self.out / "output"

    @property
    def sentinel(self) -> Path:
        return self.root / "sentinel"

    def path(self, template: str) -> str:
        """``{site}``, ``{content}``, ``{sentinel}`` and ``{root}`` filled in."""
        return template.format(site=self.site, content=self.content, sentinel=self.sentinel,
                               root=self.root)


Change = Callable[[Place], None]


@dataclass(frozen=True)
class Case:
    id: str
    group: str
    change: Change
    status: int = 1  # 1: a content problem; 0: the input must be accepted
    expect: tuple[str, ...] = ()  # fragments of stderr, each required
    env: dict[str, str] = field(default_factory=dict)
    payloads: tuple[str, ...] = ()  # text that must not be in any output file
    same_output: bool = False  # accepted, and the output is the fixture's, byte for byte
    exists: tuple[str, ...] = ()  # output files an accepted build must have made
    xfail: str = ""  # a known gap, described (strict: the case must fail)


def sentinel_files(place: Place) -> None:
    """Files outside content/ that hostile links point at; none may ever be published."""
    event = (f"---\ntitle: {SECRET} event\nstart: 2026-12-10 18:00\nduration: 1h\n---\n"
             f"{SECRET} body\n")
    for relative in ("secret.md", "events/secret-event.md", "content/events/secret-event.md"):
        path = place.sentinel / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(event)
    (place.sentinel / "content" / "pages").mkdir()
    (place.sentinel / "content" / "pages" / "about.md").write_text(
        f"---\ntitle: About\n---\n{SECRET}\n")
    (place.sentinel / "images").mkdir()
    (place.sentinel / "images" / "secret.png").write_bytes(png())
    catalog = place.sentinel / "translations" / "es_US" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    (catalog / "messages.po").write_text(po_file('msgid "Upcoming events"\n'
                                                 f'msgstr "{SECRET} upcoming"\n'))
    (place.site / ".git").mkdir()
    (place.site / ".git" / "config").write_text(f"[remote \"origin\"]\n\turl = {GIT_SECRET}\n")


# --- content writers ---------------------------------------------------------------------

EVENT = ("title: Hostile event", "start: 2026-12-10 18:00", "duration: 1h")  # extra: line 5
PROGRAM = ("title: Hostile series", "start: 2026-12-02 18:00", "duration: 2h")  # line 5
NOTES = ("title: Hostile notes", "event: dialogue", "date: 2026-11-04")  # line 5
FAQ = ("title: Hostile questions", "audience: residents")  # line 4
PAGE = ("title: Hostile page",)  # line 3


def write(relative: str, data: str | bytes) -> Change:
    """A file below content/ (folders made as needed)."""
    def change(place: Place) -> None:
        path = place.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return change


def front(head: tuple[str, ...], *extra: str, body: str = "Body.\n") -> str:
    return "---\n" + "".join(f"{line}\n" for line in (*head, *extra)) + "---\n" + body


def event(*extra: str, name: str = "hostile", body: str = "Body.\n") -> Change:
    return write(f"events/{name}.md", front(EVENT, *extra, body=body))


def program(*extra: str, name: str = "hostile", body: str = "Body.\n") -> Change:
    return write(f"programs/{name}.md", front(PROGRAM, *extra, body=body))


def notes(*extra: str, head: tuple[str, ...] = NOTES, body: str = "Body.\n") -> Change:
    return write("notes/hostile.md", front(head, *extra, body=body))


def faq(*extra: str, body: str = "Intro.\n") -> Change:
    return write("faq/hostile.md", front(FAQ, *extra, body=body))


def page(*extra: str, name: str = "hostile", body: str = "Body.\n") -> Change:
    return write(f"pages/{name}.md", front(PAGE, *extra, body=body))


def timed(*lines: str, name: str = "hostile") -> Change:
    """An event whose own lines give its timing (line 3 on)."""
    return write(f"events/{name}.md", front(("title: Hostile timing",), *lines))


def link(relative: str, target: str) -> Change:
    """content/<relative> as a symbolic link to ``target`` (see ``Place.path``)."""
    def change(place: Place) -> None:
        path = _room_for(place.content / relative)
        os.symlink(place.path(target), path)
    return change


def _room_for(path: Path) -> Path:
    """``path``, with its folder made and whatever was there (a fixture file) gone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        _remove_tree(path)
    elif path.is_symlink() or path.exists():
        path.unlink()
    return path


def _remove_tree(path: Path) -> None:
    for child in path.iterdir():
        if child.is_dir() and not child.is_symlink():
            _remove_tree(child)
        else:
            child.unlink()
    path.rmdir()


def fifo(relative: str) -> Change:
    def change(place: Place) -> None:
        os.mkfifo(_room_for(place.content / relative))
    return change


def unix_socket(relative: str) -> Change:
    def change(place: Place) -> None:
        path = _room_for(place.content / relative)
        cwd = os.getcwd()
        os.chdir(path.parent)  # a socket path may not be longer than ~100 bytes
        try:
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(path.name)
            server.close()
        finally:
            os.chdir(cwd)
    return change


def settings(text: str) -> Change:
    """Lines appended to the case's settings file (copy_fixture writes four: the first
    appended line is line 5)."""
    def change(place: Place) -> None:
        with place.settings.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return change


def both(*changes: Change) -> Change:
    def change(place: Place) -> None:
        for one in changes:
            one(place)
    return change


def move_content_inside(place: Place) -> None:
    """content/ becomes a link to a folder inside the project (allowed)."""
    os.rename(place.content, place.site / "real-content")
    os.symlink(place.site / "real-content", place.content)


def move_content_outside(place: Place) -> None:
    """content/ becomes a link to a folder outside the project (refused)."""
    _remove_tree(place.content)
    os.symlink(place.sentinel / "content", place.content)


def truncate(relative: str, size: int) -> Change:
    """A sparse file of ``size`` bytes: cheap to make, and too big to read."""
    def change(place: Place) -> None:
        path = place.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            handle.truncate(size)
    return change


# --- pictures, made when a case runs -----------------------------------------------------

def encoded(fmt: str, size: tuple[int, int] = (16, 12), noise: bool = True,
            **options: object) -> bytes:
    from PIL import Image

    image = (Image.effect_noise(size, 64).convert("RGB") if noise
             else Image.new("RGB", size, "white"))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def png() -> bytes:
    return encoded("PNG", noise=False)


def png_claiming(width: int, height: int) -> bytes:
    """A 1×1 PNG whose header says ``width``×``height`` (CRC recomputed): a bomb."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (1, 1)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    struct.pack_into(">II", data, 16, width, height)
    struct.pack_into(">I", data, 29, zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def png_with_chunk(kind: bytes, payload: bytes) -> bytes:
    data = png()
    chunk = struct.pack(">I", len(payload)) + kind + payload + \
        struct.pack(">I", zlib.crc32(kind + payload))
    return data[:33] + chunk + data[33:]


def gif_frames(count: int) -> bytes:
    from PIL import Image

    frames = [Image.new("L", (2, 2), 255 * (index % 2)) for index in range(count)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:],
                   duration=20)
    return buffer.getvalue()


def apng_frames(count: int) -> bytes:
    from PIL import Image

    frames = [Image.new("RGB", (2, 2), (255 * (index % 2), 0, 0)) for index in range(count)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="PNG", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def gps_jpeg() -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x013B] = "Jane Photographer"  # Artist
    exif[0x8825] = {1: "N", 2: (34.0, 3.0, 0.0), 3: "W", 4: (118.0, 14.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def picture(relative: str, make: Callable[[], bytes]) -> Change:
    def change(place: Place) -> None:
        write(relative, make())(place)
    return change


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert("SVG-PAYLOAD")'
       b'</script><rect width="10" height="10"/></svg>')
POLYGLOT = b"<script>alert('POLYGLOT-PAYLOAD')</script><!-- PK\x03\x04 -->"


def po_file(entries: str, header: str = "") -> str:
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f"{header}\n{entries}")


def catalog(data: str | bytes) -> Change:
    return write("translations/es_US/LC_MESSAGES/messages.po", data)


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "---\ntitle: Laughs\n" + "\n".join(lines) + "\n---\nBody.\n"


def deep_block(depth: int) -> str:
    lines = ["location:"] + [f"{'  ' * (level + 1)}k{level}:" for level in range(depth)]
    return front(EVENT, *lines)


def days(first: date, count: int, step: int = 1) -> list[str]:
    return [(first + timedelta(days=step * index)).isoformat() for index in range(count)]


def yaml_list(name: str, values: list[str], key: str = "") -> str:
    prefix = f"{key}: " if key else ""
    return f"{name}:\n" + "\n".join(f"  - {prefix}{value}" for value in values)


NEVER = ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31",
         "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "FREQ=DAILY;BYMONTH=11;BYMONTHDAY=-31",
         "FREQ=WEEKLY;BYMONTH=6;BYMONTHDAY=31", "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30,31",
         "FREQ=DAILY;BYYEARDAY=1;BYMONTH=3", "FREQ=DAILY;UNTIL=20261201")


def impossible_rules(count: int) -> Change:
    """Series that never meet (30 February, every day of February): each rule used to be
    expanded through year 9999 before anything noticed."""
    def change(place: Place) -> None:
        for index in range(count):
            rule = NEVER[index % len(NEVER)]
            event(f"repeat: {rule}", name=f"never-{index}")(place)
    return change


# --- the corpus ----------------------------------------------------------------------------

H = "content/events/hostile.md"
P = "content/programs/hostile.md"
NOT_A_FILE_NAME = "is not a valid file name; use lower-case letters, digits and '-'"
OUTSIDE_FILE = "is a link to a file outside the content folder; copy the file here"
RESERVED = "is an address Plaza uses itself (for a list or a language's pages); rename"
LEAVES = "leaves the site; use a path inside content/images/"
NOT_ALLOWED = "not allowed: Plaza decides"
CONTROL_NAME = "the file name contains control or invisible characters; rename the file"


def case(id: str, group: str, change: Change, status: int = 1, *expect: str,
         **options: object) -> Case:
    return Case(id, group, change, status, tuple(expect), **options)  # type: ignore[arg-type]


PATHS = [
    case("category-climbing", "paths", event("categories: ['../../escape']"), 1,
         f"{H}:5: categories[1]: '../../escape' is not a category id"),
    case("category-named-like-the-site-calendar", "paths", event("categories: [all]"), 1,
         f"{H}:5: categories[1]: unknown category 'all'"),
    case("category-absolute", "paths", event("categories: [/etc/cron.d]"), 1,
         f"{H}:5: categories[1]: '/etc/cron.d' is not a category id"),
    case("page-id-a-language-prefix", "paths", page(name="es"), 1,
         f"content/pages/es.md:1: 'es' {RESERVED}"),
    case("page-id-calendars", "paths", page(name="calendars"), 1,
         f"content/pages/calendars.md:1: 'calendars' {RESERVED}"),
    case("page-id-feeds", "paths", page(name="feeds"), 1, f"'feeds' {RESERVED}"),
    case("page-id-theme", "paths", page(name="theme"), 1, f"'theme' {RESERVED}"),
    case("page-id-images", "paths", page(name="images"), 1, f"'images' {RESERVED}"),
    case("page-id-events", "paths", page(name="events"), 1, f"'events' {RESERVED}"),
    case("event-id-past-takes-the-past-events-list", "paths", event(name="past"), 1,
         f"content/events/past.md:1: 'past' {RESERVED}"),
    case("save-as-climbing", "paths", page("save_as: ../../../escape.html"), 1,
         f"content/pages/hostile.md:3: save_as: {NOT_ALLOWED} where pages are written"),
    case("url-field", "paths", event("url: ../../outside/"), 1,
         f"{H}:5: url: {NOT_ALLOWED} page addresses"),
    case("slug-field", "paths", page("slug: ../../x"), 1,
         "content/pages/hostile.md:3: slug: not allowed"),
    case("path-field", "paths", page("path: /etc"), 1,
         "content/pages/hostile.md:3: path: not allowed"),
    case("template-field", "paths", page("template: ../../../../etc/passwd"), 1,
         "content/pages/hostile.md:3: template: not allowed"),
    case("image-climbing", "paths", event("image: images/../../settings.py", "image_alt: x"),
         1, f"{H}:5: image: 'images/../../settings.py' {LEAVES}"),
    case("image-absolute", "paths", event("image: /etc/passwd", "image_alt: x"), 1,
         f"{H}:5: image: '/etc/passwd' {LEAVES}"),
    case("image-other-site", "paths", event("image: https://evil.example/x.png",
                                            "image_alt: x"), 1, f"{H}:5: image:", LEAVES),
    case("image-protocol-relative", "paths", event("image: //evil.example/x.png",
                                                   "image_alt: x"), 1, LEAVES),
    case("image-backslashes", "paths", event("image: images\\..\\..\\settings.py",
                                             "image_alt: x"), 1,
         f"{H}:5: image:", "is not in content/images/"),
    case("image-a-hidden-file", "paths",
         both(picture("images/.secret.png", png), event("image: images/.secret.png",
                                                        "image_alt: x")), 1,
         f"{H}:5: image: 'images/.secret.png' is a hidden file"),
    case("image-a-link-out", "paths",
         both(link("images/out.png", "{sentinel}/images/secret.png"),
              event("image: images/out.png", "image_alt: x")), 1,
         f"content/images/out.png:1: {OUTSIDE_FILE}"),
    case("faq-anchor-with-quotes", "paths",
         faq(body='## Question {#x"onmouseover="alert(1)}\n\nAnswer.\n'), 0),
    case("notes-event-climbing", "paths",
         notes(head=("title: Notes", "event: ../events/x", "date: 2026-11-04")), 1,
         "content/notes/hostile.md:3: event: '../events/x' is not an id"),
    case("program-reference-climbing", "paths", event("program: ../../x"), 1,
         f"{H}:5: program: '../../x' is not an id"),
    case("audience-climbing", "paths", event("audience: ['../../x']"), 1,
         f"{H}:5: audience[1]: unknown audience '../../x'"),
    case("faq-audience-climbing", "paths",
         write("faq/hostile.md", front(("title: Q", "audience: ../x"))), 1,
         "content/faq/hostile.md:3: audience: unknown audience '../x'"),
    case("lang-climbing", "paths", event('lang: "../../x"'), 1,
         f"{H}:5: lang: unknown language code '../../x'"),
    case("same-id-in-a-sub-folder", "paths",
         write("events/more/winter-drive.md", front(EVENT)), 1,
         "the id 'winter-drive' is already used by content/events/winter-drive.md"),
    case("unknown-folders-are-not-published", "paths",
         both(write("static/evil.html", "<script>alert('EVIL-UNPUBLISHED')</script>"),
              write("theme/templates/base.html", "EVIL-UNPUBLISHED"),
              write("extra/page.md", front(PAGE, body="EVIL-UNPUBLISHED\n"))), 0,
         payloads=("EVIL-UNPUBLISHED",), same_output=True),
]

LINKS = [
    case("link-to-a-file-outside", "links", link("events/x.md", "{sentinel}/secret.md"), 1,
         f"content/events/x.md:1: {OUTSIDE_FILE}"),
    case("link-to-git-config", "links", link("pages/config.md", "{site}/.git/config"), 1,
         f"content/pages/config.md:1: {OUTSIDE_FILE}"),
    case("link-to-settings", "links", link("pages/settings.md", "{site}/settings.py"), 1,
         f"content/pages/settings.md:1: {OUTSIDE_FILE}"),
    case("link-to-etc-passwd", "links", link("pages/passwd.md", "/etc/passwd"), 1,
         f"content/pages/passwd.md:1: {OUTSIDE_FILE}"),
    case("link-to-etc-hostname", "links", link("faq/host.md", "/etc/hostname"), 1,
         f"content/faq/host.md:1: {OUTSIDE_FILE}"),
    case("relative-link-climbing", "links",
         link("events/x.md", "../../../sentinel/secret.md"), 1,
         f"content/events/x.md:1: {OUTSIDE_FILE}"),
    case("link-to-dev-zero", "links", link("events/zero.md", "/dev/zero"), 1,
         f"content/events/zero.md:1: {OUTSIDE_FILE}"),
    case("picture-link-to-dev-zero", "links", link("images/zero.png", "/dev/zero"), 1,
         f"content/images/zero.png:1: {OUTSIDE_FILE}"),
    case("picture-link-outside", "links", link("images/s.png", "{sentinel}/images/secret.png"),
         1, f"content/images/s.png:1: {OUTSIDE_FILE}"),
    case("fifo-event", "links", fifo("events/pipe.md"), 1,
         "content/events/pipe.md:1: is a FIFO (named pipe), not a file; remove it"),
    case("fifo-picture", "links", fifo("images/pipe.png"), 1,
         "content/images/pipe.png:1: is a FIFO (named pipe), not a file"),
    case("link-to-a-fifo-inside", "links", both(fifo("pages/.pipe"),
                                               link("pages/pipe.md", "{content}/pages/.pipe")),
         1, "content/pages/pipe.md:1: is a FIFO (named pipe), not a file"),
    case("socket", "links", unix_socket("pages/s.md"), 1,
         "content/pages/s.md:1: is a socket, not a file"),
    case("content-a-link-out-of-the-project", "links", move_content_outside, 1,
         "content is a link to", "outside the project; put the content folder itself in the "
         "project"),
    case("content-a-link-inside-the-project", "links", move_content_inside, 0,
         same_output=True),
    case("link-inside-content", "links",
         link("events/winter-copy.md", "winter-drive.md"), 0,
         exists=("events/winter-copy/index.html",)),
    case("picture-link-inside-images", "links",
         both(picture("images/a.png", png), link("images/b.png", "a.png")), 0,
         exists=("images/a.png", "images/b.png")),
    case("folder-link-out", "links", link("events/more", "{sentinel}/events"), 1,
         "content/events/more:1: is a link to a folder; Plaza does not follow links"),
    case("kind-folder-a-link-out", "links", link("events", "{sentinel}/events"), 1,
         "content/events:1: is a link to a folder outside the content folder"),
    case("images-folder-a-link-out", "links", link("images", "{sentinel}/images"), 1,
         "content/images:1: is a link to a folder outside the content folder"),
    case("dangling-link", "links", link("events/gone.md", "nowhere.md"), 1,
         "content/events/gone.md:1: cannot be read (No such file or directory)"),
    case("link-loop", "links", both(link("events/a.md", "b.md"), link("events/b.md", "a.md")),
         1, "content/events/a.md:1: cannot be read", "content/events/b.md:1: cannot be read"),
    case("translations-folder-a-link-out", "links",
         link("translations", "{sentinel}/translations"), 1,
         "content/translations:1: is a link to a folder outside the content folder"),
    case("catalog-link-out", "links",
         both(write("translations/es_US/LC_MESSAGES/.keep", ""),
              link("translations/es_US/LC_MESSAGES/messages.po",
                   "{sentinel}/translations/es_US/LC_MESSAGES/messages.po")), 1,
         "content/translations/es_US/LC_MESSAGES/messages.po:1: this catalog cannot be read",
         OUTSIDE_FILE),
    case("catalog-fifo", "links", fifo("translations/es_US/LC_MESSAGES/messages.po"), 1,
         "content/translations/es_US/LC_MESSAGES/messages.po:1:", "is a FIFO"),
]

JPEG = "JPEG"
IMAGES = [
    case("svg-with-a-script", "images", write("images/map.svg", SVG), 1,
         "content/images/map.svg:1: is an SVG file, which can carry scripts",
         payloads=("SVG-PAYLOAD",)),
    case("html-named-png", "images",
         write("images/room.png", b"<!doctype html><script>alert('HTML-PAYLOAD')</script>"),
         1, "content/images/room.png:1: is not a PNG picture Plaza can read (it looks like "
         "HTML, SVG or other text)", payloads=("HTML-PAYLOAD",)),
    case("html-named-jpg-with-bom", "images",
         write("images/room.jpg", b"\xef\xbb\xbf <svg onload=alert(1)>"), 1,
         "content/images/room.jpg:1: is not a JPEG picture Plaza can read"),
    case("truncated-jpeg", "images",
         picture("images/cut.jpg", lambda: encoded(JPEG, (64, 48))[:400]), 1,
         "content/images/cut.jpg:1: the picture is damaged or incomplete"),
    case("truncated-png", "images",
         picture("images/cut.png", lambda: encoded("PNG", (64, 48))[:300]), 1,
         "content/images/cut.png:1: the picture is damaged or incomplete"),
    case("truncated-webp-header", "images",
         write("images/cut.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 "), 1,
         "content/images/cut.webp:1: the picture is damaged or incomplete"),
    case("decompression-bomb", "images", picture("images/bomb.png",
                                                 lambda: png_claiming(50_000, 50_000)), 1,
         "content/images/bomb.png:1: has 2,500 megapixels", "export it smaller"),
    case("png-of-225-megapixels", "images",
         picture("images/huge.png", lambda: png_claiming(15_000, 15_000)), 1,
         "content/images/huge.png:1: has 225 megapixels; the largest picture Plaza publishes "
         "has 40"),
    case("png-just-over-the-limit", "images",
         picture("images/wide.png", lambda: png_claiming(40_001, 1_000)), 1,
         "content/images/wide.png:1:", "megapixels"),
    case("animation-of-301-frames", "images", picture("images/anim.gif",
                                                      lambda: gif_frames(301)), 1,
         "content/images/anim.gif:1: is an animation of more than 300 frames"),
    case("jpeg-of-many-scans", "images",
         picture("images/scans.jpg", lambda: encoded(JPEG) + b"\xff\xda\x00\x02" * 101), 1,
         "content/images/scans.jpg:1: is a JPEG of more than 100 scans"),
    case("text-chunk-bomb", "images",
         picture("images/text.png", lambda: png_with_chunk(
             b"zTXt", b"Comment\x00\x00" + zlib.compress(b"a" * 50_000_000, 9))), 1,
         "content/images/text.png:1: the picture is damaged or incomplete"),
    case("png-named-jpg", "images", picture("images/photo.jpg", lambda: encoded("PNG")), 1,
         "content/images/photo.jpg:1: is a PNG picture but its name ends in .jpg"),
    case("gif-named-webp", "images", picture("images/logo.webp", lambda: gif_frames(1)), 1,
         "is a GIF picture but its name ends in .webp"),
    case("empty-png", "images", write("images/empty.png", b""), 1,
         "content/images/empty.png:1: is not a PNG picture Plaza can read (the file is empty)"),
    case("picture-over-20-mb", "images", truncate("images/big.jpg", 21 * 1024 * 1024), 1,
         "content/images/big.jpg:1: is 21.0 MB; the largest picture Plaza publishes is 20.0 MB"),
    case("heic", "images", write("images/phone.heic", b"\x00\x00\x00\x18ftypheic"), 1,
         "content/images/phone.heic:1: is a HEIC picture"),
    case("tiff", "images", picture("images/scan.tif", lambda: encoded("TIFF")), 1,
         "content/images/scan.tif:1: is a TIFF picture, which web browsers do not show"),
    case("pdf", "images", write("images/flyer.pdf", b"%PDF-1.7\n"), 1,
         "content/images/flyer.pdf:1: is refused: content/images/ publishes only JPEG, PNG"),
    case("jpeg-with-a-script-comment", "images",
         picture("images/c.jpg", lambda: encoded(JPEG, comment=b"<script>COMMENT-PAYLOAD")),
         1, "content/images/c.jpg:1: carries comment metadata", payloads=("COMMENT-PAYLOAD",)),
    case("gif-with-a-script-comment", "images",
         picture("images/c.gif", lambda: encoded("GIF", comment=b"<script>GIF-PAYLOAD")), 1,
         "content/images/c.gif:1: carries comment metadata", payloads=("GIF-PAYLOAD",)),
    case("png-with-a-script-text-chunk", "images",
         both(picture("images/t.png", lambda: png_with_chunk(
             b"tEXt", b"Comment\x00<script>alert('TEXT-PAYLOAD')</script>")),
              event("image: images/t.png", "image_alt: x")), 0,
         payloads=("TEXT-PAYLOAD",), exists=("images/t.png",)),
    case("png-with-xmp", "images",
         picture("images/x.png", lambda: png_with_chunk(
             b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00<x:xmpmeta>XMP-PAYLOAD")), 1,
         "content/images/x.png:1: carries XMP metadata", payloads=("XMP-PAYLOAD",)),
    case("animated-png-of-301-frames", "images",
         picture("images/anim.png", lambda: apng_frames(301)), 1,
         "content/images/anim.png:1: is an animation of more than 300 frames"),
    case("gps-in-a-jpeg", "images", picture("images/meeting.jpg", gps_jpeg), 1,
         "content/images/meeting.jpg:1: carries EXIF, GPS location metadata"),
    case("polyglot-png-with-html", "images",
         both(picture("images/room.png", lambda: png() + POLYGLOT),
              event("image: images/room.png", "image_alt: A room")), 0,
         payloads=("POLYGLOT-PAYLOAD", "PK\x03\x04"), exists=("images/room.png",)),
    case("picture-name-with-markup", "images",
         both(picture('images/"><img src=x onerror=alert(1)>.png', png),
              event("image: 'images/\"><img src=x onerror=alert(1)>.png'", "image_alt: x")),
         0),
    case("hidden-files-are-ignored", "images",
         both(write("images/.DS_Store", b"\x00\x01junk<script>"), write("images/.keep", "")),
         0, same_output=True),
]


def rule(text: str, *fragments: str, count: int = 0) -> Case:
    name = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return case(f"rrule-{name}", "tracebacks", event(f"repeat: {text}"), 1,
                f"{H}:5: repeat: ", *fragments)


NOW = date(2026, 12, 10)
UNBOUNDED = [
    case("yaml-alias-bomb", "unbounded", write("events/laughs.md", alias_bomb()), 1,
         "content/events/laughs.md:4: '*a' repeats another value (a YAML alias)"),
    case("yaml-merge-key", "unbounded",
         write("events/merge.md", "---\nbase: &b {title: X}\n<<: *b\n---\n"), 1,
         "content/events/merge.md:3: the YAML tag '!!merge' is not accepted"),
    case("yaml-deep-flow", "unbounded", event("location: " + "[" * 100_000), 1,
         f"{H}:5: the fields are nested more than 12 levels deep"),
    case("yaml-deep-block", "unbounded", write("events/hostile.md", deep_block(40)), 1,
         "the fields are nested more than 12 levels deep"),
    case("secondly-rule-with-a-far-except", "unbounded",
         event("repeat: FREQ=SECONDLY;UNTIL=21991231", "except: [2199-12-30]"), 1,
         f"{H}:5: repeat: FREQ=SECONDLY: Plaza lists events by day"),
    case("minutely-rule", "unbounded", event("repeat: FREQ=MINUTELY"), 1,
         "repeat: FREQ=MINUTELY: Plaza lists events by day"),
    case("hourly-rule", "unbounded", event("repeat: FREQ=HOURLY;COUNT=1000"), 1,
         "repeat: FREQ=HOURLY: Plaza lists events by day"),
    case("daily-until-2199", "unbounded", event("repeat: FREQ=DAILY;UNTIL=21991231"), 1,
         f"{H}:5: repeat: the rule makes more than 1000 meetings before it ends"),
    case("weekly-until-2199", "unbounded", event("repeat: FREQ=WEEKLY;UNTIL=21991231"), 1,
         "the rule makes more than 1000 meetings"),
    case("count-1000-daily-is-accepted", "unbounded", event("repeat: FREQ=DAILY;COUNT=1000"),
         0, exists=("events/hostile/hostile.ics",)),
    case("daily-for-ever-from-1900", "unbounded",
         timed("start: 1900-01-01 09:00", "duration: 1h", "repeat: FREQ=DAILY"), 0),
    case("rules-that-never-meet", "unbounded", impossible_rules(8), 1,
         "content/events/never-0.md:5: repeat: the rule makes no meetings",
         "content/events/never-7.md:5: repeat: the rule makes no meetings"),
    case("twenty-thousand-skipped-days", "unbounded",
         event("repeat: FREQ=DAILY", yaml_list("except", days(NOW, 20_000))), 1,
         f"{H}:6: except: lists 20000 dates; a series has at most 1000 meetings"),
    case("a-thousand-skipped-days-in-2199", "unbounded",
         event("repeat: FREQ=DAILY", yaml_list("except", days(date(2197, 1, 1), 1000))), 0),
    case("ten-thousand-sessions", "unbounded",
         program("repeat: FREQ=DAILY", yaml_list("sessions", days(NOW, 10_000), "date")), 1,
         f"{P}:6: sessions: lists 10000 sessions; a series has at most 1000 meetings"),
    case("file-over-1-mb", "unbounded", page(body="x" * (1024 * 1024 + 10)), 1,
         "content/pages/hostile.md:1: is 1.0 MB; the largest file Plaza reads here is 1.0 MB"),
    case("sparse-file-of-a-gigabyte", "unbounded", truncate("pages/huge.md", 1 << 30), 1,
         "content/pages/huge.md:1: is 1024.0 MB; the largest file Plaza reads here"),
    case("body-pictures-brackets", "unbounded", page(body="![" * 5000 + "\n"), 1,
         "content/pages/hostile.md:4: this paragraph has more than 200 '[' characters"),
    case("body-unclosed-angles", "unbounded", page(body="<a " * 20_000 + "\n"), 1,
         "the text has more than 2000 '<' characters"),
    case("body-nested-lists", "unbounded", page(body="1. " * 1000 + "x\n"), 1,
         "this line nests lists or quotes more than 20 deep"),
    case("body-nested-quotes", "unbounded", page(body=">" * 50_000 + "x\n"), 1,
         "nests lists or quotes more than 20 deep"),
    case("body-backslashes", "unbounded", page(body="\\" * 300_000 + "\n"), 1,
         "content/pages/hostile.md:4: this paragraph has more than"),
    case("body-code-spans", "unbounded", page(body="`a` " * 100_000 + "\n"), 1,
         "this paragraph has more than"),
    case("body-emphasis", "unbounded", page(body="_a_ " * 100_000 + "\n"), 1,
         "this paragraph has more than"),
    case("body-entities", "unbounded", page(body="&a; " * 100_000 + "\n"), 1,
         "this paragraph has more than"),
    case("body-hard-line-breaks", "unbounded", page(body="a  \n" * 100_000), 1,
         "this paragraph has more than"),
    case("faq-of-100000-questions", "unbounded",
         faq(body="## Why?\n" * 100_000), 1,
         "content/faq/hostile.md:505: the text has more than 500 headings (or FAQ "
         "questions)"),
    case("page-of-20000-headings", "unbounded", page(body="# x\n\n" * 20_000), 1,
         "the text has more than 500 headings"),
    case("body-of-320000-lines", "unbounded", page(body="word\n\n" * 160_000), 1,
         "content/pages/hostile.md:20004: the text has 320001 lines, more than 20000"),
    case("list-of-250000-items", "unbounded", page(body="- x\n" * 250_000), 1,
         "the text has 250001 lines, more than 20000"),
    case("faq-question-of-emphasis", "unbounded", faq(body="## " + "_a_ " * 100_000 + "\n"),
         1, "this paragraph has more than"),
    case("seventy-thousand-decisions", "unbounded",
         notes(yaml_list("decisions", ["Meet"] * 70_000)), 1,
         "content/notes/hostile.md:5: decisions: lists 70000 items; at most 500"),
    case("an-audience-seventy-thousand-times", "unbounded",
         event(yaml_list("audience", ["residents"] * 70_000)), 1,
         f"{H}:5: audience: lists 70000 items; at most 500"),
    case("twenty-five-thousand-action-items", "unbounded",
         notes("action_items:", *["  - {task: Call, owner: Logistics team}"] * 25_000), 1,
         "content/notes/hostile.md:5: action_items: lists 25000 action items; at most 500"),
    case("summary-of-many-digits", "unbounded",
         event('summary: "' + "1 " * 300_000 + '"'), 0),
    case("summary-of-many-at-signs", "unbounded",
         event('summary: "' + "a@" * 300_000 + '"'), 0),
    case("title-of-900-kb", "unbounded",
         write("pages/long.md", '---\ntitle: "' + "a" * 900_000 + '"\n---\nx\n'), 0),
]

TRACEBACKS = [
    case("not-utf-8", "tracebacks", write("events/latin.md", front(EVENT).encode() +
                                         "café".encode("latin-1")), 1,
         "content/events/latin.md:1: the file is not UTF-8 text; save it as UTF-8"),
    case("utf-16", "tracebacks", write("events/wide.md", front(EVENT).encode("utf-16")), 1,
         "content/events/wide.md:1: the file is not UTF-8 text"),
    case("nul-in-the-front-matter", "tracebacks",
         write("events/nul.md", "---\ntitle: a\x00b\nstart: 2026-12-10\n---\n"), 1,
         "content/events/nul.md:2: title: this line holds an invisible control character "
         "(U+0000) that YAML does not accept; retype the line"),
    case("nul-in-the-body", "tracebacks", event(body="before\x00after\n"), 0),
    case("byte-order-mark", "tracebacks", write("events/bom.md", "\ufeff" + front(EVENT)), 0,
         exists=("events/bom/index.html",)),
    case("empty-file", "tracebacks", write("events/empty.md", ""), 1,
         "content/events/empty.md:1: the file must start with a line '---'"),
    case("only-dashes", "tracebacks", write("events/dashes.md", "---\n"), 1,
         "content/events/dashes.md:1: the front matter is not closed"),
    case("empty-front-matter", "tracebacks", write("events/nothing.md", "---\n---\n"), 1,
         "content/events/nothing.md:1: title: missing", "start: missing"),
    case("tabs-for-indentation", "tracebacks",
         event("location:", "\tname: Library"), 1,
         f"{H}:6: name: this line is indented with a tab, which YAML does not accept; "
         "replace the tab with two spaces"),
    case("front-matter-a-list", "tracebacks", write("events/list.md", "---\n- a\n- b\n---\n"),
         1, "content/events/list.md:2: the front matter must be a list of 'name: value'"),
    case("front-matter-a-sentence", "tracebacks",
         write("events/words.md", "---\njust words\n---\n"), 1,
         "content/events/words.md:2: the front matter must be"),
    case("unclosed-quote", "tracebacks", event('summary: "never closed'), 1,
         f"{H}:5: summary: the quote \" opened on this line is never closed; add a closing "
         "\" at the end of the value: summary: \"never closed\""),
    case("sessions-a-list-of-strings", "tracebacks",
         program("repeat: FREQ=WEEKLY;COUNT=4", "sessions: [first, second]"), 1,
         f"{P}:6: sessions[1]: expected date, topic, start, status fields for each of the "
         "sessions"),
    case("sessions-a-string", "tracebacks",
         program("repeat: FREQ=WEEKLY;COUNT=4", "sessions: every week"), 1,
         f"{P}:6: sessions: expected a list of sessions"),
    case("location-a-list", "tracebacks", event("location: [Library, Main St]"), 1,
         f"{H}:5: location: expected 'name:' and 'address:'"),
    case("location-address-a-list", "tracebacks", event("location:", "  address: [a, b]"), 1,
         f"{H}:6: location.address: expected plain text, not a list"),
    case("action-items-a-mapping", "tracebacks", notes("action_items: {task: x, owner: y}"), 1,
         "content/notes/hostile.md:5: action_items: expected a list of action items"),
    case("start-an-integer", "tracebacks", timed("start: 2026", "duration: 1h"), 1,
         f"{H}:3: start: '2026' is not a date"),
    case("start-a-list", "tracebacks", timed("start: [2026-12-10 18:00]", "duration: 1h"), 1,
         f"{H}:3: start: expected plain text, not a list"),
    case("start-empty", "tracebacks", timed("start:", "duration: 1h"), 1,
         f"{H}:3: start: is empty"),
    case("timezone-a-number", "tracebacks", event("timezone: 5"), 1,
         f"{H}:5: timezone: unknown time zone '5'"),
    case("timezone-a-path", "tracebacks", event("timezone: ../../../etc/passwd"), 1,
         f"{H}:5: timezone: unknown time zone '../../../etc/passwd'"),
    case("timezone-of-the-build-machine", "tracebacks", event("timezone: localtime"), 1,
         f"{H}:5: timezone: unknown time zone 'localtime'"),
    case("timezone-factory", "tracebacks", event("timezone: Factory"), 1,
         f"{H}:5: timezone: unknown time zone 'Factory'"),
    case("lang-a-number", "tracebacks", event("lang: 5"), 1,
         f"{H}:5: lang: unknown language code '5'"),
    case("lang-a-list", "tracebacks", event("lang: [en, es]"), 1,
         f"{H}:5: lang: expected plain text, not a list"),
    case("title-a-list", "tracebacks", event("summary: [a, b]"), 1,
         f"{H}:5: summary: expected plain text, not a list"),
    case("status-a-mapping", "tracebacks", event("status: {a: b}"), 1,
         f"{H}:5: status: expected plain text"),
    case("audience-a-mapping", "tracebacks", event("audience: {residents: yes}"), 1,
         f"{H}:5: audience: expected a list"),
    case("categories-a-number", "tracebacks", event("categories: 5"), 1,
         f"{H}:5: categories: expected a list"),
    case("languages-a-nested-list", "tracebacks", event("languages: [[en]]"), 1,
         f"{H}:5: languages[1]: expected plain text for each list item"),
    case("except-a-mapping", "tracebacks",
         event("repeat: FREQ=WEEKLY;COUNT=4", "except: {2026-12-17: yes}"), 1,
         f"{H}:6: except[1]: expected plain text"),
    case("registration-a-list", "tracebacks", event("registration: [https://a.example]"), 1,
         f"{H}:5: registration: expected plain text, not a list"),
    case("image-a-list", "tracebacks", event("image: [images/a.png]", "image_alt: x"), 1,
         f"{H}:5: image: expected plain text, not a list"),
    case("program-a-number", "tracebacks", event("program: 5"), 1,
         f"{H}:5: program: there is no '5' in content/programs/"),
    case("notes-event-a-list", "tracebacks",
         notes(head=("title: Notes", "event: [dialogue]", "date: 2026-11-04")), 1,
         "content/notes/hostile.md:3: event: expected plain text, not a list"),
    case("notes-date-a-number", "tracebacks",
         notes(head=("title: Notes", "event: dialogue", "date: 5")), 1,
         "content/notes/hostile.md:4: date: '5' is not a date"),
    case("status-a-number", "tracebacks", event("status: 5"), 1,
         f"{H}:5: status: unknown status '5'"),
    case("action-item-task-a-list", "tracebacks",
         notes("action_items:", "  - task: [a, b]", "    owner: Logistics team"), 1,
         "content/notes/hostile.md:6: action_items[1].task: expected plain text, not a list"),
    case("action-item-without-owner", "tracebacks", notes("action_items:", "  - task: Call"), 1,
         "content/notes/hostile.md:6: action_items[1]: each action item needs a 'owner'"),
    case("session-status-a-list", "tracebacks",
         program("repeat: FREQ=WEEKLY;COUNT=4", "sessions:", "  - date: 2026-12-09",
                 "    status: [cancelled]"), 1,
         f"{P}:8: sessions[1].status: expected plain text, not a list"),
    case("session-date-a-list", "tracebacks",
         program("repeat: FREQ=WEEKLY;COUNT=4", "sessions:", "  - date: [2026-12-09]"), 1,
         f"{P}:7: sessions[1].date: expected plain text, not a list"),
    case("attendance-a-list", "tracebacks", notes("attendance: [24]"), 1,
         "content/notes/hostile.md:5: attendance: '[24]' is not a count"),
    case("attendance-a-word", "tracebacks", notes("attendance: many"), 1,
         "content/notes/hostile.md:5: attendance: 'many' is not a count"),
    case("attendance-negative", "tracebacks", notes("attendance: -5"), 1,
         "attendance: '-5' is not a count"),
    case("attendance-infinite", "tracebacks", notes("attendance: 1.0e+400"), 1,
         "attendance: 'inf' is not a count"),
    case("integer-of-4301-digits", "tracebacks", notes("attendance: " + "9" * 4301), 1,
         "content/notes/hostile.md:5: attendance:", "is not a count"),
    case("explicit-integer-of-4301-digits", "tracebacks",
         notes("attendance: !!int " + "9" * 4301), 1,
         "content/notes/hostile.md:5: this number is too long"),
    case("yaml-binary-tag", "tracebacks", event("summary: !!binary aGk="), 1,
         f"{H}:5: the YAML tag '!!binary' is not accepted"),
    case("yaml-python-tag", "tracebacks",
         event("summary: !!python/object/apply:os.system ['echo PWNED']"), 1,
         f"{H}:5: the YAML tag '!!python/object/apply:os.system' is not accepted"),
    case("yaml-local-tag", "tracebacks", event("summary: !shout hello"), 1,
         "the YAML tag '!shout' is not accepted"),
    case("field-name-a-number", "tracebacks", event("1: x"), 1,
         f"{H}:5: '1' is not a field name"),
    case("field-name-a-yes", "tracebacks", event("true: x"), 1,
         f"{H}:5: 'true' is not a field name"),
    case("field-name-nothing", "tracebacks", event("~: x"), 1,
         f"{H}:5: '~' is not a field name"),
    case("field-name-a-list", "tracebacks", event("? [a, b]", ": x"), 1,
         f"{H}:5: a list or a group of fields is not a field name"),
    case("nested-field-name-a-number", "tracebacks", event("location: {1: x}"), 1,
         f"{H}:5: '1' is not a field name"),
    case("translation-field-name-a-number", "tracebacks",
         write("events/winter-drive.es.md", front(("title: Colecta", "2: y"))), 1,
         "content/events/winter-drive.es.md:3: '2' is not a field name"),
    case("location-unknown-field", "tracebacks", event("location:", "  floor: 2"), 1,
         f"{H}:6: location.floor: unknown field 'floor'; location takes name and address"),
    case("field-written-twice", "tracebacks", event("summary: a", "summary: b"), 1,
         f"{H}:6: summary: is written twice (lines 5 and 6)"),
    case("date-0000-00-00", "tracebacks", timed("start: 0000-00-00"), 1,
         f"{H}:3: start: '0000-00-00' is outside the years Plaza accepts (1900 to 2199)"),
    case("date-2026-02-30", "tracebacks", timed("start: 2026-02-30 18:00", "duration: 1h"), 1,
         f"{H}:3: start: '2026-02-30 18:00' is not a real date and time"),
    case("year-9999", "tracebacks", timed("start: 9999-12-31 23:00", "duration: 2h"), 1,
         "'9999-12-31 23:00' is outside the years Plaza accepts"),
    case("year-0001", "tracebacks", timed("start: 0001-01-01"), 1,
         "'0001-01-01' is outside the years Plaza accepts"),
    case("first-accepted-year", "tracebacks", timed("start: 1900-01-01 00:00", "duration: 1h"),
         0),
    case("last-accepted-year", "tracebacks",
         timed("start: 2199-12-31 23:30", "duration: 14h", "timezone: Pacific/Kiritimati"), 0),
    case("hour-25", "tracebacks", timed("start: 2026-12-10 25:00", "duration: 1h"), 1,
         "'2026-12-10 25:00' is not a real date and time"),
    case("time-in-the-daylight-gap", "tracebacks",
         timed("start: 2027-03-14 02:30", "duration: 1h"), 1,
         "2027-03-14 02:30 does not exist in America/Los_Angeles"),
    case("huge-duration", "tracebacks",
         timed("start: 2026-12-10 18:00", "duration: 999999h"), 1,
         f"{H}:4: duration: '999999h' is longer than 14 days"),
    case("duration-of-many-digits", "tracebacks",
         timed("start: 2026-12-10 18:00", "duration: " + "9" * 400 + "h"), 1,
         f"{H}:4: duration:", "is not a duration"),
    case("end-before-start", "tracebacks",
         timed("start: 2026-12-10 18:00", "end: 2026-12-09 18:00"), 1,
         f"{H}:4: end: 2026-12-09 18:00 is before start"),
    case("online-with-crlf", "tracebacks",
         event('online: "https://meet.example.org/x\\r\\nX-INJECTED: 1"'), 1,
         f"{H}:5: online: a link is one line with no spaces"),
    case("online-javascript", "tracebacks", event("online: javascript:alert(1)"), 1,
         f"{H}:5: online: 'javascript:alert(1)' is not a web address"),
    rule("BYHOUR=25;FREQ=DAILY", "BYHOUR is not taken"),
    rule("FREQ=DAILY;BYMINUTE=61", "BYMINUTE is not taken"),
    rule("FREQ=MONTHLY;BYSETPOS=0;BYDAY=MO", "BYSETPOS=0: '0' is out of range"),
    rule("FREQ=MONTHLY;BYSETPOS=367;BYDAY=MO", "BYSETPOS=367: '367' is out of range"),
    rule("FREQ=MONTHLY;BYDAY=9MO", "BYDAY=9MO: '9MO': the number before the weekday is 1 to 5"),
    rule("FREQ=WEEKLY;BYDAY=1MO", "'1MO': a numbered weekday needs FREQ=MONTHLY"),
    rule("FREQ=WEEKLY;BYDAY=XX", "BYDAY=XX: 'XX' is not a weekday"),
    rule("FREQ=YEARLY;BYMONTH=13", "BYMONTH=13: '13' is out of range; expected 1 to 12"),
    rule("FREQ=YEARLY;BYMONTH=-1", "BYMONTH=-1: '-1' is out of range"),
    rule("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY=32: '32' is out of range"),
    rule("FREQ=MONTHLY;BYMONTHDAY=99999", "BYMONTHDAY=99999: '99999' is not a whole number"),
    rule("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY=367: '367' is out of range"),
    rule("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO=54: '54' is out of range"),
    rule("FREQ=DAILY;INTERVAL=0", "INTERVAL=0: expected a whole number from 1 to 1000"),
    rule("FREQ=DAILY;COUNT=0", "COUNT=0: expected a whole number from 1 to 1000"),
    rule("FREQ=DAILY;COUNT=1001", "COUNT=1001: expected a whole number from 1 to 1000"),
    rule("FREQ=WEEKLY;UNTIL=99991231", "UNTIL=99991231: the year is outside 1900 to 2199"),
    rule("FREQ=WEEKLY;UNTIL=2026", "UNTIL=2026: expected a date such as 20270630"),
    rule("FREQ=WEEKLY;WKST=XX", "WKST=XX: expected one of MO, TU"),
    rule("FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY: expected one of DAILY, WEEKLY"),
    rule("BYDAY=MO", "an RRULE needs FREQ"),
    rule("FREQ=WEEKLY;X-NAME=1", "unknown RRULE part X-NAME"),
    rule("FREQ=WEEKLY;;COUNT=2", "'' is not a rule part"),
    rule("FREQ=WEEKLY;FREQ=DAILY", "FREQ is given twice"),
    rule("FREQ=WEEKLY;COUNT=2;UNTIL=20270101", "use COUNT or UNTIL, not both"),
    case("except-far-away", "tracebacks",
         event("repeat: FREQ=WEEKLY;COUNT=4", "except: [2199-12-30]"), 1,
         f"{H}:6: except[1]: 2199-12-30 is not a date the series meets on"),
    case("except-in-year-3000", "tracebacks",
         event("repeat: FREQ=WEEKLY;COUNT=4", "except: [3000-01-01]"), 1,
         f"{H}:6: except[1]: '3000-01-01' is outside the years Plaza accepts"),
    case("session-far-away", "tracebacks",
         program("repeat: FREQ=WEEKLY", "sessions:", "  - date: 2199-12-30", "    topic: Far"),
         1, f"{P}:7: sessions[1].date: 2199-12-30 is not a date the series meets on"),
    case("session-moved-to-year-9999", "tracebacks",
         program("repeat: FREQ=WEEKLY;COUNT=4", "sessions:", "  - date: 2026-12-09",
                 "    start: 9999-01-01 10:00"), 1,
         f"{P}:8: sessions[1].start: '9999-01-01 10:00' is outside the years"),
    case("very-long-line", "tracebacks", event('summary: "' + "word " * 150_000 + '"'), 0),
    case("long-file-name", "tracebacks", event(name="a" * 200), 1,
         "the file name is 203 characters long; keep it under 120"),
    case("long-id", "tracebacks", event(name="a" * 100), 1, NOT_A_FILE_NAME),
    case("translation-of-a-missing-original", "tracebacks",
         write("events/ghost.es.md", front(("title: Fantasma",))), 1,
         "content/events/ghost.es.md:1: this translation has no original; add "
         "content/events/ghost.md"),
    case("translation-in-an-unconfigured-language", "tracebacks",
         write("events/winter-drive.fr.md", front(("title: Collecte",))), 1,
         "content/events/winter-drive.fr.md:1: '.fr.md' names a language this site does not "
         "publish; use one of: en, es"),
    case("translation-changes-the-start", "tracebacks",
         write("events/winter-drive.es.md", front(("title: Colecta", "start: 2026-12-20"))),
         1, "content/events/winter-drive.es.md:3: start: a translation cannot change start"),
    case("translation-sets-lang", "tracebacks",
         write("events/winter-drive.es.md", front(("title: Colecta", "lang: en"))), 1,
         "content/events/winter-drive.es.md:3: lang: a translation's language comes from its"),
    case("file-name-with-a-space", "tracebacks", event(name="my event"), 1,
         f"'my event.md' {NOT_A_FILE_NAME}"),
    case("file-name-with-two-dots", "tracebacks", event(name="a."), 1,
         f"'a..md' {NOT_A_FILE_NAME}"),
    case("file-name-only-dots-is-hidden", "tracebacks", write("events/..md", front(EVENT)), 0,
         same_output=True),
    case("file-name-in-upper-case", "tracebacks", event(name="Event"), 1,
         f"'Event.md' {NOT_A_FILE_NAME}"),
    case("file-name-in-unicode", "tracebacks", event(name="évènement"), 1,
         f"'évènement.md' {NOT_A_FILE_NAME}"),
    case("file-name-md-twice", "tracebacks", event(name="x.md"), 1,
         "content/events/x.md.md:1: '.md.md' names a language this site does not publish"),
    case("file-not-markdown", "tracebacks", write("events/notes.txt", "hello"), 1,
         "content/events/notes.txt:1: is not a content file"),
    case("catalog-not-a-catalog", "tracebacks", catalog(b"\x00\xff garbage \""), 1,
         "content/translations/es_US/LC_MESSAGES/messages.po:1: this catalog cannot be read"),
    case("catalog-unknown-charset", "tracebacks",
         catalog('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=NOPE\\n"\n\n'
                 'msgid "Upcoming events"\nmsgstr "x"\n'), 1,
         "content/translations/es_US/LC_MESSAGES/messages.po:1: this catalog cannot be read"),
    case("catalog-plural-too-long", "tracebacks",
         catalog(po_file('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
                         '"Plural-Forms: nplurals=2; plural=' + "(" * 600 + "n" + ")" * 600
                         + ';\\n"')), 1,
         "content/translations/es_US/LC_MESSAGES/messages.po:1: this catalog cannot be read"),
    case("catalog-plural-python", "tracebacks",
         catalog(po_file('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
                         '"Plural-Forms: nplurals=2; plural=n.__class__;\\n"')), 1,
         "content/translations/es_US/LC_MESSAGES/messages.po:1: this catalog cannot be read"),
    case("catalog-drops-a-placeholder", "tracebacks",
         catalog(po_file('msgid "Page %(number)s of %(total)s"\nmsgstr "Página"\n')), 1,
         "messages.po:", "msgstr: the translation must keep every placeholder"),
    case("catalog-with-markup", "tracebacks",
         catalog(po_file('msgid "Upcoming events"\nmsgstr "<img src=x onerror=alert(1)>"\n')),
         1, "messages.po:", "msgstr: contains HTML '<img'"),
]

# Names that try to end a log line, or a workflow command, through the annotation output.
GA = {"GITHUB_ACTIONS": "true"}
LOGS = [
    case("file-name-with-a-newline", "logs",
         event(name="x\n::warning file=forged.md,line=1::forged"), 1,
         "content/events/x\\u000a::warning file=forged.md,line=1::forged.md:1: "
         + CONTROL_NAME, env=GA),
    case("file-name-with-a-carriage-return", "logs", event(name="x\r::error::forged"), 1,
         "content/events/x\\u000d::error::forged.md:1: " + CONTROL_NAME, env=GA),
    case("file-name-with-percent-escapes", "logs",
         event(name="x%0A::warning::forged"), 1, f"'x%0A::warning::forged.md' "
         f"{NOT_A_FILE_NAME}", env=GA),
    case("file-name-with-colons-and-commas", "logs",
         event(name="::error file=a,line=9::forged"), 1, NOT_A_FILE_NAME, env=GA),
    case("file-name-with-an-escape-sequence", "logs", event(name="x\x1b[2Jy"), 1,
         "content/events/x\\u001b[2Jy.md:1: " + CONTROL_NAME, env=GA),
    case("file-name-with-a-direction-override", "logs", event(name="x\u202eqm.exe"), 1,
         "content/events/x\\u202eqm.exe.md:1: " + CONTROL_NAME, env=GA),
    case("folder-name-with-a-newline", "logs",
         write("events/dir\n::warning::forged/a.md", front(EVENT)), 1,
         "content/events/dir\\u000a::warning::forged:1: " + CONTROL_NAME, env=GA),
    case("picture-name-with-a-newline", "logs",
         picture("images/a\n::warning::forged.png", png), 1,
         "content/images/a\\u000a::warning::forged.png:1: " + CONTROL_NAME, env=GA),
    case("value-with-a-newline", "logs", timed('start: "2026\\n::warning::forged"'), 1,
         f"{H}:3: start: '2026\\u000a::warning::forged' is not a date", env=GA),
    case("value-with-a-carriage-return", "logs",
         timed('start: "2026\\r::add-mask::forged"'), 1,
         f"{H}:3: start: '2026\\u000d::add-mask::forged' is not a date", env=GA),
    case("value-stopping-commands", "logs",
         timed('start: "x\\n::stop-commands::pwned"'), 1, "::stop-commands::pwned", env=GA),
    case("value-with-a-legacy-command", "logs",
         timed('start: "x\\n##[error]forged"'), 1, "##[error]forged", env=GA),
    case("value-with-an-escape-sequence", "logs", timed('start: "x\\e]0;pwned\\a"'), 1,
         "\\u001b]0;pwned\\u0007", env=GA),
    case("value-with-percent-escapes", "logs", timed('start: "%0A::warning::x"'), 1,
         f"{H}:3: start: '%0A::warning::x' is not a date", env=GA),
    case("rule-with-a-newline", "logs", event('repeat: "FREQ=DAILY\\n::warning::x=1"'), 1,
         f"{H}:5: repeat: FREQ=DAILY\\u000a::WARNING::X=1: expected one of", env=GA),
]

PRIVACY = [
    case("email-written-with-at-in-brackets", "privacy",
         notes(body="Write to ana [at] example [dot] org.\n"), 1,
         "content/notes/hostile.md:6: contains the email address ana [at] example [dot] org"),
    case("email-spelled-out", "privacy", faq(body="Mail ana at example dot org.\n"), 1,
         "content/faq/hostile.md:5: contains the email address ana at example dot org"),
    case("email-with-a-full-width-at", "privacy", event("summary: ana＠example.org"), 1,
         f"{H}:5: summary: contains the email address ana＠example.org"),
    case("email-split-by-a-zero-width-space", "privacy",
         event("summary: \"ana\u200b@example.org\""), 1,
         f"{H}:5: summary: contains the email address ana\\u200b@example.org"),
    case("phone-with-dots", "privacy", event("summary: Call 213.555.0147"), 1,
         f"{H}:5: summary: contains the phone number 213.555.0147"),
    case("phone-in-full-width-digits", "privacy", event("summary: ２１３－５５５－０１４７"), 1,
         f"{H}:5: summary: contains the phone number ２１３－５５５－０１４７"),
    case("phone-in-arabic-indic-digits", "privacy",
         event("location:", "  name: Hall", "  address: ٢١٣-٥٥٥-٠١٤٧"), 1,
         f"{H}:7: location.address: contains the phone number"),
    case("phone-in-a-translated-topic", "privacy",
         write("programs/dialogue.es.md",
               front(("title: Serie", "sessions:", "  - date: 2026-11-04",
                      "    topic: Llame al (213) 555-0147"))), 1,
         "content/programs/dialogue.es.md:5: sessions[1].topic: contains the phone number"),
    case("owner-name-in-lower-case", "privacy",
         notes("action_items:", "  - task: Book the room", "    owner: maria lopez"), 1,
         "content/notes/hostile.md:7: action_items[1].owner: 'maria lopez' looks like a "
         "person's name"),
    case("owner-name-without-accents", "privacy",
         notes("action_items:", "  - task: Call", "    owner: Jose Garcia"), 1,
         "action_items[1].owner: 'Jose Garcia' looks like a person's name"),
    case("owner-name-in-capitals", "privacy",
         notes("action_items:", "  - task: Call", "    owner: MARIA LOPEZ"), 1,
         "action_items[1].owner: 'MARIA LOPEZ' looks like a person's name"),
    case("right-to-left-mark-in-a-title", "privacy",
         write("events/rlm.md", front(("title: \"Meeting\u200f 2026\"", *EVENT[1:]))), 1,
         "content/events/rlm.md:2: title: contains the hidden character U+200F RIGHT-TO-LEFT "
         "MARK"),
    case("direction-override-in-a-body", "privacy", page(body="Pay to \u202eKCAB\n"), 1,
         "content/pages/hostile.md:4: contains the hidden character U+202E"),
    case("tracking-picture-in-a-body", "privacy",
         page(body="![x](https://tracker.example/p.gif)\n"), 1,
         "content/pages/hostile.md:4: loads https://tracker.example/p.gif from another website"),
    case("iframe-in-a-body", "privacy",
         page(body='<iframe src="https://video.example/embed"></iframe>\n'), 1,
         "content/pages/hostile.md:4: raw HTML <iframe> is not allowed"),
]

SETTINGS = [
    case("audience-climbing", "settings", settings('PLAZA_AUDIENCES = ["residents", '
                                                   '"../../escape"]\n'), 1,
         "settings.py:5: PLAZA_AUDIENCES: '../../escape' is not a key"),
    case("category-climbing", "settings",
         settings('PLAZA_CATEGORIES = {"circles": "Circles", "../../x": "X"}\n'), 1,
         "settings.py:5: PLAZA_CATEGORIES: '../../x' is not a key"),
    case("category-with-a-slash", "settings",
         settings('PLAZA_CATEGORIES = {"circles": "Circles", "a/b": "X"}\n'), 1,
         "PLAZA_CATEGORIES: 'a/b' is not a key"),
    case("category-empty", "settings",
         settings('PLAZA_CATEGORIES = {"circles": "Circles", "": "X"}\n'), 1,
         "PLAZA_CATEGORIES: '' is not a key"),
    case("accessibility-climbing", "settings",
         settings('PLAZA_ACCESSIBILITY = ["../x"]\n'), 1,
         "settings.py:5: PLAZA_ACCESSIBILITY: '../x' is not a key"),
    case("language-with-a-slash", "settings",
         settings('PLAZA_LANGUAGES = ["en", "es/../../x"]\n'), 1,
         "settings.py:5: PLAZA_LANGUAGES: 'es/../../x' is not a language code"),
    case("language-dot-dot", "settings", settings('PLAZA_LANGUAGES = ["en", ".."]\n'), 1,
         "PLAZA_LANGUAGES: '..' is not a language code"),
    case("default-language-climbing", "settings", settings('DEFAULT_LANG = "../x"\n'), 1,
         "PLAZA_LANGUAGES: '../x' is not a language code"),
    case("uid-namespace-with-a-newline", "settings",
         settings('PLAZA_UID_NAMESPACE = "x\\r\\nBEGIN:VEVENT"\n'), 1,
         "settings.py:5: PLAZA_UID_NAMESPACE:", "must be a short key"),
    case("timezone-a-path", "settings", settings('TIMEZONE = "../../etc/passwd"\n'), 1,
         "settings.py:5: TIMEZONE: unknown time zone '../../etc/passwd'"),
    case("timezone-unknown", "settings", settings('TIMEZONE = "Mars/Olympus"\n'), 1,
         "settings.py:5: TIMEZONE: unknown time zone 'Mars/Olympus'"),
    case("timezone-of-the-build-machine", "settings", settings('TIMEZONE = "localtime"\n'),
         1, "settings.py:5: TIMEZONE: unknown time zone 'localtime'"),
    case("cache-path-a-file", "settings", lambda place: (place.root / "a-file").write_text("x"),
         1, "PLAZA_CACHE_PATH:", "is not a folder", env={"PLAZA_CACHE_PATH": "{root}/a-file"}),
]

CASES = PATHS + LINKS + IMAGES + UNBOUNDED + TRACEBACKS + LOGS + PRIVACY + SETTINGS


def cases_by_group() -> dict[str, int]:
    counts: dict[str, int] = {}
    for one in CASES:
        counts[one.group] = counts.get(one.group, 0) + 1
    return counts


# --- what the build printed ----------------------------------------------------------------

# One GitHub workflow command: the file property with %, CR, LF, ':' and ',' escaped, and
# the message with %, CR and LF escaped.
RE_ANNOTATION = re.compile(rb"::error file=(?:[^%\r\n:,]|%25|%0D|%0A|%3A|%2C)*,line=[0-9]+"
                           rb"::(?:[^%\r\n]|%25|%0D|%0A)*")
RE_PROBLEM_COUNT = re.compile(rb"^(\d+) problems? found\.", re.M)


def workflow_command_problems(stderr: bytes, annotations: bool) -> list[str]:
    """Lines a GitHub runner would read as a workflow command, other than well-formed
    ``::error`` annotations (one per problem, when ``annotations``)."""
    found = []
    errors = 0
    # The runner reads a line at every LF, CR or CRLF, and ignores leading spaces.
    for line in re.split(rb"\r\n|\r|\n", stderr):
        stripped = line.lstrip()
        if stripped.startswith(b"::"):
            if annotations and RE_ANNOTATION.fullmatch(stripped):
                errors += 1
            else:
                found.append(f"workflow command: {stripped[:120]!r}")
        elif stripped.startswith(b"##["):
            found.append(f"legacy workflow command: {stripped[:120]!r}")
    if annotations:
        counted = RE_PROBLEM_COUNT.search(stderr)
        expected = int(counted.group(1)) if counted else 0
        if errors != expected:
            found.append(f"{errors} annotations for {expected} problems")
    return found
