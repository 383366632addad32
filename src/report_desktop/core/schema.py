"""The 2021 report format (国办公开办函〔2021〕30号) described once, as data.

Everything else (the grid, the rules, the store, the writers and readers) reads this
module; a change to the format is an edit here (the tables) or in official.py (the
sections, headings and the documents' own words) and nowhere else.  Labels are verbatim
from the official tables; cell ids follow ``docs/interchange.md``.
"""
from __future__ import annotations

from dataclasses import dataclass

# Re-exported (``as``: explicitly, for mypy): the documents' words are read from here.
from .official import (FORMAT_DOCUMENT as FORMAT_DOCUMENT, FORMAT_NAME as FORMAT_NAME,
                       LEVELS as LEVELS, OLD_HEADINGS as OLD_HEADINGS,
                       OVERVIEW_OUTLINE as OVERVIEW_OUTLINE, PROSE_KEYS as PROSE_KEYS,
                       REGULATION as REGULATION, SECTIONS as SECTIONS, TEXTS as TEXTS,
                       TRIAL_FORMAT as TRIAL_FORMAT,
                       TRIAL_FORMAT_DOCUMENT as TRIAL_FORMAT_DOCUMENT, Level as Level,
                       Section as Section, report_title as report_title)

FORMAT_ID = "gov-disclosure-annual-report/2021"

COUNT = "count"    # non-negative integer
AMOUNT = "amount"  # 万元, decimal with up to 4 places, kept exactly as typed

@dataclass(frozen=True)
class Cell:
    id: str
    kind: str
    name: str        # how a message names the cell, in Chinese
    hint: str = ""   # 填报说明 shown as a tooltip
    is_total: bool = False


# 表二 二、主动公开政府信息情况

@dataclass(frozen=True)
class ActiveRow:
    key: str                 # interchange key under "active"
    label: str               # row label, verbatim
    hint: str
    cells: tuple[str, ...]   # cell ids, left to right


@dataclass(frozen=True)
class ActiveBlock:
    heading: str                  # 第二十条第（一）项 …
    columns: tuple[str, ...]      # header labels after 信息内容
    rows: tuple[ActiveRow, ...]
    kind: str = COUNT


ACTIVE_PARTS = ("made", "repealed", "in_force")

ACTIVE_BLOCKS: tuple[ActiveBlock, ...] = (
    ActiveBlock(
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        (
            ActiveRow("rules", "规章",
                      "本机关本年制定、废止的规章件数和年末现行有效件数；乡镇和部门无规章制定权的填0。",
                      tuple(f"active.rules.{p}" for p in ACTIVE_PARTS)),
            ActiveRow("normative_docs", "行政规范性文件",
                      "本机关本年制发、废止的行政规范性文件件数和年末现行有效件数。",
                      tuple(f"active.normative_docs.{p}" for p in ACTIVE_PARTS)),
        ),
    ),
    ActiveBlock(
        "第二十条第（五）项", ("本年处理决定数量",),
        (ActiveRow("licensing", "行政许可", "本年作出的行政许可处理决定数量。",
                   ("active.licensing",)),),
    ),
    ActiveBlock(
        "第二十条第（六）项", ("本年处理决定数量",),
        (
            ActiveRow("punishment", "行政处罚", "本年作出的行政处罚决定数量。",
                      ("active.punishment",)),
            ActiveRow("enforcement", "行政强制", "本年作出的行政强制决定数量。",
                      ("active.enforcement",)),
        ),
    ),
    ActiveBlock(
        "第二十条第（八）项", ("本年收费金额（单位：万元）",),
        (ActiveRow("fees_10k_yuan", "行政事业性收费",
                   "本年依法收取的行政事业性收费金额，单位万元，最多4位小数；"
                   "不是信息处理费（信息处理费在第六部分以元为单位报告）。",
                   ("active.fees_10k_yuan",)),),
        kind=AMOUNT,
    ),
)
ACTIVE_LABEL = "信息内容"

# 表三 三、收到和处理政府信息公开申请情况

APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADER = "申请人情况"
ORG_HEADER = "法人或其他组织"


@dataclass(frozen=True)
class Column:
    key: str
    label: str


