"""`python -m whitephone` is the same as the `whitephone` command."""

from whitephone.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
