"""Messages figures (issue 14): send -> the recipient's inbox row, for text and for a 60 s voice
mail; voice mail Stop -> sent for 60 s of speech, its size and PESQ.

    .venv/bin/python benchmarks/messages.py [--db URL] [--text 50] [--voice 10]

Starts the hub (`whitephone server`, the embedded launcher) on a free loopback port and drives two
headless clients (profile + store + Session + SyncEngine with its worker and WebSocket running:
what the window uses) in this process. Prints figures; asserts nothing. Figures on a shared,
busy machine are noisy.

- send -> row: Alice's store queues the message (`queue_text` / `queue_voice` with an Ogg Opus
  file already encoded); measured until the row is in Bob's store (what the Messages tab reads).
  Alice's worker notices the queued row (it looks twice a second, as the window's does), uploads
  the attachment, sends; the hub's live `message` event wakes Bob's worker, which pulls the inbox.
- Stop -> sent: (a) the recording was encoded while it was made (`voice_mail.OpusWriter` fed 20 ms
  blocks, what the recorder does): Stop closes the file, then the upload and the send; the
  encoder's CPU time during the 60 s is printed too; (b) a WAV of 60 s encoded after Stop
  (`message send --voice FILE.wav`). Measured until the message's status is "sent".
  Size of the Ogg Opus file and wide-band PESQ of the decoded file against the WAV.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

from whitephone.core import voice_mail  # noqa: E402
from whitephone.profile import Profile  # noqa: E402
from whitephone.store import Store  # noqa: E402
from whitephone.sync.embedded_hub import EmbeddedHub  # noqa: E402
from whitephone.sync.engine import SyncEngine  # noqa: E402
from whitephone.sync.session import Session  # noqa: E402

PASSWORD = "password123"
SENTENCES = ("The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background. "
             "It is easy to tell the depth of a well. These days a chicken leg is a rare dish. "
             "Rice is often served in round bowls. ")


class Client:
    def __init__(self, root: Path) -> None:
        self.profile = Profile.open(root)
        self.store = Store(self.profile.db_path)
        self.session = Session(self.profile, self.store)
        self.engine = SyncEngine(self.store, self.session, pull_interval=30)

    def close(self) -> None:
        self.engine.stop()
        self.store.close()


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def speech(folder: Path, seconds: float) -> Path:
    """`seconds` of 16 kHz speech (espeak-ng, sox), peak -6 dBFS."""
    raw, wav = folder / "raw.wav", folder / f"speech{int(seconds)}.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(raw), SENTENCES * 6], check=True)
    subprocess.run(["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav), "gain", "-n", "-6",
                    "trim", "0", str(seconds)], check=True)
    return wav


def wait_rows(store: Store, n: int, timeout: float = 60, sender=None) -> None:
    deadline = time.monotonic() + timeout
    while store.messages.count() < n:
        if time.monotonic() > deadline:
            if sender is not None:
                print(sender.engine.status(), [(m.status, m.error) for m in sender.store.messages.list()[:3]])
            raise TimeoutError("message not delivered")
        time.sleep(0.002)


def wait_sent(store: Store, message_id: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while store.messages.get(message_id).status != "sent":
        if time.monotonic() > deadline:
            raise TimeoutError(store.messages.get(message_id).error or "not sent")
        time.sleep(0.002)


def show(name: str, xs: list[float]) -> None:
    print(f"{name}: n={len(xs)} median {statistics.median(xs) * 1000:.0f} ms, p95 {pct(xs, 95) * 1000:.0f} ms, "
          f"max {max(xs) * 1000:.0f} ms", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=None, help="the hub's database URL (default: SQLite in a temporary folder)")
    ap.add_argument("--text", type=int, default=50)
    ap.add_argument("--voice", type=int, default=10)
    args = ap.parse_args()
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        sys.exit("needs espeak-ng and sox")
    tmp = Path(tempfile.mkdtemp(prefix="wp-bench-messages-"))
    hub = EmbeddedHub(tmp / "hub", db_url=args.db)
    url = hub.start()
    a, b = Client(tmp / "a"), Client(tmp / "b")
    try:
        a.session.register(url, "Acme", "Alice", "alice@example.com", PASSWORD)
        a.session.ensure().request("POST", "/api/v1/users", json={"name": "Bob", "email": "bob@example.com",
                                                                  "password": PASSWORD})
        b.session.login(url, "bob@example.com", PASSWORD)
        a.engine.sync_once()
        b.engine.sync_once()
        a.engine.start()
        b.engine.start()
        a.engine.wait_connected(10)
        b.engine.wait_connected(10)

        wav = speech(tmp, 60.0)
        ref, rate = voice_mail.decode(wav)
        print(f"speech: {len(ref) / rate:.1f} s at {rate} Hz, WAV {wav.stat().st_size} bytes", flush=True)

        # voice mail: Stop -> sent. (a) encoded while recording (OpusWriter fed 20 ms blocks, as the
        # recorder does): Stop closes the file, then upload + send; (b) a WAV encoded after Stop.
        stops = []
        for i in range(3):
            w = voice_mail.OpusWriter(tmp / f"rec{i}.ogg", rate)
            t_rec = time.process_time()
            for k in range(0, len(ref), 320):
                w.write(ref[k:k + 320])
            cpu = time.process_time() - t_rec
            t0 = time.perf_counter()
            enc = w.close()
            m = a.store.messages.queue_voice(["bob@example.com"], enc.path)
            wait_sent(a.store, m.id)
            stops.append((time.perf_counter() - t0, cpu))
        print("voice mail Stop -> sent, encoded while recording (60 s speech): " + ", ".join(
            f"{t * 1000:.0f} ms" for t, _ in stops) + f"; encoding CPU while recording {stops[0][1]:.2f} s "
            f"per 60 s ({stops[0][1] / 60 * 100:.1f} % of a core)", flush=True)
        t0 = time.perf_counter()
        m = a.store.messages.queue_voice(["bob@example.com"], wav)
        t_enc = time.perf_counter() - t0
        wait_sent(a.store, m.id)
        print(f"voice mail Stop -> sent, WAV encoded after Stop: {(time.perf_counter() - t0) * 1000:.0f} ms "
              f"(encode {t_enc * 1000:.0f} ms)", flush=True)
        n = 4  # voice mails sent above
        ogg = Path(m.attachment["path"])
        deg, rate2 = voice_mail.decode(ogg)
        from pesq import pesq

        k = min(len(ref), len(deg))
        score = pesq(16000, ref[:k].astype(float), deg[:k].astype(float), "wb")
        print(f"voice mail: {ogg.stat().st_size} bytes Ogg Opus ({ogg.stat().st_size * 8 / 60 / 1000:.1f} kbit/s), "
              f"PESQ WB {score:.2f}", flush=True)

        wait_rows(b.store, n)
        time.sleep(1)
        # send -> row, text
        lat = []
        for i in range(args.text):
            n = b.store.messages.count()
            t0 = time.perf_counter()
            a.store.messages.queue_text(["bob@example.com"], f"text {i}")
            wait_rows(b.store, n + 1, sender=a)
            lat.append(time.perf_counter() - t0)
        show("text send -> recipient's row", lat)

        # send -> row, 60 s voice mail (already encoded: what Stop leaves)
        lat = []
        for _ in range(args.voice):
            n = b.store.messages.count()
            t0 = time.perf_counter()
            a.store.messages.queue_voice(["bob@example.com"], ogg)
            wait_rows(b.store, n + 1)
            lat.append(time.perf_counter() - t0)
        show("60 s voice mail send -> recipient's row", lat)
    finally:
        a.close()
        b.close()
        hub.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