APPLICATION_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("public_interest", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
ORG_COLUMNS = ("commercial", "research", "public_interest", "legal_service", "other_org")


@dataclass(frozen=True)
class ApplicationRow:
    key: str
    band: str                # first label column (一、… / 三、本年度办理结果 / 四、…)
    group: str | None        # second label column (（一）… （七）)
    item: str | None         # third label column (1. …)
    hint: str

    @property
    def label(self) -> str:
        """The most specific label of the row."""
        return self.item or self.group or self.band


_RESULT = "三、本年度办理结果"
_W = "（三）不予公开"
_U = "（四）无法提供"
_N = "（五）不予处理"
_O = "（六）其他处理"

APPLICATION_ROWS: tuple[ApplicationRow, ...] = (
    ApplicationRow("new", "一、本年新收政府信息公开申请数量", None, None,
                   "本年1月1日至12月31日新收到的政府信息公开申请件数，按申请人类型分列。"),
    ApplicationRow("carried_over", "二、上年结转政府信息公开申请数量", None, None,
                   "上一年度报告“四、结转下年度继续办理”的数字，应与上年报告一致。"),
    ApplicationRow("granted", _RESULT, "（一）予以公开", None,
                   "本年办结、全部予以公开的申请件数。每件申请只计一种办理结果。"),
    ApplicationRow("partly_granted", _RESULT,
                   "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None,
                   "经区分处理部分公开的申请件数；计入此行的不再计入其他行。"),
    ApplicationRow("withheld_1", _RESULT, _W, "1.属于国家秘密",
                   "申请公开的信息属于国家秘密，决定不予公开的件数。"),
    ApplicationRow("withheld_2", _RESULT, _W, "2.其他法律行政法规禁止公开",
                   "其他法律、行政法规禁止公开，决定不予公开的件数。"),
    ApplicationRow("withheld_3", _RESULT, _W, "3.危及“三安全一稳定”",
                   "公开后可能危及国家安全、公共安全、经济安全、社会稳定，决定不予公开的件数。"),
    ApplicationRow("withheld_4", _RESULT, _W, "4.保护第三方合法权益",
                   "涉及商业秘密、个人隐私等，公开会损害第三方合法权益，决定不予公开的件数。"),
    ApplicationRow("withheld_5", _RESULT, _W, "5.属于三类内部事务信息",
                   "人事管理、后勤管理、内部工作流程等内部事务信息，决定不予公开的件数。"),
    ApplicationRow("withheld_6", _RESULT, _W, "6.属于四类过程性信息",
                   "讨论记录、过程稿、磋商信函、请示报告等过程性信息，决定不予公开的件数。"),
    ApplicationRow("withheld_7", _RESULT, _W, "7.属于行政执法案卷",
                   "行政执法案卷信息，决定不予公开的件数。"),
    ApplicationRow("withheld_8", _RESULT, _W, "8.属于行政查询事项",
                   "属于工商、不动产登记资料等行政查询事项，告知按查询渠道办理的件数。"),
    ApplicationRow("unavailable_1", _RESULT, _U, "1.本机关不掌握相关政府信息",
                   "经检索本机关不掌握所申请信息、告知申请人的件数。"),
    ApplicationRow("unavailable_2", _RESULT, _U, "2.没有现成信息需要另行制作",
                   "所申请信息需要另行制作、不予提供的件数。"),
    ApplicationRow("unavailable_3", _RESULT, _U, "3.补正后申请内容仍不明确",
                   "经补正后申请内容仍不明确、无法提供的件数。"),
    ApplicationRow("not_processed_1", _RESULT, _N, "1.信访举报投诉类申请",
                   "以信息公开申请形式提出信访、投诉、举报，告知通过相应渠道办理的件数。"),
    ApplicationRow("not_processed_2", _RESULT, _N, "2.重复申请",
                   "申请人重复申请相同信息、不予重复处理的件数。"),
    ApplicationRow("not_processed_3", _RESULT, _N, "3.要求提供公开出版物",
                   "要求提供公开出版物、告知获取途径的件数。"),
    ApplicationRow("not_processed_4", _RESULT, _N, "4.无正当理由大量反复申请",
                   "无正当理由大量、反复申请，不予处理的件数。"),
    ApplicationRow("not_processed_5", _RESULT, _N, "5.要求行政机关确认或重新出具已获取信息",
                   "要求确认或重新出具已获取信息、不予处理的件数。"),
    ApplicationRow("other_1", _RESULT, _O,
                   "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                   "申请人逾期不补正、视为放弃申请的件数。"),
    ApplicationRow("other_2", _RESULT, _O,
                   "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                   "发出信息处理费收费通知后申请人逾期未缴费、不再处理的件数；大于0时第六部分应说明收费情况。"),
    ApplicationRow("other_3", _RESULT, _O, "3.其他",
                   "其他处理情形（如申请人主动撤回申请）的件数。"),
    ApplicationRow("total", _RESULT, "（七）总计", None,
                   "自动计算：（一）至（六）各行之和，即本年办结的申请件数。"),
    ApplicationRow("carry_forward", "四、结转下年度继续办理", None, None,
                   "年末尚未办结、转入下一年度继续办理的件数；下一年报告的“上年结转”应等于此数。"),
)
APPLICATION_ROW_KEYS = tuple(r.key for r in APPLICATION_ROWS)
RESULT_ROWS = APPLICATION_ROW_KEYS[2:23]   # granted … other_3, the parts of （七）总计

# The six outcome categories; a category is the sum of its rows.
OUTCOME_CATEGORIES: dict[str, tuple[str, ...]] = {
    "予以公开": ("granted",),
    "部分公开": ("partly_granted",),
    "不予公开": tuple(f"withheld_{i}" for i in range(1, 9)),
    "无法提供": tuple(f"unavailable_{i}" for i in range(1, 4)),
    "不予处理": tuple(f"not_processed_{i}" for i in range(1, 6)),
    "其他处理": tuple(f"other_{i}" for i in range(1, 4)),
}

# 表四 四、政府信息公开行政复议、行政诉讼情况

REVIEW_PARTS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)


@dataclass(frozen=True)
class ReviewBlock:
    key: str
    label: str
    parent: str | None   # 行政诉讼 groups the two litigation blocks


REVIEW_BLOCKS: tuple[ReviewBlock, ...] = (
    ReviewBlock("review", "行政复议", None),
    ReviewBlock("direct", "未经复议直接起诉", "行政诉讼"),
    ReviewBlock("after_review", "复议后起诉", "行政诉讼"),
)
REVIEW_HINTS = {
    "review": "本年因政府信息公开工作被申请行政复议的案件数，按复议结果分列。",
    "direct": "申请人未经行政复议直接提起行政诉讼的案件数，按判决结果分列。",
    "after_review": "经行政复议后又提起行政诉讼的案件数，按判决结果分列。",
}

# Derived: every cell, the sums, the cell order of each table


@dataclass(frozen=True)
class Sum:
    rule: str                 # H2, H4 or H7
    total: str                # cell id of the total
    parts: tuple[str, ...]    # cell ids it must equal the sum of


def application_cell(row: str, col: str) -> str:
    return f"applications.{row}.{col}"


def review_cell(block: str, part: str) -> str:
    return f"review_litigation.{block}.{part}"


def _build():
    cells: dict[str, Cell] = {}
    sums: list[Sum] = []
    for block in ACTIVE_BLOCKS:
        for row in block.rows:
            for col_label, cid in zip(block.columns, row.cells):
                name = f"表二“{row.label}”" + (f"“{col_label}”" if len(row.cells) > 1 else "")
                cells[cid] = Cell(cid, block.kind, name, row.hint)
    for arow in APPLICATION_ROWS:
        for col in APPLICATION_COLUMNS:
            cid = application_cell(arow.key, col.key)
            total = arow.key == "total" or col.key == "total"
            col_name = f"{ORG_HEADER}·{col.label}" if col.key in ORG_COLUMNS else col.label
            row_name = arow.label if arow.group in (None, arow.label) or arow.item is None \
                else f"{arow.group}{arow.item}"
            cells[cid] = Cell(cid, COUNT, f"表三“{row_name}”行“{col_name}”列",
                              arow.hint, total)
    for rblock in REVIEW_BLOCKS:
        for part in REVIEW_PARTS:
            cid = review_cell(rblock.key, part.key)
            prefix = f"{rblock.parent}·" if rblock.parent else ""
            cells[cid] = Cell(cid, COUNT, f"表四“{prefix}{rblock.label}·{part.label}”",
                              REVIEW_HINTS[rblock.key], part.key == "total")
    # Order matters for recomputation: row totals, then the （七）总计 row.
    parts6 = [c.key for c in APPLICATION_COLUMNS[:-1]]
    for key in APPLICATION_ROW_KEYS:
        if key != "total":
            sums.append(Sum("H2", application_cell(key, "total"),
                            tuple(application_cell(key, c) for c in parts6)))
    for col in APPLICATION_COLUMNS:
        sums.append(Sum("H4", application_cell("total", col.key),
                        tuple(application_cell(r, col.key) for r in RESULT_ROWS)))
    sums.append(Sum("H2", application_cell("total", "total"),
                    tuple(application_cell("total", c) for c in parts6)))
    for rblock in REVIEW_BLOCKS:
        sums.append(Sum("H7", review_cell(rblock.key, "total"),
                        tuple(review_cell(rblock.key, p.key) for p in REVIEW_PARTS[:-1])))
    return cells, tuple(sums)


CELLS, SUMS = _build()
CELL_IDS: tuple[str, ...] = tuple(CELLS)
TOTAL_IDS = frozenset(c.id for c in CELLS.values() if c.is_total)
INPUT_IDS: tuple[str, ...] = tuple(c for c in CELL_IDS if c not in TOTAL_IDS)
ACTIVE_IDS = tuple(c for c in CELL_IDS if c.startswith("active."))
APPLICATION_IDS = tuple(c for c in CELL_IDS if c.startswith("applications."))
REVIEW_IDS = tuple(c for c in CELL_IDS if c.startswith("review_litigation."))


def table_of(cell_id: str) -> str:
    """Table id ('active', 'applications', 'review_litigation') of a cell id."""
    return cell_id.split(".", 1)[0]

