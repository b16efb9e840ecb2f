"""The appointment editor: subject, when, place, participants, CRM record, reminder, repeating,
phone meeting; accept/decline when I was invited.

`fields()` gives exactly the keyword arguments of store.diary.add/update; `rrule_text` and
`parse_rrule` (plain Python) turn the repeat controls into an RFC 5545 RRULE and back."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, QLocale, Qt, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from whitephone.ui import a11y, theme
from whitephone.ui.diary.formats import date_format
from whitephone.ui.diary.layout import zone_label
from whitephone.ui.discard_guard import guard

REMINDERS = [(None, QT_TRANSLATE_NOOP("AppointmentEditor", "None")),
             (5, QT_TRANSLATE_NOOP("AppointmentEditor", "5 minutes before")),
             (15, QT_TRANSLATE_NOOP("AppointmentEditor", "15 minutes before")),
             (30, QT_TRANSLATE_NOOP("AppointmentEditor", "30 minutes before")),
             (60, QT_TRANSLATE_NOOP("AppointmentEditor", "1 hour before")),
             (120, QT_TRANSLATE_NOOP("AppointmentEditor", "2 hours before")),
             (1440, QT_TRANSLATE_NOOP("AppointmentEditor", "1 day before"))]
FREQUENCIES = [("", QT_TRANSLATE_NOOP("AppointmentEditor", "Does not repeat")),
               ("DAILY", QT_TRANSLATE_NOOP("AppointmentEditor", "Daily")),
               ("WEEKLY", QT_TRANSLATE_NOOP("AppointmentEditor", "Weekly")),
               ("MONTHLY", QT_TRANSLATE_NOOP("AppointmentEditor", "Monthly")),
               ("YEARLY", QT_TRANSLATE_NOOP("AppointmentEditor", "Yearly"))]
_NO_ANSWER = QT_TRANSLATE_NOOP("AppointmentEditor", "no answer yet")
ANSWERS = {None: _NO_ANSWER, "": _NO_ANSWER, "needs-action": _NO_ANSWER,
           "accepted": QT_TRANSLATE_NOOP("AppointmentEditor", "accepted"),
           "declined": QT_TRANSLATE_NOOP("AppointmentEditor", "declined"),
           "tentative": QT_TRANSLATE_NOOP("AppointmentEditor", "maybe")}


def day_format() -> str:
    """The date fields' format in the locale: "ddd d MMM yyyy", "ddd MMM d, yyyy"."""
    return f"ddd {date_format(short_month=True)}"


def day_time_format() -> str:
    """With the locale's time: "ddd d MMM yyyy  HH:mm", "ddd MMM d, yyyy  h:mm AP"."""
    return f"{day_format()}  {QLocale().timeFormat(QLocale.FormatType.ShortFormat)}"


def rrule_text(freq: str, until: date | None = None, count: int | None = None) -> str | None:
    """'FREQ=WEEKLY;COUNT=5' from the repeat controls (None: does not repeat)."""
    if not freq:
        return None
    rule = f"FREQ={freq}"
    if count:
        rule += f";COUNT={int(count)}"
    elif until is not None:
        rule += f";UNTIL={until:%Y%m%d}T235959Z"
    return rule


def parse_rrule(rule: str | None) -> tuple[str, date | None, int | None, bool]:
    """(freq, until, count, simple) of a rule; `simple` False when it says more than the editor
    shows (BYDAY, INTERVAL, ...): then it is kept as it is unless the user changes the repeat."""
    if not rule:
        return "", None, None, True
    parts = dict(p.split("=", 1) for p in rule.upper().removeprefix("RRULE:").split(";") if "=" in p)
    freq = parts.pop("FREQ", "")
    until = count = None
    if "UNTIL" in parts:
        m = re.match(r"(\d{4})(\d{2})(\d{2})", parts.pop("UNTIL"))
        until = date(int(m[1]), int(m[2]), int(m[3])) if m else None
    if "COUNT" in parts:
        try:
            count = int(parts.pop("COUNT"))
        except ValueError:
            count = None
    simple = freq in {f for f, _ in FREQUENCIES} and not parts
    return freq, until, count, simple


