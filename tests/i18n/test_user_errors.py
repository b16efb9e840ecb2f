"""ui/user_errors.py: the core's failures (HubError from a real HubClient against a real hub or a
closed port, DialError from the real dial parser) in the user's language, the core's English kept
in str(exc) for logs and the CLI."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QLocale, QTranslator

from tests import schema_templates
from tests.server.conftest import RunningHub
from whitephone.core.dial import DialError, parse_dial_target
from whitephone.sync.hub_client import HubClient, HubError
from whitephone.ui import i18n
from whitephone.ui.user_errors import error_text, hub_error_text, known_text


@pytest.fixture
def polish(qapp, tmp_path):
    old = QLocale()
    translator = QTranslator()
    assert translator.load(str(i18n.build_qm("pl", tmp_path / "whitephone_pl.qm")))
    qapp.installTranslator(translator)
    QLocale.setDefault(QLocale("pl_PL"))
    yield
    qapp.removeTranslator(translator)
    QLocale.setDefault(old)


@pytest.fixture
def hub(tmp_path):
    path = tmp_path / "hub.sqlite3"
    schema_templates.migrated_sqlite(path)
    h = RunningHub(f"sqlite:///{path}", tmp_path / "hub")
    yield h
    h.stop()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once it is closed


def failure(fn) -> BaseException:
    with pytest.raises((HubError, DialError)) as info:
        fn()
    return info.value


def test_unreachable_hub(qapp, polish):
    url = f"http://127.0.0.1:{closed_port()}"
    exc = failure(lambda: HubClient(url).login("ala@example.com", "password123"))
    assert exc.kind == "unreachable" and exc.url == url
    assert str(exc) == f"Cannot reach the hub at {url}."  # English for logs and the CLI
    assert error_text(exc) == (f"Nie można połączyć się z serwerem firmy pod adresem {url}; sprawdź adres i sieć, "
                               "a potem spróbuj ponownie.")


def test_wrong_password_on_a_real_hub(qapp, polish, hub):
    HubClient(hub.base).register("Acme", "Ala", "ala@example.com", "password123")
    exc = failure(lambda: HubClient(hub.base).login("ala@example.com", "not-her-password"))
    assert exc.kind == "bad_credentials" and str(exc) == "Wrong e-mail or password."
    assert hub_error_text(exc) == "Błędny e-mail lub hasło."
    assert known_text(str(exc)) == "Błędny e-mail lub hasło."  # a status line that kept only the text
    assert known_text("the hub's own words") == "the hub's own words"


def test_dial_errors_in_polish(qapp, polish):
    exc = failure(lambda: parse_dial_target("12", "PL"))
    assert exc.kind == "not_a_number" and str(exc).startswith("“12” is not a phone number.")
    text = error_text(exc, "PL")
    assert text.startswith("„12” nie jest numerem telefonu. Wpisz numer w zapisie krajowym (Polska: np. ")
    assert "+48 " in text
    exc = failure(lambda: parse_dial_target("", "PL"))
    assert exc.kind == "empty" and error_text(exc, "PL") == "Wpisz numer lub adres SIP, na który chcesz zadzwonić."
    exc = failure(lambda: parse_dial_target("sip:", "PL"))
    assert exc.kind == "incomplete_sip" and error_text(exc).startswith("„sip:” nie jest pełnym adresem SIP")
    exc = failure(lambda: parse_dial_target("hello there", "GB"))
    assert exc.kind == "neither" and "nie jest ani numerem telefonu, ani adresem SIP" in error_text(exc, "GB")


def test_english_without_the_translation(qapp):
    exc = failure(lambda: parse_dial_target("12", "GB"))
    assert error_text(exc, "GB") == str(exc).replace("GB write it", "United Kingdom write it")
    assert error_text(HubError("server", "The hub had a problem (502); try again later.", status=502)) == (
        "The hub had a problem (502); try again later.")
    assert error_text(HubError("invalid", "A refusal in the hub's words.")) == "A refusal in the hub's words."
    assert error_text(ValueError("plain")) == "plain"


def test_failed_message_reasons_in_polish(polish):
    """What message_sync stores as a failed message's error (English, for logs and the CLI) as the
    Messages tab shows it: one Polish sentence; the hub's own words for a refusal kept."""
    from whitephone.ui.user_errors import failed_message_text

    assert failed_message_text(None) == "Nie wysłano: serwer firmy odrzucił wiadomość."
    assert failed_message_text("There is no colleague user 2 on the hub.") == \
        "Nie wysłano: Na serwerze firmy nie ma takiego współpracownika: użytkownik 2."
    assert failed_message_text("There is no colleague bob@example.com on the hub.") == \
        "Nie wysłano: Na serwerze firmy nie ma takiego współpracownika: bob@example.com."
    assert failed_message_text("Not sent: This reminder has no due time.") == \
        "Nie wysłano: To przypomnienie nie ma terminu."
    assert failed_message_text("Not sent to bob@example.com (no such user)") == \
        "Nie wysłano do: bob@example.com (no such user)"
    assert failed_message_text("Not sent: The hub refused this change.") == "Nie wysłano: " + known_text(
        "The hub refused this change.")


def test_sip_end_reasons_in_polish(polish):
    from whitephone.ui.call_window import sip_reason

    assert sip_reason(486, "Busy Here") == "Zajęty"
    assert sip_reason(408, "Request Timeout") == "Brak odpowiedzi"
    assert sip_reason(699, "Something New") == "Something New"  # a code nobody knows: the phrase as sent
