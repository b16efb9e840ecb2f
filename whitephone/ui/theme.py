"""Light and dark themes: "system" (default: follows the desktop's colour scheme), "light", "dark".

`apply(choice)` sets the Fusion style and a QPalette made for the theme, and updates the few
colours the code uses outside the palette (presence and registration dots, error and hint texts,
the diary's painted views). Those come from `colour(name)`, or, for code that keeps a QColor,
from `live(name)`: one QColor per name, changed in place when the theme changes. `tone(label,
name)` gives a label a text colour that follows the theme. Icons follow by themselves
(ui/icons.py renders them with the palette's colours each time they are painted). Rich texts
with inline colours go through `set_html(widget, text)`: the widget keeps its source text and
gets it again, in the new theme's colours, after every change.

With "system", a desktop that asks for high contrast (Qt's contrastPreference) gets a
high-contrast variant of the light or dark theme (HIGH_CONTRAST: texts at 7:1 or more).

On Linux without a desktop the system's scheme is unknown: light. Every text colour here has a
WCAG contrast of at least 4.5:1 on the background it is used on, and every status colour at least
3:1 (tests/ui/test_theme.py).
"""

from __future__ import annotations

import re
import string
import weakref

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette

CHOICES = ("system", "light", "dark")
SETTING = "theme"  # profile setting: one of CHOICES

R = QPalette.ColorRole
G = QPalette.ColorGroup

# role -> colour, per theme (the Active and Inactive groups; Disabled below)
PALETTES: dict[str, dict[QPalette.ColorRole, str]] = {
    "light": {
        R.Window: "#f3f4f6", R.WindowText: "#1d2430", R.Base: "#ffffff", R.AlternateBase: "#f4f6f9",
        R.Text: "#1d2430", R.Button: "#e8eaee", R.ButtonText: "#1d2430", R.BrightText: "#ffffff",
        R.Highlight: "#1a5fb4", R.HighlightedText: "#ffffff", R.PlaceholderText: "#5f6672",
        R.Link: "#1a5fb4", R.LinkVisited: "#6a3d9a", R.ToolTipBase: "#ffffff", R.ToolTipText: "#1d2430",
        R.Light: "#ffffff", R.Midlight: "#f0f1f4", R.Mid: "#b8bec8", R.Dark: "#8d94a0", R.Shadow: "#4a505a",
        R.Accent: "#1a5fb4",
    },
    "dark": {
        R.Window: "#1f2228", R.WindowText: "#e6e8eb", R.Base: "#16181d", R.AlternateBase: "#1d2026",
        R.Text: "#e6e8eb", R.Button: "#2c3038", R.ButtonText: "#e6e8eb", R.BrightText: "#ffffff",
        R.Highlight: "#5b93ee", R.HighlightedText: "#0d1117", R.PlaceholderText: "#9ba2ae",
        R.Link: "#8ab4f8", R.LinkVisited: "#c58af9", R.ToolTipBase: "#2c3038", R.ToolTipText: "#e6e8eb",
        R.Light: "#454a54", R.Midlight: "#363a43", R.Mid: "#4b515c", R.Dark: "#101216", R.Shadow: "#000000",
        R.Accent: "#5b93ee",
    },
}
DISABLED: dict[str, dict[QPalette.ColorRole, str]] = {
    "light": {R.WindowText: "#80868f", R.Text: "#80868f", R.ButtonText: "#80868f", R.Button: "#eceef1",
              R.Base: "#f3f4f6", R.Highlight: "#9aa3b0", R.HighlightedText: "#ffffff"},
    "dark": {R.WindowText: "#7d838d", R.Text: "#7d838d", R.ButtonText: "#7d838d", R.Button: "#262a31",
             R.Base: "#1b1d22", R.Highlight: "#3a3f48", R.HighlightedText: "#c8ccd2"},
}

