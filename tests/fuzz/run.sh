#!/bin/sh
# Builds the libFuzzer harnesses with AddressSanitizer and
# UndefinedBehaviorSanitizer and fuzzes for SECONDS in all:
#   fuzz_smtpgen (two thirds of the time): CSV bytes through every stage and
#     every renderer, seeded from every table in the tree (tests/cases/*/,
#     tests/adversarial/*/, data/);
#   fuzz_render (one third): templates through the Mustache engine, seeded
#     from templates/ and the Mustache spec's templates.
# First it replays tests/fuzz/regressions/SMTPGEN-OR-RENDER/ (every input a
# past run found), which must pass. Exits non-zero on any finding; what a run
# finds is saved as tests/build/fuzz/NAME/crash-* (or leak-, timeout-, oom-):
# copy it to tests/fuzz/regressions/ once fixed.
#
# usage: tests/fuzz/run.sh SECONDS [JOBS]   (from the repository root)
#   make fuzz runs it for 600 seconds; make check runs a 30-second smoke run.
set -eu
seconds=${1:?usage: tests/fuzz/run.sh SECONDS [JOBS]}
jobs=${2:-1}
here=$(pwd)
cc=${FUZZ_CC:-clang}
lib="gen/buf.c gen/canon.c gen/csv_read.c gen/doc.c gen/error.c gen/escape.c
gen/model.c gen/render.c gen/sha256.c gen/write.c"
failed=0
summary=""

build() {
    mkdir -p "tests/build/fuzz/$1"
    # shellcheck disable=SC2086 # a word list on purpose
    $cc -g -O1 -std=c99 -D_XOPEN_SOURCE=700 -Wall -Wextra -Werror -Igen \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -o "tests/build/fuzz/$1/$1" $lib "tests/fuzz/$1.c" -lcsv -ljansson
}

# fuzz NAME SECONDS MAX_LEN: replays the regressions, then fuzzes.
fuzz() {
    name=$1 out=tests/build/fuzz/$1 corpus=tests/build/fuzz-corpus/$1
    # What an earlier run found stays for inspection, out of this run's way.
    mkdir -p "$out/old"
    for f in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-* \
             "$out"/fuzz-[0-9]*.log; do
        [ -f "$f" ] && mv "$f" "$out/old/"
    done
    if ls "tests/fuzz/regressions/$name"/* >/dev/null 2>&1; then
        if ! SMTPGEN_FUZZ_TEMPLATES=templates "$out/$name" "tests/fuzz/regressions/$name"/* \
                > "$out/regressions.log" 2>&1; then
            echo "fuzz: $name: an input in tests/fuzz/regressions/$name fails again:"
            tail -30 "$out/regressions.log"
            failed=1
        fi
    fi
    # With several jobs libFuzzer logs each to fuzz-N.log in the current
    # folder, so it runs from its build folder.
    parallel=""
    [ "$jobs" -gt 1 ] && parallel="-jobs=$jobs -workers=$jobs"
    status=0
    # shellcheck disable=SC2086 # a word list on purpose
    (cd "$out" && SMTPGEN_FUZZ_TEMPLATES="$here/templates" "./$name" \
        -max_total_time="$2" -max_len="$3" -timeout=10 -rss_limit_mb=2048 \
        -dict="$here/tests/fuzz/smtpgen.dict" -print_final_stats=1 -artifact_prefix=./ \
        $parallel "$here/$corpus") > "$out/fuzz.log" 2>&1 || status=1
    runs=$(cat "$out/fuzz.log" "$out"/fuzz-[0-9]*.log 2>/dev/null \
           | sed -n 's/^stat::number_of_executed_units: *//p' | awk '{s += $1} END {print s + 0}')
    if [ "$status" != 0 ] || ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* \
            "$out"/oom-* >/dev/null 2>&1; then
        tail -40 "$out/fuzz.log"
        ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-* 2>/dev/null || true
        echo "fuzz: $name: FAILED after $runs executions in ${2}s (log: $out/fuzz.log)"
        failed=1
    fi
    summary="$summary $name: $runs executions in ${2}s, corpus $(ls "$corpus" | wc -l) inputs;"
}

build fuzz_smtpgen
build fuzz_render

# The seeds, rewritten on every run (the corpus folders keep what fuzzing
# added). For fuzz_smtpgen each pair of tables as it reads them: replies, a
# 0xFF byte, reasons; a case without its own table uses the shipped one.
python3 - <<'PY'
import glob, hashlib, json, os
def read(path):
    with open(path, "rb") as f:
        return f.read()
def seed(target, data):
    folder = os.path.join("tests/build/fuzz-corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)
shipped = (read("data/smtp-replies.csv"), read("data/smtp-reasons.csv"))
seed("fuzz_smtpgen", shipped[0] + b"\xff" + shipped[1])
for d in sorted(glob.glob("tests/cases/*/") + glob.glob("tests/adversarial/*/")):
    r, s = os.path.join(d, "replies.csv"), os.path.join(d, "reasons.csv")
    if os.path.exists(r) or os.path.exists(s):
        seed("fuzz_smtpgen", (read(r) if os.path.exists(r) else shipped[0]) + b"\xff"
             + (read(s) if os.path.exists(s) else shipped[1]))
for t in glob.glob("templates/*.mustache") + glob.glob("tests/cases/*/templates/*.mustache"):
    seed("fuzz_render", read(t))
for spec in glob.glob("tests/mustache-spec/*.json"):
    with open(spec, encoding="utf-8") as f:
        for test in json.load(f)["tests"]:
            seed("fuzz_render", test["template"].encode("utf-8"))
PY

# -max_len: the shipped tables are about 7 KiB together, the biggest
# template about 20 KiB.
fuzz fuzz_smtpgen $((seconds * 2 / 3)) 16384
fuzz fuzz_render $((seconds - seconds * 2 / 3)) 32768
if [ "$failed" != 0 ]; then
    echo "fuzz: FAILED:$summary"
    exit 1
fi
echo "fuzz: no finding;$summary"
