"""Answered on time (issue 21 item 2): the deadline per the 条例 counted on the shipped
working-day calendar (调休 weekends worked, holidays off), 补正 restarts, 延期 adds 20,
征求意见 is not counted; rule S17 and the drafted sentence of 五; ``tally`` and ``check``.

The expected dates are counted by hand from the 2025 notice (国办发明电〔2024〕12号: 国庆节
10月1日至8日 off, 9月28日 and 10月11日 worked; 清明节 4月4日至6日 off)."""
from __future__ import annotations

import datetime as dt

import openpyxl

from report_desktop.core import calendar, drafts
from report_desktop.core.calendar import Calendar
from report_desktop.core.register import Application, CountingSettings, Register, explanation
from report_desktop.core.register.answer_time import answer_time, answer_times
from report_desktop.core.rules import RULE_TITLES, validate
from report_desktop.core.rules.answer_time import check_answer_time

from tests.cli.test_register_cli import cli

D = dt.date
AFTER = D(2026, 3, 1)          # "today" for a 2025 report: the whole year is counted


def _one(app: Application, year: int = 2025, cal: Calendar | None = None, today=AFTER):
    [found] = answer_times(Register((app,)), year, cal, today).rows
    return found


def test_the_day_of_receipt_is_not_counted_and_tiaoxiu_weekends_are():
    # Fri 26 Sep: Sun 28 Sep worked (1), 29–30 (3), 1–8 Oct off, 9–10 (5), Sat 11 Oct worked
    # (6), 13–17 (11), 20–24 (16), 27–30 (20).
    a = _one(Application("T", D(2025, 9, 26), answered=D(2025, 10, 30)))
    assert a.deadline == D(2025, 10, 30) == calendar.add_working_days(D(2025, 9, 26), 20)
    assert not a.late and not a.extended


def test_answered_on_the_deadline_day_is_on_time_and_a_day_later_across_a_holiday_is_late():
    # Mon 15 Sep + 20 working days across 国庆: 17 Oct.  Sat 18, Sun 19 Oct are not working
    # days, so an answer on Mon 20 Oct is one working day late.
    on_time = _one(Application("A", D(2025, 9, 15), answered=D(2025, 10, 17)))
    assert on_time.deadline == D(2025, 10, 17) and on_time.days_late == 0
    late = _one(Application("B", D(2025, 9, 15), answered=D(2025, 10, 20)))
    assert late.days_late == 1 and late.late


def test_a_correction_restarts_the_period_from_its_arrival():
    # 补正 arrived Thu 20 Mar; 清明 4–6 Apr off: 20 working days later is Fri 18 Apr
    # (without the 补正 the deadline would be 31 Mar).
    app = Application("C", D(2025, 3, 3), correction_requested=D(2025, 3, 5), corrected=D(2025, 3, 20),
                      answered=D(2025, 4, 18))
    a = _one(app)
    assert a.corrected and a.start == D(2025, 3, 20) and a.deadline == D(2025, 4, 18) and not a.late
    assert _one(Application("C0", D(2025, 3, 3), answered=D(2025, 4, 18))).deadline == D(2025, 3, 31)
    from dataclasses import replace
    assert _one(replace(app, answered=D(2025, 4, 21))).days_late == 1


def test_waiting_for_a_correction_runs_no_period():
    a = _one(Application("W", D(2025, 3, 3), correction_requested=D(2025, 3, 5)))
    assert a.deadline is None and not a.late


def test_an_extension_told_within_the_first_period_adds_20_working_days():
    # Mon 3 Nov: first period ends Mon 1 Dec; extended → Mon 29 Dec.
    a = _one(Application("E", D(2025, 11, 3), extended=D(2025, 11, 20), answered=D(2025, 12, 29)))
    assert a.extended and a.deadline == D(2025, 12, 29) and not a.late
    # told after the period had run out: no extension; 2–10 Dec is 7 working days late
    b = _one(Application("E2", D(2025, 11, 3), extended=D(2025, 12, 2), answered=D(2025, 12, 10)))
    assert not b.extended and b.deadline == D(2025, 12, 1) and b.days_late == 7


