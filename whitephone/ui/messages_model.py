"""The Messages tab's item model: the inbox (or the trash) as the store lists it, one page at a
time as the view scrolls, under a filter (kind, sender, dates). The store answers; this only
shows (`store.messages`, see whitephone/store/messages.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from whitephone.ui import theme
from whitephone.ui.user_errors import failed_message_text

KINDS = ("text", "voice", "video", "announcement", "reminder", "contact_request")
# shown with QCoreApplication.translate("MessageKinds", KIND_LABELS[kind])
KIND_LABELS = {"text": QT_TRANSLATE_NOOP("MessageKinds", "Text"),
               "voice": QT_TRANSLATE_NOOP("MessageKinds", "Voice mail"),
               "video": QT_TRANSLATE_NOOP("MessageKinds", "Video mail"),
               "announcement": QT_TRANSLATE_NOOP("MessageKinds", "Announcement"),
               "reminder": QT_TRANSLATE_NOOP("MessageKinds", "Reminder"),
               "contact_request": QT_TRANSLATE_NOOP("MessageKinds", "Contact request")}
COLUMNS = (QT_TRANSLATE_NOOP("MessagesModel", "Kind"), QT_TRANSLATE_NOOP("MessagesModel", "From"),
           QT_TRANSLATE_NOOP("MessagesModel", "Subject"), QT_TRANSLATE_NOOP("MessagesModel", "Received"))
# an outgoing message's state, shown in brackets before its subject
STATUS_LABELS = {"queued": QT_TRANSLATE_NOOP("MessagesModel", "queued"),
                 "sending": QT_TRANSLATE_NOOP("MessagesModel", "sending"),
                 "failed": QT_TRANSLATE_NOOP("MessagesModel", "failed"),
                 "draft": QT_TRANSLATE_NOOP("MessagesModel", "draft")}
PAGE = 200
SEARCH_LIMIT = 500
TRASH_DAYS = 30  # what is in the trash longer is purged (the store's purge_trash)


@dataclass
class MessageFilter:
    """What the list shows: None means any."""

    kind: str | None = None
    sender: str | None = None
    since: float | None = None  # epoch seconds, as the store keeps times
    until: float | None = None
    unread: bool | None = None
    trash: bool = False
    text: str | None = None  # words anywhere (subject, text, sender, recipients): the store's search

    def args(self) -> dict:
        return {"kind": self.kind, "sender": self.sender or None, "since": self.since, "until": self.until,
                "unread": self.unread, "trash": self.trash}


def when(value) -> dt.datetime | None:
    """A message time (datetime, ISO text or epoch seconds) as a local datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        d = value
    elif isinstance(value, int | float):
        d = dt.datetime.fromtimestamp(value, dt.UTC)
    else:
        try:
            d = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.UTC)
    return d.astimezone()


def when_text(value) -> str:
    d = when(value)
    if d is None:
        return ""
    now = dt.datetime.now().astimezone()
    qdt = QDateTime.fromSecsSinceEpoch(int(d.timestamp()))
    if d.date() == now.date():
        return QLocale().toString(qdt.time(), QLocale.FormatType.ShortFormat)
    return QLocale().toString(qdt, QLocale.FormatType.ShortFormat)


def kind_label(kind: str) -> str:
    """A message kind in the user's language ("voice" -> "Voice mail")."""
    return QCoreApplication.translate("MessageKinds", KIND_LABELS[kind]) if kind in KIND_LABELS else kind  # i18n: marked


def sender_text(m) -> str:
    if getattr(m, "direction", "in") == "out":
        to = ", ".join(r.get("name") or r.get("email") or str(r.get("id", "")) if isinstance(r, dict) else str(r)
                       for r in (m.recipients or []))
        return QCoreApplication.translate("MessagesModel", "To %s") % to if to else QCoreApplication.translate(
            "MessagesModel", "Me")
    return m.sender_name or m.sender_email or (
        QCoreApplication.translate("MessagesModel", "Company") if m.kind == "announcement" else "")


def body_text(m) -> str:
    """The message's text as shown. A contact request's is worded here from its data (who asks):
    the stored body is the sync's English sentence, for logs and the command line."""
    if m.kind == "contact_request":
        who = m.sender_name or m.sender_email or (
            QCoreApplication.translate("MessagesModel", "user %s") % m.sender_id if m.sender_id is not None
            else QCoreApplication.translate("MessagesModel", "Someone"))
        return QCoreApplication.translate("MessagesModel", "%s asks to add you as a contact.") % who
    return m.body or ""


def subject_text(m) -> str:
    if m.subject:
        return m.subject
    body = body_text(m).strip().splitlines()
    if body:
        return body[0][:120]
    if m.kind in ("voice", "video"):
        return (QCoreApplication.translate("MessagesModel", "(voice mail)") if m.kind == "voice"
                else QCoreApplication.translate("MessagesModel", "(video mail)"))
    return QCoreApplication.translate("MessagesModel", "(no text)")


class MessagesModel(QAbstractTableModel):
    """Pages of `store.messages.list(...)` under a `MessageFilter`."""

    def __init__(self, store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = MessageFilter()
        self.rows: list = []
        self.total = 0

    # -- loading -------------------------------------------------------------------------
    def set_filter(self, f: MessageFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        """Read the first page again (after a change), on the calling thread."""
        self.apply(*self.query(self.filter, max(PAGE, len(self.rows))))

    def query(self, f: MessageFilter, want: int) -> tuple[list, int]:
        """(rows, total) under `f`: plain reads, safe on a worker thread."""
        if f.text:  # the search answers at most SEARCH_LIMIT rows, then the other filters apply
            found = self.store.messages.search(f.text, limit=SEARCH_LIMIT)
            rows = [m for m in found if self._matches(f, m)]
            return rows, len(rows)
        args = f.args()
        return list(self.store.messages.list(**args, offset=0, limit=want)), self.store.messages.count(**args)

    def apply(self, rows: list, total: int) -> None:
        self.beginResetModel()
        self.rows, self.total = rows, total
        self.endResetModel()

    @staticmethod
    def _matches(f: MessageFilter, m) -> bool:
        t = m.received_at or m.sent_at or 0
        return ((f.kind is None or m.kind == f.kind) and (f.unread is None or not m.read)
                and (f.since is None or t >= f.since) and (f.until is None or t < f.until) and not f.trash)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and not self.filter.text and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt API
        more = list(self.store.messages.list(**self.filter.args(), offset=len(self.rows), limit=PAGE))
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def message(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, message_id) -> int:
        return next((i for i, m in enumerate(self.rows) if m.id == message_id), -1)

    # -- Qt ------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])  # i18n: marked
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        m = self.message(index.row())
        if m is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return kind_label(m.kind)
            if col == 1:
                return sender_text(m)
            if col == 2:
                text = subject_text(m)
                if m.direction == "out" and m.status in STATUS_LABELS:
                    text = f"[{self.tr(STATUS_LABELS[m.status])}] {text}"  # i18n: marked
                return text
            from whitephone.ui.dates import when_text as relative_when

            return relative_when(m.received_at or m.sent_at)
        if role == Qt.ItemDataRole.FontRole and not m.read and m.direction == "in":
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ForegroundRole and m.direction == "out" and m.status == "failed":
            return QColor(theme.colour("error"))
        if role == Qt.ItemDataRole.ToolTipRole and m.status == "failed" and m.error:
            return failed_message_text(m.error)
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        return None
