"""A web page's bytes as text, as a browser would decode them: BOM, then <meta charset>,
then UTF-8, then GB18030 — with what was overruled or garbled, for the clerk.  Used for a
page file, a page saved as MHT and a page embedded in a Word file (docx/altchunk.py)."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_CHINESE = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "windows-936"}


@dataclass
class Decoded:
    text: str
    declared: str = ""     # the charset the page names ("" for none)
    used: str = ""         # the codec the text was decoded with
    garbled: int = 0       # characters that could not be decoded (U+FFFD)
    overruled: bool = False   # the declared charset was wrong (or unusable) and not used

    def problem(self, source: str) -> str:
        named = f"声明的编码“{self.declared}”" if self.declared else "UTF-8 或 GB18030 编码"
        return (f"{source}的文字编码有误，无法按{named}正确解码（{self.garbled} 处乱码）："
                "请在浏览器中打开该网页，另存为 UTF-8 编码的网页后再导入。")

    def notes(self, source: str) -> list[str]:
        out = []
        if self.overruled and self.declared:
            out.append(f"网页声明的编码“{self.declared}”与内容不符或无法使用，"
                       f"已按 {_SHOWN.get(self.used, self.used)} 读取，请核对文字")
        if self.garbled:
            out.append(f"网页中有 {self.garbled} 处文字无法解码（显示为 �），请核对")
        return out


_SHOWN = {"utf-8": "UTF-8", "gb18030": "GB18030（GBK）"}
# Encodings a web page may declare (the WHATWG list, as Python names them); any other
# declaration (idna, punycode, undefined, unknown names) is treated as none.
_PAGE_CODECS = frozenset(codecs.lookup(n).name for n in (
    "utf-8", "gb18030", "big5", "big5hkscs", "shift_jis", "euc_jp", "iso2022_jp", "euc_kr",
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "cp874", "cp866", "koi8_r", "koi8_u", "mac_roman", "mac_cyrillic", "latin_1",
    *(f"iso8859_{i}" for i in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16))))
_LATIN_ALIASES = {"ascii", "us-ascii", "iso-8859-1", "latin1", "latin-1", "iso8859-1"}


def _declared(raw: bytes) -> tuple[str, str | None]:
    """(charset the page declares, Python codec for it or None when unusable)."""
    m = _CHARSET.search(raw[:4096])
    declared = m.group(1).decode("ascii").lower() if m else ""
    if not declared:
        return "", None
    if declared in _CHINESE:
        return declared, "gb18030"
    if declared.startswith(("utf-16", "utf-32", "utf16", "utf32", "ucs")):
        return declared, "utf-8"     # a wide charset in a single-byte <meta>: browsers use UTF-8
    if declared in _LATIN_ALIASES:
        return declared, "cp1252"    # as browsers do
    try:
        codec = codecs.lookup(declared).name
    except (LookupError, ValueError):
        return declared, None
    return declared, codec if codec in _PAGE_CODECS else None


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeError:
        return None


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def decode_page(raw: bytes, source: str = "") -> Decoded:
    """Bytes as a browser would take them: BOM, then <meta charset>, then UTF-8, then
    GB18030 (Chinese government sites still serve GB2312 pages).  A declared charset that
    the bytes contradict — undecodable, or no Chinese at all where UTF-8 or GB18030 gives
    Chinese — is overruled by the one that decodes them cleanly."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            text = raw[len(bom):].decode(enc, errors="replace")
            return Decoded(text, used=enc, garbled=text.count("\ufffd"))
    declared, codec = _declared(raw)
    if codec is not None and codec != "utf-8":
        text = raw.decode(codec, errors="replace")
        if "\ufffd" not in text and (_has_chinese(text) or not _sniffed_chinese(raw)):
            return Decoded(text, declared, codec)
    for candidate in ("utf-8", "gb18030"):
        clean = _strict(raw, candidate)
        if clean is not None:
            return Decoded(clean, declared, candidate, overruled=bool(declared) and codec != candidate)
    # Nothing decodes cleanly: keep the reading with the fewest undecodable characters.
    tries = [(raw.decode(c, errors="replace"), c) for c in dict.fromkeys(
        [c for c in (codec, "utf-8", "gb18030") if c])]
    text, used = min(tries, key=lambda t: t[0].count("\ufffd"))
    return Decoded(text, declared, used, text.count("\ufffd"),
                   overruled=bool(declared) and used != codec)


def _sniffed_chinese(raw: bytes) -> bool:
    return any(t is not None and _has_chinese(t) for t in (_strict(raw, "utf-8"),
                                                          _strict(raw, "gb18030")))


def decode(raw: bytes, source: str = "") -> str:
    return decode_page(raw, source).text
