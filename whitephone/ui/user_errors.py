"""The window's words for the core's failures: HubError (whitephone/sync/hub_client.py) and
DialError (whitephone/core/dial.py) carry a `kind` — data — and an English sentence for logs
and the CLI; here each kind, and each of the core's fixed sentences, gets a sentence in the
user's language (Qt's tr, context "UserErrors"). What the hub itself wrote (a refusal's detail)
is shown as the hub wrote it."""

from __future__ import annotations

import re
import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from whitephone.core.dial import DialError
from whitephone.phone import entry_examples

# the core's fixed English sentences (exactly as written there) -> the same in the user's language
FIXED = {text: text for text in (
    QT_TRANSLATE_NOOP("UserErrors", "Enter the hub's address."),
    QT_TRANSLATE_NOOP("UserErrors", "You are not signed in."),
    QT_TRANSLATE_NOOP("UserErrors", "Your session has ended; sign in again."),
    QT_TRANSLATE_NOOP("UserErrors", "Wrong e-mail or password."),
    QT_TRANSLATE_NOOP("UserErrors", "This account is disabled; ask your administrator."),
    QT_TRANSLATE_NOOP("UserErrors", "Too many attempts; wait a few minutes and try again."),
    QT_TRANSLATE_NOOP("UserErrors", "The hub asks for a full resync."),
    QT_TRANSLATE_NOOP("UserErrors", "The current password is wrong."),
    QT_TRANSLATE_NOOP("UserErrors", "The office hub no longer knows this computer's password; sign in with "
                                    "your e-mail and password."),
    QT_TRANSLATE_NOOP("UserErrors", "Could not connect to the hub's live channel."),
    QT_TRANSLATE_NOOP("UserErrors", "Enter a number or a SIP address to call."),
    # sync/messages.py's reasons for a rejected change
    QT_TRANSLATE_NOOP("UserErrors", "It was deleted on the hub (by a colleague or on another computer), so this "
                                    "change could not be kept."),
    QT_TRANSLATE_NOOP("UserErrors", "This e-mail address already has an account."),
    QT_TRANSLATE_NOOP("UserErrors", "The hub refused this change."),
    QT_TRANSLATE_NOOP("UserErrors", "The hub had a problem; try again later."),
    QT_TRANSLATE_NOOP("UserErrors", "This reminder has no due time."),
)}


def _is_hub_error(exc: BaseException) -> bool:
    """A HubError — without importing the hub client (httpx) before the first window: no
    HubError exists until its module is loaded."""
    module = sys.modules.get("whitephone.sync.hub_client")
    return module is not None and isinstance(exc, module.HubError)


def _tr(text: str) -> str:
    return QCoreApplication.translate("UserErrors", text)  # i18n: marked


def known_text(message: str) -> str:
    """One of the core's fixed sentences in the user's language; any other text as it is (a
    status line keeps only the message: sync's last error)."""
    return _tr(message) if message in FIXED else message


def hub_error_text(exc: BaseException) -> str:
    """A failed hub request in the user's language."""
    if not _is_hub_error(exc):
        return str(exc) or exc.__class__.__name__
    message = str(exc)
    if message in FIXED:
        return _tr(message)
    if exc.kind == "unreachable" and exc.url:
        return QCoreApplication.translate(
            "UserErrors", "Cannot reach the hub at %s; check the address and your network, and try again.") % exc.url
    if exc.kind == "certificate" and exc.url:
        return QCoreApplication.translate(
            "UserErrors", "The hub's certificate is not trusted (%s), so nothing was sent; check the address, or trust "
                  "the hub's own certificate.") % exc.url
    if exc.kind == "server":
        return QCoreApplication.translate("UserErrors", "The hub had a problem (%s); try again later.") % (exc.status or "?")
    if exc.kind == "bad_credentials":
        return _tr("Your session has ended; sign in again.")
    if exc.kind == "rate_limited":
        return _tr("Too many attempts; wait a few minutes and try again.")
    return message  # the hub's own words (a refusal's detail), a certificate file's trouble, …


def entry_hint_text(region: str) -> str:
    """How to write a phone number, with examples for `region`, in the user's language."""
    from whitephone.ui.regions import country_name

    examples = entry_examples(region)
    if examples is None:
        return QCoreApplication.translate(
            "UserErrors", "Enter the number in international form: + then the country code, e.g. +44 20 7946 0018.")
    national, intl = examples
    return (QCoreApplication.translate(
        "UserErrors", "Enter a number as people in %1 write it (e.g. %2), or with + and the country code for other "
              "countries (e.g. %3).")
        .replace("%1", country_name(region)).replace("%2", national).replace("%3", intl))


def dial_error_text(exc: DialError, region: str) -> str:
    """Why what was typed cannot be called, in the user's language."""
    text = getattr(exc, "text", "")
    kind = getattr(exc, "kind", "")
    if kind == "empty":
        return _tr("Enter a number or a SIP address to call.")
    if kind == "incomplete_sip":
        return QCoreApplication.translate("UserErrors", "“%s” is not a complete SIP address (expected sip:user@host).") % text
    if kind == "not_a_number":
        return (QCoreApplication.translate("UserErrors", "“%s” is not a phone number.") % text
                + " " + entry_hint_text(region))
    if kind == "neither":
        return (QCoreApplication.translate("UserErrors", "“%s” is neither a phone number nor a SIP address.") % text
                + " " + entry_hint_text(region))
    if kind == "no_number":
        return QCoreApplication.translate("UserErrors", "“%s” has no number to dial.") % text
    return str(exc)


def error_text(exc: BaseException, region: str = "") -> str:
    """Any failure shown to the user: the core's kinds in the user's language, else its message."""
    if isinstance(exc, DialError):
        return dial_error_text(exc, region)
    if _is_hub_error(exc):
        return hub_error_text(exc)
    return str(exc) or exc.__class__.__name__


# sync/message_sync.py's reasons a message was not sent (stored with the message, in English):
# "There is no colleague {who} on the hub." (who: an e-mail or "user {id}"),
# "Not sent to {who (reason)}; …", "Not sent: {reason}", or another sentence of the core.
_NO_COLLEAGUE = re.compile(r"There is no colleague (?P<who>.+) on the hub\.")
_USER_ID = re.compile(r"user (?P<id>\d+)")


def failed_message_text(error: str | None) -> str:
    """Why a message was not sent, as one sentence in the user's language (the hub's own words for
    a refusal stay as the hub wrote them)."""
    error = (error or "").strip()
    if not error:
        return QCoreApplication.translate("UserErrors", "Not sent: the hub refused it.")
    if error.startswith("Not sent to "):
        return QCoreApplication.translate("UserErrors", "Not sent to %s") % error[len("Not sent to "):]
    if error.startswith("Not sent: "):
        error = error[len("Not sent: "):]
    found = _NO_COLLEAGUE.fullmatch(error)
    if found:
        who = found["who"]
        user = _USER_ID.fullmatch(who)
        if user:
            who = QCoreApplication.translate("UserErrors", "user %s") % user["id"]
        reason = QCoreApplication.translate("UserErrors", "There is no colleague %s on the hub.") % who
    else:
        reason = known_text(error)
    return QCoreApplication.translate("UserErrors", "Not sent: %s") % reason
