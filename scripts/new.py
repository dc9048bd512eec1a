"""Create a correctly formed content file: `make new TYPE=event TITLE="…" START="…"`.

Types: event, program, notes, faq (a question for an audience's FAQ), page. Run without
options in a terminal and it asks for what it needs. The file it writes is validated
before it is kept: if the site would not build with it, it is removed and the problems
are shown.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from typing import Any

import yaml
from unidecode import unidecode

from plaza.model.problems import ContentError, Problem
from plaza.reading.placeholders import EVENT_TEXT, FAQ_ANSWER, MESSAGES, PAGE_TEXT, PROGRAM_TEXT
from plaza_cli.help import HelpFormatter
from plaza_pelican.commands import report
from plaza_pelican.project import loaded, project_of, settings_from

TYPES = ("event", "program", "notes", "faq", "page")
FOLDERS = {"event": "events", "program": "programs", "notes": "notes", "faq": "faq",
           "page": "pages"}
NEEDED = {
    "event": ("title", "start"),
    "program": ("title", "start", "repeat"),
    "notes": ("event", "title"),
    "faq": ("audience", "question"),
    "page": ("title",),
}
QUESTIONS = {
    "type": f"What do you want to create? ({', '.join(TYPES)})",
    "title": "Title",
    "start": "Start (YYYY-MM-DD HH:MM, 24-hour clock, or YYYY-MM-DD for all day)",
    "repeat": "Repeat rule (e.g. FREQ=WEEKLY;BYDAY=TH;COUNT=8)",
    "event": "Id of the event or program the notes record (its file name without .md)",
    "audience": "Audience",
    "question": "The question",
}
# Each option of `plaza new` (and `make new`, as NAME=…), as --help explains it.
OPTIONS = {
    "title": ("TEXT", "the title, as readers see it"),
    "summary": ("TEXT", "one or two sentences shown in lists"),
    "start": ("WHEN", "the start: YYYY-MM-DD HH:MM (24-hour clock), or YYYY-MM-DD for a "
                      "whole day"),
    "end": ("WHEN", "the end, written like the start (or give --duration)"),
    "duration": ("LENGTH", "how long it lasts, e.g. 90m, 2h or 1h30m"),
    "repeat": ("RULE", "how a program repeats, e.g. FREQ=WEEKLY;BYDAY=TH;COUNT=8"),
    "location": ("PLACE", "the name of the place"),
    "address": ("ADDRESS", "the street address of the place"),
    "online": ("LINK", "the link to join online (https://…)"),
    "event": ("ID", "for notes: the event or program they record (its file name "
                    "without .md)"),
    "date": ("DATE", "for notes of a program: the date of the meeting (YYYY-MM-DD)"),
    "audience": ("WHO", "who it is for (one of the site's audiences; for an event, "
                        "several separated by commas)"),
    "question": ("TEXT", "for an FAQ: the question"),
    "id": ("ID", "the file name without .md (made from the title when not given)"),
    "languages": ("CODES", "the languages spoken, separated by commas, e.g. en,es"),
    "facilitators": ("NAMES", "who leads it, separated by commas"),
    "status": ("STATUS", "for an event: confirmed (the default), tentative, cancelled or "
                         "postponed; for notes: draft (the default) or approved"),
}
# Asked in a terminal for events and programs, so that nothing a reader needs is left
# out; each may be left empty (pressing Enter), but not the place and the link both.
DETAILS = {
    "location": "Place (the name of the venue; leave empty if it is online only)",
    "address": "Street address of the place",
    "online": "Online link (https://…; leave empty if it is in person only)",
    "duration": "Length (e.g. 90m, 2h or 1h30m)",
    "languages": "Languages spoken (codes separated by commas, e.g. en, es)",
    "audience": "Audience (separated by commas)",
}


def slug(text: str) -> str:
    ascii_text = unidecode(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60].strip("-") or "item"


def ask(name: str, interactive: bool, choices: tuple[str, ...] = ()) -> str:
    if not interactive:
        raise SystemExit(f"missing {name.upper()}=… (or --{name} … with plaza new); for "
                         'example: make new TYPE=event TITLE="Know your rights" '
                         'START="2027-01-14 18:00"')
    hint = f" [{', '.join(choices)}]" if choices and name != "type" else ""
    while True:
        answer = input(f"{QUESTIONS.get(name, name)}{hint}: ").strip()
        if answer and (not choices or answer in choices):
            return answer


def ask_optional(name: str, choices: tuple[str, ...] = ()) -> str:
    """An answer that may be empty; with ``choices``, each comma-separated part is one."""
    hint = f" [{', '.join(choices)}]" if choices else ""
    while True:
        answer = input(f"{DETAILS[name]}{hint}: ").strip()
        parts = [part.strip() for part in answer.split(",") if part.strip()]
        if not choices or all(part in choices for part in parts):
            return answer
        print(f"Choose from: {', '.join(choices)}")


def ask_details(args: dict[str, Any], audiences: tuple[str, ...]) -> None:
    """The place or link, the length, the languages and the audience of an event."""
    while not (args.get("location") or args.get("online")):
        args["location"] = ask_optional("location")
        if args["location"]:
            args["address"] = args.get("address") or ask_optional("address")
        else:
            args["online"] = ask_optional("online")
    for name in ("duration", "languages"):
        if not (args.get(name) or (name == "duration" and args.get("end"))):
            args[name] = ask_optional(name)
    if not args.get("audience"):
        args["audience"] = ask_optional("audience", audiences)


def front_matter(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    keys = {
        "event": ("title", "summary", "start", "end", "duration", "location", "online",
                  "audience", "languages"),
        "program": ("title", "summary", "start", "end", "duration", "repeat", "location",
                    "online", "audience", "languages", "facilitators"),
        "notes": ("title", "event", "date", "status"),
        "page": ("title", "summary"),
    }[kind]
    fields = {key: values[key] for key in keys if values.get(key)}
    if values.get("location") or values.get("address"):
        fields["location"] = {k: v for k, v in (("name", values.get("location")),
                                                ("address", values.get("address"))) if v}
    return fields


def body_for(kind: str) -> str:
    return {
        "event": f"{EVENT_TEXT}\n",
        "program": f"{PROGRAM_TEXT}\n",
        "notes": "## Agenda\n\n1. \n\n## Discussion\n\nWrite roles, never names of "
                 "attendees.\n",
        "page": f"{PAGE_TEXT}\n",
    }[kind]


def render(fields: dict[str, Any], body: str) -> str:
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{text}---\n{body}"


def faq_path(content: str, audience: str) -> str:
    folder = os.path.join(content, "faq")
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        path = os.path.join(folder, name)
        if name.count(".") == 1 and name.endswith(".md"):
            with open(path, encoding="utf-8") as handle:
                if re.search(rf"^audience:\s*{re.escape(audience)}\s*$", handle.read(), re.M):
                    return path
    return os.path.join(folder, f"{audience}.md")


def write_faq_question(content: str, audience: str, question: str) -> tuple[str, str | None]:
    """Append a question to the audience's FAQ (creating it); returns (path, old text)."""
    path = faq_path(content, audience)
    entry = f"\n## {question}\n\n{FAQ_ANSWER}\n"
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            old = handle.read()
        new = old.rstrip("\n") + "\n" + entry
    else:
        old = None
        title = f"Questions from {audience.replace('-', ' ')}"
        new = render({"title": title, "audience": audience}, entry.lstrip("\n"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(new)
    return path, old


def create(kind: str, values: dict[str, Any], content: str) -> tuple[str, str | None]:
    if kind == "faq":
        return write_faq_question(content, values["audience"], values["question"])
    item_id = values.get("id") or slug(values["title"])
    folder = os.path.join(content, FOLDERS[kind])
    path = os.path.join(folder, f"{item_id}.md")
    if os.path.exists(path) and values.get("start"):
        path = os.path.join(folder, f"{item_id}-{str(values['start'])[:10]}.md")
    if os.path.exists(path):
        raise SystemExit(f"{path} already exists; choose another ID=…")
    os.makedirs(folder, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(render(front_matter(kind, values), body_for(kind)))
    return path, None


def validate_or_undo(path: str, old: str | None, settings: dict[str, Any]) -> int:
    try:
        loaded(project_of(settings))
    except ContentError as error:
        if all(_placeholder(problem) for problem in error.problems):
            print(f"Created {os.path.relpath(path)}. Replace the placeholder text below the "
                  "second '---' line with your own words, then run `make check`.")
            return 0
        if old is None:
            os.remove(path)
        else:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(old)
        report(error.problems)
        print("The file was not kept; fix the values above and run `make new` again.",
              file=sys.stderr)
        return 1
    print(f"Created {os.path.relpath(path)}. Edit the text, then run `make check`.")
    return 0


def _placeholder(problem: Problem) -> bool:
    """A problem `make check` reports until the volunteer writes the text: expected."""
    return problem.message in MESSAGES


DESCRIPTION = """\
Create a new content file, correctly formed: an event, a program (a series that
repeats), meeting notes, a question for an FAQ, or a page. Run it with no options and
it asks, one question at a time, for what it needs. The new file is checked before it
is kept; if the site would not build with it, it is removed and the mistakes are shown.
"""
EXAMPLES = """\
examples:
  %(prog)s
      asks what to create
  %(prog)s --type event --title "Town hall" --start "2027-01-14 18:00"
      an event on 14 January 2027 at 6 pm (24-hour clock)
  %(prog)s --type program --title "Know your rights" --start "2027-01-07 18:00" \\
      --repeat "FREQ=WEEKLY;BYDAY=TH;COUNT=8"
      a program every Thursday, 8 times
  %(prog)s --type faq --audience residents --question "What is an ICE-Free Zone?"
"""


def main(argv: list[str] | None = None,
         interactive: Callable[[], bool] = lambda: sys.stdin.isatty(),
         prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=HelpFormatter)
    parser.add_argument("--settings", default="pelicanconf.py",
                        help="the settings file (default: pelicanconf.py)")
    parser.add_argument("--type", choices=TYPES, help="what to create")
    for name, (metavar, explained) in OPTIONS.items():
        parser.add_argument(f"--{name}", metavar=metavar, help=explained)
    args = vars(parser.parse_args(argv))
    settings = settings_from(args.pop("settings"))
    tty = interactive()
    kind = args.pop("type") or ask("type", tty, TYPES)
    audiences = tuple(settings.get("PLAZA_AUDIENCES", ()))
    for name in NEEDED[kind]:
        if not args.get(name):
            args[name] = ask(name, tty, audiences if name == "audience" else ())
    if tty and kind in ("event", "program"):
        ask_details(args, audiences)
    for name in ("audience", "languages", "facilitators"):
        if args.get(name) and kind != "faq":
            args[name] = [part.strip() for part in str(args[name]).split(",") if part.strip()]
    if kind == "notes" and not args.get("status"):
        args["status"] = "draft"
    path, old = create(kind, args, settings["PATH"])
    return validate_or_undo(path, old, settings)


if __name__ == "__main__":
    sys.exit(main())
