"""Finds USB headsets (HID usage page 0x0B) with hidapi and watches one on a thread of its own.

The thread reads with a time-out, so it never blocks anything else and notices `stop()`; while
no headset is open it looks for one every `poll_interval` seconds (hot-plug); a headset pulled
out (a read or write error) is closed and looked for again after `poll_interval`; a headset
that fails again and again (a wedged device still listed, every read an error) is tried less
and less often, up to MAX_BACKOFF apart, never in a tight loop. Without hidapi (module `hid`) or
without a headset nothing happens.

On Linux hidapi (its libusb backend, ~1 MiB and libusb's own thread) is loaded only once sysfs
shows a USB HID interface that may be a headset (`headset_may_be_plugged`): until then the thread
looks at /sys/bus/usb/devices every `poll_interval` seconds, so a computer without one never loads it.

`on_event(Button)` and `on_devices(list[HeadsetInfo])` are called on the worker thread.
"""

from __future__ import annotations

import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from whitephone.headset.descriptor import TELEPHONY_PAGE
from whitephone.headset.telephony import Button, Telephony

log = logging.getLogger(__name__)
READ_TIMEOUT_MS = 200
POLL_INTERVAL = 3.0
MAX_BACKOFF = 60.0  # seconds between tries of a headset that keeps failing


def load_hid():
    """hidapi's module, or None where it is not installed or its library cannot load."""
    try:
        import hid
    except (ImportError, OSError):
        return None
    return hid if hasattr(hid, "device") and hasattr(hid, "enumerate") else None


USB_DEVICES = "/sys/bus/usb/devices"
HID_CLASS = "03"  # bInterfaceClass of a USB HID interface


def declares_telephony(desc: bytes) -> bool:
    """Whether a report descriptor names the telephony usage page anywhere (its short items only,
    read without trusting it: a cut-short item ends the walk). Loose on purpose: a wrong True
    only loads hidapi, which then asks the device itself."""
    i = 0
    while i < len(desc):
        prefix = desc[i]
        if prefix == 0xFE:  # long item: size byte, tag byte, data
            if i + 1 >= len(desc):
                return False
            i += 3 + desc[i + 1]
            continue
        size = (0, 1, 2, 4)[prefix & 0x03]
        data = desc[i + 1:i + 1 + size]
        if len(data) < size:
            return False
        if prefix & 0xFC == 0x04 and int.from_bytes(data, "little") & 0xFFFF == TELEPHONY_PAGE:  # Usage Page
            return True
        i += 1 + size
    return False


def headset_may_be_plugged(usb_root: str | None = USB_DEVICES) -> bool:
    """Whether hidapi could find a headset now. On Linux from sysfs alone (hidapi not loaded):
    True when a USB HID interface declares the telephony page in its report descriptor, or has
    no descriptor to read (no kernel driver bound: another program took it, or it is new);
    False when there is no USB HID interface of that kind, or no USB at all. Elsewhere (or
    `usb_root` None) always True: hidapi is asked."""
    if usb_root is None or not sys.platform.startswith("linux"):
        return True
    try:
        names = os.listdir(usb_root)
    except OSError:  # no USB bus here: hidapi's libusb backend would find nothing either
        return False
    for name in names:
        if ":" not in name:  # interfaces are "bus-port:config.interface"; the rest are devices
            continue
        iface = os.path.join(usb_root, name)
        try:
            with open(os.path.join(iface, "bInterfaceClass")) as f:
                if f.read().strip() != HID_CLASS:
                    continue
            hid_devices = [d for d in os.listdir(iface) if os.path.isfile(os.path.join(iface, d, "report_descriptor"))]
        except OSError:  # unplugged while we looked
            continue
        if not hid_devices:
            return True
        for d in hid_devices:
            try:
                with open(os.path.join(iface, d, "report_descriptor"), "rb") as f:
                    desc = f.read(16384)
            except OSError:
                return True
            if declares_telephony(desc):
                return True
    return False


@dataclass(frozen=True)
class HeadsetInfo:
    path: bytes
    name: str  # "Jabra Evolve 40" (manufacturer and product as the device says)
    vendor_id: int
    product_id: int

    @property
    def key(self) -> str:
        """What Preferences stores: survives re-plugging (the path may change, this does not)."""
        return f"{self.vendor_id:04x}:{self.product_id:04x}"


def find_headsets(hid) -> list[HeadsetInfo]:
    """The telephony devices hidapi lists, one entry per device."""
    if hid is None:
        return []
    try:
        entries = hid.enumerate()
    except Exception as exc:  # noqa: BLE001 - a hidapi backend error: no headsets, said once in the log
        log.warning("cannot list HID devices: %s", exc)
        return []
    found: dict[bytes, HeadsetInfo] = {}
    for e in entries:
        if e.get("usage_page") != TELEPHONY_PAGE or e["path"] in found:
            continue
        name = " ".join(s for s in (e.get("manufacturer_string") or "", e.get("product_string") or "") if s)
        found[e["path"]] = HeadsetInfo(e["path"], name.strip() or f"{e['vendor_id']:04x}:{e['product_id']:04x}",
                                       e["vendor_id"], e["product_id"])
    return list(found.values())


