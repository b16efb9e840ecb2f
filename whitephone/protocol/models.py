"""Wire schemas shared by the hub and the client (pydantic). Nothing else is shared."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

PresenceStatus = Literal["online", "away", "busy", "dnd", "invisible", "offline"]
EmailStr = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=254,
                                          pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Entity = Literal["address_book", "contact", "crm_record", "crm_note", "crm_change", "appointment", "call_log"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegisterCompany(Strict):
    company: str = Field(min_length=1, max_length=200)
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr
    password: str = Field(min_length=8, max_length=200)


class Login(Strict):
    email: EmailStr
    password: str = Field(min_length=1, max_length=200)


class Refresh(Strict):
    refresh_token: str = Field(min_length=1, max_length=200)


class Tokens(BaseModel):
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"


class ChangePassword(Strict):
    old_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=8, max_length=200)


class User(BaseModel):
    id: int
    company_id: int
    email: str
    name: str
    is_admin: bool
    disabled: bool
    hidden: bool
    permissions: list[str]
    last_seen: float | None = None


class AddUser(Strict):
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr
    password: str = Field(min_length=8, max_length=200)
    permissions: list[Literal["logo", "company", "products", "users", "pstn", "announcements", "crm_admin", "reports"]] = []


class SendMessage(Strict):
    to: int = Field(ge=1, le=2**62)
    kind: Literal["text", "reminder", "voice_mail", "video_mail"] = "text"
    # a text of up to 20 000 characters, plus the subject line a client may put before it
    # ("Subject: <at most 200>" and a blank line: docs/api.md "Messages")
    body: str = Field(min_length=1, max_length=20000 + 256)
    # finished uploads of the sender (POST /api/v1/attachments); voice/video mail need one of their kind
    attachments: list[Annotated[int, Field(ge=1, le=2**62)]] = Field(default=[], max_length=10)
    # chosen by the client (a UUID) so a retry is not stored twice: a repeat returns the first message
    client_id: str | None = Field(default=None, pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                                                        r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class AttachmentRef(BaseModel):
    id: int
    content_type: str
    length: int
    name: str | None = None


class Message(BaseModel):
    id: int
    sender_id: int
    recipient_id: int
    kind: str
    body: str
    created: float
    read: bool
    market_id: int | None = None  # announcements to a market
    attachments: list[AttachmentRef] = []  # download: GET /api/v1/attachments/{id}/content
    client_id: str | None = None  # the sender's id for the send (SendMessage.client_id)
    # a reminder's source, set by the hub: "crm_record:UID" or "appointment:UID", optionally
    # "@OCCURRENCE" (the occurrence's original start, YYYYMMDDTHHMMSSZ)
    link: str | None = None


class Mutation(Strict):
    mutation_id: str = Field(min_length=8, max_length=64, pattern=r"^[^\x00]+$")
    entity: Entity
    id: str = Field(min_length=1, max_length=64, pattern=r"^[^\x00]+$")
    op: Literal["upsert", "delete"]
    fields: dict[str, Any] = {}
    base_version: int = Field(default=0, ge=0, le=2**62)


class MutationBatch(Strict):
    mutations: list[Mutation] = Field(max_length=500)


class MutationResult(BaseModel):
    mutation_id: str
    status: Literal["applied", "merged", "conflict", "duplicate", "rejected"]
    version: int | None = None
    conflict: dict[str, Any] | None = None
    reason: str | None = None


class Change(BaseModel):
    seq: int
    entity: str
    id: str
    deleted: bool
    fields: dict[str, Any]
    # who made this change (the mutation's user); None from a hub before this field existed, or
    # for a change no user made. `author_name` is their name now (None once the user is deleted).
    author_id: int | None = None
    author_name: str | None = None
    # who set the fields this change carries when that was not `author_name` (an earlier change
    # since the client's cursor): {field: name or None when that user is gone}; a field not
    # named here is `author_name`'s. `created_by`: who created the row (None when unknown).
    field_authors: dict[str, str | None] | None = None
    created_by: str | None = None


class SyncConflict(BaseModel):
    """A change of this user that lost, for every device of theirs: `conflict` (the hub kept
    another value: `fields` = {name: {local, server}}) or `deleted` (the row was deleted; `fields`
    = the lost values as {name: {local, server: null}}); or `kept`: the other side of a field
    conflict, for the author of the value the hub kept (another user's value lost to it:
    `fields` = {name: {local: the value that lost, server: this user's, kept}})."""
    seq: int
    entity: str
    id: str
    mutation_id: str | None
    reason: Literal["conflict", "deleted", "kept"]
    fields: dict[str, Any]


class ChangeFeed(BaseModel):
    changes: list[Change]
    next: int
    more: bool
    conflicts: list[SyncConflict] = []


class ForgotPassword(Strict):
    email: EmailStr


class ResetPassword(Strict):
    token: str = Field(min_length=10, max_length=200)
    new_password: str = Field(min_length=8, max_length=200)


class ProfileUpdate(Strict):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    region: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    timezone: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_+\-/]+$")
    hidden: bool | None = None
    preferences: dict[str, str | int | bool | None] | None = Field(default=None, max_length=100)


class Profile(BaseModel):
    id: int
    name: str
    email: str
    region: str | None
    timezone: str | None
    hidden: bool
    preferences: dict[str, Any]


class CompanyUpdate(Strict):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    regions: list[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]] | None = Field(default=None, max_length=300)
    # the longest voice or video mail, in seconds (company admins only; bounds in protocol/media.py)
    voice_mail_seconds: int | None = Field(default=None, ge=10, le=1800)


class Company(BaseModel):
    id: int
    name: str
    regions: list[str]
    voice_mail_seconds: int = 180  # the longest voice or video mail (protocol/media.py)


class NewContactRequest(Strict):
    to: int = Field(ge=1, le=2**62)


class ContactRequest(BaseModel):
    id: int
    from_id: int
    to_id: int
    status: str
