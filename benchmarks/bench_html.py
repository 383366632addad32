"""Web page export speed: the sample report as an HTML page, against the JSON export of the
same report measured in the same run (the simplest export there is: same report, same
atomic temp-file replace).

Run: ``python benchmarks/bench_html.py``.  Goal: the whole HTML export (``writer.write``,
file included) of tests/data/shuozhou-2024.json under 10 ms.  Also printed: the page alone
(what 复制网页版 builds), its plain-text flavour, and reading the page back.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from _timing import median_seconds, row  # noqa: E402

from report_desktop.core import jsonio  # noqa: E402
from report_desktop.core.html import reader, table_html, writer  # noqa: E402

SEED = Path(__file__).parents[1] / "tests" / "data" / "shuozhou-2024.json"
GOAL_SECONDS = 0.010


def main() -> int:
    report = jsonio.read(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        page, data = Path(tmp) / "报告.html", Path(tmp) / "报告.json"
        base = median_seconds(lambda: jsonio.write(report, data), repeat=200)
        export = median_seconds(lambda: writer.write(report, page), repeat=200)
        build = median_seconds(lambda: writer.page(report), repeat=200)
        text = median_seconds(lambda: writer.plain_text(report), repeat=200)
        back = median_seconds(lambda: reader.read(page), repeat=30)

        def cold():   # the first export of a process: the tables' markup not yet cached
            table_html._template.cache_clear()   # noqa: SLF001
            writer.write(report, page)
        first = median_seconds(cold, repeat=50)
        size_kb = page.stat().st_size / 1024
    print("== HTML export of the sample report")
    print(row("baseline: JSON export (jsonio.write)", base))
    print(row(f"HTML export (writer.write, {size_kb:.0f} KB)", export, baseline=base))
    print(row("first HTML export of a process", first, baseline=base))
    print(row("page alone (writer.page, as 复制网页版)", build, baseline=base))
    print(row("plain-text flavour (writer.plain_text)", text, baseline=base))
    print(row("reading the page back (reader.read)", back, baseline=base))
    ok = max(export, first) < GOAL_SECONDS
    print(f"goal: HTML export under {GOAL_SECONDS * 1000:.0f} ms, first one included: "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
