"""Contact photos drawn sharp at 150 % and 200 %: scaled to the label's size in device pixels
(logical size × the widget's device pixel ratio) and marked with that ratio, so Qt draws them
1:1 instead of stretching a 1× picture."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap


def photo_pixmap(data: bytes, width: int, height: int, widget) -> QPixmap:
    """The photo `data` fitted into `width` × `height` logical pixels of `widget`'s screen
    (aspect kept); a null pixmap when the data is not an image."""
    pm = QPixmap()
    if not pm.loadFromData(data):
        return QPixmap()
    ratio = max(1.0, widget.devicePixelRatioF())
    out = pm.scaled(round(width * ratio), round(height * ratio), Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation)
    out.setDevicePixelRatio(ratio)
    return out
