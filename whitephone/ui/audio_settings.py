"""The audio choices kept in the profile, and how they become engine arguments and commands."""

from __future__ import annotations

CODECS = ["G722", "PCMU", "PCMA"]  # wideband first; the wheel has no opus
DEFAULTS = {"microphone": "", "speaker": "", "ringer": "", "mic_volume": 1.0, "speaker_volume": 1.0,
            "echo_cancellation": True, "codecs": CODECS, "low_latency": False}
LOW_LATENCY_JITTER_MS = 40  # against the engine's 120 (shed in pauses once the link proves clean): a gap on the first jitter


def load_audio(profile) -> dict:
    saved = profile.get("audio", {}) or {}
    out = {k: saved.get(k, v) for k, v in DEFAULTS.items()}
    codecs = [c for c in out["codecs"] if c in CODECS]
    out["codecs"] = codecs + [c for c in CODECS if c not in codecs]
    return out


def save_audio(profile, values: dict) -> None:
    profile.set("audio", {k: values[k] for k in DEFAULTS})


def engine_args(settings: dict) -> list[str]:
    """Arguments of `whitephone agent` that choose the devices (checked and opened on first use)."""
    args = []
    for key, flag in (("microphone", "--mic"), ("speaker", "--speaker"), ("ringer", "--ringer")):
        if settings[key]:
            args += [flag, settings[key]]
    if not settings["echo_cancellation"]:
        args.append("--no-echo-cancellation")
    args += _jitter_args(settings)
    for codec in settings["codecs"]:
        args += ["--codec", codec]
    return [*args, "--devices-on-first-use"]  # PortAudio/ALSA with the first call, not at start


def engine_commands(settings: dict, previous: dict | None = None) -> list[tuple[str, dict]]:
    """Commands that bring a running engine to `settings` (only what changed since `previous`)."""
    cmds: list[tuple[str, dict]] = []
    device_keys = ("microphone", "speaker", "ringer", "echo_cancellation")
    if previous is None or any(settings[k] != previous[k] for k in device_keys):
        cmds.append(("audio_settings", {k: settings[k] for k in device_keys}))
    if previous is None or (settings["mic_volume"], settings["speaker_volume"]) != (
            previous["mic_volume"], previous["speaker_volume"]):
        cmds.append(("volume", {"microphone": settings["mic_volume"], "speaker": settings["speaker_volume"]}))
    if previous is None or settings["codecs"] != previous["codecs"]:
        cmds.append(("codecs", {"order": [f"{c}/" for c in settings["codecs"]]}))
    return cmds


def with_jitter_buffer(args: list[str], settings: dict) -> list[str]:
    """`args` of a running engine with the jitter-buffer choice of `settings` (fixed at start-up:
    a change needs a restart)."""
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a == "--jitter-buffer":
            skip = True
        else:
            out.append(a)
    return out + _jitter_args(settings)


def _jitter_args(settings: dict) -> list[str]:
    return ["--jitter-buffer", str(LOW_LATENCY_JITTER_MS)] if settings["low_latency"] else []
