"""Benchmark ``dpia validate``, ``score``, ``build`` and ``verify`` as whole processes against
the floor.

For each size (default 1,000, 5,000 and 10,000 risks) a synthetic workbook is generated
(``generate.py``), then each command runs ``--runs`` times as its own process; the median
wall time and the median peak memory (max RSS of that process, from ``wait4``) are printed,
with the ratio to the floor (``floor.py``: read every cell with calamine, write plain Word
tables with lxml). ``verify`` checks the report ``build`` writes of the same workbook (built
once beforehand when ``build`` is not measured); it renders the report again from its
record, so its target is the time of ``build``. ``--batch`` also measures the per-workbook
overhead of ``dpia build -j``; ``--register`` the time of ``dpia register FOLDER -o
register.xlsx`` over that many small workbooks.

    python benchmarks/bench.py                  # all sizes, 3 runs each
    python benchmarks/bench.py --sizes 5000 --runs 5 --commands build
    python benchmarks/bench.py --sizes 0 --batch 200   # batch overhead only
    python benchmarks/bench.py --sizes 0 --register 200   # the portfolio register only
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_workbook  # noqa: E402

COMMANDS = ("validate", "score", "build", "verify")


def run_process(argv: list[str]) -> tuple[float, float, float]:
    """Run ``argv`` to completion; its wall time and CPU time (user + system) in seconds and
    its peak memory in MB. CPU time is the steadier figure on a shared machine.

    ``wait4`` gives the rusage of exactly this child, unlike RUSAGE_CHILDREN, which keeps the
    largest of all children so far."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} exited {process.returncode}: {stderr.decode()[-2000:]}"
        )
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def measure(argv_for_run, runs: int) -> tuple[float, float, float]:
    """Median wall time, CPU time and peak memory over ``runs`` runs; ``argv_for_run(i)``
    gives each run's command (so that outputs can differ per run)."""
    results = [run_process(argv_for_run(run)) for run in range(runs)]
    return tuple(statistics.median(values) for values in zip(*results))


def dpia(*args: str) -> list[str]:
    """The command line that runs dpia with the current interpreter."""
    return [sys.executable, "-m", "dpia", *args]


def command_argv(command: str, workbook: Path, out_dir: Path):
    """A function giving the argv of run ``i`` of ``command`` on ``workbook``."""
    if command == "floor":
        return lambda run: [sys.executable, str(HERE / "floor.py"), str(workbook),
                            str(out_dir / f"floor-{run}.docx")]
    if command == "build":
        return lambda run: dpia("build", str(workbook), "-o", str(out_dir / f"report-{run}.docx"),
                                "--force")
    if command == "verify":
        report = out_dir / "verified.docx"
        if not report.exists():
            run_process(dpia("build", str(workbook), "-o", str(report), "--force", "--quiet"))
        return lambda run: dpia("verify", str(report))
    if command == "score":
        return lambda run: dpia("score", str(workbook), "--format", "json")
    return lambda run: dpia(command, str(workbook))


def compile_bytecode() -> str:
    """Compile dpia's modules to bytecode, as ``pip install`` does, and say so.

    An editable install, or a machine with PYTHONDONTWRITEBYTECODE set, would otherwise
    compile dpia's sources in every process (about 0.05 s): a cost a user's installed copy
    never pays."""
    import compileall

    import dpia

    package = Path(dpia.__file__).resolve().parent
    compileall.compile_dir(str(package), quiet=1)
    return f"dpia's modules compiled to bytecode first ({package})"


