#!/bin/sh
# Hostile input under AddressSanitizer and UndefinedBehaviorSanitizer:
# builds smtpcode (gen/smtpcode.c, gen/explain.c, the generated header)
# with both, runs the whole corpus check with it (tests/check_corpus.py),
# then feeds it lines no corpus entry can hold: NUL bytes, invalid UTF-8,
# bare CRs, a line of 1 MiB, a joined multi-line reply of 10000 lines, and
# a file without a final line feed. Any sanitizer report fails the run,
# and --json must give one valid JSON object (UTF-8) per line.
#
# usage: tests/corpus/sanitized.sh   (from the repository root, after make)
set -eu
cc=${SANITIZE_CC:-${CC:-cc}}
out=tests/build/corpus
mkdir -p "$out"
$cc -g -O1 -std=c99 -D_XOPEN_SOURCE=700 -Wall -Wextra -Werror -Igen -Iout/include \
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
    -o "$out/smtpcode" gen/smtpcode.c gen/explain.c gen/utf8.c -ljansson
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99
python3 tests/check_corpus.py "$out/smtpcode"
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
lines = [b"550 5.1.1 nul\x00byte", b"\x00", b"550 5.1.1 \xff\xfe bad utf-8 \xc3",
         b"Diagnostic-Code: smtp; 550 \x80\x80", b"550 a\rb\rc", b"\r\r\r",
         b"550 " + b"x" * (1 << 20), b"host h said: " + b"x" * 100000 + b" (in reply to ",
         b" said: 550-a" + b" 550-a" * 10000 + b" 550 end (in reply to RCPT TO command)",
         b"Diagnostic-Code:" * 5000, b"SMTP error from remote mail server after " * 2000,
         b"250-" * 50000, b"550 [" * 50000, b"554 Service unavailable; client host " + b"[" * 5000]
with open(out + "/hostile.log", "wb") as f:
    f.write(b"\n".join(lines) + b"\n550 5.1.1 no final line feed")
PY
for mode in "" "--json" "--summary"; do
    status=0
    # shellcheck disable=SC2086 # an optional word
    "$out/smtpcode" $mode explain < "$out/hostile.log" > "$out/hostile.out" 2> "$out/hostile.err" \
        || status=$?
    if [ "$status" -gt 1 ] || [ -s "$out/hostile.err" ]; then
        echo "sanitized: smtpcode $mode explain on hostile input exited $status:"
        head -40 "$out/hostile.err"
        exit 1
    fi
    if [ "$mode" = "--json" ]; then
        python3 -c 'import json, sys
n = sum(1 for line in open(sys.argv[1], encoding="utf-8") if json.loads(line))
sys.exit(0 if n == 15 else "sanitized: %d JSON objects for 15 hostile lines" % n)' \
            "$out/hostile.out"
    fi
done
echo "sanitized: the corpus and hostile input pass under ASan and UBSan"
