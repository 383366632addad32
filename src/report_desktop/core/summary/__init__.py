"""The county summary (汇总): Σ of unit reports, roster and parent-vs-children checks."""
from .loader import Loaded, load_reports
from .merge import (Difference, RosterResult, UnitCheck, check_roster, compare,
                    input_problems, merge, read_roster, same_unit, total_problems, unit_checks,
                    unit_problem)

__all__ = ["merge", "unit_checks", "input_problems", "read_roster", "check_roster", "compare",
           "same_unit", "unit_problem", "total_problems", "load_reports", "Loaded", "UnitCheck",
           "RosterResult", "Difference"]
