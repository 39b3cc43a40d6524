#!/bin/sh
# The template tree is the output tree: a user's template added to a copy of
# templates/ is rendered (a Python module, imported and compared row by row
# with the tables), a partial is never written, a plain file is copied, an
# unknown extension is refused with nothing written, --list-artifacts names
# exactly what is written, and --prefix renames every C name and the header,
# so that two tables live in one translation unit (C and C++, every
# compiler, strict flags).
# usage: tests/check_tree.sh GENERATOR  (from the repository root)
set -eu
root=$(pwd)
gen="$root/$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
fail() { echo "tree: FAILED: $*"; exit 1; }
ok() { passed=$((passed + 1)); }
run() { timeout 60 env -u SOURCE_DATE_EPOCH "$gen" "$@"; }
custom="$root/tests/cases/custom-table"
custom_args="--replies $custom/replies.csv --reasons $custom/reasons.csv --enhanced $custom/enhanced.csv --subcodes $custom/subcodes.csv"

# The shipped tree: exactly these artifacts, in this order.
run --list-artifacts > "$tmp/list"
printf '%s\n' out/html/smtp-codes.html out/include/smtp_codes.h out/man/smtp-codes.7 \
    out/smtp-codes.json out/smtp-codes.md out/smtp-codes.schema.json > "$tmp/want"
cmp -s "$tmp/want" "$tmp/list" || { diff "$tmp/want" "$tmp/list"; fail "--list-artifacts of the shipped tree"; }
run --list-artifacts --out build/gen/ --prefix acme > "$tmp/list"
grep -qx 'build/gen/include/acme_codes.h' "$tmp/list" || fail "--list-artifacts with --out DIR/ and --prefix"
[ "$(wc -l < "$tmp/list")" = 6 ] || fail "--list-artifacts --prefix listed $(wc -l < "$tmp/list") paths"
ok
# It reads no table: a missing table does not stop it.
run --list-artifacts --reasons "$tmp/no-such.csv" > "$tmp/list" || fail "--list-artifacts read the tables"
cmp -s "$tmp/want" "$tmp/list" || fail "--list-artifacts with a missing table listed something else"
ok

# A user's tree: the shipped templates, a Python module, a partial (also in
# a '_' folder), a hidden file, a plain file deeper down.
tree="$tmp/tree"
cp -R templates "$tree"
mkdir -p "$tree/py" "$tree/_lib" "$tree/docs/extra"
cp tests/user-templates/py/smtp_codes.py.mustache "$tree/py/"
printf '{{#reasons}}{{> _lib/line}}{{/reasons}}' > "$tree/docs/reasons.txt.mustache"
printf '{{code}} {{symbol}} {{{description}}}\n' > "$tree/_lib/line.mustache"
printf 'never written\n' > "$tree/_unused.mustache"
printf 'copied {{as is}}\n' > "$tree/docs/extra/NOTICE"
printf 'later:{{> _lib/later}}\n' > "$tree/docs/later.txt.mustache"
: > "$tree/.gitkeep"
# shellcheck disable=SC2086 # custom_args is a word list
run $custom_args --templates "$tree" --out "$tmp/out" --depfile "$tmp/out.d" 2> "$tmp/err" || { cat "$tmp/err"; fail "the user's tree"; }
run $custom_args --templates "$tree" --out "$tmp/out" --list-artifacts | sed "s|^$tmp/out/||" > "$tmp/listed"
(cd "$tmp/out" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) > "$tmp/written"
cmp -s "$tmp/listed" "$tmp/written" || { diff "$tmp/listed" "$tmp/written"; fail "written files differ from --list-artifacts"; }
grep -qx 'py/smtp_codes.py' "$tmp/written" || fail "the Python template was not rendered"
grep -qx 'docs/extra/NOTICE' "$tmp/written" || fail "the plain file was not copied"
! grep -q '_lib\|_unused\|line\|gitkeep' "$tmp/written" || fail "a partial or hidden file was written: $(cat "$tmp/written")"
cmp -s "$tree/docs/extra/NOTICE" "$tmp/out/docs/extra/NOTICE" || fail "the plain file was not copied byte for byte"
python3 - "$custom/reasons.csv" "$tmp/out/docs/reasons.txt" <<'PY' || fail "the text artifact (through a partial in a '_' folder)"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
want = "".join(f"{r['code']} {r['symbol']} {r['description']}\n" for r in rows)
got = open(sys.argv[2], encoding="utf-8").read()
sys.exit(0 if got == want else f"reasons.txt:\n{got!r}\nwant:\n{want!r}")
PY
# The depfile names the Python template and the partial it read.
grep -qF "$tree/py/smtp_codes.py.mustache" "$tmp/out.d" || fail "the depfile lacks the user's template"
grep -qF "$tree/_lib/line.mustache" "$tmp/out.d" || fail "the depfile lacks the partial"
grep -qF "$tmp/out/py/smtp_codes.py" "$tmp/out.d" || fail "the depfile lacks the user's artifact"
# A partial that does not exist yet renders as nothing (the Mustache spec),
# and the '_' folder it would be in is a prerequisite, so creating it reruns.
[ "$(cat "$tmp/out/docs/later.txt")" = "later:" ] || fail "a missing partial: $(cat "$tmp/out/docs/later.txt")"
grep -qE "^ $tree/_lib( \\\\)?\$" "$tmp/out.d" || { cat "$tmp/out.d"; fail "the depfile lacks the folder of a missing partial"; }
[ "$(grep -cF "$tree/_lib/line.mustache" "$tmp/out.d")" = 1 ] || fail "the depfile names a partial more than once"
ok

