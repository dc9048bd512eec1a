"""How ``plaza`` and its tools lay out ``--help``: descriptions and examples as written,
option help wrapped at spaces only (never inside ``YYYY-MM-DD`` or ``--duration``)."""

from __future__ import annotations

import argparse
import textwrap


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False,
                             break_long_words=False)
