"""The application icon on every window, the Tabler icon set on controls, tabs and presence,
recoloured for the palette; the registration dot's colours; the icon files made for packages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from whitephone.ui import icons, theme
from whitephone.ui.account_status import COLORS
from whitephone.ui.call_window import CallWindow
from whitephone.ui.calls import CallController
from whitephone.ui.dialogs.preferences import PreferencesDialog
from whitephone.ui.tabs.online_monitor import STATUSES, LegendDialog, status_icon

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def controller(window, app):
    ctl = CallController(app, window, ["--listen", "127.0.0.1:0"])  # engine never started
    window.calls = ctl
    yield ctl
    window.calls = None
    for w in list(ctl.windows.values()) + list(ctl.incoming.values()):
        w.close()


def test_every_top_level_window_the_app_opens_has_the_app_icon(qtbot, window, controller, app):
    controller.on_event({"event": "incoming", "call": 7, "account": "default",
                         "remote_uri": "<sip:+442079460018@carrier.example>", "remote_contact": "",
                         "local_uri": ""})
    call = CallWindow(controller, 9, "Mary Smith", "+44 20 7946 0018")
    qtbot.addWidget(call)
    call.show()
    prefs = PreferencesDialog(app, window)
    prefs.show()
    legend = LegendDialog(window)
    legend.show()
    shown = [w for w in QApplication.topLevelWidgets() if w.isWindow() and w.isVisible()]
    assert {type(w).__name__ for w in shown} >= {"MainWindow", "CallWindow", "PreferencesDialog",
                                                 "LegendDialog"}
    assert len(shown) >= 5  # and the incoming call's window
    app_key = icons.app_icon().cacheKey()
    for w in shown:
        assert not w.windowIcon().isNull(), type(w).__name__
        assert w.windowIcon().cacheKey() == app_key, type(w).__name__
    for w in (call, prefs, legend):
        w.close()


def test_tabs_call_controls_and_presence_have_icons(qtbot, window, controller):
    tabs = window.tabs
    for i in range(tabs.count()):
        assert not tabs.tabIcon(i).isNull(), tabs.tabText(i)
    assert not window.call_button.icon().isNull()
    call = CallWindow(controller, 9, "Mary Smith", "+44 20 7946 0018")
    qtbot.addWidget(call)
    for b in (call.hold_btn, call.mute_btn, call.rec_btn, call.xfer_btn, call.hangup_btn):
        assert not b.icon().isNull(), b.text()
    assert not call.pad_label.pixmap().isNull()
    call.close()
    for s in (*STATUSES, "invisible"):
        assert not status_icon(s).isNull(), s


def test_every_role_loads_from_a_shipped_file_with_its_licence():
    for role, (name, _color) in icons.ROLES.items():
        assert (icons.TABLER_DIR / f"{name}.svg").is_file(), role
        assert not icons.icon(role).isNull(), role
    assert "MIT License" in (icons.TABLER_DIR / "LICENSE").read_text()
    readme = (icons.ICON_DIR / "README.md").read_text()
    assert "@tabler/icons" in readme and "3.52.0" in readme
    shipped = {p.stem for p in icons.TABLER_DIR.glob("*.svg")}
    assert shipped == {name for name, _ in icons.ROLES.values()}  # only the icons used are kept


def _middle_stroke_colour(ic, size: int = 48) -> QColor:
    """The most opaque pixel's colour: the icon's stroke."""
    img = ic.pixmap(size, size).toImage()
    best = max(((img.pixelColor(x, y)) for x in range(img.width()) for y in range(img.height())),
               key=lambda c: c.alpha())
    return best


def test_icons_follow_the_palette_and_fixed_colours(qtbot):
    qt = QApplication.instance()
    old = qt.palette()
    try:
        dark = QPalette(old)
        dark.setColor(QPalette.ColorRole.ButtonText, QColor("#f0f0f0"))
        qt.setPalette(dark)
        assert _middle_stroke_colour(icons.icon("mute")).lightness() > 200
        light = QPalette(old)
        light.setColor(QPalette.ColorRole.ButtonText, QColor("#101010"))
        qt.setPalette(light)
        assert _middle_stroke_colour(icons.icon("mute")).lightness() < 60
    finally:
        qt.setPalette(old)
    red = _middle_stroke_colour(icons.icon("presence_dnd"))
    assert red.red() > 150 and red.green() < 80
    assert _middle_stroke_colour(icons.icon("hang_up", "#00ff00")).green() > 200


def test_icons_are_rendered_for_high_dpi():
    ic = icons.icon("call")
    assert any(abs(s.width() - 48) <= 1 for s in ic.availableSizes())
    pm = ic.pixmap(QSize(24, 24), 2.0)  # 200 %: drawn from the SVG at 48 px, not scaled up
    assert pm.devicePixelRatio() == 2.0 and pm.width() == 48


def test_an_unknown_role_or_bad_svg_is_a_clear_error():
    with pytest.raises(KeyError):
        icons.icon("no-such-role")
    with pytest.raises(ValueError):
        icons.svg_icon(b"<not svg")


def test_registration_dot_colours():
    assert COLORS["ok"] == "green"  # registered
    assert COLORS["pending"] == "amber"  # trying
    assert COLORS["failed"] == "red"  # failed
    assert COLORS["off"] == "grey"  # none
    for name in ("light", "dark"):  # each theme's shade of them
        assert theme.colour("green", name) != theme.colour("red", name) != theme.colour("amber", name)


def test_make_icons_writes_every_hicolor_size_ico_and_icns(tmp_path):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import make_icons
    finally:
        sys.path.pop(0)
    assert make_icons.main([str(tmp_path)]) == 0
    from PIL import Image

    for size in icons.APP_ICON_SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "whitephone.png"
        with Image.open(png) as im:
            assert im.size == (size, size)
            assert im.getpixel((size // 2, size // 2))[3] == 255  # opaque middle
    assert (tmp_path / "hicolor" / "scalable" / "apps" / "whitephone.svg").is_file()
    with Image.open(tmp_path / "whitephone.ico") as ico:
        assert (256, 256) in ico.info["sizes"]
    assert (tmp_path / "whitephone.icns").stat().st_size > 1000


def test_the_window_icon_is_kept_at_256_px_at_most(qtbot):
    """The running app's icon stops at 256 px (512 px was 1 MiB of idle memory, issue 18); the
    packages' icon files still have every size."""
    sizes = {s.width() for s in icons.app_icon().availableSizes()}
    assert max(sizes) == 256 and 16 in sizes
    assert 512 in icons.APP_ICON_SIZES


def test_icons_are_drawn_at_the_size_asked_for_and_greyed_when_disabled(qtbot):
    """Icons are drawn from the SVG when shown (issue 18: pre-rendering 12 pixmaps per icon kept
    ~6.7 MiB in the window): any size and scale is crisp, and disabled controls grey them."""
    from PySide6.QtGui import QIcon

    ic = icons.svg_icon((icons.TABLER_DIR / "phone.svg").read_bytes().replace(b"currentColor", b"#c62828"))
    pm = ic.pixmap(QSize(24, 24), 1.5)  # 150 % scaling: 36 device pixels, not 24 scaled up
    assert (pm.width(), pm.devicePixelRatio()) == (36, 1.5)
    assert ic.pixmap(QSize(100, 100)).width() == 100
    normal = _middle_stroke_colour(ic)
    greyed = ic.pixmap(QSize(48, 48), QIcon.Mode.Disabled).toImage()
    grey = max((greyed.pixelColor(x, y) for x in range(48) for y in range(48)), key=lambda c: c.alpha())
    assert normal.red() > 150 and normal.green() < 80
    assert abs(grey.red() - grey.green()) < 40  # the style's disabled look has no red left
    assert {s.width() for s in ic.availableSizes()} == set(icons.ICON_SIZES)
