"""What registers write in their result and type columns → the keys of 表三 and 表四.

A value is classified only when exactly one key fits; no match and several matches are
both left for the clerk (``Guess.key`` None, ``Guess.candidates`` what did fit).  The
official labels count with or without their numbering and in either bracket width."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .. import schema
from .model import CASE_KINDS, LITIGATION, REVIEW
from .settings import FIRST, UPHELD, CountingSettings


@dataclass(frozen=True)
class Guess:
    key: str | None
    candidates: tuple[str, ...] = ()


def fold(text: object) -> str:
    """NFKC (full-width brackets and digits → half-width), no spaces, 其它 → 其他."""
    t = unicodedata.normalize("NFKC", str(text)).replace("其它", "其他")
    return "".join(t.split())


_NUMERAL = "一二三四五六七"
_GROUPS = {}    # 不予公开 → ("withheld_1", …), from the official row labels
for _r in schema.APPLICATION_ROWS[2:23]:
    _g = re.sub(r"^\([一二三四五六七]\)|\(.*\)$", "", fold(_r.group))
    _GROUPS.setdefault(_g, []).append(_r.key)
_GROUP_OF_NUMERAL = dict(zip(_NUMERAL, _GROUPS))
# Phrases → outcome key: the official item labels without numbers, then common variants.
_PHRASES: list[tuple[str, str]] = [
    (re.sub(r"^\d+\.", "", fold(r.item)), r.key) for r in schema.APPLICATION_ROWS[2:23]
    if r.item and not r.item.endswith(".其他")]
_PHRASES += [(fold(p), k) for p, k in (
    ("予以公开", "granted"), ("同意公开", "granted"), ("全部公开", "granted"),
    ("国家秘密", "withheld_1"), ("禁止公开", "withheld_2"), ("三安全一稳定", "withheld_3"),
    ("危及国家安全", "withheld_3"), ("第三方合法权益", "withheld_4"), ("商业秘密", "withheld_4"),
    ("个人隐私", "withheld_4"), ("内部事务", "withheld_5"), ("过程性信息", "withheld_6"),
    ("行政执法案卷", "withheld_7"), ("行政查询", "withheld_8"),
    ("信息不存在", "unavailable_1"), ("不掌握", "unavailable_1"), ("非本机关信息", "unavailable_1"),
    ("不属于本机关", "unavailable_1"), ("非本机关", "unavailable_1"), ("另行制作", "unavailable_2"), ("仍不明确", "unavailable_3"),
    ("信访", "not_processed_1"), ("举报", "not_processed_1"), ("投诉", "not_processed_1"),
    ("重复申请", "not_processed_2"), ("公开出版物", "not_processed_3"),
    ("大量反复", "not_processed_4"), ("大量、反复", "not_processed_4"),
    ("重新出具", "not_processed_5"), ("确认或重新出具", "not_processed_5"),
    ("逾期未补正", "other_1"), ("逾期不补正", "other_1"), ("未补正", "other_1"),
    ("未缴纳", "other_2"), ("未缴费", "other_2"), ("未按收费通知", "other_2"),
    ("撤回", "other_3"), ("申请人撤回", "other_3"))]
_REFUSALS = frozenset(k for k in schema.RESULT_ROWS if k.startswith(("withheld", "unavailable",
                                                                      "not_processed")))
_NUMBERED = re.compile(r"(?:\(([一二三四五六])\)|(" + "|".join(_GROUPS) + r"))[-—:：·]?第?(\d)(?:项|\.|、|$)")
# Still being handled: no outcome yet, not a value to ask about.
PENDING_WORDS = ("办理中", "正在办理", "未办结", "待办", "待答复", "尚未答复", "处理中", "延期答复")


def outcome(raw: object, settings: CountingSettings | None = None) -> Guess:
    """The 表三 outcome row of a result as written, or the candidates when not exactly one."""
    t = fold(raw)
    if not t:
        return Guess(None)
    if "部分公开" in t:                  # the format's rule: partly given wins over the rest
        return Guess("partly_granted", ("partly_granted",))
    m = _NUMBERED.search(t)
    if m:
        group = _GROUP_OF_NUMERAL.get(m.group(1)) if m.group(1) else m.group(2)
        rows = _GROUPS.get(group, [])
        i = int(m.group(3)) - 1
        if 0 <= i < len(rows):
            return Guess(rows[i], (rows[i],))
    hits: dict[str, int] = {}
    for phrase, key in _PHRASES:
        at = t.find(phrase)
        if key == "granted" and at > 0 and t[at - 1] in "不未非":
            return Guess(None)     # 不同意公开: a refusal whose reason is not written
        if at >= 0 and (key not in hits or at < hits[key]):
            hits[key] = at
    if not hits:
        for group, rows in _GROUPS.items():
            if group in t:
                hits.update({k: t.index(group) for k in rows})
    found = tuple(sorted(hits, key=hits.get))
    if len(found) == 1:
        return Guess(found[0], found)
    if len(found) > 1 and settings and settings.several_reasons == FIRST \
            and set(found) <= _REFUSALS:
        return Guess(found[0], found)
    return Guess(None, found)


_TYPES = [(fold(c.label), c.key) for c in schema.APPLICATION_COLUMNS[:-1]]
_TYPES += [(fold(w), k) for w, k in (
    ("自然人", "natural_person"), ("公民", "natural_person"), ("个人", "natural_person"),
    ("群众", "natural_person"), ("居民", "natural_person"), ("村民", "natural_person"),
    ("商业企业", "commercial"), ("企业", "commercial"), ("公司", "commercial"),
    ("个体工商户", "commercial"), ("个体户", "commercial"),
    ("科研机构", "research"), ("研究所", "research"), ("研究院", "research"),
    ("公益组织", "public_interest"),
    ("基金会", "public_interest"), ("社会组织", "public_interest"),
    ("律师事务所", "legal_service"), ("律所", "legal_service"),
    ("法律服务所", "legal_service"),
    ("其他", "other_org"), ("机关", "other_org"), ("事业单位", "other_org"),
    ("村委会", "other_org"), ("居委会", "other_org"), ("村民委员会", "other_org"),
    ("居民委员会", "other_org"))]


def applicant_type(raw: object) -> Guess:
    t = fold(raw)
    if not t:
        return Guess(None)
    exact = [k for w, k in _TYPES if w == t]
    if exact:
        return Guess(exact[0], (exact[0],))
    found = tuple(dict.fromkeys(k for w, k in _TYPES if w in t))
    if fold(schema.ORG_HEADER) in t or t in ("法人", "组织", "单位"):
        found = tuple(k for k in found if k != "other_org") + ("commercial", "other_org")
    return Guess(found[0] if len(found) == 1 else None, found)


def case_kind(raw: object) -> str | None:
    t = fold(raw)
    if not t:
        return None
    review, litigation = "复议" in t and "起诉" not in t and "诉讼" not in t, \
        "诉讼" in t or "起诉" in t or "审" in t
    return REVIEW if review and not litigation else LITIGATION if litigation else None


def after_review(kind_text: object, column: object) -> bool | None:
    """For litigation: went through 复议 first? From a yes/no column or the type's words."""
    for raw in (column, kind_text):
        t = fold(raw) if raw is not None else ""
        if "复议后" in t or "经复议" in t and "未经" not in t or t in ("是", "有", "Y", "y"):
            return True
        if "直接起诉" in t or "未经复议" in t or t in ("否", "无", "N", "n"):
            return False
    return None


