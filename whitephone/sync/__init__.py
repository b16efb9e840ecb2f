"""The client's half of the hub: HTTP client, signed-in session, sync engine, presence.

Plain Python (no Qt): the window, the CLI and the tests use the very same objects.
"""
