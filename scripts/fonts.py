"""Self-hosted fonts for the scripts phones most often lack: Khmer and Armenian.

    python scripts/fonts.py --font khmer NotoSansKhmer[wght].ttf LICENSE \
                            --font armenian NotoSansArmenian[wght].ttf LICENSE

Each source font (TTF, OTF, WOFF or WOFF2; a variable font is kept variable between the
weights the theme uses) is cut down to its script's whole Unicode blocks, never to the
characters one page happens to use: a Khmer cluster is made by the font's shaping rules
(GSUB, GPOS), which this keeps, from any sequence a translator may write. Hinting is
dropped (phones ignore it). The result is written as WOFF2 to ``theme/static/fonts/``
with the source's licence beside it, and the ``@font-face`` rules in
``theme/static/css/plaza.css`` are written again from the fonts themselves, so each
rule's ``unicode-range`` is exactly what its font covers: a page without that script
never downloads it, and a device that has the script (``local()`` first, and the system
families before the self-hosted one in every font stack) downloads nothing.

The sources used for the committed files and how to get them: ``docs/fonts.md``.
Chinese, Japanese and Korean are not subset: see there why.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "theme" / "static" / "fonts"
CSS = ROOT / "theme" / "static" / "css" / "plaza.css"
BEGIN = "/* @font-face rules written by scripts/fonts.py: edit there, not here. */\n"
END = "/* End of the rules written by scripts/fonts.py. */\n"
# The weights the theme uses (400 text, 600 buttons, 700 headings and names): a variable
# font keeps only this stretch of its weight axis.
WEIGHTS = (400, 700)
BUDGET = 60 * 1024  # bytes a font may have: it is the whole page's weight again
JOINERS = (0x200B, 0x200C, 0x200D)  # zero-width space and (non-)joiner, which scripts need
DOTTED_CIRCLE = 0x25CC  # what shaping shows a mark on when it has no base


@dataclass(frozen=True)
class Script:
    """One self-hosted font: the script's blocks and how the CSS names it."""

    key: str
    family: str  # the @font-face family; system families come before it in the stacks
    stem: str  # theme/static/fonts/<stem>.woff2 and <stem>.LICENSE.txt
    blocks: tuple[tuple[int, int], ...]
    extra: tuple[int, ...]
    # local() names (full names and PostScript names) of installed copies, per weight
    local: dict[int, tuple[str, ...]]

    def wanted(self) -> set[int]:
        return {c for first, last in self.blocks for c in range(first, last + 1)} | \
            set(self.extra)

    @property
    def woff2(self) -> Path:
        return FONTS / f"{self.stem}.woff2"

    @property
    def licence(self) -> Path:
        return FONTS / f"{self.stem}.LICENSE.txt"


SCRIPTS = {
    "khmer": Script(
        "khmer", "Plaza Khmer", "noto-sans-khmer",
        blocks=((0x1780, 0x17FF), (0x19E0, 0x19FF)), extra=(*JOINERS, DOTTED_CIRCLE),
        local={400: ("Noto Sans Khmer Regular", "NotoSansKhmer-Regular", "Noto Sans Khmer",
                     "Khmer OS", "Khmer OS System"),
               700: ("Noto Sans Khmer Bold", "NotoSansKhmer-Bold", "Khmer OS Bold")}),
    "armenian": Script(
        "armenian", "Plaza Armenian", "noto-sans-armenian",
        blocks=((0x0530, 0x058F), (0xFB13, 0xFB17)), extra=(DOTTED_CIRCLE,),
        local={400: ("Noto Sans Armenian Regular", "NotoSansArmenian-Regular",
                     "Noto Sans Armenian"),
               700: ("Noto Sans Armenian Bold", "NotoSansArmenian-Bold")}),
}


def subset(source: bytes, wanted: set[int]) -> bytes:
    """The WOFF2 of ``source`` with every character of ``wanted`` it has, all its layout
    features for them, no hinting, and (if variable) only the theme's weights."""
    from fontTools import subset as subsetting
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(io.BytesIO(source), recalcTimestamp=False)
    options = subsetting.Options()
    options.layout_features = ["*"]  # every feature: Khmer clusters need them all
    options.name_IDs = ["*"]  # keep the copyright and licence names (OFL)
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    subsetter = subsetting.Subsetter(options)
    subsetter.populate(unicodes=wanted & set(font.getBestCmap()))
    subsetter.subset(font)
    if "fvar" in font:
        # Instanced only after subsetting, from a fresh copy (instancing a WOFF2 source
        # first leaves gvar without the empty joiner glyphs, which the subsetter trips on).
        font = TTFont(_saved(font, None), recalcTimestamp=False)
        axes = {axis.axisTag for axis in font["fvar"].axes}
        limits = {"wght": WEIGHTS} if "wght" in axes else {}
        limits |= {tag: None for tag in axes - {"wght"}}  # other axes: their default
        font = instancer.instantiateVariableFont(font, limits)
    return _saved(font, "woff2").getvalue()


