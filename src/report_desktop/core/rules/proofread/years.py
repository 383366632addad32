"""P3: last year's year left in text copied from last year's report.

Only where the report's own year is meant: a sentence opening "2023年，" / "2023年以来" /
"2023年度", "本年度（2023年）", "2023年政府信息公开工作年度报告" named as this report, and
inside a sentence "纳入2023年度考核", "截至2023年底", "2023年内" — the year written in ASCII
or full-width digits (２０２３) or in Chinese numerals (二〇二三).  Comparisons ("与2023年相比",
"较2023年度", "比上年", "2023年底遗留的问题"), last year's own events ("在2023年度考核中获评
优秀") and last year's report cited stay silent.
"""
from __future__ import annotations

import re

from .slip import Slip

_CN_DIGITS = "〇零一二三四五六七八九"
_YEAR = rf"(?P<n>\d{{4}}|[{_CN_DIGITS}]{{4}})"
# Sentence openings: text start, a new line, a sentence end, or a sub-heading like （一）.
_OPENING = r"(?:^|(?<=[\n。；！？!?;])|(?<=[）)]))[ \t\u3000]*"
_OPENS = re.compile(_OPENING + rf"(?P<y>{_YEAR}年)(?:度(?!政府信息公开工作年度报告)|以来|[，,])")
_THIS_YEAR = re.compile(rf"本年度?[（(](?P<y>{_YEAR}年度?)[）)]")
_TITLE = re.compile(rf"(?P<y>{_YEAR}年)度?政府信息公开工作年度报告")
# A report named as this one: "本报告为…", "特向社会公布…", or a title on its own line.
_THIS_REPORT = re.compile(r"(?:本报告|本年度报告|特向社会公布|现将|现予公布|公布|发布|编制|印发)[^。；\n]{0,20}$")
# Inside a sentence: 年度 (not the title of a report), 年内, and 年底/年末 after 截至.
_Y = rf"(?:\d{{4}}|[{_CN_DIGITS}]{{4}})"
_INSIDE = re.compile(rf"(?P<y>{_Y}年)(?:度(?!政府信息公开工作年度报告|报告)|内)"
                     rf"|(?<=截[至止])(?P<e>{_Y}年)[底末]|(?<=截[至止]到)(?P<f>{_Y}年)[底末]")
_COMPARED_BEFORE = re.compile(r"(?:与|较|比|同|对比|相比|相较|自|从|对照|上年度?[（(])[^，。；\n]{0,4}$")
_COMPARED_AFTER = re.compile(r"[底末度内]?(?:相比|比较|同期|以来|对比|[）)])")
# Last year's own events told this year (an assessment of 2023 announced in 2024).
_PAST_EVENT = re.compile(r"[^，。；\n]*?(?:获|评为|排名|位列|名列|结果|通报|表彰)")


def year_number(digits: str) -> int:
    """2024 from "2024", "２０２４" or "二〇二四"."""
    if digits[0] in _CN_DIGITS:
        return int("".join(str(max(0, _CN_DIGITS.index(c) - 1)) for c in digits))
    return int(digits)


def _forms(year: int) -> tuple[str, str, str]:
    ascii_ = str(year)
    return (ascii_, ascii_.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}),
            "".join("〇一二三四五六七八九"[int(c)] for c in ascii_))


def check(text: str, year: int) -> list[Slip]:
    if not year:
        return []
    old = {year - 1, year - 2}
    if not any(form in text for y in old for form in _forms(y)) and "零" not in text:
        return []
    out: dict[tuple[int, int], Slip] = {}
    for pattern in (_OPENS, _THIS_YEAR):
        for m in pattern.finditer(text):
            if year_number(m.group("n")) in old:
                out.setdefault(m.span("y"), _slip(text, m.span("y"), year))
    for m in _TITLE.finditer(text):
        if year_number(m.group("n")) in old and (_own_line(text, m) or _THIS_REPORT.search(
                text, max(0, m.start() - 24), m.start())):
            out.setdefault(m.span("y"), _slip(text, m.span("y"), year))
    for m in _INSIDE.finditer(text):
        group = next(g for g in "yef" if m.group(g))
        start, end = m.span(group)
        digits = text[start:end - 1]
        if year_number(digits) not in old or (start, end) in out:
            continue
        if _COMPARED_BEFORE.search(text, max(0, start - 8), start) or \
                _COMPARED_AFTER.match(text, end) or _PAST_EVENT.match(text, m.end()):
            continue
        out[(start, end)] = _slip(text, (start, end), year)
    return sorted(out.values(), key=lambda s: s.start)


def _own_line(text: str, m: re.Match[str]) -> bool:
    """The title standing alone on its line (after the unit's name, if any)."""
    line_end = text.find("\n", m.end())
    rest = text[m.end():len(text) if line_end < 0 else line_end].strip()
    return rest == "" and "。" not in text[text.rfind("\n", 0, m.start()) + 1:m.start()]


def _slip(text: str, span: tuple[int, int], year: int) -> Slip:
    start, end = span
    return Slip("P3", start, end,
                f"“{text[start:end]}”应为本报告年度“{year}年”（疑为上年报告的内容未改）")
