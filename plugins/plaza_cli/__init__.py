"""The ``plaza`` command: one entry point for building, previewing and editing a site.

Each subcommand is one module in ``plaza_cli.commands`` (found there by ``cli``), and
each delegates to the tool in ``scripts/`` that does the work, so ``plaza build`` and
``python scripts/build.py`` are the same program.
"""
