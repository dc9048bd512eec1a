"""Pictures for tests: made in memory, with the metadata a phone would leave."""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def gps_jpeg(path: Path) -> None:
    image = Image.new("RGB", (8, 4), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif[0x013B] = "Jane Photographer"  # Artist
    exif[0xA431] = "SN-123456"  # BodySerialNumber
    exif[0x8825] = {1: "N", 2: (34.0, 3.0, 0.0), 3: "W", 4: (118.0, 14.0, 0.0)}
    image.save(path, format="JPEG", exif=exif)