# The Python module imports and holds every row of the tables, value for
# value (the custom table's quotes, backslashes, tabs and non-ASCII text
# went through the Python escaper); and so for the shipped tables.
check_py() { # OUT REPLIES REASONS ENHANCED
    timeout 60 python3 - "$@" <<'PY'
import csv, importlib.util, sys
out, replies, reasons, enhanced = sys.argv[1:]
spec = importlib.util.spec_from_file_location("smtp_codes", out + "/py/smtp_codes.py")
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
def rows(path):
    return list(csv.DictReader(open(path, encoding="utf-8", newline="")))
problems = []
def same(table, got, want):
    if got != want:
        problems.append(f"{table}: {len(got)} rows, want {len(want)}")
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                problems.append(f"{table} row {i + 1}: {g!r} != {w!r}")
                break
same("replies", [tuple(r) for r in mod.REPLIES],
     [(r["name"], int(r["code"]), r["description"]) for r in rows(replies)])
same("reasons", [tuple(r) for r in mod.REASONS],
     [(r["name"], r["symbol"], int(r["code"]), r["description"]) for r in rows(reasons)])
same("enhanced", [(e.name, e.text, e.basic_codes, e.reference, e.deprecated, e.description)
                  for e in mod.ENHANCED],
     [(r["name"], r["text"], tuple(r["basic_codes"].split()), r["reference"],
       r["deprecated"] or None, r["description"]) for r in rows(enhanced)])
codes = [e.code for e in mod.ENHANCED]
if any(len(c.split(".")) != 3 for c in codes):
    problems.append(f"enhanced codes: {codes[:3]}")
if problems:
    sys.exit("\n".join(problems))
print(f"py: {len(mod.REPLIES)} replies, {len(mod.REASONS)} reasons, {len(mod.ENHANCED)} enhanced codes ok")
PY
}
check_py "$tmp/out" "$custom/replies.csv" "$custom/reasons.csv" "$custom/enhanced.csv" > /dev/null || fail "the Python module (custom table)"
run --templates "$tree" --out "$tmp/shipped" 2>/dev/null || fail "the user's tree, shipped tables"
check_py "$tmp/shipped" data/smtp-replies.csv data/smtp-reasons.csv data/smtp-enhanced.csv || fail "the Python module (shipped tables)"
# The shipped artifacts come out the same from the user's tree.
for f in include/smtp_codes.h man/smtp-codes.7 html/smtp-codes.html smtp-codes.md smtp-codes.json smtp-codes.schema.json; do
    cmp -s "out/$f" "$tmp/shipped/$f" || fail "$f differs when rendered from the user's tree"
done
ok

