"""Break-it review: English left on Polish screens (the real store and window, the Polish .qm built
by the real lrelease and installed as at start-up)."""

from __future__ import annotations

from whitephone.app import App


def test_default_address_book_is_not_english_in_polish(polish, qtbot, tmp_path):
    """A fresh Polish profile: the store makes its default book "Personal" on first use
    (store/books.py DEFAULT_BOOK) and the Address Books tab lists it as "Personal (0)" — English
    on the first screen, next to "Wszystkie kontakty (0)". (The import wizard, with no book yet,
    offers the translated "Osobista" for the same default book, so the two paths even disagree.)"""
    from whitephone.ui.main_window import MainWindow

    app = App.open(tmp_path / "profile")
    try:
        app.store.books.default_id()  # what saving the first contact does
        w = MainWindow(app)
        qtbot.addWidget(w)
        w.address_books.reload_books()
        items = [w.address_books.books.item(i).text() for i in range(w.address_books.books.count())]
        assert items[0].startswith("Wszystkie kontakty")
        assert not any(text.startswith("Personal") for text in items), items
    finally:
        w.close()
        app.close()
