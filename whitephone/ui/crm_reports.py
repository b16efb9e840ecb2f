"""The CRM Reports window: the reports of core/crm_reports.py as charts (QtCharts, imported only
when the window opens: start-up time matters) and tables, exported to XLSX or CSV.

Calls per user per day is the team's, asked from the hub (on the hub worker) when signed in, for
the chosen days; offline, or when the hub refuses (only CRM admins and holders of `reports` may
see it), it is this computer's call log and the window says so."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from whitephone.core import crm_reports
from whitephone.core.crm_reports import PERIODS, Report
from whitephone.ui import a11y, theme
from whitephone.ui.crm_model import priority_label
from whitephone.ui.rich_text import escape
from whitephone.ui.user_errors import error_text

# The words of core/crm_reports.py's reports (titles, columns, notes, fixed cells): the core
# writes English, the window shows and exports them in the user's language (localised()).
REPORT_TEXTS = (
    QT_TRANSLATE_NOOP("CrmReportTexts", "Open records by type"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Open records by priority"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Open records by owner"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Open records by group"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Overdue reminders"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Records closed per day"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Records closed per week"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Records closed per month"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Calls per user per day"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Type"), QT_TRANSLATE_NOOP("CrmReportTexts", "Open"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Priority"), QT_TRANSLATE_NOOP("CrmReportTexts", "Owner"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Opened as"), QT_TRANSLATE_NOOP("CrmReportTexts", "Task"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Subject"), QT_TRANSLATE_NOOP("CrmReportTexts", "Reminder"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Days overdue"), QT_TRANSLATE_NOOP("CrmReportTexts", "Day"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Week"), QT_TRANSLATE_NOOP("CrmReportTexts", "Month"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Closed"), QT_TRANSLATE_NOOP("CrmReportTexts", "User"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Calls"), QT_TRANSLATE_NOOP("CrmReportTexts", "Answered"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Minutes"), QT_TRANSLATE_NOOP("CrmReportTexts", "Average minutes"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "Company"), QT_TRANSLATE_NOOP("CrmReportTexts", "me (not synced yet)"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "(no account)"),
    QT_TRANSLATE_NOOP("CrmReportTexts", "This computer's call log only"),
    QT_TRANSLATE_NOOP("CrmReportTexts",
                      "This computer's call log only (not signed in to a hub: the team's calls come from the hub)"),
)
# notes with figures in them: (pattern of the core's English, the text to translate with the groups)
REPORT_NOTES = (
    (re.compile(r"The team's calls from the hub, (.*) to (.*)"),
     QT_TRANSLATE_NOOP("CrmReportTexts", "The team's calls from the hub, %1 to %2")),
    (re.compile(r"This computer's call log only: the hub's team report is not available \((.*)\)"),
     QT_TRANSLATE_NOOP("CrmReportTexts", "This computer's call log only: the hub's team report is not available (%1)")),
)
PERIOD_LABELS = {"day": QT_TRANSLATE_NOOP("ReportsWindow", "Closed per day"),
                 "week": QT_TRANSLATE_NOOP("ReportsWindow", "Closed per week"),
                 "month": QT_TRANSLATE_NOOP("ReportsWindow", "Closed per month")}


def report_text(text: str) -> str:
    """One of REPORT_TEXTS in the user's language (any other text as it is)."""
    return QCoreApplication.translate("CrmReportTexts", text)  # i18n: marked


def _note_text(note: str) -> str:
    for pattern, words in REPORT_NOTES:
        m = pattern.fullmatch(note)
        if m:
            text = QCoreApplication.translate("CrmReportTexts", words)  # i18n: marked
            for i, value in enumerate(m.groups(), start=1):
                text = text.replace(f"%{i}", value)
            return text
    return report_text(note)


def localised(report: Report) -> Report:
    """A copy of `report` in the user's language: title, columns, note, the core's fixed cells
    (priorities, "Company", …); what people typed (subjects, names, types) stays as it is."""
    rows = []
    for row in report.rows:
        cells = list(row)
        for i, value in enumerate(cells):
            if isinstance(value, str) and (report.columns[i] == "Priority" if i < len(report.columns) else False):
                cells[i] = priority_label(value)
            elif isinstance(value, str) and i == 0:
                cells[i] = report_text(value)
        rows.append(tuple(cells))
    return dataclasses.replace(report, title=report_text(report.title),
                               columns=[report_text(c) for c in report.columns], rows=rows,
                               note=_note_text(report.note) if report.note else report.note)


