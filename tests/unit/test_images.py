"""content/images/: only pictures Plaza decoded and encoded anew are published.

Every hostile file is reported by validation (``tree.problems()``), never published, and
skipped by `make scrub-images` with the reason; whatever validation accepts publishes.
"""

from __future__ import annotations

import io
import os
import struct
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageCms, ImageSequence

from plaza.model.problems import shown_name
from plaza_sources import pictures as images
from plaza_sources import safe_files
from plaza_sources.pictures import published_images, scrub_in_place
from scripts import scrub_images

from ..pictures import gps_jpeg

EXPORT = "export it as PNG or JPEG"


def within(seconds: float, function: Callable[[], Any]) -> Any:
    """``function()``, failing the test instead of hanging when it takes too long."""
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["value"] = function()
        except BaseException as error:  # handed to the test below
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if "error" in result:
        raise result["error"]
    return result["value"]


def folder(tree) -> Path:
    path = tree.content / "images"
    path.mkdir(exist_ok=True)
    return path


def published(tree) -> dict[str, bytes]:
    return within(30, lambda: dict(published_images(str(tree.content))))


def encoded(image: Image.Image, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def photo(size: tuple[int, int] = (64, 48)) -> Image.Image:
    """A picture with detail, so that a truncated file misses real data."""
    return Image.effect_noise(size, 64).convert("RGB")


def png_claiming(width: int, height: int) -> bytes:
    """A 1×1 PNG whose header says ``width``×``height`` (CRC recomputed): cheap to make,
    and a bomb if decoded."""
    data = bytearray(encoded(Image.new("1", (1, 1)), "PNG"))
    assert data[12:16] == b"IHDR"
    struct.pack_into(">II", data, 16, width, height)
    struct.pack_into(">I", data, 29, zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def refused(tree, name: str, content: bytes, fragment: str, **config: Any) -> None:
    """Validation reports exactly one problem on ``name``, containing ``fragment``; the
    file is not published, and `make scrub-images` skips it with the same reason."""
    path = folder(tree) / name
    path.write_bytes(content)
    problems = within(30, lambda: tree.problems(**config))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"content/images/{name}:1: "), problems
    assert fragment in problems[0], problems
    assert published(tree) == {}
    done = scrub_in_place(str(tree.content))
    assert done.changed == [] and [path for path, _ in done.refused] == [f"images/{name}"]
    assert fragment in done.refused[0][1]
    assert path.read_bytes() == content


# --- files that are not pictures ----------------------------------------------------------

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.'
       b'cookie)</script><rect width="10" height="10"/></svg>')


@pytest.mark.parametrize(("name", "content", "fragment"), [
    ("map.svg", SVG, "is an SVG file, which can carry scripts, so Plaza does not publish it; "
     "export it as PNG or JPEG"),
    ("map.SVG", SVG, "is an SVG file, which can carry scripts"),
    ("flyer.pdf", b"%PDF-1.7\n", "is refused: content/images/ publishes only JPEG, PNG, "
     "WebP and GIF pictures, and this is a .pdf file; export it as PNG or JPEG"),
    ("scan.tif", b"II*\x00", "is a TIFF picture, which web browsers do not show; export it "
     "as JPEG or PNG"),
    ("scan.TIFF", b"MM\x00*", "is a TIFF picture, which web browsers do not show"),
    ("page.html", b"<html><script>alert(1)</script></html>", "and this is a .html file; "
     + EXPORT),
    ("notes.txt", b"hello", "and this is a .txt file; " + EXPORT),
    ("README", b"hello", "and this file has no extension; " + EXPORT),
])
def test_files_other_than_pictures_are_refused_by_name(tree, name, content, fragment):
    refused(tree, name, content, fragment)


