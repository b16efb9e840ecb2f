"""USB headset call buttons and LEDs (HID telephony page), in plain Python: no Qt here.

`descriptor.py` reads a HID report descriptor into fields; `telephony.py` turns input reports
into button events and call state into LED output reports; `worker.py` finds and watches
headsets through hidapi (module `hid`) on a thread of its own. The Qt side is
`whitephone/ui/headset.py`.
"""
