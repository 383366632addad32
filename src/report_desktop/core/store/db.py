"""The SQLite store: many units and years in one file, every edit committed at once.

Opening checks the file before anything is written: a damaged store is never touched;
``StoreDamaged`` carries a Chinese message and the newest good backup, if any.
Several program instances may share one file: SQLite's locking keeps it consistent
(WAL mode, a busy timeout), and each edit is its own short transaction.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import jsonio
from ..report import Report
from ..values import Value, cell_from_file, to_plain
from . import backup
from .schema_sql import CURRENT_VERSION, MIGRATIONS

_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """A store problem; ``str()`` is a Chinese sentence."""


class StoreDamaged(StoreError):
    def __init__(self, message: str, path: Path, good_backup: Path | None):
        super().__init__(message)
        self.path = path
        self.good_backup = good_backup


@dataclass(frozen=True)
class ReportInfo:
    id: int
    unit: str
    year: int
    level: str | None
    modified: str


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    report_id: int
    name: str
    created: str


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _damaged(path: Path, what: str) -> StoreDamaged:
    good = backup.newest_good_backup(path)
    offer = f"可以从最近的完好备份“{good.name}”恢复。" if good else "没有找到可用的备份。"
    return StoreDamaged(f"数据文件“{path}”已损坏（{what}），程序没有对它做任何修改。{offer}",
                        path, good)


def _remove_empty(paths: list[Path]) -> None:
    """Remove side files SQLite created while reading a damaged store, leaving it as found."""
    for p in paths:
        if p.exists() and p.stat().st_size == 0:
            p.unlink()


def check_file(path: Path) -> None:
    """Read-only health check; raises StoreDamaged or StoreError."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(_HEADER))
    except PermissionError:
        raise StoreError(f"没有权限读取数据文件“{path}”。") from None
    if head != _HEADER:
        raise _damaged(path, "文件头不是 SQLite 数据库")
    side_files = [Path(f"{path}{s}") for s in ("-wal", "-shm")]
    absent = [p for p in side_files if not p.exists()]
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            result = con.execute("PRAGMA quick_check").fetchall()
            version = con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        _remove_empty(absent)
        raise _damaged(path, str(exc)) from None
    if result != [("ok",)]:
        _remove_empty(absent)
        raise _damaged(path, "完整性检查未通过")
    if version > CURRENT_VERSION:
        raise StoreError(f"数据文件“{path}”由更新版本的程序创建（结构版本{version}），"
                         "请升级本程序后再打开。")


