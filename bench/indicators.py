"""Benchmark of the indicator computation (``make bench``).

Generates a large city in bulk SQL, computes all indicators for one year of months through the same service the
Celery tasks call (delete + upsert of IndicatorValue rows in one transaction per indicator), and compares with a
baseline: the same SQL aggregates run read-only on a raw cursor, writing nothing. Prints rows, seconds, peak memory
and the ratio (goal: ≤ 2). Run twice at different scales to see memory stay flat: `--scale 0.1` and `--scale 1`.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._setup import django_on_bench_database, peak_memory_mib

YEAR_START, YEAR_END = date(2025, 1, 1), date(2026, 1, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 initiatives (default)")
    parser.add_argument("--reuse", action="store_true", help="keep the data of the previous run")
    options = parser.parse_args()
    django_on_bench_database()

    from django.db import connection
    from generate import generate_city, row_counts

    from apps.indicators.computations import COMPUTATIONS, compute_indicator, indicator_query
    from apps.indicators.models import IndicatorValue

    started = time.perf_counter()
    counts = row_counts() if options.reuse else generate_city(options.scale)
    generation_seconds = time.perf_counter() - started
    print(f"data: {', '.join(f'{table}={count:,}' for table, count in counts.items())}")
    print(f"generation: {generation_seconds:.1f} s" + (" (reused)" if options.reuse else ""))

    timings: list[tuple[str, float, float, int]] = []
    for code in COMPUTATIONS:
        if COMPUTATIONS[code].build is None:  # written by the unit network's job (networkx): timed as a whole
            begin = time.perf_counter()
            written = compute_indicator(code, period_kind="month", since=YEAR_START, until=YEAR_END)
            timings.append((code, 0.0, time.perf_counter() - begin, written))
            continue
        with_clause, params, _, _ = indicator_query(code, period_kind="month", since=YEAR_START, until=YEAR_END)
        begin = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                f"{with_clause} SELECT count(*), sum(value) FROM computed "
                "WHERE period_start >= %(since)s AND period_start < %(until)s",
                params,
            )
            cursor.fetchone()
        baseline = time.perf_counter() - begin
        begin = time.perf_counter()
        written = compute_indicator(code, period_kind="month", since=YEAR_START, until=YEAR_END)
        timings.append((code, baseline, time.perf_counter() - begin, written))

    print(f"\n{'indicator':<24}{'baseline s':>12}{'service s':>12}{'rows':>8}")
    for code, baseline, service, written in timings:
        print(f"{code:<24}{baseline:>12.2f}{service:>12.2f}{written:>8}")
    baseline_total = sum(t[1] for t in timings)
    service_total = sum(t[2] for t in timings)
    print(f"\nindicator values stored: {IndicatorValue.objects.count():,} (one year of months)")
    print(f"baseline (read-only SQL aggregates): {baseline_total:.1f} s")
    print(f"full computation (service, writes):  {service_total:.1f} s")
    print(f"peak memory of this process: {peak_memory_mib():.0f} MiB")
    print(f"ratio full / baseline: {service_total / baseline_total:.2f} (goal <= 2)")


if __name__ == "__main__":
    main()
