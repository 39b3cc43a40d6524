#!/usr/bin/env python3
"""Compares smtp-codes.json with the CSV tables row by row, reading the CSVs
with Python's csv module (independently of smtpgen), by header name, so that
the optional columns since, deprecated, replaced_by and aliases may be absent
or in any order; every row's since, deprecated and replaced_by must be the
column's value or null (empty or absent), and its aliases the column split at
single spaces (an empty list when empty or absent).
usage: tests/check_json.py JSON REPLIES_CSV REASONS_CSV [ENHANCED_CSV SUBCODES_CSV]
(the last two default to the shipped data/smtp-enhanced.csv and
data/smtp-enhanced-subcodes.csv)"""
import csv
import hashlib
import json
import os
import sys

RFC5321_CLASS = {2: "Positive Completion", 3: "Positive Intermediate",
                 4: "Transient Negative Completion", 5: "Permanent Negative Completion"}
RFC5321_CATEGORY = {0: "Syntax", 1: "Information", 2: "Connections",
                    3: "Unspecified", 4: "Unspecified", 5: "Mail system"}


def rows(path):
    # By header name: the optional columns (since, deprecated, replaced_by,
    # aliases) may be absent or in any order after the required ones.
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def evolution(row):
    """The four table-evolution fields every row of the JSON carries: null
    for an empty or absent column, aliases split at single spaces."""
    aliases = row.get("aliases") or ""
    return {"since": row.get("since") or None, "deprecated": row.get("deprecated") or None,
            "replaced_by": row.get("replaced_by") or None,
            "aliases": aliases.split(" ") if aliases else []}


def main():
    json_path, replies_path, reasons_path = sys.argv[1:4]
    enhanced_path = sys.argv[4] if len(sys.argv) > 4 else "data/smtp-enhanced.csv"
    subcodes_path = sys.argv[5] if len(sys.argv) > 5 else "data/smtp-enhanced-subcodes.csv"
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    replies, reasons = rows(replies_path), rows(reasons_path)
    enhanced, subcodes = rows(enhanced_path), rows(subcodes_path)
    problems = []
    checked = 0

    def expect(ok, what):
        nonlocal checked
        checked += 1
        if not ok:
            problems.append(what)

    for role, path in (("replies", replies_path), ("reasons", reasons_path),
                       ("enhanced", enhanced_path), ("subcodes", subcodes_path)):
        src = doc["sources"][role]
        with open(path, "rb") as f:
            expect(src["sha256"] == hashlib.sha256(f.read()).hexdigest(), f"{role} sha256")
        expect(src["file"] == os.path.basename(path), f"{role} file name")
        with open(path, newline="", encoding="utf-8") as f:
            expect(src["rows"] == len(list(csv.reader(f))) - 1, f"{role} rows")
    expect(len(doc["replies"]) == len(replies), "reply count")
    expect(len(doc["reasons"]) == len(reasons), "reason count")
    reply_by_code = {}
    for i, (row, obj) in enumerate(zip(replies, doc["replies"])):
        code = int(row["code"])
        reply_by_code[code] = row["name"]
        want = {"name": row["name"], "code": code, "description": row["description"],
                "index": i, "class": code // 100, "class_name": RFC5321_CLASS[code // 100],
                "category": code // 10 % 10,
                "category_name": RFC5321_CATEGORY[code // 10 % 10],
                "transient": code // 100 == 4, "permanent": code // 100 == 5,
                "reasons": [r["name"] for r in reasons if int(r["code"]) == code],
                "enhanced": [e["name"] for e in enhanced
                             if str(code) in e["basic_codes"].split()], **evolution(row)}
        expect(obj == want, f"reply row {i + 2}: {obj} != {want}")
    for i, (row, obj) in enumerate(zip(reasons, doc["reasons"])):
        code = int(row["code"])
        want = {"name": row["name"], "symbol": row["symbol"], "code": code,
                "description": row["description"], "reply": reply_by_code.get(code),
                "index": i, **evolution(row)}
        expect(obj == want, f"reason row {i + 2}: {obj} != {want}")
    classes = [r for r in subcodes if r["kind"] == "class"]
    subjects = [r for r in subcodes if r["kind"] == "subject"]
    expect(doc["classes"] == [{"name": r["name"], "class": int(r["code"]), "title": r["title"]}
                              for r in classes], "classes")
    expect(doc["subjects"] == [{"name": r["name"], "subject": int(r["code"]),
                                "title": r["title"]} for r in subjects], "subjects")
    subject_name = {int(r["code"]): r["name"] for r in subjects}
    expect(len(doc["enhanced"]) == len(enhanced), "enhanced count")
    for i, (row, obj) in enumerate(zip(enhanced, doc["enhanced"])):
        basic = row["basic_codes"].split()
        want = {"name": row["name"], "code": f"X.{row['subject']}.{row['detail']}",
                "subject": int(row["subject"]), "detail": int(row["detail"]),
                "subject_name": subject_name[int(row["subject"])], "text": row["text"],
                "basic_codes": basic,
                "replies": [reply_by_code[int(c)] for c in basic
                            if "X" not in c and int(c) in reply_by_code],
                "reference": row["reference"], "description": row["description"],
                "index": i, **evolution(row)}
        expect(obj == want, f"enhanced row {i + 2}: {obj} != {want}")
    for p in problems[:20]:
        print("json:", p)
    print(f"json: {checked - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


sys.exit(main())
