"""Creating reports and keeping named versions: the report-level commands of the window.

A mixin of MainWindow (uses its store, session, prompts, tabs and status bar).  Imported
before the window is shown, so the core is imported by the commands that use it."""
from __future__ import annotations


class ReportActions:
    def create_report(self, unit: str, year: int, level, from_previous: bool = False) -> int | None:
        from ..core.store import StoreError
        from . import rollover
        try:
            if self.store.find(unit, year) is not None:
                self.prompts.warn("无法新建", f"数据文件中已经有“{unit}”{year}年的报告了，已为您打开它。")
                self.open_report(self.store.find(unit, year))
                return None
            prev = self.store.get(unit, year - 1) if from_previous else None
            report = (rollover.from_previous(prev, year) if prev is not None
                      else rollover.new_report(unit, year, level))
            if level and prev is not None:
                report.level = level
            report_id = self.store.save(report)
        except StoreError as exc:
            self.prompts.warn("无法新建", str(exc))
            return None
        self.open_report(report_id)
        self.tabs.setCurrentIndex(0)
        self.status(f"已创建“{unit}”{year}年的报告。" + ("已从上一年带入结转数、现行有效件数和正文草稿。"
                                                      if prev is not None else ""))
        return report_id

    def _create_first(self, unit: str, year: int, level) -> None:
        self.create_report(unit, year, level)

    def new_report(self) -> int | None:
        from . import rollover
        units = list(dict.fromkeys(r.unit for r in self.store.list_reports()))
        unit = self.session.report.unit if self.session else ""
        answer = self.prompts.new_report(units, unit, rollover.default_year(),
                                         lambda u, y: self.store.find(u, y - 1) is not None)
        return self.create_report(*answer) if answer else None

    def create_from_previous(self) -> int | None:
        if self.session is None:
            return None
        self.session.flush()
        rep = self.session.report
        existing = self.store.find(rep.unit, rep.year + 1)
        if existing is not None:
            if self.prompts.confirm("从上一年创建", f"“{rep.unit}”{rep.year + 1}年的报告已经存在。现在打开它吗？",
                                    yes="打开", no="取消"):
                self.open_report(existing)
            return None
        return self.create_report(rep.unit, rep.year + 1, rep.level, from_previous=True)

    def save_snapshot(self) -> int | None:
        if self.session is None:
            return None
        name = self.prompts.text("保存为命名版本", "版本名称（如“送审稿”“定稿”）：", "送审稿")
        if name is None:
            return None
        self.session.flush()
        snap = self.store.save_snapshot(self.session.report_id, name)
        self.status(f"已保存版本“{name.strip() or '未命名版本'}”。")
        return snap

    def restore_snapshot(self) -> bool:
        if self.session is None:
            return False
        self.session.flush()
        snaps = self.store.list_snapshots(self.session.report_id)
        if not snaps:
            self.prompts.info("恢复版本", "这份报告还没有保存过命名版本。可以用“文件 → 保存为命名版本”保存一个。")
            return False
        chosen = self.prompts.choose_snapshot(snaps)
        if chosen is None:
            return False
        from ..core.store import StoreError
        try:
            self.store.restore_snapshot(chosen)
        except StoreError as exc:
            self.prompts.warn("无法恢复", str(exc))
            return False
        self.open_report(self.session.report_id, force=True)
        self.status("已恢复所选版本；恢复前的内容已自动保存为版本“恢复前自动保存”。")
        return True

    def delete_report(self) -> bool:
        """文件 → 删除报告: back up the store, delete the open report, open another one."""
        import sqlite3

        from ..core.store import StoreError
        if self.session is None:
            return False
        self.session.flush()
        rep, report_id = self.session.report, self.session.report_id
        unit, year = rep.unit, rep.year
        folder = self.store.path.parent / "backups"
        if not self.prompts.confirm(
                "删除报告", f"确定要删除“{unit}”{year}年的报告吗？",
                "删除后不能用“编辑 → 撤销”恢复。删除前会自动备份整个数据文件，备份保存在：\n"
                f"{folder}\n需要时可以用“文件 → 从备份中找回报告”找回。", yes="删除", no="取消"):
            return False
        try:
            backup = self.store.backup_now()
        except (StoreError, sqlite3.Error, OSError) as exc:
            self.prompts.warn("无法删除", f"备份数据文件时出错（{exc}），为安全起见没有删除报告。")
            return False
        self._close_session()            # its undo history goes with it
        try:
            self.store.delete(report_id)
        except (StoreError, sqlite3.Error) as exc:
            self.prompts.warn("无法删除", f"删除报告时出错（{exc}），报告没有删除。")
            self.open_report(report_id)
            return False
        fee_key = f"fee_figures.{report_id}"     # a later report may get the same id
        if self.store.setting(fee_key):
            self.store.set_setting(fee_key, "")
        reports = self.store.list_reports()
        if reports:
            same_unit = [r for r in reports if r.unit == unit]
            self.open_report((same_unit or reports)[0].id, reports=reports)
        else:
            self._show_welcome()
        self.status(f"已删除“{unit}”{year}年的报告。删除前的数据文件已备份为：{backup}")
        return True

    def recover_from_backup(self) -> int | None:
        """文件 → 从备份中找回报告: copy a report from a backup into the store and open it."""
        from ..core.store import StoreError, backup, recover
        from .dialogs.recover import EMPTY
        if self.session is not None:
            self.session.flush()
        entries = recover.backups_with_reports(self.store.path)
        skipped = len(backup.list_backups(self.store.path)) - len(entries)
        if not entries:
            self.prompts.info("从备份中找回报告", "备份文件都已损坏，无法从中找回报告。" if skipped else EMPTY)
            return None
        current = {(r.unit, r.year) for r in self.store.list_reports()}
        choice = self.prompts.choose_backup_report(entries, current, skipped)
        if choice is None:
            return None
        path, unit, year = choice
        replacing = (unit, year) in current
        if replacing and not self.prompts.confirm(
                "从备份中找回报告", f"数据文件中已经有“{unit}”{year}年的报告。用备份中的这份替换它吗？",
                f"现在的报告不会丢失：替换前会自动保存为命名版本“{recover.SAVED_BEFORE}”，"
                "需要时可以用“文件 → 恢复版本”找回。", yes="替换", no="取消"):
            return None
        try:
            report_id = recover.recover(self.store, path, unit, year)
        except StoreError as exc:
            self.prompts.warn("无法找回", str(exc))
            return None
        self.open_report(report_id, force=True)
        self.status(f"已从备份找回“{unit}”{year}年的报告。" + (
            f"原来的内容已保存为版本“{recover.SAVED_BEFORE}”。" if replacing else ""))
        return report_id

    def open_summary(self):
        """文件 → 汇总各单位报告: the county's 汇总 dialog (window-modal, not blocking)."""
        from .summary import SummaryDialog
        if self.session is not None:
            self.session.flush()
        if getattr(self, "summary_dialog", None) is not None:
            self.summary_dialog.deleteLater()     # the one opened before, closed since
        self.summary_dialog = SummaryDialog(self)
        self.summary_dialog.show()
        return self.summary_dialog

    def fee_helper(self) -> None:
        from decimal import Decimal
        if self.session is None:
            return
        key = f"fee_figures.{self.session.report_id}"
        saved = (self.store.setting(key) or "0|0|0").split("|")
        try:
            initial = (int(saved[0]), Decimal(saved[1]), Decimal(saved[2]))
        except (ValueError, IndexError, ArithmeticError):
            initial = (0, Decimal(0), Decimal(0))
        figures = self.prompts.fee_figures(initial)
        if figures is None:
            return
        from .drafts import fee_sentence
        self.store.set_setting(key, "|".join(str(f) for f in figures))
        self.text_tabs["other"].editor.insert_block(fee_sentence(*figures))
