"""Rules that compare with last year's report of the same unit: H6, S1, S10."""
from __future__ import annotations

import re

from ..places import Place
from .. import schema
from ..report import Report
from ..rollover import without_draft_marker
from ..values import is_number
from .findings import Finding, error, warning
from .slips import stale_in_force

SIMILARITY_LIMIT = 0.5
_CARRY_FORWARD = schema.APPLICATION_ROWS[-1].label      # 四、结转下年度继续办理
_IN_FORCE = schema.ACTIVE_BLOCKS[0].columns[-1]          # 现行有效件数
_SHINGLE = 4
# The preamble's title carries its contents in brackets; a message names it shortly.
_SHORT_TITLES = {k: t.split("（")[0] for k, t in schema.TEXTS.items()}


def check_carry_over(rep: Report, prev: Report) -> list[Finding]:
    """H6: this year's 上年结转 equals last year's 结转下年度继续办理, per column."""
    out = []
    for col in schema.APPLICATION_COLUMNS:
        cur_id = schema.application_cell("carried_over", col.key)
        prev_id = schema.application_cell("carry_forward", col.key)
        cur, old = rep.cells[cur_id], prev.cells[prev_id]
        if is_number(cur) and is_number(old) and cur != old:
            out.append(error("H6", f"表三上年结转“{col.label}”为{cur}，{prev.year}年报告结转下年度为{old}",
                             [cur_id], detail=f"应等于{prev.year}年报告表三“{_CARRY_FORWARD}”。"))
    return out


def check_in_force(rep: Report, prev: Report) -> list[Finding]:
    """S1: 现行有效(本年) = 现行有效(上年) + 本年制发 − 本年废止."""
    out = []
    for row in schema.ACTIVE_BLOCKS[0].rows:     # 规章, 行政规范性文件
        ids, label = row.cells, row.label
        made, repealed, now = (rep.cells[i] for i in ids)
        before = prev.cells[ids[-1]]
        if not (is_number(made) and is_number(repealed) and is_number(now) and is_number(before)):
            continue
        if stale_in_force(rep, prev, ids):
            continue                    # S14 names this case

        expected = before + made - repealed
        if now != expected:
            out.append(warning(
                "S1", f"表二“{label}”现行有效为{now}件，按上年推算应为{expected}件", ids,
                detail=f"{_IN_FORCE}：上年{before}件＋本年制发{made}件－本年废止{repealed}件"
                       f"＝{expected}件（如有文件自然失效可忽略）。"))
    return out


# Digits (years, counts) are one character for the comparison: a text carried over with
# its years moved on is still the same text.
_DIGITS = re.compile(r"[0-9０-９〇零一二三四五六七八九]{2,}|\d")
PARAGRAPH_LIMIT = 0.5


def _normal(text: str) -> str:
    """What S10 compares: the draft marker a carried text opens with (it was never in last
    year's report) and white space left out, digit runs made alike."""
    return _DIGITS.sub("#", "".join(without_draft_marker(text).split()))


def _shingles(text: str) -> set[str]:
    text = _normal(text)
    return {text[i:i + _SHINGLE] for i in range(len(text) - _SHINGLE + 1)}


def similarity(text: str, previous: str) -> float:
    """Share of this text's 4-character pieces that also occur in last year's text."""
    cur = _shingles(text)
    if not cur:
        return 0.0
    return len(cur & _shingles(previous)) / len(cur)


def repeated_paragraphs(text: str, previous: str) -> list[int]:
    """1-based numbers of the paragraphs (non-blank lines, the draft marker left out) that
    repeat last year's text by more than half."""
    old = _shingles(previous)
    out = []
    lines = [p for p in without_draft_marker(text).split("\n") if p.strip()]
    for n, para in enumerate(lines, 1):
        cur = _shingles(para)
        if cur and len(cur & old) / len(cur) > PARAGRAPH_LIMIT:
            out.append(n)
    return out


def check_similarity(rep: Report, prev: Report) -> list[Finding]:
    """S10: prose that repeats last year's by more than half (内容雷同)."""
    out = []
    for key in schema.PROSE_KEYS:
        cur, old = rep.texts.get(key, ""), prev.texts.get(key, "")
        if len(_normal(cur)) < 40 or not old:
            continue
        ratio = similarity(cur, old)
        if ratio > SIMILARITY_LIMIT:
            paras = repeated_paragraphs(cur, old)
            count = len([p for p in without_draft_marker(cur).split("\n") if p.strip()])
            which = ("各段都与上年重复。" if len(paras) == count > 1 else
                     "第" + "、".join(map(str, paras)) + "段与上年重复。" if paras else "")
            out.append(warning("S10", f"“{_SHORT_TITLES.get(key, schema.TEXTS[key])}”与{prev.year}年"
                                      f"报告重复约{ratio:.0%}，请按本年实际改写", [Place.TEXT.at(key)],
                               detail=f"{which}内容与上年雷同会被通报。"))
    return out
