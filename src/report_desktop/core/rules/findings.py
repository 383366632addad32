"""A finding: one rule broken, with the cells that show it (docs/interchange.md §Findings)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..places import Place
from .. import schema
from ..severity import ERROR as ERROR, NOTE as NOTE, SEVERITY_WORDS as SEVERITY_WORDS  # re-exported
from ..severity import WARNING as WARNING, Severity as Severity

# Human titles of the rules of docs/rules.md, shown in the findings panel.
RULE_TITLES = {
    "H1": "表二数值",
    "H2": "表三横向合计",
    "H3": "表三勾稽关系",
    "H4": "表三（七）总计",
    "H5": "表三、表四数值",
    "H6": "上年结转与上年报告",
    "H7": "表四总计",
    "H8": "格式完整",
    "H9": "成文日期",
    "S1": "现行有效件数跨年衔接",
    "S2": "行政事业性收费与信息处理费",
    "S3": "正文与表三一致",
    "S4": "信息处理费说明",
    "S5": "无申请时的表述",
    "S6": "正文与表四一致",
    "S8": "统计年度",
    "S9": "报告日期",
    "S10": "与上年内容雷同",
    "S11": "表格与台账一致",
    "S12": "乡镇的规章",
    "S13": "表格与上年相同",
    "S14": "现行有效件数未更新",
    "S15": "上级规定的报送期限",
    "S16": "发布日期",
    "S17": "逾期答复",
    "P1": "半角标点",
    "P2": "空格与重复标点",
    "P3": "年份残留",
    "P4": "序号",
    "P5": "规范用语",
    "P6": "单位名称",
}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    cells: tuple[str, ...] = ()
    # Character offsets [start, end) in the text section named by the first text.* cell.
    range: tuple[int, int] | None = None
    # Longer context (e.g. the quoted sentence) that the one-line message leaves out.
    detail: str | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"rule": self.rule, "severity": self.severity,
               "message": self.message, "cells": list(self.cells)}
        if self.range is not None:
            out["range"] = list(self.range)
        if self.detail:
            out["detail"] = self.detail
        return out

    @property
    def text_key(self) -> str | None:
        """The text section (``overview`` …) that ``range`` refers to, if any."""
        for c in self.cells:
            key = Place.TEXT.key(c)
            if key is not None:
                return key
        return None


def error(rule: str, message: str, cells=(), range=None, detail=None) -> Finding:
    return Finding(rule, ERROR, message, tuple(cells), range, detail)


def warning(rule: str, message: str, cells=(), range=None, detail=None) -> Finding:
    return Finding(rule, WARNING, message, tuple(cells), range, detail)


_ASIDE = re.compile(r"(?<=[^“])（[^）]*）")       # "（区分处理的，只计这一情形…）"
_QUOTED = re.compile(r"“([^”]*)”")


def short_cell_name(name: str, limit: int = 14) -> str:
    """A cell's name short enough for a one-line message: asides dropped, long labels cut.

    表三“（二）部分公开（区分处理的…）”行“法人或其他组织·商业企业”列 → 表三“（二）部分公开”行“商业企业”列"""
    name = _ASIDE.sub("", name).replace(f"{schema.ORG_HEADER}·", "")
    return _QUOTED.sub(lambda m: f"“{m.group(1)[:limit - 1]}…”" if len(m.group(1)) > limit
                       else m.group(0), name)
