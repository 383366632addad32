"""Pool jobs that outlive the window: a job still running when the window closes finishes
its work (the file is written) and ends quietly, with nobody left to tell."""
import logging

import pytest
from shiboken6 import Shiboken

from report_desktop.core import jsonio
from report_desktop.ui.jobs import TaskJob, WriteJob


def test_a_task_that_outlives_its_window_ends_quietly(caplog):
    caplog.set_level(logging.INFO)
    job = TaskJob(lambda progress, cancel: (progress(1, 1, "读取"), 42)[1])
    Shiboken.delete(job.signals)            # what closing the program does to it
    job.run()                               # nothing escapes to the pool thread
    assert "finished after the window closed" in caplog.text


@pytest.mark.parametrize("fails", [False, True])
def test_a_write_that_outlives_its_window_still_writes(tmp_path, seed_report, caplog, fails):
    caplog.set_level(logging.INFO)
    target = tmp_path / ("missing" if fails else "") / "out.json"
    job = WriteJob(seed_report, target)
    Shiboken.delete(job.signals)
    job.run()
    assert target.is_file() != fails
    if not fails:
        assert jsonio.read(target).cells == seed_report.cells
    assert "finished after the window closed" in caplog.text
