#!/usr/bin/env python3
"""The benchmarks of `make bench` (issues #6 and #13): prints one table of figures and
whether each target was met.

Generation: for the shipped table and synthetic tables of 1k, 100k and 1M
reasons (synth.py), the wall time, CPU time and peak RSS (measure.c) of a
whole smtpgen run into a fresh output folder, the median of several runs,
beside the lower bound of reading the same files: libcsv with no-op
callbacks (csv_floor.c).

Lookups: lookup_bench.c over the shipped header, against a linear strcmp
scan and gperf perfect hashes (gperf_keys.py) of the same keys.

Explain (issue #10): `smtpcode --summary explain` over generated
Postfix-style logs (maillog.py) of 100k and 1M lines, beside
`grep -c 'said:'` over the same file, timed as alternating pairs (medians);
lines per second; peak RSS at both sizes (memory flat); and the heap
allocations of whole runs over 1k and 10k lines under valgrind (the count
must not grow with the lines).

Everything big goes to a temporary folder that is removed at the end; the
helpers are built under --build.

usage: bench.py [--generator gen/smtpgen] [--build DIR] [--runs N] ...
       bench.py --only explain [--smtpcode gen/smtpcode]   (that part alone)
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# The targets (generation: issue #13).
EMPTY_RATIO = 3.0         # shipped table at most 3x an empty process, alternating pairs
FLOOR_RATIO_100K = 8.0    # 100k rows within 8x of the libcsv lower bound
GROWTH_1M = 10.5          # 1M rows at most 10.5x the 100k time
RSS_RATIO_1M = 4.0        # peak RSS at 1M rows at most 4x the input's size
GPERF_RATIO = 1.5         # each lookup within 1.5x of gperf
GREP_RATIO = 5.0          # smtpcode explain --summary within 5x of grep -c 'said:'
RSS_FLAT = 1.25           # peak RSS at 1M log lines at most 1.25x that at 100k
ALLOC_GROWTH = 8          # at most this many more allocations for 10k lines than 1k


def run_measured(argv, warnings_ok=False, stdin=None, statuses=(0,)):
    """Runs argv under measure (measure.c), standard input from the file
    stdin when given; returns (wall seconds, CPU seconds, peak RSS in
    bytes, stdout). Stops the benchmark when it exits with a status not in
    statuses or, unless warnings_ok, prints anything on stderr."""
    with tempfile.NamedTemporaryFile(mode="r") as result:
        if stdin:
            with open(stdin, "rb") as f:
                proc = subprocess.run([MEASURE, result.name] + argv, capture_output=True,
                                      stdin=f)
        else:
            proc = subprocess.run([MEASURE, result.name] + argv, capture_output=True)
        figures = result.read().split()
    stderr = proc.stderr.decode(errors="replace")
    if proc.returncode not in statuses or len(figures) != 4 \
            or int(figures[3]) not in statuses or (stderr and not warnings_ok):
        raise SystemExit("bench: %s failed:\n%s" % (" ".join(argv), stderr[:2000]))
    return (float(figures[0]), float(figures[1]), int(figures[2]) * 1024,
            proc.stdout.decode())


def build_measure(args):
    global MEASURE
    os.makedirs(args.build, exist_ok=True)
    MEASURE = os.path.join(args.build, "measure")
    subprocess.run([args.cc, "-O2", "-std=c99", "-Wall", "-Wextra", "-pedantic", "-o", MEASURE,
                    os.path.join(HERE, "measure.c")], check=True)


def build(args):
    """Builds csv_floor and lookup_bench (with its gperf tables)."""
    cflags = ["-O2", "-std=c99", "-Wall", "-Wextra", "-pedantic"]
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


def paired_ratio(argv_a, argv_b, runs, before=None, warnings_ok=False):
    """Runs argv_a and argv_b in turn, A B A B ..., runs pairs of them
    (before() ahead of each A, outside the timing); returns the median of
    the pairs' wall-time ratios A/B and the medians of A's and B's wall
    times, so that a drift of the machine's speed hits both sides."""
    ratios, walls_a, walls_b = [], [], []
    for _ in range(runs):
        if before:
            before()
        wall_a = run_measured(argv_a, warnings_ok)[0]
        wall_b = run_measured(argv_b)[0]
        ratios.append(wall_a / wall_b)
        walls_a.append(wall_a)
        walls_b.append(wall_b)
    return (statistics.median(ratios), statistics.median(walls_a),
            statistics.median(walls_b))


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
        # No table may draw a warning (the shipped one acknowledges its
        # two quirks, data/README.md).
        seconds, cpu, peak, _ = median_run([args.generator, "--replies", replies,
                                            "--reasons", reasons, "--out", out], runs,
                                           fresh_out)
        floor_seconds, floor_cpu, _, counts = median_run([floor, replies, reasons], runs)
        # One record a line in these files: a floor that read less is wrong.
        records = int(counts.split()[2])
        if records != line_count(replies) + line_count(reasons):
            raise SystemExit("bench: csv_floor read %d records of %s and %s"
                             % (records, replies, reasons))
        results.append((label, rows, size, seconds, cpu, floor_seconds, floor_cpu, peak))
        if rows is None:
            EMPTY_PAIRS[:] = paired_ratio([args.generator, "--replies", replies,
                                           "--reasons", reasons, "--out", out],
                                          [shutil.which("true") or "/bin/true"], runs,
                                          fresh_out)
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