def _qdt(value: datetime, tz: tzinfo) -> QDateTime:
    v = value.astimezone(tz)
    return QDateTime(QDate(v.year, v.month, v.day), QTime(v.hour, v.minute))


def _py(qdt: QDateTime, tz: tzinfo) -> datetime:
    d, t = qdt.date(), qdt.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=tz)


class AppointmentEditor(QDialog):
    """New or existing appointment. `search_people(text)` answers [(kind, id, name, email)] for
    the participant box (contacts and colleagues); with a `reader` (ui/tasks.py Worker) it runs
    there, never on the Qt main thread (it reads the store). `busy()` while a search is on its way."""

    answerChosen = Signal(str)  # accepted / declined (I am a participant)

    def __init__(self, parent=None, *, appointment=None, start: datetime | None = None, end: datetime | None = None,
                 all_day: bool = False, tz: tzinfo = UTC, search_people=None,
                 my_user_id=None, occurrence=None, reader=None) -> None:
        super().__init__(parent)
        self.reader = reader
        self._searching = 0
        self._search_gen = 0
        self._adding = 0  # participants being looked up (Add pressed): Save waits for them
        self._save_waiting = False
        self._add_failed = False  # a lookup failed while Save waited: the dialog stays open
        self.appointment = appointment
        self.occurrence = None  # one occurrence of a series (its own times and text are shown)
        self.tz = tz
        self.search_people = search_people or (lambda text: [])
        self.my_user_id = my_user_id
        self.participants: list[dict] = []
        self._kept_rule: str | None = None
        # Saves the fields; the dialog closes only when the save worked (set by the Diary tab:
        # saver(fields, on_saved, on_failed)). None: closes at once and the caller reads fields().
        self.saver = None
        self.setWindowTitle(self.tr("Appointment") if appointment else self.tr("New appointment"))

        self.subject = QLineEdit()
        self.subject.setPlaceholderText(self.tr("What is it about?"))
        self.start = QDateTimeEdit()
        self.end = QDateTimeEdit()
        self.start.setAccessibleName(self.tr("Starts"))
        self.end.setAccessibleName(self.tr("Ends"))
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat(day_time_format())
            w.setTimeZone(QTimeZone.systemTimeZone())  # shown as is: the values are wall-clock in self.tz
        self.start.dateTimeChanged.connect(self._start_changed)
        self.all_day = QCheckBox(self.tr("All day"))
        self.all_day.toggled.connect(self._all_day_toggled)
        self.zone = QLabel(self.tr("Times in %s") % zone_label(tz))
        theme.tone(self.zone, "muted")
        self.place = QLineEdit()
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(70)

        self.people = QListWidget()
        self.people.setAccessibleName(self.tr("Participants"))
        self.people.setFixedHeight(84)
        self.person = QLineEdit()
        self.person.setAccessibleName(self.tr("Add a participant"))
        self.person.setPlaceholderText(self.tr("Add a contact or colleague: type a name or an e-mail"))
        self._matches: dict[str, tuple] = {}
        self._completer = QCompleter([], self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.person.setCompleter(self._completer)
        self.person.textEdited.connect(self._search)
        self.person.returnPressed.connect(self.add_person)
        add = QPushButton(self.tr("Add"))
        add.setToolTip(self.tr("Add the person typed on the left to the participants"))
        add.clicked.connect(self.add_person)
        remove = QPushButton(self.tr("Remove"))
        remove.setToolTip(self.tr("Remove the selected participant"))
        remove.clicked.connect(self.remove_person)
        prow = QHBoxLayout()
        prow.addWidget(self.person, 1)
        prow.addWidget(add)
        prow.addWidget(remove)

        self.record = QLineEdit()
        self.record.setPlaceholderText(self.tr("CRM record (task id), optional"))
        self.remind = QComboBox()
        for minutes, text in REMINDERS:
            self.remind.addItem(self.tr(text), minutes)  # i18n: marked
        self.private = QCheckBox(self.tr("Private (colleagues see only that I am busy)"))

        self.freq = QComboBox()
        for f, text in FREQUENCIES:
            self.freq.addItem(self.tr(text), f)  # i18n: marked
        self.ends = QComboBox()
        a11y.name(self.ends, self.tr("Repeat ends"))
        self.ends.addItems([self.tr("for ever"), self.tr("until"), self.tr("times")])
        self.until = QDateEdit()
        self.until.setAccessibleName(self.tr("Repeat until"))
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat(date_format(short_month=True))
        self.count = QSpinBox()
        self.count.setAccessibleName(self.tr("Number of times"))
        self.count.setRange(1, 999)
        self.count.setValue(10)
        self.rule_note = QLabel()
        theme.tone(self.rule_note, "muted")
        rrow = QHBoxLayout()
        rrow.addWidget(self.freq)
        rrow.addWidget(self.ends)
        rrow.addWidget(self.until)
        rrow.addWidget(self.count)
        rrow.addStretch()
        self.freq.currentIndexChanged.connect(self._repeat_changed)
        self.ends.currentIndexChanged.connect(self._repeat_changed)

        self.meeting = QGroupBox(self.tr("Phone meeting: at the start WhitePhone asks to call, or calls"))
        self.meeting.setCheckable(True)
        self.meeting.setChecked(False)
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("Number or SIP address to call"))
        self.manual = QRadioButton(self.tr("Ask me first"))
        self.automatic = QRadioButton(self.tr("Dial automatically"))
        self.manual.setChecked(True)
        group = QButtonGroup(self.meeting)
        group.addButton(self.manual)
        group.addButton(self.automatic)
        self.meeting_contact = QLineEdit()
        self.meeting_contact.setPlaceholderText(self.tr("Who (name)"))
        self.meeting_notes = QPlainTextEdit()
        self.meeting_notes.setFixedHeight(48)
        mrow = QHBoxLayout()
        mrow.addWidget(self.manual)
        mrow.addWidget(self.automatic)
        mrow.addStretch()
        mform = QFormLayout(self.meeting)
        mform.addRow(self.tr("Number:"), self.number)
        mform.addRow(self.tr("Mode:"), mrow)
        mform.addRow(self.tr("Contact:"), self.meeting_contact)
        mform.addRow(self.tr("Notes:"), self.meeting_notes)

        when = QHBoxLayout()
        when.addWidget(self.start)
        when.addWidget(QLabel("–"))
        when.addWidget(self.end)
        when.addWidget(self.all_day)
        when.addStretch()
        form = QFormLayout()
        form.addRow(self.tr("&Subject:"), self.subject)
        form.addRow(self.tr("When:"), when)
        form.addRow("", self.zone)
        form.addRow(self.tr("&Place:"), self.place)
        form.addRow(self.tr("Description:"), self.description)
        form.addRow(self.tr("Participants:"), self.people)
        form.addRow("", prow)
        form.addRow(self.tr("CRM record:"), self.record)
        form.addRow(self.tr("&Reminder:"), self.remind)
        repeat = QLabel(self.tr("Repeat:"))
        repeat.setBuddy(self.freq)  # a screen reader names the choice "Repeat", not "Does not repeat"
        form.addRow(repeat, rrow)
        form.addRow("", self.rule_note)
        form.addRow("", self.private)

        self.invitation = QWidget()
        self.invitation.setObjectName("invitation")
        self.invitation.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        theme.tone(self.invitation, "", "#invitation { background:$note_bg; border:1px solid $note_edge; border-radius:4px }")
        irow = QHBoxLayout(self.invitation)
        irow.setContentsMargins(8, 4, 8, 4)
        self.invitation_text = QLabel()
        self.accept_button = QPushButton(self.tr("Accept"))
        self.decline_button = QPushButton(self.tr("Decline"))
        self.accept_button.clicked.connect(lambda: self._answer("accepted"))
        self.decline_button.clicked.connect(lambda: self._answer("declined"))
        irow.addWidget(self.invitation_text, 1)
        irow.addWidget(self.accept_button)
        irow.addWidget(self.decline_button)
        self.invitation.hide()

        self.error = QLabel()
        theme.tone(self.error, "error")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons = buttons
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addWidget(self.invitation)
        v.addLayout(form)
        v.addWidget(self.meeting)
        v.addWidget(self.error)
        v.addWidget(buttons)

        now = datetime.now(tz).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        end = end or (start or now) + timedelta(hours=1)
        if all_day and start is not None and end > start and end.astimezone(tz).time() == time():
            end -= timedelta(days=1)  # all day: the last day is shown, the next midnight is kept
        self.start.setDateTime(_qdt(start or now, tz))
        self.end.setDateTime(_qdt(end, tz))
        self.all_day.setChecked(all_day)
        if appointment is not None:
            self._load(appointment)
            if occurrence is not None:
                self._load_occurrence(appointment, occurrence)
        self._initial = self.fields()  # what changed is asked of a repeating one (this / following / all)
        guard(self, lambda: bool(self.changed_fields()))  # Esc / closing with changes asks first
        self.zone.setText(self.tr("Times in %s") % zone_label(tz, _py(self.start.dateTime(), tz)))
        self._repeat_changed()
        self.subject.setFocus()
        # 560 px wide at least; wider when the texts need it (the layout's minimum: a translation's
        # longer titles are never cut)
        hint = self.sizeHint()
        self.resize(max(560, hint.width()), hint.height())

    # -- loading -----------------------------------------------------------------------------
    def _load(self, a) -> None:
        self.subject.setText(a.subject or "")
        self.all_day.setChecked(bool(a.all_day))
        self.start.setDateTime(_qdt(a.start, self.tz) if not a.all_day else _qdt(_day_start(a.start, self.tz), self.tz))
        end = a.end
        if a.all_day:  # shown as the last day, kept as the next midnight
            end = _day_start(a.end, self.tz) - timedelta(days=1) if a.end > a.start else _day_start(a.start, self.tz)
        self.end.setDateTime(_qdt(end, self.tz))
        self.place.setText(a.place or "")
        self.description.setPlainText(a.description or "")
        self.participants = [dict(p) for p in (a.participants or [])]
        self._show_people()
        self.record.setText(str(a.record or ""))
        i = self.remind.findData(a.remind_minutes)
        self.remind.setCurrentIndex(max(0, i))
        self.private.setChecked(bool(a.private))
        freq, until, count, simple = parse_rrule(a.rrule)
        self.freq.setCurrentIndex(max(0, self.freq.findData(freq)))
        if until:
            self.ends.setCurrentIndex(1)
            self.until.setDate(QDate(until.year, until.month, until.day))
        elif count:
            self.ends.setCurrentIndex(2)
            self.count.setValue(count)
        if not simple:
            self._kept_rule = a.rrule
        if a.meeting:
            m = a.meeting
            self.meeting.setChecked(True)
            self.number.setText(m.get("number") or "")
            (self.automatic if m.get("mode") == "automatic" else self.manual).setChecked(True)
            self.meeting_contact.setText(str(m.get("contact") or ""))
            self.meeting_notes.setPlainText(m.get("notes") or "")
        me = self._me()
        if me is not None:
            answer = me.get("answer")
            organizer = next((p.get("name") for p in self.participants
                              if p.get("kind") == "user" and str(p.get("id")) == str(a.organizer_id)), None)
            self._invited = (self.tr("%s invited you.") % organizer) if organizer else self.tr("You are invited.")
            self.invitation_text.setText(self._invited + " " + self.tr("Your answer: %s")
                                         % self.tr(ANSWERS.get(answer, answer)))  # i18n: marked
            self.accept_button.setEnabled(answer != "accepted")
            self.decline_button.setEnabled(answer != "declined")
            self.invitation.show()
            if a.private:  # the organiser's alone: an invitee answers, and changes nothing else
                self._invited += " " + self.tr("Only %s can change this private appointment.") % (
                    organizer or self.tr("the organiser"))
                self.invitation_text.setText(self._invited + " " + self.tr("Your answer: %s")
                                             % self.tr(ANSWERS.get(answer, answer)))  # i18n: marked
                self.invitation_text.setWordWrap(True)
                for kind in (QLineEdit, QPlainTextEdit, QComboBox, QDateTimeEdit, QCheckBox, QRadioButton,
                             QSpinBox, QListWidget, QGroupBox):
                    for w in self.findChildren(kind):
                        w.setEnabled(False)
                for w in self.findChildren(QPushButton):
                    if w not in (self.accept_button, self.decline_button) and self.buttons not in _parents(w):
                        w.setEnabled(False)
                self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def _load_occurrence(self, a, occ) -> None:
        """One occurrence of a series: its own times and text (a moved or changed one's override)."""
        self.occurrence = occ
        self.start.setDateTime(_qdt(occ.start if not a.all_day else _day_start(occ.start, self.tz), self.tz))
        end = occ.end
        if a.all_day:
            end = _day_start(occ.end, self.tz) - timedelta(days=1) if occ.end > occ.start \
                else _day_start(occ.start, self.tz)
        self.end.setDateTime(_qdt(end, self.tz))
        ov = (getattr(a, "overrides", None) or {}).get(occ.key, {})
        self.subject.setText(occ.subject or a.subject or "")
        self.place.setText(ov.get("place") or a.place or "")
        self.description.setPlainText(ov.get("description") or a.description or "")

    def changed_fields(self) -> dict:
        """The fields that differ from what the dialog opened with."""
        initial = self._initial
        return {k: v for k, v in self.fields().items() if initial.get(k) != v}

    def _me(self) -> dict | None:
        if self.my_user_id is None or self.appointment is None:
            return None
        if str(getattr(self.appointment, "organizer_id", None)) == str(self.my_user_id):
            return None
        for p in self.participants:
            if p.get("kind") == "user" and str(p.get("id")) == str(self.my_user_id):
                return p
        return None

    def _answer(self, answer: str) -> None:
        me = self._me()
        if me is not None:
            me["answer"] = answer
            self._show_people()
            self.invitation_text.setText(self._invited + " " + self.tr("Your answer: %s")
                                         % self.tr(ANSWERS[answer]))  # i18n: marked
            self.accept_button.setEnabled(answer != "accepted")
            self.decline_button.setEnabled(answer != "declined")
        self.answerChosen.emit(answer)

    # -- participants --------------------------------------------------------------------------
    def busy(self) -> bool:
        """A participant search is on its way (reader thread)."""
        return self._searching > 0

    def _ask(self, text: str, done, failed=None) -> None:
        """`search_people(text)` on the reader thread (inline without one); `done(matches)` back
        on the main thread unless the dialog is gone. A failed search says so in the error line
        (then `failed()`)."""
        def bad(exc: BaseException) -> None:
            self._error(self.tr("The search for people failed: %s") % (str(exc) or exc.__class__.__name__))
            if failed is not None:
                failed()

        if self.reader is None:
            try:
                found = self.search_people(text)
            except Exception as exc:  # noqa: BLE001 - any store failure is shown, not raised into Qt
                bad(exc)
                return
            done(found)
            return
        self._searching += 1
        search = self.search_people

        def back(result) -> None:
            self._searching -= 1
            if not isValid(self):
                return
            if isinstance(result, BaseException):
                bad(result)
            else:
                done(result)

        self.reader.submit(lambda: search(text), back, back)

    def _search(self, text: str) -> None:
        if len(text.strip()) < 2:
            return
        self._search_gen += 1
        gen = self._search_gen

        def show(found) -> None:
            if gen != self._search_gen:
                return  # typed on since: a newer answer comes
            self._matches = {}
            for kind, pid, name, email in found:
                what = self.tr("colleague") if kind == "user" else self.tr("contact")
                self._matches[f"{name} <{email}> ({what})" if email else f"{name} ({what})"] = (kind, pid, name, email)
            self._completer.model().setStringList(list(self._matches))  # type: ignore[attr-defined]

        self._ask(text.strip(), show)

    def add_person(self) -> None:
        text = self.person.text().strip()
        if not text:
            return
        match = self._matches.get(text)
        if match is not None:
            self._add_match(text, match)
            return

        def found(results) -> None:
            m = next(((kind, pid, name, email) for kind, pid, name, email in results
                      if text.lower() in (name.lower(), (email or "").lower())), None)
            if m is None and "@" in text and " " not in text:
                m = ("contact", None, text, text)  # someone not in the address book: by e-mail
            if m is None:
                self._error(self.tr("No contact or colleague called “%s”: type their name or an e-mail address.")
                            % text)
                self._added(False)
                return
            self._add_match(text, m)
            self._added(True)

        self._adding += 1
        self._ask(text, found, lambda: self._added(False))

    def _added(self, ok: bool) -> None:
        """A participant lookup is over; a Save pressed meanwhile goes on now (if it was found;
        else the error line says why and the dialog stays open)."""
        self._adding -= 1
        self._add_failed = self._add_failed or not ok
        if self._adding or not self._save_waiting:
            return
        failed, self._save_waiting, self._add_failed = self._add_failed, False, False
        self.setEnabled(True)
        if not failed:
            self.accept()

    def _add_match(self, text: str, match: tuple) -> None:
        kind, pid, name, email = match
        if self.person.text().strip() == text:  # the box still holds what was added (not typed on since)
            self.person.clear()
        if any((p.get("kind"), str(p.get("id")), p.get("email")) == (kind, str(pid), email) for p in self.participants):
            return
        self.participants.append({"kind": kind, "id": pid, "name": name, "email": email, "answer": None})
        self.error.hide()
        self._show_people()

    def remove_person(self) -> None:
        row = self.people.currentRow()
        if 0 <= row < len(self.participants):
            del self.participants[row]
            self._show_people()

    def _show_people(self) -> None:
        self.people.clear()
        for p in self.participants:
            who = p.get("name") or p.get("email") or "?"
            kind = self.tr("colleague") if p.get("kind") == "user" else self.tr("contact")
            answer = self.tr(ANSWERS.get(p.get("answer"), str(p.get("answer"))))  # i18n: marked
            item = QListWidgetItem(f"{who}  ({kind}) — {answer}")
            item.setToolTip(p.get("email") or "")
            self.people.addItem(item)
        if not self.participants:
            item = QListWidgetItem(self.tr("Just you"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.people.addItem(item)

    # -- when -------------------------------------------------------------------------------------
    def _start_changed(self, _value) -> None:
        if getattr(self, "_last_start", None) is not None:  # the end keeps the length
            delta = self._last_start.secsTo(self.start.dateTime())
            self.end.setDateTime(self.end.dateTime().addSecs(delta))
        self._last_start = self.start.dateTime()

    def _all_day_toggled(self, on: bool) -> None:
        fmt = day_format() if on else day_time_format()
        for w in (self.start, self.end):
            w.setDisplayFormat(fmt)

    def _repeat_changed(self, *_args) -> None:
        repeats = bool(self.freq.currentData())
        self.ends.setVisible(repeats)
        self.until.setVisible(repeats and self.ends.currentIndex() == 1)
        self.count.setVisible(repeats and self.ends.currentIndex() == 2)
        if self.sender() is not None and self._kept_rule:
            self._kept_rule = None  # the user chose a repeat of their own
        self.rule_note.setText(self.tr("Repeats as set elsewhere: %s (kept unless you change it)") % self._kept_rule
                               if self._kept_rule else "")
        self.rule_note.setVisible(bool(self._kept_rule))

    # -- result -------------------------------------------------------------------------------------
    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def accept(self) -> None:
        if self._adding:  # Add was pressed just before: save with that participant, once found
            self._save_waiting = True
            self.setEnabled(False)
            return
        problem = self.problem()
        if problem:
            self._error(problem)
            return
        if self.saver is None:
            super().accept()
            return
        self.setEnabled(False)  # one save at a time; what was typed stays until it worked

        def failed(text: str) -> None:
            self.setEnabled(True)
            self._error(text)

        self.saver(self.fields(), lambda: (self.setEnabled(True), QDialog.accept(self)), failed)

    def zone_name(self) -> str:
        """The appointment's own zone (a New York series stays one when edited in a Berlin
        profile); a new one's is the profile's."""
        if self.appointment is not None and getattr(self.appointment, "timezone", None):
            return self.appointment.timezone
        return getattr(self.tz, "key", None) or str(self.tz)

    def problem(self) -> str:
        if not self.subject.text().strip():
            self.subject.setFocus()
            return self.tr("Give the appointment a subject.")
        f = self._when()
        if f["end"] < f["start"]:
            return self.tr("It ends before it starts.")
        if self.meeting.isChecked() and not self.number.text().strip():
            self.number.setFocus()
            return self.tr("A phone meeting needs the number to call.")
        if self.freq.currentData() and self.ends.currentIndex() == 1:
            u = self.until.date()
            if date(u.year(), u.month(), u.day()) < f["start"].astimezone(self.tz).date():
                return self.tr("The repeat ends before the first time.")
        return ""

    def _when(self) -> dict:
        start, end = _py(self.start.dateTime(), self.tz), _py(self.end.dateTime(), self.tz)
        if self.all_day.isChecked():  # whole days in the appointment's own zone
            own = _zone(self.zone_name(), self.tz)
            start = datetime.combine(start.date(), time(), own)
            end = datetime.combine(max(end.date(), start.date()) + timedelta(days=1), time(), own)
        return {"start": start, "end": end, "all_day": self.all_day.isChecked()}

    def fields(self) -> dict:
        """The keyword arguments of store.diary.add / update."""
        if self._kept_rule:
            rule = self._kept_rule
        else:
            u = self.until.date()
            until = date(u.year(), u.month(), u.day()) if self.ends.currentIndex() == 1 else None
            count = self.count.value() if self.ends.currentIndex() == 2 else None
            rule = rrule_text(self.freq.currentData(), until, count)
        meeting = None
        if self.meeting.isChecked():
            meeting = {"number": self.number.text().strip(),
                       "mode": "automatic" if self.automatic.isChecked() else "manual",
                       "contact": self.meeting_contact.text().strip() or None,
                       "notes": self.meeting_notes.toPlainText().strip()}
        return {"subject": self.subject.text().strip(), **self._when(),
                "timezone": self.zone_name(),
                "place": self.place.text().strip(), "description": self.description.toPlainText().strip(),
                "participants": [dict(p) for p in self.participants], "record": self.record.text().strip() or None,
                "remind_minutes": self.remind.currentData(), "rrule": rule, "private": self.private.isChecked(),
                "meeting": meeting}


def _parents(w: QWidget) -> list[QWidget]:
    out = []
    while (w := w.parentWidget()) is not None:
        out.append(w)
    return out


def _zone(name: str, fallback: tzinfo) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return fallback


def _day_start(value: datetime, tz: tzinfo) -> datetime:
    d = value.date() if value.tzinfo is None else value.date()
    return datetime.combine(d, time(), tz)
