#!/bin/sh
# Runs the Nu Html Checker on the generated page with --Werror, so that a
# warning fails as an error does, then shows that the check can fail: a copy
# with a duplicate id (an error) and a copy with a redundant script type (a
# warning) must both be rejected.
# usage: tests/check_html.sh [HTML]   (from the repository root)
set -eu
html=${1:-out/html/smtp-codes.html}
vnu=tests/node_modules/vnu-jar/build/dist/vnu.jar
if [ ! -f "$vnu" ]; then
    echo "check_html: $vnu is missing; run 'make deps'" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

java -jar "$vnu" --Werror "$html"

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
echo "html: $html passes the Nu Html Checker $(java -jar "$vnu" --version) with --Werror;" \
     "copies with a duplicate id or a redundant script type are rejected"
