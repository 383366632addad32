"""Tiny timing helpers shared by the benchmarks (medians; this machine is noisy)."""
from __future__ import annotations

import statistics
import time
from typing import Callable


def median_seconds(fn: Callable[[], object], repeat: int = 200, warmup: int = 5) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def row(name: str, seconds: float, unit: str = "ms", baseline: float | None = None) -> str:
    scale = {"ms": 1e3, "us": 1e6, "s": 1.0}[unit]
    ratio = f"  ({seconds / baseline:.2f}× baseline)" if baseline else ""
    return f"{name:<48} {seconds * scale:10.3f} {unit}{ratio}"
