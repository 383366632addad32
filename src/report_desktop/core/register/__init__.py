"""The application and case registers behind 表三 and 表四 (issue 20): the model, the
tally, the counting settings, import from Excel/CSV and export.  No Qt.

The window's table models adapt ``Register`` (rows of ``Application`` / ``Case``; an edit
is ``register.with_field(...)`` → a new Register the undo stack keeps) and ``Tally``
(``cells`` per 表三/表四 cell, ``rows(cell)`` for the drill-down)."""
from .model import (APPLICANT_TYPES, APPLICATION, APPLICATION_FIELDS, CASE, CASE_FIELDS,
                    CASE_KINDS, CASE_RESULTS, OUTCOMES, PERSONAL_FIELDS, Application, Case,
                    Problem, Register, problems)
from .counting_rules import explanation
from .settings import CountingSettings, choices
from .tally import Tally, Unclassified, tally

__all__ = [
    "APPLICANT_TYPES", "APPLICATION", "APPLICATION_FIELDS", "CASE", "CASE_FIELDS", "CASE_KINDS",
    "CASE_RESULTS", "OUTCOMES", "PERSONAL_FIELDS", "Application", "Case", "Problem", "Register",
    "problems", "CountingSettings", "choices", "explanation", "Tally", "Unclassified", "tally",
]
