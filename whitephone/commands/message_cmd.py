"""`whitephone message send|list|fetch|read|delete|restore|accept|decline`: messages from a script.

Messages live in the profile's store; `send` queues the message and sends it at once when the hub
answers (else it waits in the outbox for the next `sync`, printed with status "queued"). `list`
pulls the inbox first when the hub answers and lists what is stored either way.
"""

from __future__ import annotations

import argparse
import shutil
from datetime import UTC, datetime
from pathlib import Path

from whitephone.commands import fail
from whitephone.commands.hub_common import emit, hub_context, hub_fail
from whitephone.store.messages import KINDS, Message, MessageError
from whitephone.sync.hub_client import HubError
from whitephone.sync.message_sync import safe_file_name


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    s = sub.add_parser("send", help="send a text, voice mail or video mail (prints the message as JSON)")
    s.add_argument("--to", nargs="+", action="extend", required=True, metavar="EMAIL", help="colleagues' e-mail addresses (or user ids)")
    what = s.add_mutually_exclusive_group(required=True)
    what.add_argument("--text", metavar="T")
    what.add_argument("--voice", metavar="FILE", help="a WAV (encoded to Ogg Opus) or an Ogg Opus file, "
                                                      "no longer than the company allows (exit 2 if longer)")
    what.add_argument("--video", metavar="FILE", help="an MP4 file, no longer than the company allows")
    s.add_argument("--subject", metavar="S")
    s.add_argument("--no-send", action="store_true", help="only queue it (the next `sync` sends it)")
    ls = sub.add_parser("list", help="messages, newest first (JSON lines)")
    ls.add_argument("--unread", action="store_true")
    ls.add_argument("--kind", choices=KINDS)
    ls.add_argument("--trash", action="store_true", help="the trash instead")
    ls.add_argument("--offline", action="store_true", help="do not ask the hub for new messages first")
    ls.add_argument("--limit", type=int, default=200)
    f = sub.add_parser("fetch", help="save a message's attachment (voice or video mail) as stored")
    f.add_argument("id", type=message_id)
    f.add_argument("--out", required=True, metavar="PATH")
    for name, text in (("read", "mark read (here and on the hub)"), ("unread", "mark unread (here)"),
                       ("delete", "move to the trash (restorable for 30 days)"), ("restore", "take out of the trash"),
                       ("accept", "accept a contact request"), ("decline", "decline a contact request")):
        p = sub.add_parser(name, help=text)
        p.add_argument("id", type=message_id, nargs="+" if name not in ("accept", "decline") else None)


def message_id(text: str) -> int:
    """A message id on the command line: a whole number the store can hold."""
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a message id (a whole number).") from None
    if not 1 <= v <= 2**62:
        raise argparse.ArgumentTypeError(f"There is no message {text}.")
    return v


def _time(t: float | None) -> str | None:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds") if t else None


def line(m: Message) -> dict:
    who = m.sender_email or m.sender_name if m.direction == "in" else \
        ", ".join(r.get("email") or r.get("name") or str(r.get("id")) for r in m.recipients)
    att = None
    if m.attachment:
        att = {k: m.attachment.get(k) for k in ("name", "mime", "size")}
    return {"id": m.id, "kind": m.kind, "from": who if m.direction == "in" else "me", "to": None
            if m.direction == "in" else who, "time": _time(m.sent_at or m.received_at), "read": m.read,
            "attachment": att, "subject": m.subject, "body": m.body, "direction": m.direction, "status": m.status,
            "market": m.market}


def run(args: argparse.Namespace) -> int:
    with hub_context(args) as ctx:
        store, ms = ctx.app.store.messages, ctx.engine.messages
        if not ctx.session.info.get("url"):
            return hub_fail(HubError("bad_credentials", "Not signed in: run `whitephone login` first."))
        try:
            if args.action == "send":
                if args.text is None and not args.no_send:
                    try:  # the company's longest voice/video mail as the hub says it now
                        ms.company_settings(ctx.session.ensure())
                    except HubError:
                        pass  # offline: the one kept from the last sign-in or sync
                if args.text is not None:
                    msg = store.queue_text(args.to, args.text, subject=args.subject)
                elif args.voice:
                    msg = store.queue_voice(args.to, Path(args.voice), subject=args.subject)
                else:
                    msg = store.queue_video(args.to, Path(args.video), subject=args.subject)
                if not args.no_send:
                    try:
                        msg = ms.send_now(ctx.session.ensure(), msg.id)
                    except HubError as exc:
                        if exc.kind in ("bad_credentials", "disabled"):
                            return hub_fail(exc)
                        msg = store.get(msg.id) or msg  # waits in the outbox
                emit(msg.to_json())
                if msg.status == "failed":
                    return fail(msg.error or "The hub refused the message.")
                return 0
            if args.action == "list":
                if not args.offline:
                    try:
                        ms.pull(ctx.session.ensure())
                    except HubError:
                        pass  # offline: what is stored
                for m in store.list(kind=args.kind, unread=True if args.unread else None, trash=args.trash,
                                    limit=args.limit):
                    emit(line(m))
                return 0
            if args.action == "fetch":
                src = ms.fetch_attachment(ctx.session.ensure(), args.id)
                m = store.get(args.id)
                out = Path(args.out)
                if out.is_dir():  # named as `message list` shows it, made safe as a file name
                    out = out / safe_file_name((m.attachment or {}).get("name") if m else None)
                elif not out.parent.is_dir():
                    return fail(f"There is no folder {out.parent} to save the file in.")
                try:
                    shutil.copyfile(src, out)
                except OSError as exc:
                    return fail(f"Cannot save the file as {out}: {exc.strerror or exc}.")
                emit({"id": args.id, "path": str(out), "size": out.stat().st_size,
                      "mime": (m.attachment or {}).get("mime") if m else None})
                return 0
            if args.action in ("accept", "decline"):
                m = ms.answer_contact_request(ctx.session.ensure(), args.id, args.action == "accept")
                emit({"id": m.id, "request_status": m.request_status})
                return 0
            missing = [i for i in args.id if store.get(i) is None]
            if missing:
                return fail(f"There is no message {missing[0]}.")
            if args.action in ("read", "unread"):
                store.mark_read(args.id, read=args.action == "read")
                if args.action == "read":
                    try:
                        ms.mark_read_now(ctx.session.ensure())
                    except HubError:
                        pass  # the next sync tells the hub
            elif args.action == "delete":
                store.trash(args.id)
            else:
                store.restore(args.id)
            for i in args.id:
                emit(line(store.get(i)))
            return 0
        except MessageError as exc:
            return fail(str(exc))
        except HubError as exc:
            return hub_fail(exc)
