"""My Profile (seed 000 "Personal Profile"): photo, name, region, time zone, presence note,
visibility in the hub's directory, and the password. Saved to the hub; the region also to this
computer's profile settings (it decides how phone numbers are read)."""

from __future__ import annotations

import base64
import zoneinfo
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from whitephone.core.photo import fit_photo
from whitephone.ui import theme
from whitephone.ui.dialogs.hub_dialog import HubDialog
from whitephone.ui.regions import region_choices

MAX_PICKED_BYTES = 30_000_000  # a picked file larger than this is not read (the result is ≤ 1 MB anyway)
PHOTO_BOX = (120, 160)


def photo_pixmap(b64: str) -> QPixmap:
    pix = QPixmap()
    if b64:
        pix.loadFromData(QByteArray(base64.b64decode(b64)))
    return pix


def read_photo(path: str | Path) -> tuple[str, str]:
    """(base64, mime) of the picture at `path`, fitted to 200x300 and ≤ 1 MB (core/photo.py)."""
    p = Path(path)
    if p.stat().st_size > MAX_PICKED_BYTES:
        raise ValueError(QCoreApplication.translate("MyProfile", "“%s” is larger than %d MB; choose a smaller picture")
                         % (p.name, MAX_PICKED_BYTES // 1_000_000))
    try:
        data, mime = fit_photo(p.read_bytes())
    except ValueError:
        raise ValueError(QCoreApplication.translate("MyProfile", "“%s” is not a picture we can read; choose a JPEG "
                                                    "or PNG file.") % p.name) from None
    return base64.b64encode(data).decode("ascii"), mime


class PhotoBox(QLabel):
    """A fixed frame showing a base64 picture, or a placeholder text."""

    def __init__(self, placeholder: str, parent=None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder
        self.setFixedSize(*PHOTO_BOX)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        theme.tone(self, "muted", "border: 1px solid $frame; background: $frame_bg;")
        self.set_b64("")

    def set_b64(self, b64: str) -> None:
        pix = photo_pixmap(b64)
        if pix.isNull():
            self.setPixmap(QPixmap())
            self.setText(self.placeholder)
        else:
            ratio = max(1.0, self.devicePixelRatioF())  # sharp at 150 % and 200 % (ui/photo_pixmap.py)
            pix = pix.scaled(round((self.width() - 4) * ratio), round((self.height() - 4) * ratio),
                             Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            pix.setDevicePixelRatio(ratio)
            self.setPixmap(pix)


def region_combo(empty: str = "") -> QComboBox:
    combo = QComboBox()
    if empty:
        combo.addItem(empty, "")
    for label, r in region_choices():  # "Poland (+48)" (ui/regions.py)
        combo.addItem(label, r)
    return combo


class MyProfileDialog(HubDialog):
    """Edits the signed-in user's hub profile. `saved(profile)` after a successful save."""

    saved = Signal(dict)

    def __init__(self, session, local_profile, parent=None, worker=None, engine=None) -> None:
        super().__init__(session, parent, worker)
        self.local_profile, self.engine = local_profile, engine
        self.setWindowTitle(self.tr("My Profile"))
        self._prefs: dict = {}
        self.photo_b64, self.photo_mime = "", ""

        self.photo = PhotoBox(self.tr("No photo"))
        choose = QPushButton(self.tr("Choose photo…"))
        choose.clicked.connect(self._choose_photo)
        self.remove_photo = QPushButton(self.tr("Remove photo"))
        self.remove_photo.clicked.connect(lambda: self._photo_ready(("", "")))
        photo_col = QVBoxLayout()
        photo_col.addWidget(self.photo)
        photo_col.addWidget(choose)
        photo_col.addWidget(self.remove_photo)
        photo_col.addWidget(QLabel(self.tr("Up to 1 MB; larger pictures\nare scaled down.")))
        photo_col.addStretch()

        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.email = QLineEdit()
        self.email.setReadOnly(True)
        self.region = region_combo(self.tr("Not set"))
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItem("")
        self.timezone.addItems(sorted(zoneinfo.available_timezones()))
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        self.note.setPlaceholderText(self.tr("Shown beside your status in colleagues' Online Monitor"))
        self.hidden = QCheckBox(self.tr("Hide me from searches by people outside my company"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("Time zone"), self.timezone)
        form.addRow(self.tr("Presence note"), self.note)
        form.addRow("", self.hidden)
        top = QHBoxLayout()
        top.addLayout(photo_col)
        top.addLayout(form, 1)

        self.old_password, self.new_password, self.confirm_password = QLineEdit(), QLineEdit(), QLineEdit()
        pw_form = QFormLayout()
        for label, edit in ((self.tr("Current password"), self.old_password),
                            (self.tr("New password"), self.new_password),
                            (self.tr("Confirm new password"), self.confirm_password)):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(200)
            pw_form.addRow(label, edit)
        self.change_password_button = QPushButton(self.tr("Change password"))
        self.change_password_button.clicked.connect(self.change_password)
        pw_form.addRow("", self.change_password_button)
        pw_box = QGroupBox(self.tr("Change password"))
        pw_box.setLayout(pw_form)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)

        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(pw_box)
        v.addWidget(self.message)
        v.addWidget(self.buttons)
        self.resize(620, 0)
        self.run(lambda: self.client().profile(), self._loaded, self.tr("Loading your profile…"))

    # ------------------------------------------------------------------ load / save
    def _loaded(self, p: dict) -> None:
        self._prefs = dict(p.get("preferences") or {})
        self.name.setText(p.get("name", ""))
        self.email.setText(p.get("email", ""))
        self.region.setCurrentIndex(max(0, self.region.findData(p.get("region") or "")))
        self.timezone.setCurrentText(p.get("timezone") or "")
        self.note.setText(str(self._prefs.get("presence_note") or ""))
        self.hidden.setChecked(bool(p.get("hidden")))
        self._photo_ready((str(self._prefs.get("photo") or ""), str(self._prefs.get("photo_mime") or "")))
        self.save_button.setEnabled(True)

    def values(self) -> dict:
        """The PATCH body the form stands for; ValueError for what the hub would refuse."""
        name = self.name.text().strip()
        if not name:
            raise ValueError(self.tr("Enter your name."))
        tz = self.timezone.currentText().strip()
        if tz and tz not in zoneinfo.available_timezones():
            raise ValueError(self.tr("“%s” is not a time zone; pick one from the list (e.g. Europe/London).") % tz)
        prefs = {**self._prefs, "presence_note": self.note.text().strip(),
                 "photo": self.photo_b64 or None, "photo_mime": self.photo_mime or None}
        body: dict = {"name": name, "hidden": self.hidden.isChecked(), "timezone": tz or None,
                      "preferences": {k: v for k, v in prefs.items() if v is not None}}
        if self.region.currentData():
            body["region"] = self.region.currentData()
        return {k: v for k, v in body.items() if v is not None}

    def save(self) -> None:
        try:
            body = self.values()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.run(lambda: self.client().update_profile(**body), self._saved, self.tr("Saving…"))

    def _saved(self, p: dict) -> None:
        self._prefs = dict(p.get("preferences") or {})
        if p.get("region"):
            self.local_profile.region = p["region"]  # how this computer reads phone numbers
        note = str(self._prefs.get("presence_note") or "")
        if self.engine is not None:
            self.engine.set_presence(self.engine.presence[0], note)
        self.show_info(self.tr("Your profile is saved."))
        self.saved.emit(p)

    # ------------------------------------------------------------------ photo
    def _choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a photo"), "",
                                              self.tr("Pictures (*.jpg *.jpeg *.png *.gif *.bmp *.webp)"))
        if path:
            self.set_photo_file(path)

    def set_photo_file(self, path: str | Path) -> None:
        """Fit the picture (on the worker) and show it; saved with the profile."""
        self.run(lambda: read_photo(path), self._photo_ready)

    def _photo_ready(self, photo: tuple[str, str]) -> None:
        self.photo_b64, self.photo_mime = photo
        self.photo.set_b64(self.photo_b64)
        self.remove_photo.setEnabled(bool(self.photo_b64))

    # ------------------------------------------------------------------ password
    def change_password(self) -> None:
        old, new, again = self.old_password.text(), self.new_password.text(), self.confirm_password.text()
        if not old:
            self.show_error(self.tr("Enter your current password."))
            return
        if len(new) < 8:
            self.show_error(self.tr("The new password needs at least 8 characters."))
            return
        if new != again:
            self.show_error(self.tr("The new password and its confirmation differ."))
            return
        if new == old:
            self.show_error(self.tr("The new password is the same as the current one."))
            return
        session = self.session

        def work() -> None:
            info = session.info
            self.client().change_password(old, new)
            # the hub ended every session of ours: sign in again with the new password
            session.login(info["url"], info["email"], new, remember=bool(info.get("remember", True)))

        self.run(work, self._password_changed, self.tr("Changing the password…"))

    def _password_changed(self, _result) -> None:
        for edit in (self.old_password, self.new_password, self.confirm_password):
            edit.clear()
        self.show_info(self.tr("Your password is changed. Your other computers will ask for it again."))

    def _set_busy(self, busy: bool) -> None:
        self.change_password_button.setEnabled(not busy)
        if busy:
            self.save_button.setEnabled(False)
        elif self.email.text():
            self.save_button.setEnabled(True)
