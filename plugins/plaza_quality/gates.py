"""Quality gates over a built site folder: each returns a list of failures (empty = pass).

The tests in tests/quality/ run every gate on the sample site (it must pass) and on a
deliberately broken copy (it must fail), so no gate is a check that cannot fail.
"""

from __future__ import annotations

import filecmp
import gzip
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

# The checkout whose `npm ci` installed the tools (node_modules/ beside pelicanconf.py).
ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
RE_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
RE_CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)")
RE_BODY_KIND = re.compile(r'<body class="page-([a-z-]+)"')
MEDIAN_BUDGET = 15 * 1024
PAGE_BUDGET = 40 * 1024


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_attrs: dict[str, str] = {}
        self.ids: set[str] = set()
        self.refs: list[tuple[str, dict[str, str]]] = []
        self.metas: list[dict[str, str]] = []
        self.scripts: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "html":
            self.html_attrs = values
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "meta":
            self.metas.append(values)
        if tag == "script":
            self.scripts.append(values)
        if {"href", "src", "srcset", "style"} & set(values):
            self.refs.append((tag, values))


def read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


# The content editor (plaza/publishing/admin.py) is the one part of a site that runs
# JavaScript, with a policy of its own; it is not a page readers see, and the gates on
# pages (policy, no scripts, weight, links) leave it out. tests/quality/test_admin.py
# checks it on its own terms.
ADMIN_FOLDER = "admin"


def html_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.html")
                  if path.relative_to(root).parts[0] != ADMIN_FOLDER)


def _is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme in ("http", "https") or url.startswith("//"))


def _target(root: Path, source: Path, url: str) -> Path:
    path = urlsplit(url).path
    base = root if path.startswith("/") else source.parent
    target = base / path.lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


# --- gate: valid HTML -------------------------------------------------------------------

def vnu_errors(paths: list[Path]) -> list[str]:
    """Errors the Nu HTML Checker reports (needs Java and `npm install`)."""
    if not paths:
        return []
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "gnu",
                             *map(str, paths)], capture_output=True, text=True, check=False)
    return [line for line in result.stderr.splitlines() if line.strip()]


def vnu_available() -> bool:
    return VNU_JAR.exists() and shutil.which("java") is not None


# --- gate: no third-party requests, privacy meta tags, no scripts ----------------------

