"""The proofreading corpus (tests/data/proofread/corpus.txt) and its per-rule precision table.

Run ``python tests/proofread_corpus.py`` to print hits, misses and false alarms per rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from report_desktop.core.rules.proofread import text_slips

CORPUS = Path(__file__).parent / "data" / "proofread" / "corpus.txt"
RULES = ("P1", "P2", "P3", "P4", "P5", "P6")


@dataclass
class Entry:
    expected: frozenset[str]      # empty for a clean paragraph
    source: str
    text: str
    unit: str = "朔州市人民政府办公室"
    year: int = 2024

    def found(self) -> set[str]:
        return {s.rule for s in text_slips(self.text, self.year, self.unit)}


def load() -> list[Entry]:
    entries: list[Entry] = []
    for block in CORPUS.read_text(encoding="utf-8").split("\n## ")[1:]:
        head, *lines = block.rstrip("\n").split("\n")
        words = head.removeprefix("## ").split(" ")
        rules = [w for w in words if w in RULES]
        assert rules or words[0] == "clean", head
        entry = Entry(frozenset(rules), " ".join(w for w in words if w not in RULES and w != "clean"),
                      "")
        body = []
        for line in lines:
            if line.startswith("@unit="):
                entry.unit = line[6:]
            elif line.startswith("@year="):
                entry.year = int(line[6:])
            elif line.startswith("# "):           # a comment between entries
                continue
            else:
                body.append(line)
        entry.text = "\n".join(body).strip("\n")
        entries.append(entry)
    return entries


def table(entries: list[Entry]) -> dict[str, dict[str, int]]:
    """rule → {hits, misses, false_alarms} over the corpus."""
    out = {r: {"hits": 0, "misses": 0, "false_alarms": 0} for r in RULES}
    for e in entries:
        found = e.found()
        for r in RULES:
            if r in e.expected:
                out[r]["hits" if r in found else "misses"] += 1
            elif r in found:
                out[r]["false_alarms"] += 1
    return out


if __name__ == "__main__":
    entries = load()
    clean = sum(not e.expected for e in entries)
    print(f"{len(entries)} paragraphs: {clean} clean, {len(entries) - clean} with slips")
    print(f"{'rule':<6}{'slips':>7}{'hits':>7}{'misses':>8}{'false alarms':>14}")
    for rule, row in table(entries).items():
        n = sum(rule in e.expected for e in entries)
        print(f"{rule:<6}{n:>7}{row['hits']:>7}{row['misses']:>8}{row['false_alarms']:>14}")
