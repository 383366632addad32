"""The register in the report (issue 20 item 1): immutable edits, the interchange JSON
field, the SQLite store (migration 3 and its fixture)."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from report_desktop.core import jsonio
from report_desktop.core.files import ReportFileError
from report_desktop.core.register import APPLICATION, CASE, Application, Case, CountingSettings, Register
from report_desktop.core.store import Store
from report_desktop.core.store.schema_sql import CURRENT_VERSION

from tests.registers import registers
from tests.conftest import DATA

STORES = DATA / "stores"
D = dt.date
REG = Register(
    (Application("2025-007", D(2025, 3, 5), "natural_person", "张某", "某路段改造的批复文件",
                 D(2025, 3, 20), "granted", "第二十七条", None, D(2025, 3, 6), D(2025, 3, 9),
                 ((D(2025, 3, 10), D(2025, 3, 14)),), "备注"),
     Application("2025-008", D(2025, 12, 30), "commercial")),
    (Case("某复字〔2025〕3号", "review", None, True, D(2025, 5, 6), D(2025, 7, 1), "维持", "upheld",
          "2025-007"),
     Case("（2025）某行初5号", "litigation", True, False, D(2025, 8, 1))))


def test_an_edit_is_a_new_register_and_the_old_one_is_unchanged():
    edited = REG.with_field(APPLICATION, 1, "outcome", "granted")
    assert REG.applications[1].outcome is None and edited.applications[1].outcome == "granted"
    assert edited.applications[0] is REG.applications[0]     # untouched rows are shared
    grown = REG.inserted(CASE, 0, Case("新", "review"))
    assert [c.id for c in grown.cases] == ["新", *[c.id for c in REG.cases]]
    assert grown.removed(CASE, [0]) == REG
    assert REG.index_of(APPLICATION, "2025-008") == 1
    with pytest.raises(Exception):
        REG.applications[0].id = "x"      # frozen: only a new register changes anything


def test_the_json_field_is_exactly_the_interchange_object(seed):
    seed.register = REG
    data = jsonio.to_dict(seed)
    first = data["register"]["applications"][0]
    assert list(first) == ["id", "received", "applicant_type", "applicant", "request", "answered",
                           "outcome", "article", "extended", "correction_requested", "corrected",
                           "consultation", "note"]
    assert first["received"] == "2025-03-05" and first["consultation"] == [["2025-03-10", "2025-03-14"]]
    assert list(data["register"]["cases"][0]) == ["id", "kind", "after_review", "counted", "filed",
                                                  "decided", "decision", "result", "application", "note"]
    assert data["register"]["cases"][1]["counted"] is False
    back = jsonio.loads(jsonio.dumps(seed))
    assert back.register == REG
    seed.register = None
    assert "register" not in jsonio.to_dict(seed)
    data = jsonio.to_dict(seed)
    data["register"] = None
    assert jsonio.from_dict(data).register is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(registers())
def test_any_register_round_trips_through_json(seed, reg):
    seed.register = reg
    assert jsonio.loads(jsonio.dumps(seed)).register == reg


@pytest.mark.parametrize("where, bad, words", [
    ("applications", {"received": "2025-3-5"}, "received“2025-3-5”不是有效日期"),
    ("applications", {"applicant_type": "个人"}, "applicant_type“个人”不是可用的值"),
    ("applications", {"outcome": "granted_all"}, "outcome“granted_all”"),
    ("applications", {"consultation": ["2025-03-01"]}, "consultation"),
    ("cases", {"result": "维持"}, "result“维持”"),
    ("cases", {"counted": "yes"}, "counted"),
])
def test_a_wrong_value_refuses_the_file_naming_the_entry(seed, where, bad, words):
    seed.register = REG
    data = jsonio.to_dict(seed)
    data["register"][where][1].update(bad)
    with pytest.raises(ReportFileError, match="第 2 条") as exc:
        jsonio.from_dict(data, "文件“x.json”")
    assert words in str(exc.value)


def test_the_store_keeps_the_register_and_its_settings_with_the_report(tmp_path, seed):
    seed.register = replace(REG, settings=CountingSettings(carried_cases=True))
    with Store(tmp_path / "s.sqlite3", auto_backup=False) as s:
        rid = s.save(seed)
        assert s.load(rid).register == seed.register
        other = seed.copy()
        other.year, other.register = 2023, None
        assert s.load(s.save(other)).register is None
    with Store(tmp_path / "s.sqlite3", auto_backup=False) as s:
        rep = s.load(rid)
        assert rep.register.settings.carried_cases is True
        s.delete(rid)
        con = sqlite3.connect(tmp_path / "s.sqlite3")
        assert con.execute("SELECT count(*) FROM register_rows").fetchone() == (0,)
        con.close()


def test_an_edit_writes_only_the_row_that_changed(tmp_path, seed):
    seed.register = Register(tuple(Application(f"A{i}", D(2025, 1, 1), "natural_person")
                                   for i in range(500)))
    path = tmp_path / "s.sqlite3"
    with Store(path, auto_backup=False) as s:
        rid = s.save(seed)
        old = s.load(rid).register
        new = old.with_field(APPLICATION, 250, "outcome", "granted")
        writes = []
        s._con.set_trace_callback(lambda sql: writes.append(sql) if "register_rows" in sql else None)
        s.write_register(rid, new, old)
        s._con.set_trace_callback(None)
        assert len(writes) == 1 and s.load(rid).register == new
        # undo: the old register written back the same way
        s.write_register(rid, old, new)
        assert s.load(rid).register == old
        shorter = old.removed(APPLICATION, range(10, 500))
        s.write_register(rid, shorter, old)
        assert s.load(rid).register == shorter
        changed = replace(shorter, settings=CountingSettings(rejected="other"))
        s.write_register(rid, changed, shorter)
        assert s.load(rid).register.settings.rejected == "other"
        s.write_register(rid, None, changed)
        assert s.load(rid).register is None


def test_a_named_version_and_a_replacement_carry_the_register(tmp_path, seed):
    seed.register = REG
    with Store(tmp_path / "s.sqlite3", auto_backup=False) as s:
        rid = s.save(seed)
        sid = s.save_snapshot(rid, "送审稿")
        s.write_register(rid, REG.removed(APPLICATION, [0]), REG)
        assert s.restore_snapshot(sid).register == REG
        plain = seed.copy()
        plain.register = None
        s.replace(plain, keep_as="替换前")
        assert s.get(seed.unit, seed.year).register is None


def test_the_v3_fixture_has_a_register_and_v2_stores_migrate(tmp_path, seed):
    path = tmp_path / "v3.sqlite3"
    shutil.copy(STORES / "v3.sqlite3", path)
    with Store(path, auto_backup=False) as s:
        town = s.get("某县某镇人民政府", 2024)
        assert [a.id for a in town.register.applications] == ["2024-001", "2024-002"]
        assert town.register.cases[0].application == "2024-001"
        assert town.register.settings.rejected == "other"
        assert s.get(seed.unit, 2024).register is None
    old = tmp_path / "v2.sqlite3"
    shutil.copy(STORES / "v2.sqlite3", old)
    with Store(old, auto_backup=False) as s:
        assert s.version == CURRENT_VERSION and s.get(seed.unit, 2024).register is None
        rid = s.find(seed.unit, 2024)
        s.write_register(rid, REG)
        assert s.load(rid).register == REG


def test_a_register_row_damaged_outside_the_program_is_a_store_error(tmp_path, seed):
    from report_desktop.core.store import StoreError
    seed.register = REG
    path = tmp_path / "s.sqlite3"
    with Store(path, auto_backup=False) as s:
        rid = s.save(seed)
    con = sqlite3.connect(path)
    con.execute("UPDATE register_rows SET record = '{\"received\": \"昨天\"}' WHERE position = 0"
                " AND kind = 'application'")
    con.commit()
    con.close()
    with Store(path, auto_backup=False) as s, pytest.raises(StoreError, match="台账无法读取"):
        s.load(rid)


@pytest.mark.parametrize("kind, name, typed, value", [
    (APPLICATION, "received", "2025年3月5日", D(2025, 3, 5)), (APPLICATION, "received", "", None),
    (APPLICATION, "outcome", "同意公开", "granted"), (APPLICATION, "outcome", "（三）不予公开 4", "withheld_4"),
    (APPLICATION, "applicant_type", "个体工商户", "commercial"), (APPLICATION, "note", " 备注 ", "备注"),
    (CASE, "result", "结果纠正", "corrected"), (CASE, "result", "驳回诉讼请求", "upheld"),
    (CASE, "kind", "行政诉讼", "litigation"), (CASE, "after_review", "否", False),
    (CASE, "counted", "", True), (CASE, "application", "", None)])
def test_a_typed_or_pasted_field_reads_as_an_import_would(kind, name, typed, value):
    from report_desktop.core.register.fields import parse, shown
    assert parse(kind, name, typed) == value
    if value not in (None, "", True, False):
        assert parse(kind, name, shown(name, value)) == value     # what the grid shows reads back


@pytest.mark.parametrize("name, typed, words", [
    ("received", "3月5日", "不是可识别的日期"), ("outcome", "不予公开", "可以对应多种办理结果"),
    ("outcome", "已办", "不是可识别的办理结果"), ("applicant_type", "法人或其他组织", "可以对应多种")])
def test_what_cannot_be_read_is_refused_in_chinese(name, typed, words):
    from report_desktop.core.register.fields import FieldError, parse
    with pytest.raises(FieldError, match=words):
        parse(APPLICATION, name, typed)


def test_problems_name_duplicate_ids_and_unknown_links():
    from report_desktop.core.register import problems
    reg = REG.inserted(APPLICATION, 2, Application("2025-007")).with_field(CASE, 1, "application", "无此号")
    found = [(p.kind, p.row, p.field) for p in problems(reg)]
    assert found == [(APPLICATION, 2, "id"), (CASE, 1, "application")]
    assert "与第 1 条重复" in problems(reg)[0].message
    assert problems(REG) == []


def test_the_result_of_a_case_is_derived_from_its_decision():
    from report_desktop.core.register.fields import with_decision
    case = REG.cases[0]
    assert with_decision(case, "撤销原答复").result == "corrected"
    assert with_decision(case, "驳回复议请求", CountingSettings(rejected="other")).result == "other"
    assert with_decision(case, "维持并撤销").result is None          # two results: not guessed
    assert with_decision(REG.cases[1], "维持").result is None        # not decided yet: 尚未审结
