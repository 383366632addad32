"""P3: last year's year left in text copied from last year's report.

Only where the report's own year is meant: a sentence opening "2023年，" / "2023年以来" /
"2023年度", "本年度（2023年）", or "2023年政府信息公开工作年度报告" named as this report.
Comparisons ("与2023年相比", "较上年", "上年结转", "2023年底") stay silent.
"""
from __future__ import annotations

import re

from .slip import Slip

# Sentence openings: text start, a new line, a sentence end, or a sub-heading like （一）.
_OPENING = r"(?:^|(?<=[\n。；！？!?;])|(?<=[）)]))[ \t\u3000]*"
_OPENS = re.compile(_OPENING + r"(?P<y>(?P<n>\d{4})年)(?:度|以来|[，,])")
_THIS_YEAR = re.compile(r"本年度?[（(](?P<y>(?P<n>\d{4})年度?)[）)]")
_TITLE = re.compile(r"(?P<y>(?P<n>\d{4})年)度?政府信息公开工作年度报告")
# Words just before a named report that make it another year's report on purpose.
_OTHER_REPORT = re.compile(r"(?:上一?年度?|去年|往年|历年|与|较|对照|参照|比较|《)[^。；\n]{0,12}$")


def check(text: str, year: int) -> list[Slip]:
    if not year:
        return []
    old = {year - 1, year - 2}
    if str(year - 1) not in text and str(year - 2) not in text:
        return []
    out = []
    for pattern in (_OPENS, _THIS_YEAR):
        for m in pattern.finditer(text):
            if int(m.group("n")) in old:
                out.append(_slip(m, year))
    for m in _TITLE.finditer(text):
        if int(m.group("n")) in old and not _OTHER_REPORT.search(text, max(0, m.start() - 16), m.start()):
            if text[m.end():m.end() + 1] != "》":
                out.append(_slip(m, year))
    return out


def _slip(m: re.Match, year: int) -> Slip:
    return Slip("P3", m.start("y"), m.end("y"),
                f"“{m.group('y')}”应为本报告年度“{year}年”（疑为上年报告的内容未改）")
