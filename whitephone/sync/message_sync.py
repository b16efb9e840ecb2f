"""`MessageSync`: the messages' half of a sync round (issue 14), no Qt.

Called by the sync worker (`SyncEngine.sync_once`) after the contacts' push and pull:

1. **Send** what the store queued, oldest first. Each message is re-read and claimed
   ("sending") in one transaction just before it goes (`MessageStore.claim`): one sent meanwhile
   by another process of the profile (the window and the CLI) or moved to the trash since the
   round began is skipped. An attachment is uploaded first, resumably
   (docs/api.md "Attachments", tus's core): the upload id is kept in the row, so after a broken
   connection, a crash or a restart the next round asks the hub for its offset (HEAD) and sends
   only the rest. Then one `POST /api/v1/messages` per recipient (the hub stores one message per
   recipient) with a client id derived from the row's own (`recipient_client_id`): a retry after a
   lost answer returns the stored message instead of storing it again. Each recipient's hub id is
   written to the row as soon as it is known.
   If the hub has forgotten a finished upload (it removes one no message references after a
   day), the file is uploaded again. Announcements and reminders carry client ids the same way
   (an announcement the row's, a reminder one per recipient): after a broken connection they wait
   in the outbox and go again; the hub answers a repeat with what it stored the first time.
2. **Tell the hub** what was read here, and delete on the hub what was emptied from the trash.
3. **Pull** the inbox after the stored cursor (text, voice and video mail, announcements,
   reminders), and the pending contact requests. A reminder due while this computer was off is
   in the inbox like any message, so it arrives on reconnect.

Failures: the hub unreachable -> HubError up to the engine (the row stays queued, the engine
backs off); the hub refusing one message (4xx) -> that message "failed" with the reason in words,
the others go on.
"""

from __future__ import annotations

import logging
import time
import uuid
from pathlib import Path

from whitephone.store import Store
from whitephone.store.messages import Message, MessageError, parse_link
from whitephone.sync.hub_client import HubClient, HubError

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024  # bytes per PATCH (the hub takes up to 2 MiB)
PAGE = 500
COMPANY_EVERY = 300.0  # seconds between looks at the company's settings (the longest voice mail)
WIRE_KIND = {"text": "text", "voice": "voice_mail", "video": "video_mail"}
LOCAL_KIND = {"text": "text", "voice_mail": "voice", "video_mail": "video", "announcement": "announcement",
              "reminder": "reminder"}
DEFAULT_BODY = {"voice": "Voice mail", "video": "Video mail"}
SUBJECT = "Subject: "


def recipient_client_id(client_id: str, recipient_id: int) -> str:
    """The hub's client id of one recipient's copy (the same on every retry)."""
    return str(uuid.uuid5(uuid.UUID(client_id), str(int(recipient_id))))


def wire_body(msg: Message) -> str:
    """The text the hub stores (it has no subject field). A subject rides as a first line
    "Subject: …" and a blank line. The text is framed the same way (with an empty subject) when it
    could otherwise be misread: it starts with "Subject: " itself, or it is the words a voice or
    video mail without text says ("Voice mail"). So `parse_body` gives back exactly what was sent.
    Unframed, a voice or video mail without text says what it is."""
    body = msg.body
    if msg.subject or body.startswith(SUBJECT) or (body and body == DEFAULT_BODY.get(msg.kind)):
        return f"{SUBJECT}{msg.subject or ''}\n\n{body}"
    return body or DEFAULT_BODY.get(msg.kind, "")


def parse_body(kind: str, text: str) -> tuple[str | None, str]:
    """(subject, body) of a hub message's text (the inverse of `wire_body`): a framed text gives
    its subject (None when empty) and the rest as it is; an unframed one is all text, save the
    words a voice or video mail without text says."""
    if text.startswith(SUBJECT) and "\n\n" in text:
        head, _, rest = text.partition("\n\n")
        if "\n" not in head:
            return head[len(SUBJECT):].strip() or None, rest
    if text == DEFAULT_BODY.get(kind):
        return None, ""
    return None, text


