#!/bin/sh
# Write faults: smtpgen must exit 1 with a message naming the file, leave
# the output tree (and the depfile, and the tables under --format) exactly as
# they were, and leave no temporary file (.NAME.XXXXXX) anywhere:
#  - a file-size limit (ulimit -f, SIGXFSZ ignored) that stops an artifact
#    mid-way, after another changed artifact was already written in full;
#  - an output folder that cannot be created (a regular file in the way, a
#    folder under /proc), or an artifact whose place a folder holds;
#  - a depfile that cannot be written: /dev/full, a regular file in the way,
#    a folder under /proc; the artifacts must not change either;
#  - --format under a file-size limit.
# Running as root makes permissions moot, so no check relies on them.
# usage: tests/check_write_faults.sh GENERATOR   (from the repository root)
set -u
root=$(pwd)
gen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { printf 'write faults: FAILED: %s\n' "$*"; failed=$((failed + 1)); }
run() { env -u SOURCE_DATE_EPOCH "$gen" "$@"; }

# The tree smtpgen makes from the shipped tables, and the old tree each
# check starts from: the same, with some artifacts stale (see stale_tree).
run --out "$tmp/new" 2>/dev/null || { echo "write faults: cannot generate"; exit 1; }
# Every artifact, in the order smtpgen writes them (--list-artifacts's).
artifacts=$(run --list-artifacts --out "$tmp/new" | sed "s|^$tmp/new/||")
first_artifact=${artifacts%%
*}
[ "$(echo "$artifacts" | wc -l)" = 6 ] || { echo "write faults: listed: $artifacts"; exit 1; }

# stale_tree ARTIFACT...: $tmp/old becomes the new tree with each ARTIFACT
# changed, so that smtpgen has those to write; $tmp/old.copy keeps it.
stale_tree() {
    rm -rf "$tmp/old" "$tmp/old.copy"
    cp -a "$tmp/new" "$tmp/old"
    for a in "$@"; do
        printf 'stale\n' >> "$tmp/old/$a"
    done
    cp -a "$tmp/old" "$tmp/old.copy"
}

# expect_failure WHAT MESSAGE: the last run (status in $status, standard
# error in $tmp/stderr) failed as it should: exit 1, MESSAGE in its error,
# the old tree unchanged, no temporary file under $tmp or in /dev.
expect_failure() {
    if [ "$status" != 1 ]; then
        fail "$1: exit status $status, expected 1"
    elif ! grep -F -q -e "$2" "$tmp/stderr"; then
        fail "$1: the error is not '$2': $(grep -v ': warning: ' "$tmp/stderr")"
    elif ! diff -r "$tmp/old.copy" "$tmp/old" > "$tmp/diff" 2>&1; then
        fail "$1: the output tree changed: $(head -3 "$tmp/diff")"
    elif [ -n "$(find "$tmp" /dev -maxdepth 6 -name '.*.??????' 2>/dev/null | head -1)" ]; then
        fail "$1: a temporary file was left: $(find "$tmp" /dev -maxdepth 6 -name '.*.??????' | head -3)"
    else
        pass
    fi
}

size() { wc -c < "$tmp/new/$1"; }

# How many bytes one unit of this shell's ulimit -f is (512 in POSIX sh,
# 1024 in bash).
(ulimit -f 1; trap '' XFSZ; head -c 4096 /dev/zero > "$tmp/unit") 2>/dev/null
unit=$(wc -c < "$tmp/unit")
rm -f "$tmp/unit"
[ "$unit" -gt 0 ] || { echo "write faults: ulimit -f does not work here"; exit 1; }

# limited BYTES ARGS...: runs smtpgen with its files limited to fewer than
# BYTES bytes (rounded down to whole units), SIGXFSZ ignored so that write()
# fails with EFBIG instead of the signal killing it.
limited() {
    blocks=$(($1 / unit))
    shift
    (ulimit -f "$blocks" && trap '' XFSZ && exec env -u SOURCE_DATE_EPOCH "$gen" "$@") \
        > /dev/null 2> "$tmp/stderr"
}

# A limit between two stale artifacts' sizes: the smaller is written in full
# to its temporary file, the larger stops mid-way, and neither may replace
# the file on disk. Tried for every pair in which a smaller artifact comes
# first in the order smtpgen writes them.
pairs=0
for first in $artifacts; do
    seen_first=0
    for second in $artifacts; do
        if [ "$second" = "$first" ]; then
            seen_first=1
            continue
        fi
        [ "$seen_first" = 1 ] || continue
        small=$(size "$first") big=$(size "$second")
        [ $((big - small)) -gt $((2 * unit)) ] || continue
        pairs=$((pairs + 1))
        stale_tree "$first" "$second"
        limited $((small + unit + unit / 2)) --out "$tmp/old"
        status=$?
        expect_failure "ulimit -f: $first written, $second stopped" \
            "$second: error: cannot write: File too large"
    done
