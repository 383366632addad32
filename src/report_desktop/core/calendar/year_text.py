"""A year as the clerk types it from the notice: one holiday a line ("春节：1月28日至2月4日"),
the 调休 working days in one line ("1月26日、2月8日").  Dates are read like the 上级's
deadline (core/deadline.py): "1月28日", "2025-01-28", "2024年12月31日"."""
from __future__ import annotations

import datetime as dt
import re

from .. import deadline
from .data import CalendarDataError, YearCalendar, parse_year

_NAME = re.compile(r"^\s*(?P<name>[^：:\s\d]+?)\s*[：:\s]\s*(?P<rest>.+)$")
_RANGE = re.compile(r"\s*(?:至|到|~|～|—|－)\s*")
_LIST = re.compile(r"[、，,；;\s]+")


def _day(text: str, year: int) -> dt.date:
    try:
        return deadline.parse(text, year).date
    except deadline.DeadlineError:
        raise CalendarDataError(f"{year}年的日期“{text}”无法识别：写成“1月28日”或“{year}-01-28”") from None


def year_from_text(year: int, number: str, date: str, holidays: str, workdays: str) -> YearCalendar:
    """The year the dialog describes, checked (CalendarDataError says what to correct)."""
    spans = []
    for line in holidays.splitlines():
        if not line.strip():
            continue
        m = _NAME.match(line)
        if not m:
            raise CalendarDataError(f"每行写一个节日，如“春节：1月28日至2月4日”：“{line.strip()}”")
        parts = _RANGE.split(m["rest"].strip())
        if len(parts) > 2:
            raise CalendarDataError(f"{m['name']}只写开始和结束两个日期")
        first = _day(parts[0], year)
        end = parts[-1]
        if re.fullmatch(r"\d{1,2}日", end):          # "1月21日至27日", as the notices write it
            end = f"{first.month}月{end}"
        last = _day(end, year) if len(parts) == 2 else first
        # "12月31日至1月2日": 元旦 beginning in December belongs to the year before.
        if first > last and first.month == 12:
            first = first.replace(year=year - 1)
        spans.append({"name": m["name"], "from": first.isoformat(), "to": last.isoformat()})
    days = [_day(t, year).isoformat() for t in _LIST.split(workdays.strip()) if t]
    return parse_year(year, {"notice": {"number": number.strip(), "date": date.strip(),
                                        "title": f"国务院办公厅关于{year}年部分节假日安排的通知"},
                             "holidays": spans, "workdays": days}, entered=True)


def _md(d: dt.date, year: int) -> str:
    return f"{d.month}月{d.day}日" if d.year == year else f"{d.year}年{d.month}月{d.day}日"


def year_to_text(cal: YearCalendar) -> tuple[str, str]:
    """(holiday lines, working days) as the dialog shows them."""
    lines = [f"{h.name}：{_md(h.first, cal.year)}" + ("" if h.first == h.last else
                                                     f"至{_md(h.last, cal.year)}")
             for h in cal.holidays]
    return "\n".join(lines), "、".join(_md(d, cal.year) for d in cal.workdays)
