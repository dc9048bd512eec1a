"""Jinja rendering of Plaza's pages: the function the build engine calls for a ``Page``.

Every value a template prints is escaped (autoescape, whatever the site's settings say),
interface translations are text too, and invisible control characters are dropped: the
only HTML that passes is ``plaza.model.html.trusted_html``'s.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from babel.support import NullTranslations
from jinja2 import Environment
from markupsafe import Markup, escape

from plaza.model.html import trusted_html
from plaza.model.languages import language
from plaza.reading.plaintext import RE_CONTROL
from plaza_sources.catalogs import compiled, site_catalogs, translations_of

from .filters import FILTERS

# Settings templates are given, as Pelican names them.
TEMPLATE_SETTINGS = ("SITEURL", "SITENAME", "THEME_STATIC_DIR", "PLAZA_ORGANIZATION",
                     "PLAZA_CONTACT", "PLAZA_PUBLIC_URL")


class Renderer:
    """Renders templates in one environment, language by language."""

    def __init__(self, env: Environment, settings: dict[str, Any], theme: str, content: str,
                 compiled: dict[str, tuple[bytes | None, bytes | None]] | None = None):
        self.env, self.theme, self.content = env, theme, content
        # Each language's catalogs compiled (theme's, site's), kept between builds by
        # the caller: reading a .po file costs more than rendering a page.
        self.compiled = dict(compiled or {})
        self.compiled_changed = False
        self.globals = {key: settings.get(key, "") for key in TEMPLATE_SETTINGS}
        self._catalogs: dict[str, NullTranslations] = {}
        self._installed = ""
        env.autoescape = True
        env.finalize = without_controls
        env.filters.update(FILTERS)

    def catalog(self, lang: str) -> NullTranslations:
        """A language's interface translations (the site's, then the theme's), compiled
        when first needed: in the worker process that renders the language."""
        if lang not in self._catalogs:
            self.compile([lang])
            self._catalogs[lang] = translations_of(*self.compiled[lang])
        return self._catalogs[lang]

    def compile(self, languages: Iterable[str]) -> None:
        """Compile the catalogs of ``languages`` not compiled yet (before workers fork,
        so that each is compiled once and can be kept)."""
        for lang in languages:
            if lang not in self.compiled:
                locale = language(lang).babel_locale
                self.compiled[lang] = (
                    compiled(os.path.join(self.theme, "translations"), locale),
                    compiled(site_catalogs(self.content), locale))
                self.compiled_changed = True

    def gettext(self, lang: str) -> Any:
        return self.catalog(lang).gettext

    def __call__(self, template: str, context: dict[str, Any], lang: str) -> bytes:
        if self._installed != lang:
            install_escaped_gettext(self.env, self.catalog(lang))
            self._installed = lang
        common = {**self.globals, "page_locale": language(lang).babel_locale,
                  "translate": self.catalog(lang).gettext, "catalog": self.catalog(lang)}
        return self.env.get_template(f"{template}.html").render(
            {**common, **context}).encode("utf-8")


def without_controls(value: Any) -> Any:
    """Every value a template prints, without invisible control characters (validation
    refuses them in plain text; this keeps any that slip through out of the HTML)."""
    if not isinstance(value, str) or (value.isascii() and value.isprintable()):
        return value  # the common case, checked in C
    # A macro's output (with its line breaks) is printed again by the macro that called
    # it: looking before replacing keeps that one scan in C, not a new string each time.
    if RE_CONTROL.search(value) is None:
        return value
    if isinstance(value, Markup):
        return trusted_html(RE_CONTROL.sub("", value))
    return RE_CONTROL.sub("", value)


def install_escaped_gettext(env: Any, catalog: NullTranslations) -> None:
    """Interface translations as text, not HTML: a catalog comes in a pull request too.
    Jinja's new-style gettext marks what the callable returns as safe, so it is escaped
    here first; the placeholders' values are escaped by Jinja as usual."""
    env.install_gettext_callables(
        gettext=lambda message: escape(catalog.gettext(message)),
        ngettext=lambda singular, plural, n: escape(catalog.ngettext(singular, plural, n)),
        pgettext=lambda context, message: escape(catalog.pgettext(context, message)),
        npgettext=lambda context, singular, plural, n: escape(
            catalog.npgettext(context, singular, plural, n)),
        newstyle=True)
