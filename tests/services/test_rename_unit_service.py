"""services/reports.py rename_unit on a real SQLite store: all years or one, a backup
first, one transaction, refused without a change when the name is taken."""
import sqlite3

import pytest

from report_desktop.core import jsonio
from report_desktop.core.store import Store, StoreError, backup
from report_desktop.services import reports

from tests.conftest import DATA

SEED = DATA / "shuozhou-2024.json"
OLD = "朔州市人民政府办公室"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "r.sqlite3")
    s.save(jsonio.read(SEED))
    reports.create(s, OLD, 2025, None, from_previous=True)
    yield s
    s.close()


def names(store) -> dict[int, str]:
    con = sqlite3.connect(store.path)
    try:
        return {y: u for u, y in con.execute("SELECT unit, year FROM reports")}
    finally:
        con.close()


def test_all_years_renamed_after_a_backup_and_put_back(store):
    rid = store.find(OLD, 2025)
    before = len(backup.list_backups(store.path, backup.BEFORE_CHANGE))
    old = reports.rename_unit(store, rid, "朔州市 行政审批局\u200b")   # kept as people read it
    assert names(store) == {2024: "朔州市行政审批局", 2025: "朔州市行政审批局"}
    assert len(backup.list_backups(store.path, backup.BEFORE_CHANGE)) == before + 1
    assert store.get("朔州市行政审批局", 2024) is not None          # last year found
    reports.restore_names(store, old)
    assert names(store) == {2024: OLD, 2025: OLD}


def test_this_report_only(store):
    reports.rename_unit(store, store.find(OLD, 2025), "乙局", all_years=False)
    assert names(store) == {2024: OLD, 2025: "乙局"}


def test_a_taken_name_is_refused_and_nothing_changes(store):
    other = jsonio.read(SEED)
    other.unit = "乙局"
    store.save(other)                       # 乙局 has 2024 already
    before = len(backup.list_backups(store.path, backup.BEFORE_CHANGE))
    with pytest.raises(StoreError, match="已经有“乙局”2024年的报告"):
        reports.rename_unit(store, store.find(OLD, 2025), "乙局")
    assert sorted((r.unit, r.year) for r in store.list_reports()) == sorted(
        [(OLD, 2024), (OLD, 2025), ("乙局", 2024)])
    assert len(backup.list_backups(store.path, backup.BEFORE_CHANGE)) == before


def test_mentions_and_replacement_in_the_text(store):
    rep = store.get(OLD, 2025)
    assert reports.name_mentions(rep, OLD) == 2
    new = reports.texts_renamed(rep, OLD, "乙局")
    assert sum(body.count("乙局") for body in new.values()) == 2
    assert all(OLD not in body for body in new.values())
