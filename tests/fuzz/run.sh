#!/bin/sh
# Builds the libFuzzer harnesses with AddressSanitizer and
# UndefinedBehaviorSanitizer and fuzzes for SECONDS in all:
#   fuzz_enhanced_parse (a tenth of the time, at least a second):
#     smtp_enhanced_parse() of the generated out/include/smtp_codes.h
#     against a reference parser, seeded with a few codes and near misses;
#   fuzz_reply_parse (a sixth of the time, at least a second):
#     smtp_reply_parse(), smtp_reply_line(), smtp_reply_text() and
#     smtp_reason_match() of the header, checked against their invariants;
#   fuzz_explain (a sixth of the time, at least a second): smtpcode's line
#     scanner explain_line() (gen/explain.c) against a reference reading of
#     the scanner's rules; both seeded with tests/corpus/replies.jsonl's
#     inputs and a few multi-line replies, with tests/fuzz/reply.dict;
#   fuzz_smtpgen (two thirds of the rest): CSV bytes through every stage and
#     every renderer, seeded from every table in the tree (tests/cases/*/,
#     tests/adversarial/*/, data/);
#   fuzz_render (the rest): templates through the Mustache engine, seeded
#     from templates/ and the Mustache spec's templates.
# First it replays tests/fuzz/regressions/NAME/ (every input a past run
# found), which must pass. Exits non-zero on any finding; what a run
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
lib=$(make -s --no-print-directory print-lib-src)
failed=0
summary=""

build() {
    mkdir -p "tests/build/fuzz/$1"
    # shellcheck disable=SC2086 # a word list on purpose
    $cc -g -O1 -std=c99 -D_XOPEN_SOURCE=700 -Wall -Wextra -Werror -Igen \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -o "tests/build/fuzz/$1/$1" $lib "tests/fuzz/$1.c" -lcsv -ljansson -lnettle
}

# The harness of smtpcode's scanner: gen/explain.c on the generated header.
build_explain() {
    mkdir -p "tests/build/fuzz/$1"
    $cc -g -O1 -std=c99 -D_XOPEN_SOURCE=700 -Wall -Wextra -pedantic -Werror -Igen \
        -Iout/include -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -o "tests/build/fuzz/$1/$1" gen/explain.c "tests/fuzz/$1.c"
}

# A harness of the generated header alone: no gen/ sources, no libraries.
build_header() {
    mkdir -p "tests/build/fuzz/$1"
    $cc -g -O1 -std=c99 -Wall -Wextra -pedantic -Werror -Iout/include \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -o "tests/build/fuzz/$1/$1" "tests/fuzz/$1.c"
}

# fuzz NAME SECONDS MAX_LEN [DICT]: replays the regressions, then fuzzes
# (DICT: a libFuzzer dictionary under tests/fuzz/, or "" for none).
fuzz() {
    name=$1 out=tests/build/fuzz/$1 corpus=tests/build/fuzz-corpus/$1
    dict=""
    [ -n "${4-smtpgen.dict}" ] && dict="-dict=$here/tests/fuzz/${4-smtpgen.dict}"
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
        $dict -print_final_stats=1 -artifact_prefix=./ \
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
build_header fuzz_enhanced_parse
build_header fuzz_reply_parse
build_explain fuzz_explain

# The seeds, rewritten on every run (the corpus folders keep what fuzzing
# added). For fuzz_smtpgen each set of tables as it reads them: replies,
# reasons, subcodes and enhanced codes, each part after the first behind a
# 0xFF byte; a case without its own table uses the shipped one. The shipped
# enhanced table is cut to its first 20 rows, to stay within -max_len.
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
shipped = {"replies.csv": read("data/smtp-replies.csv"),
           "reasons.csv": read("data/smtp-reasons.csv"),
           "subcodes.csv": read("data/smtp-enhanced-subcodes.csv"),
           "enhanced.csv": b"".join(read("data/smtp-enhanced.csv").splitlines(True)[:21])}
parts = ("replies.csv", "reasons.csv", "subcodes.csv", "enhanced.csv")
seed("fuzz_smtpgen", shipped["replies.csv"] + b"\xff" + shipped["reasons.csv"])
seed("fuzz_smtpgen", b"\xff".join(shipped[p] for p in parts))
for d in sorted(glob.glob("tests/cases/*/") + glob.glob("tests/adversarial/*/")):
    if any(os.path.exists(os.path.join(d, p)) for p in parts):
        seed("fuzz_smtpgen", b"\xff".join(
            read(os.path.join(d, p)) if os.path.exists(os.path.join(d, p)) else shipped[p]
            for p in parts))
for t in glob.glob("templates/**/*.mustache", recursive=True) + glob.glob("tests/cases/*/templates/**/*.mustache", recursive=True):
    seed("fuzz_render", read(t))
for spec in glob.glob("tests/mustache-spec/*.json"):
    with open(spec, encoding="utf-8") as f:
        for test in json.load(f)["tests"]:
            seed("fuzz_render", test["template"].encode("utf-8"))
for code in (b"5.1.1", b"2.0.0 ok", b"4.7.999", b"5.999.999,", b"5.1.10\r\n", b"5.01.1",
             b"5.1.1000", b"5.1.1x", b"5.1.1.2", b"6.1.1", b"5..1", b"5.1.1\0002",
             b"5.7.1\xc3\xa9"):
    seed("fuzz_enhanced_parse", code)
# The reply corpus's inputs, and multi-line replies as sent (CRLF) and as
# a log joins them.
replies = []
with open("tests/corpus/replies.jsonl", encoding="utf-8") as f:
    for line in f:
        if line.strip():
            replies.append(json.loads(line)["input"].encode("utf-8"))
replies += [b"250-mx.example.com\r\n250-PIPELINING\r\n250 8BITMIME\r\n",
            b"550-5.1.1 one\n550-5.1.1 two\n550 5.1.1 three\n",
            b"554-5.7.1 Rejected due\r\n554 5.7.1 to banned content.",
            b"Diagnostic-Code: smtp; 550-5.1.1 a 550-5.1.1 b 550 5.1.1 c\r\n"]
for reply in replies:
    seed("fuzz_reply_parse", reply)
    seed("fuzz_explain", reply)
PY

# The shares of the time, each at least a second (libFuzzer takes
# -max_total_time=0 as no limit).
at_least_1() { [ "$1" -ge 1 ] && echo "$1" || echo 1; }
parse_seconds=$(at_least_1 $((seconds / 10)))
reply_seconds=$(at_least_1 $((seconds / 6)))
explain_seconds=$(at_least_1 $((seconds / 6)))
rest=$((seconds - parse_seconds - reply_seconds - explain_seconds))
[ "$rest" -ge 2 ] || rest=2
smtpgen_seconds=$(at_least_1 $((rest * 2 / 3)))
render_seconds=$(at_least_1 $((rest - rest * 2 / 3)))

# -max_len: the shipped tables are about 7 KiB together, the biggest
# template about 20 KiB; an enhanced code is at most 9 bytes, and its
# parser looks at one more. A reply or a log line: 4 KiB (lines of any
# length are the parser's business, and longer ones only slow the search).
fuzz fuzz_smtpgen "$smtpgen_seconds" 16384
fuzz fuzz_render "$render_seconds" 32768
fuzz fuzz_enhanced_parse "$parse_seconds" 64 ""
fuzz fuzz_reply_parse "$reply_seconds" 4096 reply.dict
fuzz fuzz_explain "$explain_seconds" 4096 reply.dict
if [ "$failed" != 0 ]; then
    echo "fuzz: FAILED:$summary"
    exit 1
fi
echo "fuzz: no finding;$summary"
