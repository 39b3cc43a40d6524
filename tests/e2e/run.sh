#!/bin/sh
# End to end with the real thing, on loopback only (issue 10, section 4):
#   0. every reply of tests/e2e/replies.tsv is a line of the corpus
#      (tests/corpus/replies.jsonl) with the same expected result;
#   1. tests/e2e/server.py, an aiosmtpd server on 127.0.0.1 (a free port),
#      answers EHLO with a multi-line reply offering ENHANCEDSTATUSCODES
#      and RCPT TO with the replies in tests/e2e/replies.tsv;
#   2. tests/e2e/client.c, built on out/include/smtp_codes.h, reads the
#      greeting, the EHLO reply and each rejection off the socket with
#      smtp_reply_parse() (a few bytes per read) and must print what
#      replies.tsv says;
#   3. Debian's Postfix, run from a temporary configuration directory
#      (postfix -c DIR), relays one message per recipient to the server;
#      its own log lines (maillog_file) go through `smtpcode explain --json`
#      and must give, per recipient, the reply the server sent, its code,
#      enhanced code, consistency and reasons.
# Everything is started and stopped here, with a timeout on every step.
# Skipped (exit 0, "e2e: skipped: ...") only where Postfix cannot run:
# not installed, not root, no postfix user or postdrop group, no loopback.
# usage: tests/e2e/run.sh gen/smtpcode  (from the repository root)
set -eu
[ $# = 1 ] || { echo "usage: tests/e2e/run.sh SMTPCODE" >&2; exit 2; }
root=$(pwd)
here="$root/tests/e2e"
smtpcode=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
replies="$here/replies.tsv"
# Debian's python3-aiosmtpd is for Debian's python3, not whatever python3
# comes first in PATH (a pyenv one, say).
py=/usr/bin/python3
postfix=/usr/sbin/postfix
sendmail=/usr/sbin/sendmail
postconf=/usr/sbin/postconf
fail() { echo "e2e: FAILED: $*"; exit 1; }
skip() { echo "e2e: skipped: $*"; exit 0; }
passed=0
ok() { passed=$((passed + 1)); }

if [ ! -x "$postfix" ] || [ ! -x "$sendmail" ] || [ ! -x "$postconf" ]; then
    skip "Postfix is not installed (make deps installs it)"
fi
# Only root starts a Postfix master; its daemons drop to mail_owner.
[ "$(id -u)" = 0 ] || skip "Postfix must be started as root"
id postfix > /dev/null 2>&1 || skip "no 'postfix' user (mail_owner)"
getent group postdrop > /dev/null 2>&1 || skip "no 'postdrop' group (setgid_group)"
[ -x "$smtpcode" ] || fail "no $1 (make all builds it)"
if [ ! -x "$py" ] || ! timeout 20 "$py" -c 'import aiosmtpd' 2> /dev/null; then
    fail "$py has no aiosmtpd (make deps installs python3-aiosmtpd)"
fi
timeout 10 "$py" -c 'import socket; socket.socket().bind(("127.0.0.1", 0))' 2> /dev/null \
    || skip "cannot bind a port on 127.0.0.1"

# The temporary tree: etc/ is Postfix's configuration directory, queue/
# and data/ are beside it, not in it (`postfix check` would call every
# queue folder "not owned by root", since it wants the configuration
# directory owned by root all the way down). The daemons run as the
# postfix user and must reach queue/, so the top is 755, not mktemp's 700.
tmp=$(mktemp -d /tmp/smtpgen-e2e.XXXXXX)
chmod 755 "$tmp"
server_pid=""
pf_started=""
cleanup() {
    if [ -n "$pf_started" ]; then
        timeout 30 "$postfix" -c "$tmp/etc" stop > /dev/null 2>&1 || true
        # If the master would not stop, end it (and so its children) by its pid.
        if [ -f "$tmp/queue/pid/master.pid" ]; then
            mpid=$(tr -dc 0-9 < "$tmp/queue/pid/master.pid")
            # Only our master: a stale pid file may name a recycled pid.
            if [ -n "$mpid" ] && [ "$(cat "/proc/$mpid/comm" 2> /dev/null)" = master ]; then
                kill "$mpid" 2> /dev/null || true
            fi
        fi
    fi
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2> /dev/null || true
        wait "$server_pid" 2> /dev/null || true
    fi
    if [ -n "${E2E_KEEP:-}" ]; then echo "e2e: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# The recipients (local parts) of the table, in order.
locals=$(grep -v '^#' "$replies" | cut -f1)

# 0. The server's replies are corpus lines: each is an input of
# tests/corpus/replies.jsonl, which expects the same code, enhanced code,
# consistency and reasons (tests/check_corpus.py holds smtpcode to those).
timeout 20 "$py" - "$replies" "$root/tests/corpus/replies.jsonl" <<'PY' || fail "replies.tsv and the corpus disagree"
import json, sys
corpus = {}
for line in open(sys.argv[2], encoding="utf-8"):
    entry = json.loads(line)
    corpus[entry["input"]] = entry
bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    local, reply, code, enh, cons, reasons, other = line.rstrip("\n").split("\t")
    entry = corpus.get(reply.replace("\\n", "\r\n"))
    want = (int(code), None if enh == "-" else enh, cons == "true",
            [] if reasons == "-" else reasons.split(","), [] if other == "-" else other.split(","))
    got = entry and (entry.get("code"), entry.get("enhanced"), entry.get("consistent"),
                     entry.get("reasons"), entry.get("other_code_reasons", []))
    if got != want:
        print("e2e: recipient %s: the corpus has %r, replies.tsv %r" % (local, got, want))
        bad += 1
sys.exit(1 if bad else 0)
PY
ok

# 1. The server. It writes its port once it listens, and exits by itself
# after 180 seconds should this script die without its trap.
"$py" "$here/server.py" "$replies" "$tmp/port" 180 2> "$tmp/server.log" &
server_pid=$!
i=0
while [ ! -s "$tmp/port" ]; do
    kill -0 "$server_pid" 2> /dev/null || { cat "$tmp/server.log"; fail "server.py did not start"; }
    i=$((i + 1))
    [ "$i" -le 100 ] || fail "server.py did not listen within 10 seconds"
    sleep 0.1
done
port=$(cat "$tmp/port")

# 2. The C client, on the generated header, with the project's warnings.
timeout 120 ${CC:-cc} -std=c99 -Wall -Wextra -pedantic -Werror -I"$root/out/include" -o "$tmp/client" \
    "$here/client.c" 2> "$tmp/cc.log" || { cat "$tmp/cc.log"; fail "client.c does not build"; }
# shellcheck disable=SC2086 # locals is a word list
timeout 60 "$tmp/client" "$port" $locals > "$tmp/client.out" 2> "$tmp/client.err" \
    || { cat "$tmp/client.out" "$tmp/client.err"; fail "the client failed"; }
# What the client must print for the EHLO reply: its code, its lines, and
# ENHANCEDSTATUSCODES among them.
grep -q '^greeting 220$' "$tmp/client.out" || fail "client: no 220 greeting"
grep -q '^ehlo 250 lines=[2-9]' "$tmp/client.out" || fail "client: no multi-line EHLO reply"
grep -q '^ehlo-line [0-9]* ENHANCEDSTATUSCODES$' "$tmp/client.out" \
    || fail "client: ENHANCEDSTATUSCODES is not a line of the EHLO reply"
reads=$(sed -n 's/^client: \([0-9]*\) reads$/\1/p' "$tmp/client.err")
[ "${reads:-0}" -gt "$(grep -c '' "$tmp/client.out")" ] \
    || fail "client: the replies did not come in several reads"
ok
# ... and for every recipient, what replies.tsv says.
grep '^rcpt ' "$tmp/client.out" > "$tmp/client.rcpt" || true
timeout 60 "$py" - "$replies" > "$tmp/client.want" <<'EOF'
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    local, reply, code, enhanced, consistent, reasons, other = line.rstrip("\n").split("\t")
    lines = reply.count("\\n") + 1
    print("rcpt %s code=%s enhanced=%s consistent=%s lines=%d reasons=%s other=%s"
          % (local, code, enhanced, consistent, lines, reasons, other))
EOF
cmp -s "$tmp/client.want" "$tmp/client.rcpt" \
    || { diff "$tmp/client.want" "$tmp/client.rcpt"; fail "client: the replies differ from replies.tsv"; }
ok

# 3. Postfix, from $tmp/etc: Debian's master.cf without its smtpd (nothing
# listens but the python server) and without chroot (a chrooted smtp
# client would need copies of /etc files in the queue), and a main.cf that
# relays everything to the server. maillog_file needs postlogd (Debian's
# master.cf has the postlog service) and a folder among
# maillog_file_prefixes (by default /var and /dev/stdout only).
mkdir "$tmp/etc" "$tmp/queue" "$tmp/data"
chown postfix "$tmp/data" # `postfix check`: data_directory owned by mail_owner
# Debian's packaged master.cf, else the system's (a "No configuration"
# install may have no /etc/postfix/master.cf).
master_cf=/usr/share/postfix/master.cf.dist
[ -f "$master_cf" ] || master_cf=/etc/postfix/master.cf
grep -q '^postlog ' "$master_cf" || fail "$master_cf has no postlog service (maillog_file needs it)"
cp "$master_cf" "$tmp/etc/master.cf"
cat > "$tmp/etc/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $tmp/queue
data_directory = $tmp/data
maillog_file = $tmp/etc/maillog
maillog_file_prefixes = $tmp/etc
mail_owner = postfix
setgid_group = postdrop
myhostname = e2e-postfix.example
mydomain = example
myorigin = \$myhostname
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = loopback-only
inet_protocols = ipv4
relayhost = [127.0.0.1]:$port
default_transport = smtp
smtp_tls_security_level = none
smtp_connect_timeout = 10s
smtp_helo_timeout = 20s
smtp_rcpt_timeout = 20s
EOF
if ! timeout 20 "$postconf" -c "$tmp/etc" -M# smtp/inet 2> "$tmp/postconf.log" \
    || ! timeout 20 "$postconf" -c "$tmp/etc" -F '*/*/chroot = n' 2>> "$tmp/postconf.log"; then
    cat "$tmp/postconf.log"; fail "postconf could not edit master.cf"
fi
# Postfix writes its complaints to the maillog (or to stderr on a tty only).
pflog() { cat "$tmp/etc/maillog" 2> /dev/null || true; }
# `postfix check` creates the queue folders with their owners and modes.
timeout 60 "$postfix" -c "$tmp/etc" check > "$tmp/check.log" 2>&1 \
    || { cat "$tmp/check.log"; pflog; fail "postfix check"; }
pf_started=1
timeout 60 "$postfix" -c "$tmp/etc" start > "$tmp/start.log" 2>&1 \
    || { cat "$tmp/start.log"; pflog; fail "postfix start"; }
ok

# One message per recipient, from the null sender so that the bounces
# Postfix makes go nowhere.
for l in $locals; do
    printf 'Subject: e2e %s\n\nsmtpgen e2e test\n' "$l" \
        | timeout 30 "$sendmail" -C "$tmp/etc" -f '<>' "$l@example.test" 2> "$tmp/sendmail.log" \
        || { cat "$tmp/sendmail.log"; pflog; fail "sendmail for $l"; }
done
# Wait (60 seconds at most) for a status line for every recipient:
# status=bounced for 5yz, status=deferred for 4yz.
i=0
while :; do
    missing=""
    for l in $locals; do
        grep -F "to=<$l@example.test>," "$tmp/etc/maillog" 2> /dev/null | grep -q ' status=' \
            || missing="$missing $l"
    done
    [ -z "$missing" ] && break
    i=$((i + 1))
    [ "$i" -le 300 ] || { pflog; fail "no Postfix status line after 60 seconds for:$missing"; }
    sleep 0.2
done
: > "$tmp/lines"
for l in $locals; do
    grep -F "to=<$l@example.test>," "$tmp/etc/maillog" | grep -m1 ' status=' >> "$tmp/lines"
done
ok

# Postfix's own log lines, through smtpcode.
timeout 60 "$smtpcode" explain --json < "$tmp/lines" > "$tmp/explain.json" 2> "$tmp/explain.err" \
    || { st=$?; cat "$tmp/lines" "$tmp/explain.json" "$tmp/explain.err"; fail "smtpcode explain --json exited $st"; }
timeout 60 "$py" - "$replies" "$tmp/lines" "$tmp/explain.json" <<'EOF' || fail "smtpcode explain of Postfix's log"
import json, sys
want = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")
        if not l.startswith("#") and l.strip()]
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
got = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
bad = 0
if len(got) != len(want):
    print("e2e: %d JSON objects for %d lines" % (len(got), len(want)))
    sys.exit(1)
for (local, reply, code, enhanced, consistent, reasons, other), line, g in zip(want, lines, got):
    status = "deferred" if code.startswith("4") else "bounced"
    expect = {
        "input": line,
        "reply": reply.replace("\\n", "\n"),
        "code": int(code),
        "enhanced": None if enhanced == "-" else enhanced,
        "consistent": consistent == "true",
        "reasons": [] if reasons == "-" else reasons.split(","),
        "other_code_reasons": [] if other == "-" else other.split(","),
        "error": None,
    }
    have = dict(g)
    have["reasons"] = [r["name"] for r in g.get("reasons", [])]
    have["other_code_reasons"] = [r["name"] for r in g.get("other_code_reasons", [])]
    for key, value in expect.items():
        if have.get(key) != value:
            print("e2e: %s: %s is %r, want %r" % (local, key, have.get(key), value))
            bad += 1
    if "status=%s " % status not in line:
        print("e2e: %s: Postfix did not log status=%s: %s" % (local, status, line))
        bad += 1
sys.exit(1 if bad else 0)
EOF
ok
echo "e2e: $passed passed, 0 failed ($(echo "$locals" | wc -l) recipients through the client and Postfix)"
