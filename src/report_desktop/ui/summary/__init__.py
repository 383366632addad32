"""汇总: the county 政府办 adds up its units' reports (文件 → 汇总各单位报告).

``services.summary`` (no Qt) reads and checks on a pool thread (``runner``); ``view`` is the
dialog, ``inputs`` and ``results`` its panels, ``save`` what 生成汇总 / 导出汇总 do,
``launcher`` what the menu command does.
"""
from .launcher import SummaryLauncher

__all__ = ["SummaryDialog", "SummaryLauncher"]


def __getattr__(name: str):
    """SummaryDialog on first use: the dialog's modules are not needed at start-up."""
    if name == "SummaryDialog":
        from .view import SummaryDialog
        return SummaryDialog
    raise AttributeError(name)
