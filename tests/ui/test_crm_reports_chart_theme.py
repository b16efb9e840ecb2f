"""The CRM report chart in the dark theme: no white box, and it follows a change of theme."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from whitephone.core.crm_reports import Report
from whitephone.ui import theme

R = theme.R


def test_crm_report_chart_is_not_a_white_box_in_dark(restore_theme, qtbot):
    """CRM → Reports in dark: the bar chart (QtCharts' default light theme) is a white
    rectangle with dark text in the middle of the dark window (see screenshots/dark/crm-reports.png)."""
    from whitephone.ui.crm_reports import chart_for

    theme.apply("dark")
    rep = Report("open_by_type", "Open records by type", ["Type", "Open"],
                 rows=[("Support", 2), ("Complaint", 3)])
    view = chart_for(rep)
    qtbot.addWidget(view)
    view.resize(500, 320)
    view.show()
    qtbot.wait(200)
    img = view.grab().toImage()
    corner = img.pixelColor(30, img.height() // 2)  # the chart's own background, left of the axis labels
    window = theme.PALETTES["dark"][R.Window]
    assert corner.lightness() < 100, f"chart background {corner.name()} in the dark theme (window {window})"
    # and its title text must be readable on whatever background it has
    chart = view.chart()
    title = chart.titleBrush().color()
    assert theme.contrast(title, corner) >= 4.5


def test_crm_report_chart_follows_a_live_theme_change(restore_theme, qtbot):
    from whitephone.ui.crm_reports import chart_for

    theme.apply("light")
    rep = Report("open_by_type", "Open records by type", ["Type", "Open"], rows=[("Support", 2)])
    view = chart_for(rep)
    qtbot.addWidget(view)
    view.resize(500, 320)
    view.show()
    qtbot.wait(100)
    theme.apply("dark")
    QApplication.processEvents()
    qtbot.wait(100)
    img = view.grab().toImage()
    assert img.pixelColor(30, img.height() // 2).lightness() < 100
