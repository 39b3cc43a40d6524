#!/usr/bin/env python3
"""The benchmarks of `make bench` (issue #6): prints one table of figures and
whether each target was met.

Generation: for the shipped table and synthetic tables of 1k, 100k and 1M
reasons (synth.py), the wall time, CPU time and peak RSS (measure.c) of a
whole smtpgen run into a fresh output folder, the median of several runs,
beside the lower bound of reading the same files: libcsv with no-op
callbacks (csv_floor.c).

Lookups: lookup_bench.c over the shipped header, against a linear strcmp
scan and gperf perfect hashes (gperf_keys.py) of the same keys.

Everything big goes to a temporary folder that is removed at the end; the
helpers are built under --build.

usage: bench.py [--generator gen/smtpgen] [--build DIR] [--runs N] ...
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# The targets.
SHIPPED_MS = 5.0          # shipped table generated in under 5 ms
FLOOR_RATIO_100K = 4.0    # 100k rows within 4x of the libcsv lower bound
GROWTH_1M = 11.0          # 1M rows at most 11x the 100k time
RSS_RATIO_1M = 8.0        # peak RSS at 1M rows at most 8x the input's size
GPERF_RATIO = 1.5         # each lookup within 1.5x of gperf


def run_measured(argv, warnings_ok=False):
    """Runs argv under measure (measure.c); returns (wall seconds, CPU
    seconds, peak RSS in bytes, stdout). Stops the benchmark when it fails
    or, unless warnings_ok, prints anything on stderr."""
    with tempfile.NamedTemporaryFile(mode="r") as result:
        proc = subprocess.run([MEASURE, result.name] + argv, capture_output=True)
        figures = result.read().split()
    stderr = proc.stderr.decode(errors="replace")
    if proc.returncode != 0 or len(figures) != 4 or figures[3] != "0" \
            or (stderr and not warnings_ok):
        raise SystemExit("bench: %s failed:\n%s" % (" ".join(argv), stderr[:2000]))
    return (float(figures[0]), float(figures[1]), int(figures[2]) * 1024,
            proc.stdout.decode())


def build(args):
    """Builds measure, csv_floor and lookup_bench (with its gperf tables)."""
    global MEASURE
    os.makedirs(args.build, exist_ok=True)
    cflags = ["-O2", "-std=c99", "-Wall", "-Wextra", "-pedantic"]
    MEASURE = os.path.join(args.build, "measure")
    subprocess.run([args.cc] + cflags + ["-o", MEASURE, os.path.join(HERE, "measure.c")],
                   check=True)
    floor = os.path.join(args.build, "csv_floor")
    subprocess.run([args.cc] + cflags + ["-o", floor, os.path.join(HERE, "csv_floor.c"),
                                         "-lcsv"], check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "gperf_keys.py"), args.replies,
                    args.reasons, args.build, args.gperf], check=True)
    lookup = os.path.join(args.build, "lookup_bench")
    subprocess.run([args.cc] + cflags + [
        "-I" + args.include, "-I" + args.build,
        "-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free",
        "-o", lookup, os.path.join(HERE, "lookup_bench.c")], check=True)
    return floor, lookup


def median_run(argv, runs, before=None, warnings_ok=False):
    """Medians of wall time, CPU time and peak RSS over runs, and the last
    run's stdout; before() runs first each time, outside the timing."""
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        if before:
            before()
        wall, cpu, peak, stdout = run_measured(argv, warnings_ok)
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
    return (statistics.median(walls), statistics.median(cpus), statistics.median(peaks),
            stdout)


def line_count(path):
    with open(path, "rb") as f:
        return f.read().count(b"\n")


