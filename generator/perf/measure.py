"""One measured run of a command: wall time and the peak memory of its whole process tree."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# A fresh wrapper per run: RUSAGE_CHILDREN of the wrapper is the peak of this command's processes only
# (pool workers included, as they are waited for), not of earlier runs of the benchmark.
_WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "peak_kib": peak, "status": done.returncode, "stdout": done.stdout, "stderr": done.stderr}))
"""


@dataclass(frozen=True)
class Run:
    wall_s: float
    peak_mb: float
    status: int
    stdout: str
    stderr: str


def run(command: list[str], cwd: Path | None = None) -> Run:
    """Run command (argv) to its end; its output is captured."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *command], capture_output=True, text=True, cwd=cwd)
    if done.returncode != 0 or not done.stdout.strip():
        return Run(time.perf_counter() - started, 0.0, done.returncode or 1, done.stdout, done.stderr)
    data = json.loads(done.stdout)
    return Run(round(data["wall"], 2), round(data["peak_kib"] / 1024, 1), data["status"], data["stdout"], data["stderr"])


def bdp(root: Path, *args: str) -> Run:
    """`bdp --root root ARGS` in a fresh interpreter."""
    return run([sys.executable, "-m", "generator", "--root", str(root), *args])


def checked(result: Run, what: str) -> Run:
    if result.status != 0:
        raise SystemExit(f"{what}: kod wyjścia {result.status}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return result
