"""Hostile-file benchmark: how long each file of the hostile corpus (tests/hostile.py)
takes to be refused or read, against reading our own good export of the same kind.

Run: python benchmarks/bench_hostile.py   (goal: every file well under 2 s; before the
reading budget the worst took minutes: 650 s for a declared A1:XFD1048576, 212 s for three
tables of 900 merged rows, 23 s and 950 MB for a 10^8-column span)
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))
from _timing import median_seconds, row  # noqa: E402

from report_desktop.core import formats, jsonio, xlsx  # noqa: E402
from report_desktop.core.docx import writer  # noqa: E402
from report_desktop.core.files import ReportFileError  # noqa: E402
from tests import hostile  # noqa: E402

SEED = Path(__file__).parents[1] / "tests" / "data" / "shuozhou-2024.json"
GOAL = 2.0
GOAL_NEAR = 8.0     # files just under the limits (set by our own 100,000-line files)


def attempt(path: Path):
    def run():
        try:
            formats.read(path)
        except ReportFileError:
            pass
    return run


def main() -> None:
    seed = jsonio.read(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx.write(seed, folder / "good.xlsx")
        writer.write(seed, folder / "good.docx")
        good = {ext: (folder / f"good{ext}").read_bytes() for ext in (".xlsx", ".docx")}
        baseline = {ext: median_seconds(attempt(folder / f"good{ext}"), repeat=5, warmup=1)
                    for ext in good}
        for ext, t in baseline.items():
            print(row(f"good{ext} (baseline)", t))
        corpus = {**hostile.XLSX_CORPUS, **hostile.DOCX_CORPUS}
        total = 0
        worst = ("", 0.0)
        for name, (make, _words) in corpus.items():
            path = folder / name
            path.write_bytes(make(good[path.suffix]))
            total += path.stat().st_size
            t = median_seconds(attempt(path), repeat=3, warmup=0)
            worst = max(worst, (name, t), key=lambda w: w[1])
            print(row(f"{name} ({path.stat().st_size // 1024} KB)", t,
                      baseline=baseline[path.suffix]))
        print(f"corpus: {len(corpus)} files, {total / 1024 / 1024:.1f} MB; slowest {worst[0]} "
              f"{worst[1]:.2f} s (goal < {GOAL} s): {'OK' if worst[1] < GOAL else 'MISSED'}")
        for name, (make, _words) in hostile.NEAR_LIMIT.items():
            path = folder / name
            path.write_bytes(make(good[path.suffix]))
            t = median_seconds(attempt(path), repeat=1, warmup=0)
            print(row(f"{name} ({path.stat().st_size // 1024} KB)", t, baseline=baseline[path.suffix])
                  + f"  (goal < {GOAL_NEAR} s: {'OK' if t < GOAL_NEAR else 'MISSED'})")


if __name__ == "__main__":
    main()