def chart_for(report: Report):
    """A bar chart of a report whose first column names the categories (None when it has no chart
    or no rows). Calls per user per day: one bar set per user, the days as categories."""
    if not report.chart or not report.rows:
        return None
    from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis

    chart = QChart()
    chart.setTitle(report.title)
    series = QBarSeries()
    if report.key == "calls":
        days = sorted({r[1] for r in report.rows})
        users = sorted({r[0] for r in report.rows})
        by = {(r[0], r[1]): r[2] for r in report.rows}
        for u in users:
            s = QBarSet(u)
            s.append([float(by.get((u, d), 0)) for d in days])
            series.append(s)
        categories = days
        chart.legend().setVisible(True)
    else:
        s = QBarSet(report.columns[1])
        s.append([float(r[1]) for r in report.rows])
        series.append(s)
        categories = [str(r[0]) for r in report.rows]
        chart.legend().setVisible(False)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append(categories)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x)
    y = QValueAxis()
    y.setLabelFormat("%d")
    top = max((v for st in series.barSets() for v in (st.at(i) for i in range(st.count()))), default=0)
    if top <= 10:  # whole steps: counts have no halves
        y.setRange(0, max(1, int(top)))
        y.setTickCount(max(1, int(top)) + 1)
    else:
        y.setRange(0, top)
        y.applyNiceNumbers()
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    _colour_chart(view)
    def recolour(_name: str) -> None:
        _colour_chart(view)

    theme.notifier().changed.connect(recolour)
    view.destroyed.connect(lambda *_: theme.notifier().changed.disconnect(recolour))
    return view


def _colour_chart(view) -> None:
    """The chart in the shown theme: QtCharts' light or dark theme for the bars, the palette's
    window colour behind it and its text colour for the title, the axes and the legend."""
    from PySide6.QtCharts import QChart
    from PySide6.QtGui import QPalette

    if not isValid(view):
        return
    chart = view.chart()
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if theme.current() == "dark" else QChart.ChartTheme.ChartThemeLight)
    pal = QApplication.palette()
    bg, text = pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.WindowText)
    grid = pal.color(QPalette.ColorRole.Mid)
    chart.setBackgroundBrush(bg)
    chart.setBackgroundPen(bg)
    chart.setTitleBrush(text)
    chart.legend().setLabelColor(text)
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setLinePenColor(grid)
        axis.setGridLineColor(grid)
    view.setBackgroundBrush(bg)


