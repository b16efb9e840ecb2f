"""CRM reports (issue 13 point 6): open records by type, priority, owner and group; overdue
reminders; records closed per day, week or month; calls per user per day with their durations.

The database makes the counts (store/crm_reports.py); this module shapes them into `Report`s,
which the Reports window draws as charts and `export_xlsx` / `export_csv` write out. No Qt here.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from whitephone.store import crm_reports as q

PERIODS = ("day", "week", "month")
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9998, 12, 31)  # a report's dates lie in between (as on the hub)
PRIORITY_ORDER = ("high", "medium", "low")


@dataclass
class Report:
    """One table: a title, its column names, its rows. `chart`: how the window draws it
    ("bar": first column the categories, the second the bars; "" no chart)."""

    key: str
    title: str
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    chart: str = "bar"
    note: str = ""  # where the figures come from, when that matters (the hub, or this computer only)
    source: str = "local"  # "hub": the hub's figures (the whole team's); "local": this computer's store

    def total(self, column: int = 1) -> float:
        return sum(r[column] for r in self.rows if isinstance(r[column], int | float))


def parse_time(ts) -> datetime | None:
    if ts is None or ts == "":
        return None
    if isinstance(ts, datetime):
        return ts if ts.tzinfo else ts.replace(tzinfo=UTC)
    try:
        d = datetime.fromisoformat(str(ts).replace("Z", "+00:00"))
    except ValueError:
        return None
    return d if d.tzinfo else d.replace(tzinfo=UTC)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat()


def period_of(when: date, period: str) -> str:
    """The label of the day ("2026-12-05"), ISO week ("2026-W49") or month ("2026-12") of `when`."""
    if period == "day":
        return when.strftime("%Y-%m-%d")
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return when.strftime("%Y-%m")
    raise ValueError(f"unknown period {period!r} (day, week or month)")


def _ordered(counts: dict, first: list | tuple) -> list[tuple]:
    """`first` in its order (0 where none), then the rest by name."""
    rows = [(k, counts.get(k, 0)) for k in first]
    return rows + sorted((k, n) for k, n in counts.items() if k not in first)


def open_records(store, group_names: dict[int, str] | None = None, now: datetime | None = None) -> list[Report]:
    """Open records by type, priority, owner and group, and the open records whose reminder is
    past (`now`, default the current time)."""
    now = now or datetime.now(UTC)
    group_names = group_names or {}
    counts = q.open_counts(store.engine)
    by_group = Counter()
    for gid, n in counts["group"].items():
        by_group[group_names.get(gid, f"group {gid}") if gid else "Company"] += n
    by_owner = Counter()
    for oid, name, n in q.open_by_owner(store.engine):
        by_owner[name or (f"user {oid}" if oid else "me (not synced yet)")] += n
    overdue = []
    for r in q.overdue(store.engine, _iso(now)):
        due = parse_time(r.remind_at)
        overdue.append((r.task_label, r.subject, r.type, r.priority, r.owner_name or "",
                        due.strftime("%Y-%m-%d %H:%M"), round((now - due).total_seconds() / 86400, 1)))
    return [
        Report("open_by_type", "Open records by type", ["Type", "Open"], _ordered(counts["type"], store.crm.types())),
        Report("open_by_priority", "Open records by priority", ["Priority", "Open"],
               _ordered(counts["priority"], PRIORITY_ORDER)),
        Report("open_by_owner", "Open records by owner", ["Owner", "Open"], sorted(by_owner.items())),
        Report("open_by_group", "Open records by group", ["Opened as", "Open"], sorted(by_group.items())),
        Report("overdue", "Overdue reminders",
               ["Task", "Subject", "Type", "Priority", "Owner", "Reminder", "Days overdue"], overdue, chart=""),
    ]


def closed_per_period(store, period: str = "week", since: datetime | None = None) -> Report:
    """How many records were closed in each day, week or month (UTC; `since`: closed then or later)."""
    period_of(date.today(), period)  # an unknown period fails before any reading
    counts: Counter = Counter()
    for day, n in q.closed_per_day(store.engine, _iso(since) if since else None):
        try:
            counts[period_of(date.fromisoformat(day), period)] += n
        except ValueError:
            continue  # a closed_at that is not a date (written by something else): left out
    return Report("closed", f"Records closed per {period}", [period.capitalize(), "Closed"], sorted(counts.items()))


CALL_COLUMNS = ["User", "Day", "Calls", "Answered", "Minutes", "Average minutes"]
LOCAL_NOTE = "This computer's call log only"


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 1)


def local_zone() -> str:
    """This computer's time zone for the hub (its days are the user's): the IANA name when it is
    known (TZ, /etc/localtime), else the current UTC offset as "+HH:MM"."""
    import os

    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = os.path.realpath("/etc/localtime")
            if "zoneinfo/" in target:
                name = target.split("zoneinfo/", 1)[1]
        except OSError:
            name = ""
    if name:
        try:
            from zoneinfo import ZoneInfo

            ZoneInfo(name)
            return name
        except (ValueError, OSError, KeyError):
            pass
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def report_range(since: date | None, until: date | None, today: date | None = None) -> tuple[date, date]:
    """A report's days: `until` default today, `since` default 29 days before; ValueError with
    the reason for dates out of 1900..9998 or `since` after `until`."""
    until = until or today or date.today()
    for name, d in (("until", until), ("since", since)):
        if d is not None and not FIRST_DAY <= d <= LAST_DAY:
            raise ValueError(f"--{name} must lie between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}")
    since = since or max(FIRST_DAY, until - timedelta(days=29))
    if since > until:
        raise ValueError("--since is after --until")
    return since, until


def _local_day(text: str) -> date | None:
    when = parse_time(text)
    return when.astimezone().date() if when else None  # the user's day, in this computer's zone


def calls_per_user_per_day(store, since: date | datetime | None = None, until: date | None = None,
                           note: str = LOCAL_NOTE) -> Report:
    """From this computer's call log: per account (the user's line) and the user's day (this
    computer's zone, from each call's instant), the calls, the answered ones, the minutes talked
    and the average per answered call. `since` / `until`: first and last day."""
    if isinstance(since, datetime):
        since = (since if since.tzinfo else since.replace(tzinfo=UTC)).astimezone().date()
    lo = (since - timedelta(days=2)).isoformat() if since and since > FIRST_DAY else None
    hi = (until + timedelta(days=3)).isoformat() if until and until < LAST_DAY else None
    days: dict[tuple[str, str], list[int]] = {}
    for account, start, n, answered, seconds in q.calls_per_account_per_minute(store.engine, lo, hi):
        day = _local_day(start)
        if day is None or (since and day < since) or (until and day > until):
            continue
        row = days.setdefault((day.isoformat(), account or "(no account)"), [0, 0, 0])
        row[0] += n
        row[1] += answered
        row[2] += seconds
    rows = [(account, day, n, answered, _minutes(seconds), _minutes(seconds / answered) if answered else 0.0)
            for (day, account), (n, answered, seconds) in sorted(days.items())]
    return Report("calls", "Calls per user per day", list(CALL_COLUMNS), rows, note=note)


def calls_from_hub(body: dict) -> Report:
    """The hub's answer (`GET /api/v1/reports/calls`) as the calls report: the whole team's."""
    rows = [(r["user_name"], r["day"], r["calls"], r["answered"], _minutes(r["seconds"]),
             _minutes(r["average_seconds"])) for r in body.get("rows", [])]
    return Report("calls", "Calls per user per day", list(CALL_COLUMNS), rows, source="hub",
                  note=f"The team's calls from the hub, {body.get('since')} to {body.get('until')}")


def team_calls(store, fetch=None, since: date | None = None, until: date | None = None) -> Report:
    """Calls per user per day: the team's from the hub through `fetch(since, until, zone)` (a
    signed-in HubClient's `call_report`; the days are this computer's zone's), else this
    computer's call log, saying why. `fetch` None: offline."""
    if fetch is not None:
        try:
            return calls_from_hub(fetch(since.isoformat() if since else None, until.isoformat() if until else None,
                                        local_zone()))
        except Exception as exc:  # noqa: BLE001 - any hub failure (HubError, a network error) falls back
            why = str(exc) or exc.__class__.__name__
            note = f"{LOCAL_NOTE}: the hub's team report is not available ({why})"
    else:
        note = f"{LOCAL_NOTE} (not signed in to a hub: the team's calls come from the hub)"
    return calls_per_user_per_day(store, since, until, note=note)


