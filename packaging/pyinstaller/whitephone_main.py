"""Entry point of the PyInstaller bundle: the `whitephone` command (window, CLI and, in child
processes, the engine and the hub, started as `whitephone agent` / `whitephone server`)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the importers' spawn pool runs this executable again
    from whitephone.cli import main

    sys.exit(main())
