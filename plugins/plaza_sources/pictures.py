"""Pictures: the one walk of content/images/, and what the build publishes from it.

Every file in content/images/ arrives in a pull request and is hostile until checked. A
picture is published only when Plaza decoded every pixel of it and encoded those pixels
anew, so nothing else the file carried survives: no metadata (EXIF, XMP, IPTC, comments),
no HTML, script or ZIP archive appended to or hidden in it (a polyglot). The orientation
EXIF recorded is applied to the pixels first, so the picture still looks the right way up;
the colour profile is kept.

- Accepted: JPEG, PNG, WebP and GIF, when the decoded format matches the extension
  (compared without regard to case; the published path is the content path). Animated
  GIF, PNG and WebP keep all their frames, each re-encoded from its composited pixels; a
  JPEG holding several pictures (MPO) publishes the first.
- Refused, with a message saying what to do: any other file (SVG can carry scripts, HTML,
  PDF, no extension…), HEIC/HEIF, TIFF (browsers do not show it), files Pillow cannot
  decode, damaged or truncated files, files over ``safe_files.MAX_IMAGE_BYTES``, pictures
  over ``MAX_PIXELS`` (checked before any pixel is decoded), animations over
  ``MAX_FRAMES``, JPEGs of more than ``MAX_JPEG_SCANS`` scans (slow to decode), links
  leading out of content/, special files and unsafe names (``safe_files.walk``).
- Files whose name starts with "." (``.gitkeep``, ``.DS_Store``) are neither published
  nor reported.

Validation (``privacy.check_images``), the build (``published_images``) and
``make scrub-images`` (``scrub_in_place``) all go through ``pictures`` and ``clean``, so
what validation accepts is exactly what the build publishes.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plaza.model.config import SiteConfig
from plaza.model.problems import ProblemLog, shown_name

from . import safe_files

if TYPE_CHECKING:
    from PIL.Image import Image

MAX_PIXELS = 40_000_000  # a 40-megapixel picture; an animation counts all its frames
MAX_FRAMES = 300
MAX_JPEG_SCANS = 100  # a progressive JPEG has about 10; each costs a pass over the pixels
# The Pillow format each accepted extension must hold (extensions compared in lower case).
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".jpe": "JPEG", ".jfif": "JPEG", ".png": "PNG",
           ".webp": "WEBP", ".gif": "GIF"}
SUFFIX_OF = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
SHOWN_FORMAT = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
HEIF_SUFFIXES = {".heic", ".heif", ".hif", ".avif"}  # what phones write: refused by name
ANIMATED = {"GIF", "PNG", "WEBP"}
# The pixel modes each format is published in as they are; others are converted.
KEPT_MODES = {"JPEG": {"L", "RGB", "CMYK"}, "PNG": {"1", "L", "LA", "P", "RGB", "RGBA",
                                                    "I", "I;16"},
              "WEBP": {"RGB", "RGBA"}, "GIF": {"P", "L"}}
# A colour profile fits a picture whose pixels are in the profile's colour space.
PROFILE_SPACE = {"1": b"GRAY", "L": b"GRAY", "LA": b"GRAY", "I": b"GRAY", "I;16": b"GRAY",
                 "P": b"RGB ", "RGB": b"RGB ", "RGBA": b"RGB ", "CMYK": b"CMYK"}
MAX_PROFILE_BYTES = 1024 * 1024
EXIF_GPS = 0x8825
# How the files of the accepted formats begin (WebP: "RIFF", a size, then "WEBP").
SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
EXPORT = "export it again as JPEG or PNG"
SMALLER = "export it smaller (2000 pixels wide is plenty for a web page)"


class Refused(ValueError):
    """A file of content/images/ Plaza will not publish; the message says why and what
    to do."""


@dataclass(frozen=True)
class Picture:
    """One file of content/images/, as walked."""

    relative: str  # "images/x.jpg": its place under content/, and where it is published
    path: str  # as walked (under the content folder given)
    problem: str | None = None  # why it may not even be read (a link out, a FIFO, a name)


@dataclass(frozen=True)
class Cleaned:
    """A picture as the site publishes it, and the metadata the original carried."""

    data: bytes
    metadata: tuple[str, ...]


def pictures(content_root: str, project_root: str | None = None) -> Iterator[Picture]:
    """Every file below content/images/ except hidden ones, sorted, through
    ``safe_files.walk``.

    With ``project_root``, the content folder itself must not be a link leading out of
    the project (``safe_files.UnsafeFile`` otherwise), as validation requires; without it
    the content folder is taken as given (publishing, which validation preceded, and
    ``make scrub-images`` on the maintainer's own folder).
    """
    if project_root is None:
        root = os.path.realpath(content_root)
    else:
        root = safe_files.resolve_root(content_root, project_root)
    for found in safe_files.walk(os.path.join(content_root, "images"), root):
        if os.path.basename(found.path).startswith("."):
            continue
        relative = os.path.relpath(found.path, content_root).replace(os.sep, "/")
        yield Picture(relative, found.path, found.problem)


def clean(picture: Picture) -> Cleaned:
    """The picture as published; ``Refused`` with the reason when it may not be."""
    if picture.problem:
        raise Refused(picture.problem)
    suffix = os.path.splitext(picture.relative)[1].lower()
    refuse_by_name(suffix)
    try:
        size = os.stat(picture.path).st_size
    except OSError as error:
        raise Refused(f"cannot be read ({error.strerror}); check the file") from None
    if size > safe_files.MAX_IMAGE_BYTES:
        raise Refused(f"is {_megabytes(size)} MB; the largest picture Plaza publishes is "
                      f"{_megabytes(safe_files.MAX_IMAGE_BYTES)} MB: {SMALLER}")
    try:
        data = safe_files.read_bounded(picture.path, safe_files.MAX_IMAGE_BYTES)
    except safe_files.UnsafeFile as error:
        raise Refused(str(error)) from None
    return clean_bytes(data, suffix)


def refuse_by_name(suffix: str) -> None:
    """``Refused`` unless ``suffix`` (lower case) names a format Plaza publishes."""
    if suffix in FORMATS:
        return
    if suffix in (".svg", ".svgz"):
        raise Refused("is an SVG file, which can carry scripts, so Plaza does not publish "
                      "it; export it as PNG or JPEG")
    if suffix in (".tif", ".tiff"):
        raise Refused("is a TIFF picture, which web browsers do not show; export it as JPEG "
                      "or PNG")
    if suffix in HEIF_SUFFIXES:
        raise Refused(f"is a {suffix[1:].upper()} picture, which Plaza cannot read or "
                      "clean of its metadata; export it as JPEG or PNG (on an iPhone: "
                      "Settings > Camera > Formats > Most Compatible)")
    what = f"this is a {suffix} file" if suffix else "this file has no extension"
    raise Refused("is refused: content/images/ publishes only JPEG, PNG, WebP and GIF "
                  f"pictures, and {what}; export it as PNG or JPEG")


def clean_bytes(data: bytes, suffix: str) -> Cleaned:
    """Decode ``data`` (a file named ``*suffix``) fully and encode its pixels anew."""
    from PIL import Image, UnidentifiedImageError

    expected = FORMATS[suffix]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's warnings on odd files: not for the log
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=sorted(SUFFIX_OF)) as opened:
                found = "JPEG" if opened.format == "MPO" else str(opened.format)
                if found == "JPEG" and data.count(b"\xff\xda") > MAX_JPEG_SCANS:
                    raise Refused(f"is a JPEG of more than {MAX_JPEG_SCANS} scans, which "
                                  f"would take very long to decode; {EXPORT}")
                if found != expected:
                    raise Refused(
                        f"is a {SHOWN_FORMAT[found]} picture but its name ends in "
                        f"{suffix}; rename it to end in {SUFFIX_OF[found]} (and change "
                        f"the links to it), or export it as {SHOWN_FORMAT[expected]}")
                return _re_encode(opened, found, data)
        except Refused:
            raise
        except UnidentifiedImageError:
            if data.startswith(SIGNATURES) or (data[:4], data[8:12]) == (b"RIFF", b"WEBP"):
                raise Refused("the picture is damaged or incomplete (its header cannot be "
                              f"read); {EXPORT}") from None
            raise Refused(f"is not a {SHOWN_FORMAT[expected]} picture Plaza can read "
                          f"({_looks_like(data)}); export it as PNG or JPEG") from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            counted = re.search(r"\((\d+) pixels\)", str(error))
            pixels = _megapixels(int(counted.group(1))) if counted else "far more"
            raise Refused(f"has {pixels} megapixels; the largest picture Plaza publishes "
                          f"has {_megapixels(MAX_PIXELS)}: {SMALLER}") from None
        except MemoryError:
            raise Refused(f"is too large to decode; {SMALLER}") from None
        except Exception as error:  # a hostile file may break a decoder in any way
            raise Refused(f"the picture is damaged or incomplete ({_reason(error)}); "
                          f"{EXPORT}") from None


def _re_encode(opened: Any, fmt: str, data: bytes) -> Cleaned:
    width, height = opened.size
    if width * height > MAX_PIXELS:
        raise Refused(f"is {width}×{height} pixels ({_megapixels(width * height)} "
                      "megapixels); the largest picture Plaza publishes has "
                      f"{_megapixels(MAX_PIXELS)} megapixels: {SMALLER}")
    opened.load()
    metadata = _metadata(opened)
    profile = opened.info.get("icc_profile")
    options: dict[str, Any] = {}
    if fmt in ANIMATED and getattr(opened, "is_animated", False):
        frames, durations = _frames(opened, width * height)
        options.update(save_all=True, append_images=frames[1:], duration=durations)
        if isinstance(opened.info.get("loop"), int):
            options["loop"] = opened.info["loop"]
        if fmt == "GIF":
            options["disposal"] = 2  # every frame is whole: clear before drawing the next
        image = frames[0]
    else:
        image = _fresh(opened, fmt)
        transparency = opened.info.get("transparency")
        if image.mode == opened.mode and _is_transparency(transparency):
            options["transparency"] = transparency
    if fmt != "GIF" and _profile_fits(profile, image.mode):
        options["icc_profile"] = profile
    if fmt == "JPEG":
        options.update(quality=90, optimize=True)
    elif fmt == "WEBP":  # lossless stays lossless: a guess from the chunks' names, which
        # only chooses how the new pixels are compressed
        lossless = b"VP8L" in data and b"VP8 " not in data
        options.update({"lossless": True} if lossless else {"quality": 90})
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return Cleaned(buffer.getvalue(), metadata)


def _fresh(frame: Any, fmt: str) -> Image:
    """The pixels of ``frame`` (loaded) in a new image: turned upright, in a mode ``fmt``
    publishes, with no ``info`` (which Pillow's encoders would copy into the file)."""
    from PIL import ImageOps

    try:
        image = ImageOps.exif_transpose(frame)  # a copy, turned as EXIF or XMP says
    except Exception:  # unreadable orientation: publish the picture as it is stored
        image = frame.copy()
    if image.mode not in KEPT_MODES[fmt]:
        alpha = "A" in image.mode or "a" in image.mode or "transparency" in frame.info
        image = image.convert("RGBA" if alpha and fmt != "JPEG" else "RGB")
    image.info = {}
    return image


def _frames(opened: Any, frame_pixels: int) -> tuple[list[Image], list[int]]:
    """Every frame of an animation as a whole RGBA picture, and how long it shows."""
    frames: list[Image] = []
    durations: list[int] = []
    index = 0
    while True:
        if index:
            try:
                opened.seek(index)
            except EOFError:
                break
        if index >= MAX_FRAMES or (index + 1) * frame_pixels > MAX_PIXELS:
            raise Refused(f"is an animation of more than {min(index, MAX_FRAMES)} frames "
                          f"of {opened.size[0]}×{opened.size[1]} pixels; Plaza publishes "
                          f"at most {MAX_FRAMES} frames and {_megapixels(MAX_PIXELS)} "
                          "megapixels in all: export it with fewer or smaller frames")
        opened.load()
        frame = opened.convert("RGBA")
        frame.info = {}
        frames.append(frame)
        duration = opened.info.get("duration")
        ok = isinstance(duration, int | float) and 0 <= duration <= 60_000
        durations.append(int(duration) if ok else 100)
        index += 1
    return frames, durations


def _metadata(image: Any) -> tuple[str, ...]:
    """The kinds of metadata a loaded picture carries: EXIF, GPS, XMP, IPTC, comments."""
    found = []
    try:
        exif = image.getexif()
        if exif:
            found.append("EXIF")
            if exif.get_ifd(EXIF_GPS):
                found.append("GPS location")
    except Exception:  # unreadable, but there: publishing drops it all the same
        found.append("EXIF")
    info = image.info
    if "xmp" in info or "XML:com.adobe.xmp" in info:
        found.append("XMP")
    if "photoshop" in info or "iptc" in info:
        found.append("IPTC")
    if info.get("comment"):
        found.append("comment")
    return tuple(found)


def _is_transparency(value: object) -> bool:
    if isinstance(value, int | bytes):
        return True
    return isinstance(value, tuple) and all(isinstance(part, int) for part in value)


def _profile_fits(profile: object, mode: str) -> bool:
    """A well-formed ICC profile (size, signature) for pixels in its colour space."""
    return (isinstance(profile, bytes) and 128 <= len(profile) <= MAX_PROFILE_BYTES
            and int.from_bytes(profile[:4], "big") == len(profile)
            and profile[36:40] == b"acsp" and profile[16:20] == PROFILE_SPACE.get(mode))


def _looks_like(data: bytes) -> str:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not data:
        return "the file is empty"
    if head.startswith(b"<"):
        return "it looks like HTML, SVG or other text"
    if head.startswith(b"%PDF"):
        return "it looks like a PDF"
    if head.startswith(b"PK\x03\x04"):
        return "it looks like a ZIP archive"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "it looks like a TIFF picture, which web browsers do not show"
    if data[4:8] == b"ftyp":
        return "it looks like a HEIC, HEIF or AVIF picture, which Plaza cannot read"
    return "Plaza does not recognise its contents"


def _reason(error: Exception) -> str:
    text = safe_files.shown_name(str(error) or type(error).__name__)
    return text if len(text) <= 80 else text[:77] + "..."


def _megapixels(count: int) -> str:
    """2.5 or 225, and 2,500 rather than 2.5e+03."""
    value = count / 1e6
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):.1f}"


