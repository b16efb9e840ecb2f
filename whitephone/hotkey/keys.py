"""A key sequence as Qt writes it in PortableText ("Ctrl+Alt+F9", "Meta+Shift+A") read into
modifiers and a key name."""

from __future__ import annotations

from dataclasses import dataclass

from whitephone.hotkey import HotkeyError

MODIFIERS = {"ctrl": "ctrl", "alt": "alt", "shift": "shift", "meta": "super"}


@dataclass(frozen=True)
class Hotkey:
    key: str  # "F9", "A", "1", "Space", "Pause", ... (Qt's PortableText name)
    modifiers: frozenset[str]  # of "ctrl", "alt", "shift", "super"


def parse_hotkey(text: str) -> Hotkey:
    """One key combination; a sequence of several (Ctrl+K, Ctrl+X) or none is refused."""
    text = (text or "").strip()
    if not text or "," in text.replace("+,", ""):
        raise HotkeyError("sequence", "Choose one key combination for the hotkey.")
    if text.endswith("++") or text == "+":  # "Ctrl++": the plus key
        mods, key = [m for m in text[:-2].split("+") if m], "+"
    else:
        *mods, key = text.split("+")
    wanted = set()
    for m in mods:
        if m.lower() not in MODIFIERS:
            raise HotkeyError("sequence", f"Unknown modifier key: {m}.")
        wanted.add(MODIFIERS[m.lower()])
    if not key:
        raise HotkeyError("sequence", "Choose one key combination for the hotkey.")
    return Hotkey(key, frozenset(wanted))


# keys that may be a global hotkey alone: no program types them
ALONE = {"Pause", "ScrollLock", "Media Play", "Media Pause", "Toggle Media Play/Pause", "Media Stop",
         "Media Next", "Media Previous"}


def check_global(hotkey: Hotkey) -> None:
    """A global hotkey takes its key from every program of the desktop: one with neither Ctrl,
    Alt nor Super would take a letter, a digit or Enter from all of them, so it is refused
    (HotkeyError "bare"), except F-keys, Pause, Scroll Lock and media keys."""
    if hotkey.modifiers & {"ctrl", "alt", "super"}:
        return
    key = hotkey.key
    if key in ALONE or (key[:1] == "F" and key[1:].isdigit() and 1 <= int(key[1:]) <= 35):
        return
    raise HotkeyError("bare", "A global hotkey needs Ctrl, Alt or Super (except F-keys, Pause and media keys): "
                              "a key alone would be taken from every program.")
