"""The key names are ordered and matched by: letters without their accents, case folded.

"Łucja" sorts with the L names and "Émilie" with the E names (not after Z, as by code point),
for every language the window speaks, without a locale: the key is stored (contacts.sort_key,
indexed for keyset paging and search), so it cannot depend on who runs WhitePhone. A search compared
with the key (a name's first letters, the name and company fields) is folded the same way, so
"lucja" finds "Łucja" there."""

from __future__ import annotations

import unicodedata

# letters that are not a base letter plus a combining mark (NFKD leaves them whole)
_SPECIAL = str.maketrans({
    "ł": "l", "Ł": "L", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ħ": "h", "Ħ": "H", "ı": "i", "ŀ": "l",
    "Ŀ": "L", "ŧ": "t", "Ŧ": "T",
})


def fold(text: str) -> str:
    """`text` without accents, case folded ("Łódź" → "lodz"); spaces and other marks kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_key(name: str) -> str:
    """A name's key for ordering and matching (store/contacts.sort_key)."""
    return fold(name).strip()