def machine() -> str:
    """One line naming the machine the figures ran on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def bench_sizes(sizes: list[int], commands: list[str], runs: int, work: Path) -> None:
    """Print a Markdown table: per size and command, median time, peak memory, ratio to floor."""
    print("| risks | command | wall (s) | × floor | CPU (s) | × floor | peak memory (MB) |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    previous: dict[str, tuple[float, float]] = {}
    growth: list[str] = []
    for size in sizes:
        workbook = generate_workbook(work / f"risks-{size}.xlsx", size)
        out_dir = work / f"out-{size}"
        out_dir.mkdir(exist_ok=True)
        floor_time, floor_cpu, floor_peak = measure(command_argv("floor", workbook, out_dir),
                                                    runs)
        print(f"| {size:,} | floor | {floor_time:.2f} | 1.00 | {floor_cpu:.2f} | 1.00 | "
              f"{floor_peak:.0f} |", flush=True)
        for command in commands:
            elapsed, cpu, peak = measure(command_argv(command, workbook, out_dir), runs)
            print(f"| {size:,} | {command} | {elapsed:.2f} | {elapsed / floor_time:.2f} | "
                  f"{cpu:.2f} | {cpu / floor_cpu:.2f} | {peak:.0f} |", flush=True)
            if command in previous:
                growth.append(f"{command}: wall ×{elapsed / previous[command][0]:.2f}, "
                              f"CPU ×{cpu / previous[command][1]:.2f}")
            previous[command] = (elapsed, cpu)
        if growth:
            print(f"\ngrowth to {size:,} risks from the previous size: {', '.join(growth)}\n")
            growth = []


def bench_batch(count: int, risks: int, jobs: int, runs: int, work: Path) -> None:
    """Per-workbook overhead of one ``dpia build FOLDER -j N`` over ``count`` small workbooks:
    against the same builds done inside one warm process (the work itself), and against one
    ``dpia build`` process per workbook (what a shell loop costs)."""
    folder = work / f"batch-{count}x{risks}"
    folder.mkdir(exist_ok=True)
    workbooks = [generate_workbook(folder / f"wb-{i:04d}.xlsx", risks, seed=i)
                 for i in range(count)]
    out_dir = work / "batch-out"

    def batch_argv(run: int) -> list[str]:
        shutil.rmtree(out_dir, ignore_errors=True)
        out_dir.mkdir()  # dpia build refuses to write into a folder that is not there
        return dpia("build", str(folder), "-o", str(out_dir), "-j", str(jobs), "--quiet")

    batch_wall, batch_cpu, batch_peak = measure(batch_argv, runs)
    # A single build costs about the same for each of these workbooks: time a sample.
    sample = workbooks[: min(count, 20)]
    singles = [run_process(dpia("build", str(wb), "-o", str(work / "single.docx"), "--force",
                                "--quiet")) for wb in sample]
    single_wall = statistics.median(result[0] for result in singles)
    single_cpu = statistics.median(result[1] for result in singles)
    warm_wall, warm_cpu = _in_process_build_time(sample, work)
    print(f"batch: {count} workbooks of {risks} risks, `dpia build FOLDER -j {jobs}`: "
          f"{batch_wall:.2f} s wall, {batch_cpu:.2f} s CPU (all processes), "
          f"peak {batch_peak:.0f} MB")
    print(f"- per workbook: {batch_wall / count * 1000:.1f} ms wall, "
          f"{batch_cpu / count * 1000:.1f} ms CPU")
    print(f"- one build inside a warm process: {warm_wall * 1000:.1f} ms wall, "
          f"{warm_cpu * 1000:.1f} ms CPU")
    print(f"- batch overhead per workbook (CPU beyond the build itself): "
          f"{(batch_cpu / count - warm_cpu) * 1000:.1f} ms")
    print(f"- one `dpia build` process per workbook: {single_wall * 1000:.0f} ms wall, "
          f"{single_cpu * 1000:.0f} ms CPU; {count} in a shell loop ≈ "
          f"{single_wall * count:.1f} s wall, vs {batch_wall:.1f} s for the batch")


def bench_register(count: int, risks: int, jobs: int, runs: int, work: Path) -> None:
    """``dpia register FOLDER -o register.xlsx -j N`` over ``count`` workbooks of ``risks``
    risks, in subfolders of 50 (a DPO's folder tree), with the register written."""
    folder = work / f"register-{count}x{risks}"
    for i in range(count):
        sub = folder / f"dept-{i // 50:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        if not (sub / f"dpia-{i:04d}.xlsx").exists():
            generate_workbook(sub / f"dpia-{i:04d}.xlsx", risks, seed=i)
    out = work / "register.xlsx"

    def argv(run: int) -> list[str]:
        return dpia("register", str(folder), "-o", str(out), "-j", str(jobs), "--force", "-q",
                    "--as-of", "2026-12-05")

    wall, cpu, peak = measure(argv, runs)
    print(f"register: {count} workbooks of {risks} risks, `dpia register FOLDER -o "
          f"register.xlsx -j {jobs}`: {wall:.2f} s wall, {cpu:.2f} s CPU (all processes), "
          f"peak {peak:.0f} MB; {wall / count * 1000:.1f} ms wall per workbook")


def _in_process_build_time(workbooks: list[Path], work: Path) -> tuple[float, float]:
    """Median wall and CPU time of ``build_one`` inside one warm process (imports and the
    first build excluded)."""
    code = (
        "import sys, time, statistics\n"
        "from pathlib import Path\n"
        "from dpia.build import build_one\n"
        "walls, cpus = [], []\n"
        "for i, wb in enumerate(sys.argv[2:]):\n"
        "    wall, cpu = time.perf_counter(), time.process_time()\n"
        "    build_one(Path(wb), Path(sys.argv[1]) / f'w{i}.docx', force=True, name=wb)\n"
        "    walls.append(time.perf_counter() - wall)\n"
        "    cpus.append(time.process_time() - cpu)\n"
        "print(statistics.median(walls[1:] or walls), statistics.median(cpus[1:] or cpus))\n"
    )
    out = work / "warm"
    out.mkdir(exist_ok=True)
    result = subprocess.run([sys.executable, "-c", code, str(out), *map(str, workbooks)],
                            capture_output=True, text=True, check=True)
    wall, cpu = result.stdout.split()
    return float(wall), float(cpu)


def main() -> None:
    """Command line of the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000],
                        help="numbers of risks (0 to skip)")
    parser.add_argument("--commands", nargs="+", default=list(COMMANDS), choices=COMMANDS)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--batch", type=int, default=0, metavar="N",
                        help="also measure a batch build of N small workbooks")
    parser.add_argument("--batch-risks", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2, help="-j for the batch build and "
                        "the register")
    parser.add_argument("--register", type=int, default=0, metavar="N",
                        help="also time dpia register over N small workbooks")
    parser.add_argument("--work", type=Path, default=None, help="keep files here")
    args = parser.parse_args()

    print(f"Machine: {machine()}")
    print(f"{compile_bytecode()}\n")
    with tempfile.TemporaryDirectory(prefix="dpia-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        sizes = [size for size in args.sizes if size > 0]
        if sizes:
            bench_sizes(sizes, args.commands, args.runs, work)
        if args.batch:
            print()
            bench_batch(args.batch, args.batch_risks, args.jobs, args.runs, work)
        if args.register:
            print()
            bench_register(args.register, args.batch_risks, args.jobs, args.runs, work)


if __name__ == "__main__":
    main()