def generation(args, floor, tmp):
    """Rows of (label, rows, input bytes, smtpgen wall s, smtpgen CPU s,
    floor wall s, floor CPU s, peak RSS bytes)."""
    results = []
    out = os.path.join(tmp, "out")

    def fresh_out():
        shutil.rmtree(out, ignore_errors=True)

    tables = [("shipped", None, args.replies, args.reasons, args.shipped_runs)]
    for rows in args.sizes:
        folder = os.path.join(tmp, "rows-%d" % rows)
        subprocess.run([sys.executable, os.path.join(HERE, "synth.py"), str(rows), folder],
                       check=True)
        tables.append(("%d" % rows, rows, os.path.join(folder, "replies.csv"),
                       os.path.join(folder, "reasons.csv"), args.runs))
    for label, rows, replies, reasons, runs in tables:
        size = os.path.getsize(replies) + os.path.getsize(reasons)
        # The shipped table draws two warnings (data/README.md explains
        # them); the synthetic ones must draw none.
        seconds, cpu, peak, _ = median_run([args.generator, "--replies", replies,
                                            "--reasons", reasons, "--out", out], runs,
                                           fresh_out, warnings_ok=rows is None)
        floor_seconds, floor_cpu, _, counts = median_run([floor, replies, reasons], runs)
        # One record a line in these files: a floor that read less is wrong.
        records = int(counts.split()[2])
        if records != line_count(replies) + line_count(reasons):
            raise SystemExit("bench: csv_floor read %d records of %s and %s"
                             % (records, replies, reasons))
        results.append((label, rows, size, seconds, cpu, floor_seconds, floor_cpu, peak))
        print("  measured %-8s %10.1f ms" % (label, seconds * 1e3), file=sys.stderr)
        fresh_out()
        if rows is not None:
            shutil.rmtree(os.path.dirname(replies), ignore_errors=True)
    return results


def lookups(args, lookup):
    """{(kind, impl): (ns per call, allocations)} from lookup_bench."""
    _, _, _, stdout = run_measured([lookup, str(args.calls), str(args.lookup_runs)])
    found = {}
    for line in stdout.splitlines():
        _, kind, impl, ns, allocations = line.split()
        found[(kind, impl)] = (float(ns), int(allocations))
    return found


def machine():
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as f:
        mem_kb = int(f.readline().split()[1])
    cc = subprocess.run([ARGS.cc, "--version"], capture_output=True, text=True).stdout
    return "%s, %d cores, %.0f GiB RAM, Linux %s, %s" % (
        model, os.cpu_count(), mem_kb / 2**20, platform.release(),
        cc.splitlines()[0] if cc else ARGS.cc)


def human(size):
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return "%.1f %s" % (size, unit) if unit != "B" else "%d B" % size
        size /= 1000.0
    return str(size)


def verdict(ok):
    return "met" if ok else "MISSED"


