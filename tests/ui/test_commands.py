"""A window command is declared once, on the method that handles it (ui/actions.py): every
registered command has a handler in the built window and a Chinese text, no key is bound
twice, every menu item, tool-bar button and shortcut of the real window runs its handler,
and a command is enabled exactly when its declaration says."""
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolBar

from report_desktop.ui import actions, workspace  # noqa: F401  (workspace: registers them all)
from report_desktop.ui.actions import COMMANDS, Needs, command
from report_desktop.ui.tabs import TAB_KEYS

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def part_of(window, spec):
    """The part of the window whose method handles ``spec``."""
    ws = window.workspace
    parts = [ws, *vars(ws).values()]
    owners = [p for p in parts if actions.owner_of(p) == spec.owner]
    assert len(owners) == 1, f"{spec.key}: {len(owners)} parts of class {spec.owner}"
    return owners[0]


def spy_on(monkeypatch, window, spec) -> list:
    """Replace the handler on its part (looked up when triggered) by one that records."""
    calls: list = []
    monkeypatch.setattr(part_of(window, spec), spec.method, lambda *a, **k: calls.append((a, k)))
    return calls


def history(window) -> None:
    """Two edits, one undone: both 撤销 and 重做 have something to do."""
    session = window.session
    cell = sorted(session.report.cells)[3]
    session.set_cells({cell: 7})
    session.set_cells({cell: 8})
    session.undo()
    assert window.workspace.actions["undo"].isEnabled() and window.workspace.actions["redo"].isEnabled()


def test_every_command_has_a_handler_and_chinese_text(window):
    ws = window.workspace
    assert set(ws.actions) == set(COMMANDS) and len(COMMANDS) >= 30
    for key, spec in COMMANDS.items():
        assert callable(getattr(part_of(window, spec), spec.method)), key
        assert CHINESE.search(spec.text), f"{key}: {spec.text!r} is not Chinese"
        assert not spec.tip or CHINESE.search(spec.tip), key
        assert not spec.tool or CHINESE.search(spec.tool.label), key
        assert ws.actions[key].text().startswith(spec.text), key


def test_a_command_whose_class_is_not_in_the_window_is_refused():
    class Stray:
        @command("stray_test_command", "走失的命令", ("help", 9, 10))
        def run(self):
            pass
    try:
        with pytest.raises(LookupError, match="stray_test_command"):
            actions.bind([], lambda: True)
        with pytest.raises(ValueError, match="declared twice"):
            command("stray_test_command", "另一个", ("help", 9, 20))(lambda self: None)
    finally:
        del COMMANDS["stray_test_command"]


def test_menus_and_tool_bar_show_the_registry_in_its_order(window):
    for menu_key, menu in window.menus.items():
        shown = ["|" if a.isSeparator() else a.objectName() for a in menu.actions()]
        declared = ["|" if c is None else f"command_{c.key}" for c in actions.menu_items(menu_key)]
        assert shown[:len(declared)] == declared, menu_key
        assert not [a for a in shown[len(declared):] if a.startswith("command_")], menu_key
    bar = window.findChild(QToolBar, "MainToolBar")
    labels = [a.iconText() for a in bar.actions() if not a.isSeparator() and a.iconText()]
    assert labels == [c.tool.label for c in actions.toolbar_items() if c is not None]


def test_no_key_is_bound_twice(window):
    for key in TAB_KEYS:                  # every tab built: its own actions and shortcuts too
        window.workspace.tabs.show_page(key)
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    bound: dict[str, list[str]] = {}
    for act in window.findChildren(QAction):
        if act.shortcutContext() in window_wide:
            for seq in act.shortcuts():
                bound.setdefault(seq.toString(), []).append(act.objectName() or act.text())
    for shortcut in window.findChildren(QShortcut):
        if shortcut.context() in window_wide:
            for seq in shortcut.keys():
                bound.setdefault(seq.toString(), []).append("QShortcut")
    twice = {seq: names for seq, names in bound.items() if len(names) > 1}
    assert not twice, f"keys bound twice: {twice}"
    assert {"Ctrl+S", "Ctrl+E", "Ctrl+Z", "Ctrl+Y", "Ctrl+Tab", "F5"} <= set(bound)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")  # popup
