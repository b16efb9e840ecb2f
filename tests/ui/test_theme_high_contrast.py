"""High-contrast desktops. With "Follow the system" (the default) the app puts
its own palette over the desktop's, and Qt 6.11 tells it when the desktop asks for high contrast
(QStyleHints.accessibility().contrastPreference, contrastPreferenceChanged). ui/theme.py did not
ask: a user who needs high contrast got the normal light or dark palette (placeholders and muted
texts at 4.5–6:1, not the 7:1 of WCAG AAA a high-contrast setting is for); it now shows the
high-contrast variant of the theme (theme.HIGH_CONTRAST).

Offscreen there is no desktop: the signal is emitted here as a desktop's platform theme would
(as tests/ui/test_theme.py does for colorSchemeChanged)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette

from whitephone.ui import theme

R = QPalette.ColorRole


def test_a_high_contrast_desktop_gets_high_contrast_texts(restore_theme):
    hints = QGuiApplication.styleHints()
    acc = hints.accessibility()
    theme.apply("system")
    acc.contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
    pal = restore_theme.palette()
    try:
        for fg, bg in ((R.PlaceholderText, R.Base), (R.Text, R.Base), (R.WindowText, R.Window)):
            ratio = theme.contrast(pal.color(fg), pal.color(bg))
            assert ratio >= 7, f"{fg.name} on {bg.name}: {ratio:.2f}:1 on a high-contrast desktop"
        muted = theme.contrast(theme.colour("muted"), pal.color(R.Window))
        assert muted >= 7, f"muted texts {muted:.2f}:1 on a high-contrast desktop"
    finally:
        acc.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
