#!/usr/bin/env python3
"""Writes the gperf perfect hashes lookup_bench.c compares the header with:
gperf_codes.c (reply code in decimal -> reply index), gperf_names.c (reason
name -> reason index) and gperf_symbols.c (reason symbol -> index of the
first reason with it), each from a .gperf key file made from the CSVs.

Each file gets its own function, table and struct names and keeps gperf's
constants local (%enum), so that lookup_bench.c can #include all three.

usage: gperf_keys.py REPLIES_CSV REASONS_CSV OUT_DIR [GPERF]
"""
import csv
import os
import subprocess
import sys


def rows(path):
    """The rows as dicts by column name: optional columns (since,
    deprecated, replaced_by, aliases) may follow the required ones."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def key_file(what, field, pairs):
    """A gperf input: struct gperf_WHAT_entry {key; int FIELD;} and a line
    'key, value' per pair. Keys are the table's identifiers and symbols
    (no commas, quotes or blanks), so they need no quoting."""
    lines = [
        "%language=ANSI-C",
        "%struct-type",
        "%readonly-tables",
        "%enum",
        "%%define hash-function-name gperf_%s_hash" % what,
        "%%define lookup-function-name gperf_%s_lookup" % what,
        "%%define word-array-name gperf_%s_words" % what,
        "%define slot-name key",
        "%define initializer-suffix ,-1",
        "struct gperf_%s_entry { const char *key; int %s; };" % (what, field),
        "%%",
    ]
    lines += ["%s, %d" % (key, value) for key, value in pairs]
    lines.append("%%")
    return "\n".join(lines) + "\n"


def main():
    replies_csv, reasons_csv, out_dir = sys.argv[1:4]
    gperf = sys.argv[4] if len(sys.argv) > 4 else "gperf"
    replies = rows(replies_csv)
    reasons = rows(reasons_csv)
    first_with_symbol = {}
    for index, row in enumerate(reasons):
        first_with_symbol.setdefault(row["symbol"], index)
    inputs = {
        "codes": key_file("code", "reply",
                          [(row["code"], i) for i, row in enumerate(replies)]),
        "names": key_file("name", "reason",
                          [(row["name"], i) for i, row in enumerate(reasons)]),
        "symbols": key_file("symbol", "reason", first_with_symbol.items()),
    }
    os.makedirs(out_dir, exist_ok=True)
    for stem, text in inputs.items():
        source = os.path.join(out_dir, "gperf_%s.gperf" % stem)
        with open(source, "w", encoding="utf-8") as f:
            f.write(text)
        subprocess.run([gperf, "--output-file=" + os.path.join(out_dir, "gperf_%s.c" % stem),
                        source], check=True)


if __name__ == "__main__":
    main()
