#!/bin/sh
# The generator as a build step: --check, writes only when changed (mtimes),
# --depfile (escaping, make's -include, ninja's depfile), --format, and
# SOURCE_DATE_EPOCH. Each check asserts on files and messages.
# usage: tests/check_cli.sh GENERATOR  (from the repository root)
set -eu
root=$(pwd)
gen="$root/$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
fail() { echo "cli: FAILED: $*"; exit 1; }
ok() { passed=$((passed + 1)); }
run() { env -u SOURCE_DATE_EPOCH "$gen" "$@"; }

# --check on a missing tree names every artifact, exit 1, writes nothing.
if run --check --out "$tmp/none" 2> "$tmp/err"; then fail "--check on a missing tree exited 0"; fi
[ "$(grep -c ' is missing$' "$tmp/err")" = 6 ] || { cat "$tmp/err"; fail "--check did not name 6 missing artifacts"; }
[ ! -e "$tmp/none" ] || fail "--check created the output folder"
ok

# A fresh tree passes --check; a changed file is named stale and left as is.
run --out "$tmp/o" 2>/dev/null
run --check --out "$tmp/o" 2>/dev/null || fail "--check on a fresh tree"
echo "// edited" >> "$tmp/o/include/smtp_codes.h"
cp "$tmp/o/include/smtp_codes.h" "$tmp/edited.h"
if run --check --out "$tmp/o" 2> "$tmp/err"; then fail "--check missed a stale header"; fi
grep -q "o/include/smtp_codes.h is stale" "$tmp/err" || fail "--check did not name the stale header"
[ "$(grep -c ' is stale$' "$tmp/err")" = 1 ] || fail "--check named more than the stale header"
cmp -s "$tmp/edited.h" "$tmp/o/include/smtp_codes.h" || fail "--check changed the stale file"
ok

# A second run leaves every unchanged file's mtime alone and rewrites only
# what differs.
run --out "$tmp/o" 2>/dev/null
touch -d '2001-01-01 00:00:00' "$tmp/o/smtp-codes.json" "$tmp/o/include/smtp_codes.h"
echo "// edited" >> "$tmp/o/include/smtp_codes.h"
run --out "$tmp/o" 2>/dev/null
[ "$(date -r "$tmp/o/smtp-codes.json" +%Y)" = 2001 ] || fail "an unchanged file was rewritten"
[ "$(date -r "$tmp/o/include/smtp_codes.h" +%Y)" != 2001 ] || fail "a changed file was not rewritten"
cmp -s "$root/out/include/smtp_codes.h" "$tmp/o/include/smtp_codes.h" || fail "the rewritten header differs from out/"
[ -z "$(find "$tmp/o" -name '.*')" ] || fail "a temporary file was left behind"
ok

# The depfile: every artifact a target, both CSVs, every template and
# partial read and every template folder (a template added or removed) as
# prerequisites, blanks escaped, a final newline.
mkdir -p "$tmp/with space/tpl"
cp -R "$root"/templates/. "$tmp/with space/tpl/"
printf '{{! a partial, so that the depfile must list it }}\n' > "$tmp/with space/tpl/_note.mustache"
sed -i '1i {{> _note}}' "$tmp/with space/tpl/man/smtp-codes.7.mustache"
cp "$root/data/smtp-replies.csv" "$root/data/smtp-reasons.csv" "$tmp/with space/"
cd "$tmp/with space"
run --replies smtp-replies.csv --reasons smtp-reasons.csv --templates tpl --out "out dir" \
    --depfile "out dir/gen.d" 2>/dev/null
d="out dir/gen.d"
[ "$(tail -c 1 "$d" | od -An -c | tr -d ' ')" = '\n' ] || fail "the depfile does not end in a newline"
# The targets are exactly what --list-artifacts prints, blanks escaped.
"$gen" --templates tpl --out "out dir" --list-artifacts | sed 's/ /\\ /g; s/$/ \\/; $s/ \\$/:/' > want.targets
head -n "$(wc -l < want.targets)" "$d" | sed '$s/:.*/:/' > got.targets
cmp -s want.targets got.targets || { diff want.targets got.targets; fail "the depfile's targets are not the listed artifacts"; }
for t in include/smtp_codes.h man/smtp-codes.7 html/smtp-codes.html smtp-codes.md smtp-codes.json smtp-codes.schema.json; do
    grep -qF "out\\ dir/$t" "$d" || fail "the depfile lacks target $t"
done
for p in smtp-replies.csv smtp-reasons.csv 'tpl/include/{{prefix}}_codes.h.mustache' \
         tpl/man/smtp-codes.7.mustache tpl/_note.mustache tpl/html/smtp-codes.html.mustache \
         tpl/smtp-codes.md.mustache tpl/smtp-codes.schema.json tpl tpl/include tpl/man tpl/html; do
    grep -qxF " $p \\" "$d" || grep -qxF " $p" "$d" || fail "the depfile lacks prerequisite $p"
