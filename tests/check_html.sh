#!/bin/sh
# Checks the generated HTML page:
#  - the Nu Html Checker with --Werror, so that a warning fails as an error
#    does;
#  - tests/check_html_text.py: every row of the four CSVs (read with Python's
#    csv module) in its place in the page's text, with the cross-links both
#    ways between reply rows and enhanced codes, the subject groups, the
#    deprecation links, the counts line and the footer's digests;
# then does both for a page generated from hostile tables (markup, entities,
# quotes, tabs and non-ASCII text in every field that reaches the page) and
# for the page of tests/cases/custom-table (every optional column: since,
# deprecated with and without replaced_by, aliases, in any order),
# and shows that the checks can fail: copies with a duplicate id (an error)
# and a redundant script type (a warning) must be rejected by the checker,
# and copies with a description dropped, a cross-link dropped, a basic code's
# link dropped or a wrong count by the text check, and copies of the custom
# table's page with a deprecated row's class dropped, a since mark dropped,
# an alias's id dropped, a "use" added to a deprecation without replacement
# or a mark added to a row whose CSV row has none.
# usage: tests/check_html.sh [HTML [REPLIES REASONS ENHANCED SUBCODES]]
#        (from the repository root; SMTPGEN names the generator for the
#        hostile tables, default gen/smtpgen)
set -eu
html=${1:-out/html/smtp-codes.html}
replies=${2:-data/smtp-replies.csv}
reasons=${3:-data/smtp-reasons.csv}
enhanced=${4:-data/smtp-enhanced.csv}
subcodes=${5:-data/smtp-enhanced-subcodes.csv}
gen=${SMTPGEN:-gen/smtpgen}
vnu=tests/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$vnu" ]; then
    echo "check_html: $vnu is missing; run 'make deps'" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The hostile tables: every value that reaches the page is a trap for HTML.
