"""Display labels for closed vocabularies. English msgids; gettext translates them.

``N_`` only marks a string for extraction (pybabel -k N_); translation happens where the
label is shown, in the page's language.
"""

from __future__ import annotations

from plaza.model.models import NotesStatus, Status


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    return message


AUDIENCE_LABELS = {
    "residents": N_("Residents"),
    "community-leaders": N_("Community leaders"),
    "legal-advocates": N_("Legal advocates"),
    "local-government": N_("Local government"),
    "law-enforcement": N_("Law enforcement"),
    "service-providers": N_("Service providers"),
}

ACCESSIBILITY_LABELS = {
    "wheelchair": N_("Wheelchair accessible"),
    "asl": N_("ASL interpretation"),
    "captions": N_("Live captions"),
    "childcare": N_("Childcare"),
    "interpretation": N_("Language interpretation"),
    "quiet-room": N_("Quiet room"),
    "parking": N_("Accessible parking"),
    "transit": N_("Near public transit"),
}

STATUS_LABELS = {
    Status.CONFIRMED: N_("Confirmed"),
    Status.TENTATIVE: N_("Tentative"),
    Status.CANCELLED: N_("Cancelled"),
    Status.POSTPONED: N_("Postponed"),
}

NOTES_STATUS_LABELS = {
    NotesStatus.DRAFT: N_("Draft, not yet approved"),
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