def published_images(content_root: str) -> Iterator[tuple[str, bytes]]:
    """Every picture of content/images/ as the site publishes it: decoded and encoded
    anew. Validation reported whatever is refused; it is never published."""
    for picture in pictures(content_root):
        try:
            yield picture.relative, clean(picture).data
        except Refused:
            continue


@dataclass
class Scrubbed:
    """What ``scrub_in_place`` did: pictures rewritten, and files skipped with why."""

    changed: list[str]
    refused: list[tuple[str, str]]


def scrub_in_place(content_root: str) -> Scrubbed:
    """Rewrite the pictures in content/images/ that carry metadata, as the site would
    publish them; refused files are left alone and listed with the reason."""
    done = Scrubbed([], [])
    for picture in pictures(content_root):
        try:
            cleaned = clean(picture)
        except Refused as refused:
            done.refused.append((picture.relative, str(refused)))
            continue
        if not cleaned.metadata:  # re-encoding a JPEG again would only lose quality
            continue
        target = os.path.realpath(picture.path)  # a link (inside content/) stays a link
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".",
                                             suffix=".scrubbing")
        try:
            with os.fdopen(handle, "wb") as output:
                output.write(cleaned.data)
            os.chmod(temporary, os.stat(target).st_mode & 0o777)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
        done.changed.append(picture.relative)
    return done


def check_images(content_root: str, shown_base: str, config: SiteConfig,
                 log: ProblemLog) -> None:
    """Every file of content/images/ is a picture the build can publish (decoded and
    encoded anew, ``images.clean``), and carries no metadata unless a setting allows it.

    ``shown_base`` is the project folder: paths are shown relative to it, and the content
    folder may not be a link leading out of it.
    """
    try:
        found = list(pictures(content_root, shown_base))
    except safe_files.UnsafeFile as error:
        log.add(_shown(os.path.join(content_root, "images"), shown_base), 1, "", str(error))
        return
    for picture in found:
        shown = _shown(picture.path, shown_base)
        try:  # even where metadata is allowed: the build must be able to remove it
            cleaned = clean(picture)
        except Refused as refused:
            log.add(shown, 1, "", str(refused))
            continue
        allowed = picture.relative.removeprefix("images/") in config.allowed_image_metadata
        if cleaned.metadata and not allowed:
            log.add(shown, 1, "", f"carries {', '.join(cleaned.metadata)} metadata, which can "
                    "reveal where and by whom it was taken; run `make scrub-images`")


def _shown(path: str, base: str) -> str:
    return shown_name(os.path.relpath(path, base).replace(os.sep, "/"))
