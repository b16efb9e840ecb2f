"""Wire schemas for call groups, markets and announcements, reminders, device SIP contacts and the
sync snapshot (pydantic, shared by the hub and the client)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from whitephone.protocol import Change, Strict
from whitephone.protocol.links import check_link

UserId = Annotated[int, Field(ge=1, le=2**62)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100,
                                        pattern=r"^[^\x00-\x1f\x7f]+$")]
# Message text: any characters but NUL (PostgreSQL text cannot hold it).
Body = Annotated[str, StringConstraints(min_length=1, max_length=20000, pattern=r"^[^\x00]+$")]
# Seconds since the epoch, finite: up to the year 2100.
Timestamp = Annotated[float, Field(ge=0, le=4102444800, allow_inf_nan=False)]
# The client's id for a request (a UUID): a retry with it returns the first result (docs/api.md).
ClientId = Annotated[str, StringConstraints(to_lower=True,
                                            pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
# What a reminder reminds of: "<kind>:<id>", e.g. "crm_record:<uid>", "appointment:<uid>@<occurrence>"
# (protocol/links.py: the id as the hub makes it, any characters but NUL; an occurrence in range).
Link = Annotated[str, AfterValidator(check_link)]


class NewCallGroup(Strict):
    name: Name
    members: list[UserId] = Field(default=[], max_length=1000)


class CallGroupUpdate(Strict):
    name: Name


class NewMember(Strict):
    user_id: UserId


class CallGroup(BaseModel):
    id: int
    name: str
    members: list[int]


class NewMarket(Strict):
    name: Name


class Market(BaseModel):
    id: int
    name: str
    members: int
    joined: bool


class NewAnnouncement(Strict):
    body: Body
    market_id: UserId | None = None  # None: the whole company
    client_id: ClientId | None = None  # a repeat returns the first announcement (200), posts nothing


class Announcement(BaseModel):
    body: str
    market_id: int | None
    recipients: int
    created: float
    client_id: str | None = None


class NewReminder(Strict):
    to: UserId
    body: Body
    due: Timestamp
    client_id: ClientId | None = None  # a repeat returns the first reminder (200), stores nothing
    link: Link | None = None  # carried to the reminder message (e.g. a snoozed CRM reminder's record)


class Reminder(BaseModel):
    id: int
    sender_id: int
    recipient_id: int
    body: str
    due: float
    created: float
    delivered: bool
    message_id: int | None
    client_id: str | None = None
    link: str | None = None


class SipContact(BaseModel):
    uri: str
    seen: float  # last time the hub holding the device's socket confirmed it


class Snapshot(BaseModel):
    records: list[Change]
    after: str | None
    more: bool
    head: int
