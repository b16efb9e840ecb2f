"""The Diary tab's parts: plain-Python layout (layout.py), painted views (views.py), the
appointment editor (editor.py) and the reminder/phone-meeting watcher (reminders.py)."""
