"""Small WordprocessingML helpers for what python-docx has no API for.

All lengths are twips (1/20 pt) unless a name says otherwise.
"""
from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

LATIN = "Times New Roman"   # digits and Latin letters in body text and tables

_THEME_ATTRS = tuple(qn(f"w:{a}") for a in
                     ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))


# Characters XML 1.0 forbids (pasted text can hold them); python-docx would raise.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text safe for WordprocessingML: Word's manual line break (\\v) and page break
    (\\f) become newlines, other control characters are dropped."""
    return _ILLEGAL.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


def twips(pt: float) -> int:
    return int(round(pt * 20))


def set_fonts(rpr, east_asia: str, latin: str = LATIN, hint_east_asia: bool = False):
    """Give an ``w:rPr`` explicit fonts for every script and drop the theme fonts.

    python-docx's ``font.name`` writes only ``w:ascii``/``w:hAnsi``, so Chinese text
    would ignore it; ``w:eastAsia`` is what Chinese characters use.  Theme attributes
    win over explicit names (ECMA-376), so they are removed.
    """
    rfonts = rpr.get_or_add_rFonts()
    drop_theme(rfonts)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)
    if hint_east_asia:
        # Shared characters (“”…—) then take the Chinese font, as typed in Chinese Word.
        rfonts.set(qn("w:hint"), "eastAsia")
    return rfonts


def new_rpr(east_asia: str, latin: str = LATIN, size_pt: float | None = None):
    """A fresh ``w:rPr`` with explicit fonts (and size), built in schema order.

    Faster than python-docx's ``get_or_add_*`` chain, which matters for every run.
    """
    rpr = OxmlElement("w:rPr")
    rfonts = OxmlElement("w:rFonts")
    for attr, name in (("ascii", latin), ("hAnsi", latin), ("eastAsia", east_asia),
                       ("cs", latin), ("hint", "eastAsia")):
        rfonts.set(qn(f"w:{attr}"), name)
    rpr.append(rfonts)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(int(round(size_pt * 2))))
            rpr.append(el)
    return rpr


def drop_theme(rfonts) -> None:
    for attr in _THEME_ATTRS:
        if attr in rfonts.attrib:
            del rfonts.attrib[attr]


def set_size(rpr, pt: float) -> None:
    half = str(int(round(pt * 2)))
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), half)
    _reorder_rpr(rpr)


# Child order of w:rPr that we ever write (schema order), for appended elements.
_RPR_ORDER = [qn(f"w:{t}") for t in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath")]


def _reorder_rpr(rpr) -> None:
    rank = {tag: i for i, tag in enumerate(_RPR_ORDER)}
    children = sorted(rpr, key=lambda el: rank.get(el.tag, len(rank)))
    for el in children:
        rpr.append(el)


def set_lang(rpr, east_asia: str = "zh-CN", latin: str = "en-US") -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)
    _reorder_rpr(rpr)


def set_indent(ppr, first_pt: float = 0.0, left_pt: float = 0.0, right_pt: float = 0.0,
               char_pt: float = 16.0) -> None:
    """Indents in points, also written as characters (Word shows “2 字符”).

    Writing ``*Chars`` = 0 explicitly matters: a style inheriting
    ``firstLineChars="200"`` would otherwise keep the indent whatever ``firstLine`` says.
    """
    ind = ppr.get_or_add_ind()
    for name, pt in (("firstLine", first_pt), ("left", left_pt), ("right", right_pt)):
        ind.set(qn(f"w:{name}"), str(twips(pt)))
        ind.set(qn(f"w:{name}Chars"), str(int(round(pt / char_pt * 100))))


def set_outline_level(ppr, level: int) -> None:
    """Outline level so Word's navigation pane lists the heading (0 = top)."""
    ppr.get_or_add_outlineLvl().set(qn("w:val"), str(level))
