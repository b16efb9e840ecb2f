"""Starting the GUI: one instance per profile, QApplication, the App services, the main window."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys

log = logging.getLogger(__name__)


def _rss_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            return next(int(x.split()[1]) for x in f if x.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return 0.0


def _close_on_signals(qt_app, window) -> object:
    """SIGTERM/SIGINT (logout, kill, Ctrl+C) close the window like File → Quit, without the
    question about calls in progress (they are hung up): the engine is shut down cleanly and the
    instance lock released. Python only runs signal handlers between
    bytecodes, so the signal is also written to a socket that Qt watches."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    if not hasattr(signal, "SIGTERM") or sys.platform == "win32":
        return None
    r, w = socket.socketpair()
    r.setblocking(False)
    w.setblocking(False)
    signal.set_wakeup_fd(w.fileno(), warn_on_full_buffer=False)
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: None)
    notifier = QSocketNotifier(r.fileno(), QSocketNotifier.Type.Read, qt_app)

    def woke() -> None:
        try:
            r.recv(64)
        except OSError:
            pass
        window.end_session()

    notifier.activated.connect(woke)
    return r, w, notifier


def _settle_gc(qt_app, window):
    """Once start-up is over, freeze it for the garbage collector and run full collections only
    from a timer (whitephone/gcpolicy.py: a full collection caused by the sync worker stopped the
    main thread for up to 170 ms). Returns the timer."""
    from PySide6.QtCore import QTimer

    from whitephone import gcpolicy

    timer = QTimer(qt_app)
    timer.setInterval(gcpolicy.FULL_EVERY_MS)
    timer.timeout.connect(gcpolicy.collect_full)

    def after_attach(step, delay_ms: int = 3000) -> bool:
        """On a loaded machine the store can be attached after a timer below: its step then runs
        `delay_ms` after the attach instead (else start-up's allocations come after the freeze and
        the release, and the window idled ~15 MiB larger). True when it was put off."""
        if window.app is not None:
            return False
        window.attached.connect(lambda: QTimer.singleShot(delay_ms, step))
        return True

    def settle() -> None:
        if after_attach(settle):
            return
        if gcpolicy.settle_after_startup():
            timer.start()
        _release_idle_memory(window)

    QTimer.singleShot(3000, settle)  # after the first rows, the engine and the sign-in are up

    def after_sign_in() -> None:  # the sign-in's imports (httpx, the hub client) came after settle
        if after_attach(after_sign_in, 7000):
            return
        gcpolicy.drop_source_lines()
        gcpolicy.release_free_memory()
        _release_idle_memory(window)

    QTimer.singleShot(10_000, after_sign_in)
    timer.timeout.connect(lambda: _release_idle_memory(window))  # after a while in the tray

    def attached() -> None:  # the first sync after signing in read and wrote: its caches too
        window.team.team.signedIn.connect(lambda _info: QTimer.singleShot(2000, lambda: _release_idle_memory(window)))

    if window.app is not None:
        attached()
    else:
        window.attached.connect(attached)
    return timer


def _release_idle_memory(window) -> None:
    """The store's idle connections give back their page caches, then the heap what that freed
    (whitephone/gcpolicy.py), on the write worker: the main thread never waits on the store."""
    from whitephone import gcpolicy

    app = window.app
    if app is None or window.tasks is None:
        return

    def release() -> int:
        shrunk = app.store.release_memory()
        gcpolicy.release_free_memory()
        return shrunk

    window.tasks.write.submit(release, lambda _n: None,
                              lambda exc: log.info("idle memory not released: %s", exc))


def _after_first_rows(window, start, at_most_ms: int = 1000) -> None:
    """Run `start` once the address book shows its first rows (or after `at_most_ms`): the sign-in
    worker's Python (the embedded hub, httpx) would otherwise share the GIL with the first search
    and the first paint. The engine needs no such wait: it is another process."""
    from PySide6.QtCore import QTimer

    done = []

    def once(*_args) -> None:
        if not done:
            done.append(True)
            window.address_books.model.searchFinished.disconnect(once)
            start()

    window.address_books.model.searchFinished.connect(once)
    QTimer.singleShot(at_most_ms, window, once)


