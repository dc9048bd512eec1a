"""Pictures without metadata: what the build publishes and `make scrub-images` writes.

EXIF, XMP, IPTC and comments are dropped; the orientation EXIF recorded is applied to the
pixels first, so the picture still looks the right way up. The colour profile is kept.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator

from .privacy import IMAGE_SUFFIXES

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF",
           ".tif": "TIFF", ".tiff": "TIFF"}


def scrubbed(path: str) -> bytes:
    from PIL import Image, ImageOps

    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original) or original
        options: dict[str, object] = {}
        if original.info.get("icc_profile"):
            options["icc_profile"] = original.info["icc_profile"]
        fmt = FORMATS.get(os.path.splitext(path)[1].lower(), original.format or "PNG")
        if fmt == "JPEG":
            options.update(quality=90, optimize=True)
            if image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def content_images(content_root: str) -> Iterator[tuple[str, str]]:
    """(path relative to content/, absolute path) of every file under content/images/."""
    folder = os.path.join(content_root, "images")
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            yield os.path.relpath(full, content_root).replace(os.sep, "/"), full


def published_images(content_root: str) -> Iterator[tuple[str, bytes]]:
    """Every file of content/images/ as the site publishes it: pictures scrubbed."""
    for relative, full in content_images(content_root):
        if os.path.splitext(full)[1].lower() in IMAGE_SUFFIXES:  # validated as readable
            yield relative, scrubbed(full)
        else:
            with open(full, "rb") as handle:
                yield relative, handle.read()


def scrub_in_place(content_root: str) -> list[str]:
    """Rewrite pictures in content/images/ without metadata; returns what changed."""
    changed = []
    for relative, full in content_images(content_root):
        if os.path.splitext(full)[1].lower() not in IMAGE_SUFFIXES:
            continue
        clean = scrubbed(full)
        with open(full, "rb") as handle:
            if handle.read() == clean:
                continue
        temporary = full + ".scrubbing"
        with open(temporary, "wb") as handle:
            handle.write(clean)
        shutil.move(temporary, full)
        changed.append(relative)
    return changed
