"""The contact card: everything about one contact, with a call button beside each number."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from whitephone.core.contact import ContactData
from whitephone.phone import call_target, display
from whitephone.ui import theme
from whitephone.ui.dialogs.contact_kinds import KIND_LABELS
from whitephone.ui.photo_pixmap import photo_pixmap
from whitephone.ui.rich_text import escape, rich_label


class ContactCard(QScrollArea):
    """Read-only view of a contact. Emits callRequested(number, contact) from its call buttons."""

    callRequested = Signal(str, object)
    editRequested = Signal(object)
    deleteRequested = Signal(object)
    crmRequested = Signal(object)  # ContactData: its CRM records, or a new one
    timelineRequested = Signal(object)  # ContactData: its profile with the timeline and history

    def __init__(self, region: str, parent=None, history_button: bool = True) -> None:
        super().__init__(parent)
        self.region = region
        self.history_button = history_button
        self.contact: ContactData | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # the card fits its width (texts wrap) and scrolls only down: nothing hides off to the right
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.show_contact(None)

    def show_contact(self, c: ContactData | None, members: list[tuple[int, str, str]] | None = None) -> None:
        self.contact = c
        body = QWidget()
        v = QVBoxLayout(body)
        v.setAlignment(Qt.AlignmentFlag.AlignTop)
        if c is None:
            empty = QLabel(self.tr("Select a contact to see the details."))
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            theme.tone(empty, "muted", "padding: 40px;")
            v.addWidget(empty)
            self.setWidget(body)
            return
        head = QHBoxLayout()
        photo = QLabel()
        photo.setFixedSize(80, 100)
        photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if c.photo:
            photo.setPixmap(photo_pixmap(c.photo, 80, 100, photo))
        else:
            initials = "".join(w[0] for w in c.best_display_name().split()[:2]).upper() or "?"
            photo.setText(initials)
            theme.tone(photo, "photo_text", "background: $photo_bg; font-size: 26px; border-radius: 6px;")
        head.addWidget(photo, 0, Qt.AlignmentFlag.AlignTop)
        # no alignment flag on this layout: with one, Qt gives the wrapped labels their one-line
        # height and a company line that wraps is clipped top and bottom; a stretch keeps them up
        title = QVBoxLayout()
        name = _wrapping(f"<b style='font-size:16pt'>{_breakable(c.best_display_name())}</b>")
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title.addWidget(name)
        if c.kind == "company":
            title.addWidget(QLabel(self.tr("Company")))
        for link in c.companies:
            role = f"{link.role}, " if link.role else ""
            title.addWidget(_wrapping(_breakable(role + link.name)))
        if c.tags:
            chips = _wrapping("")
            theme.set_html(chips, " ".join(f"<span style='background:#e8eef7;padding:2px 6px'>"
                                           f"{escape(t)}</span>" for t in c.tags))
            title.addWidget(chips)
        title.addStretch()
        head.addLayout(title, 1)
        v.addLayout(head)
        # under the name, not beside it: beside it a long name pushed them out of a narrow card
        actions = QHBoxLayout()
        edit = QPushButton(self.tr("Edit"))
        edit.setToolTip(self.tr("Edit this contact"))
        edit.clicked.connect(lambda: self.editRequested.emit(c))
        delete = QPushButton(self.tr("Delete"))
        delete.setToolTip(self.tr("Delete this contact"))
        delete.clicked.connect(lambda: self.deleteRequested.emit(c))
        crm = QPushButton(self.tr("CRM"))
        crm.setToolTip(self.tr("This contact's CRM records, or a new one"))
        crm.clicked.connect(lambda: self.crmRequested.emit(c))
        actions.addWidget(edit)
        actions.addWidget(delete)
        actions.addWidget(crm)
        actions.addStretch()
        v.addLayout(actions)
        if self.history_button:  # a row of its own: four buttons overflow a narrow card
            history_row = QHBoxLayout()
            history = QPushButton(self.tr("History"))
            history.setToolTip(self.tr("Calls, records, notes and every change to this contact"))
            history.clicked.connect(lambda: self.timelineRequested.emit(c))
            history_row.addWidget(history)
            history_row.addStretch()
            v.addLayout(history_row)
        v.addSpacing(12)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        row = 0

        def add(label: str, value: str, button: QPushButton | None = None, tip: str = "") -> None:
            nonlocal row
            lab = QLabel()
            theme.set_html(lab, f"<span style='color:#666'>{escape(label)}</span>")
            val = _wrapping(value)
            val.setToolTip(tip)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            val.setOpenExternalLinks(True)
            grid.addWidget(lab, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(val, row, 1, Qt.AlignmentFlag.AlignTop)
            if button is not None:
                grid.addWidget(button, row, 2)
            row += 1

        for p in c.phones:
            target, call = call_target(p.number, p.e164), None
            if target is not None:  # a number kept as text ("ask reception") is shown, not offered
                call = QPushButton(self.tr("Call"))
                call.setToolTip(self.tr("Call %s") % display(p.number, p.e164, self.region))
                call.clicked.connect(lambda _=False, t=target: self.callRequested.emit(t, c))
            add(QCoreApplication.translate("ContactKind", KIND_LABELS.get(p.kind, p.kind)),  # i18n: marked
                _breakable(display(p.number, p.e164, self.region)),
                call)
        for e in c.emails:
            add(self.tr("E-mail") + ("" if e.kind == "other" else f" ({e.kind})"),
                f"<a href='mailto:{escape(e.address)}'>{_breakable(e.address)}</a>", tip=e.address)
        for a in c.addresses:
            lines = [a.street1, a.street2, " ".join(x for x in (a.postcode, a.city) if x), a.region, a.country]
            add(self.tr("Address") + ("" if a.kind == "other" else f" ({a.kind})"),
                "<br>".join(_breakable(x) for x in lines if x))
        for w in c.websites:
            add(self.tr("Website"), f"<a href='{escape(w.url)}'>{_breakable(w.url)}</a>", tip=w.url)
        if c.birthday:
            add(self.tr("Birthday"), escape(c.birthday.lstrip("-") if c.birthday.startswith("--")
                                                 else c.birthday))
        if c.nickname:
            add(self.tr("Nickname"), _breakable(c.nickname))
        for k, val in sorted(c.custom.items()):
            add(k, _breakable(val))
        if c.notes:
            add(self.tr("Notes"), _breakable(c.notes).replace("\n", "<br>"))
        for _pid, name, role in members or []:
            add(self.tr("Person"), _breakable(name + (f" — {role}" if role else "")))
        v.addLayout(grid)
        v.addStretch()
        self.setWidget(body)


def _wrapping(text: str) -> QLabel:
    """A label that wraps to the width it is given and never asks for more (a long word is cut
    rather than widening the card past its pane)."""
    label = rich_label(text)
    label.setWordWrap(True)
    policy = label.sizePolicy()  # keeps the height-for-width flag word wrap set: the layout then
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # gives a wrapped text all its lines
    label.setSizePolicy(policy)
    return label


_LONG_RUN = 12  # characters without a break after which a text may wrap anyway


def _breakable(text: str) -> str:
    """`text` escaped for a label, free to wrap inside long words (a long name, an e-mail local
    part, a URL): zero-width spaces after @ . / - _ and every few characters of a long run, so
    nothing is cut off at the card's edge."""
    out = []
    for word in re.split(r"(\s+)", text):
        if len(word) > _LONG_RUN and not word.isspace():
            word = re.sub(r"([@./\-_])", "\\1\u200b", word)
            word = "\u200b".join(part if len(part) <= _LONG_RUN else "\u200b".join(
                part[i:i + _LONG_RUN] for i in range(0, len(part), _LONG_RUN)) for part in word.split("\u200b"))
        out.append(escape(word))
    return "".join(out)
