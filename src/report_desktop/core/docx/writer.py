"""Build and save the Word report: ``write(report, path, fonts=...)``."""
from __future__ import annotations

import datetime as dt
import functools
import io
from pathlib import Path

import docx

from .. import schema
from ..files import atomic_write_bytes
from ..final import Stamp
from ..formats import DEFAULT_WORD_FONTS
from ..report import Report
from . import draft as draft_marks
from . import page_numbers, ooxml, prose, styles, table_xml
from . import stamp as final_stamp
from .font_sets import FONT_SETS, FontSet, font_set

__all__ = ["FONT_SETS", "FontSet", "build", "write"]

_MAX_PROPERTY = 255   # python-docx refuses longer core properties


def build(report: Report, fonts: str | FontSet = DEFAULT_WORD_FONTS,
          draft: str | None = None, stamp: Stamp | None = None) -> docx.document.Document:
    """The report as a python-docx Document (not saved).

    ``draft``: why this file is a draft (services.exporting writes it with errors left);
    it then carries “草稿” in every page's header and this line under the title.
    ``stamp``: the 定稿 it is (core.final), in the document properties only.
    Order: title, (draft line,) preamble, the six headings of schema.SECTIONS (always all six) each
    followed by its prose or its table, then unit and date.
    """
    fs = font_set(fonts)
    unit = " ".join(ooxml.clean(report.unit).split())
    doc = docx.Document(io.BytesIO(_template(fs)))
    prose.add_title(doc, unit, report.year, fs)
    if draft:
        draft_marks.add_header(doc.sections[0], fs)
        draft_marks.add_note(doc, draft, fs)
    prose.add_prose(doc, report.texts.get("preamble"), fs)
    for section in schema.SECTIONS:
        prose.add_heading(doc, section.heading, fs)
        if section.text:
            prose.add_prose(doc, report.texts.get(section.text), fs)
        if section.table:
            table_xml.add_table(doc, section.table, report, fs)
    prose.add_signature(doc, unit, report.report_date, fs)
    _properties(doc, unit, report.year)
    if stamp is not None:
        final_stamp.apply(doc, stamp)
    return doc


@functools.lru_cache(maxsize=len(FONT_SETS) + 2)
def _template(fonts: FontSet) -> bytes:
    """An empty document with the page, styles, East-Asian fixes and page-number footers.

    Made once per font set from python-docx's default template and kept as bytes:
    loading this small package is faster than re-fixing the 160-style default each time.
    """
    doc = docx.Document()
    styles.apply(doc, fonts)
    page_numbers.add_page_numbers(doc.sections[0], fonts)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _properties(doc, unit: str, year: int) -> None:
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    props = doc.core_properties
    props.title = schema.report_title(unit, year)[:_MAX_PROPERTY]
    props.author = unit[:_MAX_PROPERTY]
    props.last_modified_by = unit[:_MAX_PROPERTY]
    props.subject = "政府信息公开工作年度报告"
    props.comments = ""
    props.keywords = f"政府信息公开;{year}年"
    props.language = "zh-CN"
    props.created = now
    props.modified = now
    props.revision = 1


def write(report: Report, path: str | Path, fonts: str | FontSet = DEFAULT_WORD_FONTS,
          draft: str | None = None, stamp: Stamp | None = None) -> None:
    """Save the report as .docx at ``path``, atomically; ``draft`` and ``stamp`` as in ``build``.

    Raises ReportFileError (Chinese message naming the file) when the target cannot be
    written, e.g. open in Word or in a read-only folder; nothing is left half-written.
    """
    doc = build(report, fonts, draft, stamp)
    buf = io.BytesIO()   # saved in memory first: a full disk then fails in one plain write,
    doc.save(buf)        # not inside python-docx's zip (whose __del__ would fail again)
    atomic_write_bytes(Path(path), buf.getvalue())
