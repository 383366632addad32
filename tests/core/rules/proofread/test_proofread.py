"""P1–P6 one by one: each broken on purpose (with its exact range) and its near misses silent."""
import json

import pytest

from report_desktop.cli.commands import main
from report_desktop.core import jsonio
from report_desktop.core.rules import validate
from report_desktop.core.rules.proofread import text_slips
from report_desktop.core.rules.proofread.fixes import edit_for, fix_punctuation

UNIT = "平鲁区井坪镇人民政府"


def slips(text, rule, year=2024, unit=UNIT):
    return [(text[s.start:s.end], s.start) for s in text_slips(text, year, unit) if s.rule == rule]


def spans(text, rule, **kw):
    return [t for t, _ in slips(text, rule, **kw)]


# --- P1 -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, marks", [
    ("2024年,我镇认真落实", [","]),
    ("全年公开信息215条.下一步将继续", ["."]),
    ("其中:规范性文件3件;行政许可0件", [":", ";"]),
    ("群众看得懂吗?我们坚持图解!", ["?", "!"]),
    ("增加了目录(书签)功能", ["(", ")"]),
    ("在门户网站(www.pinglu.gov.cn)公开", ["(", ")"]),
    ("依托APP,小程序推送", [","]),
    ("1)加强组织领导", [")"]),
])
def test_p1_half_width_punctuation_in_chinese(text, marks):
    assert spans(text, "P1") == marks


@pytest.mark.parametrize("text", [
    "主动公开信息1,234条，增长1.5%。",
    "访问http://www.pinglu.gov.cn/a/b.html?id=3&t=2了解详情。",
    "来信请寄plzfb@163.com。",
    "根据国办公开办函〔2021〕30号编制。",
    "落实晋政办发(2024)12号文件要求。",
    "每周一上午9:30召开例会。",
    "培训内容包括Windows, Office, WPS等软件。",
    "1.加强组织领导。",
    "e.g. 或 Mr. Smith 不是中文句子。",
])
def test_p1_near_misses_are_silent(text):
    assert spans(text, "P1") == []


def test_p1_range_is_the_mark_itself():
    text = "我镇高度重视,全年公开信息。"
    [(mark, start)] = slips(text, "P1")
    assert (mark, start) == (",", 6)


# --- P2 -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, bad", [
    ("全年受理申请 8件，办结 达到100%。", [" "]),
    ("管理情况。 严格保密审查", [" "]),
    ("更新目录12项 ，更新指南　。", [" ", "　"]),
    ("确保不泄密，，全年审查52件。。无失泄密、、", ["，，", "。。", "、、"]),
    ("确保不泄密，,全年审查", ["，,"]),
    ("机制（由办公室牵头)，落实", [")"]),
    ("修订《公开制度〉，明确", ["〉"]),
    ("落实“三审三校\"制度", ['"']),
    ("在政务公开专区（位于一楼设置查阅点。", ["（"]),
    ("设置查阅点）方便群众。", ["）"]),
    ("共设查阅点2）方便群众。", ["）"]),
])
def test_p2_spaces_doubles_and_pairs(text, bad):
    assert spans(text, "P2") == bad


@pytest.mark.parametrize("text", [
    "　　本年度未收到政府信息公开申请。",
    "通过 APP 客户端发布信息 356 条。",
    "公开内容涵盖财政预决算……做到应公开尽公开——以公开促落实。",
    "《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》",
    "（1）加强领导；（2）完善机制。",
    "1）加强领导\n2）完善机制",
    "措施如下：1）加强领导；2）完善机制；3）强化考核。",
    "一是完善制度。\n二是加强培训。",
])
def test_p2_near_misses_are_silent(text):
    assert spans(text, "P2") == []


def test_unclosed_bracket_is_per_paragraph():
    assert spans("（位于一楼\n设置查阅点）", "P2") == ["（", "）"]


# --- fixes ------------------------------------------------------------------------------

def test_fix_punctuation_makes_every_safe_change_once():
    text = "2024年,我镇认真落实(书签)功能.全年 公开，，确保不泄密。 严格审查"
    new, edits = fix_punctuation(text)
    assert new == "2024年，我镇认真落实（书签）功能。全年公开，确保不泄密。严格审查"
    assert [e.label() for e in edits] == [
        "半角逗号 , → ，", "半角括号 ( → （", "半角括号 ) → ）", "半角句点 . → 。", "删除空格", "，， → ，",
        "删除空格"]
    assert fix_punctuation(new) == (new, [])


def test_fix_leaves_what_it_cannot_decide():
    text = "在专区（位于一楼设置查阅点。"
    new, edits = fix_punctuation(text)
    assert new == text and edits == []
    assert spans(text, "P2") == ["（"]                 # still reported, no fix offered


def test_edit_for_a_finding_range():
    text = "我镇高度重视,全年公开。"
    assert edit_for(text, (6, 7)).new == "，"
    assert edit_for(text, (0, 2)) is None


def test_fixed_seed_has_no_punctuation_findings(seed):
    for key, text in seed.texts.items():
        seed.texts[key] = fix_punctuation(text)[0]
    assert not [f for f in validate(seed) if f.rule in ("P1", "P2")]
    assert seed.texts["overview"].startswith("2024年，朔州市人民政府办公室")


