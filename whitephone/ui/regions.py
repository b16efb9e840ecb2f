"""Regions by country name for menus: "Poland (+48)" (QLocale's territory names), sorted by name
in the user's collation; the ISO code stays the item's data."""

from __future__ import annotations

from PySide6.QtCore import QCollator, QLocale

from whitephone.phone import region_name, supported_regions


def country_name(code: str) -> str:
    """The territory's name ("PL" -> "Poland"); the code itself when Qt does not know it."""
    territory = QLocale.codeToTerritory(code.upper())
    if territory == QLocale.Country.AnyTerritory:
        return code.upper()
    return QLocale.territoryToString(territory)


def region_label(code: str) -> str:
    """"Poland (+48)"; the bare "PL (+48)" form for a code Qt has no name for."""
    name = country_name(code)
    cc = region_name(code)  # "PL (+48)"
    return cc if name == code.upper() else f"{name}{cc[len(code):]}"


def region_choices() -> list[tuple[str, str]]:
    """(label, code) for every region phonenumbers knows, by label."""
    collator = QCollator(QLocale())
    items = [(region_label(r), r) for r in supported_regions()]
    return sorted(items, key=lambda item: collator.sortKey(item[0]))
