"""The counting choices the format leaves open (统计口径), each a visible setting with a
stated default (docs/registers.md); the 统计口径说明 that lists the choices made is
counting_rules.py."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

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
        kept: dict[str, Any] = {}
        for f in fields(cls):
            v = data.get(f.name)
            if v in _CHOICES[f.name]:
                kept[f.name] = v
        return cls(**{**asdict(default), **kept})


# setting → its values (str keys, or the booleans of carried_cases) → how each is described
_CHOICES: dict[str, dict[str | bool, str]] = {
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


def choices(name: str) -> dict[str | bool, str]:
    """The values a setting may take → how each is described (for a settings dialog)."""
    return dict(_CHOICES[name])
