"""Headsets that misbehave (whitephone/headset), from the break-it review: hostile report
descriptors, a wedged headset, buttons declared as an Array, and a hook left up while nothing rings. The device is the hidapi stand-in of
tests/headset/fake_hid.py (no USB here); the descriptor parser runs for real, in a child process
with a memory cap and a time limit so a runaway parse cannot take the test machine with it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import pytest

from tests.headset.fake_hid import JABRA_LIKE, FakeDevice, FakeHeadset, FakeHid
from whitephone.headset.telephony import Telephony
from whitephone.headset.worker import HeadsetWorker

# a telephony collection whose Hook Switch input has a 4-byte Report Count of 0xFFFFFFFF
HUGE_COUNT = bytes([0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01,
                    0x97, 0xFF, 0xFF, 0xFF, 0xFF,   # Report Count 4294967295
                    0x09, 0x20, 0x81, 0x02, 0xC0])
# the same count on a constant (padding) field: no field is made, only the loop runs
HUGE_PADDING = bytes([0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01, 0x75, 0x01,
                      0x97, 0xFF, 0xFF, 0xFF, 0x7F, 0x81, 0x01, 0xC0])
# Usage Minimum 0, Usage Maximum 0xFFFFFFFF (extended usages): a range of four billion usages
HUGE_RANGE = bytes([0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01, 0x1B, 0x00, 0x00, 0x00, 0x00,
                    0x2B, 0xFF, 0xFF, 0xFF, 0xFF, 0x75, 0x01, 0x95, 0x01, 0x81, 0x02, 0xC0])
# an output field 0xFFFFFFFF bits wide next to a normal hook: reports() builds a report that big
HUGE_OUTPUT = bytes([0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x01,
                     0x09, 0x20, 0x81, 0x02, 0x95, 0x07, 0x81, 0x01,
                     0x05, 0x08, 0x09, 0x09, 0x77, 0xFF, 0xFF, 0xFF, 0xFF, 0x95, 0x01, 0x91, 0x02, 0xC0])

CHILD = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    from whitephone.headset.telephony import Telephony
    from whitephone.headset.descriptor import DescriptorError
    try:
        t = Telephony.from_descriptor(bytes.fromhex(sys.argv[1]))
        t.reports()
    except DescriptorError:
        pass  # refused in words: fine
    print("done")
""")


@pytest.mark.parametrize("desc", [HUGE_COUNT, HUGE_PADDING, HUGE_RANGE, HUGE_OUTPUT],
                         ids=["huge-count", "huge-padding-count", "huge-usage-range", "huge-output-field"])
def test_a_hostile_descriptor_is_read_quickly_and_in_little_memory(desc):
    """A headset (or anything claiming usage page 0x0B) hands over a 30-byte descriptor: reading
    it must take well under a second and a few MB, not minutes or gigabytes (the worker thread
    would hang, or the process would be OOM-killed, before any button works). Counts, sizes and
    usage ranges past Linux's own HID limits are refused (DescriptorError)."""
    try:
        r = subprocess.run([sys.executable, "-c", CHILD, desc.hex()], capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("parsing a 30-byte descriptor did not finish in 10 s")
    assert r.returncode == 0 and "done" in r.stdout, r.stderr[-500:]


class CountingHid(FakeHid):
    def __init__(self) -> None:
        super().__init__()
        self.opens = 0

    def device(self):
        hid = self

        class Dev(FakeDevice):
            def open_path(self, path):
                hid.opens += 1
                super().open_path(path)

        return Dev(self)


def test_a_truncated_descriptor_does_not_spin_reopening_the_headset():
    """A headset whose descriptor is cut short (DescriptorError) is read with the common layout,
    not treated as 'pulled out' and re-opened at once in a loop."""
    hid = CountingHid()
    hid.headsets.append(FakeHeadset(b"/dev/hidraw3", JABRA_LIKE[:-3] + bytes([0x26, 0xFF])))  # item cut short
    worker = HeadsetWorker(lambda ev: None, hid=hid, poll_interval=0.5)
    worker.start()
    try:
        time.sleep(1.0)
    finally:
        worker.stop()
    assert hid.opens <= 3, f"opened {hid.opens} times in one second"


def test_a_truncated_descriptor_still_gives_the_buttons():
    """The same headset: its hook button still answers (the common layout)."""
    hid = FakeHid()
    h = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE[:-3] + bytes([0x26, 0xFF]))
    hid.headsets.append(h)
    events = []
    got = threading.Event()
    worker = HeadsetWorker(lambda ev: (events.append(ev), got.set()), hid=hid, poll_interval=0.05)
    worker.start()
    try:
        assert h.opened.wait(5)
        h.press(b"\x02\x01")
        got.wait(3)
    finally:
        worker.stop()
    assert [e.name for e in events] == ["hook"]


