"""What a build writes, declared: each output file is an artifact.

An artifact names its path and how to make its bytes; it says nothing about caching or
what it depends on. Whoever runs artifacts (the build engine) learns what each one read
from the site while it was being made, and on the next build makes again exactly those
whose reads changed. A new kind of output is therefore one more artifact, with no
dependency list to write and none to forget.

Three shapes:

- ``Artifact``: a file made from the site (a feed, the sitemap, robots.txt);
- ``Page``: an HTML page, made by rendering a template with a context;
- ``Composite``: a file assembled from parts that other files share (a calendar is a
  header and its events' VEVENTs; ``events.json`` is one line per event), so a part is
  made once a build, and kept for the next while what it read stays the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Artifact:
    """A file: ``make`` returns its bytes."""

    path: str  # in the output folder, no leading slash
    make: Callable[[], bytes]
    lang: str = ""  # the language it is in ("" for the site as a whole)
    source: str = ""  # what it is made from, named in messages if making it fails
    # Files it is made from directly rather than through the site (a picture's own file).
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """An HTML page: ``template`` rendered with what ``context`` returns."""

    path: str
    template: str
    context: Callable[[], dict[str, Any]]
    lang: str
    source: str = ""


@dataclass(frozen=True)
class Part:
    """A piece of several files, named by ``key`` (unique in a build): made once."""

    key: str
    make: Callable[[], bytes]


@dataclass(frozen=True)
class Composite:
    """A file assembled from parts: ``members`` lists the keys of its parts, ``part``
    gives the part of a key, and ``assemble`` joins the parts' bytes (in order)."""

    path: str
    members: Callable[[], Sequence[str]]
    part: Callable[[str], Part]
    assemble: Callable[[Sequence[bytes]], bytes]
    lang: str = ""
    source: str = ""


Output = Artifact | Page | Composite


def made(output: Artifact | Composite) -> bytes:
    """An artifact's bytes, made directly: for tools and tests (a build engine makes them
    with its records and caches)."""
    if isinstance(output, Composite):
        return output.assemble([output.part(key).make() for key in output.members()])
    return output.make()
