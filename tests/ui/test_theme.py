"""Light and dark themes (ui/theme.py): WCAG contrast of every palette role and custom colour in
both themes, following the system, Preferences → Appearance at once, icons and painted views
following a change of theme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QTabWidget, QWidget

from whitephone.ui import icons, theme
from whitephone.ui.diary import views

R, G = QPalette.ColorRole, QPalette.ColorGroup
THEMES = ("light", "dark")


@pytest.fixture
def restore_theme(qtbot):
    """Tests here change the application's style and palette: put them back afterwards."""
    qt = QApplication.instance()
    style, pal = qt.style().name(), QPalette(qt.palette())
    yield qt
    theme.apply("light")
    qt.setStyle(style)
    qt.setPalette(pal)


@pytest.mark.parametrize("name", THEMES)
def test_palette_text_has_at_least_4_5_to_1_on_its_background(name):
    pal = theme.palette(name)
    pairs = [(R.WindowText, R.Window), (R.Text, R.Base), (R.Text, R.AlternateBase), (R.ButtonText, R.Button),
             (R.HighlightedText, R.Highlight), (R.PlaceholderText, R.Base), (R.ToolTipText, R.ToolTipBase),
             (R.Link, R.Base), (R.Link, R.Window), (R.LinkVisited, R.Base), (R.WindowText, R.Button)]
    for fg, bg in pairs:
        ratio = theme.contrast(pal.color(G.Active, fg), pal.color(G.Active, bg))
        assert ratio >= 4.5, f"{name}: {fg.name} on {bg.name} is {ratio:.2f}:1"


@pytest.mark.parametrize("name", THEMES)
def test_disabled_text_stays_readable(name):
    """Disabled controls' text: 3:1 (WCAG does not ask for more of inactive controls)."""
    pal = theme.palette(name)
    for fg, bg in ((R.WindowText, R.Window), (R.Text, R.Base), (R.ButtonText, R.Button)):
        ratio = theme.contrast(pal.color(G.Disabled, fg), pal.color(G.Disabled, bg))
        assert ratio >= 3, f"{name}: disabled {fg.name} on {bg.name} is {ratio:.2f}:1"


@pytest.mark.parametrize("name", THEMES)
def test_focus_and_selection_are_visible(name):
    """Fusion draws the keyboard focus frame and the selection in the Highlight colour: it must
    stand out 3:1 from the window and the input fields (a graphic, not text)."""
    pal = theme.palette(name)
    for bg in (R.Window, R.Base, R.Button):
        ratio = theme.contrast(pal.color(R.Highlight), pal.color(bg))
        assert ratio >= 3, f"{name}: Highlight on {bg.name} is {ratio:.2f}:1"


