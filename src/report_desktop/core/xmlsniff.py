"""Is a package part XML, in which encoding, and does it declare a DTD?  Decided by content.

A part's name says nothing (a main document can be called word/doc.svg), so every part is
sniffed the way an XML parser detects encodings (XML 1.0 Appendix F, as libxml2 and expat
do): a byte order mark, else the first four bytes of "<?xm" in UTF-32/UTF-16, else an
ASCII-compatible "<" whose declaration may name the encoding.  An XML part is then decoded
as it will be parsed and searched for "<!DOCTYPE" and "<!ENTITY".  Encodings no Office
program writes (UTF-7, EBCDIC, …) are not decoded at all: the part is refused.
"""
from __future__ import annotations

import codecs
import re

# (prefix, Python codec): byte order marks first, UTF-32 before UTF-16 (FF FE 00 00).
_BOMS = ((codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_BE, "utf-16-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"))
# "<" (or "<?") without a BOM, in the wide encodings.
_WIDE = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
         (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
         (b"\x00\x00<\x00", "utf-32"), (b"\x00<\x00\x00", "utf-32"),
         (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le"))
_DECL = re.compile(rb"^<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
# Declared encodings accepted for an ASCII-compatible part; anything else is refused.
_SAFE = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1", "gb18030",
         "gbk", "gb2312", "windows-1252", "cp1252", "utf-16", "utf-32", "utf-16le", "utf-16be",
         "utf-32le", "utf-32be", "ucs-2", "ucs-4"}
_ASCII_SPACE = b" \t\r\n"
MARKERS = ("<!doctype", "<!entity")
# "<!doctype html>" or with a public/system id, and no "[" (an internal subset declares).
HTML_DOCTYPE = re.compile(r'^<!doctype\s+html(\s+(public|system)(\s+("[^"\[<>]*"|'
                          r"'[^'\[<>]*'))+)?\s*>$")
MAX_DOCTYPE = 1024


class OddEncoding(ValueError):
    """An XML part in an encoding no Office program writes."""


def xml_codec(head: bytes) -> str | None:
    """The codec an XML parser would read a part starting with ``head`` in; None: not XML.

    Raises OddEncoding for XML in an encoding we do not decode.
    """
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    for start, codec in _WIDE:
        if head.startswith(start):
            if codec == "utf-32":   # the unusual byte orders 2143/3412
                raise OddEncoding("UCS-4 (2143/3412)")
            return codec
    if head.startswith(b"Lo\xa7\x94"):   # "<?xm" in EBCDIC
        raise OddEncoding("EBCDIC")
    text = head.lstrip(_ASCII_SPACE)
    if not text.startswith(b"<"):
        return None
    m = _DECL.match(text)
    if m is None:
        return "utf-8"
    declared = m.group(1).decode("ascii").lower()
    if declared not in _SAFE:
        raise OddEncoding(declared)
    if declared in ("utf-16", "utf-32", "ucs-2", "ucs-4", "utf-16le", "utf-16be", "utf-32le",
                    "utf-32be"):
        return "utf-8"   # a wide declaration in single bytes: libxml2 reads the bytes as ASCII
    return codecs.lookup(declared).name


class DtdScanner:
    """Fed a part's bytes chunk by chunk; ``found`` after a DTD or entity declaration.

    An HTML page's own ``<!DOCTYPE html …>`` (no internal subset: it declares nothing) is
    not a DTD attack: web systems' "导出Word" embed whole pages (w:altChunk) that start so.
    ``tags`` counts "<" (tags, comments, declarations): what parsing the part will cost.
    """

    def __init__(self, codec: str):
        self._decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        self._tail = ""
        self._doctype: str | None = None   # an open <!doctype …, until its ">"
        self.found = False
        self.tags = 0
        self.head = ""     # the first characters decoded: what kind of part this is

    def feed(self, chunk: bytes) -> bool:
        text = self._decoder.decode(chunk)
        if len(self.head) < 512:
            self.head += text[:512 - len(self.head)]
        self.tags += text.count("<")
        window = (self._tail + text).lower()
        if "<!entity" in window:
            self.found = True
        # A marker wholly inside the tail was handled with the previous chunk.
        start = len(self._tail) if self._doctype is not None else max(0, len(self._tail) - 8)
        while not self.found:
            if self._doctype is None:
                at = window.find("<!doctype", start)
                if at < 0:
                    break
                self._doctype, start = "", at
            end = window.find(">", start)
            self._doctype += window[start:end + 1 if end >= 0 else len(window)]
            if end < 0:
                if len(self._doctype) > MAX_DOCTYPE:
                    self.found = True
                break
            self.found = not HTML_DOCTYPE.match(self._doctype)
            self._doctype, start = None, end + 1
        self._tail = window[-16:]
        return self.found