# the colours outside the palette, per theme
COLOURS: dict[str, dict[str, str]] = {
    "light": {
        # status and presence dots (graphics: ≥ 3:1 on the window)
        "green": "#2e7d32", "amber": "#a86a00", "orange": "#c25100", "red": "#c62828", "grey": "#6e7480",
        "blue": "#1565c0",
        # texts (≥ 4.5:1 on the window and on the base)
        "error": "#b3261e", "warning": "#8a5300", "success": "#1b5e20", "muted": "#5f6672", "heading": "#3a4152",
        # surfaces and their text
        "hang_up": "#c62828", "hang_up_text": "#ffffff", "answer": "#2e7d32", "answer_text": "#ffffff",
        "photo_bg": "#dfe7f2", "photo_text": "#33507a", "frame": "#b8bec8", "frame_bg": "#f4f6f9",
        "note_bg": "#fff8e1", "note_edge": "#f0d98c", "tag_bg": "#e3ebf7", "tag_text": "#0d3a7a",
        # the diary's painted views
        "diary.bg": "#ffffff", "diary.grid": "#e3e6ea", "diary.grid_hour": "#cfd4da", "diary.text": "#1d2430",
        "diary.muted": "#5f6672", "diary.today_bg": "#fff8e1", "diary.selected_day": "#e8f0fe",
        "diary.other_month": "#f4f5f7", "diary.fill": "#dbe6fa", "diary.edge": "#2f62b5",
        "diary.meeting_fill": "#d9f2dd", "diary.meeting_edge": "#2e7d32", "diary.selected_edge": "#0b2a66",
        "diary.now_line": "#d93025",
    },
    "dark": {
        "green": "#5cb860", "amber": "#f2b53a", "orange": "#f28c38", "red": "#f26b6b", "grey": "#8d939d",
        "blue": "#5c9cf0",
        "error": "#ff8f87", "warning": "#f2c060", "success": "#7fcf83", "muted": "#a3aab5", "heading": "#d0d4db",
        "hang_up": "#c62828", "hang_up_text": "#ffffff", "answer": "#2e7d32", "answer_text": "#ffffff",
        "photo_bg": "#2b3a52", "photo_text": "#c6d6ee", "frame": "#4b515c", "frame_bg": "#1d2026",
        "note_bg": "#3a3220", "note_edge": "#6b5a2a", "tag_bg": "#2b3a52", "tag_text": "#d6e2f5",
        "diary.bg": "#16181d", "diary.grid": "#262a31", "diary.grid_hour": "#343943", "diary.text": "#e6e8eb",
        "diary.muted": "#9ba2ae", "diary.today_bg": "#2d2a1f", "diary.selected_day": "#1e2b42",
        "diary.other_month": "#1b1e23", "diary.fill": "#243756", "diary.edge": "#7aa7f0",
        "diary.meeting_fill": "#1f3a25", "diary.meeting_edge": "#6cc070", "diary.selected_edge": "#c6d8ff",
        "diary.now_line": "#ff6b5e",
    },
}

# the high-contrast variants (a desktop asking for high contrast, with "system"): what differs
HIGH_CONTRAST: dict[str, dict[QPalette.ColorRole, str]] = {
    "light": {R.Window: "#ffffff", R.WindowText: "#000000", R.Base: "#ffffff", R.AlternateBase: "#f2f2f2",
              R.Text: "#000000", R.Button: "#f0f0f0", R.ButtonText: "#000000", R.Highlight: "#0b3d91",
              R.HighlightedText: "#ffffff", R.PlaceholderText: "#3b3f46", R.Link: "#0b3d91",
              R.LinkVisited: "#4a1f75", R.ToolTipBase: "#ffffff", R.ToolTipText: "#000000", R.Mid: "#595959",
              R.Dark: "#3b3f46", R.Accent: "#0b3d91"},
    "dark": {R.Window: "#000000", R.WindowText: "#ffffff", R.Base: "#000000", R.AlternateBase: "#121212",
             R.Text: "#ffffff", R.Button: "#1a1a1a", R.ButtonText: "#ffffff", R.Highlight: "#8ab4f8",
             R.HighlightedText: "#000000", R.PlaceholderText: "#c8ccd2", R.Link: "#9ecbff",
             R.LinkVisited: "#d7aefb", R.ToolTipBase: "#1a1a1a", R.ToolTipText: "#ffffff", R.Mid: "#9a9a9a",
             R.Light: "#9a9a9a", R.Accent: "#8ab4f8"},
}
HIGH_CONTRAST_DISABLED: dict[str, dict[QPalette.ColorRole, str]] = {
    "light": {R.WindowText: "#5c5c5c", R.Text: "#5c5c5c", R.ButtonText: "#5c5c5c", R.Base: "#f2f2f2"},
    "dark": {R.WindowText: "#9a9a9a", R.Text: "#9a9a9a", R.ButtonText: "#9a9a9a", R.Base: "#0d0d0d"},
}
HIGH_CONTRAST_COLOURS: dict[str, dict[str, str]] = {
    "light": {"error": "#8c1d18", "warning": "#5c3800", "success": "#0f4012", "muted": "#3b3f46",
              "heading": "#000000", "tag_text": "#0a2a5c", "photo_text": "#0a2a5c", "frame": "#595959",
              "frame_bg": "#f2f2f2", "diary.text": "#000000", "diary.muted": "#3b3f46"},
    "dark": {"error": "#ffb4ab", "warning": "#ffd480", "success": "#a5e3a8", "muted": "#c8ccd2",
             "heading": "#ffffff", "tag_text": "#ffffff", "photo_text": "#ffffff", "frame": "#9a9a9a",
             "frame_bg": "#121212", "diary.bg": "#000000", "diary.text": "#ffffff", "diary.muted": "#c8ccd2"},
}