done
# The enhanced tables were not given, so the shipped ones were read.
for p in data/smtp-enhanced.csv data/smtp-enhanced-subcodes.csv; do
    grep -qE "^ .*/$p( \\\\)?\$" "$d" || fail "the depfile lacks prerequisite $p"
done
ok

# make reads it: with the depfile included, touching the partial reruns the
# step, and nothing else does.
cat > Makefile <<'MK'
out\ dir/include/smtp_codes.h: smtp-replies.csv smtp-reasons.csv
	$(GEN) --replies smtp-replies.csv --reasons smtp-reasons.csv --templates tpl --out "out dir" --depfile "out dir/gen.d" 2>/dev/null
	@echo generated
-include out\ dir/gen.d
MK
[ -z "$(make -s GEN="$gen" | grep generated || true)" ] || fail "make reran an up-to-date step"
sleep 1; touch tpl/_note.mustache
[ -n "$(make -s GEN="$gen" | grep generated || true)" ] || fail "make did not rerun after the partial changed"
ok

# Run from another folder, smtpgen names its default tables by clean paths
# (what the kernel says the program's folder is, cut, never "gen/.."), in
# --help, in the depfile and in messages. (GENERATOR may be a wrapper, such
# as valgrind.sh's, so the path is read from --help, then checked.)
default=$(cd / && run --help | sed -n 's/^  --replies FILE .*(default \(.*\))$/\1/p')
case $default in
/*/data/smtp-replies.csv) ;;
*) fail "--help run from / gives the default replies as '$default'" ;;
esac
[ -f "$default" ] || fail "the default replies $default do not exist"
case $default in *"/../"*|*"/./"*) fail "the default replies are not a clean path: $default" ;; esac
(cd / && run --out "$tmp/elsewhere" --depfile "$tmp/elsewhere.d") 2> "$tmp/elsewhere.err" \
    || fail "a run from / failed: $(cat "$tmp/elsewhere.err")"
grep -qxF " $default \\" "$tmp/elsewhere.d" \
    || fail "the depfile does not name $default: $(grep replies "$tmp/elsewhere.d")"
if grep -q '/\.\./' "$tmp/elsewhere.d"; then fail "a path with /../: $(grep '/\.\./' "$tmp/elsewhere.d")"; fi
[ ! -s "$tmp/elsewhere.err" ] || fail "the shipped tables drew messages: $(cat "$tmp/elsewhere.err")"
ok

# A path with '$' and '#' (a template folder here): the depfile doubles the
# '$' and escapes the '#', so that make reads the very path; a '$' left
# single would be expanded ($x is empty) and make would look for another
# file, and a bare '#' would start a comment.
dollar="$tmp/cost\$x#y"
mkdir -p "$dollar"
cp -R "$root"/templates "$dollar/tpl"
printf '{{! a partial in a folder with $ and # }}\n' > "$dollar/tpl/_note.mustache"
sed -i '1i {{> _note}}' "$dollar/tpl/man/smtp-codes.7.mustache"
cp "$root/data/smtp-replies.csv" "$root/data/smtp-reasons.csv" "$dollar/"
cat > "$dollar/Makefile" <<'MK'
out/include/smtp_codes.h: smtp-replies.csv smtp-reasons.csv
	$(GEN) --replies smtp-replies.csv --reasons smtp-reasons.csv --templates "$$TPL" --out out --depfile out/gen.d 2>/dev/null
	@echo generated
-include out/gen.d
MK
(cd "$dollar" && TPL="$dollar/tpl" make -s GEN="$gen" > first.log 2>&1) \
    || { cat "$dollar/first.log"; fail "make with a '\$' in a path: first build"; }
grep -qF 'cost$$x\#y/tpl/_note.mustache' "$dollar/out/gen.d" \
    || fail "the depfile does not double '\$' and escape '#': $(grep note "$dollar/out/gen.d")"
(cd "$dollar" && TPL="$dollar/tpl" make -s GEN="$gen" > second.log 2>&1) \
    || { cat "$dollar/second.log"; fail "make could not read the depfile of a path with '\$'"; }
grep -q generated "$dollar/second.log" && fail "make reran an up-to-date step (a path with '\$')"
sleep 1; touch "$dollar/tpl/_note.mustache"
(cd "$dollar" && TPL="$dollar/tpl" make -s GEN="$gen" > third.log 2>&1) || fail "make: third build"
grep -q generated "$dollar/third.log" \
    || fail "make did not rerun after a partial in a folder with '\$' changed"
ok

# ninja reads it too (deps = gcc); restat keeps dependents still. It starts
# from an empty output folder, as a fresh ninja build would.
rm -rf "out dir"
cat > build.ninja <<NJ
rule smtpgen
  command = $gen --replies smtp-replies.csv --reasons smtp-reasons.csv --templates tpl --out "out dir" --depfile "out dir/gen.d" 2>/dev/null
  depfile = out dir/gen.d
  deps = gcc
  restat = 1
build out$ dir/include/smtp_codes.h: smtpgen smtp-replies.csv smtp-reasons.csv
NJ
ninja > n1.log || { cat n1.log; fail "ninja: first build"; }
ninja > n2.log
grep -q "no work to do" n2.log || { cat n2.log; fail "ninja: a second build did work"; }
sleep 1; touch tpl/_note.mustache
ninja > n3.log
grep -q "smtpgen" n3.log || grep -q "\[1/1\]" n3.log || { cat n3.log; fail "ninja: the partial's change did not rerun the step"; }
ninja > n4.log
grep -q "no work to do" n4.log || fail "ninja: not settled after the rerun"
ok
cd "$root"

# --format rewrites a CSV into canonical form, and leaves a canonical file
# byte-identical (and untouched).
printf '\357\273\277name,code,description\r\n"A",421,"x, y"\r\n\r\nB,450,"say ""hi"""\r\n' > "$tmp/messy.csv"
"$gen" --format --check "$tmp/messy.csv" 2> "$tmp/err" && fail "--format --check passed a messy file"
grep -q "messy.csv is not in canonical form" "$tmp/err" || fail "--format --check message"
"$gen" --format "$tmp/messy.csv" > /dev/null
printf 'name,code,description\nA,421,"x, y"\nB,450,"say ""hi"""\n' > "$tmp/want.csv"
cmp -s "$tmp/want.csv" "$tmp/messy.csv" || fail "--format output is not canonical"
touch -d '2001-01-01' "$tmp/messy.csv"
"$gen" --format "$tmp/messy.csv" > "$tmp/fmt.out"
[ "$(date -r "$tmp/messy.csv" +%Y)" = 2001 ] && [ ! -s "$tmp/fmt.out" ] || fail "--format touched a canonical file"
"$gen" --format --check "$root"/data/*.csv || fail "data/ is not in canonical form"
printf 'name,code\n"broken\n' > "$tmp/broken.csv"
cp "$tmp/broken.csv" "$tmp/broken.orig"
"$gen" --format "$tmp/broken.csv" 2> "$tmp/err" && fail "--format accepted a broken file"
grep -q "broken.csv:2:1: error: unterminated quoted field" "$tmp/err" || { cat "$tmp/err"; fail "--format error message"; }
cmp -s "$tmp/broken.csv" "$tmp/broken.orig" || fail "--format changed a file it could not read"
ok

# --compat: the release file is an input of the step (in the depfile), and
# it combines with neither --list-artifacts nor --format (usage, exit 2).
# The release file is the Makefile's COMPAT_RELEASE (make check passes it).
release="$root/${COMPAT_RELEASE:-$(sed -n 's/^COMPAT_RELEASE := //p' "$root/Makefile")}"
[ -f "$release" ] || fail "no release file $release"
run --compat "$release" --out "$tmp/compat" --depfile "$tmp/compat.d" 2> "$tmp/err" \
    || { cat "$tmp/err"; fail "--compat failed on the shipped tables"; }
grep -q "error:" "$tmp/err" && fail "--compat reported an error on the shipped tables"
grep -qF " $release" "$tmp/compat.d" || fail "the depfile lacks the --compat release"
for extra in --list-artifacts --format; do
    status=0
    run --compat "$release" $extra > /dev/null 2> "$tmp/err" || status=$?
    [ "$status" = 2 ] || fail "--compat with $extra: exit $status, expected 2"
    grep -q "takes no --compat" "$tmp/err" || { cat "$tmp/err"; fail "--compat with $extra: message"; }
done
status=0
run --compat > /dev/null 2>&1 || status=$?
[ "$status" = 2 ] || fail "--compat without a file: exit $status, expected 2"
ok

# SOURCE_DATE_EPOCH dates the man page and nothing else.
SOURCE_DATE_EPOCH=86400 "$gen" --out "$tmp/dated" 2>/dev/null
grep -q '^\.TH .*1970-01-02' "$tmp/dated/man/smtp-codes.7" || fail "the man page does not show SOURCE_DATE_EPOCH's date"
diff -r -x smtp-codes.7 "$root/out" "$tmp/dated" > /dev/null || fail "SOURCE_DATE_EPOCH changed another artifact"
ok
echo "cli: $passed passed, 0 failed"