def all_reports(store, group_names: dict[int, str] | None = None, period: str = "week",
                now: datetime | None = None, calls: Report | None = None) -> list[Report]:
    """Every report; `calls`: the calls report already made (the team's, from the hub), else
    this computer's call log."""
    return [*open_records(store, group_names, now), closed_per_period(store, period),
            calls or calls_per_user_per_day(store)]


# -- export ------------------------------------------------------------------------------------
# Cells come from anybody in the company (a subject, an owner's name): a spreadsheet must never
# take one for a formula (CSV/formula injection), and a control character must not break the file.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XLSX (openpyxl) refuses


def _clean(value):
    """A text cell without the control characters spreadsheets refuse (others pass as they are)."""
    return _ILLEGAL.sub("", value) if isinstance(value, str) else value


def _csv_cell(value):
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading quote."""
    value = _clean(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _sheet_title(title: str, taken: set[str]) -> str:
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Report"
    base, i = name, 2
    while name in taken:
        name = f"{base[:28]} {i}"
        i += 1
    taken.add(name)
    return name


def export_xlsx(reports: list[Report], path: Path | str) -> Path:
    """One sheet per report (its title as the sheet name, a bold header row; its note, where the
    figures come from, beside the header)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for rep in reports:
        ws = wb.create_sheet(_sheet_title(_clean(rep.title), taken))
        ws.append([_clean(c) for c in rep.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rep.rows:
            ws.append([_clean(v) for v in row])
            for cell in ws[ws.max_row]:
                if cell.data_type == "f":  # text that looks like a formula stays text, exactly as typed
                    cell.data_type = "s"
        for i, col in enumerate(rep.columns, start=1):
            width = max([len(str(col))] + [len(str(r[i - 1])) for r in rep.rows[:500]])
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, width + 2)
        if rep.note:  # where the figures come from, beside the header: seen first, the table stays a table
            note = ws.cell(1, len(rep.columns) + 2, _clean(rep.note))
            note.font = Font(bold=True, italic=True)
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    tmp.replace(path)  # a failed save leaves no half-written file under the chosen name
    return path


def export_csv(reports: list[Report], path: Path | str) -> Path:
    """The reports one after another: a title line, the note line (where the figures come from,
    when the report has one), the header, the rows, a blank line."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        for i, rep in enumerate(reports):
            if len(reports) > 1:
                if i:
                    w.writerow([])
                w.writerow([_csv_cell(rep.title)])
            if rep.note:  # where the figures come from (this computer's call log only, or the hub)
                w.writerow([_csv_cell(rep.note)])
            w.writerow([_csv_cell(c) for c in rep.columns])
            w.writerows([_csv_cell(v) for v in row] for row in rep.rows)
    tmp.replace(path)
    return path
