"""Plaza's pure core: content model, validation, time, and what the site publishes.

Nothing in this package imports Pelican, reads a file or keeps state. A content file
takes this path, and each stage imports only the ones before it:

1. ``model``: the shared vocabulary (records, items, the site, settings, problems);
2. ``time``: calendar arithmetic on a schedule (repeat rules, occurrences, VTIMEZONEs);
3. ``reading``: a file's bytes to validated records and a ``Site``, or problems that name
   the file, line, field and fix;
4. ``publishing``: a site to artifacts, the files the site publishes (pages, calendars,
   feeds), each a path and a function making its bytes.

Around it: ``plaza_sources`` reads files and git, ``plaza_build`` runs artifacts and
knows what to make again, ``plaza_pelican`` is the thin layer that runs it in Pelican.
"""