def test_consultation_days_are_not_counted():
    # 10–14 Nov (five working days) consulting a third party: 1 Dec + 5 = Mon 8 Dec.
    a = _one(Application("F", D(2025, 11, 3), consultation=((D(2025, 11, 10), D(2025, 11, 14)),),
                         answered=D(2025, 12, 8)))
    assert a.deadline == D(2025, 12, 8) and a.consulted == 5 and not a.late


def test_an_open_application_past_its_deadline_on_31_december_is_late():
    app = Application("O", D(2025, 12, 1))          # deadline Mon 29 Dec
    a = _one(app)
    assert a.deadline == D(2025, 12, 29) and a.answered is None and a.days_late == 2
    # written on 15 December: not late yet
    assert _one(app, today=D(2025, 12, 15)).days_late == 0
    # answered next January: open at the year's end, counted up to 31 December
    assert _one(Application("O2", D(2025, 12, 1), answered=D(2026, 1, 9))).days_late == 2


def test_a_year_without_a_calendar_is_named_not_counted_in_weekdays():
    without_2025 = Calendar({y: c for y, c in calendar.shipped().years.items() if y != 2025})
    a = _one(Application("Y", D(2025, 3, 3), answered=D(2025, 9, 1)), cal=without_2025)
    assert a.uncovered == 2025 and a.deadline is None and not a.late
    rep = Register((Application("Y", D(2025, 3, 3), answered=D(2025, 3, 20)),))
    from report_desktop.core.report import Report
    r = Report.blank("某县某局", 2025)
    r.register = rep
    [f] = check_answer_time(r, without_2025)
    assert f.rule == "S17" and f.message.startswith("录入2025年的节假日安排（检查 → 工作日日历）") and "1 件" in f.message
    assert check_answer_time(r) == []          # the shipped calendar has 2025: on time


def test_next_years_missing_calendar_does_not_matter_for_this_year():
    last = max(calendar.shipped().years)
    from report_desktop.core.report import Report
    r = Report.blank("某县某局", last)
    r.register = Register((Application("N", D(last, 12, 20)),))   # deadline next January
    assert check_answer_time(r) == []


def _late_report(seed):
    rep = seed.copy()
    y = rep.year
    rep.register = Register((
        Application(f"{y}-001", D(y, 3, 4), "natural_person", answered=D(y, 3, 20), outcome="granted"),
        Application(f"{y}-002", D(y, 5, 6), "natural_person", answered=D(y, 6, 28), outcome="granted"),
        Application(f"{y}-003", D(y, 7, 1), "natural_person", answered=D(y, 8, 1), outcome="granted"),
    ))
    return rep


def test_s17_warns_when_five_is_silent_about_late_answers(seed):
    rep = _late_report(seed)
    [f] = [f for f in validate(rep) if f.rule == "S17"]
    assert f.severity == "warning" and f.range is None and f.cells == ("text.problems",)
    assert f.message.startswith("在“五、存在的主要问题及改进情况”中说明逾期答复")
    assert "2 件" in f.message and len(f.message) <= 60
    assert f"{rep.year}-002逾期" in f.detail and f"{rep.year}-003逾期" in f.detail
    assert f"{rep.year}-001" not in f.detail
    assert RULE_TITLES["S17"] == "逾期答复"


def test_s17_is_silent_when_five_speaks_of_them_and_on_a_clean_register(seed):
    rep = _late_report(seed)
    rep.texts["problems"] += "\n本年度有2件申请超过法定期限答复，今后将加强时限管理。"
    assert [f for f in validate(rep) if f.rule == "S17"] == []
    clean = seed.copy()
    y = clean.year
    clean.register = Register((Application("1", D(y, 3, 4), "natural_person", answered=D(y, 3, 20),
                                           outcome="granted"),))
    assert [f for f in validate(clean) if f.rule == "S17"] == []
    assert [f for f in validate(seed) if f.rule == "S17"] == []      # the sample: no register


