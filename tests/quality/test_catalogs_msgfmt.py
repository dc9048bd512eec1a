"""GNU gettext's own checker on every catalog: headers, plural forms (the number of
forms and the Plural-Forms expression) and python-format placeholders, as any other
gettext tool (a PO editor, Weblate, Pontoon) will read them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import require

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted([*ROOT.glob("theme/translations/*/LC_MESSAGES/messages.po"),
                   *ROOT.glob("content/translations/*/LC_MESSAGES/messages.po")])


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    require(shutil.which("msgfmt") is not None, "msgfmt",
            "install GNU gettext (apt-get install gettext)")
    return subprocess.run(["msgfmt", "--check", "--output-file=/dev/null", str(path)],
                          capture_output=True, text=True)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_msgfmt_accepts_every_catalog(path):
    result = msgfmt_check(path)
    assert result.returncode == 0, result.stderr


def test_msgfmt_refuses_a_plural_with_the_wrong_number_of_forms(tmp_path):
    """The check above can fail: a catalog whose header says six forms but whose message
    has two is refused."""
    arabic = (ROOT / "theme/translations/ar/LC_MESSAGES/messages.po").read_text()
    start = arabic.index('msgid_plural')
    end = arabic.index("\n\n", start)
    entry = arabic[start:end]
    forms = [line for line in entry.splitlines() if line.startswith("msgstr[")]
    assert len(forms) == 6
    broken = arabic[:start] + "\n".join(entry.splitlines()[:3]) + arabic[end:]
    path = tmp_path / "messages.po"
    path.write_text(broken)
    result = msgfmt_check(path)
    assert result.returncode != 0 and "plural" in result.stderr.lower(), result.stderr
