#!/bin/sh
# Every lookup of the header on a table whose keys have every length from
# 1 to 80 bytes (tests/header/key_lengths.py says why): generated, then
# checked by tests/header/check.sh against its CSVs.
# usage: tests/header/key_lengths.sh GENERATOR   (from the repository root)
set -eu
gen=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tests/header/key_lengths.py "$tmp"
timeout 60 "$gen" --replies "$tmp/replies.csv" --reasons "$tmp/reasons.csv" \
    --enhanced "$tmp/enhanced.csv" --subcodes "$tmp/subcodes.csv" --out "$tmp/out" \
    2> "$tmp/stderr" || { cat "$tmp/stderr"; echo "key lengths: smtpgen failed"; exit 1; }
[ ! -s "$tmp/stderr" ] || { cat "$tmp/stderr"; echo "key lengths: smtpgen warned"; exit 1; }
HEADER_BUILD_DIR="$tmp/build" ./tests/header/check.sh "$tmp/out/include" "$tmp/replies.csv" \
    "$tmp/reasons.csv" "$tmp/enhanced.csv" "$tmp/subcodes.csv" > "$tmp/check.log" 2>&1 \
    || { cat "$tmp/check.log"; echo "key lengths: the header's lookups disagree with the CSVs"; exit 1; }
echo "key lengths: every lookup matches the CSVs for keys of 1 to 80 bytes" \
     "($(grep -c ' ok ' "$tmp/check.log") builds)"
