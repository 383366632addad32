"""Text against tables: S3 (applications), S6 (复议/诉讼), S4 and S2 (fees).

The overview quotes numbers in many phrasings ("共受理政府信息公开申请15件", "办结13件",
"结转2025年2件", "被申请行政复议1起").  A quoted number is compared with every table
value it could mean; only a number that matches none of them is a warning.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..places import Place
from .. import chinese, schema
from ..report import Report
from .findings import Finding, warning

_A = schema.application_cell
_OVERVIEW, _OTHER = schema.TEXTS["overview"], schema.TEXTS["other"]
_FEES = schema.ACTIVE_BLOCKS[-1].rows[0].label          # 行政事业性收费
_R = schema.review_cell

# Keyword alternatives, longest first so "上年结转" wins over "结转".
_KINDS: tuple[tuple[str, str], ...] = (
    ("carried_over", r"上一?年度?结转|上年度?遗留"),
    ("new", r"本年度?新收|新收|新增"),
    ("received", r"受理|收到|收办|接收|接到|共收"),
    ("handled", r"办结|答复|办理完毕"),
    ("carry_forward", r"结转下一?年度?|结转|转下一?年度?|顺延|尚未办结|仍在办理"),
    ("granted", r"予以公开"),
    ("partly_granted", r"部分公开"),
    ("withheld", r"不予公开"),
    ("unavailable", r"无法提供"),
    ("not_processed", r"不予处理"),
    ("other", r"其他处理"),
    ("review", r"行政复议"),
    ("litigation", r"行政诉讼"),
)
_KEYWORD = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _KINDS))
_NUMBER = re.compile(rf"^(?P<n>\d+|[{''.join((*chinese.DIGITS, *chinese.UNITS))}]+)\s*(?:件|起|宗|例)")
# Words that may stand between a keyword and its number without changing what is counted.
_FILLER = re.compile(
    r"^(?:共|共计|了|各类|到|至|总计|合计|的|其中|本年|本年度|全年|政府信息公开|信息公开|依申请公开"
    r"|申请|件数|事项|为|达|等|案件|案|下一?年度?|继续办理|办理|\d{4}年度?|年度|年|被|提起|并)*$")
_CLAUSE_END = "，,。；;：:、\n（）()"

_LABELS = {
    "carried_over": "上年结转", "new": "本年新收", "received": "受理（收到）",
    "handled": "办结（答复）", "carry_forward": "结转下年度", "granted": "予以公开",
    "partly_granted": "部分公开", "withheld": "不予公开", "unavailable": "无法提供",
    "not_processed": "不予处理", "other": "其他处理", "review": "行政复议",
    "litigation": "行政诉讼",
}


def _candidates(rep: Report, kind: str) -> list[tuple[int, tuple[str, ...]]] | None:
    """Every (value, cells) a number of this kind may legitimately quote."""
    def total(*rows):
        cells = tuple(_A(r, "total") for r in rows)
        vals = [rep.cells[c] for c in cells]
        if not all(isinstance(v, int) for v in vals):
            return None
        return sum(vals), cells

    if kind in _CATEGORY_KEYS:
        opts = [total(*schema.OUTCOME_CATEGORIES[_CATEGORY_KEYS[kind]])]
    elif kind == "received":
        opts = [total("new"), total("new", "carried_over")]
    elif kind == "handled":
        opts = [total("total")]
    elif kind in ("new", "carried_over", "carry_forward"):
        opts = [total(kind)]
    elif kind == "review":
        opts = [_review(rep, "review")]
    else:  # litigation: both kinds together, or either one when quoted by kind
        d, a = _review(rep, "direct"), _review(rep, "after_review")
        opts = [d, a]
        if d and a:
            opts.append((d[0] + a[0], d[1] + a[1]))
    if any(o is None for o in opts):
        return None   # a table value is blank or unusable; H5 reports that
    return opts


_CATEGORY_KEYS = {"granted": "予以公开", "partly_granted": "部分公开", "withheld": "不予公开",
                  "unavailable": "无法提供", "not_processed": "不予处理", "other": "其他处理"}


def _review(rep: Report, block: str):
    cell = _R(block, "total")
    v = rep.cells[cell]
    return (v, (cell,)) if isinstance(v, int) else None


def _clause(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], for the message."""
    left = max(text.rfind(c, 0, start) for c in "。；;\n") + 1
    rights = [i for i in (text.find(c, end) for c in "。；;\n") if i != -1]
    right = min(rights) if rights else len(text)
    s = text[left:right].strip()
    return s if len(s) <= 80 else s[:78] + "…"


@lru_cache(maxsize=256)
def _quotes(para: str) -> tuple[tuple[str, int, int, int], ...]:
    """quoted_numbers of one paragraph, kept: a 表三 keystroke re-runs S3 on the same text."""
    return tuple(quoted_numbers(para))


def quoted_numbers(text: str):
    """Yield (kind, number, match start, match end) for each number the text quotes."""
    for m in _KEYWORD.finditer(text):
        kind = m.lastgroup
        rest = text[m.end():m.end() + 24]
        gap_end = 0
        while gap_end < len(rest) and rest[gap_end] not in _CLAUSE_END:
            num = _NUMBER.match(rest[gap_end:])
            if num:
                gap = rest[:gap_end]
                if _FILLER.match(gap) and not _KEYWORD.search(gap):
                    value = chinese.number(num.group("n"))
                    if value is not None:
                        yield kind, value, m.start(), m.end() + gap_end + num.end()
                break
            gap_end += 1


