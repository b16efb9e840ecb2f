"""`whitephone`: no argument opens the window; subcommands script everything else.

The CLI is a stable interface (docs/cli.md): tests and scripts rely on its JSON output.
Each subcommand lives in a module with `add_arguments(parser)` and `run(args) -> int`;
COMMANDS maps names to those modules so only the command being run is imported.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Sequence

from whitephone import __version__

# name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("whitephone.commands.import_cmd", "import vCard/CSV address books"),
    "export": ("whitephone.commands.export_cmd", "export contacts to vCard or CSV"),
    "contacts": ("whitephone.commands.contacts_cmd", "search, look up and add contacts"),
    "demo": ("whitephone.commands.demo_cmd", "fill the profile with a demo address book"),
    "call": ("whitephone.commands.call_cmd", "dial a tel:/sip:/callto: URI or number in WhitePhone"),
    "agent": ("whitephone.commands.agent_cmd", "headless SIP agent (JSON events on stdout)"),
    "server": ("whitephone.commands.server_cmd", "run the hub server"),
    "register": ("whitephone.commands.register_cmd", "register a new company on a hub and sign in"),
    "login": ("whitephone.commands.login_cmd", "sign in to a hub"),
    "logout": ("whitephone.commands.logout_cmd", "sign out of the hub"),
    "sync": ("whitephone.commands.sync_cmd", "sync with the hub (--once: until idle, then exit)"),
    "status": ("whitephone.commands.status_cmd", "signed-in user, hub and sync state (JSON)"),
    "presence": ("whitephone.commands.presence_cmd", "set my status on the Online Monitor"),
    "monitor": ("whitephone.commands.monitor_cmd", "colleagues and contacts online (JSON lines)"),
    "books": ("whitephone.commands.books_cmd", "the address books (JSON lines)"),
    "crm": ("whitephone.commands.crm_cmd", "CRM records: new, note, close, reopen, remind, list, show, types"),
    "diary": ("whitephone.commands.diary_cmd", "diary: import/export .ics, list and add appointments"),
    "message": ("whitephone.commands.message_cmd", "send, list, fetch, read and delete messages"),
    "announce": ("whitephone.commands.announce_cmd", "an announcement to the company or a market"),
    "market": ("whitephone.commands.market_cmd", "list, join and leave markets"),
    "nettest": ("whitephone.commands.nettest_cmd", "network test: what the network blocks, what to ask IT (JSON)"),
}


def common_options() -> argparse.ArgumentParser:
    """The options every command takes, anywhere on its line (a parent parser: commands with
    actions, like `contacts search`, give it to each action too)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--profile", metavar="DIR", default=argparse.SUPPRESS,
                        help="data folder (default: $WHITEPHONE_PROFILE or the user data folder)")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="log debug messages to stderr")
    return common


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(prog="whitephone", parents=[common],
                                     description="WhitePhone softphone and CRM. "
                                                 "With no command, opens the main window.")
    parser.add_argument("--version", action="version", version=f"WhitePhone {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Only the command being run is imported: the GUI must not load pjsua2 (the agent's engine),
    # the hub's web stack or the importers just to parse its command line.
    chosen = next((a for a in (argv if argv is not None else sys.argv[1:]) if a in COMMANDS), None)
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, parents=[common])
        p.set_defaults(_module=module)
        if name == chosen:
            _lazy_arguments(p, module)
    return parser


def _lazy_arguments(parser: argparse.ArgumentParser, module: str) -> None:
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:  # a feature whose module is missing in this build
        parser.set_defaults(_missing=str(exc))
        return
    mod.add_arguments(parser)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    args.profile = getattr(args, "profile", None)
    logging.basicConfig(level=logging.DEBUG if getattr(args, "verbose", False) else logging.WARNING,
                        stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        from whitephone.ui.main import run_gui

        return run_gui(args)
    if getattr(args, "_missing", None):
        print(json.dumps({"error": f"'{args.command}' is not available: {args._missing}"}), file=sys.stderr)
        return 2
    module = importlib.import_module(args._module)
    from whitephone.profile import ProfileError

    try:
        return int(module.run(args) or 0)
    except ProfileError as exc:  # a bad --profile: say so, no traceback
        print(json.dumps({"error": str(exc)}, ensure_ascii=False), file=sys.stderr)
        return 2
    except Exception as exc:
        from whitephone.profile import default_profile_dir
        from whitephone.store.database import database_failure

        reason = database_failure(exc)  # a damaged database: say so, no traceback
        if reason is None:
            raise
        folder = args.profile or default_profile_dir()
        print(json.dumps({"error": f"cannot use the database in {folder}: {reason}"}, ensure_ascii=False),
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
