"""The tray icon's badges and status dot (ui/tray_badge.py), and Preferences → Start-up:
start minimised, start at login (whitephone/autostart.py; the XDG file is the one testable here)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtGui import QColor

from whitephone import autostart
from whitephone.core.accounts import SipAccount
from whitephone.ui import theme
from whitephone.ui.account_status import COLORS
from whitephone.ui.tray import Tray, app_icon
from whitephone.ui.tray_badge import badge_text, badged_icon, draw


def colour_at(pm, x: int, y: int) -> QColor:
    return pm.toImage().pixelColor(x, y)


def reddish(c: QColor) -> bool:
    return c.red() > 150 and c.green() < 90 and c.blue() < 90


def test_badge_and_dot_are_drawn_on_the_icon(qapp):
    base = app_icon()
    assert badged_icon(base) is base  # nothing to say: the plain icon
    for size in (16, 32, 64):
        pm = draw(base, size, 3, theme.colour(COLORS["ok"]))
        top_right = colour_at(pm, size - max(2, size // 8), size // 5)
        bottom_right = colour_at(pm, size - size // 5, size - size // 5)
        assert reddish(top_right), (size, top_right.name())
        assert bottom_right.green() > 100 and bottom_right.red() < 100, (size, bottom_right.name())
        plain = draw(base, size, 0, None)
        assert not reddish(colour_at(plain, size - max(2, size // 8), size // 5))
    assert badge_text(0) == "" and badge_text(7) == "7" and badge_text(250) == "99+"


def test_tray_icon_carries_the_counts_and_the_registration_state(qtbot, window):
    t = Tray(window)  # built directly: offscreen has no tray to show it in
    window.tray = t

    def top_right():
        return colour_at(t.icon.icon().pixmap(32, 32), 28, 6)

    assert not reddish(top_right())
    window._show_missed(2)
    assert reddish(top_right())
    window._show_missed(0)
    window.messages._show_unread(5)
    assert reddish(top_right()) and "5 unread message" in t.icon.toolTip()
    window.messages._show_unread(0)
    assert not reddish(top_right())
    acc = SipAccount(id="a1", uri="sip:alice@pbx.example", registrar="sip:pbx.example")
    window.account_status.set_accounts([acc], "udp")
    assert t.status == ("pending", theme.colour(COLORS["pending"])) and "registering" in t.icon.toolTip()
    window.account_status.on_event({"event": "registration_failed", "account": "a1", "code": 403,
                                    "reason": "Forbidden"})
    assert t.status[0] == "failed" and "not registered" in t.icon.toolTip()
    dot = colour_at(t.icon.icon().pixmap(32, 32), 26, 26)
    assert dot.name() == QColor(theme.colour(COLORS["failed"])).name()


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    monkeypatch.setattr(autostart.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "autostart" / "whitephone.desktop"


def test_xdg_autostart_file(xdg, tmp_path):
    assert not autostart.is_enabled()
    cmd = ["/opt/White Phone/whitephone", "--profile", str(tmp_path / "my profile $HOME 100%")]
    assert autostart.enable(cmd) == xdg and autostart.is_enabled()
    text = xdg.read_text()
    assert 'Exec="/opt/White Phone/whitephone" --profile "' in text and "\\$HOME 100%%" in text
    if shutil.which("desktop-file-validate"):
        r = subprocess.run(["desktop-file-validate", str(xdg)], capture_output=True, text=True)
        assert r.returncode == 0 and not r.stdout.strip(), r.stdout
    autostart.disable()
    assert not xdg.exists() and not autostart.is_enabled()
    autostart.disable()  # already off: nothing to do


def test_autostart_in_a_read_only_place_says_why(xdg, tmp_path):
    (tmp_path / "config").write_text("a file where the folder should be")
    with pytest.raises(autostart.AutostartError, match="cannot turn start at login on"):
        autostart.enable(["whitephone"])


def test_launch_command_names_a_non_default_profile(tmp_path):
    cmd = autostart.launch_command(tmp_path)
    assert cmd[-2:] == ["--profile", str(tmp_path)]
    assert "--profile" not in autostart.launch_command(None)


def test_preferences_start_up_page(qtbot, window, app, xdg, monkeypatch):
    from whitephone.ui.dialogs.preferences import PreferencesDialog
    from whitephone.ui.dialogs.startup_page import START_MINIMISED

    dlg = PreferencesDialog(app, window)
    qtbot.addWidget(dlg)
    page = dlg.startup
    assert not page.minimised.isChecked() and not page.at_login.isChecked()
    page.minimised.setChecked(True)
    page.at_login.setChecked(True)
    dlg.accept()
    assert app.profile.get(START_MINIMISED) is True
    text = xdg.read_text()
    assert f"--profile {app.profile.root}" in text or f'--profile "{app.profile.root}"' in text
    dlg2 = PreferencesDialog(app, window)
    qtbot.addWidget(dlg2)
    assert dlg2.startup.minimised.isChecked() and dlg2.startup.at_login.isChecked()
    dlg2.startup.at_login.setChecked(False)
    dlg2.startup.minimised.setChecked(False)
    dlg2.accept()
    assert not xdg.exists() and app.profile.get(START_MINIMISED) is False
