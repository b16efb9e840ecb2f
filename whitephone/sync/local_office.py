""""Just this computer / my office": the profile's own hub, no Qt.

The hub's data lives in `PROFILE/hub/` (SQLite, mail outbox, attachments, log). It keeps the
port it had (EmbeddedHub.for_profile), so the session's remembered hub address stays right across
restarts. The owner's password is generated and kept in the keyring: this computer signs in by
itself; the owner can set a real one later (Profile → Change password) to sign in elsewhere.

"Let other computers in my office connect" makes it listen on every interface over TLS with a
self-signed certificate made here (`hub/tls/`), and tells the address to give colleagues.
"""

from __future__ import annotations

import datetime
import ipaddress
import logging
import secrets
import socket
import ssl
from pathlib import Path
from typing import Any

from whitephone.profile import Profile
from whitephone.sync.embedded_hub import EmbeddedHub
from whitephone.sync.session import Session

log = logging.getLogger(__name__)

SETTINGS_KEY = "office"
PASSWORD_SECRET = "office-owner-password"


def lan_address() -> str:
    """This computer's address on the local network (the route to the outside), or 127.0.0.1."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"


def make_certificate(folder: Path, hosts: list[str]) -> tuple[Path, Path]:
    """A self-signed certificate (10 years) for `hosts` (IP addresses or names); (cert, key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = []
    for h in dict.fromkeys(hosts):
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(h)))
        except ValueError:
            names.append(x509.DNSName(h))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "WhitePhone office hub")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "hub-cert.pem", folder / "hub-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.touch(0o600)
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class LocalOffice:
    """The embedded hub of one profile and the owner's account on it."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.hub: EmbeddedHub | None = None

    @property
    def settings(self) -> dict[str, Any]:
        value = self.profile.get(SETTINGS_KEY) or {}
        return dict(value) if isinstance(value, dict) else {}

    @property
    def configured(self) -> bool:
        """This profile has its office hub (created on the first run)."""
        return bool(self.settings.get("email"))

    @property
    def data_dir(self) -> Path:
        return self.profile.root / "hub"

    @property
    def shared(self) -> bool:
        return bool(self.settings.get("lan"))

    @property
    def port(self) -> int | None:
        return (self.profile.get("embedded_hub") or {}).get("port")

    @property
    def url(self) -> str:
        """The address this computer uses (https with the office certificate when shared)."""
        return f"{'https' if self.shared else 'http'}://127.0.0.1:{self.port}"

    @property
    def colleague_url(self) -> str:
        """The address to give colleagues (meaningful when shared)."""
        return f"https://{lan_address()}:{self.port}"

    @property
    def verify(self) -> bool | ssl.SSLContext:
        """What the session checks the hub's certificate against: the office's own certificate."""
        if not self.shared:
            return True
        return ssl.create_default_context(cafile=str(self.data_dir / "tls" / "hub-cert.pem"))

    def start(self) -> str:
        """Start the hub (blocking until it answers: call from a worker); returns its URL."""
        if self.hub is not None and self.hub.running:
            return self.url
        hub = EmbeddedHub.for_profile(self.profile)  # its data in the profile, on the port it had
        s = self.settings
        if s.get("lan"):
            cert, key = self.data_dir / "tls" / "hub-cert.pem", self.data_dir / "tls" / "hub-key.pem"
            if not cert.exists() or s.get("cert_for") != lan_address():
                cert, key = make_certificate(self.data_dir / "tls", ["127.0.0.1", "localhost", lan_address(),
                                                                       socket.gethostname()])
                self.profile.set(SETTINGS_KEY, {**s, "cert_for": lan_address()})
            hub.host = "0.0.0.0"
            hub.certfile, hub.keyfile = cert, key
        hub.start()
        self.hub = hub
        return self.url

    def stop(self) -> None:
        if self.hub is not None:
            self.hub.stop()
            self.hub = None

    def set_shared(self, on: bool) -> None:
        """Listen on the office network (TLS) or on this computer only; restarts the hub."""
        self.profile.set(SETTINGS_KEY, {**self.settings, "lan": bool(on)})
        if self.hub is not None:
            self.stop()
            self.start()

    def create(self, session: Session, name: str, company: str, email: str) -> dict[str, Any]:
        """First run: start the hub, register the office and its owner, sign in (remembered)."""
        self.profile.set(SETTINGS_KEY, {**self.settings, "email": email})
        self.start()
        password = secrets.token_urlsafe(18)
        self.profile.set_secret(PASSWORD_SECRET, password)
        session.verify = self.verify
        try:
            return session.register(self.url, company, name, email, password, remember=True)
        except Exception:
            self.profile.set(SETTINGS_KEY, {})  # not created: the first run can be tried again
            raise

    def sign_in(self, session: Session) -> dict[str, Any] | None:
        """Later runs: start the hub and sign in again (remembered token, else the kept password)."""
        self.start()
        session.verify = self.verify
        if session.info.get("url"):  # the port moved, or sharing switched http <-> https: same hub, same data
            session.move_hub(self.url)
        if session.resume():
            return session.info
        password = self.profile.get_secret(PASSWORD_SECRET)
        email = self.settings.get("email")
        if not password or not email:
            return None
        return session.login(self.url, email, password, remember=True)
