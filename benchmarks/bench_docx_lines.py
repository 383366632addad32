"""Word export of very long prose: 5,000, 20,000 and 100,000 lines, linear in lines.

Run: ``python benchmarks/bench_docx_lines.py [-n 3]``.  Prints the median of N full
exports (``writer.write``, saved and atomically replaced) of the seed report with its
《总体情况》 replaced by n lines of prose (one （一） subheading every 50 lines), each as a
ratio to the export of the seed report itself measured in the same run, and the time per
line, which stays flat when the export is linear.  Goal: 100,000 lines in under 5 s
(issue 18: python-docx's own add_paragraph took 9.6 s for 20,000 lines and did not
finish 100,000 in 120 s; its 5,000-line time is printed for comparison).
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import docx  # noqa: E402

from report_desktop.core import jsonio  # noqa: E402
from report_desktop.core.docx import ooxml, writer  # noqa: E402

SIZES = (5_000, 20_000, 100_000)
GOAL_S = 5.0
LINE = "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息一百二十条。"


def _median_s(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def prose(lines: int) -> str:
    return "\n".join(f"{'（一）工作要点。' if i % 50 == 0 else ''}{LINE}{i}" for i in range(lines))


def python_docx_paragraphs(lines: int) -> None:
    """What the writer did before: python-docx's add_paragraph/add_run for every line."""
    doc = docx.Document()
    for line in prose(lines).split("\n"):
        run = doc.add_paragraph().add_run(line)
        run._r.insert(0, ooxml.new_rpr("仿宋_GB2312"))   # noqa: SLF001
    doc.save(io.BytesIO())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=3, help="runs per measurement (default 3)")
    args = ap.parse_args()
    seed = jsonio.read(ROOT / "tests" / "data" / "shuozhou-2024.json")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.docx"
        writer.write(seed, out)                                   # warm-up: imports, template
        base = _median_s(lambda: writer.write(seed, out), max(args.n, 10))
        rows = []
        for lines in SIZES:
            report = seed.copy()
            report.texts["overview"] = prose(lines)
            took = _median_s(lambda r=report: writer.write(r, out), args.n)
            rows.append((lines, took, out.stat().st_size / 1024))
        old = _median_s(lambda: python_docx_paragraphs(SIZES[0]), 1)
    print(f"runs per measurement : {args.n}")
    print(f"baseline: seed report export        : {base * 1000:8.1f} ms")
    for lines, took, kb in rows:
        print(f"{lines:>7,} lines of prose              : {took:8.2f} s   ({took / base:6.1f}x baseline, "
              f"{took / lines * 1e6:5.1f} µs a line, file {kb:,.0f} KB)")
    per_line = [took / lines for lines, took, _ in rows]
    print(f"µs a line, largest / smallest         : {max(per_line) / min(per_line):8.2f}   (linear: about 1)")
    biggest = rows[-1][1]
    verdict = "met" if biggest < GOAL_S else "NOT met"
    print(f"{SIZES[-1]:,} lines: {biggest:.2f} s (goal < {GOAL_S:.0f} s: {verdict})")
    print(f"python-docx add_paragraph, {SIZES[0]:,} lines (the old way, quadratic): {old:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
