"""P6: the unit named in the text differently from the unit that signs the report.

Fires on (a) the unit's own name with another ending (…办公室 written …办公厅, …镇 written
…乡) and (b) a unit of the same kind but another place where the report speaks of itself:
opening a sentence ("凤凰镇人民政府认真落实…" in 井坪镇's report), "请与…联系", or in this
report's title.  Other bodies mentioned on purpose ("配合县司法局", "市政府门户网站") stay silent.

Names are read as people read them (core/unitname.py): the unit by its display form, and
invisible characters in the text (a zero-width space inside "凤凰镇人民政府") are skipped,
the slips' offsets still pointing into the text as typed.
"""
from __future__ import annotations

import re

from ...unitname import INVISIBLE, display
from .chars import is_han
from .slip import Slip

_LEVELS = "省市县区旗镇乡"
_PLACE = re.compile(rf"[\u4e00-\u9fff]+?(?:街道|[{_LEVELS}])")
# Endings confused with the unit's own: a city's 民政局 is not a 民政厅, its 办公室 no 办公厅.
_SWAPS = (("办公室", "办公厅"), ("办公厅", "办公室"), ("局", "厅"))
_OPENING = re.compile(r"(?:^|[\n。；！？!?;）)]|\d{4}年度?[，,])[ \t\u3000]*$")
_NOT_A_NAME = set("本我该全各此每两上下级省市县区乡镇街")
# Words that put another body's name after them on purpose ("与凤凰镇人民政府交流").
_PREPOSITIONS = re.compile("[与向和及同对在由经据按从自把将为给跟配协会联]")
_VERBS = re.compile("通过|经过|配合|协助|会同|联合|根据|按照|依照|报送|报请|提请|前往|赴")
_TITLE = re.compile(r"\d{4}年度?政府信息公开工作年度报告")


def _split(unit: str) -> tuple[str, str] | None:
    """'平鲁区井坪镇人民政府' → ('平鲁区井坪镇', '人民政府'); None if no place or no body."""
    end = 0
    for m in _PLACE.finditer(unit):
        if m.start() != end:
            break
        end = m.end()
    if not end or end == len(unit):
        return None
    return unit[:end], unit[end:]


def check(text: str, unit: str) -> list[Slip]:
    unit = display(unit)
    if not INVISIBLE.search(text):
        return _check(text, unit)
    where = [i for i, ch in enumerate(text) if not INVISIBLE.match(ch)]
    plain = "".join(text[i] for i in where)
    return [s._replace(start=where[s.start], end=where[s.end - 1] + 1)
            for s in _check(plain, unit)]


def _check(text: str, unit: str) -> list[Slip]:
    parts = _split(unit)
    if parts is None:
        return []
    place, body = parts
    level = "街道" if place.endswith("街道") else place[-1]
    out = []
    # The full body only: "镇政府" alone is how any text refers to a township government.
    for m in re.finditer(re.escape(level + body), text):
        k = m.start()
        if not _named(text, k) or _ours(text, k, level, unit):
            continue
        start = _run_start(text, k)
        if text.startswith("请与", start):        # "请与…联系": the report's own contact
            start += 2
        elif _PREPOSITIONS.match(text, start, k) and k - start > 2 or _VERBS.match(text, start, k):
            continue                              # "与凤凰镇人民政府交流": another body
        elif not _OPENING.search(text, max(0, k - 20), start):
            continue
        out.append(Slip("P6", start, m.end(),
                        f"“{text[start:m.end()]}”与署名单位“{unit}”不一致，请核对单位名称"))
    for wrong_from, wrong_to in _SWAPS:
        if body.endswith(wrong_from):
            variant = place[-len(level) - 2:] + body[:-len(wrong_from)] + wrong_to
            for v in {variant, variant.replace("人民政府", "政府")}:
                for m in re.finditer(re.escape(v), text):
                    out.append(Slip("P6", m.start(), m.end(),
                                    f"“{m.group(0)}”与署名单位“{unit}”不一致（{wrong_to}/{wrong_from}）"))
    if level in ("镇", "乡"):
        other = place[-3:-1] + ("乡" if level == "镇" else "镇")
        for m in re.finditer(re.escape(other), text):
            out.append(Slip("P6", m.start(), m.end(),
                            f"“{m.group(0)}”与署名单位“{unit}”不一致（{level}/{other[-1]}）"))
    for m in _TITLE.finditer(text):
        k = m.start()
        start = _run_start(text, k)
        for p in _PLACE.finditer(text, start, k):
            lvl_pos = p.end() - 1
            if _named(text, lvl_pos) and not _ours(text, lvl_pos, text[lvl_pos], unit):
                out.append(Slip("P6", start, k, f"报告标题中的“{text[start:k]}”与署名单位“{unit}”不一致"))
                break
    return out


def _run_start(text: str, k: int) -> int:
    """Start of the run of Han characters that ends just before offset k (≤ 12 back)."""
    j = k
    while j > 0 and k - j < 12 and is_han(text[j - 1]):
        j -= 1
    return j


def _named(text: str, k: int) -> bool:
    """A place name stands before the level character at k (not 本镇, 县政府 …)."""
    return k > 0 and is_han(text[k - 1]) and text[k - 1] not in _NOT_A_NAME


def _ours(text: str, k: int, level: str, unit: str) -> bool:
    two, one = text[max(0, k - 2):k] + level, text[k - 1:k] + level
    return two in unit or (one in unit and not is_han(text[k - 2:k - 1] or " "))
