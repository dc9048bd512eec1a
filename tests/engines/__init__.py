"""Calendar engines other than Plaza's own, reading .ics files as clients do: Mozilla's
ical.js (Thunderbird) through ``expand_ical.mjs``, and vobject (Radicale and other CalDAV
servers). Both use only the VTIMEZONEs embedded in a file, never a tz database, and
report each occurrence as ``Seen``, which Plaza's occurrences are compared with."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, NamedTuple

import vobject
from vobject.icalendar import registerTzid

from plaza.model.models import EventRecord, Item
from plaza.model.site import Site
from plaza.publishing.ical import ICAL_STATUS, uid
from plaza.time.recurrence import occurrences

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("expand_ical.mjs")
ICAL_JS = ROOT / "node_modules" / "ical.js" / "package.json"
HOW_TO_INSTALL_ICAL_JS = "install Node.js (apt-get install nodejs npm), then `npm ci`"


class Seen(NamedTuple):
    """One occurrence: UID, RECURRENCE-ID ("" for an event that does not repeat) and
    start, both in UTC as YYYYMMDDTHHMMSSZ (all-day: YYYYMMDD), and STATUS."""

    uid: str
    recurrence_id: str
    start: str
    status: str


def stamp(value: date) -> str:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, value
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _within(value: date, first: date, last: date) -> bool:
    if isinstance(value, datetime):
        moment = value.astimezone(UTC)
        return (datetime.combine(first, time(), UTC) <= moment
                < datetime.combine(last + timedelta(days=1), time(), UTC))
    return first <= value <= last


# --- ical.js ---------------------------------------------------------------------------

def ical_js_available() -> bool:
    return shutil.which("node") is not None and ICAL_JS.exists()


def ical_js(paths: Iterable[Path], first: date, last: date) -> dict[Path, set[Seen]]:
    """Every occurrence ical.js finds in each file, starting from ``first`` through
    ``last`` (UTC days). One Node process for all the files."""
    paths = list(paths)
    result = subprocess.run(["node", str(SCRIPT), first.isoformat(), last.isoformat(),
                             *map(str, paths)], capture_output=True, text=True, check=False,
                            cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    found: dict[str, list[dict[str, str]]] = json.loads(result.stdout)
    return {Path(path): {Seen(**seen) for seen in items} for path, items in found.items()}


# --- vobject ---------------------------------------------------------------------------

def vobject_occurrences(data: bytes, first: date, last: date) -> set[Seen]:
    """Every occurrence vobject finds, starting from ``first`` through ``last``.

    vobject keeps one zone per TZID for the whole process (the first it met, else
    pytz's), so this file's VTIMEZONEs are registered over them before its events are
    read, and every TZID is checked to have been read from this file."""
    calendar = vobject.readOne(data.decode("utf-8"), transform=False)
    zones: dict[str, tzinfo] = {}
    for component in calendar.contents.get("vtimezone", []):
        component.transformToNative()
        tzid = str(component.tzid.value)
        zones[tzid] = component.gettzinfo()
        registerTzid(tzid, zones[tzid])
    calendar.transformChildrenToNative()
    masters: dict[str, Any] = {}
    overrides: dict[tuple[str, str], Any] = {}
    for event in calendar.contents.get("vevent", []):
        for name in ("dtstart", "dtend", "recurrence_id", "exdate"):
            for line in event.contents.get(name.replace("_", "-"), []):
                tzid = line.params.get("TZID", [None])[0]
                values = line.value if isinstance(line.value, list) else [line.value]
                assert tzid is None or all(v.tzinfo is zones[tzid] for v in values), tzid
        key = str(event.uid.value)
        if "recurrence-id" in event.contents:
            overrides[(key, stamp(event.recurrence_id.value))] = event
        else:
            masters[key] = event
    found = set()
    for key, event in masters.items():
        start = event.dtstart.value
        rules = event.getrruleset(addRDate=True)
        if rules is None:
            regular: list[date] = [start]
        else:  # vobject expands all-day events on naive datetimes
            aware = isinstance(start, datetime) and start.tzinfo is not None
            low = datetime.combine(first - timedelta(days=31), time(), UTC if aware else None)
            high = datetime.combine(last + timedelta(days=32), time(), UTC if aware else None)
            regular = [value if isinstance(start, datetime) else value.date()
                       for value in rules.between(low, high, inc=True)]
        for value in regular:
            recurrence_id = stamp(value) if rules is not None else ""
            source = overrides.get((key, recurrence_id), event)
            begins = source.dtstart.value if source is not event else value
            if _within(begins, first, last):
                status = source.status.value if "status" in source.contents else ""
                found.add(Seen(key, recurrence_id, stamp(begins), status))
    return found


# --- Plaza -----------------------------------------------------------------------------

def plaza_occurrences(site: Site, item: Item, first: date, last: date) -> set[Seen]:
    """What Plaza says, through the tz database: ``recurrence.occurrences`` with a
    horizon past ``last``, since an open-ended series outlives the build's horizon."""
    record = item.original
    assert isinstance(record, EventRecord) and record.timing is not None
    horizon = datetime.combine(last + timedelta(days=1), time(), UTC)
    found = set()
    for occurrence in occurrences(record.timing, record.status, record.sessions, horizon):
        if _within(occurrence.start, first, last):
            recurrence_id = stamp(occurrence.recurrence_id) if record.timing.repeat else ""
            found.add(Seen(uid(site, item), recurrence_id, stamp(occurrence.start),
                           ICAL_STATUS[occurrence.status]))
    return found
