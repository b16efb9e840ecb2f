"""hidapi is loaded only once a headset may be plugged in (whitephone/headset/worker.py): sysfs
trees of a few USB interfaces stand in for /sys/bus/usb/devices (no USB here); the worker runs
for real in a child process, so whether `hid` was imported is that process's own answer."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.headset.fake_hid import JABRA_LIKE
from whitephone.headset.worker import declares_telephony, headset_may_be_plugged

# a boot keyboard's report descriptor (HID 1.11, appendix E.6): Generic Desktop and Keyboard pages
KEYBOARD = bytes([0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00,
                  0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0xC0])


def interface(root, name: str, cls: str = "03", descriptors: list[bytes] | None = None) -> None:
    d = root / name
    d.mkdir(parents=True)
    (d / "bInterfaceClass").write_text(cls + "\n")
    for i, desc in enumerate(descriptors or []):
        (d / f"0003:0B0E:0{i}4F.000{i}").mkdir()
        (d / f"0003:0B0E:0{i}4F.000{i}" / "report_descriptor").write_bytes(desc)


def test_the_telephony_page_is_found_in_a_descriptor():
    assert declares_telephony(JABRA_LIKE)
    assert not declares_telephony(KEYBOARD)
    assert declares_telephony(bytes([0x06, 0x0B, 0x00]))  # Usage Page with 2 data bytes
    assert not declares_telephony(bytes([0xFE, 0x02, 0x10, 0x05, 0x0B]))  # inside a long item: data, not a page
    assert not declares_telephony(bytes([0x05]))  # cut short
    assert not declares_telephony(b"")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sysfs is Linux's")
def test_only_a_usb_hid_interface_that_may_be_a_headset_counts(tmp_path):
    root = tmp_path / "devices"
    assert not headset_may_be_plugged(str(root))  # no USB bus at all
    root.mkdir()
    (root / "usb1").mkdir()  # a hub/device entry, not an interface
    interface(root, "1-1:1.0", descriptors=[KEYBOARD])
    interface(root, "1-2:1.0", cls="01")  # audio: no HID descriptor to look at
    assert not headset_may_be_plugged(str(root))
    interface(root, "1-3:1.3", descriptors=[KEYBOARD, JABRA_LIKE])  # a headset's second HID device
    assert headset_may_be_plugged(str(root))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sysfs is Linux's")
def test_a_hid_interface_without_a_kernel_driver_may_be_a_headset(tmp_path):
    interface(tmp_path, "3-1:1.0")  # HID class, no report_descriptor: taken by another program
    assert headset_may_be_plugged(str(tmp_path))


def test_without_sysfs_hidapi_is_asked():
    assert headset_may_be_plugged(None)


CHILD = textwrap.dedent("""
    import sys, threading, time
    from pathlib import Path
    from whitephone.headset.worker import HeadsetWorker
    root = Path(sys.argv[1])
    seen = threading.Event()
    w = HeadsetWorker(lambda ev: None, lambda devs: (print("devices", devs, flush=True), seen.set()),
                      poll_interval=0.05, usb_root=str(root))
    w.start()
    assert seen.wait(10), "no first device list"
    time.sleep(0.3)
    print("hid loaded:", "hid" in sys.modules, flush=True)
    iface = root / "1-3:1.3"
    (iface / "0003:0B0E:034F.0001").mkdir(parents=True)
    (iface / "0003:0B0E:034F.0001" / "report_descriptor").write_bytes(bytes.fromhex(sys.argv[2]))
    (iface / "bInterfaceClass").write_text("03\\n")
    deadline = time.monotonic() + 20
    while "hid" not in sys.modules and time.monotonic() < deadline:
        time.sleep(0.05)
    print("hid loaded:", "hid" in sys.modules, flush=True)
    w.stop()
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sysfs is Linux's")
def test_the_worker_loads_hidapi_only_once_a_headset_is_plugged_in(tmp_path):
    root = tmp_path / "devices"
    root.mkdir()
    interface(root, "1-1:1.0", descriptors=[KEYBOARD])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), JABRA_LIKE.hex()], capture_output=True,
                         text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["devices []", "hid loaded: False", "hid loaded: True"]
