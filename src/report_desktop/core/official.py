"""The words of the official documents, once: the format's name and number, the 条例,
the six sections with their 2021 headings (and the old or wrong headings recognised on
import), the prose parts and the unit levels.  The tables are in schema.py, which
re-exports all of this; everything else imports it from there."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FORMAT_NAME = "《中华人民共和国政府信息公开工作年度报告格式》"
FORMAT_DOCUMENT = "国办公开办函〔2021〕30号"
TRIAL_FORMAT_DOCUMENT = "国办公开办函〔2019〕60号"
TRIAL_FORMAT = f"2019年试行格式（{TRIAL_FORMAT_DOCUMENT}）"
REGULATION = "《中华人民共和国政府信息公开条例》"

class Level(StrEnum):
    """Who publishes the report (interchange ``level``); the deadline follows from it."""
    DEPARTMENT = "department"      # 县级以上政府部门: 1月31日
    TOWNSHIP = "township"          # 乡镇（街道）: 1月31日 in local practice
    GOVERNMENT = "government"      # 本级人民政府, the summary by the 主管部门: 3月31日


LEVELS: dict[str, str] = {   # Level → its name for the clerk
    Level.DEPARTMENT: "县级以上政府部门",
    Level.TOWNSHIP: "乡镇（街道）",
    Level.GOVERNMENT: "本级人民政府（汇总）",
}

# The four free-text parts of the report (interchange keys → what the clerk sees).
TEXTS = {
    "preamble": "引言（报告依据、结构、统计期限）",
    "overview": "一、总体情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}


@dataclass(frozen=True)
class Section:
    number: str      # 一 … 六
    heading: str     # verbatim 2021 heading
    text: str | None = None    # interchange text key, for prose sections
    table: str | None = None   # table id, for statistics sections
    guidance: str = ""         # what the section reports (shown above its editor)


SECTIONS: tuple[Section, ...] = (
    Section("一", "一、总体情况", text="overview",
            guidance="综述本机关贯彻落实《条例》的情况，一般包括主动公开、依申请公开、政府信息管理、"
                     "政府信息公开平台建设、监督保障等方面。正文中的申请、复议、诉讼数字应与表三、表四一致。"),
    Section("二", "二、主动公开政府信息情况", table="active"),
    Section("三", "三、收到和处理政府信息公开申请情况", table="applications"),
    Section("四", "四、政府信息公开行政复议、行政诉讼情况", table="review_litigation"),
    Section("五", "五、存在的主要问题及改进情况", text="problems",
            guidance="写明本年度政府信息公开工作存在的主要问题和改进措施，以及上年度问题的改进情况。"),
    Section("六", "六、其他需要报告的事项", text="other",
            guidance="写明收取信息处理费的情况（发出收费通知的件数和总金额、实际收取的总金额），"
                     "以及本机关认为需要报告的其他事项。"),
)
# The prose sections every report must have (一、五、六), in order.
PROSE_KEYS: tuple[str, ...] = tuple(s.text for s in SECTIONS if s.text)

# Headings of the 2019 trial format, or numbered wrongly, that reports still print:
# heading → (the section it stands for, why it is a departure from the 2021 format).
OLD_HEADINGS: dict[str, tuple[str, str]] = {
    "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况": ("四", TRIAL_FORMAT),
    "四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况": ("四", TRIAL_FORMAT),
    "五、政府信息公开工作存在的主要问题及改进情况": ("五", TRIAL_FORMAT),
    "七、其他需要报告的事项": ("六", "编号错误"),
}

# Table labels as real reports misprint them (recognised on import, reported as H8):
# label printed in the 2021 format → its variants.
LABEL_VARIANTS: dict[str, tuple[str, ...]] = {
    "行政规范性文件": ("规范性文件",),
    "现行有效件数": ("现行有效件",),
    "本年处理决定数量": ("处理决定数量",),
    "本年收费金额（单位：万元）": ("本年收费金额（万元）", "本年收费金额"),
}
# Labels only the 2019 trial format has: a table with them uses the old layout.
TRIAL_LABELS = (
    "本年新制作数量", "本年新公开数量", "对外公开总数量",
    "上一年项目数量", "本年增/减", "其他对外管理服务事项",
    "第二十条第（九）项", "政府集中采购", "采购项目数量", "采购总金额",
)

# Sub-headings a clerk is offered as a starting outline for 一、总体情况 (common practice).
OVERVIEW_OUTLINE = (
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）政府信息公开平台建设",
    "（五）监督保障",
)


def report_title(unit: str, year: int) -> str:
    return f"{unit}{year}年政府信息公开工作年度报告"
