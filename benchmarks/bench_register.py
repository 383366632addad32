"""Register benchmarks (issue 20): tally of 10,000 applications (< 20 ms), importing a
10,000-row .xlsx (< 3 s), one register edit written to the store, validation with S11.

Run: python benchmarks/bench_register.py   (medians; ratios against a baseline measured
in the same run, because this machine is noisy)
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))
from _timing import median_seconds, row  # noqa: E402

import openpyxl  # noqa: E402

from report_desktop.core import schema  # noqa: E402
from report_desktop.core.register import APPLICATION, tally  # noqa: E402
from report_desktop.core.register.fields import outcome_label  # noqa: E402
from report_desktop.core.register.importing import import_file  # noqa: E402
from report_desktop.core.report import Report  # noqa: E402
from report_desktop.core.rules import validate  # noqa: E402
from report_desktop.core.store import Store  # noqa: E402
from tests.registers import from_tables  # noqa: E402

N = 10_000


def _big_report() -> Report:
    """A balanced 表三 of about N applications, and some cases."""
    rep = Report.blank("某县某局", 2025)
    for cid in schema.INPUT_IDS:
        rep.set(cid, 0)
    outcomes = schema.RESULT_ROWS
    per = -(-N // 6 // (len(outcomes) + 1))
    for col in [c.key for c in schema.APPLICATION_COLUMNS[:-1]]:
        for o in outcomes:
            rep.set(schema.application_cell(o, col), per)
        rep.set(schema.application_cell("carry_forward", col), per)
        total = per * (len(outcomes) + 1)
        rep.set(schema.application_cell("carried_over", col), per * 2)
        rep.set(schema.application_cell("new", col), total - per * 2)
    for cid in schema.REVIEW_IDS:
        if cid not in schema.TOTAL_IDS:
            rep.set(cid, 3)
    return rep


def _xlsx(reg, path: Path) -> None:
    """As Excel saves it (with its <dimension>; openpyxl's write-only mode leaves that out,
    and read-only openpyxl then parses the sheet twice)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["登记编号", "收到日期", "申请人类别", "申请人", "申请内容", "答复日期", "办理结果", "备注"])
    labels = {c.key: c.label for c in schema.APPLICATION_COLUMNS}
    for a in reg.applications:
        ws.append([a.id, a.received, labels[a.applicant_type], "张某", "某文件",
                   a.answered, outcome_label(a.outcome), ""])
    wb.save(path)


def main() -> None:
    known = _big_report()
    reg = from_tables(known)
    apps = reg.applications
    print(f"== tally of {len(apps):,} applications and {len(reg.cases)} cases")
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    t_base = median_seconds(lambda: sum(1 for a in apps if a.received and start <= a.received <= end),
                            repeat=50)
    t_tally = median_seconds(lambda: tally(reg, 2025), repeat=50)
    print(row("one pass counting receipts (baseline)", t_base, "ms"))
    print(row("tally (表三 + 表四, with drill-down rows)", t_tally, "ms", t_base))
    assert tally(reg, 2025).cells["applications.total.total"] == known.cells["applications.total.total"]

    print("== validation after a keystroke, report carrying the register (S11 tallies)")
    rep = known.copy()
    rep.register = reg
    plain = known.copy()
    t_plain = median_seconds(lambda: validate(plain), repeat=30)
    t_with = median_seconds(lambda: validate(rep), repeat=30)
    edited = [reg, reg.with_field(APPLICATION, 0, "note", "改")]
    flip = iter(range(10 ** 9))

    def after_edit():
        rep.register = edited[next(flip) % 2]     # another register object: counted again
        validate(rep)
    t_edit = median_seconds(after_edit, repeat=30)
    print(row("validate(report without register) (baseline)", t_plain, "ms"))
    print(row("validate, 10,000-row register unchanged", t_with, "ms", t_plain))
    print(row("validate after a register edit (S11 tallies)", t_edit, "ms", t_plain))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "台账.xlsx"
        _xlsx(reg, path)
        print(f"== import of a {len(apps):,}-row .xlsx ({path.stat().st_size // 1024} KB)")

        def bare():
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            n = sum(1 for _ in wb.active.iter_rows(values_only=True))
            wb.close()
            return n
        t_bare = median_seconds(bare, repeat=3, warmup=1)
        t0 = time.perf_counter()
        got = import_file(path)
        t_once = time.perf_counter() - t0
        assert len(got.rows) == len(apps) and not got.issues, got.issues[:3]
        t_import = median_seconds(lambda: import_file(path), repeat=3, warmup=0)
        print(row("openpyxl read-only, rows only (baseline)", t_bare, "s"))
        print(row("import_file (headers, mapping, words, dates)", t_import, "s", t_bare))
        print(row("  first run", t_once, "s"))

        print("== one register edit committed to the store")
        store = Store(Path(tmp) / "r.sqlite3", auto_backup=False)
        rid = store.save(rep)
        t_save = median_seconds(lambda: store.save(rep), repeat=3, warmup=0)
        state = {"reg": store.load(rid).register, "n": 0}

        def edit():
            old = state["reg"]
            state["n"] += 1
            new = old.with_field(APPLICATION, state["n"] % len(apps), "note", str(state["n"]))
            store.write_register(rid, new, old)
            state["reg"] = new
        t_edit = median_seconds(edit, repeat=100)
        t_load = median_seconds(lambda: store.load(rid), repeat=5, warmup=1)
        store.close()
        print(row("save whole report + register (baseline)", t_save, "ms"))
        print(row("write_register of one edited field", t_edit, "ms", t_save))
        print(row("load report + 10,000-row register", t_load, "ms"))


if __name__ == "__main__":
    main()
