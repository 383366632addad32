"""Unit, year, date and level as people write them: shared by the Excel and Word importers."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .. import chinese, schema
from ..unitname import visible
from ..files import ReportFileError
from ..report import YEARS
from .labels import key

# "<unit><year>年政府信息公开工作年度报告", tolerant of 年度 and a 关于 before the year.
TITLE = re.compile(r"^(.*?)(?:关于)?([0-9０-９]{4})年度?政府信息公开工作年度报告$")
_DATE = re.compile(r"^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?$")


def parse_title(text: str) -> tuple[str, int] | None:
    """(unit, year) of a title line; unit may be '' when the title has none."""
    m = TITLE.match("".join(visible(text).split()))
    if not m:
        return None
    return m.group(1), int(unicodedata.normalize("NFKC", m.group(2)))


def parse_date(raw: object) -> dt.date | None:
    """A date as a cell or a signature line holds it; None when it is not one."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        return None
    text = "".join(unicodedata.normalize("NFKC", visible(raw)).split())
    m = _DATE.match(text)
    if m:
        parts = [int(g) for g in m.groups()]
    else:
        m = re.match(r"^([〇零一二三四五六七八九Oo]{4})年([一二三四五六七八九十]{1,3})月"
                     r"([一二三四五六七八九十]{1,3})日$", text)
        if not m:
            return None
        numbers = [chinese.number(g) for g in m.groups()]
        parts = [n for n in numbers if n is not None]
        if len(parts) < len(numbers):
            return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def parse_year(raw: object, source: str) -> int:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str):
        m = re.match(r"^(\d{4})年?度?$", key(raw))
        raw = int(m.group(1)) if m else raw
    if not isinstance(raw, int) or isinstance(raw, bool) or raw not in YEARS:
        raise ReportFileError(f"{source}的统计年度“{raw}”无效，应为 2024 这样的四位年份。")
    return raw


def parse_level(raw: object, source: str) -> str | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    k = key(raw)
    for level, label in schema.LEVELS.items():
        if k in (key(level), key(label)) or (len(k) >= 2 and k in key(label)):
            return level
    names = "、".join(schema.LEVELS.values())
    raise ReportFileError(f"{source}的单位层级“{raw}”无效，应为 {names} 之一。")


def missing_unit_or_year(source: str, how: str) -> ReportFileError:
    return ReportFileError(f"{source}中找不到单位名称或统计年度：{how}")
