"""A deterministic, realistic Plaza content tree of a given size, and the same corpus in
the inputs plain Pelican, Pelican with i18n_subsites and Hugo take.

`python -m bench.corpus --files 1000 --languages 12 --out bench/corpus/1000`

"Files" counts Markdown source files, translations included: 100% of items are translated
into Spanish and about 40% into each other language, so one item is ~6.4 files at L=12.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

LANGUAGES = ["es", "zh-Hans", "zh-Hant", "ko", "tl", "vi", "hy", "fa", "ru", "ja", "km", "ar"]
AUDIENCES = ["residents", "community-leaders", "legal-advocates", "local-government",
             "law-enforcement", "service-providers"]
PLACES = ["East Los Angeles library", "Boyle Heights community center", "Pacoima park",
          "Koreatown library", "Long Beach community center", "El Sereno library"]
TOPICS = ["Know your rights", "Legal clinic", "Resource fair", "Coalition meeting",
          "Volunteer training", "Town hall", "Family preparedness workshop"]
WORDS = [
    "community", "county", "residents", "rights", "meeting", "legal", "help", "zone",
    "clinic", "library", "safety", "volunteers", "families", "interpretation", "questions",
    "answers", "policy", "services"
]
START = datetime(2026, 1, 5, 18, 0)
NOW = "2026-11-26 09:00"


@dataclass
class CorpusItem:
    kind: str  # events, programs, notes, faq
    id: str
    fields: dict[str, object]
    body: str
    translations: dict[str, dict[str, object]] = field(default_factory=dict)


def paragraph(rng: random.Random, words: int = 60) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate(files: int, languages: int, seed: int = 20261126) -> list[CorpusItem]:
    rng = random.Random(seed)
    langs = LANGUAGES[:languages]
    per_item = 1 + (1 if langs else 0) + 0.4 * max(0, len(langs) - 1)
    originals = max(10, round(files / per_item))
    items: list[CorpusItem] = []
    programs = max(1, originals // 50)
    faqs = len(AUDIENCES)
    events = max(1, round((originals - programs - faqs) * 0.75))
    for index in range(programs):
        start = START + timedelta(days=7 * index)
        items.append(CorpusItem("programs", f"program-{index:04d}", {
            "title": f"Dialogue series {index}", "start": f"{start:%Y-%m-%d %H:%M}",
            "duration": "2h", "repeat": "FREQ=WEEKLY;COUNT=8",
            "location": {"name": rng.choice(PLACES), "address": "1 Main St, Los Angeles"},
            "audience": [rng.choice(AUDIENCES)], "facilitators": ["Community mediators"],
            "sessions": [{"date": f"{start + timedelta(days=7 * s):%Y-%m-%d}",
                          "topic": f"Session {s + 1}"} for s in range(3)]
                        + [{"date": f"{start + timedelta(days=21):%Y-%m-%d}",
                            "status": "cancelled"}]}, paragraph(rng)))
    for index in range(events):
        start = START + timedelta(days=index % 700, hours=rng.choice([-2, 0, 1]))
        fields: dict[str, object] = {
            "title": f"{rng.choice(TOPICS)} {index}", "summary": paragraph(rng, 15),
            "start": f"{start:%Y-%m-%d %H:%M}", "duration": rng.choice(["1h", "90m", "2h"]),
            "location": {"name": rng.choice(PLACES), "address": "1 Main St, Los Angeles"},
            "audience": rng.sample(AUDIENCES, 2),
            "categories": [rng.choice(["know-your-rights", "legal-help"])],
            "languages": ["en", "es"], "accessibility": ["wheelchair"]}
        if index % 10 == 0:
            fields["repeat"] = "FREQ=WEEKLY;COUNT=8"
        if index % 17 == 0:
            fields["status"] = "cancelled"
        items.append(CorpusItem("events", f"event-{index:05d}", fields,
                                "\n\n".join(paragraph(rng) for _ in range(3))))
    event_items = [i for i in items if i.kind == "events"]
    for number, target in enumerate(event_items[::3]):
        if len(items) >= originals - faqs:
            break
        items.append(CorpusItem("notes", f"notes-{number:05d}", {
            "title": f"Notes: {target.fields['title']}", "event": target.id,
            "status": "approved", "attendance": rng.randint(5, 80),
            "decisions": ["Meet again next month"],
            "action_items": [{"task": "Book the room", "owner": "Logistics team"}]},
            "## Discussion\n\n" + paragraph(rng)))
    for audience in AUDIENCES:
        body = "\n\n".join(f"## Question {q} for {audience}?\n\n{paragraph(rng)}"
                           for q in range(8))
        items.append(CorpusItem("faq", f"faq-{audience}", {
            "title": f"Questions from {audience}", "audience": audience}, body))
    for item in items:
        for number, lang in enumerate(langs):
            if number == 0 or rng.random() < 0.4:
                item.translations[lang] = {"title": f"[{lang}] {item.fields['title']}"}
    return items


def _yaml(fields: dict[str, object]) -> str:
    import yaml

    return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)


def write_plaza(items: list[CorpusItem], out: Path) -> int:
    count = 0
    for item in items:
        folder = out / "content" / item.kind
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{item.id}.md").write_text(f"---\n{_yaml(item.fields)}---\n{item.body}\n")
        count += 1
        for lang, fields in item.translations.items():
            body = f"[{lang}] {item.body}"
            (folder / f"{item.id}.{lang}.md").write_text(f"---\n{_yaml(fields)}---\n{body}\n")
            count += 1
    return count


def _date_of(item: CorpusItem) -> str:
    start = item.fields.get("start")
    return str(start) if start else "2026-01-01 00:00"


def write_pelican(items: list[CorpusItem], out: Path) -> int:
    """Articles with Lang and a shared Slug: Pelican's own translation model."""
    folder = out / "content"
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for item in items:
        meta = (f"Date: {_date_of(item)}\nSlug: {item.id}\nCategory: {item.kind}\n")
        (folder / f"{item.id}.md").write_text(
            f"Title: {item.fields['title']}\n{meta}Lang: en\n\n{item.body}\n")
        count += 1
        for lang, fields in item.translations.items():
            code = lang.lower()  # Pelican compares language codes in lower case
            (folder / f"{item.id}-{code}.md").write_text(
                f"Title: {fields['title']}\n{meta}Lang: {code}\n\n[{lang}] {item.body}\n")
            count += 1
    return count


