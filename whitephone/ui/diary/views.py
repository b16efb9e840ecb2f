"""The Diary's painted views: a time grid (day and week), the month grid and the agenda list.

Each view is one or two custom-painted widgets (paintEvent), never a widget per appointment: a
month with thousands of occurrences paints as fast as an empty one. The plain-Python geometry
(which days, overlaps side by side) is in layout.py; the tab (tabs/diary.py) owns the state
(anchor day, selection) and the store, the views only draw it and report what the mouse asked
for through signals."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from whitephone.ui import theme
from whitephone.ui.diary import formats, layout
from whitephone.ui.diary.layout import Placed

HOUR_HEIGHT = 44
GUTTER = 56  # the time gutter's least width; wider when its texts need it (gutter_width)
ALLDAY_LINE = 20
DAY_HEADER = 26
RESIZE_EDGE = 6

# the theme's colours (ui/theme.py), changed in place when the theme changes
BG = theme.live("diary.bg")
GRID = theme.live("diary.grid")
GRID_HOUR = theme.live("diary.grid_hour")
TEXT = theme.live("diary.text")
MUTED = theme.live("diary.muted")
TODAY_BG = theme.live("diary.today_bg")
SELECTED_DAY = theme.live("diary.selected_day")
OTHER_MONTH = theme.live("diary.other_month")
FILL = theme.live("diary.fill")
EDGE = theme.live("diary.edge")
MEETING_FILL = theme.live("diary.meeting_fill")
MEETING_EDGE = theme.live("diary.meeting_edge")
SELECTED_EDGE = theme.live("diary.selected_edge")
NOW_LINE = theme.live("diary.now_line")


def occ_key(occ) -> tuple:
    return (occ.uid, occ.recurrence_id)


def colours(p: Placed) -> tuple[QColor, QColor]:
    return (MEETING_FILL, MEETING_EDGE) if getattr(p.occ, "meeting", None) else (FILL, EDGE)


def subject_text(occ) -> str:
    return str(occ.subject or QCoreApplication.translate("DiaryView", "(no subject)"))


def label(p: Placed, with_time: bool = True) -> str:
    subject = subject_text(p.occ)
    if p.all_day or not with_time:
        return subject
    return f"{formats.time_text(p.start)} {subject}"


class _State:
    """What every view draws: its days, the occurrences placed in them, the selection."""

    def __init__(self) -> None:
        self.tz: tzinfo = layout.local_zone()
        self.days: list[date] = [date.today()]
        self.anchor: date = date.today()
        self.today: date = date.today()
        self.placed: list[Placed] = []
        self.per_day: dict[date, list[Placed]] = {}
        self.packed: dict | None = None  # day -> [layout.Packed] (time grid), None: not packed yet
        self.selected: tuple | None = None
        self.minutes: int = 9 * 60  # the selected time slot (time grid)


class DiaryView(QWidget):
    """What the tab talks to, whatever the view."""

    openRequested = Signal(object)  # an occurrence
    createRequested = Signal(object, object, bool)  # start, end (aware), all day
    moveRequested = Signal(object, object, object)  # occurrence, new start, new end
    selected = Signal(object)  # the clicked occurrence, or None
    dayClicked = Signal(object)  # a date (and the minutes in Time grid: see slotClicked)

    name = ""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.s = _State()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def show_range(self, days: list[date], anchor: date, occurrences, tz: tzinfo, today: date | None = None) -> None:
        placed = [layout.place(o, tz) for o in occurrences]
        self.show_placed(days, anchor, placed, layout.by_day(placed, days), tz, today)

    def show_placed(self, days: list[date], anchor: date, placed: list[Placed], per_day: dict[date, list[Placed]],
                    tz: tzinfo, today: date | None = None, packed: dict | None = None) -> None:
        """Draw occurrences already placed in the days (layout.place/by_day/pack_days, done off
        the UI thread)."""
        s = self.s
        s.tz, s.days, s.anchor, s.today = tz, list(days), anchor, today or datetime.now(tz).date()
        s.placed, s.per_day, s.packed = placed, per_day, packed
        self.relayout()

    def set_selection(self, anchor: date, minutes: int, key: tuple | None) -> None:
        self.s.anchor, self.s.minutes, self.s.selected = anchor, minutes, key
        self.relayout()

    def relayout(self) -> None:
        self.update()

    def occurrences_on(self, day: date) -> list:
        return [p.occ for p in self.s.per_day.get(day, [])]

    def keyPressEvent(self, event) -> None:  # noqa: N802 - the tab handles the keys
        event.ignore()


# -- day and week -------------------------------------------------------------------------------
class _GridHeader(QWidget):
    """Day names and the all-day row above the time grid."""

    def __init__(self, view: TimeGridView) -> None:
        super().__init__(view)
        self.view = view
        self.rects: list[tuple[QRectF, Placed]] = []

    def lines(self) -> int:
        s = self.view.s
        return max([sum(1 for p in s.per_day.get(d, []) if p.all_day) for d in s.days] + [1])

    def sizeHint(self):  # noqa: N802
        from PySide6.QtCore import QSize

        return QSize(400, DAY_HEADER + self.lines() * ALLDAY_LINE + 6)

    def paintEvent(self, _event) -> None:  # noqa: N802
        v, s = self.view, self.view.s
        p = QPainter(self)
        p.fillRect(self.rect(), BG)
        n = len(s.days)
        for i, d in enumerate(s.days):
            x, w = v.column_x(i), v.column_width()
            if d == s.today:
                p.fillRect(QRectF(x, 0, w, self.height()), TODAY_BG)
            p.setPen(TEXT if d != s.today else EDGE)
            f = QFont(self.font())
            f.setBold(d == s.anchor)
            p.setFont(f)
            p.drawText(QRectF(x + 4, 0, w - 8, DAY_HEADER), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       formats.day_heading(d, short=n > 1))
            p.setPen(GRID_HOUR)
            p.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        p.setFont(self.font())
        p.setPen(MUTED)
        p.drawText(QRectF(2, DAY_HEADER, v.gutter - 6, ALLDAY_LINE), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   self.tr("all day"))
        for r, pl in self.rects:
            _draw_box(p, r, pl, occ_key(pl.occ) == s.selected, label(pl))
        if self.drag and self.drag["to"] != self.drag["from"]:
            x = v.column_x(self.drag["to"])
            p.setPen(QPen(SELECTED_EDGE, 2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            if self.drag["mode"] == "resize":  # the new last day
                first = s.days.index(self.drag["placed"].first_day) if self.drag["placed"].first_day in s.days else 0
                x0 = v.column_x(min(first, self.drag["to"]))
                p.drawRect(QRectF(x0 + 2, DAY_HEADER + 1, x + v.column_width() - x0 - 4, ALLDAY_LINE - 2))
            else:
                p.drawRect(QRectF(x + 2, DAY_HEADER + 1, v.column_width() - 4, ALLDAY_LINE - 2))
        p.setPen(GRID_HOUR)
        p.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        p.end()

    def compute(self) -> None:
        v, s = self.view, self.view.s
        self.rects = []
        for i, d in enumerate(s.days):
            x, w = v.column_x(i), v.column_width()
            row = 0
            for pl in s.per_day.get(d, []):
                if pl.all_day:
                    self.rects.append((QRectF(x + 2, DAY_HEADER + row * ALLDAY_LINE + 1, w - 4, ALLDAY_LINE - 2), pl))
                    row += 1

    def hit(self, pos) -> Placed | None:
        for r, pl in self.rects:
            if r.contains(pos):
                return pl
        return None

    drag: dict | None = None

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.view.setFocus()
        pl = self.hit(event.position())
        self.view.selected.emit(pl.occ if pl else None)
        i = self.view.column_at(event.position().x())
        if pl is None and i is not None:
            self.view.dayClicked.emit(self.view.s.days[i])
        if pl is not None and i is not None and event.button() == Qt.MouseButton.LeftButton:
            r = next(r for r, p in self.rects if p is pl and r.contains(event.position()))
            last = self.view.s.days.index(pl.last_day) if pl.last_day in self.view.s.days else None
            edge = event.position().x() >= r.right() - RESIZE_EDGE and last == i
            # an all-day appointment moves by days; its last day's right edge makes it longer or shorter
            self.drag = {"placed": pl, "from": i, "to": i, "mode": "resize" if edge else "move"}

    def _hover_cursor(self, pos) -> None:
        pl = self.hit(pos)
        i = self.view.column_at(pos.x())
        on_edge = False
        if pl is not None and i is not None and pl.last_day in self.view.s.days:
            r = next(r for r, p in self.rects if p is pl and r.contains(pos))
            on_edge = pos.x() >= r.right() - RESIZE_EDGE and self.view.s.days.index(pl.last_day) == i
        self.setCursor(Qt.CursorShape.SizeHorCursor if on_edge else Qt.CursorShape.ArrowCursor)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self.drag is None:
            self._hover_cursor(event.position())
        if self.drag is not None:
            i = self.view.column_at(event.position().x())
            if i is not None and i != self.drag["to"]:
                self.drag["to"] = i
                self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        drag, self.drag = self.drag, None
        if drag and drag["to"] != drag["from"]:
            days = self.view.s.days
            shift = timedelta(days=(days[drag["to"]] - days[drag["from"]]).days)
            pl, tz = drag["placed"], self.view.s.tz
            if drag["mode"] == "resize":
                end = max(_wall(pl.end, shift, tz), _wall(pl.start, timedelta(days=1), tz))
                self.view.moveRequested.emit(pl.occ, pl.start, end)
            else:
                self.view.moveRequested.emit(pl.occ, _wall(pl.start, shift, tz), _wall(pl.end, shift, tz))
        self.update()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        pl = self.hit(event.position())
        if pl is not None:
            self.view.openRequested.emit(pl.occ)
            return
        i = self.view.column_at(event.position().x())
        if i is not None:
            s = self.view.s
            d = s.days[i]
            self.view.createRequested.emit(layout.at_minutes(d, 0, s.tz),
                                           layout.at_minutes(d + timedelta(days=1), 0, s.tz), True)


class _GridBody(QWidget):
    """The 24 hours, the timed appointments side by side, dragging to move and resize."""

    def __init__(self, view: TimeGridView) -> None:
        super().__init__()
        self.view = view
        self.rects: list[tuple[QRectF, Placed, date]] = []
        self.drag: dict | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(24 * HOUR_HEIGHT)

    def compute(self) -> None:
        v, s = self.view, self.view.s
        self.rects = []
        if s.packed is None:  # not packed by the tab's worker (tests, benchmarks): pack here
            s.packed = layout.pack_days(s.per_day)
        for i, d in enumerate(s.days):
            x, w = v.column_x(i), v.column_width() - 6
            for k in s.packed.get(d, []):
                cw = w / k.cols
                r = QRectF(x + 1 + k.col * cw, k.top * HOUR_HEIGHT / 60, cw * k.span - 2,
                           (k.bottom - k.top) * HOUR_HEIGHT / 60 - 1)
                self.rects.append((r, k.placed, d))

    def paintEvent(self, _event) -> None:  # noqa: N802
        v, s = self.view, self.view.s
        p = QPainter(self)
        p.fillRect(self.rect(), BG)
        h = self.height()
        for i, d in enumerate(s.days):
            x, w = v.column_x(i), v.column_width()
            if d == s.today:
                p.fillRect(QRectF(x, 0, w, h), TODAY_BG)
            if d == s.anchor and not self.drag:
                y = s.minutes * HOUR_HEIGHT / 60
                p.fillRect(QRectF(x, y, w, HOUR_HEIGHT / 2), SELECTED_DAY)
        for hour in range(24):
            y = hour * HOUR_HEIGHT
            p.setPen(GRID_HOUR)
            p.drawLine(QPointF(v.gutter, y), QPointF(self.width(), y))
            p.setPen(GRID)
            p.drawLine(QPointF(v.gutter, y + HOUR_HEIGHT / 2), QPointF(self.width(), y + HOUR_HEIGHT / 2))
            p.setPen(MUTED)
            p.drawText(QRectF(0, y + 1, v.gutter - 6, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                       formats.hour_text(hour))
        p.setPen(GRID_HOUR)
        for i in range(len(s.days)):
            x = v.column_x(i)
            p.drawLine(QPointF(x, 0), QPointF(x, h))
        dragged = self.drag["key"] if self.drag and self.drag.get("moved") else None
        fm = QFontMetrics(self.font())
        clip = _event.rect()
        for r, pl, _d in self.rects:
            if not clip.intersects(r.toAlignedRect()):
                continue  # scrolled out of sight
            if occ_key(pl.occ) == dragged:
                p.setOpacity(0.35)
            _draw_box(p, r, pl, occ_key(pl.occ) == s.selected,
                      label(pl) if r.height() < 34 else f"{pl.occ.subject or ''}\n{formats.span_text(pl.start, pl.end)}", fm)
            p.setOpacity(1.0)
        if self.drag and self.drag.get("moved"):
            for r in self._ghost_rects():
                _draw_box(p, r, self.drag["placed"], True, self._ghost_label())
        now = datetime.now(s.tz)
        if now.date() in s.days:
            i = s.days.index(now.date())
            y = (now.hour * 60 + now.minute) * HOUR_HEIGHT / 60
            p.setPen(QPen(NOW_LINE, 2))
            p.drawLine(QPointF(v.column_x(i), y), QPointF(v.column_x(i) + v.column_width(), y))
        p.end()

    # -- mouse --------------------------------------------------------------------------
    def hit(self, pos) -> tuple[QRectF, Placed, date] | None:
        for r, pl, d in reversed(self.rects):
            if r.contains(pos):
                return r, pl, d
        return None

    def slot_at(self, pos) -> tuple[date, int] | None:
        i = self.view.column_at(pos.x())
        if i is None:
            return None
        minutes = max(0, min(24 * 60 - 30, int(pos.y() * 60 / HOUR_HEIGHT) // 30 * 30))
        return self.view.s.days[i], minutes

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.view.setFocus()
        pos = event.position()
        hit = self.hit(pos)
        if hit is None:
            self.view.selected.emit(None)
            slot = self.slot_at(pos)
            if slot:
                self.view.slotClicked.emit(*slot)
            return
        r, pl, d = hit
        self.view.selected.emit(pl.occ)
        if event.button() == Qt.MouseButton.LeftButton:
            mode = "resize" if pos.y() >= r.bottom() - RESIZE_EDGE else "move"
            self.drag = {"placed": pl, "key": occ_key(pl.occ), "mode": mode, "origin": QPointF(pos),
                         "day": d, "moved": False, "start": pl.start, "end": pl.end}

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        if not self.drag:
            hit = self.hit(pos)
            near_edge = hit is not None and pos.y() >= hit[0].bottom() - RESIZE_EDGE
            self.setCursor(Qt.CursorShape.SizeVerCursor if near_edge else Qt.CursorShape.ArrowCursor)
            return
        d = self.drag
        if not d["moved"] and (pos - d["origin"]).manhattanLength() < 4:
            return
        d["moved"] = True
        pl = d["placed"]
        tz = self.view.s.tz
        minutes = layout.snap((pos.y() - d["origin"].y()) * 60 / HOUR_HEIGHT)
        if d["mode"] == "resize":
            end = pl.end + timedelta(minutes=minutes)
            d["start"], d["end"] = pl.start, max(end, pl.start + timedelta(minutes=layout.SNAP_MINUTES))
        else:
            i = self.view.column_at(pos.x())
            day_shift = (self.view.s.days[i] - d["day"]).days if i is not None else 0
            start = _wall(pl.start, timedelta(days=day_shift, minutes=minutes), tz)
            d["start"], d["end"] = start, _wall(start, pl.end - pl.start, tz)
        self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        d, self.drag = self.drag, None
        if d and d["moved"] and (d["start"], d["end"]) != (d["placed"].start, d["placed"].end):
            self.view.moveRequested.emit(d["placed"].occ, d["start"], d["end"])
        self.update()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        hit = self.hit(event.position())
        if hit is not None:
            self.view.openRequested.emit(hit[1].occ)
            return
        slot = self.slot_at(event.position())
        if slot:
            day, minutes = slot
            tz = self.view.s.tz
            self.view.createRequested.emit(layout.at_minutes(day, minutes, tz),
                                           layout.at_minutes(day, minutes + 60, tz), False)

    def _ghost_rects(self) -> list[QRectF]:
        v, d = self.view, self.drag
        start, end = d["start"], d["end"]
        out = []
        for i, day in enumerate(v.s.days):
            ghost = Placed(d["placed"].occ, start, end, False, start.date(), end.date())
            if not (start.date() <= day <= end.date()):
                continue
            a, b = layout.minutes_in_day(ghost, day)
            if b <= a and day != start.date():
                continue
            out.append(QRectF(v.column_x(i) + 1, a * HOUR_HEIGHT / 60, v.column_width() - 8,
                              max(b - a, 20) * HOUR_HEIGHT / 60 - 1))
        return out

    def _ghost_label(self) -> str:
        return formats.span_text(self.drag["start"], self.drag["end"])


def _wall(start: datetime, delta: timedelta, tz: tzinfo) -> datetime:
    """`start` moved by `delta` on the wall clock of `tz` (a 10:00 dragged a day on across a
    daylight-saving change is 10:00 the next day)."""
    naive = start.astimezone(tz).replace(tzinfo=None) + delta
    return naive.replace(tzinfo=tz)


def gutter_width(font: QFont) -> int:
    """The time gutter's width for `font`: room for the hours and the all-day row's label (a
    translation may be longer than "all day")."""
    fm = QFontMetrics(font)
    texts = [QCoreApplication.translate("_GridHeader", "all day"), *(formats.hour_text(h) for h in range(24))]
    return max(GUTTER, max(fm.horizontalAdvance(t) for t in texts) + 10)


class TimeGridView(DiaryView):
    """The day view (one column) and the week view (seven)."""

    slotClicked = Signal(object, int)  # day, minutes

    def __init__(self, name: str = "week", parent=None) -> None:
        super().__init__(parent)
        self.name = name
        self.header = _GridHeader(self)
        self.body = _GridBody(self)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.header)
        box.addWidget(self.scroll, 1)
        self._scrolled = False
        self.gutter = gutter_width(self.font())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.gutter = gutter_width(self.font())

    def relayout(self) -> None:
        self.header.setFixedHeight(self.header.sizeHint().height())
        self.header.compute()
        self.body.compute()
        self.header.update()
        self.body.update()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._scrolled:  # the working day in sight, not midnight
            self._scrolled = True
            self.scroll.verticalScrollBar().setValue(7 * HOUR_HEIGHT + HOUR_HEIGHT // 2)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.header.compute()
        self.body.compute()

    def ensure_minutes_visible(self, minutes: int) -> None:
        self.scroll.ensureVisible(0, int(minutes * HOUR_HEIGHT / 60), 0, HOUR_HEIGHT)

    def column_width(self) -> float:
        w = self.body.width() or self.width() - self.scroll.verticalScrollBar().sizeHint().width()
        return max(10.0, (w - self.gutter) / max(1, len(self.s.days)))

    def column_x(self, i: int) -> float:
        return self.gutter + i * self.column_width()

    def column_at(self, x: float) -> int | None:
        if x < self.gutter:
            return None
        i = int((x - self.gutter) // self.column_width())
        return i if 0 <= i < len(self.s.days) else None

    def box_of(self, occ) -> QRectF | None:
        """Where an occurrence is drawn in the body (tests, keyboard)."""
        for r, pl, _d in self.body.rects:
            if occ_key(pl.occ) == occ_key(occ):
                return r
        return None


# -- month ------------------------------------------------------------------------------------------
class MonthView(DiaryView):
    """Six weeks of days; each day lists what fits and says how many more there are."""

    name = "month"
    LINE = 17
    HEAD = 22

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rects: list[tuple[QRectF, Placed, date]] = []
        self.more: list[tuple[QRectF, date, int]] = []
        self.drag: dict | None = None
        self.setMinimumSize(420, 300)

    def cell(self, i: int) -> QRectF:
        w = self.width() / 7
        h = (self.height() - self.HEAD) / 6
        return QRectF((i % 7) * w, self.HEAD + (i // 7) * h, w, h)

    def day_at(self, pos) -> date | None:
        for i, d in enumerate(self.s.days):
            if self.cell(i).contains(pos):
                return d
        return None

    def relayout(self) -> None:
        self.rects, self.more = [], []
        fm = QFontMetrics(self.font())
        line = max(self.LINE, fm.height() + 3)
        for i, d in enumerate(self.s.days):
            c = self.cell(i)
            items = self.s.per_day.get(d, [])
            room = max(0, int((c.height() - 20) // line))
            show = items if len(items) <= room else items[:max(0, room - 1)]
            for n, pl in enumerate(show):
                self.rects.append((QRectF(c.x() + 2, c.y() + 19 + n * line, c.width() - 4, line - 2), pl, d))
            if len(show) < len(items):
                self.more.append((QRectF(c.x() + 4, c.y() + 19 + len(show) * line, c.width() - 8, line - 2), d,
                                  len(items) - len(show)))
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.relayout()

    def column_titles(self) -> list[str]:
        """The weekday names above the columns, in the locale's order and words."""
        return [formats.weekday(d) for d in self.s.days[:7]]

    @staticmethod
    def day_number(d: date) -> str:
        """A cell's day: "1 Dec" on the first of a month ("1 gru"), else "7"."""
        return formats.date_text(d, year=False, short_month=True) if d.day == 1 else str(d.day)

    def paintEvent(self, _event) -> None:  # noqa: N802
        s = self.s
        p = QPainter(self)
        p.fillRect(self.rect(), BG)
        w = self.width() / 7
        p.setPen(MUTED)
        for i, text in enumerate(self.column_titles()):
            p.drawText(QRectF(i * w + 6, 0, w - 8, self.HEAD), Qt.AlignmentFlag.AlignVCenter, text)
        bold = QFont(self.font())
        bold.setBold(True)
        for i, d in enumerate(s.days):
            c = self.cell(i)
            if d.month != s.anchor.month:
                p.fillRect(c, OTHER_MONTH)
            if d == s.today:
                p.fillRect(c, TODAY_BG)
            if d == s.anchor:
                p.fillRect(c.adjusted(1, 1, -1, -1), SELECTED_DAY)
            p.setPen(GRID_HOUR)
            p.drawRect(c)
            p.setFont(bold if d == s.today else self.font())
            p.setPen(MUTED if d.month != s.anchor.month else TEXT)
            p.drawText(c.adjusted(4, 1, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                       self.day_number(d))
        p.setFont(self.font())
        fm = QFontMetrics(self.font())
        dragged = self.drag["key"] if self.drag and self.drag.get("to") else None
        for r, pl, _d in self.rects:
            sel = occ_key(pl.occ) == s.selected
            if pl.all_day or getattr(pl.occ, "meeting", None):
                if occ_key(pl.occ) == dragged:
                    p.setOpacity(0.35)
                _draw_box(p, r, pl, sel, label(pl), fm)
                p.setOpacity(1.0)
            else:
                if sel:
                    p.fillRect(r, FILL)
                p.fillRect(QRectF(r.x() + 2, r.center().y() - 2, 4, 4), EDGE)
                p.setPen(TEXT)
                p.drawText(r.adjusted(10, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, _fit(fm, label(pl), r.width() - 10))
        p.setPen(EDGE)
        for r, _d, n in self.more:
            p.drawText(r, Qt.AlignmentFlag.AlignVCenter, self.tr("+%n more", "", n))
        if self.drag and self.drag.get("to"):
            i = s.days.index(self.drag["to"])
            p.setPen(QPen(SELECTED_EDGE, 2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.cell(i).adjusted(2, 2, -2, -2))
        p.end()

    def hit(self, pos) -> tuple[QRectF, Placed, date] | None:
        for item in self.rects:
            if item[0].contains(pos):
                return item
        return None

    def box_of(self, occ) -> QRectF | None:
        for r, pl, _d in self.rects:
            if occ_key(pl.occ) == occ_key(occ):
                return r
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.setFocus()
        hit = self.hit(event.position())
        d = self.day_at(event.position())
        if hit is None:
            self.selected.emit(None)
            if d is not None:
                self.dayClicked.emit(d)
            return
        self.selected.emit(hit[1].occ)
        self.drag = {"placed": hit[1], "key": occ_key(hit[1].occ), "day": hit[2], "to": None,
                     "origin": QPointF(event.position())}

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if not self.drag or (event.position() - self.drag["origin"]).manhattanLength() < 4:
            return
        d = self.day_at(event.position())
        self.drag["to"] = d if d != self.drag["day"] else None
        self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        drag, self.drag = self.drag, None
        if drag and drag["to"] is not None:
            shift = timedelta(days=(drag["to"] - drag["day"]).days)
            pl = drag["placed"]
            start, end = _wall(pl.start, shift, self.s.tz), _wall(pl.end, shift, self.s.tz)
            self.moveRequested.emit(pl.occ, start, end)
        self.update()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        hit = self.hit(event.position())
        if hit is not None:
            self.openRequested.emit(hit[1].occ)
            return
        d = self.day_at(event.position())
        if d is not None:
            tz = self.s.tz
            self.createRequested.emit(layout.at_minutes(d, 9 * 60, tz), layout.at_minutes(d, 10 * 60, tz), False)


# -- agenda -------------------------------------------------------------------------------------------
class _AgendaBody(QWidget):
    LINE = 24
    DAY = 28

    def __init__(self, view: AgendaView) -> None:
        super().__init__()
        self.view = view
        self.rows: list[tuple[QRectF, object]] = []  # (rect, Placed or date)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def compute(self) -> None:
        s = self.view.s
        y = 0.0
        self.rows = []
        for d in s.days:
            items = s.per_day.get(d, [])
            if not items:
                continue
            self.rows.append((QRectF(0, y, self.width(), self.DAY), d))
            y += self.DAY
            for pl in items:
                self.rows.append((QRectF(0, y, self.width(), self.LINE), pl))
                y += self.LINE
        self.setMinimumHeight(int(y) + 4)

    def paintEvent(self, _event) -> None:  # noqa: N802
        s = self.view.s
        p = QPainter(self)
        p.fillRect(self.rect(), BG)
        if not self.rows:
            p.setPen(MUTED)
            p.drawText(self.rect().adjusted(0, 40, 0, 0), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                       self.tr("No appointments from %s to %s.\nDouble-click or press Enter to add one.")
                       % (formats.date_text(s.days[0], year=False, short_month=True),
                          formats.date_text(s.days[-1], short_month=True)))
        bold = QFont(self.font())
        bold.setBold(True)
        for r, item in self.rows:
            if isinstance(item, date):
                p.fillRect(r, OTHER_MONTH if item != s.today else TODAY_BG)
                p.setFont(bold)
                p.setPen(TEXT)
                p.drawText(r.adjusted(8, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                           formats.long_date(item) + (self.tr("  (today)") if item == s.today else ""))
                p.setFont(self.font())
                continue
            pl = item
            if occ_key(pl.occ) == s.selected:
                p.fillRect(r, SELECTED_DAY)
            fill, edge = colours(pl)
            p.fillRect(QRectF(r.x() + 8, r.y() + 4, 4, r.height() - 8), edge)
            p.setPen(MUTED)
            when = self.tr("all day") if pl.all_day else f"{formats.time_text(pl.start)} – {formats.time_text(pl.end)}"
            p.drawText(QRectF(r.x() + 20, r.y(), 120, r.height()), Qt.AlignmentFlag.AlignVCenter, when)
            p.setPen(TEXT)
            place = getattr(pl.occ.appointment, "place", "") if getattr(pl.occ, "appointment", None) else ""
            text = subject_text(pl.occ) + (f"  — {place}" if place else "")
            if getattr(pl.occ, "meeting", None):
                text += "  ☎ " + str((pl.occ.meeting or {}).get("number", ""))
            p.drawText(QRectF(r.x() + 140, r.y(), r.width() - 150, r.height()), Qt.AlignmentFlag.AlignVCenter,
                       QFontMetrics(self.font()).elidedText(text, Qt.TextElideMode.ElideRight, int(r.width()) - 150))
        p.end()

    def hit(self, pos):
        for r, item in self.rows:
            if r.contains(pos):
                return item
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.view.setFocus()
        item = self.hit(event.position())
        self.view.selected.emit(item.occ if isinstance(item, Placed) else None)
        if isinstance(item, date):
            self.view.dayClicked.emit(item)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        item = self.hit(event.position())
        if isinstance(item, Placed):
            self.view.openRequested.emit(item.occ)
        else:
            d = item if isinstance(item, date) else self.view.s.anchor
            tz = self.view.s.tz
            self.view.createRequested.emit(layout.at_minutes(d, 9 * 60, tz), layout.at_minutes(d, 10 * 60, tz), False)


class AgendaView(DiaryView):
    """The coming days' appointments as a list, day by day."""

    name = "agenda"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.body = _AgendaBody(self)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.scroll)

    def relayout(self) -> None:
        self.body.compute()
        self.body.update()
        r = self.box_of(_Key(self.s.selected)) if self.s.selected else None
        if r is not None:
            self.scroll.ensureVisible(0, int(r.center().y()), 0, int(r.height()))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.body.compute()

    def ordered(self) -> list:
        return [item.occ for _r, item in self.body.rows if isinstance(item, Placed)]

    def box_of(self, occ) -> QRectF | None:
        for r, item in self.body.rows:
            if isinstance(item, Placed) and occ_key(item.occ) == occ_key(occ):
                return r
        return None


class _Key:
    """Something with an occurrence's key (uid, recurrence_id)."""

    def __init__(self, key: tuple) -> None:
        self.uid, self.recurrence_id = key


_PENS: dict = {}


def _pen(colour: QColor, width: int) -> QPen:
    key = (colour.rgb(), width)
    if key not in _PENS:
        _PENS[key] = QPen(colour, width)
    return _PENS[key]


def _fit(fm: QFontMetrics, text: str, width: float) -> str:
    """`text` elided to `width` pixels (measured only when it might not fit)."""
    if len(text) * fm.averageCharWidth() * 1.4 < width:
        return text
    return fm.elidedText(text, Qt.TextElideMode.ElideRight, int(width))


def _draw_box(p: QPainter, r: QRectF, pl: Placed, selected: bool, text: str, fm: QFontMetrics | None = None) -> None:
    fill, edge = colours(pl)
    p.setPen(_pen(SELECTED_EDGE, 2) if selected else _pen(edge, 1))
    p.setBrush(fill)
    p.drawRect(r)
    p.fillRect(QRectF(r.x(), r.y(), 3, r.height()), edge)
    inner = r.adjusted(6, 1, -3, -1)
    if inner.width() < 8:
        return  # a sliver among many overlaps: the colour says it is there, the click opens it
    p.setPen(TEXT)
    fm = fm or p.fontMetrics()
    room = max(1, int(inner.height() // fm.height()))
    if room == 1:
        p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   _fit(fm, text.split("\n", 1)[0], inner.width()))
        return
    shown = [_fit(fm, line, inner.width()) for line in text.split("\n")[:room]]
    p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "\n".join(shown))
