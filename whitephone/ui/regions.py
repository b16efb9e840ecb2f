"""Regions by country name for menus: "Poland (+48)", "Niemcy (+49)" — in the language of the
user's locale (QLocale(): Preferences → Language, or the system's), sorted by name in that
locale's collation; the ISO code stays the item's data.

Qt names territories in English only (QLocale.territoryToString); for any other language the
names come from Babel's CLDR data, imported on first use (an English start never loads it)."""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QCollator, QLocale

from whitephone.phone import region_name, supported_regions

log = logging.getLogger(__name__)


def _english_name(code: str) -> str | None:
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return None
    return QLocale.territoryToString(territory)


@lru_cache(maxsize=8)
def _cldr_names(locale_name: str) -> dict[str, str]:
    """ISO code → territory name in `locale_name` (BCP 47: "pl", "sr-Latn", "zh-TW"), from Babel; {} when Babel does not
    know the locale (or is missing), and the names are then Qt's English ones."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:
        log.warning("babel is not installed: country names are shown in English")
        return {}
    try:
        return dict(Locale.parse(locale_name, sep="-").territories)
    except (UnknownLocaleError, ValueError):
        return {}


def country_name(code: str, locale: QLocale | None = None) -> str:
    """The territory's name in the locale's language ("PL" -> "Poland", or "Polska" in a Polish
    locale); the code itself when neither Qt nor Babel knows it."""
    code = code.upper()
    locale = locale or QLocale()
    if locale.language() not in (QLocale.Language.English, QLocale.Language.C):
        name = _cldr_names(locale.bcp47Name()).get(code)  # keeps the script: sr-Latn
        if name:
            return name
    return _english_name(code) or code


def region_label(code: str, locale: QLocale | None = None) -> str:
    """"Poland (+48)"; the bare "PL (+48)" form for a code nobody has a name for."""
    name = country_name(code, locale)
    cc = region_name(code)  # "PL (+48)"
    return cc if name == code.upper() else f"{name}{cc[len(code):]}"


def region_choices() -> list[tuple[str, str]]:
    """(label, code) for every region phonenumbers knows, by label in the locale's collation."""
    locale = QLocale()
    collator = QCollator(locale)
    items = [(region_label(r, locale), r) for r in supported_regions()]
    return sorted(items, key=lambda item: collator.sortKey(item[0]))
