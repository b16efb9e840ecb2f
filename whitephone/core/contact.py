"""Plain data types for contacts, shared by importers, the store, the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field

PHONE_KINDS = ("mobile", "home", "work", "main", "home_fax", "office_fax", "pager", "other")
EMAIL_KINDS = ("home", "work", "other")
ADDRESS_KINDS = ("home", "work", "other")
CUSTOM_FIELD_TYPES = ("text", "number", "date", "choice")


@dataclass
class Phone:
    number: str
    kind: str = "other"
    e164: str | None = None  # filled by normalisation with the profile's region


@dataclass
class Email:
    address: str
    kind: str = "other"


@dataclass
class PostalAddress:
    street1: str = ""
    street2: str = ""
    postcode: str = ""
    city: str = ""
    region: str = ""
    country: str = ""
    kind: str = "other"

    def is_empty(self) -> bool:
        return not any((self.street1, self.street2, self.postcode, self.city, self.region, self.country))


@dataclass
class Website:
    url: str
    kind: str = "other"


@dataclass
class CompanyLink:
    """A person's link to a company (seed 004: one person, many companies, each with a role)."""

    name: str
    role: str = ""
    company_id: int | None = None


@dataclass
class ContactData:
    """Everything we keep about a person or a company. `id` is None until stored."""

    kind: str = "person"  # "person" or "company"
    given_name: str = ""
    family_name: str = ""
    middle_name: str = ""
    prefix: str = ""
    suffix: str = ""
    display_name: str = ""
    nickname: str = ""
    birthday: str = ""  # ISO date (YYYY-MM-DD, or --MM-DD without a year)
    notes: str = ""
    phones: list[Phone] = field(default_factory=list)
    emails: list[Email] = field(default_factory=list)
    addresses: list[PostalAddress] = field(default_factory=list)
    websites: list[Website] = field(default_factory=list)
    companies: list[CompanyLink] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    custom: dict[str, str] = field(default_factory=dict)  # custom field name -> value
    photo: bytes | None = None  # JPEG/PNG bytes, already downscaled
    photo_mime: str = ""
    id: int | None = None
    uid: str | None = None
    book_id: int | None = None

    def best_display_name(self) -> str:
        """The name shown in lists: explicit display name, else composed from parts."""
        if self.display_name.strip():
            return self.display_name.strip()
        parts = [self.prefix, self.given_name, self.middle_name, self.family_name, self.suffix]
        name = " ".join(p.strip() for p in parts if p and p.strip())
        if name:
            return name
        if self.companies:
            return self.companies[0].name
        if self.emails:
            return self.emails[0].address
        if self.phones:
            return self.phones[0].number
        return ""


@dataclass(frozen=True)
class ContactSummary:
    """One row of a contact list or search result."""

    id: int
    uid: str
    display_name: str
    kind: str
    book_id: int
    book: str
    companies: tuple[str, ...]
    phones: tuple[str, ...]  # E.164 where known, else as entered
    emails: tuple[str, ...]
    sort_key: str = ""

    def to_json(self) -> dict:
        return {
            "id": self.uid,
            "display_name": self.display_name,
            "kind": self.kind,
            "companies": list(self.companies),
            "phones": list(self.phones),
            "emails": list(self.emails),
            "book": self.book,
        }


@dataclass(frozen=True)
class AddressBook:
    id: int
    uid: str
    name: str
    contact_count: int = 0
    shared: bool = False  # the company's book (seen by colleagues); else private to its owner


@dataclass(frozen=True)
class CustomField:
    id: int
    name: str
    field_type: str
    choices: tuple[str, ...] = ()
