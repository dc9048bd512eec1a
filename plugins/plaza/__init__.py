"""Plaza's pure core: content model, validation, recurrence, calendars and feeds.

Nothing in this package imports Pelican. The flow a content file takes is:

1. ``frontmatter`` splits a Markdown file into YAML fields (with line numbers) and body.
2. ``schema`` + ``records`` turn the fields into typed, validated records, or ``Problem``s
   that name the file, line, field and fix.
3. ``loader`` assembles every record and its translations into a ``Site``.
4. ``views``, ``ical`` and ``feeds`` turn the site into what each language shows.

``plaza_pelican`` is the thin adapter that runs this inside a Pelican build.
"""
