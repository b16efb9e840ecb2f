"""The user's consent to trust a self-signed (or unknown authority's) certificate for TLS
signalling: shown when the engine's relay reports a `tls_error` with the certificate's SHA-256.
Yes pins it (settings "tls" → "pins"); the engine restarts with `--pin-cert` once no call is up."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def fingerprint_text(sha256: str) -> str:
    """`ab12…` → `AB:12:…` in two lines, as certificate viewers show it."""
    pairs = [sha256[i:i + 2].upper() for i in range(0, len(sha256), 2)]
    return ":".join(pairs[:16]) + "\n" + ":".join(pairs[16:])


def ask_to_pin(parent: QWidget | None, server: str, kind: str, sha256: str) -> bool:
    why = (QCoreApplication.translate("PinCert", "The server's certificate is self-signed.") if kind == "self_signed"
           else QCoreApplication.translate("PinCert", "The server's certificate is not signed by an authority this "
                                                      "computer trusts."))
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("PinCert", "Trust this certificate?"),
                      QCoreApplication.translate("PinCert", "%1\n\nServer: %2\nSHA-256:\n%3\n\nTrust it only if this fingerprint is "
                                     "the one your administrator gave you. WhitePhone will then accept this "
                                     "certificate, and only this one, for this server.")
                      .replace("%1", why).replace("%2", server).replace("%3", fingerprint_text(sha256)),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setObjectName("pinCertificate")
    return box.exec() == QMessageBox.StandardButton.Yes