_TOPIC_WORDS = ("申请", "复议", "诉讼", *schema.OUTCOME_CATEGORIES)

# What a quoted number is compared with, as the message names it: 表三“本年新收·总计”.
_TABLE_NAMES = {
    "carried_over": "上年结转", "new": "本年新收", "received": "本年新收",
    "handled": "办理结果", "carry_forward": "结转下年度", "review": "行政复议",
    "litigation": "行政诉讼", **{k: v for k, v in _CATEGORY_KEYS.items()},
}


def _paragraphs_about_applications(text: str):
    """(offset, paragraph) of each paragraph that speaks of applications, 复议 or 诉讼."""
    offset = 0
    for para in text.split("\n"):
        if any(w in para for w in _TOPIC_WORDS):
            yield offset, para
        offset += len(para) + 1


def check_text_numbers(rep: Report) -> list[Finding]:
    """S3 and S6: numbers quoted in 一、总体情况 match 表三 and 表四."""
    out = []
    for offset, para in _paragraphs_about_applications(rep.texts.get("overview", "")):
        for kind, value, start, end in _quotes(para):
            options = _candidates(rep, kind)
            if options is None or any(value == v for v, _ in options):
                continue
            rule, table = ("S6", "表四") if kind in ("review", "litigation") else ("S3", "表三")
            cells = tuple(dict.fromkeys(c for _, cs in options for c in cs))
            shown = "或".join(str(v) for v in dict.fromkeys(v for v, _ in options))
            said = _KEYWORD.match(para, start).group(0)
            out.append(warning(
                rule, f"正文写{said}{value}件，{table}“{_TABLE_NAMES[kind]}·总计”为{shown}",
                (*cells, Place.TEXT.at("overview")), (offset + start, offset + end),
                f"“{_OVERVIEW}”：“{_clause(para, start, end)}”"))
        out.extend(_denials(rep, offset, para))
    return out


_DENY = {
    "review": re.compile(r"(?:未(?!经)|没有|无)(?:发生|被|收到|出现|产生)?[^。；;\n，,]{0,8}行政复议"),
    "litigation": re.compile(r"(?:未(?!经)|没有|无)(?:发生|被|收到|出现|产生)?[^。；;\n，,]{0,12}诉讼"),
}


def _denials(rep: Report, offset: int, para: str) -> list[Finding]:
    """S6: the text says there was no 复议/诉讼 while 表四 counts some."""
    out = []
    for kind, pattern in _DENY.items():
        m = pattern.search(para)
        if not m:
            continue
        blocks = ("review",) if kind == "review" else ("direct", "after_review")
        cells = [_R(b, "total") for b in blocks]
        n = sum(rep.number(c) for c in cells)
        if n:
            out.append(warning("S6", f"正文写“{m.group(0)}”，表四“{_TABLE_NAMES[kind]}·总计”为{n}",
                               (*cells, Place.TEXT.at("overview")), (offset + m.start(), offset + m.end()),
                               f"“{_OVERVIEW}”：“{_clause(para, m.start(), m.end())}”"))
    return out


_FEE_NOTICE = re.compile(r"收费|缴费|信息处理费")
_COLLECTED = re.compile(r"(?:收取|收缴|实收|实际收取)[^。；;\n]{0,20}?(\d+(?:\.\d+)?)\s*元")
_NOT_COLLECTED = re.compile(r"未收取|没有收取|不收取|免收|未产生|未发生")


def check_fees(rep: Report) -> list[Finding]:
    """S4: fee refusals in 表三 are explained in 六; 六 does not contradict itself.

    S2: 行政事业性收费 (万元, 表二) is not the 信息处理费 (元, 六)."""
    out = []
    other = rep.texts.get("other", "")
    unpaid = rep.cells[_A("other_2", "total")]
    if isinstance(unpaid, int) and unpaid > 0 and not _FEE_NOTICE.search(other):
        out.append(warning("S4", f"表三有{unpaid}件因逾期未缴费不再处理，第六部分未说明收费情况",
                           [_A("other_2", "total"), Place.TEXT.at("other")],
                           detail=f"发出过收费通知，应在“{_OTHER}”中说明收费情况。"))
    amounts = []
    for m in _COLLECTED.finditer(other):
        try:
            amounts.append((Decimal(m.group(1)), m))
        except InvalidOperation:  # pragma: no cover - the regex admits only numbers
            pass
    paid = next((m for a, m in amounts if a > 0), None)
    denial = _NOT_COLLECTED.search(other)
    if paid is not None and denial:
        out.append(warning("S4", f"第六部分既写“{paid.group(0)[:12]}”，又写“{denial.group(0)}”，请核对",
                           [Place.TEXT.at("other")], (denial.start(), denial.end()),
                           f"“{_OTHER}”：“{_clause(other, paid.start(), paid.end())}”"))
    fee = rep.cells["active.fees_10k_yuan"]
    if isinstance(fee, Decimal) and fee > 0 and "信息处理费" in other:
        for m in re.finditer(r"(\d+(?:\.\d+)?)\s*(?:万元|元)", other):
            if Decimal(m.group(1)) == fee:
                out.append(warning("S2", f"表二收费{fee}万元与第六部分信息处理费同数，是否混填",
                                   ["active.fees_10k_yuan", Place.TEXT.at("other")], (m.start(), m.end()),
                                   f"表二“{_FEES}”是本单位法定收费（万元），不是信息处理费（元）。"))
                break
    return out