def heap_allocations(smtpcode, log):
    """The "total heap usage: N allocs" of one whole smtpcode --summary run
    over log under valgrind's memcheck."""
    with open(log, "rb") as f:
        proc = subprocess.run([ARGS.valgrind, "--tool=memcheck", "--error-exitcode=99",
                               smtpcode, "--summary", "explain"], stdin=f,
                              capture_output=True)
    stderr = proc.stderr.decode(errors="replace")
    found = re.search(r"total heap usage: ([\d,]+) allocs", stderr)
    if proc.returncode not in (0, 1) or not found:
        raise SystemExit("bench: valgrind %s failed:\n%s" % (smtpcode, stderr[-2000:]))
    return int(found.group(1).replace(",", ""))


def explain(args, tmp):
    """{lines: (smtpcode wall, smtpcode CPU, grep wall, grep CPU, smtpcode
    peak RSS, bytes)} for each log size, and {lines: allocations} for the
    valgrind runs."""
    biggest = max(args.log_lines + args.alloc_lines)
    log = os.path.join(tmp, "maillog")
    subprocess.run([sys.executable, os.path.join(HERE, "maillog.py"), str(biggest), log,
                    "--reasons", args.reasons], check=True)
    # The logs of each size: prefixes of the biggest (maillog.py makes a
    # shorter log a prefix of a longer one).
    logs = {}
    with open(log, "rb") as f:
        data = f.read()
    for lines in sorted(set(args.log_lines + args.alloc_lines)):
        cut = 0
        for _ in range(lines):
            cut = data.index(b"\n", cut) + 1
        path = "%s-%d" % (log, lines)
        with open(path, "wb") as f:
            f.write(data[:cut])
        logs[lines] = path
    del data
    timed = {}
    grep_env_argv = ["env", "LC_ALL=C", args.grep, "-c", "said:"]
    for lines in args.log_lines:
        walls, cpus, gwalls, gcpus, peaks = [], [], [], [], []
        for _ in range(args.explain_runs):
            wall, cpu, peak, out = run_measured([args.smtpcode, "--summary", "explain"],
                                                stdin=logs[lines], statuses=(0, 1))
            if not out.startswith("lines %d," % lines):
                raise SystemExit("bench: smtpcode --summary read another count of lines: %s"
                                 % out[:200])
            gwall, gcpu, _, gout = run_measured(grep_env_argv + [logs[lines]])
            walls.append(wall)
            cpus.append(cpu)
            gwalls.append(gwall)
            gcpus.append(gcpu)
            peaks.append(peak)
        timed[lines] = (statistics.median(walls), statistics.median(cpus),
                        statistics.median(gwalls), statistics.median(gcpus), max(peaks),
                        os.path.getsize(logs[lines]), int(gout.split()[0]))
        print("  measured %8d log lines %10.1f ms" % (lines, timed[lines][0] * 1e3),
              file=sys.stderr)
    allocs = {}
    if args.valgrind:
        for lines in args.alloc_lines:
            allocs[lines] = heap_allocations(args.smtpcode, logs[lines])
    return timed, allocs


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


