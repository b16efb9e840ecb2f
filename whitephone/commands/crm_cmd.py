"""`whitephone crm new|note|close|reopen|remind|list|show|types|report`: CRM records in the local store.

Every change is made in the profile's store and waits in its outbox; `whitephone sync --once`
(or the running app) takes it to the hub, which gives a new record its task number. TASK is the
task number or the record id. Output is JSON (one line per record for `list`); a refused change
prints {"error", "kind"} on stderr and exits 2 (a note on a closed record: kind "closed").
`report` prints calls per user per day: the team's from the hub when signed in (and allowed),
else this computer's call log, with `source` and a `note` saying which.
"""

from __future__ import annotations

import argparse

from whitephone.app import App
from whitephone.commands import fail
from whitephone.commands.hub_common import emit, hub_context, hub_fail
from whitephone.store.crm import PRIORITIES, STATUSES, CrmError
from whitephone.sync.hub_client import HubError

MAX_LIST = 10_000_000  # `crm list --limit`: more than any store holds, and within SQLite's integers


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from whitephone.cli import common_options

    common = [common_options()]
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    n = sub.add_parser("new", parents=common, help="open a record (prints it; task_number null until synced)")
    who = n.add_mutually_exclusive_group(required=True)
    who.add_argument("--contact", metavar="ID", help="the contact's id (as `contacts search` prints it)")
    who.add_argument("--number", metavar="N", help="the phone number or SIP identity it is about")
    n.add_argument("--type", required=True, help="one of `crm types`")
    n.add_argument("--priority", required=True, choices=PRIORITIES)
    n.add_argument("--subject", required=True)
    n.add_argument("--group", metavar="NAME", help="open it as this call group of mine (default: myself, "
                                                   "shared with the whole company); needs the hub")
    nt = sub.add_parser("note", parents=common, help="add a note to an open record")
    nt.add_argument("task", metavar="TASK")
    nt.add_argument("text")
    nt.add_argument("--private", action="store_true", help="a note only I see")
    for name, text in (("close", "close a record"), ("reopen", "re-open a closed record")):
        sub.add_parser(name, parents=common, help=text).add_argument("task", metavar="TASK")
    r = sub.add_parser("remind", parents=common, help="set (or with --clear, remove) a record's reminder")
    r.add_argument("task", metavar="TASK")
    when = r.add_mutually_exclusive_group(required=True)
    when.add_argument("--at", metavar="ISO", help="date and time, e.g. 2026-12-24T09:30 or 2026-12-24T09:30+01:00")
    when.add_argument("--clear", action="store_true")
    ls = sub.add_parser("list", parents=common, help="records, newest first (JSON lines)")
    ls.add_argument("--status", choices=STATUSES)
    ls.add_argument("--type")
    ls.add_argument("--priority", choices=PRIORITIES)
    ls.add_argument("--limit", type=int, default=200)
    sh = sub.add_parser("show", parents=common, help="one record with its notes and history (JSON)")
    sh.add_argument("task", metavar="TASK")
    sub.add_parser("types", parents=common, help="the company's record types (JSON list)")
    rp = sub.add_parser("report", parents=common, help="calls per user per day (JSON): the team's from the hub, "
                                                       "else this computer's; --xlsx/--csv write every report")
    rp.add_argument("--since", metavar="DATE", type=_date, help="first day (YYYY-MM-DD; default 29 days before --until)")
    rp.add_argument("--until", metavar="DATE", type=_date, help="last day (YYYY-MM-DD; default today)")
    out = rp.add_mutually_exclusive_group()
    out.add_argument("--xlsx", metavar="FILE", help="also write every CRM report to this workbook")
    out.add_argument("--csv", metavar="FILE", help="also write every CRM report to this CSV file")


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def _report(args) -> int:
    """Calls per user per day as JSON (the hub's when signed in, else local, saying so)."""
    from whitephone.core import crm_reports

    try:
        since, until = crm_reports.report_range(args.since, args.until)
    except ValueError as exc:
        return fail(str(exc))
    with hub_context(args) as ctx:
        fetch = None
        if ctx.session.info.get("url"):  # signed in before: the session resumes from the keyring
            def fetch(s, u, tz):
                return ctx.session.ensure().call_report(s, u, tz)
        calls = crm_reports.team_calls(ctx.app.store, fetch, since, until)
        if args.xlsx or args.csv:
            reps = crm_reports.all_reports(ctx.app.store, calls=calls)
            try:
                if args.xlsx:
                    crm_reports.export_xlsx(reps, args.xlsx)
                else:
                    crm_reports.export_csv(reps, args.csv)
            except (OSError, ValueError) as exc:
                return fail(f"cannot write the reports: {exc}")
    emit({"report": "calls", "source": calls.source, "note": calls.note, "since": since.isoformat(),
          "until": until.isoformat(),
          "rows": [dict(zip(("user", "day", "calls", "answered", "minutes", "average_minutes"), r, strict=True))
                   for r in calls.rows]})
    return 0