def safe_file_name(name: str | None, limit: int = 120) -> str:
    """A colleague's attachment name made safe as a file name here: no folders, no "." or "..",
    no control characters, at most `limit` bytes in UTF-8 (the extension kept)."""
    raw = str(name or "").replace("\\", "/").split("/")[-1]
    raw = "".join(c for c in raw if c.isprintable() and c not in '<>:"|?*').strip().strip(".")
    if not raw:
        return "attachment"
    stem, dot, ext = raw.rpartition(".")
    if not dot or len(ext.encode()) > 16 or not stem:
        stem, ext = raw, ""
    ext = f".{ext}" if ext else ""
    room = limit - len(ext.encode())
    stem = stem.encode()[:room].decode("utf-8", "ignore").rstrip(" .") or "attachment"
    return stem + ext


def _record_of(link: str | None) -> str | None:
    got = parse_link(link)
    return got[1][:64] if got is not None and got[0] == "crm_record" else None


def _attachment_gone(exc: HubError) -> bool:
    """The hub no longer has the attachment the message names (it removes an upload no message
    references a day after it began)."""
    return exc.kind == "invalid" and exc.status == 404 and "no such attachment" in f"{exc.detail} {exc}".lower()


def _unsent(exc: HubError) -> bool:
    """The request never reached the hub (refused connection, no route, the proxy refused the
    tunnel): safe to send again."""
    import httpx  # the hub client's: imported with the client that raised `exc`

    return (isinstance(exc.__cause__, httpx.ConnectError) and exc.kind == "unreachable") or exc.kind == "proxy"


