"""Proofreading benchmark: P1–P6 over a whole report (four sections, ~5,000 characters).

Budget: under 5 ms, so it can run at every pause in typing.
Run: python benchmarks/bench_proofread.py   (medians; the baseline, one regular-expression
pass over the same text, is measured in the same run because this machine is noisy)
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median_seconds, row  # noqa: E402

from report_desktop.core import jsonio  # noqa: E402
from report_desktop.core.rules import proofread, validate  # noqa: E402
from report_desktop.core.rules.proofread.fixes import fix_punctuation, safe_edits  # noqa: E402

SEED = Path(__file__).parents[1] / "tests" / "data" / "shuozhou-2024.json"
BUDGET_S = 0.005


def whole_report():
    """The seed with its text repeated to ~5,000 characters over four sections."""
    report = jsonio.read(SEED)
    total = sum(len(t) for t in report.texts.values())
    times = max(1, round(5000 / total))
    report.texts = {k: "\n".join([t] * times) for k, t in report.texts.items()}
    return report


def main() -> None:
    report = whole_report()
    chars = sum(len(t) for t in report.texts.values())
    joined = "\n".join(report.texts.values())
    scan = re.compile(r"[,;:?!().]")
    print(f"== proofreading ({chars} characters, {len(report.texts)} sections)")
    t_base = median_seconds(lambda: scan.findall(joined), repeat=300)
    def cold(rep):
        proofread.section_findings.cache_clear()      # every section proofread afresh
        return proofread.check(rep)

    t_proof = median_seconds(lambda: cold(report), repeat=200)
    typed = iter(range(10 ** 9))
    edited = report.copy()
    overview = edited.texts["overview"]

    def one_section_edited():                            # the others come from the cache
        edited.texts["overview"] = f"{overview}{next(typed)}"
        return proofread.check(edited)

    t_typing = median_seconds(one_section_edited, repeat=200)
    t_fix = median_seconds(lambda: [safe_edits(t) for t in report.texts.values()], repeat=200)
    t_all = median_seconds(lambda: (proofread.section_findings.cache_clear(), validate(report)),
                           repeat=100)
    clean = report.copy()
    for key, text in clean.texts.items():
        clean.texts[key] = fix_punctuation(text)[0]
    t_clean = median_seconds(lambda: cold(clean), repeat=200)
    print(row("one regex pass over the text (baseline)", t_base, "ms"))
    print(row("P1–P6 over the whole report", t_proof, "ms", t_base))
    print(row("P1–P6, same report with its punctuation fixed", t_clean, "ms", t_base))
    print(row("P1–P6 after typing in one section (cached rest)", t_typing, "ms", t_base))
    print(row("safe punctuation fixes, all sections", t_fix, "ms", t_base))
    print(row("validate(report) incl. P1–P6", t_all, "ms", t_base))
    verdict = "within" if t_proof < BUDGET_S else "OVER"
    print(f"{len(cold(report))} findings in the seed's text; "
          f"P1–P6: {t_proof * 1e3:.2f} ms, {verdict} the {BUDGET_S * 1e3:.0f} ms budget")


if __name__ == "__main__":
    main()
