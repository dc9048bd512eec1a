"""A series' page and its list entries when a meeting is moved or called off: said
before the dates, in the reader's language, and marked in the dates themselves."""

from __future__ import annotations

import re

from plaza_pelican.commands import build


def spaced(text: str) -> str:
    return re.sub("[\u2009\u202f]", " ", text)


def test_a_moved_meeting_and_a_called_off_one_are_called_out(fixture_site):
    site, output = fixture_site
    program = site / "content" / "programs" / "dialogue.md"
    program.write_text(program.read_text().replace(
        "  - date: 2026-12-02\n    status: cancelled\n",
        "  - date: 2026-12-02\n    status: cancelled\n"
        "  - date: 2026-12-16\n    start: 2026-12-17 19:00\n"))
    assert build(str(site / "settings.py"), str(output)) == 0

    page = spaced((output / "programs" / "dialogue" / "index.html").read_text())
    when = page[page.index('<div class="when-block">'):page.index('<dl class="details">')]
    assert '<p class="series-rule">Every other Wednesday, 4 times, 6:30 – 8:30 PM</p>' in when
    # The next meeting is the moved one: its own time, not the rule's.
    assert re.search(r'<p class="when">Next: <time datetime="2026-12-17T19:00-08:00">'
                     r'Thursday, December 17, 2026, 7:00 – 9:00 PM', when)
    assert '<p class="series-skipped">No meeting on Wed, Dec 2, 2026</p>' in when
    assert re.search(r'<p class="series-moved">Wed, Dec 16, 2026: moved to <time '
                     r'datetime="2026-12-17T19:00-08:00">Thursday, December 17, 2026', when)

    spanish = spaced((output / "es" / "programs" / "dialogue" / "index.html").read_text())
    assert re.search(r'<p class="series-moved">mié, 16 de dic de 2026: se cambió al <time '
                     r'datetime="2026-12-17T19:00-08:00">jueves, 17 de diciembre de 2026',
                     spanish)
    assert "No hay reunión el mié, 2 de dic de 2026" in spanish

    listing = spaced((output / "events" / "index.html").read_text())
    card = re.search(r'<li class="agenda-item agenda-series">(?:(?!</li>\s*</ol>).)*?'
                     r'/programs/dialogue/.*?</ul>', listing, flags=re.S)
    assert card
    assert re.search(r'<li class="status-cancelled"><time datetime="2026-12-02T18:30-08:00">'
                     r'Wed, Dec 2</time> <strong class="badge badge-cancelled">Cancelled', card[0])
    assert re.search(r'<time datetime="2026-12-17T19:00-08:00">Thu, Dec 17</time> 7:00 PM '
                     r'<em>\(moved\)</em>', card[0])
