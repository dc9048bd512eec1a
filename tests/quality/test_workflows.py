"""GitHub workflows build untrusted pull requests: least privilege, pinned actions, no token
left in the checkout (what OpenSSF Scorecard checks)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
RE_PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
READ_ONLY = {"contents": "read"}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"pull-request.yml", "deploy.yml", "nightly.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_third_party_actions_are_pinned_to_full_commit_shas(path):
    for step in steps(load(path)):
        uses = step.get("uses")
        if uses and not uses.startswith("./"):
            assert RE_PINNED.match(uses), f"{path.name}: {uses} is not pinned to a commit SHA"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path):
    for step in steps(load(path)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, path.name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_default_permissions_and_each_job_asks_for_its_own(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}, f"{path.name}: top-level permissions: {{}}"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} must declare permissions"


def test_pull_requests_get_only_read_access_and_no_secrets():
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request_target" not in workflow["on"]
    for job in workflow["jobs"].values():
        assert job["permissions"] == READ_ONLY
    assert "secrets." not in (ROOT / ".github" / "workflows" / "pull-request.yml").read_text()


def test_only_the_deploy_job_writes_to_pages():
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow["jobs"]["build"]["permissions"] == READ_ONLY
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
