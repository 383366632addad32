"""A keystroke repaints what it changed, and only that (issue 19, item 9).

The findings panel replaces only the lines that changed; the grid repaints the cells whose
value or colour changed, not the whole table; the text marks follow the text.  Each test
checks the result against a fresh build or a fresh render of the real window, so a line or
a cell left stale fails, and the repaint is checked to stay small, so a return to "repaint
everything" fails too.
"""
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication

from report_desktop.core import schema
from report_desktop.ui.findings_panel import FindingsPanel

A = schema.application_cell


def _lines(panel: FindingsPanel) -> list:
    """Everything the panel shows, line by line, with the finding behind each line."""
    tree, out = panel.tree, []
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        out.append((group.text(0), group.text(1), group.foreground(0).color().name(),
                    group.font(0).bold(), group.isExpanded(), group.isFirstColumnSpanned()))
        for c in range(group.childCount()):
            item = group.child(c)
            out.append(("  ", item.text(0), item.text(1), item.toolTip(0), item.toolTip(1),
                        item.foreground(0).color().name(), id(item.data(0, Qt.ItemDataRole.UserRole))))
    return out


def _fresh(window) -> list:
    panel = FindingsPanel(window)
    panel.set_session(window.session)
    for key, group in panel.groups.items():      # the open/closed state is the clerk's
        group.setExpanded(window.workspace.findings.groups[key].isExpanded())
    lines = _lines(panel)
    panel.set_session(None)
    panel.deleteLater()
    return lines


def _type(qtbot, view, cid, text):
    view.go_to(cid)
    if text:
        qtbot.keyClicks(view, text[0])
        editor = view.indexWidget(view.currentIndex())
        qtbot.keyClicks(editor, text[1:])
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(view, Qt.Key.Key_Delete)


def test_findings_panel_after_edits_is_what_a_fresh_panel_shows(qtbot, window):
    ws = window.workspace
    panel = ws.findings
    view = ws.tabs.show_page("applications").view
    edits = [(A("new", "natural_person"), "20"),          # H3 error appears
             (A("granted", "research"), "7"),
             (A("granted", "research"), ""),              # a blank cell: the 未填 group
             (A("carry_forward", "natural_person"), "9"),  # …and the error goes
             (A("granted", "research"), "0"),
             (A("new", "natural_person"), "99999")]
    for cid, text in edits:
        _type(qtbot, view, cid, text)
        assert _lines(panel) == _fresh(window), f"after typing {text!r} into {cid}"
        assert panel.tree.currentItem() is None       # "next" starts from the first again
    # Text edits: the proofreading lines of a section keep their place, carry the new finding.
    editor = ws.tabs.show_page("overview").editor
    for text in ("2024年，,", "", "其它 "):
        editor.moveCursor(editor.textCursor().MoveOperation.Start)
        if text:
            editor.insertPlainText(text)
        else:
            editor.textCursor().deleteChar()
        window.session.revalidate()
        assert _lines(panel) == _fresh(window), f"after typing {text!r} into the overview"
    # Nothing found, then findings again.
    window.session.editor.findings, window.session.editor.marks = [], {}
    window.session.findingsChanged.emit()
    assert _lines(panel) == _fresh(window) and panel.groups == {}
    window.session.revalidate()
    assert _lines(panel) == _fresh(window) and panel.groups


def _settle(app) -> None:
    """Run what the event loop runs before the next idle moment: posted events, the item
    views' zero-time layout timers, and the repaints they ask for."""
    for _ in range(3):
        app.processEvents()


class _Painted(QObject):
    """The regions painted in a widget, as its paint events carry them."""

    def __init__(self, widget):
        super().__init__(widget)
        self.area = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.area += sum(r.width() * r.height() for r in event.region())
        return False


def _screen_is_fresh(app, window) -> bool:
    """What the window's last frames left on screen equals a fresh render of it (which
    paints every widget again: measure the repaint before)."""
    _settle(app)
    on_screen = window.screen().grabWindow(window.winId()).toImage()
    return on_screen == window.grab().toImage()


def test_typing_in_table_three_repaints_the_cells_it_changed(qtbot, qapp, window):
    view = window.workspace.tabs.show_page("applications").view
    qapp.processEvents()
    viewport = view.viewport()
    painted = _Painted(viewport)
    whole = viewport.width() * viewport.height()
    for cid, text in [(A("new", "natural_person"), "20"), (A("granted", "research"), "7"),
                      (A("granted", "research"), ""), (A("carry_forward", "natural_person"), "9")]:
        view.go_to(cid)
        _settle(qapp)
        painted.area = 0
        _type(qtbot, view, cid, text)
        _settle(qapp)                     # the frame after the keystroke
        assert 0 < painted.area < whole / 4, f"typing {text!r} repainted {painted.area} of {whole} px"
        assert _screen_is_fresh(qapp, window), f"stale pixels after typing {text!r} into {cid}"
    # Marks that change with no value typed here (an undo from elsewhere) repaint too.
    window.session.undo()
    assert _screen_is_fresh(qapp, window)


