"""Characters no report may hold: what a file, an argument or a paste can smuggle in.

A lone surrogate (\\ud800, legal in JSON) cannot be encoded to UTF-8, so it cannot be
printed, stored or saved; control characters cannot be written to .xlsx/.docx (XML) and
make a unit name that looks the same as another.  Line breaks and tabs are text.
Invisible characters in a unit name are removed, not refused (unitname.display), but for
a right-to-left control that reorders the name on screen (unitname.reordering).
"""
from __future__ import annotations

import re

from .unitname import reordering, visible

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _code(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def problem(text: str, name: bool = False) -> str | None:
    """Why ``text`` cannot be kept (a Chinese phrase), or None.  ``name``: a one-line
    field such as the unit, where any control character (line breaks and tabs too) is
    refused; prose only loses its control characters when written (the writers drop them)."""
    m = _SURROGATE.search(text)
    if m:
        return f"含有无法保存的字符（{_code(m.group())}，不成对的代理字符）"
    m = _CONTROL_IN_NAME.search(text) if name else None
    if m:
        return f"含有控制字符（{_code(m.group())}），请删去后重试"
    code = reordering(text) if name else None
    if code:
        return f"含有改变文字显示方向的隐藏字符（{code}），显示的顺序与实际不同，请删去后重新输入"
    return None


def without_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def shown(value: object, limit: int = 40) -> str:
    """``value`` as a message may quote it: surrogates replaced, invisible characters
    left out (a right-to-left override would turn the rest of the message around), at
    most ``limit`` characters (a huge integer is not even turned into digits)."""
    if isinstance(value, int) and value.bit_length() > 200:
        return "（一个过大的整数）"
    safe = visible(without_surrogates(str(value)))
    return safe if len(safe) <= limit else safe[:limit] + "…"
