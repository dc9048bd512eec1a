"""A small HTML reader for the built-site checks (the standard library's parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Page:
    path: Path
    html_attrs: dict[str, str] = field(default_factory=dict)
    links: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (tag, attrs)
    ids: set[str] = field(default_factory=set)


class _Reader(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "html":
            self.page.html_attrs = values
        if "id" in values:
            self.page.ids.add(values["id"])
        if "href" in values or "src" in values:
            self.page.links.append((tag, values))


def read_page(path: Path) -> Page:
    page = Page(path)
    _Reader(page).feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))
