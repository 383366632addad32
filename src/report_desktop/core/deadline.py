"""The 上级's own deadline as the clerk writes it: "元月第三周星期五", "1月第三个星期五",
"1月20日", "2026-01-16" → a date in the year the report is due (the statistics year + 1).

"第N周星期X" counts weeks from Monday, the first week being the one holding the 1st of the
month; when that reading and "the N-th 星期X" differ, the result says so and gives both."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CN = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
       "八": 8, "九": 9, "十": 10}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_NUM = r"\d{1,2}|[一二两三四五六七八九十]{1,3}"
_ISO = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH = rf"(?:(?P<y>\d{{4}})\s*年)?\s*(?P<m>元|正|{_NUM})\s*月(?:份)?"
_DAY = re.compile(rf"^{_MONTH}\s*(?P<d>{_NUM})\s*[日号]$")
_NTH = re.compile(rf"^{_MONTH}\s*的?第\s*(?P<n>{_NUM})\s*个\s*(?:星期|周|礼拜)(?P<w>[一二三四五六日天])$")
_WEEK = re.compile(rf"^{_MONTH}\s*的?第\s*(?P<n>{_NUM})\s*周\s*的?(?:星期|周|礼拜)(?P<w>[一二三四五六日天])$")


class DeadlineError(ValueError):
    """The phrase is not a date the program can work out; the message says how to write it."""


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    note: str = ""          # another reading of the phrase, when there is one


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text in ("元", "正"):
        return 1
    if text.startswith("十"):
        return 10 + (_CN[text[1]] if len(text) > 1 else 0)
    if len(text) == 3 and text[1] == "十":
        return _CN[text[0]] * 10 + _CN[text[2]]
    if len(text) == 2 and text[1] == "十":
        return _CN[text[0]] * 10
    return _CN[text] if len(text) == 1 else -1


def date_text(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def parse(text: str, due_year: int) -> Deadline:
    """The date ``text`` names; a year left out is ``due_year``."""
    phrase = "".join(text.split())
    if not phrase:
        raise DeadlineError("填写上级规定的报送期限，如“1月20日”或“元月第三周星期五”")
    try:
        m = _ISO.match(phrase)
        if m:
            return Deadline(dt.date(int(m[1]), int(m[2]), int(m[3])))
        for pattern in (_DAY, _NTH, _WEEK):
            m = pattern.match(phrase)
            if m:
                break
        else:
            raise DeadlineError(f"把报送期限写成“1月20日”或“元月第三周星期五”：“{text.strip()}”无法识别")
        year = int(m["y"]) if m["y"] else due_year
        month = _number(m["m"])
        if pattern is _DAY:
            return Deadline(dt.date(year, month, _number(m["d"])))
        n, weekday = _number(m["n"]), _WEEKDAYS[m["w"]]
        first = dt.date(year, month, 1)
        nth = first + dt.timedelta((weekday - first.weekday()) % 7 + 7 * (n - 1))
        if pattern is _NTH:
            return _in_month(nth, month, text)
        week_one = first - dt.timedelta(first.weekday())          # Monday of the 1st's week
        by_week = week_one + dt.timedelta(7 * (n - 1) + weekday)
        result = _in_month(by_week, month, text)
        note = (f"按含{month}月1日的一周为第一周计算；如指第{m['n']}个星期{m['w']}，"
                f"则为{date_text(nth)}，请直接填写日期") if nth != by_week else ""
        return Deadline(result.date, note)
    except DeadlineError:
        raise
    except (ValueError, KeyError):          # 2月30日, 13月, 第零周 …
        raise DeadlineError(f"改正报送期限：“{text.strip()}”不是有效的日期") from None


def _in_month(d: dt.date, month: int, text: str) -> Deadline:
    if d.month != month:
        raise DeadlineError(f"改正报送期限：“{text.strip()}”不在{month}月内")
    return Deadline(d)