python3 - "$tmp" <<'PY'
import csv, os, sys
tmp = sys.argv[1]
tables = {
    "replies.csv": (["name", "code", "description"], [
        ("MARKUP", "421", "<b>bold</b> & <i>italic</i> </td></tr> <!-- not a comment -->"),
        ("QUOTES", "550", "\"double\" and 'single' quotes, &amp; an entity, &lt; another"),
        ("SCRIPT", "554", "</script><script>alert(1)</script>\ta tab, caf\u00e9 \u2013 \u20ac"),
    ]),
    "reasons.csv": (["name", "symbol", "code", "description"], [
        ("ANGLE", "5XX_<ANGLE>", "550", "<p>a paragraph</p>"),
        ("AMP", "4XX_&AMP", "421", "&#39; is not an apostrophe here"),
    ]),
    "subcodes.csv": (["kind", "code", "name", "title"], [
        ("class", "5", "PERMANENT", "Permanent <Failure> & \"quoted\""),
        ("class", "2", "SUCCESS", "Success 'single'"),
        ("class", "4", "TRANSIENT", "</li></ul><h1>Transient</h1>"),
        ("subject", "12", "CUSTOM", "Custom <b>Status</b> \u2014 caf\u00e9"),
        ("subject", "0", "OTHER", "Other & \"undefined\""),
        ("subject", "7", "SECURITY", "Security</th></tr></tbody>"),
    ]),
    "enhanced.csv": (["name", "subject", "detail", "text", "basic_codes", "reference",
                      "deprecated", "replaced_by", "description"], [
        ("LIMIT", "12", "999", "Limit <reached> & \"quoted\"", "421 554 4XX",
         "[local] <a href=\"#x\">x</a>", "", "", "A custom code:\ta tab, ' and \" and &amp;."),
        ("OTHER", "0", "0", "<!-- sample -->", "", "[RFC3463] & more", "", "",
         "Other, with </td> inside."),
        ("DENIED", "7", "1", "Denied </a>", "550 551 5XX", "<ref>", "", "",
         "<script>alert('x')</script>"),
        ("OLD_LIMIT", "12", "7", "", "554 252", "[local]", "1.2", "LIMIT",
         "Use X.12.999 <instead>."),
    ]),
}
for name, (header, rows) in tables.items():
    with open(os.path.join(tmp, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
PY
if ! "$gen" --replies "$tmp/replies.csv" --reasons "$tmp/reasons.csv" \
        --enhanced "$tmp/enhanced.csv" --subcodes "$tmp/subcodes.csv" \
        --templates templates --out "$tmp/hostile" >"$tmp/smtpgen.log" 2>&1; then
    echo "check_html: $gen failed on the hostile tables:" >&2
    cat "$tmp/smtpgen.log" >&2
    exit 1
fi
hostile=$tmp/hostile/html/smtp-codes.html
c=tests/cases/custom-table
if ! "$gen" --replies "$c/replies.csv" --reasons "$c/reasons.csv" --enhanced "$c/enhanced.csv" \
        --subcodes "$c/subcodes.csv" --templates templates --out "$tmp/custom" \
        >"$tmp/smtpgen.log" 2>&1; then
    echo "check_html: $gen failed on $c:" >&2
    cat "$tmp/smtpgen.log" >&2
    exit 1
fi
custom=$tmp/custom/html/smtp-codes.html

java -jar "$vnu" --Werror "$html" "$hostile" "$custom"
python3 tests/check_html_text.py "$html" "$replies" "$reasons" "$enhanced" "$subcodes"
python3 tests/check_html_text.py "$hostile" "$tmp/replies.csv" "$tmp/reasons.csv" \
    "$tmp/enhanced.csv" "$tmp/subcodes.csv"
python3 tests/check_html_text.py "$custom" "$c/replies.csv" "$c/reasons.csv" "$c/enhanced.csv" \
    "$c/subcodes.csv"

# Copies the checker must reject.
sed 's/<main>/<main><p id="replies">duplicate<\/p>/' "$html" >"$tmp/duplicate-id.html"
sed 's/^<script>/<script type="text\/javascript">/' "$html" >"$tmp/script-type.html"
for broken in "$tmp/duplicate-id.html" "$tmp/script-type.html"; do
    if cmp -s "$html" "$broken"; then
        echo "check_html: could not break a copy as $(basename "$broken") describes" >&2
        exit 1
    fi
    if java -jar "$vnu" --Werror "$broken" 2>/dev/null; then
        echo "check_html: the checker accepted $(basename "$broken")" >&2
        exit 1
    fi
done

# Copies the text check must reject (each sed changes the first match only).
sed '0,/<span class="detail">[^<]*<\/span>/s//<span class="detail"><\/span>/' "$html" \
    >"$tmp/no-description.html"
sed '0,/<a href="#enhanced-[A-Z0-9_]*" title="[^"]*">X\.[0-9]*\.[0-9]*<\/a> /s///' "$html" \
    >"$tmp/no-cross-link.html"
sed '0,/<td class="basic"><a href="#reply-[A-Z0-9_]*">\([0-9]*\)<\/a>/s//<td class="basic"><span>\1<\/span>/' \
    "$html" >"$tmp/no-basic-link.html"
sed '/<output id="count"/s/ \([0-9]*\) enhanced codes/ 1\1 enhanced codes/' "$html" \
    >"$tmp/wrong-count.html"
# rejected PAGE "REPLIES REASONS ENHANCED SUBCODES" BROKEN...: each
# $tmp/BROKEN.html differs from PAGE and the text check (against those
# tables) refuses it.
rejected() {
    page=$1 tables=$2
    shift 2
    for broken in "$@"; do
        if cmp -s "$page" "$tmp/$broken.html"; then
            echo "check_html: could not break a copy as $broken describes" >&2
            exit 1
        fi
        # shellcheck disable=SC2086 # $tables is a word list on purpose
        if python3 tests/check_html_text.py "$tmp/$broken.html" $tables >/dev/null 2>&1; then
            echo "check_html: the text check accepted a copy of $page with $broken" >&2
            exit 1
        fi
    done
}
rejected "$html" "$replies $reasons $enhanced $subcodes" \
    no-description no-cross-link no-basic-link wrong-count
# The custom table's page, broken in its history marks.
sed '0,/ class="deprecated"/s///' "$custom" >"$tmp/no-deprecated-class.html"
sed '0,/ <span class="mark since">[^<]*<\/span>/s///' "$custom" >"$tmp/no-since.html"
sed '0,/<span class="mark alias" id="[^"]*">/s//<span class="mark alias">/' "$custom" \
    >"$tmp/no-alias-id.html"
sed '0,/\(<strong>Deprecated<\/strong> in [0-9.]*\)\.</s//\1; use TIMEOUT.</' "$custom" \
    >"$tmp/use-without-replacement.html"
sed '0,/\(<tr id="reason-TIMEOUT".*<span class="detail">[^<]*<\/span>\)/s//\1 <span class="mark since">Since 1.0.<\/span>/' \
    "$custom" >"$tmp/stray-since.html"
rejected "$custom" "$c/replies.csv $c/reasons.csv $c/enhanced.csv $c/subcodes.csv" \
    no-deprecated-class no-since no-alias-id use-without-replacement stray-since
echo "html: $html, a page of hostile tables and the custom table's page pass the" \
     "Nu Html Checker $(java -jar "$vnu" --version) with --Werror and the text check;" \
     "copies with a duplicate id, a redundant script type, a dropped description," \
     "cross-link or basic-code link, a wrong count, or broken history marks are rejected"
