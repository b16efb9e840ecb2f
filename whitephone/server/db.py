"""Hub tables (SQLAlchemy Core) and engine creation for SQLite or PostgreSQL."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)
metadata = MetaData()
Id = BigInteger().with_variant(Integer, "sqlite")  # SQLite autoincrement needs INTEGER
# An id is never handed out twice: a deleted user's id must not give the next user their inbox, and a
# deleted message's id must not make a `since_message` cursor skip the next one. PostgreSQL's
# sequences never go back; SQLite reuses the highest rowid unless the table says AUTOINCREMENT, so
# every table with a generated id carries `sqlite_autoincrement=True` (migration 0005).

companies = Table(
    "companies", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("created", Float, nullable=False),
    Column("regions", JSON),
    Column("purged_seq", Id),  # highest seq of a purged tombstone: older cursors must resync
    Column("task_counter", Id),  # last CRM task number given out
    Column("crm_types", JSON),  # the CRM record types CRM admins keep (null: the defaults)
    Column("attachment_limit", Id),  # largest attachment upload in bytes (null: the hub's default)
    Column("attachment_quota", Id),  # bytes of attachments one user may hold (null: the hub's default)
    Column("attachment_open_limit", Integer),  # unfinished uploads one user may have (null: the default)
    Column("voice_mail_seconds", Integer),  # longest voice or video mail, seconds (null: the default, 180)
    sqlite_autoincrement=True,
)
users = Table(
    "users", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("company_id", Id, ForeignKey("companies.id"), nullable=False, index=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("permissions", JSON, nullable=False, default=list),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("hidden", Boolean, nullable=False, default=False),
    Column("last_seen", Float),
    Column("region", String(8)),
    Column("timezone", String(64)),
    Column("preferences", JSON),
    Column("resync_seq", Id),  # the user's visibility changed at this seq: older cursors must resync
    sqlite_autoincrement=True,
)
password_resets = Table(
    "password_resets", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("expires", Float, nullable=False),
)
contact_requests = Table(
    "contact_requests", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("from_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("to_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("status", String(10), nullable=False),  # pending | accepted | declined
    Column("created", Float, nullable=False),
    sqlite_autoincrement=True,
)
tokens = Table(
    "tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),  # access | refresh
    Column("expires", Float, nullable=False),
    Column("family", String(32), index=True),  # the session: the tokens issued together and their refreshes
)
messages = Table(
    "messages", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("company_id", Id, nullable=False),
    Column("sender_id", Id, nullable=False),
    Column("recipient_id", Id, nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("body", Text, nullable=False),
    Column("created", Float, nullable=False),
    Column("read", Boolean, nullable=False, default=False),
    Column("market_id", Id),  # announcements to a market
    Column("client_id", String(36)),  # the sender's id for the send: a repeat returns the first message
    # when it was marked read, in the recipient's order (1, 2, ...): the read-since feed's cursor
    Column("read_seq", Id),
    Column("link", String(200)),  # a reminder's source: "crm_record:UID", "appointment:UID[@OCCURRENCE]"
    Index("ix_messages_sender_client", "sender_id", "client_id", unique=True),
    Index("ix_messages_recipient_read_seq", "recipient_id", "read_seq"),
    sqlite_autoincrement=True,
)
# Every committed sync change appends here; its id is the global seq and the row's version.
change_log = Table(
    "change_log", metadata,
    Column("seq", Id, primary_key=True, autoincrement=True),
    Column("company_id", Id, nullable=False, index=True),
    Column("owner_id", Id),  # set for private rows (personal address books)
    Column("entity", String(20), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("author_id", Id),  # the user whose mutation made this change
    sqlite_autoincrement=True,
)
records = Table(
    "records", metadata,
    Column("company_id", Id, primary_key=True),
    Column("entity", String(20), primary_key=True),
    Column("record_id", String(64), primary_key=True),
    Column("owner_id", Id),
    Column("version", Id, nullable=False, index=True),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("group_id", Id, index=True),  # call group the row is restricted to
    Column("deleted_at", Float),  # when the tombstone was made (retention)
    Column("fields", JSON, nullable=False),
    Column("field_versions", JSON, nullable=False),
)
# Users who see a private row besides its owner (the colleagues invited to a private appointment).
record_viewers = Table(
    "record_viewers", metadata,
    Column("company_id", Id, primary_key=True),
    Column("entity", String(20), primary_key=True),
    Column("record_id", String(64), primary_key=True),
    Column("user_id", Id, primary_key=True, index=True),
)
applied_mutations = Table(  # mutation ids are the client's: unique per company
    "applied_mutations", metadata,
    Column("company_id", Id, primary_key=True),
    Column("mutation_id", String(64), primary_key=True),
    Column("user_id", Id, nullable=False),
    Column("result", JSON, nullable=False),
)
# A change of a user that lost (a field conflict, or an edit a delete overrode): in that user's
# change feed, so every device of theirs learns it. `seq` comes from change_log.
sync_conflicts = Table(
    "sync_conflicts", metadata,
    Column("seq", Id, primary_key=True, autoincrement=False),
    Column("company_id", Id, nullable=False),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("entity", String(20), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("mutation_id", String(64)),
    Column("reason", String(10), nullable=False),  # conflict | deleted
    Column("fields", JSON, nullable=False),  # {name: {local, server}}
    Column("created", Float, nullable=False),
)
audit_log = Table(
    "audit_log", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("company_id", Id, nullable=False, index=True),
    Column("actor_id", Id, nullable=False),
    Column("action", String(50), nullable=False),
    Column("detail", JSON, nullable=False),
    Column("at", Float, nullable=False),
    sqlite_autoincrement=True,
)

call_groups = Table(
    "call_groups", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("company_id", Id, ForeignKey("companies.id"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    UniqueConstraint("company_id", "name", name="uq_call_groups_company_name"),
    sqlite_autoincrement=True,
)
call_group_members = Table(
    "call_group_members", metadata,
    Column("group_id", Id, ForeignKey("call_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)
markets = Table(
    "markets", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("company_id", Id, ForeignKey("companies.id"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    UniqueConstraint("company_id", "name", name="uq_markets_company_name"),
    sqlite_autoincrement=True,
)
market_members = Table(
    "market_members", metadata,
    Column("market_id", Id, ForeignKey("markets.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)
# A reminder waits here until its due time, then becomes a message (a new id, so cursors see it).
reminders = Table(
    "reminders", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("company_id", Id, nullable=False),
    Column("sender_id", Id, nullable=False, index=True),
    Column("recipient_id", Id, nullable=False),
    Column("body", Text, nullable=False),
    Column("due", Float, nullable=False),
    Column("created", Float, nullable=False),
    Column("delivered_at", Float),
    Column("message_id", Id),
    Column("crm_record", String(64), index=True),  # the CRM record whose reminder this is
    Column("appointment", String(64), index=True),  # ... or the appointment (one per participant)
    Column("occurrence", String(20)),  # ... and its occurrence (original start, UTC key)
    Column("client_id", String(36)),  # the sender's id for the request: a repeat returns this row
    Column("link", String(200)),  # what it reminds of (messages.link); a CRM record's is made from crm_record
    Index("ix_reminders_pending", "delivered_at", "due"),
    Index("ix_reminders_sender_client", "sender_id", "client_id", unique=True),
    # one pending reminder per appointment and participant (a delivery and an edit plan at once)
    Index("ux_reminders_appointment_pending", "company_id", "appointment", "recipient_id", unique=True,
          sqlite_where=text("delivered_at IS NULL AND appointment IS NOT NULL"),
          postgresql_where=text("delivered_at IS NULL AND appointment IS NOT NULL")),
    sqlite_autoincrement=True,
)
# Announcements posted with a client id (the messages they became are one per recipient): a repeat
# of the request returns this row instead of posting again.
announcements = Table(
    "announcements", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("company_id", Id, nullable=False),
    Column("sender_id", Id, nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("body", Text, nullable=False),
    Column("market_id", Id),
    Column("recipients", Integer, nullable=False),
    Column("created", Float, nullable=False),
    Index("ix_announcements_sender_client", "sender_id", "client_id", unique=True),
    sqlite_autoincrement=True,
)
# Failed-login and reset-mail counters (auth.Throttle): one row per key and fixed window.
auth_throttle = Table(
    "auth_throttle", metadata,
    Column("key", String(300), primary_key=True),
    Column("expires", Float, nullable=False, index=True),  # end of the key's current window
    Column("count", Integer, nullable=False),
)
# SIP contacts of connected devices; `seen` is refreshed by the hub process holding the socket.
sip_contacts = Table(
    "sip_contacts", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("user_id", Id, nullable=False, index=True),
    Column("origin", String(32), nullable=False),
    Column("uri", String(256), nullable=False),
    Column("seen", Float, nullable=False),
    sqlite_autoincrement=True,
)

# Message attachments (routes_attachments.py): resumable uploads stored as DATA/attachments/<id>.
attachments = Table(
    "attachments", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("company_id", Id, ForeignKey("companies.id"), nullable=False, index=True),
    Column("owner_id", Id, nullable=False, index=True),
    Column("name", String(255)),
    Column("declared_type", String(100)),
    Column("content_type", String(100)),  # sniffed from the bytes when the upload is complete
    Column("length", Id, nullable=False),
    Column("received", Id, nullable=False),
    Column("created", Float, nullable=False),
    Column("finished", Float),
    Column("writer", String(32)),  # the PATCH writing it now (a lease, so any hub process may write)
    Column("writer_until", Float),  # when that lease lapses unless renewed
    Column("duration", Float),  # seconds of sound or video, read from the finished file (null: none found)
    sqlite_autoincrement=True,
)
message_attachments = Table(
    "message_attachments", metadata,
    Column("message_id", Id, ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True),
    Column("attachment_id", Id, ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True, index=True),
)


def open_engine(url: str) -> Engine:
    """Create the engine and bring the schema to the newest migration (a no-op when current)."""
    from whitephone.server.migrate import migrate

    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # WAL lets readers run beside the writer
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            # ON DELETE CASCADE as on PostgreSQL: a removed user leaves no group/market memberships
            # behind (SQLite may hand the same rowid to the next user).
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()
    else:
        engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    migrate(engine)
    log.info("hub database ready: %s", engine.url.render_as_string(hide_password=True))
    return engine


_sqlite_write_lock = threading.Lock()
_in_writer = threading.local()


@contextlib.contextmanager
def writer(engine: Engine) -> Iterator[Connection]:
    """A write transaction. SQLite allows one writer: queue on a lock rather than on SQLite's busy
    timeout, whose sleeps (up to 100 ms each) cut throughput to a few dozen writes per second."""
    _in_writer.depth = writing() + 1
    try:
        if engine.dialect.name == "sqlite":
            with _sqlite_write_lock, engine.begin() as conn:
                yield conn
        else:
            with engine.begin() as conn:
                yield conn
    finally:
        _in_writer.depth -= 1


def writing() -> int:
    """How many write transactions this thread is inside (slow work such as argon2 must see 0)."""
    return getattr(_in_writer, "depth", 0)
