"""定稿: freezing the signed version, recording why it was changed, and checking a
published file against it — the one policy of the window and the command line.

A 定稿 is a named version (a snapshot) whose payload is the interchange JSON plus a
``"final"`` object ``{"version": n, "hash": "…"}`` (core.final); the reason for the first
edit after a 定稿 is a named version too, holding the content before that edit and a
``"change"`` object ``{"after": n, "reason": "…"}``.  Both live in the snapshots table
(no migration), show in 恢复版本, come back with 从备份中找回报告, and are numbered
inside one write transaction (Store.add_snapshot), whoever finalises at the same time.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..core import final, formats, jsonio
from ..core.files import ReportFileError
from ..core.final import Stamp, content_hash, version_label
from ..core.report import Report
from ..core.rules import Finding
from ..core.store import Store, StoreError
from . import exporting

FINAL_KEY, CHANGE_KEY = "final", "change"
_FINAL_NAME = re.compile(r"定稿第(\d+)版")
_CHANGE_PREFIX = "修改定稿"
CHANGE_NAME_CHARS = 40      # of the reason, in the version's name (the payload keeps it all)


@dataclass(frozen=True)
class Final:
    """One 定稿 of a report in the store."""
    report_id: int
    version: int
    hash: str
    finalised: str          # when (ISO, local time of the computer that finalised it)
    payload: str = field(repr=False, compare=False)

    @property
    def stamp(self) -> Stamp:
        return Stamp(self.version, self.hash)

    @property
    def label(self) -> str:
        return version_label(self.version)

    def report(self) -> Report:
        return jsonio.loads(self.payload, f"数据文件中的{self.label}")

    def when(self) -> str:
        return self.finalised.replace("T", " ")[:16]


@dataclass(frozen=True)
class Change:
    after: int              # the 定稿 version it follows
    reason: str


@dataclass(frozen=True)
class History:
    finals: tuple[Final, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def latest(self) -> Final | None:
        return max(self.finals, key=lambda f: f.version, default=None)

    def reason_given(self) -> bool:
        """Whether the first edit after the latest 定稿 has had its reason recorded."""
        latest = self.latest
        return latest is not None and any(c.after == latest.version for c in self.changes)

    def current(self, report: Report) -> Final | None:
        """The latest 定稿 when ``report`` is still exactly it, else None."""
        latest = self.latest
        return latest if latest is not None and latest.hash == content_hash(report) else None

    def state(self, report: Report) -> str:
        """"定稿第2版", "定稿第2版（已修改）", or "" for a report never finalised."""
        latest = self.latest
        if latest is None:
            return ""
        return latest.label if latest.hash == content_hash(report) else f"{latest.label}（已修改）"


def _parsed(report_id: int, records: Iterable[tuple[str, str, str]]) -> History:
    """The 定稿 and change records among the (name, created, payload) rows of one report."""
    finals, changes = [], []
    for name, created, payload in records:
        if not (_FINAL_NAME.fullmatch(name) or name.startswith(_CHANGE_PREFIX)):
            continue       # an ordinary named version: its payload is not parsed
        try:
            data = json.loads(payload)
        except (ValueError, RecursionError):
            continue
        mark = data.get(FINAL_KEY) if isinstance(data, dict) else None
        if isinstance(mark, dict) and isinstance(mark.get("version"), int) \
                and isinstance(mark.get("hash"), str):
            finals.append(Final(report_id, mark["version"], mark["hash"], created, payload))
        note = data.get(CHANGE_KEY) if isinstance(data, dict) else None
        if isinstance(note, dict) and isinstance(note.get("after"), int):
            changes.append(Change(note["after"], str(note.get("reason", ""))))
    return History(tuple(finals), tuple(changes))


def history(store: Store, report_id: int) -> History:
    return _parsed(report_id, store.snapshot_records(report_id))


def _payload(report: Report, key: str, value: dict[str, object]) -> str:
    data = jsonio.to_dict(report)
    data[key] = value
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


class FinalRefused(ReportFileError):
    """A report the export policy would not publish cannot be a 定稿."""

    def __init__(self, check: exporting.ExportCheck):
        lines = "\n".join(f"  {line}" for line in check.lines())
        super().__init__(f"{check.headline()}，不能定稿：\n{lines}\n改正后再标记为定稿。")
        self.check = check


class ChangedMeanwhile(StoreError):
    pass


def finalise(store: Store, report_id: int, report: Report,
             findings: list[Finding] | None = None) -> Final:
    """Freeze ``report`` (the store's report ``report_id`` as it is now) as its next 定稿,
    or return the latest one when the content has not changed since.  A report with
    errors or draft markers is refused (FinalRefused), as its export would be."""
    previous = None if findings is not None else store.get(report.unit, report.year - 1)
    check = exporting.publish_check(report, findings, previous)
    if check.blocked:
        raise FinalRefused(check)
    want = content_hash(report)

    def decide(current: Report, records: list[tuple[int, str, str, str]]) -> tuple[str, str] | None:
        if content_hash(current) != want:
            raise ChangedMeanwhile("报告刚刚在另一个窗口或程序中被修改，没有定稿。请核对后重新定稿。")
        known = _parsed(report_id, [r[1:] for r in records])
        latest = known.latest
        if latest is not None and latest.hash == want:
            return None
        version = (latest.version if latest else 0) + 1
        return version_label(version), _payload(current, FINAL_KEY,
                                                {"version": version, "hash": want})

    store.add_snapshot(report_id, decide)
    done = history(store, report_id).latest
    assert done is not None and done.hash == want
    return done


def record_change(store: Store, report_id: int, reason: str) -> bool:
    """The reason for the first edit after the latest 定稿, kept as a named version with
    the content before that edit; False when there is no 定稿 or it has its reason."""
    reason = " ".join(reason.split())

    def decide(current: Report, records: list[tuple[int, str, str, str]]) -> tuple[str, str] | None:
        known = _parsed(report_id, [r[1:] for r in records])
        latest = known.latest
        if latest is None or known.reason_given():
            return None
        short = reason if len(reason) <= CHANGE_NAME_CHARS else reason[:CHANGE_NAME_CHARS] + "……"
        return (f"{_CHANGE_PREFIX}（{latest.label}后）：{short}",
                _payload(current, CHANGE_KEY, {"after": latest.version, "reason": reason}))

    return store.add_snapshot(report_id, decide) is not None


# -- verify: is a file exactly a 定稿 of this store? ---------------------------------------
MATCH, DIFFERS, NOT_FINAL = "match", "differs", "not_final"


@dataclass(frozen=True)
class Verdict:
    outcome: str                      # MATCH, DIFFERS or NOT_FINAL
    unit: str
    year: int
    final: Final | None = None        # the 定稿 it is (MATCH) or was compared with
    stamp: Stamp | None = None        # what the file says it is
    differences: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The verdict in Chinese: a headline, then what differs."""
        who = f"“{self.unit}”{self.year}年报告"
        f = self.final
        if self.outcome == MATCH and f is not None:
            out = [f"一致：此文件是{who}的{f.label}（{f.when()} 定稿），内容与数据文件中保存的定稿完全相同。"]
            if self.stamp is not None and self.stamp != f.stamp:
                out.append(f"注意：文件属性中标注的是{self.stamp.label}，与内容不符；内容以{f.label}为准。")
            elif self.stamp is None:
                out.append("文件属性中没有定稿标记（可能是从网站另存或复制的），按内容核对一致。")
            return out
        if self.outcome == DIFFERS and f is not None:
            said = f"文件标注为{self.stamp.label}，" if self.stamp is not None else "文件没有定稿标记，"
            head = (f"不一致：{said}但与{who}的{f.label}（{f.when()} 定稿）有 "
                    f"{len(self.differences)} 处不同（可能在导出后被修改过）：")
            listed = exporting.listed(list(self.differences)) if self.differences else \
                ["校验码不同，但逐项比较没有找到不同的单元格或段落。"]
            return [head, *(f"  {d}" for d in listed)]
        if self.stamp is not None:
            return [f"不是本数据文件中的定稿：文件标注为{self.stamp.label}，但数据文件中没有{who}的这个定稿"
                    "（可能来自另一台电脑的数据文件，请用 --db 指定该数据文件）。"]
        return [f"不是定稿：数据文件中{who}还没有定稿，文件也没有定稿标记。"]


def read_stamp(path: Path) -> Stamp | None:
    """The stamp a Word file or web page carries (core.docx.stamp, the page's meta)."""
    ext = path.suffix.lower()
    if ext == ".docx":
        from ..core.docx import stamp
        return stamp.read(path)
    if ext in (".html", ".htm"):
        from ..core.files import read_limited
        from ..core.html import charset, reader, writer
        from ..core.html.parse import parse
        source = f"文件“{path.name}”"
        text = charset.decode(read_limited(path, reader.MAX_BYTES, source), source)
        return writer.read_stamp(parse(text, source).meta)
    return None


def _all_finals(store: Store) -> list[Final]:
    found: list[Final] = []
    for info in store.list_reports():
        found += history(store, info.id).finals
    return found


def read_published(path: str | Path) -> tuple[Report, Stamp | None]:
    """A published file re-read with the ordinary readers, and the stamp it carries
    (no store needed: the window runs this on a pool thread).  ReportFileError when the
    file cannot be read."""
    path = Path(path)
    return formats.read(path), read_stamp(path)


def verify(store: Store, path: str | Path) -> Verdict:
    """Whether the file at ``path`` is exactly a 定稿 of ``store``, and which one, or what
    differs from the 定稿 it claims to be (or the latest 定稿 of its unit and year).
    The content is re-read and re-hashed, so an edit made after the export shows."""
    return judge(store, *read_published(path))


def judge(store: Store, report: Report, stamp: Stamp | None) -> Verdict:
    """``verify`` for a file already read (``read_published``)."""
    digest = content_hash(report)
    finals = _all_finals(store)
    same = [f for f in finals if f.hash == digest]
    if same:
        chosen = next((f for f in same if stamp is not None and f.stamp == stamp),
                      max(same, key=lambda f: f.version))
        return Verdict(MATCH, report.unit, report.year, chosen, stamp)
    rid = store.find(report.unit, report.year)
    mine = [f for f in finals if f.report_id == rid]
    claimed = None
    if stamp is not None:
        claimed = next((f for f in finals if f.hash == stamp.hash), None) or \
            next((f for f in mine if f.version == stamp.version), None)
    elif mine:
        claimed = max(mine, key=lambda f: f.version)
    if claimed is None:
        return Verdict(NOT_FINAL, report.unit, report.year, None, stamp)
    return Verdict(DIFFERS, report.unit, report.year, claimed, stamp,
                   tuple(final.differences(claimed.report(), report)))
