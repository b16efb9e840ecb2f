"""`whitephone status`: who is signed in where, and how sync stands (one JSON object)."""

from __future__ import annotations

import argparse

from whitephone.commands.hub_common import emit, hub_context


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    with hub_context(args) as ctx:
        info = ctx.session.info
        st = ctx.engine.status()
        online = False
        if info.get("url"):
            from whitephone.sync.hub_client import HubClient
            from whitephone.sync.session import proxy_setting

            probe = HubClient(info["url"], proxy=proxy_setting(ctx.session.profile))
            try:
                online = probe.reachable()
            finally:
                probe.close()
        emit({"user": info.get("email") if not info.get("signed_out") else None, "hub": info.get("url"),
              "company": info.get("company"), "online": online, "outbox": st.outbox,
              "conflicts": st.conflicts, "rejected": st.rejected, "cursor": st.cursor})
    return 0
