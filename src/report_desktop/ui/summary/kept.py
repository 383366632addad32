"""What the 汇总 dialog keeps between openings and restarts: the files added, the unit and
year of the summary (the roster is kept on its own, view.ROSTER_KEY).  Kept in the data
file's settings, so a restart or another computer with the same file finds them; 清空
forgets them."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from ...core.store import Store, StoreError

log = logging.getLogger(__name__)
INPUTS_KEY = "summary_inputs"


@dataclass
class Inputs:
    unit: str = ""
    year: int | None = None
    files: list[Path] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.unit or self.files)


def load(store: Store) -> Inputs:
    """The kept inputs; none when nothing was kept or the setting cannot be read."""
    try:
        raw = json.loads(store.setting(INPUTS_KEY) or "{}")
        year = raw.get("year")
        return Inputs(str(raw.get("unit") or ""), year if isinstance(year, int) else None,
                      [Path(p) for p in raw.get("files") or [] if isinstance(p, str)])
    except (StoreError, ValueError, AttributeError, TypeError):
        log.info("summary inputs not read", exc_info=True)
        return Inputs()


def save(store: Store, inputs: Inputs) -> None:
    """Keep ``inputs`` (written only when they changed); a read-only file keeps nothing."""
    text = "" if inputs.empty() else json.dumps(
        {"unit": inputs.unit, "year": inputs.year, "files": [str(p) for p in inputs.files]},
        ensure_ascii=False)
    try:
        if (store.setting(INPUTS_KEY) or "") != text:
            store.set_setting(INPUTS_KEY, text)
    except StoreError:
        log.info("summary inputs not kept", exc_info=True)    # only a convenience


def clear(dialog, ask: bool) -> bool:
    """清空 in the SummaryDialog ``dialog``: its files, unit and roster, asked first when
    ``ask`` and there is any; False when the clerk kept them."""
    n = dialog.reports.files.count()
    what = "、".join(([f"已添加的 {n} 个文件"] if n else [])
                    + (["汇总单位"] if dialog.unit_name() else [])
                    + (["应报单位名单"] if dialog.roster.names() else []))
    if ask and what and not dialog.prompts.confirm(
            "清空", f"清空{what}？", "数据文件中的报告不受影响。", yes="清空", no="取消"):
        return False
    dialog.reports.files.clear()
    dialog.reports.add_paths([])          # the count in the label
    dialog.unit.setCurrentText("")
    dialog.roster.set_names([])
    dialog.save_roster()
    dialog.keep_inputs()
    return True
