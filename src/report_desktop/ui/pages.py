"""The page of each report tab, built the first time the tab is shown (tabs.ReportTabs)."""
from __future__ import annotations

from typing import Any

from .tabs import GUIDANCE, HEADINGS, REGISTER_KEY, TEXT_KEYS


def make_page(key: str, workspace):
    """The widget of tab ``key``, bound to the workspace's open report."""
    # Each kind of page imports its modules when first built: start-up loads only the
    # first painted tab's (the grid's, for instance, only when a table tab is shown).
    prompts, status = workspace.prompts, workspace.window.status
    if key == "info":
        from .info_tab import InfoTab
        page = InfoTab(workspace.window)
        page.prompts = prompts
        page.refused.connect(lambda m: prompts.warn("无法修改", m))
    elif key in TEXT_KEYS:
        from .text_tabs import TextTab
        page = TextTab(key, HEADINGS[key], GUIDANCE[key], workspace.window)
        if key == "other":
            page.feeRequested.connect(lambda: workspace.reports.fee_helper())
    elif key == REGISTER_KEY:
        page = _register_page(workspace)
    else:
        from .grid.page import GridPage
        page = GridPage(key, HEADINGS[key], key == "applications", workspace.window)
        page.view.message.connect(status)
        page.view.pasteRefused.connect(lambda m: prompts.warn("无法粘贴", m))
        _link_register(page, workspace)
    if workspace.session is not None:
        page.set_session(workspace.session)
    return page


def _register_page(workspace) -> Any:
    """The 台账 tab, its buttons bound to the workspace's register actions."""
    from .register.page import RegisterPage
    page = RegisterPage(workspace.window)
    workspace.registers.bind_page(page)
    return page


def _link_register(page: Any, workspace) -> None:
    """表三/表四: a number opens the list of what the 台账 counts there; 按台账填写."""
    page.view.drillRequested.connect(lambda cid: workspace.registers.drill(cid))
    page.view.fillRequested.connect(lambda: workspace.registers.fill())