def report(gen, look):
    print("smtpgen benchmarks (make bench)")
    print("machine: %s" % machine())
    print("load average at the end: %.2f %.2f %.2f (on a busy machine the wall times "
          "grow; CPU times less so)" % os.getloadavg())
    print()
    print("generation: whole runs into a fresh output folder; medians of %d runs "
          "(%d for the shipped table)" % (ARGS.runs, ARGS.shipped_runs))
    print("  %-8s %9s %14s %14s %14s %14s %7s %10s %7s" % (
        "reasons", "input", "smtpgen wall", "smtpgen CPU", "libcsv wall", "libcsv CPU",
        "ratio", "peak RSS", "RSS/in"))
    by_label = {}
    for label, rows, size, wall, cpu, floor, floor_cpu, peak in gen:
        by_label[label] = (rows, size, wall, floor, peak)
        print("  %-8s %9s %11.1f ms %11.1f ms %11.1f ms %11.1f ms %6.1fx %10s %6.1fx" % (
            label, human(size), wall * 1e3, cpu * 1e3, floor * 1e3, floor_cpu * 1e3,
            wall / floor, human(peak), peak / size))
    print("  (ratio: smtpgen's wall time over libcsv's, both whole processes; an empty")
    print("  process, /bin/true, takes %.1f ms wall and %.1f ms CPU on this machine)"
          % (EMPTY[0] * 1e3, EMPTY[1] * 1e3))
    print()
    print("lookups over the shipped header: %d random hits per run, median of %d "
          "interleaved runs, ns per call" % (ARGS.calls, ARGS.lookup_runs))
    print("  %-20s %8s %8s %8s %13s %13s %12s" % (
        "lookup", "header", "linear", "gperf", "header/gperf", "linear/gperf",
        "allocations"))
    kinds = [("code-description", "code -> description"),
             ("name-reason", "name -> reason"),
             ("symbol-reason", "symbol -> reason")]
    for kind, title in kinds:
        header, linear, gperf = (look[(kind, impl)] for impl in ("header", "linear", "gperf"))
        print("  %-20s %8.2f %8.2f %8.2f %12.2fx %12.2fx %12d" % (
            title, header[0], linear[0], gperf[0], header[0] / gperf[0],
            linear[0] / gperf[0], header[1]))
    print()
    print("targets")
    lines = []
    if "shipped" in by_label:
        wall = by_label["shipped"][2]
        lines.append(("shipped table generated in under %.0f ms" % SHIPPED_MS,
                      "%.1f ms" % (wall * 1e3), wall * 1e3 < SHIPPED_MS))
    if "100000" in by_label:
        _, _, wall, floor, _ = by_label["100000"]
        lines.append(("100k rows within %.0fx of the libcsv lower bound" % FLOOR_RATIO_100K,
                      "%.1fx" % (wall / floor), wall / floor <= FLOOR_RATIO_100K))
    if "100000" in by_label and "1000000" in by_label:
        growth = by_label["1000000"][2] / by_label["100000"][2]
        lines.append(("1M rows at most %.0fx the 100k time" % GROWTH_1M,
                      "%.1fx" % growth, growth <= GROWTH_1M))
    if "1000000" in by_label:
        _, size, _, _, peak = by_label["1000000"]
        lines.append(("peak RSS at 1M rows at most %.0fx the input" % RSS_RATIO_1M,
                      "%.1fx (%s for %s)" % (peak / size, human(peak), human(size)),
                      peak / size <= RSS_RATIO_1M))
    for kind, title in kinds:
        header, gperf = look[(kind, "header")], look[(kind, "gperf")]
        ratio = header[0] / gperf[0]
        lines.append(("%s within %.1fx of gperf, no allocation" % (title, GPERF_RATIO),
                      "%.2fx, %d allocations" % (ratio, header[1]),
                      ratio <= GPERF_RATIO and header[1] == 0))
    for what, value, ok in lines:
        print("  %-56s %-28s %s" % (what, value, verdict(ok)))


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generator", default=os.path.join(ROOT, "gen", "smtpgen"))
    parser.add_argument("--build", default=os.path.join(ROOT, "tests", "build", "bench"))
    parser.add_argument("--replies", default=os.path.join(ROOT, "data", "smtp-replies.csv"))
    parser.add_argument("--reasons", default=os.path.join(ROOT, "data", "smtp-reasons.csv"))
    parser.add_argument("--include", default=os.path.join(ROOT, "out", "include"),
                        help="folder of the smtp_codes.h the lookups are timed in")
    parser.add_argument("--sizes", default="1000,100000,1000000",
                        help="reason rows of the synthetic tables, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="runs per synthetic table")
    parser.add_argument("--shipped-runs", type=int, default=21)
    parser.add_argument("--calls", type=int, default=10000000, help="lookups per run")
    parser.add_argument("--lookup-runs", type=int, default=7)
    parser.add_argument("--cc", default=os.environ.get("CC", "cc"))
    parser.add_argument("--gperf", default="gperf")
    ARGS = parser.parse_args()
    ARGS.generator = os.path.abspath(ARGS.generator)
    ARGS.sizes = [int(n) for n in ARGS.sizes.split(",") if n]
    floor, lookup = build(ARGS)
    EMPTY[:] = median_run(["true"], ARGS.shipped_runs)[:2]
    tmp = tempfile.mkdtemp(prefix="smtpgen-bench-")
    try:
        gen = generation(ARGS, floor, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    look = lookups(ARGS, lookup)
    report(gen, look)


ARGS = None
MEASURE = None
EMPTY = [0.0, 0.0]   # wall and CPU seconds of an empty process

if __name__ == "__main__":
    main()
