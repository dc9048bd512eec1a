"""Where Plaza's own files are: in a checkout of the repository, or in an installed wheel.

A checkout keeps the theme in ``theme/`` and the command-line tools in ``scripts/``, next
to ``plugins/`` (where this package is); the wheel carries the same folders as the
packages ``plaza_theme`` and ``plaza_scripts`` (see ``pyproject.toml``). The checkout is
preferred when this code runs from one, so that editing ``theme/`` shows in the next
build without reinstalling anything.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

THEME_PACKAGE = "plaza_theme"
SCRIPTS_PACKAGE = "plaza_scripts"


def checkout() -> Path | None:
    """The repository this code runs from, if it runs from one (``<root>/plugins/…``)."""
    root = Path(__file__).resolve().parent.parent.parent
    if (Path(__file__).resolve().parent.parent.name == "plugins"
            and (root / "theme" / "templates").is_dir()
            and (root / "scripts" / "build.py").is_file()):
        return root
    return None


def theme_folder() -> str:
    """Plaza's default theme: ``theme/`` in a checkout, else the installed ``plaza_theme``."""
    root = checkout()
    if root is not None:
        return str(root / "theme")
    spec = importlib.util.find_spec(THEME_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("Plaza's theme is not installed (the package "
                                f"'{THEME_PACKAGE}' is missing): reinstall Plaza")
    return str(next(iter(spec.submodule_search_locations)))
