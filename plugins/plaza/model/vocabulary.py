"""Display labels for closed vocabularies. English msgids; gettext translates them.

``N_`` only marks a string for extraction (pybabel -k N_), and ``NP_`` one with a context
(-k NP_:1c,2); translation happens where the label is shown, in the page's language, with
the same context (``pgettext``). A ``# Translators:`` comment above a label reaches the
catalogs (pybabel -c Translators:).
"""

from __future__ import annotations

from plaza.model.models import NotesStatus, Status


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802 - the gettext convention
    """A label translated with ``pgettext(context, message)`` where it is shown."""
    return message


# The same status words describe a whole event (or program) and one session of a
# program; many languages make the word agree with the noun (es "Confirmado" for an
# event, "Confirmada" for a session), so each has its own context.
EVENT_STATUS = "event status"
SESSION_STATUS = "session status"


AUDIENCE_LABELS = {
    "residents": N_("Residents"),
    "community-leaders": N_("Community leaders"),
    # Translators: people who help immigrants with legal matters (attorneys, accredited
    # representatives, paralegals); use the glossary's term.
    "legal-advocates": N_("Legal advocates"),
    "local-government": N_("Local government"),
    "law-enforcement": N_("Law enforcement"),
    "service-providers": N_("Service providers"),
}

# The heading of one audience's calendar and feed, as a whole phrase, so that each
# language can inflect the noun and keep its own capitals ("Para residentes", not
# "Para Residentes" built from "For %(audience)s" and the label).
AUDIENCE_HEADINGS = {
    # Translators: the heading of the calendar and the feed for one audience.
    "residents": N_("For residents"),
    # Translators: the heading of the calendar and the feed for one audience.
    "community-leaders": N_("For community leaders"),
    # Translators: the heading of the calendar and the feed for one audience (see the
    # glossary's "legal advocates").
    "legal-advocates": N_("For legal advocates"),
    # Translators: the heading of the calendar and the feed for one audience.
    "local-government": N_("For local government"),
    # Translators: the heading of the calendar and the feed for one audience.
    "law-enforcement": N_("For law enforcement"),
    # Translators: the heading of the calendar and the feed for one audience.
    "service-providers": N_("For service providers"),
}
# Translators: the heading of the calendar and the feed for an audience a site added;
# %(audience)s is its name as the site's settings give it.
AUDIENCE_HEADING_OTHER = N_("For %(audience)s")

ACCESSIBILITY_LABELS = {
    "wheelchair": N_("Wheelchair accessible"),
    "asl": N_("ASL interpretation"),
    # Translators: real-time text of what is said, shown on a screen (not a translation).
    "captions": N_("Live captions"),
    "childcare": N_("Childcare"),
    # Translators: a person interprets what is said aloud into other languages.
    "interpretation": N_("Language interpretation"),
    "quiet-room": N_("Quiet room"),
    "parking": N_("Accessible parking"),
    "transit": N_("Near public transit"),
}

STATUS_LABELS = {
    # Translators: the status of an event (a meeting, workshop or program), shown as a
    # badge next to its title. Agree with the word your language uses for "event".
    Status.CONFIRMED: NP_("event status", "Confirmed"),
    # Translators: an event that is planned but not yet certain to happen (not
    # "temporary", not "undecided").
    Status.TENTATIVE: NP_("event status", "Tentative"),
    # Translators: an event that will not take place.
    Status.CANCELLED: NP_("event status", "Cancelled"),
    # Translators: an event moved to a later date that is not yet known.
    Status.POSTPONED: NP_("event status", "Postponed"),
}

SESSION_STATUS_LABELS = {
    # Translators: the status of one session of a program, in the table of sessions.
    # Agree with the word your language uses for "session".
    Status.CONFIRMED: NP_("session status", "Confirmed"),
    # Translators: a session that is planned but not yet certain to happen (not
    # "temporary", not "undecided").
    Status.TENTATIVE: NP_("session status", "Tentative"),
    # Translators: a session that will not take place.
    Status.CANCELLED: NP_("session status", "Cancelled"),
    # Translators: a session moved to a later date that is not yet known.
    Status.POSTPONED: NP_("session status", "Postponed"),
}

NOTES_STATUS_LABELS = {
    # Translators: meeting notes that the group has not yet approved as accurate.
    NotesStatus.DRAFT: N_("Draft, not yet approved"),
    # Translators: meeting notes the group approved as an accurate record.
    NotesStatus.APPROVED: N_("Approved"),
}

# Prefixes for calendar and feed titles, so a cancellation is visible even where an app
# shows only the title.
STATUS_TITLE_PREFIX = {
    Status.CANCELLED: N_("Cancelled: %(title)s"),
    Status.POSTPONED: N_("Postponed: %(title)s"),
    Status.TENTATIVE: N_("Tentative: %(title)s"),
}


def label(mapping: dict, key: object) -> str:  # type: ignore[type-arg]
    """The English label for a vocabulary value; unknown values show as written."""
    return str(mapping.get(key, key))