def _crm_fail(exc: CrmError) -> int:
    import json
    import sys

    print(json.dumps({"error": str(exc), "kind": exc.kind}, ensure_ascii=False), file=sys.stderr)
    return 2


def _group_id(args, name: str) -> int:
    """The id of my call group `name`, asked from the hub; raises HubError or CrmError."""
    with hub_context(args) as ctx:
        client = ctx.session.ensure()
        me = ctx.session.info.get("user_id")
        groups = client.groups()
    for g in groups:
        if g["name"].casefold() == name.strip().casefold():
            if me is not None and me not in g.get("members", []):
                raise CrmError("bad_value", f"you are not a member of the call group {g['name']!r}")
            return int(g["id"])
    known = ", ".join(sorted(g["name"] for g in groups)) or "none"
    raise CrmError("not_found", f"no call group named {name!r} (groups: {known})")


def run(args: argparse.Namespace) -> int:
    if args.action == "report":
        return _report(args)
    if args.action == "new" and args.group:
        try:
            group_id = _group_id(args, args.group)
        except HubError as exc:
            return hub_fail(exc)
        except CrmError as exc:
            return _crm_fail(exc)
    else:
        group_id = None
    app = App.open(args.profile)
    try:
        crm = app.store.crm
        if args.action == "new":
            if args.contact and app.store.contacts.get_by_uid(args.contact) is None:
                return _crm_fail(CrmError("not_found", f"no contact with id {args.contact!r}"))
            rec = crm.create(subject=args.subject, type=args.type, priority=args.priority, contact=args.contact,
                             number=args.number, group_id=group_id)
            emit(rec.to_json())
        elif args.action == "note":
            emit(crm.add_note(crm.resolve(args.task).uid, args.text, private=args.private).to_json())
        elif args.action in ("close", "reopen"):
            emit(getattr(crm, args.action)(crm.resolve(args.task).uid).to_json())
        elif args.action == "remind":
            emit(crm.remind(crm.resolve(args.task).uid, None if args.clear else args.at).to_json())
        elif args.action == "list":
            if not 1 <= args.limit <= MAX_LIST:
                return fail(f"--limit must be between 1 and {MAX_LIST}")
            for rec in crm.find(status=args.status, type=args.type, priority=args.priority, limit=args.limit):
                emit(rec.to_json())
        elif args.action == "show":
            rec = crm.get(args.task)
            if rec is None:
                return _crm_fail(CrmError("not_found", f"no CRM record {args.task!r}"))
            emit({**rec.to_json(), "notes": [n.to_json() for n in crm.notes(rec.uid)],
                  "history": crm.history(rec.uid)})
        elif args.action == "types":
            emit({"types": crm.types()})
    except CrmError as exc:
        return _crm_fail(exc)
    finally:
        app.close()
    return 0
