"""The sentences `make new` writes where a volunteer's own words belong.

They must never be published: a file that still holds one fails the check, with a message
that says what to write instead. `make new` keeps such a file (it is half-done on purpose);
every other problem makes it remove the file.
"""

from __future__ import annotations

# The sentence written, and what it stands in for.
EVENT_TEXT = "Describe the event: what will happen, who it is for, what to bring."
PROGRAM_TEXT = "Describe the series: its purpose, how sessions work, ground rules."
PAGE_TEXT = "Write the page here."
FAQ_ANSWER = "Write the answer here. Say where to get legal help."

PLACEHOLDERS = {
    EVENT_TEXT: "the description is still the placeholder written by make new; write what "
                "the event is about",
    PROGRAM_TEXT: "the description is still the placeholder written by make new; write what "
                  "the series is about",
    PAGE_TEXT: "the text is still the placeholder written by make new; write the page",
    FAQ_ANSWER: "the answer is still the placeholder written by make new; write the answer "
                "to the question above it",
}
MESSAGES = frozenset(PLACEHOLDERS.values())


def placeholder_problems(body: str) -> list[tuple[int, str]]:
    """Each placeholder line left in ``body``: (line offset, message)."""
    return [(offset, PLACEHOLDERS[line.strip()]) for offset, line in enumerate(body.split("\n"))
            if line.strip() in PLACEHOLDERS]
