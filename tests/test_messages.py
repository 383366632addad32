"""Every rule's message leads with what to fix and fits one line of the findings panel.

Each rule is broken on purpose (several ways where a rule has several messages); every
message must be at most 60 characters (one line of the panel at 1366 px), and the long
context — the quoted sentence, the full cell name — is in ``detail``."""
import datetime as dt
from decimal import Decimal

import pytest

from report_desktop.core import schema
from report_desktop.core.register import Application, Register
from report_desktop.core.rules import validate
from report_desktop.core.rules.findings import short_cell_name
from report_desktop.core.values import Bad

A = schema.application_cell
R = schema.review_cell
LIMIT = 60

ALL_RULES = ([f"H{i}" for i in range(1, 10)] + [f"S{i}" for i in range(1, 16) if i != 7]
             + [f"P{i}" for i in range(1, 7)])


def _broken_reports(seed):
    """(report, previous) pairs that together break every rule, some twice."""
    out = []

    r = seed.copy()                               # H1 blank and bad; H5 the longest names
    r.cells["active.rules.made"] = None
    r.cells["active.licensing"] = Bad("一二三四五六七八九十", "只能填写数字")
    r.cells[A("other_2", "public_interest")] = None
    r.cells[A("partly_granted", "research")] = Bad("12件abc", "只能填写数字")
    out.append((r, None))

    r = seed.copy()                               # H2, H3, H7
    r.cells[A("new", "total")] += 1
    r.cells[A("new", "natural_person")] += 1
    r.cells[R("review", "upheld")] += 1
    out.append((r, None))

    r = seed.copy()                               # H4
    r.cells[A("total", "natural_person")] += 1
    out.append((r, None))

    r = seed.copy()                               # H8 (empty part, old heading), S8, S9
    r.texts["problems"] = ""
    r.texts["other"] = "六、其他需要报告的事项\n无。"
    r.texts["preamble"] = ("本报告统计期限自2023年1月1日起至2023年12月31日止。"
                           "本报告统计期限为上一年度。")
    r.report_date = dt.date(r.year, 6, 1)
    r.unit = ""
    out.append((r, None))

    r = seed.copy()                               # S9: after the deadline
    r.report_date = dt.date(r.year + 1, 12, 1)
    out.append((r, None))

    r = seed.copy()                               # S2, S3, S4 (both), S6 (both), P1–P6
    r.cells["active.fees_10k_yuan"] = Decimal("2")
    r.cells[A("other_2", "natural_person")] = 1
    r.cells[A("other_2", "total")] = 1
    r.cells[A("other_1", "natural_person")] -= 1 if r.cells[A("other_1", "natural_person")] else 0
    r.texts["overview"] = ("全年共受理政府信息公开申请12件，办结11件，其中予以公开7件、部分公开2件、"
                           "无法提供2件，结转下年度继续办理1件，均在法定期限内答复。"
                           "全年被申请行政复议9件，未发生行政诉讼,本年新制作数量为12件。"
                           "\n（一）主动公开\n（三）依申请公开\n2022年，朔州市人民政府办公厅高度重视。"
                           "对其它需要报告的事项，按国办公开办函[2021]30号办理。")
    r.texts["other"] = "本年收取信息处理费2元。本年未收取信息处理费。"
    out.append((r, None))

    r = seed.copy()                               # S4 without any fee notice in 六
    r.cells[A("other_2", "natural_person")] = 1
    r.cells[A("other_2", "total")] = 1
    r.texts["other"] = "无。"
    out.append((r, None))

    r = seed.copy()                               # S5 both
    for cid in schema.APPLICATION_IDS:
        r.cells[cid] = 0
    r.cells[A("granted", "natural_person")] = 1
    r.texts["overview"] = "本年度认真落实各项工作。"
    out.append((r, None))

    prev = seed.copy()                            # H6, S1, S10
    prev.year = seed.year - 1
    prev.cells[A("carry_forward", "natural_person")] += 3
    prev.cells["active.normative_docs.in_force"] -= 5
    out.append((seed.copy(), prev))

    prev = seed.copy()                            # S13 (all three tables), S14
    prev.year = seed.year - 1
    out.append((seed.copy(), prev))

    r = seed.copy()                               # S15 (late), S16 (late)
    r.local_deadline = "元月第三周星期五"
    r.published_date = dt.date(r.year + 1, 2, 28)
    out.append((r, None))

    r = seed.copy()                               # S15 (unreadable), S16 (before the date)
    r.local_deadline = "下个月的第三个工作日之前的那个星期五"
    r.published_date = dt.date(r.year + 1, 1, 2)
    out.append((r, None))

    r = seed.copy()                               # S11: the tables differ from the register
    r.register = Register((Application("1", dt.date(r.year, 3, 5), "natural_person",
                                       answered=dt.date(r.year, 3, 9), outcome="granted"),))
    out.append((r, None))

    r = seed.copy()                               # S12
    r.level = schema.Level.TOWNSHIP
    r.cells["active.rules.made"], r.cells["active.rules.in_force"] = 2, 15
    out.append((r, None))
    return out


@pytest.fixture
def messages(seed):
    by_rule: dict[str, list] = {}
    for rep, prev in _broken_reports(seed):
        for f in validate(rep, prev):
            by_rule.setdefault(f.rule, []).append(f)
    return by_rule


@pytest.mark.parametrize("rule", ALL_RULES)
def test_every_rule_message_fits_one_line(messages, rule):
    assert rule in messages, f"{rule} was not triggered"
    long = [f.message for f in messages[rule] if len(f.message) > LIMIT or "\n" in f.message]
    assert not long, long


@pytest.mark.parametrize("rule", ["S3", "S6", "S2", "S4", "S8"])
def test_text_findings_carry_their_range_and_sentence(messages, seed, rule):
    ranged = [f for f in messages[rule] if f.range is not None]
    assert ranged, f"{rule} without a range"
    for f in ranged:
        a, b = f.range
        assert 0 <= a < b and f.text_key in ("overview", "other", "preamble")


def test_s3_leads_with_the_mismatch_and_keeps_the_sentence_in_detail(messages):
    [s3] = [f for f in messages["S3"] if "受理12件" in f.message]
    assert s3.message == "正文写受理12件，表三“本年新收·总计”为13或15"
    assert s3.detail.startswith("“一、总体情况”：“全年共受理政府信息公开申请12件")


def test_blank_cell_message_is_short_and_the_full_name_is_in_detail(messages):
    [h5] = [f for f in messages["H5"] if f.cells == (A("other_2", "public_interest"),)]
    assert h5.message.endswith("为空（没有发生的填0）") and "社会公益组织" in h5.message
    assert h5.detail == schema.CELLS[A("other_2", "public_interest")].name


def test_short_cell_name_drops_asides_and_cuts_long_labels():
    name = schema.CELLS[A("partly_granted", "commercial")].name
    assert short_cell_name(name) == "表三“（二）部分公开”行“商业企业”列"
    assert short_cell_name("表二“规章”“本年制发件数”") == "表二“规章”“本年制发件数”"
    assert short_cell_name("表三“1.本机关不掌握相关政府信息之外的”行") == "表三“1.本机关不掌握相关政府信…”行"


def test_check_json_carries_range_and_detail(messages):
    d = [f for f in messages["S3"] if "受理12件" in f.message][0].to_dict()
    assert d["range"] == [3, 16] and d["detail"].startswith("“一、总体情况”")
