"""The 统计口径说明: every rule the tally of 表三 and 表四 follows, written out for the
clerk — the fixed ones of the format, the choices of the counting settings, then the answer
deadlines with the calendar they are counted by (docs/registers.md)."""
from __future__ import annotations

from .. import schema
from ..calendar import Calendar
from .answer_time import explanation_lines
from .settings import SETTING_TITLES, CountingSettings, choices

_FIXED = (
    "一、本年新收：收到申请之日（《条例》第三十一条）在本年度内的申请。",
    "二、上年结转：本年度以前收到、本年1月1日前尚未答复的申请，应等于上年报告的“结转下年度继续办理”。",
    f"{schema.APPLICATION_ROWS[2].band}：答复日期在本年度内的申请，每件只计一种办理结果；"
    "部分公开、部分不予公开的计入“（二）部分公开”，不计其他情形。",
    f"{schema.APPLICATION_ROWS[-1].band}：截至12月31日尚未答复的申请。",
    "申请人类别按件计（同一申请人的多件申请分别计数）；个体工商户计入商业企业，"
    "村（居）委会、机关、事业单位计入“其他”。",
    "表四：复议机关作为共同被告的行政诉讼案件不由本机关计数，由原行为机关计数（国办公开办函〔2016〕201号）；"
    "截至12月31日未作出决定或判决的计为“尚未审结”。",
    "收到日期、答复日期无法识别，或办理结果、申请人类别无法归类的台账记录不计入表三，逐条列出，由经办人确定后再统计。",
)


def explanation(settings: CountingSettings, year: int | None = None,
                calendar: Calendar | None = None) -> list[str]:
    """统计口径说明: one line per rule, the fixed ones of the format first, then the choices,
    then the answer deadlines (with the calendar the program counts working days by)."""
    head = f"{year}年度" if year else ""
    lines = [f"{head}政府信息公开申请和行政复议、行政诉讼统计口径说明",
             f"本说明列出按台账统计表三、表四时采用的口径（依据{schema.FORMAT_DOCUMENT}）。"]
    n = 0
    for n, text in enumerate(_FIXED, 1):
        lines.append(f"{n}. {text}")
    for name, title in SETTING_TITLES.items():
        n += 1
        lines.append(f"{n}. {title}：{choices(name)[getattr(settings, name)]}"
                     + ("（默认）" if getattr(settings, name) == getattr(CountingSettings(), name)
                        else "（非默认，经办人选择）"))
    for text in explanation_lines(calendar):
        n += 1
        lines.append(f"{n}. {text}")
    return lines
