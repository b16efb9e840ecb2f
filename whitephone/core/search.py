"""The search box language: plain words match inside names, companies, e-mails and numbers;
CRM.COM's operators (seed 003) narrow it: `=value` exact, `Ma%` starts with, `%ria` ends with,
`%ari%` contains."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whitephone.phone import EXTENSION, WRITTEN_NUMBER, digits, international_digits, normalize

_TRUNK_0 = re.compile(r"(?<=\d)\s*\(0\)")  # "+44 (0)20": the national 0 some write after the country code


@dataclass(frozen=True)
class SearchQuery:
    mode: str = "all"  # all | contains | exact | prefix | suffix | infix | digits
    terms: tuple[str, ...] = ()  # for "digits": alternatives, any of which may match
    e164: str | None = None  # for exact/number queries that parse as a phone number
    book_id: int | None = None
    tag: str | None = None
    company_id: int | None = None
    kind: str | None = None  # "person" | "company" | None
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
    text = text.strip()
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
    return SearchQuery(mode="contains", terms=tuple(text.split()), **common)