@pytest.mark.parametrize(("name", "content", "fragment"), [
    ("room.png", b"<!doctype html><script>alert(1)</script>",
     "is not a PNG picture Plaza can read (it looks like HTML, SVG or other text); " + EXPORT),
    ("room.jpg", b"\xef\xbb\xbf  <svg onload=alert(1)>",
     "is not a JPEG picture Plaza can read (it looks like HTML, SVG or other text)"),
    ("room.gif", b"PK\x03\x04" + b"\x00" * 40, "(it looks like a ZIP archive); " + EXPORT),
    ("room.webp", b"", "is not a WebP picture Plaza can read (the file is empty)"),
    ("room.jpeg", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
     "(it looks like a HEIC, HEIF or AVIF picture, which Plaza cannot read)"),
    ("room.png", b"BM" + b"\x00" * 60,  # a BMP: decodable, but not a format Plaza publishes
     "is not a PNG picture Plaza can read (Plaza does not recognise its contents)"),
    ("room.jpg", encoded(Image.new("RGB", (4, 4)), "TIFF"),
     "is not a JPEG picture Plaza can read (it looks like a TIFF picture, which web browsers "
     "do not show); export it as PNG or JPEG"),
])
def test_a_file_that_is_not_the_picture_its_name_says_is_refused(tree, name, content,
                                                                  fragment):
    refused(tree, name, content, fragment)


def test_a_picture_whose_extension_names_another_format_is_refused_naming_both(tree):
    refused(tree, "room.jpg", encoded(photo(), "PNG"),
            "is a PNG picture but its name ends in .jpg; rename it to end in .png (and "
            "change the links to it), or export it as JPEG")


def test_a_gif_named_webp_is_refused(tree):
    refused(tree, "logo.webp", encoded(Image.new("P", (4, 4)), "GIF"),
            "is a GIF picture but its name ends in .webp; rename it to end in .gif")


@pytest.mark.parametrize("name", ["phone.heic", "phone.HEIC", "phone.heif", "phone.avif"])
def test_heic_and_heif_are_refused_even_where_metadata_is_allowed(tree, name):
    kind = name.rsplit(".", 1)[1].upper()
    refused(tree, name, b"\x00\x00\x00\x18ftypheic not really",
            f"is a {kind} picture, which Plaza cannot read or clean of its metadata; export "
            "it as JPEG or PNG (on an iPhone: Settings > Camera > Formats > Most Compatible)",
            allowed_image_metadata=(name,))


# --- damaged pictures and bombs -----------------------------------------------------------

def test_a_truncated_jpeg_is_damaged(tree):
    whole = encoded(photo((256, 256)), "JPEG", quality=95)
    refused(tree, "cut.jpg", whole[: len(whole) // 2], "the picture is damaged or incomplete "
            "(image file is truncated")
    problem = tree.problems()[0]
    assert problem.endswith("); export it again as JPEG or PNG"), problem


@pytest.mark.parametrize(("start", "reason"), [
    (14, "its header cannot be read"),  # the IHDR chunk
    (60, ""),  # the compressed pixels
])
def test_a_png_with_a_broken_chunk_is_damaged(tree, start, reason):
    data = bytearray(encoded(photo(), "PNG"))
    data[start:start + 20] = b"\xff" * 20
    refused(tree, "broken.png", bytes(data), f"the picture is damaged or incomplete ({reason}")
    assert tree.problems()[0].endswith("); export it again as JPEG or PNG")


def test_a_jpeg_with_a_broken_header_is_damaged(tree):
    refused(tree, "broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40,
            "the picture is damaged or incomplete (its header cannot be read); export it "
            "again as JPEG or PNG")


@pytest.mark.parametrize(("width", "height", "fragment"), [
    (15000, 15000, "has 225 megapixels; the largest picture Plaza publishes has 40: export "
     "it smaller (2000 pixels wide is plenty for a web page)"),
    (9000, 5000, "is 9000×5000 pixels (45 megapixels); the largest picture Plaza publishes "
     "has 40 megapixels: export it smaller"),
])
def test_a_decompression_bomb_is_refused_before_its_pixels_are_decoded(tree, width, height,
                                                                        fragment):
    pillow_limit = Image.MAX_IMAGE_PIXELS
    bomb = png_claiming(width, height)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("PIL.ImageFile.ImageFile.load", lambda self: pytest.fail("decoded"))
        refused(tree, "bomb.png", bomb, fragment)
    assert pillow_limit == Image.MAX_IMAGE_PIXELS  # Pillow's own setting untouched


def test_an_animation_with_too_many_frames_is_refused(tree):
    frames = [Image.new("P", (2, 2), index % 2) for index in range(images.MAX_FRAMES + 1)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 255, 255])
    data = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:])
    refused(tree, "long.gif", data, f"is an animation of more than {images.MAX_FRAMES} "
            f"frames of 2×2 pixels; Plaza publishes at most {images.MAX_FRAMES} frames")


