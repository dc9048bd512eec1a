"""What a web host should send with the site: one policy, written for each kind of host.

Every page carries its Content-Security-Policy as a meta tag, so any host serves it; a
header can say more than a meta tag may (``frame-ancestors``, HSTS) and lets the
fingerprinted stylesheet and fonts be cached for a year. ``headers_file`` writes these for Netlify
and Cloudflare Pages (``_headers``); ``docs/hosting.md`` shows the same headers for nginx
and Caddy, and a test keeps the three in step.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Mapping

from plaza.publishing import admin

# The meta tag's policy (theme/templates/base.html): no scripts, nothing from elsewhere.
PAGE_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
# A header may also forbid framing, which a meta tag cannot.
HEADER_POLICY = f"{PAGE_POLICY}; frame-ancestors 'none'"
SECURITY_HEADERS = (
    ("Content-Security-Policy", HEADER_POLICY),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Strict-Transport-Security", "max-age=31536000"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), browsing-topics=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
# A fingerprinted file never changes under its name; every other file may at any build.
LONG_CACHE = "public, max-age=31536000, immutable"
# The theme's folders published under fingerprinted names, so cached for a year.
FINGERPRINTED = ("css", "fonts")
# ``url(...)`` in a stylesheet: the address, with or without quotes.
_URL = re.compile(r"""url\(\s*(["']?)([^"')\s]+)\1\s*\)""")


def fingerprinted(relative: str, data: bytes) -> str:
    """``css/plaza.css`` as ``css/plaza.<hash>.css``: a new name whenever the bytes change,
    so browsers can keep it for a year and still never show an old one."""
    folder, _, name = relative.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:10]
    renamed = f"{stem}.{digest}.{extension}" if dot else f"{name}.{digest}"
    return f"{folder}/{renamed}" if folder else renamed


def is_fingerprinted(relative: str) -> bool:
    """Whether a theme file (by its path in ``static/``) is published under a fingerprint."""
    return relative.partition("/")[0] in FINGERPRINTED and "/" in relative


def linked(css: bytes, relative: str, renamed: Mapping[str, str]) -> bytes:
    """The stylesheet at ``relative`` with each ``url()`` of a renamed theme file (a font,
    by its path in the theme) pointing to its new name, relative as before: the
    stylesheet's own fingerprint then changes whenever a file it links changes."""
    folder = posixpath.dirname(relative)

    def relink(match: re.Match[str]) -> str:
        quote, target = match.group(1), match.group(2)
        if "://" in target or target.startswith(("/", "data:", "#")):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(folder, target))
        if resolved not in renamed:
            return match.group(0)
        return f"url({quote}{posixpath.relpath(renamed[resolved], folder or '.')}{quote})"

    # surrogateescape: a stylesheet in another encoding comes back byte for byte.
    text = css.decode("utf-8", "surrogateescape")
    return _URL.sub(relink, text).encode("utf-8", "surrogateescape")


def admin_headers(settings: admin.AdminSettings) -> tuple[tuple[str, str], ...]:
    """What the content editor's folder is sent with instead of the site's policy: its
    own (it runs the one script of the site), never framed, never indexed, never kept
    stale by a cache."""
    return (("Content-Security-Policy", f"{admin.policy(settings)}; frame-ancestors 'none'"),
            ("X-Robots-Tag", "noindex, nofollow"),
            ("Cache-Control", "no-cache"))


def headers_file(static_dir: str, editor: admin.AdminSettings | None = None) -> bytes:
    """Netlify's and Cloudflare Pages' ``_headers``: the security headers on every path,
    long caching for the theme's fingerprinted stylesheets and fonts, and, when the site
    has the content editor, its own policy on ``/admin/*`` (``! name`` is Cloudflare's way
    to drop the site-wide policy there; two policies would both apply and block the
    editor)."""
    lines = ["/*", *(f"  {name}: {value}" for name, value in SECURITY_HEADERS)]
    for folder in FINGERPRINTED:
        lines += [f"/{static_dir}/{folder}/*", f"  Cache-Control: {LONG_CACHE}"]
    if editor is not None:
        lines += [f"/{admin.FOLDER}/*", "  ! Content-Security-Policy",
                  *(f"  {name}: {value}" for name, value in admin_headers(editor))]
    return ("\n".join(lines) + "\n").encode()
