"""Wire schemas for call groups, markets and announcements, reminders, device SIP contacts and the
sync snapshot (pydantic, shared by the hub and the client)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from whitephone.protocol import Change, Strict

UserId = Annotated[int, Field(ge=1, le=2**62)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100,
                                        pattern=r"^[^\x00-\x1f\x7f]+$")]
# Message text: any characters but NUL (PostgreSQL text cannot hold it).
Body = Annotated[str, StringConstraints(min_length=1, max_length=20000, pattern=r"^[^\x00]+$")]
# Seconds since the epoch, finite: up to the year 2100.
Timestamp = Annotated[float, Field(ge=0, le=4102444800, allow_inf_nan=False)]


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


class Announcement(BaseModel):
    body: str
    market_id: int | None
    recipients: int
    created: float


# what a reminder message is about: a CRM record or an appointment's occurrence (a snoozed one keeps it)
Link = Annotated[str, StringConstraints(max_length=120,
                                        pattern=r"^(crm_record:[^\x00-\x20@]{1,64}|appointment:[^\x00-\x20@]{1,64}@[0-9TZ]{0,20})$")]


class NewReminder(Strict):
    to: UserId
    body: Body
    due: Timestamp
    link: Link | None = None


class Reminder(BaseModel):
    id: int
    sender_id: int
    recipient_id: int
    body: str
    due: float
    created: float
    delivered: bool
    message_id: int | None


class SipContact(BaseModel):
    uri: str
    seen: float  # last time the hub holding the device's socket confirmed it


class Snapshot(BaseModel):
    records: list[Change]
    after: str | None
    more: bool
    head: int
