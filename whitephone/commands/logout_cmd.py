"""`whitephone logout`: end the session on the hub and forget its tokens here."""

from __future__ import annotations

import argparse

from whitephone.commands.hub_common import emit, hub_context


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    with hub_context(args) as ctx:
        info = ctx.session.info
        ctx.session.logout()
        emit({"signed_out": bool(info.get("url")), "hub": info.get("url", "")})
    return 0
