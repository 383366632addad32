"""The counting choices the format leaves open (统计口径), each a visible setting with a
stated default, and the 统计口径说明 that lists the choices made (registers.md)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from .. import schema

BY_PRINCIPAL, BY_AGENT = "principal", "agent"
ASK, FIRST = "ask", "first"
UPHELD, OTHER = "upheld", "other"


@dataclass(frozen=True)
class CountingSettings:
    # 代理人代为申请: counted by the principal's type (default) or the agent's.
    applicant: str = BY_PRINCIPAL
    # Nothing given, several refusal reasons: the clerk names the main one (default,
    # nothing is counted until she does) or the first reason written counts.
    several_reasons: str = ASK
    # 驳回复议请求 / 驳回诉讼请求: 结果维持 (default: the act stands) or 其他结果.
    rejected: str = UPHELD
    # Cases filed before the year and decided in it (or still pending): counted again
    # (上海: “含上年度结转”) or not (default: only cases filed in the year).
    carried_cases: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> "CountingSettings":
        """Settings as stored; unknown keys and wrong values fall back to the default."""
        try:
            data = json.loads(text or "{}")
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        default = cls()
        kept = {}
        for f in fields(cls):
            v = data.get(f.name)
            if v in _CHOICES[f.name]:
                kept[f.name] = v
        return cls(**{**asdict(default), **kept})


_CHOICES = {
    "applicant": {BY_PRINCIPAL: "按被代理人（委托人）的类别计", BY_AGENT: "按代理人的类别计"},
    "several_reasons": {ASK: "由经办人指定主要理由，指定前不计入", FIRST: "按台账中写在最前的理由计"},
    "rejected": {UPHELD: "计入“结果维持”", OTHER: "计入“其他结果”"},
    "carried_cases": {False: "只计本年收案的案件", True: "上年收案、本年审结或仍未审结的案件也计入（含上年度结转）"},
}
# What each setting is about, as the 统计口径说明 names it.
SETTING_TITLES = {
    "applicant": "代理人代为申请",
    "several_reasons": "一件申请有多个不予公开（无法提供、不予处理）理由",
    "rejected": "驳回复议请求、驳回诉讼请求",
    "carried_cases": "上年收案的复议、诉讼案件",
}


def choices(name: str) -> dict:
    """The values a setting may take → how each is described (for a settings dialog)."""
    return dict(_CHOICES[name])


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


def explanation(settings: CountingSettings, year: int | None = None) -> list[str]:
    """统计口径说明: one line per rule, the fixed ones of the format first, then the choices."""
    head = f"{year}年度" if year else ""
    lines = [f"{head}政府信息公开申请和行政复议、行政诉讼统计口径说明",
             f"本说明列出按台账统计表三、表四时采用的口径（依据{schema.FORMAT_DOCUMENT}）。"]
    n = 0
    for n, text in enumerate(_FIXED, 1):
        lines.append(f"{n}. {text}")
    for name, title in SETTING_TITLES.items():
        n += 1
        lines.append(f"{n}. {title}：{_CHOICES[name][getattr(settings, name)]}"
                     + ("（默认）" if getattr(settings, name) == getattr(CountingSettings(), name)
                        else "（非默认，经办人选择）"))
    return lines
