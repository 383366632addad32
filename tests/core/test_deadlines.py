"""The 上级's own deadline (parsed from the clerk's words) and the publication date: S15,
S16, kept in the store and the JSON."""
import datetime as dt
import json

import pytest

from report_desktop.core import jsonio
from report_desktop.core.deadline import DeadlineError, parse
from report_desktop.core.rules import validate
from report_desktop.core.store import Store

D = dt.date


@pytest.mark.parametrize("phrase, expected", [
    ("元月第三周星期五", D(2026, 1, 16)),
    ("1月第三个星期五", D(2026, 1, 16)),
    ("一月第三个周五", D(2026, 1, 16)),
    ("1月第2周周一", D(2026, 1, 5)),
    ("1月20日", D(2026, 1, 20)),
    ("元月二十日", D(2026, 1, 20)),
    ("1 月 20 号", D(2026, 1, 20)),
    ("2026-01-16", D(2026, 1, 16)),
    ("2026/1/16", D(2026, 1, 16)),
    ("2026年1月16日", D(2026, 1, 16)),
    ("三月三十一日", D(2026, 3, 31)),
])
def test_phrases_become_dates(phrase, expected):
    assert parse(phrase, 2026).date == expected


def test_week_and_nth_weekday_differ_when_the_month_starts_on_a_weekend():
    # 1 January 2028 is a Saturday: the week holding it is the first week.
    d = parse("元月第三周星期五", 2028)
    assert d.date == D(2028, 1, 14) and "2028年1月21日" in d.note
    assert parse("1月第三个星期五", 2028).date == D(2028, 1, 21)
    assert parse("元月第三周星期五", 2026).note == ""


@pytest.mark.parametrize("phrase, words", [
    ("下周五", "无法识别"), ("2月30日", "不是有效的日期"), ("1月第六个星期五", "不在1月内"),
    ("13月1日", "不是有效的日期"), ("", "填写"),
])
def test_unreadable_phrases_say_how_to_write_them(phrase, words):
    with pytest.raises(DeadlineError, match=words):
        parse(phrase, 2026)


def rules(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_s14_report_date_after_the_local_deadline(seed):
    seed.local_deadline = "元月第三周星期五"          # 2025-01-17; the report is dated 22 January
    [f] = rules(validate(seed), "S15")
    assert f.message == "把报告日期提前到2025年1月17日前：上级规定的报送期限"
    assert f.cells == ("meta.report_date", "meta.local_deadline")
    seed.report_date = D(2025, 1, 17)
    assert not rules(validate(seed), "S15")


def test_s14_unreadable_deadline(seed):
    seed.local_deadline = "下周五"
    [f] = rules(validate(seed), "S15")
    assert f.message.startswith("把报送期限写成") and f.cells == ("meta.local_deadline",)


def test_s14_s15_silent_on_the_sample(seed):
    assert not rules(validate(seed), "S15") and not rules(validate(seed), "S16")
    seed.local_deadline = "1月31日"
    seed.published_date = D(2025, 1, 24)
    assert not rules(validate(seed), "S15") and not rules(validate(seed), "S16")


def test_s15_published_late(seed):
    seed.local_deadline = "1月20日"
    seed.report_date = D(2025, 1, 15)
    seed.published_date = D(2025, 1, 24)                # after the 上级's, before the law's
    [f] = rules(validate(seed), "S16")
    assert f.message == "核对发布日期：2025年1月24日晚于上级规定的期限2025年1月20日"
    seed.published_date = D(2025, 2, 3)                 # after both: the law leads
    [f] = rules(validate(seed), "S16")
    assert "法定公布期限2025年1月31日" in f.message and "上级规定的期限2025年1月20日" in f.detail
    seed.published_date = D(2025, 1, 10)                # before the report's own date
    [f] = rules(validate(seed), "S16")
    assert "早于报告日期" in f.message


def test_dates_round_trip_through_json_and_store(seed, tmp_path):
    seed.local_deadline = "元月第三周星期五"
    seed.published_date = D(2025, 1, 24)
    data = jsonio.to_dict(seed)
    assert data["local_deadline"] == "元月第三周星期五" and data["published_date"] == "2025-01-24"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    back = jsonio.read(path)
    assert (back.local_deadline, back.published_date) == (seed.local_deadline, seed.published_date)
    with Store(tmp_path / "r.sqlite3") as store:
        rid = store.save(back)
    with Store(tmp_path / "r.sqlite3") as store:
        loaded = store.load(rid)
        assert (loaded.local_deadline, loaded.published_date) == ("元月第三周星期五", D(2025, 1, 24))
        loaded.published_date, loaded.local_deadline = None, ""
        store.write_meta(rid, loaded)
        again = store.load(rid)
        assert (again.local_deadline, again.published_date) == ("", None)


def test_without_the_fields_the_json_is_as_before(seed):
    data = jsonio.to_dict(seed)
    assert "local_deadline" not in data and "published_date" not in data


def test_a_bad_published_date_in_json_is_named(seed, tmp_path):
    data = jsonio.to_dict(seed)
    data["published_date"] = "1月24日"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(jsonio.ReportFileError, match="发布日期"):
        jsonio.read(path)
