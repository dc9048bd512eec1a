"""The self-hosted fonts (theme/static/fonts/, made by scripts/fonts.py): small, real
fonts with their licence, covering every Khmer and Armenian character the site uses, and
declared in the stylesheet for exactly the characters they have."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.fonts import (
    BEGIN,
    BUDGET,
    CSS,
    END,
    FONTS,
    SCRIPTS,
    coverage,
    font_faces,
    main,
    parse_unicode_range,
    ranges,
    stylesheet_with,
    subset,
    unicode_range,
    weights,
)

ROOT = Path(__file__).resolve().parents[2]
STYLESHEET = CSS.read_text(encoding="utf-8")
# The committed files (the tests below that run the script point it at a copy).
COMMITTED = {key: (script.woff2, script.licence) for key, script in SCRIPTS.items()}
FACES = re.findall(r"@font-face\s*\{(.*?)\}", STYLESHEET, re.S)
# The source fonts' features for their script, which the subsets must keep: the Khmer
# shaper's (reordering, below- and above-base forms, mark positioning) and Armenian's
# ligatures (U+FB13-FB17) and kerning.
FEATURES = {"khmer": {"pref", "blwf", "abvf", "pstf", "pres", "abvs", "blws", "psts",
                      "clig", "liga", "abvm", "blwm", "mark", "dist"},
            "armenian": {"liga", "kern"}}


def woff2_files() -> list[Path]:
    return sorted(FONTS.glob("*.woff2"))


def descriptor(face: str, name: str) -> str:
    found = re.search(rf"^\s*{name}:\s*(.*?);\s*$", face, re.M)
    assert found, f"@font-face without {name}: {face}"
    return found.group(1)


def script_characters(text: str, script: str) -> set[int]:
    blocks = SCRIPTS[script].blocks
    return {ord(c) for c in text if any(a <= ord(c) <= b for a, b in blocks)}


def test_there_is_a_font_for_khmer_and_for_armenian():
    assert {path.name for path in woff2_files()} == \
        {script.woff2.name for script in SCRIPTS.values()}


@pytest.mark.parametrize("path", woff2_files(), ids=lambda path: path.name)
def test_each_font_is_a_small_valid_woff2_with_its_licence_beside_it(path):
    from fontTools.ttLib import TTFont

    data = path.read_bytes()
    assert len(data) <= BUDGET, f"{path.name}: {len(data)} bytes, over {BUDGET}"
    assert data[:4] == b"wOF2"
    font = TTFont(io.BytesIO(data))
    assert font.flavor == "woff2"
    assert {"cmap", "glyf", "GSUB", "GPOS", "GDEF"} <= set(font.keys())
    assert font["maxp"].numGlyphs > len(coverage(data))  # also the glyphs shaping makes
    licence = path.with_name(path.name.replace(".woff2", ".LICENSE.txt"))
    text = licence.read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    # The font names its own copyright and licence too (OFL: "each copy contains").
    copyright_notice = font["name"].getDebugName(0)
    assert copyright_notice and copyright_notice.split(" (")[0] in text
    assert "OFL" in (font["name"].getDebugName(14) or "")


@pytest.mark.parametrize("script", SCRIPTS.values(), ids=lambda script: script.key)
def test_each_font_has_its_whole_script_and_the_shaping_for_it(script):
    from fontTools.ttLib import TTFont

    data = script.woff2.read_bytes()
    assigned = {c for c in script.wanted() if _assigned(c)} - {0x200B, 0x200C, 0x200D}
    assert assigned <= coverage(data)
    assert coverage(data) <= script.wanted()  # and nothing else: no Latin to shadow
    assert weights(data) == (400, 700)  # one file, regular to bold
    features = {record.FeatureTag for record in
                TTFont(io.BytesIO(data))["GSUB"].table.FeatureList.FeatureRecord} | \
               {record.FeatureTag for record in
                TTFont(io.BytesIO(data))["GPOS"].table.FeatureList.FeatureRecord}
    assert FEATURES[script.key] <= features, FEATURES[script.key] - features


def _assigned(c: int) -> bool:
    import unicodedata

    return unicodedata.category(chr(c)) != "Cn"


@pytest.mark.parametrize("script", SCRIPTS.values(), ids=lambda script: script.key)
def test_every_character_of_the_script_in_catalogs_and_content_is_in_the_font(script):
    """What translators wrote (interface catalogs, the site's own catalogs, content):
    a character the font lacks would be a box on a phone without the script."""
    sources = [*ROOT.glob("theme/translations/*/LC_MESSAGES/messages.po"),
               *ROOT.glob("content/translations/**/*.po"), *ROOT.glob("content/**/*.md"),
               ROOT / "plugins" / "plaza" / "model" / "languages.py"]
    used: dict[int, str] = {}
    for source in sources:
        for c in script_characters(source.read_text(encoding="utf-8"), script.key):
            used.setdefault(c, str(source.relative_to(ROOT)))
    assert len(used) > 20, "no text in this script found: the test reads the wrong files"
    missing = {f"U+{c:04X} ({used[c]})" for c in set(used) - coverage(script.woff2.read_bytes())}
    assert missing == set()


def test_the_stylesheet_holds_exactly_what_the_script_writes_for_the_committed_fonts():
    faces = "".join(font_faces(script, script.woff2.read_bytes())
                    for script in SCRIPTS.values())
    assert stylesheet_with(STYLESHEET, faces) == STYLESHEET, "run scripts/fonts.py"


@pytest.mark.parametrize("face", FACES, ids=lambda face: descriptor(face, "font-family") +
                         " " + descriptor(face, "font-weight"))
def test_each_font_face_tries_installed_fonts_first_and_names_the_font_cmap(face):
    family = descriptor(face, "font-family").strip('"')
    script = next(s for s in SCRIPTS.values() if s.family == family)
    sources = [part.strip() for part in descriptor(face, "src").split(",")]
    assert sources[-1] == f'url("../fonts/{script.woff2.name}") format("woff2")'
    assert sources[:-1] and all(part.startswith('local("') for part in sources[:-1])
    assert descriptor(face, "font-display") == "swap"
    # The unicode-range is the font's cmap: no download for a character it cannot show,
    # and no character it has left to a system font that may show a box.
    declared = parse_unicode_range(descriptor(face, "unicode-range"))
    assert declared == coverage(script.woff2.read_bytes())


@pytest.mark.parametrize(("selector", "script"), [(":lang(km)", "khmer"),
                                                  (":lang(hy)", "armenian"),
                                                  (":root", "khmer"), (":root", "armenian")])
def test_font_stacks_name_the_system_fonts_first_and_then_the_self_hosted_one(selector,
                                                                              script):
    rule = re.search(rf"^{re.escape(selector)}\s*\{{(.*?)\}}", STYLESHEET, re.M | re.S)
    assert rule, selector
    value = re.sub(r"/\*.*?\*/", "", re.search(r"font-family:(.*?);", rule.group(1),
                                                re.S).group(1), flags=re.S)
    stack = [name.strip().strip('"') for name in value.split(",")]
    family = SCRIPTS[script].family
    assert family in stack
    system = "Noto Sans Khmer" if script == "khmer" else "Noto Sans Armenian"
    assert stack.index(system) < stack.index(family)  # a device that has it downloads nothing
    assert stack.index(family) < stack.index("sans-serif")


def test_no_font_is_loaded_from_anywhere_but_the_site():
    addresses = re.findall(r"url\(\s*[\"']?([^\"')\s]+)", STYLESHEET)
    assert addresses and all(a.startswith("../fonts/") for a in addresses)
    assert "@import" not in STYLESHEET


@given(st.sets(st.integers(min_value=0x21, max_value=0x10FFFF), max_size=300))
def test_a_unicode_range_names_exactly_its_characters(characters):
    assert parse_unicode_range(unicode_range(characters)) == characters if characters \
        else unicode_range(characters) == ""


@given(st.sets(st.integers(min_value=0, max_value=5000)))
def test_ranges_are_sorted_disjoint_and_not_adjacent(characters):
    runs = ranges(characters)
    assert {c for a, b in runs for c in range(a, b + 1)} == characters
    assert all(b1 + 1 < a2 for (_, b1), (a2, _) in zip(runs, runs[1:], strict=False))


def test_subsetting_again_keeps_the_script_and_drops_everything_else():
    """scripts/fonts.py on a font it made (as on a source with Latin in it) gives a font
    with the same characters: the subset is the script's blocks, whatever the source has."""
    script = SCRIPTS["armenian"]
    data = script.woff2.read_bytes()
    again = subset(data, script.wanted() | {ord("A")})
    assert coverage(again) == coverage(data)
    assert weights(again) == (400, 700)
    assert len(again) <= len(data) + 512


def test_the_script_refuses_a_stylesheet_without_its_markers():
    with pytest.raises(SystemExit, match="are missing"):
        stylesheet_with("body { color: red; }", "")
    css = f"a {{}}\n{BEGIN}old\n{END}b {{}}\n"
    assert stylesheet_with(css, "new\n") == f"a {{}}\n{BEGIN}new\n{END}b {{}}\n"
    # A replacement with backslashes or group references is taken as text.
    assert stylesheet_with(css, r"\1 \g<0>" + "\n") == f"a {{}}\n{BEGIN}\\1 \\g<0>\n{END}b {{}}\n"


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """scripts/fonts.py writing into a copy of the theme's fonts and stylesheet."""
    import shutil

    import scripts.fonts

    fonts, css = tmp_path / "fonts", tmp_path / "plaza.css"
    shutil.copytree(FONTS, fonts)
    shutil.copy(CSS, css)
    monkeypatch.setattr(scripts.fonts, "FONTS", fonts)
    monkeypatch.setattr(scripts.fonts, "CSS", css)
    monkeypatch.setattr(scripts.fonts, "ROOT", tmp_path)
    return tmp_path


def test_the_script_writes_the_font_its_licence_and_the_rules(scratch, capsys):
    source, committed_licence = COMMITTED["armenian"]  # a source with the script
    (scratch / "fonts" / source.name).unlink()
    (scratch / "plaza.css").write_text(stylesheet_with(STYLESHEET, ""))
    licence = scratch / "LICENSE"
    licence.write_text(committed_licence.read_text())
    assert main(["--font", "armenian", str(source), str(licence)]) == 0
    written = scratch / "fonts" / source.name
    assert coverage(written.read_bytes()) == coverage(source.read_bytes())
    assert len(written.read_bytes()) <= BUDGET
    assert (scratch / "fonts" / committed_licence.name).read_text() == \
        licence.read_text()
    # The rules are what the committed stylesheet has: the same characters and weights.
    assert (scratch / "plaza.css").read_text() == STYLESHEET
    assert "fonts/noto-sans-armenian.woff2: " in capsys.readouterr().out


def test_the_script_refuses_what_is_not_a_font_or_not_its_licence(scratch, capsys):
    fonts, css = scratch / "fonts", scratch / "plaza.css"
    before = {path.name: path.read_bytes() for path in fonts.iterdir()}, css.read_bytes()
    licence = COMMITTED["khmer"][1]
    not_a_font = scratch / "font.ttf"
    not_a_font.write_bytes(b"<html>not a font</html>")
    assert main(["--font", "khmer", str(not_a_font), str(licence)]) == 1
    assert f"{not_a_font}: cannot be read as a font" in capsys.readouterr().err
    other_licence = scratch / "LICENSE"
    other_licence.write_text("All rights reserved.\n")
    armenian = COMMITTED["armenian"][0]
    assert main(["--font", "khmer", str(armenian), str(other_licence)]) == 1
    assert "is not the SIL Open Font License" in capsys.readouterr().err
    assert main(["--font", "khmer", str(armenian), str(licence)]) == 1
    assert f"{armenian}: has no Khmer characters" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--font", "klingon", str(armenian), str(licence)])
    assert "unknown script klingon" in capsys.readouterr().err
    # Nothing was written.
    assert ({path.name: path.read_bytes() for path in fonts.iterdir()}, css.read_bytes()) == \
        before
