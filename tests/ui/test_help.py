"""使用说明 (F1): every topic of the year has its text and its picture (taken from the real
window by tools/screenshots.py --help-images); F1 opens it, a click on a topic shows it."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage

from report_desktop.ui.help.topics import HELP_DIR, TOPICS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
# The tasks of the year the help must walk through (issue 23 item 7).
TASKS = ("新建报告", "填写表格", "撰写正文", "检查", "导出和打印", "从上一年创建", "版本和备份",
         "汇总各单位报告", "网上公开")


def test_every_task_of_the_year_has_a_topic_with_text():
    titles = [t.title for t in TOPICS]
    for task in TASKS:
        assert task in titles
    for topic in TOPICS:
        words = re.sub(r"<[^>]+>", "", topic.text)
        assert len(words) > 80, topic.title
    assert len({t.key for t in TOPICS}) == len(TOPICS)


def test_every_picture_the_help_shows_is_there_small_and_readable():
    total = 0
    shown = [t.image for t in TOPICS if t.image]
    assert len(shown) >= 8
    for name in shown:
        path = HELP_DIR / name
        assert path.is_file(), f"{name}: run tools/screenshots.py --help-images"
        image = QImage(str(path))
        assert not image.isNull(), name
        assert 600 <= image.width() <= 900, (name, image.width())
        total += path.stat().st_size
    assert total < 600_000
    # Nothing in the folder that no topic shows (a picture left from a removed topic).
    assert sorted(p.name for p in HELP_DIR.glob("*.png")) == sorted(shown)


def test_f1_opens_the_help_and_a_click_on_a_topic_shows_its_text_and_picture(qtbot, window):
    seen = []

    def look():
        dialog = window.workspace.help
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, look)
            return
        try:
            first = dialog.page.toPlainText()
            row = [t.key for t in TOPICS].index("summary")
            item = dialog.topics.item(row)
            rect = dialog.topics.visualItemRect(item)
            qtbot.mouseClick(dialog.topics.viewport(), Qt.MouseButton.LeftButton,
                             pos=rect.center())
            html = dialog.page.toHtml()
            picture = dialog.page.document().resource(
                dialog.page.document().ResourceType.ImageResource.value, "summary.png")
            size = (picture.width(), picture.height()) if picture is not None else None
            seen.append((dialog.windowTitle(), first, dialog.page.toPlainText(), html, size))
        finally:
            dialog.reject()
    QTimer.singleShot(50, look)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    title, first, text, html, picture = seen[0]
    assert title == "使用说明"
    assert first.startswith("新建报告")
    assert text.startswith("汇总各单位报告") and "逐格相加" in text
    assert 'src="summary.png"' in html
    assert picture == (900, 506)         # the picture itself, read from the package folder
