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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("settings", nargs="?", default="pelicanconf.py")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    output = os.path.abspath(settings_from(args.settings)["OUTPUT_PATH"])
    build(args.settings)
    serve(output, args.port)
    seen = snapshot(WATCHED)
    try:
        while True:
            time.sleep(1)
            now = snapshot(WATCHED)
            if now != seen:
                seen = now
                print("Change detected; rebuilding…")
                build(args.settings)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
