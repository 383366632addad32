"""Core benchmarks: whole-report validation, one edit committed, JSON round trip.

Run: python benchmarks/bench_core.py   (prints medians; ratios against a baseline
measured in the same run, because this machine is noisy)
"""
from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median_seconds, row  # noqa: E402

from report_desktop.core import jsonio  # noqa: E402
from report_desktop.core.rules import validate  # noqa: E402
from report_desktop.core.store import Store  # noqa: E402

SEED = Path(__file__).parents[1] / "tests" / "data" / "shuozhou-2024.json"


def main() -> None:
    report = jsonio.read(SEED)
    previous = report.copy()
    previous.year -= 1
    text = SEED.read_text(encoding="utf-8")

    print("== validation (runs after every keystroke)")
    t_val = median_seconds(lambda: validate(report), repeat=500)
    t_val_prev = median_seconds(lambda: validate(report, previous), repeat=300)
    print(row("validate(seed)", t_val, "us"))
    print(row("validate(seed, last year) incl. H6/S1/S10", t_val_prev, "us"))

    print("== one edit committed to the store")
    with tempfile.TemporaryDirectory() as tmp:
        raw = sqlite3.connect(Path(tmp) / "bare.sqlite3", isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v)")
        counter = iter(range(10 ** 9))
        t_bare = median_seconds(lambda: raw.execute("INSERT OR REPLACE INTO t VALUES ('a', ?)",
                                                    (next(counter),)), repeat=200)
        store = Store(Path(tmp) / "r.sqlite3")
        rid = store.save(report)
        values = iter(range(10 ** 9))
        t_edit = median_seconds(lambda: store.write_cells(
            rid, report.set("applications.granted.commercial", next(values) % 50)), repeat=200)
        print(row("bare sqlite3 autocommit upsert (baseline)", t_bare, "ms"))
        print(row("Report.set + Store.write_cells (cell + totals)", t_edit, "ms", t_bare))
        store.close()
        raw.close()

    print("== JSON round trip")
    t_json = median_seconds(lambda: json.loads(text), repeat=300)
    t_rt = median_seconds(lambda: jsonio.loads(jsonio.dumps(jsonio.loads(text))), repeat=300)
    print(row("json.loads of the seed (baseline)", t_json, "us"))
    print(row("read → Report → write → read", t_rt, "us", t_json))


if __name__ == "__main__":
    main()
