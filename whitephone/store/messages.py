"""Messages in the local store: the inbox, the outbox and the trash (issue 14).

Everything the Messages tab shows is read from here, so it works offline. Composing writes a
row with status "queued" (its attachment already encoded and copied under the profile's
`messages/` folder); the sync worker (`whitephone/sync/message_sync.py`) sends it and sets
"sent" (or "failed" with the hub's reason). Each outgoing row has a `client_id` (a UUID) the hub
keys its sends on, so a retry after a lost answer is stored once. Incoming messages are pulled
from the hub's inbox; `hub_id` keeps each one once.

Reading, trash and restore are local first; the worker tells the hub (read) and deletes a
message on the hub only once it is purged from the trash (30 days, or emptied by hand), so a
restored voice mail can still be fetched. Every write commits to the file, so the window's
change watch (store/watch.py) sees it.

Times: `sent_at` and `received_at` are epoch seconds (float); `deleted_at` is ISO 8601 UTC.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, insert, or_, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

import whitephone.protocol.media as media
from whitephone.protocol.links import LinkError, occurrence, split_link
from whitephone.store import models as m
from whitephone.store.database import read_transaction, write_transaction

log = logging.getLogger(__name__)

KINDS = ("text", "voice", "video", "announcement", "reminder", "contact_request")
STATUSES = ("draft", "queued", "sending", "sent", "failed")
TRASH_DAYS = 30
MAX_BODY = 20000
USERS_KEY = "messages.users"  # sync_meta: the company's users [{id, name, email}] as last fetched


class MessageError(ValueError):
    """A message that cannot be composed (no recipient, empty text, unreadable file): str() says why."""


@dataclass
class Message:
    id: int
    hub_id: int | None
    client_id: str
    kind: str
    direction: str  # "in" | "out"
    sender_id: int | None = None
    sender_name: str = ""
    sender_email: str = ""
    recipients: list[dict] = field(default_factory=list)  # [{id, name, email}]
    subject: str | None = None
    body: str = ""
    attachment: dict | None = None  # {name, mime, size, path, hub_id}
    market: str | None = None
    sent_at: float | None = None
    received_at: float | None = None
    read: bool = False
    deleted_at: str | None = None
    status: str = "sent"
    error: str | None = None
    record: str | None = None
    reply_to: int | None = None
    request_id: int | None = None  # contact requests: the hub's request id
    request_status: str | None = None  # ... "pending", "accepted" or "declined"
    due: float | None = None  # an outgoing reminder: when it is delivered (epoch seconds)
    link: str | None = None  # a hub reminder's subject: "crm_record:UID" or "appointment:UID@OCCURRENCE"

    @property
    def appointment_link(self) -> tuple[str, str] | None:
        """(appointment uid, occurrence key) of an appointment's reminder."""
        if not self.link or not self.link.startswith("appointment:"):
            return None
        uid, _, key = self.link[len("appointment:"):].rpartition("@")
        return (uid, key) if uid else None

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def parse_link(link: str | None) -> tuple[str, str, float | None] | None:
    """(kind, id, occurrence time or None) of a reminder's link: "crm_record:<uid>" (the id as it
    is, "@" and spaces included), "appointment:<uid>" or "appointment:<uid>@<ISO time or epoch
    seconds>" (a uid may hold "@" itself: only a suffix that reads as a time is taken as one; one
    out of range, NaN or infinite gives no time: the appointment as a whole). None when there is
    no link (protocol/links.py)."""
    if not link:
        return None
    try:
        return split_link(link)
    except LinkError:
        kind, _, rest = link.partition(":")
        if not rest or not kind:
            return None
        if kind == "appointment":
            uid, at, when = rest.rpartition("@")
            if at and uid:
                try:
                    t = occurrence(when)
                except LinkError:  # a time out of range: the appointment itself
                    return kind, uid, None
                return (kind, uid, t) if t is not None else (kind, rest, None)
        return kind, rest, None


