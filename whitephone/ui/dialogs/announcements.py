"""Announcements and markets (seed 000 "How to make an announcement", "Markets"): post to the
whole company or to a market (holders of the Announcements permission), and join or leave
markets. Hub requests run on the team's worker; the announcement itself goes through the
store's outbox like any message."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from whitephone.sync.permissions import holds

ANNOUNCE = "announcements"


def may_announce(info: dict) -> bool:
    return holds(info or {}, ANNOUNCE)


def no_permission_reason() -> str:
    return QCoreApplication.translate("AnnounceDialog", "Posting announcements needs the Announcements permission; "
                                      "ask your administrator (User Admin) to give it to you.")


class AnnounceDialog(QDialog):
    """Text and where it goes: the company or one market."""

    def __init__(self, app, team, parent=None) -> None:
        super().__init__(parent)
        self.app, self.team = app, team
        self.sent = None
        self.setWindowTitle(self.tr("New announcement"))
        self.resize(520, 360)
        self.where = QComboBox()
        self.where.addItem(self.tr("The whole company"), None)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Announcement"))
        self.text.setPlaceholderText(self.tr("What everyone should know"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("To:"), self.where)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.post_btn = self.buttons.addButton(self.tr("Post"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.post_btn.clicked.connect(self.post)
        self.buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(self.text, 1)
        v.addWidget(self.note)
        v.addWidget(self.buttons)
        if team is not None and team.signed_in:
            team.run(lambda: app.session.ensure().markets(), self._markets,
                     lambda exc: self.note.setText(self.tr("Markets could not be listed: %s") % exc))

    def _markets(self, markets: list[dict]) -> None:
        for mk in sorted(markets, key=lambda m: m["name"].casefold()):
            self.where.addItem(self.tr("Market: %s (%n member(s))", "", mk["members"]) % mk["name"], mk["name"])

    def post(self) -> None:
        from whitephone.store.messages import MessageError

        text = self.text.toPlainText().strip()
        if not text:
            self.note.setText(self.tr("Write the announcement first."))
            return
        try:
            self.sent = self.app.store.messages.queue_announcement(text, market=self.where.currentData())
        except (MessageError, ValueError) as exc:
            self.note.setText(self.tr("Not posted: %s") % exc)
            return
        self.accept()


class MarketsDialog(QDialog):
    """The company's markets: members, whether I am in; join and leave."""

    def __init__(self, app, team, parent=None) -> None:
        super().__init__(parent)
        self.app, self.team = app, team
        self.setWindowTitle(self.tr("Markets"))
        self.resize(440, 380)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Markets"))
        self.note = QLabel(self.tr("Loading the markets…"))
        self.note.setWordWrap(True)
        self.join_btn = QPushButton(self.tr("Join"))
        self.leave_btn = QPushButton(self.tr("Leave"))
        self.join_btn.clicked.connect(lambda: self._change(True))
        self.leave_btn.clicked.connect(lambda: self._change(False))
        self.list.currentItemChanged.connect(lambda *_: self._buttons())
        row = QHBoxLayout()
        row.addWidget(self.join_btn)
        row.addWidget(self.leave_btn)
        row.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        v = QVBoxLayout(self)
        v.addWidget(QLabel(self.tr("Announcements to a market reach its members. Join the markets you "
                                   "work in; leave the ones you do not.")))
        v.addWidget(self.list, 1)
        v.addWidget(self.note)
        v.addLayout(row)
        self._buttons()
        self.reload()

    def reload(self) -> None:
        if self.team is None or not self.team.signed_in:
            self.note.setText(self.tr("Sign in to your company's hub to see its markets."))
            return
        self.team.run(lambda: self.app.session.ensure().markets(), self.show_markets,
                      lambda exc: self.note.setText(self.tr("Markets could not be listed: %s") % exc))

    def show_markets(self, markets: list[dict]) -> None:
        current = self.list.currentItem().data(Qt.ItemDataRole.UserRole)["id"] if self.list.currentItem() else None
        self.list.clear()
        for mk in sorted(markets, key=lambda m: m["name"].casefold()):
            mark = "✓ " if mk.get("joined") else ""
            item = QListWidgetItem(self.tr("%s%s — %n member(s)", "", mk["members"]) % (mark, mk["name"]))
            item.setData(Qt.ItemDataRole.UserRole, mk)
            self.list.addItem(item)
            if mk["id"] == current:
                self.list.setCurrentItem(item)
        if not markets:
            self.note.setText(self.tr("No markets yet: an administrator creates them."))
        elif self.note.text() == self.tr("Loading the markets…"):
            self.note.setText("")
        self._buttons()

    def _buttons(self) -> None:
        item = self.list.currentItem()
        mk = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.join_btn.setEnabled(bool(mk) and not mk.get("joined"))
        self.leave_btn.setEnabled(bool(mk) and bool(mk.get("joined")))

    def _change(self, join: bool) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        mk = item.data(Qt.ItemDataRole.UserRole)
        client = self.app.session.ensure

        def work():
            c = client()
            return (c.join_market if join else c.leave_market)(mk["id"])

        self.join_btn.setEnabled(False)
        self.leave_btn.setEnabled(False)
        self.team.run(work, lambda _m: (self.note.setText((self.tr("You joined %s.") if join else
                                                           self.tr("You left %s.")) % mk["name"]), self.reload()),
                      lambda exc: (self.note.setText(str(exc)), self._buttons()))
