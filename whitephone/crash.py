"""Crash reports, without Qt: used by the window and by the engine process (`whitephone agent`).

`CrashReporter.install()` hooks `sys.excepthook` and `threading.excepthook` (a report file per
uncaught exception, at most a few per run) and turns `faulthandler` on into a per-process file in
the logs folder, so a native crash (pjsip, PortAudio, Qt) leaves its Python stacks behind. That
file is deleted on a clean exit; `collect_native()` turns the ones a dead process left into
reports. Every report is redacted (`redact`): passwords, tokens, SIP digests and Authorization
headers never reach a file a user may send on.
"""

from __future__ import annotations

import atexit
import collections
import faulthandler
import logging
import os
import re
import sys
import threading
import time
import traceback
from pathlib import Path

REPORT_PREFIX = "crash-"
NATIVE_PREFIX = "native-"  # native-<process>-<pid>.txt: faulthandler's file while a process runs
OFFERED_FILE = "offered-crash-reports.txt"  # reports the window has offered to open
MAX_REPORTS_PER_RUN = 5
RECENT_LINES = 200
TAIL_BYTES = 64 * 1024  # of each log file, in a report
NATIVE_MARKERS = ("Fatal Python error", "Segmentation fault", "Aborted", "Bus error",
                  "Floating point exception", "Illegal instruction", "Windows fatal exception")

_R = "[removed]"
_SECRET_KEYS = (r"(?:[\w.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|private[_-]?key|"
                r"credential)s?|pwd|pass|auth)")
