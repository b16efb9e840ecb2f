"""The HID telephony model (whitephone/headset): descriptors, button reports, LED reports, and
the worker thread against a stand-in for hidapi (tests/headset/fake_hid.py)."""

from __future__ import annotations

import threading

import pytest

from whitephone.headset.descriptor import DescriptorError, parse
from whitephone.headset.telephony import COMMON_DESCRIPTOR, Button, Telephony
from whitephone.headset.worker import HeadsetWorker, find_headsets

from .fake_hid import JABRA_LIKE, POLY_LIKE, FakeHeadset, FakeHid


def test_descriptor_fields_and_report_sizes():
    layout = parse(JABRA_LIKE)
    tel = {(f.kind, f.usage_page, f.usage): f for f in layout.fields}
    hook, mute, flash = tel["input", 0x0B, 0x20], tel["input", 0x0B, 0x2F], tel["input", 0x0B, 0x21]
    assert (hook.report_id, hook.bit_offset, hook.relative) == (2, 0, False)
    assert (mute.bit_offset, mute.relative) == (2, True)
    assert (flash.bit_offset, flash.relative) == (3, True)
    assert tel["input", 0xFF30, 0xFD].bit_offset == 5  # extended page, vendor button
    assert tel["output", 0x08, 0x18].bit_offset == 2  # Ring LED
    assert layout.length("input", 2) == 1 and layout.length("output", 2) == 1
    assert layout.length("input", 1) == 1 and layout.uses_ids
    poly = parse(POLY_LIKE)
    assert not poly.uses_ids and poly.length("input", 0) == 3


@pytest.mark.parametrize("desc", [bytes([0x05]), bytes([0x26, 0x01]), bytes([0xB4]),
                                  bytes([0x85, 0x00]), bytes([0x86, 0x00, 0x01]),  # report id 0, 256
                                  bytes([0x76, 0x01, 0x01]), bytes([0x96, 0x01, 0x30])])  # size 257 bits, count 12289
def test_broken_descriptors_are_refused(desc):
    with pytest.raises(DescriptorError):
        parse(desc)


def test_jabra_hook_is_a_state_and_mute_a_toggle():
    t = Telephony.from_descriptor(JABRA_LIKE)
    assert t.feed(b"\x02\x01", 0.0) == [Button("hook", True)]  # lifted
    assert t.feed(b"\x02\x01", 0.1) == []  # the same state again
    assert t.feed(b"\x02\x05", 0.2) == [Button("mute")]  # mute pressed while off hook
    assert t.feed(b"\x02\x05", 0.3) == []  # still held
    assert t.feed(b"\x02\x01", 0.4) == []  # released
    assert t.feed(b"\x02\x05", 0.5) == [Button("mute")]  # pressed again: another toggle
    assert t.feed(b"\x02\x08", 0.6) == [Button("hook", False), Button("flash")]
    assert t.feed(b"\x01\x01", 0.7) == []  # a volume key: not ours
    assert t.feed(b"\x02\x20", 0.8) == []  # the vendor button
    assert t.feed(b"\x09\xff", 0.9) == [] and t.feed(b"", 1.0) == []  # unknown report, empty read


def test_presses_closer_than_the_debounce_are_bounce():
    t = Telephony.from_descriptor(JABRA_LIKE)
    assert t.feed(b"\x02\x04", 1.0) == [Button("mute")]
    assert t.feed(b"\x02\x00", 1.01) == []
    assert t.feed(b"\x02\x04", 1.02) == []  # bounce
    assert t.feed(b"\x02\x00", 1.2) == []
    assert t.feed(b"\x02\x04", 1.3) == [Button("mute")]
    assert t.feed(b"\x02\x01", 2.0) == [Button("hook", True)]
    assert t.feed(b"\x02\x00", 2.02) == []  # a glitch: not taken
    assert t.feed(b"\x02\x01", 2.03) == []  # (still off hook)
    assert t.feed(b"\x02\x00", 2.5) == [Button("hook", False)]


def test_leds_and_the_hosts_hook():
    t = Telephony.from_descriptor(JABRA_LIKE)
    assert t.set_leds(ring=True) == [b"\x02\x04"]
    assert t.set_leds(ring=True) == []  # nothing changed: nothing written
    assert t.feed(b"\x02\x01", 0.0) == [Button("hook", True)]
    assert t.set_leds(ring=False, off_hook=True) == [b"\x02\x02"]
    assert t.set_leds(mute=True) == [b"\x02\x03"]
    assert t.set_leds(hold=True, mute=False) == [b"\x02\x0a"]
    # we hung up (the far end did): the LED goes off and the hook is back down for us, so the
    # headset's next "off hook" (its button toggles in step with the LED) is seen as a lift
    assert t.set_leds(off_hook=False, hold=False) == [b"\x02\x00"]
    assert t.feed(b"\x02\x01", 1.0) == [Button("hook", True)]


def test_poly_mute_declared_absolute_and_a_hook_button():
    t = Telephony.from_descriptor(POLY_LIKE)
    assert t.feed(b"\xaa\xbb\x02", 0.0) == [Button("hook", True)]  # the hook button: a press flips it
    assert t.feed(b"\x00\x00\x00", 0.1) == []
    assert t.feed(b"\x00\x00\x01", 0.2) == [Button("mute")]  # 1 while pressed: a toggle on the press
    assert t.feed(b"\x00\x00\x00", 0.3) == []
    assert t.feed(b"\x00\x00\x02", 0.4) == [Button("hook", False)]
    assert t.set_leds(off_hook=True, mute=True) == [b"\x00\x03"]  # no report ids: a 0 first


