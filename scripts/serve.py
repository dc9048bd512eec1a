"""Local preview: build, serve output/ on http://127.0.0.1:8000, rebuild on every change.

`python scripts/serve.py [settings.py] [--port 8000]`. A build that fails keeps serving
the last good site and prints what to fix.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import threading
import time

from plaza_cli.help import HelpFormatter
from plaza_pelican.commands import build
from plaza_pelican.project import settings_from

WATCHED = ("content", "theme", "plugins", "pelicanconf.py")


def snapshot(paths: tuple[str, ...]) -> dict[str, float]:
    stamps: dict[str, float] = {}
    for top in paths:
        if os.path.isfile(top):
            stamps[top] = os.stat(top).st_mtime
        for folder, _dirs, files in os.walk(top):
            for name in files:
                path = os.path.join(folder, name)
                stamps[path] = os.stat(path).st_mtime
    return stamps


def serve(directory: str, port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {directory} on http://127.0.0.1:{port}/ (Ctrl+C to stop)")


DESCRIPTION = """\
Build the site and show it on this computer at http://127.0.0.1:8000 (only this
computer can open it). Every time a file in content/ or theme/ changes, the site is
built again; reload the page in the browser to see it. Press Ctrl+C to stop.
"""
EXAMPLES = """\
examples:
  %(prog)s               build and show the site of pelicanconf.py
  %(prog)s --port 8080   use another port when 8000 is taken
"""


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=HelpFormatter)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py",
                        help="the settings file (default: pelicanconf.py)")
    parser.add_argument("--port", type=int, default=8000,
                        help="the port to show the site on (default: 8000)")
    args = parser.parse_args(argv)
    output = os.path.abspath(settings_from(args.settings)["OUTPUT_PATH"])
    build(args.settings, show_next=False)
    serve(output, args.port)
    seen = snapshot(WATCHED)
    try:
        while True:
            time.sleep(1)
            now = snapshot(WATCHED)
            if now != seen:
                seen = now
                print("Change detected; rebuilding…")
                build(args.settings, show_next=False)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
