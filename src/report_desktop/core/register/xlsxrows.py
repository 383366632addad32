"""The cell values of every sheet of a .xlsx, read straight from its XML with lxml.

A register is thousands of rows; openpyxl's read-only mode costs ~15 µs a cell (and parses
a sheet twice when Excel's <dimension> is missing), this ~2 µs.  Only what a register
needs is read: text (shared, inline, formula results), numbers, booleans, and dates
recognised by their cell's number format.  The package has been checked by safezip first
(sizes, no DTD); the parser resolves no entities and fetches nothing."""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from typing import Callable, Iterator

from lxml import etree
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils.datetime import from_excel

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# Built-in number formats that show a date (incl. the zh-CN ones, 27–36 and 50–58).
_DATE_IDS = frozenset([*range(14, 18), 22, *range(27, 37), *range(50, 59)])
_COLUMN = re.compile(r"[A-Z]+")
_V = f"{_NS}v"
_EPOCH = dt.datetime(1899, 12, 30)     # serials after 1900-02-28 (Excel's leap-year bug aside)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True)


def _xml(zf: zipfile.ZipFile, name: str):
    return etree.fromstring(zf.read(name), _parser())


_COLUMNS: dict[str, int] = {}


def _column(ref: str | None, default: int) -> int:
    letters = (ref or "").rstrip("0123456789")
    n = _COLUMNS.get(letters)
    if n is None:
        if not _COLUMN.fullmatch(letters) or len(letters) > 3:
            return default
        n = 0
        for ch in letters:
            n = n * 26 + ord(ch) - 64
        n = _COLUMNS[letters] = n - 1
    return n


def _shared_strings(zf: zipfile.ZipFile, names: set[str]) -> list[str]:
    if "xl/sharedStrings.xml" not in names:
        return []
    root = _xml(zf, "xl/sharedStrings.xml")
    return ["".join(t.text or "" for t in si.iter(f"{_NS}t") if t.getparent().tag != f"{_NS}rPh")
            for si in root.iter(f"{_NS}si")]


def _date_styles(zf: zipfile.ZipFile, names: set[str]) -> frozenset[int]:
    """Indexes of the cell formats (``s`` attribute) that show a date."""
    if "xl/styles.xml" not in names:
        return frozenset()
    root = _xml(zf, "xl/styles.xml")
    custom = {int(f.get("numFmtId", -1)): f.get("formatCode", "")
              for f in root.iter(f"{_NS}numFmt")}
    xfs = root.find(f"{_NS}cellXfs")
    out = set()
    for i, xf in enumerate(xfs if xfs is not None else ()):
        fid = int(xf.get("numFmtId", 0))
        if fid in _DATE_IDS or (fid in custom and is_date_format(custom[fid])):
            out.add(i)
    return frozenset(out)


def _sheets(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, part) of every worksheet, in the workbook's order."""
    rels = _xml(zf, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL)}
    out = []
    for sheet in _xml(zf, "xl/workbook.xml").iter(f"{_NS}sheet"):
        target = targets.get(sheet.get(_REL), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
        out.append((sheet.get("name", ""), part))
    return out


def read(zf: zipfile.ZipFile, tick: Callable[[int], None]) -> Iterator[tuple[str, list[list]]]:
    """(sheet name, rows) of every worksheet; ``rows[i]`` is Excel row i + 1.  ``tick(n)``
    is called every 1,000 rows (the caller's budget and clock)."""
    names = set(zf.namelist())
    strings = _shared_strings(zf, names)
    dates = _date_styles(zf, names)
    for name, part in _sheets(zf):
        if part not in names:
            continue
        rows: list[list] = []
        with zf.open(part) as src:
            for _, row in etree.iterparse(src, tag=f"{_NS}row", resolve_entities=False,
                                          no_network=True, load_dtd=False, huge_tree=False):
                number = int(row.get("r") or len(rows) + 1)
                while len(rows) < number - 1:
                    rows.append([])
                values: list = []
                for c in row.iter(f"{_NS}c"):
                    col = _column(c.get("r"), len(values))
                    while len(values) < col:
                        values.append(None)
                    values.append(_value(c, strings, dates))
                rows.append(values)
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]
                if len(rows) % 1000 == 0:
                    tick(1000)
        yield name, rows


def _value(c, strings: list[str], dates: frozenset[int]) -> object:
    kind = c.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in c.iter(f"{_NS}t")) or None
    text = c.findtext(_V)
    if text is None:
        return None
    if kind == "s":
        i = int(text)
        return strings[i] if 0 <= i < len(strings) else None
    if kind in ("str", "e"):
        return text if kind == "str" else None
    if kind == "b":
        return text == "1"
    try:
        number = float(text)
    except ValueError:
        return text
    if dates and int(c.get("s", 0)) in dates:
        try:
            return _EPOCH + dt.timedelta(days=number) if 60 < number < 2958466 else from_excel(number)
        except (ValueError, OverflowError):
            return number
    return int(number) if number.is_integer() else number
