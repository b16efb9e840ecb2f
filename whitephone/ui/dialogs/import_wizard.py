"""Import wizard: choose files, target book and duplicate policy, preview, import with progress."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from whitephone.importers import NotAContactsFile, detect_format, import_files, preview
from whitephone.importers.child import import_files_in_child
from whitephone.store.books import DEFAULT_BOOK
from whitephone.ui import theme
from whitephone.ui.default_names import book_name
from whitephone.ui.rich_text import escape

IN_CHILD_FROM = 256_000  # bytes (~1 000 cards): below, an import is over before a stall shows


def _size(path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0  # import_files reports the unreadable file

POLICIES = (("merge", QT_TRANSLATE_NOOP("ImportPolicy", "Merge them (keep both sets of numbers and e-mails)")),
            ("skip", QT_TRANSLATE_NOOP("ImportPolicy", "Skip them (keep what I have)")),
            ("update", QT_TRANSLATE_NOOP("ImportPolicy", "Update mine with the imported values")),
            ("clone", QT_TRANSLATE_NOOP("ImportPolicy", "Import them anyway as separate contacts")))


class _ProgressRelay(QObject):
    progress = Signal(int, int, int)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Import contacts"))
        self.setSubTitle(self.tr("vCard (.vcf) and CSV files from Google, Outlook, Apple, Android, "
                                 "Thunderbird or a spreadsheet."))
        self.files = QListWidget()
        self.files.setAccessibleName(self.tr("Files to import"))
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(self.choose)
        clear = QPushButton(self.tr("Clear"))
        clear.setToolTip(self.tr("Empty the list of files to import"))
        clear.clicked.connect(lambda: (self.files.clear(), self.completeChanged.emit()))
        self.book = QComboBox()
        self.book.setEditable(True)
        self.policy = QComboBox()
        for key, text in POLICIES:
            self.policy.addItem(QCoreApplication.translate("ImportPolicy", text), key)  # i18n: marked
        form = QFormLayout()
        form.addRow(self.tr("Into address book"), self.book)
        form.addRow(self.tr("Contacts already there"), self.policy)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(clear)
        buttons.addStretch()
        v = QVBoxLayout(self)
        v.addWidget(self.files)
        v.addLayout(buttons)
        v.addLayout(form)
        self.problem = QLabel()
        theme.tone(self.problem, "error")
        self.problem.setWordWrap(True)
        v.addWidget(self.problem)

    def initializePage(self) -> None:
        self.book.clear()
        names = [b.name for b in self.wiz.app.store.books.list()] or [DEFAULT_BOOK]
        self.book_names = {book_name(n): n for n in names}  # shown → stored (the default book's translated)
        for label in self.book_names:
            self.book.addItem(label)

    def choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose contact files"), "",
                                                self.tr("Contacts (*.vcf *.vcard *.csv *.txt);;All files (*)"))
        self.add_paths([Path(p) for p in paths])

    def add_paths(self, paths: list[Path]) -> None:
        problems = []
        for p in paths:
            try:
                detect_format(p)
                self.files.addItem(str(p))
            except NotAContactsFile as exc:
                problems.append(str(exc))
        self.problem.setText("\n".join(problems))
        self.completeChanged.emit()

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def isComplete(self) -> bool:
        return self.files.count() > 0


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The first contacts of each file, as WhitePhone reads them."))
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setAccessibleName(self.tr("Preview"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Company"), self.tr("Phone"),
                                              self.tr("E-mail")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 180)
        self.table.setColumnWidth(1, 160)
        self.table.setColumnWidth(2, 150)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        v = QVBoxLayout(self)
        v.addWidget(self.table)
        v.addWidget(self.notes)

    def initializePage(self) -> None:
        from whitephone.phone import display

        self.table.setRowCount(0)
        notes = []
        region = self.wiz.app.profile.region
        for path in self.wiz.file_page.paths():
            try:
                contacts, errors = preview(path, limit=5, region=region)
            except (NotAContactsFile, OSError) as exc:
                notes.append(f"{path.name}: {exc}")
                continue
            for c in contacts:
                r = self.table.rowCount()
                self.table.insertRow(r)
                phone = display(c.phones[0].number, c.phones[0].e164, region) if c.phones else ""
                for col, text in enumerate((c.best_display_name(), ", ".join(x.name for x in c.companies),
                                            phone, c.emails[0].address if c.emails else "")):
                    self.table.setItem(r, col, QTableWidgetItem(text))
            if errors:
                notes.append(self.tr("%s: %n problem(s) in the first cards, e.g. item %d: %s", "", len(errors))
                             % (path.name, errors[0].item, errors[0].reason))
        self.notes.setText("\n".join(notes))


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Importing"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.label = QLabel(self.tr("Starting…"))
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.clicked.connect(self.cancel)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.errors = QListWidget()
        self.errors.setAccessibleName(self.tr("Problems"))
        self.errors.hide()
        v = QVBoxLayout(self)
        v.addWidget(self.label)
        v.addWidget(self.bar)
        v.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        v.addWidget(self.result)
        v.addWidget(self.errors)
        self.done = False
        self.cancel_event = threading.Event()
        self.relay = _ProgressRelay()
        self.relay.progress.connect(self._progress)

    def initializePage(self) -> None:
        self.done = False
        self.cancel_event.clear()
        self.cancel_button.setEnabled(True)
        self.result.clear()
        self.errors.clear()
        self.errors.hide()
        fp = self.wiz.file_page
        typed = fp.book.currentText().strip()
        paths, policy = fp.paths(), fp.policy.currentData()
        chosen = getattr(fp, "book_names", {}).get(typed, typed)  # a listed book by its stored name
        app = self.wiz.app

        def work():
            book_id = app.store.books.ensure(chosen or DEFAULT_BOOK)
            kwargs = dict(book_id=book_id, policy=policy, region=app.profile.region,
                          progress=lambda d, t, n: self.relay.progress.emit(d, t, n), cancel=self.cancel_event)
            if app.store.path is None or sum(_size(p) for p in paths) < IN_CHILD_FROM:
                return import_files(app.store, paths, **kwargs)
            # big imports parse and write in a child process: the window never waits on the GIL
            return import_files_in_child(app.store.path, paths, **kwargs)

        self.wiz.tasks.write.submit(work, self._finished, self._failed)

    def _progress(self, done: int, total: int, items: int) -> None:
        self.bar.setValue(int(1000 * done / total) if total else 0)
        self.label.setText(self.tr("%n contacts so far…", "", items))

    def cancel(self) -> None:
        self.cancel_event.set()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Stopping after the current batch…"))

    def _finished(self, report) -> None:
        self.done = True
        self.cancel_button.setEnabled(False)
        self.bar.setValue(1000 if not report.cancelled else self.bar.value())
        head = (self.tr("<b>Import cancelled.</b> The contacts imported before you cancelled are kept.")
                if report.cancelled else self.tr("<b>Import finished.</b>"))
        self.label.setText("")
        counts = self.tr("Imported: %d &nbsp; Updated: %d &nbsp; Merged: %d &nbsp; Skipped: %d &nbsp; "
                         "Problems: %d") % (report.imported, report.updated, report.merged, report.skipped,
                                            len(report.errors))
        if report.companies:  # the book grew by more than the cards in the file: say why
            counts += "<br>" + self.tr("Companies added for the people who work there: %d") % report.companies
        self.result.setText(head + "<br>" + counts)
        for e in report.errors[:5000]:
            self.errors.addItem(self.tr("%s — item %s, line %s: %s") % (e.file, e.item, e.line, e.reason))
        self.errors.setVisible(bool(report.errors))
        self.wiz.report = report
        self.completeChanged.emit()
        self.wiz.imported.emit()

    def _failed(self, exc: BaseException) -> None:
        self.done = True
        self.label.setText("")
        self.result.setText(self.tr("<b>The import stopped:</b> %s<br>Contacts stored before this "
                                    "are kept.") % escape(str(exc)))
        self.completeChanged.emit()
        self.wiz.imported.emit()

    def isComplete(self) -> bool:
        return self.done


class ImportWizard(QWizard):
    imported = Signal()

    def __init__(self, app, tasks, parent=None, paths: list[Path] | None = None) -> None:
        super().__init__(parent)
        self.app, self.tasks = app, tasks
        self.report = None
        self.setWindowTitle(self.tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(720, 520)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        for p in (self.file_page, self.preview_page, self.run_page):
            self.addPage(p)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        if paths:
            self.file_page.initializePage()
            self.file_page.add_paths(paths)

    def reject(self) -> None:
        if self.currentPage() is self.run_page and not self.run_page.done:
            QMessageBox.information(self, self.windowTitle(),
                                    self.tr("Use “Cancel import” to stop; what is imported stays."))
            return
        super().reject()

