"""Add or edit a contact: every field, repeating rows for numbers, e-mails, addresses, ..."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from whitephone.core.contact import (
    ADDRESS_KINDS,
    EMAIL_KINDS,
    PHONE_KINDS,
    CompanyLink,
    ContactData,
    Email,
    Phone,
    PostalAddress,
    Website,
)
from whitephone.core.photo import PhotoError, fit_photo
from whitephone.phone import entry_hint, is_valid
from whitephone.ui import a11y, theme
from whitephone.ui.default_names import book_name
from whitephone.ui.dialogs.contact_kinds import KIND_LABELS
from whitephone.ui.discard_guard import guard
from whitephone.ui.photo_pixmap import photo_pixmap


class RowList(QWidget):
    """A growing list of rows of line edits (and an optional kind combo), with add/remove."""

    changed = Signal()

    def __init__(self, fields: list[str], kinds: tuple[str, ...] | None = None, add_text: str = "",
                 parent=None, remove_text: str = "") -> None:
        """`fields` are the rows' placeholders, `add_text` the add button's text and `remove_text`
        a row's remove button's name with %d for the row's number ("Remove number %d"), translated."""
        super().__init__(parent)
        self.fields, self.kinds = fields, kinds
        self.remove_text = remove_text or self.tr("Remove row %d")
        self.rows: list[tuple[QComboBox | None, list[QLineEdit], QWidget]] = []
        self.grid = QVBoxLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(add_text or self.tr("Add"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.grid.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add_row(self, kind: str = "", values: list[str] | None = None) -> list[QLineEdit]:
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        combo = None
        if self.kinds:
            combo = QComboBox()
            for k in self.kinds:
                combo.addItem(QCoreApplication.translate("ContactKind", KIND_LABELS.get(k, k.title())), k)  # i18n: marked
            combo.setCurrentIndex(max(0, combo.findData(kind or self.kinds[-1])))
            h.addWidget(combo)
        edits = []
        for i, placeholder in enumerate(self.fields):
            e = QLineEdit((values or [])[i] if values and i < len(values) else "")
            e.setPlaceholderText(placeholder)
            e.setAccessibleName(placeholder)
            e.textChanged.connect(self.changed)
            h.addWidget(e, 2 if i == 0 else 1)
            edits.append(e)
        remove = QPushButton("✕")
        remove.setObjectName("remove")
        remove.setFixedWidth(28)
        h.addWidget(remove)
        entry = (combo, edits, row)
        remove.clicked.connect(lambda: self._remove(entry))
        self.grid.insertWidget(self.grid.count() - 1, row)
        self.rows.append(entry)
        self._name_rows()
        self.changed.emit()
        return edits

    def _remove(self, entry) -> None:
        self.rows.remove(entry)
        entry[2].deleteLater()
        self._name_rows()
        self.changed.emit()

    def _name_rows(self) -> None:
        """Each row's remove button and fields say which row they are ("Remove number 2"), so a
        screen reader tells them apart; numbered again after a row goes."""
        for i, (_combo, edits, row) in enumerate(self.rows, 1):
            remove = row.findChild(QPushButton, "remove")
            remove.setAccessibleName(self.remove_text % i)
            remove.setToolTip(self.remove_text % i)
            if _combo is not None:
                a11y.name(_combo, self.tr("Kind") if len(self.rows) == 1 else self.tr("Kind %d") % i)
            for e, placeholder in zip(edits, self.fields, strict=False):
                e.setAccessibleName(placeholder if len(self.rows) == 1 else f"{placeholder} {i}")

    def values(self) -> list[tuple[str, list[str]]]:
        out = []
        for combo, edits, _ in self.rows:
            vals = [e.text().strip() for e in edits]
            if any(vals):
                out.append((combo.currentData() if combo else "", vals))
        return out


class ContactEditor(QDialog):
    """Edits a ContactData in place; `result_contact()` gives the edited copy."""

    def __init__(self, contact: ContactData, books: list, region: str, custom_fields: list,
                 parent=None) -> None:
        super().__init__(parent)
        self.contact, self.region = contact, region
        self.setWindowTitle(self.tr("Edit contact") if contact.id else self.tr("New contact"))
        self.resize(860, 780)
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll)
        v = QVBoxLayout(body)

        top = QHBoxLayout()
        self.photo_label = QLabel()
        self.photo_label.setFixedSize(100, 130)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.tone(self.photo_label, "", "border: 1px solid $frame; background: $frame_bg;")
        self.photo, self.photo_mime = contact.photo, contact.photo_mime
        self._show_photo()
        pv = QVBoxLayout()
        pv.addWidget(self.photo_label)
        up = QPushButton(self.tr("Photo…"))
        up.clicked.connect(self._choose_photo)
        rm = QPushButton(self.tr("Remove photo"))
        rm.clicked.connect(lambda: self._set_photo(None, ""))
        pv.addWidget(up)
        pv.addWidget(rm)
        pv.addStretch()
        top.addLayout(pv)

        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Person"), "person")
        self.kind.addItem(self.tr("Company"), "company")
        self.kind.setCurrentIndex(0 if contact.kind == "person" else 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("Type"), self.kind)
        self.edits: dict[str, QLineEdit] = {}
        for attr, label in (("prefix", self.tr("Title")), ("given_name", self.tr("First name")),
                            ("middle_name", self.tr("Middle name")), ("family_name", self.tr("Last name")),
                            ("suffix", self.tr("Suffix")), ("display_name", self.tr("Shown as")),
                            ("nickname", self.tr("Nickname")), ("birthday", self.tr("Birthday"))):
            e = QLineEdit(getattr(contact, attr))
            if attr == "birthday":
                e.setPlaceholderText(self.tr("YYYY-MM-DD"))
            if attr == "display_name":
                e.setPlaceholderText(self.tr("(from the name parts)"))
            self.edits[attr] = e
            form.addRow(label, e)
        self.book = QComboBox()
        for b in books:
            self.book.addItem(book_name(b.name), b.id)
        if contact.book_id is not None:
            self.book.setCurrentIndex(max(0, self.book.findData(contact.book_id)))
        form.addRow(self.tr("Address book"), self.book)
        top.addLayout(form, 1)
        v.addLayout(top)

        self.companies = RowList([self.tr("Company"), self.tr("Role")], add_text=self.tr("Add company"),
                                 remove_text=self.tr("Remove company %d"))
        for link in contact.companies:
            self.companies.add_row("", [link.name, link.role])
        self.company_box = self._group(v, self.tr("Companies"), self.companies)

        self.phones = RowList([self.tr("Number")], PHONE_KINDS, self.tr("Add number"),
                              remove_text=self.tr("Remove number %d"))
        self.phone_hint = QLabel()
        self.phone_hint.setWordWrap(True)
        theme.tone(self.phone_hint, "warning")
        self.phone_hint.hide()
        for p in contact.phones:
            self.phones.add_row(p.kind, [p.number])
        if not contact.phones:
            self.phones.add_row("mobile")
        self.phones.changed.connect(self._check_numbers)
        box = self._group(v, self.tr("Phone numbers"), self.phones)
        box.layout().addWidget(self.phone_hint)

        self.emails = RowList([self.tr("E-mail address")], EMAIL_KINDS, self.tr("Add e-mail"),
                              remove_text=self.tr("Remove e-mail %d"))
        for e in contact.emails:
            self.emails.add_row(e.kind, [e.address])
        self._group(v, self.tr("E-mail"), self.emails)

        self.addresses = RowList([self.tr("Street"), self.tr("Street line 2"), self.tr("Postcode"), self.tr("City"),
                                  self.tr("Region"), self.tr("Country")], ADDRESS_KINDS, self.tr("Add address"),
                                 remove_text=self.tr("Remove address %d"))
        for a in contact.addresses:
            self.addresses.add_row(a.kind, [a.street1, a.street2, a.postcode, a.city, a.region, a.country])
        self._group(v, self.tr("Addresses"), self.addresses)

        self.websites = RowList(["https://…"], ("work", "home", "other"), self.tr("Add website"),
                                remove_text=self.tr("Remove website %d"))
        for w in contact.websites:
            self.websites.add_row(w.kind if w.kind in ("work", "home") else "other", [w.url])
        self._group(v, self.tr("Websites"), self.websites)

        more = QFormLayout()
        self.tags = QLineEdit(", ".join(contact.tags))
        self.tags.setPlaceholderText(self.tr("comma-separated, e.g. customer, vip"))
        more.addRow(self.tr("Tags"), self.tags)
        self.custom: dict[str, QWidget] = {}
        for f in custom_fields:
            value = contact.custom.get(f.name, "")
            if f.field_type == "choice":
                w = QComboBox()
                w.addItem("", "")
                for ch in f.choices:
                    w.addItem(ch, ch)
                w.setCurrentIndex(max(0, w.findData(value)))
            else:
                w = QLineEdit(value)
                w.setPlaceholderText({"number": "123.45", "date": self.tr("YYYY-MM-DD")}.get(f.field_type, ""))
            self.custom[f.name] = w
            more.addRow(f.name, w)
        self.notes = QPlainTextEdit(contact.notes)
        self.notes.setPlaceholderText(self.tr("Notes"))
        self.notes.setFixedHeight(90)
        more.addRow(self.tr("Notes"), self.notes)
        v.addLayout(more)
        self._custom_types = {f.name: f.field_type for f in custom_fields}

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self._kind_changed()
        self._initial = self.result_contact()
        guard(self, lambda: self.result_contact() != self._initial)  # Esc / closing with edits asks first

    def _group(self, layout, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        g = QVBoxLayout(box)
        g.addWidget(widget)
        layout.addWidget(box)
        return box

    def _kind_changed(self) -> None:
        person = self.kind.currentData() == "person"
        for attr in ("prefix", "given_name", "middle_name", "family_name", "suffix", "nickname", "birthday"):
            self.edits[attr].setEnabled(person)
        self.company_box.setVisible(person)
        self.edits["display_name"].setPlaceholderText(
            self.tr("(from the name parts)") if person else self.tr("Company name"))

    def _check_numbers(self) -> None:
        bad = [vals[0] for _k, vals in self.phones.values() if vals[0] and not is_valid(vals[0], self.region)]
        self.phone_hint.setVisible(bool(bad))
        if bad:
            sentence = (self.tr("%s is not understood as a phone number. ") if len(bad) == 1
                        else self.tr("%s are not understood as phone numbers. "))
            self.phone_hint.setText(sentence % self._quoted(bad) + entry_hint(self.region))

    def _show_photo(self) -> None:
        if self.photo:
            self.photo_label.setPixmap(photo_pixmap(self.photo, 100, 130, self.photo_label))
        else:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText(self.tr("No photo"))

    def _set_photo(self, data: bytes | None, mime: str) -> None:
        self.photo, self.photo_mime = data, mime
        self._show_photo()

    def _choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a photo"), "",
                                              self.tr("Images (*.jpg *.jpeg *.png *.gif *.bmp *.webp)"))
        if path:
            self.load_photo(Path(path))

    def load_photo(self, path: Path) -> None:
        try:
            data, mime = fit_photo(path.read_bytes())
        except (OSError, PhotoError) as exc:
            QMessageBox.warning(self, self.tr("Photo"), self.tr("This file cannot be used as a photo: %s") % exc)
            return
        self._set_photo(data, mime)

    def result_contact(self) -> ContactData:
        c = ContactData(id=self.contact.id, uid=self.contact.uid, kind=self.kind.currentData(),
                        book_id=self.book.currentData())
        for attr, e in self.edits.items():
            setattr(c, attr, e.text().strip())
        if c.kind == "company":
            for attr in ("prefix", "given_name", "middle_name", "family_name", "suffix", "nickname", "birthday"):
                setattr(c, attr, "")
        c.notes = self.notes.toPlainText().strip()
        c.companies = [CompanyLink(v[0], v[1]) for _k, v in self.companies.values() if v[0]] \
            if c.kind == "person" else []
        c.phones = [Phone(v[0], k) for k, v in self.phones.values()]
        c.emails = [Email(v[0], k) for k, v in self.emails.values()]
        c.addresses = [PostalAddress(*v, kind=k) for k, v in self.addresses.values()]
        c.websites = [Website(v[0], k) for k, v in self.websites.values()]
        c.tags = sorted({t.strip() for t in self.tags.text().split(",") if t.strip()})
        for name, w in self.custom.items():
            value = w.currentData() if isinstance(w, QComboBox) else w.text().strip()
            if value:
                c.custom[name] = value
        c.photo, c.photo_mime = self.photo, self.photo_mime
        return c

    def _quoted(self, numbers: list[str], most: int = 5) -> str:
        """“a” / “a” and “b” / “a”, “b”, … and 7 more: every number named, up to `most`."""
        names = [self.tr("“%s”") % n for n in numbers[:most]]
        if len(numbers) > most:
            names.append(self.tr("%n more", "", len(numbers) - most))
        if len(names) == 1:
            return names[0]
        return self.tr("%s and %s") % (", ".join(names[:-1]), names[-1])

    def validate(self) -> str | None:
        """A message for the user, or None when the contact can be saved."""
        c = self.result_contact()
        if not c.best_display_name():
            return self.tr("Give the contact a name, a company, a number or an e-mail address.")
        if c.birthday and not _is_date(c.birthday):
            return self.tr("Write the birthday as YYYY-MM-DD (or --MM-DD without the year).")
        for name, value in c.custom.items():
            kind = self._custom_types.get(name)
            if kind == "number":
                try:
                    float(value)
                except ValueError:
                    return self.tr("“%s” must be a number.") % name
            if kind == "date" and not _is_date(value):
                return self.tr("Write “%s” as YYYY-MM-DD.") % name
        return None

    def unreadable_numbers(self) -> list[tuple[QComboBox, str]]:
        """Rows whose number is not a valid phone number, unless the contact already kept that
        text as text (kind Other) and the row still says Other: a kept text switched to Mobile, or
        copied into a new Mobile row, is asked about again."""
        kept = {p.number for p in self.contact.phones if p.kind == "other" and not is_valid(p.number, self.region)}
        out = []
        for combo, edits, _row in self.phones.rows:
            number = edits[0].text().strip()
            if not number or is_valid(number, self.region):
                continue
            if combo.currentData() == "other" and number in kept:
                continue
            out.append((combo, number))
        return out

    def ask_keep_as_text(self, numbers: list[str]) -> bool:
        """True when the user wants `numbers` kept as text (kind Other) anyway."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(),
                          (self.tr("%s is not understood as a phone number, so it cannot be called or "
                                   "recognised when it rings.") if len(numbers) == 1 else
                           self.tr("%s are not understood as phone numbers, so they cannot be called or "
                                   "recognised when they ring.")) % self._quoted(numbers), parent=self)
        box.setInformativeText(entry_hint(self.region))
        keep = box.addButton(self.tr("Keep as text"), QMessageBox.ButtonRole.AcceptRole)
        fix = box.addButton(self.tr("Correct it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(fix)
        box.exec()
        return box.clickedButton() is keep

    def _accept(self) -> None:
        problem = self.validate()
        if problem:
            QMessageBox.warning(self, self.windowTitle(), problem)
            return
        unreadable = self.unreadable_numbers()
        if unreadable:
            if not self.ask_keep_as_text([number for _combo, number in unreadable]):
                return
            for combo, _number in unreadable:  # kept as plain text: never offered as a number to call
                combo.setCurrentIndex(combo.findData("other"))
        self.accept()



def _is_date(text: str) -> bool:
    import re
    from datetime import date

    m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", text)
    if not m:
        return False
    try:
        date(2000 if m.group(1) == "-" else int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return True
    except ValueError:
        return False

