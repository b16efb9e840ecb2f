"""USB headset buttons and LEDs for the window's calls: the Qt side of whitephone/headset.

The worker thread's button events reach the main thread as a queued signal and act like the
call keys (ui/call_keys.py): hook switch lifted while a call rings answers it, put down during a
call hangs it up; the mute button toggles mute, Flash holds or resumes. The LEDs follow what the
engine confirmed (after every engine event): Ring while a call rings, Off-Hook while a call is
up, Mute and Hold as the current call is.

Preferences → Keys and headset (dialogs/keys_page.py): "Use headset buttons" (on by default)
and which headset. Without hidapi or a headset nothing happens.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from whitephone.headset.telephony import Button
from whitephone.headset.worker import HeadsetInfo, HeadsetWorker

USE_HEADSET = "headset_buttons"  # settings.json: bool, default True
HEADSET_DEVICE = "headset_device"  # settings.json: "vvvv:pppp" (HeadsetInfo.key), "" = the first found


class HeadsetButtons(QObject):
    """The headset of one main window."""

    buttonPressed = Signal(object)  # Button; emitted on the worker thread, handled on the main one
    devicesChanged = Signal(list)  # [HeadsetInfo]

    def __init__(self, window, hid=None, poll_interval: float | None = None) -> None:
        super().__init__(window)
        self.window = window
        self._hid, self._poll = hid, poll_interval
        self.worker: HeadsetWorker | None = None
        self.devices: list[HeadsetInfo] = []
        self.buttonPressed.connect(self.on_button)
        self.devicesChanged.connect(self._devices)
        window.engineEvent.connect(self.follow)  # after the call controller has handled the event
        self.apply()

    def apply(self) -> None:
        """(Re)start the worker as Preferences say."""
        self.stop()
        profile = self.window.app.profile
        if not profile.get(USE_HEADSET, True):
            return
        kw = {} if self._poll is None else {"poll_interval": self._poll}
        self.worker = HeadsetWorker(self.buttonPressed.emit, self.devicesChanged.emit, hid=self._hid,
                                    wanted=profile.get(HEADSET_DEVICE, "") or "", **kw)
        self.worker.start()
        self.follow()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def _devices(self, devices: list) -> None:
        self.devices = devices

    # -- buttons in -----------------------------------------------------------------------
    def on_button(self, b: Button) -> None:
        keys = self.window.call_keys
        if b.name == "hook" and b.value:
            keys.answer()  # lifted: answers what rings (nothing rings: nothing to do)
        elif b.name == "hook":
            w = keys.current()
            if w is not None:
                w.hang_up()
        elif b.name == "mute":
            keys.mute()  # asks the engine; the LED follows its answer
        elif b.name == "flash":
            keys.hold()
        self.follow()

    # -- LEDs out -------------------------------------------------------------------------
    def state(self) -> dict[str, bool]:
        ctl = getattr(self.window, "calls", None)
        current = self.window.call_keys.current()
        return {"ring": bool(ctl is not None and ctl.incoming), "off_hook": current is not None,
                "mute": bool(current is not None and current.muted),
                "hold": bool(current is not None and current.held)}

    def follow(self, _ev: dict | None = None) -> None:
        if self.worker is not None:
            self.worker.set_leds(**self.state())


def install(window, hid=None) -> HeadsetButtons:
    return HeadsetButtons(window, hid)
