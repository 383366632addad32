"""The page of each report tab, built the first time the tab is shown (tabs.ReportTabs)."""
from __future__ import annotations

from .grid.page import GridPage
from .info_tab import InfoTab
from .tabs import GUIDANCE, HEADINGS, TEXT_KEYS
from .text_tabs import TextTab


def make_page(key: str, workspace):
    """The widget of tab ``key``, bound to the workspace's open report."""
    prompts, status = workspace.prompts, workspace.window.status
    if key == "info":
        page = InfoTab(workspace.window)
        page.refused.connect(lambda m: prompts.warn("无法修改", m))
    elif key in TEXT_KEYS:
        page = TextTab(key, HEADINGS[key], GUIDANCE[key], workspace.window)
        if key == "other":
            page.feeRequested.connect(lambda: workspace.reports.fee_helper())
    else:
        page = GridPage(key, HEADINGS[key], key == "applications", workspace.window)
        page.view.message.connect(status)
        page.view.pasteRefused.connect(lambda m: prompts.warn("无法粘贴", m))
    if workspace.session is not None:
        page.set_session(workspace.session)
    return page
