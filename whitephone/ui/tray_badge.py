"""The tray icon's badges, drawn onto the application icon: a red count (missed calls plus unread
messages) top right, and a dot bottom right in the registration colour (ui/account_status.py)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

SIZES = (16, 22, 24, 32, 48, 64)
BADGE_COLOUR = "#d32f2f"


def badge_text(count: int) -> str:
    return "" if count <= 0 else ("99+" if count > 99 else str(count))


def draw(base: QIcon, size: int, count: int, status_colour: str | None) -> QPixmap:
    """One size of the badged icon (device pixels = `size`)."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    base.paint(p, 0, 0, size, size)
    outline = QPen(QColor("white"), max(1.0, size / 16))
    if status_colour:
        d = size * 0.38
        p.setPen(outline)
        p.setBrush(QColor(status_colour))
        p.drawEllipse(QRectF(size - d - 0.5, size - d - 0.5, d, d))
    text = badge_text(count)
    if text:
        h = size * (0.5 if size < 32 else 0.45)
        w = max(h, h * (0.45 + 0.32 * len(text)))
        rect = QRectF(size - w, 0, w, h)
        p.setPen(outline)
        p.setBrush(QColor(BADGE_COLOUR))
        p.drawRoundedRect(rect, h / 2, h / 2)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(6, int(h * (0.72 if len(text) == 1 else 0.6))))
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return pm


def badged_icon(base: QIcon, count: int = 0, status_colour: str | None = None) -> QIcon:
    """`base` with the count badge and the status dot, in the tray's usual sizes."""
    if count <= 0 and not status_colour:
        return base
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(draw(base, size, count, status_colour))
    return icon
