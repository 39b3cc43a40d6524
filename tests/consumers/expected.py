#!/usr/bin/env python3
"""Prints what a consumer program must print for its tables, from the CSVs
alone. usage: expected.py bounce|relay REPLIES_CSV REASONS_CSV
[ENHANCED_CSV SUBCODES_CSV] (bounce only; default: the repository's data/)"""
import csv
import os
import sys


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


kind, replies, reasons = sys.argv[1], rows(sys.argv[2]), rows(sys.argv[3])
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
enhanced = rows(sys.argv[4] if len(sys.argv) > 4 else data + "/smtp-enhanced.csv")
subcodes = rows(sys.argv[5] if len(sys.argv) > 5 else data + "/smtp-enhanced-subcodes.csv")
title = {(s["kind"], int(s["code"])): s["title"] for s in subcodes}
by_code = {int(r["code"]): r for r in replies}
out = []
if kind == "bounce":
    for r in replies:
        code = int(r["code"])
        verdict = {4: "retry", 5: "bounce"}.get(code // 100, "ok")
        out.append(f"reply {code} {r['name']} {verdict} {r['description']}")
    for r in reasons:
        reply = by_code.get(int(r["code"]))
        meaning = reply["description"] if reply else "(no reply row)"
        out.append(f"reason {r['symbol']} {r['code']} {r['description']} | {meaning}")
    for e in enhanced:
        subject = int(e["subject"])
        note = " (deprecated)" if e["replaced_by"] else ""
        out.append(f"dsn 5.{subject}.{int(e['detail'])} {e['name']} {title[('class', 5)]} | "
                   f"{title[('subject', subject)]} | {e['text']}{note}")
else:
    seen = []
    for r in reasons:
        if r["symbol"] in seen:
            continue
        seen.append(r["symbol"])
        out.append(f"symbol {r['symbol']}")
        for s in reasons:
            if s["symbol"] == r["symbol"]:
                out.append(f"  {s['name']} {s['code']} {s['description']} | "
                           f"{by_code[int(s['code'])]['name']}")
sys.stdout.write("\n".join(out) + "\n")
