"""A private PulseAudio server with virtual devices, for tests of the real audio path.

Null sink "spk" is the speaker (its monitor is the ear: `parecord -d spk.monitor`); null sink
"mic" is fed with `paplay -d mic` and its monitor, remapped as source "vmic", is the microphone
(the engine hides monitors from the device list). Root needs only its own runtime folder and an
anonymous unix socket."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

CONFIG = """\
load-module module-native-protocol-unix auth-anonymous=1 socket={dir}/native
load-module module-null-sink sink_name=spk sink_properties=device.description=VirtualSpeaker rate=48000
load-module module-null-sink sink_name=mic sink_properties=device.description=VirtualMicFeed rate=48000
set-default-sink spk
load-module module-remap-source master=mic.monitor source_name=vmic source_properties=device.description=VirtualMic
set-default-source vmic
"""


@dataclass
class Pulse:
    dir: Path
    env: dict

    def play_into_mic(self, wav: Path) -> subprocess.Popen:
        return subprocess.Popen(["paplay", "-d", "mic", str(wav)], env=self.env)

    def record_speaker(self, wav: Path) -> subprocess.Popen:
        return subprocess.Popen(["parecord", "-d", "spk.monitor", "--rate=16000", "--channels=1",
                                 "--file-format=wav", str(wav)], env=self.env)


def available() -> bool:
    return all(shutil.which(b) for b in ("pulseaudio", "paplay", "parecord", "pactl"))


def start(folder: Path) -> Pulse:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test.pa").write_text(CONFIG.format(dir=folder))
    env = {**os.environ, "XDG_RUNTIME_DIR": str(folder), "HOME": str(folder),
           "PULSE_SERVER": f"unix:{folder}/native"}
    subprocess.run(["pulseaudio", "--daemonize=yes", "--system=false", "--exit-idle-time=-1", "-n",
                    f"--file={folder}/test.pa", f"--log-target=file:{folder}/pulse.log", "--use-pid-file=yes"],
                   env=env, check=True, timeout=20)
    end = time.monotonic() + 10
    while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
        if time.monotonic() > end:
            raise RuntimeError(f"PulseAudio did not start: {(folder / 'pulse.log').read_text()[-2000:]}")
        time.sleep(0.1)
    return Pulse(folder, env)


def stop(p: Pulse) -> None:
    subprocess.run(["pulseaudio", "--kill"], env=p.env, capture_output=True, timeout=10)