class MessageSync:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.messages = store.messages
        self._users_fetched = 0.0
        self._company_fetched = 0.0
        self._markets: dict[int, str] = {}

    # ------------------------------------------------------------------ a round
    def run(self, client: HubClient) -> dict[str, int]:
        """Send, flag and pull; returns counts {sent, failed, received}."""
        out = {"sent": 0, "failed": 0, "received": 0}
        self.messages.purge_trash()  # what has been in the trash for 30 days
        if time.monotonic() - self._company_fetched > COMPANY_EVERY or not self._company_fetched:
            self.company_settings(client)
        for msg, _hub_ids, _upload_id in self.messages.to_send():
            ok = self._send(client, msg.id)
            if ok is not None:  # None: no longer to send (sent by another process, trashed)
                out["sent" if ok else "failed"] += 1
        self._push_flags(client)
        out["received"] = self.pull(client)
        return out

    # ------------------------------------------------------------------ company settings
    def company_settings(self, client: HubClient) -> int:
        """Ask the hub for the company's longest voice/video mail and keep it; returns the limit
        in use (the kept one when the hub refuses to say; HubError when it cannot be reached)."""
        try:
            got = client.company()
        except HubError as exc:
            if exc.kind != "invalid":
                raise
            got = {}
        self._company_fetched = time.monotonic()
        self.messages.set_voice_mail_seconds(got.get("voice_mail_seconds"))
        return self.messages.voice_mail_seconds()

    # ------------------------------------------------------------------ people and markets
    def users(self, client: HubClient, refresh: bool = False) -> list[dict]:
        known = self.messages.users()
        if refresh or not known:
            if not refresh or time.monotonic() - self._users_fetched > 2.0:  # at most once per couple of seconds
                self._users_fetched = time.monotonic()
                known = [{"id": u["id"], "name": u.get("name") or "", "email": u.get("email") or ""}
                         for u in client.users()]
                self.messages.set_users(known)
        return known

    def _person(self, client: HubClient, user_id: int | None) -> dict:
        if user_id is None:
            return {"id": None, "name": "", "email": ""}
        for refresh in (False, True):
            for u in self.users(client, refresh):
                if u["id"] == user_id:
                    return u
        return {"id": user_id, "name": f"user {user_id}", "email": ""}

    def markets(self, client: HubClient) -> list[dict]:
        """The company's markets [{id, name, members, joined}]."""
        got = client.markets()
        self._markets = {mk["id"]: mk["name"] for mk in got}
        return got

    def _market(self, client: HubClient, name: str) -> dict:
        """The market called exactly `name` (the hub keeps "Fish" and "fish" apart); else the one
        market whose name differs only in case (none when several do: which one is unclear); else
        the market whose id `name` is."""
        want = " ".join(str(name).split())
        if not want:
            raise MessageError("The market name is empty.")
        got = self.markets(client)
        for mk in got:
            if " ".join(mk["name"].split()) == want:
                return mk
        alike = [mk for mk in got if " ".join(mk["name"].split()).casefold() == want.casefold()]
        if len(alike) == 1:
            return alike[0]
        if len(alike) > 1:
            raise HubError("invalid", f"There is no market called exactly “{want}”; there are "
                           + " and ".join(f"“{mk['name']}”" for mk in alike) + ".", status=404)
        if want.isdigit():
            for mk in got:
                if mk["id"] == int(want):
                    return mk
        raise HubError("invalid", f"There is no market called “{name}”.", status=404)

    def join_market(self, client: HubClient, name: str) -> dict:
        return client.join_market(self._market(client, name)["id"])

    def leave_market(self, client: HubClient, name: str) -> dict:
        return client.leave_market(self._market(client, name)["id"])

    def _market_name(self, client: HubClient, market_id: int | None) -> str | None:
        if market_id is None:
            return None
        if market_id not in self._markets:
            try:
                self.markets(client)
            except HubError as exc:
                log.info("market names unavailable: %s", exc)
        return self._markets.get(market_id, f"market {market_id}")

    # ------------------------------------------------------------------ sending
    def _fail(self, msg: Message, reason: str) -> bool:
        self.messages.update_outgoing(msg.id, status="failed", error=reason)
        return False

    def _send(self, client: HubClient, message_id: int) -> bool | None:
        """Send one queued message; False when the hub refused it (marked failed), None when it
        is no longer to be sent (another process of this profile sent it, or it went to the
        trash since the round began). HubError (offline) goes up with the message still queued.
        The row is re-read and claimed ("sending") in one transaction (`MessageStore.claim`)."""
        claimed = self.messages.claim(message_id)
        if claimed is None:
            return None
        msg, hub_ids, upload_id, _was = claimed
        if msg.kind in ("announcement", "reminder"):
            return self._send_once(client, msg, hub_ids)
        try:
            recipients = self._resolve(client, msg)
        except MessageError as exc:
            return self._fail(msg, str(exc))
        attachments: list[int] = []
        try:
            if msg.attachment is not None:
                attachments = [self._upload(client, msg, upload_id)]
            kind, body = WIRE_KIND[msg.kind], wire_body(msg)
            first_created = None
            refused: list[str] = []
            for r in recipients:
                key = str(r["id"])
                if key in hub_ids:
                    continue
                try:
                    try:
                        stored = client.send_message(r["id"], kind, body, attachments,
                                                     recipient_client_id(msg.client_id, r["id"]))
                    except HubError as exc:
                        if not (attachments and _attachment_gone(exc)):
                            raise
                        # the hub dropped the finished upload (unreferenced for a day): upload again
                        msg.attachment = dict(msg.attachment or {}, hub_id=None)
                        self.messages.update_outgoing(msg.id, attachment=msg.attachment, upload_id=None)
                        attachments = [self._upload(client, msg, None)]
                        stored = client.send_message(r["id"], kind, body, attachments,
                                                     recipient_client_id(msg.client_id, r["id"]))
                except HubError as exc:
                    if exc.kind != "invalid" or len(recipients) == 1:
                        raise
                    refused.append(f"{r.get('email') or r.get('name') or r['id']} ({exc})")
                    continue
                hub_ids[key] = stored["id"]
                first_created = first_created or stored.get("created")
                self.messages.update_outgoing(msg.id, hub_ids=hub_ids)
            if refused:  # the others have it; a retry sends only to these
                return self._fail(msg, "Not sent to " + "; ".join(refused))
        except MessageError as exc:
            return self._fail(msg, str(exc))
        except HubError as exc:
            if exc.kind == "invalid":  # refused: say why, keep the rest going
                return self._fail(msg, f"Not sent: {exc}")
            self.messages.update_outgoing(msg.id, status="queued", error=f"Waiting for the hub: {exc}")
            raise
        first = hub_ids.get(str(recipients[0]["id"])) if recipients else None
        self.messages.update_outgoing(msg.id, status="sent", error=None, hub_id=first,
                                      sent_at=first_created or time.time())
        return True

    def _resolve(self, client: HubClient, msg: Message) -> list[dict]:
        """Recipients with their user ids and names (e-mail addresses looked up on the hub)."""
        out, changed = [], False
        for r in msg.recipients:
            if r.get("id") is not None and r.get("name"):
                out.append(r)
                continue
            found = None
            for refresh in (False, True):
                for u in self.users(client, refresh):
                    if (r.get("id") is not None and u["id"] == r["id"]) or (
                            r.get("id") is None and u["email"].casefold() == (r.get("email") or "").casefold()):
                        found = u
                        break
                if found:
                    break
            if found is None:
                who = r.get("email") or f"user {r.get('id')}"
                raise MessageError(f"There is no colleague {who} on the hub.")
            out.append(dict(found))
            changed = True
        if changed:
            self.messages.update_outgoing(msg.id, recipients=out)
        return out

    def _upload(self, client: HubClient, msg: Message, upload_id: int | None) -> int:
        """The hub id of the message's attachment, uploading (the rest of) it first."""
        att = dict(msg.attachment or {})
        if att.get("hub_id"):
            return int(att["hub_id"])
        path = Path(att.get("path") or "")
        try:
            size = path.stat().st_size
        except OSError:
            raise MessageError(f"The file of this message is gone ({path}).") from None
        offset = client.upload_offset(upload_id) if upload_id else None
        if offset is None:  # a new upload (or the hub dropped the old one)
            up = client.create_upload(size, name=att.get("name"), content_type=att.get("mime"))
            upload_id, offset = int(up["id"]), int(up["offset"])
            self.messages.update_outgoing(msg.id, upload_id=upload_id)
        stalled = 0
        with open(path, "rb") as f:
            while offset < size:
                f.seek(offset)
                before = offset
                offset, _state = client.upload_chunk(upload_id, offset, f.read(CHUNK))
                if offset > before:
                    stalled = 0
                    continue
                # 409 at the same offset: the hub still finishes a PATCH of a broken connection
                stalled += 1
                if stalled > 50:
                    raise HubError("server", "The hub is still busy with an earlier part of this upload; "
                                             "it goes on later.")
                time.sleep(0.1)
        att["hub_id"] = upload_id
        self.messages.update_outgoing(msg.id, attachment=att, upload_id=None)
        return upload_id

    def _send_once(self, client: HubClient, msg: Message, hub_ids: dict[str, int]) -> bool:
        """Announcements and reminders go with a client id (an announcement the row's own, a
        reminder one per recipient, as for messages), so a send whose answer was lost is simply sent
        again: the hub answers a repeat with what it stored the first time. A reminder keeps the
        hub's reminder id per recipient in `hub_ids`, so a retry after a partial refusal goes only
        to who lacks it."""
        try:
            if msg.kind == "announcement":
                market_id = self._market(client, msg.market)["id"] if msg.market is not None else None
                got = client.announce(msg.body, market_id, client_id=msg.client_id)
                sent_at = got.get("created")
            else:
                if msg.due is None:
                    return self._fail(msg, "This reminder has no due time.")
                recipients = self._resolve(client, msg)
                sent_at = None
                refused: list[str] = []
                for r in recipients:
                    key = str(r["id"])
                    if key in hub_ids:
                        continue
                    try:
                        got = client.set_reminder(r["id"], msg.body, msg.due,
                                                  client_id=recipient_client_id(msg.client_id, r["id"]), link=msg.link)
                    except HubError as exc:
                        if exc.kind != "invalid" or len(recipients) == 1:
                            raise
                        refused.append(f"{r.get('email') or r.get('name') or r['id']} ({exc})")
                        continue
                    hub_ids[key] = int(got.get("id") or 0)
                    self.messages.update_outgoing(msg.id, hub_ids=hub_ids)
                    sent_at = sent_at or got.get("created")
                if refused:  # the others have it; a retry sends only to these
                    return self._fail(msg, "Not sent to " + "; ".join(refused))
        except MessageError as exc:
            return self._fail(msg, str(exc))
        except HubError as exc:
            if exc.kind == "invalid":
                return self._fail(msg, f"Not sent: {exc}")
            # unreachable, or the answer lost: the next round sends it again with the same client id
            self.messages.update_outgoing(msg.id, status="queued", error=f"Waiting for the hub: {exc}")
            raise
        self.messages.update_outgoing(msg.id, status="sent", error=None, sent_at=sent_at or time.time())
        return True

    # ------------------------------------------------------------------ read and delete on the hub
    def _push_flags(self, client: HubClient) -> None:
        done = []
        for local, hub_id in self.messages.reads_to_push():
            try:
                client.mark_message_read(hub_id)
            except HubError as exc:
                if exc.kind != "invalid":  # 404: gone from the hub; nothing to tell it
                    raise
            done.append(local)
        if done:
            self.messages.set_hub_read(done)
        gone = []
        for local, hub_id in self.messages.purged_to_delete():
            try:
                if hub_id is not None:
                    client.delete_message(hub_id)
            except HubError as exc:
                if exc.kind != "invalid":
                    raise
            gone.append(local)
        if gone:
            self.messages.drop(gone)

    # ------------------------------------------------------------------ pulling
    def pull(self, client: HubClient) -> int:
        """Fetch the inbox after the cursor and the pending contact requests; new rows stored."""
        got = 0
        after = int(self.messages.get_meta("after") or 0)
        while True:
            page = client.inbox(after, PAGE)
            if not page:
                break
            rows = []
            for h in page:
                kind = LOCAL_KIND.get(h["kind"], "text")
                sender = self._person(client, h.get("sender_id"))
                subject, body = parse_body(kind, h.get("body") or "")
                att = None
                if h.get("attachments"):
                    a = h["attachments"][0]
                    att = {"name": a.get("name") or f"attachment-{a['id']}", "mime": a.get("content_type"),
                           "size": a.get("length"), "path": None, "hub_id": a["id"]}
                link = h.get("link") if h.get("kind") == "reminder" and isinstance(h.get("link"), str) else None
                rows.append({
                    # a random local id: never the sender's choice nor derived from the hub id (a
                    # colleague could otherwise pick one that hides a later message); kept once by hub id
                    "hub_id": h["id"], "client_id": str(uuid.uuid4()),
                    "kind": kind, "direction": "in", "sender_id": h.get("sender_id"),
                    "sender_name": sender["name"], "sender_email": sender["email"], "subject": subject,
                    "body": body, "attachment": att, "market": self._market_name(client, h.get("market_id")),
                    "market_id": h.get("market_id"), "sent_at": h.get("created"), "received_at": time.time(),
                    "read": int(bool(h.get("read"))), "hub_read": int(bool(h.get("read"))), "status": "sent",
                    "recipients": [], "hub_ids": "{}", "link": link,
                    # a CRM record's reminder: "open the record" and the CRM button open it
                    "record": _record_of(link),
                })
            got += len(self.messages.add_incoming(rows))
            after = max(h["id"] for h in page)
            self.messages.set_meta("after", str(after))
            if len(page) < PAGE:
                break
        self._pull_reads(client)
        got += self._pull_requests(client)
        return got

    def _pull_reads(self, client: HubClient) -> None:
        """What was read on my other computers (the hub's read-since feed): read here too."""
        after = int(self.messages.get_meta("read_after") or 0)
        while True:
            try:
                page = client.read_since(after, PAGE)
            except HubError as exc:
                if exc.kind == "invalid" and exc.status in (404, 405):  # a hub without the feed
                    return
                raise
            if not page:
                return
            self.messages.set_read_on_hub([int(r["id"]) for r in page])
            after = max(int(r["seq"]) for r in page)
            self.messages.set_meta("read_after", str(after))
            if len(page) < PAGE:
                return

    def _pull_requests(self, client: HubClient) -> int:
        try:
            requests = client.contact_requests()
        except HubError as exc:
            if exc.kind != "invalid":
                raise
            return 0
        me = (client.tokens and self._me(client)) or None
        new = 0
        for r in requests:
            if me is not None and r.get("to_id") != me:
                continue
            before = self.messages.count(kind="contact_request")
            sender = self._person(client, r.get("from_id"))
            name = sender["name"] or f"user {r.get('from_id')}"
            self.messages.set_contact_request(
                r["id"], r.get("status") or "pending", sender_id=r.get("from_id"), sender_name=sender["name"],
                sender_email=sender["email"], body=f"{name} asks to add you as a contact.",
                sent_at=r.get("created") or time.time(), received_at=time.time(), recipients="[]", hub_ids="{}")
            new += self.messages.count(kind="contact_request") - before
        self.messages.forget_contact_requests(r["id"] for r in requests if (r.get("status") or "pending") == "pending")
        return new

    def _me(self, client: HubClient) -> int | None:
        v = self.messages.get_meta("me")
        if v is None:
            v = str(client.me()["id"])
            self.messages.set_meta("me", v)
        return int(v)

    # ------------------------------------------------------------------ on demand (the tab, the CLI)
    def send_now(self, client: HubClient, message_id: int) -> Message:
        """Send one queued message now (the CLI); HubError when the hub cannot be reached (the
        message stays queued for the sync worker)."""
        self._send(client, message_id)
        out = self.messages.get(message_id)
        if out is None:
            raise MessageError(f"There is no message {message_id}.")
        return out

    def mark_read_now(self, client: HubClient) -> None:
        """Tell the hub what was read or emptied from the trash here (the CLI)."""
        self._push_flags(client)

    def answer_contact_request(self, client: HubClient, message_id: int, accept: bool) -> Message:
        msg = self.messages.get(message_id)
        if msg is None or msg.kind != "contact_request" or msg.request_id is None:
            raise MessageError(f"Message {message_id} is not a contact request.")
        got = client.answer_contact_request(msg.request_id, accept)
        status = (got or {}).get("status") or ("accepted" if accept else "declined")
        self.messages.set_contact_request(msg.request_id, status)
        self.messages.mark_read([message_id])
        out = self.messages.get(message_id)
        assert out is not None
        return out

    def fetch_attachment(self, client: HubClient, message_id: int) -> Path:
        """The local file of a message's attachment, downloaded from the hub the first time."""
        msg = self.messages.get(message_id)
        if msg is None:
            raise MessageError(f"There is no message {message_id}.")
        if msg.attachment is None:
            raise MessageError(f"Message {message_id} has no attachment.")
        here = self.messages.attachment_path(message_id)
        if here is not None:
            return here
        hub_id = msg.attachment.get("hub_id")
        if not hub_id:
            raise MessageError(f"The file of message {message_id} is not on this computer or the hub.")
        data = client.download(int(hub_id))
        folder = self.messages.files_dir / "in"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{int(hub_id)}-{safe_file_name(msg.attachment.get('name'))}"
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        self.messages.set_attachment_path(message_id, path)
        return path
