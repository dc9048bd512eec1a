"""Write schemas/*.schema.json and docs/content.md from the content model.

`python -m scripts.schemas` (`make schemas`). A test fails when the committed files differ
from what this writes, so they never drift from the validator.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from plaza.model.config import SiteConfig
from plaza.model.models import Kind
from plaza.reading.jsonschemas import front_matter_schema
from plaza.reading.reference import content_reference
from plaza_pelican.project import settings_from

ROOT = Path(__file__).resolve().parent.parent


def sample_config() -> SiteConfig:
    settings = settings_from(str(ROOT / "pelicanconf.py"))
    return SiteConfig.from_settings(settings, datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC")))


def generated_files() -> dict[Path, str]:
    config = sample_config()
    files = {}
    for kind in Kind:
        for translation in (False, True):
            suffix = ".translation" if translation else ""
            schema = front_matter_schema(kind, config, translation)
            files[ROOT / "schemas" / f"{kind.value}{suffix}.schema.json"] = \
                json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    files[ROOT / "docs" / "content.md"] = content_reference(config)
    return files


def main() -> int:
    for path, text in generated_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
