#!/bin/sh
# Generates every artifact from hostile tables (replies, reasons, enhanced
# status codes and their classes and subjects) and checks each one:
#   attacks/   descriptions, symbols, sample texts, references and titles
#              that attack roff, HTML, inline script, JSON, C and Mustache;
#              several scripts, right-to-left text; commas, quotes, tabs,
#              blanks at both ends; a deprecated enhanced code without a
#              text, subjects and details of three digits, basic codes that
#              are patterns or codes with and without a reply row
#   unicode/   text smtpgen carries exactly although the Nu Html Checker
#              gives it an "info warning" (not NFC, a leading combining
#              mark, private use characters): those three are let through
#   long       texts of 4095 bytes, the most smtpgen takes (descriptions,
#              sample texts, titles, a symbol), made by make_long.py at run
#              time; the header must compile warning-free all the same
#   names      the attacks tables under hostile file names (quotes, markup,
#              roff and C escapes, Mustache tags, non-ASCII, right-to-left
#              marks), which every artifact names
# For each, smtpgen must exit 0 with warnings at most and --check must then
# pass, and:
#   header  tests/header/check.sh compiles it as C99, C11 and C++11 with gcc,
#           clang and g++ and compares every lookup with the CSVs
#   json    tests/check_json.py compares it with the CSVs row by row, and
#           tests/validate_json.sh validates it against the schema
#   man     check.py man: mandoc -Tlint -W warning is silent, the syntax
#           tree is the twin's, every value decodes back exactly, and
#           mandoc -Tutf8 shows it
#   html    the Nu Html Checker with --Werror, and check.py html: the parsed
#           page has the twin's elements, attributes, comments and script,
#           and every value exactly in its place
# Then input that cannot be carried must be refused with exit 1, a message
# and no change: a file name that is not UTF-8, a line break in a path that
# a depfile would name. Last, the checks themselves are shown to fail on
# pages with an injected request, element or attribute.
# usage: tests/adversarial/run.sh GENERATOR   (from the repository root)
set -u
root=$(pwd)
gen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$root/tests/adversarial
vnu=$root/tests/node_modules/vnu-jar/build/dist/vnu.jar
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { printf 'adversarial: FAILED: %s\n' "$*"; failed=$((failed + 1)); }

# The Nu Html Checker's messages that text carried exactly can draw, and that
# only unicode/ may: they are advice about how text is written.
unicode_advice='.*(not in Unicode Normalization Form C|starts with a composing character|Private Use Area).*'

