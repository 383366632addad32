"""定稿: the content hash, the versions in a real store, the stamp in Word and HTML, and
``verify`` on files re-read after export — unchanged, changed in Word with python-docx,
changed in the page's text — through the command line with its exit codes."""
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from report_desktop.core import final, formats, jsonio
from report_desktop.core.docx import stamp as docx_stamp
from report_desktop.core.rollover import DRAFT_MARKER
from report_desktop.core.store import Store, recover
from report_desktop.entry import main
from report_desktop.services import exporting, finals

SRC = Path(__file__).resolve().parents[2] / "src"
UNIT = "朔州市人民政府办公室"
NEW_NATURAL = "applications.new.natural_person"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored(tmp_path, seed):
    store = Store(tmp_path / "reports.sqlite3")
    rid = store.save(seed)
    yield store, rid
    store.close()


# -- the hash ------------------------------------------------------------------------------
def test_hash_is_of_the_published_content_only(seed):
    digest = final.content_hash(seed)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    other = seed.copy()
    other.level = "government"                      # not printed in a Word file
    other.deviations.append("缺少表四")               # a reader's note, not content
    other.texts["problems"] = "  " + seed.texts["problems"].replace("\n", "\n\n") + "　\n"
    assert final.content_hash(other) == digest     # layout of the prose is not content
    other.cells[NEW_NATURAL] = 14
    assert final.content_hash(other) != digest
    word = seed.copy()
    word.texts["overview"] = word.texts["overview"].replace("加强", "增强", 1)
    assert final.content_hash(word) != digest
    keys = json.loads(final.canonical(seed))
    assert sorted(keys) == sorted(final.CONTENT_FIELDS) and "level" not in keys


@pytest.mark.parametrize("ext", [".docx", ".html", ".json", ".xlsx"])
def test_every_format_reads_back_to_the_same_hash(seed, tmp_path, ext):
    seed.texts["other"] = "本年度  无其他需要报告的事项。\n\n\t（一）说明\u3000事项。"
    path = tmp_path / f"报告{ext}"
    formats.write(seed, path)
    back = formats.read(path)
    assert final.content_hash(back) == final.content_hash(seed), final.differences(seed, back)


def test_differences_name_the_cell_and_the_paragraph_in_chinese(seed):
    other = seed.copy()
    other.cells[NEW_NATURAL] = 14
    other.texts["overview"] = other.texts["overview"].replace("加强", "增强", 1)
    lines = final.differences(seed, other)
    assert lines[0] == "表三“一、本年新收政府信息公开申请数量”行“自然人”列：定稿为 13，文件为 14"
    assert re.fullmatch(r"“一、总体情况”第\d+段：定稿为“.*加强.*”，文件为“.*增强.*”", lines[1])
    assert final.differences(seed, seed.copy()) == []


# -- versions in the store -----------------------------------------------------------------
def test_finalise_twice_gives_versions_one_and_two(stored):
    store, rid = stored
    first = finals.finalise(store, rid, store.load(rid))
    assert (first.version, first.label) == (1, "定稿第1版")
    assert finals.finalise(store, rid, store.load(rid)).version == 1    # unchanged: the same
    store.write_text(rid, "other", "无其他需要报告的事项。")
    second = finals.finalise(store, rid, store.load(rid))
    assert second.version == 2 and second.hash != first.hash
    history = finals.history(store, rid)
    assert [f.version for f in history.finals] == [1, 2]
    names = [s.name for s in store.list_snapshots(rid)]
    assert "定稿第1版" in names and "定稿第2版" in names
    # A 定稿 is an ordinary named version too: 恢复版本 brings its content back.
    snap = next(s.id for s in store.list_snapshots(rid) if s.name == "定稿第1版")
    assert final.content_hash(store.restore_snapshot(snap)) == first.hash


def test_a_name_alone_does_not_make_a_final(stored):
    store, rid = stored
    store.save_snapshot(rid, "定稿第1版")              # typed by the clerk in 保存为命名版本
    assert finals.history(store, rid).latest is None
    assert finals.finalise(store, rid, store.load(rid)).version == 1


def test_reason_is_recorded_once_after_each_final(stored):
    store, rid = stored
    assert not finals.record_change(store, rid, "没有定稿时不记录")
    finals.finalise(store, rid, store.load(rid))
    history = finals.history(store, rid)
    assert not history.reason_given() and history.state(store.load(rid)) == "定稿第1版"
    assert finals.record_change(store, rid, "表三  数字有误")
    assert not finals.record_change(store, rid, "第二次不再记录")
    store.write_text(rid, "other", "无。")
    history = finals.history(store, rid)
    assert [(c.after, c.reason) for c in history.changes] == [(1, "表三 数字有误")]
    assert history.state(store.load(rid)) == "定稿第1版（已修改）"
    assert any(s.name == "修改定稿（定稿第1版后）：表三 数字有误" for s in store.list_snapshots(rid))
    finals.finalise(store, rid, store.load(rid))
    assert not finals.history(store, rid).reason_given()        # version 2 asks again


