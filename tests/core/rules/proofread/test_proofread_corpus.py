"""Precision on the corpus: every annotated slip is hit; clean paragraphs raise nothing."""
import pytest

from report_desktop.core.rules.proofread import text_slips
from tests.proofread_corpus import load, table

ENTRIES = load()


def test_corpus_is_big_enough_and_balanced():
    clean = [e for e in ENTRIES if not e.expected]
    assert len(ENTRIES) >= 40 and len(clean) >= 20 and len(ENTRIES) - len(clean) >= 20


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.source for e in ENTRIES])
def test_paragraph_raises_exactly_its_slips(entry):
    slips = [(s.rule, entry.text[s.start:s.end], s.message)
             for s in text_slips(entry.text, entry.year, entry.unit)]
    assert entry.found() == set(entry.expected), slips


def test_table_has_no_miss_and_no_false_alarm():
    for rule, row in table(ENTRIES).items():
        assert row["misses"] == 0 and row["false_alarms"] == 0, (rule, row)
