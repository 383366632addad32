"""One-click fixes: the safe punctuation edits (P1, P2), applied one by one or all at once,
and the wording edits (P5's 其它 → 其他) applied one by one from the editor's menu."""
from __future__ import annotations

from dataclasses import dataclass

from ...report import Report
from .punctuation import punctuation_slips
from .slip import Slip
from .wording import OTHER_WRONG, OTHER_RIGHT, other_slips


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    old: str
    new: str
    message: str
    kind: str = "标点"        # what the undo step names: 修正标点 / 修正用语

    def describe(self) -> str:
        """', → ，' or '删除空格': the change itself, without quotes around lone marks."""
        if not self.new:
            return "删除空格" if not self.old.strip() else f"删除 {self.old}"
        return f"{self.old} → {self.new}"

    def label(self) -> str:
        """The change named for a menu or a list: '半角逗号 , → ，'."""
        kind = self.message.split("“")[0] if self.message.startswith("半角") else ""
        return f"{kind} {self.describe()}".strip()


def safe_edits(text: str) -> list[Edit]:
    """P1/P2 fixes that cannot change the meaning, sorted and non-overlapping."""
    out: list[Edit] = []
    last_end = -1
    for s in punctuation_slips(text):
        if s.replacement is None or s.start < last_end:
            continue
        out.append(Edit(s.start, s.end, text[s.start:s.end], s.replacement, s.message))
        last_end = s.end
    return out


def wording_edits(text: str) -> list[Edit]:
    """P5 fixes that cannot change the meaning: 其它 → 其他."""
    return [Edit(s.start, s.end, OTHER_WRONG, OTHER_RIGHT, s.message, "用语") for s in other_slips(text)]


def edit_for(text: str, slip_or_range) -> Edit | None:
    """The safe edit exactly at a finding's range, if there is one."""
    start, end = (slip_or_range.start, slip_or_range.end) if isinstance(slip_or_range, Slip) \
        else slip_or_range
    return next((e for e in safe_edits(text) + wording_edits(text)
                 if (e.start, e.end) == (start, end)), None)


def apply(text: str, edits: list[Edit]) -> str:
    parts, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        parts.append(text[pos:e.start])
        parts.append(e.new)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_punctuation(text: str) -> tuple[str, list[Edit]]:
    """(fixed text, the edits made). Applying it twice changes nothing the second time."""
    edits = safe_edits(text)
    return apply(text, edits), edits


def fix_report(rep: Report) -> dict[str, list[Edit]]:
    """Fix the punctuation of every text section in place; the edits per section."""
    done = {}
    for key, text in rep.texts.items():
        new, edits = fix_punctuation(text or "")
        if edits:
            rep.texts[key] = new
            done[key] = edits
    return done


def describe_fixes(rep: Report, done: dict[str, list[Edit]], before: dict[str, str]) -> list[str]:
    """Lines in Chinese saying what ``fix_report`` changed, section by section."""
    from ... import schema
    lines = []
    for key, edits in done.items():
        lines.append(f"{schema.TEXTS.get(key, key)}：修正 {len(edits)} 处")
        text = before[key]
        for e in edits:
            a = max(0, e.start - 6)
            context = text[a:e.end + 6].replace("\n", " ")
            lines.append(f"  第{e.start + 1}字　{e.label()}　原文：…{context}…")
    return lines