def test_replacing_a_final_records_why_as_an_edit_does(stored, seed):
    """An import (window: the clerk's reason; db add: the replacement names itself) changes a
    定稿 like an edit: the reason and the 定稿's content are kept before the replacement."""
    from report_desktop.services import reports
    store, rid = stored
    assert reports.final_replaced(store, seed) is None           # no 定稿 yet: nothing asked
    reports.put(store, seed)
    assert not finals.history(store, rid).changes
    first = finals.finalise(store, rid, store.load(rid))
    assert reports.final_replaced(store, seed) == first
    changed = seed.copy()
    changed.texts["other"] = "本年度无其他需要报告的事项。"
    reports.put(store, changed, reason="上级退回，第六部分改正")
    history = finals.history(store, rid)
    assert [(c.after, c.reason) for c in history.changes] == [(1, "上级退回，第六部分改正")]
    assert history.state(store.load(rid)) == "定稿第1版（已修改）"
    assert reports.final_replaced(store, seed) is None           # asked once per 定稿
    finals.finalise(store, rid, store.load(rid))
    reports.put(store, seed)                                     # no reason given (db add)
    assert finals.history(store, rid).changes[-1].reason == f"被替换（{reports.IMPORT_KEPT_AS}）"


def test_errors_and_draft_markers_refuse_a_final(stored, seed):
    store, rid = stored
    store.write_cells(rid, {NEW_NATURAL: 14})                   # H2 and H3
    with pytest.raises(finals.FinalRefused, match="(?s)不能定稿.*H2"):
        finals.finalise(store, rid, store.load(rid))
    store.write_cells(rid, {NEW_NATURAL: 13})
    store.write_text(rid, "problems", f"{DRAFT_MARKER}\n{seed.texts['problems']}")
    with pytest.raises(finals.FinalRefused, match="草稿"):
        finals.finalise(store, rid, store.load(rid))
    assert finals.history(store, rid).latest is None


def test_a_change_by_another_program_meanwhile_is_not_frozen(stored, tmp_path):
    store, rid = stored
    checked = store.load(rid)
    other = Store(tmp_path / "reports.sqlite3")      # a second program on the same file
    other.write_text(rid, "other", "另一个窗口刚写的。")
    other.close()
    with pytest.raises(finals.ChangedMeanwhile, match="重新定稿"):
        finals.finalise(store, rid, checked)
    assert finals.history(store, rid).latest is None


def test_finals_come_back_with_a_report_recovered_from_a_backup(stored, seed):
    store, rid = stored
    first = finals.finalise(store, rid, store.load(rid))
    made = store.backup_now()
    store.delete(rid)
    again = recover.recover(store, made, seed.unit, seed.year)
    assert finals.history(store, again).latest.hash == first.hash


def test_no_migration_the_store_stays_at_its_version(stored):
    store, rid = stored

    def tables():
        con = sqlite3.connect(store.path)
        try:
            return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()

    version, before = store.version, tables()
    finals.finalise(store, rid, store.load(rid))
    finals.record_change(store, rid, "原因")
    assert store.version == version and tables() == before and "snapshots" in before


# -- files: the stamp and verify -------------------------------------------------------------
def test_stamp_is_in_the_properties_not_on_the_page(stored, tmp_path):
    store, rid = stored
    done = finals.finalise(store, rid, store.load(rid))
    word, page = tmp_path / "报告.docx", tmp_path / "报告.html"
    for path in (word, page):
        exporting.export(store.load(rid), path, stamp=done.stamp)
    assert docx_stamp.read(word) == done.stamp == finals.read_stamp(page)
    doc = docx.Document(word)
    assert doc.core_properties.content_status == "定稿第1版"
    assert doc.core_properties.identifier == f"sha256:{done.hash}"
    visible = "\n".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert done.hash not in visible and "定稿" not in visible
    html = page.read_text("utf-8")
    head, body = html.split("</head>")
    assert f'<meta name="report-final-sha256" content="{done.hash}">' in head
    assert '<meta name="report-final-version" content="1">' in head and done.hash not in body


