"""A call asked for by another program (a clicked tel:/sip: link, `whitephone call URI`) is
shown and confirmed before it is dialled: a web page must not be able to place a call, toll
fraud's oldest trick. The user may always allow a program (its name, as the hand-over found
it), after which its links dial at once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox

from whitephone.core.dial import DialError, parse_dial_target
from whitephone.phone import display

TRUSTED_KEY = "trusted_link_sources"
# the source of a link the desktop opened (ui/url_open.py): a key kept in TRUSTED_KEY, shown translated
SYSTEM_SOURCE = "the system (link)"  # i18n: not text


def source_name(source: str) -> str:
    """Who asks, as the question names it."""
    if source == SYSTEM_SOURCE:
        return QCoreApplication.translate("LinkCall", "the system (link)")
    return source or QCoreApplication.translate("LinkCall", "Another program")


def trusted_sources(profile) -> list[str]:
    return [str(s) for s in profile.get(TRUSTED_KEY, []) or []]


def ask_to_call(window, uri: str, source: str) -> QMessageBox | None:
    """Dial `uri` from a link once the user agrees (at once for a program always allowed).
    Returns the question box while it is open (non-modal), None when nothing is asked."""
    profile = window.app.profile
    if source and source in trusted_sources(profile):
        window.request_call(uri, None)
        return None
    try:
        target = parse_dial_target(uri, profile.region)
    except DialError:
        window.request_call(uri, None)  # says what is wrong with it, dials nothing
        return None
    asker = source_name(source)
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("LinkCall", "Call from a link"),
                      QCoreApplication.translate("LinkCall", "%s asks WhitePhone to call:") % asker, parent=window)
    # the number as people here write it (a link's own spelling can hide what it dials)
    box.setInformativeText(display(target.e164, target.e164, profile.region) if target.e164 else target.uri)
    call = box.addButton(QCoreApplication.translate("LinkCall", "Call"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    always = None
    if source:
        always = QCheckBox(QCoreApplication.translate("LinkCall", "Always allow calls from %s") % asker)
        box.setCheckBox(always)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def done(_result: int) -> None:
        if box.clickedButton() is not call:
            return
        if always is not None and always.isChecked():
            profile.set(TRUSTED_KEY, sorted({*trusted_sources(profile), source}))
        window.request_call(uri, None)

    box.finished.connect(done)
    box.open()
    return box
