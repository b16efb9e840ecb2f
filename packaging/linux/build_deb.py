"""Build WhitePhone's .deb from the PyInstaller one-folder bundle (Debian tooling: dpkg-deb).

    python packaging/linux/build_deb.py --bundle dist/whitephone --icons build/icons --out dist

The package installs the bundle to /opt/whitephone with /usr/bin/whitephone (a relative symlink,
so the tree also works unpacked with `dpkg -x` into any folder), the desktop entry that registers
the tel:, sip:, sips: and callto: handlers (MimeType), the icon in every hicolor size and as SVG,
and the AppStream metainfo. The desktop entry and the metainfo are validated first
(desktop-file-validate, appstreamcli) when those tools are installed; `--strict-tools` makes
their absence an error. Prints the .deb's path.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DESKTOP = HERE / "whitephone.desktop"
METAINFO = HERE / "org.whitephone.WhitePhone.metainfo.xml"
HEADSET_RULES = HERE / "70-whitephone-headsets.rules"
# What the bundle takes from the system (the rest is inside it): PortAudio for sounddevice, the
# PulseAudio client, speexdsp (echo canceller), Qt's xcb/EGL/font libraries (DEB_RUNTIME).
DEPENDS = ["libportaudio2", "libpulse0", "libspeexdsp1", "libegl1", "libgl1", "libfontconfig1",
           "libdbus-1-3", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0",
           "libxcb-image0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xinerama0", "libxcb-randr0"]
RECOMMENDS = ["xdg-utils", "gnome-keyring | kwalletmanager", "fonts-dejavu-core"]


class BuildError(Exception):
    pass


def version() -> str:
    text = (ROOT / "whitephone" / "__init__.py").read_text(encoding="utf-8")
    m = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    if not m:
        raise BuildError("no __version__ in whitephone/__init__.py")
    return m.group(1)


def glibc_version() -> str:
    """The build machine's glibc: the bundle needs at least that one (Depends: libc6 >= …)."""
    ver = os.confstr("CS_GNU_LIBC_VERSION") or ""  # "glibc 2.36"
    m = re.search(r"(\d+\.\d+)", ver)
    return m.group(1) if m else "2.31"


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                          text=True).stdout.strip()


def validate(strict: bool) -> None:
    checks = [["desktop-file-validate", str(DESKTOP)],
              ["appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO)]]
    for cmd in checks:
        if shutil.which(cmd[0]) is None:
            if strict:
                raise BuildError(f"{cmd[0]} is not installed (Debian: desktop-file-utils, appstream)")
            print(f"warning: {cmd[0]} not installed; {Path(cmd[-1]).name} not validated", file=sys.stderr)
            continue
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            raise BuildError(f"{' '.join(cmd[:2])} refused {Path(cmd[-1]).name}:\n{out.stdout}{out.stderr}")


def control(pkg_version: str, arch: str, installed_kb: int) -> str:
    depends = ", ".join([f"libc6 (>= {glibc_version()})", *DEPENDS])
    return (f"Package: whitephone\n"
            f"Version: {pkg_version}\n"
            f"Architecture: {arch}\n"
            f"Maintainer: The WhitePhone developers <maintainers@whitephone.invalid>\n"
            f"Installed-Size: {installed_kb}\n"
            f"Depends: {depends}\n"
            f"Recommends: {', '.join(RECOMMENDS)}\n"
            f"Section: comm\n"
            f"Priority: optional\n"
            f"Description: softphone with a built-in CRM for small businesses\n"
            f" WhitePhone calls customers from the computer over SIP and shows who is calling\n"
            f" with their history: address books, call logs, CRM records, a diary and\n"
            f" messages, shared through the company's own hub or used alone, offline first.\n"
            f" Clicking a tel:, sip:, sips: or callto: link dials it.\n")


MAINTAINER_SCRIPT = """#!/bin/sh
set -e
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=hidraw || true
fi
exit 0
"""


def stage(bundle: Path, icons: Path, root: Path) -> None:
    if not (bundle / "whitephone").is_file():
        raise BuildError(f"{bundle} is not a WhitePhone bundle (no whitephone executable); run pyinstaller first")
    if not (icons / "hicolor").is_dir():
        raise BuildError(f"{icons} has no hicolor icons; run packaging/make_icons.py first")
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / "whitephone"
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    os.symlink("../../opt/whitephone/whitephone", root / "usr" / "bin" / "whitephone")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(DESKTOP, share / "applications" / "whitephone.desktop")
    (share / "metainfo").mkdir(parents=True)
    shutil.copyfile(METAINFO, share / "metainfo" / METAINFO.name)
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    rules = root / "usr" / "lib" / "udev" / "rules.d"  # headset buttons readable by the seat's user
    rules.mkdir(parents=True)
    shutil.copyfile(HEADSET_RULES, rules / HEADSET_RULES.name)
    doc = share / "doc" / "whitephone"
    doc.mkdir(parents=True)
    shutil.copyfile(ROOT / "LICENSE", doc / "copyright")
    for path in root.rglob("*"):  # dpkg wants sane modes whatever the build user's umask
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if os.access(path, os.X_OK) else 0o644)


def build(bundle: Path, icons: Path, out: Path, work: Path, compress: str = "xz",
          strict_tools: bool = False) -> Path:
    validate(strict_tools)
    root = work / "root"
    stage(bundle, icons, root)
    debian = root / "DEBIAN"
    debian.mkdir()
    installed_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    arch = architecture()
    (debian / "control").write_text(control(version(), arch, installed_kb), encoding="utf-8")
    for name in ("postinst", "postrm"):
        (debian / name).write_text(MAINTAINER_SCRIPT, encoding="utf-8")
        (debian / name).chmod(0o755)
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"whitephone_{version()}_{arch}.deb"
    cmd = ["dpkg-deb", "--root-owner-group", f"-Z{compress}", "--build", str(root), str(deb)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildError(f"dpkg-deb failed:\n{done.stderr}")
    return deb


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bundle", type=Path, default=ROOT / "dist" / "whitephone")
    p.add_argument("--icons", type=Path, default=ROOT / "build" / "icons")
    p.add_argument("--out", type=Path, default=ROOT / "dist")
    p.add_argument("--work", type=Path, default=ROOT / "build" / "deb")
    p.add_argument("--compress", choices=("xz", "gzip", "zstd", "none"), default="xz")
    p.add_argument("--strict-tools", action="store_true",
                   help="fail when desktop-file-validate or appstreamcli is missing")
    args = p.parse_args(argv)
    try:
        deb = build(args.bundle, args.icons, args.out, args.work, args.compress, args.strict_tools)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(deb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