def test_an_animation_over_the_pixel_budget_is_refused(tree, monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 2000)  # frames of 400 pixels: 5 fit
    frames = [Image.new("RGB", (20, 20), (index * 40, 0, 0)) for index in range(6)]
    data = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:])
    refused(tree, "big.gif", data, "is an animation of more than 5 frames of 20×20 pixels; "
            f"Plaza publishes at most {images.MAX_FRAMES} frames and 0.002 megapixels in "
            "all: export it with fewer or smaller frames")


def test_a_jpeg_of_too_many_scans_is_refused_before_decoding(tree):
    whole = encoded(photo(), "JPEG", progressive=True)
    end = whole.rindex(b"\xff\xd9")
    scan = whole[whole.rindex(b"\xff\xda"):end]  # the last scan, repeated
    data = whole[:end] + scan * images.MAX_JPEG_SCANS + whole[end:]
    refused(tree, "slow.jpg", data, f"is a JPEG of more than {images.MAX_JPEG_SCANS} scans, "
            "which would take very long to decode; export it again as JPEG or PNG")


# --- files Plaza never reads ------------------------------------------------------------

def test_a_file_over_the_size_cap_is_refused_without_being_read(tree, monkeypatch):
    path = folder(tree) / "huge.jpg"
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(safe_files.MAX_IMAGE_BYTES + 1024 * 1024)
    monkeypatch.setattr(safe_files, "read_bounded", lambda *a: pytest.fail("read"))
    assert tree.problems() == [
        "content/images/huge.jpg:1: is 21.0 MB; the largest picture Plaza publishes is "
        "20.0 MB: export it smaller (2000 pixels wide is plenty for a web page)"]
    assert published(tree) == {}
    assert scrub_in_place(str(tree.content)).refused[0][0] == "images/huge.jpg"


def test_a_fifo_is_refused_without_hanging(tree):
    os.mkfifo(folder(tree) / "pipe.jpg")
    assert within(10, tree.problems) == [
        "content/images/pipe.jpg:1: is a FIFO (named pipe), not a file; remove it"]
    assert published(tree) == {}
    done = within(10, lambda: scrub_in_place(str(tree.content)))
    assert done.refused == [("images/pipe.jpg", "is a FIFO (named pipe), not a file; remove it")]


def test_a_link_to_a_file_outside_content_is_refused_and_not_published(tree):
    outside = tree.root / "secret.jpg"
    gps_jpeg(outside)
    before = outside.read_bytes()
    (folder(tree) / "room.jpg").symlink_to(outside)
    assert tree.problems(allowed_image_metadata=("room.jpg",)) == [
        "content/images/room.jpg:1: is a link to a file outside the content folder; copy the "
        "file here instead of linking to it"]
    assert published(tree) == {}
    assert scrub_in_place(str(tree.content)).changed == []
    assert outside.read_bytes() == before


def test_an_images_folder_linking_out_of_content_is_refused(tree):
    outside = tree.root / "elsewhere"
    outside.mkdir()
    (outside / "room.png").write_bytes(encoded(photo(), "PNG"))
    (tree.content / "images").symlink_to(outside)
    assert tree.problems() == [
        "content/images:1: is a link to a folder outside the content folder; move the files "
        "here instead"]
    assert published(tree) == {}