HUGO_TEMPLATES = {
    "layouts/_default/baseof.html": '<!doctype html><html lang="{{ .Site.Language.Lang }}">'
                                     "<head><title>{{ .Title }}</title></head><body>"
                                     '{{ block "main" . }}{{ end }}</body></html>',
    "layouts/_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}'
                                     "{{ end }}",
    "layouts/_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>'
                                   '{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
                                   "{{ .Title }}</a></li>{{ end }}</ul>{{ end }}",
}


def write_hugo(items: list[CorpusItem], out: Path, languages: list[str]) -> int:
    """Hugo multilingual by file name (`x.es.md`), minimal templates, built-in RSS."""
    config = ['baseURL = "https://example.org/"', 'defaultContentLanguage = "en"',
              'disableKinds = ["taxonomy", "term"]', "[languages]",
              '[languages.en]\nweight = 1']
    config += [f'[languages.{lang.lower()}]\nweight = {n + 2}' for n, lang in
               enumerate(languages)]
    (out).mkdir(parents=True, exist_ok=True)
    (out / "hugo.toml").write_text("\n".join(config) + "\n")
    for relative, text in HUGO_TEMPLATES.items():
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_text(text)
    count = 0
    for item in items:
        folder = out / "content" / item.kind
        folder.mkdir(parents=True, exist_ok=True)
        when = _date_of(item).replace(" ", "T") + ":00-08:00"
        (folder / f"{item.id}.md").write_text(
            f'---\ntitle: "{item.fields["title"]}"\ndate: {when}\n---\n{item.body}\n')
        count += 1
        for lang, fields in item.translations.items():
            (folder / f"{item.id}.{lang.lower()}.md").write_text(
                f'---\ntitle: "{fields["title"]}"\ndate: {when}\n---\n[{lang}] {item.body}\n')
            count += 1
    return count


def write_all(files: int, languages: int, out: Path) -> dict[str, int]:
    shutil.rmtree(out, ignore_errors=True)
    items = generate(files, languages)
    langs = LANGUAGES[:languages]
    return {"plaza": write_plaza(items, out / "plaza"),
            "pelican": write_pelican(items, out / "pelican"),
            "hugo": write_hugo(items, out / "hugo", langs)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--languages", type=int, default=12)
    parser.add_argument("--out", type=Path, default=Path("bench/corpus/1000"))
    args = parser.parse_args(argv)
    counts = write_all(args.files, args.languages, args.out)
    print(f"wrote {counts} source files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

