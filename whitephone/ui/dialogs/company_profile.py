"""Company Profile (seed 000): the logo, the company's name, the regions it works in and the longest
voice or video mail. Each part is editable by who the hub lets change it (logo: `logo`, name:
`company`, regions: `products`, the longest voice mail: company admins only; admins all) and
shown read-only to the others."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

import whitephone.protocol.media as media
from whitephone.sync.permissions import holds
from whitephone.ui import a11y
from whitephone.ui.dialogs.hub_dialog import HubDialog
from whitephone.ui.dialogs.my_profile import PhotoBox, read_photo, region_combo
from whitephone.ui.regions import region_label


class CompanyProfileDialog(HubDialog):
    saved = Signal(dict)

    def __init__(self, session, parent=None, worker=None) -> None:
        super().__init__(session, parent, worker)
        self.setWindowTitle(self.tr("Company Profile"))
        self.me: dict = {}
        self.company: dict = {}
        self.logo_b64, self.logo_mime = "", ""
        self._logo_changed = False

        self.logo = PhotoBox(self.tr("No logo"))
        self.choose_logo = QPushButton(self.tr("Choose logo…"))
        self.choose_logo.clicked.connect(self._choose_logo)
        self.remove_logo = QPushButton(self.tr("Remove logo"))
        self.remove_logo.clicked.connect(lambda: self._logo_ready(("", ""), changed=True))
        logo_col = QVBoxLayout()
        logo_col.addWidget(self.logo)
        logo_col.addWidget(self.choose_logo)
        logo_col.addWidget(self.remove_logo)
        logo_col.addStretch()

        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.regions = QListWidget()
        self.regions.setMaximumHeight(130)
        self.region_pick = region_combo()
        a11y.name(self.region_pick, self.tr("Region to add"))
        self.add_region = QPushButton(self.tr("Add"))
        self.add_region.setToolTip(self.tr("Add the region chosen on the left to the company's regions"))
        self.add_region.clicked.connect(lambda: self.add_region_code(self.region_pick.currentData()))
        self.remove_region = QPushButton(self.tr("Remove"))
        self.remove_region.setToolTip(self.tr("Remove the selected region from the company's regions"))
        self.remove_region.clicked.connect(self._remove_selected_region)
        pick = QHBoxLayout()
        pick.addWidget(self.region_pick, 1)
        pick.addWidget(self.add_region)
        pick.addWidget(self.remove_region)
        self.voice_mail = QSpinBox()
        self.voice_mail.setRange(media.MIN_SECONDS, media.MAX_SECONDS)
        self.voice_mail.setSingleStep(10)
        self.voice_mail.setSuffix(self.tr(" seconds"))
        self.voice_mail.setValue(media.DEFAULT_SECONDS)
        self.voice_mail.setToolTip(self.tr("The longest voice or video mail anyone in the company may send "
                                           "(%d seconds to %d minutes); recording stops there.")
                                   % (media.MIN_SECONDS, media.MAX_SECONDS // 60))
        form = QFormLayout()
        form.addRow(self.tr("Company name"), self.name)
        form.addRow(self.tr("Regions"), self.regions)
        form.addRow("", pick)
        form.addRow(self.tr("Longest voice/video mail"), self.voice_mail)
        self.rights = QLabel()
        self.rights.setWordWrap(True)
        form.addRow("", self.rights)
        top = QHBoxLayout()
        top.addLayout(logo_col)
        top.addLayout(form, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(self.message)
        v.addWidget(self.buttons)
        self.resize(600, 0)
        self._apply_rights()
        self.run(self._fetch, self._loaded, self.tr("Loading the company profile…"))

    def _fetch(self) -> tuple[dict, dict, tuple[str, str]]:
        client = self.client()
        me, company, logo = client.me(), client.company(), client.company_logo()
        self._keep_limit(company)
        return me, company, logo

    def _keep_limit(self, company: dict) -> None:
        """The longest voice mail as the hub says it now, for Compose (on the worker thread)."""
        store = getattr(self.session, "store", None)
        if store is not None and company.get("voice_mail_seconds"):
            store.messages.set_voice_mail_seconds(company["voice_mail_seconds"])

    def _loaded(self, result) -> None:
        self.me, self.company, logo = result
        self.name.setText(self.company.get("name", ""))
        self.regions.clear()
        for code in self.company.get("regions") or []:
            self.add_region_code(code)
        self.voice_mail.setValue(int(self.company.get("voice_mail_seconds") or media.DEFAULT_SECONDS))
        self._logo_ready(logo, changed=False)
        self._apply_rights()

    def _apply_rights(self) -> None:
        logo, name, regions = (holds(self.me, p) for p in ("logo", "company", "products"))
        for w in (self.choose_logo, self.remove_logo):
            w.setEnabled(logo)
        self.remove_logo.setEnabled(logo and bool(self.logo_b64))
        self.name.setReadOnly(not name)
        for w in (self.region_pick, self.add_region, self.remove_region):
            w.setEnabled(regions)
        admin = bool(self.me.get("is_admin"))
        self.voice_mail.setReadOnly(not admin)
        self.voice_mail.setEnabled(admin or not self.me)
        self.save_button.setEnabled(bool(self.me) and (logo or name or regions or admin))
        missing = [text for perm, text in (("logo", self.tr("the logo needs the Logo permission")),
                                           ("company", self.tr("the name needs the Company permission")),
                                           ("products", self.tr("the regions need the Products permission")))
                   if self.me and not holds(self.me, perm)]
        if self.me and not admin:
            missing.append(self.tr("the longest voice mail is for company admins"))
        self.rights.setText(self.tr("Read-only for you: ") + "; ".join(missing) + "." if missing else "")
        self.rights.setVisible(bool(missing))

    # ------------------------------------------------------------------ regions
    def region_codes(self) -> list[str]:
        return [self.regions.item(i).data(0x0100) for i in range(self.regions.count())]

    def add_region_code(self, code: str) -> None:
        if code and code not in self.region_codes():
            item = QListWidgetItem(region_label(code))
            item.setData(0x0100, code)  # Qt.UserRole
            self.regions.addItem(item)

    def _remove_selected_region(self) -> None:
        for item in self.regions.selectedItems():
            self.regions.takeItem(self.regions.row(item))

    # ------------------------------------------------------------------ logo
    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the company logo"), "",
                                              self.tr("Pictures (*.jpg *.jpeg *.png *.gif *.bmp *.webp)"))
        if path:
            self.set_logo_file(path)

    def set_logo_file(self, path) -> None:
        self.run(lambda: read_photo(path), lambda logo: self._logo_ready(logo, changed=True))

    def _logo_ready(self, logo: tuple[str, str], changed: bool) -> None:
        self.logo_b64, self.logo_mime = logo
        self._logo_changed = self._logo_changed or changed
        self.logo.set_b64(self.logo_b64)
        self.remove_logo.setEnabled(holds(self.me, "logo") and bool(self.logo_b64))

    # ------------------------------------------------------------------ save
    def changes(self) -> dict:
        """What to send: only the parts this user may change and did change."""
        body: dict = {}
        name = self.name.text().strip()
        if holds(self.me, "company") and name != self.company.get("name", ""):
            if not name:
                raise ValueError(self.tr("Enter the company's name."))
            body["name"] = name
        if holds(self.me, "products") and self.region_codes() != list(self.company.get("regions") or []):
            body["regions"] = self.region_codes()
        if self.me.get("is_admin") and self.voice_mail.value() != self.company.get("voice_mail_seconds"):
            body["voice_mail_seconds"] = self.voice_mail.value()
        return body

    def save(self) -> None:
        try:
            body = self.changes()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        logo = (self.logo_b64, self.logo_mime) if self._logo_changed and holds(self.me, "logo") else None

        def work() -> dict:
            client = self.client()
            if logo is not None:
                client.set_company_logo(*logo)
            company = client.update_company(**body) if body else client.company()
            self._keep_limit(company)
            return company

        self.run(work, self._saved, self.tr("Saving…"))

    def _saved(self, company: dict) -> None:
        self.company = company
        self._logo_changed = False
        self.show_info(self.tr("The company profile is saved."))
        self.saved.emit(company)

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self.save_button.setEnabled(False)
        else:
            self._apply_rights()
