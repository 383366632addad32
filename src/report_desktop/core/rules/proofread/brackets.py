"""P2, brackets and quotes: mismatched pairs （…) 《…〉 “…", unclosed or stray ones.

Pairs are matched per paragraph with a stack.  Returns the slips and the half-width
parenthesis pairs (for P1, which decides whether they sit in Chinese prose).
"""
from __future__ import annotations

import re

from .chars import show
from .slip import Slip

# Opener → (family, its proper closer).
_OPENERS = {"（": ("round", "）"), "(": ("round", ")"), "《": ("book", "》"), "〈": ("book", "〉"),
            "“": ("quote", "”"), "‘": ("squote", "’"), "【": ("lent", "】"), "〔": ("tort", "〕")}
_CLOSERS = {"）": "round", ")": "round", "》": "book", "〉": "book", "”": "quote", "’": "squote",
            "】": "lent", "〕": "tort"}
_FULL = {"(": "（", ")": "）"}
# Every character the matching looks at; the rest of the text is skipped by the regex engine.
_RELEVANT = re.compile('[\n"（(《〈“‘【〔）)》〉”’】〕]')
_ITEM_BEFORE = set("，,。；;：: \t\u3000")
_NUMBERING = set("0123456789一二三四五六七八九十abcdefghABCDEFGH①②③④⑤")


def _numbering_closer(text: str, i: int, line_start: int) -> bool:
    """'1)' or '二）' opening a line or an item after a pause: numbering, not a stray bracket."""
    j = i
    while j > line_start and i - j < 3 and text[j - 1] in _NUMBERING:
        j -= 1
    return j < i and (j == line_start or text[j - 1] in _ITEM_BEFORE)


def check(text: str, mask: bytearray) -> tuple[list[Slip], list[tuple[int, int]], set[int]]:
    """(P2 slips, half-width () pairs, offsets of lone half-width parens judged here)."""
    slips: list[Slip] = []
    pairs: list[tuple[int, int]] = []
    settled: set[int] = set()
    stack: list[int] = []
    line_start = 0

    def unclosed(pos: int) -> None:
        o = text[pos]
        if o != '"':
            slips.append(Slip("P2", pos, pos + 1, f"{show(o)}没有对应的{show(_OPENERS[o][1])}，请补全或删除"))

    for hit in _RELEVANT.finditer(text):
        i = hit.start()
        c = text[i]
        if c == "\n":
            for pos in stack:
                unclosed(pos)
            stack.clear()
            line_start = i + 1
            continue
        if mask[i]:
            continue
        if c == '"':
            if stack and text[stack[-1]] == '"':
                stack.pop()
            elif stack and text[stack[-1]] == "“":
                stack.pop()
                slips.append(Slip("P2", i, i + 1, "引号不配对：前面是“，这里应为”", "”"))
            else:
                stack.append(i)
            continue
        if c in _OPENERS:
            stack.append(i)
            continue
        family = _CLOSERS.get(c)
        if family is None:
            continue
        depth = next((d for d in range(len(stack) - 1, -1, -1)
                      if _family(text[stack[d]]) == family), None)
        if depth is None:
            if c in ")）" and _numbering_closer(text, i, line_start):
                continue
            slips.append(Slip("P2", i, i + 1, f"多余的{show(c)}：前面没有对应的左括号或引号，请补全或删除"))
            settled.add(i)
            continue
        for pos in stack[depth + 1:]:
            unclosed(pos)
        o = stack[depth]
        del stack[depth:]
        opener = text[o]
        if opener == '"':                       # "…” : the opener is the odd one
            slips.append(Slip("P2", o, o + 1, "引号不配对：后面是”，这里应为“", "“"))
        elif opener in "(（" and opener != "(" and c == ")":
            slips.append(Slip("P2", i, i + 1, "括号不配对：前面是“（”，这里应为“）”", "）"))
            settled.add(i)
        elif opener == "(" and c == "）":
            slips.append(Slip("P2", o, o + 1, "括号不配对：后面是“）”，这里应为“（”", "（"))
            settled.add(o)
        elif opener == "(" and c == ")":
            pairs.append((o, i))
        elif _OPENERS[opener][1] != c:
            proper = _OPENERS[opener][1]
            slips.append(Slip("P2", i, i + 1, f"{show(c)}与前面的{show(opener)}不配对，应为{show(proper)}",
                              proper))
    for pos in stack:
        unclosed(pos)
        if text[pos] == "(":
            settled.discard(pos)
    return slips, pairs, settled


def _family(opener: str) -> str:
    return "quote" if opener == '"' else _OPENERS[opener][0]
