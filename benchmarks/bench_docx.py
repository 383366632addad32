"""Word export speed: full export of the seed report vs a bare python-docx save.

Run: ``python benchmarks/bench_docx.py [-n 30]``.  Prints the median of N full exports
(``writer.write`` of tests/data/shuozhou-2024.json, including the atomic temp-file
replace) and the median of N bare ``docx.Document()`` + ``save`` of an empty document,
measured in the same run, and their ratio (goal: ≤ 3×).  The writer builds its styled
empty template once per font set and process; the first export's time is printed too.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import docx  # noqa: E402

from report_desktop.core import jsonio  # noqa: E402
from report_desktop.core.docx import writer  # noqa: E402

GOAL = 3.0


def _median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=30, help="runs per measurement (default 30)")
    args = ap.parse_args()
    report = jsonio.read(ROOT / "tests" / "data" / "shuozhou-2024.json")
    with tempfile.TemporaryDirectory() as tmp:
        out, bare = Path(tmp) / "report.docx", Path(tmp) / "bare.docx"

        def export():
            writer.write(report, out)

        def baseline():
            docx.Document().save(str(bare))

        export(), baseline()                       # warm-up: imports, caches
        base_ms, export_ms = [], []
        for _ in range(3):                         # interleave to share machine noise
            base_ms.append(_median_ms(baseline, args.n))
            export_ms.append(_median_ms(export, args.n))
        base, full = statistics.median(base_ms), statistics.median(export_ms)
        build = _median_ms(lambda: writer.build(report), args.n)

        def cold_export():   # as the first export of a process: styles template not cached
            writer._template.cache_clear()   # noqa: SLF001
            writer.write(report, out)
        cold = _median_ms(cold_export, args.n)
        size_kb = out.stat().st_size / 1024
    ratio = full / base
    print(f"runs per measurement : {args.n} (x3, interleaved)")
    print(f"baseline Document()+save : {base:7.1f} ms")
    verdict = "met" if ratio <= GOAL else "NOT met"
    print(f"full export (write)      : {full:7.1f} ms   "
          f"(build alone {build:.1f} ms, file {size_kb:.0f} KB)")
    print(f"ratio                    : {ratio:7.2f}x   (goal <= {GOAL:.0f}x: {verdict})")
    print(f"first export of a process: {cold:7.1f} ms   ({cold / base:.2f}x; builds the styled "
          "template once per font set)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