# --- P3 -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, year_text", [
    ("2023年，我镇高度重视政务公开。", "2023年"),
    ("全年运行平稳。2023年以来，我镇持续推进。", "2023年"),
    ("2022年度，全局依申请公开规范有序。", "2022年"),
    ("本年度（2023年）共受理申请3件。", "2023年"),
    ("本报告为井坪镇2023年政府信息公开工作年度报告。", "2023年"),
    ("（一）主动公开情况。2023年,全年公开信息96条。", "2023年"),
    ("根据条例规定，特向社会公布2023年度政府信息公开工作年度报告。", "2023年"),
    ("平鲁区井坪镇2023年政府信息公开工作年度报告", "2023年"),
])
def test_p3_last_years_year_left_in_copied_text(text, year_text):
    assert spans(text, "P3") == [year_text]


@pytest.mark.parametrize("text", [
    "与2023年相比，主动公开增加12件。",
    "较上年，依申请公开下降20%。上年结转2件已办结。",
    "2023年底遗留的问题已全部整改。",
    "自2023年以来，我镇持续推进标准化建设。",
    "对照《井坪镇2023年政府信息公开工作年度报告》提出的问题逐项整改。",
    "与2023年政府信息公开工作年度报告相比，内容更加翔实。",
    "2023年度政府信息公开工作年度报告中提出的问题已全部整改。",
    "针对2023年政府信息公开工作年度报告指出的不足，逐项整改。",
    "2024年，我镇高度重视。2025年，我镇将继续推进。",
    "2021年，国务院办公厅印发了年度报告格式。",
])
def test_p3_comparisons_are_silent(text):
    assert spans(text, "P3") == []


def test_p3_message_names_the_year():
    [s] = [s for s in text_slips("2023年，我镇高度重视。", 2024, UNIT) if s.rule == "P3"]
    assert "2024年" in s.message and (s.start, s.end) == (0, 5)


# --- P4 -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, bad", [
    ("（一）主动公开\n（二）依申请公开\n（四）平台建设", ["（四）"]),
    ("(一)主动公开\n（二）依申请公开\n（二）平台建设", ["（二）"]),
    ("一是健全制度；二是加强培训；四是强化考核。", ["四是"]),
    ("一是健全制度；二是加强培训；二是强化考核。", ["二是"]),
    ("1.完善目录。\n2.规范流程。\n2.加强监督。", ["2."]),
    ("1.加强领导。\n2、完善机制。", ["2、"]),
    ("1.加强领导。\n3.完善机制。", ["3."]),
])
def test_p4_numbering_skips_repeats_mixes(text, bad):
    assert spans(text, "P4") == bad


@pytest.mark.parametrize("text", [
    "（一）主动公开\n1.公开文件2件。\n2.公开预算。\n（二）依申请公开\n1.新收5件。\n2.办结5件。",
    "一是完善制度。二是加强培训。\n一是梳理事项。二是完善机制。",
    "（1）加强领导；（2）完善机制；（3）强化考核。",
    "统一是基础，唯一是要求。第一是学习。",
    "全年公开1.5万条。\n2024年公开2.3万条。",
    "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况",
])
def test_p4_near_misses_are_silent(text):
    assert spans(text, "P4") == []


# --- P5 -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, bad", [
    ("对其它需要报告的事项，本单位无。", "其它"),
    ("按国办公开办函[2021]30号的要求编制。", "国办公开办函[2021]30号"),
    ("按国办公开办函（2021）30号的要求编制。", "国办公开办函（2021）30号"),
    ("按国办公开办函〔2021〕3号的要求编制。", "国办公开办函〔2021〕3号"),
    ("本报告依据国办公开办函〔2021〕第30号编制。", "国办公开办函〔2021〕第30号"),
    ("按国办公开办函〔2019〕60号印发的格式编制。", "国办公开办函〔2019〕60号"),
    ("依据《政府信息公开条例》编制。", "《政府信息公开条例》"),
    ("依据条例（国务院令第492号）编制。", "国务院令第492号"),
    ("本年新制作数量为12件。", "本年新制作数量"),
    ("按年度报告格式（试行）编制。", "年度报告格式（试行）"),
    ("第二十条第（九）项：政府集中采购。", "第二十条第（九）项"),
])
def test_p5_wording(text, bad):
    assert spans(text, "P5") == [bad]


@pytest.mark.parametrize("text", [
    "对其他需要报告的事项，本单位无。",
    "按《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号的要求编制。",
    "落实国办公开办函〔2023〕5号关于政务公开的工作安排。",
    "条例（国务院令第711号）。",
    "第二十条第（五）项行政许可本年处理决定数量为0。",     # 2021 labels
])
def test_p5_near_misses_are_silent(text):
    assert spans(text, "P5") == []


