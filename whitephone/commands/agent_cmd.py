"""`whitephone agent`: the headless SIP agent (see whitephone/sip/agent.py and docs/cli.md)."""

from whitephone.sip.agent import add_arguments, run

__all__ = ["add_arguments", "run"]
