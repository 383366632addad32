"""P4: list numbering inside one section that skips, repeats or mixes styles.

Line-opening numbers form a hierarchy (一、 > （一） > 1. > （1）); a higher level restarts
the lower ones.  "一是…二是…" runs inside paragraphs and restarts at 一是.
"""
from __future__ import annotations

import re

from ...chinese import number as chinese_number
from .slip import Slip

_CN = "一二三四五六七八九十"
# (level, style, pattern) of line-opening numbers; the style is what must not change.
_LINE = re.compile(
    rf"^[ \t\u3000]*(?:(?P<h>[{_CN}]{{1,3}})、"
    rf"|[（(](?P<p>[{_CN}]{{1,3}})[）)]"
    r"|(?P<a>\d{1,2})(?P<ad>[.．、](?!\d))"
    r"|[（(](?P<b>\d{1,2})[）)]|(?P<c>\d{1,2})[）)])", re.M)
_INLINE = re.compile(rf"(?P<n>[{_CN}]{{1,3}})是")
_INLINE_AFTER = set("，,。；;：:\n \u3000")


def check(text: str) -> list[Slip]:
    return _lines(text) + _inline(text)


def _lines(text: str) -> list[Slip]:
    out = []
    last: dict[int, tuple[int, str]] = {}          # level → (number, style)
    for m in _LINE.finditer(text):
        level, style, raw = _parse(m)
        n = chinese_number(raw) if not raw.isdigit() else int(raw)
        if not n:
            continue
        for lvl in [k for k in last if k > level]:
            del last[lvl]
        start, end = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t\u3000")), m.end()
        prev = last.get(level)
        last[level] = (n, style)
        if n == 1 or prev is None:       # a (new) list; a section may quote its later items
            continue
        p, p_style = prev
        shown = m.group(0).strip()
        if style != p_style:
            out.append(Slip("P4", start, end, f"序号样式不统一：前一项用“{_example(p_style, p)}”，"
                                              f"这里用“{shown}”"))
        elif n == p:
            out.append(Slip("P4", start, end, f"序号“{shown}”重复"))
        elif n < p:
            out.append(Slip("P4", start, end, f"序号“{shown}”排在第{p}项之后，顺序有误"))
        elif n > p + 1:
            out.append(Slip("P4", start, end, f"序号跳过了第{p + 1}项：前一项是第{p}项，这里是“{shown}”"))
    return out


def _parse(m: re.Match) -> tuple[int, str, str]:
    if m.group("h"):
        return 0, "、", m.group("h")
    if m.group("p"):
        return 1, "（）", m.group("p")
    if m.group("a"):
        return 2, m.group("ad").replace("．", "."), m.group("a")
    if m.group("b"):
        return 3, "（）", m.group("b")
    return 3, "）", m.group("c")


def _example(style: str, n: int) -> str:
    return {"（）": f"（{n}）", "）": f"{n}）"}.get(style, f"{n}{style}")


def _inline(text: str) -> list[Slip]:
    out = []
    prev = 0                                     # the last "N是" seen; 一是 restarts
    for m in _INLINE.finditer(text):
        if m.start() and text[m.start() - 1] not in _INLINE_AFTER:
            continue                              # 统一是, 第一是: not a list item
        n = chinese_number(m.group("n"))
        if not n or n > 10:
            continue
        word = m.group("n") + "是"
        span = (m.start("n"), m.end())
        if n == 1:
            prev = 1
            continue
        if prev == 0:
            out.append(Slip("P4", *span, f"“{word}”前面缺少“一是”"))
        elif n == prev:
            out.append(Slip("P4", *span, f"“{word}”重复"))
        elif n > prev + 1:
            out.append(Slip("P4", *span, f"“{word}”跳过了“{_CN[prev]}是”：前面是“{_CN[prev - 1]}是”"))
        elif n < prev:
            out.append(Slip("P4", *span, f"“{word}”排在“{_CN[prev - 1]}是”之后，顺序有误"))
        prev = n
    return out
