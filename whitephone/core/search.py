"""The search box language: plain words match inside names, companies, e-mails and numbers;
CRM.COM's operators (seed 003) narrow it: `=value` exact, `Ma%` starts with, `%ria` ends with,
`%ari%` contains.

Search by a chosen field (seed 003's "Search by", "Operator", advanced search) is a list of
`FieldCondition`s: `=` an exact match (any case), Like a pattern where `%` stands for any text
(`Ma%`, `%ria`, `%ari%`) and a value without `%` means "starts with"; `\\%` is a literal percent
sign and `_` is always a literal underscore."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whitephone.phone import EXTENSION, WRITTEN_NUMBER, digits, international_digits, normalize

_TRUNK_0 = re.compile(r"(?<=\d)\s*\(0\)")  # "+44 (0)20": the national 0 some write after the country code


# Fields one can search by: name -> label. `custom:<name>` searches a custom field; more fields
# (CRM record fields) join through `whitephone.store.search_sql.register_field`.
SEARCH_FIELDS: dict[str, str] = {
    "name": "Name", "given_name": "First name", "family_name": "Last name", "nickname": "Nickname",
    "company": "Company", "phone": "Phone number", "email": "E-mail", "tag": "Tag", "notes": "Notes",
    "birthday": "Birthday", "address": "Address (any part)", "street": "Street", "postcode": "Postcode",
    "city": "City", "region": "Region", "country": "Country", "website": "Website",
    "crm.task_number": "CRM task id", "crm.subject": "CRM subject", "crm.type": "CRM type",
    "crm.status": "CRM status", "crm.priority": "CRM priority",
}
OPERATORS = ("=", "like")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_WORDS = 5000  # different words in one search (each is one test per contact)


class SearchError(ValueError):
    """A search that cannot run, with the reason in words."""


@dataclass(frozen=True)
class FieldCondition:
    field: str  # a key of SEARCH_FIELDS, "custom:<name>", or a registered field
    op: str  # "=" | "like"
    value: str  # as typed
    e164: str | None = None  # a phone number "=": the value in E.164 (any written form matches)

    def like_pattern(self) -> str:
        """The SQL LIKE pattern (ESCAPE '\\'), casefolded: the user's `%` is the wildcard, `\\%` a
        literal %, `_` and `\\` always literal; no `%` at all means "starts with"."""
        out, wild, i, v = [], False, 0, self.value.casefold()
        while i < len(v):
            ch = v[i]
            if ch == "\\" and i + 1 < len(v) and v[i + 1] == "%":
                out.append("\\%")
                i += 2
                continue
            if ch == "%":
                wild = True
                out.append("%")
            elif ch in "_\\":
                out.append("\\" + ch)
            else:
                out.append(ch)
            i += 1
        return "".join(out) + ("" if wild else "%")

    def exact_value(self) -> str:
        return self.value.strip().casefold()


def field_condition(field_name: str, op: str, value: str, region: str | None = None) -> FieldCondition:
    """A checked condition (unknown field or operator, or an empty value: SearchError)."""
    op = {"equal": "=", "==": "="}.get(op.lower(), op.lower())
    if op not in OPERATORS:
        raise SearchError(f"unknown operator {op!r}: use = or like")
    if not (field_name in SEARCH_FIELDS or field_name.startswith("custom:") or field_name in EXTRA_FIELDS):
        raise SearchError(f"cannot search by {field_name!r}")
    if not value.strip() or (op == "like" and not value.replace("%", "").strip()):
        raise SearchError("type what to search for")
    e164 = normalize(value, region) if (op == "=" and field_name == "phone" and region) else None
    return FieldCondition(field_name, op, value.strip() if op == "=" else value, e164)


EXTRA_FIELDS: dict[str, str] = {}  # registered by the store (search_sql.register_field)


@dataclass(frozen=True)
class SearchQuery:
    mode: str = "all"  # all | contains | exact | prefix | suffix | infix | digits
    terms: tuple[str, ...] = ()  # for "digits": alternatives, any of which may match
    e164: str | None = None  # for exact/number queries that parse as a phone number
    book_id: int | None = None
    tag: str | None = None
    company_id: int | None = None
    kind: str | None = None  # "person" | "company" | None
    conditions: tuple[FieldCondition, ...] = ()  # search by field, all must hold
    raw: str = field(default="", compare=False)


def parse_query(
    text: str,
    region: str = "US",
    *,
    book_id: int | None = None,
    tag: str | None = None,
    company_id: int | None = None,
    kind: str | None = None,
) -> SearchQuery:
    """Turn what the user typed into a `SearchQuery`."""
    raw = text
    # pasted text may carry control characters (a NUL ends an FTS query): they separate words
    text = _CONTROL.sub(" ", text).strip()
    common = {"book_id": book_id, "tag": tag, "company_id": company_id, "kind": kind, "raw": raw}
    if not text:
        return SearchQuery(mode="all", **common)
    if text.startswith("="):
        value = text[1:].strip()
        return SearchQuery(mode="exact", terms=(value,) if value else (), e164=normalize(value, region),
                           **common)
    starts, ends = text.endswith("%"), text.startswith("%")
    if starts or ends:
        core = text.strip("%").strip()
        if not core:
            return SearchQuery(mode="all", **common)
        mode = "infix" if (starts and ends) else ("prefix" if starts else "suffix")
        return SearchQuery(mode=mode, terms=(core,), **common)
    number = _TRUNK_0.sub("", EXTENSION.sub("", text))  # "+44 (0)7400 123265 x12" -> "+44 7400 123265"
    if WRITTEN_NUMBER.match(number) and len(digits(number)) >= 2:
        # a number as the list shows it ("07400 123265" in GB) is stored as +447400123265: match
        # its E.164 digits when it is complete (phonenumbers reads 00/011, (0), other scripts'
        # digits), the E.164 digits of its start while it is typed ("074" -> "4474": a national
        # or international prefix is never matched on its own, so results narrow as one types),
        # else the digits as typed (numbers kept as entered, a tail like "123265")
        e164 = normalize(number, region)
        intl = international_digits(number, region)
        forms = (digits(e164 or ""), intl, None if intl else digits(number))
        return SearchQuery(mode="digits", terms=tuple(dict.fromkeys(f for f in forms if f)), e164=e164, **common)
    words = tuple(dict.fromkeys(text.split()))  # a word typed twice narrows nothing more
    if len(words) > MAX_WORDS:
        raise SearchError(f"a search has at most {MAX_WORDS} different words")
    return SearchQuery(mode="contains", terms=words, **common)