def _tab_pane(name: str) -> QColor:
    """The colour Fusion fills a tab page with (lighter than the window), measured on a real widget."""
    theme.apply(name)
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "A")
    tabs.resize(200, 120)
    img = tabs.grab().toImage()
    return img.pixelColor(img.width() // 2, img.height() // 2)


@pytest.mark.parametrize("name", THEMES)
def test_custom_text_colours_are_readable_on_windows_fields_and_tab_pages(name, restore_theme):
    pal = theme.palette(name)
    backgrounds = {"window": pal.color(R.Window), "base": pal.color(R.Base), "tab page": _tab_pane(name)}
    for text in ("error", "warning", "success", "muted", "heading"):
        for where, bg in backgrounds.items():
            ratio = theme.contrast(theme.colour(text, name), bg)
            assert ratio >= 4.5, f"{name}: {text} text on the {where} is {ratio:.2f}:1"
    for where, bg in backgrounds.items():  # the palette's own text on Fusion's tab page too
        assert theme.contrast(pal.color(R.WindowText), bg) >= 4.5, where
    assert theme.contrast(pal.color(R.WindowText), theme.colour("tag_bg", name)) >= 4.5  # tag chips
    c = theme.COLOURS[name]
    for fg, bg in (("photo_text", "photo_bg"), ("hang_up_text", "hang_up"), ("answer_text", "answer"),
                   ("tag_text", "tag_bg")):
        assert theme.contrast(c[fg], c[bg]) >= 4.5, f"{name}: {fg} on {bg}"


@pytest.mark.parametrize("name", THEMES)
def test_status_and_presence_colours_stand_out_3_to_1(name):
    """Registration dots, presence icons and priorities are graphics: 3:1 against where they sit."""
    pal = theme.palette(name)
    for dot in ("green", "amber", "orange", "red", "grey", "blue"):
        for bg in (R.Window, R.Base):
            ratio = theme.contrast(theme.colour(dot, name), pal.color(bg))
            assert ratio >= 3, f"{name}: {dot} on {bg.name} is {ratio:.2f}:1"


@pytest.mark.parametrize("name", THEMES)
def test_the_diary_views_colours(name):
    c = {k.split(".", 1)[1]: v for k, v in theme.COLOURS[name].items() if k.startswith("diary.")}
    for bg in ("bg", "today_bg", "selected_day", "other_month", "fill", "meeting_fill"):
        assert theme.contrast(c["text"], c[bg]) >= 4.5, f"{name}: diary text on {bg}"
    for bg in ("bg", "other_month", "today_bg"):
        assert theme.contrast(c["muted"], c[bg]) >= 4.5, f"{name}: diary muted text on {bg}"
    for line in ("edge", "meeting_edge", "now_line", "selected_edge"):
        assert theme.contrast(c[line], c["bg"]) >= 3, f"{name}: diary {line}"
    assert theme.contrast(c["edge"], c["bg"]) >= 4.5  # also the colour of today's day name


def test_every_theme_names_the_same_colours():
    assert theme.COLOURS["light"].keys() == theme.COLOURS["dark"].keys()
    assert theme.PALETTES["light"].keys() == theme.PALETTES["dark"].keys()


def test_contrast_is_wcag():
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert theme.contrast("#123456", "#123456") == pytest.approx(1)


def test_system_without_a_desktop_is_light_and_an_unknown_choice_is_system(restore_theme):
    assert QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Unknown  # offscreen: no desktop
    assert theme.resolve("system") == "light"
    assert theme.resolve("no-such-theme") == "light"
    assert theme.apply("system") == "light"
    assert restore_theme.style().name().lower() == "fusion"
    assert theme.apply("dark") == "dark"
    assert theme.current() == "dark"


def test_following_the_system_switches_when_the_desktop_does(restore_theme):
    """The desktop's scheme changing (colorSchemeChanged) switches a "system" choice, never an
    explicit one. The offscreen platform has no desktop whose scheme could change: the signal
    Qt sends then is emitted here, as a desktop's platform theme would."""
    hints = QGuiApplication.styleHints()
    theme.apply("system")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() == "dark"
    assert restore_theme.palette().color(R.Window).name() == theme.PALETTES["dark"][R.Window]
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current() == "light"
    theme.apply("dark")  # an explicit choice: the desktop's scheme no longer matters
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current() == "dark"


def _stroke(ic, size=48, ratio=1.0) -> QColor:
    img = ic.pixmap(QSize(size, size), ratio).toImage()
    return max((img.pixelColor(x, y) for x in range(img.width()) for y in range(img.height())),
               key=lambda c: c.alpha())


def test_icons_and_painted_colours_follow_a_change_of_theme(restore_theme, qtbot):
    mute = icons.icon("mute")  # made once, kept on a button
    online = icons.icon("presence_online")
    theme.apply("light")
    assert _stroke(mute).lightness() < 80
    light_green = _stroke(online).name()
    theme.apply("dark")
    assert _stroke(mute).lightness() > 180  # the same QIcon, now light on the dark palette
    assert _stroke(online).name() != light_green
    assert views.BG.name() == theme.COLOURS["dark"]["diary.bg"]  # the diary paints with live colours
    disabled = mute.pixmap(QSize(24, 24), 1.0, icons.QIcon.Mode.Disabled).toImage()
    assert max((disabled.pixelColor(x, y) for x in range(24) for y in range(24)),
               key=lambda c: c.alpha()).name() == theme.DISABLED["dark"][R.ButtonText]
    theme.apply("light")
    assert views.BG.name() == "#ffffff"


def test_icons_are_drawn_at_the_device_pixel_ratio():
    for ratio in (1.0, 1.5, 2.0):
        pm = icons.icon("call").pixmap(QSize(24, 24), ratio)
        assert pm.devicePixelRatio() == ratio
        assert pm.width() == round(24 * ratio)  # drawn from the SVG at this size, not scaled


def test_toned_labels_change_with_the_theme_and_can_be_cleared(restore_theme, qtbot):
    label = QLabel("Wrong password")
    qtbot.addWidget(label)
    theme.apply("light")
    theme.tone(label, "error", "font-weight: bold;")
    assert theme.COLOURS["light"]["error"] in label.styleSheet() and "bold" in label.styleSheet()
    theme.apply("dark")
    assert theme.COLOURS["dark"]["error"] in label.styleSheet()
    theme.tone(label, "")
    theme.apply("light")
    assert label.styleSheet() == ""
    framed = QLabel()
    qtbot.addWidget(framed)
    theme.tone(framed, "", "background: $frame_bg;")
    assert framed.styleSheet() == f"background: {theme.COLOURS['light']['frame_bg']};"


def test_rich_text_colours_follow_the_theme(restore_theme):
    theme.apply("dark")
    out = theme.html("<h2 style='color:#445'>No records</h2><p style='color: #666'>x</p><b style='color:#123456'>")
    assert theme.COLOURS["dark"]["heading"] in out and theme.COLOURS["dark"]["muted"] in out
    assert "#123456" in out  # a colour it does not know stays
    chip = theme.html("<span style='background:#e3f2fd; color:#0d47a1'>vip</span>")
    assert theme.COLOURS["dark"]["tag_bg"] in chip and theme.COLOURS["dark"]["tag_text"] in chip


def test_rich_text_named_colours_and_text_left_as_written(restore_theme):
    theme.apply("dark")
    out = theme.html("<span style='color:$red'>high</span> color:#666 $red &lt;b style='color:#666'&gt;")
    assert out.startswith(f"<span style='color:{theme.COLOURS['dark']['red']}'>high</span>")
    assert out.endswith(" color:#666 $red &lt;b style='color:#666'&gt;")  # text, not markup: as written


def test_set_html_follows_the_theme_until_the_widget_gets_another_text(restore_theme, qtbot):
    from PySide6.QtWidgets import QTextBrowser

    theme.apply("light")
    label, view, other = QLabel(), QTextBrowser(), QLabel()
    for w in (label, view, other):
        qtbot.addWidget(w)
    theme.set_html(label, "<p style='color:#666'>Nothing yet</p>")
    theme.set_html(view, "<p style='color:#666'>No notes yet.</p>")
    theme.set_html(other, "<p style='color:#666'>Old</p>")
    other.setText("Plain, set directly")
    assert theme.COLOURS["light"]["muted"] in label.text()
    theme.apply("dark")
    assert theme.COLOURS["dark"]["muted"] in label.text()
    assert theme.COLOURS["dark"]["muted"] in view.toHtml()
    assert other.text() == "Plain, set directly"  # not put back by the theme


@pytest.mark.parametrize("name", THEMES)
def test_high_contrast_variants_reach_7_to_1(name):
    """The variants shown when the desktop asks for high contrast (WCAG AAA for texts)."""
    pal = theme.palette(name, high=True)
    for fg, bg in ((R.WindowText, R.Window), (R.Text, R.Base), (R.ButtonText, R.Button),
                   (R.HighlightedText, R.Highlight), (R.PlaceholderText, R.Base), (R.Text, R.AlternateBase)):
        ratio = theme.contrast(pal.color(fg), pal.color(bg))
        assert ratio >= 7, f"{name} high contrast: {fg.name} on {bg.name} is {ratio:.2f}:1"
    assert theme.contrast(pal.color(G.Disabled, R.Text), pal.color(G.Disabled, R.Base)) >= 4.5
    c = theme.colours(name, high=True)
    for text in ("error", "warning", "success", "muted", "heading"):
        for bg in (R.Window, R.Base):
            assert theme.contrast(c[text], pal.color(bg)) >= 7, f"{name} high contrast: {text}"
    for dot in ("green", "amber", "orange", "red", "grey", "blue"):
        assert theme.contrast(c[dot], pal.color(R.Window)) >= 3, f"{name} high contrast: {dot}"
    for fg, bg in (("tag_text", "tag_bg"), ("photo_text", "photo_bg"), ("diary.text", "diary.bg"),
                   ("diary.muted", "diary.bg")):
        assert theme.contrast(c[fg], c[bg]) >= 7, f"{name} high contrast: {fg} on {bg}"


def test_high_contrast_only_with_follow_the_system(restore_theme):
    """A desktop asking for high contrast changes "Follow the system", not an explicit choice."""
    acc = QGuiApplication.styleHints().accessibility()
    theme.apply("dark")
    try:
        acc.contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
        assert not theme.high_contrast()
        theme.apply("system")
        acc.contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
        assert theme.high_contrast()
        assert restore_theme.palette().color(R.Window).name() == theme.HIGH_CONTRAST["light"][R.Window]
        acc.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
        assert not theme.high_contrast()
        assert restore_theme.palette().color(R.Window).name() == theme.PALETTES["light"][R.Window]
    finally:
        acc.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)


def test_preferences_appearance_applies_at_once_cancel_reverts_ok_keeps(restore_theme, qtbot, app):
    from whitephone.ui.dialogs.preferences import PreferencesDialog

    theme.apply(app.profile.get(theme.SETTING, "system"))
    prefs = PreferencesDialog(app)
    qtbot.addWidget(prefs)
    page = prefs.appearance
    assert page.choice() == "system"
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    assert theme.current() == "dark"  # at once, no restart
    assert restore_theme.palette().color(R.Window).name() == theme.PALETTES["dark"][R.Window]
    prefs.reject()
    assert theme.current() == "light" and app.profile.get(theme.SETTING) is None
    prefs = PreferencesDialog(app)
    qtbot.addWidget(prefs)
    prefs.appearance.theme.setCurrentIndex(prefs.appearance.theme.findData("dark"))
    prefs.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert app.profile.get(theme.SETTING) == "dark" and theme.current() == "dark"