class HeadsetWorker:
    """Watches the chosen headset (`wanted`: a HeadsetInfo.key, or "" for the first one)."""

    def __init__(self, on_event: Callable[[Button], None], on_devices: Callable[[list[HeadsetInfo]], None]
                 | None = None, hid=None, wanted: str = "", poll_interval: float = POLL_INTERVAL,
                 clock: Callable[[], float] = time.monotonic, usb_root: str | None = USB_DEVICES) -> None:
        self.hid = hid  # loaded on the worker thread when None, once a headset may be there (usb_root)
        self._load = hid is None
        self.usb_root = usb_root
        self.on_event, self.on_devices = on_event, on_devices
        self.wanted, self.poll_interval, self.clock = wanted, poll_interval, clock
        self.devices: list[HeadsetInfo] | None = None  # None until the first look: that one is always reported
        self.current: HeadsetInfo | None = None
        self._leds: queue.SimpleQueue[dict] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._led_state: dict[str, bool] = {}
        self.failures = 0  # watches in a row that ended in an error before any report was read

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="headset", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def set_leds(self, **state: bool) -> None:
        """Ask for LEDs (off_hook, ring, mute, hold); written by the worker thread."""
        self._leds.put(dict(state))

    # -- the thread -----------------------------------------------------------------------
    def _run(self) -> None:
        if self._load:
            while not headset_may_be_plugged(self.usb_root):  # hidapi stays unloaded until then
                if self.devices is None:
                    self.devices = []
                    if self.on_devices is not None:
                        self.on_devices([])
                if self._stop.wait(self.poll_interval):
                    return
            if self._stop.is_set():
                return
            self.hid = load_hid()
            if self.hid is None:
                log.info("hidapi is not installed: no headset buttons")
                return
        while not self._stop.is_set():
            info = self._look()
            if info is None:
                self._stop.wait(self.poll_interval)
                continue
            if self._watch(info):
                self.failures = 0
            else:
                self.failures += 1
                self._stop.wait(min(MAX_BACKOFF, self.poll_interval * 2 ** min(self.failures - 1, 16)))

    def _look(self) -> HeadsetInfo | None:
        devices = find_headsets(self.hid)
        if devices != self.devices:
            self.devices = devices
            if self.on_devices is not None:
                self.on_devices(list(devices))
        for d in devices:
            if not self.wanted or d.key == self.wanted:
                return d
        return None

    def _watch(self, info: HeadsetInfo) -> bool:
        """Watch the headset until it goes or `stop()`; False when it failed before a single
        read went through (the caller then waits longer each time)."""
        dev = self.hid.device()
        try:
            dev.open_path(info.path)
        except (OSError, ValueError) as exc:  # taken by another program, or no permission (udev rules)
            log.warning("cannot open headset %s: %s", info.name, exc)
            return False
        self.current = info
        worked = False
        try:
            try:
                desc = dev.get_report_descriptor()
            except (OSError, ValueError, AttributeError):
                desc = None
            tel = Telephony.from_descriptor(bytes(desc) if desc else None)
            log.info("headset %s open (%d buttons, %d LEDs)", info.name, len(tel.inputs), len(tel.outputs))
            self._drain()
            tel.set_leds(**self._led_state)
            for r in tel.reports():
                dev.write(r)
            next_look = self.clock() + self.poll_interval
            while not self._stop.is_set():
                self._write_leds(dev, tel)
                data = dev.read(64, READ_TIMEOUT_MS)
                worked = True
                if data:
                    for ev in tel.feed(bytes(data), self.clock()):
                        self.on_event(ev)
                if self.clock() >= next_look:  # other headsets plugged in or out
                    next_look = self.clock() + self.poll_interval
                    devices = find_headsets(self.hid)
                    if devices != self.devices:
                        self.devices = devices
                        if self.on_devices is not None:
                            self.on_devices(list(devices))
        except (OSError, ValueError) as exc:  # pulled out, or failing
            log.info("headset %s gone: %s", info.name, exc)
            return worked
        finally:
            self.current = None
            try:
                dev.close()
            except Exception:  # noqa: BLE001, S110 - closing a device that is gone
                pass
        return True

    def _drain(self) -> dict[str, bool]:
        """The LEDs asked for since the last look, merged into the state kept across devices."""
        asked: dict[str, bool] = {}
        while True:
            try:
                asked.update(self._leds.get_nowait())
            except queue.Empty:
                break
        self._led_state.update(asked)
        return asked

    def _write_leds(self, dev, tel: Telephony) -> None:
        asked = self._drain()
        if asked:
            for r in tel.set_leds(**asked):
                dev.write(r)
