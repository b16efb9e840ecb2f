"""What a deleted user leaves behind, removed in the deleting transaction.

Ids are never reused (db.py), but a deleted user's rows must still go: their inbox, the reminders
they set or would receive, the client ids of their announcements, uploads no message carries, contact links, device SIP contacts,
tokens, reset links, memberships and the sync rows only they could see. Messages they sent stay in
the recipients' inboxes (with their attachments): those belong to the recipients now.
"""

from __future__ import annotations

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.engine import Connection

from whitephone.server.db import (
    announcements,
    applied_mutations,
    attachments,
    call_group_members,
    change_log,
    contact_requests,
    market_members,
    message_attachments,
    messages,
    password_resets,
    record_viewers,
    records,
    reminders,
    sip_contacts,
    tokens,
    users,
)


def forget_user(conn: Connection, user_id: int) -> list[tuple[int, int]]:
    """Delete the user and what was theirs; returns the (company_id, attachment_id) of the uploads
    removed, whose files the caller deletes once the transaction has committed."""
    inbox = select(messages.c.id).where(messages.c.recipient_id == user_id)
    conn.execute(delete(message_attachments).where(message_attachments.c.message_id.in_(inbox)))
    conn.execute(delete(messages).where(messages.c.recipient_id == user_id))
    conn.execute(delete(reminders).where(or_(reminders.c.sender_id == user_id, reminders.c.recipient_id == user_id)))
    conn.execute(delete(announcements).where(announcements.c.sender_id == user_id))
    loose = conn.execute(select(attachments.c.company_id, attachments.c.id).where(
        attachments.c.owner_id == user_id,
        ~exists().where(message_attachments.c.attachment_id == attachments.c.id))).all()
    if loose:
        conn.execute(delete(attachments).where(attachments.c.id.in_([r.id for r in loose])))
    conn.execute(delete(contact_requests).where(
        or_(contact_requests.c.from_id == user_id, contact_requests.c.to_id == user_id)))
    conn.execute(delete(sip_contacts).where(sip_contacts.c.user_id == user_id))
    conn.execute(delete(records).where(records.c.owner_id == user_id))
    conn.execute(delete(change_log).where(change_log.c.owner_id == user_id))
    conn.execute(delete(applied_mutations).where(applied_mutations.c.user_id == user_id))
    for table in (tokens, password_resets, call_group_members, market_members, record_viewers):
        conn.execute(delete(table).where(table.c.user_id == user_id))
    conn.execute(delete(users).where(users.c.id == user_id))
    return [(r.company_id, r.id) for r in loose]