class Store:
    def __init__(self, path: str | Path, auto_backup: bool = True):
        self.path = Path(path)
        existed = self.path.exists() and self.path.stat().st_size > 0
        if existed:
            check_file(self.path)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        self._con.execute("PRAGMA foreign_keys = ON")
        self._con.execute("PRAGMA journal_mode = WAL")
        self._con.execute("PRAGMA synchronous = FULL")
        self._migrate()
        if auto_backup and existed:   # a backup a day of what was there before today's work
            self.backup_if_due()

    # -- plumbing ----------------------------------------------------------
    @contextmanager
    def _tx(self):
        """One short write transaction; BEGIN IMMEDIATE serialises writers across processes."""
        self._con.execute("BEGIN IMMEDIATE")
        try:
            yield self._con
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    def _migrate(self) -> None:
        with self._tx() as con:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            for v in range(version + 1, CURRENT_VERSION + 1):
                for stmt in MIGRATIONS[v].split(";"):
                    if stmt.strip():
                        con.execute(stmt)
                con.execute(f"PRAGMA user_version = {v}")

    @property
    def version(self) -> int:
        return self._con.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self._con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def backup_if_due(self) -> Path | None:
        return backup.backup_if_due(self._con, self.path)

    def backup_now(self) -> Path:
        return backup.make_backup(self._con, self.path)

    @property
    def backup_dir(self) -> Path:
        """Where this store's backups are kept."""
        return backup.backup_dir(self.path)

    # -- reports -----------------------------------------------------------
    def list_reports(self) -> list[ReportInfo]:
        rows = self._con.execute(
            "SELECT id, unit, year, level, modified FROM reports ORDER BY unit, year DESC")
        return [ReportInfo(*r) for r in rows]

    def find(self, unit: str, year: int) -> int | None:
        row = self._con.execute("SELECT id FROM reports WHERE unit = ? AND year = ?",
                                (unit, year)).fetchone()
        return row[0] if row else None

    def save(self, report: Report) -> int:
        """Insert the report, or replace the one of the same unit and year."""
        with self._tx() as con:
            return self._save(con, report)

    def _save(self, con, report: Report) -> int:
        now = _now()
        con.execute(
            "INSERT INTO reports (unit, year, level, report_date, deviations, created, modified)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit, year) DO UPDATE SET"
            " level = excluded.level, report_date = excluded.report_date,"
            " deviations = excluded.deviations, modified = excluded.modified",
            (report.unit, report.year, report.level,
             report.report_date.isoformat() if report.report_date else None,
             json.dumps(report.deviations, ensure_ascii=False), now, now))
        rid = con.execute("SELECT id FROM reports WHERE unit = ? AND year = ?",
                          (report.unit, report.year)).fetchone()[0]
        con.executemany("INSERT OR REPLACE INTO cells VALUES (?, ?, ?)",
                        [(rid, cid, to_plain(v)) for cid, v in report.cells.items()])
        con.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?, ?)",
                        [(rid, k, t) for k, t in report.texts.items()])
        return rid

    def replace(self, report: Report, snapshots=(), keep_as: str | None = None) -> int:
        """Put ``report`` in place of the one of the same unit and year (its content
        replaced, not merged) and add the named versions ``(name, created, payload)``
        it does not have yet; the replaced content is first kept as the named version
        ``keep_as`` when given.  One transaction: all of it happens, or none."""
        with self._tx() as con:
            old = self.find(report.unit, report.year)
            if old is not None and keep_as:
                con.execute("INSERT INTO snapshots (report_id, name, created, payload)"
                            " VALUES (?, ?, ?, ?)", (old, keep_as, _now(), jsonio.dumps(self.load(old))))
            if old is not None:
                con.execute("DELETE FROM cells WHERE report_id = ?", (old,))
                con.execute("DELETE FROM texts WHERE report_id = ?", (old,))
            rid = self._save(con, report)
            have = set(con.execute("SELECT name, created FROM snapshots WHERE report_id = ?",
                                   (rid,)))
            con.executemany("INSERT INTO snapshots (report_id, name, created, payload)"
                            " VALUES (?, ?, ?, ?)",
                            [(rid, *s) for s in snapshots if (s[0], s[1]) not in have])
            return rid

    def load(self, report_id: int) -> Report:
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
        return rep

    def get(self, unit: str, year: int) -> Report | None:
        rid = self.find(unit, year)
        return self.load(rid) if rid is not None else None

    def delete(self, report_id: int) -> None:
        with self._tx() as con:
            con.execute("DELETE FROM reports WHERE id = ?", (report_id,))

    # -- edits: each one committed before returning --------------------------
    def write_cells(self, report_id: int, changes: dict[str, Value]) -> None:
        with self._tx() as con:
            con.executemany("INSERT OR REPLACE INTO cells VALUES (?, ?, ?)",
                            [(report_id, cid, to_plain(v)) for cid, v in changes.items()])
            self._touch(con, report_id)

    def write_text(self, report_id: int, key: str, body: str) -> None:
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO texts VALUES (?, ?, ?)", (report_id, key, body))
            self._touch(con, report_id)

    def write_meta(self, report_id: int, report: Report) -> None:
        """Store unit, year, level and date of an existing report."""
        with self._tx() as con:
            try:
                con.execute("UPDATE reports SET unit = ?, year = ?, level = ?, report_date = ? WHERE id = ?",
                            (report.unit, report.year, report.level,
                             report.report_date.isoformat() if report.report_date else None,
                             report_id))
            except sqlite3.IntegrityError:
                raise StoreError(f"已经有“{report.unit}”{report.year}年的报告了。") from None
            self._touch(con, report_id)

    @staticmethod
    def _touch(con, report_id: int) -> None:
        con.execute("UPDATE reports SET modified = ? WHERE id = ?", (_now(), report_id))

    # -- snapshots -------------------------------------------------------------
    def save_snapshot(self, report_id: int, name: str) -> int:
        payload = jsonio.dumps(self.load(report_id))
        with self._tx() as con:
            cur = con.execute("INSERT INTO snapshots (report_id, name, created, payload)"
                              " VALUES (?, ?, ?, ?)", (report_id, name.strip() or "未命名版本",
                                                       _now(), payload))
            return cur.lastrowid

    def snapshot_records(self, report_id: int) -> list[tuple[str, str, str]]:
        """(name, created, payload) of every named version of a report, oldest first."""
        return self._con.execute("SELECT name, created, payload FROM snapshots"
                                 " WHERE report_id = ? ORDER BY id", (report_id,)).fetchall()

    def list_snapshots(self, report_id: int) -> list[SnapshotInfo]:
        rows = self._con.execute("SELECT id, report_id, name, created FROM snapshots"
                                 " WHERE report_id = ? ORDER BY created DESC, id DESC",
                                 (report_id,))
        return [SnapshotInfo(*r) for r in rows]

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
            con.execute("UPDATE reports SET unit = ?, year = ? WHERE id = ?",
                        (restored.unit, restored.year, report_id))
            self._save(con, restored)
        return self.load(report_id)

    # -- settings (small key/value pairs the program remembers) ----------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self._con.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def report_setting(self, report_id: int, key: str) -> str | None:
        """A value remembered about one report (deleted with it)."""
        row = self._con.execute("SELECT value FROM report_settings WHERE report_id = ? AND key = ?",
                                (report_id, key)).fetchone()
        return row[0] if row else None

    def set_report_setting(self, report_id: int, key: str, value: str) -> None:
        with self._tx() as con:
            con.execute("INSERT OR REPLACE INTO report_settings VALUES (?, ?, ?)",
                        (report_id, key, value))
