"""The working-day calendar of a store: the shipped years with the clerk's laid over them
(core/calendar), and the clerk's years saved or removed.  One policy for the window and
any command that counts working days."""
from __future__ import annotations

from ..core import calendar
from ..core.calendar import Calendar, YearCalendar
from ..core.store import Store


def load(store: Store) -> Calendar:
    """The calendar to count with.  A damaged setting raises CalendarDataError (named in
    Chinese); the shipped years are still there through ``calendar.shipped()``."""
    return calendar.with_entered(store.setting(calendar.SETTING_KEY))


def entered(store: Store) -> dict[int, YearCalendar]:
    return calendar.entered_years(store.setting(calendar.SETTING_KEY))


def save_year(store: Store, year: YearCalendar) -> None:
    """Keep the clerk's year (a new one, or a correction of a shipped one)."""
    years = entered(store)
    years[year.year] = year
    store.set_setting(calendar.SETTING_KEY, calendar.setting_value(years))


def remove_year(store: Store, year: int) -> None:
    """Forget the clerk's year: a shipped year is counted as shipped again."""
    years = entered(store)
    if years.pop(year, None) is not None:
        store.set_setting(calendar.SETTING_KEY, calendar.setting_value(years))
