"""The SQLite store: many units and years in one file, every edit committed at once.

Opening checks the file before anything is written (opening.py, identify.py): a file that
is not ours, damaged, too new or read-only is refused untouched with its own StoreError.
Several program instances may share one file: SQLite's locking keeps it consistent (a
local file is in WAL mode for good, writers wait for each other with a busy timeout), and
each edit is its own short transaction.  On a network share the store stays in
rollback-journal mode with exclusive locking instead (opening.py says why).
Every sqlite3 and OS error is raised as a StoreError (errors.py), diagnosed on the file
itself (diagnose.py): a passing error is never called damage or read-only.

A unit is found by its name as people read it (unitname.key): "城关镇人民政府" finds the
report stored as "城关镇人民政府" with a zero-width space, and a report saved under either
name replaces that one instead of becoming a second unit.  A store that already holds
two such names (written by an older version) keeps both; they are pointed out
(unitname.look_alike_warnings), never merged behind the clerk's back.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .. import jsonio, textcheck, unitname
from ..files import ReportFileError
from ..register.model import Register
from ..report import Report
from ..values import Value, cell_from_file, to_plain
from . import backup, opening, registers
from .diagnose import diagnose, guarded
from .errors import StoreError
from .paths import checked_path
from .records import ReportInfo, SnapshotInfo


# report_settings keys of the dates a report carries beside its own (core/report.py).
_LOCAL_DEADLINE, _PUBLISHED = "local_deadline", "published_date"

# Store.add_snapshot's choice: (report now, its (id, name, created, payload) rows) → (name, payload).
Decide = Callable[[Report, list[tuple[int, str, str, str]]], "tuple[str, str] | None"]


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _new_id(cur: sqlite3.Cursor) -> int:
    """The rowid the INSERT run on ``cur`` made (sqlite3 leaves it None only without one)."""
    rid = cur.lastrowid
    assert rid is not None
    return rid


class Store:
    """``Store(path)`` opens for editing (created if missing, migrated, backed up daily);
    ``Store.open_readonly(path)`` only reads: no backup, no migration, nothing created."""

    def __init__(self, path: str | Path, auto_backup: bool = True, *, readonly: bool = False,
                 wait_ms: int | None = None):
        """``wait_ms``: how long an edit waits for another program's lock before StoreLocked
        (default opening.BUSY_MS; the window waits less and retries instead of freezing)."""
        self.path = checked_path(path)
        self.readonly = readonly
        self.network = False
        self._wait_ms = opening.BUSY_MS if wait_ms is None else wait_ms
        try:
            if readonly:
                self._con = opening.open_for_reading(self.path)
                return
            self._con, self.network, _ = opening.open_for_writing(self.path, auto_backup)
            if wait_ms is not None:
                self._con.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        except (sqlite3.Error, OSError, UnicodeDecodeError) as exc:
            raise diagnose(exc, self.path) from exc

    @classmethod
    def open_readonly(cls, path: str | Path) -> "Store":
        return cls(path, readonly=True)

    # -- plumbing ----------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; BEGIN IMMEDIATE serialises writers across processes."""
        if self.readonly:
            raise StoreError(f"数据文件“{self.path}”是以只读方式打开的，不能修改。", self.path)
        self._con.execute("BEGIN IMMEDIATE")
        try:
            yield self._con
        except BaseException:
            if self._con.in_transaction:
                self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """One read transaction: a report read while another program saves is all before
        or all after that save, never its cells from one and its texts from the other."""
        if self._con.in_transaction:
            yield
            return
        self._con.execute("BEGIN")
        try:
            yield
        finally:
            if self._con.in_transaction:
                self._con.execute("COMMIT")

    @property
    @guarded
    def version(self) -> int:
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        if self.readonly:
            self._con.close()
        else:
            opening.close_writer(self._con)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @guarded
    def backup_if_due(self) -> Path | None:
        with opening.backup_lock(self.path, self.network, self._wait_ms):   # see backup.py
            return backup.backup_if_due(self._con, self.path)

    @guarded
    def backup_now(self, reason: str = backup.BEFORE_CHANGE) -> Path:
        """A copy of the whole store before a delete or a replace (their own rotation)."""
        with opening.backup_lock(self.path, self.network, self._wait_ms):
            return backup.make_backup(self._con, self.path, kind=reason)

    @property
    def backup_dir(self) -> Path:
        """Where this store's backups are kept."""
        return backup.backup_dir(self.path)

    # -- reports -----------------------------------------------------------
    @guarded
    def list_reports(self) -> list[ReportInfo]:
        rows = self._con.execute(
            "SELECT id, unit, year, level, modified FROM reports ORDER BY unit, year DESC")
        return [ReportInfo(*r) for r in rows]

    @guarded
    def find(self, unit: str, year: int) -> int | None:
        """The report of ``unit`` (compared by unitname.key) and ``year``, or None."""
        return self._find(self._con, unit, year)

    @staticmethod
    def _find(con: sqlite3.Connection, unit: str, year: int, other_than: int | None = None) -> int | None:
        """Among look-alike names (an older store may hold several), the one spelt
        exactly so first, then the one that displays alike, then the oldest."""
        want = unitname.key(unit)
        rows = [(u != unit, unitname.display(u) != unitname.display(unit), rid)
                for rid, u in con.execute("SELECT id, unit FROM reports WHERE year = ?", (year,))
                if rid != other_than and unitname.key(u) == want]
        return min(rows)[2] if rows else None

    @staticmethod
    def _refuse_bad_name(unit: str) -> None:
        """The last way in for a name (a page pasted from the clipboard reaches the store
        without a file's checks): one that reorders on screen or holds a control character
        is not stored."""
        why = textcheck.problem(unit, name=True)
        if why:
            raise StoreError(f"单位名称“{textcheck.shown(unit)}”{why}。")

    def _identity(self, con: sqlite3.Connection, report_id: int, unit: str, year: int) -> None:
        """Give a stored report this unit and year.  Another report of the same unit
        (by key) and year refuses it; a report already one of two look-alike names of
        one year (an older store's) keeps its stored name, which stays pointed out."""
        self._refuse_bad_name(unit)
        stored = con.execute("SELECT unit, year FROM reports WHERE id = ?", (report_id,)).fetchone()
        if self._find(con, unit, year, other_than=report_id) is not None:
            if stored is None or stored[1] != year or not unitname.same(stored[0], unit):
                raise StoreError(f"已经有“{unit}”{year}年的报告了。")
            unit = stored[0]
        con.execute("UPDATE reports SET unit = ?, year = ? WHERE id = ?", (unit, year, report_id))

    @guarded
    def rename(self, names: dict[int, str]) -> None:
        """Give each report ``id`` its unit name ``names[id]``, all in one transaction
        (a unit renamed across its years: services/reports.py rename_unit)."""
        with self._tx() as con:
            for rid, unit in names.items():
                row = con.execute("SELECT year FROM reports WHERE id = ?", (rid,)).fetchone()
                if row is None:         # deleted meanwhile by another window
                    raise StoreError(f"数据文件中没有编号为{rid}的报告。")
                self._identity(con, rid, unit, row[0])
                self._touch(con, rid)

    @guarded
    def save(self, report: Report) -> int:
        """Insert the report, or replace the one of the same unit and year."""
        with self._tx() as con:
            return self._save(con, report)

    def _save(self, con: sqlite3.Connection, report: Report, rid: int | None = None) -> int:
        """Write ``report`` into the report ``rid``, else into the one of its unit (by
        key) and year, else as a new report."""
        now = _now()
        date = report.report_date.isoformat() if report.report_date else None
        deviations = json.dumps(report.deviations, ensure_ascii=False)
        rid = rid if rid is not None else self._find(con, report.unit, report.year)
        if rid is None:
            self._refuse_bad_name(report.unit)
            rid = _new_id(con.execute(
                "INSERT INTO reports (unit, year, level, report_date, deviations, created, modified)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (report.unit, report.year, report.level, date, deviations, now, now)))
        else:
            self._identity(con, rid, report.unit, report.year)
            con.execute("UPDATE reports SET level = ?, report_date = ?, deviations = ?, modified = ?"
                        " WHERE id = ?", (report.level, date, deviations, now, rid))
        con.executemany("INSERT OR REPLACE INTO cells VALUES (?, ?, ?)",
                        [(rid, cid, to_plain(v)) for cid, v in report.cells.items()])
        con.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?, ?)",
                        [(rid, k, t) for k, t in report.texts.items()])
        registers.write_all(con, rid, report.register)
        self._write_dates(con, rid, report)
        return rid

    @staticmethod
    def _write_dates(con: sqlite3.Connection, rid: int, report: Report) -> None:
        """The 上级's deadline and the publication date live in report_settings (no
        schema change; deleted with the report)."""
        published = report.published_date.isoformat() if report.published_date else ""
        con.executemany("INSERT OR REPLACE INTO report_settings VALUES (?, ?, ?)",
                        [(rid, _LOCAL_DEADLINE, report.local_deadline),
                         (rid, _PUBLISHED, published)])

    @guarded
    def replace(self, report: Report, snapshots: Iterable[tuple[str, str, str]] = (),
                keep_as: str | None = None) -> int:
        """Put ``report`` in place of the one of the same unit and year (its content
        replaced, not merged) and add the named versions ``(name, created, payload)``
        it does not have yet; the replaced content is first kept as the named version
        ``keep_as`` when given.  One transaction: all of it happens, or none."""
        with self._tx() as con:
            old = self._find(con, report.unit, report.year)
            if old is not None and keep_as:
                con.execute("INSERT INTO snapshots (report_id, name, created, payload)"
                            " VALUES (?, ?, ?, ?)", (old, keep_as, _now(), jsonio.dumps(self.load(old))))
            if old is not None:
                con.execute("DELETE FROM cells WHERE report_id = ?", (old,))
                con.execute("DELETE FROM texts WHERE report_id = ?", (old,))
            rid = self._save(con, report, old)
            have = set(con.execute("SELECT name, created FROM snapshots WHERE report_id = ?",
                                   (rid,)))
            con.executemany("INSERT INTO snapshots (report_id, name, created, payload)"
                            " VALUES (?, ?, ?, ?)",
                            [(rid, *s) for s in snapshots if (s[0], s[1]) not in have])
            return rid

    @guarded
    def load(self, report_id: int) -> Report:
        with self._snapshot():
            return self._load(report_id)

    def _load(self, report_id: int) -> Report:
        row = self._con.execute(
            "SELECT unit, year, level, report_date, deviations FROM reports WHERE id = ?",
            (report_id,)).fetchone()
        if row is None:
            raise StoreError(f"数据文件中没有编号为{report_id}的报告。")
        unit, year, level, date, deviations = row
        rep = Report(unit=unit, year=year, level=level,
                     report_date=dt.date.fromisoformat(date) if date else None,
                     deviations=json.loads(deviations))
        for cid, stored in self._con.execute(
                "SELECT cell, value FROM cells WHERE report_id = ?", (report_id,)):
            if cid in rep.cells:
                rep.cells[cid] = cell_from_file(cid, stored)
        for key, body in self._con.execute(
                "SELECT key, body FROM texts WHERE report_id = ?", (report_id,)):
            rep.texts[key] = body
        try:
            rep.register = registers.read(self._con, report_id)
        except (ReportFileError, ValueError) as exc:   # a row edited outside the program
            raise StoreError(f"数据文件中“{unit}”{year}年报告的台账无法读取：{exc}", self.path) from None
        settings = dict(self._con.execute(
            "SELECT key, value FROM report_settings WHERE report_id = ? AND key IN (?, ?)",
            (report_id, _LOCAL_DEADLINE, _PUBLISHED)))
        rep.local_deadline = settings.get(_LOCAL_DEADLINE) or ""
        try:
            published = settings.get(_PUBLISHED)
            rep.published_date = dt.date.fromisoformat(published) if published else None
        except ValueError:
            rep.published_date = None       # written by hand: shown blank, not a crash
        return rep

    @guarded
    def get(self, unit: str, year: int) -> Report | None:
        with self._snapshot():
            rid = self.find(unit, year)
            return self._load(rid) if rid is not None else None

    @guarded
    def delete(self, report_id: int) -> None:
        with self._tx() as con:
            con.execute("DELETE FROM reports WHERE id = ?", (report_id,))

    # -- edits: each one committed before returning --------------------------
    @guarded
    def write_cells(self, report_id: int, changes: dict[str, Value]) -> None:
        with self._tx() as con:
            con.executemany("INSERT OR REPLACE INTO cells VALUES (?, ?, ?)",
                            [(report_id, cid, to_plain(v)) for cid, v in changes.items()])
            self._touch(con, report_id)

    @guarded
    def write_text(self, report_id: int, key: str, body: str) -> None:
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO texts VALUES (?, ?, ?)", (report_id, key, body))
            self._touch(con, report_id)

    @guarded
    def write_meta(self, report_id: int, report: Report) -> None:
        """Store unit, year, level and date of an existing report."""
        with self._tx() as con:
            self._identity(con, report_id, report.unit, report.year)
            con.execute("UPDATE reports SET level = ?, report_date = ? WHERE id = ?",
                        (report.level, report.report_date.isoformat() if report.report_date else None,
                         report_id))
            self._write_dates(con, report_id, report)
            self._touch(con, report_id)

    @guarded
    def write_register(self, report_id: int, new: Register | None,
                       old: Register | None = None) -> None:
        """Store an edited register: with ``old`` (what the store holds now) only the rows
        that changed are written, so one edit of a 10,000-row register is one row.
        The counting settings go with the register (``Register.settings``)."""
        with self._tx() as con:
            if old is None:
                registers.write_all(con, report_id, new)
            else:
                registers.write_changes(con, report_id, old, new)
            self._touch(con, report_id)

    @staticmethod
    def _touch(con: sqlite3.Connection, report_id: int) -> None:
        con.execute("UPDATE reports SET modified = ? WHERE id = ?", (_now(), report_id))

    # -- snapshots -------------------------------------------------------------
    @guarded
    def save_snapshot(self, report_id: int, name: str) -> int:
        payload = jsonio.dumps(self.load(report_id))
        with self._tx() as con:
            cur = con.execute("INSERT INTO snapshots (report_id, name, created, payload)"
                              " VALUES (?, ?, ?, ?)", (report_id, name.strip() or "未命名版本",
                                                       _now(), payload))
            return _new_id(cur)

    @guarded
    def add_snapshot(self, report_id: int, decide: Decide) -> tuple[int, str, str] | None:
        """A named version decided inside one write transaction, so that two programs
        numbering versions at once cannot take the same number: ``decide(report,
        records)`` gets the report as it is now and its (id, name, created, payload)
        rows, oldest first, and returns (name, payload) to add, or None to add nothing.
        Returns (id, name, created) of the version added, or None."""
        with self._tx() as con:
            records = con.execute("SELECT id, name, created, payload FROM snapshots"
                                  " WHERE report_id = ? ORDER BY id", (report_id,)).fetchall()
            chosen = decide(self.load(report_id), records)
            if chosen is None:
                return None
            created = _now()
            cur = con.execute("INSERT INTO snapshots (report_id, name, created, payload)"
                              " VALUES (?, ?, ?, ?)", (report_id, chosen[0], created, chosen[1]))
            return _new_id(cur), chosen[0], created

    @guarded
    def snapshot_records(self, report_id: int) -> list[tuple[str, str, str]]:
        """(name, created, payload) of every named version of a report, oldest first."""
        return self._con.execute("SELECT name, created, payload FROM snapshots"
                                 " WHERE report_id = ? ORDER BY id", (report_id,)).fetchall()

    @guarded
    def list_snapshots(self, report_id: int) -> list[SnapshotInfo]:
        rows = self._con.execute("SELECT id, report_id, name, created FROM snapshots"
                                 " WHERE report_id = ? ORDER BY created DESC, id DESC",
                                 (report_id,))
        return [SnapshotInfo(*r) for r in rows]

    @guarded
    def restore_snapshot(self, snapshot_id: int) -> Report:
        """Put a snapshot back as the report's content; the current state is kept as a snapshot first."""
        row = self._con.execute("SELECT report_id, payload FROM snapshots WHERE id = ?",
                                (snapshot_id,)).fetchone()
        if row is None:
            raise StoreError("找不到该版本。")
        report_id, payload = row
        restored = jsonio.loads(payload, "保存的版本")
        self.save_snapshot(report_id, "恢复前自动保存")
        with self._tx() as con:
            con.execute("DELETE FROM cells WHERE report_id = ?", (report_id,))
            con.execute("DELETE FROM texts WHERE report_id = ?", (report_id,))
            self._save(con, restored, report_id)
        return self.load(report_id)

    # -- settings (small key/value pairs the program remembers) ----------------
    @guarded
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self._con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    @guarded
    def set_setting(self, key: str, value: str) -> None:
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    @guarded
    def report_setting(self, report_id: int, key: str) -> str | None:
        """A value remembered about one report (deleted with it)."""
        row = self._con.execute("SELECT value FROM report_settings WHERE report_id = ? AND key = ?",
                                (report_id, key)).fetchone()
        return row[0] if row else None

    @guarded
    def set_report_setting(self, report_id: int, key: str, value: str) -> None:
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO report_settings VALUES (?, ?, ?)",
                        (report_id, key, value))
