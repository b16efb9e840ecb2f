"""macOS hands a clicked tel:/sip: link to the app as a QFileOpenEvent: it becomes the same
confirmed call as `whitephone call URI`; documents are left alone."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from whitephone.ui import url_open


def test_a_tel_link_opened_by_the_system_asks_to_call_it(qtbot, window):
    seen = []
    window.handle_instance_request = seen.append  # what single_instance hands over, too
    f = url_open.install(QApplication.instance(), window)
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl("tel:+442079460018")))
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl("sips:alice@example.com")))
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl.fromLocalFile("/tmp/notes.txt")))
    finally:
        QApplication.instance().removeEventFilter(f)
    assert [(m["action"], m["uri"]) for m in seen] == [("call", "tel:+442079460018"),
                                                      ("call", "sips:alice@example.com")]


def test_the_link_reaches_the_confirmation(qtbot, window):
    f = url_open.install(QApplication.instance(), window)
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl("callto:+442079460018")))
    finally:
        QApplication.instance().removeEventFilter(f)
    question = window.link_question
    assert question is not None and question.isVisible()
    question.close()
