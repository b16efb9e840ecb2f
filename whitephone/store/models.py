"""Tables of the local store (SQLAlchemy 2). Alembic migrations create them; see migrations/."""

from __future__ import annotations

from sqlalchemy import (
    BLOB,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _id() -> Column:
    # INTEGER PRIMARY KEY = SQLite rowid, stable across VACUUM; the FTS index keys on it.
    return Column("id", Integer, primary_key=True)


def _owner(table: str) -> Column:
    return Column("contact_id", Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False)


address_books = Table(
    "address_books",
    metadata,
    _id(),
    Column("uid", String(36), nullable=False, unique=True),
    Column("name", Text, nullable=False, unique=True),
    Column("position", Integer, nullable=False, default=0),
    Column("created_at", Text, nullable=False),
    Column("version", Integer),  # hub seq of the last synced change
    Column("shared", Integer, nullable=False, default=0),  # 1: the company's book, seen by colleagues
)

contacts = Table(
    "contacts",
    metadata,
    _id(),
    Column("uid", String(36), nullable=False, unique=True),
    Column("book_id", Integer, ForeignKey("address_books.id"), nullable=False),
    Column("kind", String(8), nullable=False, default="person"),
    Column("prefix", Text, nullable=False, default=""),
    Column("given_name", Text, nullable=False, default=""),
    Column("middle_name", Text, nullable=False, default=""),
    Column("family_name", Text, nullable=False, default=""),
    Column("suffix", Text, nullable=False, default=""),
    Column("display_name", Text, nullable=False, default=""),
    Column("sort_key", Text, nullable=False, default=""),  # casefolded display name
    Column("nickname", Text, nullable=False, default=""),
    Column("birthday", Text, nullable=False, default=""),
    Column("notes", Text, nullable=False, default=""),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("version", Integer),
    Index("ix_contacts_sort", "sort_key", "id"),
    Index("ix_contacts_book_sort", "book_id", "sort_key", "id"),
)

# Search indexes (migration 0004): 1-2 letter "starts with" on family names ("Sm" finds John
# Smith) and the sort keys of candidate sets, both read without touching the wide contact rows.
Index("ix_contacts_family_sort", func.lower(contacts.c.family_name), contacts.c.sort_key, contacts.c.id)
Index("ix_contacts_id_sort", contacts.c.id, contacts.c.sort_key)

contact_photos = Table(
    "contact_photos",
    metadata,
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("mime", Text, nullable=False),
    Column("data", BLOB, nullable=False),
)

contact_companies = Table(
    "contact_companies",
    metadata,
    Column("person_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("company_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("role", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_contact_companies_company", "company_id"),
)

phones = Table(
    "phones",
    metadata,
    _id(),
    _owner("contacts"),
    Column("kind", String(16), nullable=False, default="other"),
    Column("number", Text, nullable=False),
    Column("e164", Text),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_phones_e164", "e164"),
    Index("ix_phones_contact", "contact_id"),
)

emails = Table(
    "emails",
    metadata,
    _id(),
    _owner("contacts"),
    Column("kind", String(16), nullable=False, default="other"),
    Column("address", Text, nullable=False),
    Column("address_key", Text, nullable=False),  # casefolded, for duplicate detection
    Column("position", Integer, nullable=False, default=0),
    Index("ix_emails_key", "address_key"),
    Index("ix_emails_contact", "contact_id"),
)

addresses = Table(
    "addresses",
    metadata,
    _id(),
    _owner("contacts"),
    Column("kind", String(16), nullable=False, default="other"),
    Column("street1", Text, nullable=False, default=""),
    Column("street2", Text, nullable=False, default=""),
    Column("postcode", Text, nullable=False, default=""),
    Column("city", Text, nullable=False, default=""),
    Column("region", Text, nullable=False, default=""),
    Column("country", Text, nullable=False, default=""),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_addresses_contact", "contact_id"),
)

websites = Table(
    "websites",
    metadata,
    _id(),
    _owner("contacts"),
    Column("kind", String(16), nullable=False, default="other"),
    Column("url", Text, nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_websites_contact", "contact_id"),
)

tags = Table(
    "tags",
    metadata,
    _id(),
    Column("name", Text, nullable=False, unique=True),
)

contact_tags = Table(
    "contact_tags",
    metadata,
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", Integer, ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_contact_tags_tag", "tag_id"),
)

custom_fields = Table(
    "custom_fields",
    metadata,
    _id(),
    Column("name", Text, nullable=False, unique=True),
    Column("field_type", String(8), nullable=False),
    Column("choices", Text, nullable=False, default="[]"),  # JSON list for "choice"
    Column("position", Integer, nullable=False, default=0),
)

custom_values = Table(
    "custom_values",
    metadata,
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("field_id", Integer, ForeignKey("custom_fields.id", ondelete="CASCADE"), primary_key=True),
    Column("value", Text, nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    _id(),
    Column("mutation_id", String(36), nullable=False, unique=True),
    Column("entity", String(32), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("op", String(8), nullable=False),  # upsert | delete
    Column("fields", Text),  # JSON list of changed field names; NULL = the whole entity
    Column("base_version", Integer),
    Column("created_at", Text, nullable=False),
    # the mutation as first sent (JSON), so a retry after a lost answer sends the very same one
    Column("payload", Text),
    Index("ix_outbox_entity_id", "entity", "entity_id"),
)

# Full-text index (FTS5, trigram tokenizer: matches inside words, "ith" finds Smith). Created by
# the migration as a virtual table; rowid = contacts.id. Columns: name, company, email, phone.
FTS_TABLE = "contact_fts"

call_logs = Table(
    "call_logs",
    metadata,
    _id(),
    Column("uid", String(36), nullable=False, unique=True),
    Column("direction", String(3), nullable=False),  # in | out
    Column("account", Text, nullable=False, default=""),
    Column("peer_uri", Text, nullable=False, default=""),
    Column("peer_name", Text, nullable=False, default=""),
    Column("number_e164", Text),
    Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL")),
    Column("line", String(5), nullable=False, default="pc"),  # pc (PC to PC) | phone (PSTN number)
    Column("started_at", Text, nullable=False),
    Column("answered_at", Text),
    Column("ended_at", Text),
    Column("duration", Integer, nullable=False, default=0),  # seconds talking
    Column("result", String(10), nullable=False, default="failed"),
    Column("sip_code", Integer),
    Column("reason", Text, nullable=False, default=""),
    Column("codec", Text, nullable=False, default=""),
    Column("recording", Text, nullable=False, default=""),
    Column("viewed", Integer, nullable=False, default=1),  # 0 for a missed call not seen yet
    Column("version", Integer),
    Index("ix_call_logs_started", "started_at"),
    Index("ix_call_logs_contact", "contact_id"),
    Index("ix_call_logs_number", "number_e164"),
    # a contact's or a number's calls, newest first, one page at a time (timeline, popup; 0006)
    Index("ix_call_logs_contact_started", "contact_id", "started_at", "id"),
    Index("ix_call_logs_number_started", "number_e164", "started_at", "id"),
)

# Casefolded "name company e-mail phone-digits" of each contact: the per-row test when a search
# walks the name index (dense matches); a rowid lookup here is ~50x cheaper than in the FTS table.
contact_search = Table(
    "contact_search",
    metadata,
    Column("id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("text", Text, nullable=False),
)

# ---------------------------------------------------------------------- sync state (migration 0005)
sync_meta = Table(
    "sync_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# The last state of each synced row as the hub knows it: the base of three-way merges and of
# the field changes a push sends.
sync_rows = Table(
    "sync_rows",
    metadata,
    Column("entity", String(32), primary_key=True),
    Column("uid", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("fields", Text, nullable=False),  # JSON
)

sync_conflicts = Table(
    "sync_conflicts",
    metadata,
    _id(),
    Column("entity", String(32), nullable=False),
    Column("uid", String(64), nullable=False),
    Column("field", Text, nullable=False),
    Column("mutation_id", String(64)),  # the local change that lost, when known
    Column("base", Text),  # JSON values
    Column("local", Text),
    Column("server", Text),
    Column("created_at", Text, nullable=False),
    Column("resolved", Integer, nullable=False, default=0),
)

sync_rejections = Table(
    "sync_rejections",
    metadata,
    _id(),
    Column("mutation_id", String(64), nullable=False),
    Column("entity", String(32), nullable=False),
    Column("uid", String(64), nullable=False),
    Column("op", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("fields", Text),
    Column("created_at", Text, nullable=False),
    Column("seen", Integer, nullable=False, default=0),
)


# ---------------------------------------------------------------------- timeline (migration 0006)
# Every change to a contact: one row per changed field (old -> new as display text), written in
# the transaction of the change; keyed by the contact's uid, so a deleted contact's history stays
# (and comes back with an undo). Capped per contact (see store/history.py).
contact_history = Table(
    "contact_history",
    metadata,
    _id(),
    Column("contact_uid", String(36), nullable=False),
    Column("at", Text, nullable=False),
    Column("source", String(8), nullable=False),  # local | import | hub
    Column("who", Text, nullable=False, default=""),  # user name; "" = this profile's user
    Column("field", Text, nullable=False),  # a field name, or "created" / "deleted"
    Column("old", Text),
    Column("new", Text),
    Index("ix_contact_history_contact", "contact_uid", "at", "id"),
    sqlite_autoincrement=True,
)

# Notes on a contact written on this computer. Private notes (seed 004) are only ever here:
# they are never put in the outbox, so no colleague and no hub sees them.
contact_notes = Table(
    "contact_notes",
    metadata,
    _id(),
    Column("uid", String(36), nullable=False, unique=True),
    Column("contact_uid", String(36), nullable=False),
    Column("text", Text, nullable=False),
    Column("private", Integer, nullable=False, default=1),
    Column("author", Text, nullable=False, default=""),
    Column("created_at", Text, nullable=False),
    Index("ix_contact_notes_contact", "contact_uid", "created_at", "id"),
    sqlite_autoincrement=True,
)
# CRM (store/crm.py). Records and notes are synced; `contact` and `call` hold uids (the rows they
# name may arrive later), `task_number` stays NULL until the hub gave one ("pending").
crm_records = Table(
    "crm_records",
    metadata,
    _id(),
    Column("uid", String(36), nullable=False, unique=True),
    Column("task_number", Integer),
    Column("type", Text, nullable=False, default=""),
    Column("priority", String(8), nullable=False, default="medium"),  # low | medium | high
    Column("status", String(8), nullable=False, default="open"),  # open | closed
    Column("subject", Text, nullable=False, default=""),
    Column("contact", String(64)),  # contact uid
    Column("number", Text),  # the phone number or SIP identity it was opened for
    Column("group_id", Integer),  # call group (hub id); NULL: opened as myself, the whole company's
    Column("owner_id", Integer),  # hub user who opened it
    Column("owner_name", Text, nullable=False, default=""),
    Column("call", String(64)),  # call log uid
    Column("message", Integer),  # hub message id
    Column("remind_at", Text),
    Column("reminded_at", Text),  # local: the remind_at this device last showed
    Column("remind_by", Integer),  # hub user who set remind_at: the reminder pops up for them only
    Column("number_key", Text),  # local: the digits of `number` (phone.number_key), for the caller lookup
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("closed_at", Text),
    Column("version", Integer),
    # newest first under any Type / Status / Priority filter: the index on one filter gives the
    # order, the other filters are tested inside the index (covering them), rows are read for the
    # page only
    Index("ix_crm_records_created", "created_at", "id", "status", "type", "priority", "group_id"),
    Index("ix_crm_records_status_created", "status", "created_at", "id", "type", "priority", "group_id"),
    Index("ix_crm_records_type_created", "type", "created_at", "id", "status", "priority", "group_id"),
    Index("ix_crm_records_priority_created", "priority", "created_at", "id", "status", "type", "group_id"),
    Index("ix_crm_records_task", "task_number"),
    Index("ix_crm_records_contact", "contact", "status", "created_at"),
    # partial: records without a number (most have a contact) would make the planner think every
    # number_key lookup returns them all
    Index("ix_crm_records_number_key", "number_key", "status", "created_at",
          sqlite_where=text("number_key IS NOT NULL")),
    Index("ix_crm_records_number", "number", "status", "created_at"),
    Index("ix_crm_records_remind", "remind_at"),
    Index("ix_crm_records_call", "call"),
)

# Record counts per (status, type, priority, group) kept by triggers (migration 0006), so the
# CRM tab counts a million records without reading them. group_key: group_id, or 0 for NULL.
crm_counts = Table(
    "crm_counts",
    metadata,
    Column("status", String(8), primary_key=True),
    Column("type", Text, primary_key=True),
    Column("priority", String(8), primary_key=True),
    Column("group_key", Integer, primary_key=True),
    Column("n", Integer, nullable=False),
)

crm_notes = Table(
    "crm_notes",
    metadata,
    _id(),
    Column("uid", String(36), nullable=False, unique=True),
    Column("record", String(36), nullable=False),  # crm record uid
    Column("body", Text, nullable=False),
    Column("author_id", Integer),
    Column("author_name", Text, nullable=False, default=""),
    Column("created_at", Text, nullable=False),
    Column("private", Integer, nullable=False, default=0),
    Column("group_id", Integer),
    Column("version", Integer),
    Index("ix_crm_notes_record", "record", "created_at"),
)

# Who changed what on a record: rows the hub wrote (synced, `pending` 0) and this device's own
# changes not yet confirmed by the hub (`pending` 1, replaced when the hub's row arrives).
crm_history = Table(
    "crm_history",
    metadata,
    _id(),
    Column("uid", String(36), nullable=False, unique=True),
    Column("record", String(36), nullable=False),
    Column("who_id", Integer),
    Column("who_name", Text, nullable=False, default=""),
    Column("at", Text, nullable=False),
    Column("field", Text, nullable=False),
    Column("old", Text),
    Column("new", Text),
    Column("pending", Integer, nullable=False, default=0),
    Column("version", Integer),
    Index("ix_crm_history_record", "record", "at"),
)

# ---------------------------------------------------------------------- diary (migration 0007_diary)
# One row per appointment (a series with its exceptions and moved occurrences); `data` holds its
# fields as JSON (whitephone/core/diary.py `to_fields`, also the sync wire format). The span of
# each row (first start .. end of its last occurrence, 1e12 for an endless series) is in the R*Tree
# `appointment_span` (id = appointments.id), so a month's query reads only the rows that overlap it.
appointments = Table(
    "appointments",
    metadata,
    _id(),
    Column("uid", String(64), nullable=False, unique=True),
    Column("ical_uid", Text, nullable=False, default=""),
    Column("start_ts", Integer, nullable=False),  # epoch seconds of the first start
    Column("horizon_ts", Integer, nullable=False),  # epoch seconds when its last occurrence ends
    Column("data", Text, nullable=False),  # JSON
    Column("rev", Integer, nullable=False, default=0),  # new random value on every write (cache key)
    Column("version", Integer),
    Index("ix_appointments_ical_uid", "ical_uid"),
)
SPAN_TABLE = "appointment_span"

# Reminders shown and phone meetings started, per occurrence ("" for a single appointment):
# local only, so nothing is shown or dialled twice, also across restarts.
diary_done = Table(
    "diary_done",
    metadata,
    Column("kind", String(16), primary_key=True),  # reminder | meeting
    Column("uid", String(64), primary_key=True),
    Column("occurrence", String(20), primary_key=True),
    Column("done_at", Text, nullable=False),
)

# Messages (issue 14): the inbox and the outbox of text, voice and video mail, announcements,
# reminders and contact requests. One row per message this user sees; a message sent to several
# colleagues is one outgoing row (the hub stores one message per recipient: `hub_ids`).
messages = Table(
    "messages",
    metadata,
    _id(),
    Column("hub_id", Integer),  # the hub's id (an outgoing message: its first recipient's)
    Column("hub_ids", Text, nullable=False, default="{}"),  # outgoing: {recipient id: hub id} sent so far
    Column("client_id", String(36), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("direction", String(3), nullable=False),
    Column("sender_id", Integer),
    Column("sender_name", Text, nullable=False, default=""),
    Column("sender_email", Text, nullable=False, default=""),
    Column("recipients", Text, nullable=False, default="[]"),  # JSON [{id, name, email}]
    Column("subject", Text),
    Column("body", Text, nullable=False, default=""),
    Column("attachment", Text),  # JSON {name, mime, size, path, hub_id} or NULL
    Column("upload_id", Integer),  # outgoing: the hub upload under way (resumed after a break)
    Column("market", Text),
    Column("market_id", Integer),
    Column("sent_at", Float),  # epoch seconds
    Column("received_at", Float),
    Column("read", Integer, nullable=False, default=0),
    Column("hub_read", Integer, nullable=False, default=0),  # the hub knows it is read
    Column("deleted_at", Text),  # ISO 8601 UTC: in the trash since
    Column("purged", Integer, nullable=False, default=0),  # emptied from the trash: delete on the hub, then here
    Column("status", String(8), nullable=False, default="sent"),
    Column("error", Text),
    Column("record", String(64)),  # a CRM record uid
    Column("reply_to", Integer),
    Column("request_id", Integer),  # a contact request: the hub's request id
    Column("request_status", String(10)),  # ... and its state: pending, accepted, declined
    Column("due", Float),  # an outgoing reminder: when the hub delivers it
    Column("link", String(200)),  # a reminder's source: "crm_record:<uid>", "appointment:<uid>[@<time>]"
    Column("ordinal", Integer, nullable=False, default=0),  # bumped on every queue/retry (wakes the worker)
    Index("ix_messages_in_hub_id", "hub_id", unique=True, sqlite_where=text("direction = 'in' AND hub_id IS NOT NULL")),
    Index("ix_messages_kind_time", "kind", "received_at"),
    Index("ix_messages_request", "request_id", unique=True, sqlite_where=text("request_id IS NOT NULL")),
    Index("ix_messages_status", "status"),
)