# --- P6 -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, unit, bad", [
    ("2024年，朔州市人民政府办公厅认真落实。", "朔州市人民政府办公室", "朔州市人民政府办公厅"),
    ("2024年，凤凰镇人民政府认真落实。", UNIT, "凤凰镇人民政府"),
    ("凤凰镇人民政府高度重视政务公开。", UNIT, "凤凰镇人民政府"),
    ("如有疑问，请与凤凰镇人民政府党政办联系。", UNIT, "凤凰镇人民政府"),
    ("本报告为井坪乡政府信息公开工作的总结。", UNIT, "井坪乡"),
    ("凤凰镇2024年政府信息公开工作年度报告", UNIT, "凤凰镇"),
    ("2024年，朔州市民政厅认真落实要求。", "朔州市民政局", "朔州市民政厅"),
])
def test_p6_unit_named_otherwise(text, unit, bad):
    assert spans(text, "P6", unit=unit) == [bad]


@pytest.mark.parametrize("text, unit", [
    ("2024年，井坪镇人民政府积极配合平鲁区人民政府办公室开展检查。", UNIT),
    ("与凤凰镇人民政府交流经验，在平鲁区人民政府门户网站公开。", UNIT),
    ("2024年，平鲁区井坪镇人民政府认真落实。", UNIT),
    ("2024年，市政府办公室共受理申请15件；朔州市政府办公室按时答复。", "朔州市人民政府办公室"),
    ("本镇人民政府、县人民政府办公室和各村委会。", UNIT),
    ("朔州市人民政府门户网站公开。", "朔州市人民政府办公室"),
    ("井坪镇2024年政府信息公开工作年度报告", UNIT),
    ("配合省民政厅、山西省民政厅开展年检。", "朔州市民政局"),
    ("（一）主动公开情况。通过镇政府网站公开信息96条。", UNIT),
    ("经过凤凰镇人民政府同意，联合开展宣传。", UNIT),
])
def test_p6_other_bodies_on_purpose_are_silent(text, unit):
    assert spans(text, "P6", unit=unit) == []


# --- S8 extended ---------------------------------------------------------------------------

def s8(seed, preamble):
    seed.texts["preamble"] = preamble
    return [f for f in validate(seed) if f.rule == "S8"]


def test_s8_preamble_period_must_name_the_year(seed):
    [f] = s8(seed, "本报告中所列数据统计期限自1月1日起至12月31日止。")
    assert "2024年" in f.message and f.cells[0] == "text.preamble" and f.range == (0, 26)
    [f] = s8(seed, "本报告统计期限为2023年度。")
    assert f.range is not None
    assert s8(seed, "报告中所列数据统计期限自2023年1月1日起，至2023年12月31日止。")[0].range == (12, 35)


@pytest.mark.parametrize("preamble", [
    "本报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。",
    "本报告所列数据的统计期限为2024年1月1日至12月31日。",
    "本报告统计期限为2024年度。",
    "本报告根据条例编制。",
])
def test_s8_near_misses(seed, preamble):
    assert s8(seed, preamble) == []


# --- findings, JSON ---------------------------------------------------------------------------

def test_findings_name_section_range_and_detail(seed):
    f = next(f for f in validate(seed) if f.rule == "P2")
    assert f.cells == ("text.overview",) and f.text_key == "overview"
    assert seed.texts["overview"][slice(*f.range)] == " "
    assert "管理情况。 严格" in f.detail


def test_check_json_prints_range_and_detail(capsys, seed_path, tmp_path):
    assert main(["check", str(seed_path), "--format", "json", "--db", str(tmp_path / "x")]) == 0
    found = json.loads(capsys.readouterr().out)
    p2 = next(f for f in found if f["rule"] == "P2")
    assert p2["range"] == [476, 477] and "detail" in p2
    h = [f for f in found if not f["rule"].startswith(("P", "S8"))]
    assert all("range" not in f for f in h)


# --- fix-punctuation command ------------------------------------------------------------------

def test_fix_punctuation_command(capsys, seed_path, tmp_path):
    out = tmp_path / "fixed.json"
    assert main(["fix-punctuation", str(seed_path), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "一、总体情况：修正 54 处" in printed and "第6字　半角逗号 , → ，　原文：…2024年,朔州市人民政…" in printed
    fixed, original = jsonio.read(out), jsonio.read(seed_path)
    assert fixed.cells == original.cells and fixed.unit == original.unit
    assert fixed.texts["overview"].startswith("2024年，朔州市")
    assert not [f for f in validate(fixed) if f.rule in ("P1", "P2")]
    again = tmp_path / "again.json"
    assert main(["fix-punctuation", str(out), str(again)]) == 0
    assert "标点无需修正" in capsys.readouterr().out
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_fix_punctuation_bad_input_exit_2(capsys, tmp_path):
    assert main(["fix-punctuation", str(tmp_path / "none.json"), str(tmp_path / "o.json")]) == 2
    assert "错误" in capsys.readouterr().err and not (tmp_path / "o.json").exists()
    assert main(["fix-punctuation", str(tmp_path / "none.json")]) == 2


def test_every_message_fits_one_line_of_the_findings_panel():
    from tests.proofread_corpus import load
    for entry in load():
        for s in text_slips(entry.text, entry.year, entry.unit):
            assert len(s.message) <= 60, s.message