done
[ "$pairs" -gt 0 ] || fail "no two artifacts differ enough in size to test a limit between them"
# A limit that stops the first artifact, with every artifact stale.
stale_tree $artifacts
limited $((unit * 2)) --out "$tmp/old"
status=$?
expect_failure "ulimit -f: the first artifact stopped" \
    "$first_artifact: error: cannot write: File too large"

# An output folder that cannot be created.
stale_tree $artifacts
printf 'a file\n' > "$tmp/file"
run --out "$tmp/file/out" > /dev/null 2> "$tmp/stderr"
status=$?
expect_failure "--out below a regular file" "$tmp/file: error: cannot create folder: not a directory"
[ "$(cat "$tmp/file")" = "a file" ] || fail "--out below a regular file changed the file"
run --out /proc/smtpgen-out > /dev/null 2> "$tmp/stderr"
status=$?
expect_failure "--out under /proc" "/proc/smtpgen-out: error: cannot create folder:"
[ ! -e /proc/smtpgen-out ] || fail "--out under /proc made something"
# An artifact whose place a folder holds, after others that would change.
stale_tree include/smtp_codes.h man/smtp-codes.7
rm "$tmp/old/smtp-codes.json"
mkdir "$tmp/old/smtp-codes.json"
rm -rf "$tmp/old.copy" && cp -a "$tmp/old" "$tmp/old.copy"
run --out "$tmp/old" > /dev/null 2> "$tmp/stderr"
status=$?
expect_failure "a folder where an artifact goes" "smtp-codes.json: error: cannot"

# A depfile that cannot be written: nothing changes, the artifacts included.
stale_tree $artifacts
run --out "$tmp/old" --depfile /dev/full > /dev/null 2> "$tmp/stderr"
status=$?
expect_failure "--depfile /dev/full" "/dev/full: error: cannot write: No space left on device"
[ -c /dev/full ] || fail "--depfile /dev/full replaced the device"
run --out "$tmp/old" --depfile "$tmp/file/deps.d" > /dev/null 2> "$tmp/stderr"
status=$?
expect_failure "--depfile below a regular file" "$tmp/file: error: cannot create folder: not a directory"
run --out "$tmp/old" --depfile /proc/self/deps.d > /dev/null 2> "$tmp/stderr"
status=$?
expect_failure "--depfile in /proc" "/proc/self/deps.d: error: cannot"
# The old depfile stays as it was when the artifacts cannot be written.
printf 'old rule\n' > "$tmp/old/deps.d"
rm -rf "$tmp/old.copy" && cp -a "$tmp/old" "$tmp/old.copy"
limited $((unit * 2)) --out "$tmp/old" --depfile "$tmp/old/deps.d"
status=$?
expect_failure "ulimit -f with --depfile" "$first_artifact: error: cannot write: File too large"
# And the same run without a limit succeeds, /dev/null as a depfile too: the
# checks above failed for the reason they name.
if run --out "$tmp/old" --depfile /dev/null 2>/dev/null && diff -r "$tmp/new" "$tmp/old" \
        | grep -v '^Only in .*: deps.d$' | grep -q .; then
    fail "a run without a fault did not make the new tree"
elif [ ! -c /dev/null ]; then
    fail "--depfile /dev/null replaced the device"
else
    pass
fi

# --format under a file-size limit: the table stays as it was.
mkdir -p "$tmp/format"
sed 's/$/\r/' "$root/data/smtp-reasons.csv" > "$tmp/format/reasons.csv"
cp "$tmp/format/reasons.csv" "$tmp/format/reasons.copy"
(cd "$tmp/format" && ulimit -f 2 && trap '' XFSZ \
    && exec "$gen" --format reasons.csv) > /dev/null 2> "$tmp/stderr"
status=$?
if [ "$status" != 1 ] || ! grep -q 'reasons.csv: error: cannot write: File too large' "$tmp/stderr"; then
    fail "--format under ulimit -f: status $status, $(cat "$tmp/stderr")"
elif ! cmp -s "$tmp/format/reasons.csv" "$tmp/format/reasons.copy" \
        || [ "$(ls -A "$tmp/format" | wc -l)" != 2 ]; then
    fail "--format under ulimit -f changed the table or left a file: $(ls -A "$tmp/format")"
else
    pass
fi

echo "write faults: $passed passed, $failed failed"
[ "$failed" = 0 ]
