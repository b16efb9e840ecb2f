"""Start at login (Preferences → Start-up), without Qt: Linux and other XDG desktops get a
`.desktop` file in `$XDG_CONFIG_HOME/autostart`, Windows a value under the HKCU Run key, macOS a
LaunchAgent plist in ~/Library/LaunchAgents. `launch_command()` is how this copy is started."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

NAME = "WhitePhone"
DESKTOP_FILE = "whitephone.desktop"
LAUNCH_AGENT = "org.whitephone.WhitePhone"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class AutostartError(OSError):
    """Start at login could not be switched (a read-only folder, no registry access)."""


def launch_command(profile: Path | str | None = None) -> list[str]:
    """The installed program (a PyInstaller bundle's executable, else the `whitephone` script on
    PATH, else this Python with `-m whitephone`), with `--profile` for a profile other than the
    default one."""
    if getattr(sys, "frozen", False):
        cmd = [sys.executable]
    elif (script := shutil.which("whitephone")) is not None:
        cmd = [script]
    else:
        cmd = [sys.executable, "-m", "whitephone"]
    if profile is not None:
        cmd += ["--profile", str(profile)]
    return cmd


# -- Linux and other XDG desktops ---------------------------------------------------------

def xdg_autostart_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart"


def _desktop_exec(cmd: list[str]) -> str:
    """An Exec= value: each argument quoted per the Desktop Entry spec (\" ` $ \\ escaped)."""
    def quote(arg: str) -> str:
        if arg and all(c.isalnum() or c in "-_./=:+,@" for c in arg):
            return arg
        return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'

    return " ".join(quote(a).replace("%", "%%") for a in cmd)


def desktop_entry(cmd: list[str]) -> str:
    return "\n".join([
        "[Desktop Entry]", "Type=Application", f"Name={NAME}", "Comment=Softphone and CRM",
        f"Exec={_desktop_exec(cmd)}", "Icon=whitephone", "Terminal=false",
        "X-GNOME-Autostart-enabled=true", ""])


# -- the three platforms ------------------------------------------------------------------

def _platform() -> str:
    return "windows" if sys.platform == "win32" else "macos" if sys.platform == "darwin" else "xdg"


def is_enabled() -> bool:
    kind = _platform()
    if kind == "windows":  # pragma: no cover - Windows only
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, NAME)
            return True
        except OSError:
            return False
    return _file().exists()


def _file() -> Path:
    if _platform() == "macos":
        return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT}.plist"
    return xdg_autostart_dir() / DESKTOP_FILE


def enable(cmd: list[str]) -> Path | None:
    """Start `cmd` at login; the file written (None on Windows: a registry value)."""
    kind = _platform()
    try:
        if kind == "windows":  # pragma: no cover - Windows only
            import winreg

            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.SetValueEx(key, NAME, 0, winreg.REG_SZ, subprocess.list2cmdline(cmd))
            return None
        path = _file()
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "macos":  # pragma: no cover - macOS only
            import plistlib  # here: it loads the XML parser, and the window imports this module at start

            data = plistlib.dumps({"Label": LAUNCH_AGENT, "ProgramArguments": cmd, "RunAtLoad": True,
                                   "ProcessType": "Interactive"})
        else:
            data = desktop_entry(cmd).encode("utf-8")
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return path
    except OSError as exc:
        raise AutostartError(f"cannot turn start at login on: {exc.strerror or exc}") from exc


def disable() -> None:
    kind = _platform()
    try:
        if kind == "windows":  # pragma: no cover - Windows only
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                    winreg.DeleteValue(key, NAME)
            except FileNotFoundError:
                pass
            return
        _file().unlink(missing_ok=True)
    except OSError as exc:
        raise AutostartError(f"cannot turn start at login off: {exc.strerror or exc}") from exc


def command_line(cmd: list[str]) -> str:
    """For messages: the command as a shell would read it."""
    import shlex

    return subprocess.list2cmdline(cmd) if _platform() == "windows" else shlex.join(cmd)
