#!/usr/bin/env python3
"""Prints what tests/header/header_test.c must print for the given tables,
computed from the CSV files alone (Python's csv module, not smtpgen)."""
import csv
import hashlib
import os
import sys


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[1:]


def main():
    replies_path, reasons_path, version = sys.argv[1], sys.argv[2], sys.argv[3]
    replies = [(n, int(c), d) for n, c, d in read(replies_path)]
    reasons = [(n, s, int(c), d) for n, s, c, d in read(reasons_path)]
    out = []
    out.append(f"generator smtpgen {version} {version}")
    for role, path in (("replies", replies_path), ("reasons", reasons_path)):
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        out.append(f"{role} {os.path.basename(path)} {digest}")
    out.append(f"counts {len(replies)} {len(reasons)}")
    out += [f"X-reply {n} {c} {d}" for n, c, d in replies]
    out += [f"X-reason {n} {s} {c} {d}" for n, s, c, d in reasons]
    out += [f"reply {c} {n} {d}" for n, c, d in replies]
    by_code = {c: (n, d) for n, c, d in replies}
    for code in range(-1, 1001):
        if code in by_code:
            out.append(f"description {code} {by_code[code][1]}")
        out.append(f"class {code} {int(200 <= code <= 399)} {int(400 <= code <= 499)} "
                   f"{int(500 <= code <= 599)}")
    for i, (n, s, c, d) in enumerate(reasons):
        out.append(f"reason {i} {n} {s} {c} {d}")
        same_symbol = " ".join(str(k) for k, r in enumerate(reasons) if r[1] == s)
        same_code = " ".join(str(k) for k, r in enumerate(reasons) if r[2] == c)
        out.append(f"by-symbol {s} {same_symbol}")
        out.append(f"by-code {c} {same_code}")
    out.append("failures 0")
    sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))


main()
