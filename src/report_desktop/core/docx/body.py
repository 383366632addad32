"""Paragraphs and runs appended to the document body in constant time.

python-docx's ``Document.add_paragraph`` inserts each new ``w:p`` before the body's
``w:sectPr`` by scanning every child of the body for it, so a report of n lines costs
n²/2 child visits: 20,000 lines took 10 s and 100,000 lines did not finish in two
minutes.  The section properties are always the body's last child, which lxml reaches
without a scan.  A run is copied from a template (its fonts and the empty ``w:t``)
instead of built element by element and character by character.  The XML made here is
the one python-docx makes (tests/core/docx/test_docx_export.py compares the two).
"""
from __future__ import annotations

from typing import Any

import re
import threading

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from . import ooxml

_SECT_PR = qn("w:sectPr")
_PRESERVE = qn("xml:space")
_BREAKS = re.compile("[\t\r\n]")       # become <w:tab/> and <w:br/>: python-docx does those
_templates = threading.local()        # lxml trees stay in the thread that made them


def add_paragraph(doc: Any, style: str | None = None) -> Paragraph:
    """``doc.add_paragraph(style=style)``, without the scan for ``w:sectPr``."""
    container = doc._body        # noqa: SLF001 - python-docx's cached body proxy, the parent
    body = container._element    # noqa: SLF001 - it gives its paragraphs
    p = _element("w:p").__copy__()
    last = next(body.iterchildren(reversed=True), None)
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(p)
    else:                       # no section properties (not in our template): at the end
        body.append(p)
    paragraph = Paragraph(p, container)
    if style is not None:
        paragraph.style = style
    return paragraph


def add_run(paragraph: Paragraph, text: str, east_asia: str, latin: str = ooxml.LATIN,
            size: float | None = None) -> Run:
    """``paragraph.add_run(text)`` whose own ``w:rPr`` names its fonts (python-docx has no
    ``w:eastAsia`` API) and size (``ooxml.new_rpr``)."""
    if _BREAKS.search(text):
        run = paragraph.add_run(text)
        run._r.insert(0, ooxml.new_rpr(east_asia, latin, size))   # noqa: SLF001
        return run
    r = _template(east_asia, latin, size).__copy__()   # lxml: the whole subtree, in C
    t = r[1]
    if text:
        t.text = text
        if len(text.strip()) < len(text):   # as python-docx: keep edge spaces
            t.set(_PRESERVE, "preserve")
    else:
        r.remove(t)
    paragraph._p.append(r)   # noqa: SLF001
    return Run(r, paragraph)


def _cache() -> dict[object, Any]:
    cache: dict[object, Any] = _templates.__dict__.setdefault("cache", {})
    return cache


def _element(tag: str) -> Any:
    """An empty element to copy: faster than making one through python-docx's parser."""
    cache = _cache()
    if tag not in cache:
        cache[tag] = OxmlElement(tag)
    return cache[tag]


def _template(east_asia: str, latin: str, size: float | None) -> Any:
    """A run with these fonts and an empty ``w:t``, to copy."""
    cache = _cache()
    key = (east_asia, latin, size)
    if key not in cache:
        r = OxmlElement("w:r")
        r.append(ooxml.new_rpr(east_asia, latin, size))
        r.append(OxmlElement("w:t"))
        cache[key] = r
    return cache[key]
