"""`whitephone contacts search|lookup|add|history|timeline`: JSON lines on stdout."""

from __future__ import annotations

import argparse
import json
import re
import sys

from whitephone.app import App
from whitephone.commands import UsageError, book_id_by_name, fail
from whitephone.core.contact import CompanyLink, ContactData, Email, Phone
from whitephone.core.search import SearchError, field_condition
from whitephone.phone import normalize
from whitephone.store import BookError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from whitephone.cli import common_options

    common = [common_options()]  # `contacts search X --profile DIR` works like `--profile DIR contacts …`
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    s = sub.add_parser("search", parents=common, help="contacts matching QUERY (same language as the search box)")
    s.add_argument("query", nargs="?", default="")
    s.add_argument("--where", nargs=3, action="append", default=[], metavar=("FIELD", "OP", "VALUE"),
                   help="search by field: OP is = (exact, any case) or like (%% any text; no %% = starts with)")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--book", help="only this address book")
    s.add_argument("--tag", help="only contacts with this tag")
    h = sub.add_parser("history", parents=common, help="every change to a contact, newest first")
    h.add_argument("contact", help="the contact's id (UUID)")
    h.add_argument("--limit", type=int, default=100)
    t = sub.add_parser("timeline", parents=common, help="a contact's calls, records, notes and changes, newest first")
    t.add_argument("contact", help="the contact's id (UUID)")
    t.add_argument("--kind", action="append", default=None, help="only this kind (repeatable): call, crm, "
                   "crm_note, message, appointment, note, change")
    t.add_argument("--since", help="ISO date or time (inclusive)")
    t.add_argument("--until", help="ISO date or time (exclusive)")
    t.add_argument("--limit", type=int, default=50)
    lk = sub.add_parser("lookup", parents=common, help="caller-ID: contacts with this phone number, in any format")
    lk.add_argument("number")
    a = sub.add_parser("add", parents=common, help="add a contact")
    a.add_argument("--name", required=True, help="full name (or company name with --company-only)")
    a.add_argument("--company", action="append", default=[], help="company the person works for")
    a.add_argument("--role", default="", help="role at the (first) company")
    a.add_argument("--phone", action="append", default=[], metavar="[KIND:]NUMBER",
                   help="phone number, optionally with a kind: mobile:+44 7700 900123")
    a.add_argument("--email", action="append", default=[])
    a.add_argument("--tag", action="append", default=[])
    a.add_argument("--book", help="address book name (created if missing)")
    a.add_argument("--company-only", action="store_true", help="the contact is a company")


def _line(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _emit(rows) -> None:
    for r in rows:
        sys.stdout.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")


_KIND = re.compile(r"^\s*([A-Za-z][A-Za-z _-]*?)\s*:(.*)$", re.S)
_SCHEMES = ("tel", "sip", "sips")  # "tel:+44…" is a number, not a kind


def _split_phone(text: str, region: str) -> Phone:
    """A `--phone [KIND:]NUMBER` value (KIND in any case); UsageError for an unknown KIND, an empty
    NUMBER, or a NUMBER that is not a phone number unless the kind is `other` (kept as text)."""
    from whitephone.core.contact import PHONE_KINDS

    kind, number = "", text.strip()
    m = _KIND.match(text)
    if m and m.group(1).lower() not in _SCHEMES:
        kind, number = m.group(1).lower().replace(" ", "_").replace("-", "_"), m.group(2).strip()
        if kind not in PHONE_KINDS:
            raise UsageError(f"unknown phone kind {m.group(1)!r} in {text!r}: use one of {', '.join(PHONE_KINDS)}")
    if not number:
        raise UsageError(f"{text!r} has no number" if kind else "--phone needs a number")
    if kind == "other" or normalize(number, region):
        return Phone(number, kind or "other")
    raise UsageError(f"{number!r} is not a phone number (region {region}); write it with + and the country "
                     f"code, or as other:TEXT to keep it as text")


def run(args: argparse.Namespace) -> int:
    app = App.open(args.profile)
    try:
        if args.action == "search":
            try:
                book_id = book_id_by_name(app, args.book)
            except UsageError as exc:
                return fail(str(exc))
            try:
                where = tuple(field_condition(f, op, v, app.profile.region) for f, op, v in args.where)
            except SearchError as exc:
                return fail(str(exc))
            _emit(app.contacts.search(args.query, limit=args.limit, book_id=book_id, tag=args.tag, where=where))
        elif args.action in ("history", "timeline"):
            c = app.store.contacts.get_by_uid(args.contact)
            if c is None:
                return fail(f"no contact with id {args.contact!r}")
            if args.action == "history":
                for e in app.store.history.for_contact(c.uid, limit=max(1, min(args.limit, 10_000))):
                    _line({"at": e.at, "source": e.source, "who": e.who, "field": e.field, "old": e.old,
                           "new": e.new})
            else:
                try:
                    page = app.store.timeline.for_contact(c.id, kinds=args.kind, since=args.since,
                                                          until=args.until, limit=args.limit)
                except ValueError as exc:
                    return fail(str(exc))
                for e in page:
                    _line({"kind": e.kind, "at": e.at, "title": e.title, "detail": e.detail, "id": e.ref or None,
                           "private": e.private, "recording": e.recording or None})
        elif args.action == "lookup":
            if normalize(args.number, app.profile.region) is None:
                return fail(f"{args.number!r} is not a phone number (region {app.profile.region})")
            _emit(app.contacts.lookup(args.number))
        elif args.action == "add":
            c = ContactData(kind="company" if args.company_only else "person")
            if args.company_only:
                c.display_name = args.name
            else:
                parts = args.name.split()
                c.given_name = " ".join(parts[:-1]) if len(parts) > 1 else args.name
                c.family_name = parts[-1] if len(parts) > 1 else ""
                c.companies = [CompanyLink(n, args.role if i == 0 else "") for i, n in enumerate(args.company)]
            try:
                c.phones = [_split_phone(p, app.profile.region) for p in args.phone]
            except UsageError as exc:
                return fail(str(exc))
            c.emails = [Email(e.strip(), "other") for e in args.email]
            c.tags = list(args.tag)
            try:
                book_id = app.store.books.ensure(args.book) if args.book else None
            except BookError as exc:
                return fail(str(exc))
            cid = app.contacts.add(c, book_id)
            _emit(app.store.contacts.summaries([cid]))
        return 0
    finally:
        app.close()
