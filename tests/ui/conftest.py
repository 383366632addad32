"""Fixtures for the window tests: offscreen Qt, real SQLite stores in tmp_path, the real
window with a scripted Prompts so no modal dialog ever blocks a test."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # A 1920×1080 screen (offscreen's own is 800×800, where the window opens maximised
    # and a test's resize() would not hold); test_window_size.py tries other screens.
    os.environ["QT_QPA_PLATFORM"] = ("offscreen:configfile="
                                     + os.path.join(os.path.dirname(__file__), "screen-1920x1080.json"))

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from report_desktop.core import jsonio  # noqa: E402
from report_desktop.core.store import Store  # noqa: E402
from report_desktop.ui.prompts import Prompts  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "data" / "shuozhou-2024.json"


class ScriptedPrompts(Prompts):
    """Answers every question from lists the test fills; records what was shown."""

    # 台账 (issue 20): set on the instance by a test.
    mapping_answer = None    # callable(columns guessed) -> columns; None: accept the guess
    mapping_cancel = False   # 导入台账: cancel at the column mapping
    decide_answer = None     # callable(items) -> {index: value}; None: 以后再定
    settings_answer = None   # 统计口径: the CountingSettings chosen (None: 取消)

    def register_mapping(self, source, titles, needed, headers, samples, columns):
        self.shown.append(("register_mapping", source, "|".join(headers), str(columns)))
        if self.mapping_cancel:
            return None
        return self.mapping_answer(dict(columns)) if self.mapping_answer else dict(columns)

    def decide_unclassified(self, items, choices):
        self.shown.append(("decide_unclassified", str(len(items)),
                           "\n".join(f"{i[0]} {i[1]} {i[2]}" for i in items), None))
        return self.decide_answer(items) if self.decide_answer else None

    def counting_settings(self, current):
        self.shown.append(("counting_settings", "统计口径", str(current), None))
        return self.settings_answer

    def __init__(self):
        super().__init__(None)
        self.shown: list[tuple[str, str, str, str | None]] = []
        self.confirm_answer = True
        self.paths: list[Path] = []
        self.texts: list[str] = []
        self.new_reports: list[tuple] = []
        self.snapshot_choice = None      # callable(snapshots) -> id
        self.fee: tuple | None = None
        self.backup_choice = None        # callable(entries, current) -> (path, unit, year)
        self.fonts_answer: str | None = None   # what 文件 → Word 文档字体 is answered
        self.export_answer: str | None = None  # after an export: "file", "folder" or None
        self.export_answers: list[str | None] = []   # taken first, one per export
        self.offers: list[str | None] = []     # the extra button of each after-export box
        self.fonts_missing: list = []          # what the font dialog was told is missing
        self.fix_answers: list[bool] = []      # 修改 (True) / 放弃 (False); 放弃 when empty
        self.calendar_script = None      # callable(shipped, entered, save, remove): 工作日日历
        self.rename_script = None        # callable(dialog) -> None: drives 修改单位名称 (else 改名)
        self.final_answer: bool | None = False  # 标记为定稿 ticked (True), not (False), 取消 (None)
        self.reasons: list[str | None] = []    # why a 定稿 is changed; None (不修改) when empty

    def info(self, title, text, detail=None):
        self.shown.append(("info", title, text, detail))

    def warn(self, title, text, detail=None):
        self.shown.append(("warn", title, text, detail))

    def confirm(self, title, text, detail=None, yes="确定", no="取消"):
        self.shown.append(("confirm", title, text, detail))
        return self.confirm_answer

    def exported(self, title, text, detail=None, offer=None):
        self.shown.append(("exported", title, text, detail))
        self.offers.append(offer)
        return self.export_answers.pop(0) if self.export_answers else self.export_answer

    def fix_or_discard(self, title, text):
        self.shown.append(("fix_or_discard", title, text, None))
        return self.fix_answers.pop(0) if self.fix_answers else False

    def save_path(self, title, file_filter, suggested):
        self.shown.append(("save_path", title, file_filter, str(suggested)))
        return self.paths.pop(0) if self.paths else None

    def open_path(self, title, file_filter, folder):
        return self.paths.pop(0) if self.paths else None

    def text(self, title, label, default=""):
        return self.texts.pop(0) if self.texts else None

    def new_report(self, units, unit, year, has_previous):
        return self.new_reports.pop(0) if self.new_reports else None

    def rename_unit(self, old, new, years, mentions):
        """The real dialog, driven by ``rename_script`` (real clicks and keys) instead of
        a modal exec; without a script its defaults are taken (改名)."""
        from report_desktop.ui.dialogs.rename_unit import RenameUnitDialog
        self.shown.append(("rename_unit", old, new, f"{sorted(years)} {mentions}"))
        dlg = RenameUnitDialog(old, new, years, mentions)
        self.rename_dialog = dlg
        if self.rename_script:
            dlg.show()
            self.rename_script(dlg)
        else:
            dlg.accept()
        accepted = dlg.result() == dlg.DialogCode.Accepted
        dlg.close()
        return dlg.choice() if accepted else None

    def choose_snapshot(self, snapshots):
        return self.snapshot_choice(snapshots) if self.snapshot_choice else None

    def choose_backup_report(self, entries, current, skipped=0):
        self.shown.append(("choose_backup_report", "从备份中找回报告", str(len(entries)), str(skipped)))
        return self.backup_choice(entries, current) if self.backup_choice else None

    def fee_figures(self, initial):
        return self.fee

    def word_fonts(self, choices, current, missing=None):
        self.shown.append(("word_fonts", "Word 文档字体", current, "|".join(choices)))
        self.fonts_missing.append(missing)
        return self.fonts_answer

    def review_fixes(self, section, changes):
        self.shown.append(("review_fixes", section, str(len(changes)), "\n".join(changes)))
        return self.confirm_answer

    def work_calendar(self, shipped, entered, save, remove):
        self.shown.append(("work_calendar", "工作日日历", str(sorted(shipped)), str(sorted(entered))))
        if self.calendar_script:
            self.calendar_script(shipped, entered, save, remove)

    def answer_times(self, times):
        self.shown.append(("answer_times", "答复期限", str(len(times.overdue)), str(len(times.extended))))
        self.answer_times_shown = times

    def mark_final(self, version, detail):
        self.shown.append(("mark_final", "导出 Word 文档", str(version), detail))
        return self.final_answer

    def change_reason(self, title, label):
        self.shown.append(("change_reason", title, label, None))
        return self.reasons.pop(0) if self.reasons else None

    def warnings(self):
        return [s for s in self.shown if s[0] == "warn"]


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    """QSettings (window geometry, store replacements) in the test's own folder."""
    from report_desktop.ui.app import application
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    application()
    QSettings().clear()
    yield


@pytest.fixture
def seed_report():
    return jsonio.read(SEED)


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "reports.sqlite3"


@pytest.fixture
def store(store_path, seed_report):
    s = Store(store_path)
    s.save(seed_report)
    yield s
    s.close()


@pytest.fixture
def empty_store(store_path):
    s = Store(store_path)
    yield s
    s.close()


@pytest.fixture
def prompts():
    return ScriptedPrompts()


def open_window(qtbot, store, prompts):
    from report_desktop.ui.main_window import MainWindow
    w = MainWindow(store, prompts)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def wait_import(qtbot, window, timeout=30000):
    """An import reads its file on a pool thread: wait until it has been read and handled."""
    assert window.workspace.files.reading is not None, "no import was started"
    qtbot.waitUntil(lambda: window.workspace.files.reading is None, timeout=timeout)


@pytest.fixture
def window(qtbot, store, prompts):
    w = open_window(qtbot, store, prompts)
    yield w
    w.close()
