"""Reading Chinese the way reports write it: numbers in Chinese characters and how wide
a text prints.  Shared by the rules (numbers quoted in the prose), the readers (dates
written as 二〇二五年一月二十日), the window's date fields (a date typed the usual ways)
and the Word and Excel writers (line breaks)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2, "O": 0, "o": 0}
UNITS = {"十": 10, "百": 100}


def number(text: str) -> int | None:
    """'12' → 12, '两' → 2, '十五' → 15, '一百零三' → 103, '二〇二五' → 2025 (digit by
    digit when there is no 十 or 百); None when ``text`` is not a number."""
    if text.isdecimal():            # also full-width digits: int() reads them
        return int(text)
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        return None
    if not any(ch in UNITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        else:
            total += (current or 1) * UNITS[ch]
            current = 0
    return total + current


def em_width(text: str) -> float:
    """Printed width in em: Chinese and full-width characters 1, ASCII ½."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


_SEPARATED = re.compile(r"^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_WRITTEN = re.compile(r"^(\S{4})\s*年\s*(\S{1,3}?)\s*月\s*(\S{1,3}?)\s*[日号]?$")


def date(text: str) -> dt.date:
    """A date as a clerk types it: "2026-1-25", "2026/1/25", "2026.1.25", "20260125",
    "2026年1月25日" or "二〇二六年一月二十五日" (full-width digits too).  Raises
    ValueError with a Chinese sentence that says how to write it."""
    norm = unicodedata.normalize("NFKC", text).strip().replace("。", ".")
    parts: tuple[str, ...] = ()
    if found := _SEPARATED.match(norm):
        parts = (found.group(1), found.group(3), found.group(4))
    elif found := _COMPACT.match(norm) or _WRITTEN.match(norm):
        parts = found.groups()
    numbers = [n for n in map(number, parts) if n is not None]
    if len(numbers) != 3:
        raise ValueError(f"请按“2026-1-25”或“2026年1月25日”的样子填写日期：“{text.strip()}”无法识别。")
    year, month, day = numbers
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"请填写实际存在的日期：没有{year}年{month}月{day}日。") from None
