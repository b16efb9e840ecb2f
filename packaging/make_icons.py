"""Generate WhitePhone's application icon files from whitephone/ui/icons/whitephone.svg.

    python packaging/make_icons.py [OUT]        (default OUT: build/icons)

writes OUT/hicolor/SIZExSIZE/apps/whitephone.png for 16…512 px, OUT/hicolor/scalable/apps/
whitephone.svg, OUT/whitephone.ico (Windows installer and .exe) and OUT/whitephone.icns (macOS
.app). QtSvg renders the SVG (no other tool needed); Pillow packs the .ico and .icns.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "build" / "icons"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtGui import QGuiApplication

    from whitephone.ui.icons import APP_ICON_SIZES, APP_ICON_SVG, render_app_icon_png

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QPixmap needs it
    pngs = {}
    for size in APP_ICON_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / "whitephone.png"
        render_app_icon_png(size, path)
        pngs[size] = path
    scalable = out / "hicolor" / "scalable" / "apps" / "whitephone.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(APP_ICON_SVG, scalable)
    from PIL import Image

    big = Image.open(pngs[256])
    big.save(out / "whitephone.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    Image.open(pngs[512]).save(out / "whitephone.icns")
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
