"""Plain-Python services and data types (no Qt, no SQL)."""