def counted(role: object) -> bool:
    """False when this body is only the 复议机关 named as co-defendant (国办公开办函〔2016〕201号)."""
    t = fold(role) if role is not None else ""
    return not ("复议机关" in t or "共同被告" in t)


_CORRECTED = ("撤销", "变更", "确认违法", "确认无效", "责令履行", "责令", "纠正")
_OTHER = ("终止", "撤回", "撤诉", "调解", "和解", "不予受理", "驳回起诉", "驳回申请", "其他")
_REJECTED = ("驳回复议请求", "驳回诉讼请求", "驳回行政复议请求", "驳回原告诉讼请求", "驳回请求")


def case_result(decision: object, settings: CountingSettings | None = None) -> Guess:
    """表四 result (upheld / corrected / other) of a decision as written."""
    t = fold(decision)
    if not t:
        return Guess(None)
    found = set()
    if any(w in t for w in _REJECTED):
        found.add("upheld" if (settings or CountingSettings()).rejected == UPHELD else "other")
        t = re.sub("|".join(_REJECTED), "", t)
    if "维持" in t:
        found.add("upheld")
    if any(w in t for w in _CORRECTED):
        found.add("corrected")
    if any(w in t for w in _OTHER):
        found.add("other")
    found_t = tuple(sorted(found))
    return Guess(found_t[0] if len(found_t) == 1 else None, found_t)


KIND_WORDS = CASE_KINDS