def run_gui(args: argparse.Namespace, call_uri: str | None = None) -> int:
    """Open the window, or hand the request (raise / dial `call_uri`) to the instance already
    running for this profile (whitephone/ui/single_instance.py)."""
    from whitephone.lean_imports import skip_optional_parts

    skip_optional_parts()
    from whitephone.ui.single_instance import SingleInstance, link_source, profile_root, send

    try:
        root = profile_root(getattr(args, "profile", None))
    except OSError as exc:
        print(json.dumps({"error": str(exc)}), file=sys.stderr)
        return 2
    instance = SingleInstance(root)
    if not instance.try_lock():
        request = {"action": "call", "uri": call_uri, "source": link_source()} if call_uri else {"action": "raise"}
        reply = send(root, request)
        if reply and reply.get("ok"):
            return 0
        print(json.dumps({"error": "WhitePhone is already running for this profile but does not answer"
                                   + (f": {reply['error']}" if reply and reply.get("error") else ""),
                          "profile": str(root)}), file=sys.stderr)
        return 1

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from whitephone.lean_imports import lighter_pyside_import_hook

    lighter_pyside_import_hook()  # before the rest is imported (whitephone/lean_imports.py)
    from whitephone import APP_NAME, __version__
    from whitephone.ui import crash_ui

    crash_logs = root / "logs"
    try:
        reporter = crash_ui.install(crash_logs)  # reports into the profile's logs (whitephone/crash.py)
    except OSError as exc:
        reporter = None
        log.warning("no crash reports: %s", exc)
    from whitephone.ui.main_window import MainWindow

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    instance.listen()
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationVersion(__version__)
    qt_app.setOrganizationName("WhitePhone")
    from whitephone.ui.icons import install_app_icon

    install_app_icon()
    from whitephone.profile import Profile
    from whitephone.ui.first_read import FirstRead

    app = None
    engine = not os.environ.get("WHITEPHONE_NO_ENGINE")
    try:
        profile = Profile.open(getattr(args, "profile", None))
        profile.keyring_in_child_process()  # the keyring not imported for the life of the window
        from whitephone.ui import i18n

        i18n.install(qt_app, profile.get(i18n.LANGUAGE_KEY))  # before any window is built
        from whitephone.ui import theme

        theme.apply(profile.get(theme.SETTING, "system"))  # Fusion and the light or dark palette
        # the first rows without SQLAlchemy (ui/first_read.py); None: open the store first
        first = None if os.environ.get("WHITEPHONE_NO_FIRST_READ") else FirstRead.open(profile)
        if first is None:
            from whitephone.app import App

            app = App.open(profile)
            window = MainWindow(app, engine=engine)
        else:
            window = MainWindow(None, engine=engine, first=first)
    except Exception as exc:  # noqa: BLE001 - tell the user instead of a traceback
        crash_ui.uninstall(reporter)
        return _cannot_open(exc, root, app, instance)
    opened: list = [app]
    instance.messageReceived.connect(window.handle_instance_request)
    # call windows and dialogs are top-level too: the app ends with the main window, not with
    # the last window (the main window may be hidden in the tray while a call window closes)
    qt_app.setQuitOnLastWindowClosed(False)
    window.closed.connect(qt_app.quit)
    from whitephone.ui import startup_probe

    startup_probe.install(window)  # benchmarks/startup.py's milestones, when asked for
    keep = _close_on_signals(qt_app, window)  # noqa: F841 - kept alive while the app runs
    from whitephone.ui import url_open

    url_open.install(qt_app, window)  # macOS: clicked tel:/sip: links arrive as QFileOpenEvent
    from PySide6.QtWidgets import QSystemTrayIcon

    from whitephone.ui.dialogs.startup_page import START_MINIMISED

    if not profile.get(START_MINIMISED, False):
        window.show()
    elif not QSystemTrayIcon.isSystemTrayAvailable():
        window.showMinimized()  # Preferences → Start-up, but no tray to hide in: on the task bar
    # else: hidden; the tray icon (created with the store) shows it
    QTimer.singleShot(1500, window, lambda: crash_ui.offer_reports(window, crash_logs))  # the last run's crash
    if first is not None:
        def open_store() -> None:
            """After the first rows are painted: SQLAlchemy and the store are imported and opened on
            the write worker (the main thread keeps painting and answering meanwhile), then the
            window attaches them (the other tabs are built when first shown: ui/lazy_tabs.py)."""

            def open_app():
                from whitephone.app import App

                opened[0] = App.open(profile)  # closed at the end even if the window is gone by then
                return opened[0]

            def failed(exc: BaseException) -> None:  # the same message as when opening first
                _cannot_open(exc, root, opened[0], None)
                opened[0] = window.app = None  # half attached: only the reader threads to stop
                qt_app.exit(2)

            def attach(app) -> None:
                opened[0] = app
                try:
                    window.attach(app)
                except Exception as exc:  # noqa: BLE001 - said to the user, as above
                    failed(exc)
                    return
                _after_first_rows(window, window.team.start)  # sign in again, or the first-run window
                _remember_phone_texts(window, profile)

            # the write worker: the reader may be waiting for the store (a search typed meanwhile)
            window.tasks.write.submit(open_app, attach, failed)
            try:  # the engine's process starts meanwhile (it needs the profile, not the store);
                window.start_engine_early(profile)  # attach hands it to the call controller
            except Exception as exc:  # noqa: BLE001 - attach then starts it the ordinary way
                log.warning("the call engine could not be started early: %s", exc)

        _after_first_rows(window, lambda: QTimer.singleShot(0, open_store), at_most_ms=300)
    else:
        _after_first_rows(window, window.team.start)  # sign in again, or the first-run window
        _after_first_rows(window, lambda: _remember_phone_texts(window, profile), at_most_ms=3000)
    gc_timer = _settle_gc(qt_app, window)  # noqa: F841 - kept alive while the app runs
    if call_uri:  # `whitephone call URI` with no instance running: ask, dial once the engine is ready
        source = link_source()
        QTimer.singleShot(0, lambda: window.handle_instance_request({"action": "call", "uri": call_uri,
                                                                     "source": source}))
    if os.environ.get("WHITEPHONE_BENCH_QUIT_WHEN_SHOWN"):  # benchmarks/ui.py: first rows on screen
        def shown(_n: int) -> None:
            rss = _rss_mb()
            print(f"shown rows={window.address_books.model.rowCount()} rss_mb={rss:.0f}", flush=True)
            QTimer.singleShot(0, qt_app.quit)

        window.address_books.model.searchFinished.connect(shown)
    code = qt_app.exec()
    window.shutdown()
    if opened[0] is not None:
        opened[0].close()
    instance.release()
    crash_ui.uninstall(reporter)  # a clean exit: no native crash file left behind
    return code


