"""生成汇总 and 导出汇总: what the two buttons do once the unit reports are read and checked.

The county's report is written in one transaction together with a named version of the
old one (services.reports.put), so a refusal, a cancel or a failure leaves the store as it was.
"""
from __future__ import annotations

from ...core import schema
from ...core.store import StoreError
from ...core.unit_level import GOVERNMENT
from ...services import reports as report_service
from ...services import summary as gather
from .results import names_text

EXPORT_CHOICES = (".xlsx", ".docx", ".json")
SHOWN_DIFFS = 12


def _ready(dialog) -> bool:
    """Whether the last check can be summed; if not, tell the clerk why."""
    out, warn = dialog.outcome, dialog.prompts.warn
    if out is None:
        return False
    if not dialog.unit_name():
        warn("请填写单位名称", "请先填写汇总报告的单位名称（本级，如“某某县人民政府”）。")
        return False
    if out.problems:
        warn("无法汇总", "以下报告不能一起汇总。请在列表中取消勾选或移除其中一份，然后再试。",
             "\n".join(out.problems))
        return False
    if not out.reports:
        warn("没有可汇总的报告", "请勾选数据文件中的报告，或添加各单位报送的文件。")
        return False
    return True


def caveats(dialog) -> list[str]:
    """Why the sum may be incomplete: files not read, units missing, reports with errors."""
    out, roster = dialog.outcome, dialog.roster_result()
    lines = []
    if out.failures:
        lines.append(f"有 {len(out.failures)} 个文件无法读取，没有计入："
                     + names_text([p.name for p, _ in out.failures]))
    if roster is not None and roster.missing:
        lines.append(f"名单中有 {len(roster.missing)} 个单位还没有报送：{names_text(roster.missing)}")
    with_errors = [c.unit for c in out.checks if c.errors]
    if with_errors:
        lines.append(f"{len(with_errors)} 个单位的报告有错误：{names_text(with_errors)}")
    return lines


def _overwrite_other_level(dialog, report_id: int, unit: str, year: int) -> bool:
    """A report that is not 本级政府's (a township's, a department's) is overwritten with
    sums only when the clerk says so explicitly."""
    try:
        level = dialog.store.load(report_id).level
    except StoreError:
        return True            # the replacement below reports the store's trouble
    if level == GOVERNMENT:
        return True
    what = f"“{schema.LEVELS[level]}”的报告" if level in schema.LEVELS else "没有选定单位层级的报告"
    return dialog.prompts.confirm(
        "这不是本级政府的报告", f"“{unit}”{year}年的报告是{what}，不是本级政府的汇总报告。"
        "确实要用各单位的合计替换其中的表格数字吗？",
        "汇总报告的单位应是本级人民政府，例如“某某县人民政府”。", yes="仍然替换", no="取消")


def replace_question(out, unit: str, year: int, notes: list[str]) -> tuple[str, str]:
    """What 生成汇总 replaces in the county's own report: the question and its detail, the
    cells named (the first SHOWN_DIFFS of them)."""
    diffs, count = out.differences or [], len(out.reports)
    if diffs:
        text = (f"“{unit}”{year}年的报告中有 {len(diffs)} 处数字与 {count} 个单位的合计不同，"
                f"生成汇总会用合计替换这些数字（{len(diffs)} 处）。要替换吗？")
        lines = [f"{d.name}：{d.parent} → {d.children}" for d in diffs[:SHOWN_DIFFS]]
        if len(diffs) > SHOWN_DIFFS:
            lines.append(f"……共 {len(diffs)} 处，见“核对结果”下方的列表。")
        detail = "将被替换的数字（本级 → 合计）：\n" + "\n".join(lines) + "\n\n"
    else:
        text = f"数据文件中已有“{unit}”{year}年的报告。用 {count} 个单位的合计填入其中的表格数字吗？"
        detail = ""
    detail += ("正文和报告日期保持不变。替换前的内容会自动保存为版本"
               f"“{report_service.SUMMARY_KEPT_AS}”，可以用“文件 → 恢复版本”找回。")
    if notes:
        detail += "\n\n请注意：\n" + "\n".join(notes)
    return text, detail


def generate(dialog) -> int | None:
    """Save Σ as the county's report of that year and open it; the report id or None."""
    if not _ready(dialog):
        return None
    out, store, ctx, prompts = dialog.outcome, dialog.store, dialog.ctx, dialog.prompts
    unit, year, count = out.total.unit, out.total.year, len(out.reports)
    notes = caveats(dialog)
    try:
        existing = store.find(unit, year)
    except StoreError as exc:
        prompts.warn("无法生成汇总", str(exc))
        return None
    if existing is not None:
        if not _overwrite_other_level(dialog, existing, unit, year):
            return None
        if not prompts.confirm("替换本级报告", *replace_question(out, unit, year, notes),
                               yes="用合计替换", no="保留本级数字（不生成）"):
            return None         # the default button: nothing the clerk did not ask for
    elif notes and not prompts.confirm("汇总还不完整", f"汇总还不完整。仍然用 {count} 个单位的报告"
                                       f"生成“{unit}”{year}年的汇总报告吗？", "\n".join(notes),
                                       yes="仍然生成", no="取消"):
        return None
    ctx.flush()
    try:
        report = gather.summary_report(out.total, store.load(existing) if existing is not None else None)
        report_id = report_service.put(store, report, report_service.SUMMARY_KEPT_AS).report_id
        store.set_report_setting(report_id, gather.ORIGINS_SETTING,
                                 gather.origins_to_text(gather.origins(out.checks)))
    except StoreError as exc:
        prompts.warn("无法生成汇总", str(exc))
        return None
    dialog.accept()
    ctx.open_report(report_id, force=True)
    ctx.status(f"已生成“{unit}”{year}年的汇总报告（{count} 个单位的合计）。"
               + ("请核对正文中引用的数字。" if existing is not None else "请补写正文。"))
    return report_id


def export(dialog, path=None):
    """Write Σ to a file the clerk names (.xlsx, .docx or .json); the WriteJob or None."""
    if not _ready(dialog):
        return None
    out = dialog.outcome
    notes = caveats(dialog)
    if notes and not dialog.prompts.confirm("汇总还不完整", "汇总还不完整。仍然导出吗？",
                                            "\n".join(notes), yes="仍然导出", no="取消"):
        return None
    try:
        existing = dialog.store.get(out.total.unit, out.total.year)
    except StoreError:
        existing = None
    report = gather.summary_report(out.total, existing)
    units = tuple((p, f"汇总的单位报告“{p.name}”") for p in dialog.reports.paths())
    return dialog.files.export_report(report, EXPORT_CHOICES[0], path, title="导出汇总",
                                      choices=EXPORT_CHOICES, sources=units)
