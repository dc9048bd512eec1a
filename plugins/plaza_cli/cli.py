"""``plaza COMMAND [options]``: find the subcommand, hand it the rest of the line.

The subcommands are the modules of ``plaza_cli.commands``; each parses its own options
(so ``plaza build --help`` is the build tool's own help). A mistyped command gets one
plain sentence and the closest command, not a usage dump.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import pkgutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from plaza.model.problems import shown_name
from plaza_cli import commands

DESCRIPTION = """\
Plaza makes a community website, in every language you publish, from the text files
in the content/ folder: events, meeting notes, programs, questions and answers, pages.
Run the commands below in the folder that holds pelicanconf.py (the site's settings).
"""
EXAMPLES = """\
examples:
  plaza build                 make the website in output/
  plaza serve                 see it in your browser while you edit
  plaza check                 only look for mistakes in the content
  plaza new --type event --title "Town hall" --start "2027-01-14 18:00"
  plaza translate content/events/town-hall.md es

For what a command does and its options: plaza COMMAND --help (e.g. plaza new --help).
"""


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    order: int
    main: Callable[[list[str], str], int]


def available() -> list[Command]:
    """Every subcommand, in the order ``plaza --help`` lists them."""
    found = []
    for module_info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        found.append(Command(module.NAME, module.SUMMARY, module.ORDER, module.main))
    return sorted(found, key=lambda command: (command.order, command.name))


def plaza_version() -> str:
    try:
        return version("plaza")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def parser_for(known: list[Command]) -> argparse.ArgumentParser:
    width = max(len(command.name) for command in known) + 2
    listing = "".join(f"  {command.name:<{width}}{command.summary}\n" for command in known)
    parser = argparse.ArgumentParser(
        prog="plaza", usage="plaza COMMAND [options]",
        description=f"{DESCRIPTION}\ncommands:\n{listing}", epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"Plaza {plaza_version()}",
                        help="show which version of Plaza this is")
    return parser


def unknown(name: str, known: list[Command]) -> str:
    names = [command.name for command in known]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f' Did you mean "plaza {close[0]}"?' if close else ""
    return (f'plaza: "{shown_name(name)}" is not a Plaza command.{hint} The commands are: '
            f'{", ".join(names)}. Run "plaza --help" to see what each one does.')


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    known = available()
    if not argv or argv[0] in ("-h", "--help", "help") and len(argv) == 1:
        parser_for(known).print_help()
        return 0 if argv else 2
    if argv[0] == "help":  # "plaza help build" is "plaza build --help"
        argv = [argv[1], "--help"]
    if argv[0] == "--version":
        print(f"Plaza {plaza_version()}")
        return 0
    if argv[0].startswith("-"):
        print(f'plaza: "{shown_name(argv[0])}" is not an option of plaza itself; put the '
              'command first, e.g. "plaza build --output /tmp/site". Run "plaza --help" to '
              'see the commands.', file=sys.stderr)
        return 2
    by_name = {command.name: command for command in known}
    if argv[0] not in by_name:
        print(unknown(argv[0], known), file=sys.stderr)
        return 2
    try:
        return by_name[argv[0]].main(argv[1:], f"plaza {argv[0]}")
    except SystemExit as leaving:  # argparse ends --help and bad options this way
        code = leaving.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except KeyboardInterrupt:
        return 130