def _saved(font, flavor: str | None) -> io.BytesIO:
    font.flavor = flavor
    buffer = io.BytesIO()
    font.save(buffer)
    buffer.seek(0)
    return buffer


def coverage(woff2: bytes) -> set[int]:
    """The characters a font has a glyph for (its cmap), without the controls."""
    from fontTools.ttLib import TTFont

    return {c for c in TTFont(io.BytesIO(woff2)).getBestCmap() if c > 0x20}


def weights(woff2: bytes) -> tuple[int, int]:
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(woff2))
    if "fvar" in font:
        for axis in font["fvar"].axes:
            if axis.axisTag == "wght":
                return int(axis.minValue), int(axis.maxValue)
    weight = font["OS/2"].usWeightClass
    return weight, weight


def ranges(characters: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive runs: {1, 2, 3, 7} → [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for c in sorted(set(characters)):
        if runs and c == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], c)
        else:
            runs.append((c, c))
    return runs


def unicode_range(characters: Iterable[int]) -> str:
    """The CSS ``unicode-range`` of a set of characters: ``U+1780-17DD, U+17E0-17E9``."""
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}"
                     for a, b in ranges(characters))


def parse_unicode_range(value: str) -> set[int]:
    """The characters a CSS ``unicode-range`` names (ranges and single code points)."""
    found: set[int] = set()
    for part in value.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        found |= set(range(int(first, 16), int(last or first, 16) + 1))
    return found


def font_faces(script: Script, woff2: bytes) -> str:
    """The @font-face rules for one font: one per weight the theme asks for, each trying
    the installed copies of that weight first; a variable font is one file for both."""
    low, high = weights(woff2)
    url = f"../fonts/{script.woff2.name}"
    rules = []
    for weight, names in sorted(script.local.items()):
        if not low <= weight <= high:
            continue
        sources = [f'local("{name}")' for name in names] + [f'url("{url}") format("woff2")']
        rules.append(
            "@font-face {\n"
            f'  font-family: "{script.family}";\n'
            f"  src: {', '.join(sources)};\n"
            f"  font-weight: {weight};\n"
            "  font-style: normal;\n"
            "  font-display: swap;\n"
            f"  unicode-range: {unicode_range(coverage(woff2))};\n"
            "}\n")
    return "".join(rules)


def stylesheet_with(css: str, faces: str) -> str:
    """``css`` with the block between the markers replaced by ``faces``."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(css):
        raise SystemExit(f"{CSS.relative_to(ROOT)}: the lines {BEGIN.strip()!r} and "
                         f"{END.strip()!r} are missing; put them where the rules belong")
    return pattern.sub(lambda _: BEGIN + faces + END, css)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--font", nargs=3, action="append", default=[],
                        metavar=("SCRIPT", "SOURCE", "LICENCE"),
                        help=f"one of {', '.join(SCRIPTS)}, its source font, its licence")
    arguments = parser.parse_args(argv)
    given = {key: (Path(source), Path(licence)) for key, source, licence in arguments.font}
    if unknown := set(given) - set(SCRIPTS):
        parser.error(f"unknown script {', '.join(sorted(unknown))}: one of "
                     f"{', '.join(SCRIPTS)}")
    FONTS.mkdir(parents=True, exist_ok=True)
    for key, (source, licence) in given.items():
        script = SCRIPTS[key]
        try:
            licence_text = licence.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            return _refused(licence, f"cannot be read as the licence text ({error})")
        if "Open Font License" not in licence_text:
            return _refused(licence, "is not the SIL Open Font License the fonts need")
        try:
            data = subset(source.read_bytes(), script.wanted())
        except Exception as error:  # fontTools raises many kinds for a file not a font
            return _refused(source, f"cannot be read as a font ({type(error).__name__}: "
                                    f"{error}); give a TTF, OTF, WOFF or WOFF2 file")
        if not coverage(data) - set(script.extra):
            return _refused(source, f"has no {key.title()} characters: is it the right font?")
        if len(data) > BUDGET:
            return _refused(source, f"makes a {len(data) / 1024:.0f} KB font, over the "
                                    f"{BUDGET // 1024} KB budget: take a variable font or "
                                    "one without hinting, or cut the weights")
        missing = {c for c in script.wanted() - coverage(data)
                   if unicodedata.category(chr(c)) != "Cn"}
        script.woff2.write_bytes(data)
        script.licence.write_text(licence_text, encoding="utf-8")
        print(f"{script.woff2.relative_to(ROOT)}: {len(data) / 1024:.1f} KB, "
              f"{len(coverage(data))} characters"
              + (f"; not in the source: {unicode_range(missing)}" if missing else ""))
    faces = "".join(font_faces(script, script.woff2.read_bytes())
                    for script in SCRIPTS.values() if script.woff2.exists())
    CSS.write_text(stylesheet_with(CSS.read_text(encoding="utf-8"), faces), encoding="utf-8")
    print(f"{CSS.relative_to(ROOT)}: @font-face rules written")
    return 0


def _refused(path: Path, problem: str) -> int:
    print(f"{path}: {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
