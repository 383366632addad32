"""P1 (half-width punctuation in Chinese prose) and P2 (stray spaces, doubled marks, pairs).

Every P1 slip and most P2 slips carry a safe replacement; ``punctuation_slips`` returns
them sorted and without overlaps, so they can be applied all at once.
"""
from __future__ import annotations

import re
from operator import attrgetter

from . import brackets
from .chars import is_chinese, is_han, protected_mask, show
from .slip import Slip

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "括号", ")": "括号"}
_MARKS = re.compile(r"[,;:?!.]")
_BY_PLACE = attrgetter("start", "end")
_PARENS = re.compile(r"[()]")
_SPACES = " \t\u3000\u00a0"
_SPACE_RUN = re.compile("[ \t\u3000\u00a0]+")
_MARK_RUN = re.compile("[，。、；：？！,;:?!.]{2,}")
_DOUBLED = set("，。、；：？！")
_CLOSING_CN = set("）》”’】〕")


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character on the same line, skipping spaces ('' at the line's edge)."""
    j = i + step
    if 0 <= j < len(text) and text[j] not in _SPACES:         # the usual case, fast
        return text[j] if text[j] != "\n" else ""
    while 0 <= j < len(text) and text[j] in _SPACES:
        j += step
    return text[j] if 0 <= j < len(text) and text[j] != "\n" else ""


def _p1(text: str, i: int, c: str) -> bool:
    before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
    if c == ".":
        # A full stop ends a Chinese sentence; "1.5", "www.x.cn", "e.g." and "1." lists do not.
        return (is_han(before) or before in _CLOSING_CN) and text[i + 1:i + 2] != "."
    return is_chinese(before) or is_chinese(after)


_MESSAGES = {c: f"半角{_NAMES[c]}“{c}”改为全角“{_FULL[c]}”" for c in _NAMES}
_MESSAGES["."] = "半角句点“.”改为句号“。”"


def punctuation_slips(text: str) -> list[Slip]:
    mask = protected_mask(text)
    slips, pairs, settled = brackets.check(text, mask)
    fixed: dict[int, str] = {}                 # offset → full-width char (P1)
    for o, c in pairs:
        inside = text[o + 1:c]
        if (any(is_han(ch) for ch in inside) or _p1(text, o, "(") or _p1(text, c, ")")):
            fixed[o], fixed[c] = "（", "）"
    for hit in _MARKS.finditer(text):             # , ; : ? ! . (a C scan; few hits)
        i = hit.start()
        if not mask[i] and _p1(text, i, text[i]):
            fixed[i] = _FULL[text[i]]
    paired = {i for p in pairs for i in p}
    for hit in _PARENS.finditer(text):           # lone half-width brackets
        i = hit.start()
        if mask[i] or i in fixed or i in settled or i in paired:
            continue
        if _p1(text, i, text[i]):
            fixed[i] = _FULL[text[i]]
    slips += [Slip("P1", i, i + 1, _MESSAGES[text[i]], r) for i, r in fixed.items()]
    slips += _spaces(text, fixed)
    slips = _doubled(text, fixed, slips)
    slips.sort(key=_BY_PLACE)
    return slips


def _spaces(text: str, fixed: dict[int, str]) -> list[Slip]:
    """Spaces between Chinese characters or beside Chinese punctuation (not indentation)."""
    out = []
    for m in _SPACE_RUN.finditer(text):
        i, j = m.start(), m.end()
        before = text[i - 1] if i > 0 else "\n"
        after = text[j] if j < len(text) else "\n"
        if before == "\n" or after == "\n":
            continue
        b_cn = is_chinese(before) or (i - 1) in fixed
        a_cn = is_chinese(after) or j in fixed
        han_pair = is_han(before) and is_han(after)
        beside_punct = (b_cn and not is_han(before)) or (a_cn and not is_han(after))
        if han_pair or beside_punct:
            where = "汉字之间" if han_pair else "标点旁"
            out.append(Slip("P2", i, j, f"删除{where}多余的空格", ""))
    return out


def _doubled(text: str, fixed: dict[int, str], slips: list[Slip]) -> list[Slip]:
    """，，  。。  、、 (also ，, once P1's fix is counted): keep one mark."""
    runs = []
    for m in _MARK_RUN.finditer(text):
        i, end = m.start(), m.end()
        while i < end - 1:
            c = fixed.get(i, text[i])
            j = i + 1
            while c in _DOUBLED and j < end and fixed.get(j, text[j]) == c:
                j += 1
            if j - i >= 2:
                runs.append((i, j, c))
            i = j
    if not runs:
        return slips
    kept = [s for s in slips if not any(a <= s.start < b and s.rule == "P1" for a, b, _ in runs)]
    return kept + [Slip("P2", a, b, f"重复的标点{show(text[a:b])}只保留一个“{c}”", c)
                   for a, b, c in runs]