_current = "light"
_high = False  # the high-contrast variant of _current is shown
_live: dict[str, QColor] = {}
_toned: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # widget -> (name, extra css)


class _Notifier(QObject):
    changed = Signal(str)  # the theme now shown: "light" or "dark"


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    """Its `changed(str)` signal fires after the theme changed (widgets that paint themselves)."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def current() -> str:
    """The theme shown now: "light" or "dark"."""
    return _current


def high_contrast() -> bool:
    """Whether the high-contrast variant of the theme is shown."""
    return _high


def system_high_contrast() -> bool:
    """Whether the desktop asks for high contrast (Qt 6.10+; False when Qt cannot tell)."""
    if QGuiApplication.instance() is None:
        return False
    hints = QGuiApplication.styleHints()
    if not hasattr(hints, "accessibility"):
        return False
    return hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast


def system_scheme() -> str:
    """The desktop's colour scheme: "dark", or "light" (also when Qt cannot tell)."""
    app = QGuiApplication.instance()
    if app is None:
        return "light"
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def resolve(choice: str | None) -> str:
    """"light" or "dark" for a Preferences choice; an unknown choice counts as "system"."""
    return choice if choice in ("light", "dark") else system_scheme()


def palette(name: str, high: bool = False) -> QPalette:
    """The QPalette of theme `name` ("light" or "dark"), or of its high-contrast variant."""
    pal = QPalette()
    roles = {**PALETTES[name], **(HIGH_CONTRAST[name] if high else {})}
    for role, value in roles.items():
        for group in (G.Active, G.Inactive, G.Disabled):
            pal.setColor(group, role, QColor(value))
    for role, value in {**DISABLED[name], **(HIGH_CONTRAST_DISABLED[name] if high else {})}.items():
        pal.setColor(G.Disabled, role, QColor(value))
    return pal


def colours(theme: str | None = None, high: bool | None = None) -> dict[str, str]:
    """All named colours of the theme shown (or of `theme`, high-contrast if `high`)."""
    theme = theme or _current
    if high is None:
        high = _high and theme == _current
    return {**COLOURS[theme], **(HIGH_CONTRAST_COLOURS[theme] if high else {})}


def colour(name: str, theme: str | None = None, high: bool | None = None) -> str:
    """A named colour of the theme shown (or of `theme`) as "#rrggbb"."""
    return colours(theme, high)[name]


def live(name: str) -> QColor:
    """A QColor that always holds the shown theme's `name` colour (changed in place)."""
    if name not in _live:
        _live[name] = QColor(colour(name))
    return _live[name]


# the light-only colours of rich texts (labels, notes) -> the theme colour that replaces them
HTML_COLOURS = {"#445": "heading", "#666": "muted", "#777": "muted", "#888": "muted", "#999": "muted",
                "#5f6368": "muted", "#8a6d00": "warning", "#b00020": "error", "#c62828": "error",
                "#0d47a1": "tag_text"}
HTML_BACKGROUNDS = {"#e8eef7": "tag_bg", "#e3f2fd": "tag_bg"}  # tags shown as chips
_HTML_COLOUR = re.compile(r"(?<![-\w])(color|background):\s*(#[0-9a-fA-F]{3,6})\b")
_NAMED = re.compile(r"\$([a-z][\w.]*)")  # `color:$red`: a theme colour by its name
_TAG = re.compile(r"<[^<>]*>")  # our markup; escaped text (user content) never holds < or >


def html(text: str) -> str:
    """Rich text whose inline colours in its tags are the shown theme's: the light theme's
    (`color:#666`, see HTML_COLOURS) and named ones (`color:$red`). The text between the tags
    (what a user wrote, escaped) stays as it is."""
    named = colours()

    def swap(m: re.Match) -> str:
        name = (HTML_COLOURS if m.group(1) == "color" else HTML_BACKGROUNDS).get(m.group(2).lower())
        return f"{m.group(1)}:{colour(name)}" if name else m.group(0)

    def tag(m: re.Match) -> str:
        out = _HTML_COLOUR.sub(swap, m.group(0))
        return _NAMED.sub(lambda n: named.get(n.group(1), n.group(0)), out)

    return _TAG.sub(tag, text)


