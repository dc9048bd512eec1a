"""Bringing content in from elsewhere. In: the bytes of another program's export (an
iCalendar file from Google Calendar, Outlook, Thunderbird or Apple Calendar) and the
site's time zone. Out: Plaza content files as (relative path, text), and a report of
what could not be carried over. No I/O: ``scripts/import_ics.py`` reads and writes.

``text`` makes foreign text safe to write (no hidden or control characters, no markup in
plain-text fields, no personal contact details); ``calendar_import`` maps each event or
series to the fields of ``plaza.reading.schema``."""
