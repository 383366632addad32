"""The report model: totals follow their parts; typed totals are refused."""
from decimal import Decimal

import pytest

from report_desktop.core import schema
from report_desktop.core.report import Report


def test_blank_report_is_all_zero_and_valid_numbers():
    rep = Report.blank("某镇人民政府", 2025, "township")
    assert all(v == 0 for v in rep.cells.values())
    assert rep.title == "某镇人民政府2025年政府信息公开工作年度报告"


def test_editing_a_part_recomputes_row_column_and_grand_totals():
    rep = Report.blank("x", 2025)
    changed = rep.set("applications.withheld_4.research", 3)
    assert changed == {"applications.withheld_4.research": 3,
                       "applications.withheld_4.total": 3,
                       "applications.total.research": 3,
                       "applications.total.total": 3}
    rep.set("review_litigation.after_review.pending", 2)
    assert rep.cells["review_litigation.after_review.total"] == 2


def test_totals_cannot_be_typed():
    rep = Report.blank("x", 2025)
    for cid in schema.TOTAL_IDS:
        with pytest.raises(ValueError):
            rep.set(cid, 1)


def test_amount_keeps_typed_decimals_as_a_change():
    rep = Report.blank("x", 2025)
    assert rep.set("active.fees_10k_yuan", Decimal("12.5"))
    assert rep.set("active.fees_10k_yuan", Decimal("12.50")) == {"active.fees_10k_yuan": Decimal("12.50")}
    assert rep.set("active.fees_10k_yuan", Decimal("12.50")) == {}


def test_copy_is_independent(seed):
    other = seed.copy()
    other.set("applications.new.natural_person", 1)
    other.texts["overview"] = ""
    assert seed.cells["applications.new.natural_person"] == 13 and seed.texts["overview"]
