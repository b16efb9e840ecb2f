"""The diary's plain data (appointments, occurrences) and recurrence expansion.

No SQL and no Qt: the store keeps appointments as these fields and asks `expand` for the
occurrences in a range. Recurrence is RFC 5545 through python-dateutil's rrule/rruleset, expanded
on aware datetimes in the appointment's own zone, so "every day at 09:00 Europe/Berlin" stays at
09:00 on both sides of a daylight-saving change.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rruleset

from whitephone.protocol import recurrence

REMIND_CHOICES = (5, 15, 30, 60, 120, 1440)  # seed 001: 5, 15, 30 minutes, 1 h, 2 h, 1 day
ANSWERS = ("needs-action", "accepted", "declined")
MEETING_MODES = ("manual", "automatic")
FOREVER = 1e12  # horizon (epoch seconds) of a series without end
MAX_EXPAND = 100_000  # occurrences walked to find a finite series' last one
HORIZON_YEARS = 100  # a finite series' last occurrence is looked for this far (then: endless)
FAST_FREQS = ("SECONDLY", "MINUTELY")  # refused: a walk from an old start is millions of steps


class DiaryError(ValueError):
    """An appointment the user asked for cannot be stored as given (message says why)."""


@dataclass
class Appointment:
    uid: str
    subject: str
    start: datetime
    end: datetime
    all_day: bool = False
    timezone: str = "UTC"
    place: str = ""
    description: str = ""
    participants: list[dict] = field(default_factory=list)
    organizer_id: int | None = None
    record: str | None = None
    remind_minutes: int | None = None
    rrule: str | None = None
    exdates: list[datetime] = field(default_factory=list)
    rdates: list[datetime] = field(default_factory=list)
    private: bool = False
    meeting: dict | None = None
    created_at: str = ""
    updated_at: str = ""
    # moved or changed occurrences: {recurrence_id (UTC key): {"start", "end", "subject"?, ...}}
    overrides: dict[str, dict] = field(default_factory=dict)
    ical_uid: str = ""
    contact: str | None = None
    split_from: str | None = None  # the series this one was split off ("this and the following")

    @property
    def recurring(self) -> bool:
        return bool(self.rrule or self.rdates)


@dataclass
class Occurrence:
    uid: str
    recurrence_id: datetime | None
    subject: str
    start: datetime
    end: datetime
    all_day: bool
    appointment: Appointment
    moved: bool = False
    meeting: dict | None = None

    @property
    def key(self) -> str:
        """Names this occurrence among its series' (a single appointment: its start, so a moved
        appointment is reminded and dialled again at its new time)."""
        return rid_key(self.recurrence_id if self.recurrence_id is not None else self.start)


# ------------------------------------------------------------------------------------ times
def local_zone_name() -> str:
    """The computer's IANA zone name (TZ, /etc/localtime), else "UTC"."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and _zone_ok(name):
        return name
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
            if _zone_ok(name):
                return name
    except OSError:
        pass
    return "UTC"


def _zone_ok(name: str) -> bool:
    try:
        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError):
        return False


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise DiaryError(f"unknown time zone {name!r}") from None


