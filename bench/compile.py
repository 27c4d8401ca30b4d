"""Throughput and peak memory of `eventc compile` as the number of records grows.

Usage: python3 bench/compile.py [target/release/eventc] [N ...]
Builds a raw folder of N records by repeating the bundled article's records (with fresh ids),
compiles it, and prints records per second and the peak resident memory of the run. Memory
should stay flat as N grows: records stream from input to output in batches.
"""

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_raw(n, where):
    raw = where / "raw"
    shutil.copytree(ROOT / "raw" / "documents", raw / "documents")
    (raw / "events").mkdir(parents=True)
    with open(ROOT / "raw" / "events" / "article.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    with open(raw / "events" / "bench.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for i in range(n):
            row = dict(rows[i % len(rows)])
            row["event_id"] = f"bench-{i}"
            w.writerow(row)
    return raw


def run(binary, n):
    with tempfile.TemporaryDirectory() as tmp:
        raw = make_raw(n, Path(tmp))
        start = time.perf_counter()
        p = subprocess.Popen(
            [binary, "compile", str(raw), "--schema", str(ROOT / "schema"), "--out", str(Path(tmp) / "out"), "--quiet"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        # wait4 gives this child's own peak memory, not the maximum over all children so far.
        _, status, usage = os.wait4(p.pid, 0)
        secs = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"compile failed ({code}): {p.stderr.read().decode()}")
        print(f"{n:>9} records  {secs:7.2f} s  {n / secs:>10,.0f} records/s  peak RSS {usage.ru_maxrss / 1024:7.1f} MiB")


if __name__ == "__main__":
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "release" / "eventc")
    sizes = [int(a) for a in sys.argv[2:]] or [1_000, 10_000, 100_000]
    for n in sizes:
        run(binary, n)
