"""The report model: totals follow their parts; typed totals are refused."""
from decimal import Decimal

import pytest

from report_desktop.core import schema
from report_desktop.core.report import Report


def test_blank_report_is_blank_until_filled():
    rep = Report.blank("某镇人民政府", 2025, "township")
    assert all(v is None for v in rep.cells.values())
    assert rep.title == "某镇人民政府2025年政府信息公开工作年度报告"
    assert rep.blank_inputs() == list(schema.INPUT_IDS)
    assert len(rep.blank_inputs("review_litigation")) == len(
        [c for c in schema.INPUT_IDS if c.startswith("review_litigation.")])


def _zeroed() -> Report:
    rep = Report.blank("x", 2025)
    for cid, zero in rep.zeros_for_blanks().items():
        rep.set(cid, zero)
    return rep


def test_zeros_for_blanks_fill_only_blank_inputs_and_totals_follow():
    rep = Report.blank("x", 2025)
    rep.set("active.licensing", 4)
    zeros = rep.zeros_for_blanks("active")
    assert "active.licensing" not in zeros and zeros
    assert all(c.startswith("active.") and c not in schema.TOTAL_IDS for c in zeros)
    assert rep.zeros_for_blanks("active")["active.fees_10k_yuan"] == Decimal(0)
    for cid, zero in zeros.items():
        rep.set(cid, zero)
    assert rep.blank_inputs("active") == [] and rep.blank_inputs("applications")
    assert rep.cells["applications.total.total"] is None


def test_a_total_with_a_blank_part_is_blank_never_a_fake_zero():
    rep = Report.blank("x", 2025)
    rep.set("applications.withheld_4.research", 3)
    assert rep.cells["applications.withheld_4.total"] is None
    value, missing = rep.partial_total("applications.withheld_4.total")
    assert value == 3 and missing == len(schema.APPLICATION_COLUMNS) - 2
    assert rep.partial_total("applications.new.total") == (None, len(schema.APPLICATION_COLUMNS) - 1)
    rep = _zeroed()
    rep.set("applications.withheld_4.research", None)        # cleared again
    assert rep.cells["applications.withheld_4.total"] is None
    assert rep.cells["applications.total.total"] is None
    assert rep.partial_total("applications.total.total") == (0, 1)


def test_editing_a_part_recomputes_row_column_and_grand_totals():
    rep = _zeroed()
    changed = rep.set("applications.withheld_4.research", 3)
    assert changed == {"applications.withheld_4.research": 3,
                       "applications.withheld_4.total": 3,
                       "applications.total.research": 3,
                       "applications.total.total": 3}
    rep.set("review_litigation.after_review.pending", 2)
    assert rep.cells["review_litigation.after_review.total"] == 2


def test_totals_cannot_be_typed():
    rep = _zeroed()
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