def test_every_menu_item_runs_its_handler(qtbot, window, monkeypatch):
    history(window)
    tried = set()
    for menu in window.menus.values():
        for act in menu.actions():
            key = act.objectName().removeprefix("command_")
            if key not in COMMANDS:
                continue              # a separator, the findings panel's own toggle
            assert act.isEnabled(), key
            calls = spy_on(monkeypatch, window, COMMANDS[key])
            menu.popup(window.mapToGlobal(window.rect().center()))
            qtbot.waitUntil(menu.isVisible, timeout=2000)
            menu.setActiveAction(act)
            QTest.keyClick(menu, Qt.Key.Key_Return)       # the highlighted item, chosen
            qtbot.waitUntil(lambda: not menu.isVisible(), timeout=2000)
            assert calls == [((), {})], key
            tried.add(key)
    assert tried == set(COMMANDS)


def test_every_tool_bar_button_runs_its_handler(qtbot, window, monkeypatch):
    window.session.set_meta("level", "government")     # 汇总's button is shown
    history(window)
    bar = window.findChild(QToolBar, "MainToolBar")
    for spec in actions.toolbar_items():
        if spec is None:
            continue
        tool = window.workspace.level_tools.tool(spec.key) or window.workspace.actions[spec.key]
        button = bar.widgetForAction(tool)
        qtbot.waitUntil(button.isVisible, timeout=2000)
        calls = spy_on(monkeypatch, window, spec)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert calls == [((), {})], spec.key


@pytest.mark.parametrize("field", ["grid", "line_edit"])
def test_every_window_shortcut_runs_its_handler_from_a_field(qtbot, window, monkeypatch, field):
    """Pressed where the clerk types: a table cell, the unit's name (that the window's
    keys win over a field's own binding is test_keys_land.py's, under xcb)."""
    history(window)
    target = (window.workspace.tabs.show_page("applications").view if field == "grid"
              else window.workspace.tabs.show_page("info").unit)
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    target.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target)
    pressed = 0
    for key, spec in COMMANDS.items():
        seqs = window.workspace.actions[key].shortcuts()
        if spec.field_key or not seqs:
            continue                  # Ctrl+C, Ctrl+Z …: the field's own (test_keys_land.py)
        calls = spy_on(monkeypatch, window, spec)
        for seq in seqs:
            QTest.keySequence(target, seq)
        assert len(calls) == len(seqs), f"{key} {[s.toString() for s in seqs]} from the {field}"
        assert QApplication.focusWidget() is target
        pressed += 1
    assert pressed >= 10


def test_commands_are_enabled_as_declared(qtbot, window, monkeypatch):
    ws = window.workspace
    needs_report = [k for k, c in COMMANDS.items() if Needs.REPORT in c.needs]
    always = [k for k, c in COMMANDS.items() if not c.needs]
    assert {"save", "export_word", "delete", "fill_zero_all", "answer_times"} <= set(needs_report)
    assert all(ws.actions[k].isEnabled() for k in needs_report + always)
    ws.close_report()
    ws.show_welcome()
    assert not [k for k in needs_report if ws.actions[k].isEnabled()]
    assert all(ws.actions[k].isEnabled() for k in always)
    assert not ws.actions["undo"].isEnabled() and not ws.actions["redo"].isEnabled()
    calls = spy_on(monkeypatch, window, COMMANDS["save"])
    QTest.keySequence(window, QKeySequence("Ctrl+S"))    # a disabled command does not run
    ws.actions["save"].trigger()
    assert calls == []
