"""HTML a page may print as it is: one named way to make it.

Templates escape every value (autoescape). ``trusted_html`` marks a string as HTML, and is
called only on what the Markdown sanitizer returns (``plaza.reading.markup.sanitize``)
and on markup Plaza builds itself from escaped parts (the JSON-LD block). A reviewer can
grep for it; a test fails when anything else in the code or the templates bypasses
escaping (``|safe``, ``Markup(``).
"""

from __future__ import annotations

from markupsafe import Markup


def trusted_html(html: str) -> Markup:
    """Mark HTML as safe to place on a page unescaped."""
    return Markup(html)  # noqa: S704 - the one sanctioned place (see the module docstring)
