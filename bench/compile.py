"""Throughput and peak memory of `eventc compile` on synthetic datasets of growing size.

Usage: python3 bench/compile.py [N ...] [--seed S] [--keep DIR] [--max-memory GIB]

For each N (default 100000 1000000 10000000), `eventc generate` writes N records over N/10
documents (not timed); then `eventc compile` runs on them, and so does the reference, a plain
conversion of the same events files to an all-text Parquet file with no checks
(examples/text_parquet.rs). Each line gives the wall time, records per second and peak
resident memory of both, eventc's accepted and rejected counts, its ratio to the reference,
and the sizes of its outputs. Memory should stay flat as N grows.

--keep DIR keeps each generated dataset (and eventc's outputs) in DIR/N for profiling.
--max-memory caps the address space of each timed process (default: half the machine's
memory), so that a run that does not fit fails alone rather than with its neighbours.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
EVENTC = TARGET / "release" / "eventc"
REFERENCE = TARGET / "release" / "examples" / "text_parquet"
OUTPUTS = ["events.parquet", "events.csv", "rejected.csv", "validation_issues.csv", "validation_report.json"]


def build():
    subprocess.run(["cargo", "build", "--release", "--bins", "--examples"], cwd=ROOT, check=True)


def timed(cmd, max_bytes):
    """Runs cmd; returns (seconds, peak RSS in MiB, exit code or -signal, stderr)."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))

    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)
    err = p.stderr.read().decode(errors="replace")
    # wait4 gives this child's own peak memory, not the maximum over all children so far.
    _, status, usage = os.wait4(p.pid, 0)
    secs = time.perf_counter() - start
    return secs, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), err


def size(path):
    n = path.stat().st_size if path.exists() else 0
    for unit in ["B", "kB", "MB", "GB"]:
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000


def run(n, seed, where, max_bytes):
    start = time.perf_counter()
    gen = subprocess.run(
        [EVENTC, "generate", "--records", str(n), "--out", where, "--seed", str(seed),
         "--schema", ROOT / "schema"],
        capture_output=True, text=True,
    )
    if gen.returncode != 0:
        sys.exit(f"generate failed: {gen.stderr}")
    print(f"{'':>19}{gen.stderr.strip()} ({time.perf_counter() - start:.1f} s)")
    out = where / "out"
    secs, rss, code, err = timed(
        [EVENTC, "compile", where / "raw", "--schema", where / "schema", "--out", out, "--quiet"], max_bytes)
    ref_secs, ref_rss, ref_code, ref_err = timed(
        [REFERENCE, where / "raw" / "events", where / "reference.parquet"], max_bytes)
    if ref_code != 0:
        sys.exit(f"reference failed ({ref_code}): {ref_err}")
    ref = f"reference {ref_secs:7.2f} s {n / ref_secs:>11,.0f} rec/s {ref_rss:7.1f} MiB"
    if code not in (0, 1):
        why = "killed by signal %d" % -code if code < 0 else f"exit {code}"
        lines = [l for l in err.splitlines() if l.strip() and not l.startswith("note:")]
        print(f"{n:>10} records  eventc FAILED after {secs:.1f} s ({why}, peak {rss:.0f} MiB): "
              f"{' / '.join(lines[-2:]) or 'no message'}\n{'':>19}{ref}")
        return
    s = json.loads((out / "validation_report.json").read_text())["summary"]
    print(f"{n:>10} records  eventc {secs:7.2f} s {n / secs:>11,.0f} rec/s {rss:7.1f} MiB"
          f"  accepted {s['events_written']:,} rejected {s['records_rejected']:,}"
          f"  {secs / ref_secs:5.1f}x the reference\n{'':>19}{ref}")
    print(f"{'':>19}outputs: " + ", ".join(f"{f} {size(out / f)}" for f in OUTPUTS))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000, 10_000_000])
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--keep", type=Path, help="keep the generated data in DIR/N")
    ap.add_argument("--max-memory", type=float, metavar="GIB",
                    help="address-space limit of each timed process, in GiB")
    args = ap.parse_args()
    phys = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    max_bytes = int(args.max_memory * 2**30) if args.max_memory else phys // 2
    build()
    print(f"memory limit {max_bytes / 2**30:.1f} GiB per process")
    for n in args.sizes:
        if args.keep:
            where = args.keep.resolve() / str(n)
            if where.exists():
                sys.exit(f"{where} already exists")
            where.mkdir(parents=True)
            run(n, args.seed, where, max_bytes)
        else:
            with tempfile.TemporaryDirectory(prefix="eventc-bench-") as tmp:
                run(n, args.seed, Path(tmp), max_bytes)


if __name__ == "__main__":
    main()
