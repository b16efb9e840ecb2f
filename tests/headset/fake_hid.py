"""A stand-in for hidapi's module `hid` (no USB on the test machine): `enumerate()` and
`device()` with hidapi's interface (open_path, read with a time-out, write,
get_report_descriptor, close). A test plugs headsets in and out, presses buttons (queues input
reports) and reads what was written (LED output reports)."""

from __future__ import annotations

import queue
import threading

# A Jabra-style headset: a consumer-control collection (volume, report 1), then the telephony
# collection (report 2: Hook Switch absolute, Line Busy, Phone Mute and Flash relative, Redial,
# a vendor button; LEDs Mute, Off-Hook, Ring, Hold, Microphone in report 2 out).
JABRA_LIKE = bytes([
    0x05, 0x0C, 0x09, 0x01, 0xA1, 0x01, 0x85, 0x01, 0x15, 0x00, 0x25, 0x01,
    0x09, 0xE9, 0x09, 0xEA, 0x75, 0x01, 0x95, 0x02, 0x81, 0x06, 0x95, 0x06, 0x81, 0x03, 0xC0,
    0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01, 0x85, 0x02, 0x15, 0x00, 0x25, 0x01,
    0x09, 0x20, 0x09, 0x97, 0x75, 0x01, 0x95, 0x02, 0x81, 0x22,   # Hook Switch, Line Busy: Abs
    0x09, 0x2F, 0x09, 0x21, 0x95, 0x02, 0x81, 0x06,               # Phone Mute, Flash: Rel
    0x09, 0x24, 0x95, 0x01, 0x81, 0x02,                           # Redial: Abs
    0x06, 0x30, 0xFF, 0x09, 0xFD, 0x81, 0x06,                     # vendor button (page 0xFF30)
    0x95, 0x02, 0x81, 0x01,                                       # padding
    0x05, 0x08, 0x09, 0x09, 0x09, 0x17, 0x09, 0x18, 0x09, 0x20, 0x09, 0x21,
    0x95, 0x05, 0x91, 0x22, 0x95, 0x03, 0x91, 0x01,               # LEDs, padding
    0xC0,
])
# A Poly-style headset: no report ids, Phone Mute declared absolute (1 while pressed), the hook
# a relative button, LEDs Off-Hook and Mute only; one 16-bit vendor field first.
POLY_LIKE = bytes([
    0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01, 0x15, 0x00, 0x26, 0xFF, 0x00,
    0x06, 0x00, 0xFF, 0x09, 0x01, 0x75, 0x10, 0x95, 0x01, 0x81, 0x02,  # vendor 16 bits
    0x05, 0x0B, 0x25, 0x01, 0x75, 0x01, 0x09, 0x2F, 0x81, 0x02,         # Phone Mute: Abs
    0x09, 0x20, 0x81, 0x06, 0x95, 0x06, 0x81, 0x03,                     # Hook: Rel, padding
    0x05, 0x08, 0x09, 0x17, 0x09, 0x09, 0x95, 0x02, 0x91, 0x02, 0x95, 0x06, 0x91, 0x03,
    0xC0,
])


class FakeHeadset:
    def __init__(self, path: bytes, descriptor: bytes | None, vendor_id=0x0B0E, product_id=0x0305,
                 name=("Jabra", "Evolve 40")) -> None:
        self.path, self.descriptor = path, descriptor
        self.vendor_id, self.product_id, self.name = vendor_id, product_id, name
        self.inputs: queue.Queue[bytes] = queue.Queue()
        self.written: list[bytes] = []
        self.plugged = True
        self.opened = threading.Event()
        self.busy = False  # another program holds it: open fails

    def press(self, *reports: bytes) -> None:
        for r in reports:
            self.inputs.put(bytes(r))

    def entries(self) -> list[dict]:
        base = {"path": self.path, "vendor_id": self.vendor_id, "product_id": self.product_id,
                "manufacturer_string": self.name[0], "product_string": self.name[1]}
        return [{**base, "usage_page": 0x0C, "usage": 1}, {**base, "usage_page": 0x0B, "usage": 5}]


class FakeHid:
    """The module: `enumerate()` lists plugged headsets (and a keyboard), `device()` opens one."""

    def __init__(self) -> None:
        self.headsets: list[FakeHeadset] = []

    def enumerate(self, vid=0, pid=0):
        out = [{"path": b"kbd", "vendor_id": 1, "product_id": 1, "usage_page": 1, "usage": 6,
                "manufacturer_string": "Keys", "product_string": "Keyboard"}]
        for h in self.headsets:
            if h.plugged:
                out.extend(h.entries())
        return out

    def device(self):
        return FakeDevice(self)


class FakeDevice:
    def __init__(self, hid: FakeHid) -> None:
        self.hid = hid
        self.headset: FakeHeadset | None = None

    def open_path(self, path: bytes) -> None:
        for h in self.hid.headsets:
            if h.path == path and h.plugged and not h.busy:
                self.headset = h
                h.opened.set()
                return
        raise OSError("open failed")

    def _alive(self) -> FakeHeadset:
        if self.headset is None or not self.headset.plugged:
            raise OSError("read error")
        return self.headset

    def get_report_descriptor(self, max_length: int = 4096):
        h = self._alive()
        if h.descriptor is None:
            raise OSError("Failed to get report descriptor")
        return list(h.descriptor)

    def read(self, max_length: int, timeout_ms: int = 0):
        h = self._alive()
        try:
            return list(h.inputs.get(timeout=timeout_ms / 1000))[:max_length]
        except queue.Empty:
            self._alive()
            return []

    def write(self, data) -> int:
        h = self._alive()
        h.written.append(bytes(data))
        return len(data)

    def close(self) -> None:
        if self.headset is not None:
            self.headset.opened.clear()
        self.headset = None
