from __future__ import annotations

import pytest

from tests.ui.slow_jobs import gate, loop_errors  # noqa: F401 - fixtures: a slow store call, errors in Qt's loop
from whitephone.app import App
from whitephone.core.contact import CompanyLink, ContactData, Email, Phone


@pytest.fixture
def app(tmp_path):
    a = App.open(tmp_path / "profile")
    a.profile.region = "GB"
    a.contacts.region = "GB"
    yield a
    a.close()


@pytest.fixture
def restore_theme(qtbot):
    """For tests that change the theme: the application's style and palette put back afterwards
    (and the light theme in ui/theme.py). Yields the QApplication."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from whitephone.ui import theme

    qt = QApplication.instance()
    style, pal = qt.style().name(), QPalette(qt.palette())
    yield qt
    theme.apply("light")
    qt.setStyle(style)
    qt.setPalette(pal)


@pytest.fixture
def window(qtbot, app):
    from whitephone.ui.main_window import MainWindow

    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()


@pytest.fixture
def phone(qtbot, app):
    """The main window with its real engine (no sound devices) up."""
    from whitephone.ui.main_window import MainWindow

    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.start_engine(["--listen", "127.0.0.1:0", "--no-audio"])
    qtbot.waitUntil(lambda: w.calls.ready is not None, timeout=15000)
    yield w
    w.calls.windows.clear()  # nothing left to ask about at tear-down
    w.shutdown()


def call_window(qtbot, phone, answered: bool = False, timeout: int = 10000):
    """The first call window of `phone` once it shows (`answered`: once its call is answered too)."""
    windows = phone.calls.windows
    qtbot.waitUntil(lambda: bool(windows), timeout=timeout)
    w = next(iter(windows.values()))
    if answered:
        qtbot.waitUntil(lambda: w.answered_at is not None, timeout=timeout)
    return w


def add_people(app, n: int = 3) -> list[int]:
    names = [("Mary", "Smith", "+44 20 7946 0018"), ("Jan", "Kowalski", "+48 601 234 567"),
             ("Ana", "Souza", "+55 11 91234 5678")]
    ids = []
    for given, family, number in names[:n]:
        ids.append(app.contacts.add(ContactData(given_name=given, family_name=family, phones=[Phone(number)],
                                                emails=[Email(f"{given.lower()}@example.com")],
                                                companies=[CompanyLink("Acme Ltd", "Buyer")])))
    return ids


@pytest.fixture(scope="module")
def pa(tmp_path_factory):
    """A private PulseAudio server with a virtual microphone (`vmic`) and speaker (`spk`)."""
    from tests.sip import pulse

    server = pulse.start(tmp_path_factory.mktemp("pulse"))
    yield server
    pulse.stop(server)


@pytest.fixture
def pulse_phone(qtbot, app, pa, monkeypatch):
    """The main window with its engine on `pa`'s microphone and speaker."""
    from whitephone.ui.main_window import MainWindow

    for k in ("PULSE_SERVER", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(k, pa.env[k])
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    w.start_engine(["--listen", "127.0.0.1:0", "--mic", "pulse:vmic", "--speaker", "pulse:spk"])
    qtbot.waitUntil(lambda: w.calls.ready is not None, timeout=15000)
    yield w
    w.calls.windows.clear()
    w.shutdown()
