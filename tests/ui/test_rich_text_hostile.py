"""Issue 18 replaced html.escape by ui/rich_text.escape in 16 ui files. Hostile and ordinary
names, numbers and messages (with < > & " ' and entity-like text) are put where the window shows
them, and what the user sees (the label's text as rich text when Qt takes it as rich text, which
is also what a screen reader reads) must be the text itself.

escape() itself held (same output as html.escape for every string tried). The failures below are
NOT regressions of issue 18 (html.escape gave the same output): they are labels left in Qt's
AutoText format with escaped text that has no tag, which Qt then shows as plain text, entities
and all ("Smith &amp; Sons", "O&#x27;Brien"). contact_card._wrapping already fixes exactly this
with setTextFormat(RichText)."""

from __future__ import annotations

import html

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel

from whitephone.core.caller import CallerInfo
from whitephone.core.contact import CompanyLink, ContactData, Phone
from whitephone.ui.rich_text import escape

HOSTILE = ["Smith & Sons", "O'Brien \"Bob\"", "<b>bold</b> & <script>x</script>", "&amp; &lt;tag&gt; &#39;",
           "a<b>c", "Tom & Jerry's <Co>", "", "&", "'", "\u200b<\u00a0>"]


@pytest.mark.parametrize("text", HOSTILE + ["plain", "ąęł 漢字 🙂", "x" * 300, "&#x27;&quot;"])
def test_escape_is_html_escape(text):
    """rich_text.escape: the same output as html.escape (held)."""
    assert escape(text) == html.escape(text)


def shown(label: QLabel) -> str:
    """What the label shows / a screen reader says for it."""
    return QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name)


def test_company_with_ampersand_in_the_caller_popup(qtbot):
    """A known caller works at "Smith & Sons" (a very ordinary name) and calls: the caller popup's
    company line shows "Smith &amp; Sons (Buyer)". Expected: "Smith & Sons (Buyer)".
    Used to fail: caller_popup.companies is an AutoText QLabel."""
    from whitephone.ui.caller_popup import CallerPopup

    p = CallerPopup("+44 20 7946 0018", "GB", False)
    qtbot.addWidget(p)
    c = ContactData(given_name="Ann", family_name="O'Brien", phones=[Phone("+442079460018")],
                    companies=[CompanyLink("Smith & Sons", "Buyer")])
    p.fill(CallerInfo(identity="sip:+442079460018@x", number="+442079460018", contact=c))
    assert "Smith & Sons (Buyer)" in shown(p.companies)
    assert "O'Brien" in shown(p.name)


def test_unknown_caller_with_apostrophe_in_the_caller_popup(qtbot):
    """An unknown caller whose INVITE says "O'Brien" from sip:o'brien&co@pbx: the popup's second
    line (the number / address) shows "sip:o&#x27;brien&amp;co@pbx". Expected: the address as it is.
    Used to fail."""
    from whitephone.ui.caller_popup import CallerPopup

    p = CallerPopup("O'Brien", "GB", False)
    qtbot.addWidget(p)
    p.fill(CallerInfo(identity="<sip:o'brien&co@pbx.example.com>", number=None, display_name="O'Brien"))
    assert shown(p.name) == "O'Brien"
    assert shown(p.companies) == "sip:o'brien&co@pbx.example.com"


@pytest.mark.parametrize("detail", ["+44 20 7946 0018 — Smith & Sons", "sip:o'brien@pbx.example.com"])
def test_incoming_call_window_detail_line(qtbot, detail):
    """A caller from "Smith & Sons" (the contact's company, in the detail line CallController._who
    makes) rings: the incoming-call window's second line shows "Smith &amp; Sons". Expected the
    text itself. Used to fail: QLabel(escape(detail)) in AutoText."""
    from whitephone.ui.calls import IncomingCallWindow

    w = IncomingCallWindow(None, 1, "Ann <O'Brien>", detail, [])
    qtbot.addWidget(w)
    labels = w.findChildren(QLabel)
    assert shown(labels[0]) == "Ann <O'Brien>"  # the name line has a tag: rich text, held
    assert shown(labels[1]) == detail


@pytest.mark.parametrize("detail", ["+44 20 7946 0018 — Smith & Sons", "sip:o'brien@pbx.example.com"])
def test_call_window_subtitle(qtbot, detail):
    """The same caller answered: the call window's subtitle shows "Smith &amp; Sons". Expected the
    text itself. Used to fail: QLabel(escape(subtitle)) in AutoText."""
    from whitephone.ui.call_window import CallWindow

    class Ctl:
        window = None

        def send(self, *a, **k):
            return None

    w = CallWindow(Ctl(), 1, "Tom & Jerry's <Co>", detail)
    qtbot.addWidget(w)
    assert shown(w.name) == "Tom & Jerry's <Co>"  # has a tag: held
    assert shown(w.sub) == detail


def test_leave_voice_mail_intro_with_apostrophe(qtbot, tmp_path):
    """Leave a voice mail for a colleague called O'Brien (no "why" line): the dialog says
    "Leave O&#x27;Brien a voice mail…". Expected "Leave O'Brien a voice mail…". Used to fail
    (the intro label has no tag when `why` is empty)."""
    from whitephone.ui.dialogs import leave_voice_mail

    class Messages:
        files_dir = tmp_path

        def voice_mail_seconds(self):
            return 60

    class Store:
        messages = Messages()

    class App:
        store = Store()

    d = leave_voice_mail.LeaveVoiceMailDialog(App(), None, 7, "O'Brien", "")
    qtbot.addWidget(d)
    intro = d.findChildren(QLabel)[0]
    assert "Leave O'Brien a voice mail" in shown(intro)


def test_timeline_note_tooltip_is_not_taken_as_rich_text(qtbot):
    """A colleague's CRM note (or a message) reads "<b>Urgent</b> <img src=x> call Ann & Bob back"
    (typed, or pasted from an HTML e-mail): hovering it in a contact's timeline shows a tooltip Qt
    takes as rich text (the raw detail is given to setToolTip): the tags vanish, "Urgent" is
    bold, an image is loaded. Minor. Expected: the
    note as written. Used to fail: TimelineView._show, item.setToolTip(2, e.detail)."""
    from PySide6.QtGui import Qt as GuiQt

    from whitephone.store.timeline import TimelineEntry
    from whitephone.ui.timeline_view import TimelineView

    v = TimelineView(None, None)
    qtbot.addWidget(v)
    note = "<b>Urgent</b> <img src=x> call Ann & Bob back"
    v._show(v._generation, None, [TimelineEntry(kind="note", at="2026-01-01T10:00:00Z", key=1, title="Note", detail=note)])
    tip = v.tree.topLevelItem(0).toolTip(2)
    assert not GuiQt.mightBeRichText(tip) or tip == "<qt>" + escape(note) + "</qt>", tip
