"""The one timer the benchmark scripts share: the median of several warmed-up runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(function: Callable[[], object], runs: int) -> float:
    """Median milliseconds of ``runs`` calls, after one call that warms caches and imports."""
    function()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000
