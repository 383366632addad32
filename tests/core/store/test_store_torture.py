"""The torture run, bounded for CI (about a minute): a window-like writer, two ``db add``
writers, a reader and random kill -9s on one store — no false diagnosis, nothing
acknowledged lost, no half-made backup left (tests/store_torture.py; the longer run is
benchmarks/torture_store.py)."""
import os
import random

import pytest

from tests.store_torture import Torture, report

SECONDS = float(os.environ.get("STORE_TORTURE_SECONDS", "45"))


@pytest.mark.slow
def test_many_hands_and_kill_9_on_one_store(tmp_path):
    seed = random.randrange(1 << 30)
    fig = Torture(tmp_path, SECONDS, (0.3, 1.5), seed).run()
    print(f"seed {seed}\n{report(fig, SECONDS)}")
    assert fig.kills >= SECONDS / 3 and fig.checks == fig.kills + 1
    assert fig.window_acks > 0 and fig.cli_ok > 0 and fig.reads > 0       # all of them worked
    assert dict(fig.failures) == {}, report(fig, SECONDS)
