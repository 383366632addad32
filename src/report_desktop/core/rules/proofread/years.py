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
_OPENS = re.compile(_OPENING + r"(?P<y>(?P<n>\d{4})年)(?:度(?!政府信息公开工作年度报告)|以来|[，,])")
_THIS_YEAR = re.compile(r"本年度?[（(](?P<y>(?P<n>\d{4})年度?)[）)]")
_TITLE = re.compile(r"(?P<y>(?P<n>\d{4})年)度?政府信息公开工作年度报告")
# A report named as this one: "本报告为…", "特向社会公布…", or a title on its own line.
_THIS_REPORT = re.compile(r"(?:本报告|本年度报告|特向社会公布|现将|现予公布|公布|发布|编制|印发)[^。；\n]{0,20}$")


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
        if int(m.group("n")) in old and (_own_line(text, m) or _THIS_REPORT.search(
                text, max(0, m.start() - 24), m.start())):
            out.append(_slip(m, year))
    return out


def _own_line(text: str, m: re.Match) -> bool:
    """The title standing alone on its line (after the unit's name, if any)."""
    line_end = text.find("\n", m.end())
    rest = text[m.end():len(text) if line_end < 0 else line_end].strip()
    return rest == "" and "。" not in text[text.rfind("\n", 0, m.start()) + 1:m.start()]


def _slip(m: re.Match, year: int) -> Slip:
    return Slip("P3", m.start("y"), m.end("y"),
                f"“{m.group('y')}”应为本报告年度“{year}年”（疑为上年报告的内容未改）")
