"""The secret the hub shares with Kamailio (auth_ephemeral) and coturn (use-auth-secret).

Anyone who knows it can mint SIP and TURN credentials for any user, so a well-known value is
refused, and without one the hub makes a random secret on first start and keeps it in the data
folder (`sip-secret`, mode 0600) for the next starts and for the operator to copy into Kamailio
and coturn.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger(__name__)
FILE_NAME = "sip-secret"
MIN_LENGTH = 16
KNOWN_WEAK = {"change-me", "changeme", "secret", "password", "change-me-to-the-kamailio-coturn-secret"}


class WeakSecret(ValueError):
    pass


def check(secret: str) -> str:
    if secret.strip().lower() in KNOWN_WEAK:
        raise WeakSecret("the SIP secret is a well-known example value: choose a random one "
                         f"(or leave it out and the hub makes one in DATA/{FILE_NAME})")
    if len(secret) < MIN_LENGTH:
        raise WeakSecret(f"the SIP secret must be at least {MIN_LENGTH} characters long")
    return secret


def resolve(secret: str | None, data_dir: Path) -> str:
    """The given secret if it is strong enough; otherwise the data folder's, made on first start."""
    if secret:
        return check(secret)
    path = data_dir / FILE_NAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return check(path.read_text(encoding="ascii").strip())
    made = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(made + "\n")
    log.info("made a new SIP/TURN secret in %s (give it to Kamailio and coturn)", path)
    return made
