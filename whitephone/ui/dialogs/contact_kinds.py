"""The names of phone and e-mail kinds ("Mobile", "Work"), for the contact editor and the contact
card; apart from the editor so the card, shown at start, does not import the editor's code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

KIND_LABELS = {"mobile": QT_TRANSLATE_NOOP("ContactKind", "Mobile"), "home": QT_TRANSLATE_NOOP("ContactKind", "Home"),
               "work": QT_TRANSLATE_NOOP("ContactKind", "Work"), "main": QT_TRANSLATE_NOOP("ContactKind", "Main"),
               "home_fax": QT_TRANSLATE_NOOP("ContactKind", "Home fax"),
               "office_fax": QT_TRANSLATE_NOOP("ContactKind", "Office fax"),
               "pager": QT_TRANSLATE_NOOP("ContactKind", "Pager"), "other": QT_TRANSLATE_NOOP("ContactKind", "Other")}
