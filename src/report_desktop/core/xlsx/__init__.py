"""Excel (.xlsx) export and import of a report in the official table layout.

``write(report, path)`` lays the three tables out as the official format prints them,
plus a 基本信息 sheet; ``read(path)`` reads our own files and any workbook that lays the
tables out the official way (found by labels, never by cell address).  ``package``
guards every Office file (also .docx) before a parser sees it.
"""
from .reader import read
from .writer import write

__all__ = ["read", "write"]