# table NAME REPLIES REASONS ENHANCED SUBCODES: generates the tables and
# their twin (see check.py) into $tmp/NAME and runs every check but the Nu
# Html Checker's, which runs once for all pages at the end (it takes seconds
# to start).
table() {
    name=$1 replies=$2 reasons=$3 enhanced=$4 subcodes=$5 dir=$tmp/$1
    mkdir -p "$dir/twin"
    if ! env -u SOURCE_DATE_EPOCH "$gen" --replies "$replies" --reasons "$reasons" \
            --enhanced "$enhanced" --subcodes "$subcodes" --out "$dir/out" 2> "$dir/stderr"; then
        fail "$name: smtpgen failed: $(head -3 "$dir/stderr")"
        return
    fi
    if grep -v ': warning: ' "$dir/stderr" | grep -q .; then
        fail "$name: smtpgen said more than warnings: $(grep -v ': warning: ' "$dir/stderr" | head -3)"
    fi
    if env -u SOURCE_DATE_EPOCH "$gen" --replies "$replies" --reasons "$reasons" \
            --enhanced "$enhanced" --subcodes "$subcodes" --out "$dir/out" --check \
            2> "$dir/check.stderr"; then
        pass
    else
        fail "$name: --check right after generating: $(grep -v ': warning: ' "$dir/check.stderr" | head -3)"
    fi
    python3 "$here/check.py" twin "$replies" "$reasons" "$enhanced" "$subcodes" "$dir/twin"
    env -u SOURCE_DATE_EPOCH "$gen" --replies "$dir/twin/$(basename "$replies")" \
        --reasons "$dir/twin/$(basename "$reasons")" \
        --enhanced "$dir/twin/$(basename "$enhanced")" \
        --subcodes "$dir/twin/$(basename "$subcodes")" --out "$dir/twin/out" 2>/dev/null \
        || fail "$name: smtpgen failed on the twin tables"

    if HEADER_BUILD_DIR="$dir/header" "$root/tests/header/check.sh" "$dir/out/include" \
            "$replies" "$reasons" "$enhanced" "$subcodes" > "$dir/header.log" 2>&1; then
        pass
    else
        fail "$name: header: $(grep -v '^ \|^In file\|: In function' "$dir/header.log" | head -5)"
    fi
    if python3 "$root/tests/check_json.py" "$dir/out/smtp-codes.json" "$replies" "$reasons" \
            "$enhanced" "$subcodes" > "$dir/json.log" 2>&1; then
        pass
    else
        fail "$name: json: $(head -5 "$dir/json.log")"
    fi
    if "$root/tests/validate_json.sh" "$dir/out/smtp-codes.json" "$root/templates/smtp-codes.schema.json" \
            > "$dir/schema.log" 2>&1; then
        pass
    else
        fail "$name: json schema: $(head -5 "$dir/schema.log")"
    fi
    for page in man/smtp-codes.7 html/smtp-codes.html; do
        kind=${page%%/*}
        if python3 "$here/check.py" "$kind" "$dir/out/$page" "$dir/twin/out/$page" \
                "$replies" "$reasons" "$enhanced" "$subcodes" > "$dir/$kind.log" 2>&1; then
            pass
        else
            fail "$name: $kind:
$(head -10 "$dir/$kind.log")"
        fi
    done
}

cd "$root" || exit 1
table attacks "$here/attacks/replies.csv" "$here/attacks/reasons.csv" \
    "$here/attacks/enhanced.csv" "$here/attacks/subcodes.csv"
table unicode "$here/unicode/replies.csv" "$here/unicode/reasons.csv" \
    "$here/unicode/enhanced.csv" "$here/unicode/subcodes.csv"
mkdir -p "$tmp/long-tables"
python3 "$here/make_long.py" "$tmp/long-tables"
# Texts of 4095 bytes, the longest string literal C99 promises (5.2.4.1):
# the header must compile with -pedantic -Werror all the same.
table long "$tmp/long-tables/replies.csv" "$tmp/long-tables/reasons.csv" \
    "$tmp/long-tables/enhanced.csv" "$tmp/long-tables/subcodes.csv"
mkdir -p "$tmp/names-tables"
# (A file name cannot hold a slash, so "*/" and "</script>" are left out.)
hostile_replies=$(printf '%s/r"e%sp<l>i&amp;e\\fB*??={{x}} \\ \342\200\250\303\251%%n.csv' \
    "$tmp/names-tables" "'")
# shellcheck disable=SC2016 # the $(x) and `x` are part of the name
hostile_reasons=$(printf '%s/.TH %sx%s "<script><!-- #$(x) \\.csv' "$tmp/names-tables" "'" "'")
# shellcheck disable=SC2016 # the `x` is part of the name
hostile_enhanced=$(printf '%s/%sbr e"n\\e<i>h&lt;{{{y}}}??! \342\200\256\327\251\327\234\342\200\254 `x` ,.csv' \
    "$tmp/names-tables" "'")
hostile_subcodes=$(printf '%s/.SH s\\(em"u&#0;b<!--c--> {{#x}}??( %%s %s \331\205\330\261.csv' \
    "$tmp/names-tables" "'")
cp "$here/attacks/replies.csv" "$hostile_replies"
cp "$here/attacks/reasons.csv" "$hostile_reasons"
cp "$here/attacks/enhanced.csv" "$hostile_enhanced"
cp "$here/attacks/subcodes.csv" "$hostile_subcodes"
table names "$hostile_replies" "$hostile_reasons" "$hostile_enhanced" "$hostile_subcodes"

# The Nu Html Checker, with --Werror, on every page: unicode/ may draw the
# advice it is about, and nothing else.
strict_pages=""
for name in attacks long names; do
    strict_pages="$strict_pages $tmp/$name/out/html/smtp-codes.html"
done
# shellcheck disable=SC2086 # a word list on purpose
if java -jar "$vnu" --Werror $strict_pages > "$tmp/vnu.log" 2>&1; then
    pass
else
    fail "the Nu Html Checker: $(head -10 "$tmp/vnu.log")"
fi
if java -jar "$vnu" --Werror --filterpattern "$unicode_advice" \
        "$tmp/unicode/out/html/smtp-codes.html" > "$tmp/vnu-unicode.log" 2>&1; then
    pass
else
    fail "the Nu Html Checker on unicode: $(head -10 "$tmp/vnu-unicode.log")"
fi

# refuse WHAT EXPECTED_MESSAGE ARGS...: smtpgen must exit 1 with a message
# that contains EXPECTED_MESSAGE, and leave the output tree as it was.
refuse() {
    what=$1 message=$2
    shift 2
    rm -rf "$tmp/refuse"
    cp -a "$tmp/attacks/out" "$tmp/refuse"
    (cd "$tmp/names-tables" && ls -A) > "$tmp/refuse.before"
    (cd "$tmp/names-tables" && env -u SOURCE_DATE_EPOCH "$gen" --out "$tmp/refuse" "$@") \
        > /dev/null 2> "$tmp/refuse.stderr"
    status=$?
    if [ "$status" != 1 ]; then
        fail "$what: exit status $status, expected 1"
    elif ! grep -F -q -e "$message" "$tmp/refuse.stderr"; then
        fail "$what: the message is not '$message': $(cat "$tmp/refuse.stderr")"
    elif ! diff -r "$tmp/attacks/out" "$tmp/refuse" > /dev/null 2>&1; then
        fail "$what: the output tree changed"
    elif ! (cd "$tmp/names-tables" && ls -A) | cmp -s - "$tmp/refuse.before"; then
        fail "$what: a file was left behind: $( (cd "$tmp/names-tables" && ls -A) \
              | diff "$tmp/refuse.before" - | grep '^>')"
    else
        pass
    fi
}
latin1=$(printf 'r\351plies.csv')
cp "$here/attacks/replies.csv" "$tmp/names-tables/$latin1"
refuse "a file name that is not UTF-8" "$latin1: error: the file name is not valid UTF-8" \
    --replies "$latin1" --reasons "$hostile_reasons" --enhanced "$hostile_enhanced" \
    --subcodes "$hostile_subcodes"
latin1_enhanced=$(printf 'enhanc\351.csv')
cp "$here/attacks/enhanced.csv" "$tmp/names-tables/$latin1_enhanced"
refuse "an enhanced table whose file name is not UTF-8" \
    "$latin1_enhanced: error: the file name is not valid UTF-8" \
    --replies "$hostile_replies" --reasons "$hostile_reasons" \
    --enhanced "$latin1_enhanced" --subcodes "$hostile_subcodes"
latin1_subcodes=$(printf 'subcod\351s.csv')
cp "$here/attacks/subcodes.csv" "$tmp/names-tables/$latin1_subcodes"
refuse "a subcode table whose file name is not UTF-8" \
    "$latin1_subcodes: error: the file name is not valid UTF-8" \
    --replies "$hostile_replies" --reasons "$hostile_reasons" \
    --enhanced "$hostile_enhanced" --subcodes "$latin1_subcodes"
broken=$(printf 'line\nbreak.csv')
cp "$here/attacks/replies.csv" "$tmp/names-tables/$broken"
refuse "a depfile naming a path with a line break" "it holds a line break" \
    --replies "$broken" --reasons "$hostile_reasons" --enhanced "$hostile_enhanced" \
    --subcodes "$hostile_subcodes" --depfile deps.d
[ ! -e "$tmp/names-tables/deps.d" ] || fail "a depfile was written although smtpgen failed"
for table in enhanced subcodes; do
    broken=$(printf 'line\nbreak-%s.csv' "$table")
    cp "$here/attacks/$table.csv" "$tmp/names-tables/$broken"
    if [ "$table" = enhanced ]; then
        set -- --enhanced "$broken" --subcodes "$hostile_subcodes"
    else
        set -- --enhanced "$hostile_enhanced" --subcodes "$broken"
    fi
    refuse "a depfile naming the $table table with a line break in its name" "it holds a line break" \
        --replies "$hostile_replies" --reasons "$hostile_reasons" "$@" --depfile deps.d
    [ ! -e "$tmp/names-tables/deps.d" ] || fail "a depfile was written although smtpgen failed"
done

# The checks can fail: pages with one injected request, element or
# attribute, or one changed character, must each be rejected. Each edit
# puts one value of the attacks tables back as it is in the table, or
# changes one character of it, and touches that value only.
man=$tmp/attacks/out/man/smtp-codes.7
twin_man=$tmp/attacks/twin/out/man/smtp-codes.7
page=$tmp/attacks/out/html/smtp-codes.html
twin_page=$tmp/attacks/twin/out/html/smtp-codes.html
broken_copy() {
    sed "$2" "$1" > "$tmp/broken"
    if cmp -s "$1" "$tmp/broken"; then
        fail "could not break a copy of $(basename "$1") with $2"
        return 1
    fi
}
# rejects KIND PAGE TWIN_PAGE EDIT...: check.py KIND must reject PAGE after
# each EDIT.
rejects() {
    kind=$1 good=$2 twin=$3
    shift 3
    for edit in "$@"; do
        broken_copy "$good" "$edit" || continue
        if python3 "$here/check.py" "$kind" "$tmp/broken" "$twin" \
                "$here/attacks/replies.csv" "$here/attacks/reasons.csv" \
                "$here/attacks/enhanced.csv" "$here/attacks/subcodes.csv" > /dev/null 2>&1; then
            fail "check.py $kind accepted a page edited with $edit"
        else
            pass
        fi
    done
}
# The replies and reasons, then each place of an enhanced value: a class's
# title (a request by dot, one by apostrophe with a font change), a
# subject's title in its heading (a comment that eats the rest of the
# line), a sample text (a backslash that joins the next line), a
# description (a request by apostrophe), a reference (a request), a
# deprecated row's reference (one character).
rejects man "$man" "$twin_man" \
    's/^\\&\.TH INJECTED 1 \\(dqa leading dot starts/.TH INJECTED 1 "a leading dot starts/' \
    's/^one \\e two/one \\\\ two/' 's/a leading apostrophe starts/a leading apostrophX starts/' \
    's/^\\efBbold\\efR/\\fBbold\\fR/' \
    's/^\\&\.TH INJECTED 1 \\(dqa class title/.TH INJECTED 1 "a class title/' \
    's/^\\&\\(aqbr a leading apostrophe, \\efBbold\\efR/'"'"'br a leading apostrophe, \\fBbold\\fR/' \
    's/^\(X\.0\.X .*\)\\(dqquotes\\(dq/\1\\"quotes"/' \
    's/^the sample text ends with a backslash\\e$/the sample text ends with a backslash\\/' \
    's/^\\&\\(aqbr a leading apostrophe in a description/'"'"'br a leading apostrophe in a description/' \
    's/^\\&\.SH INJECTED$/.SH INJECTED/' \
    's/a deprecated row without text/a deprecated row without texT/'
# The same for the HTML page: the replies and reasons, then an enhanced
# sample text (elements), a class's title (a script), a reference (a link),
# a description (a comment), a subject's title (an attribute on the element
# that holds it), a sample text in an attribute value (attributes), a
# deprecated row's reference (one character).
rejects html "$page" "$twin_page" \
    's/&lt;b&gt;bold&lt;\/b&gt; &lt;a href/<b>bold<\/b> \&lt;a href/' \
    's/<span class="detail">&lt;script/<span class="detail" onclick="x">\&lt;script/' \
    's/two leading blanks, a /two leading blankz, a /' \
    's/&lt;!-- not a comment --&gt;/<!-- not a comment -->/' \
    's/&lt;b&gt;bold&lt;\/b&gt; &lt;i&gt;x&lt;\/i&gt;/<b>bold<\/b> <i>x<\/i>/' \
    's/&lt;\/script&gt;&lt;script&gt;alert(&quot;class&quot;)&lt;\/script&gt;/<\/script><script>alert("class")<\/script>/' \
    's/&lt;a href=&quot;javascript:alert(2)&quot;&gt;RFC&lt;\/a&gt;/<a href="javascript:alert(2)">RFC<\/a>/' \
    's/&lt;!-- a comment? --&gt;/<!-- a comment? -->/' \
    's/>\([^<>]*{{title}} {{{name}}} {{&amp;code}}\)/ data-x="y">\1/' \
    's/="&quot; onmouseover=&quot;alert(1)&quot; x=&#39; y=` z=&gt;"/="" onmouseover="alert(1)" x='"'"' y=` z=>"/' \
    's/a deprecated row without text/a deprecated row without texT/'

echo "adversarial: $passed passed, $failed failed"
[ "$failed" = 0 ]
