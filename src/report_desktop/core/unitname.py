"""A unit's name as people read it, and the key two names are compared by.

A name can carry characters nobody sees: zero-width spaces and joiners, a byte-order mark,
soft hyphens, direction marks — pasted from a web page or a chat message, or left in a
file.  "城关镇人民政府" and the same name with a U+200B look alike on screen and in print,
so for the clerk they are one unit, and the store, the summary and the roster treat them so.

- ``display(name)``: the name as it is kept and printed.  Invisible format characters are
  removed; runs of whitespace (U+3000 and no-break spaces too) become one space, none at the
  ends and none between two Chinese characters: a Chinese name has no spaces, so
  "城关镇 人民政府" is a slip of the space bar, and it would be printed in the title.
- ``key(name)``: what names are compared by: the display form in NFKC (full-width letters,
  digits and brackets as the plain ones, a Kangxi radical as its ideograph), without any space.
- ``reordering(name)``: a right-to-left control before visible text (U+202B, U+202E, U+2067)
  changes the order the characters are shown in, so the name on screen is not the stored
  one; removing it would give a name nobody saw, so such a name is refused instead
  (textcheck.problem) and the clerk types it again.  Every other direction control only
  sets a direction Chinese text has anyway, and is removed.
"""
from __future__ import annotations

from collections.abc import Iterable

import re
import unicodedata

# Every invisible character: the format characters (Unicode category Cf, Unicode 15) but
# the few that are seen (Arabic number signs …), and the combining grapheme joiner and
# Hangul fillers, which are not Cf but show nothing either.  tests/core/test_unit_names.py
# checks this against the running Python's own table.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
_RTL_OPENERS = "\u202b\u202e\u2067"
# For comparison only: variation selectors pick a glyph, not another character.
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def visible(text: str) -> str:
    """``text`` without its invisible characters."""
    return INVISIBLE.sub("", text)


def invisible(name: str) -> list[str]:
    """The invisible characters in ``name`` (each once, in order) as "U+200B"."""
    return list(dict.fromkeys(f"U+{ord(m.group()):04X}" for m in INVISIBLE.finditer(name)))


def reordering(name: str) -> str | None:
    """The right-to-left control that reorders what follows it (as "U+202E"), or None."""
    for i, ch in enumerate(name):
        if ch in _RTL_OPENERS and visible(name[i + 1:]).strip():
            return f"U+{ord(ch):04X}"
    return None


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def display(name: str) -> str:
    """The name as it is kept and printed (see the module docstring).  A right-to-left
    control before visible text stays, so that ``textcheck.problem`` can refuse it."""
    if reordering(name):
        kept = "".join(ch for ch in name if ch in _RTL_OPENERS or not INVISIBLE.match(ch))
    else:
        kept = visible(name)
    words = kept.split()
    if not words:
        return ""
    out = [words[0]]
    for word in words[1:]:
        if not (_wide(out[-1][-1]) and _wide(word[0])):
            out.append(" ")
        out.append(word)
    return "".join(out)


def key(name: str) -> str:
    """What two unit names are compared by: equal keys, one unit."""
    folded = unicodedata.normalize("NFKC", _SELECTORS.sub("", visible(name)))
    return "".join(visible(folded).split())


def same(a: str, b: str) -> bool:
    """Whether two names are read as the same unit."""
    return key(a) == key(b)


def oddities(name: str) -> str:
    """What makes a name differ from how it reads (Chinese), or '' when nothing does."""
    parts = []
    codes = invisible(name)
    if codes:
        parts.append(f"不可见字符 {'、'.join(codes)}")
    kept = visible(name)
    if kept != display(kept):
        parts.append("多余的空格")
    return "含" + "、".join(parts) if parts else ""


def look_alikes(names: Iterable[str]) -> list[list[str]]:
    """Groups of two or more different names that read as one unit, in first-seen order
    (a name without oddities first in its group)."""
    groups: dict[str, list[str]] = {}
    for name in names:
        group = groups.setdefault(key(name), [])
        if name not in group:
            group.append(name)
    return [sorted(g, key=lambda n: oddities(n) != "") for g in groups.values() if len(g) > 1]


def look_alike_warnings(reports: Iterable[tuple[str, int]], where: str = "数据文件中") -> list[str]:
    """One message (look_alike_message) per group of look-alike names among ``reports``,
    (unit, year) pairs as a store lists them."""
    reports = list(reports)
    out = []
    for names in look_alikes(unit for unit, _ in reports):
        years = [year for unit, year in reports if unit in names]
        out.append(look_alike_message(names, len(years) != len(set(years)), where))
    return out


def look_alike_message(names: list[str], same_year: bool, where: str = "数据文件中") -> str:
    """Points out names of one group from ``look_alikes`` (Chinese, one line).  ``same_year``:
    two of them have a report of the same year, one of which is probably a copy."""
    shown = [visible(n) for n in names]      # a stored override must not turn the line around
    quoted = "、".join(f"“{n}”" for n in shown[:-1]) + f"和“{shown[-1]}”"
    notes = "；".join(f"第{i}个{o}" for i, o in enumerate((oddities(n) for n in names), 1) if o)
    fix = ("请核对并删除重复的报告：" if same_year else "请核对单位名称：")
    tail = "同一年度有两份报告" if same_year else "程序按同一单位处理"
    return f"{fix}{where}{quoted}看起来是同一个单位（{notes or '全角半角等写法不同'}），{tail}。"
