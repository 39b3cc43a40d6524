#!/bin/sh
# Validates smtp-codes.json against smtp-codes.schema.json with ajv (the JSON
# Schema validator its users would run), then shows that the schema can fail
# by validating copies with one wrong field each, one per part of it.
# usage: tests/validate_json.sh [JSON SCHEMA]
set -eu
json=${1:-out/smtp-codes.json}
schema=${2:-out/smtp-codes.schema.json}
ajv=tests/node_modules/.bin/ajv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ajv" validate --spec=draft7 --strict=true --all-errors -s "$schema" -d "$json"
# One broken copy per part of the schema: each must be rejected on its own.
python3 - "$json" "$tmp" <<'PY'
import copy, json, os, sys
doc = json.load(open(sys.argv[1]))
breaks = {
    "reason-code-99": lambda d: d["reasons"][0].__setitem__("code", 99),
    "enhanced-subject-1000": lambda d: d["enhanced"][0].__setitem__("subject", 1000),
    "enhanced-basic-6XX": lambda d: d["enhanced"][0].__setitem__("basic_codes", ["6XX"]),
    "enhanced-deprecated-1.": lambda d: d["enhanced"][0].__setitem__("deprecated", "1."),
    "enhanced-code-leading-zero": lambda d: d["enhanced"][0].__setitem__("code", "X.01.1"),
    "class-3": lambda d: d["classes"][0].__setitem__("class", 3),
    "subject-extra-key": lambda d: d["subjects"][0].__setitem__("extra", 1),
    "reply-enhanced-lowercase": lambda d: d["replies"][0].__setitem__("enhanced", ["x"]),
    # The table-evolution fields of every row (since, deprecated,
    # replaced_by, aliases): required, typed and patterned.
    "reply-since-1.": lambda d: d["replies"][0].__setitem__("since", "1."),
    "reply-since-number": lambda d: d["replies"][0].__setitem__("since", 1.0),
    "reply-aliases-lowercase": lambda d: d["replies"][0].__setitem__("aliases", ["old"]),
    "reply-aliases-missing": lambda d: d["replies"][0].pop("aliases"),
    "reason-deprecated-leading-zero": lambda d: d["reasons"][0].__setitem__("deprecated", "01.2"),
    "reason-since-ten-digits": lambda d: d["reasons"][0].__setitem__("since", "1234567890"),
    "reason-replaced-by-lowercase": lambda d: d["reasons"][0].__setitem__("replaced_by", "spam"),
    "reason-since-missing": lambda d: d["reasons"][0].pop("since"),
    "enhanced-aliases-twice": lambda d: d["enhanced"][0].__setitem__("aliases", ["OLD", "OLD"]),
    "enhanced-aliases-string": lambda d: d["enhanced"][0].__setitem__("aliases", "OLD"),
    "enhanced-since-empty": lambda d: d["enhanced"][0].__setitem__("since", ""),
    "enhanced-replaced-by-missing": lambda d: d["enhanced"][0].pop("replaced_by"),
}
for name, spoil in breaks.items():
    bad = copy.deepcopy(doc)
    spoil(bad)
    json.dump(bad, open(os.path.join(sys.argv[2], "bad-" + name + ".json"), "w"))
PY
for bad in "$tmp"/bad-*.json; do
    if "$ajv" validate --spec=draft7 --strict=true -s "$schema" -d "$bad" >/dev/null 2>&1; then
        echo "json schema: a broken copy was accepted: $(basename "$bad" .json | sed 's/^bad-//')"
        exit 1
    fi
done
echo "json schema: valid, and $(ls "$tmp"/bad-*.json | wc -l) broken copies are each rejected"
