"""Measurement helpers: a stage stopwatch, robust statistics, and child processes whose
wall time and peak RSS are read from the kernel (``os.wait4``), one process at a time.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def median(values: Sequence[float]) -> float:
    """The median (NaN for no values)."""
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linearly interpolated like numpy's default."""
    if not values:
        return float("nan")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def rotated(items: Sequence, shift: int) -> list:
    """``items`` rotated left by ``shift``: alternates who runs first between rounds."""
    k = shift % len(items)
    return list(items[k:]) + list(items[:k])


class Stopwatch:
    """Accumulates wall and CPU seconds per label; nested labels are the caller's business.

    CPU time is this process's, all threads included (ONNX Runtime's, Chroma's): it is
    less disturbed than wall time when other jobs take the cores.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)

    @contextmanager
    def time(self, label: str) -> Iterator[None]:
        """Add the time spent in the block to ``label``."""
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds[label] += time.perf_counter() - t0
            self.cpu[label] += time.process_time() - c0


@dataclass
class ProcResult:
    """A finished child process: wall time, peak RSS and its output."""

    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


# A small stdlib-only launcher starts each measured process. On Linux a child's
# ru_maxrss starts from the RSS of the process that forked it (exec keeps the old high-water
# mark), so forking straight from this ~1 GB benchmark process would report ~1 GB for
# everything; the launcher's own ~10 MB is the floor instead (about `python -c pass`).
LAUNCHER = """
import json, os, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
seconds = time.perf_counter() - t0
with open(sys.argv[1], "w") as f:
    json.dump({"seconds": seconds, "max_rss_kib": usage.ru_maxrss,
               "returncode": os.waitstatus_to_exitcode(status)}, f)
"""


def run_process(argv: Sequence[str], env: dict | None = None) -> ProcResult:
    """Run a child to completion via the launcher; wall time and peak RSS are the child's own."""
    with tempfile.TemporaryDirectory(prefix="bench-proc-") as tmp:
        stats, out, err = Path(tmp) / "stats.json", Path(tmp) / "out", Path(tmp) / "err"
        with open(out, "w") as fo, open(err, "w") as fe:
            launcher = subprocess.run([sys.executable, "-I", "-c", LAUNCHER, str(stats), *argv],
                                      stdout=fo, stderr=fe, env=env, cwd=REPO, check=False)
        if launcher.returncode != 0 or not stats.exists():
            raise RuntimeError(f"launcher failed: {err.read_text()[-2000:]}")
        got = json.loads(stats.read_text())
        # Linux reports ru_maxrss in KiB.
        return ProcResult(got["seconds"], got["max_rss_kib"] / 1024, got["returncode"],
                          out.read_text(), err.read_text())


def child_env(data_dir: Path | str | None = None) -> dict:
    """Environment for a child: our data dir (never the user's), no progress bars."""
    env = dict(os.environ)
    env.update({"RAG_SHOW_PROGRESS": "false", "ANONYMIZED_TELEMETRY": "False"})
    if data_dir is not None:
        env["RAG_DATA_DIR"] = str(data_dir)
    return env


def rag_command() -> list[str]:
    """How to start the ``rag`` CLI with this interpreter (its console script if present)."""
    script = Path(sys.executable).parent / "rag"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rag"]


def ingest_in_child(corpus: Path, data_dir: Path) -> ProcResult:
    """``rag ingest CORPUS`` in a fresh process; raises if it fails."""
    res = run_process([*rag_command(), "ingest", str(corpus), "--no-progress"], child_env(data_dir))
    if res.returncode != 0:
        raise RuntimeError(f"rag ingest failed ({res.returncode}): {res.stderr[-2000:]}")
    return res
