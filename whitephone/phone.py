"""Phone numbers: parse, normalise to E.164 and format the way people of a region write them."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

log = logging.getLogger(__name__)


class _Phonenumbers:
    """`phonenumbers`, imported the first time a function here needs it (issue 18: ~0.1-0.2 s and
    its metadata off the window's first rows, which `call_target` and `digits` do not need; the
    first page's numbers are formatted from ui/first_read.py's cache)."""

    def __getattr__(self, name: str):
        import phonenumbers as module

        globals()["phonenumbers"] = module  # from now on the module itself
        return getattr(module, name)


phonenumbers = _Phonenumbers()

_DIGITS = re.compile(r"\d+")
_IDD_00 = re.compile(r"^\s*00\s*(?=\d)")


def digits(text: str) -> str:
    """Only the digits of `text`, in ASCII ("+44 (20) 7946-0018" -> "442079460018"; Arabic-Indic
    and full-width digits count too)."""
    found = "".join(_DIGITS.findall(text))
    return found if found.isascii() else "".join(str(unicodedata.digit(ch)) for ch in found)


def international_digits(text: str, region: str) -> str | None:
    """The digits a number (or the start of one) written as people of `region` write it has in
    E.164, for matching stored numbers: "07400 1232" in GB -> "4474001232", "074" -> "4474",
    "0044 20" or "00 44 20" -> "4420", "011 44 20" in the US -> "4420"; None when `text` is
    already international ("+...") or carries neither an international nor a national prefix."""
    d = digits(text)
    if text.lstrip().startswith("+") or not d:
        return None
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region.upper())
    idds = {"00"} | ({meta.international_prefix} if meta and (meta.international_prefix or "").isdigit() else set())
    for idd in sorted(idds, key=len, reverse=True):
        if d.startswith(idd) and len(d) > len(idd):
            return d[len(idd):]
    prefix = meta.national_prefix if meta is not None else None
    if not prefix or not d.startswith(prefix) or len(d) == len(prefix):
        return None
    return f"{meta.country_code}{d[len(prefix):]}"


def normalize(raw: str, region: str) -> str | None:
    """E.164 form of `raw` read with `region`'s dialling rules, or None if it is not a number.

    Accepts "+44 20 7946 0018", "020 7946 0018" (with region GB), "0044 20 7946 0018",
    "tel:+44-20-7946-0018" and vanity letters are refused.
    """
    if not raw:
        return None
    text = raw.strip()
    if text.lower().startswith("tel:"):
        text = text[4:].split(";", 1)[0]
    # "00" is the international prefix in most of the world; phonenumbers only knows it for
    # regions that use it, so a number written for abroad still parses in e.g. US profiles.
    text = _IDD_00.sub("+", text)
    if not any(ch.isdigit() for ch in text):
        return None
    return _parse_e164(text, region.upper() or "ZZ")


WRITTEN_NUMBER = re.compile(r"^\+?[\d\s().\-/]+$")
EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension|#)\s*\d+\s*$", re.IGNORECASE)


def is_valid(raw: str, region: str) -> bool:
    """`raw` is a number that exists in the numbering plan ("+1 000 000 0000" has the right length,
    so `normalize` reads it, but no such line can exist): for asking the user before saving."""
    text = raw.strip()
    text = text[4:] if text.lower().startswith("tel:") else text
    if not WRITTEN_NUMBER.match(EXTENSION.sub("", text.split(";", 1)[0])):
        return False  # "07400 123265 😀": phonenumbers would read the number and drop the rest
    e164 = normalize(raw, region)
    if e164 is None:
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return False


@lru_cache(maxsize=65536)
def _parse_e164(text: str, region: str) -> str | None:
    try:
        num = phonenumbers.parse(text, None if text.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(num):
        return None
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


_DIALABLE = re.compile(r"^[+\d\s().\-*#/]*\d[\d\s().\-*#/]*$")


def call_target(number: str, e164: str | None = None) -> str | None:
    """What to dial for a stored number: its E.164 form, else the text when it is dialable as it
    stands (an extension "201", "*72", a sip: address); None for a number kept as text
    ("ask reception", "fax: see website"), which gets no Call."""
    if e164:
        return e164
    text = number.strip()
    if text.lower().startswith(("sip:", "sips:")):
        return text
    return text if _DIALABLE.match(text) else None


def format_for_region(e164: str, region: str) -> str:
    """How someone in `region` writes the number: national form at home, international abroad."""
    try:
        num = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(num) == region.upper():
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def display(number: str, e164: str | None, region: str) -> str:
    """Text to show for a stored number: formatted when it was understood, else as entered."""
    return format_for_region(e164, region) if e164 else number


def entry_examples(region: str) -> tuple[str, str] | None:
    """An example mobile number of `region` as people there write it and in international form
    ("020 7946 0018", "+44 20 7946 0018"); None for a region without one."""
    example = phonenumbers.example_number_for_type(region.upper(), phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        return None
    return (phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL),
            phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def entry_hint(region: str) -> str:
    """A sentence explaining how to enter numbers, with an example for `region`."""
    region = region.upper()
    examples = entry_examples(region)
    if examples is None:
        return "Enter the number in international form: + then the country code, e.g. +44 20 7946 0018."
    national, intl = examples
    return (
        f"Enter a number as people in {region} write it (e.g. {national}), or with + and the "
        f"country code for other countries (e.g. {intl})."
    )


def region_name(region: str) -> str:
    """Country calling code for a region, for menus ("GB (+44)")."""
    code = phonenumbers.country_code_for_region(region.upper())
    return f"{region.upper()} (+{code})" if code else region.upper()


def supported_regions() -> list[str]:
    return sorted(phonenumbers.SUPPORTED_REGIONS)


def number_key(text: str | None) -> str | None:
    """The digits of a number as written ("+44 20 7946 0000" -> "442079460000"), for matching
    numbers kept as typed against a ringing E.164 number with `written_forms`; None without digits
    or for a SIP identity."""
    if not text or "@" in text or text.strip().lower().startswith("sip"):
        return None
    d = digits(text)
    return d[:40] or None


def written_forms(number: str | None) -> set[str]:
    """The `number_key`s a number may have been written with: for an E.164 number its international
    digits, with "00" before them, and national ("0" + national number, or just the national
    number); for anything else its own key."""
    key = number_key(number)
    if key is None:
        return set()
    forms = {key}
    if number and number.strip().startswith("+"):
        try:
            num = phonenumbers.parse(number.strip(), None)
        except phonenumbers.NumberParseException:
            return forms
        nsn = phonenumbers.national_significant_number(num)
        forms |= {f"{num.country_code}{nsn}", f"00{num.country_code}{nsn}", nsn}
        region = phonenumbers.region_code_for_country_code(num.country_code)
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region) if region else None
        if meta is not None and meta.national_prefix:
            forms.add(f"{meta.national_prefix}{nsn}")
    return forms
