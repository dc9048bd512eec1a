"""Stage 4, publishing. In: a ``Site`` and its ``Schedule``. Out: artifacts (``artifacts``),
every file the site publishes, declared in ``plan``: the pages of each language
(``pages`` with ``views``), calendars (``ical``), feeds and ``events.json`` (``feeds``),
the sitemap and robots.txt; each made from the site when a build engine asks."""
