"""What the hub says, as sentences for the user: its validation errors (pydantic's list), its
refusal reasons ("e-mail already registered") and the reasons it rejects a synced change
("deleted", "phones has more than 100 items"). One place, used by the CLI and the window."""

from __future__ import annotations

import re
from typing import Any

# field names as a user says them
_LABELS = {
    "email": "e-mail address", "emails": "e-mail addresses", "phones": "phone numbers",
    "password": "password", "new_password": "new password", "old_password": "current password",
    "company": "company name", "name": "name", "photo": "photo", "addresses": "addresses",
    "companies": "companies", "tags": "tags", "custom": "custom fields", "custom_fields": "custom fields",
    "notes": "notes", "note": "note", "given_name": "first name", "family_name": "last name",
    "display_name": "display name", "urls": "web addresses", "status": "status",
}

# reasons the hub gives in a few words
_KNOWN = {
    "deleted": "It was deleted on the hub (by a colleague or on another computer), so this change "
               "could not be kept.",
    "e-mail already registered": "This e-mail address already has an account.",
    "rejected": "The hub refused this change.",
    "internal error": "The hub had a problem; try again later.",
}


def label(field: str) -> str:
    """"phones[3].number" -> "phone numbers"; unknown names with their underscores as spaces."""
    base = re.split(r"[.\[]", str(field), maxsplit=1)[0]
    return _LABELS.get(base, base.replace("_", " "))


def sentence(text: str) -> str:
    """Capitalised and ending with a full stop (a question or exclamation mark is left alone)."""
    text = " ".join(str(text).split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def reason_text(reason: Any) -> str:
    """A reason the hub gave (a refusal, or why it rejected a synced change), as a sentence."""
    text = " ".join(str(reason or "").split())
    known = _KNOWN.get(text.lower().rstrip("."))
    if known:
        return known
    m = re.fullmatch(r"(\S+) is longer than (\d+) characters", text)
    if m:
        if label(m[1]) == "photo":
            return f"The photo is too large (at most {int(m[2]) * 3 // 4 // 1024} kB)."
        return f"The {label(m[1])} is too long (at most {m[2]} characters)."
    m = re.fullmatch(r"(\S+) has more than (\d+) (?:items|entries)", text)
    if m:
        return f"There are too many {label(m[1])} (at most {m[2]})."
    m = re.fullmatch(r"(\S+) (must be|holds|has) (.+)", text)
    if m and re.fullmatch(r"[\w.\[\]]+", m[1]):
        return sentence(f"The {label(m[1])} {m[2]} {m[3]}")
    return sentence(text) or "The hub refused it."


def _validation_item(d: dict) -> str:
    loc = [str(x) for x in d.get("loc", []) if x not in ("body", "query", "path")]
    what = label(loc[0]) if loc else "request"
    kind, ctx = str(d.get("type", "")), d.get("ctx") or {}
    if kind == "missing":
        return f"The {what} is missing."
    if kind == "string_too_short":
        n = ctx.get("min_length")
        return f"The {what} is too short" + (f" (at least {n} characters)." if n else ".")
    if kind == "string_too_long":
        n = ctx.get("max_length")
        return f"The {what} is too long" + (f" (at most {n} characters)." if n else ".")
    if kind in ("too_long", "too_short"):
        return f"There are too many {what}." if kind == "too_long" else f"There are too few {what}."
    return f"The {what} is not valid."


def detail_text(detail: Any) -> str:
    """The hub's `detail` (a reason, pydantic's list of invalid fields, or {code, reason}) as
    sentences."""
    if isinstance(detail, list):
        parts = [_validation_item(d) for d in detail[:3] if isinstance(d, dict)]
        return " ".join(dict.fromkeys(parts)) or "The hub refused the request as invalid."
    if isinstance(detail, dict):
        return reason_text(detail.get("reason") or detail.get("code") or "")
    return reason_text(detail)
