"""Screenshots and PDFs of built pages, to look at before calling a page change done.

`python -m scripts.screenshots output/ --out shots/ [--pages events/x/ ...]
[--languages en es fa ko km] [--widths 360 1280]` serves the built folder on localhost,
opens each page in headless Chromium (Debian's `chromium`, driven by Playwright) at each
width and in each language, and writes a full-page PNG per page, width and language, and
a printed PDF (Letter) per page and language. Nothing is fetched from elsewhere.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_PAGES = ["", "events/", "subscribe/", "faq/residents/"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@contextmanager
def served(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def prefix(lang: str, default: str) -> str:
    return "" if lang == default else f"{lang.lower()}/"


def take(folder: Path, out: Path, pages: list[str], languages: list[str],
         widths: list[int], default_lang: str = "en") -> list[Path]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise SystemExit("Chromium is needed: apt-get install chromium")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with served(folder) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for width in widths:
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            for lang in languages:
                for path in pages:
                    page.goto(f"{base}/{prefix(lang, default_lang)}{path}")
                    name = f"{(path.strip('/') or 'home').replace('/', '_')}-{lang}-{width}"
                    target = out / f"{name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                    if width == widths[0]:
                        pdf = out / f"{name.rsplit('-', 1)[0]}.pdf"
                        page.pdf(path=str(pdf), format="Letter")
                        written.append(pdf)
            context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default="output")
    parser.add_argument("--out", default="shots")
    parser.add_argument("--pages", nargs="*", default=DEFAULT_PAGES)
    parser.add_argument("--languages", nargs="*", default=["en", "es", "fa", "ko", "km"])
    parser.add_argument("--widths", nargs="*", type=int, default=[360, 1280])
    args = parser.parse_args(argv)
    written = take(Path(args.folder), Path(args.out), args.pages, args.languages, args.widths)
    print(f"{len(written)} files in {os.path.relpath(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
