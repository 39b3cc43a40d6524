#!/bin/sh
# Checks smtpcode(1) on content: each wrapper gives the reply, code,
# enhanced code and reasons it holds; the order of reasons; lines without a
# reply; exit statuses; stdin mode; --summary counts; lookup, list and
# search against the CSVs; every --json line valid against
# gen/smtpcode.schema.json (ajv); invalid UTF-8; its man page lint;
# and that it runs from another folder.
# usage: tests/check_smtpcode.sh SMTPCODE   (from the repository root)
set -eu
smtpcode=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ajv=tests/node_modules/.bin/ajv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
fail() { echo "smtpcode: FAIL: $*" >&2; exit 1; }
ok() { passed=$((passed + 1)); }

# One input per line: each wrapper, duplicates, longest first, no reply.
cat > "$tmp/log" <<'LOG'
550 5.7.1 Rejected due to spam content.
Diagnostic-Code: smtp; 554 5.7.1 Rejected due to banned content.
Dec  2 10:00:00 mx postfix/smtp[123]: 4BZ1: to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, dsn=5.0.0, status=bounced (host mx.example.com[192.0.2.1] said: 553 Requested action not taken: mailbox name not allowed. (in reply to RCPT TO command))
2026-12-02 10:00:00 1abc-000 ** a@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<a@example.com>: 421 4.4.2 Error: timeout
Dec  2 10:00:01 mx postfix/smtp[124]: 4BZ2: to=<b@example.org>, status=bounced (host mx.example.org[192.0.2.2] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address. 550 5.1.1 https://support.example/?p=NoSuchUser - gsmtp (in reply to RCPT TO command))
554 Service unavailable; Client host [192.0.2.9] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?ip=192.0.2.9
550 2.1.5 odd
Dec  2 10:00:02 mx postfix/qmgr[99]: 4BZ3: removed
5500 five digits
LOG
status=0
"$smtpcode" --json explain < "$tmp/log" > "$tmp/json" || status=$?
[ "$status" = 1 ] || fail "explain with lines without a reply exits $status, not 1"; ok
python3 - "$tmp/json" <<'PY' || fail "explain --json content"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
def names(r, key="reasons"): return [x["name"] for x in r[key]]
want = [
    (550, "5.7.1", "permanent", [], ["BLOCKED_SPAM"], True),
    (554, "5.7.1", "permanent", ["BLOCKED_DLP", "BLOCKED_SPAM2"], [], True),
    (553, None, "permanent", ["FAIL_RECIP", "INVALID_RECIP", "NO_ACTION"], [], True),
    (421, "4.4.2", "transient", ["TIMEOUT"], [], True),
    (550, "5.1.1", "permanent", [], [], True),
    (554, None, "permanent", ["BLOCKED_BBL"], [], True),
    (550, "2.1.5", "permanent", [], [], False),
    (None, None, None, [], [], None),
    (None, None, None, [], [], None),
]
assert len(rows) == len(want), (len(rows), len(want))
bad = 0
for i, (r, w) in enumerate(zip(rows, want)):
    got = (r["code"], r["enhanced"], r["class"], names(r), names(r, "other_code_reasons"),
           r["consistent"])
    if got != w:
        print(f"line {i + 1}: got {got}, want {w}"); bad += 1
assert rows[0]["enhanced_name"] == "DELIVERY_NOT_AUTHORIZED"
assert rows[0]["enhanced_subject"] == "Security or Policy Status"
assert rows[0]["enhanced_text"] == "Delivery not authorized, message refused"
assert rows[0]["reply_name"] == "MAILBOX_UNAVAILABLE"
assert rows[0]["text"] == "Rejected due to spam content."
assert rows[2]["reply"] == "553 Requested action not taken: mailbox name not allowed."
assert rows[4]["lines"] == 3, rows[4]
assert rows[4]["text"].startswith("The email account that you tried to reach does not exist. Please try double-checking"), rows[4]["text"]
assert "550" not in rows[4]["text"] and "5.1.1" not in rows[4]["text"]
assert rows[7]["error"] == "no reply code: a reply starts with three digits"
assert rows[8]["error"].startswith("the reply code is followed by neither")
assert all(r["error"] is None for r in rows[:7])
sys.exit(bad)
PY
ok
"$ajv" validate --spec=draft7 --strict=true --all-errors -s gen/smtpcode.schema.json \
    -d "$tmp/json" >/dev/null 2>&1 || true
# ajv takes one JSON document per file: validate each line on its own.
i=0
while IFS= read -r line; do
    i=$((i + 1))
    printf '%s\n' "$line" > "$tmp/line-$i.json"
done < "$tmp/json"
for f in "$tmp"/line-*.json; do
    "$ajv" validate --spec=draft7 --strict=true -s gen/smtpcode.schema.json -d "$f" \
        >/dev/null 2>&1 || fail "$(basename "$f"): not valid against smtpcode.schema.json: $(cat "$f")"
done
# The schema can fail: a wrong class and an extra key are refused.
sed 's/"permanent"/"fatal"/' "$tmp/line-1.json" > "$tmp/bad-class.json"
sed 's/"error":null/"error":null,"extra":1/' "$tmp/line-1.json" > "$tmp/bad-extra.json"
sed 's/"code":550/"code":"550"/' "$tmp/line-1.json" > "$tmp/bad-code-string.json"
sed 's/"code":550/"code":null/' "$tmp/line-1.json" > "$tmp/bad-reply-without-code.json"
sed 's/"error":"[^"]*"/"error":null/' "$tmp/line-8.json" > "$tmp/bad-no-reply-without-error.json"
sed 's/"reasons":\[\]/"reasons":[{"name":"X","symbol":"X","code":550}]/' "$tmp/line-1.json" \
    > "$tmp/bad-reason-without-description.json"
for f in "$tmp"/bad-*.json; do
    if "$ajv" validate --spec=draft7 --strict=true -s gen/smtpcode.schema.json -d "$f" \
        >/dev/null 2>&1; then fail "the schema accepts $(basename "$f")"; fi
done
ok

# Text output: the seed example, and the line without a reply.
out=$("$smtpcode" explain '550 5.7.1 Rejected due to spam content.')
echo "$out" | grep -q '^  code      550 MAILBOX_UNAVAILABLE (permanent: do not retry as is)$' \
    || fail "text explain: code line: $out"
echo "$out" | grep -q '^  enhanced  5.7.1 DELIVERY_NOT_AUTHORIZED: Security or Policy Status; Delivery not authorized, message refused$' \
    || fail "text explain: enhanced line: $out"
echo "$out" | grep -q 'BLOCKED_SPAM.*code 554' || fail "text explain: other-code reason: $out"
out=$("$smtpcode" explain 'hello' || true)
[ "$out" = "no SMTP reply (no reply code: a reply starts with three digits): hello" ] \
    || fail "text explain of a line without a reply: $out"
"$smtpcode" explain '250 OK' > /dev/null || fail "explain of a reply exits non-zero"
out=$("$smtpcode" explain '550 2.1.5 odd')
echo "$out" | grep -q '^  consistent no: the enhanced class 2 is not the code.s 5; the reply code decides the class (permanent' \
    || fail "text explain of an inconsistent enhanced code: $out"
out=$("$smtpcode" explain '553 Requested action not taken: mailbox name not allowed.')
[ "$(echo "$out" | sed -n 's/^  reason    [^ ]* (\([A-Z_]*\)).*/\1/p' | tr '\n' ' ')" = "FAIL_RECIP INVALID_RECIP NO_ACTION " ] \
    || fail "text explain: reasons longest first: $out"
out=$("$smtpcode" explain 'Dec  2 mx postfix/smtp[1]: x: status=deferred (host h[192.0.2.1] said: 421 4.4.2 Error: timeout (in reply to end of DATA command))')
echo "$out" | grep -q '^421 4.4.2 Error: timeout$' || fail "text explain of a Postfix line: reply: $out"
echo "$out" | grep -q '^  reason    4XX_TIMEOUT (TIMEOUT): Error: timeout$' || fail "text explain of a Postfix line: reason: $out"
ok

# Invalid UTF-8 and a NUL-free binary line still give valid JSON.
printf '550 caf\303\251 \377\376 text\n' | "$smtpcode" --json explain > "$tmp/utf8.json"
python3 -c "
import json,sys
r=json.loads(open(sys.argv[1],encoding='utf-8').read())
assert r['text']=='caf\u00e9 \ufffd\ufffd text', r['text']
" "$tmp/utf8.json" || fail "invalid UTF-8 in --json"
ok

# --summary counts.
"$smtpcode" --summary explain < "$tmp/log" > "$tmp/summary" || true
grep -q '^lines 9, with a reply 7, without 2$' "$tmp/summary" || fail "summary totals: $(cat "$tmp/summary")"
grep -q '^code      550             3  MAILBOX_UNAVAILABLE$' "$tmp/summary" || fail "summary code 550: $(cat "$tmp/summary")"
grep -q '^enhanced  5.7.1           2  DELIVERY_NOT_AUTHORIZED$' "$tmp/summary" || fail "summary 5.7.1"
grep -q '^reason    554             1  5XX_BLOCKED_DLP (BLOCKED_DLP)$' "$tmp/summary" || fail "summary reason"
[ "$(sed -n 2p "$tmp/summary" | awk '{print $2}')" = 550 ] || fail "summary: most frequent code first"
{ "$smtpcode" --json --summary explain < "$tmp/log" || true; } | python3 -c "
import json,sys
s=json.load(sys.stdin)
assert (s['lines'],s['replies'],s['without_reply'])==(9,7,2), s
assert s['codes'][0]=={'code':550,'name':'MAILBOX_UNAVAILABLE','count':3}, s['codes'][0]
" || fail "summary --json"
ok

# lookup, list, search against the CSVs.
python3 - "$smtpcode" <<'PY' || fail "lookup/list/search"
import csv, json, subprocess, sys
exe = sys.argv[1]
def run(*args):
    p = subprocess.run([exe, "--json", *args], capture_output=True, text=True)
    return p.returncode, [json.loads(l) for l in p.stdout.splitlines()]
def rows(path): return list(csv.DictReader(open(path, encoding="utf-8")))
replies, reasons, enhanced = rows("data/smtp-replies.csv"), rows("data/smtp-reasons.csv"), rows("data/smtp-enhanced.csv")
rc, out = run("list")
assert rc == 0 and len(out) == len(replies) + len(reasons) + len(enhanced), len(out)
for table, src in (("replies", replies), ("reasons", reasons), ("enhanced", enhanced)):
    rc, out = run("list", table)
    assert [o["name"] for o in out] == [r["name"] for r in src], table
rc, out = run("lookup", "554")
assert rc == 0 and [o["name"] for o in out] == ["TRANSACTION_FAILED"] + [r["name"] for r in reasons if r["code"] == "554"], out
rc, out = run("lookup", "5XX_AUTH_REQUIRES_TLS")
assert [o["name"] for o in out] == [r["name"] for r in reasons if r["symbol"] == "5XX_AUTH_REQUIRES_TLS"], out
for key in ("5.7.1", "X.7.1", "DELIVERY_NOT_AUTHORIZED"):
    rc, out = run("lookup", key)
    assert rc == 0 and [o["name"] for o in out] == ["DELIVERY_NOT_AUTHORIZED"], (key, out)
rc, out = run("lookup", "BLOCKED_SPAM")
assert out == [{"table": "reason", "name": "BLOCKED_SPAM", "symbol": "5XX_BLOCKED_SPAM", "code": 554, "description": "Rejected due to spam content."}], out
rc, out = run("lookup", "NO_SUCH_THING")
assert rc == 1 and out == []
rc, out = run("search", "spam")
assert rc == 0 and "BLOCKED_SPAM" in [o["name"] for o in out], out
rc, out = run("search", "SPAM", "content")
assert rc == 0 and [o["name"] for o in out] == ["BLOCKED_SPAM", "BLOCKED_SPAM2"], out  # SPAM2: symbol and "banned content"
rc, out = run("search", "spam", "CONTENT", "rejected", "due")
assert [o["name"] for o in out] == ["BLOCKED_SPAM", "BLOCKED_SPAM2"], out
rc, out = run("search", "mailbox")
want = [r["name"] for r in replies if "mailbox" in (r["code"] + " " + r["name"] + " " + r["description"]).lower()]
assert [o["name"] for o in out][:len(want)] == want, out
rc, out = run("search", "zzzz")
assert rc == 1 and out == []
PY
ok

# Usage errors exit 2 with a GNU-style message.
for args in "" "--bogus explain" "frobnicate" "lookup" "lookup 550 551" "list nothing" \
    "search" "--summary lookup 550"; do
    status=0
    # shellcheck disable=SC2086 # word splitting on purpose
    "$smtpcode" $args > /dev/null 2> "$tmp/err" || status=$?
    [ "$status" = 2 ] || fail "'smtpcode $args' exits $status, not 2"
    grep -q '^smtpcode: error: ' "$tmp/err" || fail "'smtpcode $args': message: $(cat "$tmp/err")"
done
"$smtpcode" --help | grep -q '^usage: smtpcode' || fail "--help"
"$smtpcode" --version | grep -q '^smtpcode [0-9]' || fail "--version"
ok

# From another folder, with nothing of the tree around it.
(cd "$tmp" && "$smtpcode" lookup 550 | grep -q '^550 MAILBOX_UNAVAILABLE: ') \
    || fail "smtpcode does not work from another folder"
ok

# Its man page: lint clean (mandoc style warnings too, but for long lines)
# and documenting every command and option.
out=$(mandoc -Tlint -W style gen/smtpcode.1 2>&1 | grep -v 'STYLE: input text line longer than 80 bytes' || true)
[ -z "$out" ] || fail "mandoc -Tlint -W style: $out"
out=$(groff -man -ww -z gen/smtpcode.1 2>&1) && [ -z "$out" ] || fail "groff: $out"
out=$(groff -man -ww -Tutf8 gen/smtpcode.1 2>&1 >/dev/null) && [ -z "$out" ] || fail "groff -Tutf8: $out"
page=$(mandoc -Tascii -O width=200 gen/smtpcode.1 | col -b)
for word in explain lookup list search --json --summary --help --version other_code_reasons \
    consistent enhanced_text Diagnostic-Code 'said:' 'in reply to' \
    'SMTP error from remote mail server after' without_reply 'EXIT STATUS' \
    '550 5.7.1 Rejected due to spam content.'; do
    echo "$page" | grep -q -- "$word" || fail "smtpcode.1 does not mention $word"
done
ok
# Hostile lines under AddressSanitizer and UBSan: wrappers cut short, NUL
# bytes, bare CRs, a 1 MB line, a joined multi-line reply of 10000 lines.
clang -std=c99 -D_XOPEN_SOURCE=700 -g -O1 -fsanitize=address,undefined \
    -fno-sanitize-recover=all -Igen -Iout/include -o "$tmp/smtpcode-asan" \
    gen/smtpcode.c gen/explain.c gen/utf8.c -ljansson
python3 - "$tmp/hostile" <<'PY'
import sys
lines = [b"said: ", b" said: ", b"x said: (in reply to ", b"Diagnostic-Code:", b"diagnostic-code: ;",
         b"Diagnostic-Code: smtp;", b"SMTP error from remote mail server after ",
         b"SMTP error from remote mail server after RCPT TO:<a>:", b"550\x00 x", b"550 a\rb",
         b"\r", b"", b"   ", b"550-", b"550-5.1.1", b"550- 550 ", b"550-x 550-y 550-",
         b"550 " + b"a" * 1000000, b"x said: 550-" + b" 550-".join([b"x"] * 10000) + b" 550 end",
         b"550 [unclosed", b"554 Service unavailable; Client host [", b"\xff\xfe\xfd",
         b"421 " + b" " * 5000 + b"Error: timeout"]
open(sys.argv[1], "wb").write(b"\n".join(lines) + b"\n")
PY
status=0
timeout 120 "$tmp/smtpcode-asan" --json explain < "$tmp/hostile" > "$tmp/hostile.json" 2> "$tmp/asan.err" || status=$?
[ "$status" = 1 ] || fail "hostile lines under ASan exit $status: $(head -20 "$tmp/asan.err")"
[ "$(wc -l < "$tmp/hostile.json")" = 23 ] || fail "hostile lines: not one JSON line each"
timeout 120 "$tmp/smtpcode-asan" --summary explain < "$tmp/hostile" > /dev/null 2> "$tmp/asan.err" || status=$?
[ ! -s "$tmp/asan.err" ] || fail "hostile lines, --summary, under ASan: $(head -20 "$tmp/asan.err")"
python3 -c "
import json,sys
rows=[json.loads(l) for l in open(sys.argv[1],encoding='utf-8')]
assert rows[17]['code']==550 and len(rows[17]['text'])==1000000, 'the 1 MB line'
assert rows[18]['lines']==10001 and rows[18]['text'].endswith('x x end'), rows[18]['lines']
assert rows[22]['reasons'][0]['name']=='TIMEOUT', rows[22]
assert rows[8]['error']=='a NUL byte in the reply' and rows[9]['error'].startswith('a carriage return'), (rows[8], rows[9])
" "$tmp/hostile.json" || fail "hostile lines: content"
ok

# --summary allocates nothing per line: valgrind counts the same heap
# allocations for a log and for a log 50 times as long (same lines).
if command -v valgrind > /dev/null; then
    heap() {
        valgrind --tool=memcheck --error-exitcode=99 "$smtpcode" --summary explain < "$1" \
            2>&1 >/dev/null | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p'
    }
    for k in $(seq 50); do cat "$tmp/log"; done > "$tmp/log50"
    small=$(heap "$tmp/log") big=$(heap "$tmp/log50")
    [ -n "$small" ] && [ "$small" = "$big" ] \
        || fail "--summary allocates per line: $small allocations for 9 lines, $big for 450"
    ok
else
    echo "smtpcode: valgrind not found: the allocation check is skipped"
fi
echo "smtpcode: $passed passed, 0 failed"