def test_a_draft_never_carries_a_stamp(stored, tmp_path):
    store, rid = stored
    done = finals.finalise(store, rid, store.load(rid))
    broken = store.load(rid)
    broken.cells[NEW_NATURAL] = 14
    exporting.export(broken, tmp_path / "草稿.docx", allow_errors=True, stamp=done.stamp)
    assert docx_stamp.read(tmp_path / "草稿.docx") is None


def cli(*argv, db):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "report_desktop", *map(str, argv), "--db", str(db)],
                          capture_output=True, text=True, timeout=120, env=env)


def test_round_trip_through_word_and_html_on_the_command_line(tmp_path, seed_path):
    db = tmp_path / "reports.sqlite3"
    assert cli("db", "add", seed_path, db=db).returncode == 0
    word, page = tmp_path / "报告.docx", tmp_path / "报告.html"
    made = cli("db", "get", UNIT, 2024, word, "--final", db=db)
    assert made.returncode == 0 and "定稿第1版" in made.stdout, made.stderr
    assert cli("db", "get", UNIT, 2024, page, "--final", db=db).returncode == 0
    for path in (word, page, seed_path):          # the JSON has no stamp: matched by content
        ok = cli("verify", path, db=db)
        assert ok.returncode == 0 and ok.stdout.startswith(f"一致：此文件是“{UNIT}”2024年报告的定稿第1版"), ok
    # One number changed in Word (python-docx), one word in the page.
    doc = docx.Document(word)
    cell = next(c for t in doc.tables for r in t.rows for c in r.cells if c.text.strip() == "13")
    cell.paragraphs[0].runs[0].text = "14"
    doc.save(tmp_path / "改数.docx")
    html = page.read_text("utf-8")
    assert html.count("加强") >= 1
    (tmp_path / "改字.html").write_text(html.replace("加强", "增强", 1), "utf-8")
    changed = cli("verify", tmp_path / "改数.docx", db=db)
    assert changed.returncode == 1
    assert changed.stdout.startswith("不一致：文件标注为定稿第1版") and "有 1 处不同" in changed.stdout
    assert "表三“一、本年新收政府信息公开申请数量”行“自然人”列：定稿为 13，文件为 14" in changed.stdout
    worded = cli("verify", tmp_path / "改字.html", db=db)
    assert worded.returncode == 1 and "“一、总体情况”第" in worded.stdout and "增强" in worded.stdout


def test_verify_exit_codes(tmp_path, seed_path, seed):
    db = tmp_path / "reports.sqlite3"
    assert cli("db", "add", seed_path, db=db).returncode == 0
    never = cli("verify", seed_path, db=db)               # no 定稿 yet
    assert never.returncode == 1 and never.stdout.startswith("不是定稿")
    (tmp_path / "坏.docx").write_bytes(b"not a zip")
    bad = cli("verify", tmp_path / "坏.docx", db=db)
    assert bad.returncode == 2 and "不是有效的Word 文档" in bad.stderr and not bad.stdout
    gone = cli("verify", tmp_path / "没有.html", db=db)
    assert gone.returncode == 2 and "没有.html" in gone.stderr
    nodb = cli("verify", seed_path, db=tmp_path / "无.sqlite3")
    assert nodb.returncode == 2 and "不存在" in nodb.stderr
    assert not (tmp_path / "无.sqlite3").exists()          # verify creates no store


def test_db_get_final_refuses_errors_and_allow_errors(capsys, tmp_path, seed):
    db = tmp_path / "reports.sqlite3"
    seed.cells[NEW_NATURAL] = 14
    with Store(db) as store:
        store.save(seed)
    code, out, err = run(capsys, "db", "get", UNIT, 2024, tmp_path / "x.docx", "--final", "--db", db)
    assert code == 2 and "不能定稿" in err and not (tmp_path / "x.docx").exists()
    code, _, err = run(capsys, "db", "get", UNIT, 2024, tmp_path / "x.docx", "--final",
                       "--allow-errors", "--db", db)
    assert code == 2 and "不能同时使用" in err
    with Store(db) as store:
        assert finals.history(store, store.find(UNIT, 2024)).latest is None


def test_a_stamp_from_another_store_is_not_a_final_here(capsys, tmp_path, seed):
    with Store(tmp_path / "a.sqlite3") as a:
        rid = a.save(seed)
        done = finals.finalise(a, rid, a.load(rid))
        exporting.export(a.load(rid), tmp_path / "报告.docx", stamp=done.stamp)
    with Store(tmp_path / "b.sqlite3") as b:
        b.save(seed)
    code, out, _ = run(capsys, "verify", tmp_path / "报告.docx", "--db", tmp_path / "b.sqlite3")
    assert code == 1 and out.startswith("不是本数据文件中的定稿：文件标注为定稿第1版")