_REDACTIONS: list[tuple[re.Pattern[str], str]] = [
    # SIP/HTTP headers that carry credentials: the whole value goes
    (re.compile(r"^([ \t]*(?:Proxy-)?Authorization[ \t]*:)[^\r\n]*", re.IGNORECASE | re.MULTILINE), rf"\1 {_R}"),
    (re.compile(r"\b((?:Proxy-)?Authorization[ \t]*[:=][ \t]*)(?:Digest|Bearer|Basic)\b[^\r\n\"']*",
                re.IGNORECASE), rf"\1{_R}"),
    (re.compile(r"^([ \t]*(?:Set-)?Cookie[ \t]*:)[^\r\n]*", re.IGNORECASE | re.MULTILINE), rf"\1 {_R}"),
    (re.compile(r"^([ \t]*X-[\w-]*(?:Token|Key|Secret)[ \t]*:)[^\r\n]*", re.IGNORECASE | re.MULTILINE),
     rf"\1 {_R}"),
    # a digest's response (also outside a header line) and bare bearer tokens
    (re.compile(r"\b(response[ \t]*=[ \t]*)(\"[^\"]*\"|[0-9a-f]{16,})", re.IGNORECASE), rf'\1"{_R}"'),
    (re.compile(r"\b(Bearer|Basic)[ \t]+[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE), rf"\1 {_R}"),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), _R),  # JWTs
    # JSON / Python reprs: "password": "...", 'token': '...'
    (re.compile(rf"([\"']{_SECRET_KEYS}[\"'][ \t]*:[ \t]*)(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')",
                re.IGNORECASE), rf'\1"{_R}"'),
    # command lines: --password X, --token=X
    (re.compile(rf"(--{_SECRET_KEYS}(?:[ \t]+|=))(?!-)\S+", re.IGNORECASE), rf"\1{_R}"),
    # key=value, key: value (settings, query strings, log lines)
    (re.compile(rf"(?<![\w-])({_SECRET_KEYS}[ \t]*[=:][ \t]*)(?![ \t]*\[removed\])(?!\")([^\s,;&\"'}}]+)",
                re.IGNORECASE), rf"\1{_R}"),
    # user:password@ in URLs and SIP URIs: the password up to the LAST "@" before the host (a
    # password may hold "@", spaces or quotes): within the line, so a later "name@host" on the same
    # line goes too (better than a password left); "host:3128 …" (a port, not a password) is left
    # alone
    (re.compile(r"\b((?:sips?|https?|wss?|turns?|socks5h?)://?[^\s:/@\"'<>\[\]]+:)(?!\d{1,5}(?![\d@]))"
                r"[^\r\n/<>]*@", re.IGNORECASE), rf"\1{_R}@"),
    (re.compile(r"\b((?:sips?|turns?):[^\s:/@\"'<>\[\]]+:)(?!\d{1,5}(?![\d@]))[^\s/\"'<>]*@",
                re.IGNORECASE), rf"\1{_R}@"),
]


def redact(text: str) -> str:
    """`text` without passwords, tokens, SIP digest responses, Authorization/Cookie headers and
    URL passwords (each replaced by "[removed]")."""
    for pattern, repl in _REDACTIONS:
        text = pattern.sub(repl, text)
    return text


_IMPLEMENTATIONS = {"cpython": "CPython", "pypy": "PyPy"}  # platform.python_implementation()'s names


def about_lines(process: str) -> list[str]:
    """Version, platform and interpreter: the head of every report."""
    from whitephone import __version__

    lines = [f"WhitePhone {__version__} ({process})",
             f"Time: {time.strftime('%Y-%m-%dT%H:%M:%S+00:00', time.gmtime())}",
             f"Platform: {_platform()}",
             f"Python: {sys.version.split()[0]} {_IMPLEMENTATIONS.get(sys.implementation.name, sys.implementation.name)}",
             f"Frozen: {bool(getattr(sys, 'frozen', False))}", f"PID: {os.getpid()}"]
    qt = sys.modules.get("PySide6.QtCore")
    if qt is not None:
        lines.append(f"Qt: {qt.qVersion()} (PySide6 {getattr(sys.modules.get('PySide6'), '__version__', '?')})")
    pj = sys.modules.get("pjsua2")
    if pj is not None:
        lines.append("pjsua2: loaded")
    return lines


def _platform() -> str:
    """platform.platform() and the machine: "Linux-6.1.0-13-amd64-x86_64-with-glibc2.36 (x86_64)".
    On Linux made here from os.uname() and the C library's own version, without the processor:
    platform.platform() runs `uname -p` in a subprocess for that, at the start of every process
    that installs crash reports (the engine's idle memory then holds subprocess and platform,
    issue 18), and the machine says as much."""
    if not sys.platform.startswith("linux"):
        import platform

        return f"{platform.platform()} ({platform.machine()})"
    u = os.uname()
    try:
        libc = os.confstr("CS_GNU_LIBC_VERSION") or ""  # "glibc 2.36"; musl has none
    except (ValueError, OSError):
        libc = ""
    return f"{u.sysname}-{u.release}-{u.machine}{'-with-' + libc.replace(' ', '') if libc else ''} ({u.machine})"


def tail(path: Path, limit: int = TAIL_BYTES) -> str:
    """The last `limit` bytes of a file, from a line start, as text."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - limit))
            data = f.read()
    except OSError:
        return ""
    if size > limit:
        data = data.split(b"\n", 1)[-1]
    return data.decode("utf-8", "backslashreplace")


class RecentLines(logging.Handler):
    """The last few hundred log lines in memory, for a report."""

    def __init__(self, size: int = RECENT_LINES) -> None:
        super().__init__()
        self.lines: collections.deque[str] = collections.deque(maxlen=size)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # noqa: BLE001 - a log line must never raise
            pass


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name) or "process"


def _unique(path: Path) -> Path:
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _write(path: Path, text: str) -> Path:
    path = _unique(path)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)
    return path


class CrashReporter:
    """Writes crash reports for one process (`process`: "window" or "engine") into `logs_dir`.
    `log_files`: names in `logs_dir` whose tails go into a report (the process's own logs)."""

    def __init__(self, logs_dir: Path | str, process: str, log_files: tuple[str, ...] = ()) -> None:
        self.logs_dir = Path(logs_dir)
        self.process = _safe(process)
        self.log_files = log_files
        self.recent = RecentLines()
        self.written: list[Path] = []
        self._lock = threading.Lock()
        self._seen: set[str] = set()
        self._native_file = None
        self._native_path: Path | None = None
        self._previous: tuple | None = None

    # -- installing -------------------------------------------------------------------------
    def install(self) -> CrashReporter:
        """Hook Python's uncaught exceptions and turn faulthandler on into this process's file."""
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        logging.getLogger().addHandler(self.recent)
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        try:
            self._native_path = self.logs_dir / f"{NATIVE_PREFIX}{self.process}-{os.getpid()}.txt"
            self._native_file = open(self._native_path, "w", encoding="utf-8")  # noqa: SIM115 - open for life
            self._native_file.write("\n".join(about_lines(self.process)) + "\n\n")
            self._native_file.flush()
            faulthandler.enable(file=self._native_file, all_threads=True)
        except OSError as exc:  # a read-only folder: native crashes go to stderr as before
            logging.getLogger(__name__).warning("no native crash file in %s: %s", self.logs_dir, exc)
            self._native_file = None
            faulthandler.enable(all_threads=True)
        atexit.register(self.uninstall)
        return self

    def uninstall(self) -> None:
        """A clean exit: hooks back, the native crash file removed (nothing crashed)."""
        if self._previous is not None:
            if sys.excepthook == self._excepthook:
                sys.excepthook = self._previous[0]
            if threading.excepthook == self._thread_excepthook:
                threading.excepthook = self._previous[1]
            self._previous = None
        logging.getLogger().removeHandler(self.recent)
        if self._native_file is not None:
            faulthandler.disable()
            self._native_file.close()
            self._native_file = None
            try:
                assert self._native_path is not None
                self._native_path.unlink()
            except OSError:
                pass
        atexit.unregister(self.uninstall)

    def _excepthook(self, exc_type, exc, tb) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            self.report_exception(exc_type, exc, tb)
        if self._previous is not None:
            self._previous[0](exc_type, exc, tb)

    def _thread_excepthook(self, args) -> None:
        if args.exc_type is not SystemExit:
            name = args.thread.name if args.thread is not None else "?"
            self.report_exception(args.exc_type, args.exc_value, args.exc_traceback, where=f"thread {name}")
        if self._previous is not None:
            self._previous[1](args)

    # -- writing ----------------------------------------------------------------------------
    def report_exception(self, exc_type, exc, tb, where: str = "main thread") -> Path | None:
        """A report for an uncaught exception; None when this run has written enough or the same
        traceback was reported already."""
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        return self.write_report(f"Uncaught {exc_type.__name__} in {where}", text)

    def report_fatal(self, title: str, detail: str) -> Path | None:
        """A report for a fatal message (Qt's qFatal), with the Python stack where it came from."""
        stack = "".join(traceback.format_stack()[:-1])
        return self.write_report(title, f"{detail}\n\nPython stack:\n{stack}")

    def write_report(self, title: str, body: str) -> Path | None:
        with self._lock:
            key = body[-2000:]
            if key in self._seen or len(self.written) >= MAX_REPORTS_PER_RUN:
                return None
            self._seen.add(key)
            parts = [*about_lines(self.process), "", title, "", body.rstrip(), "",
                     "Recent log lines:", *self.recent.lines]
            for name in self.log_files:
                t = tail(self.logs_dir / name)
                if t:
                    parts += ["", f"--- end of {name} ---", t.rstrip()]
            try:
                path = _write(self.logs_dir / f"{REPORT_PREFIX}{_stamp()}-{self.process}.txt",
                              redact("\n".join(parts)) + "\n")
            except OSError as exc:
                print(f"WhitePhone: cannot write a crash report in {self.logs_dir}: {exc}", file=sys.stderr)
                return None
            self.written.append(path)
            return path


# -- after the fact: the next start -------------------------------------------------------

def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "posix":  # signal 0 asks without psutil (~1 MiB kept in the window, issue 18)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:  # another user's process: alive
            return True
        return True
    try:
        import psutil

        return psutil.pid_exists(pid)
    except ImportError:  # pragma: no cover - psutil is a dependency
        return True


def collect_native(logs_dir: Path | str, log_files: dict[str, tuple[str, ...]] | None = None) -> list[Path]:
    """Turn the faulthandler files that dead processes left into crash reports (a file without a
    fatal error, e.g. after a kill -9 or a power cut, is just removed). `log_files`: per process
    name, the log files whose tails go into its report. The new reports' paths."""
    logs_dir = Path(logs_dir)
    made: list[Path] = []
    for path in sorted(logs_dir.glob(f"{NATIVE_PREFIX}*-*.txt")):
        m = re.fullmatch(rf"{NATIVE_PREFIX}(.+)-(\d+)\.txt", path.name)
        if not m or _alive(int(m.group(2))):
            continue
        process = m.group(1)
        try:
            text = path.read_text("utf-8", "backslashreplace")
        except OSError:
            continue
        head, _, stacks = text.partition("\n\n")
        if any(marker in stacks for marker in NATIVE_MARKERS):
            parts = [head, "", "Native crash (faulthandler)", "", stacks.rstrip()]
            for name in (log_files or {}).get(process, ()):
                t = tail(logs_dir / name)
                if t:
                    parts += ["", f"--- end of {name} ---", t.rstrip()]
            stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(path.stat().st_mtime))
            try:
                made.append(_write(logs_dir / f"{REPORT_PREFIX}{stamp}-{process}.txt", redact("\n".join(parts)) + "\n"))
            except OSError:
                continue
        try:
            path.unlink()
        except OSError:
            pass
    return made


def reports(logs_dir: Path | str) -> list[Path]:
    """Every crash report in the logs folder, oldest first."""
    return sorted(Path(logs_dir).glob(f"{REPORT_PREFIX}*.txt"), key=lambda p: (p.stat().st_mtime, p.name))


def unoffered(logs_dir: Path | str) -> list[Path]:
    """Reports the window has not offered to open yet."""
    offered = set(_offered(Path(logs_dir)))
    return [p for p in reports(logs_dir) if p.name not in offered]


def mark_offered(logs_dir: Path | str, paths: list[Path]) -> None:
    logs_dir = Path(logs_dir)
    names = [*_offered(logs_dir), *(p.name for p in paths)]
    existing = {p.name for p in reports(logs_dir)}
    _write_offered(logs_dir, [n for n in dict.fromkeys(names) if n in existing])


def _offered(logs_dir: Path) -> list[str]:
    try:
        return [n for n in (logs_dir / OFFERED_FILE).read_text("utf-8").splitlines() if n]
    except OSError:
        return []


def _write_offered(logs_dir: Path, names: list[str]) -> None:
    tmp = logs_dir / (OFFERED_FILE + ".tmp")
    tmp.write_text("".join(n + "\n" for n in names), "utf-8")
    os.replace(tmp, logs_dir / OFFERED_FILE)