# Refused trees: each error names the file, exit 1, and the output folder
# (a full valid tree) and the depfile stay byte for byte as they were.
# bad_tree: "$tmp/bad" becomes a fresh copy of the valid user's tree.
bad_tree() { rm -rf "$tmp/bad"; cp -R "$tree" "$tmp/bad"; }
refused() { # NAME EXPECTED-MESSAGE-PART (the tree is "$tmp/bad")
    rm -rf "$tmp/before"; cp -a "$tmp/out" "$tmp/before"; cp "$tmp/out.d" "$tmp/before.d"
    status=0
    # shellcheck disable=SC2086
    run $custom_args --templates "$tmp/bad" --out "$tmp/out" --depfile "$tmp/out.d" 2> "$tmp/err" || status=$?
    [ "$status" = 1 ] || fail "$1: exit $status, not 1"
    grep -qF -- "$2" "$tmp/err" || { cat "$tmp/err"; fail "$1: the message lacks: $2"; }
    [ "$(wc -l < "$tmp/err")" = 1 ] || { cat "$tmp/err"; fail "$1: more than one line on stderr"; }
    diff -r "$tmp/before" "$tmp/out" > /dev/null || fail "$1: the output folder changed"
    cmp -s "$tmp/before.d" "$tmp/out.d" || fail "$1: the depfile changed"
    [ -z "$(find "$tmp/out" -name '.*')" ] || fail "$1: a temporary file was left"
    if run --templates "$tmp/bad" --list-artifacts > "$tmp/list" 2> "$tmp/err2"; then
        fail "$1: --list-artifacts exit 0"
    fi
    [ ! -s "$tmp/list" ] || fail "$1: --list-artifacts printed paths of a refused tree"
    cmp -s "$tmp/err" "$tmp/err2" || fail "$1: --list-artifacts said something else"
}
bad_tree
printf '{{#reasons}}{{name}}: {{description}}\n{{/reasons}}' > "$tmp/bad/docs/reasons.yaml.mustache"
refused "unknown extension" "$tmp/bad/docs/reasons.yaml.mustache: error: no escaper for \".yaml\" files, so {{value}} cannot be written there; known extensions: .h .c"
grep -qF '.md (Markdown), .csv (CSV), .txt (text), .1 to .9 (roff)' "$tmp/err" || fail "the unknown-extension message does not list every known extension"
# Eight folders deep, the whole list still fits in the message.
bad_tree
deep=a-rather-long-folder-name/b-rather-long-folder-name/c-rather-long-folder-name/d-rather-long-folder-name/e/f/g/h
mkdir -p "$tmp/bad/$deep"; printf 'x' > "$tmp/bad/$deep/reasons.yaml.mustache"
refused "unknown extension, deep" "$tmp/bad/$deep/reasons.yaml.mustache: error: no escaper for \".yaml\" files"
grep -qF '.txt (text), .1 to .9 (roff)' "$tmp/err" || fail "the unknown-extension message was cut: $(cat "$tmp/err")"
bad_tree
printf 'x' > "$tmp/bad/docs/Makefile.mustache"
refused "no extension" "$tmp/bad/docs/Makefile.mustache: error: docs/Makefile has no extension to choose an escaper by"
bad_tree
printf 'x' > "$tmp/bad/docs/reasons.txt"
refused "two sources" "$tmp/bad/docs/reasons.txt.mustache: error: would write docs/reasons.txt, as $tmp/bad/docs/reasons.txt does"
bad_tree
mkdir -p "$tmp/bad/docs/reasons.txt"; printf 'x' > "$tmp/bad/docs/reasons.txt/inner.txt.mustache"
printf 'x' > "$tmp/bad/docs/reasons.txt-x.txt.mustache" # sorts between the two
refused "a file and a folder" "$tmp/bad/docs/reasons.txt/inner.txt.mustache: error: would write docs/reasons.txt/inner.txt, inside docs/reasons.txt, which $tmp/bad/docs/reasons.txt.mustache writes as a file"
bad_tree
mkdir -p "$tmp/bad/smtp-codes.json"; printf 'x' > "$tmp/bad/smtp-codes.json/a.txt.mustache"
refused "a folder named as the dump" "$tmp/bad/smtp-codes.json/a.txt.mustache: error: would write smtp-codes.json/a.txt, inside smtp-codes.json, which is the document's own dump"
bad_tree
printf '{}' > "$tmp/bad/smtp-codes.json"
refused "the dump's name" "$tmp/bad/smtp-codes.json: error: would write smtp-codes.json, which is the document's own dump"
bad_tree
printf 'x' > "$tmp/bad/{{name}}.txt.mustache"
refused "a tag in a path" "error: a template's path may name only {{prefix}}, not another {{...}}"
rm -rf "$tmp/bad"; mkdir -p "$tmp/bad/_partials"; printf 'x' > "$tmp/bad/_partials/a.h.mustache"; printf '{}' > "$tmp/bad/schema.json"
refused "no template" "$tmp/bad: error: no template (NAME.mustache) in this folder, so there is nothing to render"
rm -rf "$tmp/bad"
refused "no folder" "$tmp/bad: error: cannot read the template folder: No such file or directory"
ok

# --prefix: checked, and a usage error (exit 2) when it is not a prefix.
for p in "" Acme 1acme acme_ _acme acme__mail "acme mail" acme-mail abcdefghijklmnopqrstuvwxyzabcdefg; do
    status=0
    run --prefix "$p" --out "$tmp/p" 2> "$tmp/err" || status=$?
    [ "$status" = 2 ] || fail "--prefix '$p': exit $status, not 2"
    grep -qF "smtpgen: error: --prefix \"$p\" is not a name prefix" "$tmp/err" || { cat "$tmp/err"; fail "--prefix '$p' message"; }
    [ ! -e "$tmp/p" ] || fail "--prefix '$p' wrote something"
