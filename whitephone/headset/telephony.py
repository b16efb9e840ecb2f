"""A headset's call buttons in, its LEDs out: the HID telephony page (0x0B) and LED page (0x08).

`Telephony(layout)` turns input reports into button events and the call's state into output
reports. Vendors differ in what a report means:

- Hook Switch is a state (Jabra, Poly and Logitech send 1 off hook, 0 on hook). The host's
  Off-Hook LED is the truth: when we set it, the headset's hook is taken to be there too, so a
  headset that sends "off hook" again after we hung up (its button toggles its own state in step
  with the LED) answers the next call. A hook switch declared Relative is a button: each press
  flips the hook.
- Phone Mute is a button whatever it is declared as (Jabra declares it Relative, others Absolute
  but send 1 while pressed): each press asks to toggle mute; the LED shows what the engine
  confirmed, never the press.
- Flash and Redial are buttons. A press closer than DEBOUNCE to the previous press of the same
  button is contact bounce and dropped; so is a hook that flips back that quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

from whitephone.headset.descriptor import LED_PAGE, TELEPHONY_PAGE, Field, Layout, parse

HOOK_SWITCH, FLASH, REDIAL, PHONE_MUTE = 0x20, 0x21, 0x24, 0x2F
BUTTONS = {HOOK_SWITCH: "hook", FLASH: "flash", REDIAL: "redial", PHONE_MUTE: "mute"}
LED_MUTE, LED_OFF_HOOK, LED_RING, LED_HOLD = 0x09, 0x17, 0x18, 0x20
LEDS = {LED_MUTE: "mute", LED_OFF_HOOK: "off_hook", LED_RING: "ring", LED_HOLD: "hold"}
DEBOUNCE = 0.05  # seconds

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
        self.outputs = [f for f in layout.fields
                        if f.kind == "output" and f.usage_page == LED_PAGE and f.usage in LEDS]
        self.hook = False  # off hook, as far as we know
        self.pressed: dict[int, bool] = {}  # button usage -> down in the last report
        self.last_press: dict[int, float] = {}
        self.leds = dict.fromkeys(LEDS.values(), False)

    @classmethod
    def from_descriptor(cls, desc: bytes | None) -> Telephony:
        """From the device's descriptor; the common layout when there is none or it says
        nothing of the telephony page."""
        if desc:
            t = cls(parse(bytes(desc)))
            if t.inputs:
                return t
        return cls(parse(COMMON_DESCRIPTOR))

    @property
    def useful(self) -> bool:
        return bool(self.inputs)

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
        events: list[Button] = []
        for f in self.inputs:
            if f.report_id != rid or f.bit_offset + f.bit_size > len(data) * 8:
                continue
            down = _get(data, f) != 0
            was = self.pressed.get(f.usage, False)
            self.pressed[f.usage] = down
            if f.usage == HOOK_SWITCH and not f.relative:
                # a flip back within DEBOUNCE of the last one is contact bounce: not taken, so a
                # later report with the same state still counts
                if down != self.hook and now - self.last_press.get(f.usage, -1e9) >= DEBOUNCE:
                    self.hook = down
                    self.last_press[f.usage] = now
                    events.append(Button("hook", down))
                continue
            if not down or was:
                continue  # a release, or still held
            if now - self.last_press.get(f.usage, -1e9) < DEBOUNCE:
                continue
            self.last_press[f.usage] = now
            if f.usage == HOOK_SWITCH:  # a hook button: each press flips the hook
                self.hook = not self.hook
                events.append(Button("hook", self.hook))
            else:
                events.append(Button(BUTTONS[f.usage]))
        return events

    def set_leds(self, **wanted: bool) -> list[bytes]:
        """The output reports that make the LEDs show `wanted` (off_hook, ring, mute, hold);
        empty when nothing changes. Setting Off-Hook also sets where we take the hook to be."""
        if "off_hook" in wanted:
            self.hook = bool(wanted["off_hook"])
        changed = {k: bool(v) for k, v in wanted.items() if k in self.leds and self.leds[k] != bool(v)}
        if not changed:
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
