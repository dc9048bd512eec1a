"""Dependency audit: pip-audit over the pinned constraints, npm audit over the npm lock.

Both tools ask an online advisory database (PyPI's JSON API / OSV, the npm registry's
bulk advisory endpoint). Where that database cannot be reached the audit has not
happened, so the tests skip and say so instead of passing. Where a run is expected to
have the network (GitHub Actions sets ``PLAZA_REQUIRE_AUDIT=1``), an unreachable
database fails the run instead: an audit that silently never runs is no gate.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def unreachable(what: str) -> None:
    message = (f"{what} could not reach its vulnerability database from this machine; "
               "run the audit where PyPI's JSON API and the npm registry's advisory "
               "endpoint are reachable (GitHub Actions does, with PLAZA_REQUIRE_AUDIT=1)")
    if os.environ.get("PLAZA_REQUIRE_AUDIT") == "1":
        pytest.fail(message)
    pytest.skip(message)


def pip_audit(requirements: Path) -> dict[str, list[dict[str, object]]]:
    result = subprocess.run([sys.executable, "-m", "pip_audit", "-r", str(requirements),
                             "--format", "json", "--progress-spinner", "off"],
                            capture_output=True, text=True, check=False, timeout=600)
    data = json.loads(result.stdout or '{"dependencies": []}')
    audited = [d for d in data["dependencies"] if "skip_reason" not in d]
    if not audited:
        # Every package was skipped: the advisory service was not reachable.
        unreachable("pip-audit")
    return {str(d["name"]): list(d.get("vulns", [])) for d in audited}  # type: ignore[arg-type]


def npm_audit(folder: Path) -> dict[str, object]:
    npm = shutil.which("npm")
    if npm is None:
        unreachable("npm audit (npm is not installed)")
    result = subprocess.run([str(npm), "audit", "--json", "--package-lock-only"], cwd=folder,
                            capture_output=True, text=True, check=False, timeout=600)
    data = json.loads(result.stdout or "{}")
    if "vulnerabilities" not in data:
        # An error answer ({"message": "405 Method Not Allowed …", "statusCode": …}).
        unreachable(f"npm audit ({str(data.get('message', 'no answer'))[:80]})")
    return dict(data["vulnerabilities"])


def test_pinned_python_dependencies_have_no_known_vulnerabilities():
    found = {name: vulns for name, vulns in pip_audit(ROOT / "constraints.txt").items()
             if vulns}
    assert found == {}


def test_python_audit_fails_on_a_known_vulnerable_pin(tmp_path):
    pinned = tmp_path / "requirements.txt"
    pinned.write_text("jinja2==2.10\n")  # CVE-2019-10906 and others
    assert pip_audit(pinned)["jinja2"]


def test_locked_npm_tools_have_no_known_vulnerabilities():
    assert npm_audit(ROOT) == {}


def test_npm_audit_fails_on_a_known_vulnerable_lock(tmp_path):
    # minimist 1.2.0: prototype pollution (GHSA-vh95-rmgr-6w4m, GHSA-xvch-5gv4-984h).
    (tmp_path / "package.json").write_text(json.dumps(
        {"name": "audit-probe", "version": "1.0.0", "dependencies": {"minimist": "1.2.0"}}))
    (tmp_path / "package-lock.json").write_text(json.dumps({
        "name": "audit-probe", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
        "packages": {
            "": {"name": "audit-probe", "version": "1.0.0",
                 "dependencies": {"minimist": "1.2.0"}},
            "node_modules/minimist": {
                "version": "1.2.0",
                "resolved": "https://registry.npmjs.org/minimist/-/minimist-1.2.0.tgz"},
        }}))
    assert "minimist" in npm_audit(tmp_path)
