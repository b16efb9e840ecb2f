"""The Diary tab: day, week, month and agenda views over store.diary, with the keyboard, the
appointment editor, drag to move and resize, and .ics import and export.

Keys (the view has the focus): arrows move the selected day (Up/Down: a week in the month
view, half an hour in the day and week views, the previous/next appointment in the agenda),
PgUp/PgDn a page, T today, 1-4 the views, Tab/Shift+Tab the day's appointments, Enter opens the
selected appointment (or creates one at the selected time), Del deletes it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whitephone.ui import theme
from whitephone.ui.diary import formats, layout
from whitephone.ui.diary.views import AgendaView, DiaryView, MonthView, TimeGridView, occ_key
from whitephone.ui.icons import icon

VIEW_KEYS = {Qt.Key.Key_1: "day", Qt.Key.Key_2: "week", Qt.Key.Key_3: "month", Qt.Key.Key_4: "agenda"}
VIEW_NAMES = (("day", QT_TRANSLATE_NOOP("DiaryTab", "Day")), ("week", QT_TRANSLATE_NOOP("DiaryTab", "Week")),
              ("month", QT_TRANSLATE_NOOP("DiaryTab", "Month")), ("agenda", QT_TRANSLATE_NOOP("DiaryTab", "Agenda")))


class _Progress(QObject):
    changed = Signal(int, int)


class DiaryTab(QWidget):
    status = Signal(str)
    loaded = Signal()  # the shown range's occurrences arrived (tests wait for it)
    editorOpened = Signal(object)  # an existing appointment's editor, once its row was read (tests wait for it)
    changed = Signal()  # a write finished (and the views were asked to reload)

    def __init__(self, app, tasks, parent=None, *, colleagues=None) -> None:
        super().__init__(parent)
        self.app, self.tasks = app, tasks
        self.diary = app.store.diary
        self._opening: set[str] = set()  # appointments whose editor is being read (opened once)
        self.colleagues = colleagues or (lambda: [])  # [(user_id, name, email)] of the company
        self.tz = layout.local_zone(getattr(self.diary, "default_timezone", None))
        self.first_weekday = formats.first_weekday()  # Monday, or Sunday where the locale says so
        self.view_name = "week"
        self.anchor = datetime.now(self.tz).date()
        self.minutes = 9 * 60
        self.selection = None  # the selected occurrence
        self.occurrences: list = []
        self.my_user_id: int | None = None  # the signed-in hub user, read with the occurrences
        self._generation = 0

        self.views: dict[str, DiaryView] = {"day": TimeGridView("day"), "week": TimeGridView("week"),
                                            "month": MonthView(), "agenda": AgendaView()}
        self.stack = QStackedWidget()
        for v in self.views.values():
            self.stack.addWidget(v)
            v.openRequested.connect(self.open_occurrence)
            v.createRequested.connect(self.create)
            v.moveRequested.connect(self.move)
            v.selected.connect(self._clicked)
            v.dayClicked.connect(self._day_clicked)
            v.installEventFilter(self)
            if isinstance(v, TimeGridView):
                v.slotClicked.connect(self._slot_clicked)

        def tool(text, tip, slot) -> QToolButton:
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            return b

        self.prev_button = tool("◀", self.tr("Previous (PgUp)"), lambda: self.page(-1))
        self.prev_button.setAccessibleName(self.tr("Previous"))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setIcon(icon("today"))
        self.today_button.setToolTip(self.tr("Go to today (T)"))
        self.today_button.clicked.connect(self.go_today)
        self.next_button = tool("▶", self.tr("Next (PgDn)"), lambda: self.page(1))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.title = QLabel()
        self.title.setStyleSheet("font-size:15px; font-weight:600; padding-left:8px")
        self.view_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.title, 1)
        for n, (name, text) in enumerate(VIEW_NAMES):
            b = QPushButton(self.tr(text))  # i18n: marked
            b.setCheckable(True)
            b.setToolTip(self.tr("%s view (%d)") % (self.tr(text), n + 1))  # i18n: marked
            b.clicked.connect(lambda _=False, name=name: self.set_view(name))
            group.addButton(b)
            bar.addWidget(b)
            self.view_buttons[name] = b
        bar.addSpacing(12)
        self.new_button = QPushButton(self.tr("New appointment"))
        self.new_button.setIcon(icon("new_appointment"))
        self.new_button.clicked.connect(self.new_at_selection)
        bar.addWidget(self.new_button)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.setIcon(icon("import"))
        self.import_button.setToolTip(self.tr("Import appointments from .ics files"))
        self.import_button.clicked.connect(lambda: self.import_ics())
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setIcon(icon("export"))
        self.export_button.setToolTip(self.tr("Export appointments to an .ics file"))
        self.export_button.clicked.connect(lambda: self.export_ics())
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)
        self.zone = QLabel(self.tr("Times in %s") % layout.zone_label(self.tz))
        theme.tone(self.zone, "muted")
        v = QVBoxLayout(self)
        v.addLayout(bar)
        v.addWidget(self.stack, 1)
        v.addWidget(self.zone)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_at_selection,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # appointments written elsewhere (sync from the hub: invitations, answers; the CLI) show up
        self._outside = app.store.watch_changes()
        self._stale = False
        self._watch_timer = QTimer(self, interval=1000)
        self._watch_timer.timeout.connect(self._check_outside_changes)
        self._watch_timer.start()
        self.set_view(self.app.profile.get("diary_view") or "week")

    # -- state --------------------------------------------------------------------------------
    @property
    def view(self) -> DiaryView:
        return self.views[self.view_name]

    def set_zone(self, tz) -> None:
        """Show the times in `tz` (the profile's zone changed)."""
        self.tz = tz
        self.zone.setText(self.tr("Times in %s") % layout.zone_label(tz))
        self.reload()

    def days(self) -> list[date]:
        return layout.visible_days(self.view_name, self.anchor, self.first_weekday)

    def set_view(self, name: str) -> None:
        if name not in self.views:
            name = "week"
        self.view_name = name
        self.view_buttons[name].setChecked(True)
        self.stack.setCurrentWidget(self.views[name])
        self.app.profile.set("diary_view", name)
        self.reload()
        self.view.setFocus()

    def go_to(self, day: date) -> None:
        """Select `day`; the shown range follows when the day leaves it."""
        old = self.days()
        self.anchor = day
        if day in old and self.view_name != "agenda" and (self.view_name != "month" or day.month == old[10].month):
            self._show()
            return
        self.reload()

    def go_today(self) -> None:
        self.go_to(datetime.now(self.tz).date())

    def page(self, n: int) -> None:
        self.anchor = layout.step(self.view_name, self.anchor, n)
        self.reload()

    def reload(self) -> None:
        """Read the shown range's occurrences and place them in the days (both on the read
        worker: the UI thread only lays out and paints), then draw them."""
        self._generation += 1
        generation, days, tz = self._generation, self.days(), self.tz
        lo, hi = layout.range_bounds(days, tz)
        if self.view.s.days != days:  # another range: its days at once, its appointments when they arrive
            self.view.show_placed(days, self.anchor, [], {d: [] for d in days}, tz)
        self._show()

        grid = self.view_name in ("day", "week")

        def read():
            occs = self.diary.occurrences(lo, hi)
            placed = [layout.place(o, tz) for o in occs]
            per_day = layout.by_day(placed, days)
            return occs, placed, per_day, layout.pack_days(per_day) if grid else None, self.diary.my_user_id()

        def done(result) -> None:
            if generation != self._generation:
                return  # the user moved on: a newer read is coming
            self.occurrences, placed, per_day, packed, self.my_user_id = result
            if self.selection is not None:  # the same occurrence, as stored now (or gone)
                key = occ_key(self.selection)
                self.selection = next((o for o in self.occurrences if occ_key(o) == key), None)
            self.view.show_placed(days, self.anchor, placed, per_day, tz, packed=packed)
            self._show()
            self.loaded.emit()

        self.tasks.read.submit(read, done, self._failed)

    def _show(self) -> None:
        """The selection (day, time slot, appointment) and the title drawn again."""
        self.title.setText(formats.title(self.view_name, self.anchor, self.days()))
        self.view.set_selection(self.anchor, self.minutes, occ_key(self.selection) if self.selection else None)

    def _check_outside_changes(self) -> None:
        if self._outside.changed():
            self._stale = True
        dragging = any(getattr(getattr(v, "body", v), "drag", None) or getattr(getattr(v, "header", v), "drag", None)
                       for v in self.views.values())
        if self._stale and self.isVisible() and not dragging:
            self._stale = False
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._check_outside_changes()

    def _failed(self, exc: BaseException) -> None:
        self.status.emit(self.tr("Diary: %s") % exc)

    # -- mouse -----------------------------------------------------------------------------
    def _clicked(self, occ) -> None:
        """Select an occurrence (its day too, when the view shows it: the agenda keeps its start)."""
        self.selection = occ
        if occ is not None and self.view_name != "agenda":
            day = occ.start.date() if occ.all_day else occ.start.astimezone(self.tz).date()
            if day in self.days() and (self.view_name != "month" or day.month == self.anchor.month):
                self.anchor = day
        self._show()

    def _day_clicked(self, day: date) -> None:
        self.selection = None
        if self.view_name == "agenda":
            self._show()
            return
        self.go_to(day)

    def _slot_clicked(self, day: date, minutes: int) -> None:
        self.selection, self.minutes = None, minutes
        self.go_to(day)

    # -- keys ------------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.KeyPress and self.handle_key(event):
            return True
        return super().eventFilter(obj, event)

    def handle_key(self, event) -> bool:
        key, mods = event.key(), event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        name = self.view_name
        if key in VIEW_KEYS:
            self.set_view(VIEW_KEYS[key])
        elif key == Qt.Key.Key_T:
            self.go_today()
        elif key == Qt.Key.Key_PageUp:
            self.page(-1)
        elif key == Qt.Key.Key_PageDown:
            self.page(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.selection = None
            self.go_to(self.anchor + timedelta(days=-1 if key == Qt.Key.Key_Left else 1))
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            up = key == Qt.Key.Key_Up
            if name == "month":
                self.selection = None
                self.go_to(self.anchor + timedelta(days=-7 if up else 7))
            elif name == "agenda":
                self._step_selection(-1 if up else 1, self.views["agenda"].ordered())
            else:
                self.selection = None
                self.minutes = max(0, min(23 * 60 + 30, self.minutes + (-30 if up else 30)))
                self.views[name].ensure_minutes_visible(self.minutes)
                self._show()
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            occs = self.views["agenda"].ordered() if name == "agenda" else self.view.occurrences_on(self.anchor)
            return self._step_selection(-1 if key == Qt.Key.Key_Backtab else 1, occs)  # False: focus moves on
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.selection is not None:
                self.open_occurrence(self.selection)
            else:
                self.new_at_selection()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self.selection is not None:
                self.delete(self.selection)
        else:
            return False
        return True

    def _step_selection(self, n: int, occs: list) -> bool:
        """Select the next (n=1) or previous (n=-1) appointment; past the last one (or the first)
        nothing is selected and False is returned, so Tab leaves the view (no keyboard trap)."""
        keys = [occ_key(o) for o in occs]
        cur = occ_key(self.selection) if self.selection is not None else None
        i = keys.index(cur) + n if cur in keys else (0 if n > 0 else len(occs) - 1)
        if not 0 <= i < len(occs):
            if self.selection is not None:
                self._clicked(None)
            return False
        self._clicked(occs[i])
        return True

    # -- writing -------------------------------------------------------------------------------
    def _write(self, fn, done_text: str = "", on_done=None, on_failed=None) -> None:
        def done(_result) -> None:
            if on_done is not None:
                on_done()
            if done_text:
                self.status.emit(done_text)
            self.reload()
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self, self.tr("Diary"), str(exc))
            if on_failed is not None:
                on_failed(str(exc))
            self.reload()  # a failed drag goes back where it was

        self.tasks.write.submit(fn, done, failed)

    def new_at_selection(self) -> None:
        if self.view_name in ("day", "week"):
            start = layout.at_minutes(self.anchor, self.minutes, self.tz)
        else:
            start = layout.at_minutes(self.anchor, 9 * 60, self.tz)
        self.create(start, start + timedelta(hours=1), False)

    def editor(self, **kw):
        from whitephone.ui.diary.editor import AppointmentEditor

        kw.setdefault("my_user_id", self.my_user_id)  # read with the occurrences, on the reader thread
        return AppointmentEditor(self, tz=self.tz, search_people=self.search_people, reader=self.tasks.read, **kw)

    def create(self, start: datetime, end: datetime, all_day: bool) -> None:
        dlg = self.editor(start=start, end=end, all_day=all_day)
        self._editor = dlg

        def save(fields: dict, on_saved, on_failed) -> None:  # the dialog stays open until it worked
            self._write(lambda: self.diary.add(**fields), self.tr("Added “%s”") % fields["subject"],
                        on_saved, on_failed)

        dlg.saver = save
        dlg.open()

    def open_occurrence(self, occ) -> None:
        """The editor of `occ`'s appointment as stored now (read on the reader thread; one
        occurrence of a series shows its own times and text). Asked
        again while it is being read, or while its editor is open: one editor (brought to front)."""
        open_one = self._editor_of(occ.uid)
        if open_one is not None:
            open_one.raise_()
            open_one.activateWindow()
            return
        if occ.uid in self._opening:
            return
        self._opening.add(occ.uid)
        diary = self.diary

        def failed(exc: BaseException) -> None:
            self._opening.discard(occ.uid)
            self._failed(exc)

        self.tasks.read.submit(lambda: (diary.get(occ.uid), diary.my_user_id()),
                               lambda res: self._open_editor(occ, *res), failed)

    def _editor_of(self, uid: str):
        """The open editor of appointment `uid`, if any."""
        from shiboken6 import isValid

        dlg = getattr(self, "_editor", None)
        if dlg is not None and isValid(dlg) and dlg.isVisible() and getattr(dlg.appointment, "uid", None) == uid:
            return dlg
        return None

    def _open_editor(self, occ, stored, me) -> None:
        self._opening.discard(occ.uid)
        open_one = self._editor_of(occ.uid)
        if open_one is not None:
            open_one.raise_()
            return
        a = stored or occ.appointment
        series = a.recurring and occ.recurrence_id is not None
        dlg = self.editor(appointment=a, my_user_id=me, occurrence=occ if series else None)
        if series:
            dlg.setWindowTitle(self.tr("Appointment (repeating)"))
        self._editor = dlg
        dlg.answerChosen.connect(lambda answer: self._write(lambda: self.diary.answer(a.uid, answer),
                                                            self.tr("Answer sent: %s") % answer_text(answer)))

        def save(fields: dict, on_saved, on_failed) -> None:  # the dialog stays open until it worked
            if series:
                self._save_occurrence(a, occ, dlg, fields, on_saved, on_failed)
                return
            self._write(lambda: self.diary.update(a.uid, **fields), self.tr("Saved “%s”") % fields["subject"],
                        on_saved, on_failed)

        dlg.saver = save
        dlg.open()
        self.editorOpened.emit(dlg)

    def open_appointment(self, uid: str, key: str | None = None, found=None, missing=None) -> None:
        """Show an appointment's occurrence (named by its key, as a reminder message links it) and
        open it in the editor, after `found()`; `missing()` when it is not in the diary (any more).
        The appointment is read on the reader thread."""
        diary = self.diary
        self.tasks.read.submit(lambda: diary.get(uid), lambda a: self._show_appointment(a, key, found, missing),
                               self._failed)

    def _show_appointment(self, a, key: str | None, found, missing) -> None:
        from whitephone.core import diary as core

        if a is None:
            if missing is not None:
                missing()
            return
        occ = None
        try:
            at = core.parse_key(key) if key else a.start
            ov = a.overrides.get(key or "") or {}
            moved = datetime.fromisoformat(ov["start"]) if ov.get("start") else at  # where it was moved to
            occ = next((o for o in core.expand(a, min(at, moved) - timedelta(days=1), max(at, moved) + timedelta(days=2))
                        if o.key == (key or o.key)), None)
        except (ValueError, TypeError, OverflowError):
            pass
        if occ is None:  # the occurrence moved away or was deleted: the appointment as a whole
            occ = core.Occurrence(a.uid, None, a.subject, a.start, a.end, a.all_day, a, False, a.meeting)
        if found is not None:
            found()
        self.go_to(occ.start.astimezone(self.tz).date())
        self.open_occurrence(occ)

    def _save_occurrence(self, a, occ, dlg, fields: dict, on_saved, on_failed) -> None:
        """An edited occurrence of a series: this one (an override), this and the following ones
        (the series split) or all of them, as the user answers."""
        changed = dlg.changed_fields()
        if not changed:
            on_saved()
            return
        which = self.ask_which(self.tr("Change a repeating appointment"),
                               self.tr("“%s” repeats. Change this occurrence only, this and the following "
                                       "ones, or all of them?") % occ.subject, following=True)
        if which is None:
            on_failed(self.tr("Not saved: say which occurrences the change is for."))
            return
        rid, text = occ.recurrence_id, self.tr("Saved “%s”") % fields["subject"]
        if which == "this":
            one = {k: v for k, v in changed.items() if k not in ("start", "end")}
            self._write(lambda: self.diary.update_occurrence(a.uid, rid, "this", start=fields["start"],
                                                             end=fields["end"], **one), text, on_saved, on_failed)
        elif which == "following":
            rest = {k: v for k, v in fields.items() if k != "rrule" or "rrule" in changed}
            self._write(lambda: self.diary.update_occurrence(a.uid, rid, "following", **rest), text, on_saved,
                        on_failed)
        else:  # every occurrence: a change of this one's times shifts the series alike
            every = dict(changed)
            if "start" in changed or "end" in changed:
                every["start"] = a.start + (fields["start"] - occ.start)
                every["end"] = every["start"] + (fields["end"] - fields["start"])

            def write_all():  # what this occurrence had of its own and the user changed for all: gone
                cur = self.diary.get(a.uid)
                own = dict((cur.overrides if cur else {}).get(occ.key) or {})
                dropped = [k for k in ("subject", "place", "description") if k in every and k in own]
                if not dropped:
                    return self.diary.update(a.uid, **every)
                for k in dropped:
                    own.pop(k)
                overrides = dict(cur.overrides)
                if own:
                    overrides[occ.key] = own
                else:
                    overrides.pop(occ.key)
                return self.diary.update(a.uid, **every, overrides=overrides)

            self._write(write_all, text, on_saved, on_failed)

    def ask_which(self, title: str, text: str, following: bool = False) -> str | None:
        """'this', 'following' (when offered), 'all' or None (cancelled), for a change to one
        occurrence of a series."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        this = box.addButton(self.tr("This occurrence"), QMessageBox.ButtonRole.AcceptRole)
        after = box.addButton(self.tr("This and the following"), QMessageBox.ButtonRole.AcceptRole) if following else None
        every = box.addButton(self.tr("All occurrences"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(this)
        self._question = box
        box.exec()
        clicked = box.clickedButton()
        if clicked is this:
            return "this"
        if after is not None and clicked is after:
            return "following"
        return "all" if clicked is every else None

    def move(self, occ, start: datetime, end: datetime) -> None:
        a = occ.appointment
        if a.recurring and occ.recurrence_id is not None:
            which = self.ask_which(self.tr("Move a repeating appointment"),
                                   self.tr("“%s” repeats. Move this occurrence only, this and the following "
                                           "ones, or all of them?") % occ.subject, following=True)
            if which is None:
                self._show()
                return
            if which == "following":  # the series splits here: the new one starts where it was dropped
                self._write(lambda: self.diary.move(occ.uid, start, end, recurrence_id=occ.recurrence_id,
                                                    this_and_following=True),
                            self.tr("Moved “%s” from this occurrence on") % occ.subject)
                return
            if which == "this":
                self._write(lambda: self.diary.move(occ.uid, start, end, recurrence_id=occ.recurrence_id),
                            self.tr("Moved this occurrence of “%s”") % occ.subject)
                return
            s, e = a.start + (start - occ.start), a.end + (end - occ.end)  # the series shifts alike
            self._write(lambda: self.diary.move(occ.uid, s, e), self.tr("Moved every “%s”") % occ.subject)
            return
        self._write(lambda: self.diary.move(occ.uid, start, end), self.tr("Moved “%s”") % occ.subject)

    def delete(self, occ) -> None:
        a = occ.appointment
        if a.recurring and occ.recurrence_id is not None:
            which = self.ask_which(self.tr("Delete a repeating appointment"),
                                   self.tr("“%s” repeats. Delete this occurrence only, or all of them?") % occ.subject)
            if which is None:
                return
            rid = occ.recurrence_id if which == "this" else None
        else:
            answer = QMessageBox.question(self, self.tr("Delete appointment"),
                                          self.tr("Delete “%s”?") % occ.subject)
            if answer != QMessageBox.StandardButton.Yes:
                return
            rid = None
        self.selection = None
        self._write(lambda: self.diary.delete(occ.uid, recurrence_id=rid), self.tr("Deleted “%s”") % occ.subject)

    # -- people -----------------------------------------------------------------------------------
    def search_people(self, text: str) -> list[tuple]:
        """Contacts and colleagues matching `text`: [(kind, id, name, email)]. Reads the store:
        the editor calls it on the reader thread."""
        out = []
        low = text.lower()
        for uid, name, email in self.colleagues():
            if low in (name or "").lower() or low in (email or "").lower():
                out.append(("user", uid, name, email))
        for c in self.app.contacts.search(text, limit=10):
            out.append(("contact", c.id, c.display_name, (c.emails[0] if c.emails else "") or ""))
        return out

    # -- iCalendar --------------------------------------------------------------------------------
    def import_ics(self, paths: list[str] | None = None) -> None:
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import appointments"), "",
                                                    self.tr("iCalendar (*.ics *.ical *.ifb);;All files (*)"))
        if not paths:
            return
        progress = QProgressDialog(self.tr("Importing appointments…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        relay = _Progress()
        relay.changed.connect(lambda done, total: (progress.setMaximum(max(total, 0)), progress.setValue(done)))
        self._progress = (progress, relay)

        def report_progress(*args) -> None:
            nums = [a for a in args if isinstance(a, int)]
            if len(nums) >= 2:
                relay.changed.emit(nums[0], nums[1])

        def done(report) -> None:
            progress.close()
            self.reload()
            self.changed.emit()
            self.show_report(report)

        def failed(exc: BaseException) -> None:
            progress.close()
            QMessageBox.warning(self, self.tr("Import appointments"), self.tr("Nothing imported: %s") % exc)

        self.tasks.write.submit(lambda: self.diary.import_ics(paths, on_duplicate="update", progress=report_progress),
                                done, failed)

    def show_report(self, report) -> QDialog:
        errors = list(report.get("errors", []))
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("Import finished"))
        text = QLabel(self.tr("<b>Import finished.</b><br>Added: %d &nbsp; Updated: %d &nbsp; Skipped: %d "
                              "&nbsp; Problems: %d")
                      % (report.get("imported", 0), report.get("updated", 0), report.get("skipped", 0), len(errors)))
        box = QVBoxLayout(dlg)
        box.addWidget(text)
        if errors:
            lines = QPlainTextEdit()
            lines.setReadOnly(True)
            lines.setPlainText("\n".join(self.problem_text(e) for e in errors[:5000]))
            lines.setMinimumSize(520, 180)
            box.addWidget(QLabel(self.tr("These items were left out (the others were imported):")))
            box.addWidget(lines)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dlg.accept)
        box.addWidget(buttons)
        self.report_dialog = dlg
        dlg.open()
        self.status.emit(self.tr("Imported %n appointment(s)", "", report.get("imported", 0)))
        return dlg

    def problem_text(self, e: dict) -> str:
        """One line of the import report: "team.ics, line 12 (item 3): no start date"."""
        where = Path(str(e.get("file") or "")).name
        if e.get("line"):
            where = self.tr("%s, line %s") % (where, e["line"])
        if e.get("item") not in (None, ""):
            where = self.tr("%s (item %s)") % (where, e["item"])
        return f"{where}: {e.get('reason')}"

    def export_ics(self, path: str | None = None, everything: bool | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export appointments"), "diary.ics",
                                                  self.tr("iCalendar (*.ics)"))
        if not path:
            return
        if everything is None:
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Export appointments"),
                              self.tr("Export the appointments shown (%s) or all of them?")
                              % formats.title(self.view_name, self.anchor, self.days()), parent=self)
            shown = box.addButton(self.tr("Shown"), QMessageBox.ButtonRole.AcceptRole)
            every = box.addButton(self.tr("All"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() not in (shown, every):
                return
            everything = box.clickedButton() is every
        lo, hi = (None, None) if everything else layout.range_bounds(self.days(), self.tz)
        self.status.emit(self.tr("Exporting…"))
        self.tasks.read.submit(
            lambda: self.diary.export_ics(path, start=lo, end=hi),
            lambda n: self.status.emit(self.tr("Exported %n appointment(s) to %s", "", n) % path),
            lambda exc: QMessageBox.warning(self, self.tr("Export appointments"), self.tr("Export failed: %s") % exc))


def answer_text(answer: str) -> str:
    """An invitation's answer in words ("accepted", "declined")."""
    from whitephone.ui.diary.editor import ANSWERS

    return QCoreApplication.translate("AppointmentEditor", ANSWERS.get(answer, answer))  # i18n: marked