_SOURCE, _SHOWN = "whitephone_theme_html", "whitephone_theme_shown"  # dynamic properties


def set_html(widget, text: str) -> None:
    """Show rich text `text` (light theme's inline colours, see `html`) on a QLabel (setText) or
    a QTextEdit/QTextBrowser (setHtml) in the shown theme's colours, and again in the new
    theme's after every change of theme, until the widget is given another text."""
    _put(widget, text)


def _put(widget, text: str) -> None:
    out = html(text)
    if hasattr(widget, "setHtml"):
        bar = widget.verticalScrollBar()
        at = bar.value()
        widget.setHtml(out)
        bar.setValue(at)
        shown = widget.toPlainText()
    else:
        widget.setText(out)
        shown = out
    widget.setProperty(_SOURCE, text)
    widget.setProperty(_SHOWN, shown)


def _recolour_rich_texts() -> None:
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.allWidgets():
        text = widget.property(_SOURCE)
        if text is None:
            continue
        now = widget.toPlainText() if hasattr(widget, "setHtml") else widget.text()
        if now != widget.property(_SHOWN):  # given another text since: not ours to change
            widget.setProperty(_SOURCE, None)
            continue
        _put(widget, text)


def coloured_button(button, fill: str) -> None:
    """A push button filled with the theme colour `fill` ("hang_up", "answer") and its `fill_text`
    colour, with a visible keyboard focus ring (a style sheet replaces Fusion's own frame)."""
    tone(button, "", f"QPushButton {{ background-color: ${fill}; color: ${fill}_text; border: 1px solid ${fill}; "
                     "border-radius: 4px; padding: 8px; } "
                     f"QPushButton:focus {{ border: 3px solid ${fill}_text; }} "
                     f"QPushButton:pressed {{ border: 3px solid ${fill}_text; }}")


def tone(widget, name: str, extra: str = "") -> None:
    """Give `widget` the text colour `name` ("error", "muted", …) now and after a theme change;
    `extra` is more style sheet text (font weight, padding), where `$name` is a theme colour
    ("background: $photo_bg"). `name` "" sets no colour; `tone(w, "")` clears both."""
    _toned[widget] = (name, extra)
    _style(widget, name, extra)


def _style(widget, name: str, extra: str) -> None:
    css = (f"color: {colour(name)}; " if name else "") + string.Template(extra).safe_substitute(
        {k: v for k, v in colours().items() if "." not in k})
    widget.setStyleSheet(css)


_choice = "system"
_following = False


def apply(choice: str | None = "system") -> str:
    """Show the theme for `choice` ("system", "light" or "dark") at once; returns the theme shown.
    With "system", a later change of the desktop's scheme changes the theme too."""
    global _choice, _following
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    _choice = choice if choice in CHOICES else "system"
    if app is None:
        return _show(resolve(_choice))
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    if not _following:
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(_system_changed)
        if hasattr(hints, "accessibility"):  # Qt 6.10+
            hints.accessibility().contrastPreferenceChanged.connect(_system_contrast_changed)
        _following = True
    return _show(resolve(_choice), _choice == "system" and system_high_contrast())


def _system_changed(scheme) -> None:
    if _choice == "system":
        _show("dark" if scheme == Qt.ColorScheme.Dark else "light", _high)


def _system_contrast_changed(preference) -> None:
    if _choice == "system":
        _show(_current, preference == Qt.ContrastPreference.HighContrast)


def _show(name: str, high: bool = False) -> str:
    global _current, _high
    _current, _high = name, high
    for key, c in _live.items():
        c.setRgba(QColor(colour(key)).rgba())
    app = QGuiApplication.instance()
    if app is not None:
        app.setPalette(palette(name, high))
        for widget, (tone_name, extra) in list(_toned.items()):
            if shiboken6.isValid(widget):
                _style(widget, tone_name, extra)
        if QGuiApplication.instance().inherits("QApplication"):
            _recolour_rich_texts()
    notifier().changed.emit(name)
    return name


def contrast(a: str | QColor, b: str | QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 … 21)."""

    def lum(c) -> float:
        c = QColor(c)

        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
