"""The register of a report in the store (tables ``registers`` and ``register_rows``).

Each row is kept as its interchange JSON object.  An edit writes only the rows that
changed: rows are immutable, so an unchanged row is the very same object in the old and
the new register, and a comparison by identity finds the changes without reading them.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

from ..register import codec
from ..register.model import APPLICATION, CASE, Register
from ..register.settings import CountingSettings

_TO_DICT = {APPLICATION: codec.application_to_dict, CASE: codec.case_to_dict}


def _record(kind: str, row) -> str:
    return json.dumps(_TO_DICT[kind](row), ensure_ascii=False, separators=(",", ":"))


def delete(con: sqlite3.Connection, report_id: int) -> None:
    con.execute("DELETE FROM register_rows WHERE report_id = ?", (report_id,))
    con.execute("DELETE FROM registers WHERE report_id = ?", (report_id,))


def write_all(con: sqlite3.Connection, report_id: int, reg: Register | None) -> None:
    """Replace the report's register and its settings (None: the report has none)."""
    con.execute("DELETE FROM register_rows WHERE report_id = ?", (report_id,))
    if reg is None:
        con.execute("DELETE FROM registers WHERE report_id = ?", (report_id,))
        return
    _write_settings(con, report_id, reg.settings)
    for kind in (APPLICATION, CASE):
        con.executemany("INSERT INTO register_rows VALUES (?, ?, ?, ?)",
                        [(report_id, kind, i, _record(kind, r)) for i, r in enumerate(reg.rows(kind))])


def write_changes(con: sqlite3.Connection, report_id: int, old: Register | None,
                  new: Register | None) -> int:
    """Write what differs between ``old`` (what the store holds) and ``new``; the number
    of rows written.  Rows are compared by identity: a row object the edit did not replace
    is not written again."""
    if old is None or new is None:
        write_all(con, report_id, new)
        return -1
    if old.settings != new.settings:
        _write_settings(con, report_id, new.settings)
    written = 0
    for kind in (APPLICATION, CASE):
        before, after = old.rows(kind), new.rows(kind)
        put = [(report_id, kind, i, _record(kind, r)) for i, r in enumerate(after)
               if i >= len(before) or before[i] is not r]
        con.executemany("INSERT OR REPLACE INTO register_rows VALUES (?, ?, ?, ?)", put)
        if len(after) < len(before):
            con.execute("DELETE FROM register_rows WHERE report_id = ? AND kind = ? AND position >= ?",
                        (report_id, kind, len(after)))
        written += len(put)
    return written


def read(con: sqlite3.Connection, report_id: int) -> Register | None:
    found = con.execute("SELECT settings FROM registers WHERE report_id = ?", (report_id,)).fetchone()
    if found is None:
        return None
    rows: dict[str, list] = {APPLICATION: [], CASE: []}
    for kind, record in con.execute("SELECT kind, record FROM register_rows WHERE report_id = ?"
                                    " ORDER BY kind, position", (report_id,)):
        rows[kind].append(json.loads(record))
    reg = codec.from_dict({"applications": rows[APPLICATION], "cases": rows[CASE]}, "数据文件中")
    return replace(reg, settings=CountingSettings.from_json(found[0]))


def _write_settings(con: sqlite3.Connection, report_id: int, settings: CountingSettings) -> None:
    con.execute("INSERT INTO registers (report_id, settings) VALUES (?, ?) ON CONFLICT (report_id)"
                " DO UPDATE SET settings = excluded.settings", (report_id, settings.to_json()))
