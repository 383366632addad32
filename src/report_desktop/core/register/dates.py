"""Dates as registers hold them: 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日, 20250305,
with a time after them, in full-width digits or Chinese numerals, Excel date cells and
Excel serial numbers (days since 1899-12-30, the 1900 date system)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..tabular.meta import parse_date

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIALS = (20000, 80000)          # 1954 … 2119: anything else is not a date of a register
_TIME = re.compile(r"[\sT]+\d{1,2}[:：]\d{2}([:：]\d{2}(\.\d+)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SHORT = re.compile(r"^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*[日号]?$")


class NotADate(ValueError):
    """A value that is there but cannot be read as a date."""


def read_date(raw: object) -> dt.date | None:
    """The date a cell holds; None when it is blank; NotADate when it is not a date."""
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, bool):
        raise NotADate(raw)
    if isinstance(raw, (int, float)):
        return _serial(raw)
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if not text:
        return None
    text = _TIME.sub("", text).strip()
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _serial(float(text))
    for pattern in (_COMPACT, _SHORT):
        m = pattern.match(text)
        if m:
            try:
                return dt.date(*map(int, m.groups()))
            except ValueError:
                raise NotADate(raw) from None
    found = parse_date(text)        # 二〇二五年三月五日 and the like
    if found is None:
        raise NotADate(raw)
    return found


def _serial(n: float) -> dt.date:
    if not (_SERIALS[0] <= n < _SERIALS[1]) or n != n:
        raise NotADate(n)
    return _EXCEL_EPOCH + dt.timedelta(days=int(n))
