#!/usr/bin/env python3
"""Writes into DIR a table whose keys have every length from 1 to 80 bytes:
reply names, reason names, reason symbols and enhanced code names (and an
alias of each length for the reasons). The header's lookups hash a key
differently below 8 bytes, from 8 to 24 and past 24 (a loop over 8-byte
words), and smtpgen computes the same hash in gen/doc.c to lay out the
tables: every length, in each of the three, is where the two could differ.
tests/header/check.sh then looks up every key and compares with the CSVs.
usage: tests/header/key_lengths.py DIR"""
import csv
import os
import sys

LONGEST = 80
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"


def key(length, first, shift):
    """A name of length bytes starting with first; shift varies the rest so
    that the tables' keys differ from one another beyond their length."""
    rest = "".join(ALPHABET[(i * 7 + shift) % len(ALPHABET)] for i in range(length - 1))
    return (first + rest).replace("__", "_Q")[:length]


def main():
    folder = sys.argv[1]
    lengths = range(1, LONGEST + 1)
    # Codes with a second digit 0-5, as the tables take them.
    codes = [c for c in range(200, 600) if c // 10 % 10 <= 5]
    replies = [(key(n, "R", 1), codes[n - 1], "Reply of a %d-byte name." % n) for n in lengths]
    reasons = []
    for n in lengths:
        code = codes[n - 1]
        symbol = (str(code // 100) + "XX_" + key(max(n - 4, 1), "S", 3))[:n]
        reasons.append((key(n, "N", 2), symbol, code, "Reason of %d bytes." % n,
                        key(n, "A", 4)))
    with open(os.path.join(folder, "replies.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "code", "description"])
        w.writerows([n, c, d] for n, c, d in replies)
    with open(os.path.join(folder, "reasons.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "symbol", "code", "description", "aliases"])
        w.writerows(reasons)
    with open(os.path.join(folder, "subcodes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerows([["kind", "code", "name", "title"], ["class", "2", "SUCCESS", "Success"],
                     ["class", "4", "TRANSIENT", "Transient"],
                     ["class", "5", "PERMANENT", "Permanent"],
                     ["subject", "1", "ADDRESSING", "Addressing"]])
    with open(os.path.join(folder, "enhanced.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "subject", "detail", "text", "basic_codes", "reference",
                    "deprecated", "replaced_by", "description"])
        w.writerows([key(n, "E", 5), "1", str(n), "Sample text.", "", "[RFC3463]", "", "",
                     "An enhanced code of a %d-byte name." % n] for n in lengths)


main()
