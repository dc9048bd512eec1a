// Expand the events of .ics files as Thunderbird does: with Mozilla's ical.js, and
// with no time zone but the VTIMEZONEs each file embeds.
//
//   node tests/engines/expand_ical.mjs FIRST LAST FILE...
//
// FIRST and LAST are days (YYYY-MM-DD, UTC, both included). Prints one JSON object,
// {file: [{uid, recurrence_id, start, status}, ...]}: each occurrence of each VEVENT
// (RRULE and EXDATE applied, RECURRENCE-ID overrides in place of the regular instance)
// whose start falls between them. Times are UTC (YYYYMMDDTHHMMSSZ), all-day dates
// YYYYMMDD; recurrence_id is "" for an event that does not repeat. Exits with an error
// when a TZID names no VTIMEZONE of its file: ical.js would silently float that time.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const DAY = 86400;
const [first, last, ...files] = process.argv.slice(2);
const from = Date.parse(`${first}T00:00:00Z`) / 1000;
const until = Date.parse(`${last}T00:00:00Z`) / 1000 + DAY;

function utc(time) {
  const pad = (n, width = 2) => String(n).padStart(width, "0");
  if (time.isDate) return `${pad(time.year, 4)}${pad(time.month)}${pad(time.day)}`;
  const t = time.convertToZone(ICAL.Timezone.utcTimezone);
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}Z`;
}

function checkZone(time, property) {
  const tzid = property.getParameter("tzid");
  if (tzid && !(time.zone && time.zone.tzid === tzid && time.zone.component)) {
    throw new Error(`${property.name.toUpperCase()};TZID=${tzid} has no VTIMEZONE`);
  }
}

function expand(text) {
  ICAL.TimezoneService.reset(); // only this file's zones, none from the previous one
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const masters = new Map();
  const overrides = [];
  for (const component of root.getAllSubcomponents("vevent")) {
    for (const name of ["dtstart", "dtend", "recurrence-id", "exdate"]) {
      for (const property of component.getAllProperties(name)) {
        for (const value of property.getValues()) checkZone(value, property);
      }
    }
    if (component.hasProperty("recurrence-id")) overrides.push(component);
    else masters.set(component.getFirstPropertyValue("uid"), new ICAL.Event(component));
  }
  for (const component of overrides) {
    masters.get(component.getFirstPropertyValue("uid")).relateException(component);
  }
  const found = [];
  for (const [uid, event] of masters) {
    const iterator = event.iterator();
    // Regular starts up to a month past the end: an override may move one earlier.
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (next.toUnixTime() >= until + 31 * DAY) break;
      const details = event.getOccurrenceDetails(next);
      const start = details.startDate.toUnixTime();
      if (start < from || start >= until) continue;
      found.push({
        uid,
        recurrence_id: event.isRecurring() ? utc(details.recurrenceId) : "",
        start: utc(details.startDate),
        status: details.item.component.getFirstPropertyValue("status") || "",
      });
      if (!event.isRecurring()) break;
    }
  }
  return found;
}

const result = {};
for (const file of files) result[file] = expand(readFileSync(file, "utf8"));
process.stdout.write(JSON.stringify(result));
