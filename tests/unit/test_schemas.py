"""The JSON Schemas editors use agree with the validator, and stay generated."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from plaza.model.models import Kind
from plaza.reading.frontmatter import parse_source
from plaza.reading.jsonschemas import front_matter_schema
from scripts.schemas import generated_files

from ..conftest import ContentTree, make_config

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "frontmatter"
VALID = sorted((FIXTURES / "valid").glob("*.md"))
INVALID = sorted((FIXTURES / "invalid").glob("*.md"))
MEETING = "---\ntitle: Meeting\nstart: 2026-12-03 18:00\n---\n"


def schema_accepts(path: Path) -> bool:
    kind = Kind(path.stem.split("--")[0])
    fields = parse_source(path.name, path.read_text()).fields
    validator = Draft202012Validator(front_matter_schema(kind, make_config()))
    return not list(validator.iter_errors(fields))


def validator_accepts(path: Path, tmp_path: Path) -> bool:
    tree = ContentTree(tmp_path)
    kind = path.stem.split("--")[0]
    tree.write("events/meeting.md", MEETING)
    tree.write(f"{kind}/item.md", path.read_text())
    return tree.problems() == []


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixtures_pass_both(path, tmp_path):
    assert schema_accepts(path)
    assert validator_accepts(path, tmp_path)


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixtures_fail_both(path, tmp_path):
    assert not schema_accepts(path)
    assert not validator_accepts(path, tmp_path)


def test_every_schema_is_itself_valid():
    for kind in Kind:
        for translation in (False, True):
            Draft202012Validator.check_schema(front_matter_schema(kind, make_config(),
                                                                  translation))


def test_committed_schemas_and_reference_are_up_to_date():
    for path, text in generated_files().items():
        assert path.read_text(encoding="utf-8") == text, \
            f"{path.name} is stale; run `make schemas`"
