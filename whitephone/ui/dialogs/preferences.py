"""Preferences: the language, regions (how numbers are read and shown) and custom contact fields (admin)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from whitephone.core.contact import CUSTOM_FIELD_TYPES
from whitephone.phone import entry_hint
from whitephone.ui import i18n
from whitephone.ui.regions import region_choices

# the names of CUSTOM_FIELD_TYPES as people read them
FIELD_TYPE_LABELS = {"text": QT_TRANSLATE_NOOP("FieldType", "text"), "number": QT_TRANSLATE_NOOP("FieldType", "number"),
                     "date": QT_TRANSLATE_NOOP("FieldType", "date"), "choice": QT_TRANSLATE_NOOP("FieldType", "choice")}


def field_type_label(kind: str) -> str:
    return QCoreApplication.translate("FieldType", FIELD_TYPE_LABELS.get(kind, kind))  # i18n: marked


class GeneralPage(QWidget):
    """The window's language: the system's, or one of i18n.LANGUAGES (each named in its own
    language, so people find theirs whatever language is shown now). Used from the next start."""

    def __init__(self, profile, parent=None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.language = QComboBox()
        self.language.addItem(self.tr("System default"), "")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        chosen = i18n.language_code(profile.get(i18n.LANGUAGE_KEY)) or ""  # "pl_PL" is Polish; odd values: system
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        self.note = QLabel(self.tr("A new language applies at the next start of WhitePhone."))
        self.note.setWordWrap(True)
        form.addRow("", self.note)

    def apply(self) -> bool:
        """Save the choice; True when it changed (it shows after a restart)."""
        code = self.language.currentData() or ""
        changed = code != (self.profile.get(i18n.LANGUAGE_KEY) or "")  # an odd stored value is replaced
        if changed:
            self.profile.set(i18n.LANGUAGE_KEY, code)
        return changed


class RegionsPage(QWidget):
    def __init__(self, profile, parent=None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.region = QComboBox()
        for label, r in region_choices():  # "Poland (+48)" (ui/regions.py)
            self.region.addItem(label, r)
        self.region.setCurrentIndex(max(0, self.region.findData(profile.region)))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.region.currentIndexChanged.connect(self._update_hint)
        form = QFormLayout(self)
        form.addRow(self.tr("My region"), self.region)
        form.addRow("", self.hint)
        note = QLabel(self.tr("Numbers you type without a country code are read with this region's "
                              "dialling rules, and numbers are shown the way people here write them."))
        note.setWordWrap(True)
        form.addRow("", note)
        self._update_hint()

    def _update_hint(self) -> None:
        self.hint.setText(entry_hint(self.region.currentData()))

    def apply(self) -> bool:
        changed = self.region.currentData() != self.profile.region
        self.profile.region = self.region.currentData()
        return changed


class CustomFieldsPage(QWidget):
    """Admin-defined fields every contact can have (text, number, date or a choice list)."""

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Contact fields"))
        add = QPushButton(self.tr("Add field…"))
        add.clicked.connect(self.add_field)
        remove = QPushButton(self.tr("Remove field"))
        remove.clicked.connect(self.remove_field)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        v = QVBoxLayout(self)
        v.addWidget(QLabel(self.tr("Extra fields shown on every contact card:")))
        v.addWidget(self.list)
        v.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for f in self.store.contacts.custom_fields():
            extra = f" ({', '.join(f.choices)})" if f.choices else ""
            it = QListWidgetItem(f"{f.name} — {field_type_label(f.field_type)}{extra}")
            it.setData(256, f.id)
            self.list.addItem(it)

    def add_field(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New field"), self.tr("Field name:"))
        if not ok or not name.strip():
            return
        labels = [field_type_label(k) for k in CUSTOM_FIELD_TYPES]
        label, ok = QInputDialog.getItem(self, self.tr("New field"), self.tr("Type:"), labels, 0, False)
        if not ok:
            return
        kind = CUSTOM_FIELD_TYPES[labels.index(label)]
        choices: list[str] = []
        if kind == "choice":
            text, ok = QInputDialog.getText(self, self.tr("New field"), self.tr("Choices, comma-separated:"))
            if not ok:
                return
            choices = [c.strip() for c in text.split(",") if c.strip()]
        try:
            self.store.contacts.add_custom_field(name, kind, choices)
        except Exception as exc:  # noqa: BLE001 - shown to the admin
            QMessageBox.warning(self, self.tr("New field"), self.tr("Cannot add this field: %s") % exc)
        self.reload()

    def remove_field(self) -> None:
        it = self.list.currentItem()
        if it is None:
            return
        if QMessageBox.question(self, self.tr("Remove field"),
                                self.tr("Remove this field and its values from every contact?")) \
                == QMessageBox.StandardButton.Yes:
            self.store.contacts.remove_custom_field(it.data(256))
            self.reload()


class PreferencesDialog(QDialog):
    """Extra pages (accounts, audio, ...) can be added with `add_page`."""

    def __init__(self, app, parent=None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("Preferences"))
        self.resize(600, 520)  # Network: the listening port and the HTTP proxy
        self.tabs = QTabWidget()
        self.general = GeneralPage(app.profile)
        self.tabs.addTab(self.general, self.tr("General"))
        self.regions = RegionsPage(app.profile)
        self.tabs.addTab(self.regions, self.tr("Regions"))
        self.tabs.addTab(CustomFieldsPage(app.store), self.tr("Contact fields"))
        from whitephone.ui.dialogs.accounts_page import AccountsPage

        self.accounts = AccountsPage(app.profile)
        self.tabs.addTab(self.accounts, self.tr("Accounts"))
        from whitephone.ui.dialogs.audio_page import AudioPage

        self.audio = AudioPage(app.profile, getattr(parent, "calls", None))
        self.tabs.addTab(self.audio, self.tr("Audio"))
        from whitephone.ui.dialogs.network_page import NetworkPage

        hub = (app.session.info or {}) if getattr(app, "session", None) is not None else {}
        self.network = NetworkPage(app.profile, getattr(parent, "calls", None), hub=hub.get("url", ""),
                                   hub_ca_file=hub.get("ca_file") or None)
        self.tabs.addTab(self.network, self.tr("Network"))
        from whitephone.ui.dialogs.caller_page import CallerPage

        self.caller = CallerPage(app.profile)
        self.tabs.addTab(self.caller, self.tr("Caller"))
        from whitephone.ui.dialogs.keys_page import KeysPage

        self.keys = KeysPage(app.profile, parent)
        self.tabs.addTab(self.keys, self.tr("Keys and headset"))
        from whitephone.ui.dialogs.startup_page import StartupPage

        self.startup = StartupPage(app.profile, getattr(parent, "tray", None) is not None)
        self.tabs.addTab(self.startup, self.tr("Start-up"))
        from whitephone.ui.dialogs.appearance_page import AppearancePage

        self.appearance = AppearancePage(app.profile)
        self.tabs.addTab(self.appearance, self.tr("Appearance"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addWidget(self.tabs)
        v.addWidget(buttons)
        self.region_changed = False

    def done(self, result: int) -> None:
        self.audio.stop_meter()
        if result != QDialog.DialogCode.Accepted:
            self.appearance.revert()  # the theme tried is not kept
        self.network.stop()
        super().done(result)

    def add_page(self, widget: QWidget, title: str) -> None:
        self.tabs.addTab(widget, title)

    def accept(self) -> None:
        for i in range(self.tabs.count()):  # a page whose fields cannot be saved keeps the dialog open
            page = self.tabs.widget(i)
            problem = page.validate() if hasattr(page, "validate") else ""
            if problem:
                self.tabs.setCurrentIndex(i)
                QMessageBox.warning(self, self.tr("Preferences"), problem)
                return
        self.region_changed = self.regions.apply()
        if self.region_changed:
            self.app.contacts.region = self.app.profile.region
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if page is not self.regions and hasattr(page, "apply"):
                page.apply()
        super().accept()