def test_s17_names_a_denial(seed):
    rep = _late_report(seed)
    rep.texts["problems"] = "本年度依申请公开工作规范，未发生逾期答复情况。"
    [f] = [f for f in validate(rep) if f.rule == "S17"]
    assert f.message.startswith("改正“五、存在的主要问题及改进情况”中没有逾期答复的说法") and len(f.message) <= 60
    assert f.detail.startswith("正文写“未发生逾期")


def test_the_drafted_sentence_quotes_the_register_and_silences_s17(seed):
    rep = _late_report(seed)
    times = answer_times(rep.register, rep.year)
    late = times.overdue
    sentence = drafts.late_answers_sentence(times)
    assert sentence.startswith(f"{rep.year}年度有2件政府信息公开申请超过法定期限答复"
                               f"（最长逾期{late[0].days_late}个工作日）")
    assert late[0].days_late >= late[1].days_late > 0
    rep.texts["problems"] += "\n" + sentence
    assert [f for f in validate(rep) if f.rule == "S17"] == []
    none = drafts.late_answers_sentence(answer_times(Register(), rep.year))
    assert "均在法定期限内答复" in none


def test_the_explanation_states_the_rule_and_each_years_notice():
    lines = explanation(CountingSettings(), 2025)
    text = "\n".join(lines)
    assert "20个工作日" in text and "延长答复期限" in text and "补正" in text and "征求第三方" in text
    assert "2025年依据国办发明电〔2024〕12号" in text and "2021年依据国办发明电〔2020〕27号" in text


def test_tally_names_late_answers_on_stderr_and_check_shows_s17(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["登记编号", "收到日期", "申请人类型", "答复日期", "办理结果"])
    wb.active.append(["2025-001", "2025-03-05", "公民", "2025-03-20", "予以公开"])
    wb.active.append(["2025-002", "2025-09-15", "公民", "2025-10-21", "予以公开"])
    wb.save(tmp_path / "台账.xlsx")
    out = tmp_path / "报告.json"
    done = cli("tally", tmp_path / "台账.xlsx", "-o", out, "--unit", "某县某局", "--year", "2025")
    assert done.returncode == 0, done.stderr
    assert "另有 1 件申请超过法定期限答复（最长逾期2个工作日），见 check" in done.stderr
    checked = cli("check", out, "--db", tmp_path / "none.sqlite3")
    assert "[提醒 S17 逾期答复] 在“五、存在的主要问题及改进情况”中说明逾期答复" in checked.stdout


def test_an_edit_recounts_the_edited_row_and_an_insert_renumbers():
    """Rows already counted are reused (validation after an edit counts one row): the edited
    row must still be counted anew and rows after an insertion keep their right index."""
    from report_desktop.core.register.model import APPLICATION
    reg = Register((Application("A", D(2025, 9, 15), answered=D(2025, 10, 17)),
                    Application("B", D(2025, 11, 3), answered=D(2025, 12, 1))))
    assert [a.days_late for a in answer_times(reg, 2025, today=AFTER).rows] == [0, 0]
    edited = reg.with_field(APPLICATION, 0, "answered", D(2025, 10, 21))
    assert [a.days_late for a in answer_times(edited, 2025, today=AFTER).rows] == [2, 0]
    inserted = edited.inserted(APPLICATION, 0, Application("N", D(2025, 1, 6), answered=D(2025, 1, 8)))
    rows = answer_times(inserted, 2025, today=AFTER).rows
    assert [(a.id, a.row, a.days_late) for a in rows] == [("N", 0, 0), ("A", 1, 2), ("B", 2, 0)]


def test_the_bisection_index_counts_as_the_calendar_walks():
    """The fast count (a sorted list of working days) agrees with the calendar's own
    day-by-day walk on every start day of 2021–2025, across every holiday and 调休 day."""
    from report_desktop.core.register.answer_time import _index
    cal = calendar.shipped()
    index = _index(cal)
    d = D(2021, 1, 1)
    while d <= D(2025, 12, 31):
        for n in (1, 20, 40):
            assert index.add(d, n) == cal.add_working_days(d, n), (d, n)
        assert index.count(d, d + dt.timedelta(45)) == cal.working_days_between(d, d + dt.timedelta(45))
        d += dt.timedelta(3)
