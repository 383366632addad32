"""The report as one self-contained HTML5 page for the 政府信息公开专栏, and as plain text.

The page has no script, no external resource (a Content-Security-Policy says so to the
browser) and no ``<style>`` block: CMS editors strip style blocks and classes, so every
style is inline.  Order as in the Word file: title, preamble, the six headings (always
all six) with their prose or table, then unit and date.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from .. import schema
from ..docx.draft import note_text
from ..docx.prose import date_text, lines, split_subheading
from ..rollover import has_draft_marker
from ..files import atomic_write_bytes
from ..final import HASH_NAME, Stamp
from ..report import Report
from .table_html import table_html, table_tsv

PAGE_MAX_WIDTH = "960px"
LEVEL_META = "report-level"   # the unit's level, for an exact round trip of our own page
# The 定稿 a page was written from (core.final): its version number and content hash.
FINAL_VERSION_META, FINAL_HASH_META = "report-final-version", f"report-final-{HASH_NAME}"
_FONT = "'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','Source Han Sans SC',sans-serif"
_H1 = "font-size:1.6em;text-align:center;margin:0.8em 0;line-height:1.4"
_H2 = "font-size:1.25em;margin:1.2em 0 0.5em;line-height:1.4"
_H3 = "font-size:1.05em;margin:0.8em 0 0.4em;text-indent:2em"
_P = "margin:0 0 0.6em;text-indent:2em"
_SIGN = "margin:0;text-align:right;padding-right:2em"
_DRAFT = ("margin:0 auto 0.5em;max-width:" + PAGE_MAX_WIDTH + ";text-align:center;"
          "font-weight:bold;color:#c00000;border:2px solid #c00000;padding:0.3em;"
          "box-sizing:border-box")
_MARKED = "background:#ffff00"   # a draft-marker line left in the text


def _text(text: str) -> str:
    """Escaped; runs of spaces kept (a browser would fold them into one)."""
    out = escape(text, quote=False)
    while "  " in out:
        out = out.replace("  ", "\u00a0 ")
    return out


def _prose(text: str | None) -> list[str]:
    """One paragraph per line; a （一）… heading alone on its line is an ``<h3>``."""
    out = []
    for line in lines(text):
        heading, rest = split_subheading(line)
        if has_draft_marker(line):
            out.append(f'<p style="{_P};{_MARKED}">{_text(line)}</p>')
        elif heading and not rest:
            out.append(f'<h3 style="{_H3}">{_text(heading)}</h3>')
        elif heading:
            out.append(f'<p style="{_P}"><span style="font-weight:bold">{_text(heading)}</span>'
                       f'{_text(rest)}</p>')
        else:
            out.append(f'<p style="{_P}">{_text(line)}</p>')
    return out


def body(report: Report) -> str:
    """The report's content: what 复制网页版 puts on the clipboard and the page's body holds."""
    unit = " ".join(report.unit.split())
    parts = [f'<h1 style="{_H1}">{_text(schema.report_title(unit, report.year))}</h1>']
    parts += _prose(report.texts.get("preamble"))
    for section in schema.SECTIONS:
        parts.append(f'<h2 style="{_H2}">{_text(section.heading)}</h2>')
        if section.text:
            parts += _prose(report.texts.get(section.text))
        if section.table:
            parts.append(table_html(section.table, report))
    signature = [s for s in (unit, date_text(report.report_date) if report.report_date else "")
                 if s]
    if signature:
        parts.append('<div style="margin-top:2em">')
        parts += [f'<p style="{_SIGN}">{_text(s)}</p>' for s in signature]
        parts.append("</div>")
    return (f'<div style="max-width:{PAGE_MAX_WIDTH};margin:0 auto;padding:0 16px;'
            f'box-sizing:border-box;font-family:{_FONT};font-size:16px;line-height:1.8;'
            'color:#222;overflow-wrap:anywhere">\n' + "\n".join(parts) + "\n</div>")


def _final_meta(stamp: Stamp | None) -> str:
    if stamp is None:
        return ""
    return (f'<meta name="{FINAL_VERSION_META}" content="{stamp.version}">\n'
            f'<meta name="{FINAL_HASH_META}" content="{escape(stamp.hash)}">\n')


def read_stamp(meta: dict[str, str]) -> Stamp | None:
    """The 定稿 stamp among a page's ``<meta name=… content=…>`` (names lower-cased)."""
    version, digest = meta.get(FINAL_VERSION_META, ""), meta.get(FINAL_HASH_META, "")
    return Stamp(int(version), digest) if version.isdigit() and digest else None


def page(report: Report, draft: str | None = None, stamp: Stamp | None = None) -> str:
    """The whole HTML5 document; ``draft`` (why it is one) is shown above the title;
    ``stamp`` (the 定稿 it is) goes into the head."""
    level = (f'<meta name="{LEVEL_META}" content="{escape(report.level)}">\n'
             if report.level else "") + _final_meta(stamp)
    return ("<!DOCTYPE html>\n"
            '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            f"{level}<title>{_text(report.title)}</title>\n</head>\n"
            '<body style="margin:0;padding:1em 0;background:#fff">\n'
            + (f'<p style="{_DRAFT}">{_text(note_text(draft))}</p>\n' if draft else "")
            + f"{body(report)}\n</body>\n</html>\n")


def plain_text(report: Report) -> str:
    """The plain-text flavour: readable prose, tables as tab-separated rows."""
    unit = " ".join(report.unit.split())
    out = [schema.report_title(unit, report.year), ""]
    out += lines(report.texts.get("preamble"))
    for section in schema.SECTIONS:
        out += ["", section.heading]
        if section.text:
            out += lines(report.texts.get(section.text))
        if section.table:
            out += table_tsv(section.table, report)
    out.append("")
    out += [s for s in (unit, date_text(report.report_date) if report.report_date else "") if s]
    return "\n".join(out) + "\n"


def write(report: Report, path: str | Path, draft: str | None = None,
          stamp: Stamp | None = None) -> None:
    """Save the page at ``path`` (UTF-8), atomically; ``draft`` and ``stamp`` as in ``page``."""
    atomic_write_bytes(Path(path), page(report, draft, stamp).encode("utf-8"))
