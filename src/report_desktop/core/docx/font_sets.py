"""The two sets of fonts a Word file is written in: the ones GB/T 9704 names, or the
ones every Windows PC has (core.formats.WordFonts names them).  Plain data, below every
module that writes a part of the file (styles, font table and theme, prose, tables, footer)."""
from __future__ import annotations

from dataclasses import dataclass

from ..formats import WordFonts


@dataclass(frozen=True)
class FontSet:
    title: str        # 二号 title
    body: str         # 三号 body
    heading1: str     # 一、 headings
    heading2: str     # （一） headings
    table: str        # table text
    page_number: str  # “— 1 —”


FONT_SETS: dict[str, FontSet] = {
    # The fonts GB/T 9704 names; often installed separately on clerks' PCs.
    WordFonts.GB: FontSet("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "宋体"),
    # What every Windows PC has.
    WordFonts.WINDOWS: FontSet("宋体", "仿宋", "黑体", "楷体", "宋体", "宋体"),
}


def font_set(fonts: str | FontSet) -> FontSet:
    if isinstance(fonts, FontSet):
        return fonts
    try:
        return FONT_SETS[fonts]
    except KeyError:
        raise ValueError(f"unknown font set {fonts!r}; use one of {sorted(FONT_SETS)}") from None
