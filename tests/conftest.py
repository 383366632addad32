"""Shared fixtures: the published seed report (朔州市人民政府办公室 2024)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
SEED = DATA / "shuozhou-2024.json"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed():
    from report_desktop.core import jsonio
    return jsonio.read(SEED)
