"""`make screenshots`: every main screen with demo data, rendered to PNG (offscreen Qt)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def _settle(app, ms: int = 300) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def render(out_dir: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from whitephone.app import App
    from whitephone.demo import create_demo
    from whitephone.ui.dialogs.contact_editor import ContactEditor
    from whitephone.ui.dialogs.import_wizard import ImportWizard
    from whitephone.ui.dialogs.preferences import PreferencesDialog
    from whitephone.ui.main_window import TAB_NAMES, MainWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = App.open(Path(tmp) / "profile")
        app.profile.region = "GB"
        app.contacts.region = "GB"
        create_demo(app)
        win = MainWindow(app)
        win.resize(1360, 820)
        win.show()
        _settle(qt, 600)

        def shot(widget, name: str) -> None:
            _settle(qt, 250)
            path = out_dir / f"{name}.png"
            widget.grab().save(str(path))
            written.append(path)

        for i, name in enumerate(TAB_NAMES):
            win.tabs.setCurrentIndex(i)
            shot(win, f"tab-{i + 1}-{name.lower().replace(' ', '-')}")
        win.tabs.setCurrentWidget(win.address_books)
        win.address_books.search.setText("Müller")
        _settle(qt, 600)
        win.address_books.table.selectRow(0)
        shot(win, "contact-card")
        win.address_books.search.setText("%ski")
        _settle(qt, 600)
        shot(win, "search-operators")
        win.address_books.search.clear()
        _settle(qt, 400)

        hits = app.contacts.search("Müller", limit=1)
        editor = ContactEditor(app.store.contacts.get(hits[0].id), app.store.books.list(), "GB",
                               app.store.contacts.custom_fields(), win)
        editor.show()
        shot(editor, "contact-editor")
        editor.close()

        sample = Path(tmp) / "google-export.vcf"
        from whitephone.importers import export_contacts

        export_contacts(app.store, sample, "vcf3", app.store.books.by_name("Personal").id)
        wiz = ImportWizard(app, win.tasks, win, paths=[sample])
        wiz.show()
        shot(wiz, "import-wizard-1-files")
        wiz.next()
        shot(wiz, "import-wizard-2-preview")
        wiz.close()

        from whitephone.ui.calls import CallWindow, IncomingCallWindow

        mary = app.store.contacts.get(hits[0].id)
        history = app.store.calls.list()[:3]
        ringing = IncomingCallWindow(None, 0, mary.best_display_name(),
                                     "+49 1512 3456847 — Lucerne Publishing", history)
        ringing.show()
        shot(ringing, "call-incoming")
        ringing.close()
        call = CallWindow(None, 0, mary.best_display_name(), "+49 1512 3456847")
        for ev in ({"event": "state", "state": "confirmed"},
                   {"event": "media", "status": "active", "codec": "G722", "clock_rate": 16000}):
            call.on_event(ev)
        call.show()
        shot(call, "call-window")
        call.close()

        prefs = PreferencesDialog(app, win)
        prefs.show()
        shot(prefs, "preferences")
        prefs.close()

        empty = App.open(Path(tmp) / "empty")
        win2 = MainWindow(empty)
        win2.resize(1360, 820)
        win2.show()
        win2.tabs.setCurrentWidget(win2.address_books)
        shot(win2, "empty-address-book")
        win2.close()
        win2.shutdown()
        empty.close()
        win.close()
        win.shutdown()
        app.close()
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    for p in render(out):
        print(p)
