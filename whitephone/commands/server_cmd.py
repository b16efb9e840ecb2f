"""`whitephone server`: run the hub (see whitephone/server/cli.py)."""

from whitephone.server.cli import add_arguments, run

__all__ = ["add_arguments", "run"]
