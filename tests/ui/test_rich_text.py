"""ui/rich_text.escape is html.escape without importing html (issue 18)."""

import html

from whitephone.ui.rich_text import escape


def test_escape_is_html_escape():
    for text in ("", "plain", "Smith & Sons <b>bold</b>", "\"quoted\" and 'single'", "&amp; stays escaped once",
                 "żółć <ąę>", "a&<>\"'b" * 3):
        assert escape(text) == html.escape(text)
