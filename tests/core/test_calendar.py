"""The working-day calendar: the notices' holidays and 调休 days, year boundaries, the
clerk's own years laid over the shipped file, and a year without a notice refused."""
import datetime as dt
import json

import pytest

from report_desktop.core import calendar
from report_desktop.core.calendar import (CalendarDataError, YearNotCovered, add_working_days,
                                          is_working_day, working_days_between)
from report_desktop.core.store import Store

D = dt.date


def test_every_year_from_2021_cites_its_notice():
    cal = calendar.shipped()
    assert list(cal.years)[0] == 2021
    assert list(cal.years) == list(range(2021, max(cal.years) + 1))      # no gap
    for year, c in cal.years.items():
        assert c.notice.number.startswith("国办发明电〔") and c.notice.number.endswith("号")
        assert c.notice.title == f"国务院办公厅关于{year}年部分节假日安排的通知"
        assert D.fromisoformat(c.notice.date).year in (year - 1,)


def test_a_saturday_that_is_a_working_day():
    assert D(2025, 2, 8).weekday() == 5 and is_working_day(D(2025, 2, 8))       # 春节调休
    assert D(2024, 10, 12).weekday() == 5 and is_working_day(D(2024, 10, 12))   # 国庆调休
    assert D(2023, 6, 25).weekday() == 6 and is_working_day(D(2023, 6, 25))     # 端午调休
    assert not is_working_day(D(2025, 2, 15))          # an ordinary Saturday


def test_spring_festival_and_national_day_are_off():
    # 2025: 除夕 (28 Jan) to 初七 (4 Feb), eight days since the 2024 amendment.
    for day in range(28, 32):
        assert not is_working_day(D(2025, 1, day))
    for day in range(1, 5):
        assert not is_working_day(D(2025, 2, day))
    assert is_working_day(D(2025, 1, 27)) and is_working_day(D(2025, 2, 5))
    # 2025's 国庆节、中秋节: 1–8 October, all off; 2024's 劳动节 1–5 May.
    assert not any(is_working_day(D(2025, 10, d)) for d in range(1, 9))
    assert is_working_day(D(2025, 10, 9))
    assert not any(is_working_day(D(2024, 5, d)) for d in range(1, 6))
    # 2025's 劳动节 got 2 May: five days, 1–5 May.
    assert not is_working_day(D(2025, 5, 2))


def test_twenty_working_days_over_the_spring_festival():
    # Received on Friday 24 January 2025: 26 Jan (Sunday) is a working day, 28 Jan–4 Feb off.
    # Working days: 26, 27 Jan; 5, 6, 7, 8 (Saturday) Feb; 10–14; 17–21; 24–27 Feb.
    due = add_working_days(D(2025, 1, 24), 20)
    assert due == D(2025, 2, 27)
    assert working_days_between(D(2025, 1, 24), due) == 20
    # Without holidays 20 weekdays after 24 Jan would have been 21 Feb.
    assert due > D(2025, 2, 21)


def test_year_boundary():
    # 2023's 元旦 holiday began on Saturday 31 December 2022.
    assert add_working_days(D(2022, 12, 30), 1) == D(2023, 1, 3)
    assert working_days_between(D(2022, 12, 30), D(2023, 1, 3)) == 1
    assert working_days_between(D(2023, 1, 3), D(2022, 12, 30)) == -1
    # 2026: 1–3 January off, Sunday 4 January a working day.
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 4)


def test_a_year_without_a_notice_says_so():
    last = max(calendar.shipped().years)
    with pytest.raises(YearNotCovered) as err:
        is_working_day(D(last + 1, 3, 2))
    assert err.value.year == last + 1
    assert str(err.value) == (f"{last + 1}年的节假日安排尚未录入：请在“工作日日历”中按"
                              "国务院办公厅通知录入")
    # Counting across into the missing year refuses too, instead of counting weekdays.
    with pytest.raises(YearNotCovered):
        add_working_days(D(last, 12, 20), 20)
    with pytest.raises(YearNotCovered):
        is_working_day(D(2020, 6, 1))