def _iso(t: float | None = None) -> str:
    return datetime.fromtimestamp(time.time() if t is None else t, UTC).isoformat(timespec="seconds")


def _epoch(value: Any) -> float | None:
    """since/until as epoch seconds, a datetime, or an ISO date/time string."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime):
        return value.timestamp() if value.tzinfo else value.replace(tzinfo=UTC).timestamp()
    try:
        d = datetime.fromisoformat(str(value))
    except ValueError:
        raise MessageError(f"“{value}” is not a date or time (write it like 2026-12-05 or 2026-12-05T08:00).") \
            from None
    return d.timestamp() if d.tzinfo else d.replace(tzinfo=UTC).timestamp()


def _row(r) -> Message:
    return Message(
        id=r.id, hub_id=r.hub_id, client_id=r.client_id, kind=r.kind, direction=r.direction,
        sender_id=r.sender_id, sender_name=r.sender_name or "", sender_email=r.sender_email or "",
        recipients=json.loads(r.recipients or "[]"), subject=r.subject, body=r.body or "",
        attachment=json.loads(r.attachment) if r.attachment else None, market=r.market, sent_at=r.sent_at,
        received_at=r.received_at, read=bool(r.read), deleted_at=r.deleted_at, status=r.status, error=r.error,
        record=r.record, reply_to=r.reply_to, request_id=r.request_id,
        request_status=r.request_status, due=r.due, link=r.link)


class MessageStore:
    """`store.messages`: list, read, trash and compose messages."""

    def __init__(self, engine: Engine, files_dir: Path | None) -> None:
        self.engine = engine
        self._files_dir = files_dir
        self._tmp: tempfile.TemporaryDirectory | None = None
        # called (no arguments, on the caller's thread) after a message is queued, retried or
        # restored in this process: the sync engine registers its kick, so a send goes at once
        self.on_queued: list = []

    def _queued(self) -> None:
        for cb in list(self.on_queued):
            try:
                cb()
            except Exception:  # a listener's bug must not lose the message
                log.exception("on_queued listener failed")

    # ------------------------------------------------------------------ files
    @property
    def files_dir(self) -> Path:
        """Where attachments live: `<profile>/messages/` (a memory store: a temporary folder)."""
        if self._files_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="wp-messages-")
            self._files_dir = Path(self._tmp.name)
        self._files_dir.mkdir(parents=True, exist_ok=True)
        return self._files_dir

    # ------------------------------------------------------------------ reading
    def _where(self, kind=None, unread=None, sender=None, since=None, until=None, trash=False) -> list:
        M = m.messages
        conds = [M.c.purged == 0, M.c.deleted_at.isnot(None) if trash else M.c.deleted_at.is_(None)]
        if kind:
            kinds = [kind] if isinstance(kind, str) else list(kind)
            bad = [k for k in kinds if k not in KINDS]
            if bad:
                raise MessageError(f"“{bad[0]}” is not a kind of message (one of {', '.join(KINDS)}).")
            conds.append(M.c.kind.in_(kinds))
        if unread is not None:
            conds.append(M.c.read == (0 if unread else 1))
        if sender is not None:
            if isinstance(sender, int):
                conds.append(M.c.sender_id == sender)
            else:
                s = str(sender).strip().casefold()
                conds.append(or_(func.lower(M.c.sender_email) == s, func.wp_fold(M.c.sender_name) == s))
        lo, hi = _epoch(since), _epoch(until)
        if lo is not None:
            conds.append(M.c.received_at >= lo)
        if hi is not None:
            conds.append(M.c.received_at < hi)
        return conds

    def list(self, kind: str | Sequence[str] | None = None, unread: bool | None = None,
             sender: int | str | None = None, since: Any = None, until: Any = None, trash: bool = False,
             offset: int = 0, limit: int = 200) -> list[Message]:
        """Newest first. `sender`: a user id, an e-mail address or a name; `since`/`until`: epoch
        seconds, datetime or ISO; `trash`: the trash instead of the inbox and sent messages."""
        M = m.messages
        q = (select(M).where(*self._where(kind, unread, sender, since, until, trash))
             .order_by(M.c.received_at.desc(), M.c.id.desc()).offset(max(0, offset)).limit(max(0, limit)))
        with read_transaction(self.engine) as conn:
            return [_row(r) for r in conn.execute(q)]

    def count(self, kind: str | Sequence[str] | None = None, unread: bool | None = None,
              sender: int | str | None = None, since: Any = None, until: Any = None, trash: bool = False) -> int:
        q = select(func.count()).select_from(m.messages).where(*self._where(kind, unread, sender, since, until, trash))
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def unread_counts(self) -> dict[str, int]:
        """Unread incoming messages (not in the trash) by kind; every kind present, "all" the sum."""
        M = m.messages
        q = (select(M.c.kind, func.count()).where(M.c.direction == "in", M.c.read == 0, M.c.deleted_at.is_(None),
                                                   M.c.purged == 0).group_by(M.c.kind))
        with self.engine.connect() as conn:
            got = dict(conn.execute(q).all())
        out = {k: int(got.get(k, 0)) for k in KINDS}
        out["all"] = sum(out.values())
        return out

    def get(self, message_id: int) -> Message | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(m.messages).where(m.messages.c.id == int(message_id),
                                                      m.messages.c.purged == 0)).first()
        return _row(r) if r is not None else None

    def search(self, text: str, limit: int = 200) -> list[Message]:
        """Messages (not in the trash) whose subject, text, sender or recipients contain `text`
        (case folded like Python), newest first."""
        needle = " ".join(str(text).split()).casefold()
        if not needle:
            return []
        M = m.messages
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cols = (M.c.body, M.c.subject, M.c.sender_name, M.c.sender_email, M.c.recipients, M.c.market)
        q = (select(M).where(M.c.purged == 0, M.c.deleted_at.is_(None),
                             or_(*[func.wp_fold(c).like(pattern, escape="\\") for c in cols]))
             .order_by(M.c.received_at.desc(), M.c.id.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(q)]

    # ------------------------------------------------------------------ read, trash, restore
    @staticmethod
    def _ids(ids: int | Iterable[int]) -> list[int]:
        return [int(ids)] if isinstance(ids, int) else [int(i) for i in ids]

    def mark_read(self, ids: int | Iterable[int], read: bool = True) -> int:
        """Mark messages read (the hub is told by the sync worker) or unread (kept here: the hub
        has no 'unread'). Returns how many changed."""
        ids = self._ids(ids)
        with write_transaction(self.engine) as conn:
            return conn.execute(update(m.messages).where(m.messages.c.id.in_(ids), m.messages.c.read != int(read))
                                .values(read=int(read))).rowcount

    def trash(self, ids: int | Iterable[int]) -> int:
        """Move to the trash (restorable for 30 days). A queued message in the trash is not sent."""
        ids = self._ids(ids)
        with write_transaction(self.engine) as conn:
            return conn.execute(update(m.messages).where(m.messages.c.id.in_(ids), m.messages.c.deleted_at.is_(None))
                                .values(deleted_at=_iso())).rowcount

    def restore(self, ids: int | Iterable[int]) -> int:
        ids = self._ids(ids)
        with write_transaction(self.engine) as conn:
            n = conn.execute(update(m.messages).where(
                m.messages.c.id.in_(ids), m.messages.c.deleted_at.isnot(None), m.messages.c.purged == 0)
                .values(deleted_at=None, ordinal=m.messages.c.ordinal + 1)).rowcount
        if n:
            self._queued()
        return n

    def purge_trash(self, older_than_days: float = TRASH_DAYS, ids: Iterable[int] | None = None) -> int:
        """Empty the trash of messages trashed more than `older_than_days` ago (0: all; `ids`: only
        these). Their files go now; the hub's copies are deleted by the sync worker."""
        M = m.messages
        cut = _iso(time.time() - older_than_days * 86400) if older_than_days > 0 else _iso(time.time() + 1)
        conds = [M.c.deleted_at.isnot(None), M.c.deleted_at <= cut, M.c.purged == 0]
        if ids is not None:
            conds.append(M.c.id.in_(self._ids(ids)))
        with write_transaction(self.engine) as conn:
            rows = conn.execute(select(M.c.id, M.c.attachment, M.c.direction, M.c.hub_id, M.c.request_id)
                                .where(*conds)).all()
            # a contact request stays as a hidden mark (purged) while the hub still lists it
            # pending, so the next pull does not bring it back (`forget_contact_requests`)
            gone = [r.id for r in rows if r.direction == "out" or (r.hub_id is None and r.request_id is None)]
            keep = [r.id for r in rows if r.id not in gone]
            if gone:
                conn.execute(delete(M).where(M.c.id.in_(gone)))
            if keep:  # incoming: deleted on the hub first (the worker), then here; requests: hidden
                conn.execute(update(M).where(M.c.id.in_(keep)).values(purged=1, attachment=None))
        for r in rows:
            self._remove_file(r.attachment)
        return len(rows)

    def _remove_file(self, attachment_json: str | None) -> None:
        if not attachment_json:
            return
        path = json.loads(attachment_json).get("path")
        if path and Path(path).is_relative_to(self.files_dir):
            Path(path).unlink(missing_ok=True)

    # ------------------------------------------------------------------ composing
    def users(self) -> list[dict]:
        """The colleagues last fetched from the hub: [{id, name, email}] (empty before the first sync)."""
        with self.engine.connect() as conn:
            v = conn.execute(select(m.sync_meta.c.value).where(m.sync_meta.c.key == USERS_KEY)).scalar()
        return json.loads(v) if v else []

    def set_users(self, users: list[dict]) -> None:
        value = json.dumps([{"id": u["id"], "name": u.get("name") or "", "email": u.get("email") or ""}
                            for u in users])
        with write_transaction(self.engine) as conn:
            conn.execute(insert(m.sync_meta).prefix_with("OR REPLACE").values(key=USERS_KEY, value=value))

    def _recipients(self, to: Sequence[str | int] | str | int) -> list[dict]:
        if isinstance(to, (str, int)):
            to = [to]
        known = self.users()
        by_id = {u["id"]: u for u in known}
        by_email = {u["email"].casefold(): u for u in known if u.get("email")}
        out: list[dict] = []
        for t in to:
            if isinstance(t, int) or (isinstance(t, str) and t.strip().isdigit()):
                uid = int(t)
                u = by_id.get(uid, {"id": uid, "name": "", "email": ""})
            else:
                email = str(t).strip()
                if "@" not in email or any(c.isspace() for c in email):
                    raise MessageError(f"“{t}” is not an e-mail address or a user id.")
                u = by_email.get(email.casefold(), {"id": None, "name": "", "email": email})
            if u not in out:
                out.append(dict(u))
        if not out:
            raise MessageError("Choose at least one recipient.")
        return out

    def _queue(self, kind: str, recipients: list[dict], body: str, subject: str | None = None,
               attachment: dict | None = None, market: str | None = None, reply_to: int | None = None,
               client_id: str | None = None) -> Message:
        if len(body) > MAX_BODY:
            raise MessageError(f"The text is too long (at most {MAX_BODY} characters).")
        subject = " ".join(subject.split()) if subject else None
        if subject and len(subject) > 200:
            raise MessageError("The subject is too long (at most 200 characters).")
        now = time.time()
        cid = client_id or str(uuid.uuid4())
        with write_transaction(self.engine) as conn:
            if reply_to is not None and conn.execute(select(m.messages.c.id).where(
                    m.messages.c.id == int(reply_to))).first() is None:
                raise MessageError(f"There is no message {reply_to} to reply to.")
            mid = conn.execute(insert(m.messages).values(
                client_id=cid, kind=kind, direction="out", recipients=json.dumps(recipients), subject=subject,
                body=body, attachment=json.dumps(attachment) if attachment else None, market=market,
                sent_at=None, received_at=now, read=1, status="queued", reply_to=reply_to, hub_ids="{}",
                ordinal=1)).inserted_primary_key[0]
        msg = self.get(mid)
        assert msg is not None
        if kind != "reminder":  # a reminder gets its due time first (queue_reminder kicks)
            self._queued()
        return msg

    def queue_text(self, to: Sequence[str | int] | str | int, body: str, subject: str | None = None,
                   reply_to: int | None = None, client_id: str | None = None) -> Message:
        """A text message to colleagues (e-mail addresses or user ids), sent by the sync worker."""
        body = (body or "").strip()
        if not body:
            raise MessageError("Write a message first: the text is empty.")
        return self._queue("text", self._recipients(to), body, subject, reply_to=reply_to, client_id=client_id)

    def _copy_in(self, src: Path, cid: str, suffix: str) -> Path:
        out = self.files_dir / "out"
        out.mkdir(exist_ok=True)
        dst = out / f"{cid}{suffix}"
        shutil.copyfile(src, dst)
        return dst

    def queue_voice(self, to: Sequence[str | int] | str | int, wav_or_ogg_path: str | Path,
                    subject: str | None = None, body: str = "", reply_to: int | None = None,
                    client_id: str | None = None) -> Message:
        """A voice mail: a WAV is encoded to Ogg Opus (core/voice_mail.py), an Ogg Opus file is
        taken as it is; the file is kept under the profile until sent."""
        from whitephone.core import voice_mail

        src = Path(wav_or_ogg_path)
        recipients = self._recipients(to)
        cid = client_id or str(uuid.uuid4())
        out = self.files_dir / "out"
        out.mkdir(exist_ok=True)
        dst = out / f"{cid}.ogg"
        try:
            info = voice_mail.to_opus(src, dst, max_seconds=self.voice_mail_seconds())
        except voice_mail.VoiceMailError as exc:
            raise MessageError(str(exc)) from None
        att = {"name": (src.stem or "voice-mail") + ".ogg", "mime": "audio/ogg", "size": dst.stat().st_size,
               "path": str(dst), "hub_id": None, "duration": info.duration}
        try:
            return self._queue("voice", recipients, (body or "").strip(), subject, att, reply_to=reply_to,
                               client_id=cid)
        except Exception:
            dst.unlink(missing_ok=True)
            raise

    def queue_video(self, to: Sequence[str | int] | str | int, mp4_path: str | Path, subject: str | None = None,
                    body: str = "", reply_to: int | None = None, client_id: str | None = None) -> Message:
        """A video mail (an MP4 file, sent as it is)."""
        src = Path(mp4_path)
        recipients = self._recipients(to)
        try:
            with open(src, "rb") as f:
                head = f.read(12)
        except OSError as exc:
            raise MessageError(f"Cannot read the video {src}: {exc.strerror or exc}.") from None
        if head[4:8] != b"ftyp":
            raise MessageError(f"{src.name} is not an MP4 video.")
        limit = self.voice_mail_seconds()
        seconds = media.duration_of(src)
        if seconds is None:
            raise MessageError(f"The length of {src.name} cannot be read from the file; is it a whole MP4 video?")
        if media.too_long(seconds, limit):
            raise MessageError(f"{src.name} is {media.describe(seconds)} long; your company allows video mail of "
                               f"at most {media.describe(limit)}.")
        cid = client_id or str(uuid.uuid4())
        dst = self._copy_in(src, cid, ".mp4")
        att = {"name": src.name if src.suffix.lower() == ".mp4" else src.stem + ".mp4", "mime": "video/mp4",
               "size": dst.stat().st_size, "path": str(dst), "hub_id": None}
        try:
            return self._queue("video", recipients, (body or "").strip(), subject, att, reply_to=reply_to,
                               client_id=cid)
        except Exception:
            dst.unlink(missing_ok=True)
            raise

    def queue_announcement(self, text: str, market: str | None = None) -> Message:
        """An announcement to the company, or to the members of `market` (by name); needs the
        Announcements permission on the hub (else the message fails with the hub's reason)."""
        text = (text or "").strip()
        if not text:
            raise MessageError("Write the announcement first: the text is empty.")
        if market is not None:
            market = " ".join(str(market).split())
            if not market:  # "--market $UNSET": an error, never the whole company
                raise MessageError("The market name is empty: name a market, or leave --market out to "
                                   "announce to the whole company.")
        return self._queue("announcement", [], text, market=market)

    def queue_reminder(self, to: Sequence[str | int] | str | int, body: str, due: Any,
                       link: str | None = None) -> Message:
        """A reminder to colleagues (or to myself), delivered by the hub at `due` (epoch seconds,
        datetime or ISO), also when they are offline then (it arrives when they come back). `link`:
        what it reminds of (a snoozed reminder's), carried to the reminder message."""
        body = (body or "").strip()
        if not body:
            raise MessageError("Write the reminder first: the text is empty.")
        when = _epoch(due)
        if when is None:
            raise MessageError("Say when the reminder is due.")
        msg = self._queue("reminder", self._recipients(to), body)
        with write_transaction(self.engine) as conn:
            conn.execute(update(m.messages).where(m.messages.c.id == msg.id).values(due=when, link=link or None))
        msg.due, msg.link = when, link or None
        self._queued()
        return msg

    def snooze(self, message_id: int, minutes: float = 10) -> Message:
        """Snooze a reminder I received: it is marked read, and the hub delivers it to me again in
        `minutes` (on whichever of my computers is online then). Returns the queued reminder."""
        msg = self.get(message_id)
        if msg is None or msg.kind != "reminder" or msg.direction != "in":
            raise MessageError(f"Message {message_id} is not a reminder I received.")
        me = self.get_meta("me")
        if me is None:
            raise MessageError("Sync once before snoozing (this computer does not know your user yet).")
        if not 0 < minutes <= 60 * 24 * 365:
            raise MessageError("Snooze for a time between a minute and a year.")
        self.mark_read([message_id])
        again = self.queue_reminder([int(me)], msg.body, time.time() + minutes * 60,
                                    link=msg.link or (f"crm_record:{msg.record}" if msg.record else None))
        self.update_outgoing(again.id, record=msg.record, reply_to=msg.id)
        return self.get(again.id) or again

    def retry(self, ids: int | Iterable[int]) -> int:
        """Queue failed messages again (same client id: never stored twice on the hub)."""
        ids = self._ids(ids)
        with write_transaction(self.engine) as conn:
            n = conn.execute(update(m.messages).where(
                m.messages.c.id.in_(ids), m.messages.c.direction == "out", m.messages.c.status == "failed")
                .values(status="queued", error=None, ordinal=m.messages.c.ordinal + 1)).rowcount
        if n:
            self._queued()
        return n

    def link_record(self, message_id: int, record_uid: str | None) -> None:
        """Link a message to a CRM record (None unlinks)."""
        with write_transaction(self.engine) as conn:
            conn.execute(update(m.messages).where(m.messages.c.id == int(message_id)).values(record=record_uid))

    def outbox_count(self) -> int:
        """Messages waiting to go (queued or sending, not in the trash)."""
        M = m.messages
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(M).where(
                M.c.direction == "out", M.c.status.in_(("queued", "sending")), M.c.deleted_at.is_(None))).scalar_one()

    def pending_mark(self) -> tuple:
        """Changes when there is new work for the sync worker (cheap; polled twice a second)."""
        M = m.messages
        with self.engine.connect() as conn:
            # which rows wait and how often each was queued: another set of rows (a new message
            # queued while the last one was being sent) gives another mark
            return tuple(conn.execute(select(
                func.count(), func.coalesce(func.max(M.c.id), 0),
                func.coalesce(func.sum(M.c.id * M.c.ordinal + M.c.read), 0)).where(
                or_(M.c.status.in_(("queued", "sending")), M.c.purged == 1,
                    (M.c.read == 1) & (M.c.hub_read == 0) & (M.c.direction == "in")))).one())

    def attachment_path(self, message_id: int) -> Path | None:
        """The local file of a message's attachment, if it is here."""
        msg = self.get(message_id)
        p = (msg.attachment or {}).get("path") if msg else None
        return Path(p) if p and Path(p).exists() else None

    def forget_all(self) -> None:
        """Remove every message and file (signing in as another account)."""
        with write_transaction(self.engine) as conn:
            conn.execute(delete(m.messages))
            conn.execute(delete(m.sync_meta).where(m.sync_meta.c.key.like("messages.%")))
        for sub in ("in", "out"):
            shutil.rmtree(self.files_dir / sub, ignore_errors=True)


    # ------------------------------------------------------------------ for the sync worker
    def to_send(self) -> list[tuple[Message, dict[str, int], int | None]]:
        """Outgoing messages to send now, oldest first: (message, {recipient id: hub id} sent so
        far, the upload under way). Messages interrupted while "sending" are included."""
        M = m.messages
        with self.engine.connect() as conn:
            rows = conn.execute(select(M).where(M.c.direction == "out", M.c.status.in_(("queued", "sending")),
                                                M.c.deleted_at.is_(None), M.c.purged == 0).order_by(M.c.id)).all()
        return [(_row(r), json.loads(r.hub_ids or "{}"), r.upload_id) for r in rows]

    def claim(self, message_id: int) -> tuple[Message, dict[str, int], int | None, str] | None:
        """Re-read an outgoing message and take it for sending, in one write transaction: a
        queued one becomes "sending". (message, hub ids so far, upload under way, the status it
        had: "queued", or "sending" when a send was interrupted or runs elsewhere). None when it
        is no longer to be sent: sent or failed meanwhile (another process of this profile), or
        moved to the trash since the round began."""
        M = m.messages
        with write_transaction(self.engine) as conn:
            r = conn.execute(select(M).where(
                M.c.id == int(message_id), M.c.direction == "out", M.c.status.in_(("queued", "sending")),
                M.c.deleted_at.is_(None), M.c.purged == 0)).first()
            if r is None:
                return None
            if r.status == "queued":
                conn.execute(update(M).where(M.c.id == r.id).values(status="sending"))
        msg = _row(r)
        msg.status = "sending"
        return msg, json.loads(r.hub_ids or "{}"), r.upload_id, r.status

    def update_outgoing(self, message_id: int, **values: Any) -> None:
        """Record the progress of a send: status, error, hub_id, hub_ids, upload_id, attachment,
        recipients, sent_at."""
        for k in ("hub_ids", "attachment", "recipients"):
            if k in values and not isinstance(values[k], str) and values[k] is not None:
                values[k] = json.dumps(values[k])
        with write_transaction(self.engine) as conn:
            conn.execute(update(m.messages).where(m.messages.c.id == int(message_id)).values(**values))

    def add_incoming(self, rows: list[dict]) -> list[int]:
        """Store messages pulled from the hub (each hub id once; a repeat is ignored): the local
        ids of the new ones. Each row brings its own random `client_id` (the pull makes one)."""
        new: list[int] = []
        if not rows:
            return new
        with write_transaction(self.engine) as conn:
            for row in rows:
                row = dict(row)
                for k in ("recipients", "attachment"):
                    if k in row and not isinstance(row[k], str) and row[k] is not None:
                        row[k] = json.dumps(row[k])
                row["direction"] = "in"
                # kept once by hub id; any other conflict (a client id) is an error, never a silent drop
                r = conn.execute(sqlite_insert(m.messages).values(**row).on_conflict_do_nothing(
                    index_elements=["hub_id"], index_where=text("direction = 'in' AND hub_id IS NOT NULL")))
                if r.rowcount:
                    new.append(r.inserted_primary_key[0])
        return new

    def set_attachment_path(self, message_id: int, path: Path) -> None:
        msg = self.get(message_id)
        if msg is None or msg.attachment is None:
            return
        att = dict(msg.attachment, path=str(path))
        self.update_outgoing(message_id, attachment=att)

    def reads_to_push(self) -> list[tuple[int, int]]:
        """(local id, hub id) of incoming messages read here and not yet on the hub."""
        M = m.messages
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(M.c.id, M.c.hub_id).where(
                M.c.direction == "in", M.c.read == 1, M.c.hub_read == 0, M.c.hub_id.isnot(None)))]

    def set_read_on_hub(self, hub_ids: list[int]) -> int:
        """Incoming messages read on another computer (by hub id): read here, and the hub knows."""
        M = m.messages
        with write_transaction(self.engine) as conn:
            return conn.execute(update(M).where(M.c.direction == "in", M.c.hub_id.in_(hub_ids),
                                                or_(M.c.read == 0, M.c.hub_read == 0))
                                .values(read=1, hub_read=1)).rowcount

    def set_hub_read(self, ids: list[int]) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(update(m.messages).where(m.messages.c.id.in_(ids)).values(hub_read=1))

    def purged_to_delete(self) -> list[tuple[int, int]]:
        """(local id, hub id) of messages emptied from the trash, to delete on the hub."""
        M = m.messages
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(M.c.id, M.c.hub_id).where(
                M.c.purged == 1, M.c.request_id.is_(None)))]

    def forget_contact_requests(self, pending: Iterable[int]) -> int:
        """Remove the hidden marks of contact requests emptied from the trash that the hub no
        longer lists as pending (answered or withdrawn); those it still lists stay hidden."""
        M = m.messages
        keep = {int(i) for i in pending}
        with write_transaction(self.engine) as conn:
            ids = [r.id for r in conn.execute(select(M.c.id, M.c.request_id).where(
                M.c.purged == 1, M.c.request_id.isnot(None))) if r.request_id not in keep]
            if ids:
                conn.execute(delete(M).where(M.c.id.in_(ids)))
        return len(ids)

    def drop(self, ids: list[int]) -> None:
        """Remove rows for good (deleted on the hub)."""
        with write_transaction(self.engine) as conn:
            conn.execute(delete(m.messages).where(m.messages.c.id.in_(ids), m.messages.c.purged == 1))

    def set_contact_request(self, request_id: int, status: str, **values: Any) -> int | None:
        """Store or update the contact request `request_id` (incoming); its local id."""
        M = m.messages
        with write_transaction(self.engine) as conn:
            r = conn.execute(select(M.c.id, M.c.request_status).where(M.c.request_id == int(request_id))).first()
            if r is None:
                if status != "pending":
                    return None  # answered before this computer saw it
                return conn.execute(insert(M).values(
                    client_id=str(uuid.uuid4()),  # kept once by request_id (checked above)
                    kind="contact_request", direction="in", request_id=int(request_id), request_status=status,
                    status="sent", **values)).inserted_primary_key[0]
            if r.request_status != status:
                conn.execute(update(M).where(M.c.id == r.id).values(
                    request_status=status, read=m.messages.c.read if status == "pending" else 1))
            return r.id

    def voice_mail_seconds(self) -> int:
        """The company's longest voice or video mail (seconds), as the hub last said it."""
        try:
            v = int(self.get_meta("voice_mail_seconds") or 0)
        except ValueError:
            v = 0
        return v if media.MIN_SECONDS <= v <= media.MAX_SECONDS else media.DEFAULT_SECONDS

    def set_voice_mail_seconds(self, seconds: Any) -> None:
        try:
            v = int(seconds)
        except (TypeError, ValueError):
            return
        if media.MIN_SECONDS <= v <= media.MAX_SECONDS and str(v) != self.get_meta("voice_mail_seconds"):
            self.set_meta("voice_mail_seconds", str(v))

    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(m.sync_meta.c.value).where(m.sync_meta.c.key == f"messages.{key}")).scalar()

    def set_meta(self, key: str, value: str) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(insert(m.sync_meta).prefix_with("OR REPLACE").values(key=f"messages.{key}", value=value))
