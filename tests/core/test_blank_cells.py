"""Blank until filled: a new report's cells are blank in the store, in JSON and Excel;
`check` names them; Word export is refused like any error."""
import json

from report_desktop.core import jsonio, rollover, schema
from report_desktop.core.store import Store
from report_desktop.core.xlsx import reader as xlsx_reader
from report_desktop.entry import main


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def half_filled(seed):
    rep = rollover.new_report(seed.unit, seed.year, seed.level)
    rep.texts = dict(seed.texts)
    rep.report_date = seed.report_date
    for cid in schema.INPUT_IDS:
        if cid != "active.licensing" and not cid.startswith("review_litigation.review."):
            rep.set(cid, seed.cells[cid])
    return rep


def test_new_report_is_blank_in_the_store(tmp_path):
    store = Store(tmp_path / "r.sqlite3")
    rid = store.save(rollover.new_report("某镇人民政府", 2025, "township"))
    rep = store.load(rid)
    assert all(v is None for v in rep.cells.values())
    store.close()


def test_check_names_each_blank_cell_on_one_line(capsys, seed, tmp_path):
    path = tmp_path / "half.json"
    jsonio.write(half_filled(seed), path)
    code, out, _ = run(capsys, "check", path, "--db", tmp_path / "none.sqlite3")
    assert code == 1
    name = schema.CELLS["active.licensing"].name
    line = next(l for l in out.splitlines() if name in l)
    assert "为空" in line and "填0" in line
    blanks = [l for l in out.splitlines() if "为空" in l]
    review_inputs = [c for c in schema.INPUT_IDS if c.startswith("review_litigation.review.")]
    assert len([l for l in blanks if "H5" in l]) >= len(review_inputs)


def test_word_refused_json_and_excel_keep_blanks(capsys, seed, tmp_path):
    src = tmp_path / "half.json"
    rep = half_filled(seed)
    jsonio.write(rep, src)
    assert jsonio.read(src).cells["active.licensing"] is None
    code, _, err = run(capsys, "convert", src, tmp_path / "half.docx")
    assert code == 2 and not (tmp_path / "half.docx").exists()
    assert run(capsys, "convert", src, tmp_path / "half.xlsx")[0] == 0
    back = xlsx_reader.read(tmp_path / "half.xlsx")
    assert back.cells["active.licensing"] is None
    assert back.cells["review_litigation.review.upheld"] is None
    assert back.cells["applications.new.natural_person"] == seed.cells["applications.new.natural_person"]


def test_a_total_blank_because_of_its_parts_is_not_named_only_the_parts_are(seed):
    from report_desktop.core.rules import validate
    seed.set("applications.granted.research", None)
    found = [f for f in validate(seed) if f.rule == "H5"]
    assert [f.cells for f in found] == [("applications.granted.research",)]
    assert seed.cells["applications.granted.total"] is None        # no fake total
