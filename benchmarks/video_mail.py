"""Video mail figures (issue 14): 30 s at 640x480, 25 frames/s, with 48 kHz mono sound, encoded by
QtMultimedia (MPEG-4 Part 2 + AAC in MP4) from generated frames fed through QVideoFrameInput /
QAudioBufferInput (this machine has no camera): encode time, file size, and the process's CPU
while recording (CPU seconds / wall seconds; the frames are made in the same process, so this is
an upper bound for the encoder). Frames are fed as fast as the recorder takes them, so the encode
time is how much faster than real time the encoder runs here.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/video_mail.py [--seconds 30] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402


def frames(n: int, width: int, height: int):
    from PySide6.QtGui import QColor, QImage, QPainter

    for i in range(n):  # a moving picture, so the encoder has real work (not one flat colour)
        img = QImage(width, height, QImage.Format.Format_RGBA8888)
        img.fill(QColor.fromHsv((i * 3) % 360, 160, 200))
        p = QPainter(img)
        p.fillRect((i * 8) % width, height // 3, 120, 120, QColor("white"))
        p.drawText(20, 40, f"frame {i}")
        p.end()
        yield img


def one_run(seconds: int, fps: int, width: int, height: int, folder: Path) -> tuple[float, float, int]:
    from PySide6.QtCore import QEventLoop, QTimer

    from whitephone.ui.video_mail import FrameFeed

    rate = 48000
    t = np.arange(seconds * rate) / rate
    audio = (0.2 * 32767 * np.sin(2 * np.pi * 220 * t) * (1 + np.sin(2 * np.pi * 2 * t)) / 2).astype("<i2").tobytes()
    path = folder / "video-mail.mp4"
    feed = FrameFeed()
    loop = QEventLoop()
    result: dict = {}
    feed.finished.connect(lambda p: (result.setdefault("path", p), loop.quit()))
    feed.failed.connect(lambda why: (result.setdefault("error", why), loop.quit()))
    QTimer.singleShot(600_000, loop.quit)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    feed.record(path, frames(seconds * fps, width, height), fps=fps, audio=audio, rate=rate, width=width,
                height=height)
    loop.exec()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    if "path" not in result:
        raise SystemExit(f"recording failed: {result.get('error', 'timed out')}")
    return wall, cpu, path.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--fps", type=int, default=25)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    print(f"video mail: {args.seconds} s at 640x480, {args.fps} frames/s, AAC 48 kHz mono "
          f"(figures are noisy: 2 cores shared with other work)")
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            wall, cpu, size = one_run(args.seconds, args.fps, 640, 480, Path(tmp))
        print(f"  run {i + 1}: encode {wall:.1f} s ({args.seconds / wall:.1f}x real time), "
              f"size {size / 1e6:.2f} MB ({size * 8 / args.seconds / 1000:.0f} kbit/s), "
              f"CPU {cpu:.1f} s: {100 * cpu / args.seconds:.0f} % of one core when recorded in real time "
              f"({100 * cpu / wall:.0f} % while fed flat out)")


if __name__ == "__main__":
    main()
