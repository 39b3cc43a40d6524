#!/bin/sh
# The differential test of the HTML page's explainer against smtpcode:
# tests/browser_explain.mjs on the explainer's edge cases
# (tests/check_html_explain_corpus.py) and on each CORPUS given (one input
# per line), then shows that the test can fail: a page whose port orders
# tied reasons backwards and takes leading zeros in enhanced codes must be
# rejected.
# usage: tests/check_html_explain.sh [CORPUS...]   (text, one input a line,
#        or JSON Lines with an "input" field, by the name's .jsonl)
#        (from the repository root; HTML and SMTPCODE name the page and the
#        command, default out/html/smtp-codes.html and gen/smtpcode)
set -eu
html=${HTML:-out/html/smtp-codes.html}
smtpcode=${SMTPCODE:-gen/smtpcode}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
# A hung browser must fail the test, not stall make check.
explain() { timeout 600 node tests/browser_explain.mjs "$@"; }

python3 tests/check_html_explain_corpus.py "$tmp/edge.txt"
explain "$tmp/edge.txt" "$html" "$smtpcode"
# A JSON Lines corpus (tests/corpus/replies.jsonl) gives its inputs, one a
# line; an input with a line break in it is left out (the box holds one
# line; a CR without LF stays, and goes to window.smtpExplain).
for corpus in "$@"; do
    case "$corpus" in
    *.jsonl)
        python3 -c '
import json, sys
with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        text = json.loads(line)["input"]
        # one line each: none with a line break, nor (as the box and
        # getline both drop it) a final CR, nor a lone surrogate
        if "\n" in text or text.endswith("\r"):
            continue
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            continue
        out.write(text + "\n")
' "$corpus" "$tmp/corpus.txt"
        explain "$tmp/corpus.txt" "$html" "$smtpcode" ;;
    *) explain "$corpus" "$html" "$smtpcode" ;;
    esac
done

sed -e 's/return b\.bytes - a\.bytes || a\.index - b\.index;/return b.bytes - a.bytes || b.index - a.index;/' \
    -e 's/if (digits === 3 || (digits === 1 && number\[part\] === 0))/if (digits === 3)/' \
    "$html" >"$tmp/mutant.html"
if [ "$(diff "$html" "$tmp/mutant.html" | grep -c '^>')" -ne 2 ]; then
    echo "check_html_explain: could not break a copy of the page's explainer" >&2
    exit 1
fi
if explain "$tmp/edge.txt" "$tmp/mutant.html" "$smtpcode" >"$tmp/mutant.log" 2>&1; then
    echo "check_html_explain: the test accepted a page whose explainer is wrong" >&2
    exit 1
fi
echo "html explain: the page and $smtpcode agree on every line; a page with a wrong port is rejected" \
     "($(grep -c 'DIFF' "$tmp/mutant.log") differences found in it)"
