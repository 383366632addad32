"""Reading Chinese the way reports write it: numbers in Chinese characters and how wide
a text prints.  Shared by the rules (numbers quoted in the prose), the readers (dates
written as 二〇二五年一月二十日) and the Word and Excel writers (line breaks)."""
from __future__ import annotations

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
