"""A new unit name typed on 基本信息: the clerk chooses whether all the unit's years take it
(the default: last year's report is still found by 从上一年创建 and the cross-year checks)
or this report only, and whether the old name in the text is replaced too.

Renaming all years is one undo step (RenameCommand): the store is renamed by
services/reports.py rename_unit (a before-change backup, then one transaction), undo puts
the old names back the same way.  This report only is the ordinary meta edit."""
from __future__ import annotations

import logging

from PySide6.QtGui import QUndoCommand

from ..core.places import Place
from ..core.store import StoreError
from ..services import reports

log = logging.getLogger(__name__)


class RenameCommand(QUndoCommand):
    """The store is already renamed when the command is pushed; redo after an undo renames
    it again.  The report's texts that named the old unit change in the same step."""

    def __init__(self, session, before: dict[int, str], new: str,
                 old_texts: dict[str, str], new_texts: dict[str, str]):
        super().__init__("修改单位名称（所有年度）")
        self.session, self.before, self.new = session, before, new
        self.old_texts, self.new_texts = old_texts, new_texts
        self._first = True

    def redo(self) -> None:
        if not self._first and not self._store(
                lambda: reports.restore_names(self.session.store,
                                              {rid: self.new for rid in self.before})):
            return
        self._first = False
        self._show(self.new, self.new_texts)

    def undo(self) -> None:
        if self._store(lambda: reports.restore_names(self.session.store, self.before)):
            self._show(self.before[self.session.report_id], self.old_texts)
            self.session.located.emit(Place.META.at("unit"))

    def _store(self, write) -> bool:
        try:
            write()
            return True
        except StoreError as exc:
            log.warning("unit rename not written: %s", exc)
            self.session.storeFailed.emit(str(exc))
            return False

    def _show(self, unit: str, texts: dict[str, str]) -> None:
        editor = self.session.editor
        changes = [editor.text_change(key, body, merge=False) for key, body in texts.items()]
        changes.append(editor.meta_change("unit", unit))    # last year's report found again
        for change in changes:
            if change is not None:
                self.session.apply(change)


def rename(session, prompts, new: str) -> str | None:
    """Rename the open report's unit to ``new`` as the clerk chooses; the reason (Chinese)
    when it cannot be done, None when done or cancelled."""
    rep = session.report
    years = sorted(reports.unit_years(session.store, rep.unit)) or [rep.year]
    mentions = reports.name_mentions(rep, rep.unit)
    choice = (True, False) if len(years) == 1 and not mentions else \
        prompts.rename_unit(rep.unit, new, years, mentions)
    if choice is None:
        session.metaChanged.emit()          # the field shows the name kept
        return None
    all_years, in_text = choice
    new_texts = reports.texts_renamed(rep, rep.unit, new) if in_text else {}
    if not all_years or len(years) == 1:
        session.undo_stack.beginMacro("修改单位名称")      # one undo step, texts and all
        session.set_meta("unit", new)
        for key, body in new_texts.items():
            session.set_text(key, body, merge=False)
        session.undo_stack.endMacro()
        return None
    session.flush()
    try:
        before = reports.rename_unit(session.store, session.report_id, new, all_years=True)
    except StoreError as exc:
        session.metaChanged.emit()
        return str(exc)
    old_texts = {key: rep.texts[key] for key in new_texts}
    session.undo_stack.push(RenameCommand(session, before, new, old_texts, new_texts))
    return None
