"""County summary benchmarks: Σ of 1,000 unit reports (with a check of each), the same
for a province of 10,000, and the import of 200 .xlsx unit files.

Run: python benchmarks/bench_merge.py   (goals: merge+check of 1,000 < 2 s, of 10,000
< 5 s; import of 200 .xlsx < 30 s; ratios are against baselines measured in the same run,
because this machine is noisy)

The unit reports are the sample report with other numbers and another unit name, so
they share its texts (and its 90 proofreading findings each).  Proofreading keeps the
findings of a text it has seen, so shared texts are checked once: the 10,000 case is
also measured with every text made different ("distinct texts"), the cost when no two
units submit the same wording.
"""
from __future__ import annotations

import io
import random
from decimal import Decimal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median_seconds, row  # noqa: E402

from openpyxl import Workbook, load_workbook  # noqa: E402

from report_desktop.core import jsonio, schema, summary, xlsx  # noqa: E402
from report_desktop.core.docx import reader as docx_reader  # noqa: E402

SEED = Path(__file__).parents[1] / "tests" / "data" / "shuozhou-2024.json"
N_REPORTS, N_PROVINCE, N_FILES, N_DOCX = 1000, 10_000, 200, 20
GOAL_MERGE, GOAL_PROVINCE, GOAL_IMPORT = 2.0, 5.0, 30.0


def timed(fn, repeat: int = 3) -> float:
    return median_seconds(fn, repeat=repeat, warmup=0)


def unit_reports(n: int):
    seed = jsonio.read(SEED)
    rnd = random.Random(2024)
    out = []
    for i in range(n):
        rep = seed.copy()
        rep.unit = f"第{i:04d}号单位"
        for cid in schema.INPUT_IDS:
            if schema.CELLS[cid].kind == schema.COUNT:
                rep.set(cid, rnd.randrange(0, 40))
        rep.set("active.fees_10k_yuan", Decimal(rnd.randrange(0, 10 ** 6)).scaleb(-4))
        out.append(rep)
    return out


def province(reports, n: int, distinct_texts: bool = False):
    """n unit reports from the given ones (numbers repeat, every unit named apart)."""
    out = []
    for i in range(n):
        rep = reports[i % len(reports)].copy()
        rep.unit = f"第{i:05d}号单位"
        if distinct_texts:
            rep.texts = {k: f"{t}（{i}）" for k, t in rep.texts.items()}
        out.append(rep)
    return out


def merge_and_check(reports, goal: float, repeat: int = 3) -> None:
    plain = [{cid: r.number(cid) for cid in schema.CELL_IDS} for r in reports]
    t_base = timed(lambda: {cid: sum(d[cid] for d in plain) for cid in schema.CELL_IDS}, repeat)
    t_merge = timed(lambda: summary.merge(reports, "某县", 2024), repeat)
    t_checks = timed(lambda: summary.unit_checks(reports), repeat)
    both = t_merge + t_checks
    print(row("baseline: sum of plain dicts of ints", t_base, "ms"))
    print(row("summary.merge (exact int/Decimal)", t_merge, "ms", t_base))
    print(row("summary.unit_checks (validate each)", t_checks, "ms", t_base))
    print(row(f"merge + check, goal < {goal:.0f} s", both, "s", t_base),
          "OK" if both < goal else "TOO SLOW")


def main() -> None:
    reports = unit_reports(N_REPORTS)

    print(f"== Σ of {N_REPORTS} unit reports")
    merge_and_check(reports, GOAL_MERGE)
    print(f"== Σ of {N_PROVINCE} unit reports (a province)")
    merge_and_check(province(reports, N_PROVINCE), GOAL_PROVINCE)
    print(f"== Σ of {N_PROVINCE} unit reports, distinct texts (information: nothing cached)")
    merge_and_check(province(reports, N_PROVINCE, distinct_texts=True), GOAL_PROVINCE, 1)

    print(f"== import of {N_FILES} .xlsx unit files")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        paths = []
        for rep in reports[:N_FILES]:
            p = tmp / f"{rep.unit}.xlsx"
            xlsx.write(rep, p)
            paths.append(p)
        t_write = time.perf_counter() - t0
        bare = io.BytesIO()
        Workbook().save(bare)
        raw = bare.getvalue()
        t_bare = timed(lambda: [load_workbook(io.BytesIO(raw)) for _ in range(N_FILES)], 1)
        ours = [p.read_bytes() for p in paths]

        def openpyxl_only():
            for data in ours:
                wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
                for ws in wb.worksheets:
                    for _ in ws.iter_rows(values_only=True):
                        pass
                wb.close()
        t_plain = timed(openpyxl_only, 1)
        t_read = timed(lambda: summary.load_reports(paths), 1)
        loaded = summary.load_reports(paths)
        assert not loaded.failures and len(loaded.reports) == N_FILES
        assert all(a.cells == b.cells for a, b in zip(loaded.reports, reports))
        t_all = timed(lambda: summary.merge(summary.load_reports(paths).reports), 1)
        print(row(f"xlsx.write × {N_FILES} (set-up, not a goal)", t_write, "s"))
        print(row(f"baseline: openpyxl load of a bare workbook × {N_FILES}", t_bare, "s"))
        print(row(f"openpyxl read-only pass over our {N_FILES} files", t_plain, "s", t_bare))
        print(row(f"load_reports × {N_FILES} (checks + openpyxl + labels)", t_read, "s", t_bare))
        print(f"{'':48} {'':10}    ({t_read / t_plain:.2f}× the openpyxl pass alone)")
        print(row(f"load + merge, goal < {GOAL_IMPORT:.0f} s", t_all, "s", t_bare),
              "OK" if t_all < GOAL_IMPORT else "TOO SLOW")

        print(f"== import of {N_DOCX} .docx reports (information)")
        try:
            from report_desktop.core.docx import writer
        except ImportError:
            print("Word writer not available; skipped")
            return
        docs = []
        for rep in reports[:N_DOCX]:
            p = tmp / f"{rep.unit}.docx"
            writer.write(rep, p)
            docs.append(p)
        t_docx = timed(lambda: [docx_reader.read(p) for p in docs], 1)
        print(row(f"docx reader × {N_DOCX}", t_docx, "s"))
        print(row("  per file", t_docx / N_DOCX, "ms"))


if __name__ == "__main__":
    main()