def test_a_link_to_a_folder_is_not_followed(tree):
    images_folder = folder(tree)
    (images_folder / "room.png").write_bytes(encoded(photo(), "PNG"))
    (images_folder / "loop").symlink_to(".")
    assert tree.problems() == [
        "content/images/loop:1: is a link to a folder; Plaza does not follow links to "
        "folders, move the files here instead"]
    assert sorted(published(tree)) == ["images/room.png"]


def test_a_link_inside_content_is_published_and_stays_a_link(tree):
    images_folder = folder(tree)
    gps_jpeg(images_folder / "room.jpg")
    (images_folder / "alias.jpg").symlink_to("room.jpg")
    assert tree.problems(allowed_image_metadata=("room.jpg", "alias.jpg")) == []
    assert sorted(published(tree)) == ["images/alias.jpg", "images/room.jpg"]
    assert scrub_in_place(str(tree.content)).changed == ["images/alias.jpg"]
    assert (images_folder / "alias.jpg").is_symlink()
    assert tree.problems() == []


@pytest.mark.parametrize(("name", "shown"), [
    ("bad\nname.jpg", "bad\\u000aname.jpg"),
    ("x\u202egpj.png", "x\\u202egpj.png"),
    ("tab\tname.gif", "tab\\u0009name.gif"),
])
def test_control_characters_in_a_name_are_reported_escaped(tree, name, shown):
    (folder(tree) / name).write_bytes(encoded(photo(), "PNG"))
    assert tree.problems() == [
        f"content/images/{shown}:1: the file name contains control or invisible characters; "
        "rename the file using letters, digits and '-'"]
    assert published(tree) == {}


def test_an_over_long_name_is_refused(tree):
    name = "x" * 130 + ".png"
    (folder(tree) / name).write_bytes(encoded(photo(), "PNG"))
    assert tree.problems() == [f"content/images/{name}:1: the file name is 134 characters "
                               "long; keep it under 120"]
    assert published(tree) == {}


def test_hidden_files_are_neither_published_nor_reported(tree):
    (folder(tree) / ".gitkeep").write_bytes(b"")
    (folder(tree) / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    assert tree.problems() == []
    assert published(tree) == {}


# --- polyglots: only the pixels survive -------------------------------------------------

HTML = b"<html><body><script>alert(document.domain)</script></body></html>"


def zip_archive() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.html", HTML)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "fmt", "payload"), [
    ("html.jpg", "JPEG", HTML),
    ("zip.jpg", "JPEG", zip_archive()),
    ("html.png", "PNG", HTML),
    ("zip.gif", "GIF", zip_archive()),
    ("html.webp", "WEBP", HTML),
])
def test_a_payload_appended_to_a_picture_is_not_published(tree, name, fmt, payload):
    source = photo()
    original = encoded(source if fmt != "GIF" else source.convert("P"), fmt) + payload
    (folder(tree) / name).write_bytes(original)
    assert tree.problems() == []
    data = published(tree)[f"images/{name}"]
    assert payload not in data and b"<script" not in data and b"PK\x03\x04" not in data
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.format == fmt and image.size == source.size


def test_a_payload_in_a_jpeg_comment_is_flagged_and_not_published(tree):
    (folder(tree) / "comment.jpg").write_bytes(encoded(photo(), "JPEG", comment=HTML))
    assert tree.problems() == [
        "content/images/comment.jpg:1: carries comment metadata, which can reveal where and "
        "by whom it was taken; run `make scrub-images`"]
    assert HTML not in published(tree)["images/comment.jpg"]


def test_a_gif_javascript_polyglot_loses_its_script(tree):
    # GIF89a/*…*/=alert(1)//: the comment block closes the JavaScript comment
    data = bytearray(encoded(Image.new("P", (10799, 1)), "GIF", comment=b"*/=alert(1)//"))
    assert data[6:8] == b"/*"
    (folder(tree) / "poly.gif").write_bytes(bytes(data))
    assert tree.problems(allowed_image_metadata=("poly.gif",)) == []
    assert b"alert(1)" not in published(tree)["images/poly.gif"]


# --- what is accepted is published, the same way -------------------------------------------

