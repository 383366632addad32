"""Store opening benchmarks: what identifying, checking and (for readers) snapshotting a
store costs on every open, against a bare sqlite3 open + quick_check of the same file.

Run: python benchmarks/bench_store.py   (medians; ratios against the baseline in the same run)
"""
from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median_seconds, row  # noqa: E402

from report_desktop.core import jsonio  # noqa: E402
from report_desktop.core.store import Store  # noqa: E402

ROOT = Path(__file__).parents[1]
SEED = ROOT / "tests" / "data" / "shuozhou-2024.json"
V1 = ROOT / "tests" / "data" / "stores" / "v1.sqlite3"
REPORTS = 100


def _bare_open(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA quick_check").fetchall()
    con.execute("SELECT count(*) FROM reports").fetchone()
    con.close()


def _open(path: Path, readonly: bool) -> None:
    s = Store.open_readonly(path) if readonly else Store(path, auto_backup=False)
    s.list_reports()
    s.close()


def main() -> None:
    report = jsonio.read(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.sqlite3"
        with Store(path) as s:
            for i in range(REPORTS):
                r = report.copy()
                r.unit = f"第{i}单位"
                s.save(r)
        size = path.stat().st_size // 1024
        print(f"== opening a store of {REPORTS} reports ({size} KB)")
        t_bare = median_seconds(lambda: _bare_open(path), repeat=40)
        t_write = median_seconds(lambda: _open(path, False), repeat=40)
        t_read = median_seconds(lambda: _open(path, True), repeat=40)
        print(row("bare sqlite3 open + quick_check (baseline)", t_bare, "ms"))
        print(row("Store(path): identify, check, WAL, migrate", t_write, "ms", t_bare))
        print(row("Store.open_readonly(path)", t_read, "ms", t_bare))
        legacy = Path(tmp) / "v1.sqlite3"
        shutil.copy(V1, legacy)                 # WAL at rest: read through a memory snapshot
        t_legacy = median_seconds(lambda: _open(legacy, True), repeat=40)
        print(row("Store.open_readonly(schema-1 store in WAL mode)", t_legacy, "ms", t_bare))


if __name__ == "__main__":
    main()
