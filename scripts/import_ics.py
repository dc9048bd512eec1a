"""Bring an existing calendar in: `plaza import calendar.ics` (`make import FILE=…`).

Reads an iCalendar export (Google Calendar, Outlook, Thunderbird, Apple Calendar) and
writes one content file per event or series: content/events/<id>.md, or
content/programs/<id>.md for a series with changed or cancelled sessions. Then it prints,
per file, what could not be carried over (attendees, reminders, extra dates …). An existing
file is never overwritten unless --force is given. Check the result with
`plaza check` (`make check`).
"""

from __future__ import annotations

import argparse
import os
import sys

from plaza.importing.calendar_import import CalendarImportError, import_calendar
from plaza_cli.help import HelpFormatter
from plaza_pelican.project import settings_from

FOLDERS = ("events", "programs")


def conflicts(content: str, path: str, force: bool) -> list[str]:
    """Why ``path`` cannot be written: a file with its id exists (events and programs share
    one set of ids, and a translation ``<id>.<lang>.md`` belongs to it too)."""
    ident = os.path.basename(path)[: -len(".md")]
    found = []
    for folder in FOLDERS:
        where = os.path.join(content, folder)
        if not os.path.isdir(where):
            continue
        for name in sorted(os.listdir(where)):
            if not name.endswith(".md") or name.split(".", 1)[0] != ident:
                continue
            other = os.path.join(where, name)
            if force and os.path.abspath(other) == os.path.abspath(path):
                continue
            hint = ("rename or remove it, or run again with --force to overwrite it"
                    if not force and os.path.abspath(other) == os.path.abspath(path)
                    else "it has the same id; rename or remove it first")
            found.append(f"{other}: already exists; not overwritten ({hint})")
    return found


DESCRIPTION = """\
Bring an existing calendar in. Export it from Google Calendar, Outlook, Thunderbird or
Apple Calendar as an .ics file; each event or series becomes one content file
(content/events/, or content/programs/ for a series with changed or cancelled meetings).
People's names, emails and phone numbers are left out, and what could not be carried over
is listed per file. Nothing is overwritten unless you say --force.
"""
EXAMPLES = """\
examples:
  %(prog)s calendar.ics             write the files into content/
  %(prog)s calendar.ics --dry-run   show what would be written, write nothing
  then: plaza check                 look over the new files before you commit them
"""


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog or "plaza import", description=DESCRIPTION,
                                     epilog=EXAMPLES, formatter_class=HelpFormatter)
    parser.add_argument("file", help="the .ics file exported from the calendar")
    parser.add_argument("--settings", default="pelicanconf.py",
                        help="the site's settings, for its time zone and content folder "
                             "(default: pelicanconf.py)")
    parser.add_argument("--into", metavar="DIR",
                        help="the content folder to write events/ and programs/ into "
                             "(default: the site's, PATH in the settings)")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would be written, write nothing")
    parser.add_argument("--force", action="store_true",
                        help="overwrite files that already exist")
    args = parser.parse_args(argv)
    try:
        with open(args.file, "rb") as handle:
            data = handle.read()
    except OSError as error:
        print(f"{args.file}: cannot be read ({error.strerror}); check the file name",
              file=sys.stderr)
        return 2
    try:
        settings = settings_from(args.settings)
    except Exception as error:  # noqa: BLE001 - a settings file that does not load
        print(f"{args.settings}: the settings cannot be read ({error}); give the site's "
              "settings with --settings", file=sys.stderr)
        return 2
    content = args.into or str(settings.get("PATH", "content"))
    timezone = str(settings.get("TIMEZONE", "UTC"))
    try:
        result = import_calendar(data, timezone)
    except CalendarImportError as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 1
    targets = [(os.path.join(content, item.path), item) for item in result.files]
    problems = [message for path, _ in targets
                for message in conflicts(content, path, args.force)]
    if problems:
        for message in problems:
            print(message, file=sys.stderr)
        return 1
    for path, item in targets:
        if args.dry_run:
            print(f"--- {path} (not written: --dry-run)\n{item.text}")
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(item.text)
    written = "Would write" if args.dry_run else "Wrote"
    name = f" from '{result.calendar_name}'" if result.calendar_name else ""
    print(f"{written} {len(targets)} file{'s' if len(targets) != 1 else ''}{name} into "
          f"{content}.")
    shown = {item.path: path for path, item in targets}
    for line in result.report():
        relative, sep, rest = line.partition(": ")
        print(f"{shown[relative]}: {rest}" if sep and relative in shown else line)
    if targets and not args.dry_run:
        print("Check them with: python scripts/check.py " + args.settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