def _remember_phone_texts(window, profile) -> None:
    """The first page's numbers as phonenumbers writes them, for the next start (ui/first_read.py)."""
    from whitephone.ui.first_read import save_phone_texts

    numbers = [n for c in window.address_books.model.rows[:200] for n in c.phones]
    window.tasks.read.submit(lambda: save_phone_texts(profile, numbers), lambda _changed: None,
                             lambda exc: log.info("first rows' phone texts not saved: %s", exc))


def _cannot_open(exc: BaseException, root, app, instance) -> int:
    """The profile or its database cannot be used: say so (stderr and a message box), release."""
    from PySide6.QtWidgets import QMessageBox

    from whitephone import APP_NAME
    from whitephone.store.database import database_failure

    reason = database_failure(exc)
    text = (f"WhitePhone cannot use its database in {root}:\n{reason}" if reason is not None
            else f"WhitePhone could not open its data folder:\n{exc}")
    log.error("%s", text, exc_info=reason is None)
    print(json.dumps({"error": text.replace(":\n", ": ")}, ensure_ascii=False), file=sys.stderr)
    from PySide6.QtCore import QCoreApplication

    shown = (QCoreApplication.translate("StartUp", "WhitePhone cannot use its database in %1:\n%2") if reason is not None
             else QCoreApplication.translate("StartUp", "WhitePhone could not open its data folder:\n%2"))
    QMessageBox.critical(None, APP_NAME, shown.replace("%1", str(root)).replace("%2", str(reason or exc)))
    if app is not None:
        app.close()
    if instance is not None:
        instance.release()
    return 2
