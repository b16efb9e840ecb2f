"""`whitephone diary import|export|list|add`: the diary from scripts (JSON on stdout)."""

from __future__ import annotations

import argparse
import re
from datetime import datetime

from whitephone.app import App
from whitephone.commands import fail
from whitephone.commands.hub_common import emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from whitephone.cli import common_options

    common = [common_options()]
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    i = sub.add_parser("import", parents=common, help="import .ics files")
    i.add_argument("files", nargs="+", metavar="FILE.ics")
    i.add_argument("--on-duplicate", choices=("skip", "update"), default="skip",
                   help="an event whose UID is already in the diary: skip it (default) or update it")
    e = sub.add_parser("export", parents=common, help="export the diary (or a range) to an .ics file")
    e.add_argument("file", metavar="FILE.ics")
    e.add_argument("--from", dest="start", metavar="ISO", help="only appointments from this date/time")
    e.add_argument("--to", dest="end", metavar="ISO", help="only appointments before this date/time")
    ls = sub.add_parser("list", parents=common, help="occurrences in a range (JSON lines)")
    ls.add_argument("--from", dest="start", metavar="ISO", required=True)
    ls.add_argument("--to", dest="end", metavar="ISO", required=True)
    a = sub.add_parser("add", parents=common, help="add an appointment")
    a.add_argument("--subject", required=True)
    a.add_argument("--start", required=True, metavar="ISO")
    a.add_argument("--end", required=True, metavar="ISO")
    a.add_argument("--all-day", action="store_true")
    a.add_argument("--place", default="")
    a.add_argument("--description", default="")
    a.add_argument("--timezone", help="IANA zone (default: the profile's)")
    a.add_argument("--participant", action="append", default=[], metavar="EMAIL")
    a.add_argument("--remind", metavar="15m|1h|1d", help="reminder before the start: 5m 15m 30m 1h 2h 1d")
    a.add_argument("--rrule", metavar="RULE", help="RFC 5545 repeat rule, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10")


_REMIND = re.compile(r"^\s*(\d+)\s*([mhd]?)\s*$", re.I)


def parse_remind(text: str) -> int:
    m = _REMIND.match(text or "")
    if not m:
        raise ValueError(f"--remind {text!r}: use 5m, 15m, 30m, 1h, 2h or 1d")
    return int(m.group(1)) * {"": 1, "m": 1, "h": 60, "d": 1440}[m.group(2).lower()]


def _iso(text: str | None, what: str, tz) -> datetime | None:
    if text is None:
        return None
    try:
        dt = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{what} {text!r} is not an ISO date or time (2026-03-29T09:00+02:00)") from None
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=tz)


def run(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from whitephone.core.diary import DiaryError
    from whitephone.importers.ics import IcsFileError

    app = App.open(args.profile)
    diary = app.store.diary
    tz = ZoneInfo(diary.default_timezone)
    try:
        if args.action == "import":
            try:
                emit(diary.import_ics(args.files, on_duplicate=args.on_duplicate))
            except IcsFileError as exc:
                return fail(str(exc))
        elif args.action == "export":
            n = diary.export_ics(args.file, _iso(args.start, "--from", tz), _iso(args.end, "--to", tz))
            emit({"exported": n, "file": args.file})
        elif args.action == "list":
            for o in diary.occurrences(_iso(args.start, "--from", tz), _iso(args.end, "--to", tz)):
                emit({"uid": o.uid, "subject": o.subject, "start": o.start.isoformat(), "end": o.end.isoformat(),
                      "all_day": o.all_day,
                      "recurrence_id": o.recurrence_id.isoformat() if o.recurrence_id is not None else None})
        elif args.action == "add":
            zone = ZoneInfo(args.timezone) if args.timezone else tz
            fields = {"subject": args.subject, "start": _iso(args.start, "--start", zone),
                      "end": _iso(args.end, "--end", zone), "all_day": args.all_day, "place": args.place,
                      "description": args.description,
                      "timezone": args.timezone or diary.default_timezone,
                      "participants": [_participant(app, e) for e in args.participant],
                      "remind_minutes": parse_remind(args.remind) if args.remind else None,
                      "rrule": args.rrule}
            a = diary.add(**fields)
            emit({"uid": a.uid, "subject": a.subject, "start": a.start.isoformat(), "end": a.end.isoformat(),
                  "all_day": a.all_day, "rrule": a.rrule, "participants": a.participants})
    except (DiaryError, ValueError) as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"{exc.strerror or exc}: {getattr(exc, 'filename', '')}")
    finally:
        app.close()
    return 0


def _participant(app: App, email: str) -> dict:
    """A colleague when the company directory knows the address, else a contact (or a bare address)."""
    email = email.strip()
    if "@" not in email:
        raise ValueError(f"--participant {email!r} is not an e-mail address")
    user = _colleague(app, email)
    if user is not None:
        return {"kind": "user", "id": str(user["id"]), "name": user.get("name") or "", "email": email}
    return {"kind": "contact", "id": None, "name": "", "email": email}


def _colleague(app: App, email: str) -> dict | None:
    """The signed-in company's user with this address (asks the hub; None offline)."""
    try:
        if not app.session.info.get("url"):
            return None
        for u in app.session.ensure().users():
            if str(u.get("email", "")).lower() == email.lower():
                return u
    except Exception:  # noqa: BLE001 - offline or signed out: the address stays a plain participant
        return None
    return None
