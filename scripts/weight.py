"""Print the page-weight table of a built site: `make weight` (builds first)."""

from __future__ import annotations

import sys
from pathlib import Path

from plaza_quality.gates import page_weights, weight_problems, weight_table


def main(argv: list[str] | None = None) -> int:
    root = Path((argv or sys.argv[1:] or ["output"])[0])
    weights = page_weights(root)
    print(weight_table(weights))
    problems = weight_problems(weights)
    for problem in problems:
        print(f"over budget: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
