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
import os
import sys
from collections.abc import Sequence

from whitephone import __version__

# name -> (module, one-line help; None: not listed in --help)
COMMANDS: dict[str, tuple[str, str | None]] = {
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
    # hidden (not in --help): the window's keyring, in a short-lived process (whitephone/keyring_process.py)
    "keyring-helper": ("whitephone.commands.keyring_helper_cmd", None),
}


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, given the terminal's width. Without a width argparse asks
    shutil.get_terminal_size, and it makes a formatter at every add_argument (to check the
    option's metavar): importing shutil (bz2, lzma and their C libraries, ~0.4 MiB) into every
    process that parses a command line, the engine included, for help it never prints."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         terminal_columns() - 2 if width is None else width)


def terminal_columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", 0))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def common_options() -> argparse.ArgumentParser:
    """The options every command takes, anywhere on its line (a parent parser: commands with
    actions, like `contacts search`, give it to each action too)."""
    common = argparse.ArgumentParser(add_help=False, formatter_class=HelpFormatter)
    common.add_argument("--profile", metavar="DIR", default=argparse.SUPPRESS,
                        help="data folder (default: $WHITEPHONE_PROFILE or the user data folder)")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="log debug messages to stderr")
    return common


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(prog="whitephone", parents=[common], formatter_class=HelpFormatter,
                                     description="WhitePhone softphone and CRM. "
                                                 "With no command, opens the main window.")
    parser.add_argument("--version", action="version", version=f"WhitePhone {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Only the command being run is imported: the GUI must not load pjsua2 (the agent's engine),
    # the hub's web stack or the importers just to parse its command line.
    chosen = next((a for a in (argv if argv is not None else sys.argv[1:]) if a in COMMANDS), None)
    for name, (module, help_text) in COMMANDS.items():
        listed = {} if help_text is None else {"help": help_text}  # argparse lists a command given a help
        p = sub.add_parser(name, **listed, parents=[common], formatter_class=HelpFormatter)
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
    try:
        return int(module.run(args) or 0)
    except Exception as exc:
        # imported here, not before the run: the engine (`agent`) never needs the profile module
        from whitephone.profile import ProfileError, default_profile_dir

        if isinstance(exc, ProfileError):  # a bad --profile: say so, no traceback
            print(json.dumps({"error": str(exc)}, ensure_ascii=False), file=sys.stderr)
            return 2
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
