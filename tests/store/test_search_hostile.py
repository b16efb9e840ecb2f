"""Search defects found in review: hostile text typed or pasted in the search box must not crash the search."""

from __future__ import annotations

import pytest

from whitephone.core.contact import ContactData
from whitephone.core.contacts import ContactsService
from whitephone.core.search import MAX_WORDS, SearchError, parse_query


@pytest.mark.parametrize("text", ["x\x00y", "ab " * 1700, " ".join(f"w{i:04d}" for i in range(1700))],
                         ids=["nul", "1700-words", "1700-different-words"])
def test_search_box_with_hostile_text_answers_or_refuses_cleanly(store, text):
    """A NUL (pasted text) reaches the FTS MATCH and fails with sqlite3.OperationalError
    "unterminated string"; ~1700 words build one LIKE per word and fail with "Expression tree is
    too large (maximum depth 1000)" (whitephone/store/search_sql.py plan_search)."""
    ContactsService(store, "GB").add(ContactData(given_name="Maria", family_name="Lopez"))
    try:
        store.contacts.search(parse_query(text, "GB"))
    except SearchError:
        pass  # a clear refusal is fine


def test_pasted_control_characters_separate_words_and_the_search_answers(store):
    ContactsService(store, "GB").add(ContactData(given_name="Maria", family_name="Lopez"))
    found = store.contacts.search(parse_query("Maria\x00Lopez", "GB"))
    assert [c.display_name for c in found] == ["Maria Lopez"]


def test_too_many_different_words_is_a_clear_refusal(store):
    with pytest.raises(SearchError, match="at most"):
        parse_query(" ".join(f"w{i}" for i in range(MAX_WORDS + 1)), "GB")
