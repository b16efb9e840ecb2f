"""iCalendar (.ics) in and out of the diary, through the `icalendar` library.

Reading: the file is cut into its calendars and their VEVENTs by BEGIN/END lines (counting
lines, so an error names the line its event starts on); each calendar is parsed by `icalendar`
as a whole, and only when that fails event by event (with the calendar's VTIMEZONEs), so one
broken event costs itself and nothing else. Events with a RECURRENCE-ID become overrides of
their series (moved occurrences); an event that is not a calendar item at all is refused.

Writing: one VEVENT per appointment (RRULE, EXDATE, RDATE, VALARM, TZID with its VTIMEZONE),
plus one VEVENT with RECURRENCE-ID per moved occurrence.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from whitephone.core import diary as d
from whitephone.core.diary import REMIND_CHOICES, Appointment, DiaryError
from whitephone.importers.textio import decode_best, sniff_bom

if TYPE_CHECKING:
    from whitephone.store.diary import DiaryStore

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 200 * 1024 * 1024


class IcsFileError(ValueError):
    """The file cannot be read or is not a calendar at all (str() says why)."""


@dataclass
class EventBlock:
    item: int  # 1-based VEVENT number in the file
    line: int  # line where BEGIN:VEVENT is
    text: str
    complete: bool = True
    problem: str = "the file ends inside this event (no END:VEVENT)"


@dataclass
class CalendarBlock:
    line: int
    lines: list[str] = field(default_factory=list)
    timezones: list[str] = field(default_factory=list)
    events: list[EventBlock] = field(default_factory=list)
    complete: bool = False
    x_wr_timezone: str = ""


# --------------------------------------------------------------------------------- reading
def read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise IcsFileError(f"{path.name} is larger than {MAX_FILE_BYTES // 2**20} MiB")
        data = path.read_bytes()
    except OSError as exc:
        raise IcsFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    enc, skip = sniff_bom(data[:8])
    return decode_best(data[skip:], enc)


_LINE_END = re.compile(r"\r\n|\n|\r")


def split_calendars(text: str) -> list[CalendarBlock]:
    """The VCALENDARs of a file with their VTIMEZONE and VEVENT texts and starting lines."""
    cals: list[CalendarBlock] = []
    cal: CalendarBlock | None = None
    stack: list[str] = []
    event: EventBlock | None = None
    ev_lines: list[str] = []
    tz_lines: list[str] | None = None
    item = 0
    # Content lines end in CRLF (LF or CR from sloppy writers); not str.splitlines(), which also
    # cuts at U+2028, form feeds and other characters that are legal inside TEXT values.
    for no, raw in enumerate(_LINE_END.split(text), 1):
        line = raw.rstrip("\r\x00")
        head = line[:40].upper()
        if head.startswith("BEGIN:"):
            name = head[6:].strip()
            if name == "VCALENDAR" and not stack:
                cal = CalendarBlock(no, [line])
                cals.append(cal)
                stack = ["VCALENDAR"]
                continue
            if cal is None:
                continue  # outside any calendar (an item with no VCALENDAR around it)
            if name == "VEVENT" and event is not None:  # the event before never ended
                event.text, event.complete = "\r\n".join(ev_lines), False
                event.problem = "no END:VEVENT before the next BEGIN:VEVENT"
                cal.events.append(event)
                event = None
            if name == "VEVENT":  # events never nest: a stray component left open ends here
                stack = ["VCALENDAR"]
            stack.append(name)
            if len(stack) == 2 and name == "VEVENT":
                item += 1
                event, ev_lines = EventBlock(item, no, ""), [line]
                continue
            if len(stack) == 2 and name == "VTIMEZONE":
                tz_lines = [line]
                continue
        elif head.startswith("END:") and stack:
            name = head[4:].strip()
            if name in stack:
                while stack and stack[-1] != name:  # a missing END inside: close it here
                    stack.pop()
                stack.pop()
                if event is not None and name == "VEVENT" and len(stack) == 1:
                    ev_lines.append(line)
                    event.text = "\r\n".join(ev_lines)
                    cal.events.append(event)  # type: ignore[union-attr]
                    event = None
                    continue
                if tz_lines is not None and name == "VTIMEZONE" and len(stack) == 1:
                    tz_lines.append(line)
                    cal.timezones.append("\r\n".join(tz_lines))  # type: ignore[union-attr]
                    tz_lines = None
                    continue
                if name == "VCALENDAR" and not stack:
                    cal.lines.append(line)  # type: ignore[union-attr]
                    cal.complete = True  # type: ignore[union-attr]
                    cal = None
                    continue
        if event is not None:
            ev_lines.append(line)
        elif tz_lines is not None:
            tz_lines.append(line)
        elif cal is not None:
            cal.lines.append(line)
            if len(stack) == 1 and head.startswith("X-WR-TIMEZONE:"):
                cal.x_wr_timezone = line.split(":", 1)[1].strip()
    if event is not None and cal is not None:  # the file ends inside an event
        event.text, event.complete = "\r\n".join(ev_lines), False
        cal.events.append(event)
    return cals


@dataclass
class Parsed:
    """What a file held: appointments (series with their overrides) and per-item errors."""

    appointments: list[Appointment] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    events: int = 0


def parse_file(path: Path, default_tz: str) -> Parsed:
    """Parse one .ics file; raises IcsFileError when it is not a calendar."""
    text = read_text(path)
    cals = split_calendars(text)
    if not cals:
        raise IcsFileError(f"{path.name} is not an iCalendar file (no BEGIN:VCALENDAR)")
    out = Parsed()
    masters: dict[str, Appointment] = {}
    pending: list[tuple[EventBlock, icalendar.Event, str]] = []  # overrides, attached at the end

    def fail(ev: EventBlock, reason: str) -> None:
        out.errors.append({"file": str(path), "item": ev.item, "line": ev.line, "reason": reason[:300]})

    for cal in cals:
        out.events += len(cal.events)
        cal_tz = cal.x_wr_timezone if _zone_ok(cal.x_wr_timezone) else default_tz
        components = _parse_calendar(cal)
        for ev, comp in zip(cal.events, components, strict=True):
            if not ev.complete:
                fail(ev, ev.problem)
                continue
            if isinstance(comp, str):
                fail(ev, comp)
                continue
            try:
                if comp.get("RECURRENCE-ID") is not None:
                    pending.append((ev, comp, cal_tz))
                    continue
                a = event_to_appointment(comp, cal_tz)
            except (DiaryError, ValueError, TypeError, KeyError, OverflowError, AttributeError) as exc:
                fail(ev, str(exc) or exc.__class__.__name__)
                continue
            if a.ical_uid in masters:
                fail(ev, f"a second event with UID {a.ical_uid[:60]} (the first one is kept)")
                continue
            masters[a.ical_uid] = a
            out.appointments.append(a)
    # RECURRENCE-ID;RANGE=THISANDFUTURE splits its series (in time order), before the plain
    # overrides, which then go to the part of the series that holds their occurrence
    pending.sort(key=lambda p: (not _this_and_future(p[1]), _rid_order(p[1])))
    # iCalendar UID -> [(from (the original series' time), series, its wall-clock shift)]
    parts: dict[str, list[tuple[datetime, Appointment, timedelta]]] = {}
    for ev, comp, cal_tz in pending:
        try:
            ical_uid = str(comp.get("UID") or "")
            master = masters.get(ical_uid)
            shift = timedelta(0)
            if master is not None and master.recurring:
                rid = _when(comp, "RECURRENCE-ID", master.timezone)[0]
                for since, part, wall in parts.get(ical_uid, []):
                    if rid >= since:  # a RECURRENCE-ID names the original start: mapped into the part
                        master, shift = part, wall
            if master is not None and master.recurring and _this_and_future(comp):
                new = _split_at(master, comp, shift)
                if new is master:
                    continue
                tz = ZoneInfo(master.timezone)
                wall = new.start.astimezone(tz).replace(tzinfo=None) - rid.astimezone(tz).replace(tzinfo=None)
                parts.setdefault(ical_uid, []).append((rid, new, wall))
                parts[ical_uid].sort(key=lambda p: p[0])
                out.appointments.append(new)
                continue
            if master is None or not master.recurring:
                a = event_to_appointment(comp, cal_tz, as_override=True)
                if a.ical_uid in masters:
                    a.ical_uid = f"{a.ical_uid}#{d.rid_key(_when(comp, 'RECURRENCE-ID', cal_tz)[0])}"
                masters[a.ical_uid] = a
                out.appointments.append(a)
                continue
            _attach_override(master, comp, shift)
        except (DiaryError, ValueError, TypeError, KeyError, OverflowError, AttributeError) as exc:
            fail(ev, str(exc) or exc.__class__.__name__)
    return out


def _rid_order(ev: icalendar.Event) -> float:
    try:
        raw = ev.decoded("RECURRENCE-ID")
        raw = raw[0] if isinstance(raw, list) else raw
        if isinstance(raw, datetime):
            return (raw if raw.tzinfo else raw.replace(tzinfo=UTC)).timestamp()
        return datetime(raw.year, raw.month, raw.day, tzinfo=UTC).timestamp()
    except Exception:  # noqa: BLE001  (a broken one fails later, with its reason)
        return 0.0


def _this_and_future(ev: icalendar.Event) -> bool:
    rid = ev.get("RECURRENCE-ID")
    return str(getattr(rid, "params", {}).get("RANGE", "")).upper() == "THISANDFUTURE"


def _split_at(master: Appointment, ev: icalendar.Event, shift: timedelta = timedelta(0)) -> Appointment:
    """A RECURRENCE-ID;RANGE=THISANDFUTURE override: the series is split there (as the editor's
    "this and the following" does) and the new part takes the override's times and text (its
    iCalendar UID is the series' with the occurrence: `UID#YYYYMMDDTHHMMSSZ`, stable on re-import).
    Split at its first occurrence, the whole series changes instead (the master is returned)."""
    tz = ZoneInfo(master.timezone)
    rid = d._wall_shift(_when(ev, "RECURRENCE-ID", master.timezone)[0], shift, tz)  # noqa: SLF001
    rid = d.midnight(rid, tz) if master.all_day else rid
    original = d.occurrence_at(master, rid)
    if original is None:
        raise ValueError("RECURRENCE-ID;RANGE=THISANDFUTURE names no occurrence of its series")
    if _text(ev, "STATUS").upper() == "CANCELLED":
        raise ValueError("a cancelled RANGE=THISANDFUTURE override is not supported (end the series with UNTIL)")
    o = event_to_appointment(ev, master.timezone, as_override=True)
    first = next(iter(d._rules(master)), None)  # noqa: SLF001
    if first is not None and first >= original:  # from the first on: the whole series
        wall = o.start.astimezone(tz).replace(tzinfo=None) - original.astimezone(tz).replace(tzinfo=None)
        length = o.end - o.start
        master.start = (master.start.astimezone(tz).replace(tzinfo=None) + wall).replace(tzinfo=tz)
        master.end = master.start + length
        target = master
    else:
        target = d.split_series(master, original, o.start, o.end, d_uid())
        target.ical_uid = f"{master.ical_uid}#{d.rid_key(original)}"
    target.subject = o.subject
    for k in ("place", "description"):
        if getattr(o, k):
            setattr(target, k, getattr(o, k))
    if o.remind_minutes is not None:
        target.remind_minutes = o.remind_minutes
    if o.participants:
        target.participants = o.participants
    d.horizon(target)
    return target


def _parse_calendar(cal: CalendarBlock) -> list[icalendar.Event | str]:
    """Each event of `cal` as a component, or the reason it failed to parse."""
    if cal.complete:
        whole = "\r\n".join([cal.lines[0], *cal.timezones, *(e.text for e in cal.events if e.complete),
                             *cal.lines[1:]])
        try:
            parsed = icalendar.Calendar.from_ical(whole)
            events = [c for c in parsed.subcomponents if c.name == "VEVENT"]
            if len(events) == sum(1 for e in cal.events if e.complete) and not any(_broken(e) for e in events):
                it = iter(events)
                return [next(it) if e.complete else "incomplete" for e in cal.events]
        except Exception as exc:  # noqa: BLE001 - icalendar raises many kinds; we retry per event
            log.debug("calendar at line %s parsed per event: %s", cal.line, exc)
    head = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//WhitePhone//import//EN", *cal.timezones])
    out: list[icalendar.Event | str] = []
    for e in cal.events:
        if not e.complete:
            out.append("incomplete")
            continue
        try:
            parsed = icalendar.Calendar.from_ical(f"{head}\r\n{e.text}\r\nEND:VCALENDAR")
            events = [c for c in parsed.subcomponents if c.name == "VEVENT"]
            if not events:
                out.append("no event could be read here")
            else:
                out.append(_broken(events[0]) or events[0])
        except Exception as exc:  # noqa: BLE001 - retry without its alarms, then without time zones
            out.append(_retry(head, e.text, exc))
    return out


_VALARM = re.compile(r"^BEGIN:VALARM.*?^END:VALARM\r?\n?", re.I | re.M | re.S)


def _retry(head: str, text: str, first: Exception) -> icalendar.Event | str:
    """A broken alarm (Apple's 'PT-2H') costs the reminder, not the event; a broken VTIMEZONE
    costs the zone (times are then read as the calendar's zone)."""
    bare = _VALARM.sub("", text)
    for h, body in ((head, bare), ("BEGIN:VCALENDAR", text), ("BEGIN:VCALENDAR", bare)):
        try:
            parsed = icalendar.Calendar.from_ical(f"{h}\r\n{body}\r\nEND:VCALENDAR")
            ev = next(c for c in parsed.subcomponents if c.name == "VEVENT")
            return _broken(ev) or ev
        except Exception:  # noqa: BLE001, S112
            continue
    return f"not a valid event: {first}"


def _broken(ev: icalendar.Event) -> str | None:
    """icalendar keeps going past a bad line and notes it; such an event is reported."""
    errs = getattr(ev, "errors", None)
    if errs:
        prop, msg = errs[0] if isinstance(errs[0], tuple) else ("", errs[0])
        return f"bad {prop or 'line'}: {msg}"
    return None


def _zone_ok(name: str) -> bool:
    if not name:
        return False
    try:
        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError):
        return False


_PREFIX = re.compile(r"^\((?:UTC|GMT)[^)]*\)\s*")


def zone_name_of(tzid: str | None, tzinfo: Any) -> str | None:
    """An IANA name for a TZID or a parsed tzinfo (Windows and Outlook names mapped), or None."""
    key = getattr(tzinfo, "key", None)
    if key and _zone_ok(key):
        return key
    if tzinfo is not None and tzinfo in (UTC,) or getattr(tzinfo, "zone", None) == "UTC":
        return "UTC"
    for name in filter(None, [tzid, getattr(tzinfo, "_tzid", None)]):
        name = name.strip().strip('"').replace("\\,", ",")
        name = re.sub(r"^/[^/]+/[^/]+/", "", name)  # /softwarestudio.org/Olson_20011030_5/Europe/Paris
        for candidate in (name, _PREFIX.sub("", name)):
            if _zone_ok(candidate):
                return candidate
            if candidate in WINDOWS_TO_OLSON:
                return WINDOWS_TO_OLSON[candidate]
    return None


def _when(ev: icalendar.Event, prop: str, cal_tz: str) -> tuple[datetime, str, bool]:
    """(aware datetime, zone name, is a date) of a DTSTART-like property."""
    value = ev.get(prop)
    if value is None:
        raise ValueError(f"no {prop}")
    raw = ev.decoded(prop)
    if isinstance(raw, list):
        raw = raw[0]
    tzid = value.params.get("TZID") if hasattr(value, "params") else None
    if isinstance(raw, datetime):
        if raw.tzinfo is None:
            name = zone_name_of(tzid, None)
            if name is None and tzid:  # not read as some other zone without a word
                raise ValueError(f"unknown time zone {str(tzid)[:60]!r} in {prop} (no VTIMEZONE for it)")
            name = name or cal_tz
            return raw.replace(tzinfo=ZoneInfo(name)), name, False
        name = zone_name_of(tzid, raw.tzinfo)
        if name is None:  # a custom VTIMEZONE with no known name: its instant, our zone
            return raw.astimezone(ZoneInfo(cal_tz)), cal_tz, False
        if name == "UTC":
            return raw.astimezone(UTC), "UTC", False
        return raw.replace(tzinfo=None).replace(tzinfo=ZoneInfo(name)), name, False
    if isinstance(raw, date):
        return datetime(raw.year, raw.month, raw.day, tzinfo=ZoneInfo(cal_tz)), cal_tz, True
    raise ValueError(f"{prop} is not a date or time")


def _dates(ev: icalendar.Event, prop: str, tz: ZoneInfo, all_day: bool) -> list[datetime]:
    out: list[datetime] = []
    values = ev.get(prop)
    if values is None:
        return out
    for v in values if isinstance(values, list) else [values]:
        tzid = v.params.get("TZID") if hasattr(v, "params") else None
        for item in getattr(v, "dts", []):
            dt = item.dt
            if isinstance(dt, tuple):  # a PERIOD: its start
                dt = dt[0]
            if isinstance(dt, datetime):
                if dt.tzinfo is None:
                    name = zone_name_of(tzid, None)
                    dt = dt.replace(tzinfo=ZoneInfo(name) if name else tz)
                elif zone_name_of(tzid, dt.tzinfo) not in (None, "UTC"):
                    dt = dt.replace(tzinfo=ZoneInfo(zone_name_of(tzid, dt.tzinfo)))
                if all_day:
                    dt = d.midnight(dt, tz)
                out.append(dt.astimezone(tz))
            elif isinstance(dt, date):
                out.append(datetime(dt.year, dt.month, dt.day, tzinfo=tz))
    return out


def _text(ev: icalendar.Event, prop: str) -> str:
    v = ev.get(prop)
    if isinstance(v, list):
        v = v[0] if v else ""
    return str(v) if v is not None else ""


def _remind(ev: icalendar.Event) -> int | None:
    """The first display/audio alarm before the start, rounded up to our nearest choice."""
    for alarm in ev.walk("VALARM"):
        action = _text(alarm, "ACTION").upper()
        if action not in ("DISPLAY", "AUDIO", ""):
            continue
        try:
            trig = alarm.decoded("TRIGGER")
        except (KeyError, ValueError, TypeError):
            continue
        if isinstance(trig, timedelta) and trig <= timedelta(0):
            minutes = -trig.total_seconds() / 60
            return next((c for c in REMIND_CHOICES if c >= minutes), REMIND_CHOICES[-1])
    return None


def _participants(ev: icalendar.Event) -> list[dict]:
    out = []
    attendees = ev.get("ATTENDEE")
    for a in attendees if isinstance(attendees, list) else ([attendees] if attendees else []):
        email = str(a)
        if email.lower().startswith("mailto:"):
            email = email[7:]
        partstat = str(a.params.get("PARTSTAT", "NEEDS-ACTION")).lower() if hasattr(a, "params") else ""
        out.append({"kind": "contact", "id": None, "name": str(a.params.get("CN", "")) if hasattr(a, "params") else "",
                    "email": email[:254], "answer": partstat if partstat in ("accepted", "declined") else "needs-action"})
    return out[:200]


def _uid(ev: icalendar.Event) -> str:
    uid = _text(ev, "UID").strip()
    if uid:
        return uid
    # no UID (Thunderbird's own test files have none): the same event imports as the same item
    key = "|".join(_text(ev, p) for p in ("SUMMARY", "DTSTART", "DTEND", "RRULE"))
    key += "|" + (ev.get("DTSTART").to_ical().decode() if ev.get("DTSTART") is not None else "")
    return "whitephone-" + hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()


def _rrule_text(ev: icalendar.Event) -> str | None:
    rule = ev.get("RRULE")
    if rule is None:
        return None
    if isinstance(rule, list):  # the same RRULE twice (Cyrus): the first one
        rule = rule[0]
    return rule.to_ical().decode()


def event_to_appointment(ev: icalendar.Event, cal_tz: str, as_override: bool = False) -> Appointment:
    """A VEVENT as an appointment (raises ValueError/DiaryError with the reason)."""
    start, tzname, is_date = _when(ev, "DTSTART", cal_tz)
    tz = ZoneInfo(tzname)
    if ev.get("DTEND") is not None:
        end = _when(ev, "DTEND", tzname)[0]
    elif ev.get("DURATION") is not None:
        dur = ev.decoded("DURATION")
        end = (start.replace(tzinfo=None) + dur).replace(tzinfo=tz) if is_date else start + dur
    else:
        end = start + (timedelta(days=1) if is_date else timedelta(0))
    if is_date:
        end = d.midnight(end, tz) if end > start else start + timedelta(days=1)
        end = end.replace(tzinfo=None).replace(tzinfo=tz)
    if end < start:
        raise ValueError("DTEND is before DTSTART")
    rrule = None if as_override else _rrule_text(ev)
    if rrule:
        rrule = d.normalize_rrule(rrule, tz)
    private = _text(ev, "CLASS").upper() in ("PRIVATE", "CONFIDENTIAL")
    a = Appointment(
        uid=d_uid(), subject=(_text(ev, "SUMMARY").strip() or "(no subject)")[:200], start=start, end=end,
        all_day=is_date, timezone=tzname, place=_text(ev, "LOCATION")[:200],
        description=_text(ev, "DESCRIPTION")[:20000], participants=_participants(ev),
        remind_minutes=_remind(ev), rrule=rrule,
        exdates=[] if as_override else _dates(ev, "EXDATE", tz, is_date),
        rdates=[] if as_override else _dates(ev, "RDATE", tz, is_date),
        private=private, ical_uid=_uid(ev)[:1000],
    )
    d.horizon(a)  # a rule that cannot be expanded fails here, for this event only
    from whitephone.store.diary import check_wire

    check_wire(a)  # what the hub would refuse is this item's error, not a row that never syncs
    return a


def d_uid() -> str:
    import uuid

    return str(uuid.uuid4())


def _attach_override(master: Appointment, ev: icalendar.Event, shift: timedelta = timedelta(0)) -> None:
    """A RECURRENCE-ID override on its series (`shift`: the wall-clock amount the part of a split
    series holding it moved by, as its RECURRENCE-ID names the original series' start)."""
    tz = ZoneInfo(master.timezone)
    rid, _, is_date = _when(ev, "RECURRENCE-ID", master.timezone)
    rid = d._wall_shift(rid, shift, tz) if shift else rid  # noqa: SLF001
    rid = d.midnight(rid, tz) if master.all_day else rid
    if _text(ev, "STATUS").upper() == "CANCELLED":
        master.exdates.append(rid)
        return
    o = event_to_appointment(ev, master.timezone, as_override=True)
    ov: dict[str, Any] = {"start": o.start.isoformat(), "end": o.end.isoformat()}
    for k in ("subject", "place", "description"):
        if getattr(o, k) and getattr(o, k) != getattr(master, k):
            ov[k] = getattr(o, k)
    if d.occurrence_at(master, rid) is None:  # an override of no occurrence: an extra one
        master.rdates.append(rid)
    master.overrides[d.rid_key(rid)] = ov


def import_into(store: DiaryStore, paths: Sequence[str | Path], on_duplicate: str = "skip",
                progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Import files into the diary; raises IcsFileError for a file that is not a calendar
    (before anything is written, so the command stays all-or-nothing per file set)."""
    if on_duplicate not in ("skip", "update"):
        raise ValueError("on_duplicate is skip or update")
    parsed = [(Path(p), parse_file(Path(p), store.default_timezone)) for p in paths]
    result: dict[str, Any] = {"imported": 0, "updated": 0, "skipped": 0, "errors": []}
    for i, (_path, p) in enumerate(parsed, 1):
        for start in range(0, len(p.appointments), 2000):
            n_new, n_upd, n_skip = store.store_imported(p.appointments[start:start + 2000], on_duplicate)
            result["imported"] += n_new
            result["updated"] += n_upd
            result["skipped"] += n_skip
        result["errors"].extend(p.errors)
        if progress:
            progress(i, len(parsed))
    return result


# --------------------------------------------------------------------------------- writing
def _ical_dt(dt: datetime, a: Appointment) -> datetime | date:
    if a.all_day:
        local = dt.astimezone(ZoneInfo(a.timezone))
        return date(local.year, local.month, local.day)
    return dt.astimezone(ZoneInfo(a.timezone)) if a.timezone != "UTC" else dt.astimezone(UTC)


def appointment_events(a: Appointment) -> list[icalendar.Event]:
    ev = icalendar.Event()
    ev.add("UID", a.ical_uid or a.uid)
    ev.add("DTSTAMP", datetime.now(UTC))
    ev.add("SUMMARY", a.subject)
    ev.add("DTSTART", _ical_dt(a.start, a))
    ev.add("DTEND", _ical_dt(a.end, a))
    if a.place:
        ev.add("LOCATION", a.place)
    if a.description:
        ev.add("DESCRIPTION", a.description)
    if a.private:
        ev.add("CLASS", "PRIVATE")
    if a.rrule:
        ev.add("RRULE", icalendar.vRecur.from_ical(a.rrule))
    if a.exdates:
        ev.add("EXDATE", [_ical_dt(x, a) for x in a.exdates])
    if a.rdates:
        ev.add("RDATE", [_ical_dt(x, a) for x in a.rdates])
    for p in a.participants:
        if p.get("email"):
            att = icalendar.vCalAddress(f"mailto:{p['email']}")
            if p.get("name"):
                att.params["CN"] = p["name"]
            att.params["PARTSTAT"] = (p.get("answer") or "needs-action").upper()
            ev.add("ATTENDEE", att, encode=0)
    if a.remind_minutes is not None:
        alarm = icalendar.Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", a.subject)
        alarm.add("TRIGGER", timedelta(minutes=-a.remind_minutes))
        ev.add_component(alarm)
    out = [ev]
    for key, ov in sorted(a.overrides.items()):
        if ov.get("cancelled"):
            continue
        o = icalendar.Event()
        o.add("UID", a.ical_uid or a.uid)
        o.add("DTSTAMP", datetime.now(UTC))
        o.add("RECURRENCE-ID", _ical_dt(d.parse_key(key), a))
        o.add("SUMMARY", ov.get("subject") or a.subject)
        tz = d.zone(a.timezone)
        occ = d._occurrence(a, d.parse_key(key).astimezone(tz), key, d._duration(a), tz)  # noqa: SLF001
        o.add("DTSTART", _ical_dt(occ.start, a))
        o.add("DTEND", _ical_dt(occ.end, a))
        if ov.get("place") or a.place:
            o.add("LOCATION", ov.get("place") or a.place)
        if ov.get("description") or a.description:
            o.add("DESCRIPTION", ov.get("description") or a.description)
        out.append(o)
    return out


def export_appointments(items: Sequence[Appointment], path: Path) -> int:
    """Write `items` to `path` as one VCALENDAR (atomically: a temporary file renamed)."""
    cal = icalendar.Calendar()
    cal.add("PRODID", "-//WhitePhone//Diary//EN")
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    for a in items:
        for ev in appointment_events(a):
            cal.add_component(ev)
    cal.add_missing_timezones()
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(cal.to_ical())
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise IcsFileError(f"cannot write {path}: {exc.strerror or exc}") from None
    return len(items)
