#!/bin/sh
# Validates smtp-codes.json against smtp-codes.schema.json with ajv (the JSON
# Schema validator its users would run), then shows that the schema can fail
# by validating a copy with one wrong field.
# usage: tests/validate_json.sh [JSON SCHEMA]
set -eu
json=${1:-out/smtp-codes.json}
schema=${2:-out/smtp-codes.schema.json}
ajv=tests/node_modules/.bin/ajv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ajv" validate --spec=draft7 --strict=true --all-errors -s "$schema" -d "$json"
python3 - "$json" "$tmp/bad.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["reasons"][0]["code"] = 99
json.dump(doc, open(sys.argv[2], "w"))
PY
if "$ajv" validate --spec=draft7 --strict=true -s "$schema" -d "$tmp/bad.json" >/dev/null 2>&1; then
    echo "json schema: a reason with code 99 was accepted"
    exit 1
fi
echo "json schema: valid, and a broken copy is rejected"
