"""Working days as the State Council fixes them: weekends, statutory holidays and the 调休
working weekends, year by year (docs/rules.md §Working days).

``Calendar`` answers for the years it has a notice for; a date in any other year raises
``YearNotCovered`` (never a silent weekday count): the clerk enters that year's notice first.
Counting follows the usual rule for periods: the day the period starts from is not counted,
so ``add_working_days(d, 20, cal)`` is the 20th working day after ``d``."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .data import (SETTING_KEY, CalendarDataError, Holiday, Notice, YearCalendar,
                   entered_years, parse_year, setting_value, shipped_years)

__all__ = ["Calendar", "YearNotCovered", "CalendarDataError", "YearCalendar", "Holiday",
           "Notice", "SETTING_KEY", "shipped", "with_entered", "parse_year", "setting_value",
           "entered_years", "add_working_days", "working_days_between", "is_working_day",
           "missing_message"]


def missing_message(year: int) -> str:
    return f"{year}年的节假日安排尚未录入：请在“工作日日历”中按国务院办公厅通知录入"


class YearNotCovered(LookupError):
    """A date whose year has no calendar: working days cannot be counted."""

    def __init__(self, year: int) -> None:
        super().__init__(missing_message(year))
        self.year = year


class Calendar:
    def __init__(self, years: dict[int, YearCalendar]) -> None:
        self.years = dict(sorted(years.items()))
        self._off = frozenset(d for c in self.years.values() for d in c.off_days)
        self._on = frozenset(d for c in self.years.values() for d in c.workdays)

    def is_working_day(self, d: dt.date) -> bool:
        if d.year not in self.years:
            raise YearNotCovered(d.year)
        if d in self._on:
            return True
        return d.weekday() < 5 and d not in self._off

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (n ≥ 0; n = 0 is ``start`` itself)."""
        if n < 0:
            raise ValueError("n must not be negative")
        d = start
        while n:
            d += dt.timedelta(1)
            if self.is_working_day(d):
                n -= 1
        return d

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days after ``a`` up to and including ``b`` (negative when b < a)."""
        if b < a:
            return -self.working_days_between(b, a)
        return sum(1 for i in range(1, (b - a).days + 1)
                   if self.is_working_day(a + dt.timedelta(i)))


@lru_cache(maxsize=1)
def shipped() -> Calendar:
    """The calendar shipped with the program."""
    return Calendar(shipped_years())


def with_entered(setting: str | None) -> Calendar:
    """The shipped calendar with the clerk's years (store setting ``SETTING_KEY``) laid
    over it: an entered year replaces the shipped one whole."""
    return Calendar({**shipped().years, **entered_years(setting)})


def add_working_days(start: dt.date, n: int, calendar: Calendar | None = None) -> dt.date:
    return (calendar or shipped()).add_working_days(start, n)


def working_days_between(a: dt.date, b: dt.date, calendar: Calendar | None = None) -> int:
    return (calendar or shipped()).working_days_between(a, b)


def is_working_day(d: dt.date, calendar: Calendar | None = None) -> bool:
    return (calendar or shipped()).is_working_day(d)
