"""A headset's call buttons in, its LEDs out: the HID telephony page (0x0B) and LED page (0x08).

`Telephony(layout)` turns input reports into button events and the call's state into output
reports. Vendors differ in what a report means:

- Hook Switch is a state (Jabra, Poly and Logitech send 1 off hook, 0 on hook): a hook event
  is a change of what the headset reports, never of what the host's Off-Hook LED shows, so a hook
  left up with no call and then a Mute press (its report still says "off hook") is no lift. Some
  headsets keep their hook in step with the host's Off-Hook LED: when we set the LED against the
  hook the headset last reported, it may have gone there too, and its next report of the same
  bytes as before (nothing else in it changed) is taken as the hook moved again. A hook switch
  declared Relative (or in an Array) is a button: each press flips the hook, which the host's
  Off-Hook LED sets between presses.
- Phone Mute is a button whatever it is declared as (Jabra declares it Relative, others Absolute
  but send 1 while pressed): each press asks to toggle mute; the LED shows what the engine
  confirmed, never the press.
- Flash and Redial are buttons. A press closer than DEBOUNCE to the previous press of the same
  button is contact bounce and dropped; so is a hook that flips back that quickly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from whitephone.headset.descriptor import LED_PAGE, TELEPHONY_PAGE, DescriptorError, Field, Layout, parse

HOOK_SWITCH, FLASH, REDIAL, PHONE_MUTE = 0x20, 0x21, 0x24, 0x2F
BUTTONS = {HOOK_SWITCH: "hook", FLASH: "flash", REDIAL: "redial", PHONE_MUTE: "mute"}
LED_MUTE, LED_OFF_HOOK, LED_RING, LED_HOLD = 0x09, 0x17, 0x18, 0x20
LEDS = {LED_MUTE: "mute", LED_OFF_HOOK: "off_hook", LED_RING: "ring", LED_HOLD: "hold"}
DEBOUNCE = 0.05  # seconds
log = logging.getLogger(__name__)

# The common layout (a headset's telephony collection as Jabra, Poly and Logitech headsets
# declare it): report 2 in: Hook Switch (absolute), Phone Mute (relative), Flash, Redial;
# report 2 out: LEDs Mute, Off-Hook, Ring, Hold. Used when hidapi cannot give the descriptor.
COMMON_DESCRIPTOR = bytes([
    0x05, 0x0B, 0x09, 0x05, 0xA1, 0x01,        # Usage Page (Telephony), Usage (Headset), Collection (Application)
    0x85, 0x02, 0x15, 0x00, 0x25, 0x01,        #   Report ID 2, Logical 0..1
    0x75, 0x01, 0x95, 0x01, 0x09, 0x20, 0x81, 0x02,  # Hook Switch: Input (Data,Var,Abs)
    0x09, 0x2F, 0x81, 0x06,                    #   Phone Mute: Input (Data,Var,Rel)
    0x09, 0x21, 0x81, 0x06,                    #   Flash: Input (Data,Var,Rel)
    0x09, 0x24, 0x81, 0x06,                    #   Redial: Input (Data,Var,Rel)
    0x95, 0x04, 0x81, 0x01,                    #   4 bits padding
    0x05, 0x08, 0x95, 0x01,                    #   Usage Page (LEDs)
    0x09, 0x09, 0x91, 0x22,                    #   Mute: Output (Data,Var,Abs,NoPref)
    0x09, 0x17, 0x91, 0x22,                    #   Off-Hook
    0x09, 0x18, 0x91, 0x22,                    #   Ring
    0x09, 0x20, 0x91, 0x22,                    #   Hold
    0x95, 0x04, 0x91, 0x01,                    #   4 bits padding
    0xC0,                                      # End Collection
])


@dataclass(frozen=True)
class Button:
    name: str  # "hook", "mute", "flash", "redial"
    value: bool | None = None  # hook: True off hook, False on hook; buttons: None (a press)


def _get(data: bytes, f: Field) -> int:
    value = int.from_bytes(data, "little") >> f.bit_offset
    return value & ((1 << f.bit_size) - 1)


class Telephony:
    """One headset: its buttons' state between reports, its LEDs' state between writes."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.inputs = [f for f in layout.fields
                       if f.kind == "input" and f.usage_page == TELEPHONY_PAGE and f.usage in BUTTONS]
        self.arrays = []  # (array field, the full usages of our buttons it can hold)
        for a in layout.arrays:
            ours = sorted({u for u in a.usages if u >> 16 == TELEPHONY_PAGE and u & 0xFFFF in BUTTONS})
            if a.kind == "input" and ours:
                self.arrays.append((a, ours))
        self.outputs = [f for f in layout.fields
                        if f.kind == "output" and f.usage_page == LED_PAGE and f.usage in LEDS]
        self.hook = False  # off hook: as the headset last reported it (a hook button: as its presses left it)
        self.pressed: dict[int, bool] = {}  # button usage -> down in the last report
        self.last_press: dict[int, float] = {}
        self.last_data: dict[int, bytes] = {}  # report id -> the data of its last report
        self.led_moved = False  # the Off-Hook LED was set against the reported hook since its last report
        self.leds = dict.fromkeys(LEDS.values(), False)

    @classmethod
    def from_descriptor(cls, desc: bytes | None) -> Telephony:
        """From the device's descriptor; the common layout when there is none, it does not
        parse, or it says nothing of the telephony page. A descriptor that parsed and names the
        telephony page is the device's own word: used even when it gives no button we know."""
        if desc:
            try:
                layout = parse(bytes(desc))
            except DescriptorError as exc:
                log.warning("headset report descriptor refused (%s): the common layout instead", exc)
            else:
                if TELEPHONY_PAGE in layout.pages:
                    return cls(layout)
        return cls(parse(COMMON_DESCRIPTOR))

    @property
    def useful(self) -> bool:
        return bool(self.inputs or self.arrays)

    def feed(self, report: bytes, now: float) -> list[Button]:
        """The button events of one input report (as hidapi reads it: the id byte first when the
        device uses report ids)."""
        report = bytes(report)
        if self.layout.uses_ids:
            if not report:
                return []
            rid, data = report[0], report[1:]
        else:
            rid, data = 0, report
        if len(data) < self.layout.length("input", rid) or not self.layout.length("input", rid):
            return []  # not a whole report of this device
        data = data[:self.layout.length("input", rid)]
        same = data == self.last_data.get(rid)
        self.last_data[rid] = data
        value = int.from_bytes(data, "little")
        states: list[tuple[int, bool, bool]] = []  # usage, down, absolute hook
        for f in self.inputs:
            if f.report_id == rid:
                states.append((f.usage, _get(data, f) != 0, f.usage == HOOK_SWITCH and not f.relative))
        for a, ours in self.arrays:
            if a.report_id == rid:
                held = set(a.pressed(value))
                states.extend((u & 0xFFFF, u in held, False) for u in ours)
        events: list[Button] = []
        for usage, down, absolute in states:
            was = self.pressed.get(usage, False)
            self.pressed[usage] = down
            if absolute:
                events.extend(self._hook_state(down, same, now))
                continue
            if not down or was:
                continue  # a release, or still held
            if now - self.last_press.get(usage, -1e9) < DEBOUNCE:
                continue
            self.last_press[usage] = now
            if usage == HOOK_SWITCH:  # a hook button: each press flips the hook
                self.hook = not self.hook
                events.append(Button("hook", self.hook))
            else:
                events.append(Button(BUTTONS[usage]))
        return events

    def _hook_state(self, down: bool, same: bool, now: float) -> list[Button]:
        moved = self.led_moved
        self.led_moved = False  # the headset has spoken since
        # a change of the reported hook; or the very same report again after we set the LED
        # against it: a headset that follows the LED went there and was moved back by its user
        if down != self.hook or (same and moved and down != self.leds["off_hook"]):
            # a flip back within DEBOUNCE of the last one is contact bounce: not taken, so a
            # later report with the same state still counts
            if now - self.last_press.get(HOOK_SWITCH, -1e9) >= DEBOUNCE:
                self.hook = down
                self.last_press[HOOK_SWITCH] = now
                return [Button("hook", down)]
        return []

    @property
    def _absolute_hook(self) -> bool:
        return any(f.usage == HOOK_SWITCH and not f.relative for f in self.inputs)

    def set_leds(self, **wanted: bool) -> list[bytes]:
        """The output reports that make the LEDs show `wanted` (off_hook, ring, mute, hold);
        empty when nothing changes. The reported hook stays as the headset said (a hook button's
        state is the host's: Off-Hook sets it). Off-Hook wanted against the reported hook is
        written even when the LED already shows it, once per report, so a headset that keeps its
        hook in step with the LED goes back to where the host is."""
        force = False
        if "off_hook" in wanted:
            off_hook = bool(wanted["off_hook"])
            if not self._absolute_hook:
                self.hook = off_hook
            elif off_hook != self.hook and not self.led_moved:
                self.led_moved = force = True
        changed = {k: bool(v) for k, v in wanted.items() if k in self.leds and self.leds[k] != bool(v)}
        if not changed and not force:
            return []
        self.leds.update(changed)
        return self.reports()

    def reports(self) -> list[bytes]:
        """Every LED output report, showing the current LED state (after opening a device)."""
        out = []
        for rid in sorted({f.report_id for f in self.outputs}):
            data = bytearray(self.layout.length("output", rid))
            for f in self.outputs:
                if f.report_id == rid and self.leds[LEDS[f.usage]]:
                    value = int.from_bytes(data, "little") | (1 << f.bit_offset)
                    data = bytearray(value.to_bytes(len(data), "little"))
            out.append(bytes([rid]) + bytes(data))  # hidapi wants the id byte, 0 without ids
        return out
