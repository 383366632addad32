"""P1 (half-width punctuation in Chinese prose) and P2 (stray spaces, doubled marks, pairs).

Every P1 slip and most P2 slips carry a safe replacement; ``punctuation_slips`` returns
them sorted and without overlaps, so they can be applied all at once.
"""
from __future__ import annotations

from . import brackets
from .chars import is_chinese, is_han, protected_mask, show
from .slip import Slip

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "括号", ")": "括号"}
_SPACES = " \t\u3000\u00a0"
_DOUBLED = set("，。、；：？！")
_CLOSING_CN = set("）》”’】〕")


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character on the same line, skipping spaces ('' at the line's edge)."""
    j = i + step
    while 0 <= j < len(text) and text[j] in _SPACES:
        j += step
    return text[j] if 0 <= j < len(text) and text[j] != "\n" else ""


def _p1(text: str, i: int, c: str) -> bool:
    before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
    if c == ".":
        # A full stop ends a Chinese sentence; "1.5", "www.x.cn", "e.g." and "1." lists do not.
        return (is_han(before) or before in _CLOSING_CN) and text[i + 1:i + 2] != "."
    return is_chinese(before) or is_chinese(after)


def _message_p1(c: str) -> str:
    if c == ".":
        return "半角句点“.”改为句号“。”"
    return f"半角{_NAMES[c]}“{c}”改为全角“{_FULL[c]}”"


def punctuation_slips(text: str) -> list[Slip]:
    mask = protected_mask(text)
    slips, pairs, settled = brackets.check(text, mask)
    fixed: dict[int, str] = {}                 # offset → full-width char (P1)
    for o, c in pairs:
        inside = text[o + 1:c]
        if (any(is_han(ch) for ch in inside) or _p1(text, o, "(") or _p1(text, c, ")")):
            fixed[o], fixed[c] = "（", "）"
    for i, c in enumerate(text):
        if c not in _FULL or mask[i] or i in fixed or i in settled or c in "()" and _paired(i, pairs):
            continue
        if _p1(text, i, c):
            fixed[i] = _FULL[c]
    slips += [Slip("P1", i, i + 1, _message_p1(text[i]), r) for i, r in fixed.items()]
    slips += _spaces(text, fixed)
    slips = _doubled(text, fixed, slips)
    slips.sort(key=lambda s: (s.start, s.end))
    return slips


def _paired(i: int, pairs: list[tuple[int, int]]) -> bool:
    return any(i in p for p in pairs)


def _spaces(text: str, fixed: dict[int, str]) -> list[Slip]:
    """Spaces between Chinese characters or beside Chinese punctuation (not indentation)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text[i] not in _SPACES:
            i += 1
            continue
        j = i
        while j < n and text[j] in _SPACES:
            j += 1
        before = text[i - 1] if i > 0 else "\n"
        after = text[j] if j < n else "\n"
        if before != "\n" and after != "\n":
            b_cn = is_chinese(before) or (i - 1) in fixed
            a_cn = is_chinese(after) or j in fixed
            han_pair = is_han(before) and is_han(after)
            beside_punct = (b_cn and not is_han(before)) or (a_cn and not is_han(after))
            if han_pair or (beside_punct and (b_cn or a_cn)):
                where = "汉字之间" if han_pair else "标点旁"
                out.append(Slip("P2", i, j, f"删除{where}多余的空格", ""))
        i = j
    return out


def _doubled(text: str, fixed: dict[int, str], slips: list[Slip]) -> list[Slip]:
    """，，  。。  、、 (also ，, once P1's fix is counted): keep one mark."""
    runs = []
    i, n = 0, len(text)
    while i < n:
        c = fixed.get(i, text[i])
        j = i + 1
        while c in _DOUBLED and j < n and fixed.get(j, text[j]) == c:
            j += 1
        if j - i >= 2:
            runs.append((i, j, c))
        i = j
    if not runs:
        return slips
    kept = [s for s in slips if not any(a <= s.start < b and s.rule == "P1" for a, b, _ in runs)]
    return kept + [Slip("P2", a, b, f"重复的标点{show(text[a:b])}只保留一个“{c}”", c)
                   for a, b, c in runs]