done
for a in --check --depfile; do
    set -- "$a"; [ "$a" = --depfile ] && set -- --depfile "$tmp/x.d"
    if run --list-artifacts "$@" > /dev/null 2> "$tmp/err"; then fail "--list-artifacts $a accepted"; fi
    grep -qF -- "--list-artifacts writes nothing, so it takes no $a" "$tmp/err" || fail "--list-artifacts $a message"
done
ok

# --prefix acme: every C name and the header's file name, and only those
# (the tables' own text is untouched), from the custom table.
# shellcheck disable=SC2086
run $custom_args --prefix acme_mail --out "$tmp/acme" 2>/dev/null || fail "--prefix acme_mail"
h="$tmp/acme/include/acme_mail_codes.h"
[ -f "$h" ] || fail "--prefix acme_mail did not name the header acme_mail_codes.h"
[ ! -e "$tmp/acme/include/smtp_codes.h" ] || fail "--prefix also wrote smtp_codes.h"
grep -q '^#ifndef ACME_MAIL_CODES_H$' "$h" || fail "the include guard is not ACME_MAIL_CODES_H"
grep -q 'ACME_MAIL_REASON_SPAM' "$h" || fail "no ACME_MAIL_REASON_SPAM"
grep -q 'acme_mail_reason_by_name' "$h" || fail "no acme_mail_reason_by_name"
# No identifier keeps the default prefix: compare with the default header
# after renaming, byte for byte.
# shellcheck disable=SC2086
run $custom_args --out "$tmp/plain" 2>/dev/null
sed 's/SMTP_/ACME_MAIL_/g; s/smtp_/acme_mail_/g' "$tmp/plain/include/smtp_codes.h" > "$tmp/renamed.h"
cmp -s "$tmp/renamed.h" "$h" || { diff "$tmp/renamed.h" "$h" | head; fail "the acme_mail header is not the default one renamed"; }
! grep -q 'SMTP_\|smtp_' "$h" || fail "the acme_mail header still has an SMTP_ or smtp_ name"
grep -q 'ACME_MAIL_REASON_SPAM' "$tmp/acme/man/smtp-codes.7" || fail "the man page does not name ACME_MAIL_REASON_SPAM"
grep -q 'acme_mail_codes.h' "$tmp/acme/html/smtp-codes.html" || fail "the HTML page does not name acme_mail_codes.h"
cmp -s "$tmp/plain/smtp-codes.json" "$tmp/acme/smtp-codes.json" || fail "--prefix changed the JSON"
ok

# Two tables in one translation unit: the shipped header and an acme one
# from the custom table, in C and C++, with every compiler.
run $custom_args --prefix acme --out "$tmp/two" 2>/dev/null || fail "--prefix acme"
for cc in gcc clang g++ clang++; do
    command -v "$cc" > /dev/null || fail "$cc is not installed"
    case $cc in
        *++) std="-std=c++11"; lang="-x c++" ;;
        *) std="-std=c99"; lang="-x c" ;;
    esac
    # shellcheck disable=SC2086
    timeout 120 "$cc" $lang $std -Wall -Wextra -pedantic -Werror -Wshadow -Wundef \
        -Iout/include -I"$tmp/two/include" -o "$tmp/two-$cc" tests/header/two_tables.c \
        || fail "two tables in one unit: $cc"
    timeout 10 "$tmp/two-$cc" > "$tmp/two-$cc.txt" || fail "two tables: $cc's program failed"
done
python3 - "$tmp/two-gcc.txt" data/smtp-reasons.csv "$custom/reasons.csv" <<'PY' || fail "two tables: lookups"
import csv, sys
got = open(sys.argv[1], encoding="utf-8").read()
want = []
for table, path in (("smtp", sys.argv[2]), ("acme", sys.argv[3])):
    for r in csv.DictReader(open(path, encoding="utf-8", newline="")):
        want.append(f"{table} {r['symbol']} {r['code']} {r['description']}\n")
want = "".join(want)
sys.exit(0 if got == want else f"got:\n{got}\nwant:\n{want}")
PY
for cc in clang g++ clang++; do
    cmp -s "$tmp/two-gcc.txt" "$tmp/two-$cc.txt" || fail "two tables: $cc's program differs from gcc's"
done
ok

echo "tree: $passed groups passed"
