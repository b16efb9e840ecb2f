# PyInstaller run-time hook in place of PyInstaller's own pyi_rth_pyside6 (whitephone.spec drops it):
# the same Qt plugin and QML paths, without importing PySide6.QtCore. Theirs imports QtCore in every
# process of the bundle to check for an embedded qt.conf, so the engine (`whitephone agent`), the hub
# (`whitephone server`) and every CLI command mapped Qt's core library and PySide6's bindings: the
# engine idled at 45 MiB instead of 33 (issue 18). PySide6's PyPI wheels embed their own qt.conf when
# QtCore is imported (the window), so nothing else is needed here.
import os
import sys


def _qt_paths() -> None:
    qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform.startswith("win") else \
        os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt, "qml")
    if sys.platform.startswith("win"):  # QtNetwork finds OpenSSL DLLs collected beside the executable
        os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")


if sys.platform != "darwin":  # macOS keeps PyInstaller's own hook (whitephone.spec)
    _qt_paths()
del _qt_paths
