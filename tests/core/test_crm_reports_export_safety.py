"""Review (CRM): a record subject (any colleague can type one, it syncs to everybody) goes into the
Overdue reminders report verbatim; exported to CSV/XLSX a subject like `=cmd|...` is a live formula
when the manager opens the file in a spreadsheet (CSV / formula injection)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from whitephone.core import crm_reports
from whitephone.store import Store

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
EVIL = "=cmd|' /C calc'!A0"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "wp.db")
    s.sync.set("user_id", "1")
    s.sync.set("user_name", "@SUM(1+1)*cmd|' /C calc'!A0")
    rec = s.crm.create(subject=EVIL, type="Support", priority="high")
    s.crm.remind(rec.uid, (NOW - timedelta(days=2)).isoformat())
    yield s
    s.close()


def _cells_starting_with_formula(values):
    return [v for v in values if isinstance(v, str) and v[:1] in ("=", "+", "-", "@")]


def test_csv_export_neutralises_formulas_in_subjects(store, tmp_path):
    reports = crm_reports.open_records(store, now=NOW)
    path = crm_reports.export_csv(reports, tmp_path / "r.csv")
    with path.open(newline="", encoding="utf-8") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert EVIL in "".join(cells) or any("cmd|" in c for c in cells)  # the subject is exported
    assert _cells_starting_with_formula(cells) == [], "a subject/owner exported as a live spreadsheet formula"


def test_xlsx_export_stores_subjects_as_text_not_formulas(store, tmp_path):
    reports = crm_reports.open_records(store, now=NOW)
    path = crm_reports.export_xlsx(reports, tmp_path / "r.xlsx")
    wb = load_workbook(path)
    formulas = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == [], f"cells stored as formulas: {formulas}"


def test_xlsx_export_survives_a_control_character_in_a_subject(tmp_path):
    """A colleague's subject with a control character (the hub and the store accept anything but
    NUL) makes every XLSX export fail with openpyxl's IllegalCharacterError: the Reports window
    cannot export at all (whitephone/core/crm_reports.py export_xlsx writes values unfiltered)."""
    s = Store(tmp_path / "wp.db")
    try:
        s.sync.set("user_id", "1")
        s.sync.set("user_name", "Ann")
        rec = s.crm.create(subject="Boiler\x01broken\x0b", type="Support", priority="high")
        s.crm.remind(rec.uid, (NOW - timedelta(days=1)).isoformat())
        path = crm_reports.export_xlsx(crm_reports.open_records(s, now=NOW), tmp_path / "r.xlsx")
        cells = [c.value for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row]
        assert any(isinstance(v, str) and "Boiler" in v for v in cells)
    finally:
        s.close()