def srgb() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def palette_with_transparency() -> bytes:
    image = Image.new("P", (8, 8), 1)
    image.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    image.paste(0, (0, 0, 4, 4))
    return encoded(image, "PNG", transparency=0)


def animation(fmt: str) -> bytes:
    frames = [Image.new("RGBA", (12, 8), (255, 0, 0, 255)),
              Image.new("RGBA", (12, 8), (0, 0, 0, 0)),
              Image.new("RGBA", (12, 8), (0, 0, 255, 255))]
    frames[1].paste((0, 255, 0, 255), (0, 0, 6, 4))
    return encoded(frames[0], fmt, save_all=True, append_images=frames[1:],
                   duration=[100, 200, 300], loop=0, **({"lossless": True}
                                                        if fmt == "WEBP" else {}))


ACCEPTED = {
    "rgb.jpg": lambda: encoded(photo(), "JPEG"),
    "grey.JPEG": lambda: encoded(photo().convert("L"), "JPEG"),
    "print.jpg": lambda: encoded(photo().convert("CMYK"), "JPEG"),
    "profile.jpg": lambda: encoded(photo(), "JPEG", icc_profile=srgb()),
    "progressive.jpg": lambda: encoded(photo(), "JPEG", progressive=True),
    "camera.jpe": lambda: encoded(photo(), "JPEG"),
    "camera.jfif": lambda: encoded(photo(), "JPEG"),
    "bits.png": lambda: encoded(Image.new("1", (9, 9), 1), "PNG"),
    "grey-alpha.png": lambda: encoded(photo().convert("LA"), "PNG"),
    "palette.png": palette_with_transparency,
    "alpha.png": lambda: encoded(photo().convert("RGBA"), "PNG", icc_profile=srgb()),
    "deep.png": lambda: encoded(Image.new("I;16", (4, 4), 40000), "PNG"),
    "moving.png": lambda: animation("PNG"),
    "alpha.webp": lambda: encoded(photo().convert("RGBA"), "WEBP"),
    "moving.webp": lambda: animation("WEBP"),
    "still.gif": lambda: encoded(Image.open(io.BytesIO(palette_with_transparency())), "GIF"),
    "moving.gif": lambda: animation("GIF"),
}


def test_every_picture_validation_accepts_is_published_in_its_format(tree):
    for name, make in ACCEPTED.items():
        (folder(tree) / name).write_bytes(make())
    assert tree.problems() == []
    out = published(tree)
    assert sorted(out) == sorted(f"images/{name}" for name in ACCEPTED)
    for name in ACCEPTED:
        with (Image.open(folder(tree) / name) as before,
              Image.open(io.BytesIO(out[f"images/{name}"])) as after):
            after.load()
            assert (after.format, after.size) == (before.format, before.size), name
            assert after.info.get("icc_profile") == before.info.get("icc_profile"), name
    with Image.open(io.BytesIO(out["images/palette.png"])) as image:
        assert image.mode == "P" and image.convert("RGBA").getpixel((0, 0))[3] == 0
    assert scrub_in_place(str(tree.content)).changed == []  # none carried metadata


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
def test_an_animation_keeps_every_frame_and_its_timing(tree, fmt):
    name = f"moving.{fmt.lower()}"
    (folder(tree) / name).write_bytes(animation(fmt))
    assert tree.problems() == []
    out = published(tree)[f"images/{name}"]
    with (Image.open(folder(tree) / name) as before, Image.open(io.BytesIO(out)) as after):
        assert after.n_frames == 3
        pairs = zip(ImageSequence.Iterator(before), ImageSequence.Iterator(after), strict=True)
        for index, (first, second) in enumerate(pairs):
            assert second.info.get("duration") == first.info.get("duration"), index
            assert (second.convert("RGBA").tobytes()
                    == first.convert("RGBA").tobytes()), (fmt, index)