def rid_key(dt: datetime) -> str:
    """A recurrence id as a stable text key: the instant in UTC."""
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_key(key: str) -> datetime:
    return datetime.strptime(key, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def aware(value: Any, tz: ZoneInfo, what: str) -> datetime:
    """An aware datetime from a datetime, a date (local midnight) or ISO text; naive means `tz`."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise DiaryError(f"{what} is not an ISO date or time: {value!r}") from None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=tz)
    raise DiaryError(f"{what} must be a date or time")


def midnight(dt: datetime, tz: ZoneInfo) -> datetime:
    local = dt.astimezone(tz)
    return datetime(local.year, local.month, local.day, tzinfo=tz)


_UNTIL = re.compile(r"UNTIL=([0-9]{8}(?:T[0-9]{6})?Z?)", re.I)


def normalize_rrule(rule: str, tz: ZoneInfo) -> str:
    """The rule as one RRULE value with UNTIL in UTC (dateutil wants that with an aware DTSTART;
    a DATE or floating UNTIL counts in the appointment's zone)."""
    rule = rule.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    if not rule or "\n" in rule:
        raise DiaryError("a repeat rule is one RRULE line (e.g. FREQ=WEEKLY;BYDAY=MO)")

    def utc_until(mo: re.Match) -> str:
        v = mo.group(1).upper()
        if v.endswith("Z"):
            return f"UNTIL={v}"
        fmt = "%Y%m%dT%H%M%S" if "T" in v else "%Y%m%d"
        local = datetime.strptime(v, fmt)
        if "T" not in v:  # the whole last day counts
            local = local.replace(hour=23, minute=59, second=59)
        return "UNTIL=" + local.replace(tzinfo=tz).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    try:
        rule = _UNTIL.sub(utc_until, rule)
        check_freq(rule)
        recurrence.parse(rule, datetime(2020, 1, 1, tzinfo=tz))
    except (ValueError, TypeError, OverflowError) as exc:
        raise DiaryError(f"bad repeat rule {rule[:80]!r}: {exc}") from None
    return rule


_FREQ = re.compile(r"(?:^|;)\s*FREQ\s*=\s*([A-Z]+)", re.I)


def check_freq(rule: str) -> None:
    """Refuse a rule repeating every second or minute: expanding it from a start years ago walks
    millions of steps (a diary that never loads), and no calendar program writes one."""
    mo = _FREQ.search(rule)
    if mo and mo.group(1).upper() in FAST_FREQS:
        raise DiaryError(f"a repeat rule more often than hourly is not supported (FREQ={mo.group(1).upper()})")


# ------------------------------------------------------------------------------- expansion
def _rule(a: Appointment, start: datetime):
    check_freq(a.rrule)  # also a synced row: refused here, never expanded
    try:  # ... and one dateutil would walk for ever (INTERVAL=0) or to the year 9999 (30 February)
        return recurrence.parse(a.rrule, start)
    except DiaryError:
        raise
    except (ValueError, TypeError, OverflowError) as exc:
        raise DiaryError(f"bad repeat rule {a.rrule[:80]!r}: {exc}") from None


def _rules(a: Appointment) -> rruleset:
    tz = zone(a.timezone)
    start = a.start.astimezone(tz)
    rs = rruleset()
    if a.rrule:
        rs.rrule(_rule(a, start))
    else:
        rs.rdate(start)
    for d in a.rdates:
        rs.rdate(d.astimezone(tz))
    for d in a.exdates:
        rs.exdate(d.astimezone(tz))
    return rs


def _duration(a: Appointment) -> timedelta:
    """Length of every occurrence: an all-day appointment's in wall-clock days (a day stays a
    day across DST), a timed one's exact (RFC 5545 3.8.5.3: the same exact duration each time,
    so 30 minutes stay 30 minutes on the nights the clocks change)."""
    if a.all_day:
        tz = zone(a.timezone)
        return a.end.astimezone(tz).replace(tzinfo=None) - a.start.astimezone(tz).replace(tzinfo=None)
    return a.end.astimezone(UTC) - a.start.astimezone(UTC)


def _shift(start: datetime, length: timedelta, tz: ZoneInfo, all_day: bool = False) -> datetime:
    if all_day:
        return (start.astimezone(tz).replace(tzinfo=None) + length).replace(tzinfo=tz)
    return (start.astimezone(UTC) + length).astimezone(tz)


def in_gap(dt: datetime) -> bool:
    """`dt` is a wall time the clocks skip in its zone (02:30 on a spring-forward night)."""
    if dt.tzinfo is None or dt.tzinfo is UTC:
        return False
    return dt.astimezone(UTC).astimezone(dt.tzinfo).replace(tzinfo=None) != dt.replace(tzinfo=None)


def expand(a: Appointment, lo: datetime, hi: datetime) -> list[Occurrence]:
    """The occurrences of `a` that overlap [lo, hi), moved ones where they were moved to."""
    lo, hi = lo.astimezone(UTC), hi.astimezone(UTC)  # cheap comparisons with any offset
    if not a.recurring:
        if a.start < hi and (a.end > lo or (a.end == a.start and a.start >= lo)):
            return [Occurrence(a.uid, None, a.subject, a.start, a.end, a.all_day, a, False, a.meeting)]
        return []
    tz = zone(a.timezone)
    prepared = a.__dict__.get("_prepared")
    rules, length = prepared if prepared is not None else (_rules(a), _duration(a))
    out: list[Occurrence] = []
    seen: set[str] = set()
    slack = max(length, timedelta(0)) + timedelta(days=1)
    for s in rules.between(lo - slack, hi + timedelta(days=1), inc=True):
        key = rid_key(s)
        seen.add(key)
        occ = _occurrence(a, s, key, length, tz)
        if occ is not None and _overlaps(occ, lo, hi):
            out.append(occ)
    for key, ov in a.overrides.items():  # moved into the range from outside it
        if key in seen or ov.get("cancelled"):
            continue
        occ = _occurrence(a, parse_key(key).astimezone(tz), key, length, tz)
        if occ is not None and occ.moved and _overlaps(occ, lo, hi):
            out.append(occ)
    out.sort(key=lambda o: o.start.timestamp())
    return out


def prepare(a: Appointment) -> Appointment:
    """Keep `a`'s parsed rule on it for later `expand` calls: only for an appointment nobody
    changes any more (the store's read cache), since the rule is not rebuilt."""
    if a.recurring:
        a.__dict__["_prepared"] = (_rules(a), _duration(a))
    return a


def _overlaps(o: Occurrence, lo: datetime, hi: datetime) -> bool:
    return o.start < hi and (o.end > lo or (o.end == o.start and o.start >= lo))


def _occurrence(a: Appointment, s: datetime, key: str, length: timedelta, tz: ZoneInfo) -> Occurrence | None:
    ov = a.overrides.get(key)
    if ov is None:
        return Occurrence(a.uid, s, a.subject, s, _shift(s, length, tz, a.all_day), a.all_day, a, False,
                          a.meeting)
    if ov.get("cancelled"):
        return None
    start = datetime.fromisoformat(ov["start"]) if ov.get("start") else s
    end = datetime.fromisoformat(ov["end"]) if ov.get("end") else _shift(start, length, tz, a.all_day)
    moved = start != s or end != _shift(s, length, tz, a.all_day)
    return Occurrence(a.uid, s, ov.get("subject") or a.subject, start, end, a.all_day, a, moved,
                      ov.get("meeting", a.meeting))


def horizon(a: Appointment) -> float:
    """Epoch seconds after which `a` has no occurrence (FOREVER for an endless series)."""
    ends = [a.end.timestamp()]
    for ov in a.overrides.values():
        if ov.get("end"):
            ends.append(datetime.fromisoformat(ov["end"]).timestamp())
    if not a.recurring:
        return max(ends)
    start = a.start.astimezone(zone(a.timezone))
    starts = [x.timestamp() for x in a.rdates]
    if a.rrule:
        rule = _rule(a, start)
        count, until = rule._count, rule._until  # noqa: SLF001
        if count is None and until is None:
            return FOREVER
        # Walk at most HORIZON_YEARS (a rule that can never match, 30 February, would otherwise
        # be walked by dateutil day by day up to the year 9999) and MAX_EXPAND occurrences.
        cap = start + timedelta(days=366 * HORIZON_YEARS)
        bounded = rule.replace(count=None, until=min(until, cap) if until is not None else cap)
        last, n = None, 0
        for s in bounded:
            last, n = s, n + 1
            if (count is not None and n >= count) or n > MAX_EXPAND:
                break
        if n > MAX_EXPAND or (last is not None and count is not None and n < count
                              and (until is None or until > cap)):
            return FOREVER  # more occurrences than we walk, or COUNT not reached within the cap
        if last is not None:
            starts.append(last.timestamp())
    if starts:
        ends.append(max(starts) + _duration(a).total_seconds() + 3600)  # DST slack
    return max(ends)


def first_start(a: Appointment) -> float:
    """Epoch seconds of the earliest start (an occurrence moved before the series counts)."""
    starts = [a.start.timestamp()] + [d.timestamp() for d in a.rdates]
    starts += [datetime.fromisoformat(ov["start"]).timestamp() for ov in a.overrides.values() if ov.get("start")]
    return min(starts)


def occurrence_at(a: Appointment, recurrence_id: datetime) -> datetime | None:
    """The original start of the occurrence named `recurrence_id`, if the series has one."""
    if not a.recurring:
        return None
    rid = recurrence_id.astimezone(UTC)
    for s in _rules(a).between(rid - timedelta(seconds=1), rid + timedelta(seconds=1), inc=True):
        if s == rid:
            return s
    return None


def _wall_shift(x: datetime, wall: timedelta, tz: ZoneInfo) -> datetime:
    """`x` moved by a wall-clock amount in `tz` (09:00 stays 09:00 + wall across a DST change)."""
    return (x.astimezone(tz).replace(tzinfo=None) + wall).replace(tzinfo=tz)


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_PLAIN_DAY = re.compile(r"^(MO|TU|WE|TH|FR|SA|SU)$")


def _shift_byday(value: str, days: int) -> str:
    """BYDAY=MO,WE moved by `days` (MO -> TU for +1); days with an ordinal (1MO, -1FR) stay."""
    out = []
    for x in value.split(","):
        x = x.strip().upper()
        out.append(_WEEKDAYS[(_WEEKDAYS.index(x) + days) % 7] if _PLAIN_DAY.match(x) else x)
    return ",".join(out)


def split_series(a: Appointment, original: datetime, start: datetime, end: datetime, new_uid: str) -> Appointment:
    """Split `a` at its occurrence `original` ("this and the following ones"): `a` ends before it
    (UNTIL just before; a COUNT is shared out as RFC 5545 counts it, before EXDATE), and the
    returned series (uid `new_uid`, no iCalendar UID, `split_from` = a.uid) starts at
    `start`–`end` with the rest: the same rule (its plain BYDAY days moved along when the
    occurrence moved to another day), and its exceptions, extra dates and moved occurrences
    shifted by the same wall-clock amount. Split at an extra date (RDATE), the rule's occurrences
    are not moved: the new part's rule starts at its next occurrence as it was."""
    tz = zone(a.timezone)
    okey = rid_key(original)
    rule = _rule(a, a.start.astimezone(tz)) if a.rrule else None
    in_rule = rule is not None and any(s == original for s in rule.between(
        original - timedelta(seconds=1), original + timedelta(seconds=1), inc=True))
    before = sum(1 for _ in rule.between(a.start - timedelta(seconds=1), original, inc=False)) if rule else 0
    parts = dict(p.split("=", 1) for p in a.rrule.split(";") if "=" in p) if a.rrule else {}
    count = parts.pop("COUNT", None)
    parts.pop("UNTIL", None)
    wall = start.astimezone(tz).replace(tzinfo=None) - original.astimezone(tz).replace(tzinfo=None)
    rule_wall = wall if in_rule else timedelta(0)
    new_parts = dict(parts)
    if count is not None:
        new_parts["COUNT"] = str(max(1, int(count) - before))
    day_shift = (start.astimezone(tz).date() - original.astimezone(tz).date()).days if in_rule else 0
    if day_shift % 7 and "BYDAY" in new_parts:
        new_parts["BYDAY"] = _shift_byday(new_parts["BYDAY"], day_shift)
    cut = (original - timedelta(seconds=1)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    new_rule = ";".join(f"{k}={v}" for k, v in new_parts.items()) if a.rrule else None
    rest_start = None if in_rule or rule is None else rule.after(original, inc=False)
    a.rrule = ";".join(f"{k}={v}" for k, v in {**parts, "UNTIL": cut}.items()) if a.rrule else None
    new = Appointment(**{f: getattr(a, f) for f in a.__dataclass_fields__})
    new.participants = [dict(p) for p in a.participants]
    new.meeting = dict(a.meeting) if a.meeting else None
    new.uid, new.ical_uid, new.split_from = new_uid, "", a.uid
    new.rrule = new_rule
    new.exdates = [_wall_shift(x, rule_wall, tz) for x in a.exdates if x >= original]
    a.exdates = [x for x in a.exdates if x < original]
    new.rdates = [_wall_shift(x, rule_wall, tz) for x in a.rdates if x >= original]
    a.rdates = [x for x in a.rdates if x < original]
    new.overrides = {rid_key(_wall_shift(parse_key(k), rule_wall, tz)): dict(v)
                     for k, v in a.overrides.items() if k > okey}
    a.overrides = {k: v for k, v in a.overrides.items() if k < okey}
    if in_rule or rule is None:
        new.start, new.end = start.astimezone(tz), end.astimezone(tz)
    else:  # at an extra date: it takes the new times, the rule goes on where it was
        length = _duration(a)
        new.rdates = [x for x in new.rdates if x != original] + [start.astimezone(tz)]
        if rest_start is None:  # no rule occurrence after it: the extra dates alone
            new.rrule, new.start, new.end = None, start.astimezone(tz), end.astimezone(tz)
            new.rdates = [x for x in new.rdates if x != start.astimezone(tz)]
        else:
            new.start = rest_start.astimezone(tz)
            new.end = _shift(new.start, length, tz, a.all_day)
            if new.rrule and count is not None:
                kept = dict(p.split("=", 1) for p in new.rrule.split(";") if "=" in p)
                kept["COUNT"] = str(max(1, int(count) - before))
                new.rrule = ";".join(f"{k}={v}" for k, v in kept.items())
            if end - start != length:  # the extra date's own length
                new.overrides[rid_key(start)] = {"start": start.isoformat(), "end": end.isoformat()}
    return new


# ---------------------------------------------------------------------------- wire fields
def to_fields(a: Appointment) -> dict[str, Any]:
    """The appointment as JSON-ready fields (the store's row and the sync wire format)."""
    return {
        "subject": a.subject, "start": a.start.isoformat(), "end": a.end.isoformat(), "all_day": a.all_day,
        "timezone": a.timezone, "place": a.place, "description": a.description,
        "participants": [dict(p) for p in a.participants], "organizer_id": a.organizer_id,
        "record": a.record, "contact": a.contact, "remind_minutes": a.remind_minutes, "rrule": a.rrule,
        "exdates": [rid_key(d) for d in a.exdates], "rdates": [d.isoformat() for d in a.rdates],
        "overrides": [{"recurrence_id": k, **v} for k, v in sorted(a.overrides.items())],
        "private": a.private, "meeting": dict(a.meeting) if a.meeting else None,
        "ical_uid": a.ical_uid, "created_at": a.created_at, "updated_at": a.updated_at,
        **({"split_from": a.split_from} if a.split_from else {}),
    }


def from_fields(uid: str, f: dict[str, Any]) -> Appointment:
    """An appointment from stored or synced fields (missing ones empty, bad ones dropped)."""
    tzname = f.get("timezone") or "UTC"
    try:
        tz = ZoneInfo(tzname)
    except (ZoneInfoNotFoundError, ValueError):
        tzname, tz = "UTC", UTC
    start = aware(f.get("start") or "1970-01-01T00:00:00+00:00", tz, "start")
    end = aware(f.get("end") or f.get("start") or "1970-01-01T00:00:00+00:00", tz, "end")
    overrides = {}
    for ov in f.get("overrides") or []:
        if isinstance(ov, dict) and _valid_key(ov.get("recurrence_id")) and _iso_ok(ov.get("start")) \
                and _iso_ok(ov.get("end")):
            overrides[ov["recurrence_id"]] = {k: v for k, v in ov.items() if k != "recurrence_id" and v is not None}
    return Appointment(
        uid=uid, subject=f.get("subject") or "", start=start, end=end, all_day=bool(f.get("all_day")),
        timezone=tzname, place=f.get("place") or "", description=f.get("description") or "",
        participants=[dict(p) for p in f.get("participants") or [] if isinstance(p, dict)],
        organizer_id=f.get("organizer_id"), record=f.get("record"), contact=f.get("contact"),
        remind_minutes=f.get("remind_minutes"), rrule=f.get("rrule") or None,
        exdates=[parse_key(k) for k in f.get("exdates") or [] if _valid_key(k)],
        rdates=[aware(d, tz, "rdate") for d in f.get("rdates") or [] if _iso_ok(d)],
        private=bool(f.get("private")), meeting=f.get("meeting") or None,
        created_at=f.get("created_at") or "", updated_at=f.get("updated_at") or "",
        overrides=overrides, ical_uid=f.get("ical_uid") or "",
        split_from=f.get("split_from") if isinstance(f.get("split_from"), str) else None,
    )


def _valid_key(k: Any) -> bool:
    try:
        parse_key(k)
        return True
    except (TypeError, ValueError):
        return False


def _iso_ok(v: Any) -> bool:
    """None (not given) or an ISO date/time text: what a synced field may hold here."""
    if v is None:
        return True
    try:
        datetime.fromisoformat(v)
        return True
    except (TypeError, ValueError):
        return False
