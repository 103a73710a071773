"""Benchmark of the indicator computation (``make bench``).

Generates a large city in bulk SQL and times, indicator by indicator, Silta's computation (``compute_indicator``,
as the Celery tasks run it: delete + upsert of one year of months in one transaction) against an independent
baseline (bench/baseline_sql.py: plain SQL written apart from apps/indicators that gives the same rows). The values
Silta stored must equal the baseline's rows (a mismatch is printed and fails the run); each is timed in alternating
rounds, the median of three. Then the whole indicator run (every job, the summaries too) once. Prints seconds,
the ratio Silta / baseline and peak memory; run at two scales to see memory stay flat.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._setup import django_on_bench_database, peak_memory_mib

YEAR_START, YEAR_END = date(2025, 1, 1), date(2026, 1, 1)
ROUNDS = 3


def _seconds(run) -> float:
    begin = time.perf_counter()
    run()
    return time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 initiatives (default)")
    parser.add_argument("--reuse", action="store_true", help="keep the data of the previous run")
    parser.add_argument("--only", nargs="*", help="these indicators only")
    parser.add_argument("--whole-run", action="store_true", help="also time every job of a run once (networks too)")
    options = parser.parse_args()
    django_on_bench_database()

    from generate import generate_city, row_counts

    from apps.indicators.computations import COMPUTATIONS, JOBS, compute_indicator, compute_job
    from apps.indicators.models import IndicatorValue
    from bench.baseline_sql import BASELINES, baseline_rows, mismatches, stored_rows

    started = time.perf_counter()
    counts = row_counts() if options.reuse else generate_city(options.scale)
    generation_seconds = time.perf_counter() - started
    print(f"data: {', '.join(f'{table}={count:,}' for table, count in counts.items())}")
    print(f"generation: {generation_seconds:.1f} s" + (" (reused)" if options.reuse else ""))

    year = {"period_kind": "month", "since": YEAR_START, "until": YEAR_END}
    codes = [c for c in COMPUTATIONS if COMPUTATIONS[c].build is not None and (not options.only or c in options.only)]
    failures = 0
    totals = {"silta": 0.0, "silta_covered": 0.0, "baseline": 0.0}
    print(f"\n{'indicator':<24}{'Silta s':>9}{'baseline s':>12}{'ratio':>8}{'rows':>7}  check")
    for code in codes:
        silta, baseline = [], []
        for _ in range(ROUNDS):  # alternating, so a busy moment of the machine hits both alike
            silta.append(_seconds(lambda code=code: compute_indicator(code, **year)))
            if code in BASELINES:
                baseline.append(_seconds(lambda code=code: baseline_rows(code, **year)))
        stored = stored_rows(code, **year)
        s_median = statistics.median(silta)
        totals["silta"] += s_median
        if code not in BASELINES:
            print(f"{code:<24}{s_median:>9.2f}{'-':>12}{'-':>8}{len(stored):>7}  (no baseline yet)")
            continue
        problems = mismatches(stored, baseline_rows(code, **year))
        failures += bool(problems)
        b_median = statistics.median(baseline)
        totals["silta_covered"] += s_median
        totals["baseline"] += b_median
        check = "same rows" if not problems else f"{len(problems)} MISMATCHES"
        print(f"{code:<24}{s_median:>9.2f}{b_median:>12.2f}{s_median / b_median:>8.1f}{len(stored):>7}  {check}")
        for problem in problems[:20]:
            print(f"    {problem}")

    covered = totals["silta_covered"]
    print(
        f"{'total with a baseline':<24}{covered:>9.2f}{totals['baseline']:>12.2f}{covered / totals['baseline']:>8.1f}"
    )
    print(f"{'total, all indicators':<24}{totals['silta']:>9.2f}")
    whole = 0.0
    if options.whole_run:
        whole = _seconds(lambda: [compute_job(job, **year) for job in JOBS])
    print(f"\nindicator values stored: {IndicatorValue.objects.count():,} (one year of months)")
    if whole:
        print(f"whole indicator run ({len(JOBS)} jobs, summaries included): {whole:.1f} s")
    print(f"peak memory of this process: {peak_memory_mib():.0f} MiB")
    if failures:
        print(f"{failures} indicator(s) differ from the baseline")
        sys.exit(1)


if __name__ == "__main__":
    main()
