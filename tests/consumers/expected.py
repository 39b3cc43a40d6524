#!/usr/bin/env python3
"""Prints what a consumer program must print for its tables, from the CSVs
alone. usage: expected.py bounce|relay REPLIES_CSV REASONS_CSV"""
import csv
import sys


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


kind, replies, reasons = sys.argv[1], rows(sys.argv[2]), rows(sys.argv[3])
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
