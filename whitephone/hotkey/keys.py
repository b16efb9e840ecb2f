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
