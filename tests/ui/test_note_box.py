"""What a note's box keeps once its note is saved (ui/note_box.py)."""

from whitephone.ui.note_box import left_after_save


def test_the_box_empties_when_nothing_was_typed_since():
    assert left_after_save("Call back ", "Call back ", "Call back") == ""
    assert left_after_save("Call back", "Call back ", "Call back") == ""  # only spaces went


def test_what_was_typed_after_the_note_stays():
    assert left_after_save("Call back\nAsk about Lucerne", "Call back", "Call back") == "Ask about Lucerne"


def test_a_box_whose_note_text_was_edited_is_left_alone():
    assert left_after_save("Call Ann back", "Call back", "Call back") is None
    assert left_after_save("", "Call back", "Call back") is None  # the user cleared it: nothing to take