def test_mute_pressed_while_ringing_after_an_idle_hook_lift_does_not_answer():
    """The user lifts the headset's hook with no call (nothing happens; the window then writes
    the LEDs: Off-Hook off). The headset's hook is still up, and a Jabra sends its hook state in
    every report of its telephony collection. A call rings; the user presses Mute (a report with
    Hook=1, Mute=1): that is Mute, not a lift (the hook read and the LED driven are apart)."""
    t = Telephony.from_descriptor(JABRA_LIKE)
    now = 100.0
    assert [(e.name, e.value) for e in t.feed(b"\x02\x01", now)] == [("hook", True)]  # idle lift
    t.set_leds(ring=False, off_hook=False, mute=False, hold=False)  # HeadsetButtons.follow()
    t.set_leds(ring=True, off_hook=False, mute=False, hold=False)  # a call rings
    events = t.feed(b"\x02\x05", now + 5)  # Mute pressed; the hook is still up as it was
    assert ("hook", True) not in [(e.name, e.value) for e in events], events


# A headset whose telephony buttons are an Array (one 8-bit field holding the pressed usage's
# index, Usage Minimum Hook Switch .. Usage Maximum Phone Mute), report id 2 — a legal and common
# way to declare buttons. Read as an array, never as the common layout (report 2: bit 0 hook,
# bit 1 mute, bit 2 flash, ...).
ARRAY_BUTTONS = bytes([0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01, 0x85, 0x02,
                       0x15, 0x00, 0x25, 0x0F, 0x19, 0x20, 0x29, 0x2F,   # Logical 0..15, Usage 0x20..0x2F
                       0x75, 0x08, 0x95, 0x01, 0x81, 0x00, 0xC0])         # Input (Data,Array,Abs)


def test_a_headset_with_array_buttons_is_not_read_as_the_common_layout():
    """Mute pressed on that headset: the report is id 2, value 0x0F (Phone Mute's index). Read
    with the common layout it would be hook up + mute + flash + redial."""
    t = Telephony.from_descriptor(ARRAY_BUTTONS)
    events = [(e.name, e.value) for e in t.feed(b"\x02\x0f", 10.0)]
    assert events == [("mute", None)], events
    assert t.feed(b"\x02\xff", 10.5) == []  # out of the logical range: nothing pressed
    assert [(e.name, e.value) for e in t.feed(b"\x02\x01", 11.0)] == [("flash", None)]  # index 1: Flash
    assert t.feed(b"\x02\xff", 11.5) == []
    assert [(e.name, e.value) for e in t.feed(b"\x02\x00", 12.0)] == [("hook", True)]  # a hook button
    assert t.feed(b"\x02\xff", 12.5) == []
    assert [(e.name, e.value) for e in t.feed(b"\x02\x00", 13.0)] == [("hook", False)]


def test_a_descriptor_that_parsed_is_not_replaced_by_the_common_layout():
    """A telephony descriptor of the device's own that declares no button we know (LEDs only):
    no button at all, rather than the common layout's guesses."""
    leds_only = bytes([0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01, 0x85, 0x02, 0x15, 0x00, 0x25, 0x01,
                       0x05, 0x08, 0x09, 0x17, 0x75, 0x01, 0x95, 0x01, 0x91, 0x22, 0x95, 0x07, 0x91, 0x01, 0xC0])
    t = Telephony.from_descriptor(leds_only)
    assert not t.useful and t.feed(b"\x02\x0f", 1.0) == []
    assert t.set_leds(off_hook=True) == [b"\x02\x01"]


def test_a_headset_whose_reads_fail_is_not_reopened_in_a_tight_loop():
    """A wedged device whose every read fails with EIO while it stays listed: tried again after
    poll_interval, then less and less often, not thousands of open/close cycles a second."""

    class WedgedHid(CountingHid):
        def device(self):
            dev = super().device()

            def read(max_length, timeout_ms=0):
                raise OSError("read error: Input/output error")

            dev.read = read
            return dev

    hid = WedgedHid()
    hid.headsets.append(FakeHeadset(b"/dev/hidraw3", JABRA_LIKE))
    worker = HeadsetWorker(lambda ev: None, hid=hid, poll_interval=0.5)
    worker.start()
    try:
        time.sleep(1.0)
    finally:
        worker.stop()
    assert hid.opens <= 3, f"opened {hid.opens} times in one second"


DEEP = bytes([0x05, 0x0B, 0x09, 0x05]) + bytes([0xA1, 0x01]) * 5000 + bytes([0xC0]) * 5000


@pytest.mark.parametrize("desc", [
    DEEP,
    bytes([0xFE, 0xFF, 0x10]) + bytes(255) + JABRA_LIKE,       # a long item, then a real descriptor
    JABRA_LIKE + bytes([0xFE, 0xFF, 0x10, 0x00]),              # a long item cut short at the end
    bytes([0xA4]) * 20000 + JABRA_LIKE,                        # 20000 Push
], ids=["5000-nested-collections", "long-item", "truncated-long-item", "many-pushes"])
def test_deep_collections_and_long_items_are_read_quickly(desc):
    """Deep nesting, long items and a Push flood are read (or refused) and still find the
    Jabra's buttons where it has them; 5000 nested collections with no button give no button."""
    t = Telephony.from_descriptor(desc)
    assert t.useful == (desc != DEEP)


def test_reports_of_the_wrong_length_or_id_are_ignored():
    """Empty, id-only, over-long and foreign-id reports give no events."""
    t = Telephony.from_descriptor(JABRA_LIKE)
    for r in (b"", b"\x02", b"\x07\xff", b"\x01\xff\xff", bytes(64)):
        assert t.feed(r, 1.0) == []
    assert [(e.name, e.value) for e in t.feed(b"\x02\x01" + bytes(62), 2.0)] == [("hook", True)]
