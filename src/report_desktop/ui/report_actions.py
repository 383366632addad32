"""Creating, keeping versions of, deleting and recovering reports: the report commands of
the window.  The policies are the services layer's (services.reports); this part asks the
clerk and shows the outcome."""
from __future__ import annotations

from decimal import Decimal

from ..core import drafts, rollover
from ..core.store import StoreError, backup, recover
from ..services import reports as report_service
from .actions import Needs, Tool, command
from .context import WindowContext

FEE_KEY = "fee_figures"     # report setting: notices|billed|collected of 信息处理费


class ReportActions:
    def __init__(self, ctx: WindowContext, show_first_tab, insert_text):
        """``show_first_tab()`` after a report is created; ``insert_text(key, text)`` puts a
        drafted paragraph into the editor of a text section."""
        self.ctx = ctx
        self._show_first_tab = show_first_tab
        self._insert_text = insert_text

    @property
    def store(self):
        return self.ctx.store

    def create_report(self, unit: str, year: int, level, from_previous: bool = False) -> int | None:
        try:
            report_id, carried = report_service.create(self.store, unit, year, level, from_previous)
        except report_service.ReportExists as exc:
            self.ctx.prompts.warn("无法新建", f"{exc}已为您打开它。")
            self.ctx.open_report(exc.report_id)
            return None
        except StoreError as exc:
            self.ctx.prompts.warn("无法新建", str(exc))
            return None
        self.ctx.open_report(report_id)
        self._show_first_tab()
        self.ctx.status(f"已创建“{unit.strip()}”{year}年的报告。"
                        + ("已从上一年带入结转数、现行有效件数和正文草稿。" if carried else ""))
        return report_id

    @command("new", "新建报告(&N)…", ("file", 1, 10), keys=("New",), tip="新建一份年度报告",
             tool=Tool("新建报告", 1, 10))
    def new_report(self) -> int | None:
        units = list(dict.fromkeys(r.unit for r in self.store.list_reports()))
        session = self.ctx.session()
        unit = session.report.unit if session else ""
        answer = self.ctx.prompts.new_report(units, unit, rollover.default_year(),
                                             lambda u, y: self.store.find(u, y - 1) is not None)
        return self.create_report(*answer) if answer else None

    @command("from_previous", "从上一年创建(&P)", ("file", 1, 20), keys=("Ctrl+Shift+N",),
             tip="以当前报告为基础创建下一年度的报告", tool=Tool("从上一年创建", 1, 20), needs=Needs.REPORT)
    def create_from_previous(self) -> int | None:
        session = self.ctx.session()
        if session is None:
            return None
        session.flush()
        rep = session.report
        existing = self.store.find(rep.unit, rep.year + 1)
        if existing is not None:
            if self.ctx.prompts.confirm("从上一年创建", f"“{rep.unit}”{rep.year + 1}年的报告已经存在。现在打开它吗？",
                                        yes="打开", no="取消"):
                self.ctx.open_report(existing)
            return None
        return self.create_report(rep.unit, rep.year + 1, rep.level, from_previous=True)

    # -- named versions ----------------------------------------------------------------
    @command("snapshot", "保存为命名版本(&V)…", ("file", 5, 20), needs=Needs.REPORT,
             tip="把当前内容另存为一个带名字的版本，如“送审稿”")
    def save_snapshot(self) -> int | None:
        session = self.ctx.session()
        if session is None:
            return None
        name = self.ctx.prompts.text("保存为命名版本", "版本名称（如“送审稿”“定稿”）：", "送审稿")
        if name is None:
            return None
        session.flush()
        snap = self.store.save_snapshot(session.report_id, name)
        self.ctx.status(f"已保存版本“{name.strip() or '未命名版本'}”。")
        return snap

    @command("restore", "恢复版本(&R)…", ("file", 5, 30), needs=Needs.REPORT,
             tip="把报告恢复为以前保存的某个版本")
    def restore_snapshot(self) -> bool:
        session = self.ctx.session()
        if session is None:
            return False
        session.flush()
        snaps = self.store.list_snapshots(session.report_id)
        if not snaps:
            self.ctx.prompts.info("恢复版本", "这份报告还没有保存过命名版本。可以用“文件 → 保存为命名版本”保存一个。")
            return False
        chosen = self.ctx.prompts.choose_snapshot(snaps)
        before_edit = getattr(session, "before_edit", None)
        if chosen is None or (before_edit is not None and not before_edit()):
            return False         # a 定稿 is changed only with a reason (ui/final_actions.py)
        try:
            self.store.restore_snapshot(chosen)
        except StoreError as exc:
            self.ctx.prompts.warn("无法恢复", str(exc))
            return False
        self.ctx.open_report(session.report_id, force=True)
        self.ctx.status("已恢复所选版本；恢复前的内容已自动保存为版本“恢复前自动保存”。")
        return True

    # -- deleting and recovering ---------------------------------------------------------
    @command("delete", "删除报告(&D)…", ("file", 6, 10), needs=Needs.REPORT,
             tip="删除当前报告；删除前会自动备份数据文件")
    def delete_report(self) -> bool:
        """文件 → 删除报告: back up the store, delete the open report, open another one."""
        session = self.ctx.session()
        if session is None:
            return False
        session.flush()
        rep, report_id = session.report, session.report_id
        unit, year = rep.unit, rep.year
        if not self.ctx.prompts.confirm(
                "删除报告", f"确定要删除“{unit}”{year}年的报告吗？",
                "删除后不能用“编辑 → 撤销”恢复。删除前会自动备份整个数据文件，备份保存在：\n"
                f"{self.store.backup_dir}\n需要时可以用“文件 → 从备份中找回报告”找回。", yes="删除", no="取消"):
            return False
        try:
            made = self.store.backup_now()
        except (StoreError, OSError) as exc:
            self.ctx.prompts.warn("无法删除", f"备份数据文件时出错（{exc}），为安全起见没有删除报告。")
            return False
        self.ctx.close_report()            # its undo history goes with it
        try:
            self.store.delete(report_id)
        except StoreError as exc:
            self.ctx.prompts.warn("无法删除", f"删除报告时出错（{exc}），报告没有删除。")
            self.ctx.open_report(report_id)
            return False
        reports = self.store.list_reports()
        if reports:
            same_unit = [r for r in reports if r.unit == unit]
            self.ctx.open_report((same_unit or reports)[0].id)
        else:
            self.ctx.show_welcome()
        self.ctx.status(f"已删除“{unit}”{year}年的报告。删除前的数据文件已备份为：{made}")
        return True

    @command("recover", "从备份中找回报告(&B)…", ("file", 6, 20),
             tip="从自动备份中把报告（如误删的报告）找回到当前数据文件")
    def recover_from_backup(self) -> int | None:
        """文件 → 从备份中找回报告: copy a report from a backup into the store and open it."""
        self.ctx.flush()
        entries = recover.backups_with_reports(self.store.path)
        skipped = len(backup.list_backups(self.store.path)) - len(entries)
        if not entries:
            from .dialogs.recover import EMPTY
            self.ctx.prompts.info("从备份中找回报告", "备份文件都已损坏，无法从中找回报告。" if skipped else EMPTY)
            return None
        current = {(r.unit, r.year) for r in self.store.list_reports()}
        choice = self.ctx.prompts.choose_backup_report(entries, current, skipped)
        if choice is None:
            return None
        path, unit, year = choice
        replacing = self.store.find(unit, year) is not None     # by the name as people read it
        kept = report_service.RECOVER_KEPT_AS
        if replacing and not self.ctx.prompts.confirm(
                "从备份中找回报告", f"数据文件中已经有“{unit}”{year}年的报告。用备份中的这份替换它吗？",
                f"现在的报告不会丢失：替换前会自动保存为命名版本“{kept}”，"
                "需要时可以用“文件 → 恢复版本”找回。", yes="替换", no="取消"):
            return None
        try:
            stored = report_service.recover_report(self.store, path, unit, year)
        except StoreError as exc:
            self.ctx.prompts.warn("无法找回", str(exc))
            return None
        self.ctx.open_report(stored.report_id, force=True)
        self.ctx.status(f"已从备份找回“{unit}”{year}年的报告。"
                        + (f"原来的内容已保存为版本“{kept}”。" if stored.replaced else ""))
        return stored.report_id

    # -- 信息处理费 ------------------------------------------------------------------------
    def fee_helper(self) -> None:
        session = self.ctx.session()
        if session is None:
            return
        saved = (self.store.report_setting(session.report_id, FEE_KEY) or "0|0|0").split("|")
        try:
            initial = (int(saved[0]), Decimal(saved[1]), Decimal(saved[2]))
        except (ValueError, IndexError, ArithmeticError):
            initial = (0, Decimal(0), Decimal(0))
        figures = self.ctx.prompts.fee_figures(initial)
        if figures is None:
            return
        self.store.set_report_setting(session.report_id, FEE_KEY, "|".join(str(f) for f in figures))
        self._insert_text("other", drafts.fee_sentence(*figures))
