"""Remove photo metadata from content/images/: `make scrub-images`.

GPS positions, camera serial numbers and author names are dropped; orientation is kept.
"""

from __future__ import annotations

import sys

from plaza.images import scrub_in_place


def main(argv: list[str] | None = None) -> int:
    content = (argv or sys.argv[1:] or ["content"])[0]
    changed = scrub_in_place(content)
    for path in changed:
        print(f"scrubbed {content}/{path}")
    print(f"{len(changed)} picture(s) rewritten without metadata.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
