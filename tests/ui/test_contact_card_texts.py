"""The contact card at 1024x640 with hostile texts: nothing clipped, nothing cut, no "&amp;"."""

from __future__ import annotations

from PySide6.QtGui import Qt, QTextDocument, QTextOption
from PySide6.QtWidgets import QLabel

from whitephone.core.contact import CompanyLink, ContactData, Email, Phone, Website

LONG_MAIL = "averyveryveryverylonglocalpartwithoutanybreakpointsatall_abcdefghijklmnop@example.com"
LONG_URL = "https://example.com/" + "a" * 120


def show_card(qtbot, window, app):
    c = ContactData(given_name="Maximilian" * 8, family_name="Wolfeschlegelsteinhausenbergerdorff",
                    phones=[Phone("+44 20 7946 0018", "mobile")], emails=[Email(LONG_MAIL)],
                    websites=[Website(LONG_URL)],
                    companies=[CompanyLink("Internationale Transport und Logistikgesellschaft mbH & Co KG",
                                           "Head of Everything")],
                    tags=[f"tag{i}" for i in range(30)])
    cid = app.contacts.add(c, app.store.books.default_id())
    window.resize(1024, 640)
    tab = window.address_books
    tab.reload_books()
    qtbot.waitUntil(lambda: tab.model.row_of(cid) >= 0)
    tab.select_contact(cid)
    qtbot.waitUntil(lambda: tab.card.contact is not None)
    qtbot.wait(50)
    return tab.card


def rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    return fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text()))


def shown_text(label: QLabel) -> str:
    """The text on screen (a label not taken as rich text shows its markup as it is)."""
    if not rich(label):
        return label.text()
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText().replace("\u200b", "")


def test_an_ampersand_shows_as_one(qtbot, window, app):
    card = show_card(qtbot, window, app)
    texts = [shown_text(lab) for lab in card.widget().findChildren(QLabel)]
    assert any("mbH & Co KG" in t for t in texts), texts
    assert not any("&amp;" in t for t in texts)


def test_every_text_is_whole_at_1024x640(qtbot, window, app):
    card = show_card(qtbot, window, app)
    for label in card.widget().findChildren(QLabel):
        if not label.wordWrap() or not label.text():
            continue
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)  # as a QLabel wraps: at breaks only
        doc.setDefaultTextOption(option)
        doc.setHtml(label.text()) if rich(label) else doc.setPlainText(label.text())
        doc.setDocumentMargin(0)
        doc.setTextWidth(label.width())
        assert doc.idealWidth() <= label.width() + 1, f"cut on the right: {shown_text(label)[:40]!r}"
        assert label.height() >= label.heightForWidth(label.width()), \
            f"clipped: {shown_text(label)[:40]!r} {label.height()} < {label.heightForWidth(label.width())}"


def test_long_addresses_can_be_read_whole(qtbot, window, app):
    card = show_card(qtbot, window, app)
    labels = card.widget().findChildren(QLabel)
    for full in (LONG_MAIL, LONG_URL):
        label = next(lab for lab in labels if full in shown_text(lab))
        assert full in label.toolTip()
