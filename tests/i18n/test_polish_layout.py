"""From the break-it review (the defects each docstring tells of are fixed): Polish texts on real widgets (offscreen Qt, the Polish .qm built by the real
lrelease and installed as at start-up): texts cut off because Polish is longer, and two items with
the same Alt key in one menu."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetrics

from whitephone.app import App


def test_week_view_all_day_label_fits_the_gutter(polish):
    """Diary → Week: the label of the all-day row is drawn right-aligned into the time gutter,
    (was: a fixed GUTTER = 56 px, ui/diary/views.py; now the view's gutter from its font): "all day" fits, "cały dzień" does not and shows
    as "ały dzień" (clipped on the left; see the screenshot tab-3-diary in Polish)."""
    from whitephone.ui.diary import views

    text = QCoreApplication.translate("_GridHeader", "all day")
    assert text == "cały dzień"
    view = views.TimeGridView("week")
    width = QFontMetrics(view.font()).horizontalAdvance(text)
    assert width <= view.gutter - 8, f"{text!r} is {width}px, the gutter has {view.gutter - 8}px"


def test_appointment_editor_phone_meeting_title_is_not_cut(polish, qtbot):
    """The appointment editor is fixed at setMinimumWidth(560), which also stops the layout from
    widening the dialog to its minimum size hint: the Polish title of the checkable "Phone
    meeting" group ("…albo sam zadzwoni") is cut at the right edge ("…albo sam zadzwo")."""
    from whitephone.ui.diary.editor import AppointmentEditor

    dlg = AppointmentEditor()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    group = dlg.meeting
    assert group.title().startswith("Spotkanie telefoniczne")
    assert group.width() >= group.minimumSizeHint().width(), (
        f"the group is {group.width()}px wide, its title needs {group.minimumSizeHint().width()}px")


def test_file_menu_has_no_two_items_with_one_alt_key(polish, qtbot, tmp_path):
    """Polish File menu: "Zal&oguj się…" and "Wyl&oguj się" both take Alt+O (English: Sign &in /
    Sign &out). With a clash Qt's menu only moves between the items instead of triggering."""
    from whitephone.ui.main_window import MainWindow

    app = App.open(tmp_path / "profile")
    try:
        w = MainWindow(app)
        qtbot.addWidget(w)
        clashes = {}
        for top in w.menuBar().actions():
            keys = defaultdict(list)
            for a in top.menu().actions():
                m = re.search(r"&(?!&)(\w)", a.text())
                if a.isVisible() and not a.isSeparator() and m:
                    keys[m.group(1).lower()].append(a.text())
            clashes.update({f"{top.text()} Alt+{k}": v for k, v in keys.items() if len(v) > 1})
        assert not clashes, clashes
    finally:
        w.close()
        app.close()


def test_crm_reports_list_shows_whole_names(polish, qtbot, tmp_path):
    """CRM → Reports: the list of reports is capped at 240 px (crm_reports.py). The English names
    fit; "Połączenia na użytkownika dziennie" does not and is cut (with a horizontal scroll bar)."""
    from whitephone.ui.main_window import MainWindow

    app = App.open(tmp_path / "profile")
    try:
        w = MainWindow(app)
        qtbot.addWidget(w)
        w.resize(1000, 640)
        w.crm.show_reports()
        reports = w.crm.reports
        reports.resize(1000, 640)
        qtbot.wait(300)
        lst = reports.list
        fm = lst.fontMetrics()
        room = lst.viewport().width() - 8
        cut = {lst.item(i).text(): fm.horizontalAdvance(lst.item(i).text()) for i in range(lst.count())
               if fm.horizontalAdvance(lst.item(i).text()) > room}
        assert not cut, f"wider than the list's {room}px: {cut}"
        reports.close()
    finally:
        w.close()
        app.close()
