"""150 % and 200 % scaling: contact photos were scaled to the card's size in
logical pixels (80 × 100) with a device pixel ratio of 1, then Qt blows them up ×1.5 / ×2 on the
screen: blurry, although the stored photo has the pixels for a sharp one. They are now drawn at the
device pixel ratio, like the icons (ui/photo_pixmap.py).

Qt's scale is fixed when the application starts: the check runs in a process of its own with
QT_SCALE_FACTOR set, as `make screenshots` does for screenshots/200."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QApplication
    qt = QApplication(sys.argv[:1])
    from whitephone.core.contact import ContactData
    from whitephone.ui.contact_card import ContactCard

    img = QImage(200, 250, QImage.Format.Format_RGB32)  # as core/photo.py keeps them (≤ 200 × 300)
    img.fill(QColor("#336699"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    card = ContactCard("GB")
    card.resize(400, 500)
    card.show_contact(ContactData(given_name="Mary", family_name="Smith", photo=bytes(data), photo_mime="image/png"))
    card.show()
    qt.processEvents()
    from PySide6.QtWidgets import QLabel
    shown = [lb.pixmap() for lb in card.findChildren(QLabel) if not lb.pixmap().isNull()]
    pm = shown[0]
    print(card.devicePixelRatioF(), pm.width(), pm.height(), pm.devicePixelRatio())
""")


@pytest.mark.parametrize("scale", ["1.5", "2"])
def test_contact_card_photo_is_sharp_when_scaled(scale):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    ratio, width, height, pm_ratio = out.stdout.split()[-4:]
    ratio = float(ratio)
    assert ratio == float(scale)
    # the photo is 80 logical pixels wide on the card: it needs 80 × ratio device pixels
    assert int(width) >= round(80 * ratio) - 1 and float(pm_ratio) == ratio, (
        f"at {scale}×: a {width}×{height} pixmap of ratio {pm_ratio} is stretched over {round(80 * ratio)} pixels")