class ReportsWindow(QWidget):
    def __init__(self, app, tasks, group_names: dict[int, str], parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("CRM reports"))
        self.resize(1000, 640)
        self.app, self.tasks, self.group_names = app, tasks, group_names
        self.reports: list[Report] = []
        self.hub_busy = False  # the team's calls are being asked from the hub
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Reports"))
        self.list.setMaximumWidth(240)  # widened to the longest report name (_fit_list)
        self.list.currentRowChanged.connect(self.show_report)
        self.period = QComboBox()
        a11y.name(self.period, self.tr("Period"))
        for p in PERIODS:
            self.period.addItem(self.tr(PERIOD_LABELS[p]), p)  # i18n: marked
        self.period.setCurrentIndex(1)
        self.period.currentIndexChanged.connect(lambda *_: self.run())
        today = date.today()
        self.calls_from = QDateEdit(QDate(*(today - timedelta(days=29)).timetuple()[:3]))
        self.calls_to = QDateEdit(QDate(today.year, today.month, today.day))
        self.calls_from.setAccessibleName(self.tr("Calls from"))
        self.calls_to.setAccessibleName(self.tr("Calls until"))
        for w in (self.calls_from, self.calls_to):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
            w.setToolTip(self.tr("The days of the calls report"))
            w.dateChanged.connect(lambda *_: self.run())
        self.refresh_btn = QPushButton(self.tr("Refresh"))
        self.refresh_btn.setToolTip(self.tr("Run the chosen report again with the latest records"))
        self.refresh_btn.clicked.connect(self.run)
        self.xlsx_btn = QPushButton(self.tr("Export XLSX…"))
        self.xlsx_btn.clicked.connect(lambda: self.export("xlsx"))
        self.csv_btn = QPushButton(self.tr("Export CSV…"))
        self.csv_btn.clicked.connect(lambda: self.export("csv"))
        self.progress = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addWidget(QLabel(self.tr("Calls from")))
        top.addWidget(self.calls_from)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.calls_to)
        top.addWidget(self.refresh_btn)
        top.addWidget(self.progress, 1)
        top.addWidget(self.xlsx_btn)
        top.addWidget(self.csv_btn)
        self.chart_holder = QStackedWidget()
        self.no_chart = QLabel()
        self.no_chart.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_chart.setWordWrap(True)
        self.chart_holder.addWidget(self.no_chart)
        self.table = QTableWidget()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setAccessibleName(self.tr("Report rows"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLabel()  # where the report's figures come from (the hub, or this computer only)
        self.note.setWordWrap(True)
        theme.tone(self.note, "warning")
        below = QWidget()
        bv = QVBoxLayout(below)
        bv.setContentsMargins(0, 0, 0, 0)
        bv.addWidget(self.note)
        bv.addWidget(self.table, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.chart_holder)
        right.addWidget(below)
        right.setSizes([380, 220])
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([220, 780])
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(split, 1)
        self.run()

    def run(self) -> None:
        """Compute the reports on the reader thread; the window says how far it got."""
        self.progress.setText(self.tr("Counting…"))
        for b in (self.xlsx_btn, self.csv_btn, self.refresh_btn):
            b.setEnabled(False)
        period, store, groups = self.period.currentData(), self.app.store, dict(self.group_names)
        since, until = self.calls_from.date().toPython(), self.calls_to.date().toPython()
        online = self.app.session.signed_in
        self._generation = gen = getattr(self, "_generation", 0) + 1

        def read() -> list[Report]:
            calls = crm_reports.team_calls(store, None, since, until)
            return [localised(r) for r in crm_reports.all_reports(store, groups, period, calls=calls)]

        self.tasks.read.submit(read, lambda reps: self._done(gen, reps, online, since, until),
                               lambda exc: self._failed(gen, exc))

    def _done(self, gen: int, reports: list[Report], online: bool = False, since=None, until=None) -> None:
        if not isValid(self) or gen != self._generation:  # closed (and deleted) while reading
            return
        if online:  # the team's calls from the hub replace this computer's when they come
            from whitephone.ui.dialogs.hub_dialog import hub_worker

            session, store = self.app.session, self.app.store
            self.hub_busy = True
            for rep in reports:
                if rep.key == "calls":
                    rep.note = self.tr("This computer's calls, while the hub is asked for the team's…")
            hub_worker().submit(lambda: crm_reports.team_calls(store, session.ensure().call_report, since, until),
                                lambda rep: self._calls(gen, localised(rep)),
                                lambda exc: self._calls(gen, None, exc))
        row = max(0, self.list.currentRow())
        self.reports = reports
        self.list.blockSignals(True)
        self.list.clear()
        for r in reports:
            self.list.addItem(r.title)
        self._fit_list()
        self.list.blockSignals(False)
        self.list.setCurrentRow(min(row, len(reports) - 1))
        self.show_report(self.list.currentRow())
        self.progress.setText("")
        for b in (self.xlsx_btn, self.csv_btn, self.refresh_btn):
            b.setEnabled(True)

    def _fit_list(self) -> None:
        """The report list as wide as its longest name (a translation's may be longer), 240 px at least."""
        fm = self.list.fontMetrics()
        longest = max((fm.horizontalAdvance(self.list.item(i).text()) for i in range(self.list.count())), default=0)
        need = longest + 2 * self.list.frameWidth() + self.list.verticalScrollBar().sizeHint().width() + 16
        self.list.setMinimumWidth(min(need, 480))
        self.list.setMaximumWidth(max(240, min(need, 480)))

    def _calls(self, gen: int, rep: Report | None, exc: BaseException | None = None) -> None:
        """The calls report from the hub worker (the team's, or this computer's and why)."""
        self.hub_busy = False
        if not isValid(self) or gen != self._generation:  # closed (and deleted) while the hub answered
            return
        for i, old in enumerate(self.reports):
            if old.key == "calls":
                if rep is None:  # not even the fallback could be made: keep the local one, say why
                    old.note = self.tr("This computer's call log only: %s") % error_text(exc)
                else:
                    self.reports[i] = rep
                if self.list.currentRow() == i:
                    self.show_report(i)

    def _failed(self, gen: int, exc: BaseException) -> None:
        if isValid(self) and gen == self._generation:
            self.progress.setText(self.tr("The reports could not be made: %s") % exc)
            self.refresh_btn.setEnabled(True)

    def show_report(self, row: int) -> None:
        if not 0 <= row < len(self.reports):
            return
        rep = self.reports[row]
        self.note.setText(rep.note)
        self.note.setVisible(bool(rep.note))
        while self.chart_holder.count() > 1:
            w = self.chart_holder.widget(1)
            self.chart_holder.removeWidget(w)
            w.deleteLater()
        view = chart_for(rep)
        if view is not None:
            self.chart_holder.addWidget(view)
            self.chart_holder.setCurrentWidget(view)
        else:
            theme.set_html(self.no_chart, f"<h3 style='color:#445'>{escape(rep.title)}</h3><p style='color:#666'>"
                                  + (self.tr("Nothing to report.") if not rep.rows else
                                     self.tr("%n row(s), listed below.", "", len(rep.rows))) + "</p>")
            self.chart_holder.setCurrentWidget(self.no_chart)
        self.table.clear()
        self.table.setColumnCount(len(rep.columns))
        self.table.setHorizontalHeaderLabels(rep.columns)
        self.table.setRowCount(len(rep.rows))
        for i, r in enumerate(rep.rows):
            for c, value in enumerate(r):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int | float):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, c, item)
        self.table.resizeColumnsToContents()

    def export(self, kind: str, path: str | None = None) -> str | None:
        """Write every report to an XLSX workbook (a sheet each) or a CSV file; `path` skips the
        file dialog (tests)."""
        if not self.reports:
            return None
        if path is None:
            filt = self.tr("Excel workbook (*.xlsx)") if kind == "xlsx" else self.tr("CSV files (*.csv)")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export CRM reports"), f"crm-reports.{kind}", filt)
            if not path:
                return None
        fn = crm_reports.export_xlsx if kind == "xlsx" else crm_reports.export_csv
        try:
            fn(self.reports, path)
        except (OSError, ValueError) as exc:  # a full disk, a locked file, a value the format refuses
            self.progress.setText(self.tr("Export failed: %s") % exc)
            return None
        self.progress.setText(self.tr("Exported to %s") % path)
        return path