@pytest.mark.parametrize("name", ["P1000123.JPG", "camera.jpe", "camera.jfif", "x.JPEG"])
def test_camera_extensions_are_guarded_in_any_case_and_published_under_their_name(tree, name):
    gps_jpeg(folder(tree) / name)
    assert tree.problems() == [
        f"content/images/{name}:1: carries EXIF, GPS location metadata, which can reveal "
        "where and by whom it was taken; run `make scrub-images`"]
    assert tree.problems(allowed_image_metadata=(name,)) == []
    with Image.open(io.BytesIO(published(tree)[f"images/{name}"])) as image:
        assert not image.getexif() and image.size == (4, 8)


def gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x013B] = "Jane Photographer"
    exif[0x8825] = {1: "N", 2: (34.0, 3.0, 0.0)}
    return exif


@pytest.mark.parametrize(("name", "fmt"), [("gps.png", "PNG"), ("gps.webp", "WEBP")])
def test_gps_in_png_and_webp_is_flagged_and_scrubbed(tree, name, fmt):
    (folder(tree) / name).write_bytes(encoded(photo(), fmt, exif=gps_exif()))
    assert tree.problems() == [
        f"content/images/{name}:1: carries EXIF, GPS location metadata, which can reveal "
        "where and by whom it was taken; run `make scrub-images`"]
    assert scrub_in_place(str(tree.content)).changed == [f"images/{name}"]
    assert tree.problems() == []
    assert b"Jane Photographer" not in (folder(tree) / name).read_bytes()


# --- make scrub-images ------------------------------------------------------------------

def test_scrub_images_skips_every_hostile_file_with_its_reason(tree, capsys):
    images_folder = folder(tree)
    gps_jpeg(images_folder / "meeting.jpg")
    (images_folder / "map.svg").write_bytes(SVG)
    (images_folder / "page.png").write_bytes(HTML)
    (images_folder / "bomb.png").write_bytes(png_claiming(15000, 15000))
    whole = encoded(photo((256, 256)), "JPEG")
    (images_folder / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    (images_folder / "phone.heic").write_bytes(b"\x00\x00\x00\x18ftypheic")
    os.mkfifo(images_folder / "pipe.gif")
    outside = tree.root / "secret.jpg"
    gps_jpeg(outside)
    (images_folder / "out.jpg").symlink_to(outside)
    (images_folder / "bad\nname.jpg").write_bytes(whole)
    status = within(30, lambda: scrub_images.main([str(tree.content)]))
    printed = capsys.readouterr().out
    assert status == 1
    content = shown_name(str(tree.content))
    assert f"scrubbed {content}/images/meeting.jpg\n" in printed
    for line in (f"skipped {content}/images/map.svg: is an SVG file, which can carry scripts",
                 f"skipped {content}/images/page.png: is not a PNG picture Plaza can read",
                 f"skipped {content}/images/bomb.png: has 225 megapixels",
                 f"skipped {content}/images/cut.jpg: the picture is damaged or incomplete",
                 f"skipped {content}/images/phone.heic: is a HEIC picture",
                 f"skipped {content}/images/pipe.gif: is a FIFO (named pipe), not a file",
                 f"skipped {content}/images/out.jpg: is a link to a file outside the content",
                 f"skipped {content}/images/bad\\u000aname.jpg: the file name contains"):
        assert line in printed, printed
    assert "1 picture(s) rewritten without metadata.\n8 file(s) skipped" in printed
    assert sorted(published(tree)) == ["images/meeting.jpg"]
    with Image.open(images_folder / "meeting.jpg") as scrubbed:
        assert not scrubbed.getexif()
    assert not [p for p in images_folder.iterdir() if p.name.endswith(".scrubbing")]


def test_scrub_images_never_writes_through_a_planted_temporary_file(tree):
    images_folder = folder(tree)
    gps_jpeg(images_folder / "meeting.jpg")
    target = tree.root / "victim.txt"
    target.write_text("untouched")
    (images_folder / "meeting.jpg.scrubbing").symlink_to(target)
    assert scrub_in_place(str(tree.content)).changed == ["images/meeting.jpg"]
    assert target.read_text() == "untouched"
