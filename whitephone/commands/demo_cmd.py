"""`whitephone demo`: fill the profile with a realistic international address book."""

from __future__ import annotations

import argparse
import json

from whitephone.app import App
from whitephone.demo import create_demo


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


def run(args: argparse.Namespace) -> int:
    app = App.open(args.profile)
    try:
        n = create_demo(app)
        print(json.dumps({"added": n, "profile": str(app.profile.root)}))
        return 0
    finally:
        app.close()
