"""The tools in ``scripts/``, from the checkout this code runs from or from the wheel
(which carries them as the package ``plaza_scripts``)."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

from plaza_pelican.locations import SCRIPTS_PACKAGE, checkout


def script(name: str) -> ModuleType:
    """The module of ``scripts/<name>.py``."""
    root = checkout()
    if root is None:
        return importlib.import_module(f"{SCRIPTS_PACKAGE}.{name}")
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return importlib.import_module(f"scripts.{name}")
