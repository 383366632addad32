"""The calendar's data: the shipped holidays.json and the clerk's own years, read and checked.

One year is what one 国务院办公厅 notice fixes: its days off (spans, weekends inside them
included) and its 调休 working weekends.  The clerk's years (entered in the window when next
year's notice is out, or to correct one) are kept as JSON in the store's settings and laid
over the shipped file year by year."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

SETTING_KEY = "calendar.years"      # store.setting: the clerk's years, JSON


class CalendarDataError(ValueError):
    """A year's data cannot be used; the message says what to correct, in Chinese."""


@dataclass(frozen=True)
class Notice:
    number: str         # 国办发明电〔2024〕12号
    date: str = ""      # ISO date of the notice
    title: str = ""


@dataclass(frozen=True)
class Holiday:
    name: str
    first: dt.date
    last: dt.date

    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(i) for i in range((self.last - self.first).days + 1)]


@dataclass(frozen=True)
class YearCalendar:
    year: int
    notice: Notice
    holidays: tuple[Holiday, ...]
    workdays: tuple[dt.date, ...]
    entered: bool = False          # True: from the clerk, not the shipped file
    off_days: frozenset[dt.date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "off_days",
                           frozenset(d for h in self.holidays for d in h.days()))

    def to_json(self) -> dict[str, Any]:
        return {"notice": {"number": self.notice.number, "date": self.notice.date,
                           "title": self.notice.title},
                "holidays": [{"name": h.name, "from": h.first.isoformat(),
                              "to": h.last.isoformat()} for h in self.holidays],
                "workdays": [d.isoformat() for d in self.workdays]}


def _date(value: object, year: int, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CalendarDataError(f"{year}年{what}的日期“{value}”无法识别：请写成 {year}-01-01 的形式") \
            from None


def parse_year(year: int, raw: object, entered: bool = False) -> YearCalendar:
    """One year from its JSON form, checked: dates in that year (元旦 may start on
    31 December before), spans not reversed, working days on weekends."""
    if not isinstance(raw, dict):
        raise CalendarDataError(f"{year}年的节假日安排不完整：缺少通知和日期")
    notice_raw = raw.get("notice") or {}
    number = str(notice_raw.get("number", "")).strip() if isinstance(notice_raw, dict) else ""
    if not number:
        raise CalendarDataError(f"填写{year}年节假日安排所依据的通知文号（如国办发明电〔{year - 1}〕N号）")
    notice = Notice(number, str(notice_raw.get("date", "")), str(notice_raw.get("title", "")))
    holidays = []
    for item in raw.get("holidays") or []:
        if not isinstance(item, dict):
            raise CalendarDataError(f"{year}年的放假安排格式不对")
        name = str(item.get("name", "")).strip() or "节假日"
        first = _date(item.get("from"), year, name)
        last = _date(item.get("to", item.get("from")), year, name)
        if last < first:
            raise CalendarDataError(f"{year}年{name}的结束日期早于开始日期：请改正")
        if last.year != year or first < dt.date(year - 1, 12, 25):
            raise CalendarDataError(f"{year}年{name}的日期不在{year}年内：请改正")
        holidays.append(Holiday(name, first, last))
    if not holidays:
        raise CalendarDataError(f"填写{year}年的放假日期：按通知逐项录入")
    workdays = []
    for value in raw.get("workdays") or []:
        d = _date(value, year, "调休上班日")
        if d.year != year:
            raise CalendarDataError(f"调休上班日{d.isoformat()}不在{year}年内：请改正")
        if d.weekday() < 5:
            raise CalendarDataError(f"调休上班日{d.isoformat()}不是周末：只录入需要上班的周六、周日")
        workdays.append(d)
    return YearCalendar(year, notice, tuple(holidays), tuple(sorted(workdays)), entered)


def parse_years(raw: object, entered: bool = False) -> dict[int, YearCalendar]:
    if not isinstance(raw, dict):
        raise CalendarDataError("工作日日历的数据格式不对")
    out = {}
    for key, value in raw.items():
        try:
            year = int(key)
        except ValueError:
            raise CalendarDataError(f"工作日日历中的年份“{key}”无法识别") from None
        out[year] = parse_year(year, value, entered)
    return out


def shipped_years() -> dict[int, YearCalendar]:
    """The years shipped with the program (holidays.json beside this module)."""
    text = resources.files(__package__).joinpath("holidays.json").read_text("utf-8")
    return parse_years(json.loads(text)["years"])


def entered_years(setting: str | None) -> dict[int, YearCalendar]:
    """The clerk's years from the store setting; nothing when unset."""
    if not setting:
        return {}
    try:
        raw = json.loads(setting)
    except ValueError:
        raise CalendarDataError("数据文件中保存的工作日日历已损坏：请在“工作日日历”中重新录入") from None
    return parse_years(raw, entered=True)


def setting_value(years: dict[int, YearCalendar]) -> str:
    """The clerk's years as the JSON the store keeps."""
    return json.dumps({str(y): c.to_json() for y, c in sorted(years.items())},
                      ensure_ascii=False, sort_keys=True)
