"""Plain text shown inside Qt rich text: `escape`, `rich_label` (a label that always reads rich
text) and `plain_tooltip`. `escape` does what the standard library's `html.escape` does
(& < > " '); the window does not import `html` for it: that module loads `html.entities`, a table
of 2 200 named characters (~0.35 MiB at idle, issue 18) that only its `unescape` reads."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # "&" first
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def plain_tooltip(text: str) -> str:
    """A tool tip that shows `text` as written: Qt takes a tip that looks like HTML ("<b>Urgent</b>",
    "<img src=x>") as rich text, so a note or message pasted from an e-mail lost its tags."""
    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>" if text else ""


def rich_label(text: str = "") -> QLabel:
    """A label that always reads its text as rich text: escaped text alone ("Smith &amp; Sons", no
    tag) is otherwise taken as plain and shown with its codes."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label
