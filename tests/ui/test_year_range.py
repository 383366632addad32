"""One year range (core.report.YEARS) for the readers and the window: a report of 2150, which
the JSON reader accepts, shows 2150 in every year box instead of being clipped to 2100."""
import pytest

from report_desktop.core import formats
from report_desktop.core.report import LAST_YEAR, YEARS
from report_desktop.ui.dialogs.new_report import NewReportDialog
from report_desktop.ui.welcome import WelcomePage

from conftest import wait_import
from test_summary_view import open_summary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")   # dialogs, offscreen

YEAR = 2150


def test_a_2150_json_report_shows_2150_in_the_window(qtbot, window, prompts, store, seed_report,
                                                     tmp_path):
    assert YEAR in YEARS
    rep = seed_report.copy()
    rep.year = YEAR
    path = tmp_path / "远年.json"
    formats.write(rep, path)
    prompts.paths.append(path)
    window.workspace.actions["import"].trigger()
    wait_import(qtbot, window)

    assert window.session.report.year == YEAR
    assert window.workspace.info.year.value() == YEAR
    assert store.find(rep.unit, YEAR) == window.session.report_id   # not rewritten as 2100

    dlg = open_summary(qtbot, window)       # the summary starts on the open 本级政府 report
    assert dlg.year.value() == YEAR
    dlg.close()


def test_the_new_report_boxes_reach_the_last_year(qtbot):
    dialog = NewReportDialog([], "某某镇人民政府", YEAR, lambda _unit, _year: False)
    qtbot.addWidget(dialog)
    assert dialog.year.value() == YEAR and dialog.year.maximum() == LAST_YEAR
    page = WelcomePage()
    qtbot.addWidget(page)
    page.year.setValue(LAST_YEAR)
    assert page.year.value() == LAST_YEAR
