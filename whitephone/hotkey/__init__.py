"""A global hotkey (works while another program has the focus), in plain Python: no Qt here.

`keys.py` reads a key sequence ("Ctrl+Alt+F9", as Qt writes it) into modifiers and a key;
`x11.py` grabs it on the X server (XGrabKey through libX11 with ctypes) and `windows.py` with
RegisterHotKey. Each grabber runs on a thread of its own and calls `on_press()` there.
Wayland and macOS give no such grab to an ordinary program: see `ui/global_hotkey.py`.
"""


class HotkeyError(Exception):
    """The hotkey cannot be had. `kind` says why, for the window's translated sentence:
    "sequence" (not one key combination), "bare" (no Ctrl, Alt or Super on a key that programs
    type), "taken" (another program has it), "no_key" (no such key on this keyboard),
    "no_display", "no_library", "old_library" (libX11 before 1.7), "refused"; the message is the English
    sentence (logs)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