def test_the_clerks_year_is_stored_and_laid_over(tmp_path):
    last = max(calendar.shipped().years)
    year = last + 1
    mine = calendar.parse_year(year, {
        "notice": {"number": f"国办发明电〔{last}〕9号", "date": f"{last}-11-01"},
        "holidays": [{"name": "元旦", "from": f"{year}-01-01", "to": f"{year}-01-01"}],
        "workdays": [d.isoformat() for d in _first_saturday(year)]}, entered=True)
    with Store(tmp_path / "r.sqlite3") as store:
        store.set_setting(calendar.SETTING_KEY, calendar.setting_value({year: mine}))
    with Store(tmp_path / "r.sqlite3") as store:
        cal = calendar.with_entered(store.setting(calendar.SETTING_KEY))
    assert year in cal.years and cal.years[year].entered
    assert not cal.is_working_day(D(year, 1, 1))
    assert cal.is_working_day(_first_saturday(year)[0])
    assert cal.years[2025] == calendar.shipped().years[2025]          # shipped years kept
    # A correction of a shipped year replaces that year whole.
    fixed = calendar.parse_year(2025, {**calendar.shipped().years[2025].to_json(),
                                       "workdays": []}, entered=True)
    cal = calendar.with_entered(calendar.setting_value({2025: fixed}))
    assert not cal.is_working_day(D(2025, 2, 8))


@pytest.mark.parametrize("raw, words", [
    ({"holidays": [{"from": "2030-01-01"}]}, "通知文号"),
    ({"notice": {"number": "N"}, "holidays": [{"name": "春节", "from": "2030-02-05",
                                                "to": "2030-02-01"}]}, "早于"),
    ({"notice": {"number": "N"}, "holidays": [{"name": "春节", "from": "2031-02-01"}]}, "不在2030年内"),
    ({"notice": {"number": "N"}, "holidays": [{"from": "2030-01-01"}],
      "workdays": ["2030-01-02"]}, "不是周末"),
    ({"notice": {"number": "N"}, "holidays": [{"from": "1月1日"}]}, "无法识别"),
    ({"notice": {"number": "N"}, "holidays": []}, "放假日期"),
])
def test_bad_entries_are_refused_in_chinese(raw, words):
    with pytest.raises(CalendarDataError, match=words):
        calendar.parse_year(2030, raw)


def test_a_damaged_setting_is_named():
    with pytest.raises(CalendarDataError, match="已损坏"):
        calendar.with_entered("{not json")


def test_the_data_file_matches_the_notices_weekdays():
    """Every 调休 day is a weekend day; every span's weekday in the notice text holds."""
    raw = json.loads((calendar.data.resources.files("report_desktop.core.calendar")
                      / "holidays.json").read_text("utf-8"))
    # Weekdays as the 2025 and 2026 notices print them.
    assert D(2025, 1, 28).weekday() == 1 and D(2025, 2, 4).weekday() == 1     # 周二 … 周二
    assert D(2026, 2, 15).weekday() == 6 and D(2026, 2, 23).weekday() == 0    # 周日 … 周一
    for year, entry in raw["years"].items():
        assert all(D.fromisoformat(w).weekday() >= 5 for w in entry["workdays"]), year


def _first_saturday(year):
    d = D(year, 1, 1)
    while d.weekday() != 5:
        d += dt.timedelta(1)
    return [d]


def test_every_shipped_year_reads_back_from_its_dialog_text():
    """What the 工作日日历 dialog shows for a year, saved unchanged, is the same year."""
    from report_desktop.core.calendar.year_text import year_from_text, year_to_text
    for year, c in calendar.shipped().years.items():
        holidays, workdays = year_to_text(c)
        back = year_from_text(year, c.notice.number, c.notice.date, holidays, workdays)
        assert back.off_days == c.off_days and back.workdays == c.workdays, year


def test_dialog_text_as_the_notices_write_it():
    from report_desktop.core.calendar.year_text import year_from_text
    c = year_from_text(2023, "国办发明电〔2022〕16号", "2022-12-08",
                       "元旦：12月31日至1月2日\n春节：1月21日至27日\n\n清明节 4月5日", "1月28日、1月29日")
    assert c.holidays[0].first == D(2022, 12, 31) and c.holidays[1].last == D(2023, 1, 27)
    assert c.workdays == (D(2023, 1, 28), D(2023, 1, 29))
    with pytest.raises(CalendarDataError, match="无法识别"):
        year_from_text(2023, "N", "", "春节：正月初一", "")
