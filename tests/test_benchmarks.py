"""The benchmark script runs end to end on tiny workbooks (figures are not checked: timing
belongs in benchmarks/, not in tests), so that a change to dpia's commands cannot quietly
break the way docs/performance.md is measured."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def test_bench_measures_commands_floor_and_a_batch(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BENCH), "--sizes", "40", "--runs", "1", "--batch", "3",
         "--batch-risks", "5", "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    for command in ("floor", "validate", "score", "build", "verify"):
        assert any(line.startswith(f"| 40 | {command} |") for line in lines), result.stdout
    assert "batch overhead per workbook" in result.stdout
    # the workbooks it measured are valid: every build wrote its report
    assert len(list((tmp_path / "batch-out").glob("*.docx"))) == 3
    assert (tmp_path / "out-40" / "report-0.docx").stat().st_size > 0
