"""What a note's box holds once its note is saved: the save runs on the writer thread, and the
user may type on meanwhile (the CRM window's notes, a contact timeline's private notes)."""

from __future__ import annotations


def left_after_save(now: str, typed: str, saved: str) -> str | None:
    """The box's new text, given what it holds `now`, what it held when the save was asked for
    (`typed`) and the note saved from that (`saved`, stripped): "" when nothing was typed since,
    what was typed after the note, or None (the user edited the note's own text: leave the box)."""
    if now == typed or now.strip() == saved:
        return ""
    if now.startswith(typed):
        return now[len(typed):].lstrip()
    return None