def third_party_loads(root: Path) -> list[str]:
    """Anything a page or stylesheet would make the browser fetch from another origin."""
    failures = []
    for path in html_files(root):
        for tag, attrs in read(path).refs:
            loads = [attrs.get("src", "")]
            if tag == "link" and attrs.get("rel", "") not in ("alternate", "canonical"):
                loads.append(attrs.get("href", ""))
            loads += [part.split()[0] for part in attrs.get("srcset", "").split(",") if part]
            loads += RE_CSS_URL.findall(attrs.get("style", ""))
            failures += [f"{path.relative_to(root)}: <{tag}> loads {url}" for url in loads
                         if url and _is_external(url)]
    for css in sorted(root.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        failures += [f"{css.relative_to(root)}: loads {url}" for url in
                     RE_CSS_URL.findall(text) + RE_CSS_IMPORT.findall(text) if _is_external(url)]
    return failures


def privacy_meta_missing(root: Path) -> list[str]:
    failures = []
    for path in html_files(root):
        page = read(path)
        csp = [m.get("content", "") for m in page.metas
               if m.get("http-equiv", "").lower() == "content-security-policy"]
        if not csp or not csp[0].startswith(CSP):
            failures.append(f"{path.relative_to(root)}: no Content-Security-Policy meta")
        if not any(m.get("name") == "referrer" and m.get("content") == "no-referrer"
                   for m in page.metas):
            failures.append(f"{path.relative_to(root)}: no referrer=no-referrer meta")
    return failures


def scripts_present(root: Path) -> list[str]:
    """Pages must work without JavaScript: only JSON-LD data blocks are allowed."""
    return [f"{path.relative_to(root)}: <script> {attrs}" for path in html_files(root)
            for attrs in read(path).scripts if attrs.get("type") != "application/ld+json"]


# --- gate: no broken internal links -------------------------------------------------------

def broken_links(root: Path) -> list[str]:
    pages = {path: read(path) for path in html_files(root)}
    failures = []
    for path, page in pages.items():
        for tag, attrs in page.refs:
            url = attrs.get("href") or attrs.get("src") or ""
            if not url or _is_external(url) or urlsplit(url).scheme:
                continue
            base, fragment = urldefrag(url)
            target = _target(root, path, base) if base else path
            where = f"{path.relative_to(root)}: <{tag}> {url}"
            if not target.exists():
                failures.append(f"{where} does not exist")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read(target).ids
                if fragment not in ids:
                    failures.append(f"{where}: no element with id '{fragment}'")
    return failures


# --- gate: reproducible builds ---------------------------------------------------------

def tree_differences(first: Path, second: Path) -> list[str]:
    """Files that differ or exist on one side only, first difference first."""
    failures = []
    names_a = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    names_b = {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    for name in sorted(names_a | names_b):
        if name not in names_a or name not in names_b:
            failures.append(f"{name}: only in {'second' if name in names_b else 'first'} build")
        elif not filecmp.cmp(first / name, second / name, shallow=False):
            failures.append(f"{name}: bytes differ")
    return failures


# --- gate: page weight -------------------------------------------------------------------

@dataclass(frozen=True)
class PageWeight:
    path: str
    kind: str
    html_gzip: int
    css_gzip: int

    @property
    def total(self) -> int:
        return self.html_gzip + self.css_gzip


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def page_weights(root: Path) -> list[PageWeight]:
    weights = []
    for path in html_files(root):
        text = path.read_text(encoding="utf-8")
        css = sum(_gzip_size(_target(root, path, attrs["href"])) for tag, attrs in read(path).refs
                  if tag == "link" and attrs.get("rel") == "stylesheet")
        kind = RE_BODY_KIND.search(text)
        weights.append(PageWeight(str(path.relative_to(root)), kind[1] if kind else "other",
                                  _gzip_size(path), css))
    return weights


def weight_problems(weights: list[PageWeight]) -> list[str]:
    failures = [f"{w.path}: {w.total / 1024:.1f} KB gzipped with CSS, over "
                f"{PAGE_BUDGET // 1024} KB" for w in weights if w.total > PAGE_BUDGET]
    if weights:
        median = statistics.median(w.total for w in weights)
        if median > MEDIAN_BUDGET:
            failures.append(f"median page {median / 1024:.1f} KB gzipped with CSS, over "
                            f"{MEDIAN_BUDGET // 1024} KB")
    return failures


def weight_table(weights: list[PageWeight]) -> str:
    by_kind: dict[str, list[PageWeight]] = {}
    for weight in weights:
        by_kind.setdefault(weight.kind, []).append(weight)
    lines = [f"{'page type':16} {'pages':>5} {'median KB':>10} {'max KB':>8}  largest",
             "-" * 72]
    for kind in sorted(by_kind):
        group = by_kind[kind]
        largest = max(group, key=lambda w: w.total)
        lines.append(f"{kind:16} {len(group):5} "
                     f"{statistics.median(w.total for w in group) / 1024:10.1f} "
                     f"{largest.total / 1024:8.1f}  {largest.path}")
    everything = [w.total for w in weights]
    lines.append("-" * 72)
    lines.append(f"{'all':16} {len(weights):5} {statistics.median(everything) / 1024:10.1f} "
                 f"{max(everything) / 1024:8.1f}  (budget: median {MEDIAN_BUDGET // 1024} KB, "
                 f"every page {PAGE_BUDGET // 1024} KB, gzipped HTML + CSS)")
    return "\n".join(lines)


def environment_for_build(tz: str, lang: str, seed: str) -> dict[str, str]:
    return {**os.environ, "TZ": tz, "LANG": lang, "LC_ALL": lang, "PYTHONHASHSEED": seed}