def report(gen, look, expl):
    print("smtpgen benchmarks (make bench%s)" % ("" if ARGS.only == "all"
                                                 else ", --only " + ARGS.only))
    print("machine: %s" % machine())
    print("load average at the end: %.2f %.2f %.2f (on a busy machine the wall times "
          "grow; CPU times less so)" % os.getloadavg())
    lines = []
    if gen is not None:
        report_generation(gen, lines)
    if look is not None:
        report_lookups(look, lines)
    if expl is not None:
        report_explain(expl, lines)
    print()
    print("targets")
    for what, value, ok in lines:
        print("  %-56s %-28s %s" % (what, value, verdict(ok)))


def report_explain(expl, lines):
    timed, allocs = expl
    print()
    print("explain: smtpcode --summary explain over a generated Postfix-style log "
          "(maillog.py) beside")
    print("LC_ALL=C grep -c 'said:' over the same file; medians of %d alternating pairs"
          % ARGS.explain_runs)
    print("  %-10s %9s %8s %13s %13s %11s %11s %6s %12s %10s" % (
        "log lines", "size", "said:", "smtpcode wall", "smtpcode CPU", "grep wall",
        "grep CPU", "ratio", "lines/s", "peak RSS"))
    for n in sorted(timed):
        wall, cpu, gwall, gcpu, peak, size, said = timed[n]
        print("  %-10d %9s %8d %10.1f ms %10.1f ms %8.1f ms %8.1f ms %5.1fx %12s %10s" % (
            n, human(size), said, wall * 1e3, cpu * 1e3, gwall * 1e3, gcpu * 1e3,
            wall / gwall, "{:,.0f}".format(n / wall), human(peak)))
    if allocs:
        print("  heap allocations of a whole run (valgrind memcheck): %s" % ", ".join(
            "%d lines: %d" % (n, allocs[n]) for n in sorted(allocs)))
    big = max(timed)
    wall, _, gwall, _, peak, _, _ = timed[big]
    lines.append(("explain --summary within %.0fx of grep -c (%s lines)" % (
        GREP_RATIO, human_lines(big)), "%.1fx (%s lines/s)" % (
            wall / gwall, "{:,.0f}".format(big / wall)), wall / gwall <= GREP_RATIO))
    if len(timed) > 1:
        small = min(timed)
        ratio = peak / timed[small][4]
        lines.append(("peak RSS flat: %s lines at most %.2fx %s lines" % (
            human_lines(big), RSS_FLAT, human_lines(small)), "%.2fx (%s vs %s)" % (
                ratio, human(peak), human(timed[small][4])), ratio <= RSS_FLAT))
    if len(allocs) > 1:
        lo, hi = min(allocs), max(allocs)
        lines.append(("no allocation per line: %s lines at most %d more than %s" % (
            human_lines(hi), ALLOC_GROWTH, human_lines(lo)), "%d vs %d allocations" % (
                allocs[hi], allocs[lo]), allocs[hi] - allocs[lo] <= ALLOC_GROWTH))


