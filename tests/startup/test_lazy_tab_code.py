"""The CRM and Messages tabs' code (record window, tab widgets, announcement dialogs: ~0.4 MiB)
and hidapi are not loaded by the attached window at idle (issue 18); they load when first used.
The real window on a real profile's store, in a child process (its sys.modules is its own)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.startup.profiles import profile_with_a_contact

LAZY = ("whitephone.ui.crm_window", "whitephone.ui.tabs.crm", "whitephone.ui.tabs.messages",
        "whitephone.ui.dialogs.announcements")

CHILD = textwrap.dedent("""
    import sys, time
    from PySide6.QtWidgets import QApplication
    qapp = QApplication([])
    from whitephone.app import App
    from whitephone.ui.main_window import MainWindow, TAB_NAMES
    app = App.open(sys.argv[1])
    w = MainWindow(app)
    w.show()
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        qapp.processEvents()
        time.sleep(0.02)
    lazy = sys.argv[2].split(",")
    print("idle:", sorted(m for m in [*lazy, "hid"] if m in sys.modules), flush=True)
    for name in ("CRM", "Messages"):
        w.tabs.setCurrentIndex(TAB_NAMES.index(name))
        qapp.processEvents()
    w.crm.open(record_uid=None, new=True)
    w.messages.permissions_changed({})
    qapp.processEvents()
    print("used:", sorted(m for m in lazy if m in sys.modules), flush=True)
    w.shutdown()
    app.close()
""")


def test_crm_and_messages_code_loads_when_first_used(tmp_path):
    profile, env = profile_with_a_contact(tmp_path)
    out = subprocess.run([sys.executable, "-c", CHILD, str(profile), ",".join(LAZY)], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = [x for x in out.stdout.splitlines() if x.startswith(("idle:", "used:"))]
    assert lines == ["idle: []", f"used: {sorted(LAZY)}"], out.stdout + out.stderr
