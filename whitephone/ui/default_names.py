"""The names the store gives things by default, in the user's language when shown.

The store keeps its default address book ("Personal", store/books.py) and the company's default
CRM record types (store/crm.py, until the hub's list arrives) under their English names — data
that syncs to colleagues who may read another language. The window shows those known names
translated; any other name (one a person typed, a renamed book) is shown as it is."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# the store's (store/books.DEFAULT_BOOK, store/crm.DEFAULT_TYPES), written out: the store is not
# imported before the first window (tests/startup/test_import_budget.py); a test checks they agree
DEFAULT_BOOK = "Personal"  # i18n: not text
DEFAULT_TYPES = ("Sales enquiry", "Support", "Complaint", "Follow-up")  # i18n: not text

NAMES = {
    "Personal": QT_TRANSLATE_NOOP("DefaultNames", "Personal"),
    "Sales enquiry": QT_TRANSLATE_NOOP("DefaultNames", "Sales enquiry"),
    "Support": QT_TRANSLATE_NOOP("DefaultNames", "Support"),
    "Complaint": QT_TRANSLATE_NOOP("DefaultNames", "Complaint"),
    "Follow-up": QT_TRANSLATE_NOOP("DefaultNames", "Follow-up"),
}
assert DEFAULT_BOOK in NAMES and all(t in NAMES for t in DEFAULT_TYPES)


def book_name(name: str) -> str:
    """An address book's name as shown: the default book's in the user's language."""
    return QCoreApplication.translate("DefaultNames", name) if name == DEFAULT_BOOK else name  # i18n: marked


def crm_type_name(name: str) -> str:
    """A CRM record type as shown: the default types in the user's language."""
    return QCoreApplication.translate("DefaultNames", name) if name in DEFAULT_TYPES else name  # i18n: marked