def test_no_descriptor_or_no_telephony_page_uses_the_common_layout():
    keyboard = bytes([0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7,
                      0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0xC0])
    for desc in (None, b"", keyboard):
        t = Telephony.from_descriptor(desc)
        assert t.layout == parse(COMMON_DESCRIPTOR)
        assert t.feed(b"\x02\x01", 0) == [Button("hook", True)]


# -- the worker thread ---------------------------------------------------------------------------
class Seen:
    def __init__(self) -> None:
        self.events: list[Button] = []
        self.devices: list[list] = []
        self.cond = threading.Condition()

    def event(self, ev) -> None:
        with self.cond:
            self.events.append(ev)
            self.cond.notify_all()

    def devs(self, d) -> None:
        with self.cond:
            self.devices.append(d)
            self.cond.notify_all()

    def wait(self, pred, timeout=10.0) -> None:
        with self.cond:
            assert self.cond.wait_for(pred, timeout), (self.events, self.devices)


def wait_for(pred, timeout=10.0) -> None:
    ev = threading.Event()
    for _ in range(int(timeout / 0.02)):
        if pred():
            return
        ev.wait(0.02)
    assert pred()


@pytest.fixture
def hid():
    return FakeHid()


@pytest.fixture
def worker_factory(hid):
    made = []

    def make(**kw):
        seen = Seen()
        w = HeadsetWorker(seen.event, seen.devs, hid=hid, poll_interval=0.05, **kw)
        made.append(w)
        return w, seen
    yield make
    for w in made:
        w.stop()


def test_find_headsets_lists_each_telephony_device_once(hid):
    hid.headsets.append(FakeHeadset(b"/dev/hidraw3", JABRA_LIKE))
    found = find_headsets(hid)
    assert [(d.name, d.key) for d in found] == [("Jabra Evolve 40", "0b0e:0305")]
    assert find_headsets(None) == []


def test_worker_hot_plug_buttons_leds_and_unplug(hid, worker_factory):
    worker, seen = worker_factory()
    worker.set_leds(ring=True)  # asked before any headset is there: shown once one is
    worker.start()
    seen.wait(lambda: seen.devices == [[]] or seen.devices == [])
    jabra = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE)
    hid.headsets.append(jabra)  # plugged in later
    assert jabra.opened.wait(5)
    wait_for(lambda: jabra.written == [b"\x02\x04"])  # ringing LED on opening
    jabra.press(b"\x02\x01")
    seen.wait(lambda: seen.events == [Button("hook", True)])
    worker.set_leds(ring=False, off_hook=True)
    wait_for(lambda: jabra.written[-1] == b"\x02\x02")
    jabra.press(b"\x02\x05", b"\x02\x01")
    seen.wait(lambda: seen.events[-1:] == [Button("mute")])
    jabra.plugged = False  # pulled out
    seen.wait(lambda: seen.devices and seen.devices[-1] == [])
    jabra.plugged = True
    jabra.written.clear()
    assert jabra.opened.wait(5)
    wait_for(lambda: jabra.written == [b"\x02\x02"])  # the LEDs as they were before
    assert worker.current is not None and worker.current.key == "0b0e:0305"


def test_worker_opens_the_chosen_headset_only(hid, worker_factory):
    jabra = FakeHeadset(b"/dev/hidraw3", JABRA_LIKE)
    poly = FakeHeadset(b"/dev/hidraw5", POLY_LIKE, 0x047F, 0xC056, ("Plantronics", "Blackwire 5220"))
    hid.headsets += [jabra, poly]
    worker, seen = worker_factory(wanted="047f:c056")
    worker.start()
    assert poly.opened.wait(5)
    assert not jabra.opened.is_set()
    poly.press(b"\x00\x00\x02")
    seen.wait(lambda: seen.events == [Button("hook", True)])
    assert [d.name for d in seen.devices[0]] == ["Jabra Evolve 40", "Plantronics Blackwire 5220"]


def test_a_busy_headset_or_no_descriptor(hid, worker_factory):
    h = FakeHeadset(b"/dev/hidraw3", None)
    h.busy = True
    hid.headsets.append(h)
    worker, seen = worker_factory()
    worker.start()
    seen.wait(lambda: len(seen.devices) == 1)
    assert not h.opened.wait(0.3)  # cannot open: tried again later, nothing breaks
    h.busy = False
    assert h.opened.wait(5)
    h.press(b"\x02\x01")  # no descriptor: the common layout
    seen.wait(lambda: seen.events == [Button("hook", True)])


def test_without_hidapi_nothing_happens(monkeypatch):
    import whitephone.headset.worker as worker_mod

    monkeypatch.setattr(worker_mod, "load_hid", lambda: None)
    w = HeadsetWorker(lambda ev: None, usb_root=None)  # hidapi asked at once (no sysfs look)
    w.start()
    w.set_leds(ring=True)
    w._thread.join(5)
    assert not w._thread.is_alive() and w.hid is None and w.current is None  # the thread just ended
    w.stop()