def human_lines(n):
    return "%dM" % (n // 10**6) if n % 10**6 == 0 else \
        "%dk" % (n // 1000) if n % 1000 == 0 else str(n)


def report_generation(gen, lines):
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
    if "shipped" in by_label:
        ratio, wall, empty = EMPTY_PAIRS
        print("  shipped table against /bin/true in %d alternating pairs: %.1f ms against "
              "%.1f ms, median ratio %.2fx" % (ARGS.shipped_runs, wall * 1e3, empty * 1e3,
                                                ratio))
        lines.append(("shipped table at most %.0fx an empty process (pairs)" % EMPTY_RATIO,
                      "%.2fx (%.1f ms vs %.1f ms)" % (ratio, wall * 1e3, empty * 1e3),
                      ratio <= EMPTY_RATIO))
    if "100000" in by_label:
        _, _, wall, floor, _ = by_label["100000"]
        lines.append(("100k rows within %.0fx of the libcsv lower bound" % FLOOR_RATIO_100K,
                      "%.1fx" % (wall / floor), wall / floor <= FLOOR_RATIO_100K))
    if "100000" in by_label and "1000000" in by_label:
        growth = by_label["1000000"][2] / by_label["100000"][2]
        lines.append(("1M rows at most %.1fx the 100k time" % GROWTH_1M,
                      "%.1fx" % growth, growth <= GROWTH_1M))
    if "1000000" in by_label:
        _, size, _, _, peak = by_label["1000000"]
        lines.append(("peak RSS at 1M rows at most %.0fx the input" % RSS_RATIO_1M,
                      "%.1fx (%s for %s)" % (peak / size, human(peak), human(size)),
                      peak / size <= RSS_RATIO_1M))


def report_lookups(look, lines):
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
    for kind, title in kinds:
        header, gperf = look[(kind, "header")], look[(kind, "gperf")]
        ratio = header[0] / gperf[0]
        lines.append(("%s within %.1fx of gperf, no allocation" % (title, GPERF_RATIO),
                      "%.2fx, %d allocations" % (ratio, header[1]),
                      ratio <= GPERF_RATIO and header[1] == 0))


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
    parser.add_argument("--only", choices=("all", "generation", "lookups", "explain"),
                        default="all", help="run one part alone")
    parser.add_argument("--smtpcode", default=os.path.join(ROOT, "gen", "smtpcode"))
    parser.add_argument("--grep", default="grep")
    parser.add_argument("--log-lines", default="100000,1000000",
                        help="log sizes for explain, comma-separated")
    parser.add_argument("--explain-runs", type=int, default=5,
                        help="alternating smtpcode/grep pairs per log size")
    parser.add_argument("--alloc-lines", default="1000,10000",
                        help="log sizes counted under valgrind, comma-separated")
    parser.add_argument("--valgrind", default=shutil.which("valgrind") or "",
                        help="valgrind to count allocations with (empty: skip)")
    ARGS = parser.parse_args()
    ARGS.generator = os.path.abspath(ARGS.generator)
    ARGS.smtpcode = os.path.abspath(ARGS.smtpcode)
    ARGS.sizes = [int(n) for n in ARGS.sizes.split(",") if n]
    ARGS.log_lines = [int(n) for n in ARGS.log_lines.split(",") if n]
    ARGS.alloc_lines = [int(n) for n in ARGS.alloc_lines.split(",") if n]
    build_measure(ARGS)
    gen = look = expl = None
    if ARGS.only in ("all", "generation", "lookups"):
        floor, lookup = build(ARGS)
    tmp = tempfile.mkdtemp(prefix="smtpgen-bench-")
    try:
        if ARGS.only in ("all", "generation"):
            EMPTY[:] = median_run(["true"], ARGS.shipped_runs)[:2]
            gen = generation(ARGS, floor, tmp)
        if ARGS.only in ("all", "explain"):
            expl = explain(ARGS, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if ARGS.only in ("all", "lookups"):
        look = lookups(ARGS, lookup)
    report(gen, look, expl)


ARGS = None
MEASURE = None
EMPTY = [0.0, 0.0]   # wall and CPU seconds of an empty process
EMPTY_PAIRS = [0.0, 0.0, 0.0]  # shipped/true median ratio, their median walls

if __name__ == "__main__":
    main()