def _underlined(editor) -> list[tuple[int, int]]:
    """Where the editor draws a wavy underline (the text has no astral characters)."""
    wavy = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    return sorted((s.cursor.selectionStart(), s.cursor.selectionEnd())
                  for s in editor.extraSelections() if s.format.underlineStyle() == wavy)


def test_typing_in_a_text_section_leaves_a_fresh_screen(qtbot, qapp, window):
    tab = window.workspace.tabs.show_page("overview")
    qapp.processEvents()
    editor = tab.editor
    editor.setFocus()
    for text in (",", "2023", "字"):
        if text.isascii():
            qtbot.keyClicks(editor, text)
        else:                                        # as an input method commits it
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(editor, event)
        assert _screen_is_fresh(qapp, window)       # the typed text, marks shifted
        assert _underlined(editor) == sorted((a, b) for a, b, _f in editor.marks.marks)
        window.session.revalidate()                  # what the timer does 150 ms later
        assert _screen_is_fresh(qapp, window)
        assert _underlined(editor) == sorted(tuple(f.range) for f in window.session.findings
                                             if f.range and f.text_key == "overview")
    # A table edit that changes the overview's S3 marks: the underlines follow it.
    view = window.workspace.tabs.show_page("applications").view
    _type(qtbot, view, A("new", "natural_person"), "20")
    assert _underlined(editor) == sorted(tuple(f.range) for f in window.session.findings
                                         if f.range and f.text_key == "overview")
    assert any(f.rule.startswith("P") for _a, _b, f in editor.marks.marks)


def test_underlines_follow_edits_anywhere_in_the_text(qtbot, qapp, window):
    """Underlines the edit did not touch are kept (Qt moves them), the others made again:
    at the start, inside and at the edge of a mark, in a run of equal characters, deletions,
    replacements, undo and redo — each time exactly where the marks say."""
    editor = window.workspace.tabs.show_page("overview").editor
    window.session.set_text("overview", "一、总体情况,,本年度共收到申请15件 。其它事项 ,,,。另外，，，结尾")
    window.session.revalidate()
    marks = editor.marks
    assert len(marks.marks) >= 4

    def check(what):
        assert _underlined(editor) == sorted((a, b) for a, b, _f in marks.marks), what

    def cursor_at(i, j=None):
        c = editor.textCursor()
        c.setPosition(i)
        if j is not None:
            c.setPosition(j, c.MoveMode.KeepAnchor)
        editor.setTextCursor(c)
        return c

    a, b, _f = marks.marks[1]
    for i, typed in ((0, "字"), (a, "字"), (b, "字"), ((a + b) // 2, "字"), (len(editor.toPlainText()), "尾"),
                     (editor.toPlainText().index("，，，") + 1, "，")):
        cursor_at(i)
        editor.insertPlainText(typed)
        check(f"typing {typed!r} at {i}")
    for i, j in ((0, 2), (a, a + 1), (b - 1, b + 1)):
        cursor_at(i, j).removeSelectedText()
        check(f"deleting {i}..{j}")
        cursor_at(i, i + 1).insertText("替换")
        check(f"replacing at {i}")
    for _ in range(3):
        window.session.undo()
        check("undo")
    window.session.redo()
    check("redo")
    window.session.revalidate()
    check("after the check")


def test_status_line_colour_follows_the_state_without_a_style_sheet_per_keystroke(qtbot, window):
    """The 还有… line is red while errors or blanks are left, amber for warnings only; its
    colour is a palette colour, so its style sheet is set once, not on every change."""
    from PySide6.QtGui import QPalette
    from report_desktop.ui import theme
    button = window.workspace.progress.button
    style = button.styleSheet()

    def colour():
        return button.palette().color(QPalette.ColorRole.ButtonText)

    view = window.workspace.tabs.show_page("applications").view
    _type(qtbot, view, A("new", "natural_person"), "20")            # H3: an error
    assert button.text().startswith("还有") and colour() == theme.ERROR_FG
    _type(qtbot, view, A("carry_forward", "natural_person"), "9")   # balanced again
    left = window.workspace.progress.state
    want = theme.ERROR_FG if (left.errors or left.blanks) else (
        theme.WARNING_FG if left.drafts or left.warnings else theme.OK_FG)
    assert colour() == want and button.styleSheet() == style
    rendered = button.grab().toImage()
    assert any(rendered.pixelColor(x, y) == want               # the text is drawn in it
               for x in range(rendered.width()) for y in range(rendered.height()))
